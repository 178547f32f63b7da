# pg.sh — a throwaway PostgreSQL server for the tests, sourced by
# tests/run.sh and by tests that need a server of their own.
#
#   . tests/lib/pg.sh
#   pg_start              # a server on a Unix socket in a new folder: $PG_DIR, $PG_HOST
#   URL=$(pg_newdb)       # a new empty database on it, as a connection URL
#   pg_stop               # stops it and removes the folder
#
# Debian's server programs live in /usr/lib/postgresql/N/bin (package
# postgresql, installed by tools/deps.sh).  The server refuses to run as
# root, so under root it runs as the postgres user the package creates.
# It listens on no TCP port, trusts local connections, and does not fsync:
# the tests measure behaviour, not the disk.
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
PG_DIR=${PG_DIR:-}
PG_HOST=${PG_HOST:-}

pg_as_owner() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# pg_start [SERVER OPTIONS]: 0 when a server answers on $PG_HOST.
pg_start() {
	[ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] || { echo "no PostgreSQL server programs (sh tools/deps.sh)" >&2; return 1; }
	PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/cchc-pg.XXXXXX")
	[ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
	pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U cchc --auth=trust -E UTF8 --locale=C.UTF-8 \
		>"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; return 1; }
	pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
		-o "-k $PG_DIR -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 $*" \
		start >/dev/null || { cat "$PG_DIR/server.log" >&2; return 1; }
	PG_HOST=$PG_DIR
	export PG_HOST
}

# pg_newdb: creates a database with a fresh name and prints its URL.
pg_newdb() {
	name="t$$_$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')"
	"$PG_BIN/createdb" -h "$PG_HOST" -U cchc "$name" || return 1
	echo "postgresql:///$name?host=$PG_HOST&user=cchc"
}

pg_stop() {
	[ -n "$PG_DIR" ] || return 0
	pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1
	rm -rf "$PG_DIR"
	PG_DIR=
}
