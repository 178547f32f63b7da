# The public open-data page (issue 17) on the demo, without signing in: the
# page (Vietnamese and English, under 200 KB, charts inline), the JSON and
# CSV downloads with the same figures as the officials' report and
# feedback counts, the Atom feed checked against its structure with
# xmllint, published answers only with the sender's consent, and a
# citizen's name, phone, e-mail and address in no public output.
. "$(dirname "$0")/../lib/fixture.sh"
start_server --demo

VP_OFF=$(account pub.vp.off VPUBND unit_officer)
SNV_OFF=$(account pub.snv.off SNV unit_officer)
SNV_HEAD=$(account pub.snv.head SNV unit_head)
NAME='Trần Thị Riêng Tư' PHONE='0987 654 321' EMAIL='rieng.tu@example.net' ADDR='Tổ 9, phường Hợp Giang'

# send CONTENT CONSENT: a citizen's feedback, answered and approved; prints its code.
send() {
	TOKEN=
	req POST /public/feedback "{\"procedure\": \"Đăng ký hộ kinh doanh\", \"content\": \"$1\", \"name\": \"$NAME\",
	 \"phone\": \"$PHONE\", \"email\": \"$EMAIL\", \"address\": \"$ADDR\", \"consent_publish\": $2}"
	[ "$STATUS" = 201 ] || { fail "feedback sent: $STATUS"; return; }
	code=$(j .code) id=$(j .id)
	TOKEN=$VP_OFF; req POST "/api/v1/feedback/$id/classify" '{"decision": "forward", "unit": "SNV"}'
	TOKEN=$SNV_OFF; req POST "/api/v1/feedback/$id/answer" "{\"answer\": \"Trả lời cho $1\"}"
	TOKEN=$SNV_HEAD; req POST "/api/v1/feedback/$id/approve"
	[ "$STATUS" = 200 ] || fail "feedback answered: $STATUS"
	TOKEN=
	echo "$code"
}
PUB=$(send 'Hồ sơ công khai được phép' true)
PRIV=$(send 'Hồ sơ không đồng ý công khai' false)

# --- the page ------------------------------------------------------------------
TOKEN=
STATUS=$(curl -s -o "$T/page.html" -D "$T/head" -w '%{http_code}' "$BASE/public/")
eq "the page answers without an account" "$STATUS" 200
check "it is HTML" grep -qi '^content-type: text/html; charset=utf-8' "$T/head"
check "Vietnamese first" grep -q '<html lang="vi">' "$T/page.html"
check "progress by field" grep -q 'Tiến độ theo lĩnh vực' "$T/page.html"
check "progress by unit" grep -q 'Sở Nội vụ' "$T/page.html"
check "feedback per unit" grep -q 'Tỷ lệ hài lòng' "$T/page.html"
check "charts inline, drawn by the server" test "$(grep -o '<svg ' "$T/page.html" | wc -l)" -ge 2
check "no script but the form's own, no other host" sh -c "! grep -o '<script[^>]*>' '$T/page.html' | grep -qv 'src=\"/static/pow.js\"' && ! grep -q -e 'src=\"http' -e 'href=\"http' '$T/page.html'"
check "the page is under 200 KB" test "$(wc -c <"$T/page.html")" -lt 204800
check "the published answer is shown" grep -q "Trả lời cho Hồ sơ công khai được phép" "$T/page.html"
check "an answer without consent is not" sh -c "! grep -q 'không đồng ý công khai' '$T/page.html'"
req GET '/public/?lang=en'
eq "English on request" "$STATUS" 200
check "English words" grep -q 'Progress by field' "$T/body"
check "marked as English" grep -q '<html lang="en">' "$T/body"
req GET '/public/?as_of=2026-02-30'
eq "an impossible date" "$STATUS $(j .error.field)" "400 as_of"
req GET '/public/?as_of=2027-01-01'
eq "a date after today" "$STATUS $(j .error.field)" "422 as_of"
req GET /public
eq "without the slash: no page" "$STATUS" 404

# --- the JSON: the officials' figures ---------------------------------------------------
req GET /public/data.json
eq "the JSON download" "$STATUS $(j .as_of)" "200 $TODAY"
cp "$T/body" "$T/data.json"
TOKEN=$ADMIN
req GET "/api/v1/reports/2026?as_of=$TODAY"
eq "the same totals as the periodic report" "$(jq -c .totals "$T/data.json")" "$(jq -c .totals "$T/body")"
eq "the same fields" "$(jq -c '[.fields[] | [.code, .overdue, .on_time_rate]]' "$T/data.json")" \
	"$(jq -c '[.fields[] | [.code, .overdue, .on_time_rate]]' "$T/body")"
eq "the same units and indicators met" "$(jq -c '[.units[] | [.code, .overdue, .on_time_rate, .indicators_met]]' "$T/data.json")" \
	"$(jq -c '[.units[] | [.code, .overdue, .on_time_rate, .indicators_met]]' "$T/body")"
req GET "/api/v1/feedback/stats?as_of=$TODAY"
eq "the same feedback counts" "$(jq -c '.feedback.total' "$T/data.json")" \
	"$(jq -c '.total | {received, rejected, open, overdue, answered_on_time, answered_late, rated, satisfied, on_time_rate, satisfaction_rate}' "$T/body")"
TOKEN=
eq "only the answer with consent" "$(jq -r '[.answers[].code] | join(" ")' "$T/data.json")" "$PUB"

# --- the CSV ---------------------------------------------------------------------
STATUS=$(curl -s -o "$T/data.csv" -D "$T/head" -w '%{http_code}' "$BASE/public/data.csv")
eq "the CSV download" "$STATUS" 200
check "typed as CSV in UTF-8" grep -qi '^content-type: text/csv; charset=utf-8' "$T/head"
eq "one header line" "$(head -1 "$T/data.csv")" "$(printf 'section,code,name,measure,value\r')"
eq "every line ends in CRLF" "$(grep -c "$(printf '\r')\$" "$T/data.csv")" "$(wc -l <"$T/data.csv")"
check "valid UTF-8" iconv -f UTF-8 -t UTF-8 "$T/data.csv" -o /dev/null
eq "the province's total as in the JSON" "$(grep '^province,04,' "$T/data.csv" | grep ',total,' | cut -d, -f5 | tr -d '\r')" \
	"$(jq .totals.total "$T/data.json")"
eq "a unit's overdue as in the JSON" "$(grep '^unit,SNV,' "$T/data.csv" | grep ',overdue,' | cut -d, -f5 | tr -d '\r')" \
	"$(jq '.units[] | select(.code == "SNV") | .overdue' "$T/data.json")"
eq "the feedback received as in the JSON" \
	"$(grep '^feedback_total,' "$T/data.csv" | grep ',received,' | cut -d, -f5 | tr -d '\r')" \
	"$(jq .feedback.total.received "$T/data.json")"

# --- the feed --------------------------------------------------------------------
STATUS=$(curl -s -o "$T/feed.atom" -D "$T/head" -w '%{http_code}' "$BASE/public/feed.atom")
eq "the Atom feed" "$STATUS" 200
check "typed as Atom" grep -qi '^content-type: application/atom+xml' "$T/head"
check "it is Atom 1.0 as the schema says" sh -c "xmllint --noout --relaxng '$TESTS_TOP/tests/data/atom.rng' '$T/feed.atom' 2>/dev/null"
check "the published answer is an entry" grep -q "tag:cchc,2026:pakn/$PUB" "$T/feed.atom"
check "the answer without consent is not" sh -c "! grep -q '$PRIV' '$T/feed.atom'"
check "the closed quarter's report is an entry" grep -q "tag:cchc,2026:report/2026-Q1" "$T/feed.atom"
printf '<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>' >"$T/bad.atom"
check "the schema refuses a feed without id" sh -c "! xmllint --noout --relaxng '$TESTS_TOP/tests/data/atom.rng' '$T/bad.atom' 2>/dev/null"

# --- the citizen's personal data, nowhere ---------------------------------------------
get "/public/feedback/$PUB" >"$T/status.json"
for f in page.html body data.json data.csv feed.atom status.json; do
	check "no name, phone, e-mail or address in $f" sh -c \
		"! grep -q -e '$NAME' -e '$PHONE' -e '0987654321' -e '$EMAIL' -e '$ADDR' '$T/$f'"
done

# --- the tracking page as HTML, form posts ----------------------------------------------
STATUS=$(curl -s -o "$T/track.html" -D "$T/head" -w '%{http_code}' "$BASE/public/feedback/$PUB")
eq "the tracking page is HTML for a browser" "$STATUS" 200
check "typed as HTML" grep -qi '^content-type: text/html' "$T/head"
check "it shows the code and the answer" sh -c "grep -q '$PUB' '$T/track.html' && grep -q 'Trả lời cho Hồ sơ công khai' '$T/track.html'"
check "with the rating form on the same path" grep -q "form method=post action=\"/public/feedback/$PUB\"" "$T/track.html"
STATUS=$(curl -s -o "$T/track.json" -H 'Accept: application/json' -w '%{http_code}' "$BASE/public/feedback/$PUB")
eq "JSON when asked for" "$STATUS $(jq -r .code "$T/track.json")" "200 $PUB"
STATUS=$(curl -s -o "$T/track2.html" -w '%{http_code}' "$BASE/public/feedback/$PUB")
check "HTML again after the JSON (kept apart in the cache)" grep -q '<!DOCTYPE html>' "$T/track2.html"
STATUS=$(curl -s -o "$T/nf.html" -w '%{http_code}' "$BASE/public/feedback/PAKN-AAAAA-AAAAA")
eq "a wrong code: a page saying so" "$STATUS $(grep -c 'no feedback' "$T/nf.html")" "404 1"

# form posts
form() { STATUS=$(curl -s -o "$T/body" -w '%{http_code}' "$@"); }
form --data-urlencode 'content=Gửi bằng mẫu trên trang' --data-urlencode "name=$NAME" \
	--data-urlencode "phone=$PHONE" --data-urlencode 'procedure=Cấp phép' --data-urlencode 'consent_publish=1' \
	"$BASE/public/feedback"
eq "a form post is received" "$STATUS" 201
FCODE=$(grep -o 'PAKN-[A-Z0-9]*-[A-Z0-9]*' "$T/body" | head -1)
check "answered with the tracking page" sh -c "test -n '$FCODE' && grep -q 'Đã tiếp nhận' '$T/body'"
check "the page shows no phone or name" sh -c "! grep -q -e '$PHONE' -e '$NAME' '$T/body'"
STATUS=$(curl -s -o "$T/fj" -H 'Accept: application/json' -w '%{http_code}' "$BASE/public/feedback/$FCODE")
eq "stored as sent" "$STATUS $(jq -r .procedure "$T/fj")" "200 Cấp phép"
form --data-urlencode 'content=Không tên' --data-urlencode "phone=$PHONE" "$BASE/public/feedback"
eq "a form without a name: refused on a page" "$STATUS $(grep -c 'name.* is required' "$T/body")" "422 1"
form -H 'Accept: application/json' --data-urlencode 'content=Không tên' --data-urlencode "phone=$PHONE" "$BASE/public/feedback"
eq "the same as JSON when asked for" "$STATUS $(j .error.field)" "422 name"
form -H 'Accept: application/json' --data-urlencode 'content=x' --data-urlencode 'name=B' \
	--data-urlencode 'phone=0912345678' --data-urlencode 'consent_publish=maybe' "$BASE/public/feedback"
eq "consent is yes or no" "$STATUS $(j .error.field)" "422 consent_publish"
form -H 'Accept: application/json' --data-binary "$(printf 'content=x&name=%%ff%%fe&phone=0912345678')" "$BASE/public/feedback"
eq "not UTF-8: refused" "$STATUS $(j .error.field)" "400 name"
printf 'x' >"$T/f.txt"
form -H 'Accept: application/json' -F content=x -F name=B -F phone=0912345678 -F "evidence=@$T/f.txt" "$BASE/public/feedback"
eq "no files on this form" "$STATUS" 422
form -H 'Content-Type: text/plain' --data 'x' "$BASE/public/feedback"
eq "neither JSON nor a form" "$STATUS" 415
form --data 'satisfied=maybe' "$BASE/public/feedback/$PUB"
eq "a rating is yes or no" "$STATUS" 422
form --data 'satisfied=true' "$BASE/public/feedback/$PUB"
eq "rated from the page's form" "$STATUS $(grep -c 'đã đánh giá: hài lòng' "$T/body")" "200 1"
form --data 'satisfied=false' "$BASE/public/feedback/$PUB"
eq "rated once" "$STATUS" 409
form -H 'Content-Type: application/json' --data '{"satisfied": true}' "$BASE/public/feedback/$FCODE"
eq "JSON on the same path: not answered yet" "$STATUS $(j .error.field)" "409 status"
finish
