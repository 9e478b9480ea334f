-- wrk script: every connection files requests the way a browser does
-- (blank form, save for review, review page, signed submit; the same mix as
-- bench/forms_bench.py) so that the forms benchmark loads the portal with the
-- same light client as the page benchmark. One connection per wrk thread:
-- each thread's Lua state then follows exactly one browser's steps.
--
--   wrk -t8 -c8 -d20s -s bench/forms_load.lua http://127.0.0.1:PORT/ -- "Basic <base64>" CLOCK [NAME]
--
-- At the end it prints "HRFORMS <filings> <errors>" and "HRLATENCY <ms>..."
-- (one latency per completed filing); bench/forms_bench.py reads them. A 303 is the only
-- answer to a save or a submit that counts: anything else is an error and
-- the thread starts a new filing.

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } hr_timespec;
int clock_gettime(int clk_id, hr_timespec *tp);
]]
local ts = ffi.new("hr_timespec")
local function now_ms()
	ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
	return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local MIX = {
	{ "leave", { leave_type = "annual", start_date = "2027-02-01", end_date = "2027-02-02", hours = "15" } },
	{ "leave", { leave_type = "sick", start_date = "2027-01-04", end_date = "2027-01-04", hours = "7.5" } },
	{ "leave", { leave_type = "voting", start_date = "2027-11-02", end_date = "2027-11-02", hours = "4" } },
	{ "fmla", { start_date = "2027-03-01", end_date = "2027-04-01", schedule = "continuous", reason = "birth",
		service_months = "30", hours = "1500", paid_leave = "concurrent" } },
	{ "grievance", { job_classification = "Analyst", occurred_on = "2027-01-02", subject_is_supervisor = "0",
		statement = string.rep("The schedule posted on 2027-01-02 gave me every weekend shift. ", 4),
		remedy = "Rotate weekend shifts fairly." } },
}

local function urlencode(s)
	return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function encode(fields)
	local parts = {}
	for k, v in pairs(fields) do
		parts[#parts + 1] = urlencode(k) .. "=" .. urlencode(v)
	end
	return table.concat(parts, "&")
end

-- The hidden fields of the form posting to action (the portal's forms carry
-- csrf and idem).
local function hidden_fields(body, action)
	local at = body:find('action="' .. action .. '"', 1, true)
	if not at then return nil end
	local fields = {}
	local stop = body:find("</form>", at, true) or #body
	local form = body:sub(at, stop)
	for name, value in form:gmatch('<input type="hidden" name="([%w_]+)" value="([^"]*)"') do
		fields[name] = value
	end
	return fields
end

local threads = {}
local counter = 0
function setup(thread)
	counter = counter + 1
	thread:set("id", counter)
	threads[#threads + 1] = thread
end

local auth, clock
local step, filing, rid, fields, started
-- Globals, not locals: done() reads them with thread:get().
filings, errors = 0, 0
latencies = {}

function init(args)
	auth = args[1] -- the Authorization header's value
	clock = args[2] or "2027-01-04T10:00:00"
	signer = args[3] or "Jane Doe" -- the name the user signs with
	step, filing = 0, id % #MIX
end

local function headers(form)
	local h = { ["Authorization"] = auth, ["X-Hrportal-Now"] = clock }
	if form then h["Content-Type"] = "application/x-www-form-urlencoded" end
	return h
end

function request()
	local key, answers = MIX[filing + 1][1], MIX[filing + 1][2]
	if step == 0 then
		started = now_ms()
		return wrk.format("GET", "/forms/" .. key .. "/new", headers(false))
	elseif step == 1 then
		local body = {}
		for k, v in pairs(fields) do body[k] = v end
		for k, v in pairs(answers) do body[k] = v end
		body.action = "review"
		return wrk.format("POST", "/forms/" .. key, headers(true), encode(body))
	elseif step == 2 then
		return wrk.format("GET", "/requests/" .. rid .. "/review", headers(false))
	else
		fields.signature = signer
		return wrk.format("POST", "/requests/" .. rid .. "/submit", headers(true), encode(fields))
	end
end

local function restart()
	errors = errors + 1
	step = 0
end

function response(status, hdrs, body)
	local key = MIX[filing + 1][1]
	if step == 0 then
		fields = status == 200 and hidden_fields(body, "/forms/" .. key)
		if not fields then return restart() end
		step = 1
	elseif step == 1 then
		local loc = status == 303 and hdrs["Location"] or ""
		rid = loc:match("^/requests/(%d+)/review$")
		if not rid then return restart() end
		step = 2
	elseif step == 2 then
		fields = status == 200 and hidden_fields(body, "/requests/" .. rid .. "/submit")
		if not fields then return restart() end
		step = 3
	else
		if status ~= 303 or hdrs["Location"] ~= "/requests/" .. rid then return restart() end
		filings = filings + 1
		latencies[#latencies + 1] = now_ms() - started
		step, filing = 0, (filing + 1) % #MIX
	end
end

-- Runs in the main Lua state: the threads' figures come through get().
function done(summary, latency, requests)
	local all, n, bad = {}, 0, 0
	for _, t in ipairs(threads) do
		n = n + t:get("filings")
		bad = bad + t:get("errors")
		for _, v in ipairs(t:get("latencies")) do all[#all + 1] = string.format("%.2f", v) end
	end
	io.write(string.format("HRFORMS %d %d\n", n, bad))
	io.write("HRLATENCY ", table.concat(all, " "), "\n")
end
