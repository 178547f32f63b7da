# Discipline cases (issue 15) end to end on the demo: the demo's case is
# opened only by the roles allowed (the unit's head, Home Affairs, the
# inspectorate, leaders, the admin) and every look, refused ones too, is in
# the audit trail; a case is opened by the unit's head, linked to the
# finding behind it, and taken through review, council and decision with
# dates in order and a form valid for the official; counts per unit carry
# no names.  Bad input each gets a clear error and writes nothing.
. "$(dirname "$0")/../lib/fixture.sh"
start_server --demo

DEMO_UNIT=01297		# the demo case's commune (Xã Nam Quang)
HEAD=$(token_for unit_head $DEMO_UNIT)
OTHER_HEAD=$(token_for unit_head)
OFF=$(token_for unit_officer $DEMO_UNIT)
SNV=$(account d.snv SNV lead_agency)
VPUBND=$(account d.vpubnd VPUBND lead_agency)
INS=$(account d.ttt TTT inspector)
LEADER=$(token_for leader 04)
VIEWER=$(token_for viewer 04)
audit_count() { # ACTION ENTITY_ID: records of the action on the case
	TOKEN=$ADMIN get /api/v1/audit/export |
		jq --arg a "$1" --arg i "$2" '[.[] | select(.entity == "discipline_case" and .action == $a and .entity_id == $i)] | length'
}

# --- the demo's case and who may open it ----------------------------------------------
TOKEN=$ADMIN
req GET /api/v1/discipline-cases
eq "the demo has one case" "$STATUS $(j length) $(j '.[0].unit_code') $(j '.[0].status') $(j '.[0].form_name')" \
	"200 1 $DEMO_UNIT decided Khiển trách"
CASE=$(j '.[0].id')
req GET "/api/v1/discipline-cases/$CASE"
eq "linked to the inspection's finding" "$(j '.links | length') $(j '.links[0].finding_id != null')" "1 true"
eq "the procedure's dates in order" "$(j .review_on) $(j .council_on) $(j .decision_on) $(j .decided_late)" \
	"2026-10-15 2026-10-29 2026-11-10 false"
for who in HEAD SNV INS LEADER ADMIN; do
	eval "TOKEN=\$$who"
	views=$(audit_count view "$CASE")
	req GET "/api/v1/discipline-cases/$CASE"
	eq "$who opens the case" "$STATUS $(j .person_name | cut -d' ' -f1)" "200 Nông"
	eq "$who's look is recorded" "$(audit_count view "$CASE")" "$((views + 1))"
done
for who in OTHER_HEAD OFF VPUBND VIEWER; do
	eval "TOKEN=\$$who"
	refused=$(audit_count view_refused "$CASE")
	req GET "/api/v1/discipline-cases/$CASE"
	eq "$who may not open the case" "$STATUS $(grep -c Nông "$T/body")" "403 0"
	eq "$who's refused look is recorded" "$(audit_count view_refused "$CASE")" "$((refused + 1))"
done
TOKEN=$ADMIN get /api/v1/audit/export | jq --arg i "$CASE" \
	'[.[] | select(.entity == "discipline_case" and .action == "view_refused" and .entity_id == $i)] | .[-1].actor' >"$T/actor"
eq "the refused look names the viewer" "$(cat "$T/actor")" '"fx.viewer.04"'
TOKEN=$OFF
req GET /api/v1/discipline-cases
eq "an officer lists no cases" "$STATUS" "403"
eq "the refused list is recorded" "$(audit_count view_refused list)" "1"
TOKEN=$OTHER_HEAD
req GET /api/v1/discipline-cases
eq "another unit's head sees none of this unit's cases" "$STATUS $(j length)" "200 0"
req GET "/api/v1/discipline-cases?unit=$DEMO_UNIT"
eq "nor asks for them" "$STATUS" "403"
TOKEN=$HEAD
req GET /api/v1/discipline-cases
eq "the unit's head lists its case" "$STATUS $(j length)" "200 1"
req GET /api/v1/discipline-cases/99999
eq "an unknown case is nobody's" "$STATUS" "403"
TOKEN=$ADMIN
req GET /api/v1/discipline-cases/99999
eq "an unknown case for who sees all" "$STATUS" "404"

# --- counts per unit, no names ---------------------------------------------------------
TOKEN=$VIEWER
req GET "/api/v1/discipline-counts?year=2026"
eq "counts per unit" "$STATUS $(j '.[0].unit_code') $(j '.[0].cases') $(j '.[0].decided')" "200 $DEMO_UNIT 1 1"
eq "counts carry no names" "$(grep -c Nông "$T/body")" "0"
req GET "/api/v1/discipline-counts?year=2025"
eq "none in 2025" "$STATUS $(j length)" "200 0"
req GET /api/v1/discipline-forms
eq "the forms of discipline" "$STATUS $(j '[.[] | select(.grp == "cong_chuc" and .valid_to == null)] | map(.code) | join(",")')" \
	"200 khien_trach,canh_cao,cach_chuc,buoc_thoi_viec"

# --- a new case: its head opens it and takes it through the procedure ------------------------------
TOKEN=$ADMIN
FINDING=$(get "/api/v1/findings?unit=$DEMO_UNIT" | jq '.[0].id')
OTHER_FINDING=$(get "/api/v1/findings?unit=01290" | jq '.[0].id')
body() { printf '{"unit": "%s", "person_name": "Lục Thị Hoa", "position": "Phó Chủ tịch UBND xã", "group": "cong_chuc", "is_leader": true, "act": "Chậm ban hành kế hoạch", "severity": "serious", "occurred_on": "%s", "discovered_on": "%s", "findings": [%s]}' "$@"; }
TOKEN=$OFF
req POST /api/v1/discipline-cases "$(body $DEMO_UNIT 2026-09-01 2026-09-25 "$FINDING")"
eq "an officer opens no case" "$STATUS" "403"
TOKEN=$OTHER_HEAD
req POST /api/v1/discipline-cases "$(body $DEMO_UNIT 2026-09-01 2026-09-25 "$FINDING")"
eq "nor another unit's head" "$STATUS" "403"
TOKEN=$HEAD
before=$(TOKEN=$ADMIN get /api/v1/discipline-cases | jq length)
req POST /api/v1/discipline-cases "$(body $DEMO_UNIT 2026-09-26 2026-09-25 "$FINDING")"
eq "discovered before it happened" "$STATUS $(j .error.field)" "422 discovered_on"
req POST /api/v1/discipline-cases "$(body $DEMO_UNIT 2026-09-01 2026-12-25 "$FINDING")"
eq "discovered after today" "$STATUS $(j .error.field)" "422 discovered_on"
req POST /api/v1/discipline-cases "$(body $DEMO_UNIT 2026-09-01 2026-02-30 "$FINDING")"
eq "an impossible date" "$STATUS $(j .error.field)" "422 discovered_on"
req POST /api/v1/discipline-cases "$(body $DEMO_UNIT 2026-09-01 2026-09-25 "$OTHER_FINDING")"
eq "a finding of another unit" "$STATUS $(j .error.field)" "422 findings"
req POST /api/v1/discipline-cases "$(body $DEMO_UNIT 2026-09-01 2026-09-25 "$FINDING, $FINDING")"
eq "a finding twice" "$STATUS $(j .error.field)" "422 findings"
req POST /api/v1/discipline-cases "$(body $DEMO_UNIT 2026-09-01 2026-09-25 "$FINDING" | jq -c '.group = "si_quan"')"
eq "an unknown group" "$STATUS $(j .error.field)" "422 group"
req POST /api/v1/discipline-cases "$(body $DEMO_UNIT 2026-09-01 2026-09-25 "$FINDING" | jq -c '.severity = "grave"')"
eq "an unknown severity" "$STATUS $(j .error.field)" "422 severity"
req POST /api/v1/discipline-cases "$(body $DEMO_UNIT 2026-09-01 2026-09-25 "$FINDING" | jq -c '.is_leader = "yes"')"
eq "is_leader of the wrong type" "$STATUS $(j .error.field)" "422 is_leader"
req POST /api/v1/discipline-cases "$(body $DEMO_UNIT 2026-09-01 2026-09-25 "$FINDING" | jq -c '.tasks = [999999]')"
eq "an unknown task" "$STATUS $(j .error.field)" "422 tasks"
req POST /api/v1/discipline-cases '{"unit": "01297", "person_name": 5}'
eq "a name of the wrong type" "$STATUS $(j .error.field)" "422 person_name"
req POST /api/v1/discipline-cases '{"unit": "01297", '
eq "invalid JSON" "$STATUS" "400"
printf '{"unit": "01297", "person_name": "\377"}' >"$T/bad"
STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
	--data-binary @"$T/bad" "$BASE/api/v1/discipline-cases")
eq "non-UTF-8 text" "$STATUS" "400"
eq "nothing written" "$(TOKEN=$ADMIN get /api/v1/discipline-cases | jq length)" "$before"
req POST /api/v1/discipline-cases "$(body $DEMO_UNIT 2026-09-01 2026-09-25 "$FINDING")"
eq "the head opens a case" "$STATUS $(j .status) $(j .decision_due) $(j .decision_overdue)" "201 open 2026-12-24 false"
NEW=$(j .id)
req POST /api/v1/discipline-cases "$(body $DEMO_UNIT 2026-09-01 2026-09-25 "$FINDING" | jq -c '.extension_reason = "Cần xác minh thêm"')"
eq "a complex case has 150 days" "$STATUS $(j .decision_due)" "201 2027-02-22"

# --- steps: in order, dates in order, the decision's form --------------------------------------------
step() { req POST "/api/v1/discipline-cases/$NEW/steps" "$1"; }
TOKEN=$INS
step '{"step": "review", "on": "2026-10-01"}'
eq "the inspectorate sees but does not keep cases" "$STATUS" "403"
TOKEN=$HEAD
step '{"step": "council", "on": "2026-10-20"}'
eq "skipping the review needs a note" "$STATUS $(j .error.field)" "422 note"
step '{"step": "review", "on": "2026-09-20"}'
eq "a review before the discovery" "$STATUS $(j .error.field)" "422 on"
step '{"step": "review", "on": "2026-12-02"}'
eq "a review after today" "$STATUS $(j .error.field)" "422 on"
step '{"step": "hearing", "on": "2026-10-01"}'
eq "an unknown step" "$STATUS $(j .error.field)" "422 step"
step '{"step": "review", "on": "2026-10-01", "form": "khien_trach"}'
eq "a form before the decision" "$STATUS $(j .error.field)" "422 form"
step '{"step": "review", "on": "2026-10-01", "note": "Họp kiểm điểm"}'
eq "the review" "$STATUS $(j .status) $(j .review_on)" "200 reviewed 2026-10-01"
step '{"step": "review", "on": "2026-10-02"}'
eq "a second review" "$STATUS $(j .error.field)" "409 step"
step '{"step": "council", "on": "2026-09-30"}'
eq "a council before the review" "$STATUS $(j .error.field)" "422 on"
TOKEN=$SNV
step '{"step": "council", "on": "2026-10-20"}'
eq "Home Affairs records the council" "$STATUS $(j .status)" "200 council"
step '{"step": "decision", "on": "2026-10-30", "form": "khien_trach"}'
eq "a decision without its number" "$STATUS $(j .error.field)" "422 number"
step '{"step": "decision", "on": "2026-10-30", "number": "12/QĐ-UBND", "form": "ha_bac_luong"}'
eq "a form that no longer exists" "$STATUS $(j .error.field)" "422 form"
step '{"step": "decision", "on": "2026-10-30", "number": "12/QĐ-UBND", "form": "cach_chuc", "issuer": "Chủ tịch UBND tỉnh"}'
eq "the decision" "$STATUS $(j .status) $(j .form_name) $(j .decision_number)" "200 decided Cách chức 12/QĐ-UBND"
step '{"step": "decision", "on": "2026-10-31", "number": "13/QĐ-UBND", "form": "canh_cao"}'
eq "decided once" "$STATUS" "409"
TOKEN=$ADMIN
req POST /api/v1/discipline-cases/99999/steps '{"step": "review", "on": "2026-10-01"}'
eq "steps of an unknown case" "$STATUS" "404"
req GET "/api/v1/discipline-counts?year=2026"
eq "counts follow" "$(j "[.[] | select(.unit_code == \"$DEMO_UNIT\")][0].cases")" "3"
# --- the session says whether to show the cases' link ---------------------------------
sees() { TOKEN=$1; req GET /api/v1/session; j .sees_discipline; }
eq "who is shown the cases' link" "$(sees "$HEAD") $(sees "$SNV") $(sees "$INS") $(sees "$LEADER") $(sees "$ADMIN")" \
	"true true true true true"
eq "who is not" "$(sees "$OFF") $(sees "$VPUBND") $(sees "$VIEWER")" "false false false"
TOKEN=$ADMIN
check "the audit chain holds" "$CCHC" audit verify --db "$DB"
finish
