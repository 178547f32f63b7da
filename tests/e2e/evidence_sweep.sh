# The sweep of the evidence folder: a file stored for a submission that was
# then refused (a report with an impossible percent) is named by no row;
# `cchc evidence sweep` removes it once it is older than the grace period,
# never a file a row names, never a fresh one, never a file that is not
# named like a hash; each sweep that removes something is audited; the
# server's scheduler sweeps too.  The temporary files of a process that
# died go the same way; the grace period can come from the server's
# configuration file.
. "$(dirname "$0")/../lib/fixture.sh"
start_server --demo
req POST /api/v1/tasks '{"document_id": 2, "field": "TTHC", "title": "Dọn tệp", "deadline": "2030-12-31", "lead": ["'"$OWN_UNIT"'"]}'
eq "task created" "$STATUS" 201
ASG=$(j '.assignments[0].id')
OWN=$(token_for unit_officer "$OWN_UNIT")
EVIDENCE="$T/evidence"

# report PERCENT FILE: a multipart report on the assignment with FILE as evidence.
report() {
	STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $OWN" -F "percent=$1" \
		-F "evidence=@$2;filename=bien-ban.txt" "$BASE/api/v1/assignments/$ASG/reports")
}
# stored FILE: the path its bytes are kept under.
stored() { sha=$(sha256sum "$1" | cut -c1-64); echo "$EVIDENCE/$(echo "$sha" | cut -c1-2)/$sha"; }
# sweep ARGS...: the command, its output in $T/sweep.out, its exit code in $RC.
sweep() { "$CCHC" evidence sweep --db "$DB" --data-dir "$T" "$@" >"$T/sweep.out" 2>&1; RC=$?; }
# two_days_old FILE: as if written two days ago.
two_days_old() { touch -d "@$(($(date +%s) - 172800))" "$1"; }

printf 'biên bản nghiệm thu %s\n' "$$" >"$T/kept.txt"
report 20 "$T/kept.txt"
eq "an accepted report" "$STATUS" 201
KEPT=$(stored "$T/kept.txt")
check "its file is stored" test -f "$KEPT"

printf 'gửi rồi bị từ chối %s\n' "$$" >"$T/refused.txt"
report 500 "$T/refused.txt"
eq "a report with percent 500 is refused" "$STATUS" 422
ORPHAN=$(stored "$T/refused.txt")
check "the refused report's file was left in the folder" test -f "$ORPHAN"
eq "no row names it" "$(dbsql "SELECT count(*) FROM evidence WHERE sha256 = '$(basename "$ORPHAN")'")" "0"
# What the sweep must leave alone: not named like a hash, a hash in another
# hash's folder, a file in the temporary folder not named like its own.
mkdir -p "$EVIDENCE/zz"
printf 'x\n' >"$EVIDENCE/zz/ghi-chu.txt"
STRAY=$EVIDENCE/00/$(basename "$ORPHAN")
mkdir -p "$EVIDENCE/00" && cp "$ORPHAN" "$STRAY"
printf 'x\n' >"$EVIDENCE/tmp/upload-test"
printf 'x\n' >"$EVIDENCE/tmp/sweep-12-abc"
for f in "$KEPT" "$EVIDENCE/zz/ghi-chu.txt" "$STRAY" "$EVIDENCE/tmp/upload-test" "$EVIDENCE/tmp/sweep-12-abc"; do
	two_days_old "$f"
done
# What a server that died mid-upload and a sweep that died left: their age
# is their last change of any kind (ctime), which touch cannot set back, so
# they are fresh here: the default grace keeps them, grace 0 removes them.
printf 'nửa tệp' >"$EVIDENCE/tmp/upload-Ab3xZ9"
printf 'để riêng' >"$EVIDENCE/tmp/sweep-4242-$(basename "$ORPHAN")"
TEMPS="$EVIDENCE/tmp/upload-Ab3xZ9 $EVIDENCE/tmp/sweep-4242-$(basename "$ORPHAN")"
TEMP_BYTES=$(cat $TEMPS | wc -c)

# The default grace period: the fresh orphan stays; the old named file too.
sweep
eq "sweep with the default grace" "$RC" "0"
check "it says what it did ($(cat "$T/sweep.out"))" grep -q "0 files removed, 0 bytes freed, 1 kept as younger than 86400 s" "$T/sweep.out"
check "the fresh orphan is kept" test -f "$ORPHAN"
check "the named file is kept though old" test -f "$KEPT"
for f in $TEMPS; do check "a fresh temporary file is kept: ${f#"$EVIDENCE"/}" test -f "$f"; done
eq "a sweep that removed nothing is not recorded" "$(dbsql "SELECT count(*) FROM audit WHERE action = 'sweep'")" "0"

# Grace 0: the orphan goes; the named file and every stranger stay.
SIZE=$(stat -c %s "$ORPHAN")
sweep --min-age 0
eq "sweep --min-age 0" "$RC" "0"
check "it counts the orphan and the two temporary files ($(cat "$T/sweep.out"))" \
	grep -q "3 files removed, $((SIZE + TEMP_BYTES)) bytes freed, 0 kept" "$T/sweep.out"
check "the orphan is gone" test ! -e "$ORPHAN"
for f in $TEMPS; do check "gone: ${f#"$EVIDENCE"/}" test ! -e "$f"; done
check "the named file is still there" test -f "$KEPT"
for f in "$EVIDENCE/zz/ghi-chu.txt" "$STRAY" "$EVIDENCE/tmp/upload-test" "$EVIDENCE/tmp/sweep-12-abc"; do
	check "left alone: ${f#"$EVIDENCE"/}" test -f "$f"
done
check "nothing set aside is left behind" sh -c "! ls '$EVIDENCE/tmp' | grep -q '^sweep-[0-9]*-[0-9a-f]\{64\}\$'"
SHA=$(basename "$KEPT")
STATUS=$(curl -s -o "$T/download" -w '%{http_code}' -H "Authorization: Bearer $ADMIN" "$BASE/api/v1/evidence/$SHA")
eq "the named file downloads" "$STATUS" 200
check "with its bytes" cmp -s "$T/download" "$T/kept.txt"
eq "the sweep is audited, as the command" \
	"$(dbsql "SELECT actor || ' ' || entity || ' ' || detail FROM audit WHERE action = 'sweep'" | tr -d ' ')" \
	"$(echo "cli evidence {\"min_age\":0,\"removed\":3,\"bytes\":$((SIZE + TEMP_BYTES)),\"kept_recent\":0}" | tr -d ' ')"
check "the audit chain still verifies" sh -c "'$CCHC' audit verify --db '$DB' >/dev/null"

# An old orphan goes under the default grace; a fresh one beside it stays.
printf 'cũ %s\n' "$$" >"$T/old.txt"
printf 'mới %s\n' "$$" >"$T/new.txt"
report 101 "$T/old.txt"
eq "another refused report" "$STATUS" 422
report -1 "$T/new.txt"
eq "and another" "$STATUS" 422
OLD=$(stored "$T/old.txt") NEW=$(stored "$T/new.txt")
two_days_old "$OLD"
sweep
check "default grace: the old orphan counted ($(cat "$T/sweep.out"))" grep -q "1 files removed, .* 1 kept as younger" "$T/sweep.out"
check "the old orphan is gone" test ! -e "$OLD"
check "the fresh one is kept" test -f "$NEW"

# The grace period of the server's configuration file; --min-age wins over it.
printf 'giờ trước %s\n' "$$" >"$T/hour.txt"
report 200 "$T/hour.txt"
eq "a refused report, two hours ago" "$STATUS" 422
HOUR=$(stored "$T/hour.txt")
touch -d "@$(($(date +%s) - 7200))" "$HOUR"
printf '# cchc.conf\nevidence_sweep_min_age = 3600\n' >"$T/cchc.conf"
sweep --config "$T/cchc.conf" --min-age 86400
check "--min-age wins over the file ($(cat "$T/sweep.out"))" grep -q "0 files removed, .* younger than 86400 s" "$T/sweep.out"
sweep --config "$T/cchc.conf"
check "the file's grace of an hour ($(cat "$T/sweep.out"))" grep -q "1 files removed, .* younger than 3600 s" "$T/sweep.out"
check "the two-hour-old orphan is gone" test ! -e "$HOUR"
check "the fresh one is still kept" test -f "$NEW"
printf 'evidence_sweep_min_age = 60\n' >"$T/bad.conf"
sweep --config "$T/bad.conf"
eq "a grace below the file's range is refused" "$RC $(grep -c evidence_sweep_min_age "$T/sweep.out")" "2 1"
sweep --config "$T/none.conf"
eq "a missing configuration file is refused" "$RC" "2"
check "and the fresh one is still there" test -f "$NEW"

# Bad arguments: usage (2); a database that is not there: 1, and nothing removed.
for bad in "--min-age -1" "--min-age abc" "--min-age 1e3" "--min-age" "--frobnicate"; do
	# shellcheck disable=SC2086 # separate words on purpose
	sweep $bad
	eq "sweep $bad" "$RC" "2"
done
"$CCHC" evidence >/dev/null 2>&1
eq "evidence without a subcommand" "$?" "2"
"$CCHC" evidence sweep --db "$T/none/cchc.db" --data-dir "$T" --min-age 0 >"$T/sweep.out" 2>&1
eq "sweep of a missing database fails" "$?" "1"
check "and the fresh orphan is still there" test -f "$NEW"

# The server's scheduler sweeps in its first round (then once a day).
two_days_old "$NEW"
stop_server
serve_again
i=0
while ! grep -q "evidence sweep: 1 files removed" "$T/serve.log" && [ $i -lt 100 ]; do
	sleep 0.1; i=$((i + 1))
done
check "the scheduler removed the old orphan" test ! -e "$NEW"
check "and kept the named file" test -f "$KEPT"
eq "as the system" "$(dbsql "SELECT actor FROM audit WHERE action = 'sweep' ORDER BY id DESC LIMIT 1")" "system"
finish
