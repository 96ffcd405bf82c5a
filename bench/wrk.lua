-- The load for every HTTP figure. wrk runs it in each of its threads; arguments after "--":
--   create <first> <threads>   POST /payouts/refunds, one refund for 1.00 on a distinct payment per request
--   payment <count>            GET /payouts/refunds?payment_id=... over payments 1..count
--   get                        GET the URL as given
-- Payment n has the id 00000000-0000-4000-8000-<n as 12 hex digits>: the driver seeds exactly those,
-- so no thread ever needs a shared list. Thread i takes first+i, first+i+threads, ...
local next_id = 0

function setup(thread)
  thread:set("thread_index", next_id)
  next_id = next_id + 1
end

local function payment_id(n)
  return string.format("00000000-0000-4000-8000-%012x", n)
end

function init(args)
  mode = args[1] or "get"
  sent = 0
  if mode == "create" then
    first = tonumber(args[2])
    threads = tonumber(args[3])
    wrk.headers["Content-Type"] = "application/json"
  elseif mode == "payment" then
    count = tonumber(args[2])
  else
    fixed = wrk.format(nil, wrk.path)
  end
end

function request()
  sent = sent + 1
  if mode == "create" then
    local n = first + thread_index + threads * (sent - 1)
    local body = '{"payment_id":"' .. payment_id(n) .. '","amount":1.00,"reason_code":"CUSTOMER_REQUEST"}'
    return wrk.format("POST", "/payouts/refunds", nil, body)
  elseif mode == "payment" then
    -- a stride prime to count visits every payment before any repeats
    local n = 1 + ((thread_index * 7919 + sent * 104729) % count)
    return wrk.format("GET", "/payouts/refunds?size=50&payment_id=" .. payment_id(n))
  end
  return fixed
end

-- One line the driver parses; latencies in microseconds.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"socket_errors":%d,"non2xx":%d,"p50_us":%d,"p95_us":%d,"p99_us":%d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
