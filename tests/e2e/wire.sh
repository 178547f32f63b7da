#!/bin/sh
# wire.sh — light on the wire: GET answers carry an ETag and are answered
# 304 on a matching If-None-Match (200 with a new body after a write); text
# over 1 KB goes out gzip-compressed when the client asks, with Vary, and
# decompresses to the plain body; small answers and clients that do not ask
# get the plain bytes.  Prints "N passed, N failed, N skipped" last.
. "$(dirname "$0")/../lib/fixture.sh"
start_server --demo

# head_of PATH [CURL OPTIONS...]: GETs PATH; headers to $T/h, body to $T/b, STATUS set.
head_of() {
	path=$1; shift
	rm -f "$T/b"
	STATUS=$(curl -s -D "$T/h" -o "$T/b" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$@" "$BASE$path")
}
# header NAME: the value of a response header in $T/h (last one), without CR.
header() { grep -i "^$1:" "$T/h" | tail -n 1 | cut -d' ' -f2- | tr -d '\r'; }

for path in /api/v1/dashboard "/api/v1/assignments?unit=$OWN_UNIT" / /static/app.js; do
	head_of "$path"
	eq "$path: status" "$STATUS" 200
	tag=$(header ETag)
	check "$path: ETag" [ -n "$tag" ]
	check "$path: not compressed unasked" [ -z "$(header Content-Encoding)" ]
	cp "$T/b" "$T/plain"
	head_of "$path" -H "If-None-Match: \"other\", $tag"
	eq "$path: 304 on If-None-Match" "$STATUS" 304
	check "$path: 304 without a body" [ ! -s "$T/b" ]
	eq "$path: 304 names the tag" "$(header ETag)" "$tag"
	head_of "$path" -H 'If-None-Match: "something-else"'
	eq "$path: 200 on another tag" "$STATUS" 200
	head_of "$path" -H 'Accept-Encoding: gzip'
	eq "$path: gzip when asked" "$(header Content-Encoding)" gzip
	eq "$path: Vary" "$(header Vary)" Accept-Encoding
	gztag=$(header ETag)
	check "$path: the gzip form has its own tag" [ -n "$gztag" ] && [ "$gztag" != "$tag" ]
	check "$path: gzip is smaller" [ "$(wc -c <"$T/b")" -lt "$(wc -c <"$T/plain")" ]
	check "$path: decompresses to the plain body" sh -c "gzip -dc <'$T/b' | cmp -s - '$T/plain'"
	head_of "$path" -H 'Accept-Encoding: gzip' -H "If-None-Match: $gztag"
	eq "$path: 304 for the gzip form" "$STATUS" 304
	head_of "$path" -H 'Accept-Encoding: gzip;q=0, identity'
	check "$path: gzip;q=0 is refused" [ -z "$(header Content-Encoding)" ]
done

# A small answer (under 1 KB) is sent as it is, but still has a tag.
head_of /api/v1/health -H 'Accept-Encoding: gzip'
eq "small: status" "$STATUS" 200
check "small: under 1 KB" [ "$(wc -c <"$T/b")" -lt 1024 ]
check "small: not compressed" [ -z "$(header Content-Encoding)" ]
check "small: ETag" [ -n "$(header ETag)" ]

# curl --compressed sees the same JSON as a plain GET.
get /api/v1/dashboard >"$T/plain"
curl -s --compressed -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/dashboard" >"$T/unz"
check "--compressed body equals the plain one" cmp -s "$T/plain" "$T/unz"

# After a write the old tag no longer matches: 200 with the new body.
TOKEN=$(token_for unit_officer)
path="/api/v1/assignments?unit=$OWN_UNIT"
head_of "$path"
tag=$(header ETag)
asg=$(jq -r '[.items[] | select(.status == "in_progress" or .status == "not_started" or .status == "overdue")][0].id' "$T/b")
req POST "/api/v1/assignments/$asg/reports" '{"percent": 40, "note": "wire test", "reporter": "wire"}'
eq "report stored" "$STATUS" 201
head_of "$path" -H "If-None-Match: $tag"
eq "after a write: 200" "$STATUS" 200
check "after a write: a new tag" [ "$(header ETag)" != "$tag" ]

# Downloads are not recompressed.
TOKEN=$ADMIN
head_of "/api/v1/reports/2026-H1?format=xlsx" -H 'Accept-Encoding: gzip'
eq "xlsx: status" "$STATUS" 200
check "xlsx not recompressed" [ -z "$(header Content-Encoding)" ]
finish
