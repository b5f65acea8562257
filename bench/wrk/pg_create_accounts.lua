-- POST /v1/EndUsers as create.lua does, but each request for the next of several accounts in
-- turn: TRUSTHUB_AUTHS holds their Authorization header values, separated by commas. The
-- PostgreSQL store serializes the creates of one account until they commit; spread over
-- accounts, creates may commit together.
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")
local requests, i = {}, 0
local body = "FriendlyName=Rep%2042&Type=authorized_representative_1&Attributes=" ..
   "%7B%22first_name%22%3A%22Ada42%22%2C%22last_name%22%3A%22Lovelace%22%2C%22email%22%3A" ..
   "%22ada42%40example.com%22%2C%22phone_number%22%3A%22%2B14155550100%22%2C%22business_title%22%3A" ..
   "%22Director%22%2C%22job_position%22%3A%22CEO%22%7D"

function init(args)
   common.setup_headers()
   local auths = os.getenv("TRUSTHUB_AUTHS")
   assert(auths, "TRUSTHUB_AUTHS is not set")
   for auth in auths:gmatch("[^,]+") do
      -- wrk.format uses the headers it is given instead of wrk.headers, not beside them.
      local headers = {["Content-Type"] = "application/x-www-form-urlencoded", ["Authorization"] = auth}
      requests[#requests + 1] = wrk.format("POST", "/v1/EndUsers", headers, body)
   end
   i = thread_index or 0
end

function request()
   i = i % #requests + 1
   return requests[i]
end

setup = common.number_threads
done = common.done
