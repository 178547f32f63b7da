# The JSON API against a real server and database: reads, filters, writes,
# and every kind of bad input the brief names.
. "$(dirname "$0")/../lib/fixture.sh"
start_server --demo
DUCLONG=$(account o.duclong 01822 unit_officer)
THUCPHAN=$(account o.thucphan 01273 unit_officer)

# --- reads -------------------------------------------------------------
req GET /api/v1/health
eq "health" "$STATUS $(j .status) $(j .demo)" "200 ok caobang-2026"

req GET /api/v1/units
eq "units listed" "$STATUS $(j length)" "200 81"
eq "56 communes and wards" "$(j '[.[] | select(.kind=="commune" or .kind=="ward")] | length')" "56"
eq "province first" "$(j '.[0].kind')" "province"
# Vietnamese order among communes: Bạch Đằng < Bảo Lạc < Bảo Lâm < Bế Văn Đàn.
eq "vietnamese order" "$(j '[.[] | select(.kind=="commune") | .name][0:4] | join("|")')" \
	"Xã Bạch Đằng|Xã Bảo Lạc|Xã Bảo Lâm|Xã Bế Văn Đàn"

req GET '/api/v1/units?tree=1'
eq "tree root" "$(j 'length') $(j '.[0].code') $(j '.[0].children | length')" "1 04 79"

req GET '/api/v1/units?q=duc%20long'
eq "search without diacritics" "$(j '.[0].name')" "Xã Đức Long"
req GET '/api/v1/units?q=%C4%90%E1%BB%A9c'
eq "search with đ" "$(j '[.[].name] | join("|")')" "Sở Giáo dục và Đào tạo|Xã Đức Long"
req GET '/api/v1/units?q=%C4%91%E1%BB%A9c+long'
eq "search with đ, two words" "$(j '[.[].name] | join("|")')" "Xã Đức Long"
req GET '/api/v1/units?q=DUC+LONG'
eq "search ignores case" "$(j length)" "1"

req GET /api/v1/units/SNV
eq "unit by code" "$STATUS $(j .name) $(j '.leads_fields | length')" "200 Sở Nội vụ 3"
SNV_ID=$(j .id)
req GET "/api/v1/units/$SNV_ID"
eq "unit by id" "$(j .code)" "SNV"

req GET /api/v1/fields
eq "seven fields" "$(j length)" "7"
eq "TTHC led by the PPC Office" "$(j '.[] | select(.code=="TTHC") | .lead_unit_code')" "VPUBND"
eq "e-government led by Science and Technology" "$(j '.[] | select(.code=="CPS") | .lead_unit_code')" "SKHCN"

req GET /api/v1/plans
eq "one plan" "$(j length) $(j '.[0].number_symbol')" "1 4110/KH-UBND"
PLAN=$(j '.[0].id')
req GET "/api/v1/plans/$PLAN?as_of=2026-10-01"
eq "plan page" "$STATUS $(j '.fields | length')" "200 7"
eq "plan indicators" "$(j '[.fields[].indicators[]] | length')" "12"
check "plan regressed indicators shown" test "$(j '[.fields[].indicators[].units_regressed] | add')" -gt 0

req GET /api/v1/indicators
eq "indicators" "$(j length) $(j '.[0].is_sample')" "12 1"
IND=$(j '.[] | select(.code=="KH4110-04") | .id')

# --- the letter 473's tasks, assigned as it assigns them -----------------
req GET '/api/v1/tasks?limit=30'
# 18 of the letter 473 and the plan, 6 remedying the demo's inspection findings.
eq "tasks of 473, the plan and the inspection findings" "$(j '.items | length')" "24"
eq "section 1: four tasks for all departments and communes" \
	"$(j '[.items[] | select(.document=="473/UBND-NC" and .section=="1")] | length')" "4"
T1=$(j '[.items[] | select(.document=="473/UBND-NC" and .section=="1")][0].id')
req GET "/api/v1/tasks/$T1"
# 22 departments and agencies + 56 communes and wards, quarterly (ongoing).
eq "section 1 assignments" "$(j '.assignments | length')" "$(( 78 * 4 ))"
eq "ongoing by quarter" "$(j '[.assignments[].period] | unique | join(",")')" "2026-Q1,2026-Q2,2026-Q3,2026-Q4"
req GET '/api/v1/tasks?q=%C4%91%C3%B4n%20%C4%91%E1%BB%91c'
eq "search tasks with diacritics" "$(j '.items | length')" "1"
req GET '/api/v1/tasks?q=don+doc'
eq "search tasks without diacritics" "$(j '.items | length')" "1"
req GET '/api/v1/tasks?q=phat+song+tuyen+truyen+phan'
eq "search with many words" "$(j '.items | length') $(j '.items[0].section')" "1 3"
req GET '/api/v1/tasks?field=TTHC'
eq "filter by field" "$(j '.items | length')" "4"
req GET '/api/v1/tasks?unit=BPTTH'
eq "filter by unit: the media's own task" "$(j '[.items[] | select(.section=="3")] | length')" "1"
req GET '/api/v1/tasks?due_from=2026-06-01&due_to=2026-06-30'
# The recurring tasks fall due every quarter, so in June too.
eq "filter by due dates" "$(j '.items | length') $(j '[.items[].deadline | select(. != null)] | unique | join(",")')" "10 2026-06-30"
req GET '/api/v1/tasks?status=overdue&as_of=2026-11-20&unit=01822'
eq "filter by status: the commune's overdue tasks" "$(j '.items | length') $(j '[.items[] | select(.counts.overdue > 0) | .id] | join(",")')" "2 4,9"

# Cursor: pages of 5 cover all 18 tasks once.
ids="" cursor=0 pages=0
while [ "$cursor" != "null" ] && [ $pages -lt 10 ]; do
	req GET "/api/v1/tasks?limit=5&cursor=$cursor"
	ids="$ids $(j '[.items[].id] | join(" ")')"
	cursor=$(j .next_cursor)
	pages=$((pages + 1))
done
eq "cursor pages" "$pages $(echo $ids | wc -w) $(echo $ids | tr ' ' '\n' | sort -u | wc -l)" "5 24 24"

req GET '/api/v1/assignments?unit=01822&limit=500&as_of=2026-11-20'
eq "assignments of a commune" "$STATUS $(j '.items | length')" "200 $((4 * 4 + 3))"
check "every assignment has a status" test "$(j '[.items[] | select(.status == null)] | length')" = 0
req GET '/api/v1/assignments?unit=01822&status=done_on_time&as_of=2026-11-20&limit=500'
DONE=$(j '.items | length')
req GET "/api/v1/dashboard?as_of=2026-11-20"
eq "dashboard agrees with the list" "$(j '.units[] | select(.code=="01822") | .done_on_time')" "$DONE"
eq "dashboard totals" "$(j '.totals.total')" "1537"
# Worst first: rates never decrease down the list (nulls last).
eq "worst units first" "$(j '[.units[] | select(.on_time_rate != null) | .on_time_rate] | . == sort')" "true"
req GET '/api/v1/dashboard?kind=commune,ward&field=CDDH'
eq "dashboard filters" "$(j '.unit_count') $(j '.fields | length')" "56 1"
req GET '/api/v1/dashboard?root=04'
eq "dashboard subtree" "$(j '.unit_count')" "79"

# --- writing -----------------------------------------------------------
req POST /api/v1/tasks '{"document_id": 2, "field": "TTHC", "title": "Rà soát quy trình nội bộ giải quyết TTHC", "deadline": "2026-12-31", "lead": ["@communes"], "cooperating": ["VPUBND"]}'
eq "create a task for a group" "$STATUS $(j '.assignments | length') $(j '.cooperating[0].code')" "201 56 VPUBND"
NEW=$(j .id)
req PATCH "/api/v1/tasks/$NEW" '{"title": "Rà soát, công khai quy trình nội bộ giải quyết TTHC", "product": "Quy trình nội bộ"}'
eq "patch a task" "$STATUS $(j .product)" "200 Quy trình nội bộ"
req POST /api/v1/tasks '{"document_id": 2, "title": "Báo cáo tháng", "recurrence": "monthly", "year": 2027, "lead": ["SNV", "STP"]}'
eq "monthly task: one per unit per month" "$STATUS $(j '.assignments | length')" "201 24"
req POST /api/v1/tasks '{"document_id": 2, "title": "Việc có hạn xa", "deadline": "2030-06-30", "lead": ["01822"]}'
FAR=$(j '.assignments[0].id')

req POST "/api/v1/assignments/$FAR/reports" '{"percent": 40, "note": "Đã xây dựng dự thảo", "reporter": "Nguyễn Văn A"}'
eq "the admin does not report for a unit" "$STATUS $(j .error.code)" "403 forbidden"
TOKEN=$THUCPHAN
req POST "/api/v1/assignments/$FAR/reports" '{"percent": 40, "note": "Đã xây dựng dự thảo", "reporter": "Nguyễn Văn A"}'
eq "nor another unit's officer" "$STATUS" "403"
TOKEN=$DUCLONG
req POST "/api/v1/assignments/$FAR/reports" '{"percent": 40, "note": "Đã xây dựng dự thảo", "reporter": "Nguyễn Văn A"}'
eq "report progress" "$STATUS $(j .percent)" "201 40"
req GET "/api/v1/assignments/$FAR"
eq "in progress after a report" "$(j .status) $(j '.reports | length')" "in_progress 1"
req GET "/api/v1/assignments/$FAR?as_of=2026-01-01"
eq "not started as of before the report" "$(j .status)" "not_started"

# Duplicate submit: the same request_key is refused and stored once.
body='{"percent": 60, "note": "Lần 2", "reporter": "Nguyễn Văn A", "request_key": "form-0001-abcdef"}'
req POST "/api/v1/assignments/$FAR/reports" "$body"
eq "first submit" "$STATUS" "201"
req POST "/api/v1/assignments/$FAR/reports" "$body"
eq "duplicate submit refused" "$STATUS $(j .error.field)" "409 request_key"
req GET "/api/v1/assignments/$FAR/reports"
eq "stored once" "$(j length)" "2"

req POST "/api/v1/assignments/$FAR/reports" "{\"percent\": 100, \"completed_on\": \"$TODAY\", \"reporter\": \"Nguyễn Văn A\"}"
eq "complete" "$STATUS" "201"
req GET "/api/v1/assignments/$FAR"
eq "done on time" "$(j .status) $(j .completed_on)" "done_on_time $TODAY"
req POST "/api/v1/assignments/$FAR/reports" '{"percent": 50, "reporter": "B"}'
eq "no report after completion" "$STATUS" "409"

# Evidence: multipart with a file, stored by content, downloadable.
TOKEN=$ADMIN
req POST /api/v1/tasks '{"document_id": 2, "title": "Việc có minh chứng", "deadline": "2030-06-30", "lead": ["01273"]}'
EVA=$(j '.assignments[0].id')
TOKEN=$THUCPHAN
printf 'Biên bản kiểm tra CCHC — bằng chứng.\n' >"$T/ev.txt"
STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -F percent=30 -F 'note=Có biên bản' \
	-F 'reporter=Trần Thị B' -F "evidence=@$T/ev.txt;filename=bien-ban.txt" "$BASE/api/v1/assignments/$EVA/reports")
eq "report with evidence" "$STATUS $(j '.evidence[0].filename') $(j '.evidence[0].size')" "201 bien-ban.txt $(wc -c <"$T/ev.txt")"
SHA=$(j '.evidence[0].sha256')
eq "content address" "$SHA" "$(sha256sum "$T/ev.txt" | cut -d' ' -f1)"
curl -s -H "Authorization: Bearer $TOKEN" -D "$T/evh" -o "$T/got" "$BASE/api/v1/evidence/$SHA"
check "evidence downloads unchanged" cmp -s "$T/got" "$T/ev.txt"
check "download keeps its name" grep -q "filename\*=UTF-8''bien-ban.txt" "$T/evh"
check "download type from the bytes" grep -qi '^Content-Type: text/plain' "$T/evh"
req GET "/api/v1/evidence/..%2F..%2F..%2Fetc%2Fpasswd"
eq "no path traversal" "$STATUS" "404"
req GET "/api/v1/evidence/$(printf '%064d' 0)"
eq "unknown evidence" "$STATUS" "404"
head -c 3000 /dev/urandom >"$T/ev.bin"
printf '\0' >>"$T/ev.bin"
STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -F percent=35 -F reporter=B \
	-F "evidence=@$T/ev.bin;filename=x.exe" "$BASE/api/v1/assignments/$EVA/reports")
eq "evidence type refused" "$STATUS $(j .error.code)" "415 unsupported_media_type"
req GET "/api/v1/assignments/$EVA/reports"
eq "refused report not stored" "$(j length)" "1"

# The dashboard follows a report.
req GET "/api/v1/dashboard?as_of=$TODAY"
before=$(j '.units[] | select(.code=="01273") | .in_progress')
TOKEN=$ADMIN
req POST /api/v1/tasks '{"document_id": 2, "title": "Việc thứ hai", "deadline": "2030-06-30", "lead": ["01273"]}'
A2=$(j '.assignments[0].id')
TOKEN=$THUCPHAN
req POST "/api/v1/assignments/$A2/reports" '{"percent": 10, "reporter": "B"}'
req GET "/api/v1/dashboard?as_of=$TODAY"
eq "dashboard changes" "$(j '.units[] | select(.code=="01273") | .in_progress')" "$((before + 1))"

# Plans and indicators of a unit's own.
TOKEN=$ADMIN
req POST /api/v1/plans '{"number": "12", "symbol": "KH-UBND", "title": "Kế hoạch CCHC năm 2026 của xã Đức Long", "year": 2026, "issuer": "01822", "issued_on": "2026-01-15"}'
eq "a unit's own plan" "$STATUS $(j .number_symbol)" "201 12/KH-UBND"
UPLAN=$(j .id)
req POST /api/v1/indicators "{\"plan_id\": $UPLAN, \"field\": \"TTHC\", \"code\": \"DL-01\", \"name\": \"Hồ sơ đúng hạn\", \"measure\": \"%\", \"comparison\": \">=\", \"target\": 98}"
eq "an indicator" "$STATUS $(j .code)" "201 DL-01"
req POST /api/v1/indicators "{\"plan_id\": $UPLAN, \"field\": \"TTHC\", \"code\": \"DL-01\", \"name\": \"x\", \"measure\": \"%\", \"comparison\": \">=\", \"target\": 98}"
eq "indicator codes are unique" "$STATUS" "409"
req POST /api/v1/indicators "{\"plan_id\": $UPLAN, \"field\": \"TTHC\", \"code\": \"DL-02\", \"name\": \"x\", \"measure\": \"%\", \"comparison\": \">\", \"target\": 98}"
eq "comparison checked" "$STATUS $(j .error.field)" "422 comparison"
req POST /api/v1/plans '{"title": "x", "year": 2026, "issuer": "NOPE"}'
eq "plan issuer checked" "$STATUS $(j .error.field)" "422 issuer"

# Measurements and indicator judgement: a unit records its own values.
TOKEN=$DUCLONG
req POST "/api/v1/indicators/$IND/measurements" '{"unit": "01822", "period": "2026-Q4", "value": 99.1}'
eq "measurement" "$STATUS $(j .met) $(j .reported_by)" "201 true o.duclong"
req POST "/api/v1/indicators/$IND/measurements" '{"unit": "01822", "period": "2026-Q5", "value": 99}'
eq "bad period" "$STATUS $(j .error.field)" "422 period"

# --- bad input: a clear error, and nothing written ----------------------
TOKEN=$ADMIN
count_tasks() { get "/api/v1/tasks?limit=500" | jq '.items | length'; }
N0=$(count_tasks)
req POST /api/v1/tasks '{"document_id": 2, "title": "x", "deadline": "2026-12-31", "lead": ["SNV"]'
eq "invalid JSON" "$STATUS $(j .error.code)" "400 bad_request"
req POST /api/v1/tasks '[1,2]'
eq "not an object" "$STATUS" "400"
req POST /api/v1/tasks '{"document_id": "2", "title": "x", "deadline": "2026-12-31", "lead": ["SNV"]}'
eq "wrong type" "$STATUS $(j .error.field)" "422 document_id"
req POST /api/v1/tasks '{"document_id": 2, "title": 5, "deadline": "2026-12-31", "lead": ["SNV"]}'
eq "wrong type title" "$STATUS $(j .error.field)" "422 title"
req POST /api/v1/tasks '{"document_id": 999, "title": "x", "deadline": "2026-12-31", "lead": ["SNV"]}'
eq "unknown document" "$STATUS $(j .error.field)" "422 document_id"
req POST /api/v1/tasks '{"document_id": 2, "title": "x", "deadline": "2026-12-31", "lead": ["NOPE"]}'
eq "unknown unit" "$STATUS $(j .error.field)" "422 lead"
req POST /api/v1/tasks '{"document_id": 2, "title": "x", "deadline": "2026-02-30", "lead": ["SNV"]}'
eq "impossible date" "$STATUS $(j .error.field)" "422 deadline"
req POST /api/v1/tasks '{"document_id": 2, "title": "x", "deadline": "2026-12-31", "lead": ["SNV"], "colour": "red"}'
eq "unknown field" "$STATUS $(j .error.field)" "422 colour"
req POST /api/v1/tasks '{"document_id": 2, "title": "x", "deadline": "2026-12-31", "lead": ["SNV"], "title": "y"}'
eq "duplicate key" "$STATUS" "400"
printf '{"document_id": 2, "title": "\377\376", "deadline": "2026-12-31", "lead": ["SNV"]}' >"$T/bad"
STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-binary @"$T/bad" "$BASE/api/v1/tasks")
eq "non-UTF-8" "$STATUS" "400"
req POST /api/v1/tasks '{"document_id": 2, "title": "a\u0000b", "deadline": "2026-12-31", "lead": ["SNV"]}'
eq "NUL in text" "$STATUS" "400"
req POST /api/v1/tasks '{"document_id": 2, "title": "x"}' text/plain
eq "wrong content type" "$STATUS" "415"
head -c 1100000 /dev/zero | tr '\0' 'a' >"$T/huge"
STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-binary @"$T/huge" "$BASE/api/v1/tasks")
eq "huge body" "$STATUS $(j .error.code)" "413 too_large"
STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -H 'Transfer-Encoding: chunked' --data-binary @"$T/huge" "$BASE/api/v1/tasks")
eq "huge chunked body" "$STATUS" "413"
eq "nothing written" "$(count_tasks)" "$N0"
TOKEN=$THUCPHAN
req POST "/api/v1/assignments/$A2/reports" '{"percent": 101, "reporter": "B"}'
eq "percent range" "$STATUS $(j .error.field)" "422 percent"
req POST "/api/v1/assignments/$A2/reports" '{"percent": 100, "reporter": "B"}'
eq "completion needs a date" "$STATUS $(j .error.field)" "422 completed_on"
req POST "/api/v1/assignments/$A2/reports" '{"percent": 100, "completed_on": "2099-01-01", "reporter": "B"}'
eq "completion in the future" "$STATUS $(j .error.field)" "422 completed_on"
req POST "/api/v1/assignments/999999/reports" '{"percent": 10, "reporter": "B"}'
eq "unknown assignment" "$STATUS" "404"
TOKEN=$ADMIN
req GET /api/v1/tasks/999999
eq "unknown task" "$STATUS $(j .error.code)" "404 not_found"
req GET /api/v1/tasks/abc
eq "bad id" "$STATUS" "404"
req GET /api/v1/units/NOPE
eq "unknown unit page" "$STATUS" "404"
req GET '/api/v1/dashboard?as_of=2026-13-01'
eq "impossible as_of" "$STATUS $(j .error.field)" "400 as_of"
req GET '/api/v1/tasks?status=late'
eq "unknown status" "$STATUS $(j .error.field)" "400 status"
req GET '/api/v1/tasks?limit=0'
eq "bad limit" "$STATUS" "400"
req GET '/api/v1/units?q=%FF'
eq "non-UTF-8 query" "$STATUS" "400"
req GET /api/v1/nothing
eq "unknown route" "$STATUS" "404"
req DELETE /api/v1/tasks
eq "wrong method" "$STATUS" "405"

# Headers every response carries.
curl -s -D "$T/h" -o /dev/null "$BASE/api/v1/health"
check "nosniff" grep -qi '^X-Content-Type-Options: nosniff' "$T/h"
check "CSP" grep -qi "^Content-Security-Policy: default-src 'self'" "$T/h"
check "referrer policy" grep -qi '^Referrer-Policy: no-referrer' "$T/h"

# --- two writers at once -------------------------------------------------
# Two units report on their own monthly tasks at the same moment.
req POST /api/v1/tasks '{"document_id": 2, "title": "Việc kiểm thử ghi đồng thời QX7", "recurrence": "monthly", "year": 2030, "lead": ["01822", "01273"]}'
j '.assignments[] | select(.unit_code=="01822") | .id' >"$T/ids1"
j '.assignments[] | select(.unit_code=="01273") | .id' >"$T/ids2"
writers=""
for w in 1 2; do
	tok=$DUCLONG; [ $w = 2 ] && tok=$THUCPHAN
	(
		for id in $(cat "$T/ids$w"); do
			curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' \
				--data-binary '{"percent": 25, "reporter": "đồng thời"}' "$BASE/api/v1/assignments/$id/reports"
		done >"$T/w$w"
	) &
	writers="$writers $!"
done
wait $writers
eq "concurrent writers all succeed" "$(cat "$T"/w1 "$T"/w2 | sort | uniq -c | tr -s ' ')" " 24 201"
req GET "/api/v1/tasks/$(get "/api/v1/tasks?q=qx7" | jq '.items[0].id')?as_of=2030-01-01"
eq "every concurrent report stored" "$(j '.counts.in_progress')" "24"

finish
