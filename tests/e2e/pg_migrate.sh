# (PostgreSQL pass only.)  `cchc migrate-db`: a province's SQLite database, with a report that has
# evidence, copied into a new PostgreSQL database; the audit chain verifies
# on the copy with the same head, the counts match, the copy serves the
# evidence and takes new reports that continue the chain; refusals for a
# target that holds data, a file target, a missing source.  The source is
# SQLite whichever backend the pass runs on; the target is a database on the
# PostgreSQL server of the run (tests/lib/pg.sh).
. "$(dirname "$0")/../lib/fixture.sh"
if [ -z "${PG_HOST:-}" ]; then
	skip "no PostgreSQL server for the copy" "sh tools/deps.sh test, then make test"
	finish; exit
fi
CCHC_TEST_BACKEND=sqlite new_db
SRC=$DB
start_server --demo
req POST /api/v1/tasks '{"document_id": 2, "field": "TTHC", "title": "Việc chuyển sang máy chủ", "deadline": "2030-12-31", "lead": ["'"$OWN_UNIT"'"]}'
eq "task" "$STATUS" 201
ASG=$(j '.assignments[0].id')
printf 'biên bản chuyển dữ liệu %s\n' "$$" >"$T/ev.txt"
SHA=$(sha256sum "$T/ev.txt" | cut -c1-64)
STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $(token_for unit_officer)" -F percent=30 \
	-F "evidence=@$T/ev.txt;filename=bien-ban.txt" "$BASE/api/v1/assignments/$ASG/reports")
eq "report with evidence" "$STATUS" 201
stop_server

TO=$(pg_newdb)
"$CCHC" migrate-db --from "sqlite:$SRC" --to "$TO" >"$T/migrate.log" 2>&1
eq "copied" "$?" "0"
check "it names each table" grep -q "^audit  *[0-9]* rows" "$T/migrate.log"
"$CCHC" audit verify --db "$SRC" >"$T/v1" 2>&1
"$CCHC" audit verify --db "$TO" >"$T/v2" 2>&1
eq "the chain verifies on the copy" "$?" "0"
eq "with the same records and head" "$(cat "$T/v2")" "$(cat "$T/v1")"
for t in unit task assignment report evidence account api_token audit notification par_node finding feedback_setting; do
	DB=$SRC; a=$(dbsql "select count(*) from $t")
	DB=$TO; b=$(dbsql "select count(*) from $t")
	eq "$t rows" "$b" "$a"
done

# The copy serves: the evidence, a new report, a chain that goes on.
DB=$TO
serve_again
TOKEN=$(token_for unit_officer)
req GET "/api/v1/assignments/$ASG/reports"
eq "the report with its evidence" "$STATUS $(j '.[0].evidence[0].sha256')" "200 $SHA"
STATUS=$(curl -s -o "$T/file" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/evidence/$SHA")
eq "the evidence file" "$STATUS $(sha256sum "$T/file" | cut -c1-64)" "200 $SHA"
req POST "/api/v1/assignments/$ASG/reports" '{"percent": 70, "note": "Sau khi chuyển"}'
eq "a new report on the copy" "$STATUS" 201
NEW=$(j .id)
check "its id follows the copied ones" test "$NEW" -gt "$(DB=$SRC dbsql 'select max(id) from report')"
stop_server
"$CCHC" audit verify --db "$TO" >"$T/v3" 2>&1
eq "the chain goes on" "$?" "0"
check "with more records" test "$(sed -n 's/^ok: \([0-9]*\).*/\1/p' "$T/v3")" -gt "$(sed -n 's/^ok: \([0-9]*\).*/\1/p' "$T/v1")"

# PostgreSQL is backed up with its own tools: cchc backup says so.
"$CCHC" backup --db "$TO" -o "$T/pg.zip" >/dev/null 2>"$T/err"
eq "cchc backup of PostgreSQL: refused" "$? $(grep -c 'pg_dump' "$T/err")" "1 1"
check "and nothing written" test ! -e "$T/pg.zip"

# Refusals.
"$CCHC" migrate-db --from "sqlite:$SRC" --to "$TO" >/dev/null 2>"$T/err"
eq "a target with data: refused" "$? $(grep -c 'holds data already' "$T/err")" "1 1"
"$CCHC" migrate-db --from "sqlite:$SRC" --to "$T/other.db" >/dev/null 2>"$T/err"
eq "a file target: refused" "$? $(grep -c 'PostgreSQL' "$T/err")" "1 1"
"$CCHC" migrate-db --from "sqlite:$T/none.db" --to "$(pg_newdb)" >/dev/null 2>"$T/err"
eq "a missing source: refused" "$? $(grep -c 'cannot read' "$T/err")" "1 1"
check "and not created" test ! -e "$T/none.db"
"$CCHC" migrate-db --from "sqlite:$SRC" >/dev/null 2>&1
eq "no target: usage" "$?" "2"
finish
