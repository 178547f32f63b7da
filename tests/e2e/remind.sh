# Reminders end to end: a real SMTP sink on loopback (tests/e2e/smtp_sink.c,
# built here), a server whose scheduler produces the reminders and sends the
# mail, `cchc remind --dry-run`, the calendar and notification API, nothing
# sent twice across a restart, and a failing SMTP server that leads to
# retries, not loss.
. "$(dirname "$0")/../lib/fixture.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
SINK_PID=
# On any exit, even an early one, the sink goes too.
at_exit '[ -n "$SINK_PID" ] && kill "$SINK_PID" 2>/dev/null'

cc -std=c17 -O1 -Wall -Wextra -Werror -o "$T/smtp_sink" "$HERE/smtp_sink.c" || { echo "cannot build the SMTP sink"; exit 1; }
mkdir "$T/mail"
"$T/smtp_sink" "$T/mail" &
SINK_PID=$!
i=0
while [ ! -f "$T/mail/port" ] && [ $i -lt 100 ]; do i=$((i + 1)); sleep 0.05; done
SMTP_PORT=$(cat "$T/mail/port")

# A Monday: the first working day of a week and the 16th of the month.
cat >"$T/cchc.conf" <<EOF
# cchc configuration for the reminder test
smtp_url = smtp://127.0.0.1:$SMTP_PORT
smtp_from = cchc@caobang.gov.vn
base_url = https://cchc.example.vn/
remind_days_before = 3
as_of = 2026-03-16
scheduler_interval = 1
smtp_retry_base = 1
smtp_timeout = 10
EOF

letters() { ls "$T/mail" | grep -c '\.eml$'; }
# wait_letters N: up to 30 s for at least N letters in the sink.
wait_letters() {
	i=0
	while [ "$(letters)" -lt "$1" ] && [ $i -lt 300 ]; do i=$((i + 1)); sleep 0.1; done
}
# subject FILE: the decoded Subject of a letter (RFC 2047 words, folded).
subject() {
	sed -n '/^Subject:/,/^[^ S]/p' "$1" | sed '$d' | tr -d '\r' |
		sed 's/^Subject: //; s/^ //' | sed -n 's/=?UTF-8?B?\(.*\)?=/\1/p' |
		while read -r w; do printf '%s' "$w" | base64 -d; done
}
sql() { dbsql "$1"; }

start_server --demo --no-scheduler

# --- calendar API -------------------------------------------------------
req POST /api/v1/calendar/overrides '{"date": "2026-03-21", "kind": "work", "name": "Làm bù"}'
eq "override added" "$STATUS $(j .date) $(j .kind) $(j .created_by)" "201 2026-03-21 work admin"
req POST /api/v1/calendar/overrides '{"date": "2026-03-22", "kind": "work", "by": "Sở Nội vụ"}'
eq "the author is the signed-in account, never the body's" "$STATUS $(j .error.field)" "422 by"
req POST /api/v1/calendar/overrides '{"date": "2026-03-20", "kind": "off", "name": "Nghỉ bù"}'
eq "second override" "$STATUS" "201"
req GET '/api/v1/calendar/overrides?year=2026'
eq "overrides listed" "$STATUS $(j length) $(j '.[0].date')" "200 2 2026-03-20"
req GET '/api/v1/calendar/holidays?year=2026'
eq "holidays with the override" "$STATUS $(j '[.holidays[] | select(.date=="2026-03-20")] | .[0].name')" "200 Nghỉ bù"
eq "Tết 2026 in the holidays" "$(j '[.holidays[] | select(.name=="Tết Nguyên đán")] | length')" "5"
req DELETE /api/v1/calendar/overrides/2026-03-20
eq "override deleted" "$STATUS $(j .deleted)" "200 2026-03-20"
req DELETE /api/v1/calendar/overrides/2026-03-20
eq "delete twice: 404" "$STATUS $(j .error.code)" "404 not_found"
req DELETE /api/v1/calendar/overrides/2026-02-30
eq "delete a bad date: 400" "$STATUS $(j .error.field)" "400 date"
req POST /api/v1/calendar/overrides '{"date": "2026-03-22", "kind": "holiday"}'
eq "bad kind: 422" "$STATUS $(j .error.field)" "422 kind"
req POST /api/v1/calendar/overrides '{"date": "2301-01-01", "kind": "off"}'
eq "outside the years: 422" "$STATUS $(j .error.field)" "422 date"
req POST /api/v1/calendar/overrides '{"date": "2026-03-22"'
eq "broken JSON: 400" "$STATUS" "400"
req GET '/api/v1/calendar/holidays?year=1850'
eq "bad year: 400" "$STATUS $(j .error.field)" "400 year"
req GET /api/v1/calendar/overrides
eq "nothing written by bad input" "$(j length)" "1"
"$CCHC" calendar --db "$DB" override list >"$T/ovl" 2>&1
eq "cli lists the stored override" "$(cat "$T/ovl")" "$(printf '2026-03-21\twork\tLàm bù')"
"$CCHC" calendar --db "$DB" add-workdays 2026-03-20 1 >"$T/aw" 2>&1
eq "cli calendar --db uses it" "$(cat "$T/aw")" "2026-03-21"
"$CCHC" calendar --db "$DB" override remove 2026-03-21 >/dev/null 2>&1
eq "cli removes it" "$(sql 'select count(*) from calendar_override')" "0"
"$CCHC" calendar --db "$DB" override remove 2026-03-21 >/dev/null 2>&1
eq "cli remove of nothing: exit 1" "$?" "1"
printf '2027-02-05\toff\tNghỉ Tết\n2027-02-20\twork\tLàm bù\n' >"$T/tet.tsv"
"$CCHC" calendar --db "$DB" import "$T/tet.tsv" >"$T/imp" 2>&1
eq "cli import" "$(cat "$T/imp")" "imported 2 overrides"
printf '2027-02-06\toff\tx\n2027-02-31\toff\ty\n' >"$T/bad.tsv"
"$CCHC" calendar --db "$DB" import "$T/bad.tsv" >/dev/null 2>"$T/imp.err"
eq "cli import of a bad file: exit 2" "$?" "2"
check "names the line" grep -q "line 2" "$T/imp.err"
eq "all or nothing" "$(sql 'select count(*) from calendar_override')" "2"
"$CCHC" calendar override list >/dev/null 2>&1
eq "override without --db: exit 2" "$?" "2"
sql "delete from calendar_override" >/dev/null

# --- contacts and tasks ------------------------------------------------
req POST /api/v1/units/01654/contacts '{"role": "officer", "email": "canbo@hoaan.example", "name": "Cán bộ CCHC"}'
eq "officer contact" "$STATUS $(j .role)" "201 officer"
UNIT=$(j .unit_id)
req POST /api/v1/units/01654/contacts '{"role": "head", "email": "chutich@hoaan.example"}'
eq "head contact" "$STATUS" "201"
req POST /api/v1/units/01654/contacts '{"role": "head", "email": "chutich@hoaan.example"}'
eq "same address twice: 409" "$STATUS $(j .error.field)" "409 email"
req POST /api/v1/units/01654/contacts '{"role": "officer", "email": "no at sign"}'
eq "bad address: 422" "$STATUS $(j .error.field)" "422 email"
req GET /api/v1/units/01654/contacts
eq "contacts listed" "$(j length)" "2"
req GET /api/v1/plans
DOC=$(j '.[0].id')
TITLE="Rà soát thủ tục hành chính cấp xã"
req POST /api/v1/tasks "{\"document_id\": $DOC, \"title\": \"$TITLE\", \"field\": \"TTHC\", \"deadline\": \"2026-03-10\", \"lead\": [\"01654\"]}"
eq "overdue task created" "$STATUS" "201"
req POST /api/v1/tasks "{\"document_id\": $DOC, \"title\": \"Giải quyết hồ sơ trong 3 ngày làm việc\", \"due_workdays\": 3, \"received_on\": \"2026-03-11\", \"lead\": [\"01654\"]}"
eq "deadline in working days" "$STATUS $(j .deadline) $(j .due_workdays)" "201 2026-03-16 3"
req GET "/api/v1/tasks/$(j .id)"
eq "the task shows how it was counted" "$(j .due_workdays) $(j .received_on)" "3 2026-03-11"
req POST /api/v1/tasks "{\"document_id\": $DOC, \"title\": \"x\", \"due_workdays\": 3, \"deadline\": \"2026-03-11\", \"lead\": [\"01654\"]}"
eq "deadline and due_workdays: 422" "$STATUS $(j .error.field)" "422 deadline"

# --- preview: prints, writes nothing ------------------------------------
"$CCHC" remind --db "$DB" --config "$T/cchc.conf" --dry-run >"$T/dry" 2>"$T/dry.err"
eq "dry run exit" "$?" "0"
check "dry run names the overdue task" grep -q "Quá hạn: $TITLE" "$T/dry"
check "dry run names the due task" grep -q "Đến hạn: Giải quyết hồ sơ" "$T/dry"
check "dry run shows the recipient" grep -q "canbo@hoaan.example" "$T/dry"
eq "dry run wrote nothing" "$(sql 'select count(*) from notification') $(sql 'select count(*) from mail_queue')" "0 0"
# Letters expected: one per recipient of each reminder that has any.
WANT=$(awk -F'\t' 'NF >= 4 && $4 !~ /chỉ thông báo/ { n += split($4, a, ",") } END { print n + 0 }' "$T/dry")
check "letters expected" test "$WANT" -ge 3
stop_server

# --- the scheduler sends them -------------------------------------------
serve_again --config "$T/cchc.conf"
wait_letters "$WANT"
eq "letters arrived" "$(letters)" "$WANT"
OVERDUE=
for f in "$T"/mail/*.eml; do
	case "$(subject "$f")" in "[CCHC] Quá hạn: $TITLE") OVERDUE=$f ;; esac
done
check "the overdue letter arrived" test -n "$OVERDUE"
if [ -n "$OVERDUE" ]; then
	eq "to the officer" "$(sed -n 's/^X-Sink-Rcpt: //p' "$OVERDUE" | tr -d '\r')" "canbo@hoaan.example"
	check "Vietnamese text" grep -q "đã quá hạn 4 ngày làm việc (hạn 10/03/2026)" "$OVERDUE"
	check "link to the unit page" grep -q "https://cchc.example.vn/#/unit/$UNIT" "$OVERDUE"
	check "from the configured sender" grep -q "^From: cchc@caobang.gov.vn" "$OVERDUE"
fi
HEADS=$(grep -l "^X-Sink-Rcpt: chutich@hoaan.example" "$T"/mail/*.eml | wc -l)
eq "one weekly digest to the head" "$HEADS" "1"
eq "queue all sent" "$(sql "select count(*) from mail_queue where status <> 'sent'")" "0"

req GET "/api/v1/notifications?unit=01654"
eq "notifications" "$STATUS $(j '.unread > 0') $(j '[.items[] | select(.link == "/#/unit/'"$UNIT"'")] | length > 0')" "200 true true"
NID=$(j '.items[0].id')
UNREAD=$(j .unread)
req POST "/api/v1/notifications/$NID/read"
eq "marked read" "$STATUS $(j '.read_at != null')" "200 true"
req GET "/api/v1/notifications?unit=01654&unread=1"
eq "one fewer unread" "$(j .unread)" "$((UNREAD - 1))"
req POST /api/v1/notifications/99999999/read
eq "unknown notification: 404" "$STATUS" "404"
req GET /api/v1/notifications
eq "unit required: 400" "$STATUS $(j .error.field)" "400 unit"
req GET '/api/v1/notifications?unit=NOPE'
eq "unknown unit: 400" "$STATUS $(j .error.field)" "400 unit"

# --- a restart sends nothing twice ----------------------------------------
stop_server
check "stopped cleanly on SIGTERM" grep -q "cchc: stopped" "$T/serve.log"
serve_again --config "$T/cchc.conf"
sleep 3
"$CCHC" remind --db "$DB" --config "$T/cchc.conf" >"$T/again" 2>&1
check "remind again: nothing new" grep -q ": 0 reminders produced" "$T/again"
eq "nothing sent twice" "$(letters)" "$WANT"

# --- a failing SMTP server: retries, not loss -----------------------------
touch "$T/mail/fail"
req POST /api/v1/tasks "{\"document_id\": $DOC, \"title\": \"Nhiệm vụ khi máy chủ thư lỗi\", \"deadline\": \"2026-03-12\", \"lead\": [\"01654\"]}"
i=0
while [ "$(sql "select coalesce(max(attempts), 0) from mail_queue where status = 'queued'")" -lt 2 ] && [ $i -lt 100 ]; do
	i=$((i + 1)); sleep 0.1
done
eq "retried, still queued" "$(sql "select status, CASE WHEN attempts >= 2 THEN 1 ELSE 0 END, CASE WHEN last_error LIKE '%451%' THEN 1 ELSE 0 END from mail_queue where subject like '%máy chủ thư lỗi%'")" "queued|1|1"
eq "nothing delivered while failing" "$(letters)" "$WANT"
rm "$T/mail/fail"
wait_letters $((WANT + 1))
eq "delivered after the failure" "$(letters)" "$((WANT + 1))"
eq "marked sent" "$(sql "select status from mail_queue where subject like '%máy chủ thư lỗi%'")" "sent"
sleep 2
eq "and only once" "$(letters)" "$((WANT + 1))"

stop_server
kill "$SINK_PID" 2>/dev/null
wait "$SINK_PID" 2>/dev/null
SINK_PID=
finish
