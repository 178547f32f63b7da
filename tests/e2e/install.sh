# Once per run (the SQLite pass): nothing here depends on the database server.
# `make install` (PREFIX, DESTDIR) and what it installs: the binary, cchc(1)
# with every command and option of the command table, cchc.conf(5) with
# every key the configuration reader knows, the example configuration, and
# a systemd unit that `systemd-analyze verify` accepts, with its hardening.
. "$(dirname "$0")/../lib/fixture.sh"
BUILD_DIR=$(dirname "$CCHC")
case "$BUILD_DIR" in "$TESTS_TOP"/*) BUILD_DIR=${BUILD_DIR#"$TESTS_TOP"/} ;; esac
# -o: the binary under test is installed as it is, never rebuilt here.
inst() { make -C "$TESTS_TOP" --no-print-directory -o "$CCHC" BUILD="$BUILD_DIR" BIN="$CCHC" install "$@" >"$T/make.log" 2>&1; }
# -o also keeps make from seeing that the page is older than the binary: a
# page left by an earlier build would be installed as it is.
rm -f "$TESTS_TOP/$BUILD_DIR/man/cchc.1"

inst PREFIX="$T/prefix"
eq "make install PREFIX=..." "$?" "0"
for f in bin/cchc share/man/man1/cchc.1 share/man/man5/cchc.conf.5 lib/systemd/system/cchc.service etc/cchc/cchc.conf; do
	check "installed $f" test -s "$T/prefix/$f"
done
check "the binary runs" sh -c "'$T/prefix/bin/cchc' version | grep -q '^cchc [0-9]'"
eq "the example configuration is private" "$(stat -c %a "$T/prefix/etc/cchc/cchc.conf")" "640"
echo "smtp_from = ops@example.org" >"$T/prefix/etc/cchc/cchc.conf"
inst PREFIX="$T/prefix"
eq "a second install keeps the operator's configuration" "$(cat "$T/prefix/etc/cchc/cchc.conf")" "smtp_from = ops@example.org"

inst DESTDIR="$T/dest" PREFIX=/usr
eq "make install DESTDIR=... PREFIX=/usr" "$?" "0"
for f in usr/bin/cchc usr/share/man/man1/cchc.1 usr/share/man/man5/cchc.conf.5 lib/systemd/system/cchc.service etc/cchc/cchc.conf; do
	check "staged $f" test -s "$T/dest/$f"
done
UNIT=$T/dest/lib/systemd/system/cchc.service
check "the unit runs the installed binary" grep -q '^ExecStart=/usr/bin/cchc serve --db /var/lib/cchc/cchc.db --config /etc/cchc/cchc.conf' "$UNIT"

# cchc(1): every command of the table, every option a command reads.
MAN1=$T/prefix/share/man/man1/cchc.1
"$CCHC" help | sed -n 's/^  cchc \([a-z-]*\).*/\1/p' >"$T/commands"
check "the command table is read ($(wc -l <"$T/commands") commands)" test "$(wc -l <"$T/commands")" -ge 15
for c in $(cat "$T/commands"); do
	check "cchc(1) has the command '$c'" grep -q "^\\\\fBcchc $c\\\\fR" "$MAN1"
done
for f in "$TESTS_TOP"/src/cli/cmd_*.c; do
	for o in $(grep -o '"--*[a-z][a-z-]*"' "$f" | tr -d '"' | sort -u); do
		check "cchc(1) has the option $o of $(basename "$f")" grep -q -- "$(echo "$o" | sed 's/-/\\\\-/g')" "$MAN1"
	done
done
check "cchc(1) has no unfilled placeholder" sh -c "! grep -q '@[A-Z]*@' '$MAN1'"
# cchc.conf(5): the keys the reader knows, no more and no fewer.
sed -n '/^static const char \*apply_setting/,/^}/p' "$TESTS_TOP/src/domain/remind_settings.c" |
	grep -o '{"[a-z_]*", &\|strcmp(key, "[a-z_]*")' | grep -o '"[a-z_]*"' | tr -d '"' | sort >"$T/keys"
check "the reader's keys are found ($(wc -l <"$T/keys"))" test "$(wc -l <"$T/keys")" -ge 10
sed -n '/^\.SH KEYS/,/^\.SH EXAMPLE/p' "$TESTS_TOP/man/cchc.conf.5" | awk 'p == ".TP" && $1 == ".B" {print $2} {p = $0}' |
	sort >"$T/documented"
eq "cchc.conf(5) documents exactly the reader's keys" "$(comm -3 "$T/keys" "$T/documented" | tr -d '\t' | tr '\n' ' ')" ""
if command -v man >/dev/null 2>&1; then
	check "cchc(1) renders" sh -c "man -l '$MAN1' 2>&1 | grep -q 'cchc backup'"
fi

# The unit: accepted by systemd, run as its own user, hardened.
PUNIT=$T/prefix/lib/systemd/system/cchc.service
if command -v systemd-analyze >/dev/null 2>&1; then
	MANPATH="$T/prefix/share/man" systemd-analyze verify "$PUNIT" >"$T/verify" 2>&1
	eq "systemd-analyze verify: $(cat "$T/verify")" "$?" "0"
	systemd-analyze security --offline=yes "$PUNIT" >"$T/security" 2>&1
	check "exposure rated OK by systemd-analyze security: $(grep -o 'Overall exposure.*' "$T/security")" \
		grep -q 'Overall exposure level for cchc.service: [0-2]\.[0-9] OK' "$T/security"
else
	skip "systemd-analyze is missing" "tools/deps.sh deb"
fi
for line in User=cchc Group=cchc NoNewPrivileges=yes ProtectSystem=strict PrivateTmp=yes ProtectHome=yes \
	ReadWritePaths=/var/lib/cchc StateDirectory=cchc CapabilityBoundingSet= "ExecStartPre=/usr/bin/cchc init --db /var/lib/cchc/cchc.db"; do
	check "the unit says $line" grep -qx -- "$line" "$UNIT"
done
check "nothing but the state is writable" test "$(grep -c '^ReadWritePaths=' "$UNIT")" = 1
finish
