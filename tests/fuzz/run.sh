#!/bin/sh
# Builds every tests/fuzz/fuzz_*.c as a libFuzzer target with ASan and UBSan
# and runs each for a bounded time, seeded with the test documents.
# Usage: tests/fuzz/run.sh [SECONDS [TARGET...]]   (default 60 s, every target;
#   FUZZ_JOBS=N for parallel jobs)
set -e
secs=${1:-${FUZZ_SECONDS:-60}}
[ $# -gt 0 ] && shift
targets=""
for t in "$@"; do targets="$targets tests/fuzz/$t.c"; done
top=$(cd "$(dirname "$0")/../.." && pwd)
out="$top/build/fuzz"
mkdir -p "$out"
cd "$top"
# The whole library but the CLI, with the generated tables the normal
# build makes (embedded web files, migrations and seed data).
make --no-print-directory BUILD=build/fuzz-gen build/fuzz-gen/gen/assets.c \
	build/fuzz-gen/gen/migrations.c build/fuzz-gen/gen/migrations_pg.c build/fuzz-gen/gen/seeddata.c >/dev/null
srcs="$(find src -name '*.c' ! -path 'src/cli/*') build/fuzz-gen/gen/assets.c build/fuzz-gen/gen/migrations.c build/fuzz-gen/gen/migrations_pg.c build/fuzz-gen/gen/seeddata.c"
# The same libraries as the Makefile's PKGS: the whole library is linked.
pkgs="libmicrohttpd jansson sqlite3 libpq libsodium libzip libxml-2.0 libcurl xlsxwriter poppler-glib"
flags="-std=c17 -D_GNU_SOURCE -DCCHC_VERSION=\"fuzz\" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Isrc -Ibuild/fuzz-gen/gen $(pkg-config --cflags $pkgs)"
libs="$(pkg-config --libs $pkgs) -lunistring -lpthread -lm"
status=0
for t in ${targets:-tests/fuzz/fuzz_*.c}; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .c)
	echo "fuzz: building $name"
	clang $flags -o "$out/$name" "$t" $srcs $libs
	corpus="$out/$name.corpus"
	mkdir -p "$corpus"
	cp tests/docs/*.txt "$corpus/" 2>/dev/null || true
	cp tests/docs/*.docx tests/docs/*.zip "$corpus/" 2>/dev/null || true
	cp tests/data/pdf/*.pdf "$corpus/" 2>/dev/null || true
	cp tests/fuzz/corpus/* "$corpus/" 2>/dev/null || true
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
