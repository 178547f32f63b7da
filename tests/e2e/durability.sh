# A killed server loses no acknowledged report: reports stream in from two
# clients, the server gets SIGKILL mid-stream, and after a restart every
# report that was answered 201 is there.  Also: the CLI sees the same data.
. "$(dirname "$0")/../lib/fixture.sh"
start_server
req POST /api/v1/tasks '{"document_id": 1, "title": "x", "deadline": "2030-01-01", "lead": ["A"]}'
eq "a database without documents refuses unknown refs" "$STATUS" "422"
req GET /api/v1/units
eq "init gives the registry" "$(j length)" "81"
stop_server
new_db
start_server --demo
ONE=$(account o.duclong 01822 unit_officer)
TWO=$(account o.thucphan 01273 unit_officer)

req POST /api/v1/tasks '{"document_id": 2, "title": "Việc kiểm tra độ bền", "recurrence": "monthly", "year": 2030, "lead": ["01822", "01273"]}'
eq "task for the stream" "$STATUS" "201"
j '.assignments[] | select(.unit_code=="01822") | .id' >"$T/ids1"
j '.assignments[] | select(.unit_code=="01273") | .id' >"$T/ids2"
cat "$T/ids1" "$T/ids2" >"$T/ids"

# Two clients post reports as fast as they can; each logs the ids it was given.
stream() { # FILE_OF_IDS OUT TOKEN
	for id in $(cat "$1"); do
		for p in 10 20 30 40 50 60 70 80 90; do
			r=$(curl -s --max-time 5 -H "Authorization: Bearer $3" -H 'Content-Type: application/json' \
				--data-binary "{\"percent\": $p, \"reporter\": \"bền\"}" \
				"$BASE/api/v1/assignments/$id/reports") || return 0
			echo "$r" | jq -r 'select(.id != null) | .id' >>"$2" 2>/dev/null || return 0
		done
	done
}
: >"$T/acked1"; : >"$T/acked2"
stream "$T/ids1" "$T/acked1" "$ONE" & c1=$!
stream "$T/ids2" "$T/acked2" "$TWO" & c2=$!
# Let some reports through, then kill the server without warning.
i=0
while [ "$(cat "$T/acked1" "$T/acked2" | wc -l)" -lt 150 ] && [ $i -lt 600 ]; do
	sleep 0.05; i=$((i + 1))
done
kill -9 "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null
SERVER_PID=
wait $c1 $c2
ACKED=$(cat "$T/acked1" "$T/acked2" | sort -n | uniq | wc -l)
check "reports were acknowledged before the kill ($ACKED)" test "$ACKED" -ge 150

serve_again
missing=0
for id in $(cat "$T/ids"); do
	get "/api/v1/assignments/$id/reports" | jq -r '.[].id'
done | sort -n >"$T/stored"
sort -n "$T/acked1" "$T/acked2" | uniq >"$T/acked"
missing=$(comm -23 "$T/acked" "$T/stored" | wc -l)
eq "no acknowledged report lost" "$missing" "0"
eq "reports stay in order per assignment" "$(for id in $(head -3 "$T/ids"); do
	get "/api/v1/assignments/$id/reports" | jq -c '[.[].percent] | . == sort'; done | sort -u)" "true"

# The restarted server's dashboard counts the stream's reports.
req GET "/api/v1/tasks/$(get "/api/v1/tasks?q=do+ben" | jq '.items[0].id')?as_of=2030-01-01"
check "dashboard after restart" test "$(j '.counts.in_progress')" -ge 1

# Unknown subcommands and bad options: usage and exit 2.
"$CCHC" frobnicate >/dev/null 2>&1; eq "unknown command" "$?" "2"
"$CCHC" serve --nope >/dev/null 2>&1; eq "bad option" "$?" "2"
"$CCHC" serve --listen nowhere >/dev/null 2>&1; eq "bad listen" "$?" "2"
"$CCHC" init --demo >/dev/null 2>&1; eq "missing value" "$?" "2"
"$CCHC" init --db "$T/other.db" --demo nope >/dev/null 2>&1; eq "unknown demo" "$?" "1"
"$CCHC" init --db "$DB" --demo caobang-2026 >/dev/null 2>&1; eq "demo needs a database without documents" "$?" "1"
"$CCHC" version | grep -q '^cchc [0-9]'; eq "version" "$?" "0"
"$CCHC" init --db "$DB" >/dev/null 2>&1; eq "init again migrates nothing" "$?" "0"
finish
