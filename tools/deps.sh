#!/bin/sh
# Install the Debian packages cchc needs, only those missing.
# Usage: tools/deps.sh [build|test|bench|browser|fuzz|office]...  (build is always included)
set -e
want="gcc make pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev libsodium-dev libunistring-dev"
want="$want libzip-dev libxml2-dev libcurl4-openssl-dev libxlsxwriter-dev"
for set in "$@"; do
	case "$set" in
	build) ;;
	test) want="$want curl jq sqlite3" ;;
	bench) want="$want wrk curl" ;;
	browser) want="$want chromium nodejs npm" ;;
	fuzz) want="$want clang libclang-rt-14-dev" ;;
	office) want="$want libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils" ;;	# report tests: DOCX/XLSX read back
	*) echo "deps.sh: unknown set '$set'" >&2; exit 2 ;;
	esac
done
missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps.sh: installing:$missing"
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends $missing
