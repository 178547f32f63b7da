# (PostgreSQL pass only.)  The database server as operators meet it: not
# there when cchc starts (a clear message and a prompt exit, not a hang);
# going away while cchc serves (503 with a JSON error, no acknowledged
# report lost, and service again once it is back, without a restart); a
# schema newer than the binary (refused, with the versions).  The test runs
# a PostgreSQL server of its own, so that stopping it disturbs no other test.
. "$(dirname "$0")/../lib/fixture.sh"
pg_start || { echo "cannot start a PostgreSQL server"; exit 1; }
at_exit 'pg_stop'
DB=$(pg_newdb)
start_server --demo
req POST /api/v1/tasks '{"document_id": 2, "field": "TTHC", "title": "Việc khi máy chủ dừng", "deadline": "2030-12-31", "lead": ["'"$OWN_UNIT"'"]}'
eq "a task to report on" "$STATUS" 201
ASG=$(j '.assignments[0].id')
TOKEN=$(token_for unit_officer)
report() { req POST "/api/v1/assignments/$ASG/reports" "{\"percent\": $1, \"note\": \"trước khi máy chủ dừng\"}"; }
report 10; eq "before: stored" "$STATUS" "201"; FIRST=$(j .id)

# The server goes away.
pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null
report 20
eq "while it is away: 503" "$STATUS $(j .error.code)" "503 busy"
check "and says why" test -n "$(j .error.message)"
req GET "/api/v1/assignments/$ASG/reports"
check "reads answer 503 too, or the last cached answer ($STATUS)" test "$STATUS" = 503 -o "$STATUS" = 200

# It comes back: the same cchc serves again.
pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
	-o "-k $PG_DIR -c listen_addresses= -c fsync=off" start >/dev/null
n=0
while report 30 && [ "$STATUS" != 201 ] && [ $n -lt 20 ]; do n=$((n + 1)); sleep 0.5; done
eq "after: stored again, no restart" "$STATUS" "201"
req GET "/api/v1/assignments/$ASG/reports"
eq "the acknowledged reports are there, the refused one is not" "$(j '[.[].percent] | map(tostring) | join(" ")')" "10 30"
eq "the first is the first" "$(j '.[0].id')" "$FIRST"
stop_server
"$CCHC" audit verify --db "$DB" >/dev/null 2>&1; eq "the chain holds" "$?" "0"

# Not there at the start: a message and an exit, promptly.
pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null
start=$(date +%s)
"$CCHC" serve --db "$DB" --listen 127.0.0.1:0 >/dev/null 2>"$T/err"
eq "unreachable at start: exit 1" "$?" "1"
check "within 15 s" test $(( $(date +%s) - start )) -le 15
check "saying it cannot connect" grep -q "cannot connect to the database" "$T/err"
pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
	-o "-k $PG_DIR -c listen_addresses= -c fsync=off" start >/dev/null

# A schema newer than this cchc: refused, nothing changed.
dbsql "INSERT INTO cchc_schema VALUES (999, 'later')"
"$CCHC" serve --db "$DB" --listen 127.0.0.1:0 >/dev/null 2>"$T/err"
eq "newer schema: exit 1" "$?" "1"
check "saying so" grep -q "schema 999 is newer than this cchc" "$T/err"
finish
