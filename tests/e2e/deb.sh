# Once per run (the SQLite pass): nothing here depends on the database server.
# `make deb`: a Debian package built with debhelper, holding the binary, the
# manual pages, the unit (enabled by its scripts), the configuration as a
# conffile, and a postinst that creates the service's user; lintian finds
# no error in it.  The packaged binary then serves as the service would run
# it: its own user, a state directory of its own, /api/v1/health.
. "$(dirname "$0")/../lib/fixture.sh"
if ! command -v dpkg-buildpackage >/dev/null 2>&1 || ! command -v dh >/dev/null 2>&1; then
	skip "dpkg-buildpackage and debhelper are missing" "tools/deps.sh deb"
	finish; exit
fi
VERSION=$(cat "$TESTS_TOP/VERSION")
eq "debian/changelog is at the version of VERSION" \
	"$(sed -n '1s/^cchc (\([^)]*\)).*/\1/p' "$TESTS_TOP/debian/changelog")" "$VERSION"
# Without optimisation (noopt): the test checks the package, not the
# compiler, and an -O0 build takes half the time of the release one.
make -C "$TESTS_TOP" --no-print-directory deb DEB_BUILD_OPTIONS=noopt >"$T/deb.log" 2>&1
eq "make deb: $(tail -n 5 "$T/deb.log" | tr '\n' ' ')" "$?" "0"
DEB=$(ls "$TESTS_TOP"/build/deb/cchc_"$VERSION"_*.deb 2>/dev/null | head -n 1)
check "the package is there ($DEB)" test -s "$DEB"
dpkg-deb -c "$DEB" | awk '{print $6}' >"$T/contents"
for f in ./usr/bin/cchc ./usr/share/man/man1/cchc.1.gz ./usr/share/man/man5/cchc.conf.5.gz \
	./lib/systemd/system/cchc.service ./etc/cchc/cchc.conf ./usr/share/doc/cchc/copyright ./usr/share/doc/cchc/changelog.gz; do
	check "the package holds $f" grep -qx -- "$f" "$T/contents"
done
dpkg-deb -e "$DEB" "$T/control"
check "the configuration is a conffile" grep -qx /etc/cchc/cchc.conf "$T/control/conffiles"
check "it depends on the libraries it links" grep -q '^Depends:.*libsqlite3-0.*' "$T/control/control"
check "it depends on adduser" grep -q '^Depends:.*adduser' "$T/control/control"
check "postinst creates the system user cchc" grep -q 'adduser --system --group --home /var/lib/cchc' "$T/control/postinst"
check "postinst enables the unit" grep -q 'deb-systemd-helper .*enable.*cchc.service' "$T/control/postinst"
check "postinst starts (or restarts) it" grep -q 'deb-systemd-invoke .*cchc.service' "$T/control/postinst"
if command -v lintian >/dev/null 2>&1; then
	lintian --no-tag-display-limit "$DEB" >"$T/lintian" 2>&1
	eq "lintian finds no error: $(grep '^E:' "$T/lintian" | tr '\n' ' ')" "$(grep -c '^E:' "$T/lintian")" "0"
else
	skip "lintian is missing" "tools/deps.sh deb"
fi

# The packaged binary, as the service runs it: its own user (nobody here,
# when the test runs as root), its own state directory, the unit's commands.
dpkg-deb -x "$DEB" "$T/root"
BINARY=$T/root/usr/bin/cchc
mkdir -p "$T/state"
as_service() { "$@"; }
if [ "$(id -u)" = 0 ]; then
	chown nobody:nogroup "$T/state"; chmod 711 "$T"
	as_service() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
fi
as_service "$BINARY" init --db "$T/state/cchc.db" >"$T/pinit.log" 2>&1
eq "the unit's first command creates the database" "$?" "0"
as_service "$BINARY" init --db "$T/state/cchc.db" >"$T/pinit2.log" 2>&1
eq "and on the next start migrates nothing and keeps it" "$?" "0"
check "the admin's password is printed once only" test "$(cat "$T/pinit.log" "$T/pinit2.log" | grep -c 'shown only now')" = 1
as_service "$BINARY" serve --db "$T/state/cchc.db" --listen 127.0.0.1:0 >"$T/pserve.log" 2>&1 &
PID=$!
at_exit "kill $PID 2>/dev/null"
i=0
while ! grep -q "listening on" "$T/pserve.log" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
URL=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$T/pserve.log" | head -n 1)
eq "the packaged server answers /api/v1/health" "$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/v1/health")" "200"
kill $PID; wait $PID 2>/dev/null
[ "$(id -u)" = 0 ] && eq "the database belongs to the service's user" "$(stat -c %U "$T/state/cchc.db")" "nobody"
finish
