/*
 * db_sqlite.c — the SQLite driver of db_driver.h, the default store: one
 * database file in WAL mode, a statement cache per connection, writers
 * taking BEGIN IMMEDIATE so that two writers queue instead of failing
 * mid-way, migrations numbered in PRAGMA user_version.
 */
#include "base/base.h"
#include "base/embed.h"
#include "store/db_driver.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* Above the number of statements in src/store (about 130), so that a
 * connection prepares each once; beyond it the cache evicts. */
#define STMT_CACHE 200
#define APPLICATION_ID 0x63636863	/* "cchc" */

struct sqlite_conn {
	sqlite3 *db;
	struct {
		const char *sql;
		sqlite3_stmt *stmt;
	} cache[STMT_CACHE];
	int ncache;
	int evict_next;		/* where a full cache looks first for one to finalise */
};

static sqlite3 *db_of(struct conn *c)
{
	return ((struct sqlite_conn *)c->h)->db;
}

static enum err_code db_error(sqlite3 *db, struct err *err, const char *what)
{
	int rc = sqlite3_errcode(db);
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return err_set(err, ERR_BUSY, "", "database busy (%s)", what);
	if (rc == SQLITE_CONSTRAINT)
		return err_set(err, ERR_CONFLICT, "", "%s: %s", what, sqlite3_errmsg(db));
	return err_set(err, ERR_INTERNAL, "", "%s: %s", what, sqlite3_errmsg(db));
}

/*
 * A cache slot whose statement no caller is running, or -1.  A running
 * statement (stepped, not yet reset) belongs to a caller further up the
 * stack, such as a scan whose callback reads the store again.
 */
static int idle_slot(struct sqlite_conn *s)
{
	for (int n = 0; n < STMT_CACHE; n++) {
		int i = (s->evict_next + n) % STMT_CACHE;
		if (!sqlite3_stmt_busy(s->cache[i].stmt)) {
			s->evict_next = (i + 1) % STMT_CACHE;
			return i;
		}
	}
	return -1;
}

static sqlite3_stmt *prep(struct sqlite_conn *s, const char *sql, struct err *err)
{
	for (int i = 0; i < s->ncache; i++)
		if (s->cache[i].sql == sql) {
			sqlite3_reset(s->cache[i].stmt);
			sqlite3_clear_bindings(s->cache[i].stmt);
			return s->cache[i].stmt;
		}
	int slot = s->ncache < STMT_CACHE ? s->ncache : idle_slot(s);
	if (slot < 0) {
		err_set(err, ERR_INTERNAL, "", "prepare: all %d cached statements are running", STMT_CACHE);
		return NULL;
	}
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK) {
		db_error(s->db, err, "prepare");
		return NULL;
	}
	if (slot == s->ncache)
		s->ncache++;
	else
		sqlite3_finalize(s->cache[slot].stmt);
	s->cache[slot].sql = sql;
	s->cache[slot].stmt = stmt;
	return stmt;
}

static void bindv(sqlite3_stmt *stmt, const char *fmt, va_list ap)
{
	for (int i = 0; fmt[i]; i++) {
		int idx = i + 1;
		switch (fmt[i]) {
		case 'i': sqlite3_bind_int64(stmt, idx, va_arg(ap, int64_t)); break;
		case 'd': sqlite3_bind_double(stmt, idx, va_arg(ap, double)); break;
		case 't': {
			const char *s = va_arg(ap, const char *);
			if (s)
				sqlite3_bind_text(stmt, idx, s, -1, SQLITE_TRANSIENT);
			else
				sqlite3_bind_null(stmt, idx);
			break;
		}
		default: sqlite3_bind_null(stmt, idx);
		}
	}
}

static enum err_code sq_exec(struct conn *c, const char *sql, const char *fmt, va_list ap,
			     int (*fn)(void *, const struct dbrow *), void *ctx, struct err *err)
{
	struct sqlite_conn *s = c->h;
	sqlite3_stmt *stmt = prep(s, sql, err);
	if (!stmt)
		return err->code;
	bindv(stmt, fmt, ap);
	struct dbrow r = {c, stmt, 0};
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		if (fn && fn(ctx, &r)) {
			rc = SQLITE_DONE;
			break;
		}
	enum err_code out = ERR_OK;
	if (rc != SQLITE_DONE)
		out = db_error(s->db, err, sqlite3_stmt_readonly(stmt) ? "read" : "write");
	else
		c->changes = sqlite3_changes(s->db);
	sqlite3_reset(stmt);
	return out;
}

static void *sq_connect(const char *path, const struct store_options *opt, struct err *err)
{
	struct sqlite_conn *s = xcalloc(1, sizeof *s);
	int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
				 NULL);
	if (rc != SQLITE_OK) {
		err_set(err, ERR_INTERNAL, "", "cannot open %s: %s", path,
			s->db ? sqlite3_errmsg(s->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(s->db, 10000);
	char *pragmas = xasprintf("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;"
				  "PRAGMA synchronous=%s; PRAGMA cache_size=-8000;",
				  !opt || opt->durable ? "FULL" : "NORMAL");
	char *msg = NULL;
	rc = sqlite3_exec(s->db, pragmas, NULL, NULL, &msg);
	free(pragmas);
	if (rc != SQLITE_OK) {
		err_set(err, ERR_INTERNAL, "", "cannot set up %s: %s", path, msg ? msg : "?");
		sqlite3_free(msg);
		goto fail;
	}
	return s;
fail:
	sqlite3_close(s->db);
	free(s);
	return NULL;
}

static void sq_disconnect(void *h)
{
	struct sqlite_conn *s = h;
	if (!s)
		return;
	for (int i = 0; i < s->ncache; i++)
		sqlite3_finalize(s->cache[i].stmt);
	sqlite3_close(s->db);
	free(s);
}

static enum err_code sq_migrate(struct conn *c, int *version, struct err *err)
{
	static const char GET_VERSION[] = "PRAGMA user_version";
	sqlite3 *db = db_of(c);
	int64_t have;
	if (int1(c, GET_VERSION, &have, err, "") != ERR_OK)
		return err->code;
	int n = 0;
	for (const struct embed_file *m = embed_migrations; m->name; m++) {
		n++;
		if (atoi(m->name) != n)
			return err_set(err, ERR_INTERNAL, "", "migration %s out of sequence", m->name);
		if (n <= have)
			continue;
		char *sql = xasprintf("BEGIN IMMEDIATE;\n%s\nPRAGMA user_version = %d;\n"
				      "PRAGMA application_id = %d;\nCOMMIT;",
				      (const char *)m->data, n, APPLICATION_ID);
		char *msg = NULL;
		int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
		free(sql);
		if (rc != SQLITE_OK) {
			err_set(err, ERR_INTERNAL, "", "migration %s: %s", m->name, msg ? msg : "?");
			sqlite3_free(msg);
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			return ERR_INTERNAL;
		}
	}
	if (have > n)
		return err_set(err, ERR_INTERNAL, "", "database schema %lld is newer than this cchc (%d)",
			       (long long)have, n);
	*version = n > have ? n : (int)have;
	return ERR_OK;
}

/* ---- the audit trail: TEMP triggers with a SHA-256 function ------------ */

static void sql_audit_hash(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *v[8];
	for (int i = 0; i < 8 && i < argc; i++)
		v[i] = (const char *)sqlite3_value_text(argv[i]);
	char out[65];
	store_audit_hash(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], out);
	sqlite3_result_text(ctx, out, 64, SQLITE_TRANSIENT);
}

/* Who made the change comes from the connection's temporary table
 * audit_actor, which store_audit_begin fills and store_audit_end resets. */
static enum err_code sq_setup(struct conn *c, struct err *err)
{
	sqlite3 *db = db_of(c);
	if (sqlite3_create_function(db, "cchc_audit_hash", 8, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				    sql_audit_hash, NULL, NULL) != SQLITE_OK)
		return db_error(db, err, "audit function");
	struct buf sql = BUF_INIT;
	buf_adds(&sql, "CREATE TEMP TABLE IF NOT EXISTS audit_actor (one INTEGER PRIMARY KEY CHECK (one = 1),"
		       " actor TEXT NOT NULL, address TEXT NOT NULL);"
		       "INSERT OR IGNORE INTO temp.audit_actor VALUES (1, 'system', '');");
	for (const struct audited *a = audited_sqlite; a->table; a++)
		buf_printf(&sql,
			   "CREATE TEMP TRIGGER IF NOT EXISTS audit_%s_%s AFTER %s ON main.%s BEGIN "
			   "INSERT INTO audit(at, actor, address, action, entity, entity_id, detail, prev_hash, hash) "
			   "SELECT x.at, w.actor, w.address, '%s', '%s', x.eid, x.detail, x.prev, "
			   "cchc_audit_hash(x.prev, x.at, w.actor, w.address, '%s', '%s', x.eid, x.detail) "
			   "FROM temp.audit_actor w, (SELECT strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now') AS at, "
			   "CAST(%s AS TEXT) AS eid, %s AS detail, "
			   "coalesce((SELECT hash FROM main.audit ORDER BY id DESC LIMIT 1), '') AS prev) x; END;",
			   a->table, a->event, a->event, a->table, a->action, a->entity, a->action, a->entity,
			   a->id, a->detail);
	char *msg = NULL;
	int rc = sqlite3_exec(db, buf_str(&sql), NULL, NULL, &msg);
	buf_release(&sql);
	if (rc != SQLITE_OK) {
		enum err_code code = err_set(err, ERR_INTERNAL, "", "audit triggers: %s", msg ? msg : "?");
		sqlite3_free(msg);
		return code;
	}
	return ERR_OK;
}

static enum err_code sq_begin(struct conn *c, struct err *err)
{
	static const char SQL[] = "BEGIN IMMEDIATE";
	return run(c, SQL, err, "");
}

static int sq_in_tx(struct conn *c)
{
	return !sqlite3_get_autocommit(db_of(c));
}

static int sq_ncols(const struct dbrow *r)
{
	return sqlite3_column_count(r->res);
}

static const char *sq_col_name(const struct dbrow *r, int i)
{
	return sqlite3_column_name(r->res, i);
}

static int sq_col_type(const struct dbrow *r, int i)
{
	switch (sqlite3_column_type(r->res, i)) {
	case SQLITE_INTEGER: return JSON_INTEGER;
	case SQLITE_FLOAT: return JSON_REAL;
	case SQLITE_NULL: return JSON_NULL;
	default: return JSON_STRING;
	}
}

static int64_t sq_col_int(const struct dbrow *r, int i)
{
	return sqlite3_column_int64(r->res, i);
}

static double sq_col_double(const struct dbrow *r, int i)
{
	return sqlite3_column_double(r->res, i);
}

static const char *sq_col_text(const struct dbrow *r, int i)
{
	return (const char *)sqlite3_column_text(r->res, i);
}

const struct db_driver db_sqlite = {
	.name = "sqlite",
	.connect = sq_connect,
	.disconnect = sq_disconnect,
	.exec = sq_exec,
	.migrate = sq_migrate,
	.setup = sq_setup,
	.begin = sq_begin,
	.in_tx = sq_in_tx,
	.version_sql = "PRAGMA user_version",
	.set_actor_sql = "UPDATE temp.audit_actor SET actor = ?1, address = ?2",
	.ncols = sq_ncols,
	.col_name = sq_col_name,
	.col_type = sq_col_type,
	.col_int = sq_col_int,
	.col_double = sq_col_double,
	.col_text = sq_col_text,
};
