# The PAR index's files (issue 14) end to end on the demo: a criteria set
# out as .xlsx and back in (the same set), a sheet as offices write it
# (made by openpyxl: merged title and heading, label rows, blank rows,
# numbers stored as text) imported by the API and by `cchc par import-set`;
# broken sheets (points not adding up, a missing parent, a non-number, not
# a workbook) refused naming the row, nothing written; survey results from
# CSV and XLSX, unknown units and criteria named, nothing written; the
# results as CSV, XLSX and DOCX (the appraisal report and the decision
# draft) and a unit's score sheet, each read back by independent readers
# (openpyxl; unzip and xmllint).
. "$(dirname "$0")/../lib/fixture.sh"
PY=/usr/bin/python3
if ! "$PY" -c 'import openpyxl' 2>/dev/null; then
	skip "python3-openpyxl is missing" "sh tools/deps.sh test"
	echo "0 passed, 0 failed, 1 skipped"
	[ -z "${CI:-}" ]
	exit
fi
start_server --demo

# upload PATH [QUERY] [URL]: POST the file as multipart field "file".
upload() {
	STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -F "file=@$1" \
		"$BASE${3:-/api/v1/par/sets/upload}${2:-}")
}
sets() { TOKEN=$ADMIN; req GET /api/v1/par/sets; j length; }
# xlsx_cells PATH: every cell of the first sheet as "ROW:COL=value" lines (openpyxl).
xlsx_cells() {
	"$PY" - "$1" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
for row in ws.iter_rows():
    for c in row:
        if c.value is not None:
            print("%d:%d=%s" % (c.row, c.column, c.value))
PY
}

# --- a set out as .xlsx and back in ------------------------------------------------
req GET /api/v1/par/sets
DEP=$(j '.[] | select(.kind == "department" and .year == 2026) | .id')
req GET "/api/v1/par/sets/$DEP?format=import"
cp "$T/body" "$T/set.json"
curl -s -o "$T/set.xlsx" -w '%{http_code} %{content_type}\n' -H "Authorization: Bearer $TOKEN" \
	"$BASE/api/v1/par/sets/$DEP?format=xlsx" >"$T/head"
eq "the set as a workbook" "$(cat "$T/head")" "200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
xlsx_cells "$T/set.xlsx" >"$T/cells"
check "openpyxl reads the usual header" grep -qx "7:1=STT" "$T/cells"
check "the fields are numbered I, II…" grep -qx "8:1=I" "$T/cells"
check "points are numbers" "$PY" -c "
import openpyxl; ws = openpyxl.load_workbook('$T/set.xlsx').worksheets[0]
assert isinstance(ws.cell(8, 3).value, (int, float)) and ws.cell(8, 3).value == 12"
BEFORE=$(sets)
TOKEN=$(account par.files.off 01822 unit_officer)
upload "$T/set.xlsx"
eq "a unit officer may not import a set" "$STATUS" "403"
TOKEN=$("$CCHC" token create --db "$DB" --user snv)
SNV=$TOKEN
upload "$T/set.xlsx"
eq "the workbook imports (a new version: the set is in use)" "$STATUS $(j .version) $(j .nodes)" \
	"201 2 $(jq '.nodes | length' "$T/set.json")"
NEW=$(j .id)
req GET "/api/v1/par/sets/$NEW?format=import"
eq "JSON -> XLSX -> JSON gives the same set" "$(jq -S . "$T/body" | sha256sum)" "$(jq -S . "$T/set.json" | sha256sum)"

# --- a sheet as offices write it ----------------------------------------------------
# make_sheet PATH [MAX_OF_1.1.1] [STT_OF_2.1] [MAX_OF_II]
make_sheet() {
	"$PY" - "$@" <<'PY'
import sys, openpyxl
from openpyxl.styles import Font
path = sys.argv[1]
a = sys.argv[2] if len(sys.argv) > 2 else "15,0"
stt21 = sys.argv[3] if len(sys.argv) > 3 else "2.1"
maxii = sys.argv[4] if len(sys.argv) > 4 else "40"
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Bo chi so"
ws["A1"] = "BỘ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CỦA UBND XÃ, PHƯỜNG NĂM 2027"
ws["A1"].font = Font(bold=True)
ws.merge_cells("A1:F1")
ws["A2"] = "Năm: 2027"
ws["A3"] = "Đối tượng"; ws["B3"] = "Xã, phường"
ws.append([])
ws.append(["STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm", None, None, "Ghi chú"])
ws.merge_cells("C5:E5")
ws.append([None, None, "Tối đa", "Tự đánh giá", "Thẩm định", None])
ws.merge_cells("A5:A6"); ws.merge_cells("B5:B6"); ws.merge_cells("F5:F6")
ws.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"])
rows = [["I", "Công tác chỉ đạo, điều hành", 60], ["1", "Kế hoạch CCHC", 30],
        ["a)", "Ban hành kế hoạch", a], ["b)", "Thực hiện kế hoạch", "15"],
        ["2", "Kiểm tra CCHC", "30"], [], [stt21, "Kiểm tra các thôn, tổ dân phố", 30],
        ["II", "Tác động của CCHC", maxii], ["1", "Sự hài lòng của người dân", 40.0],
        [None, "Tổng cộng", 100]]
for r in rows:
    ws.append(r)
wb.create_sheet("Huong dan")["A1"] = "not read: only the first sheet"
wb.save(path)
PY
}
make_sheet "$T/office.xlsx"
upload "$T/office.xlsx"
eq "an office's sheet imports" "$STATUS $(j .year) $(j .kind) $(j .nodes)" "201 2027 commune 8"
OFFICE=$(j .id)
req GET "/api/v1/par/sets/$OFFICE?format=import"
eq "the tree from STT" "$(j '[.nodes[] | .code + "<" + (.parent // "")] | join(" ")')" \
	"1< 1.1<1 1.1.1<1.1 1.1.2<1.1 1.2<1 1.2.1<1.2 2< 2.1<2"
eq "numbers stored as text, with a decimal comma" "$(j '.nodes[2].max') $(j '.nodes[4].max')" "15 30"
eq "a leaf without a rule is scored by hand" "$(j '.nodes[2].rule') $(j '.nodes[2].scored_by')" "manual self"
"$CCHC" par import-set "$T/office.xlsx" --db "$DB" --year 2028 >"$T/cli.json" 2>"$T/cli.err"
eq "cchc par import-set takes the .xlsx (--year fills the year)" "$(jq -r '.year, .nodes' "$T/cli.json" | tr '\n' ' ')" \
	"2028 8 "
AFTER=$(sets)
TOKEN=$SNV

refused() { # NAME FILE WANT_FIELD WANT_MESSAGE_PART
	upload "$2"
	eq "$1: refused naming the row" "$STATUS $(j .error.field) $(j ".error.message | contains(\"$4\")")" "422 $3 true"
}
make_sheet "$T/sum.xlsx" 14
refused "points not adding up" "$T/sum.xlsx" "row 9" "add up to 29 points, not its 30"
make_sheet "$T/parent.xlsx" 15 3.1
refused "a missing parent" "$T/parent.xlsx" "STT" "row 14: '3.1' is not under the criterion '2'"
make_sheet "$T/nan.xlsx" "mười lăm"
refused "a non-number in Điểm tối đa" "$T/nan.xlsx" "Điểm tối đa" "row 10: 'Điểm tối đa' is not a number"
make_sheet "$T/total.xlsx" 15 2.1 35
refused "fields not adding up to 100" "$T/total.xlsx" "row 15" "children add up to 40 points, not its 35"
if "$CCHC" par import-set "$T/parent.xlsx" --db "$DB" >/dev/null 2>"$T/cli.err"; then
	fail "cchc par import-set accepted a broken sheet"
else
	check "cchc par import-set names the row" grep -q "row 14" "$T/cli.err"
fi
printf 'STT;Tên;Điểm tối đa\n' >"$T/text.xlsx"
upload "$T/text.xlsx"
eq "text that is not a workbook" "$STATUS $(j .error.field)" "400 file"
printf 'PK\003\004 broken' >"$T/broken.xlsx"
upload "$T/broken.xlsx"
eq "a broken zip" "$STATUS" "415"
(cd "$T" && mkdir -p w/word && echo '<w:document xmlns:w="x"/>' >w/word/document.xml && cd w && zip -qr ../word.xlsx word)
upload "$T/word.xlsx"
eq "a Word document is not a workbook" "$STATUS $(j '.error.message | contains("not an Excel workbook")')" "415 true"
req POST /api/v1/par/sets/upload '{}'
eq "no file" "$STATUS $(j .error.field)" "400 file"
eq "nothing written by the refused files" "$(sets)" "$AFTER"

# --- survey results ------------------------------------------------------------------
TOKEN=$ADMIN
req GET "/api/v1/par/assessments?year=2026&kind=department"
U1=$(j '.[0].unit_code'); N2=$(j '.[1].unit_name'); A1=$(j '.[0].id'); A2=$(j '.[1].id')
SURVEY=$(jq -r '[.nodes[] | select(.scored_by == "survey")][0].code' "$T/set.json")
SMAX=$(jq -r "[.nodes[] | select(.code == \"$SURVEY\")][0].max" "$T/set.json")
SELF=$(jq -r '[.nodes[] | select(.scored_by == "self" and .rule != null)][0].code' "$T/set.json")
points() { TOKEN=$ADMIN; req GET "/api/v1/par/assessments/$1"; j "[.. | objects | select(.code? == \"$SURVEY\")][0].self_points"; }
P1=$(points "$A1")
TOKEN=$SNV
printf 'Mã đơn vị,Tiêu chí,Điểm\n%s,%s,1\nKHÔNG-CÓ,%s,1\n%s,%s,1\n%s,9.9.9,1\n' "$U1" "$SURVEY" "$SURVEY" "$U1" "$SELF" "$U1" >"$T/bad.csv"
upload "$T/bad.csv" "?year=2026" /api/v1/par/survey
eq "unknown unit and criteria: every such row named" \
	"$STATUS $(j '.error.message | contains("row 3 (unit") and contains("row 4 (not a survey criterion") and contains("row 5 (")')" "422 true"
eq "nothing written" "$(points "$A1")" "$P1"
TOKEN=$SNV
printf 'Mã đơn vị,Tiêu chí,Điểm\n%s,%s,%s\n' "$U1" "$SURVEY" "$((SMAX + 1))" >"$T/over.csv"
upload "$T/over.csv" "?year=2026" /api/v1/par/survey
eq "points above the maximum" "$STATUS $(j '.error.message | contains("row 2")')" "422 true"
printf 'Mã đơn vị,Tiêu chí,Điểm\n%s,%s,1\n' "$U1" "$SURVEY" >"$T/good.csv"
upload "$T/good.csv" "" /api/v1/par/survey
eq "the year is required" "$STATUS $(j .error.field)" "400 year"
TOKEN=$(account par.files.off2 01822 unit_officer)
upload "$T/good.csv" "?year=2026" /api/v1/par/survey
eq "a unit officer may not import survey results" "$STATUS" "403"
TOKEN=$SNV
"$PY" - "$T/survey.xlsx" "$U1" "$N2" "$SURVEY" <<'PY'
import sys, openpyxl
wb = openpyxl.Workbook(); ws = wb.active
ws.append(["KẾT QUẢ ĐIỀU TRA XÃ HỘI HỌC 2026"])
ws.append(["STT", "Đơn vị", "Tiêu chí", "Tỷ lệ hài lòng (%)", "Điểm"])
ws.append([1, sys.argv[2], sys.argv[4], None, "1,5"])
ws.append([2, sys.argv[3], sys.argv[4], "100%", None])
wb.save(sys.argv[1])
PY
upload "$T/survey.xlsx" "?year=2026" /api/v1/par/survey
eq "survey results from a workbook (a code, a name, points and a ratio)" "$STATUS $(j .imported)" "200 2"
eq "the points written" "$(points "$A1") $(points "$A2")" "1.5 $SMAX"

# --- results and sheets as files -----------------------------------------------------
TOKEN=$(token_for leader 04)
fetch() { # PATH OUT: status and media type
	curl -s -o "$2" -w '%{http_code} %{content_type}' -H "Authorization: Bearer $TOKEN" ${3:+-H "$3"} "$BASE$1"
}
eq "the results as CSV (by Accept)" "$(fetch "/api/v1/par/results?year=2026&kind=commune" "$T/r.csv" "Accept: text/csv")" \
	"200 text/csv; charset=utf-8"
eq "one line per commune and a header" "$(wc -l <"$T/r.csv" | tr -d ' ')" "57"
check "the CSV names its columns in Vietnamese" grep -q '^Hạng,Mã đơn vị,Đơn vị' "$T/r.csv"
eq "the results as XLSX" "$(fetch "/api/v1/par/results?year=2026&format=xlsx" "$T/r.xlsx")" \
	"200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
eq "openpyxl: a sheet per kind, a row per unit, ranks as numbers" "$("$PY" -c "
import openpyxl; wb = openpyxl.load_workbook('$T/r.xlsx')
c = wb.worksheets[1]
print(len(wb.worksheets), c.max_row - 3, c.cell(4, 1).value, c.cell(3, 9).value)")" "2 56 1 Chỉ số (%)"
for doc in docx decision; do
	eq "the $doc as DOCX" "$(fetch "/api/v1/par/results?year=2026&format=$doc" "$T/$doc.docx")" \
		"200 application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	unzip -p "$T/$doc.docx" word/document.xml >"$T/$doc.xml"
	check "the $doc is well-formed XML" xmllint --noout "$T/$doc.xml"
	check "the $doc carries the national motto" grep -q "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "$T/$doc.xml"
done
check "the appraisal report" grep -q "Kết quả thẩm định Chỉ số cải cách hành chính năm 2026" "$T/docx.xml"
check "the decision draft and its annex" grep -q "QUYẾT ĐỊNH.*PHỤ LỤC" "$T/decision.xml"
eq "an unknown format" "$(fetch "/api/v1/par/results?year=2026&format=pdf" "$T/x")" "400 application/json; charset=utf-8"
eq "a unit's score sheet" "$(fetch "/api/v1/par/assessments/$A1/sheet" "$T/sheet.xlsx")" \
	"200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
xlsx_cells "$T/sheet.xlsx" >"$T/sheet.cells"
check "the sheet has the survey points and a total" sh -c "grep -q '=Tổng cộng' '$T/sheet.cells' && grep -q '=1.5$' '$T/sheet.cells'"
eq "an unknown assessment" "$(fetch "/api/v1/par/assessments/999999/sheet" "$T/x")" "404 application/json; charset=utf-8"
"$CCHC" par results 2026 --kind department --format xlsx --db "$DB" --out "$T/cli.xlsx" || fail "cchc par results --format xlsx"
eq "cchc par results writes the workbook" "$("$PY" -c "import openpyxl; print(openpyxl.load_workbook('$T/cli.xlsx').worksheets[0].cell(4, 1).value)")" "1"
"$CCHC" par results 2026 --format decision --db "$DB" >"$T/cli.docx" || fail "cchc par results --format decision"
check "cchc par results writes the decision draft" sh -c "unzip -p '$T/cli.docx' word/document.xml | xmllint --noout -"
finish
