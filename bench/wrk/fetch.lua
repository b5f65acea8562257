-- GET /v1/EndUsers/{Sid}, cycling through the SIDs of TRUSTHUB_SIDS from a random start; with
-- TRUSTHUB_COLLECTION (a path such as /v1/SupportingDocuments), records of that collection.
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")
local requests, i = {}, 0
local collection = os.getenv("TRUSTHUB_COLLECTION") or "/v1/EndUsers"

function init(args)
   common.setup_headers()
   for _, sid in ipairs(common.load_sids()) do
      requests[#requests + 1] = wrk.format("GET", collection .. "/" .. sid)
   end
   math.randomseed(os.time() + (thread_index or 0))
   i = math.random(#requests)
end

function request()
   i = i % #requests + 1
   return requests[i]
end

setup = common.number_threads
done = common.done
