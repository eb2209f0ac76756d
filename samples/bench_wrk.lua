-- The wrk script samples/bench.py runs: wrk -s samples/bench_wrk.lua URL [-- METHOD CONTENT-TYPE BODY]
-- With no arguments every request is wrk's default GET; with them, every request is that method
-- with that body (create-user posts one valid user). When wrk is done, one line starting with
-- "PICKWISE-WRK " gives the exact figures as JSON (latencies in microseconds), so nothing has to be
-- read back from wrk's rounded summary.

function init(args)
  if args[1] ~= nil then
    wrk.method = args[1]
    wrk.headers["Content-Type"] = args[2]
    wrk.body = args[3]
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'PICKWISE-WRK {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, ' ..
    '"write": %d, "timeout": %d, "status": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, ' ..
    '"mean_us": %.1f, "max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean, latency.max))
end
