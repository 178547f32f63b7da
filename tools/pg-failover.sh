#!/bin/sh
# pg-failover.sh — a PostgreSQL primary and a synchronous streaming replica
# on one machine, two data directories, for trying cchc's failover (and for
# its failover test).  docs/postgresql.md explains the production setup it
# stands for (two machines, the same settings).
#
#   tools/pg-failover.sh setup DIR     primary on port 5501, replica on 5502,
#                                      both with their Unix socket in DIR;
#                                      prints the multi-host URL nodes use
#   tools/pg-failover.sh promote DIR   the replica becomes the primary
#   tools/pg-failover.sh kill-primary DIR   the primary stops at once, as a crash
#   tools/pg-failover.sh stop DIR      both stop; DIR stays
#
# Every commit waits until the replica has it (synchronous_commit = on with
# the replica named in synchronous_standby_names), so a report cchc has
# acknowledged survives the loss of the primary.  Under root the servers
# run as the postgres user (they refuse root).
set -eu
cmd=${1:?usage: pg-failover.sh setup|promote|kill-primary|stop DIR}
dir=${2:?usage: pg-failover.sh setup|promote|kill-primary|stop DIR}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/initdb" ] || { echo "pg-failover.sh: no PostgreSQL server programs (apt-get install postgresql)" >&2; exit 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
ctl() { # DATA ACTION [OPTIONS]
	data=$1; action=$2; shift 2
	as_owner "$bin/pg_ctl" -D "$dir/$data" -l "$dir/$data.log" -w -t 60 "$@" "$action" >/dev/null
}

case "$cmd" in
setup)
	mkdir -p "$dir"
	[ "$(id -u)" = 0 ] && chown postgres "$dir"
	as_owner "$bin/initdb" -D "$dir/primary" -U cchc --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
	cat >>"$dir/primary/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$dir'
port = 5501
wal_level = replica
max_wal_senders = 4
hot_standby = on
synchronous_commit = on
synchronous_standby_names = 'replica1'
CONF
	echo "local replication all trust" >>"$dir/primary/pg_hba.conf"
	ctl primary start
	as_owner "$bin/pg_basebackup" -h "$dir" -p 5501 -U cchc -D "$dir/replica" -X stream \
		-d "application_name=replica1 host=$dir port=5501 user=cchc" -R >/dev/null
	# The replica, once promoted, has no standby of its own to wait for:
	# until the old primary is rebuilt as its replica, it commits alone.
	sed -i -e "s/^port = 5501/port = 5502/" -e "s/^synchronous_standby_names = .*/synchronous_standby_names = ''/" \
		"$dir/replica/postgresql.conf"
	ctl replica start
	as_owner "$bin/createdb" -h "$dir" -p 5501 -U cchc cchc
	echo "postgresql:///cchc?host=$dir,$dir&port=5501,5502&user=cchc&target_session_attrs=read-write"
	;;
promote) ctl replica promote ;;
kill-primary) ctl primary stop -m immediate ;;
stop)
	ctl replica stop -m fast 2>/dev/null || true
	ctl primary stop -m fast 2>/dev/null || true
	;;
*) echo "pg-failover.sh: unknown command '$cmd'" >&2; exit 2 ;;
esac
