-- The booking cycle: each thread is one driver on one connection (run with -t N -c N) who
-- books the first free spot in a random lot, parks, releases, and starts again. A step that
-- gets another answer than the expected one is counted and tried again. `cycle_ms`: how long
-- each cycle took, from sending the booking to the answer of the release.
counters = {"cycles", "unexpected"}
samples = {"cycle_ms"}
dofile(os.getenv("BENCH_LUA") .. "/report.lua")

local expected = { book = 201, park = 200, release = 200 }
local following = { book = "park", park = "release", release = "book" }

function init(args)
  token, vehicle = driver_line()
  lots = {}
  for id in os.getenv("BENCH_LOT_IDS"):gmatch("%d+") do
    table.insert(lots, id)
  end
  math.randomseed(index)
  step, cycles, unexpected, cycle_ms = "book", 0, 0, {}
end

function request()
  local headers = { ["Authorization"] = "Bearer " .. token }
  if step == "book" then
    cycle_started = cycle_started or now_ms()
    headers["Content-Type"] = "application/json"
    local body = string.format('{"lot_id": %s, "vehicle_number": "%s"}',
      lots[math.random(#lots)], vehicle)
    return wrk.format("POST", "/api/reservations", headers, body)
  end
  return wrk.format("POST", "/api/reservations/" .. reservation .. "/" .. step, headers)
end

function response(status, headers, body)
  if status ~= expected[step] then
    unexpected = unexpected + 1
    return
  end
  if step == "book" then
    reservation = body:match('"id"%s*:%s*(%d+)')
  elseif step == "release" then
    cycles = cycles + 1
    table.insert(cycle_ms, string.format("%.1f", now_ms() - cycle_started))
    cycle_started = nil
  end
  step = following[step]
end
