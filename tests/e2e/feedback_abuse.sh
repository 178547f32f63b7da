# Abuse of the public feedback form (issue 17) end to end: the PPC Office
# marks a feedback as spam or as a duplicate of another one and clears the
# mark (marked ones leave the handling list, the counts and the public
# page; each mark is in the audit trail); and the proof-of-work challenge
# asked of an address that has already sent a few: none below the
# threshold, then refused without a solution, with a wrong counter or a
# forged or reused challenge, accepted with a right one.
. "$(dirname "$0")/../lib/fixture.sh"
HERE=$(dirname "$0")
cc -std=c17 -O1 -Wall -Wextra -Werror -o "$T/pow_solve" "$HERE/pow_solve.c" -lsodium ||
	{ echo "cannot build the challenge solver"; exit 1; }
start_server --demo

VP_OFF=$(account ab.vp.off VPUBND unit_officer)
SNV_OFF=$(account ab.snv.off SNV unit_officer)
VIEWER=$(account ab.viewer VPUBND viewer)
# Room for this test's submissions from 127.0.0.1; a challenge from the
# third, cheap to solve.
TOKEN=$ADMIN
req PUT /api/v1/feedback/settings '{"rate_limit": 20, "challenge_after": 2, "challenge_bits": 10}'
eq "settings for the test" "$STATUS $(j .challenge_after) $(j .challenge_bits)" "200 2 10"
req PUT /api/v1/feedback/settings '{"challenge_bits": 40}'
eq "challenge_bits out of range" "$STATUS $(j .error.field)" "422 challenge_bits"

form() { echo "{\"content\": \"$1\", \"name\": \"Dân\", \"phone\": \"0912345678\"${2:-}}"; }

# --- the challenge: none needed below the threshold -----------------------------------
TOKEN=
req GET /public/feedback/challenge
eq "a challenge, not needed yet" "$STATUS $(j .bits) $(j .required)" "200 10 false"
check "the challenge has an expiry" sh -c "jq -r .expires '$T/body' | grep -Eq '^20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$'"
req POST /public/feedback "$(form 'Phản ánh thứ nhất')"
eq "the first: no challenge" "$STATUS" "201"
FIRST=$(j .code) FIRST_ID=$(j .id)
req POST /public/feedback "$(form 'Phản ánh thứ hai')"
eq "the second: no challenge" "$STATUS" "201"
SECOND=$(j .code) SECOND_ID=$(j .id)

# --- over the threshold ---------------------------------------------------------------
req POST /public/feedback "$(form 'Phản ánh thứ ba')"
eq "the third without a solution: refused, naming the challenge" "$STATUS $(j .error.field)" "429 challenge"
req GET /public/feedback/challenge
eq "now a challenge is required" "$STATUS $(j .required)" "200 true"
NONCE=$(j .nonce) BITS=$(j .bits)
req GET /public/feedback/challenge
check "each challenge is new" test "$(j .nonce)" != "$NONCE"
WRONG=$("$T/pow_solve" "$NONCE" "$BITS" wrong)
req POST /public/feedback "$(form 'Phản ánh thứ ba' ", \"challenge_nonce\": \"$NONCE\", \"challenge_counter\": \"$WRONG\"")"
eq "a wrong counter: refused" "$STATUS $(j .error.field)" "422 challenge"
req POST /public/feedback "$(form 'Phản ánh thứ ba' ", \"challenge_nonce\": \"$NONCE\"")"
eq "a nonce without a counter: refused" "$STATUS $(j .error.field)" "422 challenge"
RIGHT=$("$T/pow_solve" "$NONCE" "$BITS")
FORGED=$(echo "$NONCE" | sed 's/^\([0-9]*\)\.10\./\1.1./')
req POST /public/feedback "$(form 'Phản ánh thứ ba' ", \"challenge_nonce\": \"$FORGED\", \"challenge_counter\": 0")"
eq "a challenge with its difficulty lowered: refused" "$STATUS $(j .error.field)" "422 challenge"
UPPER=$(echo "$NONCE" | tr a-f A-F)
req POST /public/feedback "$(form 'Phản ánh thứ ba' ", \"challenge_nonce\": \"$UPPER\", \"challenge_counter\": \"$RIGHT\"")"
eq "a challenge spelt otherwise: refused" "$STATUS $(j .error.field)" "422 challenge"
req POST /public/feedback "$(form 'Phản ánh thứ ba' ", \"challenge_nonce\": \"$NONCE\", \"challenge_counter\": \"$RIGHT\"")"
eq "a right counter: accepted" "$STATUS $(j .status)" "201 received"
req POST /public/feedback "$(form 'Phản ánh thứ tư' ", \"challenge_nonce\": \"$NONCE\", \"challenge_counter\": \"$RIGHT\"")"
eq "the same challenge again: refused" "$STATUS $(j .error.field)" "409 challenge"
# A form post carries the same fields.
req GET /public/feedback/challenge
NONCE=$(j .nonce)
RIGHT=$("$T/pow_solve" "$NONCE" "$BITS")
STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H 'Accept: application/json' --data-urlencode 'content=Qua biểu mẫu' \
	--data-urlencode 'name=Dân' --data-urlencode 'phone=0912345678' --data-urlencode "challenge_nonce=$NONCE" \
	--data-urlencode "challenge_counter=$RIGHT" "$BASE/public/feedback")
eq "a form post with a solution: accepted" "$STATUS" "201"
check "the page solves challenges in the browser" sh -c "curl -s '$BASE/public/' | grep -q 'src=\"/static/pow.js\"' && curl -s '$BASE/static/pow.js' | grep -q 'crypto.subtle.digest'"

# --- marks -------------------------------------------------------------------------------
TOKEN=$VP_OFF
req POST "/api/v1/feedback/$SECOND_ID/mark" "{\"mark\": \"duplicate\", \"duplicate_of\": \"$FIRST\", \"reason\": \"Gửi lại cùng nội dung\"}"
eq "the PPC Office marks a duplicate" "$STATUS $(j .mark) $(j .duplicate_of)" "200 duplicate $FIRST"
req POST "/api/v1/feedback/$FIRST_ID/mark" '{"mark": "spam", "reason": "Quảng cáo"}'
eq "and spam" "$STATUS $(j .mark) $(j .mark_reason)" "200 spam Quảng cáo"
req GET "/api/v1/feedback?status=received"
eq "marked ones leave the list" "$(j "[.items[] | select(.code == \"$FIRST\" or .code == \"$SECOND\")] | length")" "0"
req GET "/api/v1/feedback?marked=1"
eq "they are listed apart" "$(j '[.items[].code] | sort | join(",")')" "$(printf '%s\n%s\n' "$FIRST" "$SECOND" | sort | paste -sd,)"
req GET "/api/v1/feedback?marked=yes"
eq "marked is 1 or 0" "$STATUS $(j .error.field)" "400 marked"
req GET /api/v1/feedback/stats
eq "and the counts" "$(j .total.received)" "2"
TOKEN=
req GET /public/data.json
eq "and the public page's counts" "$(j .feedback.total.received)" "2"

TOKEN=$VP_OFF
req POST "/api/v1/feedback/$FIRST_ID/mark" '{"mark": "none"}'
eq "the mark cleared" "$STATUS $(j .mark)" "200 null"
req POST "/api/v1/feedback/$FIRST_ID/mark" '{"mark": "none"}'
eq "clearing an unmarked one" "$STATUS $(j .error.field)" "409 mark"
req GET /api/v1/feedback/stats
eq "counted again" "$(j .total.received)" "3"

# --- bad marks ---------------------------------------------------------------------------------
req POST /api/v1/feedback/999999/mark '{"mark": "spam", "reason": "x"}'
eq "an unknown id" "$STATUS" "404"
req POST "/api/v1/feedback/$FIRST_ID/mark" "{\"mark\": \"duplicate\", \"duplicate_of\": \"$FIRST\", \"reason\": \"x\"}"
eq "a duplicate of itself" "$STATUS $(j .error.field)" "422 duplicate_of"
req POST "/api/v1/feedback/$FIRST_ID/mark" "{\"mark\": \"duplicate\", \"duplicate_of\": \"$(echo "$FIRST" | tr A-Z a-z)\", \"reason\": \"x\"}"
eq "of itself, typed in lower case" "$STATUS $(j .error.field)" "422 duplicate_of"
req POST "/api/v1/feedback/$FIRST_ID/mark" '{"mark": "duplicate", "duplicate_of": "PAKN-AAAAA-AAAAA", "reason": "x"}'
eq "a duplicate of an unknown code" "$STATUS $(j .error.field)" "422 duplicate_of"
req POST "/api/v1/feedback/$FIRST_ID/mark" '{"mark": "duplicate", "reason": "x"}'
eq "a duplicate of nothing" "$STATUS $(j .error.field)" "422 duplicate_of"
req POST "/api/v1/feedback/$FIRST_ID/mark" "{\"mark\": \"spam\", \"duplicate_of\": \"$SECOND\", \"reason\": \"x\"}"
eq "spam with a duplicate_of" "$STATUS $(j .error.field)" "422 duplicate_of"
req POST "/api/v1/feedback/$FIRST_ID/mark" '{"mark": "spam"}'
eq "no reason" "$STATUS $(j .error.field)" "422 reason"
req POST "/api/v1/feedback/$FIRST_ID/mark" '{"mark": "rubbish", "reason": "x"}'
eq "an unknown mark" "$STATUS $(j .error.field)" "422 mark"
req POST "/api/v1/feedback/$FIRST_ID/mark" '{"mark": 1}'
eq "a number for a mark" "$STATUS $(j .error.field)" "422 mark"
req POST "/api/v1/feedback/$FIRST_ID/mark" '{"mark": "spam", "reason": "x", "colour": 1}'
eq "an unknown field" "$STATUS $(j .error.field)" "422 colour"
req POST "/api/v1/feedback/$FIRST_ID/mark" '[1]'
eq "not an object" "$STATUS" "400"
for who in SNV_OFF VIEWER; do
	eval "TOKEN=\$$who"
	req POST "/api/v1/feedback/$FIRST_ID/mark" '{"mark": "spam", "reason": "x"}'
	eq "not the receiving unit ($who)" "$STATUS" "403"
done

# --- the audit trail ---------------------------------------------------------------------------
TOKEN=$ADMIN
req GET /api/v1/audit/export
jq -r "[.[] | select(.entity == \"feedback\" and .entity_id == \"$FIRST_ID\" and (.action == \"mark\" or .action == \"unmark\")) | \"\(.action):\(.actor)\"] | join(\",\")" "$T/body" >"$T/trail"
eq "marks in the audit trail" "$(cat "$T/trail")" "mark:ab.vp.off,unmark:ab.vp.off"
finish
