-- POST /v1/CustomerProfiles/{Bundle}/EntityAssignments with ObjectSid={EndUser}: each request
-- a pair never assigned before (one object is assigned to one bundle once), the bundles of
-- TRUSTHUB_BUNDLES changing fastest, so that each holds few assignments, as bundles do. The
-- EndUsers are those of TRUSTHUB_SIDS; the pairs run out after bundles x end users requests.
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")
local bundles, users, i = {}, {}, 0

function init(args)
   common.setup_headers()
   wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
   users = common.load_sids()
   for line in io.lines(os.getenv("TRUSTHUB_BUNDLES")) do
      bundles[#bundles + 1] = line
   end
   assert(#bundles > 0, "no bundles")
end

function request()
   local b = i % #bundles
   local u = math.floor(i / #bundles) % #users
   i = i + 1
   return wrk.format("POST", "/v1/CustomerProfiles/" .. bundles[b + 1] .. "/EntityAssignments", nil,
                     "ObjectSid=" .. users[u + 1])
end

done = common.done
