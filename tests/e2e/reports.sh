# Periodic reports (issue 6) end to end on the demo: the API in every
# format, the charts, the rules, the CLI, clear errors for a bad period,
# cut-off or format, and the DOCX and XLSX read back by an independent
# reader (LibreOffice, headless).  The LibreOffice checks are skipped, and
# counted as skipped, when LibreOffice cannot be installed.
. "$(dirname "$0")/testlib"
SKIPPED=0
skip() { SKIPPED=$((SKIPPED + 1)); echo "  skip: $*" >&2; }
start_server --demo
DB="$T/cchc.db"

# --- the report as JSON ------------------------------------------------------
req GET /api/v1/reports/2026-Q1
eq "Q1 report" "$STATUS $(j .period) $(j .as_of) $(j '.fields | length')" "200 2026-Q1 2026-03-31 7"
eq "Q1 counts add up" "$(j '.totals | .not_started + .in_progress + .overdue + .done_late + .done_on_time == .total')" "true"
eq "units ranked in peer groups" "$(j '[.units[] | select(.peer_group == "department" and .rank == 1)] | length')" "1"
eq "every unit has a band" "$(j '[.units[] | select(.band.name == null)] | length')" "0"
check "behind units have reasons" [ "$(j '[.behind[] | select((.reasons | length) == 0)] | length')" = 0 ]
cp "$T/body" "$T/q1.json"
req GET '/api/v1/reports/2026-Q1?as_of=2026-03-31'
eq "explicit cut-off is the default" "$(j .totals)" "$(jq .totals "$T/q1.json")"

req GET '/api/v1/reports/2026?field=TTHC'
eq "one field" "$STATUS $(j .field.code)" "200 TTHC"
eq "field's units" "$(j '[.fields[] | select(.code == "TTHC") | .units | length] | .[0] > 0')" "true"
req GET '/api/v1/reports/2026-9M?unit=SNV'
eq "a unit against its peers" "$STATUS $(j .peer_view.unit.code) $(j .peer_view.peer_group)" "200 SNV department"

# --- printed again later, the same numbers --------------------------------------
if [ "$(date +%F)" \> 2026-03-31 ]; then
	req GET '/api/v1/assignments?status=overdue&as_of=2026-03-31&due_to=2026-03-31&limit=1'
	asg=$(j '.items[0].id')
	# Only the unit's own officer reports for it.
	TOKEN=$(account e2e.late "$(j '.items[0].unit_code')" unit_officer)
	req POST "/api/v1/assignments/$asg/reports" '{"percent": 100, "completed_on": "2026-03-20", "note": "hoàn thành (ghi nhận muộn)", "reporter": "e2e"}'
	eq "late report accepted" "$STATUS" "201"
	TOKEN=$ADMIN
	req GET /api/v1/reports/2026-Q1
	eq "Q1 unchanged by a later report" "$(j .totals)" "$(jq .totals "$T/q1.json")"
	eq "Q1 units unchanged" "$(jq -c .units "$T/body" | md5sum)" "$(jq -c .units "$T/q1.json" | md5sum)"
else
	skip "the clock is before the demo's first cut-off"
fi

# --- other formats ------------------------------------------------------------------
fetch() { # PATH FILE: status and content type of a download
	curl -s -o "$2" -H "Authorization: Bearer $TOKEN" -D "$T/headers" -w '%{http_code} %{content_type}' "$BASE$1"
}
eq "csv" "$(fetch '/api/v1/reports/2026-H1?format=csv' "$T/r.csv")" "200 text/csv; charset=utf-8"
eq "csv has a BOM" "$(head -c 3 "$T/r.csv" | od -An -tx1 | tr -d ' ')" "efbbbf"
check "csv is a download" grep -qi 'content-disposition: attachment; filename="bao-cao-cchc-2026-H1.csv"' "$T/headers"
check "csv names the fields" grep -q "Cải cách thủ tục hành chính" "$T/r.csv"
eq "xlsx" "$(fetch '/api/v1/reports/2026?format=xlsx' "$T/r.xlsx")" \
	"200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
eq "xlsx is a zip" "$(head -c 2 "$T/r.xlsx")" "PK"
eq "docx" "$(fetch '/api/v1/reports/2026?format=docx' "$T/r.docx")" \
	"200 application/vnd.openxmlformats-officedocument.wordprocessingml.document"
eq "docx is a zip" "$(head -c 2 "$T/r.docx")" "PK"
for c in status-by-field on-time-by-unit indicator-trend; do
	eq "chart $c" "$(fetch "/api/v1/reports/2026-9M/charts/$c.svg" "$T/$c.svg")" "200 image/svg+xml; charset=utf-8"
	check "chart $c is svg" grep -q '^<svg .*</svg>$' "$T/$c.svg"
done

# --- errors -----------------------------------------------------------------------------
req GET /api/v1/reports/2026-Q5
eq "bad period" "$STATUS $(j .error.field)" "400 period"
req GET '/api/v1/reports/2026?as_of=2026-13-01'
eq "bad as_of" "$STATUS $(j .error.field)" "400 as_of"
req GET '/api/v1/reports/2026-H1?as_of=2025-12-31'
eq "cut-off before the period" "$STATUS $(j .error.field)" "422 as_of"
req GET '/api/v1/reports/2026?format=pdf'
eq "bad format" "$STATUS $(j .error.field)" "400 format"
req GET '/api/v1/reports/2026?field=NOPE'
eq "bad field" "$STATUS $(j .error.field)" "400 field"
req GET /api/v1/reports/2026/charts/pie.svg
eq "unknown chart" "$STATUS $(j .error.field)" "404 name"

# --- rules ------------------------------------------------------------------------------
req GET /api/v1/report-rules
eq "rules" "$STATUS $(j '.behind | length') $(j '.band | length')" "200 5 3"
# The change is the signed-in account's, whatever name the body gives.
req PUT /api/v1/report-rules '{"by": "e2e", "rules": [{"code": "on_time_rate", "params": {"min_rate": 0.95}}]}'
eq "rule changed" "$STATUS $(j '.behind[] | select(.code == "on_time_rate") | .params.min_rate') $(j '.behind[] | select(.code == "on_time_rate") | .updated_by')" "200 0.95 admin"
req GET /api/v1/reports/2026
check "new threshold in reasons" grep -q 'dưới ngưỡng 95%' "$T/body"
req PUT /api/v1/report-rules '{"rules": [{"code": "on_time_rate", "params": {"min_rate": 7}}]}'
eq "bad rule value" "$STATUS $(j .error.field)" "422 params"
req PUT /api/v1/report-rules '{"rules": [{"code": "nope"}]}'
eq "unknown rule" "$STATUS $(j .error.field)" "422 code"

# --- the CLI ------------------------------------------------------------------------------
"$CCHC" report 2026-H1 --db "$DB" >"$T/cli.json" 2>"$T/cli.err"
eq "cli json" "$? $(jq -r .period "$T/cli.json")" "0 2026-H1"
"$CCHC" report 2026-H1 --db "$DB" --format csv -o "$T/cli.csv"
eq "cli csv" "$? $(head -c 3 "$T/cli.csv" | od -An -tx1 | tr -d ' ')" "0 efbbbf"
"$CCHC" report 2026 --db "$DB" --field CDDH --format xlsx -o "$T/cli.xlsx"
eq "cli xlsx" "$? $(head -c 2 "$T/cli.xlsx")" "0 PK"
"$CCHC" report 2026 --db "$DB" --as-of 2026-12-31 --format docx -o "$T/cli.docx"
eq "cli docx" "$? $(head -c 2 "$T/cli.docx")" "0 PK"
"$CCHC" report 2026-Q7 --db "$DB" >/dev/null 2>"$T/cli.err"
eq "cli bad period" "$? $(grep -c 'YYYY-Q1' "$T/cli.err")" "2 1"
"$CCHC" report 2026 --db "$DB" --format pdf >/dev/null 2>&1
eq "cli bad format" "$?" "2"
"$CCHC" report 2026 --db "$DB" --as-of 2026-02-30 >/dev/null 2>&1
eq "cli bad as-of" "$?" "2"
"$CCHC" report 2026-H1 --db "$DB" --as-of 2025-06-30 >/dev/null 2>&1
eq "cli cut-off before the period" "$?" "2"
"$CCHC" report 2026 --db "$T/missing.db" >/dev/null 2>&1
eq "cli missing database" "$?" "1"

# --- read back by LibreOffice -------------------------------------------------------------
top=$(cd "$(dirname "$0")/../.." && pwd)
if "$top/tools/deps.sh" office >"$T/office.log" 2>&1 && command -v soffice >/dev/null && command -v pdftotext >/dev/null; then
	mkdir -p "$T/lo" "$T/home"
	HOME="$T/home" timeout 180 soffice --headless --norestore --convert-to pdf --outdir "$T/lo" "$T/r.docx" >/dev/null 2>&1
	if [ -f "$T/lo/r.pdf" ]; then
		pdftotext -layout "$T/lo/r.pdf" "$T/lo/r.txt"
		for text in "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Độc lập - Tự do - Hạnh phúc" "ỦY BAN NHÂN DÂN" \
			"TỈNH CAO BẰNG" "BÁO CÁO" "năm 2026" "Nơi nhận:" "TM. ỦY BAN NHÂN DÂN" "KẾT QUẢ CHUNG"; do
			check "docx text: $text" grep -qF "$text" "$T/lo/r.txt"
		done
		check "docx names a unit behind" grep -qF "$(jq -r '.behind[0].unit_name' "$T/q1.json" | cut -c1-12)" "$T/lo/r.txt"
		check "docx number left blank" grep -qE 'Số: +/BC-UBND' "$T/lo/r.txt"
		eq "docx is A4" "$(pdfinfo "$T/lo/r.pdf" | sed -n 's/^Page size: *\([0-9.]* x [0-9.]*\) pts.*/\1/p')" "595.304 x 841.89"
		# Decree 30: numbered from page 2, at the top, the first page without a number.
		first_line() { pdftotext -f "$1" -l "$1" "$T/lo/r.pdf" - | sed -n '/[^ ]/{p;q}' | tr -d ' '; }
		eq "docx page 1 has no number" "$(first_line 1)" "CỘNGHÒAXÃHỘICHỦNGHĨAVIỆTNAM"
		eq "docx page 2 is numbered" "$(first_line 2)" "2"
		check "docx in Times New Roman (or its metric twin)" sh -c "pdffonts '$T/lo/r.pdf' | grep -qiE 'Times|Liberation ?Serif'"
	else
		fail "LibreOffice did not convert the DOCX"
	fi
	HOME="$T/home" timeout 180 soffice --headless --norestore \
		--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' --outdir "$T/lo" "$T/r.xlsx" >/dev/null 2>&1
	if [ -f "$T/lo/r.csv" ]; then
		req GET /api/v1/reports/2026
		want=$(j '.fields[0].total')
		got=$(grep '^CDDH,' "$T/lo/r.csv" | python3 -c 'import csv,sys; print(next(csv.reader(sys.stdin))[3])')
		eq "xlsx read back: a field's total is a number" "$got" "$want"
		check "xlsx rates as percentages" grep -qE '^CDDH,.*,[0-9]+\.[0-9]+%' "$T/lo/r.csv"
	else
		fail "LibreOffice did not convert the XLSX"
	fi
else
	skip "LibreOffice is not installed and cannot be (tools/deps.sh office)"
fi

stop_server
rm -rf "$T"
echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
[ "$FAILED" = 0 ]
