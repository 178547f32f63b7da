#!/bin/sh
# bench/slowlink.sh — a commune officer's unit page on a slow link (issue 20):
# Chromium's network emulation, 400 kbit/s both ways and 400 ms added to
# every request (tests/browser/slowlink.mjs, which the browser test uses
# too), RUNS times (default 5): the first visit (a fresh profile), the
# repeat visit with HTTP caching alone, and the repeat visit the installed
# web app's service worker answers (its own requests throttled too).
# Prints each run and the median of each figure.
#
# Builds nothing: uses ./cchc (make), Debian's chromium and node, and
# playwright-core as the browser test pins it (tools/deps.sh browser; npm ci
# in tests/browser).  The Cao Bằng demo in a temporary folder, served on a
# free loopback port.
set -u
cd "$(dirname "$0")/.." || exit 1
runs=${RUNS:-5}
[ -x ./cchc ] || { echo "slowlink.sh: build ./cchc first (make)"; exit 1; }
for tool in node /usr/bin/chromium; do
	command -v $tool >/dev/null || { echo "slowlink.sh: $tool is missing: tools/deps.sh browser"; exit 1; }
done
[ -d tests/browser/node_modules/playwright-core ] ||
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error ||
	{ echo "slowlink.sh: npm ci in tests/browser failed"; exit 1; }
work=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

printf 'Bench-secret-%s-pass\n' "$$" >"$work/adminpw"
./cchc init --db "$work/cchc.db" --admin-password-file "$work/adminpw" --demo caobang-2026 >"$work/init.log" 2>&1 ||
	{ cat "$work/init.log"; exit 1; }
./cchc serve --db "$work/cchc.db" --data-dir "$work" --listen 127.0.0.1:0 --no-scheduler >"$work/serve.log" 2>&1 &
pid=$!
i=0
until grep -q "listening on" "$work/serve.log"; do
	i=$((i + 1))
	[ $i -le 300 ] && kill -0 "$pid" 2>/dev/null || { cat "$work/serve.log"; exit 1; }
	sleep 0.05
done
base=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$work/serve.log" | head -n 1)
user=canbo.duclong
password=$(awk -v n="$user" '$1 == n {print $4}' "$work/init.log")
echo "the unit page of $user on 400 kbit/s, 400 ms; $runs runs; $(/usr/bin/chromium --version 2>/dev/null)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
NODE_PATH=$(pwd)/tests/browser/node_modules node bench/slowlink.mjs "$base" "$user" "$password" "$runs"
