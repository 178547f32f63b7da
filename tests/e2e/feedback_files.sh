# Files attached to public feedback (issue 17) end to end: the browser's
# form posts them as multipart/form-data, a JSON client as base64; a file
# that is not what its name says, too many files or too large a file is
# refused with nothing written; the per-address limit and the proof-of-work
# still apply; only the receiving and the handling unit list and download
# them; the tracking page and the open data never show them; a backup
# holds them.
. "$(dirname "$0")/../lib/fixture.sh"
start_server --demo

VP_OFF=$(account ff.vp.off VPUBND unit_officer)
SNV_OFF=$(account ff.snv.off SNV unit_officer)
SCT_OFF=$(account ff.sct.off SCT unit_officer)
LEADER=$(account ff.leader VPUBND leader)
VIEWER=$(account ff.viewer VPUBND viewer)
TOKEN=$ADMIN
req PUT /api/v1/feedback/settings '{"rate_limit": 50, "challenge_after": 50}'
eq "room for this test's submissions" "$STATUS" "200"
req GET /api/v1/feedback/settings
eq "the attachment settings' defaults" "$(j .attachment_max_files) $(j .attachment_max_bytes)" "3 20971520"
req PUT /api/v1/feedback/settings '{"attachment_max_files": 6}'
eq "more files than a request carries: refused" "$STATUS $(j .error.field)" "422 attachment_max_files"

# The files: a PDF, a PNG, and a text named .pdf.
{ printf '%%PDF-1.4\n'; head -c 3000 /dev/urandom; printf '\n%%%%EOF\n'; } >"$T/don.pdf"
{ printf '\211PNG\r\n\032\n'; head -c 500 /dev/urandom; } >"$T/anh.png"
printf 'Tôi không phải PDF\n' >"$T/fake.pdf"
printf '%%PDF-1.4\nsmall\n' >"$T/b.pdf"
counts() { echo "$(dbsql 'SELECT count(*) FROM feedback') $(dbsql 'SELECT count(*) FROM feedback_attachment')"; }
# post [CURL ARGS...]: the form as multipart, answered as JSON.
post() {
	STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H 'Accept: application/json' \
		-F 'content=Hồ sơ bị trả lại không rõ lý do.' -F 'name=Trần Thị Bình' -F 'phone=0987 654 321' \
		"$@" "$BASE/public/feedback")
}

# --- the form with files ------------------------------------------------------------
TOKEN=
post -F "attachment=@$T/don.pdf;filename=Đơn phản ánh.pdf" -F "attachment=@$T/anh.png;filename=ảnh-hồ-sơ.png"
eq "feedback with two files" "$STATUS $(j .attachments)" "201 2"
CODE=$(j .code) ID=$(j .id)
BEFORE=$(counts)

post -F "attachment=@$T/fake.pdf;filename=giay-to.pdf"
eq "a text named .pdf: refused" "$STATUS $(j .error.field)" "415 attachments"
check "the error names the file and what it is" sh -c "jq -r .error.message '$T/body' | grep -q \"'giay-to.pdf' is not what its name says\""
eq "nothing written for the fake PDF" "$(counts)" "$BEFORE"
printf '\001\002\003binary' >"$T/junk.pdf"
post -F "attachment=@$T/junk.pdf;filename=x.pdf"
eq "bytes of no accepted type: refused" "$STATUS $(j .error.field)" "415 evidence"
eq "nothing written for it" "$(counts)" "$BEFORE"
post -F "attachment=@$T/b.pdf;filename=1.pdf" -F "attachment=@$T/b.pdf;filename=2.pdf" \
	-F "attachment=@$T/b.pdf;filename=3.pdf" -F "attachment=@$T/b.pdf;filename=4.pdf"
eq "four files: refused" "$STATUS $(j .error.field)" "413 attachment"
eq "nothing written for four files" "$(counts)" "$BEFORE"
post -F "evidence=@$T/b.pdf;filename=1.pdf"
eq "a file in another field: refused" "$STATUS $(j .error.field)" "422 evidence"
TOKEN=$ADMIN
req PUT /api/v1/feedback/settings '{"attachment_max_bytes": 2048}'
eq "a smaller size limit" "$STATUS $(j .attachment_max_bytes)" "200 2048"
TOKEN=
post -F "attachment=@$T/don.pdf;filename=lon.pdf"
eq "a file over the limit: refused" "$STATUS" "413"
eq "nothing written for it" "$(counts)" "$BEFORE"

# --- a JSON client: base64 --------------------------------------------------------------
B64=$(base64 -w0 "$T/b.pdf")
req POST /public/feedback "{\"content\": \"Qua JSON\", \"name\": \"Lê Văn C\", \"email\": \"c@example.org\",
 \"attachments\": [{\"name\": \"to-trinh.pdf\", \"content_base64\": \"$B64\"}]}"
eq "JSON with a base64 file" "$STATUS $(j .attachments)" "201 1"
JID=$(j .id)
AFTER_JSON=$(counts)
req POST /public/feedback "{\"content\": \"x\", \"name\": \"C\", \"email\": \"c@example.org\",
 \"attachments\": [{\"name\": \"gia.pdf\", \"content_base64\": \"$(base64 -w0 "$T/fake.pdf")\"}]}"
eq "JSON: a text named .pdf refused" "$STATUS $(j .error.field)" "415 attachments"
req POST /public/feedback '{"content": "x", "name": "C", "email": "c@example.org", "attachments": [{"name": "a.pdf", "content_base64": "@@@"}]}'
eq "JSON: not base64" "$STATUS $(j .error.field)" "422 attachments"
req POST /public/feedback '{"content": "x", "name": "C", "email": "c@example.org", "attachments": [{"name": "../a.pdf", "content_base64": "JVBERi0="}]}'
eq "JSON: a name with folders" "$STATUS $(j .error.field)" "422 attachments"
req POST /public/feedback '{"content": "x", "name": "C", "email": "c@example.org", "attachments": "a.pdf"}'
eq "JSON: attachments not a list" "$STATUS $(j .error.field)" "422 attachments"
req POST /public/feedback "{\"content\": \"x\", \"name\": \"C\", \"email\": \"c@example.org\", \"attachments\": [
 {\"name\": \"1.pdf\", \"content_base64\": \"$B64\"}, {\"name\": \"2.pdf\", \"content_base64\": \"$B64\"},
 {\"name\": \"3.pdf\", \"content_base64\": \"$B64\"}, {\"name\": \"4.pdf\", \"content_base64\": \"$B64\"}]}"
eq "JSON: four files" "$STATUS $(j .error.field)" "413 attachments"
req POST /public/feedback "{\"content\": \"x\", \"name\": \"C\", \"email\": \"c@example.org\",
 \"attachments\": [{\"name\": \"lon.pdf\", \"content_base64\": \"$(base64 -w0 "$T/don.pdf")\"}]}"
eq "JSON: a file over the limit" "$STATUS $(j .error.field)" "413 attachments"
eq "nothing written for the refused JSON ones" "$(counts)" "$AFTER_JSON"

# --- the browser's form: an HTML answer -------------------------------------------------
STATUS=$(curl -s -o "$T/page" -w '%{http_code}' -F 'content=Từ trình duyệt' -F 'name=Dân' -F 'phone=0912345678' \
	-F "attachment=@$T/b.pdf;filename=bí-mật-riêng.pdf" "$BASE/public/feedback")
eq "the browser's form post with a file" "$STATUS" "201"
check "the answer page gives the code" grep -q 'PAKN-' "$T/page"
check "the answer page does not name the file" sh -c "! grep -q 'bí-mật' '$T/page'"
# A browser sends a file input left empty as a nameless part without bytes.
printf -- '--XyZ\r\nContent-Disposition: form-data; name="content"\r\n\r\nKhông kèm tệp\r\n--XyZ\r\nContent-Disposition: form-data; name="name"\r\n\r\nDân\r\n--XyZ\r\nContent-Disposition: form-data; name="phone"\r\n\r\n0912345678\r\n--XyZ\r\nContent-Disposition: form-data; name="attachment"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--XyZ--\r\n' >"$T/empty-input"
STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H 'Accept: application/json' -H 'Content-Type: multipart/form-data; boundary=XyZ' \
	--data-binary @"$T/empty-input" "$BASE/public/feedback")
eq "the form with its file input left empty" "$STATUS $(j .attachments)" "201 0"
printf -- '--XyZ\r\nContent-Disposition: form-data; name="content"\r\n\r\nx\r\n--XyZ\r\nContent-Disposition: form-data; name="attachment"; filename=""\r\n\r\nbytes\r\n--XyZ--\r\n' >"$T/nameless"
STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H 'Accept: application/json' -H 'Content-Type: multipart/form-data; boundary=XyZ' \
	--data-binary @"$T/nameless" "$BASE/public/feedback")
eq "a file with bytes but no name: refused" "$STATUS $(j .error.field)" "400 attachment"
curl -s "$BASE/public/" >"$T/public.html"
check "the public form takes files" grep -q 'enctype="multipart/form-data"' "$T/public.html"
check "the public form has a file input" grep -q 'name=attachment type=file multiple' "$T/public.html"

# --- the limit and the proof-of-work still apply -------------------------------------------
TOKEN=$ADMIN
SENT=$(dbsql 'SELECT count(*) FROM feedback')
req PUT /api/v1/feedback/settings "{\"attachment_max_bytes\": 20971520, \"challenge_after\": 1}"
eq "a challenge from now on" "$STATUS" "200"
TOKEN=
post -F "attachment=@$T/b.pdf;filename=x.pdf"
eq "with files, a challenge is still asked" "$STATUS $(j .error.field)" "429 challenge"
eq "nothing written without the challenge" "$(dbsql 'SELECT count(*) FROM feedback')" "$SENT"
TOKEN=$ADMIN
req PUT /api/v1/feedback/settings "{\"rate_limit\": $SENT, \"challenge_after\": 50}"
TOKEN=
# A file never sent before: refused before it is read, so it is not on disk
# (where an accepted one is).
KEPT=$(sha256sum "$T/don.pdf" | cut -d' ' -f1)
check "an accepted file is in the evidence folder" test -f "$T/evidence/$(echo "$KEPT" | cut -c1-2)/$KEPT"
printf '%%PDF-1.4\n%% gửi quá giới hạn %s\n%%%%EOF\n' "$$" >"$T/over.pdf"
OVER=$(sha256sum "$T/over.pdf" | cut -d' ' -f1)
STATUS=$(curl -s -o "$T/body" -D "$T/headers" -w '%{http_code}' -H 'Accept: application/json' \
	-F 'content=Quá giới hạn' -F 'name=Dân' -F 'phone=0912345678' -F "attachment=@$T/over.pdf;filename=x.pdf" \
	"$BASE/public/feedback")
eq "with files, the per-address limit holds" "$STATUS $(j .error.code)" "429 too_many_attempts"
check "with Retry-After" grep -qi '^Retry-After: [1-9]' "$T/headers"
eq "nothing written over the limit" "$(dbsql 'SELECT count(*) FROM feedback')" "$SENT"
check "the refused file never reached the disk" test ! -e "$T/evidence/$(echo "$OVER" | cut -c1-2)/$OVER"
# A browser's form post over the limit gets the form's error page, not JSON.
STATUS=$(curl -s -o "$T/page" -D "$T/headers" -w '%{http_code}' -H 'Accept: text/html' \
	-F 'content=Quá giới hạn' -F 'name=Dân' -F 'phone=0912345678' -F "attachment=@$T/over.pdf;filename=x.pdf" \
	"$BASE/public/feedback")
eq "a browser over the limit: 429 as a page" "$STATUS $(grep -i '^Content-Type:' "$T/headers" | tr -d '\r' | cut -d' ' -f2-)" \
	"429 text/html; charset=utf-8"
check "the page says to wait, with Retry-After" sh -c "grep -q '<html' '$T/page' && grep -qi '^Retry-After: [1-9]' '$T/headers'"
check "still not on disk" test ! -e "$T/evidence/$(echo "$OVER" | cut -c1-2)/$OVER"

# --- who sees the files -----------------------------------------------------------------
TOKEN=$VP_OFF
req GET "/api/v1/feedback/$ID/attachments"
eq "the PPC Office lists the files" "$STATUS $(j '.items | length') $(j '.items[0].filename') $(j '.items[1].mime')" \
	"200 2 Đơn phản ánh.pdf image/png"
AID=$(j '.items[0].id')
check "no hash in the list" test "$(j '.items[0].sha256')" = null
STATUS=$(curl -s -o "$T/got.pdf" -w '%{http_code}' -D "$T/headers" -H "Authorization: Bearer $VP_OFF" \
	"$BASE/api/v1/feedback/$ID/attachments/$AID")
eq "the PPC Office downloads a file" "$STATUS" "200"
check "the very bytes sent" cmp -s "$T/got.pdf" "$T/don.pdf"
check "served as a PDF download" grep -qi '^content-type: application/pdf' "$T/headers"
req GET "/api/v1/feedback/$ID/attachments/999999"
eq "an unknown attachment" "$STATUS $(j .error.field)" "404 attachment"
req GET "/api/v1/feedback/$JID/attachments/$AID"
eq "another feedback's attachment id" "$STATUS" "404"
req GET "/api/v1/feedback/999999/attachments"
eq "an unknown feedback" "$STATUS" "404"
TOKEN=$SNV_OFF
req GET "/api/v1/feedback/$ID/attachments"
eq "a unit not (yet) handling it may not list them" "$STATUS" "403"
TOKEN=$VP_OFF
req POST "/api/v1/feedback/$ID/classify" '{"decision": "forward", "unit": "SNV"}'
eq "forwarded to SNV" "$STATUS" "200"
TOKEN=$SNV_OFF
req GET "/api/v1/feedback/$ID/attachments"
eq "the handling unit lists them" "$STATUS $(j '.items | length')" "200 2"
STATUS=$(curl -s -o "$T/got.png" -w '%{http_code}' -H "Authorization: Bearer $SNV_OFF" \
	"$BASE/api/v1/feedback/$ID/attachments/$(j '.items[1].id')")
eq "the handling unit downloads one" "$STATUS" "200"
check "the PNG's bytes" cmp -s "$T/got.png" "$T/anh.png"
for who in SCT_OFF LEADER VIEWER; do
	eval "TOKEN=\$$who"
	req GET "/api/v1/feedback/$ID/attachments"
	eq "$who may not list them" "$STATUS" "403"
	req GET "/api/v1/feedback/$ID/attachments/$AID"
	eq "$who may not download one" "$STATUS" "403"
done
TOKEN=
req GET "/api/v1/feedback/$ID/attachments/$AID"
eq "the public may not download one" "$STATUS" "401"
req GET "/api/v1/evidence/$(sha256sum "$T/don.pdf" | cut -c1-64)"
eq "nor through the evidence route" "$STATUS" "401"
TOKEN=$SCT_OFF
req GET "/api/v1/evidence/$(sha256sum "$T/don.pdf" | cut -c1-64)"
eq "the evidence route does not serve a feedback's file" "$STATUS" "404"

# --- never in public ---------------------------------------------------------------------
TOKEN=
curl -s -H 'Accept: application/json' "$BASE/public/feedback/$CODE" >"$T/track.json"
curl -s "$BASE/public/feedback/$CODE" >"$T/track.html"
curl -s "$BASE/public/data.json" >"$T/data.json"
curl -s "$BASE/public/data.csv" >"$T/data.csv"
curl -s "$BASE/public/feed.atom" >"$T/feed.atom"
for f in track.json track.html data.json data.csv feed.atom; do
	check "$f names no file" sh -c "! grep -q -e 'Đơn phản ánh' -e 'ảnh-hồ-sơ' -e 'to-trinh' -e attachment '$T/$f'"
done

# --- the audit trail and the backup -------------------------------------------------------
eq "each file's receipt in the audit trail" \
	"$(dbsql "SELECT count(*) FROM audit WHERE entity = 'feedback' AND entity_id = '$ID' AND action = 'attach'")" "2"
if [ "${CCHC_TEST_BACKEND:-sqlite}" = sqlite ]; then
	"$CCHC" backup --db "$DB" --data-dir "$T" -o "$T/b.zip" >"$T/backup.out" 2>&1
	eq "a backup" "$?" "0"
	check "the backup holds the attached files" sh -c "unzip -l '$T/b.zip' | grep -q \"evidence/.*/$(sha256sum "$T/anh.png" | cut -c1-64)\""
fi
finish
