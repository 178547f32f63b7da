# lib.sh — shared by the end-to-end tests: a real cchc server on a free
# loopback port with a temporary database, and curl+jq checks.
# Usage in a test:  . "$(dirname "$0")/lib.sh"; start_server [--demo]; ...; finish
set -u
CCHC=${CCHC:-./cchc}
case "$CCHC" in /*) ;; *) CCHC="$(pwd)/$CCHC" ;; esac
T=$(mktemp -d)
PASSED=0 FAILED=0
SERVER_PID=
BASE=

pass() { PASSED=$((PASSED + 1)); }
fail() { FAILED=$((FAILED + 1)); echo "  FAIL: $*" >&2; }
# check NAME CONDITION...: runs the condition (a command) and records it.
check() {
	name=$1; shift
	if "$@"; then pass; else fail "$name"; fi
}
# eq NAME GOT WANT
eq() {
	if [ "$2" = "$3" ]; then pass; else fail "$1: got '$2', want '$3'"; fi
}

# start_server [--demo]: creates $T/db (with the demo if asked) and serves it.
start_server() {
	if [ "${1:-}" = "--demo" ]; then
		"$CCHC" init --db "$T/cchc.db" --demo caobang-2026 >"$T/init.log" 2>&1 || { cat "$T/init.log"; exit 1; }
	else
		"$CCHC" init --db "$T/cchc.db" >"$T/init.log" 2>&1 || { cat "$T/init.log"; exit 1; }
	fi
	serve_again
}

# serve_again: (re)starts the server on the existing database.
serve_again() {
	: >"$T/serve.log"
	"$CCHC" serve --db "$T/cchc.db" --listen 127.0.0.1:0 >"$T/serve.log" 2>"$T/serve.err" &
	SERVER_PID=$!
	i=0
	while ! grep -q "listening on" "$T/serve.log" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 200 ] || ! kill -0 "$SERVER_PID" 2>/dev/null; then
			echo "server did not start:" >&2; cat "$T/serve.err" >&2; exit 1
		fi
		sleep 0.05
	done
	BASE=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$T/serve.log" | head -n 1)
}

stop_server() {
	[ -n "$SERVER_PID" ] || return 0
	kill "$SERVER_PID" 2>/dev/null
	wait "$SERVER_PID" 2>/dev/null
	SERVER_PID=
	# Sanitizer reports from the server are failures too.
	if grep -q "ERROR: AddressSanitizer\|runtime error:\|ERROR: LeakSanitizer" "$T/serve.err" 2>/dev/null; then
		fail "sanitizer report from the server"; cat "$T/serve.err" >&2
	fi
}

# req METHOD PATH [BODY [CONTENT-TYPE]]: sets STATUS and writes the body to $T/body.
req() {
	method=$1 path=$2
	if [ $# -ge 3 ]; then
		printf '%s' "$3" >"$T/req"
		STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -X "$method" \
			-H "Content-Type: ${4:-application/json}" --data-binary @"$T/req" "$BASE$path")
	else
		STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -X "$method" "$BASE$path")
	fi
}
# j FILTER: jq over the last body.
j() { jq -r "$1" "$T/body"; }

finish() {
	stop_server
	rm -rf "$T"
	echo "$PASSED passed, $FAILED failed"
	[ "$FAILED" = 0 ]
}
trap 'stop_server; rm -rf "$T"' INT TERM
