-- Window bookings: each thread is one driver on one connection (run with -t N -c N) who books
-- a random window in a random lot (a quarter-hour start within the next 7 days, 1 to 4 hours
-- long, in +05:30 as the app's drivers write it), cancels it at once, and starts again; so a
-- driver never holds more than one booking (MAX_ACTIVE_RESERVATIONS is never the limit) and
-- the lots do not fill up. `booked`: bookings answered 201. A booking answered 409 (no advance
-- spot free for that window) is counted and another window tried; a cancel answered otherwise
-- than 200 is counted and tried again. `server_errors`: answers of 500 and up, any step.
counters = {"booked", "conflicts", "server_errors", "unexpected"}
dofile(os.getenv("BENCH_LUA") .. "/report.lua")

local QUARTER = 15 * 60
local OFFSET = 5 * 3600 + 30 * 60 -- +05:30

local function iso(epoch)
  return os.date("!%Y-%m-%dT%H:%M:%S", epoch + OFFSET) .. "+05:30"
end

function init(args)
  token, vehicle = driver_line()
  lots = {}
  for id in os.getenv("BENCH_LOT_IDS"):gmatch("%d+") do
    table.insert(lots, id)
  end
  math.randomseed(1000 + index)
  step, booked, conflicts, server_errors, unexpected = "book", 0, 0, 0, 0
end

function request()
  local headers = { ["Authorization"] = "Bearer " .. token }
  if step == "book" then
    headers["Content-Type"] = "application/json"
    local next_quarter = (math.floor(os.time() / QUARTER) + 1) * QUARTER
    local starts = next_quarter + QUARTER * math.random(0, 7 * 24 * 4 - 1)
    local ends = starts + QUARTER * math.random(4, 16)
    local body = string.format(
      '{"lot_id": %s, "vehicle_number": "%s", "starts_at": "%s", "ends_at": "%s"}',
      lots[math.random(#lots)], vehicle, iso(starts), iso(ends))
    return wrk.format("POST", "/api/reservations", headers, body)
  end
  return wrk.format("POST", "/api/reservations/" .. reservation .. "/cancel", headers)
end

function response(status, headers, body)
  if status >= 500 then
    server_errors = server_errors + 1
  end
  if step == "book" then
    if status == 201 then
      booked = booked + 1
      reservation = body:match('"id"%s*:%s*(%d+)')
      step = "cancel"
    elseif status == 409 then
      conflicts = conflicts + 1
    else
      unexpected = unexpected + 1
    end
  elseif status == 200 then
    step = "book"
  else
    unexpected = unexpected + 1
  end
end
