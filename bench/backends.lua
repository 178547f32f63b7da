-- bench/backends.lua — durable progress reports for bench/backends.sh.
-- wrk -s bench/backends.lua URL -- IDS_FILE TOKEN
-- Each request reports on one of the unit's open assignments (IDS_FILE, one
-- id a line) as its officer (TOKEN), percent below 100 so that no report
-- completes its assignment.  Only 201 answers are counted: done() prints
-- "created N".
local threads = {}

function setup(thread)
	thread:set("tid", #threads)
	table.insert(threads, thread)
end

function init(args)
	ids, n = {}, 0
	for line in io.lines(args[1]) do n = n + 1; ids[n] = line end
	token = args[2]
	counter = (tid or 0) * 7919
	created = 0
end

function request()
	counter = counter + 1
	local id = ids[(counter % n) + 1]
	local body = '{"percent": ' .. (1 + counter % 98) ..
		', "note": "Báo cáo tiến độ (benchmark)", "reporter_note": "bench"}'
	return wrk.format("POST", "/api/v1/assignments/" .. id .. "/reports",
		{["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end

function response(status, headers, body)
	if status == 201 then created = created + 1 end
end

function done(summary, latency, requests)
	local total = 0
	for _, t in ipairs(threads) do total = total + t:get("created") end
	io.write(string.format("created %d\n", total))
end
