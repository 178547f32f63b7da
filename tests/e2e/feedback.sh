# Citizens' feedback on administrative regulations (issue 17) end to end on
# the demo: a citizen sends feedback without an account and gets a tracking
# code; its public status never shows contact details; the PPC Office
# forwards it, the unit drafts, its head approves, the citizen rates once;
# officials enter a letter, reject one with a reason, extend a deadline;
# counts per unit; the per-address limit answers 429 with Retry-After; and
# contact details reach only the receiving and the handling unit.
. "$(dirname "$0")/../lib/fixture.sh"
start_server --demo
# The tracking page as JSON (a browser gets HTML: tests/e2e/public.sh).
track() { STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H 'Accept: application/json' "$BASE/public/feedback/$1"); }

VP_OFF=$(account fb.vp.off VPUBND unit_officer)
VP_HEAD=$(account fb.vp.head VPUBND unit_head)
SNV_OFF=$(account fb.snv.off SNV unit_officer)
SNV_HEAD=$(account fb.snv.head SNV unit_head)
SCT_OFF=$(account fb.sct.off SCT unit_officer)
SCT_HEAD=$(account fb.sct.head SCT unit_head)
LEADER=$(account fb.leader VPUBND leader)
VIEWER=$(account fb.viewer VPUBND viewer)

FORM='{"procedure": "Cấp giấy phép xây dựng", "unit_concerned": "Bộ phận một cửa xã Đức Long",
 "content": "Hồ sơ bị trả lại ba lần mà không nêu lý do.", "proposal": "Hướng dẫn một lần bằng văn bản.",
 "name": "Nguyễn Văn An", "phone": "0912 345 678", "email": "an.nguyen@example.org", "address": "Xóm 1, xã Đức Long",
 "consent_publish": true}'

# --- the public form ------------------------------------------------------------
TOKEN=
req POST /public/feedback "$FORM"
eq "a citizen sends feedback without an account" "$STATUS $(j .status)" "201 received"
CODE=$(j .code) ID=$(j .id)
check "the tracking code reads over the phone" sh -c "echo '$CODE' | grep -Eq '^PAKN-[ACDEFGHJKMNPQRTUVWXY3479]{5}-[ACDEFGHJKMNPQRTUVWXY3479]{5}$'"
check "the answer says complaints go elsewhere" sh -c "jq -r .note '$T/body' | grep -q 'Khiếu nại, tố cáo'"
check "an answer's deadline is given" test "$(j .answer_due)" \> "$TODAY"
req POST /public/feedback '{"content": "x"}'
eq "no name: refused" "$STATUS $(j .error.field)" "422 name"
req POST /public/feedback '{"content": "x", "name": "Bình"}'
eq "no way to be reached: refused" "$STATUS $(j .error.field)" "422 phone"
req POST /public/feedback '{"content": "x", "name": "Bình", "email": "not-an-address"}'
eq "a wrong e-mail: refused" "$STATUS $(j .error.field)" "422 email"
req POST /public/feedback '{"content": "x", "name": "Bình", "phone": "12"}'
eq "a wrong phone: refused" "$STATUS $(j .error.field)" "422 phone"
req POST /public/feedback '{"content": "x", "name": "Bình", "phone": "0912345678", "status": "answered"}'
eq "unknown fields: refused" "$STATUS $(j .error.field)" "422 status"
req POST /public/feedback '{"content": 5, "name": "Bình", "phone": "0912345678"}'
eq "a number for a text: refused" "$STATUS $(j .error.field)" "422 content"
req POST /public/feedback "{\"content\": \"$(head -c 12000 /dev/zero | tr '\0' a)\", \"name\": \"B\", \"phone\": \"0912345678\"}"
eq "content too long: refused" "$STATUS $(j .error.field)" "422 content"
req POST /public/feedback '[1]'
eq "not an object: refused" "$STATUS" "400"

track "$CODE"
eq "its public status" "$STATUS $(j .status) $(j .code)" "200 received $CODE"
check "no contact details in the public status" sh -c "! grep -q -e 0912 -e example.org -e 'Nguyễn Văn An' -e 'Xóm 1' '$T/body'"
track "$(echo "$CODE" | tr A-Z a-z)"
eq "the code typed in lower case" "$STATUS" "200"
track PAKN-AAAAA-AAAAA
eq "a wrong tracking code" "$STATUS $(j .error.code)" "404 not_found"
req POST "/public/feedback/$CODE/rating" '{"satisfied": true}'
eq "no rating before the answer" "$STATUS" "409"

# --- who sees the sender -------------------------------------------------------
for who in LEADER SNV_OFF SCT_OFF; do
	eval "TOKEN=\$$who"
	req GET "/api/v1/feedback/$ID"
	eq "$who reads the feedback" "$STATUS $(j .code)" "200 $CODE"
	check "$who does not see the sender" sh -c "! grep -q -e 0912 -e example.org -e 'Nguyễn Văn An' '$T/body'"
done
TOKEN=$VIEWER
req GET "/api/v1/feedback/$ID"
eq "a viewer may not read feedback" "$STATUS" "403"
TOKEN=$VP_OFF
req GET "/api/v1/feedback/$ID"
eq "the PPC Office sees the sender" "$(j .sender_phone) $(j .sender_email)" "0912 345 678 an.nguyen@example.org"
check "no address hash shown" test "$(j .source_hash)" = null
eq "classification due in 5 working days" "$(j .classify_due)" "$(jq -r .classify_due "$T/body")"

# --- classify, answer, approve -----------------------------------------------------
TOKEN=$SNV_OFF
req POST "/api/v1/feedback/$ID/classify" '{"decision": "forward", "unit": "SNV"}'
eq "only the receiving unit classifies" "$STATUS" "403"
TOKEN=$VP_OFF
req POST "/api/v1/feedback/$ID/classify" '{"decision": "maybe"}'
eq "an unknown decision" "$STATUS $(j .error.field)" "422 decision"
req POST "/api/v1/feedback/$ID/classify" '{"decision": "forward", "unit": "KHONGCO"}'
eq "an unknown unit" "$STATUS $(j .error.field)" "422 unit"
req POST "/api/v1/feedback/$ID/answer" '{"answer": "x"}'
eq "no answer before it is forwarded" "$STATUS $(j .error.field)" "409 status"
req POST "/api/v1/feedback/$ID/classify" '{"decision": "forward", "unit": "SNV"}'
eq "forwarded to the competent unit" "$STATUS $(j .status) $(j .handling_unit_code)" "200 forwarded SNV"
req POST "/api/v1/feedback/$ID/classify" '{"decision": "reject", "reason": "x"}'
eq "classified only once" "$STATUS $(j .error.field)" "409 status"

TOKEN=$SNV_OFF
req GET "/api/v1/feedback/$ID"
eq "the handling unit sees the sender" "$(j .sender_name)" "Nguyễn Văn An"
req POST "/api/v1/feedback/$ID/approve"
eq "an officer may not approve" "$STATUS" "403"
TOKEN=$SNV_HEAD
req POST "/api/v1/feedback/$ID/approve"
eq "nothing to approve before a draft" "$STATUS $(j .error.field)" "409 status"
TOKEN=$SCT_OFF
req POST "/api/v1/feedback/$ID/answer" '{"answer": "x"}'
eq "another unit may not answer" "$STATUS" "403"
TOKEN=$SNV_OFF
req POST "/api/v1/feedback/$ID/answer" "{\"answer\": \"$(head -c 20001 /dev/zero | tr '\0' a)\"}"
eq "an answer longer than allowed" "$STATUS $(j .error.field)" "422 answer"
req POST "/api/v1/feedback/$ID/answer" '{"answer": "Bộ phận một cửa đã được chấn chỉnh; hồ sơ được hướng dẫn một lần."}'
eq "the unit drafts" "$STATUS $(j .status)" "200 drafted"
TOKEN=
track "$CODE"
eq "a draft is not public" "$(j .status) $(j .answer)" "processing null"
TOKEN=$SCT_HEAD
req POST "/api/v1/feedback/$ID/approve"
eq "another unit's head may not approve" "$STATUS" "403"
TOKEN=$SNV_HEAD
req POST "/api/v1/feedback/$ID/approve"
eq "the head approves; published with consent" "$STATUS $(j .status) $(j .published) $(j .answered_on) $(j .state)" \
	"200 answered true $TODAY answered_on_time"

TOKEN=
track "$CODE"
eq "the answer on the tracking page" "$(j .status) $(j .may_rate)" "answered true"
req POST "/public/feedback/$CODE/rating" '{"satisfied": "yes"}'
eq "a rating is true or false" "$STATUS $(j .error.field)" "422 satisfied"
req POST "/public/feedback/$CODE/rating" '{"satisfied": false}'
eq "the citizen rates" "$STATUS $(j .satisfied) $(j .may_rate)" "200 0 false"
req POST "/public/feedback/$CODE/rating" '{"satisfied": true}'
eq "rating twice is refused" "$STATUS $(j .error.field)" "409 satisfied"
req POST /public/feedback/PAKN-AAAAA-AAAAA/rating '{"satisfied": true}'
eq "rating a wrong code" "$STATUS" "404"

# --- a letter entered, rejected; an extension -----------------------------------------
TOKEN=$SNV_OFF
req POST /api/v1/feedback '{"channel": "letter", "content": "Thư phản ánh", "name": "Lê Thị Cúc", "address": "Phường Thục Phán"}'
eq "only the receiving unit enters feedback" "$STATUS" "403"
TOKEN=$VP_OFF
req POST /api/v1/feedback '{"channel": "fax", "content": "Thư", "name": "Cúc", "address": "Thục Phán"}'
eq "an unknown channel" "$STATUS $(j .error.field)" "422 channel"
req POST /api/v1/feedback '{"channel": "letter", "content": "Thư", "name": "Cúc", "address": "Thục Phán", "received_on": "2026-02-30"}'
eq "an impossible date" "$STATUS $(j .error.field)" "422 received_on"
req POST /api/v1/feedback '{"channel": "letter", "content": "Thư", "name": "Cúc", "address": "Thục Phán", "received_on": "2099-01-01"}'
eq "a date after today" "$STATUS $(j .error.field)" "422 received_on"
req POST /api/v1/feedback '{"channel": "letter", "content": "Thư phản ánh về lệ phí", "name": "Lê Thị Cúc", "address": "Phường Thục Phán", "received_on": "2026-01-05"}'
eq "a letter entered by the PPC Office" "$STATUS $(j .status) $(j .received_on)" "201 received 2026-01-05"
LETTER=$(j .id)
eq "classification: 5 working days" "$(j .classify_due)" "2026-01-12"
eq "answer: 20 days, calendar by default" "$(j .answer_due)" "2026-01-26"
req POST /api/v1/feedback '{"channel": "phone", "content": "Gọi điện: khiếu nại quyết định xử phạt", "name": "Hoàng Văn Dũng", "phone": "0206 385 2222", "received_on": "2026-01-05"}'
PHONE=$(j .id)
req POST "/api/v1/feedback/$PHONE/classify" '{"decision": "reject"}'
eq "a rejection needs a reason" "$STATUS $(j .error.field)" "422 reason"
req POST "/api/v1/feedback/$PHONE/classify" '{"decision": "reject", "reason": "Là khiếu nại: hướng dẫn gửi theo Luật Khiếu nại."}'
eq "rejected with a reason" "$STATUS $(j .status) $(j .state)" "200 rejected rejected"
req POST "/api/v1/feedback/$PHONE/extend" '{"workdays": 3, "reason": "x"}'
eq "a rejected feedback is not extended" "$STATUS" "409"
req POST "/api/v1/feedback/$LETTER/classify" '{"decision": "forward", "unit": "SCT"}'
req GET "/api/v1/feedback/$LETTER?as_of=$TODAY"
eq "the letter is overdue today" "$(j .state)" "overdue"
req POST "/api/v1/feedback/$LETTER/extend" '{"workdays": 0, "reason": "x"}'
eq "an extension of 0 days" "$STATUS $(j .error.field)" "422 workdays"
req POST "/api/v1/feedback/$LETTER/extend" '{"workdays": 5}'
eq "an extension needs a reason" "$STATUS $(j .error.field)" "422 reason"
req POST "/api/v1/feedback/$LETTER/extend" '{"workdays": 5, "reason": "Cần xin ý kiến Bộ Tài chính"}'
eq "extended by 5 working days" "$STATUS $(j .answer_due) $(j .answer_due_initial) $(j '.extensions | length')" \
	"200 2026-02-02 2026-01-26 1"

# --- lists and counts ----------------------------------------------------------------
TOKEN=$LEADER
req GET "/api/v1/feedback?state=overdue"
eq "the overdue list" "$STATUS $(j '[.items[].id] | join(",")')" "200 $LETTER"
check "lists show no sender" sh -c "! grep -q -e sender_ -e 0912 -e 'Lê Thị Cúc' '$T/body'"
req GET "/api/v1/feedback?unit=SNV&status=answered"
eq "by unit and status" "$(j '[.items[].id] | join(",")')" "$ID"
req GET "/api/v1/feedback?as_of=2026-01-04"
eq "nothing received before the letter" "$(j '.items | length')" "0"
req GET "/api/v1/feedback?status=late"
eq "an unknown status" "$STATUS" "400"
req GET "/api/v1/feedback?as_of=2026-13-01"
eq "an impossible as_of" "$STATUS" "400"
req GET "/api/v1/feedback/stats?as_of=$TODAY"
eq "counts: the province" "$(j '.total | [.received, .rejected, .answered_on_time, .overdue, .on_time_rate] | join(" ")')" \
	"3 1 1 1 50"
eq "counts: SNV" "$(j '.units[] | select(.unit_code == "SNV") | [.received, .answered_on_time, .rated, .satisfied, .satisfaction_rate] | join(" ")')" \
	"1 1 1 0 0"
req GET "/api/v1/feedback/stats?as_of=2026-01-20"
eq "counts as of an earlier day" "$(j '.total | [.received, .rejected, .open, .overdue] | join(" ")')" "2 0 2 0"
TOKEN=$VIEWER
req GET /api/v1/feedback/stats
eq "a viewer may not read the counts" "$STATUS" "403"

# --- settings and the per-address limit ---------------------------------------------
TOKEN=$VP_HEAD
req PUT /api/v1/feedback/settings '{"rate_limit": 2}'
eq "only the admin changes settings" "$STATUS" "403"
TOKEN=$ADMIN
req PUT /api/v1/feedback/settings '{"rate_limit": 0}'
eq "a setting out of range" "$STATUS $(j .error.field)" "422 rate_limit"
req PUT /api/v1/feedback/settings '{"answer_days_kind": "lunar"}'
eq "an unknown kind" "$STATUS $(j .error.field)" "422 answer_days_kind"
req PUT /api/v1/feedback/settings '{"receiving_unit": "KHONGCO"}'
eq "an unknown receiving unit" "$STATUS $(j .error.field)" "422 receiving_unit"
req PUT /api/v1/feedback/settings '{"rate_limit": 2, "answer_days_kind": "working"}'
eq "settings changed" "$STATUS $(j .rate_limit) $(j .answer_days_kind)" "200 2 working"
TOKEN=$VP_OFF
req POST /api/v1/feedback '{"channel": "portal", "content": "Cổng dịch vụ công", "name": "Cúc", "email": "c@example.org", "received_on": "2026-01-05"}'
eq "answer: 20 working days when so set" "$(j .answer_due)" "2026-02-02"
TOKEN=
req POST /public/feedback "$FORM"
eq "the second from this address" "$STATUS" "201"
curl -s -D "$T/headers" -o "$T/body" -H 'Content-Type: application/json' --data-binary "$FORM" "$BASE/public/feedback" >/dev/null
eq "the third in the hour: 429" "$(head -n 1 "$T/headers" | cut -d' ' -f2) $(j .error.code)" "429 too_many_attempts"
check "with Retry-After" grep -qi '^Retry-After: [0-9]' "$T/headers"
TOKEN=$LEADER
req GET "/api/v1/feedback?status=received"
eq "the refused one was not stored" "$(j '[.items[] | select(.channel == "web")] | length')" "1"

# --- the audit trail names who did what, without the sender ------------------------------
TOKEN=$ADMIN
req GET /api/v1/audit/export
jq "[.[] | select(.entity == \"feedback\" and .entity_id == \"$ID\")]" "$T/body" >"$T/trail"
eq "the trail of the feedback" "$STATUS $(jq -r '[.[].actor] | join(",")' "$T/trail")" "200 public,fb.vp.off,fb.snv.off,fb.snv.head,public"
cp "$T/trail" "$T/body"
check "the trail holds no contact details" sh -c "! grep -q -e 0912 -e example.org '$T/body'"
finish
