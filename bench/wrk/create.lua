-- POST /v1/EndUsers with the six-field attributes of an authorized representative, as the
-- Node SDK encodes them. One fixed request: every create makes a new record.
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

common.setup_headers()
wrk.method = "POST"
wrk.path = "/v1/EndUsers"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "FriendlyName=Rep%2042&Type=authorized_representative_1&Attributes=" ..
   "%7B%22first_name%22%3A%22Ada42%22%2C%22last_name%22%3A%22Lovelace%22%2C%22email%22%3A" ..
   "%22ada42%40example.com%22%2C%22phone_number%22%3A%22%2B14155550100%22%2C%22business_title%22%3A" ..
   "%22Director%22%2C%22job_position%22%3A%22CEO%22%7D"

done = common.done
