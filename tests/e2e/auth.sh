# Accounts, permissions, sessions and the audit trail, against a real server.
. "$(dirname "$0")/../lib/fixture.sh"
start_server --demo
LEADER=$(account t.leader 04 leader)
LEAD=$(account t.snv SNV lead_agency)		# Home Affairs leads CDDH, BOMAY, CONGVU
OWN=$(account t.duclong 01822 unit_officer)
HEAD=$(account t.chutich 01822 unit_head)
OTHER=$(account t.thucphan 01273 unit_officer)
INSP=$(account t.thanhtra TTT inspector)
VIEW=$(account t.xem 04 viewer)
ROLES="ADMIN LEADER LEAD OWN HEAD OTHER INSP VIEW"

# Work to aim at: Đức Long's assignment in a field Home Affairs leads, and
# Thục Phán's in a field the PPC Office leads.
req POST /api/v1/tasks '{"document_id": 2, "field": "CDDH", "title": "Ma trận A", "deadline": "2030-12-31", "lead": ["01822"]}'
TASK_CDDH=$(j .id); A_OWN=$(j '.assignments[0].id')
req POST /api/v1/tasks '{"document_id": 2, "field": "TTHC", "title": "Ma trận B", "deadline": "2030-12-31", "lead": ["01273"]}'
A_OTHER=$(j '.assignments[0].id')
IND=$(get /api/v1/indicators | jq '.[] | select(.field_code=="TTHC") | .id' | head -n 1)
TOKEN=$OWN
printf 'minh chứng\n' >"$T/ev.txt"
SHA=$(curl -s -H "Authorization: Bearer $OWN" -F percent=5 -F reporter=x -F "evidence=@$T/ev.txt" \
	"$BASE/api/v1/assignments/$A_OWN/reports" | jq -r '.evidence[0].sha256')

# The matrix: METHOD|PATH|BODY|expected for ADMIN LEADER LEAD OWN HEAD OTHER INSP VIEW
# (y: allowed, n: 403).  Bodies that create things use a fresh title.
cat >"$T/matrix" <<MATRIX
GET|/api/v1/units||y y y y y y y y
GET|/api/v1/tasks||y y y y y y y y
GET|/api/v1/dashboard||y y y y y y y y
GET|/api/v1/assignments?unit=01273||y y y y y y y y
GET|/api/v1/plans||y y y y y y y y
GET|/api/v1/assignments/$A_OWN/reports||y y y y y n y n
GET|/api/v1/assignments/$A_OTHER/reports||y y n n n y y n
GET|/api/v1/evidence/$SHA||y y y y y n y n
POST|/api/v1/assignments/$A_OWN/reports|{"percent": 10, "reporter": "m"}|n n n y y n n n
POST|/api/v1/assignments/$A_OTHER/reports|{"percent": 10, "reporter": "m"}|n n n n n y n n
POST|/api/v1/tasks|{"document_id": 2, "field": "CDDH", "title": "m", "deadline": "2030-01-01", "lead": ["01822"]}|y n y n n n n n
POST|/api/v1/tasks|{"document_id": 2, "field": "TTHC", "title": "m", "deadline": "2030-01-01", "lead": ["01822"]}|y n n n n n n n
PATCH|/api/v1/tasks/$TASK_CDDH|{"product": "m"}|y n y n n n n n
POST|/api/v1/plans|{"title": "m", "year": 2026, "issuer": "01822"}|y n n n y n n n
POST|/api/v1/indicators|{"plan_id": 1, "field": "CDDH", "code": "M-ROLE", "name": "m", "measure": "%", "comparison": ">=", "target": 1}|y n y n n n n n
POST|/api/v1/indicators/$IND/measurements|{"unit": "01822", "period": "2026-Q4", "value": 99}|n n n y y n n n
GET|/api/v1/audit?entity=assignment&id=$A_OWN||y y y y y n y n
GET|/api/v1/audit?entity=task&id=$TASK_CDDH||y y y y y n y n
GET|/api/v1/audit/export||y y n n n n n n
MATRIX
cells=0
while IFS='|' read -r method path body expect; do
	i=0
	for want in $expect; do
		i=$((i + 1))
		role=$(echo $ROLES | cut -d' ' -f$i)
		eval "TOKEN=\$$role"
		# Indicator codes are unique: give each allowed attempt its own.
		b=$(printf '%s' "$body" | sed "s/M-ROLE/M-$role/")
		if [ -n "$body" ]; then req "$method" "$path" "$b"; else req "$method" "$path"; fi
		case "$want:$STATUS" in
		y:200|y:201|n:403) pass ;;
		*) fail "$method $path as $role: got $STATUS, want $want ($(head -c 200 "$T/body"))" ;;
		esac
		cells=$((cells + 1))
	done
done <"$T/matrix"
check "the matrix has every cell ($cells)" test "$cells" -eq $((19 * 8))

# --- the head confirms completions -----------------------------------------
TOKEN=$ADMIN
req POST /api/v1/tasks '{"document_id": 2, "title": "Xác nhận", "recurrence": "quarterly", "year": 2026, "lead": ["01822", "01273"]}'
C1=$(j '[.assignments[] | select(.unit_code=="01822")][0].id')
C2=$(j '[.assignments[] | select(.unit_code=="01822")][1].id')
C3=$(j '[.assignments[] | select(.unit_code=="01273")][0].id')
TOKEN=$OWN
req POST "/api/v1/assignments/$C1/reports" '{"percent": 100, "completed_on": "2026-03-01", "reporter": "cán bộ"}'
R1=$(j .id)
eq "an officer's completion awaits the head" "$STATUS $(j .confirmed_by)" "201 null"
req POST "/api/v1/assignments/$C2/reports" '{"percent": 50, "reporter": "cán bộ"}'
R50=$(j .id)
req POST "/api/v1/progress-reports/$R1/confirm"
eq "the officer cannot confirm" "$STATUS" "403"
TOKEN=$OTHER
req POST "/api/v1/assignments/$C3/reports" '{"percent": 100, "completed_on": "2026-03-01", "reporter": "x"}'
R3=$(j .id)
TOKEN=$HEAD
req POST "/api/v1/progress-reports/$R3/confirm"
eq "nor another unit's head" "$STATUS" "403"
req POST "/api/v1/progress-reports/$R1/confirm"
eq "the head confirms" "$STATUS $(j .confirmed_by)" "200 t.chutich"
req POST "/api/v1/progress-reports/$R1/confirm"
eq "once" "$STATUS" "409"
req POST "/api/v1/progress-reports/$R50/confirm"
eq "only completions" "$STATUS $(j .error.code)" "422 invalid"
req POST "/api/v1/progress-reports/99999999/confirm"
eq "unknown report" "$STATUS" "404"
req POST "/api/v1/assignments/$C2/reports" '{"percent": 100, "completed_on": "2026-03-02", "reporter": "chủ tịch"}'
eq "the head's own completion is confirmed at once" "$STATUS $(j .confirmed_by)" "201 t.chutich"
req GET "/api/v1/audit?entity=assignment&id=$C1"
eq "the confirmation is in the history" "$(j '[.[] | select(.action=="confirm")][0].actor')" "t.chutich"

TOKEN=$OTHER
req GET '/api/v1/notifications?unit=01822'
eq "another unit's bell is closed" "$STATUS" "403"
req GET '/api/v1/notifications?unit=01273'
eq "one's own bell opens" "$STATUS" "200"

# --- who is asking --------------------------------------------------------
TOKEN=
req GET /api/v1/tasks
eq "no credentials" "$STATUS $(j .error.code)" "401 unauthorized"
TOKEN="cchc_$(printf '%064d' 7)"
req GET /api/v1/tasks
eq "unknown token" "$STATUS" "401"
TOKEN="' OR 1=1 --"
req GET /api/v1/tasks
eq "garbage token" "$STATUS" "401"
req GET /api/v1/health
eq "health is public" "$STATUS" "200"
curl -s -o /dev/null -w '%{http_code}' "$BASE/" | grep -q 200; eq "the UI page is public" "$?" "0"

# A token acts for its own unit and role only.
"$CCHC" token create --db "$DB" --user t.duclong --unit 01273 >/dev/null 2>&1
eq "no token for another unit" "$?" "1"
"$CCHC" token create --db "$DB" --user t.duclong --role admin >/dev/null 2>&1
eq "no token for a role not held" "$?" "1"

# Revoked tokens and disabled accounts stop at once.
T2=$("$CCHC" token create --db "$DB" --user t.xem --label test)
TOKEN=$T2; req GET /api/v1/units; eq "new token works" "$STATUS" "200"
TID=$("$CCHC" token list --db "$DB" | awk '$5 == "viewer" {id=$1} END {print id}')
"$CCHC" token revoke "$TID" --db "$DB" >/dev/null
req GET /api/v1/units; eq "revoked token" "$STATUS" "401"
"$CCHC" user disable t.thanhtra --db "$DB" >/dev/null
TOKEN=$INSP; req GET /api/v1/units; eq "disabled account" "$STATUS" "401"

# --- browser sessions -----------------------------------------------------
login() { # NAME PASSWORD [COOKIE] -> STATUS, headers in $T/h, body in $T/body
	STATUS=$(curl -s -D "$T/h" -o "$T/body" -w '%{http_code}' ${3:+-H "Cookie: cchc_session=$3"} \
		-H 'Content-Type: application/json' --data-binary "{\"name\": \"$1\", \"password\": \"$2\"}" \
		"$BASE/api/v1/session")
}
PW=$(cat "$T/pw-t.duclong")
login t.duclong "wrong password 1"
eq "wrong password" "$STATUS $(j .error.code)" "401 unauthorized"
login nobody.here "whatever-password"
eq "unknown account looks the same" "$STATUS $(j .error.message)" "401 wrong account name or password"
ATTACKER=$(printf '%064d' 42)
login t.duclong "$PW" "$ATTACKER"
eq "sign in" "$STATUS $(j .name) $(j .unit_code)" "201 t.duclong 01822"
CSRF=$(j .csrf)
check "session cookie is HttpOnly and SameSite=Strict" grep -qi '^Set-Cookie: cchc_session=[0-9a-f]\{64\}; Path=/; HttpOnly; SameSite=Strict' "$T/h"
SID=$(sed -n 's/^Set-Cookie: cchc_session=\([0-9a-f]*\);.*/\1/Ip' "$T/h" | tr -d '\r')
# An officer starts on their unit's page: named in the answer and in a
# cookie the page reads (issue 20), the only one a script may read.
eq "an officer's start: their unit" "$(j .home_unit)" "$(j .unit_id)"
eq "the start unit's cookie, readable by the page" \
	"$(grep -i '^Set-Cookie: cchc_home=' "$T/h" | tr -d '\r' | cut -d' ' -f2-)" \
	"cchc_home=$(j .unit_id); Path=/; SameSite=Strict; Max-Age=$((12 * 3600))"
check "a new session id, never the one sent before sign-in" test "$SID" != "$ATTACKER"
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: cchc_session=$ATTACKER" "$BASE/api/v1/units")
eq "the fixed id is worth nothing" "$STATUS" "401"
cget() { curl -s -o "$T/body" -w '%{http_code}' -H "Cookie: cchc_session=$SID" "$@"; }
STATUS=$(cget "$BASE/api/v1/session"); eq "who am I" "$STATUS $(j .name)" "200 t.duclong"
STATUS=$(cget -H 'Content-Type: application/json' --data-binary '{"percent": 15, "reporter": "x"}' "$BASE/api/v1/assignments/$A_OWN/reports")
eq "no CSRF token, no write" "$STATUS" "403"
STATUS=$(cget -H "X-CSRF-Token: $(printf '%064d' 1)" -H 'Content-Type: application/json' --data-binary '{"percent": 15, "reporter": "x"}' "$BASE/api/v1/assignments/$A_OWN/reports")
eq "wrong CSRF token" "$STATUS" "403"
STATUS=$(cget -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' --data-binary '{"percent": 15, "reporter": "x"}' "$BASE/api/v1/assignments/$A_OWN/reports")
eq "with the CSRF token" "$STATUS" "201"
STATUS=$(cget -D "$T/h" -X DELETE -H "X-CSRF-Token: $CSRF" "$BASE/api/v1/session"); eq "sign out" "$STATUS" "200"
eq "signing out clears both cookies" "$(grep -ci '^Set-Cookie: cchc_\(session\|home\)=; .*Max-Age=0' "$T/h")" 2
STATUS=$(cget "$BASE/api/v1/session"); eq "signed out for good" "$STATUS $(j .signed_in)" "200 false"
STATUS=$(cget "$BASE/api/v1/units"); eq "the old cookie opens nothing" "$STATUS" "401"

# Brute force: after five failures the account is locked for a while,
# even for the right password.
for n in 1 2 3 4 5; do login t.chutich "not-the-password-$n"; done
login t.chutich "$(cat "$T/pw-t.chutich")"
eq "throttled" "$STATUS $(j .error.code)" "429 too_many_attempts"
login t.leader "$(cat "$T/pw-t.leader")"
eq "other accounts still sign in" "$STATUS" "201"
eq "a leader starts on the overview" "$(j .home_unit) $(grep -ci '^Set-Cookie: cchc_home=0;' "$T/h")" "0 1"

# --- hostile input ----------------------------------------------------------
TOKEN=$ADMIN
for q in "%27%20OR%201%3D1%20--" "x%22%3B%20DROP%20TABLE%20task%3B%20--" "zz%25zz" "_"; do
	req GET "/api/v1/tasks?q=$q"; eq "injection in q ($q)" "$STATUS $(j '.items | length')" "200 0"
	req GET "/api/v1/units?q=$q"; eq "injection in units q ($q)" "$STATUS $(j 'length')" "200 0"
	req GET "/api/v1/tasks?unit=$q"; eq "injection in unit ($q)" "$STATUS" "400"
	req GET "/api/v1/tasks?field=$q"; eq "injection in field ($q)" "$STATUS" "400"
	req GET "/api/v1/dashboard?kind=$q"; eq "injection in kind ($q)" "$STATUS" "400"
	req GET "/api/v1/audit?entity=$q&id=1"; eq "injection in entity ($q)" "$STATUS" "400"
done
XSS='<script>alert(1)</script>'"'"'); DROP TABLE task; --'
req POST /api/v1/tasks "{\"document_id\": 2, \"title\": \"$XSS\", \"deadline\": \"2030-01-01\", \"lead\": [\"01822\"]}"
eq "hostile text is stored as text" "$STATUS $(j .title)" "201 $XSS"
req GET "/api/v1/tasks?limit=500"; check "tables intact" test "$(j '.items | length')" -gt 18
STATUS=$(curl -s -o /dev/null -w '%{http_code}' --path-as-is "$BASE/static/../../../../etc/passwd"); eq "static path traversal" "$STATUS" "404"
STATUS=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/static/%2e%2e%2fcchc.db"); eq "encoded traversal" "$STATUS" "404"
TOKEN=$OWN
STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $OWN" -H 'Content-Type: multipart/form-data; boundary=XYZ' \
	--data-binary $'--XYZ\r\nContent-Disposition: form-data; name="percent"\r\n\r\n10\r\n--XY' "$BASE/api/v1/assignments/$A_OWN/reports")
check "malformed multipart refused ($STATUS)" test "$STATUS" = 400 -o "$STATUS" = 422
set -- ; for n in 1 2 3 4 5 6; do set -- "$@" -F "evidence=@$T/ev.txt;filename=f$n.txt"; done
STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $OWN" -F percent=11 -F reporter=x "$@" "$BASE/api/v1/assignments/$A_OWN/reports")
eq "too many files" "$STATUS" "413"
head -c 21000000 /dev/zero >"$T/big.txt"
STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $OWN" -F percent=12 -F reporter=x -F "evidence=@$T/big.txt" "$BASE/api/v1/assignments/$A_OWN/reports")
eq "oversize evidence file" "$STATUS" "413"

# --- the audit trail --------------------------------------------------------
TOKEN=$ADMIN
req GET "/api/v1/audit?entity=assignment&id=$A_OWN"
eq "reports are in the assignment's history" "$(j '[.[] | select(.action=="report")] | length')" "4"
eq "with who and from where" "$(j '[.[] | select(.action=="report")][0] | .actor + " " + .address')" "t.duclong 127.0.0.1"
req GET "/api/v1/audit?entity=task&id=$TASK_CDDH"
eq "a task's change is recorded with old and new" "$(j '[.[] | select(.action=="update")][0].detail.product | @json')" '[null,"m"]'
req GET "/api/v1/audit?entity=account&id=$(get /api/v1/session | jq .unit_id)"
check "account history readable by admin ($STATUS)" test "$STATUS" = 200
req GET /api/v1/audit/export
check "sign-ins and failures are recorded" test "$(j '[.[] | select(.action=="login" or .action=="login_failed")] | length')" -ge 8
stop_server
"$CCHC" audit verify --db "$DB" >"$T/verify" 2>&1
eq "the chain verifies" "$?" "0"
N=$(sed -n 's/^ok: \([0-9]*\) records.*/\1/p' "$T/verify")
MID=$((N / 2))
dbsql "UPDATE audit SET actor = 'mallory' WHERE id = $MID"
"$CCHC" audit verify --db "$DB" >"$T/verify" 2>&1
eq "an edit is found" "$? $(grep -o 'record [0-9]*' "$T/verify")" "1 record $MID"
dbsql "UPDATE audit SET actor = (SELECT actor FROM audit WHERE id = $((MID + 1))) WHERE id = $MID"
dbsql "DELETE FROM audit WHERE id = $((MID + 3))"
"$CCHC" audit verify --db "$DB" >"$T/verify" 2>&1
check "a deletion is found" grep -q "broken at record" "$T/verify"
finish
