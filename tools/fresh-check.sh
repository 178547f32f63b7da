#!/bin/sh
# Runs `CI=true make test` as a new developer would meet it: on a stock
# Debian 12 root (debootstrap, bookworm, minbase) with nothing installed by
# hand but make, in a clean clone of the current branch's last commit.
# Then installs the .deb that `make deb` built there, as an operator would
# (apt-get install ./cchc_*.deb), and runs the service's own commands as
# its user `cchc`: the database is created and the server answers
# /api/v1/health (and /readyz, where the build has it).
# Usage (as root): tools/fresh-check.sh [LOG]   (last line: the test summary)
#   LOG: where the full output goes (default /var/tmp/cchc-fresh-DATE.log).
# Needs debootstrap and git.  The host's CA bundle and /etc/npmrc go into the
# root too, for networks whose registries sit behind a TLS-inspecting proxy.
# MIRROR overrides the Debian mirror (default http://deb.debian.org/debian).
set -eu
[ "$(id -u)" = 0 ] || { echo "fresh-check: run as root (debootstrap, mount and chroot need it)" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "fresh-check: needs debootstrap (apt-get install debootstrap)" >&2; exit 2; }
top=$(cd "$(dirname "$0")/.." && git rev-parse --show-toplevel)
branch=$(git -C "$top" rev-parse --abbrev-ref HEAD)
mirror=${MIRROR:-http://deb.debian.org/debian}
work=$(mktemp -d /var/tmp/cchc-fresh.XXXXXX)
root="$work/root"
log=${1:-/var/tmp/cchc-fresh-$(date +%Y%m%d-%H%M%S).log}
mounted=""

cleanup() {
	set +e
	busy=""
	for m in $mounted; do	# innermost first: mounted is kept in reverse order
		umount "$root$m" 2>/dev/null || umount -l "$root$m" 2>/dev/null || busy="$busy $m"
	done
	if [ -z "$busy" ]; then
		rm -rf --one-file-system "$work"
	else
		echo "fresh-check: could not unmount$busy under $root; left in place" >&2
	fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# mount_in WHAT TARGET [OPTIONS...]: mounts into the root, remembered for clean-up.
mount_in() {
	what=$1 target=$2; shift 2
	mkdir -p "$root$target"
	mount "$@" "$what" "$root$target"
	mounted="$target $mounted"
}

echo "fresh-check: Debian 12 root in $root; output in $log"
: >"$log"
debootstrap --variant=minbase bookworm "$root" "$mirror" >>"$log" 2>&1 ||
	{ tail -n 20 "$log"; echo "fresh-check: debootstrap failed"; exit 1; }

# The network as the host has it: name resolution and the CA bundle (also
# where update-ca-certificates keeps it, should a package rebuild the bundle).
cp /etc/resolv.conf "$root/etc/resolv.conf"
if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
	mkdir -p "$root/etc/ssl/certs" "$root/usr/local/share/ca-certificates"
	cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
	cp /etc/ssl/certs/ca-certificates.crt "$root/usr/local/share/ca-certificates/host-bundle.crt"
fi
if [ -f /etc/npmrc ]; then
	cp /etc/npmrc "$root/etc/npmrc"
	cafile=$(sed -n 's/^cafile *= *//p' /etc/npmrc | head -n 1)
	if [ -n "$cafile" ] && [ -f "$cafile" ] && [ ! -f "$root$cafile" ]; then
		mkdir -p "$root$(dirname "$cafile")"
		cp "$cafile" "$root$cafile"
	fi
fi
# No service starts inside the root.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod +x "$root/usr/sbin/policy-rc.d"

git clone -q --branch "$branch" "$top" "$root/src/cchc"
echo "fresh-check: testing $(git -C "$root/src/cchc" log -1 --format='%h %s' | cut -c1-72)"

# The root a mount point of its own, so that a private mount namespace
# (unshare -m, the full-disk test of backup.sh) can be made inside it.
mount --bind "$root" "$root"
mounted="/"
mount_in proc /proc -t proc
mount_in sysfs /sys -t sysfs
mount_in /dev /dev --bind
mount_in /dev/pts /dev/pts --bind
mount_in shm /dev/shm -t tmpfs

start=$(date +%s)
set +e
chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
	LANG=C.UTF-8 TERM=dumb CI=true sh -c '
		export DEBIAN_FRONTEND=noninteractive
		apt-get -o DPkg::Lock::Timeout=600 update -qq && apt-get install -y -qq make >/dev/null &&
			cd /src/cchc && make test' >>"$log" 2>&1
rc=$?
# The package, installed into the same root.  No systemd runs in a chroot
# (policy-rc.d keeps the unit from starting), so the unit's two commands
# run by hand as its user, in the state directory systemd would make.
chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
	LANG=C.UTF-8 TERM=dumb sh -c '
		set -e
		export DEBIAN_FRONTEND=noninteractive
		cd /src/cchc
		[ -n "$(ls build/deb/cchc_*.deb 2>/dev/null)" ] || make deb
		apt-get install -y -qq ./build/deb/cchc_*.deb >/dev/null
		id cchc
		test "$(stat -c %G /etc/cchc/cchc.conf)" = cchc
		install -d -o cchc -g cchc -m 750 /var/lib/cchc
		unit=/lib/systemd/system/cchc.service
		pre=$(sed -n "s/^ExecStartPre=//p" $unit)
		run=$(sed -n "s/^ExecStart=//p" $unit | sed "s/127.0.0.1:8080/127.0.0.1:18080/")
		runuser -u cchc -- $pre
		runuser -u cchc -- $run >/tmp/serve.log 2>&1 &
		pid=$!
		i=0; until curl -fs http://127.0.0.1:18080/api/v1/health >/tmp/health; do
			i=$((i + 1)); [ $i -lt 100 ] || { cat /tmp/serve.log; exit 1; }; sleep 0.1; done
		echo "package: /api/v1/health answers $(cat /tmp/health)"
		echo "package: /readyz answers $(curl -s -o /dev/null -w %{http_code} http://127.0.0.1:18080/readyz)"
		echo "package: the database belongs to $(stat -c %U /var/lib/cchc/cchc.db)"
		kill $pid' >>"$log" 2>&1 && pkg=0 || pkg=1
set -e
grep -E '^(FAIL|deps.sh|package:)' "$log" | head -n 40
[ $pkg = 0 ] || { echo "fresh-check: the package did not install or serve (see $log)"; [ $rc != 0 ] || rc=1; }
echo "fresh-check: exit $rc after $(( ($(date +%s) - start) / 60 )) min; full output in $log"
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
echo "${summary:-no summary line (see $log)}"
exit $rc
