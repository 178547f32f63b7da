# (PostgreSQL pass only.)  Failover: cchc on a primary with a synchronous
# streaming replica (tools/pg-failover.sh), reports streaming in from two
# clients; the primary dies mid-stream and the replica is promoted.  cchc
# finds the new primary through its multi-host URL (target_session_attrs=
# read-write) without a restart, and no report it acknowledged is lost.
. "$(dirname "$0")/../lib/fixture.sh"
# Outside $T, which only its owner may enter; the servers run as postgres under root.
HA=$(mktemp -d "${TMPDIR:-/tmp}/cchc-ha.XXXXXX")
at_exit "'$TESTS_TOP/tools/pg-failover.sh' stop '$HA'; rm -rf '$HA'"
DB=$("$TESTS_TOP/tools/pg-failover.sh" setup "$HA") || { echo "cannot set up the primary and replica"; exit 1; }
start_server --demo
req POST /api/v1/tasks '{"document_id": 2, "title": "Việc trong lúc chuyển máy chủ", "recurrence": "monthly", "year": 2030, "lead": ["01822", "01273"]}'
eq "task for the stream" "$STATUS" "201"
j '.assignments[] | select(.unit_code=="01822") | .id' >"$T/ids1"
j '.assignments[] | select(.unit_code=="01273") | .id' >"$T/ids2"
ONE=$(token_for unit_officer 01822)
TWO=$(token_for unit_officer 01273)

# Each client posts as fast as it can, logging the ids it was given; a
# refused report (503 while the database changes hands) is simply not logged.
stream() { # FILE_OF_IDS OUT TOKEN
	for id in $(cat "$1"); do
		for p in 10 20 30 40 50 60 70 80 90; do
			curl -s --max-time 15 -H "Authorization: Bearer $3" -H 'Content-Type: application/json' \
				--data-binary "{\"percent\": $p, \"note\": \"chuyển máy\"}" \
				"$BASE/api/v1/assignments/$id/reports" | jq -r 'select(.id != null) | .id' >>"$2" 2>/dev/null
		done
	done
}
: >"$T/acked1"; : >"$T/acked2"
stream "$T/ids1" "$T/acked1" "$ONE" & c1=$!
stream "$T/ids2" "$T/acked2" "$TWO" & c2=$!
i=0
while [ "$(cat "$T/acked1" "$T/acked2" | wc -l)" -lt 40 ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
BEFORE=$(cat "$T/acked1" "$T/acked2" | wc -l)
"$TESTS_TOP/tools/pg-failover.sh" kill-primary "$HA"
sleep 1
"$TESTS_TOP/tools/pg-failover.sh" promote "$HA"
wait $c1 $c2
ACKED=$(sort -n "$T/acked1" "$T/acked2" | uniq | wc -l)
check "reports were acknowledged before the primary died ($BEFORE)" test "$BEFORE" -ge 40
check "and after the replica took over ($ACKED in all)" test "$ACKED" -gt "$((BEFORE + 20))"

for id in $(cat "$T/ids1" "$T/ids2"); do
	get "/api/v1/assignments/$id/reports" | jq -r '.[].id'
done | sort -n >"$T/stored"
sort -n "$T/acked1" "$T/acked2" | uniq >"$T/acked"
eq "acknowledged reports lost" "$(comm -23 "$T/acked" "$T/stored" | wc -l)" "0"
stop_server
"$CCHC" audit verify --db "$DB" >"$T/verify" 2>&1
eq "the audit chain holds on the new primary" "$?" "0" || cat "$T/verify" >&2
finish
