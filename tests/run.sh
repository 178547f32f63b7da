#!/bin/sh
# Runs every test program and adds up their "N passed, N failed[, N skipped]"
# lines.  With CI set (as .ci/run does) a test that skips anything fails:
# CI must run every test.
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
for t in "$top"/tests/lint/*.sh; do
	run_one "lint/$(basename "$t" .sh)" sh "$t"
done
for t in "$top/$build"/tests/t_*; do
	[ -x "$t" ] || continue
	run_one "unit/$(basename "$t")" "$t"
done
for t in "$top"/tests/e2e/*.sh; do
	[ -f "$t" ] || continue
	run_one "e2e/$(basename "$t" .sh)" sh "$t"
done
if [ -x "$top/tests/browser/run.sh" ]; then
	run_one "browser" "$top/tests/browser/run.sh"
fi
rm -f "$log"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
