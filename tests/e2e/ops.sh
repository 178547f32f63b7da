# Operations (issue 19): /healthz, /readyz, the request log and /metrics,
# against a real server that reads its log file, level and metrics token
# from a configuration file.
. "$(dirname "$0")/../lib/fixture.sh"

conf() { # LEVEL: the configuration file with that log level
	cat >"$T/cchc.conf" <<CONF
log_file = $T/req.log
log_level = $1
metrics_token = metrics-token-for-tests-0123456789
CONF
}
conf info
init_db
serve_again --config "$T/cchc.conf"
# The log is written at least every 200 ms: wait until it holds what was asked.
settle() { log_settle "$T/req.log"; }
# quiet COMMAND...: a check's command without its output.
quiet() { "$@" >/dev/null; }
logline() { grep "\"request_id\":\"$1\"" "$T/req.log"; }
# head_of PATH [CURL ARGS...]: GET with the admin's token; headers to $T/h, body to $T/body.
head_of() {
	p=$1; shift
	STATUS=$(curl -s -D "$T/h" -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $ADMIN" "$@" "$BASE$p")
}
header() { sed -n "s/^$1: *\\([^\\r]*\\)\\r*\$/\\1/Ip" "$T/h" | head -n 1; }

# --- health and readiness -----------------------------------------------------
head_of /healthz
eq "healthz answers" "$STATUS $(j .status)" "200 ok"
eq "healthz is never kept" "$(header Cache-Control)" "no-store"
migrations=$(ls "$TESTS_TOP"/sql/sqlite/*.sql | wc -l)
req GET /readyz
eq "readyz: ready at the newest migration" "$STATUS $(j .status) $(j .schema_version)" "200 ready $migrations"
# schema_version N: makes the database say it is at version N.
schema_version() {
	case "$DB" in
	postgres*) dbsql "DELETE FROM cchc_schema WHERE version > $migrations"
		[ "$1" -gt "$migrations" ] && dbsql "INSERT INTO cchc_schema VALUES ($1, 'test')" ;;
	*) dbsql "PRAGMA user_version = $1" ;;
	esac >/dev/null
}
schema_version 99
head_of /readyz
eq "readyz: 503 on a schema this binary does not know" "$STATUS $(j .error.code)" "503 busy"
check "readyz says which versions" grep -q "version 99; this cchc needs $migrations" "$T/body"
eq "readyz's error carries its request id" "$(j .error.request_id)" "$(header X-Request-Id)"
schema_version "$migrations"
req GET /readyz
eq "readyz: ready again" "$STATUS" 200

# --- request ids and the log line ---------------------------------------------
ME=$(dbsql "SELECT id FROM account WHERE name = 'admin'")
head_of /api/v1/tasks/424242
id=$(header X-Request-Id)
eq "an unknown task: 404" "$STATUS" 404
check "a request id is 16 hex digits" quiet expr "$id" : '[0-9a-f]\{16\}$'
eq "the error's JSON carries the header's id" "$(j .error.request_id)" "$id"
head_of /api/v1/tasks/424243 -H 'X-Request-Id: trace-abc.123'
eq "the client's well-formed id is kept" "$(header X-Request-Id) $(j .error.request_id)" "trace-abc.123 trace-abc.123"
head_of /api/v1/tasks/424243 -H 'X-Request-Id: not ok!'
check "an ill-formed id is replaced" quiet expr "$(header X-Request-Id)" : '[0-9a-f]\{16\}$'
settle
line=$(logline "$id")
check "the request has its log line" test -n "$line"
echo "$line" >"$T/line"
eq "the line's fields" "$(jq -r '[.level, .method, .route, .status, .account] | join(" ")' "$T/line")" \
	"warn GET /api/v1/tasks/{id} 404 $ME"
check "the line has a time" quiet jq -e '.time | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z$")' "$T/line"
check "the line has a duration" quiet jq -e '.duration_ms | type == "number" and . >= 0' "$T/line"
check "the path's id is not logged" test -z "$(grep 424242 "$T/req.log")"

# --- nothing secret reaches the log ---------------------------------------------
req POST /api/v1/session '{"name": "admin", "password": "WrongPass-Leak-1"}'
eq "a wrong password: 401" "$STATUS" 401
jq -Rn --arg pw "$(cat "$T/adminpw")" '{name: "admin", password: $pw}' >"$T/login.json"
curl -s -c "$T/jar" -o /dev/null -H 'Content-Type: application/json' --data-binary @"$T/login.json" "$BASE/api/v1/session"
COOKIE=$(awk '$6 == "cchc_session" {print $7}' "$T/jar")
check "signed in with a cookie" test -n "$COOKIE"
curl -s -o /dev/null -b "$T/jar" "$BASE/api/v1/session"
curl -s -o /dev/null -H "Authorization: Bearer $ADMIN" "$BASE/api/v1/units?q=QueryLeak-2"
req POST /public/feedback '{"content": "Phản ánh về thủ tục", "name": "Nguyễn Văn Dân", "phone": "0912345678", "email": "citizen-leak@example.org", "address": "Số 9 Phố Kim Đồng"}'
eq "a citizen's feedback: 201" "$STATUS" 201
settle
for secret in WrongPass-Leak-1 "$(cat "$T/adminpw")" "$ADMIN" "$COOKIE" QueryLeak-2 0912345678 citizen-leak "Nguyễn Văn Dân" "Kim Đồng"; do
	check "the log holds no '$(printf '%.12s' "$secret")…'" test -z "$(grep -F -- "$secret" "$T/req.log")"
done
check "every log line is JSON with every field" quiet jq -se \
	'length > 10 and all(.[]; has("time") and has("level") and (has("msg") or (has("request_id") and has("method") and has("route") and has("status") and has("duration_ms") and has("account"))))' \
	"$T/req.log"

# --- metrics ------------------------------------------------------------------------
# A letter an hour old waits in the queue.
dbsql "INSERT INTO mail_queue(dedup_key, recipient, subject, body, next_attempt_at, created_at) VALUES ('ops-test', 'a@example.org', 's', 'b', '2100-01-01T00:00:00Z', '$(date -u -d '1 hour ago' +%Y-%m-%dT%H:%M:%SZ)')"
head_of /metrics
eq "metrics from loopback" "$STATUS" 200
check "metrics are Prometheus text" quiet expr "$(header Content-Type)" : 'text/plain; version=0.0.4'
if command -v promtool >/dev/null 2>&1; then
	promtool check metrics <"$T/body" >"$T/promtool.log" 2>&1
	check "promtool check metrics passes ($(head -c 300 "$T/promtool.log"))" test $? = 0
else
	skip "promtool is not installed" "tools/deps.sh test"
fi
metric() { awk -v k="$1" '$1 == k {print $2}' "$T/body"; }
check "requests are counted by route pattern and status" \
	test "$(metric 'cchc_http_requests_total{method="GET",route="/api/v1/tasks/{id}",status="404"}')" -ge 3
eq "the latency histogram's count" "$(metric 'cchc_http_request_duration_seconds_count{method="GET",route="/healthz"}')" 1
eq "one sign-in failure" "$(metric cchc_signin_failures_total)" 1
eq "one letter waits" "$(metric cchc_mail_queue_depth)" 1
check "the oldest letter is an hour old" test "$(metric cchc_mail_queue_oldest_age_seconds)" -ge 3590
check "the scheduler's last round is known" test "$(metric cchc_scheduler_last_round_timestamp_seconds)" -gt 1700000000
check "database time is measured" awk '$1 == "cchc_db_seconds_total" && $2 > 0 {ok = 1} END {exit !ok}' "$T/body"
eq "the database is up" "$(metric cchc_database_up)" 1

# From another address: only with the metrics token.
addr=$(hostname -I 2>/dev/null | tr ' ' '\n' | grep -E '^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$' | grep -v '^127\.' | head -n 1)
stop_server
serve_again --config "$T/cchc.conf" --listen 0.0.0.0:0
if [ -n "$addr" ]; then
	far="http://$addr:${BASE##*:}"
	eq "metrics from afar without the token: 403" "$(curl -s -o /dev/null -w '%{http_code}' "$far/metrics")" 403
	eq "… with a wrong token: 403" "$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer metrics-token-for-tests-0123456788' "$far/metrics")" 403
	eq "… with the token: 200" "$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer metrics-token-for-tests-0123456789' "$far/metrics")" 200
	eq "an API token is not the metrics token" "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $ADMIN" "$far/metrics")" 403
else
	skip "this machine has no address but loopback" "run on a machine with a network interface"
fi

# --- the level ------------------------------------------------------------------------
stop_server
conf warn
serve_again --config "$T/cchc.conf"
head_of /healthz
quiet=$(header X-Request-Id)
head_of /no/such/page
loud=$(header X-Request-Id)
settle
check "at warn, a 200 is not logged" test -z "$(logline "$quiet")"
check "at warn, a 404 is" test -n "$(logline "$loud")"

# --- the size the web page shrinks evidence photos to (issue 20) ----------------------
stop_server
printf 'photo_max_px = 1200\nphoto_quality = 70\n' >"$T/photo.conf"
serve_again --config "$T/photo.conf"
head_of /api/v1/session
eq "the session tells the page the configured photo size" "$(jq -c .photo "$T/body")" '{"max_px":1200,"quality":0.7}'
stop_server
serve_again --config "$T/cchc.conf"
head_of /api/v1/session
eq "… 1600 px at quality 0.8 when the file sets none" "$(jq -c .photo "$T/body")" '{"max_px":1600,"quality":0.8}'
stop_server
for bad in 'photo_quality = 0.8' 'photo_max_px = 99999' 'photo_max_px = big'; do
	printf '%s\n' "$bad" >"$T/photo.conf"
	timeout 10 "$CCHC" serve --db "$DB" --listen 127.0.0.1:0 --config "$T/photo.conf" >/dev/null 2>"$T/bad.err"
	eq "'$bad' stops the server, naming the line" "$? $(grep -c "photo.conf:1: 'photo_" "$T/bad.err")" "2 1"
done
finish
