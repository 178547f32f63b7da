# Documents into the tracker (issue 4): upload the seed letter 473 as text
# and as .docx, review the draft, edit it, confirm it, and find its tasks,
# assignments and dashboard counts; bad input is refused and writes nothing.
. "$(dirname "$0")/../lib/fixture.sh"
DOCS="$(cd "$(dirname "$0")/../docs" && pwd)"
start_server --demo

# upload FILE [NAME]: multipart upload in field "file"; sets STATUS, body in $T/body.
upload() {
	STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -F "file=@$1;filename=${2:-$(basename "$1")}" \
		"$BASE/api/v1/documents")
}
counts() { # drafts documents tasks
	req GET /api/v1/drafts; d=$(j length)
	req GET /api/v1/documents; n=$(j length)
	req GET '/api/v1/tasks?limit=500'; t=$(j '.items | length')
	echo "$d $n $t"
}

req GET "/api/v1/dashboard?as_of=2026-12-31"
TOTAL0=$(j '.totals.total')
BEFORE=$(counts)

# --- as text, in JSON --------------------------------------------------------
jq -Rs '{text: ., name: "473-UBND-NC.txt"}' "$DOCS/00-473-UBND-NC.txt" >"$T/upload.json"
req POST /api/v1/documents "$(cat "$T/upload.json")"
eq "text draft created" "$STATUS $(j .status) $(j .source_kind)" "201 draft text"
ID=$(j .id)
eq "draft document" "$(j '.document.number')/$(j '.document.symbol') $(j '.document.issued_on') $(j '.document.issuer_unit')" \
	"473/UBND-NC 2026-02-25 04"
eq "eight tasks in three sections" "$(j '[.tasks[].section] | join(",")')" "1,1,1,1,2,2,2,3"
eq "section 1 to both groups" "$(j '[.tasks[0].lead[].ref] | join(",")') $(j '.tasks[0].lead[0].members') $(j '.tasks[0].lead[1].members')" \
	"@departments,@communes 22 56"
eq "section 2 to the office and four departments" "$(j '[.tasks[4].lead[].ref] | join(",")')" "VPUBND,SNV,STP,STC,SKHCN"
eq "section 3 led by the media" "$(j '[.tasks[7].lead[].ref] | join(",")')" "BPTTH"
eq "vague cooperating flagged" "$(j '.tasks[7].cooperating[0].status') $(j '.tasks[7].cooperating[0].ref')" "ambiguous null"
eq "not ready" "$(j .ready)" "false"
check "missing recurrence flagged" test "$(j '[.issues[] | select(.field=="tasks[0].deadline")] | length')" = 1
check "letter already in the demo: a warning" test "$(j '[.issues[] | select(.severity=="warning")] | length')" = 1
eq "the text is kept" "$(j '.text | test("Lê Hải Hòa")')" "true"

req GET "/api/v1/drafts/$ID"
eq "draft read back" "$STATUS $(j '.tasks | length') $(j '.parsed.number')" "200 8 473"

# Confirming now is refused: assignees and recurrences are still open.
req POST "/api/v1/drafts/$ID/confirm"
eq "confirm with open issues" "$STATUS $(j .error.code)" "422 invalid"
check "names the task" test -n "$(j '.error.field | select(startswith("tasks["))')"

# --- as .docx --------------------------------------------------------------------
upload "$DOCS/00-473-UBND-NC.docx"
eq "docx draft" "$STATUS $(j .source_kind) $(j '.tasks | length') $(j .document.number)" "201 docx 8 473"
DOCX_ID=$(j .id)
req GET "/api/v1/drafts/$ID"
eq "docx: same tasks as the text" "$(j '[.tasks[].lead[].ref] | join(",")')" \
	"$(get "/api/v1/drafts/$DOCX_ID" | jq -r '[.tasks[].lead[].ref] | join(",")')"

# --- review: edit, remove a task, add assignees -------------------------------------
# Every task runs all year (ongoing); the third task is dropped; the vague
# cooperating entry goes; Sở Y tế joins section 2's first task by name and
# Sở Xây dựng by code.
j '{document: .document, tasks: .tasks}
   | .tasks |= map(.recurrence = (.recurrence // "ongoing"))
   | .tasks |= (.[0:2] + .[3:])
   | .tasks[6].cooperating = []
   | .tasks[3].lead += [{"name": "Sở Y tế"}, "SXD"]
   | .tasks[0].title = "Chỉ đạo, đôn đốc triển khai Kế hoạch CCHC năm 2026"' >"$T/edit.json"
req PUT "/api/v1/drafts/$ID" "$(cat "$T/edit.json")"
eq "edited draft" "$STATUS $(j .ready) $(j '.tasks | length')" "200 true 7"
eq "added by name" "$(j '.tasks[3].lead[5].ref') $(j '.tasks[3].lead[5].how')" "SYT name"
eq "added by code" "$(j '.tasks[3].lead[6].ref') $(j '.tasks[3].lead[6].how')" "SXD manual"
eq "title edited" "$(j '.tasks[0].title')" "Chỉ đạo, đôn đốc triển khai Kế hoạch CCHC năm 2026"

req PUT "/api/v1/drafts/$ID" '{"document": {"type": "CV"}, "tasks": [{"recurrence": "weekly"}]}'
eq "bad recurrence refused" "$STATUS $(j .error.field)" "422 tasks[0].recurrence"
req PUT "/api/v1/drafts/$ID" '{"tasks": []}'
eq "document required" "$STATUS" "422"
req GET "/api/v1/drafts/$ID"
eq "refused edits changed nothing" "$(j '.tasks | length') $(j .ready)" "7 true"

# --- confirm ----------------------------------------------------------------------
req POST "/api/v1/drafts/$ID/confirm"
eq "confirmed" "$STATUS $(j '.task_ids | length') $(j .draft_id)" "201 7 $ID"
DOC=$(j .id)
TASK0=$(j '.task_ids[0]')
TASK3=$(j '.task_ids[3]')
TASK6=$(j '.task_ids[6]')
eq "document row" "$(j .number_symbol) $(j .source_name) $(j '.tasks | length')" "473/UBND-NC 473-UBND-NC.txt 7"
check "document keeps its text" test "$(j '.body | test("Kính gửi")')" = true
req POST "/api/v1/drafts/$ID/confirm"
eq "confirm twice" "$STATUS $(j .error.code)" "409 conflict"
req PUT "/api/v1/drafts/$ID" "$(cat "$T/edit.json")"
eq "edit after confirm" "$STATUS" "409"
req GET "/api/v1/drafts/$ID"
eq "draft links its document" "$(j .status) $(j .document_id)" "confirmed $DOC"

req GET "/api/v1/tasks/$TASK0"
# 22 departments and agencies + 56 communes and wards, by quarter.
eq "section 1 assignments" "$(j '.assignments | length') $(j .recurrence) $(j .title)" \
	"$((78 * 4)) ongoing Chỉ đạo, đôn đốc triển khai Kế hoạch CCHC năm 2026"
req GET "/api/v1/tasks/$TASK3"
eq "section 2 with the added units" "$(j '[.assignments[].unit_code] | unique | join(",")')" \
	"SKHCN,SNV,STC,STP,SXD,SYT,VPUBND"
req GET "/api/v1/tasks/$TASK6"
eq "section 3: the media" "$(j '[.assignments[].unit_code] | unique | join(",")') $(j '.lead[0].code')" "BPTTH BPTTH"
req GET "/api/v1/assignments?unit=SYT&task=$TASK3"
eq "assignment of an added unit" "$(j '.items | length')" "4"
req GET "/api/v1/documents/$DOC"
eq "document's tasks" "$(j '.tasks | length') $(j '[.tasks[].assignments] | add')" "7 $(( (3*78 + 7 + 5 + 5 + 1) * 4 ))"

req GET "/api/v1/dashboard?as_of=2026-12-31"
eq "dashboard counts the new assignments" "$(j '.totals.total')" "$(( TOTAL0 + (3*78 + 7 + 5 + 5 + 1) * 4 ))"

# --- discard ------------------------------------------------------------------------
req DELETE "/api/v1/drafts/$DOCX_ID"
eq "discarded" "$STATUS $(j .status)" "200 discarded"
req POST "/api/v1/drafts/$DOCX_ID/confirm"
eq "a discarded draft cannot be confirmed" "$STATUS" "409"
req GET "/api/v1/drafts/999999"
eq "unknown draft" "$STATUS $(j .error.code)" "404 not_found"
req GET "/api/v1/documents/999999"
eq "unknown document" "$STATUS" "404"

# --- PDF and .docx with tables: the bytes decide the type ------------------------------
SAMPLES="$(cd "$(dirname "$0")/../data/pdf" && pwd)"
upload "$SAMPLES/kh-annex.pdf"
eq "PDF draft" "$STATUS $(j .source_name) $(j .source_kind) $(j .document.number)/$(j .document.symbol) $(j '.tasks | length')" \
	"201 kh-annex.pdf pdf 96/KH-UBND 4"
eq "PDF: the appendix rows are tasks" "$(j '[.tasks[].section] | join(",")')" "III.1,I.1,I.2,II.1"
upload "$SAMPLES/kh-annex.docx" plan.txt
eq ".docx under a .txt name, its table rows tasks" "$STATUS $(j .source_kind) $(j '[.tasks[].section] | join(",")')" \
	"201 docx III.1,I.1,I.2,II.1"

# --- bad input writes nothing ----------------------------------------------------------
BEFORE=$(counts)
printf 'Số: 1/UBND\n\377\376 not UTF-8\n' >"$T/latin1.txt"
upload "$T/latin1.txt"
eq "not UTF-8" "$STATUS $(j .error.code)" "400 bad_request"
printf 'Một đoạn văn bản bình thường, không phải công văn.\n' >"$T/plain.txt"
upload "$T/plain.txt"
eq "not a document" "$STATUS $(j .error.code)" "422 invalid"
req POST /api/v1/documents '{"text": "xin chào"}'
eq "JSON text that is not a document" "$STATUS" "422"
req POST /api/v1/documents '{}'
eq "no text" "$STATUS $(j .error.field)" "422 text"
req POST /api/v1/documents '{"text": "x", "extra": 1}'
eq "unknown field" "$STATUS $(j .error.field)" "422 extra"
upload "$DOCS/not-a-docx.zip" letter.docx
eq "a zip that is not a docx" "$STATUS $(j .error.code)" "415 unsupported_media_type"
upload "$DOCS/00-473-UBND-NC.txt" letter.docx
eq "a .docx that is not a zip" "$STATUS" "415"
upload "$DOCS/00-473-UBND-NC.txt" letter.pdf
eq "a .pdf that is not a PDF" "$STATUS" "415"
upload "$SAMPLES/encrypted.pdf"
eq "a PDF with a password" "$STATUS $(j .error.code) $(j '.error.message | test("password")')" "415 unsupported_media_type true"
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog' >"$T/damaged.pdf"
upload "$T/damaged.pdf"
eq "a damaged PDF" "$STATUS $(j '.error.message | test("damaged")')" "415 true"
upload "$DOCS/00-473-UBND-NC.txt" letter.odt
eq "another type" "$STATUS" "415"
head -c 6000000 /dev/zero | tr '\0' 'a' >"$T/big.txt"
upload "$T/big.txt"
eq "oversize file" "$STATUS $(j .error.code)" "413 too_large"
req POST /api/v1/documents 'x' text/plain
eq "wrong content type" "$STATUS" "415"
STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -F "other=@$DOCS/00-473-UBND-NC.txt" "$BASE/api/v1/documents")
eq "file in the wrong field" "$STATUS" "422"
eq "nothing written" "$(counts)" "$BEFORE"

# --- the command line --------------------------------------------------------------------
stop_server
"$CCHC" import "$DOCS/00-473-UBND-NC.docx" --db "$DB" >"$T/cli.json" 2>"$T/cli.err"
eq "cchc import prints the draft" "$? $(jq -r '.tasks | length' "$T/cli.json") $(jq -r .ready "$T/cli.json")" "0 8 false"
"$CCHC" import "$DOCS/00-473-UBND-NC.txt" --db "$DB" --confirm >"$T/cli.json" 2>"$T/cli.err"
eq "--confirm refuses an open draft" "$?" "1"
check "and says why" grep -q "needs review" "$T/cli.err"
"$CCHC" import "$T/plain.txt" --db "$DB" >/dev/null 2>"$T/cli.err"
eq "cchc import: not a document" "$?" "1"
"$CCHC" import "$SAMPLES/kh-annex.pdf" --db "$DB" >"$T/cli.json" 2>"$T/cli.err"
eq "cchc import reads a PDF, stored as one" "$? $(jq -r '.tasks | length' "$T/cli.json") $(jq -r .source_name "$T/cli.json") $(jq -r .source_kind "$T/cli.json")" "0 4 kh-annex.pdf pdf"
"$CCHC" import "$T/damaged.pdf" --db "$DB" >/dev/null 2>"$T/cli.err"
eq "cchc import: a damaged PDF" "$? $(grep -c damaged "$T/cli.err")" "1 1"
"$CCHC" import >/dev/null 2>&1
eq "cchc import: usage" "$?" "2"
finish
