#!/bin/sh
# Builds every tests/fuzz/fuzz_*.c as a libFuzzer target with ASan and UBSan
# and runs each for a bounded time, seeded with the test documents.
# Usage: tests/fuzz/run.sh [SECONDS]   (default 60; FUZZ_JOBS=N for parallel jobs)
set -e
secs=${1:-${FUZZ_SECONDS:-60}}
top=$(cd "$(dirname "$0")/../.." && pwd)
out="$top/build/fuzz"
mkdir -p "$out"
cd "$top"
# The library sources the targets may need: everything but the CLI and
# code that wants a database or a web server.
srcs="$(ls src/base/*.c src/doc/*.c 2>/dev/null)"
flags="-std=c17 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Isrc"
libs="$(pkg-config --libs jansson 2>/dev/null || echo -ljansson) -lunistring -lm"
status=0
for t in tests/fuzz/fuzz_*.c; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .c)
	echo "fuzz: building $name"
	clang $flags -o "$out/$name" "$t" $srcs $libs
	corpus="$out/$name.corpus"
	mkdir -p "$corpus"
	cp tests/docs/*.txt "$corpus/" 2>/dev/null || true
	echo "fuzz: running $name for ${secs}s"
	if ! "$out/$name" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
		-artifact_prefix="$out/$name-" -print_final_stats=1 "$corpus" >"$out/$name.log" 2>&1; then
		echo "fuzz: $name FAILED; see $out/$name.log"
		tail -n 40 "$out/$name.log"
		status=1
	else
		grep -E "^(stat::number_of_executed_units|Done)" "$out/$name.log" || tail -n 3 "$out/$name.log"
	fi
done
exit $status
