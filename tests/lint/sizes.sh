#!/bin/sh
# Size limits that keep the code readable (issue 12): no source file over
# 1,000 lines, no C function over 120.  A C function is measured from its
# opening brace in column 0 to its closing brace in column 0, the layout
# every file here follows.
# Usage: tests/lint/sizes.sh   Last line: "N passed, N failed".
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
passed=0 failed=0
# find, not git: a test machine may have the tree without git.
sources=$(find src tests bench tools -name '*.c' -not -path '*/node_modules/*' | sort)
[ -n "$sources" ] || { echo "  FAIL: no C sources found under $top" >&2; echo "0 passed, 1 failed"; exit 1; }
for f in $sources $(find src -name '*.h') $(find web -maxdepth 1 -name '*.js' -o -maxdepth 1 -name '*.css' -o -maxdepth 1 -name '*.html'); do
	n=$(wc -l <"$f")
	if [ "$n" -gt 1000 ]; then
		echo "  FAIL: $f has $n lines (at most 1000)" >&2
		failed=$((failed + 1))
	else
		passed=$((passed + 1))
	fi
done
long=$(echo "$sources" | xargs awk '
	FNR == 1 { start = 0 }
	/^[A-Za-z_].*\(/ { sig = $0 }
	/^\{/ { start = FNR; name = sig }
	/^\}/ && start { if (FNR - start - 1 > 120) printf "%s:%d: %d lines: %s\n", FILENAME, start, FNR - start - 1, name; start = 0 }')
if [ -n "$long" ]; then
	echo "$long" | sed 's/^/  FAIL: function over 120 lines: /' >&2
	failed=$((failed + $(echo "$long" | wc -l)))
else
	passed=$((passed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
