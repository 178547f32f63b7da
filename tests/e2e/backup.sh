# Once per run (the SQLite pass): cchc backup copies SQLite databases (PostgreSQL has its own tools; pg_migrate.sh checks the refusal).
# Backup of a live database and its restore: three clients write reports
# while `cchc backup` runs; the restored copy holds every report answered
# before the backup began, its evidence, and an audit trail that holds.
# Then the faults: damaged, truncated and altered archives, a target that
# holds a database, and a disk that fills up — each a clear message, a
# non-zero exit and nothing half-written.
. "$(dirname "$0")/../lib/fixture.sh"
start_server --demo
ONE=$(account b.duclong 01822 unit_officer)
TWO=$(account b.thucphan 01273 unit_officer)

req POST /api/v1/tasks '{"document_id": 2, "title": "Việc kiểm tra sao lưu", "recurrence": "monthly", "year": 2030, "lead": ["01822", "01273"]}'
eq "task for the stream" "$STATUS" "201"
j '.assignments[] | select(.unit_code=="01822") | .id' >"$T/ids1"
j '.assignments[] | select(.unit_code=="01273") | .id' >"$T/ids2"

# Evidence: a text file and a 3 MB PDF-looking file (stored, not deflated).
printf 'Biên bản kiểm tra sao lưu\n' >"$T/bienban.txt"
{ printf '%%PDF-1.4\n'; head -c 3000000 /dev/urandom; } >"$T/big.pdf"
ASG=$(head -n 1 "$T/ids1")
STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $ONE" -F percent=5 \
	-F "evidence=@$T/bienban.txt;filename=bien-ban.txt" -F "evidence=@$T/big.pdf;filename=ho-so.pdf" \
	"$BASE/api/v1/assignments/$ASG/reports")
eq "report with two evidence files" "$STATUS" "201"
SHA_TXT=$(sha256sum "$T/bienban.txt" | cut -c1-64)
SHA_PDF=$(sha256sum "$T/big.pdf" | cut -c1-64)
# A discipline case's decision and an inspection's conclusion notice,
# kept in other tables than the reports' evidence.
upload_doc() { # PATH FILE NAME -> the document's id
	curl -s -H "Authorization: Bearer $ADMIN" -F "evidence=@$2;filename=$3" "$BASE$1" | jq -r .id
}
printf '%%PDF-1.4\nQuyết định kỷ luật sao lưu\n' >"$T/qd.pdf"
printf '%%PDF-1.4\nThông báo kết luận kiểm tra sao lưu\n' >"$T/tb.pdf"
CASE=$(TOKEN=$ADMIN get /api/v1/discipline-cases | jq '.[0].id')
INSP=$(TOKEN=$ADMIN get "/api/v1/inspections?status=concluded" | jq '.[0].id')
CASE_DOC=$(upload_doc "/api/v1/discipline-cases/$CASE/documents" "$T/qd.pdf" qd.pdf)
INSP_DOC=$(upload_doc "/api/v1/inspections/$INSP/documents" "$T/tb.pdf" tb.pdf)
check "a case document ($CASE_DOC) and an inspection document ($INSP_DOC) uploaded" \
	test "$CASE_DOC" -gt 0 -a "$INSP_DOC" -gt 0

# Each client posts reports in a loop and logs the id of every one answered 201.
stream() { # FILE_OF_IDS OUT TOKEN
	while [ ! -f "$T/stop" ]; do
		for id in $(cat "$1"); do
			r=$(curl -s --max-time 5 -H "Authorization: Bearer $3" -H 'Content-Type: application/json' \
				--data-binary '{"percent": 40, "note": "sao lưu"}' \
				"$BASE/api/v1/assignments/$id/reports") || continue
			echo "$r" | jq -r 'select(.id != null) | .id' >>"$2" 2>/dev/null
		done
	done
}
: >"$T/acked1"; : >"$T/acked2"; : >"$T/acked3"
stream "$T/ids1" "$T/acked1" "$ONE" & c1=$!
stream "$T/ids2" "$T/acked2" "$TWO" & c2=$!
stream "$T/ids1" "$T/acked3" "$ONE" & c3=$!
at_exit "touch $T/stop; kill $c1 $c2 $c3 2>/dev/null"
i=0
while [ "$(cat "$T/acked1" "$T/acked2" "$T/acked3" | wc -l)" -lt 60 ] && [ $i -lt 600 ]; do
	sleep 0.05; i=$((i + 1))
done
# What was acknowledged before the backup began (a line being written may
# be cut: keep whole numbers only).
cat "$T/acked1" "$T/acked2" "$T/acked3" | grep -E '^[0-9]+$' | sort >"$T/before"
"$CCHC" backup --db "$T/cchc.db" -o "$T/b.zip" >"$T/backup.out" 2>"$T/backup.err"
eq "backup while clients write" "$?" "0"
# The writers went on during the backup.
sleep 0.3
touch "$T/stop"; wait $c1 $c2 $c3
cat "$T/acked1" "$T/acked2" "$T/acked3" | grep -E '^[0-9]+$' | sort >"$T/after"
BEFORE=$(wc -l <"$T/before"); AFTER=$(wc -l <"$T/after")
check "reports acknowledged before the backup ($BEFORE) and after it ($AFTER)" test "$BEFORE" -ge 60 -a "$AFTER" -gt "$BEFORE"
check "progress lines off a terminal" grep -q '^backup: done, ' "$T/backup.err"
check "no bar off a terminal" sh -c "! grep -q \"$(printf '\r')\" '$T/backup.err'"
check "archive readable by its owner alone" test "$(stat -c %a "$T/b.zip")" = 600
unzip -Z1 "$T/b.zip" | sort >"$T/members"
check "archive holds the database, manifest and both evidence files" test "$(grep -c -e '^cchc.db$' -e '^manifest.json$' \
	-e "^evidence/$(echo "$SHA_TXT" | cut -c1-2)/$SHA_TXT\$" -e "^evidence/$(echo "$SHA_PDF" | cut -c1-2)/$SHA_PDF\$" "$T/members")" = 4
for f in qd tb; do
	SHA=$(sha256sum "$T/$f.pdf" | cut -c1-64)
	check "archive holds the $f document" grep -qx "evidence/$(echo "$SHA" | cut -c1-2)/$SHA" "$T/members"
done
check "no temporary file left beside the archive" test "$(ls "$T" | grep -c '^b\.zip')" = 1

"$CCHC" restore "$T/b.zip" --data-dir "$T/restored" >"$T/restore.out" 2>"$T/restore.err"
eq "restore" "$?" "0"
sqlite3 "$T/restored/cchc.db" 'SELECT id FROM report' | sort >"$T/copied"
eq "every report acknowledged before the backup is in the copy" "$(comm -23 "$T/before" "$T/copied" | wc -l)" "0"
REPORTS=$(wc -l <"$T/copied")
eq "the copy counts what the backup counted" "$(sed -n 's/^ *\([0-9]*\) reports,.*/\1/p' "$T/backup.out")" "$REPORTS"
eq "the restore counts the same" "$(sed -n 's/^ *\([0-9]*\) reports,.*/\1/p' "$T/restore.out")" "$REPORTS"
check "the copy is of one moment: nothing acknowledged after it finished is missing from the live database" \
	test "$(sqlite3 "$T/cchc.db" 'SELECT count(*) FROM report')" -ge "$REPORTS"
"$CCHC" audit verify --db "$T/restored/cchc.db" >"$T/verify.out" 2>&1
eq "audit verify holds on the copy" "$?" "0"
check "evidence restored under its hash" cmp "$T/big.pdf" "$T/restored/evidence/$(echo "$SHA_PDF" | cut -c1-2)/$SHA_PDF"
check "nothing else in the restored folder" test "$(ls -A "$T/restored" | tr '\n' ' ')" = "cchc.db evidence "

# The restored copy serves, evidence included.
stop_server
cp "$T/cchc.db" "$T/live-saved.db" 2>/dev/null
LIVE_DB=$T/cchc.db
mv "$T/cchc.db" "$T/live.db"; rm -f "$T/cchc.db-wal" "$T/cchc.db-shm"
cp "$T/restored/cchc.db" "$T/cchc.db"
serve_again --data-dir "$T/restored"
TOKEN=$ONE
req GET "/api/v1/evidence/$SHA_PDF"
eq "the restored server hands out the evidence" "$STATUS" "200"
check "byte for byte" cmp "$T/body" "$T/big.pdf"
TOKEN=$ADMIN
req GET "/api/v1/discipline-cases/$CASE/documents/$CASE_DOC"
eq "the restored server hands out the case's decision" "$STATUS" "200"
check "the decision byte for byte" cmp "$T/body" "$T/qd.pdf"
req GET "/api/v1/inspections/$INSP/documents/$INSP_DOC"
eq "and the inspection's conclusion" "$STATUS" "200"
check "the conclusion byte for byte" cmp "$T/body" "$T/tb.pdf"
stop_server

# Faults.  A target that holds a database: refused, the database untouched.
SUM=$(sha256sum "$T/restored/cchc.db")
"$CCHC" restore "$T/b.zip" --data-dir "$T/restored" >/dev/null 2>"$T/err"
eq "restore over a database refused" "$?" "1"
check "says why" grep -q 'already holds a database' "$T/err"
eq "the database there is untouched" "$(sha256sum "$T/restored/cchc.db")" "$SUM"
mkdir "$T/busy"; echo x >"$T/busy/notes.txt"
"$CCHC" restore "$T/b.zip" --data-dir "$T/busy" >/dev/null 2>"$T/err"
eq "restore into a folder that is not empty refused" "$?" "1"
check "the folder is as it was" test "$(ls -A "$T/busy")" = "notes.txt"

# restore_refused NAME ARCHIVE PATTERN: refused with PATTERN in the message,
# and no target folder left behind.
restore_refused() {
	rm -rf "$T/r2"
	"$CCHC" restore "$2" --data-dir "$T/r2" >/dev/null 2>"$T/err"
	eq "$1: exit" "$?" "1"
	check "$1: says '$3' ($(cat "$T/err"))" grep -q "$3" "$T/err"
	check "$1: nothing written" test ! -e "$T/r2"
	grep -q "AddressSanitizer\|runtime error" "$T/err" && fail "$1: sanitizer report"
}
SIZE=$(stat -c %s "$T/b.zip")
head -c $((SIZE / 2)) "$T/b.zip" >"$T/truncated.zip"
restore_refused "truncated archive" "$T/truncated.zip" "not a readable backup"
# Damage inside the stored 3 MB evidence: its CRC no longer holds.
cp "$T/b.zip" "$T/damaged.zip"
OFF=$(unzip -v "$T/b.zip" >/dev/null; grep -boa 'PDF-1.4' "$T/b.zip" | head -n 1 | cut -d: -f1)
printf 'XXXXXXXX' | dd of="$T/damaged.zip" bs=1 seek=$((OFF + 100000)) conv=notrunc 2>/dev/null
restore_refused "damaged member" "$T/damaged.zip" "damaged"
# A manifest whose hash does not match the file (the zip itself intact).
mkdir "$T/x"; (cd "$T/x" && unzip -q "$T/b.zip")
jq '(.files[] | select(.path == "cchc.db") | .sha256) |= ((if .[0:1] == "0" then "1" else "0" end) + .[1:])' \
	"$T/x/manifest.json" >"$T/m.json"
cp "$T/m.json" "$T/x/manifest.json"
(cd "$T/x" && zip -q -r -D "$T/altered.zip" .)
restore_refused "manifest hash mismatch" "$T/altered.zip" "does not match its manifest"
# A member the manifest does not name, and a manifest naming a path outside.
cp "$T/altered.zip" "$T/extra.zip"; unzip -p "$T/b.zip" manifest.json >"$T/x/manifest.json"
rm "$T/extra.zip"; echo hi >"$T/x/extra.txt"; (cd "$T/x" && zip -q -r -D "$T/extra.zip" .); rm "$T/x/extra.txt"
restore_refused "member not in the manifest" "$T/extra.zip" "does not name"
jq '.files[0].path = "../../etc/evil"' "$T/x/manifest.json" >"$T/m.json"; cp "$T/m.json" "$T/x/manifest.json"
(cd "$T/x" && zip -q -r -D "$T/escape.zip" .)
restore_refused "path outside the target" "$T/escape.zip" "neither the database nor an evidence file"
printf 'not a zip at all' >"$T/text.zip"
restore_refused "not an archive" "$T/text.zip" "not a readable backup"
"$CCHC" restore "$T/b.zip" >/dev/null 2>&1; eq "restore without --data-dir: usage" "$?" "2"
"$CCHC" backup --db "$T/live.db" >/dev/null 2>&1; eq "backup without -o: usage" "$?" "2"
"$CCHC" backup --db "$T/live.db" -o "$T/b.zip" >/dev/null 2>"$T/err"
eq "backup over an existing file refused" "$?" "1"
check "the old archive is untouched" test "$(stat -c %s "$T/b.zip")" = "$SIZE"
"$CCHC" backup --db "$T/nowhere.db" -o "$T/n.zip" >/dev/null 2>"$T/err"
eq "backup of a missing database refused" "$?" "1"
check "and creates none" test ! -e "$T/nowhere.db"

# Progress: plain lines off a terminal (init and import too), a bar on one.
check "init --demo shows its progress off a terminal" grep -q '^demo: done in' "$T/init.log"
"$CCHC" import "$TESTS_TOP/tests/docs/00-473-UBND-NC.txt" --db "$T/live.db" >/dev/null 2>"$T/err"
check "import shows its steps off a terminal" grep -q '^import: done in' "$T/err"
rm -rf "$T/r3"
script -qec "'$CCHC' restore '$T/b.zip' --data-dir '$T/r3'" /dev/null >"$T/tty.out" 2>&1
eq "restore on a terminal" "$?" "0"
check "a bar redrawn in place on a terminal" grep -q "$(printf '\r')restore \[#*-*\] " "$T/tty.out"

# A disk that fills: a small file system of its own (a private mount).
# 2 MB: the database copy itself does not fit.  5 MB: the copy fits but not
# the archive with the 3 MB evidence beside it.  Either way: exit 1, a
# message, and nothing left on that disk.
# As root a mount namespace is enough; a user namespace (-r) lets anyone
# else make one, but not inside a chroot (unshare(2): EPERM).
private_mount="unshare -rm"
[ "$(id -u)" = 0 ] && private_mount="unshare -m"
full_disk() { # SIZE COMMAND...
	size=$1; shift
	$private_mount sh -c 'mount -t tmpfs -o size=$1 tmpfs "$2" && shift 2 && "$@"; rc=$?; ls -A "$0" >"$0.left"; exit $rc' \
		"$T/small" "$size" "$T/small" "$@"
}
mkdir "$T/small"
if $private_mount true 2>/dev/null; then
	for size in 2m 5m; do
		full_disk $size "$CCHC" backup --db "$T/live.db" --data-dir "$T/restored" -o "$T/small/b.zip" >/dev/null 2>"$T/err"
		eq "backup onto a full disk ($size) fails" "$?" "1"
		check "says the disk is full ($size): $(tail -n 1 "$T/err")" grep -qi 'full\|no space' "$T/err"
		eq "nothing left on the full disk ($size)" "$(cat "$T/small.left")" ""
	done
	full_disk 2m "$CCHC" restore "$T/b.zip" --data-dir "$T/small/r" >/dev/null 2>"$T/err"
	eq "restore onto a full disk fails" "$?" "1"
	check "says the disk is full: $(tail -n 1 "$T/err")" grep -qi 'full\|no space' "$T/err"
	eq "nothing left on the full disk" "$(cat "$T/small.left")" ""
else
	skip "a full disk needs a private tmpfs mount" "run where '$private_mount' is allowed"
fi
finish
