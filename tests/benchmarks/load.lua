-- wrk script for `make bench`: every request from another browser, so that every one is a new
-- visitor and really counted (tests/benchmarks/run.py); prints the figures as one JSON line.
-- Arguments: a run name, and a mode: "unique" gives every request an address of its own (a parameter
-- the page ignores), so that no page stored in memory is ever served again; "many" puts another
-- number in place of "{n}" in the path for every request (bench-30 … bench-9999: readers spread over
-- the whole archive, as on a real day), so that most answers are first renders.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  sent = 0
  answered = 0
  ok = 0
  run = args[1] or "0"
  unique = args[2] == "unique"
  many = args[2] == "many"
  serial = tonumber(args[3] or "0")
end

function request()
  sent = sent + 1
  local agent = string.format("Mozilla/5.0 (X11; Linux x86_64) Bench/%s.%d.%d", run, id, sent)
  local path = nil
  if unique then
    path = string.format("%s&bench=%s.%d.%d", wrk.path, run, id, sent)
  elseif many then
    local number = 30 + (id * 4993 + sent * 7919) % 9970
    path = string.gsub(wrk.path, "{n}", tostring(number))
    path = string.gsub(path, "{u}", string.format("%d", serial * 10000000 + id * 1000000 + sent))
  end
  return wrk.format("GET", path, { ["User-Agent"] = agent })
end

function response(status, headers, body)
  answered = answered + 1
  if status >= 200 and status < 300 then
    ok = ok + 1
  end
end

function done(summary, latency, requests)
  local s, a, o = 0, 0, 0
  for _, thread in ipairs(threads) do
    s = s + thread:get("sent")
    a = a + thread:get("answered")
    o = o + thread:get("ok")
  end
  io.write(string.format(
    'BENCH-JSON {"requests": %d, "duration_us": %d, "bytes": %d, "sent": %d, "answered": %d, "ok": %d, '
      .. '"errors": %d, "p50_us": %d, "p99_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, s, a, o,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
      + summary.errors.timeout,
    latency:percentile(50), latency:percentile(99)))
end
