#!/bin/sh
# bench/obs.sh — what the request log and the metrics cost (issue 19): one
# unit's page (GET /api/v1/assignments?unit=01822&limit=50, the figure of
# docs/performance.md) under `wrk -t2 -c64` against `cchc serve --threads 2`
# on the demo database, with the log (to a file, level info) and the
# metrics on, and off (CCHC_NO_OBS=1), in alternating runs so that the
# machine's drift falls on both alike.  Prints each run and the medians.
# Usage: bench/obs.sh   (after `make`; BENCH_DURATION seconds per run, default 8;
# BENCH_PAIRS alternating pairs, default 3)
set -u
cd "$(dirname "$0")/.." || exit 1
dur=${BENCH_DURATION:-8} pairs=${BENCH_PAIRS:-3}
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
command -v wrk >/dev/null || { echo "obs.sh: wrk is missing: tools/deps.sh bench"; exit 1; }
[ -x ./cchc ] || { echo "obs.sh: build ./cchc first (make)"; exit 1; }
./cchc init --db "$work/cchc.db" --demo caobang-2026 >"$work/init.log" 2>&1 || { cat "$work/init.log"; exit 1; }
token=$(./cchc token create --db "$work/cchc.db" --user admin) || exit 1
printf 'log_file = %s/req.log\nlog_level = info\n' "$work" >"$work/cchc.conf"

# run on|off: serves, measures, stops; prints requests/s.
run() {
	: >"$work/serve.log"
	if [ "$1" = off ]; then
		CCHC_NO_OBS=1 ./cchc serve --db "$work/cchc.db" --listen 127.0.0.1:0 --threads 2 --no-scheduler \
			--config "$work/cchc.conf" >"$work/serve.log" 2>&1 &
	else
		./cchc serve --db "$work/cchc.db" --listen 127.0.0.1:0 --threads 2 --no-scheduler \
			--config "$work/cchc.conf" >"$work/serve.log" 2>&1 &
	fi
	pid=$!
	i=0
	until grep -q "listening on" "$work/serve.log"; do
		i=$((i + 1)); [ $i -gt 200 ] && { cat "$work/serve.log"; exit 1; }; sleep 0.05
	done
	base=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$work/serve.log")
	url="$base/api/v1/assignments?unit=01822&limit=50"
	curl -sf -o /dev/null -H "Authorization: Bearer $token" "$url" || { echo "obs.sh: the page does not answer"; exit 1; }
	wrk -t2 -c64 -d"${dur}s" -H "Authorization: Bearer $token" "$url" >"$work/wrk.txt" 2>&1
	kill "$pid"; wait "$pid" 2>/dev/null; pid=
	awk '/^Requests\/sec:/ { print $2 }' "$work/wrk.txt"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

: >"$work/on" ; : >"$work/off"
for k in $(seq "$pairs"); do
	off=$(run off); on=$(run on)
	echo "pair $k: off $off req/s, on $on req/s"
	echo "$off" >>"$work/off"; echo "$on" >>"$work/on"
done
off=$(median <"$work/off") on=$(median <"$work/on")
lines=$(wc -l <"$work/req.log")
echo "median: off $off req/s, on $on req/s; on/off = $(awk -v a="$on" -v b="$off" 'BEGIN { printf "%.3f", a / b }'); $lines log lines written"
