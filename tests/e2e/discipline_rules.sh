# Discipline rules and documents (issue 15) end to end on the demo: the
# statute of limitations (a decision after it refused without a reason),
# pausing and resuming a case (the decision's limit moves by the days
# paused), exemption, the repeat rule's suggestion; the decision of a case
# and the conclusion notice of an inspection uploaded as files, stored by
# content, typed from their bytes and downloaded only by those who may see
# the case, each download recorded like a look at it; two looks at once
# are both recorded.  Bad input each gets a clear error and writes nothing.
. "$(dirname "$0")/../lib/fixture.sh"
start_server --demo

UNIT=01297
HEAD=$(token_for unit_head $UNIT)
OTHER_HEAD=$(token_for unit_head)
OFF=$(token_for unit_officer $UNIT)
SNV=$(account r.snv SNV lead_agency)
VIEWER=$(token_for viewer 04)
audit_count() { # ACTION ENTITY ENTITY_ID
	TOKEN=$ADMIN get /api/v1/audit/export |
		jq --arg a "$1" --arg e "$2" --arg i "$3" '[.[] | select(.entity == $e and .action == $a and .entity_id == $i)] | length'
}
case_body() { # NAME SEVERITY OCCURRED DISCOVERED [EXTRA JSON]
	printf '{"unit": "%s", "person_name": "%s", "position": "Chuyên viên", "group": "cong_chuc", "act": "Vi phạm quy chế", "severity": "%s", "occurred_on": "%s", "discovered_on": "%s"%s}' \
		"$UNIT" "$1" "$2" "$3" "$4" "${5:-}"
}
step() { req POST "/api/v1/discipline-cases/$1/steps" "$2"; }
count_cases() { TOKEN=$ADMIN get /api/v1/discipline-cases | jq length; }

# --- the statute of limitations -------------------------------------------------------------------
TOKEN=$HEAD
before=$(count_cases)
req POST /api/v1/discipline-cases "$(case_body 'Hà Văn Một' minor 2016-01-10 2026-09-25 ', "limitation_kind": "forever"')"
eq "an unknown limitation kind" "$STATUS $(j .error.field)" "422 limitation_kind"
req POST /api/v1/discipline-cases "$(case_body 'Hà Văn Một' minor 2016-01-10 2026-09-25 ', "limitation_kind": 5')"
eq "a limitation kind of the wrong type" "$STATUS $(j .error.field)" "422 limitation_kind"
eq "nothing written" "$(count_cases)" "$before"
req POST /api/v1/discipline-cases "$(case_body 'Hà Văn Một' minor 2016-01-10 2026-09-25)"
eq "a minor violation: 5 years (khiển trách)" \
	"$STATUS $(j .limitation_kind) $(j .limitation_until) $(j .limitation_passed)" "201 khien_trach 2021-01-10 true"
OLD=$(j .id)
req POST /api/v1/discipline-cases "$(case_body 'Hà Văn Hai' serious 2016-02-29 2026-09-25)"
eq "a serious one: 10 years, 29 February to the 28th" \
	"$STATUS $(j .limitation_kind) $(j .limitation_until) $(j .limitation_passed)" "201 other 2026-02-28 true"
req POST /api/v1/discipline-cases "$(case_body 'Hà Văn Ba' serious 2010-05-01 2026-09-25 ', "limitation_kind": "false_degree"')"
eq "fake diplomas: no limitation" "$STATUS $(j .limitation_kind) $(j .limitation_until) $(j .limitation_passed)" \
	"201 false_degree null false"
req POST /api/v1/discipline-cases "$(case_body 'Hà Văn Bốn' minor 2026-09-01 2026-09-25)"
eq "a recent one is within it" "$STATUS $(j .limitation_until) $(j .limitation_passed)" "201 2031-09-01 false"
step "$OLD" '{"step": "review", "on": "2026-10-01", "limitation_override": "x"}'
eq "an override only on a decision" "$STATUS $(j .error.field)" "422 limitation_override"
step "$OLD" '{"step": "review", "on": "2026-10-01"}'
eq "a review after the limitation is allowed" "$STATUS $(j .status)" "200 reviewed"
step "$OLD" '{"step": "decision", "on": "2026-10-20", "number": "20/QĐ-UBND", "form": "khien_trach", "note": "Không họp hội đồng"}'
eq "a decision after the limitation is refused" "$STATUS $(j .error.field)" "422 limitation_override"
eq "and not written" "$(TOKEN=$ADMIN get "/api/v1/discipline-cases/$OLD" | jq -r .status)" "reviewed"
step "$OLD" '{"step": "decision", "on": "2026-10-20", "number": "20/QĐ-UBND", "form": "khien_trach", "note": "Không họp hội đồng", "limitation_override": "Vi phạm kéo dài, phát hiện khi kết luận kiểm tra"}'
eq "with the reason it is made" "$STATUS $(j .status) $(j .limitation_passed)" "200 decided true"
eq "the reason is kept" "$(j .limitation_override)" "Vi phạm kéo dài, phát hiện khi kết luận kiểm tra"

# --- a new violation restarts the limitation of the person's earlier one (name and unit) -----------
TOKEN=$HEAD
req POST /api/v1/discipline-cases "$(case_body 'Hà Văn Năm' minor 2024-01-15 2026-09-25)"
eq "a first violation: 5 years" "$STATUS $(j .limitation_until)" "201 2029-01-15"
FIRST=$(j .id)
TOKEN=$ADMIN
req POST /api/v1/discipline-cases "$(case_body 'Hà Văn Năm' minor 2025-05-01 2026-09-25 | sed "s/\"$UNIT\"/\"01822\"/")"
eq "the same name in another unit is another person" "$STATUS $(TOKEN=$ADMIN get "/api/v1/discipline-cases/$FIRST" | jq -r .limitation_until)" \
	"201 2029-01-15"
updates=$(audit_count update discipline_case "$FIRST")
TOKEN=$HEAD
req POST /api/v1/discipline-cases "$(case_body 'Hà Văn Năm' serious 2026-03-01 2026-09-25)"
eq "a second one within it: 10 years of its own" "$STATUS $(j .limitation_until)" "201 2036-03-01"
eq "the first one's limitation restarts from it" \
	"$(TOKEN=$ADMIN get "/api/v1/discipline-cases/$FIRST" | jq -r .limitation_until)" "2031-03-01"
eq "the restart is in the audit trail" "$(audit_count update discipline_case "$FIRST")" "$((updates + 1))"
req POST /api/v1/discipline-cases "$(case_body 'Hà Văn Năm' minor 2023-06-01 2026-09-25)"
eq "one entered late takes the restarts of those after it" "$STATUS $(j .limitation_until)" "201 2031-03-01"
req POST /api/v1/discipline-cases "$(case_body 'Hà Văn Sáu' minor 2015-01-01 2026-09-25)"
LAPSED=$(j .id)
req POST /api/v1/discipline-cases "$(case_body 'Hà Văn Sáu' minor 2020-06-01 2026-09-25)"
eq "a violation after the limitation ran out restarts nothing" \
	"$(TOKEN=$ADMIN get "/api/v1/discipline-cases/$LAPSED" | jq -r '"\(.limitation_until) \(.limitation_passed)"')" "2020-01-01 true"

# --- pause, resume ---------------------------------------------------------------------------------
req POST /api/v1/discipline-cases "$(case_body 'Hà Thị Năm' minor 2026-09-01 2026-09-25)"
P=$(j .id)
DUE=$(j .decision_due)
eq "the limit is 90 days after the discovery" "$DUE" "2026-12-24"
step "$P" '{"step": "pause", "on": "2026-10-01"}'
eq "a pause without its reason" "$STATUS $(j .error.field)" "422 reason"
step "$P" '{"step": "pause", "on": "2026-10-01", "reason": "holiday"}'
eq "a pause for a reason the law does not name" "$STATUS $(j .error.field)" "422 reason"
step "$P" '{"step": "pause", "on": "2026-09-20", "reason": "illness"}'
eq "a pause before the discovery" "$STATUS $(j .error.field)" "422 on"
step "$P" '{"step": "pause", "on": "2026-10-01", "reason": "illness", "form": "khien_trach"}'
eq "a pause with a decision's field" "$STATUS $(j .error.field)" "422 form"
step "$P" '{"step": "resume", "on": "2026-10-05"}'
eq "resuming a case not paused" "$STATUS $(j .error.field)" "409 step"
eq "nothing recorded" "$(audit_count procedure discipline_case "$P")" "0"
step "$P" '{"step": "pause", "on": "2026-10-01", "reason": "maternity", "note": "Nghỉ thai sản"}'
eq "paused for maternity" "$STATUS $(j .paused) $(j .paused_since) $(j .pause_reason) $(j .decision_overdue)" \
	"200 true 2026-10-01 maternity false"
step "$P" '{"step": "pause", "on": "2026-10-02", "reason": "illness"}'
eq "paused twice" "$STATUS $(j .error.field)" "409 step"
step "$P" '{"step": "review", "on": "2026-10-03"}'
eq "no step while paused" "$STATUS $(j .error.field)" "409 step"
step "$P" '{"step": "resume", "on": "2026-09-30"}'
eq "resumed before the pause" "$STATUS $(j .error.field)" "422 on"
step "$P" '{"step": "resume", "on": "2026-10-11", "reason": "illness"}'
eq "a resumption has no reason" "$STATUS $(j .error.field)" "422 reason"
step "$P" '{"step": "resume", "on": "2026-10-11"}'
eq "resumed: the limit moves by the 10 days paused" "$STATUS $(j .paused) $(j .decision_due)" "200 false 2027-01-03"
eq "the pause and the resumption listed" "$(j '[.events[] | .kind + ":" + (.days // "" | tostring)] | join(",")')" \
	"pause:,resume:10"
eq "both in the audit trail" "$(audit_count procedure discipline_case "$P")" "2"
step "$P" '{"step": "review", "on": "2026-10-12"}'
eq "the procedure goes on" "$STATUS $(j .status)" "200 reviewed"

# --- exemption -------------------------------------------------------------------------------------
req POST /api/v1/discipline-cases "$(case_body 'Hà Văn Sáu' minor 2026-09-01 2026-09-25)"
E=$(j .id)
step "$E" '{"step": "exempt", "on": "2026-10-01", "reason": "other"}'
eq "another reason needs its note" "$STATUS $(j .error.field)" "422 note"
step "$E" '{"step": "exempt", "on": "2026-10-01"}'
eq "an exemption needs its reason" "$STATUS $(j .error.field)" "422 reason"
step "$E" '{"step": "exempt", "on": "2026-10-01", "reason": "force_majeure"}'
eq "exempt" "$STATUS $(j .exempt) $(j .exempt_reason) $(j .decision_overdue)" "200 true force_majeure false"
step "$E" '{"step": "review", "on": "2026-10-02"}'
eq "no step after an exemption" "$STATUS $(j .error.field)" "409 step"
step "$E" '{"step": "pause", "on": "2026-10-02", "reason": "illness"}'
eq "nor a pause" "$STATUS $(j .error.field)" "409 step"
step "$OLD" '{"step": "exempt", "on": "2026-10-25", "reason": "force_majeure"}'
eq "a decided case is not exempted" "$STATUS $(j .error.field)" "409 step"
TOKEN=$OFF
step "$P" '{"step": "pause", "on": "2026-10-20", "reason": "illness"}'
eq "an officer pauses no case" "$STATUS" "403"

# --- the repeat rule -------------------------------------------------------------------------------
TOKEN=$HEAD
req POST /api/v1/discipline-cases "$(case_body 'Hà Văn Một' minor 2026-11-02 2026-11-03)"
eq "a new violation while the khiển trách is in force: cảnh cáo suggested" \
	"$STATUS $(j .suggested_form.code) $(j .suggested_form.because_case)" "201 canh_cao $OLD"
req POST /api/v1/discipline-cases "$(case_body 'Hà Văn Bảy' minor 2026-11-02 2026-11-03)"
eq "another person: nothing suggested" "$STATUS $(j .suggested_form)" "201 null"

# --- the decision document -------------------------------------------------------------------------
printf '%%PDF-1.4\n%% Quyết định kỷ luật\n1 0 obj << >> endobj\ntrailer << >>\n%%%%EOF\n' >"$T/qd.pdf"
printf 'Không phải PDF\n' >"$T/fake.pdf"
head -c 2000 /dev/urandom >"$T/x.bin"; printf '\0' >>"$T/x.bin"
upload() { # TOKEN PATH FILE[;filename=...] -> STATUS, body in $T/body
	STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $1" -F "evidence=@$3" "$BASE$2")
}
DOCS=/api/v1/discipline-cases/$OLD/documents
upload "$OFF" "$DOCS" "$T/qd.pdf;filename=qd.pdf"
eq "an officer uploads no decision" "$STATUS" "403"
upload "$OTHER_HEAD" "$DOCS" "$T/qd.pdf;filename=qd.pdf"
eq "nor another unit's head" "$STATUS" "403"
upload "$HEAD" "$DOCS" "$T/fake.pdf;filename=quyet-dinh.pdf"
eq "text named .pdf: not what it claims" "$STATUS $(j .error.code) $(j .error.field)" "415 unsupported_media_type evidence"
upload "$HEAD" "$DOCS" "$T/x.bin;filename=qd.exe"
eq "a type not accepted" "$STATUS $(j .error.code)" "415 unsupported_media_type"
STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $HEAD" -F "evidence=@$T/qd.pdf;filename=a.pdf" \
	-F "evidence=@$T/qd.pdf;filename=b.pdf" "$BASE$DOCS")
eq "two files at once" "$STATUS $(j .error.field)" "422 evidence"
req POST "$DOCS" '{}'
eq "no file" "$STATUS $(j .error.field)" "422 evidence"
upload "$HEAD" /api/v1/discipline-cases/99999/documents "$T/qd.pdf;filename=qd.pdf"
eq "an unknown case" "$STATUS" "403"
eq "nothing attached" "$(TOKEN=$ADMIN get "/api/v1/discipline-cases/$OLD" | jq '.documents | length')" "0"
upload "$HEAD" "$DOCS" "$T/qd.pdf;filename=Quyết định 20.pdf"
eq "the decision uploaded" "$STATUS $(j .mime) $(j .size) $(j .sha256)" \
	"201 application/pdf $(wc -c <"$T/qd.pdf") $(sha256sum "$T/qd.pdf" | cut -d' ' -f1)"
DOC=$(j .id)
upload "$SNV" "$DOCS" "$T/qd.pdf;filename=ban-sao.pdf"
eq "Home Affairs attaches the same file" "$STATUS $(j .sha256)" "201 $(sha256sum "$T/qd.pdf" | cut -d' ' -f1)"
eq "the case lists both" "$(TOKEN=$ADMIN get "/api/v1/discipline-cases/$OLD" | jq -r '[.documents[].filename] | join(",")')" \
	"Quyết định 20.pdf,ban-sao.pdf"
eq "the upload is in the audit trail" "$(audit_count attach discipline_case "$OLD")" "2"
for who in HEAD SNV ADMIN; do
	eval "TOKEN=\$$who"
	views=$(audit_count view discipline_case "$OLD")
	curl -s -D "$T/h" -o "$T/got" -H "Authorization: Bearer $TOKEN" "$BASE$DOCS/$DOC"
	check "$who downloads the decision unchanged" cmp -s "$T/got" "$T/qd.pdf"
	eq "$who's download is recorded as a look" "$(audit_count view discipline_case "$OLD")" "$((views + 1))"
done
check "the download keeps its name" grep -q "filename\*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%2020.pdf" "$T/h"
check "and its type" grep -qi '^Content-Type: application/pdf' "$T/h"
for who in OTHER_HEAD OFF VIEWER; do
	eval "TOKEN=\$$who"
	refused=$(audit_count view_refused discipline_case "$OLD")
	req GET "$DOCS/$DOC"
	eq "$who may not download the decision" "$STATUS $(grep -c PDF "$T/body")" "403 0"
	eq "$who's refused download is recorded" "$(audit_count view_refused discipline_case "$OLD")" "$((refused + 1))"
done
TOKEN=$HEAD
req GET "$DOCS/99999"
eq "an unknown document" "$STATUS $(j .error.field)" "404 document"
req GET "/api/v1/discipline-cases/$P/documents/$DOC"
eq "a document of another case" "$STATUS" "404"
req GET "$DOCS/abc"
eq "a document id that is not one" "$STATUS" "404"

# --- two looks at once are both recorded -----------------------------------------------------------
TOKEN=$HEAD
views=$(audit_count view discipline_case "$OLD")
pids=
for n in 1 2 3 4 5 6; do
	curl -s -o /dev/null -H "Authorization: Bearer $HEAD" "$BASE/api/v1/discipline-cases/$OLD" &
	pids="$pids $!"
done
wait $pids
eq "six looks at once, six records" "$(audit_count view discipline_case "$OLD")" "$((views + 6))"
views=$(audit_count view discipline_case "$OLD")
pids=
for n in 1 2 3 4; do
	curl -s -o /dev/null -H "Authorization: Bearer $HEAD" "$BASE$DOCS/$DOC" &
	pids="$pids $!"
done
wait $pids
eq "four downloads at once, four records" "$(audit_count view discipline_case "$OLD")" "$((views + 4))"

# --- an inspection's conclusion notice -------------------------------------------------------------
TOKEN=$ADMIN
INSP=$(get "/api/v1/inspections?status=concluded" | jq '.[0].id')
INSPECTOR=$(get "/api/v1/inspections/$INSP" | jq -r .inspecting_unit_code)
LEAD=$(account r.lead "$INSPECTOR" lead_agency)
IDOCS=/api/v1/inspections/$INSP/documents
upload "$OFF" "$IDOCS" "$T/qd.pdf;filename=tb.pdf"
eq "an officer uploads no conclusion" "$STATUS" "403"
upload "$LEAD" "$IDOCS" "$T/fake.pdf;filename=tb.pdf"
eq "a conclusion not what it claims" "$STATUS $(j .error.code)" "415 unsupported_media_type"
upload "$LEAD" /api/v1/inspections/99999/documents "$T/qd.pdf;filename=tb.pdf"
eq "an unknown inspection" "$STATUS" "404"
upload "$LEAD" "$IDOCS" "$T/qd.pdf;filename=Thông báo kết luận.pdf"
eq "the inspecting unit uploads the conclusion" "$STATUS $(j .filename)" "201 Thông báo kết luận.pdf"
IDOC=$(j .id)
eq "in the audit trail" "$(audit_count attach inspection "$INSP")" "1"
TOKEN=$VIEWER
req GET "/api/v1/inspections/$INSP"
eq "the inspection lists it" "$STATUS $(j '.documents[0].id')" "200 $IDOC"
curl -s -o "$T/got" -H "Authorization: Bearer $VIEWER" "$BASE$IDOCS/$IDOC"
check "everyone who reads downloads it" cmp -s "$T/got" "$T/qd.pdf"
req GET "$IDOCS/$((IDOC + 1))"
eq "an unknown document of the inspection" "$STATUS $(j .error.field)" "404 document"

# --- the screens' modules, without a browser ---------------------------------------------------------
# The page's import map names the modules of these screens and of every
# module they import; each is served as the file it is.
curl -s "$BASE/" | sed -n 's/.*<script type="importmap">\(.*\)<\/script>.*/\1/p' >"$T/map"
for m in discipline inspections casesteps casedocs $(grep -ho "from '\./[a-z0-9_]*\.js'" \
	"$TESTS_TOP/web/discipline.js" "$TESTS_TOP/web/inspections.js" "$TESTS_TOP/web/casesteps.js" \
	"$TESTS_TOP/web/casedocs.js" | sed "s/from '\.\/\(.*\)\.js'/\1/" | sort -u); do
	to=$(jq -r --arg k "/static/$m.js" '.imports[$k] // ""' "$T/map")
	STATUS=$(curl -s -o "$T/mod" -w '%{http_code}' "$BASE${to:-/none}")
	eq "module $m.js served under its mapped name" "$STATUS" "200"
	check "module $m.js: its own bytes" cmp -s "$T/mod" "$TESTS_TOP/web/$m.js"
done

check "the audit chain holds" "$CCHC" audit verify --db "$DB"
finish
