# PAR proposals and evidence (issue 14) end to end on the demo: a
# commune's draft gets scores proposed from the system's data with the
# numbers behind them; its officer accepts one and overrides another (a
# reason required, points checked); evidence by file (the same file twice
# kept once on disk) and by link (an unknown task named in the error);
# removal; every change refused once the head has submitted; who may read
# and who may change, by role.
. "$(dirname "$0")/../lib/fixture.sh"
start_server --demo

req GET "/api/v1/par/assessments?year=2026&kind=commune"
A=$(j '[.[] | select(.status == "draft")][0].id')
U=$(j "[.[] | select(.id == $A)][0].unit_code")
OFF=$(account pe.off "$U" unit_officer)
HEAD=$(account pe.head "$U" unit_head)
OTHER=$(token_for unit_officer "$OTHER_UNIT")
[ "$U" = "$OTHER_UNIT" ] && OTHER=$(token_for unit_officer "$OWN_UNIT")
HOME_AFFAIRS=$("$CCHC" token create --db "$DB" --user snv)
LEADER=$(token_for leader 04)

# --- proposals --------------------------------------------------------------------
TOKEN=$OFF
req GET "/api/v1/par/assessments/$A/proposals"
eq "proposals as of 31/12" "$STATUS $(j .as_of)" "200 2026-12-31"
eq "the four sources are proposed" "$(j '[.items[].source] | unique | join(",")')" \
	"feedback_on_time,indicators_met,reports_on_time,tasks_on_time"
eq "each with its numbers: n/d and the percent" \
	"$(j '[.items[] | select(.denominator > 0) | . as $x | ($x.basis | startswith("\($x.numerator)/\($x.denominator) ")) and ($x.percent == (($x.numerator * 1000 / $x.denominator) | round / 10))] | length > 0 and all')" "true"
eq "nothing decided yet" "$(j '[.items[].decision] | all(. == null)')" "true"
P=$(j '[.items[] | select(.proposed != null)][0].code')
Q=$(j "[.items[] | select(.proposed != null and .code != \"$P\")][0].code")
PP=$(j ".items[] | select(.code == \"$P\") | .proposed")
QMAX=$(j ".items[] | select(.code == \"$Q\") | .max")
[ -n "$P" ] && [ "$P" != null ] && [ -n "$Q" ] && [ "$Q" != null ] || fail "two proposed leaves in the demo ($P, $Q)"

req POST "/api/v1/par/assessments/$A/proposals" "{\"code\": \"$P\", \"accept\": true}"
eq "accepted: the proposed points become the unit's" \
	"$STATUS $(j ".items[] | select(.code == \"$P\") | .decision.decision") $(j ".items[] | select(.code == \"$P\") | .self_points == $PP")" \
	"200 accepted true"
req POST "/api/v1/par/assessments/$A/proposals" "{\"code\": \"$Q\", \"points\": 0}"
eq "an override without a reason: refused" "$STATUS $(j .error.field)" "422 reason"
req POST "/api/v1/par/assessments/$A/proposals" "{\"code\": \"$Q\", \"points\": 0, \"reason\": \"   \"}"
eq "a blank reason: refused" "$STATUS $(j .error.field)" "422 reason"
req POST "/api/v1/par/assessments/$A/proposals" "{\"code\": \"$Q\", \"points\": $(jq -n "$QMAX + 1"), \"reason\": \"x\"}"
eq "points above the maximum: refused" "$STATUS $(j .error.field)" "422 points"
req POST "/api/v1/par/assessments/$A/proposals" '{"code": "9.9.9", "accept": true}'
eq "an unknown code" "$STATUS $(j .error.field)" "422 code"
req POST "/api/v1/par/assessments/$A/proposals" '{"code": 5}'
eq "a code of the wrong type" "$STATUS $(j .error.field)" "422 code"
req POST "/api/v1/par/assessments/$A/proposals" '{"code": '
eq "invalid JSON" "$STATUS" "400"
req GET "/api/v1/par/assessments/$A/proposals"
eq "the refusals wrote nothing" "$(j ".items[] | select(.code == \"$Q\") | .decision")" "null"
req POST "/api/v1/par/assessments/$A/proposals" "{\"code\": \"$Q\", \"points\": 0, \"reason\": \"Số liệu chưa cập nhật\"}"
eq "overridden with a reason" \
	"$STATUS $(j ".items[] | select(.code == \"$Q\") | [.decision.decision, .decision.reason, .self_points] | join(\"|\")")" \
	"200 overridden|Số liệu chưa cập nhật|0"
req GET "/api/v1/par/assessments/$A"
eq "the appraiser sees the reason as the note" \
	"$(j "[.. | objects | select(.code? == \"$Q\")][0].note")" "Số liệu chưa cập nhật"
eq "both decisions in the audit trail, one per row" \
	"$(dbsql "SELECT count(*) FROM par_proposal WHERE assessment_id = $A")" "2"
# The rest at once: every proposal with points not yet decided.
req GET "/api/v1/par/assessments/$A/proposals"
OPEN=$(j '[.items[] | select(.proposed != null and .decision == null)] | length')
check "proposals left to accept" test "$OPEN" -gt 0
req POST "/api/v1/par/assessments/$A/proposals" '{"accept_all": "yes"}'
eq "accept_all must be true" "$STATUS $(j .error.field)" "422 accept_all"
req POST "/api/v1/par/assessments/$A/proposals" "{\"accept_all\": true, \"code\": \"$P\"}"
eq "accept_all goes alone" "$STATUS $(j .error.field)" "422 accept_all"
req POST "/api/v1/par/assessments/$A/proposals" '{"accept_all": true}'
eq "all accepted at once, the override kept" \
	"$STATUS $(j .accepted) $(j '[.items[] | select(.proposed != null and .decision == null)] | length') $(j ".items[] | select(.code == \"$Q\") | .decision.decision")" \
	"200 $OPEN 0 overridden"
eq "their points are the proposed ones" "$(j '[.items[] | select(.decision.decision == "accepted") | .self_points == .proposed] | all')" "true"
req POST "/api/v1/par/assessments/$A/proposals" '{"accept_all": true}'
eq "sent again: nothing left, nothing changed" "$STATUS $(j .accepted)" "200 0"
eq "one row per decision" "$(dbsql "SELECT count(*) FROM par_proposal WHERE assessment_id = $A")" "$((2 + OPEN))"

# --- evidence ---------------------------------------------------------------------
printf 'Biên bản kiểm tra CCHC %s\n' "$$" >"$T/bb.txt"
SHA=$(sha256sum "$T/bb.txt" | cut -d' ' -f1)
upload() {
	STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -F "code=$1" -F "note=$2" \
		-F "evidence=@$3;filename=$4" "$BASE/api/v1/par/assessments/$A/evidence")
}
upload "$P" "Biên bản" "$T/bb.txt" bien-ban.txt
eq "a file as evidence" "$STATUS $(j '.items[0].kind') $(j '.items[0].sha256') $(j '.items[0].code')" "201 file $SHA $P"
upload "$Q" "Cùng biên bản" "$T/bb.txt" bien-ban-2.txt
eq "the same file twice: two entries" "$STATUS $(j '[.items[] | select(.sha256 == "'"$SHA"'")] | length')" "201 2"
eq "stored once on disk" "$(find "$T/evidence" -type f -name "$SHA" | wc -l)" "1"
TOKEN=$HOME_AFFAIRS
curl -s -H "Authorization: Bearer $TOKEN" -o "$T/got" "$BASE/api/v1/evidence/$SHA"
check "the appraiser downloads it unchanged" cmp -s "$T/got" "$T/bb.txt"
TOKEN=$OFF
printf 'MZ\0\0' >"$T/x.exe"
upload "$P" "" "$T/x.exe" x.exe
eq "a file type not accepted" "$STATUS" "415"

TASK=$(dbsql "SELECT min(id) FROM task")
req POST "/api/v1/par/assessments/$A/evidence" "{\"code\": \"$P\", \"kind\": \"task\", \"ref\": $TASK, \"note\": \"Nhiệm vụ liên quan\"}"
eq "a link to a task" "$STATUS $(j "[.items[] | select(.kind == \"task\")][0].ref_id")" "201 $TASK"
req POST "/api/v1/par/assessments/$A/evidence" "{\"code\": \"$P\", \"kind\": \"task\", \"ref\": 987654321}"
eq "an unknown task: refused naming it" "$STATUS $(j .error.field) $(j '.error.message | contains("987654321")')" \
	"422 ref true"
req POST "/api/v1/par/assessments/$A/evidence" "{\"code\": \"$P\", \"kind\": \"picture\", \"ref\": 1}"
eq "an unknown kind" "$STATUS $(j .error.field)" "422 kind"
req POST "/api/v1/par/assessments/$A/evidence" "{\"code\": \"9.9.9\", \"kind\": \"task\", \"ref\": $TASK}"
eq "an unknown code" "$STATUS $(j .error.field)" "422 code"
req POST "/api/v1/par/assessments/$A/evidence" "{\"code\": \"$P\", \"kind\": \"task\", \"ref\": \"abc\"}"
eq "a ref of the wrong type" "$STATUS $(j .error.field)" "422 ref"
req GET "/api/v1/par/assessments/$A/evidence"
eq "three entries kept" "$STATUS $(j '.items | length')" "200 3"
E=$(j '[.items[] | select(.kind == "task")][0].id')
req DELETE "/api/v1/par/assessments/$A/evidence/$E"
eq "removed" "$STATUS $(j '.items | length') $(j "[.items[] | select(.id == $E)] | length")" "200 2 0"
req DELETE "/api/v1/par/assessments/$A/evidence/$E"
eq "not twice" "$STATUS" "404"
req DELETE "/api/v1/par/assessments/$A/evidence/abc"
eq "an id that is no number" "$STATUS" "404"

# --- who --------------------------------------------------------------------------
TOKEN=$OTHER
req GET "/api/v1/par/assessments/$A/proposals"
eq "another unit's officer does not read the proposals" "$STATUS" "403"
req GET "/api/v1/par/assessments/$A/evidence"
eq "nor the evidence" "$STATUS" "403"
req POST "/api/v1/par/assessments/$A/evidence" "{\"code\": \"$P\", \"kind\": \"task\", \"ref\": $TASK}"
eq "nor adds to it" "$STATUS" "403"
for who in HOME_AFFAIRS LEADER; do
	eval "TOKEN=\$$who"
	req GET "/api/v1/par/assessments/$A/evidence"
	eq "$who reads the evidence" "$STATUS $(j '.items | length')" "200 2"
	req POST "/api/v1/par/assessments/$A/proposals" "{\"code\": \"$P\", \"accept\": true}"
	eq "$who does not decide for the unit" "$STATUS" "403"
	req DELETE "/api/v1/par/assessments/$A/evidence/$(j '.items[0].id' 2>/dev/null || echo 1)"
	eq "$who does not remove evidence" "$STATUS" "403"
done
TOKEN=$HEAD
req POST "/api/v1/par/assessments/$A/evidence" "{\"code\": \"$Q\", \"kind\": \"task\", \"ref\": $TASK}"
eq "the head adds evidence too" "$STATUS" "201"

# --- after the submission ---------------------------------------------------------
TOKEN=$OFF
req GET "/api/v1/par/assessments/$A"
SCORES=$(jq -c '[.. | objects | select(.scored_by? == "self" and .rule != "sum" and .self_points == null) | {code, points: 0}]' "$T/body")
if [ "$SCORES" != "[]" ]; then
	req PUT "/api/v1/par/assessments/$A/scores" "{\"scores\": $SCORES}"
	eq "the rest scored" "$STATUS $(j .error.message)" "200 null"
fi
TOKEN=$HEAD
req POST "/api/v1/par/assessments/$A/submit"
eq "submitted" "$STATUS $(j .status)" "200 submitted"
EID=$(get "/api/v1/par/assessments/$A/evidence" | jq '.items[0].id')
req POST "/api/v1/par/assessments/$A/proposals" "{\"code\": \"$P\", \"accept\": true}"
eq "no decision after the submission" "$STATUS" "409"
req POST "/api/v1/par/assessments/$A/proposals" '{"accept_all": true}'
eq "none at once either" "$STATUS" "409"
upload "$P" "" "$T/bb.txt" muon.txt
eq "no file after the submission" "$STATUS" "409"
req POST "/api/v1/par/assessments/$A/evidence" "{\"code\": \"$P\", \"kind\": \"task\", \"ref\": $TASK}"
eq "no link after the submission" "$STATUS" "409"
req DELETE "/api/v1/par/assessments/$A/evidence/$EID"
eq "no removal after the submission" "$STATUS" "409"
req GET "/api/v1/par/assessments/$A/evidence"
eq "the evidence stays as submitted" "$STATUS $(j '.items | length')" "200 3"
finish
