-- Loaded by hapta-bench into every wrk run (wrk -s). wrk's own summary stays in the raw output; this adds
-- one machine-readable line with the same figures, so nothing has to parse wrk's human-readable units.
-- Latencies are in microseconds; "status" counts responses with a status of 400 or more.
-- HAPTA_BENCH_AUTHORIZATION, when set, is sent as the Authorization header of every request (the token of a
-- logged-in user), so that it never stands on a command line.

local authorization = os.getenv("HAPTA_BENCH_AUTHORIZATION")
if authorization ~= nil and authorization ~= "" then
  wrk.headers["Authorization"] = authorization
end

local function int(x)
  return math.floor(x + 0.5)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "hapta-bench-summary {\"requests\":%d,\"durationUs\":%d,\"bytes\":%d," ..
    "\"connectErrors\":%d,\"readErrors\":%d,\"writeErrors\":%d,\"statusErrors\":%d,\"timeouts\":%d," ..
    "\"p50Us\":%d,\"p90Us\":%d,\"p99Us\":%d,\"maxUs\":%d}\n",
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    int(latency:percentile(50)), int(latency:percentile(90)), int(latency:percentile(99)), int(latency.max)))
end
