#!/bin/sh
# calendar.sh — `cchc calendar` against its CLI contract: lunar dates, the
# official days off of a year, working-day arithmetic, override files, and
# exit 2 with a message for bad input.  Runs the binary at "$CCHC" (set by
# tests/run.sh); prints "N passed, N failed, N skipped" last.
. "$(dirname "$0")/../lib/fixture.sh"
tab=$(printf '\t')

bad() { # NAME WHY
	fail "$1: $2"
	sed 's/^/    stderr: /' "$T/err" | head -n 5
}

# expect NAME WANT_STDOUT ARGS... — exit 0, exactly that output, nothing on stderr.
expect() {
	name=$1 want=$2
	shift 2
	got=$("$CCHC" calendar "$@" 2>"$T/err")
	rc=$?
	if [ $rc != 0 ]; then
		bad "$name" "exit $rc, want 0"
	elif [ "$got" != "$want" ]; then
		bad "$name" "got '$got', want '$want'"
	elif [ -s "$T/err" ]; then
		bad "$name" "unexpected stderr"
	else
		pass
	fi
}

# expect_fail NAME RC STDERR_PART ARGS... — that exit code, no stdout, a message on stderr.
expect_fail() {
	name=$1 want_rc=$2 part=$3
	shift 3
	got=$("$CCHC" calendar "$@" 2>"$T/err")
	rc=$?
	if [ $rc != "$want_rc" ]; then
		bad "$name" "exit $rc, want $want_rc"
	elif [ -n "$got" ]; then
		bad "$name" "unexpected stdout '$got'"
	elif ! grep -qF -- "$part" "$T/err"; then
		bad "$name" "stderr lacks '$part'"
	else
		pass
	fi
}

# cchc calendar lunar YYYY-MM-DD -> D/M/YYYY, " (leap)" for a leap month
expect lunar-tet-2026 "1/1/2026" lunar 2026-02-17
expect lunar-tet-2007 "1/1/2007" lunar 2007-02-17
expect lunar-eve-2026 "29/12/2025" lunar 2026-02-16
expect lunar-gio-to "10/3/2026" lunar 2026-04-26
expect lunar-leap "1/2/2023 (leap)" lunar 2023-03-22
expect lunar-not-leap "30/2/2023" lunar 2023-03-21

# cchc calendar holidays YYYY -> YYYY-MM-DD<TAB>name, sorted
h2026="2026-01-01${tab}Tết Dương lịch
2026-02-16${tab}Tết Nguyên đán
2026-02-17${tab}Tết Nguyên đán
2026-02-18${tab}Tết Nguyên đán
2026-02-19${tab}Tết Nguyên đán
2026-02-20${tab}Tết Nguyên đán
2026-04-26${tab}Giỗ Tổ Hùng Vương
2026-04-27${tab}Nghỉ bù Giỗ Tổ Hùng Vương
2026-04-30${tab}Ngày Chiến thắng
2026-05-01${tab}Ngày Quốc tế Lao động
2026-09-01${tab}Quốc khánh
2026-09-02${tab}Quốc khánh"
expect holidays-2026 "$h2026" holidays 2026
got=$("$CCHC" calendar holidays 2023 2>"$T/err")
if [ "$(printf '%s\n' "$got" | sort -c 2>&1)" = "" ] &&
	printf '%s\n' "$got" | grep -qx "2023-09-04${tab}Nghỉ bù Quốc khánh"; then
	pass
else
	bad holidays-2023 "not sorted or no compensatory 2023-09-04: $got"
fi

# cchc calendar add-workdays YYYY-MM-DD N
expect add-across-tet "2026-02-23" add-workdays 2026-02-13 1
expect add-negative "2026-02-13" add-workdays 2026-02-23 -1
expect add-year-boundary "2026-01-02" add-workdays 2025-12-31 1
expect add-year-boundary-back "2025-12-31" add-workdays 2026-01-02 -1
expect add-zero "2026-03-07" add-workdays 2026-03-07 0
expect add-week "2026-03-13" add-workdays 2026-03-06 5

# cchc calendar workdays FROM TO: FROM exclusive, TO inclusive
expect workdays-tet "1" workdays 2026-02-13 2026-02-23
expect workdays-week "5" workdays 2026-03-06 2026-03-13
expect workdays-reverse "-5" workdays 2026-03-13 2026-03-06
expect workdays-same "0" workdays 2026-03-06 2026-03-06
expect workdays-weekend "0" workdays 2026-03-06 2026-03-08

# --overrides FILE: the decided Tết 2026 days and a Saturday made up
printf '# Tết Bính Ngọ\n2026-02-13\toff\tTết Nguyên đán\n2026-02-23\toff\tTết Nguyên đán\n2026-02-28\twork\tLàm bù\n' >"$T/ovr.tsv"
expect overrides-add "2026-02-24" add-workdays 2026-02-12 1 --overrides "$T/ovr.tsv"
expect overrides-equals "2026-02-28" --overrides="$T/ovr.tsv" add-workdays 2026-02-27 1
expect overrides-workdays "2" workdays 2026-02-12 2026-02-25 --overrides "$T/ovr.tsv"
got=$("$CCHC" calendar holidays 2026 --overrides "$T/ovr.tsv" 2>"$T/err")
if [ "$(printf '%s\n' "$got" | sed -n 2p)" = "2026-02-13${tab}Tết Nguyên đán" ] &&
	[ "$(printf '%s\n' "$got" | wc -l)" -eq 14 ]; then
	pass
else
	bad overrides-holidays "got: $got"
fi
printf '2026-02-13\toff\tx\n2026-02-30\toff\ty\n' >"$T/bad.tsv"
expect_fail overrides-bad-line 2 "line 2" holidays 2026 --overrides "$T/bad.tsv"
expect_fail overrides-missing 1 "cannot read" holidays 2026 --overrides "$T/none.tsv"
expect_fail overrides-no-file 2 "--overrides" holidays 2026 --overrides

# Invalid dates, years and numbers exit 2 with a message
expect_fail lunar-feb-30 2 "2026-02-30" lunar 2026-02-30
expect_fail lunar-format 2 "2026-2-3" lunar 2026-2-3
expect_fail lunar-range 2 "outside" lunar 1899-12-31
expect_fail holidays-short-year 2 "invalid year" holidays 26
expect_fail holidays-bad-year 2 "invalid year" holidays 2026x
expect_fail holidays-out-of-range 2 "invalid year" holidays 2101
expect_fail add-bad-date 2 "2026-02-30" add-workdays 2026-02-30 1
expect_fail add-bad-number 2 "abc" add-workdays 2026-03-06 abc
expect_fail add-number-suffix 2 "5x" add-workdays 2026-03-06 5x
expect_fail add-past-range 2 "outside" add-workdays 2100-12-31 1
expect_fail workdays-bad-to 2 "2026-13-01" workdays 2026-01-01 2026-13-01
expect_fail no-subcommand 2 "usage" 
expect_fail unknown-subcommand 2 "usage" moon 2026-01-01
expect_fail missing-argument 2 "usage" add-workdays 2026-01-01
expect_fail extra-argument 2 "usage" lunar 2026-01-01 2026-01-02
expect_fail unknown-option 2 "--frobnicate" lunar 2026-01-01 --frobnicate

finish
