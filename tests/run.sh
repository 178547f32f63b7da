#!/bin/sh
# Runs every test program and adds up their "N passed, N failed[, N skipped]"
# lines.  With CI set (as .ci/run does) a test that skips anything fails:
# CI must run every test.
#
# The store's unit test and every end-to-end test run twice: on SQLite, and
# on a throwaway PostgreSQL server started here (tests/lib/pg.sh).  The two
# passes of the end-to-end tests run side by side; each test has its own
# database, server and port.
# Usage: tests/run.sh BUILD_DIR   (the ASan build made by `make test`)
build=${1:?usage: tests/run.sh BUILD_DIR}
top=$(cd "$(dirname "$0")/.." && pwd)
export CCHC="$top/$build/cchc"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
passed=0 failed=0 skipped=0
log=$(mktemp)
run_one() { # NAME CMD...
	name=$1; shift
	start=$(date +%s)
	"$@" >"$log" 2>&1
	rc=$?
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		echo "FAIL $name (exit $rc, no summary line)"; sed 's/^/    /' "$log" | tail -n 40
		failed=$((failed + 1)); return
	fi
	p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
	s=$(echo "$line" | sed -nE 's/.*, ([0-9]+) skipped.*/\1/p')
	passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + ${s:-0}))
	if [ -n "${CI:-}" ] && [ "${s:-0}" != 0 ]; then
		echo "FAIL $name: $line (skipped under CI)"; sed 's/^/    /' "$log" | tail -n 20
		failed=$((failed + 1)); return
	fi
	if [ "$f" != 0 ] || [ $rc != 0 ]; then
		[ "$f" = 0 ] && failed=$((failed + 1))
		echo "FAIL $name: $line (exit $rc)"; sed 's/^/    /' "$log" | tail -n 60
	else
		echo "ok   $name: $line ($(( $(date +%s) - start ))s)"
	fi
}
# e2e_pass SUFFIX: every end-to-end test on the backend CCHC_TEST_BACKEND
# names; the tests named pg_* (PostgreSQL's own: the copy from SQLite, the
# server going away, failover) run in the PostgreSQL pass only, and those
# whose first line says "Once per run" (the package, the contract, SQLite's
# backup) in the SQLite pass only.
e2e_pass() {
	for t in "$top"/tests/e2e/*.sh; do
		[ -f "$t" ] || continue
		case "$(basename "$t"):${CCHC_TEST_BACKEND:-sqlite}" in pg_*:sqlite) continue ;; esac
		[ "${CCHC_TEST_BACKEND:-sqlite}" = postgresql ] && head -n 1 "$t" | grep -q '^# Once per run' && continue
		run_one "e2e/$(basename "$t" .sh)$1" sh "$t"
	done
}

. "$top/tests/lib/pg.sh"
pg_out=$(mktemp)
pg_pid=
if pg_start; then
	( passed=0 failed=0 skipped=0 log=$(mktemp)
	  CCHC_TEST_BACKEND=postgresql e2e_pass " [postgresql]"; rm -f "$log"
	  echo "$passed passed, $failed failed, $skipped skipped" ) >"$pg_out" 2>&1 &
	pg_pid=$!
elif [ -n "${CI:-}" ]; then
	echo "FAIL postgresql: cannot start a PostgreSQL server (fix: sh tools/deps.sh test)"
	failed=$((failed + 1))
else
	echo "skip postgresql: cannot start a PostgreSQL server; to run it: sh tools/deps.sh test"
	skipped=$((skipped + 1))
fi

for t in "$top"/tests/lint/*.sh; do
	run_one "lint/$(basename "$t" .sh)" sh "$t"
done
for t in "$top/$build"/tests/t_*; do
	[ -x "$t" ] || continue
	run_one "unit/$(basename "$t")" "$t"
done
if [ -n "$PG_HOST" ]; then
	url=$(pg_newdb) && run_one "unit/t_store [postgresql]" env CCHC_TEST_PG="$url" "$top/$build/tests/t_store"
fi
e2e_pass ""
if [ -x "$top/tests/browser/run.sh" ]; then
	run_one "browser" "$top/tests/browser/run.sh"
fi
if [ -n "$pg_pid" ]; then
	wait "$pg_pid"
	sed '$d' "$pg_out"
	line=$(tail -n 1 "$pg_out")
	passed=$((passed + $(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')))
	failed=$((failed + $(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')))
	skipped=$((skipped + $(echo "$line" | sed -E 's/.*, ([0-9]+) skipped.*/\1/')))
	pg_stop
fi
rm -f "$log" "$pg_out"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
