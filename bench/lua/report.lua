-- Shared by every bench script: numbers each thread (`index`, from 1) and, when wrk is done,
-- prints one JSON line for bench/load.py with the totals, latency percentiles, the sum over
-- threads of each global named in `counters` and every value of each list named in `samples`
-- (lists of numbers written as strings: wrk copies those whole between threads).
local threads = {}
local ffi = require("ffi")
ffi.cdef([[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *now);
]])
local clock = ffi.new("bench_timespec")

-- Milliseconds on the monotonic clock.
function now_ms()
  ffi.C.clock_gettime(1, clock)
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

function setup(thread)
  table.insert(threads, thread)
  thread:set("index", #threads)
end

function done(summary, latency, requests)
  local sums = {}
  for _, name in ipairs(counters or {}) do
    local sum = 0
    for _, thread in ipairs(threads) do
      sum = sum + (thread:get(name) or 0)
    end
    table.insert(sums, string.format('"%s": %d', name, sum))
  end
  local lists = {}
  for _, name in ipairs(samples or {}) do
    local values = {}
    for _, thread in ipairs(threads) do
      for _, value in ipairs(thread:get(name) or {}) do
        table.insert(values, value)
      end
    end
    table.insert(lists, string.format('"%s": [%s]', name, table.concat(values, ", ")))
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "max_us": %d, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, '
      .. '"counters": {%s}, "samples": {%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.max, e.connect, e.read, e.write, e.status, e.timeout, table.concat(sums, ", "),
    table.concat(lists, ", ")))
end

-- The `index`-th line of the drivers file: access token, vehicle number, lot id.
function driver_line()
  local n = 0
  for line in io.lines(os.getenv("BENCH_DRIVERS")) do
    n = n + 1
    if n == index then
      return line:match("(%S+) (%S+) (%d+)")
    end
  end
  error("no line " .. index .. " in " .. os.getenv("BENCH_DRIVERS"))
end
