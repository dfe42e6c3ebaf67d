-- wrk script: rotate request shapes read from a file, one per line, tab-separated:
--   METHOD  PATH  COOKIE  BODY
-- "__N__" in a body becomes a string unique to this request (thread and counter), so every
-- POST books someone new with a fresh idempotency token. Each shape carries its own signed-in
-- session cookie and the CSRF token that goes with it.
--   wrk -t2 -c50 -d5s -s benchmarks/rotate.lua http://127.0.0.1:8000 -- shapes.tsv
local shapes = {}
local counter = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  for line in io.lines(args[1]) do
    local method, path, cookie, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
    table.insert(shapes, { method, path, cookie, body })
  end
end

function request()
  counter = counter + 1
  local shape = shapes[(counter - 1) % #shapes + 1]
  local headers = {}
  local body = nil
  if shape[3] ~= "" then
    headers["Cookie"] = shape[3]
  end
  if shape[4] ~= "" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    body = (shape[4]:gsub("__N__", id .. "x" .. counter))
  end
  return wrk.format(shape[1], shape[2], headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, '
      .. '"status": %d, "timeout": %d, "p50_us": %d, "p99_us": %d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99)
  ))
end
