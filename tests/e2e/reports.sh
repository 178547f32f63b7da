# Periodic reports (issue 6) end to end on the demo: the API in every
# format, the charts, the rules, the CLI, clear errors for a bad period,
# cut-off or format, and the DOCX and XLSX read back by an independent
# reader (LibreOffice, headless) with the fonts the layout is measured with.
# Without LibreOffice or those fonts the read-back is skipped, and under CI
# it fails.
. "$(dirname "$0")/../lib/fixture.sh"
start_server --demo

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
# A report recorded now, for a task completed within Q1, does not change Q1:
# the report counts what was recorded by its cut-off.
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
# The DOCX names Times New Roman (Decree 30); LibreOffice lays it out with the
# font fontconfig gives for that name, and the page checks below measure that
# layout.  Liberation Serif (fonts-liberation2) has Times New Roman's metrics;
# with another font the header columns run together.  So the tools and the
# font are installed, named and checked before anything is measured.  The
# XLSX is read back as values, where no font matters.
"$TESTS_TOP/tools/deps.sh" office >"$T/deps.log" 2>&1
lacking=""
for c in soffice pdftotext pdfinfo pdffonts fc-list fc-match; do
	command -v "$c" >/dev/null 2>&1 || lacking="$lacking $c"
done
SERIF=""
if [ -z "$lacking" ]; then
	fc-list ':family=Liberation Serif' file | grep -q . || lacking="$lacking the font Liberation Serif"
	SERIF=$(fc-match -f '%{family[0]}' 'Times New Roman')
	case "$SERIF" in "Times New Roman" | "Liberation Serif") ;; *) lacking="$lacking Times New Roman or its metric twin (fontconfig gives '$SERIF')" ;; esac
fi
if [ -n "$lacking" ]; then
	skip "the DOCX/XLSX read-back needs$lacking ($(tail -n 1 "$T/deps.log"))" "tools/deps.sh office"
	finish
	exit
fi
echo "  DOCX layout measured with $SERIF for Times New Roman: $(fc-match -f '%{file}' 'Times New Roman')"

mkdir -p "$T/lo" "$T/home"
HOME="$T/home" timeout 180 soffice --headless --norestore --convert-to pdf --outdir "$T/lo" "$T/r.docx" >/dev/null 2>&1
check "LibreOffice converts the DOCX" test -f "$T/lo/r.pdf"
pdftotext -layout "$T/lo/r.pdf" "$T/lo/r.txt" 2>/dev/null
for text in "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Độc lập - Tự do - Hạnh phúc" "ỦY BAN NHÂN DÂN" \
	"TỈNH CAO BẰNG" "BÁO CÁO" "Kết quả thực hiện nhiệm vụ cải cách hành chính năm 2026" \
	"Cao Bằng, ngày 01 tháng 12 năm 2026" "Nơi nhận:" "TM. ỦY BAN NHÂN DÂN" "KẾT QUẢ CHUNG"; do
	check "docx text: $text" grep -qF "$text" "$T/lo/r.txt"
done
req GET /api/v1/reports/2026
check "docx names the first unit behind" grep -qF "$(j '.behind[0].unit_name')" "$T/lo/r.txt"
check "docx number left blank" grep -qE 'Số: +/BC-UBND' "$T/lo/r.txt"
eq "docx is A4" "$(pdfinfo "$T/lo/r.pdf" 2>/dev/null | sed -n 's/^Page size: *\([0-9.]* x [0-9.]*\) pts.*/\1/p')" "595.304 x 841.89"
# Decree 30: numbered from page 2, at the top, the first page without a number.
first_line() { pdftotext -f "$1" -l "$1" "$T/lo/r.pdf" - 2>/dev/null | sed -n '/[^ ]/{p;q}' | tr -d ' '; }
eq "docx page 1 has no number" "$(first_line 1)" "CỘNGHÒAXÃHỘICHỦNGHĨAVIỆTNAM"
eq "docx page 2 is numbered" "$(first_line 2)" "2"
eq "docx set in the font measured with" "$(pdffonts "$T/lo/r.pdf" 2>/dev/null | awk 'NR > 2 {sub(/^[A-Z]+\+/, "", $1); sub(/-.*/, "", $1); print $1}' | sort -u | tr '\n' ' ')" \
	"$(echo "$SERIF" | tr -d ' ') "

HOME="$T/home" timeout 180 soffice --headless --norestore \
	--convert-to 'csv:Text - txt - csv (StarCalc):9,34,76' --outdir "$T/lo" "$T/r.xlsx" >/dev/null 2>&1
check "LibreOffice converts the XLSX" test -f "$T/lo/r.csv"
eq "xlsx read back: a field's total is a number" \
	"$(awk -F '\t' '$1 == "CDDH" {print $4; exit}' "$T/lo/r.csv" 2>/dev/null)" "$(j '.fields[] | select(.code == "CDDH") | .total')"
check "xlsx rates as percentages" grep -qE "^CDDH	.*	[0-9]+\.[0-9]+%" "$T/lo/r.csv"

finish
