# The PAR workflow after the submission (issue 14) on a real server over the
# demo: Home Affairs takes a submitted assessment and asks for an explanation
# (a question per sub-criterion and one overall, due in working days, overdue
# the day after); the unit answers; Home Affairs appraises; a leader approves;
# an approved assessment refuses points, questions and answers; only a leader
# reopens it, with a reason.  Steps out of order are 409 naming the status,
# nothing written; every step is in the audit trail.  The demo leaves
# assessments in six states; the results compare 2026 with 2025 and rate the
# heads; a set in use is edited into a new version.
. "$(dirname "$0")/../lib/fixture.sh"
start_server --demo

TOKEN=$ADMIN
req GET "/api/v1/par/assessments?year=2026&kind=commune"
eq "the demo's states" "$(j 'map(.status) | unique | join(",")')" \
	"appraised,approved,draft,explanation_requested,submitted,under_appraisal"
A=$(j '[.[] | select(.status == "submitted")][0].id')
U=$(j "[.[] | select(.id == $A)][0].unit_code")
OTHER_U=$(j "[.[] | select(.unit_code != \"$U\")][0].unit_code")
OFF=$(account flow.off "$U" unit_officer)
HEAD=$(account flow.head "$U" unit_head)
HA=$("$CCHC" token create --db "$DB" --user snv)
LEADER=$(token_for leader 04)

# --- take -----------------------------------------------------------------
TOKEN=$OFF
req POST "/api/v1/par/assessments/$A/take"
eq "the unit may not take its own assessment" "$STATUS" "403"
TOKEN=$LEADER
req POST "/api/v1/par/assessments/$A/take"
eq "nor may a leader" "$STATUS" "403"
TOKEN=$HA
req POST "/api/v1/par/assessments/999999/take"
eq "an unknown assessment" "$STATUS" "404"
req POST "/api/v1/par/assessments/$A/answer" '{"answers": [{"id": 1, "answer": "x"}]}'
eq "Home Affairs does not answer" "$STATUS" "403"
req POST "/api/v1/par/assessments/$A/take"
eq "Home Affairs takes it" "$STATUS $(j .status) $(j .taken_by)" "200 under_appraisal snv"
req POST "/api/v1/par/assessments/$A/take"
eq "not twice: 409 naming the status" "$STATUS $(j '.error.message | contains("under_appraisal")')" "409 true"

# --- explain ----------------------------------------------------------------
req GET "/api/v1/par/assessments/$A"
LEAF=$(j '.tree[1].children[0].children[0].code')
req POST "/api/v1/par/assessments/$A/explain" '{"questions": "x"}'
eq "questions must be a list" "$STATUS $(j .error.field)" "422 questions"
req POST "/api/v1/par/assessments/$A/explain" '{"questions": [{"code": "9.9.9", "question": "?"}]}'
eq "an unknown criterion, named" "$STATUS $(j .error.field)" "422 questions[0]"
req POST "/api/v1/par/assessments/$A/explain" '{"questions": [{"question": 5}]}'
eq "a question of the wrong type" "$STATUS $(j .error.field)" "422 questions[0]"
req POST "/api/v1/par/assessments/$A/explain" '{"questions": [{"question": "x"}], "extra": 1}'
eq "an unknown key" "$STATUS" "422"
req POST "/api/v1/par/assessments/$A/explain" '{"questions": [{"question": "x"}'
eq "invalid JSON" "$STATUS" "400"
req GET "/api/v1/par/assessments/$A"
eq "nothing written" "$(j .status) $(j '.explanations | length')" "under_appraisal 0"
TOKEN=$OFF
req POST "/api/v1/par/assessments/$A/explain" '{"questions": [{"question": "x"}]}'
eq "the unit may not ask" "$STATUS" "403"
TOKEN=$HA
req POST "/api/v1/par/assessments/$A/explain" "{\"questions\": [{\"code\": \"$LEAF\", \"question\": \"Đề nghị bổ sung kế hoạch đã ban hành\"}, {\"question\": \"Giải trình chung về điểm tự chấm\"}]}"
eq "Home Affairs asks" "$STATUS $(j .status) $(j '.explanations | length') $(j '.explanations[0].code') $(j '.explanations[1].code')" \
	"200 explanation_requested 2 $LEAF null"
DUE=$(j .explanation_due)
Q1=$(j '.explanations[0].id')
Q2=$(j '.explanations[1].id')
check "due after today" test "$DUE" \> "$(date -u +%F)"
eq "not overdue today" "$(j .explanation_overdue)" "false"
LATE=$(date -u -d "$DUE + 1 day" +%F)
req GET "/api/v1/par/assessments/$A?as_of=$LATE"
eq "overdue the day after its due date" "$STATUS $(j .explanation_overdue) $(j '.explanations[0].overdue')" "200 true true"
req GET "/api/v1/par/assessments/$A?as_of=2026-02-30"
eq "an impossible date" "$STATUS" "400"
req POST "/api/v1/par/assessments/$A/appraise" '{"scores": [{"code": "TP", "points": 1, "reason": "x"}]}'
eq "no appraisal while an explanation is awaited" "$STATUS $(j '.error.message | contains("explanation_requested")')" "409 true"

# --- answer ---------------------------------------------------------------------
TOKEN=$(account flow.other "$OTHER_U" unit_officer)
req POST "/api/v1/par/assessments/$A/answer" "{\"answers\": [{\"id\": $Q1, \"answer\": \"x\"}, {\"id\": $Q2, \"answer\": \"y\"}]}"
eq "another unit may not answer" "$STATUS" "403"
TOKEN=$OFF
req POST "/api/v1/par/assessments/$A/answer" "{\"answers\": [{\"id\": $Q1, \"answer\": \"Đã bổ sung\"}]}"
eq "every open question at once" "$STATUS $(j .error.field) $(j '.error.message | contains("'"$Q2"'")')" "422 answers true"
req POST "/api/v1/par/assessments/$A/answer" "{\"answers\": [{\"id\": $Q1, \"answer\": \"a\"}, {\"id\": $Q1, \"answer\": \"b\"}]}"
eq "a question answered twice" "$STATUS $(j .error.field)" "422 answers[1]"
req POST "/api/v1/par/assessments/$A/answer" '{"answers": [{"id": "x", "answer": "a"}]}'
eq "an id of the wrong type" "$STATUS $(j .error.field)" "422 answers[0]"
req GET "/api/v1/par/assessments/$A"
eq "nothing written" "$(j .status) $(j '[.explanations[].answer] | map(select(. != null)) | length')" "explanation_requested 0"
TOKEN=$HEAD
req POST "/api/v1/par/assessments/$A/answer" "{\"answers\": [{\"id\": $Q1, \"answer\": \"Đã bổ sung kế hoạch số 12/KH\"}, {\"id\": $Q2, \"answer\": \"Điểm tự chấm có minh chứng kèm theo\"}]}"
eq "the unit answers: back under appraisal" "$STATUS $(j .status) $(j .explanation_due) $(j .explanation_overdue)" \
	"200 under_appraisal null false"
req POST "/api/v1/par/assessments/$A/answer" "{\"answers\": [{\"id\": $Q1, \"answer\": \"x\"}]}"
eq "no answer without a question" "$STATUS" "409"

# --- appraise, approve ------------------------------------------------------------
TOKEN=$LEADER
req POST "/api/v1/par/assessments/$A/approve"
eq "no approval before the appraisal" "$STATUS $(j '.error.message | contains("under_appraisal")')" "409 true"
TOKEN=$HA
req POST "/api/v1/par/assessments/$A/appraise" '{"scores": [{"code": "TP", "points": 1, "reason": "Có sáng kiến"}]}'
eq "appraised" "$STATUS $(j .status)" "200 appraised"
req POST "/api/v1/par/assessments/$A/approve"
eq "Home Affairs does not approve" "$STATUS" "403"
TOKEN=$ADMIN
req POST "/api/v1/par/assessments/$A/approve"
eq "nor does the admin" "$STATUS" "403"
TOKEN=$LEADER
req POST "/api/v1/par/assessments/$A/approve"
eq "a leader approves" "$STATUS $(j .status) $(j '.approved_by != null')" "200 approved true"

# --- approved: fixed until a leader reopens it -------------------------------------
TOKEN=$OFF
req PUT "/api/v1/par/assessments/$A/scores" "{\"scores\": [{\"code\": \"$LEAF\", \"points\": 0}]}"
eq "no points on an approved assessment" "$STATUS $(j '.error.message | contains("approved")')" "409 true"
req POST "/api/v1/par/assessments/$A/answer" "{\"answers\": [{\"id\": $Q1, \"answer\": \"x\"}]}"
eq "no answer after the approval" "$STATUS" "409"
TOKEN=$HA
req POST "/api/v1/par/assessments/$A/appraise" '{"scores": [{"code": "TP", "points": 2, "reason": "x"}]}'
eq "no appraisal of an approved assessment" "$STATUS" "409"
req POST "/api/v1/par/assessments/$A/reopen" '{"reason": "Sai số liệu"}'
eq "Home Affairs may not reopen" "$STATUS" "403"
TOKEN=$LEADER
req POST "/api/v1/par/assessments/$A/reopen" '{}'
eq "a reopening needs a reason" "$STATUS $(j .error.field)" "422 reason"
req POST "/api/v1/par/assessments/$A/reopen" '{"reason": "   "}'
eq "a blank reason is none" "$STATUS $(j .error.field)" "422 reason"
req GET "/api/v1/par/assessments/$A"
eq "still approved" "$(j .status)" "approved"
req POST "/api/v1/par/assessments/$A/reopen" '{"reason": "Phát hiện sai sót số liệu khảo sát"}'
eq "a leader reopens it" "$STATUS $(j .status) $(j '.reopenings[0].reason')" "200 under_appraisal Phát hiện sai sót số liệu khảo sát"
BY=$(j '.reopenings[0].reopened_by')
req POST "/api/v1/par/assessments/$A/reopen" '{"reason": "lần hai"}'
eq "not reopened twice" "$STATUS" "409"

# --- the audit trail ----------------------------------------------------------------
n=$(dbsql "SELECT count(*) FROM audit WHERE entity = 'par_assessment' AND entity_id = '$A' AND action IN ('ask', 'answer', 'reopen')")
eq "questions, answers and the reopening are in the audit trail" "$n" "5"
eq "the reopening, by the leader who made it" \
	"$(dbsql "SELECT actor FROM audit WHERE entity = 'par_assessment' AND entity_id = '$A' AND action = 'reopen'")" "$BY"
check "a leader's account, not the system" test "$BY" != system

# --- results: year on year, drops, heads' ratings ---------------------------------------
TOKEN=$LEADER
req GET "/api/v1/par/results?year=2026&kind=commune"
eq "last year beside this year" "$STATUS $(j '[.items[].previous.year] | unique | join(",")')" "200 2025"
eq "the change is the difference" "$(j '[.items[] | (.change - (.index - .previous.index)) | fabs < 0.011] | all')" "true"
eq "the drops are the units with a lower index or band" \
	"$(j '[.dropped[].unit_code] | sort | join(",")')" "$(j '[.items[] | select(.dropped) | .unit_code] | sort | join(",")')"
check "some units dropped" test "$(j '.dropped | length')" -gt 0
eq "a drop is a lower index or band" "$(j '[.dropped[] | .index < .previous_index or .band != .previous_band] | all')" "true"
eq "every head rated" "$(j '[.items[].head_rating] | all(. != null)')" "true"
eq "the rule is given" "$(j '.head_ratings[0].min_index') $(j '.head_ratings | length')" "90 4"
"$CCHC" par results 2026 --kind commune --db "$DB" >"$T/cli.json" || fail "cchc par results"
eq "cchc par results gives the same drops" "$(jq -c '[.dropped[].unit_code] | sort' "$T/cli.json")" "$(jq -c '[.dropped[].unit_code] | sort' "$T/body")"

# --- set versions ---------------------------------------------------------------------
TOKEN=$HA
req GET /api/v1/par/sets
SET=$(j '[.[] | select(.year == 2026 and .kind == "commune")][0].id')
req GET "/api/v1/par/sets/$SET?format=import"
jq '.name = "Bộ chỉ số xã sửa đổi"' "$T/body" >"$T/edit.json"
req PUT "/api/v1/par/sets/$SET" "$(cat "$T/edit.json")"
eq "an edit of a set in use is a new version" "$STATUS $(j .previous_id) $(j .version) $(j .frozen)" "200 $SET 2 false"
finish
