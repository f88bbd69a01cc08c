-- Freshness: each thread is one driver on one connection (run with -t N -c N) with a lot that
-- nobody else books. It books, reads the lot list, cancels, reads it again: a read that does
-- not show the driver's own change in that lot's `available_spots` is stale. The seeded window
-- bookings hold some of the lot's advance spots too, and which ones changes with the clock, on
-- quarter-hours only (their starts, ends and no-show deadlines all fall on one): so each read
-- is compared with the driver's previous read, one spot fewer after a booking and one more
-- after a cancel, when both were sent and answered within the same quarter-hour; `reads`
-- counts the reads so compared (not one after a quarter-hour turned). A first read before the
-- first booking is the first comparison's baseline.
counters = {"reads", "stale", "unexpected"}
dofile(os.getenv("BENCH_LUA") .. "/report.lua")

local expected = { first = 200, book = 201, booked = 200, cancel = 200, cancelled = 200 }
local following = {
  first = "book", book = "booked", booked = "cancel", cancel = "cancelled", cancelled = "book",
}

function init(args)
  token, vehicle, lot = driver_line()
  step, reads, stale, unexpected = "first", 0, 0, 0
end

local function quarter()
  return math.floor(os.time() / 900)
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
  read_sent = quarter()
  return wrk.format("GET", "/api/lots", headers)
end

-- The lot's free spots.
local function availability(body)
  for object in body:gmatch("%b{}") do
    if object:match('"id"%s*:%s*(%d+)') == lot then
      return tonumber(object:match('"available_spots"%s*:%s*(%d+)'))
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
  elseif step ~= "cancel" then
    local available, now = availability(body), quarter()
    if step == "first" then
      -- Only the baseline for the first booking's read.
    elseif available == nil then
      reads, stale = reads + 1, stale + 1
    elseif previous and previous.quarter == now and read_sent == now then
      reads = reads + 1
      if available ~= previous.available + (step == "booked" and -1 or 1) then
        stale = stale + 1
      end
    end
    previous = read_sent == now and available and { available = available, quarter = now } or nil
  end
  step = following[step]
end
