# The PAR index (issue 14) end to end on the demo: the example sets as a
# tree and in the import format; a broken set refused naming its row (by
# the API and by `cchc par import-set`), nothing written; a change to a set
# in use making a new version; the copy to the next year; a commune's
# officer scoring (points above the maximum refused naming the criterion),
# its head submitting, steps out of order refused; Home Affairs appraising
# with reasons; another unit kept out; the ranked results with bands.
. "$(dirname "$0")/../lib/fixture.sh"
start_server --demo

# --- criteria sets --------------------------------------------------------------
req GET /api/v1/par/sets
eq "example sets for 2025 and 2026" "$STATUS $(j 'map(.year) | unique | join(",")') $(j 'map(select(.year == 2026) | .kind) | sort | join(",")') $(j 'all(.example)')" \
	"200 2025,2026 commune,department true"
DEP=$(j '.[] | select(.kind == "department" and .year == 2026) | .id')
eq "the department set is frozen (the demo uses it)" "$(j ".[] | select(.id == $DEP) | .frozen")" "true"
req GET "/api/v1/par/sets/$DEP"
eq "the tree: 8 fields and the bonus/penalty part" "$STATUS $(j '.tree | length') $(j '.tree[8].rule')" "200 9 adjustment"
eq "the fields add up to 100" "$(j '[.tree[0:8][].max] | add')" "100"
eq "sub-criteria sit at level 3" "$(j '.tree[0].children[0].children[0].level')" "3"
req GET "/api/v1/par/sets/$DEP?format=import"
cp "$T/body" "$T/set.json"
eq "the import format is flat" "$STATUS $(j '.nodes | length') $(j '.nodes[1].parent')" "200 $(jq '.nodes | length' "$T/set.json") 1"
req GET "/api/v1/par/sets/$DEP?format=xml"
eq "an unknown format" "$STATUS" "400"

jq '.nodes[2].max = 3' "$T/set.json" >"$T/bad.json"
req POST /api/v1/par/sets "$(cat "$T/bad.json")"
eq "children not adding up: refused naming the row" "$STATUS $(j .error.field)" "422 nodes[1].max"
jq '.nodes[1].parent = "9"' "$T/set.json" >"$T/bad2.json"
req POST /api/v1/par/sets "$(cat "$T/bad2.json")"
eq "a missing parent: refused naming the row" "$STATUS $(j .error.field)" "422 nodes[1].parent"
if "$CCHC" par import-set "$T/bad.json" --db "$DB" >"$T/cli.out" 2>"$T/cli.err"; then
	fail "cchc par import-set accepted a broken set"
else
	check "cchc par import-set names the row" grep -q 'nodes\[1\].*(1.1)' "$T/cli.err"
fi
req GET /api/v1/par/sets
eq "nothing written" "$(j length)" "4"

TOKEN=$(account par.off.other 01822 unit_officer)
req POST /api/v1/par/sets "$(cat "$T/set.json")"
eq "a unit officer may not import sets" "$STATUS" "403"
TOKEN=$("$CCHC" token create --db "$DB" --user snv)
HOME_AFFAIRS=$TOKEN
jq '.name = "Bộ chỉ số sửa đổi"' "$T/set.json" >"$T/v2.json"
req POST /api/v1/par/sets "$(cat "$T/v2.json")"
eq "a change to a set in use is a new version" "$STATUS $(j .version) $(j .frozen)" "201 2 false"
req POST "/api/v1/par/sets/$DEP/copy" '{"year": 2027}'
eq "copied to 2027" "$STATUS $(j .year) $(j .copied_from) $(j .nodes)" "201 2027 $DEP $(jq '.nodes | length' "$T/set.json")"
req POST "/api/v1/par/sets/$DEP/copy" '{"year": 2027}'
eq "once" "$STATUS" "409"

# --- a commune's self-assessment ---------------------------------------------------
TOKEN=$ADMIN
req GET "/api/v1/par/assessments?year=2026&kind=commune"
eq "every commune and ward has its 2026 assessment" "$STATUS $(j length)" "200 56"
A=$(j '[.[] | select(.status == "draft")][0].id')
U=$(j "[.[] | select(.id == $A)][0].unit_code")
OFF=$(account par.off "$U" unit_officer)
HEAD=$(account par.head "$U" unit_head)
TOKEN=$OFF
req GET "/api/v1/par/assessments/$A"
eq "the officer reads the unit's form" "$STATUS $(j .status) $(j .total.max)" "200 draft 100"
LEAF=$(j '.tree[1].children[0].children[0].code')
MAX=$(j '.tree[1].children[0].children[0].max')
req PUT "/api/v1/par/assessments/$A/scores" "{\"scores\": [{\"code\": \"$LEAF\", \"points\": 99}]}"
eq "points above the maximum: refused naming the criterion" "$STATUS $(j .error.field) $(j '.error.message | contains("'"$LEAF"'")')" \
	"422 scores[0] true"
req PUT "/api/v1/par/assessments/$A/scores" "{\"scores\": [{\"code\": \"$LEAF\", \"points\": -1}]}"
eq "points below zero: refused" "$STATUS" "422"
req PUT "/api/v1/par/assessments/$A/scores" "{\"scores\": [{\"code\": \"$LEAF\", \"points\": $MAX, \"note\": \"Đã ban hành đúng hạn\"}]}"
eq "points written" "$STATUS $(j '.tree[1].children[0].children[0].note')" "200 Đã ban hành đúng hạn"
req POST "/api/v1/par/assessments/$A/submit"
eq "only the head submits" "$STATUS" "403"
TOKEN=$HOME_AFFAIRS
req POST "/api/v1/par/assessments/$A/appraise" '{"scores": [{"code": "TP", "points": 1, "reason": "x"}]}'
eq "no appraisal before the submission" "$STATUS" "409"
TOKEN=$HEAD
req POST "/api/v1/par/assessments/$A/submit"
eq "the head submits" "$STATUS $(j .status) $(j .submitted_by)" "200 submitted par.head"
req POST "/api/v1/par/assessments/$A/submit"
eq "not twice" "$STATUS" "409"
req PUT "/api/v1/par/assessments/$A/scores" "{\"scores\": [{\"code\": \"$LEAF\", \"points\": 0}]}"
eq "no points after the submission" "$STATUS" "409"

# --- appraisal -----------------------------------------------------------------
TOKEN=$HOME_AFFAIRS
req POST "/api/v1/par/assessments/$A/appraise" "{\"scores\": [{\"code\": \"$LEAF\", \"points\": 0}]}"
eq "a change needs a reason" "$STATUS" "422"
req POST "/api/v1/par/assessments/$A/appraise" "{\"scores\": [{\"code\": \"$LEAF\", \"points\": 0, \"reason\": \"Chưa có minh chứng\"}, {\"code\": \"TP\", \"points\": -2, \"reason\": \"Bị phê bình\"}]}"
eq "appraised" "$STATUS $(j .status) $(j .appraised_by)" "200 appraised snv"
eq "the appraised total" "$(j '.total.appraised_points')" "$(j ".total.self_points - $MAX - 2")"

# --- who reads ----------------------------------------------------------------
TOKEN=$(account par.other 01273 unit_officer)
req GET "/api/v1/par/assessments/$A"
eq "another unit's officer may not read it" "$STATUS" "403"
req GET "/api/v1/par/assessments?year=2026"
eq "the list holds the unit's own only" "$STATUS $(j length) $(j '.[0].unit_code')" "200 1 01273"
req GET /api/v1/par/results
eq "results need a year" "$STATUS $(j .error.field)" "400 year"

# --- results ------------------------------------------------------------------
TOKEN=$(token_for leader 04)
req GET "/api/v1/par/results?year=2026&kind=commune"
eq "56 communes ranked" "$STATUS $(j '.items | length') $(j '.items[0].rank')" "200 56 1"
eq "ranks never fall" "$(j '[.items[].index] | . == (sort | reverse)')" "true"
eq "every unit has a band" "$(j '[.items[].band] | all(. != null)')" "true"
eq "the appraised unit's index is its appraised one" \
	"$(j ".items[] | select(.id == $A) | .index == .appraised_index")" "true"
req GET "/api/v1/par/results?year=2026&kind=huyện"
eq "an unknown kind" "$STATUS $(j .error.field)" "422 kind"
"$CCHC" par results 2026 --kind department --db "$DB" >"$T/results.json" || fail "cchc par results"
eq "cchc par results ranks the departments" "$(jq '.items | length > 0 and .[0].rank == 1' "$T/results.json")" "true"
finish
