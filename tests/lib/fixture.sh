# fixture.sh — sourced by every end-to-end test (tests/e2e/*.sh) and by the
# browser test: a temporary folder, a (demo) database, a real cchc server on
# a free loopback port, API tokens per role, checks that count, and clean-up
# on every exit.
#
#   . "$(dirname "$0")/../lib/fixture.sh"
#   start_server --demo            # $BASE, $ADMIN, $TOKEN (= $ADMIN)
#   TOKEN=$(token_for unit_officer "$OTHER_UNIT")
#   req GET /api/v1/dashboard; eq "status" "$STATUS" 200
#   finish                         # last line: "N passed, N failed, N skipped"
#
# The database is a file in the temporary folder, or, with
# CCHC_TEST_BACKEND=postgresql (tests/run.sh sets it, with PG_HOST, for the
# suite's second pass), a new database on the PostgreSQL server the run
# started (tests/lib/pg.sh): $DB names it either way, for `--db`, and
# dbsql runs SQL on it.
#
# "Today" is fixed for every cchc process the test starts (CCHC_TODAY, read
# by date_today()), so that no check depends on the day the suite runs.
# With CI set, a check that cannot run (skip) is a failure.
set -u
TESTS_TOP=$(cd "$(dirname "$0")/../.." && pwd)
CCHC=${CCHC:-./cchc}
case "$CCHC" in /*) ;; *) CCHC="$(pwd)/$CCHC" ;; esac
CCHC_TODAY=${CCHC_TODAY:-2026-12-01}
TODAY=$CCHC_TODAY
export CCHC_TODAY
# The demo's commune whose officer and head the demo prints, and another commune.
OWN_UNIT=01822		# Xã Đức Long
OTHER_UNIT=01273	# Phường Thục Phán
T=$(mktemp -d)
PASSED=0 FAILED=0 SKIPPED=0
SERVER_PID=
SERVE_ARGS=
BASE=
AT_EXIT=

. "$TESTS_TOP/tests/lib/pg.sh"
# new_db: a new, empty database in $DB.
new_db() {
	if [ "${CCHC_TEST_BACKEND:-sqlite}" = postgresql ]; then
		DB=$(pg_newdb) || { echo "cannot create a PostgreSQL database on $PG_HOST"; exit 1; }
	else
		rm -f "$T/cchc.db" "$T/cchc.db-wal" "$T/cchc.db-shm"
		DB="$T/cchc.db"
	fi
}
new_db
# dbsql SQL: runs SQL on $DB, rows one per line, columns separated by |.
dbsql() {
	case "$DB" in
	postgres*) psql -X -q -At -d "$DB" -c "$1" ;;
	*) sqlite3 "$DB" "$1" ;;
	esac
}

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
# skip WHY HOW: a check that cannot run here; HOW is the command that makes
# it possible.  Under CI it is a failure: CI must run everything.
skip() {
	if [ -n "${CI:-}" ]; then
		fail "cannot run under CI: $1 (fix: $2)"
	else
		SKIPPED=$((SKIPPED + 1))
		echo "  skip: $1; to run it: $2" >&2
	fi
}
# wait_for SECONDS COMMAND...: runs COMMAND until it succeeds, for at most
# SECONDS; the status of its last run.  For what the server does a moment
# after it answers (a log line written, a signal handled): a fixed sleep
# is too short on a loaded machine.
wait_for() {
	n=$(($1 * 10)); shift
	while ! "$@" && [ "$n" -gt 0 ]; do n=$((n - 1)); sleep 0.1; done
	"$@"
}
# log_settle FILE: until the server's request log FILE holds every request
# answered so far: a request marked with its own id (a 404, logged at every
# level but error) is sent, and its line awaited; lines are written in turn.
log_settle() {
	mark="settle-$(date +%s%N)"
	curl -s -o /dev/null -H "X-Request-Id: $mark" "$BASE/no/such/settle"
	wait_for 20 grep -q "\"request_id\":\"$mark\"" "$1"
}
# at_exit COMMAND: run COMMAND too when the test exits, however it exits.
at_exit() { AT_EXIT="$AT_EXIT$1;"; }

# start_server [--demo] [SERVE OPTIONS...]: creates $T/cchc.db (with the demo
# if asked) and serves it.  ADMIN holds an API token of the admin account;
# requests send $TOKEN (ADMIN unless a test sets another).  The admin's
# password is in $T/adminpw, init's output (the demo's passwords) in $T/init.log.
start_server() {
	demo=""
	if [ "${1:-}" = "--demo" ]; then
		demo="--demo caobang-2026"; shift
	fi
	init_db $demo
	serve_again "$@"
}

# init_db [--demo caobang-2026]: the database alone, with its admin token.
init_db() {
	printf 'Test-secret-%s-pass\n' "$$" >"$T/adminpw"
	"$CCHC" init --db "$DB" --admin-password-file "$T/adminpw" "$@" >"$T/init.log" 2>&1 ||
		{ cat "$T/init.log"; echo "cchc init failed"; exit 1; }
	ADMIN=$("$CCHC" token create --db "$DB" --user admin) || exit 1
	TOKEN=$ADMIN
}

# account NAME UNIT ROLES: creates an account (password in $T/pw-NAME) and
# prints an API token for it.
account() {
	printf 'Pw-%s-for-tests-only\n' "$(echo "$1" | tr -dc 'a-z' | tr 'a-z' 'n-za-m')" >"$T/pw-$1"
	"$CCHC" user add "$1" --db "$DB" --unit "$2" --role "$3" --password-file "$T/pw-$1" >/dev/null || exit 1
	"$CCHC" token create --db "$DB" --user "$1"
}

# token_for ROLE [UNIT]: an API token of an account that has ROLE in UNIT
# (default $OWN_UNIT; admin ignores UNIT).  The account is made on first use.
token_for() {
	[ "$1" = admin ] && { echo "$ADMIN"; return; }
	f="$T/tok-$1-${2:-$OWN_UNIT}"
	[ -f "$f" ] || account "fx.$(echo "$1" | tr -d '_').${2:-$OWN_UNIT}" "${2:-$OWN_UNIT}" "$1" >"$f" || exit 1
	cat "$f"
}

# demo_password NAME: the password init printed for a demo account.
demo_password() {
	if [ "$1" = admin ]; then cat "$T/adminpw"; else awk -v n="$1" '$1 == n {print $4}' "$T/init.log"; fi
}

# serve_again [SERVE OPTIONS...]: (re)starts the server on the existing
# database, with these options or those of the last start; waits (up to
# 15 s: the sanitizer build starts slowly) for the URL it prints.
serve_again() {
	[ $# -gt 0 ] && SERVE_ARGS="$*"
	: >"$T/serve.log"
	# shellcheck disable=SC2086 # SERVE_ARGS holds separate options
	"$CCHC" serve --db "$DB" --data-dir "$T" --listen 127.0.0.1:0 $SERVE_ARGS >"$T/serve.log" 2>"$T/serve.err" &
	SERVER_PID=$!
	i=0
	while ! grep -q "listening on" "$T/serve.log" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 300 ] || ! kill -0 "$SERVER_PID" 2>/dev/null; then
			echo "server did not start:" >&2; cat "$T/serve.err" >&2; exit 1
		fi
		sleep 0.05
	done
	BASE=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$T/serve.log" | head -n 1)
}

# stop_server: stops it and counts a sanitizer report in its stderr as a failure.
stop_server() {
	[ -n "$SERVER_PID" ] || return 0
	kill "$SERVER_PID" 2>/dev/null
	wait "$SERVER_PID" 2>/dev/null
	SERVER_PID=
	if grep -q "ERROR: AddressSanitizer\|runtime error:\|ERROR: LeakSanitizer" "$T/serve.err" 2>/dev/null; then
		fail "sanitizer report from the server"; cat "$T/serve.err" >&2
	fi
}

# req METHOD PATH [BODY [CONTENT-TYPE]]: sets STATUS and writes the body to $T/body.
req() {
	method=$1 path=$2
	if [ $# -ge 3 ]; then
		printf '%s' "$3" >"$T/req"
		STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -X "$method" -H "Authorization: Bearer ${TOKEN:-}" \
			-H "Content-Type: ${4:-application/json}" --data-binary @"$T/req" "$BASE$path")
	else
		STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -X "$method" -H "Authorization: Bearer ${TOKEN:-}" "$BASE$path")
	fi
}
# get PATH: GET with $TOKEN to stdout.
get() { curl -s -H "Authorization: Bearer ${TOKEN:-}" "$BASE$1"; }
# j FILTER: jq over the last body.
j() { jq -r "$1" "$T/body"; }

# finish: stops the server and prints the summary line; the exit status
# says whether every check passed.
finish() {
	stop_server
	echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
	[ "$FAILED" = 0 ]
}

cleanup() {
	eval "$AT_EXIT"
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
