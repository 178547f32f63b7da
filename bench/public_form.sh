#!/bin/sh
# bench/public_form.sh — the public form under load (issue 17: 1,000 form
# submissions a minute from distinct addresses without an error).
#
#   bench/public_form.sh [N] [PARALLEL]
#
# Serves a fresh demo database (durable, as in production) on loopback and
# posts N form submissions (default 1,000), each from its own loopback
# address (127.0.x.y, bench/public_form.pl: the server sees N different
# senders; it never trusts X-Forwarded-For), PARALLEL at a time (default
# 8).  Prints the answers by status per worker and the wall time; every
# answer must be 201.
set -u
cd "$(dirname "$0")/.." || exit 1
n=${1:-1000}
par=${2:-8}
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT INT TERM
./cchc init --db "$work/db" --demo caobang-2026 >/dev/null 2>&1 || { echo "init failed"; exit 1; }
port=$((20000 + $$ % 20000))
./cchc serve --db "$work/db" --listen "127.0.0.1:$port" --no-scheduler >"$work/log" 2>&1 &
pid=$!
i=0
while ! curl -s -o /dev/null "http://127.0.0.1:$port/api/v1/health"; do
	i=$((i + 1)); [ $i -gt 100 ] && { echo "server did not start"; exit 1; }; sleep 0.1
done
echo "public form: $n submissions from $n loopback addresses, $par at a time"
perl bench/public_form.pl "$port" "$n" "$par"
