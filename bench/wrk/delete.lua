-- DELETE /v1/EndUsers/{Sid}, each SID of the TRUSTHUB_SIDS slice once, threads taking
-- disjoint shares. Should the slice run out, the SIDs repeat, and the 404s show up as non2xx
-- in the report: give the server enough records for the run.
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")
local sids, i, step = {}, 0, 1

function init(args)
   common.setup_headers()
   sids = common.load_sids()
   i = thread_index or 0
   step = tonumber(os.getenv("TRUSTHUB_WRK_THREADS") or "1")
end

function request()
   i = i + step
   return wrk.format("DELETE", "/v1/EndUsers/" .. sids[(i - 1) % #sids + 1])
end

setup = common.number_threads
done = common.done
