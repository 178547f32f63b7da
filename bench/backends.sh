#!/bin/sh
# bench/backends.sh — the same figures on SQLite and on PostgreSQL, in one
# run (issue 16): the national dashboard and one unit's task page under wrk,
# durable progress reports per second from 1, 8 and 64 clients, the memory
# of the node (and of PostgreSQL's server processes).
#
# Builds nothing: uses ./cchc (make) and wrk, curl, PostgreSQL's server
# programs (tools/deps.sh bench).  Creates the Cao Bằng demo database twice,
# in a SQLite file and in a PostgreSQL server of its own (tests/lib/pg.sh,
# but durable: fsync=on, synchronous_commit=on, full_page_writes=on, the
# counterpart of SQLite's synchronous=FULL that `cchc serve` uses), both in
# one folder under build/ on the same disk, and serves each in turn with the
# same options (--threads 2 --no-scheduler).  Prints one table.
# Environment: BENCH_DURATION (wrk seconds, default 10).
set -u
cd "$(dirname "$0")/.." || exit 1
dur=${BENCH_DURATION:-10}
unit=01822
[ -x ./cchc ] || { echo "backends.sh: build ./cchc first (make)"; exit 1; }
for tool in wrk curl psql; do
	command -v $tool >/dev/null || { echo "backends.sh: $tool is missing: tools/deps.sh bench"; exit 1; }
done
mkdir -p build || exit 1
work=$(mktemp -d "$(pwd)/build/bench-backends.XXXXXX") || exit 1
chmod 755 "$work"	# PostgreSQL's folder lies inside; its server runs as postgres under root
figs=$work/figures.txt
: >"$figs"
pid=
. tests/lib/pg.sh
cleanup() {
	[ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	pg_stop
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fig() { printf '%s %s %s\n' "$1" "$2" "$3" >>"$figs"; }	# BACKEND NAME VALUE
get() { awk -v b="$1" -v k="$2" '$1 == b && $2 == k { v = $3 } END { print (v == "" ? "-" : v) }' "$figs"; }

# ms VALUE_WITH_UNIT: wrk's "1.23ms", "850.00us", "1.02s" in milliseconds.
ms() {
	awk -v v="$1" 'BEGIN { u = v; sub(/^[0-9.]+/, "", u); n = v + 0
		printf "%.2f\n", u == "us" ? n / 1000 : u == "s" ? n * 1000 : u == "m" ? n * 60000 : n }'
}

# wrk_fig BACKEND NAME: requests/s, p50 and p99 of the last wrk run.
wrk_fig() {
	fig "$1" "$2_rps" "$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$work/wrk.txt")"
	fig "$1" "$2_p50" "$(ms "$(awk '$1 == "50%" { print $2 }' "$work/wrk.txt")")"
	fig "$1" "$2_p99" "$(ms "$(awk '$1 == "99%" { print $2 }' "$work/wrk.txt")")"
	fig "$1" "$2_bad" "$(awk '/Non-2xx or 3xx responses:/ { n = $NF } /Socket errors:/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) n += $i } END { print n + 0 }' "$work/wrk.txt")"
}

# median_ms FILE: the median of curl's time_total (seconds, one a line), in ms.
median_ms() {
	sort -n "$1" | awk '{ a[NR] = $1 } END {
		m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.2f\n", m * 1000 }'
}

# rss_kb PID FIELD: VmRSS / VmHWM of a process, in kB.
rss_kb() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status" 2>/dev/null; }
# pss_kb PID: its proportional share (shared pages split between sharers).
pss_kb() { awk '$1 == "Pss:" { print $2 }' "/proc/$1/smaps_rollup" 2>/dev/null; }

# measure BACKEND DB: serves DB and measures it.
measure() {
	b=$1 db=$2
	echo "== $b: cchc init --demo caobang-2026"
	./cchc init --db "$db" --demo caobang-2026 >"$work/init-$b.log" 2>&1 || { cat "$work/init-$b.log"; exit 1; }
	admin=$(./cchc token create --db "$db" --user admin --label bench) || exit 1
	printf 'Reporting-key-%s-x\n' "$$" >"$work/officerpw"
	./cchc user add bench.officer --db "$db" --unit "$unit" --role unit_officer \
		--password-file "$work/officerpw" >/dev/null || exit 1
	officer=$(./cchc token create --db "$db" --user bench.officer) || exit 1

	./cchc serve --db "$db" --listen 127.0.0.1:0 --threads 2 --no-scheduler >"$work/serve-$b.log" 2>&1 &
	pid=$!
	i=0
	until grep -q "listening on" "$work/serve-$b.log"; do
		i=$((i + 1))
		[ $i -gt 600 ] || ! kill -0 "$pid" 2>/dev/null && { cat "$work/serve-$b.log"; exit 1; }
		sleep 0.1
	done
	base=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$work/serve-$b.log" | head -n 1)
	dash="$base/api/v1/dashboard"
	page="$base/api/v1/assignments?unit=$unit&limit=50"
	for url in "$dash" "$page"; do
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "Authorization: Bearer $admin" "$url")
		[ "$code" = 200 ] || { echo "backends.sh: $url answered $code"; exit 1; }
	done
	for st in not_started in_progress overdue; do
		curl -s --max-time 10 -H "Authorization: Bearer $admin" "$base/api/v1/assignments?unit=$unit&status=$st&limit=500" |
			grep -o '"id":[0-9]*,"task_id"' | sed 's/"id":\([0-9]*\),.*/\1/'
	done >"$work/ids-$b.txt"
	fig "$b" open_assignments "$(wc -l <"$work/ids-$b.txt")"
	[ -s "$work/ids-$b.txt" ] || { echo "backends.sh: unit $unit has no open assignment"; exit 1; }

	echo "-- wrk -t2 -c64 -d${dur}s: the national dashboard, one unit's page"
	wrk --latency --timeout 5s -t2 -c64 -d"${dur}s" -H "Authorization: Bearer $admin" "$dash" >"$work/wrk.txt" 2>&1
	wrk_fig "$b" dash
	wrk --latency --timeout 5s -t2 -c64 -d"${dur}s" -H "Authorization: Bearer $admin" "$page" >"$work/wrk.txt" 2>&1
	wrk_fig "$b" page
	echo "   dashboard $(get "$b" dash_rps) req/s, page $(get "$b" page_rps) req/s"

	# Finished answers are cached until the data changes: the cost of
	# computing them is the first read after a write.
	echo "-- the dashboard and the page just after a report (21 each)"
	: >"$work/dash-cold.txt"
	: >"$work/page-cold.txt"
	id=$(head -n 1 "$work/ids-$b.txt")
	for i in $(seq 21); do
		for what in dash page; do
			curl -s -o /dev/null --max-time 10 -H 'Content-Type: application/json' -H "Authorization: Bearer $officer" \
				-d "{\"percent\": $i, \"note\": \"bench\"}" "$base/api/v1/assignments/$id/reports"
			[ $what = dash ] && url=$dash || url=$page
			curl -s -o /dev/null --max-time 10 -H "Authorization: Bearer $admin" -w '%{time_total}\n' "$url" >>"$work/$what-cold.txt"
		done
	done
	fig "$b" dash_cold "$(median_ms "$work/dash-cold.txt")"
	fig "$b" page_cold "$(median_ms "$work/page-cold.txt")"

	for c in 1 8 64; do
		t=2
		[ "$c" = 1 ] && t=1
		echo "-- durable progress reports: wrk -t$t -c$c -d${dur}s"
		wrk --latency --timeout 5s -t$t -c$c -d"${dur}s" -s bench/backends.lua "$base" -- \
			"$work/ids-$b.txt" "$officer" >"$work/wrk.txt" 2>&1
		created=$(awk '$1 == "created" { print $2 }' "$work/wrk.txt")
		[ -n "$created" ] || { echo "backends.sh: wrk counted no answers:"; cat "$work/wrk.txt"; exit 1; }
		secs=$(awk '/ requests in / { s = $4; sub(/s,?$/, "", s); print s }' "$work/wrk.txt")
		total=$(awk '/ requests in / { print $1 }' "$work/wrk.txt")
		wrk_fig "$b" "rep$c"
		fig "$b" "rep${c}_created" "$(awk -v n="${created:-0}" -v s="${secs:-0}" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')"
		fig "$b" "rep${c}_refused" "$(( ${total:-0} - ${created:-0} ))"
		echo "   $(get "$b" "rep${c}_created") created/s, $(get "$b" "rep${c}_refused") not 201"
	done

	fig "$b" rss "$(rss_kb "$pid" VmRSS)"
	fig "$b" hwm "$(rss_kb "$pid" VmHWM)"
	fig "$b" reports "$(curl -s --max-time 10 -H "Authorization: Bearer $admin" "$base/api/v1/assignments/$id/reports" | grep -o '"percent"' | wc -l)"
	if [ "$b" = postgresql ]; then
		post=$(head -n 1 "$PG_DIR/data/postmaster.pid")
		n=0 rss=0 pss=0
		for p in $post $(ps -o pid= --ppid "$post"); do
			n=$((n + 1))
			rss=$((rss + $(rss_kb "$p" VmRSS || echo 0)))
			pss=$((pss + $(pss_kb "$p" || echo 0)))
		done
		fig "$b" pg_procs "$n"
		fig "$b" pg_rss "$rss"
		fig "$b" pg_pss "$pss"
	fi
	kill -TERM "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	pid=
}

load0=$(cut -d' ' -f1-3 /proc/loadavg)
measure sqlite "$work/cchc.db"

# PostgreSQL, durable: the later -c options override pg.sh's test settings.
TMPDIR=$work pg_start -c fsync=on -c synchronous_commit=on -c full_page_writes=on || exit 1
for s in fsync synchronous_commit full_page_writes shared_buffers; do
	fig postgresql "pg_$s" "$(psql -h "$PG_HOST" -U cchc -d postgres -Atc "SHOW $s")"
done
[ "$(get postgresql pg_fsync)" = on ] && [ "$(get postgresql pg_synchronous_commit)" = on ] ||
	{ echo "backends.sh: the PostgreSQL server is not durable"; exit 1; }
url=$(pg_newdb) || exit 1
measure postgresql "$url"
load1=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- the table -----------------------------------------------------------------
mb() { awk -v v="$1" 'BEGIN { if (v == "-" || v == "") print "-"; else printf "%.1f MB", v / 1024 }'; }
row() { printf '%-52s %18s %18s\n' "$1" "$2" "$3"; }
both() { row "$1" "$(get sqlite "$2")$3" "$(get postgresql "$2")$3"; }
lat() { row "$1" "$(get sqlite "$2_p50") / $(get sqlite "$2_p99") ms" "$(get postgresql "$2_p50") / $(get postgresql "$2_p99") ms"; }
echo ""
echo "== backends ($(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) cores, shared;"
echo "   load average $load0 before, $load1 after; wrk ${dur} s each; cchc serve --threads 2)"
echo "   SQLite: synchronous=FULL, WAL.  PostgreSQL $(get postgresql pg_shared_buffers) shared_buffers:" \
	"fsync=$(get postgresql pg_fsync) synchronous_commit=$(get postgresql pg_synchronous_commit)" \
	"full_page_writes=$(get postgresql pg_full_page_writes), Unix socket."
row "figure" "SQLite" "PostgreSQL"
row "------" "------" "----------"
both "national dashboard, wrk -t2 -c64" dash_rps " req/s"
lat "  p50 / p99" dash
both "  not 2xx or socket errors" dash_bad ""
both "  just after a write (uncached), median of 21" dash_cold " ms"
both "unit $unit's page (limit=50), wrk -t2 -c64" page_rps " req/s"
lat "  p50 / p99" page
both "  not 2xx or socket errors" page_bad ""
both "  just after a write (uncached), median of 21" page_cold " ms"
for c in 1 8 64; do
	both "durable reports/s (201 only), $c client(s)" "rep${c}_created" " /s"
	lat "  p50 / p99" "rep$c"
	both "  answers not 201" "rep${c}_refused" ""
done
row "cchc serve VmRSS after the runs" "$(mb "$(get sqlite rss)")" "$(mb "$(get postgresql rss)")"
row "cchc serve VmHWM (peak)" "$(mb "$(get sqlite hwm)")" "$(mb "$(get postgresql hwm)")"
row "PostgreSQL server, $(get postgresql pg_procs) processes: sum of VmRSS" "" "$(mb "$(get postgresql pg_rss)")"
row "  sum of Pss (shared memory counted once)" "" "$(mb "$(get postgresql pg_pss)")"
