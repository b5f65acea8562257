-- POST /v1/EndUsers/{Sid} changing FriendlyName and the whole Attributes object, as the Node
-- SDK encodes them, cycling through the SIDs of TRUSTHUB_SIDS.
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")
local requests, i = {}, 0
local body = "FriendlyName=Rep%20Updated&Attributes=" ..
   "%7B%22first_name%22%3A%22Grace%22%2C%22last_name%22%3A%22Hopper%22%2C%22email%22%3A" ..
   "%22grace%40example.com%22%2C%22phone_number%22%3A%22%2B14155550101%22%2C%22business_title%22%3A" ..
   "%22Director%22%2C%22job_position%22%3A%22CEO%22%7D"

function init(args)
   common.setup_headers()
   -- wrk.format uses the headers it is given instead of wrk.headers, not beside them.
   local headers = {["Content-Type"] = "application/x-www-form-urlencoded"}
   for name, value in pairs(wrk.headers) do
      headers[name] = value
   end
   for _, sid in ipairs(common.load_sids()) do
      requests[#requests + 1] = wrk.format("POST", "/v1/EndUsers/" .. sid, headers, body)
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
