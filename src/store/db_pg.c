/*
 * db_pg.c — the PostgreSQL driver of db_driver.h, for a province that runs
 * several application nodes on one database server.
 *
 * Each connection prepares the store's statements once (PQprepare), named
 * by their place in its cache and found by the address of the SQL text
 * like the SQLite driver's; "?N" becomes "$N" on the way.  Parameters go as
 * text and the server infers their types from where they are used; a
 * parameter used only where no type shows (such as "?1 IS NULL") is
 * prepared again with the type its format letter names.  Writers take one
 * advisory lock for the transaction, so writes are serialised across nodes
 * as SQLite serialises them across processes, and the audit chain is
 * appended in commit order.  Each write transaction also sends NOTIFY
 * cchc_change, which the caches' probes (probe.c) listen for.
 */
#include "base/base.h"
#include "base/embed.h"
#include "store/db_driver.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STMT_CACHE 200
#define MAX_PARAMS 32
/* The advisory lock keys: writers, and whoever migrates. */
#define WRITE_LOCK "1667458152"		/* "cchc" */
#define MIGRATE_LOCK "1667458153"
#define SCHEDULER_LOCK "1667458154"

enum { OID_BOOL = 16, OID_INT8 = 20, OID_INT2 = 21, OID_INT4 = 23, OID_TEXT = 25, OID_OID = 26,
       OID_FLOAT4 = 700, OID_FLOAT8 = 701, OID_NUMERIC = 1700 };

struct pg_conn {
	PGconn *pg;
	struct {
		const char *sql;
		char name[12];
	} cache[STMT_CACHE];
	int ncache;
	int evict_next;
	unsigned named;		/* statements prepared so far: the next name */
};

/* Fills err from a failed result (or the connection when res is NULL). */
static enum err_code pg_error(PGconn *pg, const PGresult *res, struct err *err, const char *what)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(pg);
	char clean[200];
	snprintf(clean, sizeof clean, "%s", msg && *msg ? msg : "connection lost");
	clean[strcspn(clean, "\n")] = 0;
	if (PQstatus(pg) != CONNECTION_OK || (state && (!strncmp(state, "08", 2) || !strncmp(state, "57P", 3))))
		return err_set(err, ERR_BUSY, "", "database unavailable (%s): %s", what, clean);
	if (state && (!strcmp(state, "40001") || !strcmp(state, "40P01") || !strcmp(state, "55P03")))
		return err_set(err, ERR_BUSY, "", "database busy (%s)", what);
	if (state && !strncmp(state, "23", 2))
		return err_set(err, ERR_CONFLICT, "", "%s: %s", what, clean);
	return err_set(err, ERR_INTERNAL, "", "%s: %s", what, clean);
}

/* ---- preparing: "?N" to "$N", names, the cache -------------------------- */

/* sql with ?N as $N, outside quoted text; used[n] is set for each $n+1. */
static char *dollar_params(const char *sql, int used[MAX_PARAMS])
{
	struct buf out = BUF_INIT;
	char quote = 0;
	for (const char *p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
		} else if (*p == '?' && p[1] >= '0' && p[1] <= '9') {
			int n = (int)strtol(p + 1, (char **)&p, 10);
			if (n >= 1 && n <= MAX_PARAMS)
				used[n - 1] = 1;
			buf_printf(&out, "$%d", n);
			p--;
			continue;
		}
		buf_addc(&out, *p);
	}
	return buf_detach(&out);
}

static Oid letter_type(char letter)
{
	switch (letter) {
	case 'i': return OID_INT8;
	case 'd': return OID_FLOAT8;
	case 't': return OID_TEXT;
	default: return 0;
	}
}

/* Prepares sql as name with nparams parameters.  Parameters the SQL does
 * not use are declared text; with typed set, the others take their letter's
 * type too. */
static PGresult *prepare_as(PGconn *pg, const char *name, const char *sql, const char *fmt, int typed)
{
	int used[MAX_PARAMS] = {0};
	char *text = dollar_params(sql, used);
	int n = (int)strlen(fmt);
	Oid types[MAX_PARAMS];
	for (int i = 0; i < n && i < MAX_PARAMS; i++)
		types[i] = !used[i] ? OID_TEXT : typed ? letter_type(fmt[i]) : 0;
	PGresult *res = PQprepare(pg, name, text, n, n ? types : NULL);
	free(text);
	return res;
}

/*
 * Prepares sql as name: with the types inferred from where the parameters
 * are used, else (a parameter used only where no type shows, such as
 * "?1 IS NULL") with the types of their format letters.  Inside a
 * transaction the first try runs under a savepoint, since a failed
 * statement would abort the transaction.
 */
static PGresult *prepare(PGconn *pg, const char *name, const char *sql, const char *fmt)
{
	int in_tx = PQtransactionStatus(pg) == PQTRANS_INTRANS;
	if (in_tx)
		PQclear(PQexec(pg, "SAVEPOINT cchc_prepare"));
	PGresult *res = prepare_as(pg, name, sql, fmt, 0);
	const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	if (PQresultStatus(res) != PGRES_COMMAND_OK && state && (!strcmp(state, "42P18") || !strcmp(state, "42P08"))) {
		PQclear(res);
		if (in_tx)
			PQclear(PQexec(pg, "ROLLBACK TO SAVEPOINT cchc_prepare"));
		res = prepare_as(pg, name, sql, fmt, 1);
	}
	if (in_tx)
		PQclear(PQexec(pg, PQresultStatus(res) == PGRES_COMMAND_OK ? "RELEASE SAVEPOINT cchc_prepare"
									  : "ROLLBACK TO SAVEPOINT cchc_prepare"));
	return res;
}

/* The name of sql's prepared statement on this connection, or NULL with err. */
static const char *prep(struct pg_conn *p, const char *sql, const char *fmt, struct err *err)
{
	for (int i = 0; i < p->ncache; i++)
		if (p->cache[i].sql == sql)
			return p->cache[i].name;
	int slot = p->ncache < STMT_CACHE ? p->ncache++ : p->evict_next;
	if (p->cache[slot].sql) {
		char deallocate[40];
		snprintf(deallocate, sizeof deallocate, "DEALLOCATE %s", p->cache[slot].name);
		PQclear(PQexec(p->pg, deallocate));
		p->evict_next = (slot + 1) % STMT_CACHE;
	}
	p->cache[slot].sql = NULL;
	snprintf(p->cache[slot].name, sizeof p->cache[slot].name, "s%u", p->named++);
	PGresult *res = prepare(p->pg, p->cache[slot].name, sql, fmt);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		pg_error(p->pg, res, err, "prepare");
		PQclear(res);
		return NULL;
	}
	PQclear(res);
	p->cache[slot].sql = sql;
	return p->cache[slot].name;
}

/* A lost connection is opened again before the next statement, which then
 * prepares afresh; a transaction it was in is gone, so that statement
 * fails as it would have. */
static enum err_code ensure_connected(struct pg_conn *p, struct err *err)
{
	if (PQstatus(p->pg) == CONNECTION_OK)
		return ERR_OK;
	PQreset(p->pg);
	p->ncache = 0;
	p->evict_next = 0;
	if (PQstatus(p->pg) != CONNECTION_OK)
		return pg_error(p->pg, NULL, err, "reconnect");
	return ERR_OK;
}

static enum err_code pg_exec(struct conn *c, const char *sql, const char *fmt, va_list ap,
			     int (*fn)(void *, const struct dbrow *), void *ctx, struct err *err)
{
	struct pg_conn *p = c->h;
	int n = (int)strlen(fmt);
	if (n > MAX_PARAMS)
		return err_set(err, ERR_INTERNAL, "", "statement with %d parameters", n);
	char numbers[MAX_PARAMS][32];
	const char *values[MAX_PARAMS];
	for (int i = 0; i < n; i++) {
		switch (fmt[i]) {
		case 'i':
			snprintf(numbers[i], sizeof numbers[i], "%lld", (long long)va_arg(ap, int64_t));
			values[i] = numbers[i];
			break;
		case 'd':
			snprintf(numbers[i], sizeof numbers[i], "%.17g", va_arg(ap, double));
			values[i] = numbers[i];
			break;
		case 't': values[i] = va_arg(ap, const char *); break;
		default: values[i] = NULL;
		}
	}
	enum err_code rc = ensure_connected(p, err);
	if (rc != ERR_OK)
		return rc;
	const char *name = prep(p, sql, fmt, err);
	if (!name)
		return err->code;
	PGresult *res = PQexecPrepared(p->pg, name, n, n ? values : NULL, NULL, NULL, 0);
	ExecStatusType status = PQresultStatus(res);
	if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
		rc = pg_error(p->pg, res, err, "statement");
		PQclear(res);
		return rc;
	}
	c->changes = atoll(PQcmdTuples(res));
	int rows = PQntuples(res);
	for (int i = 0; fn && i < rows; i++) {
		struct dbrow r = {c, res, i};
		if (fn(ctx, &r))
			break;
	}
	PQclear(res);
	return ERR_OK;
}

/* Runs text (several statements, no parameters) with the simple protocol. */
static enum err_code simple(PGconn *pg, const char *text, struct err *err, const char *what)
{
	PGresult *res = PQexec(pg, text);
	ExecStatusType status = PQresultStatus(res);
	enum err_code rc = ERR_OK;
	if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
		rc = pg_error(pg, res, err, what);
	PQclear(res);
	return rc;
}

static void *pg_connect(const char *target, const struct store_options *opt, struct err *err)
{
	(void)opt;	/* durability is the server's (synchronous_commit) */
	struct pg_conn *p = xcalloc(1, sizeof *p);
	/* An unreachable server is reported within 10 s rather than waited on
	 * (the target's own connect_timeout, if any, wins). */
	const char *const keys[] = {"connect_timeout", "dbname", NULL};
	const char *const values[] = {"10", target, NULL};
	p->pg = PQconnectdbParams(keys, values, 1);
	if (PQstatus(p->pg) != CONNECTION_OK) {
		char msg[200];
		snprintf(msg, sizeof msg, "%s", PQerrorMessage(p->pg));
		msg[strcspn(msg, "\n")] = 0;
		err_set(err, ERR_BUSY, "", "cannot connect to the database: %s", msg);
		PQfinish(p->pg);
		free(p);
		return NULL;
	}
	PQclear(PQexec(p->pg, "SET client_min_messages = warning"));
	return p;
}

static void pg_disconnect(void *h)
{
	struct pg_conn *p = h;
	if (!p)
		return;
	PQfinish(p->pg);
	free(p);
}

/* ---- migrations and the audit trail ------------------------------------ */

/*
 * The audit trail's trigger for one audited (table, event): a function
 * that appends the record chained to the last one.  Writers hold the
 * advisory lock, so "the last one" is well defined; the record takes the
 * next id itself rather than from a sequence, whose numbers a rolled-back
 * transaction or a failover would skip, since the chain's records are
 * numbered without a gap (cchc audit verify).
 */
static void audit_trigger(struct buf *sql, const struct audited *a)
{
	buf_printf(sql,
		   "CREATE OR REPLACE FUNCTION audit_%s_%s() RETURNS trigger LANGUAGE plpgsql AS $f$\n"
		   "DECLARE last bigint; prev text; at text; who text; addr text; eid text; detail text;\n"
		   "BEGIN\n"
		   "  SELECT id, hash INTO last, prev FROM audit ORDER BY id DESC LIMIT 1;\n"
		   "  prev := coalesce(prev, '');\n"
		   "  at := to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"');\n"
		   "  who := coalesce(nullif(current_setting('cchc.actor', true), ''), 'system');\n"
		   "  addr := coalesce(current_setting('cchc.address', true), '');\n"
		   "  eid := CAST(%s AS text);\n"
		   "  detail := CAST(%s AS text);\n"
		   "  INSERT INTO audit(id, at, actor, address, action, entity, entity_id, detail, prev_hash, hash)\n"
		   "  VALUES (coalesce(last, 0) + 1, at, who, addr, '%s', '%s', eid, detail, prev,\n"
		   "          cchc_audit_hash(prev, at, who, addr, '%s', '%s', eid, detail));\n"
		   "  RETURN NULL;\n"
		   "END $f$;\n"
		   "CREATE OR REPLACE TRIGGER audit_%s_%s AFTER %s ON %s FOR EACH ROW EXECUTE FUNCTION audit_%s_%s();\n",
		   a->table, a->event, a->id, a->detail, a->action, a->entity, a->action, a->entity, a->table,
		   a->event, a->event, a->table, a->table, a->event);
}

static enum err_code install_audit(PGconn *pg, struct err *err)
{
	struct buf sql = BUF_INIT;
	for (const struct audited *a = audited_pg; a->table; a++)
		audit_trigger(&sql, a);
	enum err_code rc = simple(pg, buf_str(&sql), err, "audit triggers");
	buf_release(&sql);
	return rc;
}

static enum err_code apply_migrations(PGconn *pg, int *version, struct err *err)
{
	static const char VERSION[] = "SELECT coalesce(max(version), 0) FROM cchc_schema";
	enum err_code rc = simple(pg, "CREATE TABLE IF NOT EXISTS cchc_schema (version INTEGER PRIMARY KEY, "
				      "applied_at TEXT NOT NULL)", err, "schema table");
	if (rc != ERR_OK)
		return rc;
	PGresult *res = PQexec(pg, VERSION);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		rc = pg_error(pg, res, err, "schema version");
		PQclear(res);
		return rc;
	}
	int have = atoi(PQgetvalue(res, 0, 0));
	PQclear(res);
	int n = 0;
	for (const struct embed_file *m = embed_migrations_pg; m->name; m++) {
		n++;
		if (atoi(m->name) != n)
			return err_set(err, ERR_INTERNAL, "", "migration %s out of sequence", m->name);
		if (n <= have)
			continue;
		char *sql = xasprintf("BEGIN;\n%s\n;INSERT INTO cchc_schema VALUES (%d, "
				      "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'));\nCOMMIT;",
				      (const char *)m->data, n);
		struct err why;
		rc = simple(pg, sql, &why, "migration");
		free(sql);
		if (rc != ERR_OK) {
			PQclear(PQexec(pg, "ROLLBACK"));
			return err_set(err, rc, "", "migration %s: %s", m->name, why.message);
		}
	}
	if (have > n)
		return err_set(err, ERR_INTERNAL, "", "database schema %d is newer than this cchc (%d)", have, n);
	*version = n > have ? n : have;
	return install_audit(pg, err);
}

/* Nodes starting together take turns: the first migrates, the others find
 * the schema current. */
static enum err_code pg_migrate(struct conn *c, int *version, struct err *err)
{
	PGconn *pg = ((struct pg_conn *)c->h)->pg;
	enum err_code rc = simple(pg, "SELECT pg_advisory_lock(" MIGRATE_LOCK ")", err, "migration lock");
	if (rc != ERR_OK)
		return rc;
	rc = apply_migrations(pg, version, err);
	PQclear(PQexec(pg, "SELECT pg_advisory_unlock(" MIGRATE_LOCK ")"));
	return rc;
}

static enum err_code pg_begin(struct conn *c, struct err *err)
{
	struct pg_conn *p = c->h;
	enum err_code rc = ensure_connected(p, err);
	if (rc != ERR_OK)
		return rc;
	return simple(p->pg, "BEGIN; SELECT pg_advisory_xact_lock(" WRITE_LOCK "); NOTIFY cchc_change", err,
		      "begin");
}

static int pg_in_tx(struct conn *c)
{
	PGTransactionStatusType s = PQtransactionStatus(((struct pg_conn *)c->h)->pg);
	return s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE;
}

/* ---- what copy.c and the scheduler ask ----------------------------------- */

enum err_code db_pg_exec_text(struct conn *c, const char *sql, int n, const char *const *values,
			      struct err *err)
{
	struct pg_conn *p = c->h;
	PGresult *res = PQexecParams(p->pg, sql, n, NULL, values, NULL, NULL, 0);
	ExecStatusType status = PQresultStatus(res);
	enum err_code rc = ERR_OK;
	if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
		rc = pg_error(p->pg, res, err, "statement");
	else
		c->changes = atoll(PQcmdTuples(res));
	PQclear(res);
	return rc;
}

/* Only the scheduler's thread asks, so st->lead needs no lock. */
int db_pg_lead(struct store *st)
{
	struct err err;
	if (!st->lead && !(st->lead = pg_connect(st->target, NULL, &err)))
		return 0;
	struct pg_conn *p = st->lead;
	if (PQstatus(p->pg) != CONNECTION_OK) {
		st->leading = 0;
		PQreset(p->pg);
		if (PQstatus(p->pg) != CONNECTION_OK)
			return 0;
	}
	/* Held already: make sure the session (and with it the lock) is alive. */
	PGresult *res = PQexec(p->pg, st->leading ? "SELECT true" : "SELECT pg_try_advisory_lock(" SCHEDULER_LOCK ")");
	st->leading = PQresultStatus(res) == PGRES_TUPLES_OK && *PQgetvalue(res, 0, 0) == 't';
	PQclear(res);
	return st->leading;
}

/* ---- rows --------------------------------------------------------------- */

static int pg_ncols(const struct dbrow *r)
{
	return PQnfields(r->res);
}

static const char *pg_col_name(const struct dbrow *r, int i)
{
	return PQfname(r->res, i);
}

static int pg_col_type(const struct dbrow *r, int i)
{
	if (PQgetisnull(r->res, r->row, i))
		return JSON_NULL;
	switch (PQftype(r->res, i)) {
	case OID_BOOL: case OID_INT2: case OID_INT4: case OID_INT8: case OID_OID: return JSON_INTEGER;
	case OID_FLOAT4: case OID_FLOAT8: return JSON_REAL;
	case OID_NUMERIC:
		/* SQLite's sums of integers are integers; avg() and ratios are not. */
		return strpbrk(PQgetvalue(r->res, r->row, i), ".eE") ? JSON_REAL : JSON_INTEGER;
	default: return JSON_STRING;
	}
}

static int64_t pg_col_int(const struct dbrow *r, int i)
{
	const char *v = PQgetvalue(r->res, r->row, i);
	if (PQftype(r->res, i) == OID_BOOL)
		return *v == 't';
	return strtoll(v, NULL, 10);
}

static double pg_col_double(const struct dbrow *r, int i)
{
	return strtod(PQgetvalue(r->res, r->row, i), NULL);
}

static const char *pg_col_text(const struct dbrow *r, int i)
{
	return PQgetisnull(r->res, r->row, i) ? NULL : PQgetvalue(r->res, r->row, i);
}

const struct db_driver db_pg = {
	.name = "postgresql",
	.connect = pg_connect,
	.disconnect = pg_disconnect,
	.exec = pg_exec,
	.migrate = pg_migrate,
	.begin = pg_begin,
	.in_tx = pg_in_tx,
	.version_sql = "SELECT coalesce(max(version), 0) FROM cchc_schema",
	.set_actor_sql = "SELECT set_config('cchc.actor', ?1, false), set_config('cchc.address', ?2, false)",
	.ncols = pg_ncols,
	.col_name = pg_col_name,
	.col_type = pg_col_type,
	.col_int = pg_col_int,
	.col_double = pg_col_double,
	.col_text = pg_col_text,
};
