#!/bin/sh
# bench/run.sh — every benchmark of cchc (`make bench` runs it).
#
#  1. builds ./cchc and the bench programs (release flags, default BUILD);
#  2. runs every bench program that needs no arguments (bench_calendar, ...);
#  3. builds the national dataset under build/bench-data/ once, or reuses it,
#     and measures it in process (bench_national);
#  4. serves a copy of it with `cchc serve` (durable, as in production) and
#     measures over loopback: one unit's page under wrk beside the bare
#     responder serving the very same bytes, the dashboard's latency, durable
#     progress reports per second from concurrent clients, the peak RSS;
#  5. prints every figure in one table with the targets of issue 2;
#  6. the same on SQLite and PostgreSQL (bench/backends.sh);
#  7. the unit page on a slow link in Chromium (bench/slowlink.sh).
#
# Everything talks to 127.0.0.1 only; every loop and run is bounded.
# Environment: BENCH_DURATION (wrk seconds, default 10), BENCH_REBUILD=1 to
# build the dataset again.
set -u
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
build=build
bench=$build/bench
data=$build/bench-data
work=$data/run
dur=${BENCH_DURATION:-10}
mkdir -p "$work" || exit 1
figs=$work/figures.txt
: >"$figs"
pids=""

say() { printf '%s\n' "$*"; }
fig() { printf '%s %s\n' "$1" "$2" >>"$figs"; }	# NAME VALUE
# get NAME [DECIMALS]: a figure from this run, "-" when missing.
get() {
	awk -v k="$1" -v d="${2:-}" '$1 == k { v = $2 } END {
		if (v == "") print "-"; else if (d == "") print v; else printf "%.*f\n", d, v }' \
		"$figs" "$work/inproc.txt" 2>/dev/null
}

cleanup() {
	for p in $pids; do
		kill -TERM "$p" 2>/dev/null && wait "$p" 2>/dev/null
	done
	pids=""
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

# ---- 1. build ----------------------------------------------------------------
say "== build (release)"
make --no-print-directory all bench-bins >"$work/make.log" 2>&1 || { cat "$work/make.log"; exit 1; }
for tool in wrk curl; do
	command -v $tool >/dev/null || { say "run.sh: $tool is missing: tools/deps.sh bench"; exit 1; }
done

# ---- 2. the small benchmarks ---------------------------------------------------
: >"$work/others.txt"
for b in "$bench"/bench_*; do
	[ -x "$b" ] || continue
	name=$(basename "$b")
	case $name in
	bench_bare | bench_national) continue ;;	# need arguments; run below
	esac
	say "== $name"
	timeout 600 "$b" 2>&1 | tee -a "$work/others.txt"
done

# ---- 3. the national dataset, in process ---------------------------------------
say "== bench_national (in process)"
[ "${BENCH_REBUILD:-0}" = 1 ] && rm -f "$data/national.db" "$data/national.db-wal" "$data/national.db-shm"
"$bench/bench_national" --db "$data/national.db" --reuse --figures "$work/inproc.txt" \
	--ids "$work/ids.txt" || exit 1
as_of=$(awk '$1 == "as_of_text" { print $2 }' "$work/inproc.txt")
province=$(get province_id)
unit=$(get commune_id)

# A fresh copy for the server, so that the reports written below never pile
# up in the dataset that the next run reuses.
rm -f "$work/serve.db" "$work/serve.db-wal" "$work/serve.db-shm"
cp "$data/national.db" "$work/serve.db" || exit 1
[ -f "$data/national.db-wal" ] && cp "$data/national.db-wal" "$work/serve.db-wal"
# Write the copy out now: otherwise the first durable commits (fsync) wait
# for the kernel to flush hundreds of MB of it (measured: 334 reports/s
# instead of 3,000 right after the copy).
sync "$work/serve.db" 2>/dev/null || sync

# Every request is signed: an admin token reads, and an officer of the
# measured commune reports on its own open assignments.
printf 'Bench-root-secret-%s\n' "$$" >"$work/adminpw"
./cchc init --db "$work/serve.db" --admin-password-file "$work/adminpw" >"$work/init.log" 2>&1 ||
	{ cat "$work/init.log"; exit 1; }
admin_token=$(./cchc token create --db "$work/serve.db" --user admin --label bench) || exit 1

# ---- helpers -----------------------------------------------------------------
# start NAME LOG CMD...: starts a server, waits (60 s at most) for its
# "listening on http://127.0.0.1:PORT" line; sets $pid and $port.
start() {
	sname=$1 slog=$2
	shift 2
	"$@" >"$slog" 2>&1 &
	pid=$!
	pids="$pids $pid"
	port=""
	i=0
	while [ $i -lt 600 ]; do
		port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9][0-9]*\).*|\1|p' "$slog" | head -n 1)
		[ -n "$port" ] && return 0
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
		i=$((i + 1))
	done
	say "run.sh: $sname did not start:"
	cat "$slog"
	exit 1
}

stop() { # PID
	kill -TERM "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	rest=""
	for p in $pids; do
		[ "$p" = "$1" ] || rest="$rest $p"
	done
	pids=$rest
}

now_ms() { date +%s%3N; }

# wrk_rps URL [wrk options...]: prints requests/s; keeps the output in $work.
wrk_run() {
	url=$1
	shift
	wrk --timeout 5s -d"${dur}s" "$@" "$url" >"$work/wrk.txt" 2>&1
	cat "$work/wrk.txt" >>"$work/wrk-all.txt"
	sed 's/^/    /' "$work/wrk.txt"
}
wrk_rps() { awk '/^Requests\/sec:/ { print $2 }' "$work/wrk.txt"; }
wrk_total() { awk '/ requests in / { print $1 }' "$work/wrk.txt"; }
wrk_secs() { awk '/ requests in / { s = $4; sub(/s,?$/, "", s); print s }' "$work/wrk.txt"; }
wrk_bad() { awk '/Non-2xx or 3xx responses:/ { n = $NF } END { print n + 0 }' "$work/wrk.txt"; }
wrk_errors() { awk '/Socket errors:/ { n = 0; for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) n += $i; print n }' "$work/wrk.txt"; }

# latency URL RUNS: curl's time_total over RUNS calls -> "median p95" in ms.
latency() {
	: >"$work/lat.txt"
	i=0
	while [ $i -lt "$2" ]; do
		curl -s -o /dev/null --max-time 10 -H "Authorization: Bearer $admin_token" -w '%{time_total}\n' "$1" >>"$work/lat.txt"
		i=$((i + 1))
	done
	sort -n "$work/lat.txt" | awk '{ a[NR] = $1 } END {
		m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
		p = int(NR * 0.95 + 0.5); if (p < 1) p = 1
		printf "%.2f %.2f\n", m * 1000, a[p] * 1000 }'
}

# report.lua is written once the officer's token exists (below).
write_report_lua() {
cat >"$work/report.lua" <<EOF
-- Durable progress reports from many connections: each request reports on
-- an open assignment (ids from bench_national), percent below 100 so that
-- no report completes its assignment and every one is accepted.
local path = "$top/$work/ids.txt"
local ids, n, counter = {}, 0, 0
local next_thread = 0
function setup(thread)
	thread:set("tid", next_thread)
	next_thread = next_thread + 1
end
function init(args)
	for line in io.lines(path) do n = n + 1; ids[n] = line end
	counter = (tid or 0) * 7919
end
function request()
	counter = counter + 1
	local id = ids[(counter % n) + 1]
	local body = '{"percent": ' .. (1 + counter % 98) ..
		', "note": "Báo cáo tiến độ (benchmark)", "reporter": "bench"}'
	return wrk.format("POST", "/api/v1/assignments/" .. id .. "/reports",
		{["Content-Type"] = "application/json", ["Authorization"] = "Bearer $officer_token"}, body)
end
EOF
}

# ---- 4. over HTTP, with 2 and then 4 server threads ------------------------------
: >"$work/wrk-all.txt"
for threads in 2 4; do
	say "== cchc serve --threads $threads (durable: synchronous=FULL)"
	t0=$(now_ms)
	start "cchc serve" "$work/serve-$threads.log" ./cchc serve --db "$work/serve.db" --no-scheduler \
		--listen 127.0.0.1:0 --threads "$threads"
	cchc_pid=$pid cchc_port=$port
	fig "serve_start_ms_t$threads" $(($(now_ms) - t0))
	base="http://127.0.0.1:$cchc_port"

	if [ -z "${officer_token:-}" ]; then
		code=$(curl -s -H "Authorization: Bearer $admin_token" "$base/api/v1/units/$unit" | sed -n 's/.*"code":"\([^"]*\)".*/\1/p')
		printf 'Reporting-key-%s-x\n' "$$" >"$work/officerpw"
		./cchc user add bench.officer --db "$work/serve.db" --unit "$code" --role unit_officer \
			--password-file "$work/officerpw" >/dev/null || exit 1
		officer_token=$(./cchc token create --db "$work/serve.db" --user bench.officer) || exit 1
		# Its open assignments, for the durable reports.
		for st in not_started in_progress overdue; do
			curl -s -H "Authorization: Bearer $admin_token" \
				"$base/api/v1/assignments?unit=$unit&status=$st&limit=500&as_of=$as_of" |
				grep -o '"id":[0-9]*,"task_id"' | sed 's/"id":\([0-9]*\),.*/\1/'
		done >"$work/ids.txt"
		say "    the officer of unit $unit ($code) reports on $(wc -l <"$work/ids.txt") open assignments"
		write_report_lua
	fi
	page="$base/api/v1/assignments?unit=$unit&limit=50&as_of=$as_of"
	code=$(curl -s -o "$work/page.json" -H "Authorization: Bearer $admin_token" -w '%{http_code}' --max-time 10 "$page")
	[ "$code" = 200 ] || { say "run.sh: $page answered $code"; cat "$work/page.json"; exit 1; }
	fig page_bytes "$(wc -c <"$work/page.json")"

	start "bare responder" "$work/bare-$threads.log" "$bench/bench_bare" "$work/page.json" \
		--threads "$threads"
	bare_pid=$pid bare_port=$port

	say "-- wrk -t2 -c64: the bare responder ($threads threads), $(wc -c <"$work/page.json") bytes"
	wrk_run "http://127.0.0.1:$bare_port/api/v1/assignments" -t2 -c64
	bare=$(wrk_rps)
	say "-- wrk -t2 -c64: GET /api/v1/assignments?unit=$unit&limit=50 (cchc, $threads threads)"
	wrk_run "$page" -t2 -c64 -H "Authorization: Bearer $admin_token"
	cchc=$(wrk_rps)
	[ "$(wrk_bad)" = 0 ] || say "run.sh: WARNING: $(wrk_bad) answers were not 2xx"
	stop "$bare_pid"
	fig "bare_rps_t$threads" "$bare"
	fig "page_rps_t$threads" "$cchc"
	fig "page_ratio_t$threads" "$(awk -v a="$cchc" -v b="$bare" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"

	if [ "$threads" = 2 ]; then
		say "-- dashboard latency over HTTP (curl time_total, 21 calls each)"
		read -r med p95 <<EOF
$(latency "$base/api/v1/dashboard?as_of=$as_of" 21)
EOF
		fig http_dash_national_median_ms "$med"
		fig http_dash_national_p95_ms "$p95"
		fig http_dash_national_bytes "$(curl -s --max-time 10 -H "Authorization: Bearer $admin_token" "$base/api/v1/dashboard?as_of=$as_of" | wc -c)"
		say "    national: median $med ms, p95 $p95 ms"
		read -r med p95 <<EOF
$(latency "$base/api/v1/dashboard?as_of=$as_of&limit=20" 21)
EOF
		fig http_dash_national20_median_ms "$med"
		say "    national, worst 20 units (limit=20): median $med ms"
		read -r med p95 <<EOF
$(latency "$base/api/v1/dashboard?as_of=$as_of&root=$province" 21)
EOF
		fig http_dash_province_median_ms "$med"
		fig http_dash_province_p95_ms "$p95"
		say "    one province (root=$province): median $med ms, p95 $p95 ms"
		read -r med p95 <<EOF
$(latency "$page" 21)
EOF
		fig http_page_median_ms "$med"
		say "    one unit's page: median $med ms"
	fi

	say "-- durable progress reports: wrk -t2 -c16, POST /api/v1/assignments/ID/reports"
	wrk_run "$base" -t2 -c16 -s "$work/report.lua"
	total=$(wrk_total) secs=$(wrk_secs) bad=$(wrk_bad) errs=$(wrk_errors)
	ok=$((total - bad))
	fig "reports_per_s_t$threads" "$(awk -v n="$ok" -v s="$secs" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')"
	fig "reports_failed_t$threads" "$((bad + ${errs:-0}))"
	if [ "$bad" != 0 ]; then
		say "run.sh: WARNING: $bad reports were refused; one answer:"
		curl -s --max-time 10 -H 'Content-Type: application/json' -H "Authorization: Bearer $officer_token" \
			-d '{"percent": 5, "note": "x", "reporter": "bench"}' \
			"$base/api/v1/assignments/$(head -n 1 "$work/ids.txt")/reports"
		echo
	fi

	hwm=$(awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$cchc_pid/status")
	fig "serve_peak_rss_mb_t$threads" "$hwm"
	say "-- peak RSS of cchc serve --threads $threads: $hwm MB"
	stop "$cchc_pid"
done

# ---- 5. the table ----------------------------------------------------------------
verdict() { # VALUE OP LIMIT -> ok / MISSED
	awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {
		if (v == "-" || v == "") { print "?"; exit }
		ok = op == "<" ? v + 0 < l + 0 : v + 0 >= l + 0
		print ok ? "ok" : "MISSED" }'
}
row() { printf '%-58s %14s   %-16s %s\n' "$1" "$2" "$3" "$4"; }
rps_row() { # LABEL THREADS
	r=$(get "page_ratio_t$2")
	row "$1" "$(get "page_rps_t$2" 0) req/s" ">= 0.5 x bare" "$(verdict "$r" '>=' 0.5)"
	row "  bare responder, same bytes ($2 threads)" "$(get "bare_rps_t$2" 0) req/s" "" ""
	row "  ratio" "$r" "" ""
}

say ""
say "== results ($(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) cores; dataset as of $as_of)"
row "figure" "measured" "target" ""
row "------" "--------" "------" ""
b=$(get build_s)
if [ "$b" = "-1" ]; then row "build the dataset" "reused" "" ""; else row "build the dataset (durable=0)" "$(get build_s 0) s" "" ""; fi
v=$(get dash_first_ms 2); row "national dashboard, first call (loads the index)" "$v ms" "" ""
v=$(get dash_national_median_ms 2); row "national dashboard, in process, median" "$v ms" "< 50 ms" "$(verdict "$v" '<' 50)"
row "  p95" "$(get dash_national_p95_ms 2) ms" "" ""
v=$(get dash_national_text_median_ms 2); row "  with its JSON text, median" "$v ms" "< 50 ms" "$(verdict "$v" '<' 50)"
v=$(get http_dash_national_median_ms); row "national dashboard over HTTP, median ($(get http_dash_national_bytes) bytes)" "$v ms" "< 50 ms" "$(verdict "$v" '<' 50)"
row "  p95" "$(get http_dash_national_p95_ms) ms" "" ""
row "  limit=20 (worst 20 units), median" "$(get http_dash_national20_median_ms) ms" "" ""
v=$(get dash_province_median_ms 2); row "one province's dashboard, in process, median" "$v ms" "< 5 ms" "$(verdict "$v" '<' 5)"
row "  p95" "$(get dash_province_p95_ms 2) ms" "" ""
v=$(get http_dash_province_median_ms); row "one province's dashboard over HTTP, median" "$v ms" "< 5 ms" "$(verdict "$v" '<' 5)"
row "one commune's page, in process: 50 assignments, median" "$(get page_commune_median_ms 2) ms" "" ""
row "  its summary (tracker_unit), median" "$(get unit_commune_median_ms 2) ms" "" ""
row "a department's page, in process: 50 assignments, median" "$(get page_department_median_ms 2) ms" "" ""
row "  its summary (tracker_unit), median" "$(get unit_department_median_ms 2) ms" "" ""
row "one unit's page over HTTP ($(get page_bytes) bytes), median" "$(get http_page_median_ms) ms" "" ""
rps_row "one unit's page under wrk -t2 -c64, 2 server threads" 2
rps_row "one unit's page under wrk -t2 -c64, 4 server threads" 4
for t in 2 4; do
	v=$(get "reports_per_s_t$t")
	row "durable reports/s (synchronous=FULL), wrk -c16, $t threads" "$v /s" ">= 2000 /s" "$(verdict "$v" '>=' 2000)"
	row "  refused or failed" "$(get "reports_failed_t$t")" "" ""
done
for t in 2 4; do
	v=$(get "serve_peak_rss_mb_t$t"); row "peak RSS of cchc serve --threads $t (VmHWM)" "$v MB" "< 64 MB" "$(verdict "$v" '<' 64)"
	row "  server start, index loaded" "$(get "serve_start_ms_t$t") ms" "" ""
done
row "peak RSS of the in-process measurements" "$(get inproc_peak_rss_mb 1) MB" "" ""
if [ -s "$work/others.txt" ]; then
	say ""
	say "== other benchmarks"
	sed 's/^/  /' "$work/others.txt"
fi

# ---- 6. SQLite beside PostgreSQL (issue 16) ------------------------------------
say ""
say "== bench/backends.sh: the demo database on SQLite and on PostgreSQL"
sh bench/backends.sh

# ---- 7. The unit page on a slow link, in Chromium (issue 20) ------------------
say ""
say "== bench/slowlink.sh: a commune officer's unit page on 400 kbit/s, 400 ms"
sh bench/slowlink.sh
