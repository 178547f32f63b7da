# The yearly inspection summary (issue 15) end to end on the demo: every
# figure recomputed here, independently, from the API's own lists
# (inspections, their units, findings, units, discipline counts); the same
# summary as a section of the periodic report; the XLSX and DOCX opened
# (zip listing, and LibreOffice when present: under CI it must be); bad
# queries refused.
. "$(dirname "$0")/../lib/fixture.sh"
start_server --demo
TOKEN=$(token_for viewer 04)

req GET "/api/v1/inspections/summary?year=2026"
eq "the summary" "$STATUS $(j .year)" "200 2026"
cp "$T/body" "$T/sum.json"
DAY=$(j .as_of)

# --- the lists the figures are recomputed from --------------------------------------
get /api/v1/inspections >"$T/insp.json"
for id in $(jq -r '.[] | select(.year == 2026) | .id' "$T/insp.json"); do get "/api/v1/inspections/$id"; done |
	jq -s . >"$T/full.json"
get /api/v1/findings >"$T/findings.json"
get /api/v1/units >"$T/units.json"

# Coverage as of day $1: units of others' inspections planned, and inspected
# (the inspection concluded by that day), against every active unit but the
# province.
coverage() {
	jq -c --arg day "$1" --slurpfile units "$T/units.json" '
		[.[] | select(.plan_kind == "inspection")] as $ins
		| {units_total: ([$units[0] | (.items? // .)[] | select(.active == 1 and .kind != "province")] | length),
		   units_planned: ([$ins[] | .units[].id] | unique | length),
		   units_inspected: ([$ins[] | select(.concluded_on != null and .concluded_on <= $day) | .units[].id] | unique | length)}' \
		"$T/full.json"
}
# The findings' counts as of day $1, grouped by key $2 ("" for all at once).
tally() {
	jq -c --arg day "$1" --arg key "$2" --slurpfile full "$T/full.json" '
		[$full[0][] | select(.concluded_on != null and .concluded_on <= $day) | .id] as $done
		| [.[] | select(.inspection_id as $i | $done | index($i))
		   | (.completed_on != null and .completed_on <= $day) as $c
		   | ($c and .verification == "accepted") as $r
		   | . + {r: $r, c: $c, on: ($r and .completed_on <= .deadline)}]
		| group_by(if $key == "" then 0 else .[$key] end)
		| map({key: (if $key == "" then "" else .[0][$key] end),
		       findings: length,
		       remediated_on_time: map(select(.on)) | length,
		       remediated_late: map(select(.r and (.on | not))) | length,
		       open: map(select(.r | not)) | length,
		       awaiting_verification: map(select((.r | not) and .c)) | length,
		       open_overdue: map(select((.r | not) and (.c | not) and .deadline < $day)) | length})' \
		"$T/findings.json"
}
# The summary's rows of list $2 in file $1, as tally prints them, without empty rows.
rows() {
	jq -c --arg list "$2" '[.[$list][] | select(.findings > 0) | {key: .code, findings, remediated_on_time,
		remediated_late, open, awaiting_verification, open_overdue}] | sort_by(.key)' "$1"
}

eq "coverage" "$(jq -c '.coverage | {units_total, units_planned, units_inspected}' "$T/sum.json")" "$(coverage "$DAY")"
eq "the share is inspected over all" "$(jq '.coverage | (.share - .units_inspected / .units_total) | fabs < 1e-9' "$T/sum.json")" "true"
check "the demo covers at least a fifth" [ "$(jq '.coverage.share >= 0.2 and .coverage.target_met' "$T/sum.json")" = true ]
eq "inspections by status" "$(jq -c '.inspections | [.total, .concluded]' "$T/sum.json")" \
	"$(jq -c --arg day "$DAY" '[length, ([.[] | select(.concluded_on != null and .concluded_on <= $day)] | length)]' "$T/full.json")"
eq "findings in all" "$(jq -c '[.findings | {key: "", findings, remediated_on_time, remediated_late, open, awaiting_verification, open_overdue}]' "$T/sum.json")" \
	"$(tally "$DAY" "")"
eq "findings by field" "$(rows "$T/sum.json" by_field)" "$(tally "$DAY" field_code)"
eq "findings by severity" "$(rows "$T/sum.json" by_severity)" "$(tally "$DAY" severity)"
eq "findings by unit" "$(rows "$T/sum.json" by_unit)" "$(tally "$DAY" unit_code)"
check "findings in several states" [ "$(jq '.findings | (.remediated_on_time + .remediated_late) > 0 and .open > .awaiting_verification' "$T/sum.json")" = true ]
eq "discipline counts per unit" "$(jq -c .discipline "$T/sum.json")" "$(get '/api/v1/discipline-counts?year=2026' | jq -c .)"
check "discipline cases counted" [ "$(jq '[.discipline[].cases] | add > 0' "$T/sum.json")" = true ]
eq "no official named" "$(jq '[.. | objects | keys[] | select(test("person"))] | length' "$T/sum.json")" "0"

# --- in the periodic report, judged on its status date ---------------------------------
req GET "/api/v1/reports/2026-H1"
cp "$T/body" "$T/rep.json"
eq "the report's section is judged on its status date" "$(j .inspections.as_of)" "$(j .status_date)"
RDAY=$(j .status_date)
eq "report: coverage" "$(jq -c '.inspections.coverage | {units_total, units_planned, units_inspected}' "$T/rep.json")" "$(coverage "$RDAY")"
eq "report: findings" "$(jq -c '.inspections as $s | [$s.findings | {key: "", findings, remediated_on_time, remediated_late, open, awaiting_verification, open_overdue}]' "$T/rep.json")" \
	"$(tally "$RDAY" "")"

# --- downloads ----------------------------------------------------------------------------
fetch() { # PATH FILE: status and content type of a download
	curl -s -o "$2" -H "Authorization: Bearer $TOKEN" -D "$T/headers" -w '%{http_code} %{content_type}' "$BASE$1"
}
eq "xlsx" "$(fetch '/api/v1/inspections/summary?year=2026&format=xlsx' "$T/s.xlsx")" \
	"200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
check "xlsx is a download" grep -qi 'content-disposition: attachment; filename="kiem-tra-cchc-2026.xlsx"' "$T/headers"
check "xlsx is a workbook" sh -c "unzip -l '$T/s.xlsx' | grep -q xl/workbook.xml"
check "xlsx has the inspection sheet" sh -c "unzip -p '$T/s.xlsx' xl/workbook.xml | grep -q 'Kiểm tra CCHC'"
eq "docx" "$(fetch '/api/v1/inspections/summary?year=2026&format=docx' "$T/s.docx")" \
	"200 application/vnd.openxmlformats-officedocument.wordprocessingml.document"
check "docx is a document" sh -c "unzip -l '$T/s.docx' | grep -q word/document.xml"
unzip -p "$T/s.docx" word/document.xml >"$T/s.xml"
check "docx has the title" grep -q 'Kết quả kiểm tra công tác cải cách hành chính năm 2026' "$T/s.xml"
check "docx counts the findings" grep -q "Qua kiểm tra phát hiện $(jq .findings.findings "$T/sum.json") tồn tại" "$T/s.xml"
eq "json download" "$(fetch '/api/v1/inspections/summary?year=2026&format=json' "$T/s.json") $(jq -c .findings "$T/s.json")" \
	"200 application/json; charset=utf-8 $(jq -c .findings "$T/sum.json")"
fetch '/api/v1/reports/2026?format=docx' "$T/r.docx" >/dev/null
check "the report's DOCX has the section" sh -c "unzip -p '$T/r.docx' word/document.xml | grep -q 'V. KẾT QUẢ KIỂM TRA CÔNG TÁC'"
fetch '/api/v1/reports/2026?format=xlsx' "$T/r.xlsx" >/dev/null
check "the report's XLSX has the sheet" sh -c "unzip -p '$T/r.xlsx' xl/workbook.xml | grep -q 'Kiểm tra CCHC'"
fetch '/api/v1/reports/2026?format=csv' "$T/r.csv" >/dev/null
check "the report's CSV has the tables" grep -q 'Tồn tại, hạn chế theo lĩnh vực' "$T/r.csv"

# --- bad queries -------------------------------------------------------------------------
req GET "/api/v1/inspections/summary"
eq "no year" "$STATUS $(j .error.field)" "400 year"
req GET "/api/v1/inspections/summary?year=20x6"
eq "a year that is no number" "$STATUS $(j .error.field)" "400 year"
req GET "/api/v1/inspections/summary?year=1999"
eq "a year out of range" "$STATUS $(j .error.field)" "400 year"
req GET "/api/v1/inspections/summary?year=2026&format=pdf"
eq "an unknown format" "$STATUS $(j .error.field)" "400 format"
req GET "/api/v1/inspections/summary?year=2025"
eq "a year without inspections" "$STATUS $(j .findings.findings) $(j .coverage.units_inspected) $(j .coverage.target_share)" "200 0 0 null"
TOKEN=""
req GET "/api/v1/inspections/summary?year=2026"
eq "signed out" "$STATUS" "401"
TOKEN=$(token_for viewer 04)

# --- opened by LibreOffice --------------------------------------------------------------
if command -v soffice >/dev/null 2>&1; then
	mkdir -p "$T/lo" "$T/home"
	HOME="$T/home" timeout 180 soffice --headless --norestore --convert-to pdf --outdir "$T/lo" "$T/s.docx" >/dev/null 2>&1
	check "LibreOffice opens the DOCX" test -s "$T/lo/s.pdf"
	HOME="$T/home" timeout 180 soffice --headless --norestore \
		--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' --outdir "$T/lo" "$T/s.xlsx" >/dev/null 2>&1
	check "LibreOffice opens the XLSX" grep -q "\"Số tồn tại, hạn chế được phát hiện\",$(jq .findings.findings "$T/sum.json")," "$T/lo/s.csv"
else
	skip "LibreOffice is not installed" "tools/deps.sh office"
fi
finish
