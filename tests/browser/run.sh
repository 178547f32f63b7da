#!/bin/sh
# The browser test: the web UI in Debian's headless Chromium, driven by
# playwright-core from npm (pinned in package-lock.json; it never downloads a
# browser).  The demo database and the server come from tests/lib/fixture.sh.
# Usage: tests/browser/run.sh   ($CCHC: the binary to test; default ./cchc)
# Last line: "N passed, N failed, N skipped"; without Chromium, Node.js or npm
# the test is skipped, and under CI it fails.
. "$(dirname "$0")/../lib/fixture.sh"
here=$(cd "$(dirname "$0")" && pwd)

[ -x "$CCHC" ] || { fail "no binary at $CCHC (set CCHC or run make)"; finish; exit; }

# Chromium, Node.js and npm from Debian, only what is missing.
"$TESTS_TOP/tools/deps.sh" browser >"$T/deps.log" 2>&1
lacking=""
[ -x /usr/bin/chromium ] || lacking="$lacking chromium"
command -v node >/dev/null 2>&1 || lacking="$lacking node"
command -v npm >/dev/null 2>&1 || lacking="$lacking npm"
if [ -n "$lacking" ]; then
	skip "the browser test needs$lacking ($(tail -n 1 "$T/deps.log"))" "tools/deps.sh browser"
	finish
	exit
fi

# playwright-core at the locked version; told twice never to fetch a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
want=$(sed -n 's/.*"playwright-core": "\(.*\)".*/\1/p' "$here/package.json")
have=$(sed -n 's/^  "version": "\(.*\)".*/\1/p' "$here/node_modules/playwright-core/package.json" 2>/dev/null)
if [ "$have" != "$want" ]; then
	if ! npm ci --prefix "$here" --no-audit --no-fund --loglevel=error >"$T/npm.log" 2>&1; then
		cat "$T/npm.log"
		fail "npm ci could not install playwright-core $want"
		finish
		exit
	fi
fi
echo "  Chromium $(/usr/bin/chromium --version 2>/dev/null | sed 's/[^0-9.]//g'), Node.js $(node --version), playwright-core $want"

start_server --demo
# The page is used as the demo's officer and head of Xã Đức Long and as the
# admin (their passwords are printed once by init); the API is read with an
# admin token.
CCHC_USER=canbo.duclong
CCHC_PASSWORD=$(demo_password canbo.duclong)
CCHC_HEAD_PASSWORD=$(demo_password chutich.duclong)
CCHC_ADMIN_PASSWORD=$(demo_password admin)
CCHC_TOKEN=$ADMIN
export CCHC_USER CCHC_PASSWORD CCHC_HEAD_PASSWORD CCHC_ADMIN_PASSWORD CCHC_TOKEN

node "$here/test.mjs" "$BASE" >"$T/test.log" 2>&1
rc=$?
# The test's own lines, without its summary; its counts join ours.
grep -Ev '^[0-9]+ passed, [0-9]+ failed' "$T/test.log"
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$T/test.log" | tail -n 1)
if [ -z "$line" ]; then
	fail "test.mjs ended without a summary (exit $rc)"
else
	PASSED=$((PASSED + $(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')))
	FAILED=$((FAILED + $(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')))
	[ $rc = 0 ] || [ "$FAILED" != 0 ] || fail "test.mjs exited $rc"
fi
finish
