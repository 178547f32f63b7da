# The permission matrix: every route `cchc routes` lists × every role
# (admin, leader, lead_agency, unit_officer, unit_head, inspector, viewer,
# anonymous) × the role's own unit and another unit, against a real server
# on the demo database.  The routes come from the binary, so a route added
# without a row in the expectations below fails this test.
#
# Cells: y allowed (a GET answers 200; a write anything but 401, 403 or
# 5xx), n forbidden (403), a not signed in (401).  Writes send bodies that
# name their target and are otherwise invalid, so an allowed write is
# refused (422) after the permission check and writes nothing; the writes
# that take no body get targets that stay valid however often they are
# tried (or a fresh one per case), so no case depends on another's order.
. "$(dirname "$0")/../lib/fixture.sh"
DOCS="$(cd "$(dirname "$0")/../docs" && pwd)"
start_server --demo

tok() { "$CCHC" token create --db "$DB" --user "$1" || exit 1; }
ROLES="admin leader lead_agency unit_officer unit_head inspector viewer anonymous"
TOK_admin=$ADMIN TOK_leader=$(tok lanhdao) TOK_lead_agency=$(tok snv) TOK_unit_officer=$(tok canbo.duclong)
TOK_unit_head=$(tok chutich.duclong) TOK_inspector=$(tok thanhtra) TOK_viewer=$(tok xem) TOK_anonymous=
# Each role's own unit (snv leads CDDH, where the own work lies); the other
# unit's work is in TTHC, which the PPC Office leads.
HOME_admin=04 HOME_leader=04 HOME_lead_agency=SNV HOME_unit_officer=01822 HOME_unit_head=01822
HOME_inspector=TTT HOME_viewer=04 HOME_anonymous=01822
OTHER=01273
UNITS="04 SNV 01822 TTT $OTHER"

# --- fixtures: per unit a task's assignments, a report with evidence, a
# completion awaiting the head, a notification, a contact, a unit report.
OFF_01822=$TOK_unit_officer
for u in 04 SNV TTT $OTHER; do eval "OFF_$u=\$(account f.officer.$(echo $u | tr A-Z a-z) $u unit_officer)"; done
TOKEN=$ADMIN
req POST /api/v1/tasks '{"document_id": 2, "field": "CDDH", "title": "Ma trận quyền", "recurrence": "quarterly", "year": 2026, "lead": ["04", "SNV", "01822", "TTT"]}'
cp "$T/body" "$T/task-own"
req POST /api/v1/tasks "{\"document_id\": 2, \"field\": \"TTHC\", \"title\": \"Ma trận quyền\", \"recurrence\": \"quarterly\", \"year\": 2026, \"lead\": [\"$OTHER\"]}"
cp "$T/body" "$T/task-other"
for u in $UNITS; do
	f=$T/task-own; [ "$u" = "$OTHER" ] && f=$T/task-other
	# Quarters: Q1 stays open (overdue, for a reminder), Q2 gets a report
	# with evidence, Q3 a completion for the head to confirm.
	q() { jq -r --arg u "$u" --argjson k "$1" '[.assignments[] | select(.unit_code == $u)] | sort_by(.deadline) | .[$k].id' "$f"; }
	eval "TASK_$u=$(jq .id "$f") ASG_$u=$(q 1)"
	eval "TOKEN=\$OFF_$u"
	printf 'minh chứng của %s\n' "$u" >"$T/ev-$u.txt"
	STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -F percent=5 \
		-F "evidence=@$T/ev-$u.txt" "$BASE/api/v1/assignments/$(q 1)/reports")
	eq "fixture evidence for $u" "$STATUS" 201
	eval "EV_$u=$(j '.evidence[0].sha256')"
	req POST "/api/v1/assignments/$(q 2)/reports" '{"percent": 100, "completed_on": "2026-03-01"}'
	eq "fixture completion for $u" "$STATUS $(j .confirmed_by)" "201 null"
	eval "REP_$u=$(j .id)"
	req GET "/api/v1/units/$u/reports/2026-Q1"
	eq "fixture unit report for $u" "$STATUS" 200
	TOKEN=$ADMIN
	req POST "/api/v1/units/$u/contacts" "{\"role\": \"officer\", \"email\": \"matrix-$u@example.org\"}"
	eq "fixture contact for $u" "$STATUS" 201
	eval "CONTACT_$u=$(j .id)"
done
# The PAR index: each unit's 2026 assessment from the demo.  The province
# (04) is not assessed: its rows use SNV's, which only roles that read or
# act on every unit's (admin, leader) or none (viewer) meet there.
for u in $UNITS; do
	req GET "/api/v1/par/assessments?year=2026"
	eval "PARA_$u=$(j "[.[] | select(.unit_code == \"$([ "$u" = 04 ] && echo SNV || echo "$u")\")][0].id")"
done
# The first working day after Q1's deadline: each unit's Q1 is overdue.
"$CCHC" remind --db "$DB" --as-of 2026-04-01 >"$T/remind.log" 2>&1 || { cat "$T/remind.log"; exit 1; }
for u in $UNITS; do
	req GET "/api/v1/notifications?unit=$u&limit=1"
	eval "NOTIF_$u=$(j '.items[0].id')"
	check "fixture notification for $u" test "$(j '.items[0].id')" != null
done
indicator() { # FIELD: an indicator of the field, made when the demo has none
	req GET /api/v1/indicators
	id=$(j "[.[] | select(.field_code == \"$1\")][0].id")
	if [ "$id" = null ]; then
		req POST /api/v1/indicators "{\"plan_id\": $PLAN, \"field\": \"$1\", \"code\": \"MATRIX-$1\", \"name\": \"m\", \"measure\": \"%\", \"comparison\": \">=\", \"target\": 1}"
		id=$(j .id)
	fi
	echo "$id"
}
req GET /api/v1/plans; PLAN=$(j '.[0].id')
IND_CDDH=$(indicator CDDH) IND_TTHC=$(indicator TTHC)
req GET /api/v1/documents; DOC=$(j '.[0].id')
jq -Rs '{text: ., name: "matrix.txt"}' "$DOCS/01-cv-crlf.txt" >"$T/doc.json"
fresh_draft() {
	STATUS=$(curl -s -o "$T/draft" -w '%{http_code}' -H "Authorization: Bearer $ADMIN" \
		-H 'Content-Type: application/json' --data-binary @"$T/doc.json" "$BASE/api/v1/documents")
	[ "$STATUS" = 201 ] || { echo "no draft: $STATUS $(cat "$T/draft")" >&2; exit 1; }
	jq .id "$T/draft"
}
DRAFT=$(fresh_draft)
# Feedback (issue 17): per unit one entered by the admin and forwarded to it.
TOKEN=$ADMIN
for u in $UNITS; do
	req POST /api/v1/feedback '{"channel": "letter", "content": "Ma trận quyền", "name": "Người gửi", "address": "Cao Bằng"}'
	eq "fixture feedback for $u" "$STATUS" 201
	eval "FB_$u=$(j .id) FBCODE_$u=$(j .code)"
	req POST "/api/v1/feedback/$(j .id)/classify" "{\"decision\": \"forward\", \"unit\": \"$u\"}"
	eq "fixture feedback forwarded to $u" "$STATUS" 200
done
# Inspections (issue 15): per unit a self-inspection plan, an inspection of
# it left planned, and a finding of a concluded one (its own: no one of
# the unit verifies it).
TOKEN=$ADMIN
for u in $UNITS; do
	req POST /api/v1/inspection-plans "{\"year\": 2026, \"inspecting_unit\": \"$u\", \"kind\": \"self\", \"title\": \"Tự kiểm tra\"}"
	eq "fixture inspection plan for $u" "$STATUS" 201
	iplan=$(j .id)
	eval "IPLAN_$u=$iplan"
	for k in 1 2; do
		req POST /api/v1/inspections "{\"plan_id\": $iplan, \"title\": \"Kiểm tra\", \"team\": [\"A\"], \"units\": [\"$u\"], \"fields\": [\"CDDH\"], \"planned_from\": \"2026-03-02\", \"planned_to\": \"2026-03-06\"}"
		eq "fixture inspection for $u" "$STATUS" 201
		[ $k = 1 ] && eval "INSP_$u=$(j .id)"
	done
	req POST "/api/v1/inspections/$(j .id)/start" '{"started_on": "2026-03-02"}'
	req POST "/api/v1/inspections/$(j .id)/conclude" '{"conclusion": "Kết luận", "concluded_on": "2026-03-06"}'
	req POST "/api/v1/inspections/$(j .id)/findings" "{\"unit\": \"$u\", \"field\": \"CDDH\", \"severity\": \"minor\", \"content\": \"x\", \"recommendation\": \"y\", \"due_workdays\": 5}"
	eq "fixture finding for $u" "$STATUS" 201
	eval "FINDING_$u=$(j .id)"
done
# Discipline cases (issue 15): per unit one case of an official of the unit.
TOKEN=$ADMIN
for u in $UNITS; do
	req POST /api/v1/discipline-cases "{\"unit\": \"$u\", \"person_name\": \"Người $u\", \"position\": \"Chuyên viên\", \"group\": \"cong_chuc\", \"act\": \"Vi phạm\", \"severity\": \"minor\", \"occurred_on\": \"2026-03-02\", \"discovered_on\": \"2026-03-09\"}"
	eq "fixture discipline case for $u" "$STATUS" 201
	eval "DCASE_$u=$(j .id)"
done
# Their documents (0016): per unit the case's decision and the inspection's
# conclusion notice, uploaded as files.
printf '%%PDF-1.4\n%%%%EOF\n' >"$T/doc.pdf"
for u in $UNITS; do
	for kind in discipline-cases/DCASE inspections/INSP; do
		eval "owner=\$${kind#*/}_$u"
		STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $ADMIN" \
			-F "evidence=@$T/doc.pdf;filename=vb.pdf" "$BASE/api/v1/${kind%/*}/$owner/documents")
		eq "fixture document of ${kind%/*} for $u" "$STATUS" 201
		eval "${kind#*/}DOC_$u=$(j .id)"
	done
done
STATIC=$(curl -s "$BASE/" | sed -n 's|.*"/static/\([^"]*\)".*|\1|p' | head -n 1)
check "the page names a static file" test -n "$STATIC"

# Feedback with a file (issue 17, 0018): per unit one sent from the public
# form with an attachment and forwarded to it (room made for them in the
# per-address limit).
TOKEN=$ADMIN
req PUT /api/v1/feedback/settings '{"rate_limit": 1000, "challenge_after": 1000}'
eq "room for the fixture feedback with files" "$STATUS" 200
for u in $UNITS; do
	TOKEN=
	req POST /public/feedback '{"content": "Ma trận quyền, có tệp", "name": "Người gửi", "phone": "0912345678", "attachments": [{"name": "don.pdf", "content_base64": "JVBERi0xLjQK"}]}'
	eq "fixture feedback with a file for $u" "$STATUS" 201
	fba=$(j .id)
	TOKEN=$ADMIN
	req POST "/api/v1/feedback/$fba/classify" "{\"decision\": \"forward\", \"unit\": \"$u\"}"
	eq "fixture feedback with a file forwarded to $u" "$STATUS" 200
	req GET "/api/v1/feedback/$fba/attachments"
	eval "FBA_$u=$fba FBATT_$u=$(j '.items[0].id')"
done

# --- the expectations --------------------------------------------------------
# METHOD PATTERN | path | body (- for none) | own unit | other unit
# Columns of a cell list: admin leader lead_agency unit_officer unit_head inspector viewer anonymous.
# In paths and bodies: @UNIT@, @TASK@, @ASG@ (an assignment of the unit's
# task), @REP@ (a completion awaiting the head), @EV@, @NOTIF@, @CONTACT@,
# @FIELD@ (CDDH own, TTHC other), @IND@ (an indicator of @FIELD@),
# @FB@ and @FBCODE@ (a feedback forwarded to the unit, and its code),
# @FRESH_DRAFT@ (made for this case), @PARA@ (the unit's PAR assessment),
# and @PLAN@ @DOC@ @DRAFT@ @STATIC@;
# @IPLAN@ @INSP@ @FINDING@: the unit's self-inspection plan, a planned
# inspection of it and a finding (issue 15).  A unit never verifies its
# own remediation: nobody of the unit, the admin included (unit 04), may
# verify @FINDING@ in the own column.
# @FBA@ and @FBATT@: a public feedback with a file, forwarded to the unit,
# and its file (issue 17): only the handling and the receiving unit see it.
# @DCASE@: a discipline case of the unit (issue 15): only the unit's head,
# Home Affairs (snv), the inspectorate, leaders and the admin open it.
# Drafts belong to no unit; the one made here (tests/docs/01-cv-crlf.txt)
# has tasks outside snv's fields, so snv may not confirm it.
cat >"$T/expect" <<'EXPECT'
GET /|/|-|y y y y y y y y|y y y y y y y y
GET /static/{name}|/static/@STATIC@|-|y y y y y y y y|y y y y y y y y
GET /api/v1/health|/api/v1/health|-|y y y y y y y y|y y y y y y y y
POST /api/v1/session|/api/v1/session|{}|y y y y y y y y|y y y y y y y y
GET /api/v1/session|/api/v1/session|-|y y y y y y y y|y y y y y y y y
DELETE /api/v1/session|/api/v1/session|-|y y y y y y y a|y y y y y y y a
GET /api/v1/audit|/api/v1/audit?entity=assignment&id=@ASG@|-|y y y y y y n a|y y n n n y n a
GET /api/v1/audit/export|/api/v1/audit/export|-|y y n n n n n a|y y n n n n n a
GET /api/v1/units|/api/v1/units|-|y y y y y y y a|y y y y y y y a
GET /api/v1/units/{id}|/api/v1/units/@UNIT@|-|y y y y y y y a|y y y y y y y a
GET /api/v1/fields|/api/v1/fields|-|y y y y y y y a|y y y y y y y a
GET /api/v1/plans|/api/v1/plans|-|y y y y y y y a|y y y y y y y a
POST /api/v1/plans|/api/v1/plans|{"issuer": "@UNIT@", "title": 5}|y n y n y n n a|y n n n n n n a
GET /api/v1/plans/{id}|/api/v1/plans/@PLAN@|-|y y y y y y y a|y y y y y y y a
GET /api/v1/indicators|/api/v1/indicators|-|y y y y y y y a|y y y y y y y a
POST /api/v1/indicators|/api/v1/indicators|{"field": "@FIELD@", "code": 5}|y n y n n n n a|y n n n n n n a
GET /api/v1/indicators/{id}|/api/v1/indicators/@IND@|-|y y y y y y y a|y y y y y y y a
GET /api/v1/indicators/{id}/measurements|/api/v1/indicators/@IND@/measurements|-|y y y y y y y a|y y y y y y y a
POST /api/v1/indicators/{id}/measurements|/api/v1/indicators/@IND@/measurements|{"unit": "@UNIT@", "value": "x"}|n n y y y n n a|n n n n n n n a
GET /api/v1/tasks|/api/v1/tasks|-|y y y y y y y a|y y y y y y y a
POST /api/v1/tasks|/api/v1/tasks|{"field": "@FIELD@", "title": 5}|y n y n n n n a|y n n n n n n a
GET /api/v1/tasks/{id}|/api/v1/tasks/@TASK@|-|y y y y y y y a|y y y y y y y a
PATCH /api/v1/tasks/{id}|/api/v1/tasks/@TASK@|{"title": 5}|y n y n n n n a|y n n n n n n a
GET /api/v1/assignments|/api/v1/assignments?unit=@UNIT@|-|y y y y y y y a|y y y y y y y a
GET /api/v1/assignments/{id}|/api/v1/assignments/@ASG@|-|y y y y y y y a|y y y y y y y a
GET /api/v1/assignments/{id}/reports|/api/v1/assignments/@ASG@/reports|-|y y y y y y n a|y y n n n y n a
POST /api/v1/assignments/{id}/reports|/api/v1/assignments/@ASG@/reports|{"percent": "x"}|n n n y y n n a|n n n n n n n a
POST /api/v1/progress-reports/{id}/confirm|/api/v1/progress-reports/@REP@/confirm|-|n n n n y n n a|n n n n n n n a
GET /api/v1/evidence/{sha256}|/api/v1/evidence/@EV@|-|y y y y y y n a|y y n n n y n a
GET /api/v1/dashboard|/api/v1/dashboard|-|y y y y y y y a|y y y y y y y a
GET /api/v1/reports/{period}|/api/v1/reports/2026-Q1|-|y y y y y y y a|y y y y y y y a
GET /api/v1/reports/{period}/charts/{name}|/api/v1/reports/2026-Q1/charts/status-by-field.svg|-|y y y y y y y a|y y y y y y y a
GET /api/v1/report-rules|/api/v1/report-rules|-|y y y y y y y a|y y y y y y y a
PUT /api/v1/report-rules|/api/v1/report-rules|{"rules": 5}|y n n n n n n a|y n n n n n n a
GET /api/v1/units/{unit}/reports/{period}|/api/v1/units/@UNIT@/reports/2026-Q1|-|y y y y y y n a|y y y n n y n a
PUT /api/v1/units/{unit}/reports/{period}|/api/v1/units/@UNIT@/reports/2026-Q1|{"narrative": 5}|n n n y y n n a|n n n n n n n a
POST /api/v1/units/{unit}/reports/{period}/submit|/api/v1/units/@UNIT@/reports/2026-Q1/submit|-|n n n y y n n a|n n n n n n n a
POST /api/v1/units/{unit}/reports/{period}/return|/api/v1/units/@UNIT@/reports/2026-Q1/return|{"comments": 5}|y n y n n n n a|y n y n n n n a
POST /api/v1/units/{unit}/reports/{period}/accept|/api/v1/units/@UNIT@/reports/2026-Q1/accept|{"comments": 5}|y n y n n n n a|y n y n n n n a
GET /api/v1/unit-reports|/api/v1/unit-reports?period=2026-Q1|-|y y y y y y n a|y y y y y y n a
GET /api/v1/documents|/api/v1/documents|-|y y y y y y y a|y y y y y y y a
POST /api/v1/documents|/api/v1/documents|{}|y n y n n n n a|y n y n n n n a
GET /api/v1/documents/{id}|/api/v1/documents/@DOC@|-|y y y y y y y a|y y y y y y y a
GET /api/v1/drafts|/api/v1/drafts|-|y y y y y y y a|y y y y y y y a
GET /api/v1/drafts/{id}|/api/v1/drafts/@DRAFT@|-|y y y y y y y a|y y y y y y y a
PUT /api/v1/drafts/{id}|/api/v1/drafts/@FRESH_DRAFT@|{"document": 5}|y n y n n n n a|y n y n n n n a
DELETE /api/v1/drafts/{id}|/api/v1/drafts/@FRESH_DRAFT@|-|y n y n n n n a|y n y n n n n a
POST /api/v1/drafts/{id}/confirm|/api/v1/drafts/@FRESH_DRAFT@/confirm|-|y n n n n n n a|y n n n n n n a
GET /api/v1/calendar/overrides|/api/v1/calendar/overrides|-|y y y y y y y a|y y y y y y y a
POST /api/v1/calendar/overrides|/api/v1/calendar/overrides|{}|y n n n n n n a|y n n n n n n a
DELETE /api/v1/calendar/overrides/{date}|/api/v1/calendar/overrides/2031-01-02|-|y n n n n n n a|y n n n n n n a
GET /api/v1/calendar/holidays|/api/v1/calendar/holidays|-|y y y y y y y a|y y y y y y y a
GET /api/v1/notifications|/api/v1/notifications?unit=@UNIT@|-|y y n y y y n a|y y n n n y n a
POST /api/v1/notifications/{id}/read|/api/v1/notifications/@NOTIF@/read|-|y y n y y y n a|y y n n n y n a
GET /api/v1/units/{id}/contacts|/api/v1/units/@UNIT@/contacts|-|y y n y y y n a|y y n n n y n a
POST /api/v1/units/{id}/contacts|/api/v1/units/@UNIT@/contacts|{"role": 5}|y n n n n n n a|y n n n n n n a
DELETE /api/v1/contacts/{id}|/api/v1/contacts/@CONTACT@|-|y n n n n n n a|y n n n n n n a
POST /public/feedback|/public/feedback|{}|y y y y y y y y|y y y y y y y y
GET /public/feedback/{code}|/public/feedback/@FBCODE@|-|y y y y y y y y|y y y y y y y y
POST /public/feedback/{code}/rating|/public/feedback/@FBCODE@/rating|{"satisfied": 5}|y y y y y y y y|y y y y y y y y
GET /api/v1/feedback|/api/v1/feedback|-|y y y y y y n a|y y y y y y n a
POST /api/v1/feedback|/api/v1/feedback|{"content": 5}|y n n n n n n a|y n n n n n n a
GET /api/v1/feedback/stats|/api/v1/feedback/stats|-|y y y y y y n a|y y y y y y n a
GET /api/v1/feedback/settings|/api/v1/feedback/settings|-|y y y y y y n a|y y y y y y n a
PUT /api/v1/feedback/settings|/api/v1/feedback/settings|{"rate_limit": 0}|y n n n n n n a|y n n n n n n a
GET /api/v1/feedback/{id}|/api/v1/feedback/@FB@|-|y y y y y y n a|y y y y y y n a
POST /api/v1/feedback/{id}/classify|/api/v1/feedback/@FB@/classify|{"decision": 5}|y n n n n n n a|y n n n n n n a
POST /api/v1/feedback/{id}/answer|/api/v1/feedback/@FB@/answer|{"answer": 5}|n n n y y n n a|n n n n n n n a
POST /api/v1/feedback/{id}/approve|/api/v1/feedback/@FB@/approve|-|n n n n y n n a|n n n n n n n a
POST /api/v1/feedback/{id}/extend|/api/v1/feedback/@FB@/extend|{"workdays": "x"}|y n n n n n n a|y n n n n n n a
GET /api/v1/par/sets|/api/v1/par/sets|-|y y y y y y y a|y y y y y y y a
POST /api/v1/par/sets|/api/v1/par/sets|{"year": "x"}|y n y n n n n a|y n y n n n n a
GET /api/v1/par/sets/{id}|/api/v1/par/sets/1|-|y y y y y y y a|y y y y y y y a
POST /api/v1/par/sets/{id}/copy|/api/v1/par/sets/1/copy|{"year": "x"}|y n y n n n n a|y n y n n n n a
GET /api/v1/par/assessments|/api/v1/par/assessments?year=2026|-|y y y y y y n a|y y y y y y n a
POST /api/v1/par/assessments|/api/v1/par/assessments|{"unit": "@UNIT@", "year": "x"}|n n n y y n n a|n n n n n n n a
GET /api/v1/par/assessments/{id}|/api/v1/par/assessments/@PARA@|-|y y y y y y n a|y y y n n y n a
PUT /api/v1/par/assessments/{id}/scores|/api/v1/par/assessments/@PARA@/scores|{"scores": 5}|n n n y y n n a|n n n n n n n a
POST /api/v1/par/assessments/{id}/submit|/api/v1/par/assessments/@PARA@/submit|-|n n n n y n n a|n n n n n n n a
POST /api/v1/par/assessments/{id}/appraise|/api/v1/par/assessments/@PARA@/appraise|{"scores": 5}|n n y n n n n a|n n y n n n n a
GET /api/v1/par/results|/api/v1/par/results?year=2026|-|y y y y y y n a|y y y y y y n a
GET /api/v1/par/assessments/{id}/proposals|/api/v1/par/assessments/@PARA@/proposals|-|y y y y y y n a|y y y n n y n a
POST /api/v1/par/assessments/{id}/proposals|/api/v1/par/assessments/@PARA@/proposals|{"code": 5}|n n n y y n n a|n n n n n n n a
GET /api/v1/par/assessments/{id}/evidence|/api/v1/par/assessments/@PARA@/evidence|-|y y y y y y n a|y y y n n y n a
POST /api/v1/par/assessments/{id}/evidence|/api/v1/par/assessments/@PARA@/evidence|{"code": 5}|n n n y y n n a|n n n n n n n a
DELETE /api/v1/par/assessments/{id}/evidence/{eid}|/api/v1/par/assessments/@PARA@/evidence/999999|-|n n n y y n n a|n n n n n n n a
GET /api/v1/inspection-plans|/api/v1/inspection-plans|-|y y y y y y y a|y y y y y y y a
POST /api/v1/inspection-plans|/api/v1/inspection-plans|{"inspecting_unit": "@UNIT@", "title": 5}|y n y n y y n a|y n n n n n n a
GET /api/v1/inspection-plans/{id}|/api/v1/inspection-plans/@IPLAN@|-|y y y y y y y a|y y y y y y y a
GET /api/v1/inspections|/api/v1/inspections?unit=@UNIT@|-|y y y y y y y a|y y y y y y y a
POST /api/v1/inspections|/api/v1/inspections|{"plan_id": @IPLAN@, "title": 5}|y n y n y y n a|y n n n n n n a
GET /api/v1/inspections/{id}|/api/v1/inspections/@INSP@|-|y y y y y y y a|y y y y y y y a
POST /api/v1/inspections/{id}/start|/api/v1/inspections/@INSP@/start|{"started_on": 5}|y n y n y y n a|y n n n n n n a
POST /api/v1/inspections/{id}/conclude|/api/v1/inspections/@INSP@/conclude|{"conclusion": 5}|y n y n y y n a|y n n n n n n a
POST /api/v1/inspections/{id}/findings|/api/v1/inspections/@INSP@/findings|{"unit": 5}|y n y n y y n a|y n n n n n n a
GET /api/v1/findings|/api/v1/findings?unit=@UNIT@|-|y y y y y y y a|y y y y y y y a
POST /api/v1/findings/{id}/verify|/api/v1/findings/@FINDING@/verify|{"decision": 5}|n n n n n n n a|y n n n n n n a
GET /api/v1/discipline-cases|/api/v1/discipline-cases?unit=@UNIT@|-|y y y n y y n a|y y y n n y n a
POST /api/v1/discipline-cases|/api/v1/discipline-cases|{"unit": "@UNIT@", "person_name": 5}|y n y n y n n a|y n y n n n n a
GET /api/v1/discipline-cases/{id}|/api/v1/discipline-cases/@DCASE@|-|y y y n y y n a|y y y n n y n a
POST /api/v1/discipline-cases/{id}/steps|/api/v1/discipline-cases/@DCASE@/steps|{"step": 5}|y n y n y n n a|y n y n n n n a
GET /api/v1/discipline-forms|/api/v1/discipline-forms|-|y y y y y y y a|y y y y y y y a
GET /api/v1/discipline-counts|/api/v1/discipline-counts?year=2026|-|y y y y y y y a|y y y y y y y a
GET /healthz|/healthz|-|y y y y y y y y|y y y y y y y y
GET /readyz|/readyz|-|y y y y y y y y|y y y y y y y y
GET /metrics|/metrics|-|y y y y y y y y|y y y y y y y y
GET /api/v1/openapi.json|/api/v1/openapi.json|-|y y y y y y y y|y y y y y y y y
GET /api/docs|/api/docs|-|y y y y y y y y|y y y y y y y y
GET /public/|/public/|-|y y y y y y y y|y y y y y y y y
GET /public/data.json|/public/data.json|-|y y y y y y y y|y y y y y y y y
GET /public/data.csv|/public/data.csv|-|y y y y y y y y|y y y y y y y y
GET /public/feed.atom|/public/feed.atom|-|y y y y y y y y|y y y y y y y y
POST /public/feedback/{code}|/public/feedback/@FBCODE@|{"satisfied": 5}|y y y y y y y y|y y y y y y y y
GET /api/v1/inspections/summary|/api/v1/inspections/summary?year=2026|-|y y y y y y y a|y y y y y y y a
GET /public/feedback/challenge|/public/feedback/challenge|-|y y y y y y y y|y y y y y y y y
POST /api/v1/feedback/{id}/mark|/api/v1/feedback/@FB@/mark|{"mark": 5}|y n n n n n n a|y n n n n n n a
GET /sw.js|/sw.js|-|y y y y y y y y|y y y y y y y y
POST /api/v1/par/sets/upload|/api/v1/par/sets/upload|{}|y n y n n n n a|y n y n n n n a
GET /api/v1/par/assessments/{id}/sheet|/api/v1/par/assessments/@PARA@/sheet|-|y y y y y y n a|y y y n n y n a
POST /api/v1/par/survey|/api/v1/par/survey?year=2026|{}|y n y n n n n a|y n y n n n n a
PUT /api/v1/par/sets/{id}|/api/v1/par/sets/1|{"year": "x"}|y n y n n n n a|y n y n n n n a
POST /api/v1/par/assessments/{id}/take|/api/v1/par/assessments/@PARA@/take|-|n n y n n n n a|n n y n n n n a
POST /api/v1/par/assessments/{id}/explain|/api/v1/par/assessments/@PARA@/explain|{"questions": 5}|n n y n n n n a|n n y n n n n a
POST /api/v1/par/assessments/{id}/answer|/api/v1/par/assessments/@PARA@/answer|{"answers": 5}|n n n y y n n a|n n n n n n n a
POST /api/v1/par/assessments/{id}/approve|/api/v1/par/assessments/@PARA@/approve|-|n y n n n n n a|n y n n n n n a
POST /api/v1/par/assessments/{id}/reopen|/api/v1/par/assessments/@PARA@/reopen|{"reason": 5}|n y n n n n n a|n y n n n n n a
POST /api/v1/discipline-cases/{id}/documents|/api/v1/discipline-cases/@DCASE@/documents|{}|y n y n y n n a|y n y n n n n a
GET /api/v1/discipline-cases/{id}/documents/{doc}|/api/v1/discipline-cases/@DCASE@/documents/@DDOC@|-|y y y n y y n a|y y y n n y n a
POST /api/v1/inspections/{id}/documents|/api/v1/inspections/@INSP@/documents|{}|y n y n y y n a|y n n n n n n a
GET /api/v1/inspections/{id}/documents/{doc}|/api/v1/inspections/@INSP@/documents/@IDOC@|-|y y y y y y y a|y y y y y y y a
GET /api/v1/feedback/{id}/attachments|/api/v1/feedback/@FBA@/attachments|-|y n n y y n n a|y n n n n n n a
GET /api/v1/feedback/{id}/attachments/{attachment}|/api/v1/feedback/@FBA@/attachments/@FBATT@|-|y n n y y n n a|y n n n n n n a
EXPECT

# --- every route has its row, every row its route ------------------------------
"$CCHC" routes | tail -n +2 | cut -f1,2 | tr '\t' ' ' >"$T/routes"
check "cchc routes lists the routes" test -s "$T/routes"
cut -d'|' -f1 "$T/expect" >"$T/keys"
while read -r route; do
	grep -qxF "$route" "$T/keys" || fail "no expectation for $route: add its row to tests/e2e/permissions.sh"
done <"$T/routes"
while read -r key; do
	grep -qxF "$key" "$T/routes" || fail "an expectation for $key, which is no route"
done <"$T/keys"

# One sed script per unit and scope puts the case's targets into a template.
for u in $UNITS; do
	eval "printf 's|@UNIT@|%s|g\ns|@TASK@|%s|g\ns|@ASG@|%s|g\ns|@REP@|%s|g\ns|@EV@|%s|g\ns|@NOTIF@|%s|g\ns|@CONTACT@|%s|g\n' \
		$u \"\$TASK_$u\" \"\$ASG_$u\" \"\$REP_$u\" \"\$EV_$u\" \"\$NOTIF_$u\" \"\$CONTACT_$u\"" >"$T/sed-$u"
	eval "printf 's|@IPLAN@|%s|g\ns|@INSP@|%s|g\ns|@FINDING@|%s|g\n' \"\$IPLAN_$u\" \"\$INSP_$u\" \"\$FINDING_$u\"" >>"$T/sed-$u"
done
for u in $UNITS; do
	eval "printf 's|@FB@|%s|g\ns|@FBCODE@|%s|g\n' \"\$FB_$u\" \"\$FBCODE_$u\"" >>"$T/sed-$u"
done
for u in $UNITS; do eval "printf 's|@PARA@|%s|g\n' \"\$PARA_$u\"" >>"$T/sed-$u"; done
for u in $UNITS; do eval "printf 's|@DCASE@|%s|g\n' \"\$DCASE_$u\"" >>"$T/sed-$u"; done
for u in $UNITS; do eval "printf 's|@DDOC@|%s|g\ns|@IDOC@|%s|g\n' \"\$DCASEDOC_$u\" \"\$INSPDOC_$u\"" >>"$T/sed-$u"; done
for u in $UNITS; do eval "printf 's|@FBA@|%s|g\ns|@FBATT@|%s|g\n' \"\$FBA_$u\" \"\$FBATT_$u\"" >>"$T/sed-$u"; done
printf 's|@FIELD@|CDDH|g\ns|@IND@|%s|g\n' "$IND_CDDH" >"$T/sed-own"
printf 's|@FIELD@|TTHC|g\ns|@IND@|%s|g\n' "$IND_TTHC" >"$T/sed-other"
printf 's|@PLAN@|%s|g\ns|@DOC@|%s|g\ns|@DRAFT@|%s|g\ns|@STATIC@|%s|g\n' "$PLAN" "$DOC" "$DRAFT" "$STATIC" >"$T/sed-all"
for f in "$T"/sed-*; do
	check "every target of $(basename "$f") is there" test -z "$(grep -e '|null|' -e '||' "$f")"
done
# The expectations with each unit's and scope's targets put in, once per
# (unit, scope) rather than once per cell: $T/filled-UNIT-SCOPE.
for u in $UNITS; do
	for scope in own other; do
		sed -f "$T/sed-$u" -f "$T/sed-$scope" -f "$T/sed-all" "$T/expect" >"$T/filled-$u-$scope"
	done
done
# with_fresh_draft TEXT: TEXT with a draft made for this cell in place of @FRESH_DRAFT@.
with_fresh_draft() {
	case "$1" in
	*@FRESH_DRAFT@*) printf '%s%s%s' "${1%%@FRESH_DRAFT@*}" "$(fresh_draft)" "${1#*@FRESH_DRAFT@}" ;;
	*) printf '%s' "$1" ;;
	esac
}

# Role by role, each route in the own unit and in another.
cells=0
k=0
for role in $ROLES; do
	eval "TOKEN=\$TOK_$role home=\$HOME_$role"
	for scope in own other; do
		u=$home
		[ $scope = other ] && u=$OTHER
		while IFS='|' read -r key p tbody own other; do
			method=${key%% *}
			eval "set -- \$$scope"
			shift $k
			want=$1
			case "$p" in *@FRESH_DRAFT@*) p=$(with_fresh_draft "$p") ;; esac
			if [ "$tbody" = - ]; then
				req "$method" "$p"
			else
				req "$method" "$p" "$tbody"
			fi
			case "$want:$method:$STATUS" in
			y:GET:200 | n:*:403 | a:*:401) ok=1 ;;
			y:GET:*) ok=0 ;;
			y:*:401 | y:*:403 | y:*:5??) ok=0 ;;
			y:*) ok=1 ;;
			*) ok=0 ;;
			esac
			if [ $ok = 1 ]; then pass; else
				fail "$method $p as $role ($scope unit): got $STATUS, want $want ($(head -c 160 "$T/body"))"
			fi
			cells=$((cells + 1))
		done <"$T/filled-$u-$scope"
	done
	k=$((k + 1))
done
check "every route × 8 roles × 2 units was tried ($cells)" test "$cells" -eq $(($(wc -l <"$T/routes") * 16))
finish
