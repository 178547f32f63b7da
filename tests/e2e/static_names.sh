#!/bin/sh
# static_names.sh — the web files under hashed names: the page (no-cache)
# refers only to hashed names, in its links and in its import map, which
# maps every module of the UI; each hashed name answers the very bytes of
# its plain name with Cache-Control immutable for a year, and the plain
# name keeps answering with no-cache; a made-up hash is 404; the page's CSP
# allows its two inline scripts by their hashes and no other.
# Prints "N passed, N failed, N skipped" last.
. "$(dirname "$0")/../lib/fixture.sh"
start_server --demo

# fetch PATH: GETs PATH; headers to $T/h, body to $T/b, STATUS set.
fetch() {
	rm -f "$T/b"
	STATUS=$(curl -s -D "$T/h" -o "$T/b" -w '%{http_code}' "$BASE$1")
}
header() { grep -i "^$1:" "$T/h" | tail -n 1 | cut -d' ' -f2- | tr -d '\r'; }

fetch /
eq "page: status" "$STATUS" 200
eq "page: no-cache" "$(header Cache-Control)" no-cache
cp "$T/b" "$T/page"
# The page's own references (the import map's keys are the plain names the
# modules import, so it is left out here and read below).
grep -v '<script type="importmap">' "$T/page" | grep -o '/static/[^"'"'"' >]*' | sort -u >"$T/refs"
check "page: refers to static files" [ -s "$T/refs" ]
# Every name the page refers to carries a 12-digit hash before its extension.
check "page: only hashed names" sh -c "! grep -Ev '^/static/[A-Za-z0-9_-]+\.[0-9a-f]{12}\.[a-z]+$' '$T/refs'"
# The import map maps each module the UI has to its hashed name.
sed -n 's/.*<script type="importmap">\(.*\)<\/script>.*/\1/p' "$T/page" >"$T/map"
check "page: has an import map" sh -c "jq -e '.imports | length > 0' '$T/map' >/dev/null"
for m in $(cd "$TESTS_TOP/web" && ls *.js); do
	to=$(jq -r --arg k "/static/$m" '.imports[$k] // ""' "$T/map")
	check "import map: $m mapped to a hashed name" sh -c "echo '$to' | grep -Eq '^/static/${m%.js}\.[0-9a-f]{12}\.js$'"
done
# The inline scripts (the import map, the first requests) are each allowed
# by their own hash, and no other inline script is.
csp=$(header Content-Security-Policy)
want=$(printf '%s' "$(cat "$T/map")" | openssl dgst -sha256 -binary | base64)
check "CSP: the import map's hash" sh -c "echo \"\$1\" | grep -qF \"'sha256-$want'\"" - "$csp"
# The body of the page's one plain <script> (no type, no src), byte for byte.
awk '/^<script>$/ { on = 1; printf "\n"; next } /^<\/script>$/ { on = 0 } on { print }' "$T/page" >"$T/first"
check "page: its first requests are an inline script" grep -q "rel = 'preload'\|l.rel = rel" "$T/first"
want=$(openssl dgst -sha256 -binary <"$T/first" | base64)
check "CSP: the first requests' hash" sh -c "echo \"\$1\" | grep -qF \"'sha256-$want'\"" - "$csp"
check "CSP: no unsafe-inline" sh -c "! echo \"\$1\" | grep -q unsafe-inline" - "$csp"
eq "CSP: two script hashes" "$(echo "$csp" | grep -o "'sha256-" | wc -l)" 2
eq "page: one import map" "$(grep -c '<script type="importmap">' "$T/page")" 1

# Every page module pages.js loads when its page opens (import()) is one
# the import map maps and the server answers: the PAR pages (issue 14)
# among them.
fetch "$(jq -r '.imports["/static/pages.js"]' "$T/map")"
grep -o "import('./[a-z]*\.js')" "$T/b" | sed "s/import('.\/\(.*\)')/\1/" | sort -u >"$T/lazy"
for m in par.js parform.js parcompare.js parrank.js; do
	check "pages.js loads $m when its page opens" grep -qx "$m" "$T/lazy"
done
for m in $(cat "$T/lazy"); do
	to=$(jq -r --arg k "/static/$m" '.imports[$k] // ""' "$T/map")
	fetch "${to:-/static/none.000000000000.js}"
	eq "lazy module $m: served under its hashed name" "$STATUS" 200
done
fetch "$(jq -r '.imports["/static/parform.js"]' "$T/map")"
check "parform.js imports parleaf.js" grep -q "from './parleaf.js'" "$T/b"

for ref in $(cat "$T/refs") $(jq -r '.imports[]' "$T/map"); do
	fetch "$ref"
	eq "$ref: status" "$STATUS" 200
	eq "$ref: immutable" "$(header Cache-Control)" "public, max-age=31536000, immutable"
	# A page's headers do not govern a script or a style: left out (issue 20).
	eq "$ref: no page-only headers" "$(header Content-Security-Policy)$(header X-Frame-Options)$(header Referrer-Policy)" ""
	eq "$ref: nosniff" "$(header X-Content-Type-Options)" nosniff
	plain=$(echo "$ref" | sed -E 's/\.[0-9a-f]{12}\././')
	check "$ref: the bytes of $plain" cmp -s "$T/b" "$TESTS_TOP/web/${plain#/static/}"
done

# The plain names still answer (a page loaded before an upgrade), not kept.
fetch /static/app.js
eq "plain name: status" "$STATUS" 200
eq "plain name: no-cache" "$(header Cache-Control)" no-cache
check "plain name: its CSP" test -n "$(header Content-Security-Policy)"
# A hash that is not the file's is no file.
fetch /static/app.000000000000.js
eq "wrong hash: 404" "$STATUS" 404
fetch /static/app.
eq "bare stem: 404" "$STATUS" 404
finish
