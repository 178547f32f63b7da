# Units' own periodic reports (issue 6) end to end on the demo: a unit
# officer opens the pre-filled draft, writes narrative per field,
# difficulties and proposals, and submits; a second submit is refused; an
# officer of another unit is refused; a lead agency returns it with
# comments, the unit submits again and the lead agency accepts.  The
# periodic report then names the units whose report is missing by the
# deadline and the ones that submitted late, each as of its cut-off.
. "$(dirname "$0")/../lib/fixture.sh"
start_server --demo
# The cut-off day in Vietnam, where the end of the day falls at 17:00 UTC.
Q1=/api/v1/units/SNV/reports/2026-Q1

OFF=$(account ur.off SNV unit_officer)
OTHER=$(account ur.other SCT unit_officer)
LEAD=$(account ur.lead SNV lead_agency)

# --- the draft, pre-filled ------------------------------------------------------
TOKEN=$LEAD
req GET $Q1
eq "no draft before the unit opens it" "$STATUS" "404"
TOKEN=$OFF
req GET $Q1
eq "officer opens the draft" "$STATUS $(j .status) $(j .unit_code) $(j .period)" "200 draft SNV 2026-Q1"
eq "deadline: the period's end plus grace_days" "$(j .deadline)" "2026-04-10"
eq "figures pre-filled from the report" "$(j .figures.unit.code) $(j .figures.as_of)" "SNV 2026-03-31"
check "figures per field" [ "$(j '.figures.fields | length')" -gt 0 ]
FIELD=$(j '.figures.fields[0].field_code')
eq "figures agree with the periodic report" "$(j .figures.unit.total)" \
	"$(get /api/v1/reports/2026-Q1 | jq -r '.units[] | select(.code == "SNV") | .total')"
eq "officer may edit" "$(j .may.edit)" "true"
req GET $Q1
eq "opening again is the same report" "$STATUS $(j .id)" "200 1"

req PUT $Q1 "{\"narrative\": {\"$FIELD\": \"Đã triển khai đầy đủ.\"}, \"difficulties\": \"Thiếu biên chế\", \"proposals\": \"Bổ sung kinh phí\"}"
eq "narrative written" "$STATUS $(j ".narrative.$FIELD") $(j .difficulties)" "200 Đã triển khai đầy đủ. Thiếu biên chế"
req PUT $Q1 '{"narrative": {"KHONGCO": "x"}}'
eq "narrative keys are field codes" "$STATUS $(j .error.field)" "422 narrative"
req PUT $Q1 '{"status": "accepted"}'
eq "unknown fields refused" "$STATUS" "422"

# --- another unit may neither read nor write it -------------------------------------
TOKEN=$OTHER
req GET $Q1
eq "other unit's officer may not read" "$STATUS" "403"
req PUT $Q1 '{"difficulties": "x"}'
eq "other unit's officer may not write" "$STATUS" "403"
req POST $Q1/submit
eq "other unit's officer may not submit" "$STATUS" "403"

# --- submit, return, submit again, accept -------------------------------------------------
TOKEN=$OFF
req POST $Q1/submit
eq "submitted" "$STATUS $(j .status) $(j .submitted_by)" "200 submitted ur.off"
FIRST=$(j .first_submitted_at)
# Days late: from the deadline (10 April) to the day of the first submission in Vietnam (UTC+7).
late=$(( ($(date -u -d "$FIRST" +%s) + 7 * 3600) / 86400 - $(date -u -d 2026-04-10 +%s) / 86400 ))
eq "submitted after the deadline: late by the days since it" "$(j .late_days)" "$late"
req POST $Q1/submit
eq "a second submit" "$STATUS $(j .error.code)" "409 conflict"
req PUT $Q1 '{"difficulties": "sửa sau khi nộp"}'
eq "no edits once submitted" "$STATUS" "409"
req POST $Q1/return '{"comments": "x"}'
eq "the unit may not return its own report" "$STATUS" "403"

TOKEN=$LEAD
req POST $Q1/return '{}'
eq "returning needs comments" "$STATUS $(j .error.field)" "422 comments"
req POST $Q1/return '{"comments": "Bổ sung số liệu lĩnh vực TTHC"}'
eq "returned with comments" "$STATUS $(j .status) $(j .comments) $(j .returned_by)" \
	"200 returned Bổ sung số liệu lĩnh vực TTHC ur.lead"
req POST $Q1/accept '{}'
eq "a returned report cannot be accepted" "$STATUS" "409"

TOKEN=$OFF
req PUT $Q1 '{"difficulties": "Thiếu biên chế; đã bổ sung số liệu"}'
eq "returned: editable again" "$STATUS $(j .status)" "200 returned"
req POST $Q1/submit
eq "submitted again" "$STATUS $(j .status)" "200 submitted"
eq "timeliness keeps the first submission" "$(j .first_submitted_at)" "$FIRST"

TOKEN=$LEAD
req POST $Q1/accept '{}'
eq "accepted" "$STATUS $(j .status) $(j .accepted_by)" "200 accepted ur.lead"
req POST $Q1/accept '{}'
eq "accepting twice" "$STATUS" "409"

# --- a report the unit submits on time --------------------------------------------------
TOKEN=$OTHER
req POST /api/v1/units/SCT/reports/2026/submit
eq "the year's report, before its deadline" "$STATUS $(j .deadline) $(j .late_days)" "200 2027-01-10 0"

# --- the list for reviewers ------------------------------------------------------------------
TOKEN=$LEAD
req GET '/api/v1/unit-reports?period=2026-Q1'
eq "list" "$STATUS $(j '.items[] | select(.unit_code == "SNV") | .state')" "200 accepted"
check "SNV counted late" [ "$(j '.items[] | select(.unit_code == "SNV") | .late_days')" -gt 0 ]
eq "the others missing and overdue" "$(j '[.items[] | select(.unit_code == "SCT")][0] | .state + " " + (.overdue | tostring)')" "missing true"
eq "counts add up" "$(j '.counts | .missing + .draft + .submitted + .returned + .accepted == .expected')" "true"
req GET '/api/v1/unit-reports?period=2026-Q1&status=missing'
eq "filtered: missing" "$(j '[.items[] | select(.state != "missing")] | length') $(j '.items | length')" \
	"0 $(( $(get '/api/v1/unit-reports?period=2026-Q1' | jq '.counts.expected') - 1 ))"
req GET '/api/v1/unit-reports?period=2026-Q1&status=nope'
eq "unknown status" "$STATUS" "400"
req GET '/api/v1/unit-reports'
eq "period required" "$STATUS $(j .error.field)" "400 period"
TOKEN=$OFF
req GET '/api/v1/unit-reports?period=2026-Q1'
eq "an officer sees only the own unit" "$(j '[.items[].unit_code] | join(",")')" "SNV"
req GET /api/v1/units/SNV/reports/2026-Q5
eq "bad period" "$STATUS" "400"
req GET /api/v1/units/NOPE/reports/2026-Q1
eq "unknown unit" "$STATUS" "404"

# --- the periodic report names missing and late reports --------------------------------------
# A cut-off later than anything this test records (records carry the
# machine's clock; only "today" is fixed).
AFTER_ALL=2099-12-31
TOKEN=$ADMIN
req GET "/api/v1/reports/2026-Q1?as_of=$AFTER_ALL"
eq "rule evaluated" "$(j '.rules_not_evaluated | length')" "0"
eq "a missing report named with its reason" \
	"$(j '.behind[] | select(.unit_code == "SCT") | .reasons[] | select(.rule == "unit_report") | .text')" \
	"chưa nộp báo cáo quý I năm 2026 (hạn 10/04/2026)"
eq "a late report named with its reason" \
	"$(j '.behind[] | select(.unit_code == "SNV") | .reasons[] | select(.rule == "unit_report") | .text' | sed 's/[0-9][0-9]* ngày/N ngày/')" \
	"nộp báo cáo quý I năm 2026 muộn N ngày (hạn 10/04/2026)"
req GET /api/v1/reports/2026-Q1
eq "by the period's end nothing was due yet" "$(j '[.behind[].reasons[] | select(.rule == "unit_report")] | length')" "0"
# The cut-off decides: on 1 May the SNV report had not been submitted.
req GET '/api/v1/reports/2026-Q1?as_of=2026-05-01'
eq "a report submitted after the cut-off does not count" \
	"$(j '.behind[] | select(.unit_code == "SNV") | .reasons[] | select(.rule == "unit_report") | .text')" \
	"chưa nộp báo cáo quý I năm 2026 (hạn 10/04/2026)"
req PUT /api/v1/report-rules '{"rules": [{"code": "unit_report", "enabled": false}]}'
req GET "/api/v1/reports/2026-Q1?as_of=$AFTER_ALL"
eq "the rule can be switched off" "$(j '[.behind[].reasons[] | select(.rule == "unit_report")] | length')" "0"

# Rates are written as rounded to 4 decimals, not as the nearest double.
req GET /api/v1/reports/2026
check "no 17-digit rates" [ -z "$(grep -oE ':-?[0-9]+\.[0-9]{6,}' "$T/body")" ]

# --- every step is in the audit trail ------------------------------------------------------
req GET /api/v1/audit/export
eq "audited" "$(j '[.. | objects | select(.entity? == "unit_report")] | length')" "9"

finish
