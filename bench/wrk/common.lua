-- Shared by the wrk scripts of bench/run.py. Settings come from the environment:
--   TRUSTHUB_AUTH       the Authorization header value ("Basic ...")
--   TRUSTHUB_SIDS       a file of end user SIDs, one a line
--   TRUSTHUB_SID_FROM, TRUSTHUB_SID_COUNT   the slice of that file to use (default: all)
--   TRUSTHUB_PAGE_TOKEN a page token for list.lua
--   TRUSTHUB_PAGE_SIZE  the PageSize of list.lua (default 50)
--   TRUSTHUB_COLLECTION the collection fetch.lua and list.lua read (default /v1/EndUsers)
--   TRUSTHUB_BUNDLES    a file of CustomerProfile SIDs, one a line, for assign.lua
-- Every script reports through done(): one JSON line on standard output.

local common = {}

function common.setup_headers()
   wrk.headers["Authorization"] = os.getenv("TRUSTHUB_AUTH")
   wrk.headers["Connection"] = nil  -- HTTP/1.1 keep-alive
end

function common.load_sids()
   local path = os.getenv("TRUSTHUB_SIDS")
   assert(path, "TRUSTHUB_SIDS is not set")
   local from = tonumber(os.getenv("TRUSTHUB_SID_FROM") or "0")
   local count = tonumber(os.getenv("TRUSTHUB_SID_COUNT") or "-1")
   local sids, n = {}, 0
   for line in io.lines(path) do
      if n >= from and (count < 0 or #sids < count) then
         sids[#sids + 1] = line
      end
      n = n + 1
   end
   assert(#sids > 0, "no SIDs in " .. path)
   return sids
end

-- Hands out thread numbers, so that threads can take disjoint shares of a list.
local next_thread = 0
function common.number_threads(thread)
   thread:set("thread_index", next_thread)
   next_thread = next_thread + 1
end

function common.done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      '{"requests":%d,"duration_us":%d,"bytes":%d,"non2xx":%d,"socket_errors":%d,' ..
      '"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d}\n',
      summary.requests, summary.duration, summary.bytes, e.status,
      e.connect + e.read + e.write + e.timeout,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end

return common
