-- Freshness: each thread is one driver on one connection (run with -t N -c N) with a lot that
-- nobody else books. It books, reads the lot list, cancels, reads it again: a read that does
-- not show the driver's own change in that lot's `available_spots` is stale.
counters = {"reads", "stale", "unexpected"}
dofile(os.getenv("BENCH_LUA") .. "/report.lua")

local expected = { book = 201, booked = 200, cancel = 200, cancelled = 200 }
local following = { book = "booked", booked = "cancel", cancel = "cancelled", cancelled = "book" }

function init(args)
  token, vehicle, lot = driver_line()
  step, reads, stale, unexpected = "book", 0, 0, 0
end

function request()
  local headers = { ["Authorization"] = "Bearer " .. token }
  if step == "book" then
    headers["Content-Type"] = "application/json"
    local body = string.format('{"lot_id": %s, "vehicle_number": "%s"}', lot, vehicle)
    return wrk.format("POST", "/api/reservations", headers, body)
  elseif step == "cancel" then
    return wrk.format("POST", "/api/reservations/" .. reservation .. "/cancel", headers)
  end
  return wrk.format("GET", "/api/lots", headers)
end

-- The lot's free spots, and how many it would have with none of this driver's bookings.
local function availability(body)
  for object in body:gmatch("%b{}") do
    if object:match('"id"%s*:%s*(%d+)') == lot then
      return tonumber(object:match('"available_spots"%s*:%s*(%d+)')),
        tonumber(object:match('"total_spots"%s*:%s*(%d+)'))
    end
  end
end

function response(status, headers, body)
  if status ~= expected[step] then
    unexpected = unexpected + 1
    return
  end
  if step == "book" then
    reservation = body:match('"id"%s*:%s*(%d+)')
  elseif step == "booked" or step == "cancelled" then
    reads = reads + 1
    local available, total = availability(body)
    local mine = step == "booked" and 1 or 0
    if available == nil or available ~= total - mine then
      stale = stale + 1
    end
  end
  step = following[step]
end
