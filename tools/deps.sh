#!/bin/sh
# Installs the Debian packages cchc needs, judged by what is really there:
# each need is a command, a file or a pkg-config module, and the package that
# brings it is installed only when it is missing, one package at a time, so
# that one unavailable package never keeps the others out.
# Usage: tools/deps.sh [build|test|bench|browser|fuzz|office|deb]...
#   build is always included; test includes office, browser and deb (the whole
#   suite).  The last line names what could not be installed, if anything;
#   the exit status is then 1.
set -u

# need KIND WHAT PACKAGE: KIND is cmd (a command), file (a path or pattern),
# pc (a pkg-config module) or header (a file under /usr/include).
needs=""
need() { needs="$needs$1 $2 $3
"; }

add_build() {
	need cmd gcc gcc
	need cmd make make
	need cmd pkg-config pkg-config
	need pc libmicrohttpd libmicrohttpd-dev
	need pc jansson libjansson-dev
	need pc sqlite3 libsqlite3-dev
	need pc libsodium libsodium-dev
	need header unistr.h libunistring-dev
	need pc libzip libzip-dev
	need pc libxml-2.0 libxml2-dev
	need pc libcurl libcurl4-openssl-dev
	need pc xlsxwriter libxlsxwriter-dev
	need pc poppler-glib libpoppler-glib-dev
	need pc libpq libpq-dev
}
# The suite runs a second time on a PostgreSQL server it starts itself
# (tests/lib/pg.sh); psql reads that database as sqlite3 reads the file.
add_test() {
	need cmd curl curl
	need cmd jq jq
	need cmd sqlite3 sqlite3
	need cmd psql postgresql-client
	need file '/usr/lib/postgresql/*/bin/initdb' postgresql
	need cmd runuser util-linux
	# promtool checks /metrics' exposition format (tests/e2e/ops.sh).
	need cmd promtool prometheus
	need cmd zip zip
	need cmd unzip unzip
	# The public feed is checked against its Atom structure (tests/e2e/public.sh).
	need cmd xmllint libxml2-utils
	# The PAR files test builds workbooks as offices write them and reads
	# ours back with a reader of its own (tests/e2e/par_files.sh).
	need file /usr/lib/python3/dist-packages/openpyxl/__init__.py python3-openpyxl
}
# The report test reads the DOCX and XLSX back through LibreOffice and
# measures the DOCX layout with Liberation Serif and Sans, metric twins of
# Times New Roman and Arial (the fonts a Decree 30 document names).
add_office() {
	need cmd soffice libreoffice-writer-nogui
	need file /usr/lib/libreoffice/program/libswlo.so libreoffice-writer-nogui
	need file /usr/lib/libreoffice/program/libsclo.so libreoffice-calc-nogui
	need cmd pdftotext poppler-utils
	need cmd fc-list fontconfig
	need file /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf fonts-liberation2
	need file /usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf fonts-liberation2
}
# Node.js may bring its own npm (then Debian's npm package must not be asked for).
add_browser() {
	need cmd chromium chromium
	need cmd node nodejs
	need cmd npm npm
}

# The package and the service unit: `make deb` and its test.
add_deb() {
	need cmd dh debhelper
	# dpkg-buildpackage checks build-essential:native is installed (a stock
	# Debian has gcc and make without it).
	need file /usr/share/build-essential/list build-essential
	need cmd dpkg-buildpackage dpkg-dev
	need cmd lintian lintian
	need cmd systemd-analyze systemd
}

add_build
for set in "$@"; do
	case "$set" in
	build) ;;
	test) add_test; add_office; add_browser; add_deb ;;
	deb) add_deb ;;
	bench) need cmd wrk wrk; need cmd curl curl; need cmd psql postgresql-client; need file '/usr/lib/postgresql/*/bin/initdb' postgresql ;;
	browser) add_browser ;;
	fuzz) need cmd clang clang; need file '/usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a' libclang-rt-14-dev ;;
	office) add_office ;;
	*) echo "deps.sh: unknown set '$set'" >&2; exit 2 ;;
	esac
done

have() { # KIND WHAT
	case "$1" in
	cmd) command -v "$2" >/dev/null 2>&1 ;;
	file) for f in $2; do [ -e "$f" ] && return 0; done; return 1 ;;	# a pattern expands here
	pc) command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$2" ;;
	header) [ -e "/usr/include/$2" ] || [ -e "/usr/include/$(gcc -dumpmachine 2>/dev/null)/$2" ] ;;
	esac
}
# lacking: the packages of the needs not met, each named once.
lacking() {
	out=""
	while read -r kind what pkg; do
		[ -n "$kind" ] || continue
		have "$kind" "$what" && continue
		case " $out " in *" $pkg "*) ;; *) out="$out $pkg" ;; esac
	done <<EOF
$needs
EOF
	echo "$out"
}

missing=$(lacking)
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
	echo "deps.sh: could not install:$missing (no apt-get on this machine)"
	exit 1
fi
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
echo "deps.sh: installing:$missing"
$sudo apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null 2>&1 ||
	echo "deps.sh: apt-get update failed; trying the package lists there are" >&2
for pkg in $missing; do
	$sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "$pkg" >/dev/null 2>&1
done
# A package that installed but still leaves a need unmet is named too.
failed=$(lacking)
[ -z "$failed" ] && exit 0
echo "deps.sh: could not install:$failed"
exit 1
