# Inspections (issue 15) end to end on the demo: the provincial
# inspectorate plans its 2026 inspections, runs one over two communes
# (planned -> in progress -> concluded, steps and dates out of order
# refused), records findings in the scope only, each becoming an
# assignment of the inspected unit with a deadline in working days after
# the conclusion; the unit remedies it like any task, the inspectorate
# returns it with a reason and then accepts it.  A unit's self-inspection
# shows that a unit never verifies its own remediation.
. "$(dirname "$0")/../lib/fixture.sh"
start_server --demo

INS=$(account ins.ttt TTT inspector)
OFF=$(token_for unit_officer)
HEAD=$(token_for unit_head)
SNV=$(account ins.snv SNV lead_agency)

# --- the demo: Sở Nội vụ's 2026 plan covers at least a fifth of the units ------------
TOKEN=$(token_for viewer 04)
req GET "/api/v1/inspection-plans?year=2026"
eq "the demo's plan" "$STATUS $(j length) $(j '.[0].inspecting_unit_code') $(j '.[0].inspections')" "200 1 SNV 3"
eq "the demo's coverage meets the target" "$(j '.[0].coverage.units_inspected') $(j '.[0].coverage.target_met')" "18 true"
eq "two concluded inspections" "$(get "/api/v1/inspections?status=concluded" | jq length)" "2"
eq "findings in every state" "$(get /api/v1/findings | jq -r '[.[].status] | unique | join(" ")')" \
	"accepted awaiting_verification open returned"
req GET "/api/v1/inspection-plans?year=20x6"
eq "a year that is no number" "$STATUS $(j .error.field)" "400 year"

# --- plans ------------------------------------------------------------------
TOKEN=$INS
req POST /api/v1/inspection-plans '{"year": 2026, "inspecting_unit": "TTT", "title": "Kế hoạch kiểm tra CCHC năm 2026"}'
eq "the inspectorate plans" "$STATUS $(j .kind) $(j .inspecting_unit_code) $(j .target_share)" "201 inspection TTT 0.2"
eq "an empty plan covers nobody" "$(j .coverage.units_inspected) $(j .coverage.target_met)" "0 false"
PLAN=$(j .id)
req POST /api/v1/inspection-plans '{"year": 2026, "inspecting_unit": "01822", "title": "x"}'
eq "not for another unit" "$STATUS" "403"
req POST /api/v1/inspection-plans '{"year": 2026, "inspecting_unit": "TTT", "title": "x", "target_share": 1.5}'
eq "target share above 1" "$STATUS $(j .error.field)" "422 target_share"
req POST /api/v1/inspection-plans '{"year": "2026", "inspecting_unit": "TTT", "title": "x"}'
eq "year of the wrong type" "$STATUS $(j .error.field)" "422 year"
req POST /api/v1/inspection-plans '{"year": 2026, "inspecting_unit": "TTT", "kind": "annual", "title": "x"}'
eq "unknown kind" "$STATUS $(j .error.field)" "422 kind"
TOKEN=$SNV
req POST /api/v1/inspection-plans '{"year": 2026, "inspecting_unit": "TTT", "title": "x"}'
eq "a lead agency does not plan for the inspectorate" "$STATUS" "403"
TOKEN=$OFF
req POST /api/v1/inspection-plans '{"year": 2026, "inspecting_unit": "01822", "kind": "self", "title": "x"}'
eq "an officer plans nothing" "$STATUS" "403"
TOKEN=$HEAD
req POST /api/v1/inspection-plans '{"year": 2026, "inspecting_unit": "01822", "title": "x"}'
eq "a commune inspects no other unit" "$STATUS $(j .error.field)" "422 inspecting_unit"
req POST /api/v1/inspection-plans '{"year": 2026, "inspecting_unit": "01822", "kind": "self", "title": "Tự kiểm tra CCHC 2026"}'
eq "the head plans a self-inspection" "$STATUS $(j .kind)" "201 self"
SELF=$(j .id)

# --- an inspection: scope, dates, steps -----------------------------------------
TOKEN=$INS
body() { printf '{"plan_id": %s, "title": "Kiểm tra CCHC tại xã", "team": ["Nông Văn A", "Hoàng Thị B"], "units": %s, "fields": %s, "planned_from": "%s", "planned_to": "%s"}' "$@"; }
req POST /api/v1/inspections "$(body "$PLAN" '["01822", "01273"]' '["TTHC", "CDDH"]' 2026-05-04 2026-05-08)"
eq "an inspection planned" "$STATUS $(j .status) $(j '.units | length') $(j '.team[1]')" "201 planned 2 Hoàng Thị B"
INSP=$(j .id)
req POST /api/v1/inspections "$(body "$PLAN" '["01822"]' '["TTHC"]' 2026-05-08 2026-05-04)"
eq "planned dates out of order" "$STATUS $(j .error.field)" "422 planned_to"
req POST /api/v1/inspections "$(body "$PLAN" '["01822"]' '["TTHC"]' 2025-05-04 2025-05-08)"
eq "dates outside the plan's year" "$STATUS $(j .error.field)" "422 planned_from"
req POST /api/v1/inspections "$(body "$PLAN" '["01822", "01822"]' '["TTHC"]' 2026-05-04 2026-05-08)"
eq "a unit twice" "$STATUS $(j .error.field)" "422 units"
req POST /api/v1/inspections "$(body "$PLAN" '["TTT"]' '["TTHC"]' 2026-05-04 2026-05-08)"
eq "the inspectorate over itself" "$STATUS $(j .error.field)" "422 units"
req POST /api/v1/inspections "$(body "$PLAN" '["01822"]' '["NOPE"]' 2026-05-04 2026-05-08)"
eq "unknown field" "$STATUS $(j .error.field)" "422 fields"
req POST /api/v1/inspections "$(body 99999 '["01822"]' '["TTHC"]' 2026-05-04 2026-05-08)"
eq "an unknown plan is nobody's to fill" "$STATUS" "403"
TOKEN=$ADMIN
req POST /api/v1/inspections "$(body 99999 '["01822"]' '["TTHC"]' 2026-05-04 2026-05-08)"
eq "an unknown plan" "$STATUS $(j .error.field)" "422 plan_id"
eq "nothing written by refused inputs" "$(get "/api/v1/inspections?plan=$PLAN" | jq length)" "1"

TOKEN=$INS
req POST /api/v1/inspections/$INSP/conclude '{"conclusion": "x"}'
eq "concluding before the start" "$STATUS $(j .error.code)" "409 conflict"
req POST /api/v1/inspections/$INSP/findings '{"unit": "01822", "field": "TTHC", "severity": "minor", "content": "x", "recommendation": "y", "due_workdays": 5}'
eq "findings before the conclusion" "$STATUS" "409"
TOKEN=$SNV
req POST /api/v1/inspections/$INSP/start '{}'
eq "only the inspecting unit starts it" "$STATUS" "403"
TOKEN=$INS
req POST /api/v1/inspections/$INSP/start '{"started_on": "2026-05-04"}'
eq "started" "$STATUS $(j .status) $(j .started_on)" "200 in_progress 2026-05-04"
req POST /api/v1/inspections/$INSP/start '{}'
eq "started twice" "$STATUS" "409"
req POST /api/v1/inspections/$INSP/conclude '{"conclusion": "Kết luận", "concluded_on": "2026-05-01"}'
eq "concluded before it started" "$STATUS $(j .error.field)" "422 concluded_on"
req POST /api/v1/inspections/$INSP/conclude '{"concluded_on": "2026-05-15"}'
eq "a conclusion needs its text" "$STATUS $(j .error.field)" "422 conclusion"
req POST /api/v1/inspections/$INSP/conclude '{"conclusion": "Xã thực hiện cơ bản đầy đủ; còn tồn tại về TTHC.", "concluded_on": "2026-05-15", "number": "12", "symbol": "TB-TTT"}'
eq "concluded" "$STATUS $(j .status) $(j .concluded_on)" "200 concluded 2026-05-15"
DOC=$(j .conclusion_document_id)
eq "the notice is a document" "$(get /api/v1/documents/$DOC | jq -r '.type + " " + .number_symbol')" "TB 12/TB-TTT"
req GET /api/v1/inspection-plans/$PLAN
eq "coverage counts the concluded inspection's units" "$(j .coverage.units_inspected) $(j '.inspection_list | length')" "2 1"
TOTAL=$(j .coverage.units_total)
check "coverage share is units inspected over all units" \
	jq -e --argjson t "$TOTAL" '$t > 2 and ((.coverage.share - 2 / $t) | fabs) < 1e-9' "$T/body" >/dev/null

# --- findings -> remediation ------------------------------------------------------
finding() { printf '{"unit": "%s", "field": "%s", "severity": "%s", "content": "Niêm yết TTHC chưa đầy đủ", "recommendation": "Niêm yết đủ TTHC tại bộ phận một cửa", "due_workdays": %s}' "$@"; }
req POST /api/v1/inspections/$INSP/findings "$(finding SNV TTHC serious 10)"
eq "a unit outside the scope" "$STATUS $(j .error.field)" "422 unit"
req POST /api/v1/inspections/$INSP/findings "$(finding 01822 CPS serious 10)"
eq "a field outside the scope" "$STATUS $(j .error.field)" "422 field"
req POST /api/v1/inspections/$INSP/findings "$(finding 01822 TTHC grave 10)"
eq "unknown severity" "$STATUS $(j .error.field)" "422 severity"
req POST /api/v1/inspections/$INSP/findings "$(finding 01822 TTHC serious 0)"
eq "no working days" "$STATUS $(j .error.field)" "422 due_workdays"
req POST /api/v1/inspections/$INSP/findings "$(finding 01822 TTHC serious 10)"
# 10 working days after Friday 15 May 2026: 29 May.
eq "a finding" "$STATUS $(j .status) $(j .deadline) $(j .severity_name)" "201 open 2026-05-29 Nghiêm trọng"
FIND=$(j .id) ASG=$(j .assignment_id) TASK=$(j .task_id)
eq "its remediation is overdue today like any task" "$(j .remediation_status)" "overdue"
req GET /api/v1/assignments/$ASG
eq "the unit's assignment" "$STATUS $(j .unit_code) $(j .deadline) $(j .status)" "200 01822 2026-05-29 overdue"
eq "the task belongs to the notice" "$(get /api/v1/tasks/$TASK | jq -r .document_id)" "$DOC"

req POST /api/v1/findings/$FIND/verify '{"decision": "accepted"}'
eq "nothing to verify before the remediation" "$STATUS" "409"
TOKEN=$OFF
req POST /api/v1/assignments/$ASG/reports '{"percent": 100, "completed_on": "2026-05-27", "note": "Đã niêm yết đủ"}'
eq "the unit reports its remediation" "$STATUS" "201"
req POST /api/v1/findings/$FIND/verify '{"decision": "accepted"}'
eq "the unit may not verify" "$STATUS" "403"
TOKEN=$INS
eq "awaiting verification" "$(get "/api/v1/findings?unit=01822&status=awaiting_verification" | jq -r '.[0].id')" "$FIND"
req POST /api/v1/findings/$FIND/verify '{"decision": "returned"}'
eq "returned without a reason" "$STATUS $(j .error.field)" "422 reason"
req POST /api/v1/findings/$FIND/verify '{"decision": "maybe"}'
eq "unknown decision" "$STATUS $(j .error.field)" "422 decision"
req POST /api/v1/findings/$FIND/verify '{"decision": "returned", "reason": "Chưa niêm yết tại điểm tiếp nhận"}'
eq "sent back" "$STATUS $(j .status) $(j .completed_on) $(j .remediation_status)" "200 returned null overdue"
eq "open again for the unit" "$(get /api/v1/assignments/$ASG | jq -r .status)" "overdue"
TOKEN=$OFF
req POST /api/v1/assignments/$ASG/reports '{"percent": 100, "completed_on": "2026-06-03"}'
eq "remedied again" "$STATUS" "201"
TOKEN=$INS
req POST /api/v1/findings/$FIND/verify '{"decision": "accepted"}'
eq "accepted" "$STATUS $(j .status) $(j .verified_by) $(j .remediation_status)" "200 accepted ins.ttt done_late"
req POST /api/v1/findings/$FIND/verify '{"decision": "returned", "reason": "x"}'
eq "accepted is final" "$STATUS" "409"
eq "findings by unit and status" "$(get "/api/v1/findings?unit=01822&status=accepted" | jq length)" "1"
req GET "/api/v1/findings?status=done"
eq "unknown status" "$STATUS $(j .error.field)" "400 status"
TOKEN=$ADMIN
req GET /api/v1/audit/export
eq "the trail names who verified" \
	"$(jq -r --arg f "$FIND" '[.[] | select(.entity == "finding" and .entity_id == $f) | .action + ":" + .actor] | join(",")' "$T/body")" \
	"create:ins.ttt,verify:ins.ttt,verify:ins.ttt"

# --- a unit's self-inspection: it never verifies its own remediation -------------------
TOKEN=$HEAD
req POST /api/v1/inspections "$(body "$SELF" '["SNV"]' '["CDDH"]' 2026-03-02 2026-03-06)"
eq "a self-inspection covers the unit only" "$STATUS $(j .error.field)" "422 units"
req POST /api/v1/inspections "$(body "$SELF" '["01822"]' '["CDDH"]' 2026-03-02 2026-03-06)"
SI=$(j .id)
req POST /api/v1/inspections/$SI/start '{"started_on": "2026-03-02"}'
req POST /api/v1/inspections/$SI/conclude '{"conclusion": "Tự kiểm tra", "concluded_on": "2026-03-06"}'
req POST /api/v1/inspections/$SI/findings "$(finding 01822 CDDH minor 5)"
eq "a self-inspection finding" "$STATUS $(j .inspecting_unit_code)" "201 01822"
SF=$(j .id)
TOKEN=$OFF
req POST "/api/v1/assignments/$(j .assignment_id)/reports" '{"percent": 100, "completed_on": "2026-03-10"}'
TOKEN=$HEAD
req POST /api/v1/findings/$SF/verify '{"decision": "accepted"}'
eq "the unit may not verify its own remediation" "$STATUS $(j .error.code)" "403 forbidden"
finish
