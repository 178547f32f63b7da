# Signals (issue 19).  SIGTERM: the server stops accepting, lets requests in
# flight finish, stops the scheduler and exits 0, and every report it
# acknowledged (201) is in the database afterwards.  SIGHUP: the log file is
# reopened and the configuration read again; keys that need a restart are
# named in the log and not applied; a file that does not read changes nothing.
. "$(dirname "$0")/../lib/fixture.sh"
start_server --demo
OFF=$(token_for unit_officer)
TOKEN=$OFF
req GET "/api/v1/assignments?unit=$OWN_UNIT&limit=50"
jq -r '(.items // .)[] | select(.completed_on == null) | .id' "$T/body" | head -n 5 >"$T/asg"
check "five open assignments to report on" test "$(wc -l <"$T/asg")" = 5

# writer N ASSIGNMENT: reports until the server stops answering; the ids of
# the acknowledged ones go to $T/acked.
writer() {
	k=0
	while [ $k -lt 5000 ]; do
		k=$((k + 1))
		code=$(curl -s -o "$T/w$1.body" -w '%{http_code}' -H "Authorization: Bearer $OFF" \
			-H 'Content-Type: application/json' -d "{\"percent\": 10, \"note\": \"sigterm $1-$k\"}" \
			"$BASE/api/v1/assignments/$2/reports")
		case $code in
		201) jq -r .id "$T/w$1.body" >>"$T/acked" ;;
		000) break ;;
		esac
	done
}
: >"$T/acked"
n=0 pids=""
for a in $(head -n 4 "$T/asg"); do
	n=$((n + 1)); writer $n "$a" & pids="$pids $!"
done
# A slow upload (about 200 KB at 40 KB/s) is in flight when the signal comes.
head -c 150000 /dev/zero | tr '\0' 'a' >"$T/slow.txt"
curl -s -o "$T/slow.body" -w '%{http_code}' --limit-rate 40k -H "Authorization: Bearer $OFF" \
	-F percent=20 -F "evidence=@$T/slow.txt;type=text/plain" \
	"$BASE/api/v1/assignments/$(tail -n 1 "$T/asg")/reports" >"$T/slow.code" &
slow=$!
sleep 1.5	# the slow upload under way, writers in flight
check "reports were acknowledged before the signal" wait_for 20 test -s "$T/acked"
start=$(date +%s)
kill -TERM "$SERVER_PID"
refused() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/healthz")" = 000 ]; }
check "no new connection is accepted after SIGTERM" wait_for 5 refused
wait "$SERVER_PID"
rc=$?
took=$(($(date +%s) - start))
SERVER_PID=
eq "SIGTERM: exit status 0" "$rc" 0
check "SIGTERM: stopped within the 10 s bound (took ${took}s)" test "$took" -le 12
check "the server said it stopped" grep -q "cchc: stopped" "$T/serve.log"
wait "$slow"
eq "the upload in flight was answered" "$(cat "$T/slow.code")" 201
for p in $pids; do wait "$p"; done
jq -r .id "$T/slow.body" >>"$T/acked"
acked=$(sort -u "$T/acked" | grep -c .)
stored=$(dbsql "SELECT count(*) FROM report WHERE id IN ($(sort -u "$T/acked" | paste -sd, -))")
eq "every acknowledged report is stored ($acked acknowledged)" "$stored" "$acked"
if grep -q "ERROR: AddressSanitizer\|runtime error:\|ERROR: LeakSanitizer" "$T/serve.err"; then
	fail "sanitizer report from the server"; cat "$T/serve.err" >&2
fi

# --- SIGHUP ---------------------------------------------------------------------
printf 'log_file = %s/a.log\nlog_level = info\n' "$T" >"$T/cchc.conf"
serve_again --config "$T/cchc.conf"
id_of() { curl -s -D - -o /dev/null "$BASE$1" | sed -n 's/^X-Request-Id: *\([^\r]*\)\r*$/\1/Ip'; }
first=$(id_of /healthz)
check "the log file has the request" wait_for 10 grep -q "$first" "$T/a.log"
mv "$T/a.log" "$T/a.log.1"
printf 'log_file = %s/a.log\nlog_level = warn\nlisten = 127.0.0.1:9\ndb = %s/other.db\n' "$T" "$T" >"$T/cchc.conf"
kill -HUP "$SERVER_PID"
check "SIGHUP: the log is reopened" wait_for 10 test -f "$T/a.log"
check "SIGHUP names 'listen' as needing a restart" wait_for 10 grep -q "'listen' changed; it needs a restart" "$T/a.log"
check "SIGHUP names 'db' as needing a restart" wait_for 10 grep -q "'db' changed; it needs a restart" "$T/a.log"
eq "the server still answers where it was" "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/healthz")" 200
quiet=$(id_of /healthz) loud=$(id_of /no/such/page)
# Lines are written in turn: once the 404's is there, the 200's would be.
check "… and a 404 is, in the new file" wait_for 10 grep -q "$loud" "$T/a.log"
check "the new level applies: a 200 is not logged" test -z "$(grep "$quiet" "$T/a.log" "$T/a.log.1")"
printf 'log_file = %s/a.log\nlog_levle = debug\n' "$T" >"$T/cchc.conf"
kill -HUP "$SERVER_PID"
check "a file that does not read is reported" wait_for 10 grep -q "log_levle.*nothing changed" "$T/a.log"
eq "… and the server keeps serving" "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/healthz")" 200
kill -TERM "$SERVER_PID"
wait "$SERVER_PID"
eq "SIGTERM after SIGHUPs: exit status 0" "$?" 0
SERVER_PID=
finish
