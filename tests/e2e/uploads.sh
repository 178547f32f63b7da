# Uploads wait for permission: a progress report's evidence is stored only
# when the sender may report on the assignment, decided before any byte of
# the body is read.
. "$(dirname "$0")/../lib/fixture.sh"
start_server --demo
req POST /api/v1/tasks '{"document_id": 2, "field": "TTHC", "title": "Tải lên", "deadline": "2030-12-31", "lead": ["'"$OWN_UNIT"'"]}'
eq "task created" "$STATUS" 201
ASG=$(j '.assignments[0].id')
OWN=$(token_for unit_officer "$OWN_UNIT")
STRANGER=$(token_for unit_officer "$OTHER_UNIT")
EVIDENCE="$T/evidence"
printf 'biên bản kiểm tra\n' >"$T/own.txt"
printf 'tệp của người lạ %s\n' "$$" >"$T/stranger.txt"

# stored: how many files the evidence folder holds (temporary ones too).
stored() { find "$EVIDENCE" -type f 2>/dev/null | wc -l; }
# upload TOKEN FILE: a multipart report on the assignment.
upload() {
	STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $1" -F percent=20 \
		-F "evidence=@$2;filename=bien-ban.txt" "$BASE/api/v1/assignments/$ASG/reports")
}

# The unit's own officer: stored, and the file is there.
upload "$OWN" "$T/own.txt"
eq "own officer's report" "$STATUS" 201
eq "one file stored" "$(stored)" 1
BEFORE=$(stored)

# Another commune's officer: 403, and nothing new under the evidence folder.
upload "$STRANGER" "$T/stranger.txt"
eq "stranger's report" "$STATUS" 403
eq "stranger told why" "$(j .error.code)" "forbidden"
eq "nothing stored for the stranger" "$(stored)" "$BEFORE"
SHA=$(sha256sum "$T/stranger.txt" | cut -c1-64)
check "stranger's file absent" test ! -e "$EVIDENCE/$(echo "$SHA" | cut -c1-2)/$SHA"

# An assignment that does not exist: 404 before the body, nothing stored.
STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $OWN" -F percent=20 \
	-F "evidence=@$T/stranger.txt" "$BASE/api/v1/assignments/999999/reports")
eq "unknown assignment" "$STATUS" 404
eq "nothing stored for it" "$(stored)" "$BEFORE"
finish
