-- GET /v1/EndUsers?PageSize=50 (or TRUSTHUB_PAGE_SIZE; TRUSTHUB_COLLECTION names another
-- collection's path), from the first page or, with TRUSTHUB_PAGE_TOKEN, from the page that
-- token names. One fixed request.
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

common.setup_headers()
wrk.method = "GET"
wrk.path = (os.getenv("TRUSTHUB_COLLECTION") or "/v1/EndUsers") .. "?PageSize=" ..
   (os.getenv("TRUSTHUB_PAGE_SIZE") or "50")
local token = os.getenv("TRUSTHUB_PAGE_TOKEN")
if token and token ~= "" then
   wrk.path = wrk.path .. "&Page=1&PageToken=" .. token
end

done = common.done
