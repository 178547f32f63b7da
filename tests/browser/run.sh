#!/bin/sh
# The browser test: the web UI in Debian's headless Chromium, driven by
# playwright-core (never a downloaded browser).
# Usage: tests/browser/run.sh   ($CCHC: the binary to test; default ./cchc)
# Last line: "N passed, N failed" (or "0 passed, 0 failed, 1 skipped" when
# Chromium cannot be installed on this machine).
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
cchc=${CCHC:-./cchc}
case "$cchc" in /*) ;; *) cchc="$(pwd)/$cchc" ;; esac

fail() { echo "browser: $*"; echo "0 passed, 1 failed"; exit 1; }

if [ ! -x "$cchc" ]; then
	fail "no binary at $cchc (set CCHC or run make)"
fi

# Chromium, Node.js and npm from Debian, only when missing.
if [ ! -x /usr/bin/chromium ] || ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "browser: installing what is missing of chromium, nodejs, npm (Debian packages)"
	if ! command -v apt-get >/dev/null 2>&1 || ! "$top/tools/deps.sh" browser >/dev/null 2>&1; then
		if [ ! -x /usr/bin/chromium ]; then
			echo "browser: chromium cannot be installed here (no apt); skipping"
			echo "0 passed, 0 failed, 1 skipped"
			exit 0
		fi
		fail "could not install nodejs and npm"
	fi
fi

# playwright-core from npm; it never fetches a browser, and we say so twice.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -f "$here/node_modules/playwright-core/package.json" ]; then
	if [ -f "$here/package-lock.json" ]; then
		npm ci --prefix "$here" --no-audit --no-fund --loglevel=error >/dev/null || fail "npm ci failed"
	else
		npm install --prefix "$here" --no-audit --no-fund --loglevel=error >/dev/null || fail "npm install failed"
	fi
fi

tmp=$(mktemp -d)
pid=""
cleanup() {
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

"$cchc" init --db "$tmp/cchc.db" --demo caobang-2026 >"$tmp/init.log" 2>&1 ||
	{ cat "$tmp/init.log"; fail "cchc init failed"; }
# The test signs in as the demo's officer of Xã Đức Long (its password is
# printed once by init) and reads the API with an admin token.
CCHC_USER=canbo.duclong
CCHC_PASSWORD=$(awk '$1 == "canbo.duclong" {print $4}' "$tmp/init.log")
CCHC_HEAD_PASSWORD=$(awk '$1 == "chutich.duclong" {print $4}' "$tmp/init.log")
export CCHC_HEAD_PASSWORD
CCHC_ADMIN_PASSWORD=$(sed -n "s/.*account 'admin' created; its password, shown only now: //p" "$tmp/init.log")
CCHC_TOKEN=$("$cchc" token create --db "$tmp/cchc.db" --user admin) || fail "cannot make an API token"
export CCHC_USER CCHC_PASSWORD CCHC_ADMIN_PASSWORD CCHC_TOKEN
"$cchc" serve --db "$tmp/cchc.db" --listen 127.0.0.1:0 >"$tmp/serve.log" 2>&1 &
pid=$!

# Wait (up to 15 s: the ASan build starts slowly) for "cchc: listening on http://127.0.0.1:PORT".
url=""
i=0
while [ $i -lt 150 ]; do
	url=$(sed -n 's/^cchc: listening on \(http:\/\/[0-9.]*:[0-9]*\).*/\1/p' "$tmp/serve.log" | head -n 1)
	[ -n "$url" ] && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1
	i=$((i + 1))
done
if [ -z "$url" ]; then
	cat "$tmp/serve.log"
	fail "the server did not start"
fi

node "$here/test.mjs" "$url" >"$tmp/test.log" 2>&1
rc=$?
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
pid=""

# The test's own lines, without its summary; then ours.
grep -Ev '^[0-9]+ passed, [0-9]+ failed' "$tmp/test.log"
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$tmp/test.log" | tail -n 1)
if [ -z "$line" ]; then
	echo "0 passed, 1 failed"
	exit 1
fi
p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
f=$(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
# A sanitizer report from the server while it served the browser is a failure too.
if grep -q 'Sanitizer' "$tmp/serve.log"; then
	echo "FAIL the server reported a sanitizer error:"
	sed 's/^/    /' "$tmp/serve.log" | head -n 40
	f=$((f + 1))
fi
echo "$p passed, $f failed"
[ "$f" = 0 ] && [ $rc = 0 ]
