# Two application nodes on one database, as a province runs them behind its
# load balancer: a report written through one is seen through the other
# within a moment (the other's cached answers are dropped when the database
# tells it of the commit), the reminder scheduler runs
# on one node, and when that node is killed the other takes the reminders
# over without sending any letter twice.
#
# On PostgreSQL exactly one node holds the scheduler's lock.  On SQLite
# (one file, which serves one machine) both nodes run the scheduler and the
# reminder log and the mail queue's claims keep letters from going twice;
# the test checks that too.
. "$(dirname "$0")/../lib/fixture.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
SINK_PID= B_PID=
at_exit '[ -n "$SINK_PID" ] && kill "$SINK_PID" 2>/dev/null; [ -n "$B_PID" ] && kill -9 "$B_PID" 2>/dev/null'

cc -std=c17 -O1 -Wall -Wextra -Werror -o "$T/smtp_sink" "$HERE/smtp_sink.c" || { echo "cannot build the SMTP sink"; exit 1; }
mkdir "$T/mail"
"$T/smtp_sink" "$T/mail" &
SINK_PID=$!
i=0
while [ ! -f "$T/mail/port" ] && [ $i -lt 100 ]; do i=$((i + 1)); sleep 0.05; done
cat >"$T/cchc.conf" <<CONF
smtp_url = smtp://127.0.0.1:$(cat "$T/mail/port")
smtp_from = cchc@caobang.gov.vn
as_of = 2026-03-16
scheduler_interval = 1
smtp_retry_base = 1
smtp_timeout = 10
CONF
letters() { ls "$T/mail" | grep -c '\.eml$'; }
letters_at_least() { test "$(letters)" -ge "$1"; }
# twice: letters that went to the same address with the same subject more than once.
twice() {
	for f in "$T"/mail/*.eml; do
		tr -d '\r' <"$f" | grep -E '^(X-Sink-Rcpt|Subject):' | tr '\n' ' '; echo
	done | sort | uniq -d | wc -l
}

start_server --demo --no-scheduler
req POST /api/v1/units/01654/contacts '{"role": "officer", "email": "canbo@hoaan.example"}'
eq "a contact to write to" "$STATUS" "201"
req GET /api/v1/plans
DOC=$(j '.[0].id')
req POST /api/v1/tasks "{\"document_id\": $DOC, \"title\": \"Việc quá hạn thứ nhất\", \"deadline\": \"2026-03-10\", \"lead\": [\"01654\"]}"
eq "an overdue task" "$STATUS" "201"
ASG=$(j '.assignments[0].id')
stop_server

# Node A through the fixture, node B beside it on the same database.
serve_again --config "$T/cchc.conf"
A=$BASE
"$CCHC" serve --db "$DB" --data-dir "$T" --listen 127.0.0.1:0 --config "$T/cchc.conf" >"$T/b.log" 2>"$T/b.err" &
B_PID=$!
wait_for 15 grep -q "listening on" "$T/b.log" || { cat "$T/b.err"; echo "node B did not start"; exit 1; }
B=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$T/b.log" | head -n 1)

# --- a write on one node is read on the other within a moment -------------
# NODE WANT: what NODE answers for the assignment's reports and percent.
reports_on() { BASE=$1; req GET "/api/v1/assignments/$ASG/reports"; [ "$STATUS $(j '.[-1].id') $(j '.[-1].note')" = "$2" ]; }
percent_on() { BASE=$1; req GET "/api/v1/assignments/$ASG"; [ "$(j .percent)" = "$2" ]; }
OFFICER=$(token_for unit_officer 01654)
TOKEN=$OFFICER
BASE=$B; req GET "/api/v1/assignments/$ASG/reports"
eq "node B answers, no report yet" "$STATUS $(j length)" "200 0"
BASE=$B; req GET "/api/v1/assignments/$ASG"
eq "node B: nothing done" "$(j .percent)" "0"
BASE=$A; req POST "/api/v1/assignments/$ASG/reports" '{"percent": 40, "note": "Ghi qua nút A"}'
eq "report written on node A" "$STATUS" "201"
RID=$(j .id)
check "node B sees it" wait_for 5 reports_on "$B" "200 $RID Ghi qua nút A"
check "node B's cached answer was dropped" wait_for 5 percent_on "$B" 40
BASE=$B; req POST "/api/v1/assignments/$ASG/reports" '{"percent": 60, "note": "Ghi qua nút B"}'
eq "report written on node B" "$STATUS" "201"
check "node A sees node B's" wait_for 5 percent_on "$A" 60
# A session made on one node is good on the other.
curl -s -c "$T/jar" -H 'Content-Type: application/json' -o /dev/null \
	--data-binary "{\"name\": \"fx.unitofficer.01654\", \"password\": \"$(cat "$T/pw-fx.unitofficer.01654")\"}" "$A/api/v1/session"
eq "signed in on A, known on B" "$(curl -s -b "$T/jar" "$B/api/v1/session" | jq -r .name)" "fx.unitofficer.01654"
TOKEN=$ADMIN

# --- the scheduler ----------------------------------------------------------
check "the first letters arrive" wait_for 30 letters_at_least 1
sleep 3	# a few more rounds on both nodes
RUNS_A=$(grep -c "this node runs the scheduler" "$T/serve.log")
RUNS_B=$(grep -c "this node runs the scheduler" "$T/b.log")
if [ "${CCHC_TEST_BACKEND:-sqlite}" = postgresql ]; then
	eq "one node runs the scheduler" "$((RUNS_A + RUNS_B))" "1"
else
	eq "on SQLite both nodes run it" "$RUNS_A $RUNS_B" "1 1"
fi
eq "no letter twice" "$(twice)" "0"
BEFORE=$(letters)

# Kill the node that runs it, without warning; new work falls overdue.
if [ "$RUNS_A" = 1 ]; then
	kill -9 "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=; ALIVE=$B; ALIVE_LOG=$T/b.log
else
	kill -9 "$B_PID"; wait "$B_PID" 2>/dev/null; B_PID=; ALIVE=$A; ALIVE_LOG=$T/serve.log
fi
BASE=$ALIVE; req POST /api/v1/tasks "{\"document_id\": $DOC, \"title\": \"Việc quá hạn thứ hai\", \"deadline\": \"2026-03-11\", \"lead\": [\"01654\"]}"
eq "new work on the surviving node" "$STATUS" "201"
check "the other node takes the reminders over" wait_for 60 grep -q "this node runs the scheduler" "$ALIVE_LOG"
check "its letter arrives" wait_for 60 sh -c "grep -l 'X-Sink-Rcpt: canbo@hoaan.example' '$T'/mail/*.eml | xargs grep -l 'Subject:' | wc -l | xargs test $BEFORE -lt"
sleep 3
eq "still no letter twice" "$(twice)" "0"
eq "the queue is drained" "$(dbsql "select count(*) from mail_queue where status <> 'sent'")" "0"
[ -n "$B_PID" ] && { kill "$B_PID"; wait "$B_PID" 2>/dev/null; B_PID=; }
finish
