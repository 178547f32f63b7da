# Once per run (the SQLite pass): nothing here depends on the database server.
# The API contract (issue 19): GET /api/v1/openapi.json is what `cchc
# openapi` prints, a real validator from npm (@apidevtools/swagger-parser,
# pinned in tests/openapi/package-lock.json) accepts it, and live answers of
# the server, successes and errors, match the statuses and schemas it
# declares (ajv).  GET /api/docs renders it.
. "$(dirname "$0")/../lib/fixture.sh"
here="$TESTS_TOP/tests/openapi"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	skip "the contract's validator needs node and npm" "tools/deps.sh browser"
	finish; exit
fi
want=$(sed -n 's/.*"@apidevtools\/swagger-parser": "\(.*\)".*/\1/p' "$here/package.json")
have=$(sed -n 's/^  "version": "\(.*\)".*/\1/p' "$here/node_modules/@apidevtools/swagger-parser/package.json" 2>/dev/null)
if [ "$have" != "$want" ] && ! npm ci --prefix "$here" --no-audit --no-fund --loglevel=error >"$T/npm.log" 2>&1; then
	cat "$T/npm.log"; fail "npm ci could not install the validator"; finish; exit
fi
init_db
serve_again
"$CCHC" openapi >"$T/printed.json"
req GET /api/v1/openapi.json
cp "$T/body" "$T/openapi.json"
eq "the served document is the printed one" "$(jq -S . "$T/openapi.json" | cksum)" "$(jq -S . "$T/printed.json" | cksum)"
eq "every route is in it" "$(jq '[.paths[] | keys[]] | length' "$T/openapi.json")" "$("$CCHC" routes | tail -n +2 | grep -c .)"
req GET /api/docs
check "the page lists the operations" test "$(grep -c '<section>' "$T/body")" -eq "$("$CCHC" routes | tail -n +2 | grep -c .)"

# Answers to record: METHOD PATH [BODY], as the admin and as no one.
: >"$T/answers"
n=0
record() { # METHOD PATH [BODY]
	n=$((n + 1))
	if [ $# -ge 3 ]; then req "$1" "$2" "$3"; else req "$1" "$2"; fi
	cp "$T/body" "$T/ans-$n"
	printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$STATUS" "$T/ans-$n" >>"$T/answers"
}
for p in /healthz /readyz /api/v1/health /api/v1/session /api/v1/units /api/v1/fields /api/v1/plans \
	/api/v1/tasks /api/v1/tasks/987654 /api/v1/dashboard /api/v1/documents /api/v1/drafts \
	/api/v1/calendar/holidays /api/v1/calendar/overrides /api/v1/report-rules /api/v1/feedback \
	/api/v1/feedback/stats /api/v1/par/sets /api/v1/inspection-plans /api/v1/findings /api/v1/audit/export; do
	record GET "$p"
done
record POST /api/v1/tasks '{}'
record POST /api/v1/tasks 'not json'
record PATCH /api/v1/tasks/987654 '{"title": "x"}'
record POST /public/feedback '{}'
record POST /api/v1/session '{"name": "admin", "password": "not-the-password"}'
TOKEN=
record GET /api/v1/units
record GET /api/v1/session
record DELETE /api/v1/session
node "$here/check.mjs" "$T/openapi.json" "$T/answers" >"$T/check.log" 2>&1
rc=$?
grep -Ev '^[0-9]+ passed, [0-9]+ failed' "$T/check.log"
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$T/check.log" | tail -n 1)
if [ -z "$line" ]; then
	fail "check.mjs ended without a summary (exit $rc)"; cat "$T/check.log"
else
	PASSED=$((PASSED + $(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')))
	FAILED=$((FAILED + $(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')))
fi
finish
