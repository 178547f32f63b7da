/*
 * store_sqlite.c — the SQLite backend of store.h.
 *
 * A store is a small pool of connections to one database file in WAL mode.
 * Each connection keeps its prepared statements, found by the address of
 * the static SQL text, so every statement is prepared once per connection
 * and always run with bound parameters.  Writers take BEGIN IMMEDIATE so
 * that two writers queue on the busy timeout instead of failing mid-way.
 */
#include "base/base.h"
#include "base/date.h"
#include "base/embed.h"
#include "base/vitext.h"
#include "store/store.h"
#include "store/sqlite_int.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- connections ---------------------------------------------------- */

/*
 * A thread that already holds a connection gets the same one again, so a
 * domain function may call the store from inside a scan callback without
 * taking a second connection (and the pool cannot deadlock on itself).
 */
struct conn *conn_get(struct store *st)
{
	pthread_t self = pthread_self();
	pthread_mutex_lock(&st->mu);
	for (int i = 0; i < st->nconns; i++)
		if (st->conns[i].depth > 0 && pthread_equal(st->conns[i].owner, self)) {
			st->conns[i].depth++;
			pthread_mutex_unlock(&st->mu);
			return &st->conns[i];
		}
	while (st->nfree == 0)
		pthread_cond_wait(&st->cv, &st->mu);
	struct conn *c = &st->conns[st->free_list[--st->nfree]];
	c->owner = self;
	c->depth = 1;
	pthread_mutex_unlock(&st->mu);
	return c;
}

void conn_put(struct store *st, struct conn *c)
{
	pthread_mutex_lock(&st->mu);
	if (--c->depth == 0) {
		st->free_list[st->nfree++] = (int)(c - st->conns);
		pthread_cond_signal(&st->cv);
	}
	pthread_mutex_unlock(&st->mu);
}

enum err_code db_error(struct conn *c, struct err *err, const char *what)
{
	int rc = sqlite3_errcode(c->db);
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return err_set(err, ERR_BUSY, "", "database busy (%s)", what);
	if (rc == SQLITE_CONSTRAINT)
		return err_set(err, ERR_CONFLICT, "", "%s: %s", what, sqlite3_errmsg(c->db));
	return err_set(err, ERR_INTERNAL, "", "%s: %s", what, sqlite3_errmsg(c->db));
}

/* Returns the connection's statement for sql, reset and ready to bind. */
sqlite3_stmt *prep(struct conn *c, const char *sql, struct err *err)
{
	for (int i = 0; i < c->ncache; i++)
		if (c->cache[i].sql == sql) {
			sqlite3_reset(c->cache[i].stmt);
			sqlite3_clear_bindings(c->cache[i].stmt);
			return c->cache[i].stmt;
		}
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK) {
		db_error(c, err, "prepare");
		return NULL;
	}
	if (c->ncache < STMT_CACHE) {
		c->cache[c->ncache].sql = sql;
		c->cache[c->ncache].stmt = stmt;
		c->ncache++;
	}
	/* A full cache is a programming error; the statement still works but is
	 * finalised only at close, so keep STMT_CACHE above the statement count. */
	return stmt;
}

/*
 * Binds parameters described by fmt, one letter each: i int64, t text
 * (NULL binds NULL), d double, n NULL.
 */
void bindv(sqlite3_stmt *stmt, const char *fmt, va_list ap)
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

json_t *row_json(sqlite3_stmt *stmt)
{
	json_t *row = json_object();
	int n = sqlite3_column_count(stmt);
	for (int i = 0; i < n; i++) {
		const char *name = sqlite3_column_name(stmt, i);
		json_t *v;
		switch (sqlite3_column_type(stmt, i)) {
		case SQLITE_INTEGER: v = json_integer(sqlite3_column_int64(stmt, i)); break;
		case SQLITE_FLOAT: v = json_real(sqlite3_column_double(stmt, i)); break;
		case SQLITE_TEXT:
			v = json_stringn((const char *)sqlite3_column_text(stmt, i),
					 (size_t)sqlite3_column_bytes(stmt, i));
			break;
		default: v = json_null();
		}
		json_object_set_new(row, name, v ? v : json_null());
	}
	return row;
}

/* Runs a statement to completion; returns SQLITE_DONE on success. */
int run(struct conn *c, const char *sql, struct err *err, const char *fmt, ...)
{
	sqlite3_stmt *stmt = prep(c, sql, err);
	if (!stmt)
		return SQLITE_ERROR;
	va_list ap;
	va_start(ap, fmt);
	bindv(stmt, fmt, ap);
	va_end(ap);
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE)
		db_error(c, err, "write");
	sqlite3_reset(stmt);
	return rc;
}

/* All rows as a JSON array (NULL on error). */
json_t *rows(struct conn *c, const char *sql, struct err *err, const char *fmt, ...)
{
	sqlite3_stmt *stmt = prep(c, sql, err);
	if (!stmt)
		return NULL;
	va_list ap;
	va_start(ap, fmt);
	bindv(stmt, fmt, ap);
	va_end(ap);
	json_t *out = json_array();
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		json_array_append_new(out, row_json(stmt));
	if (rc != SQLITE_DONE) {
		db_error(c, err, "read");
		json_decref(out);
		out = NULL;
	}
	sqlite3_reset(stmt);
	return out;
}

/* The first row as an object; NULL with ERR_NOT_FOUND when there is none. */
json_t *row1(struct conn *c, const char *sql, struct err *err, const char *fmt, ...)
{
	sqlite3_stmt *stmt = prep(c, sql, err);
	if (!stmt)
		return NULL;
	va_list ap;
	va_start(ap, fmt);
	bindv(stmt, fmt, ap);
	va_end(ap);
	json_t *out = NULL;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		out = row_json(stmt);
	else if (rc == SQLITE_DONE)
		err_set(err, ERR_NOT_FOUND, "", "not found");
	else
		db_error(c, err, "read");
	sqlite3_reset(stmt);
	return out;
}

/* A single integer (0 when there is no row or on error). */
int64_t int1(struct conn *c, const char *sql, const char *fmt, ...)
{
	sqlite3_stmt *stmt = prep(c, sql, NULL);
	if (!stmt)
		return 0;
	va_list ap;
	va_start(ap, fmt);
	bindv(stmt, fmt, ap);
	va_end(ap);
	int64_t v = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	sqlite3_reset(stmt);
	return v;
}

enum err_code tx_begin(struct store *st, struct conn *c, struct err *err)
{
	if (c == st->batch)
		return ERR_OK;
	static const char SQL[] = "BEGIN IMMEDIATE";
	/* Already in a transaction: BEGIN fails as it always did (no wait). */
	int queue = sqlite3_get_autocommit(c->db);
	if (queue)
		pthread_mutex_lock(&st->write_mu);
	if (run(c, SQL, err, "") != SQLITE_DONE) {
		if (queue)
			pthread_mutex_unlock(&st->write_mu);
		return err->code;
	}
	return ERR_OK;
}

enum err_code tx_end(struct store *st, struct conn *c, enum err_code rc, struct err *err)
{
	if (c == st->batch)
		return rc;
	static const char COMMIT[] = "COMMIT", ROLLBACK[] = "ROLLBACK";
	if (rc == ERR_OK) {
		if (run(c, COMMIT, err, "") == SQLITE_DONE) {
			pthread_mutex_unlock(&st->write_mu);
			return ERR_OK;
		}
		rc = err->code;
	}
	struct err ignored;
	run(c, ROLLBACK, &ignored, "");
	pthread_mutex_unlock(&st->write_mu);
	return rc;
}

void now_utc(char out[21])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- open, migrate, close -------------------------------------------- */

static enum err_code migrate(struct conn *c, int *version, struct err *err)
{
	static const char GET_VERSION[] = "PRAGMA user_version";
	int have = (int)int1(c, GET_VERSION, "");
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
		int rc = sqlite3_exec(c->db, sql, NULL, NULL, &msg);
		free(sql);
		if (rc != SQLITE_OK) {
			err_set(err, ERR_INTERNAL, "", "migration %s: %s", m->name, msg ? msg : "?");
			sqlite3_free(msg);
			sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
			return ERR_INTERNAL;
		}
	}
	if (have > n)
		return err_set(err, ERR_INTERNAL, "", "database schema %d is newer than this cchc (%d)", have, n);
	*version = n > have ? n : have;
	return ERR_OK;
}

static enum err_code conn_open(struct conn *c, const char *path, int durable, struct err *err)
{
	memset(c, 0, sizeof *c);
	int rc = sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				 SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK)
		return err_set(err, ERR_INTERNAL, "", "cannot open %s: %s", path,
			       c->db ? sqlite3_errmsg(c->db) : "out of memory");
	sqlite3_busy_timeout(c->db, 10000);
	char *pragmas = xasprintf("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;"
				  "PRAGMA synchronous=%s; PRAGMA cache_size=-8000;",
				  durable ? "FULL" : "NORMAL");
	char *msg = NULL;
	rc = sqlite3_exec(c->db, pragmas, NULL, NULL, &msg);
	free(pragmas);
	if (rc != SQLITE_OK) {
		err_set(err, ERR_INTERNAL, "", "cannot set up %s: %s", path, msg ? msg : "?");
		sqlite3_free(msg);
		return ERR_INTERNAL;
	}
	return ERR_OK;
}

static void conn_close(struct conn *c)
{
	for (int i = 0; i < c->ncache; i++)
		sqlite3_finalize(c->cache[i].stmt);
	sqlite3_close(c->db);
}

struct store *store_open(const char *path, const struct store_options *opt, struct err *err)
{
	struct store *st = xcalloc(1, sizeof *st);
	st->nconns = opt && opt->connections > 0 ? opt->connections : 4;
	int durable = opt ? opt->durable : 1;
	st->conns = xcalloc((size_t)st->nconns, sizeof *st->conns);
	st->free_list = xcalloc((size_t)st->nconns, sizeof *st->free_list);
	pthread_mutex_init(&st->mu, NULL);
	pthread_mutex_init(&st->write_mu, NULL);
	pthread_cond_init(&st->cv, NULL);
	int opened = 0;
	for (; opened < st->nconns; opened++) {
		if (conn_open(&st->conns[opened], path, durable, err) != ERR_OK)
			goto fail;
		/* The first connection migrates before the others look at the schema. */
		if (opened == 0 && migrate(&st->conns[0], &st->schema_version, err) != ERR_OK) {
			opened++;
			goto fail;
		}
		st->free_list[st->nfree++] = opened;
	}
	for (int i = 0; i < st->nconns; i++)
		if (audit_install(&st->conns[i], err) != ERR_OK)
			goto fail;
	return st;
fail:
	st->nconns = opened;
	store_close(st);
	return NULL;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	for (int i = 0; i < st->nconns; i++)
		conn_close(&st->conns[i]);
	pthread_mutex_destroy(&st->mu);
	pthread_mutex_destroy(&st->write_mu);
	pthread_cond_destroy(&st->cv);
	free(st->conns);
	free(st->free_list);
	free(st);
}

int store_schema_version(struct store *st)
{
	return st->schema_version;
}

enum err_code store_batch_begin(struct store *st, struct err *err)
{
	struct conn *c = conn_get(st);
	static const char SQL[] = "BEGIN IMMEDIATE";
	if (run(c, SQL, err, "") != SQLITE_DONE) {
		conn_put(st, c);
		return err->code;
	}
	/* The connection stays held (depth 1) until the commit. */
	st->batch = c;
	return ERR_OK;
}

enum err_code store_batch_commit(struct store *st, struct err *err)
{
	struct conn *c = st->batch;
	if (!c)
		return ERR_OK;
	st->batch = NULL;
	static const char SQL[] = "COMMIT";
	enum err_code rc = run(c, SQL, err, "") == SQLITE_DONE ? ERR_OK : err->code;
	if (rc != ERR_OK)
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
	conn_put(st, c);
	return rc;
}

void store_batch_abort(struct store *st, struct err *err)
{
	(void)err;
	struct conn *c = st->batch;
	if (!c)
		return;
	st->batch = NULL;
	sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
	conn_put(st, c);
}

/* ---- meta ------------------------------------------------------------ */

enum err_code store_meta_set(struct store *st, const char *key, const char *value, struct err *err)
{
	static const char SQL[] = "INSERT INTO meta(key, value) VALUES (?1, ?2) "
				  "ON CONFLICT(key) DO UPDATE SET value = excluded.value";
	struct conn *c = conn_get(st);
	enum err_code rc = run(c, SQL, err, "tt", key, value) == SQLITE_DONE ? ERR_OK : err->code;
	conn_put(st, c);
	return rc;
}

char *store_meta_get(struct store *st, const char *key)
{
	static const char SQL[] = "SELECT value FROM meta WHERE key = ?1";
	struct conn *c = conn_get(st);
	char *out = NULL;
	sqlite3_stmt *stmt = prep(c, SQL, NULL);
	if (stmt) {
		sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
		if (sqlite3_step(stmt) == SQLITE_ROW)
			out = xstrdup((const char *)sqlite3_column_text(stmt, 0));
		sqlite3_reset(stmt);
	}
	conn_put(st, c);
	return out;
}

/* ---- units and fields ------------------------------------------------ */

enum err_code store_unit_add(struct store *st, const struct unit_new *u, int64_t *id, struct err *err)
{
	static const char SQL[] =
		"INSERT INTO unit(code, name, name_fold, short_name, kind, parent_id, head_name, head_title) "
		"VALUES (?1, ?2, ?3, ?4, ?5, (SELECT id FROM unit WHERE code = ?6), ?7, ?8)";
	char *fold = vi_fold(u->name);
	struct conn *c = conn_get(st);
	enum err_code rc = ERR_OK;
	if (run(c, SQL, err, "tttttttt", u->code, u->name, fold, u->short_name, u->kind,
		u->parent_code, u->head_name, u->head_title) != SQLITE_DONE)
		rc = err->code;
	else if (id)
		*id = sqlite3_last_insert_rowid(c->db);
	conn_put(st, c);
	free(fold);
	return rc;
}

#define UNIT_COLUMNS "u.id, u.code, u.name, u.short_name, u.kind, u.parent_id, " \
	"u.head_name, u.head_title, u.active"

json_t *store_units(struct store *st, struct err *err)
{
	static const char SQL[] = "SELECT " UNIT_COLUMNS " FROM unit u ORDER BY u.id";
	struct conn *c = conn_get(st);
	json_t *out = rows(c, SQL, err, "");
	conn_put(st, c);
	return out;
}

json_t *store_unit_get(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] = "SELECT " UNIT_COLUMNS " FROM unit u WHERE u.id = ?1";
	struct conn *c = conn_get(st);
	json_t *out = row1(c, SQL, err, "i", id);
	conn_put(st, c);
	return out;
}

int64_t store_unit_id_by_code(struct store *st, const char *code)
{
	static const char SQL[] = "SELECT id FROM unit WHERE code = ?1";
	struct conn *c = conn_get(st);
	int64_t id = int1(c, SQL, "t", code);
	conn_put(st, c);
	return id;
}

enum err_code store_field_add(struct store *st, const char *code, int seq, const char *name,
			      const char *name_en, const char *lead_code, struct err *err)
{
	static const char SQL[] =
		"INSERT INTO field(code, seq, name, name_en, lead_unit_id) "
		"VALUES (?1, ?2, ?3, ?4, (SELECT id FROM unit WHERE code = ?5))";
	struct conn *c = conn_get(st);
	enum err_code rc = run(c, SQL, err, "titt" "t", code, (int64_t)seq, name, name_en,
			       lead_code) == SQLITE_DONE ? ERR_OK : err->code;
	conn_put(st, c);
	return rc;
}

json_t *store_fields(struct store *st, struct err *err)
{
	static const char SQL[] =
		"SELECT f.id, f.code, f.seq, f.name, f.name_en, f.lead_unit_id, "
		"u.code AS lead_unit_code, u.name AS lead_unit_name "
		"FROM field f LEFT JOIN unit u ON u.id = f.lead_unit_id ORDER BY f.seq";
	struct conn *c = conn_get(st);
	json_t *out = rows(c, SQL, err, "");
	conn_put(st, c);
	return out;
}

int64_t store_field_id_by_code(struct store *st, const char *code)
{
	static const char SQL[] = "SELECT id FROM field WHERE code = ?1";
	struct conn *c = conn_get(st);
	int64_t id = int1(c, SQL, "t", code);
	conn_put(st, c);
	return id;
}

/* ---- documents and indicators ---------------------------------------- */

enum err_code store_document_add(struct store *st, const struct document_new *d, int64_t *id, struct err *err)
{
	static const char SQL[] =
		"INSERT INTO document(type, number, symbol, title, year, issuer_unit_id, issued_on, "
		"body, is_demo, created_at) VALUES (?1, ?2, ?3, ?4, ?5, "
		"(SELECT id FROM unit WHERE code = ?6), ?7, ?8, ?9, ?10)";
	char now[21];
	now_utc(now);
	struct conn *c = conn_get(st);
	enum err_code rc = ERR_OK;
	if (run(c, SQL, err, "ttttittt" "it", d->type, d->number, d->symbol, d->title,
		(int64_t)d->year, d->issuer_code, d->issued_on, d->body, (int64_t)d->is_demo,
		now) != SQLITE_DONE)
		rc = err->code;
	else if (id)
		*id = sqlite3_last_insert_rowid(c->db);
	conn_put(st, c);
	return rc;
}

#define DOCUMENT_COLUMNS "d.id, d.type, d.number, d.symbol, " \
	"CASE WHEN d.number IS NULL THEN NULL ELSE d.number || '/' || d.symbol END AS number_symbol, " \
	"d.title, d.year, d.issuer_unit_id, d.issued_on, d.is_demo"

json_t *store_documents(struct store *st, const char *type, struct err *err)
{
	static const char SQL[] = "SELECT " DOCUMENT_COLUMNS " FROM document d "
				  "WHERE ?1 IS NULL OR d.type = ?1 ORDER BY d.issued_on DESC, d.id";
	struct conn *c = conn_get(st);
	json_t *out = rows(c, SQL, err, "t", type);
	conn_put(st, c);
	return out;
}

json_t *store_document_get(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] = "SELECT " DOCUMENT_COLUMNS ", d.source_name, d.body FROM document d WHERE d.id = ?1";
	struct conn *c = conn_get(st);
	json_t *out = row1(c, SQL, err, "i", id);
	conn_put(st, c);
	return out;
}

enum err_code store_indicator_add(struct store *st, const struct indicator_new *ind, int64_t *id, struct err *err)
{
	static const char SQL[] =
		"INSERT INTO indicator(document_id, field_id, code, name, measure, comparison, target, "
		"baseline, is_sample) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	struct conn *c = conn_get(st);
	enum err_code rc = ERR_OK;
	sqlite3_stmt *stmt = prep(c, SQL, err);
	if (!stmt) {
		rc = err->code;
		goto out;
	}
	sqlite3_bind_int64(stmt, 1, ind->document_id);
	sqlite3_bind_int64(stmt, 2, ind->field_id);
	sqlite3_bind_text(stmt, 3, ind->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, ind->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, ind->measure, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 6, ind->comparison, -1, SQLITE_STATIC);
	sqlite3_bind_double(stmt, 7, ind->target);
	if (ind->has_baseline)
		sqlite3_bind_double(stmt, 8, ind->baseline);
	sqlite3_bind_int(stmt, 9, ind->is_sample);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		rc = db_error(c, err, "indicator");
	else if (id)
		*id = sqlite3_last_insert_rowid(c->db);
	sqlite3_reset(stmt);
out:
	conn_put(st, c);
	return rc;
}

#define INDICATOR_COLUMNS "i.id, i.document_id, i.field_id, f.code AS field_code, i.code, i.name, " \
	"i.measure, i.comparison, i.target, i.baseline, i.is_sample"

json_t *store_indicators(struct store *st, int64_t document_id, struct err *err)
{
	static const char SQL[] = "SELECT " INDICATOR_COLUMNS " FROM indicator i "
				  "JOIN field f ON f.id = i.field_id "
				  "WHERE ?1 = 0 OR i.document_id = ?1 ORDER BY f.seq, i.id";
	struct conn *c = conn_get(st);
	json_t *out = rows(c, SQL, err, "i", document_id);
	conn_put(st, c);
	return out;
}

json_t *store_indicator_get(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] = "SELECT " INDICATOR_COLUMNS " FROM indicator i "
				  "JOIN field f ON f.id = i.field_id WHERE i.id = ?1";
	struct conn *c = conn_get(st);
	json_t *out = row1(c, SQL, err, "i", id);
	conn_put(st, c);
	return out;
}

enum err_code store_measurement_add(struct store *st, const struct measurement_new *m, int64_t *id, struct err *err)
{
	static const char SQL[] =
		"INSERT INTO measurement(indicator_id, unit_id, period, period_end, value, reported_by, "
		"reported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	char now[21];
	now_utc(now);
	struct conn *c = conn_get(st);
	enum err_code rc = ERR_OK;
	if (run(c, SQL, err, "iittdtt", m->indicator_id, m->unit_id, m->period, m->period_end,
		m->value, m->reported_by, now) != SQLITE_DONE)
		rc = err->code;
	else if (id)
		*id = sqlite3_last_insert_rowid(c->db);
	conn_put(st, c);
	return rc;
}

json_t *store_measurements(struct store *st, int64_t indicator_id, int64_t unit_id, struct err *err)
{
	/* The newest row of each (unit, period) wins: reports are never rewritten. */
	static const char SQL[] =
		"SELECT m.id, m.indicator_id, m.unit_id, u.code AS unit_code, u.name AS unit_name, "
		"m.period, m.period_end, m.value, m.reported_by, m.reported_at "
		"FROM measurement m JOIN unit u ON u.id = m.unit_id "
		"WHERE m.indicator_id = ?1 AND (?2 = 0 OR m.unit_id = ?2) AND m.id = ("
		"  SELECT max(m2.id) FROM measurement m2 WHERE m2.indicator_id = m.indicator_id "
		"  AND m2.unit_id = m.unit_id AND m2.period = m.period) "
		"ORDER BY m.unit_id, m.period_end";
	struct conn *c = conn_get(st);
	json_t *out = rows(c, SQL, err, "ii", indicator_id, unit_id);
	conn_put(st, c);
	return out;
}

/* ---- tasks ----------------------------------------------------------- */

static const char *const recurrence_names[] = {
	"once", "monthly", "quarterly", "semiannual", "yearly", "ongoing"};

/* Inserts a task, the units it names and its assignments on c, inside the
 * caller's transaction; shared by store_task_add and store_document_import. */
static enum err_code insert_task(struct conn *c, const struct task_new *t, const char *now,
				 int64_t *id, struct err *err)
{
	static const char INS_TASK[] =
		"INSERT INTO task(document_id, field_id, section, title, description, text_fold, "
		"deadline, recurrence, year, product, created_at, updated_at) "
		"VALUES (?1, nullif(?2, 0), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)";
	static const char INS_UNIT[] =
		"INSERT OR IGNORE INTO task_unit(task_id, unit_id, role) VALUES (?1, ?2, ?3)";
	static const char INS_ASG[] =
		"INSERT INTO assignment(task_id, unit_id, field_id, period, deadline) "
		"VALUES (?1, ?2, nullif(?3, 0), ?4, ?5)";
	struct buf text = BUF_INIT;
	buf_adds(&text, t->title);
	if (t->description) {
		buf_addc(&text, ' ');
		buf_adds(&text, t->description);
	}
	char *fold = vi_fold(buf_str(&text));
	buf_release(&text);
	enum err_code rc = ERR_OK;
	if (run(c, INS_TASK, err, "iitttttti" "tt", t->document_id, t->field_id, t->section,
		t->title, t->description, fold, t->deadline, recurrence_names[t->recurrence],
		(int64_t)t->year, t->product, now) != SQLITE_DONE) {
		rc = err->code;
		goto out;
	}
	int64_t task_id = sqlite3_last_insert_rowid(c->db);
	for (size_t i = 0; i < t->nlead; i++)
		if (run(c, INS_UNIT, err, "iit", task_id, t->lead[i], "lead") != SQLITE_DONE) {
			rc = err->code;
			goto out;
		}
	for (size_t i = 0; i < t->ncoop; i++)
		if (run(c, INS_UNIT, err, "iit", task_id, t->coop[i], "coop") != SQLITE_DONE) {
			rc = err->code;
			goto out;
		}
	for (size_t i = 0; i < t->nasg; i++)
		if (run(c, INS_ASG, err, "iiitt", task_id, t->asg[i].unit_id, t->field_id,
			t->asg[i].period, t->asg[i].deadline) != SQLITE_DONE) {
			rc = err->code;
			goto out;
		}
	if (id)
		*id = task_id;
out:
	free(fold);
	return rc;
}

enum err_code store_task_add(struct store *st, const struct task_new *t, int64_t *id, struct err *err)
{
	char now[21];
	now_utc(now);
	struct conn *c = conn_get(st);
	enum err_code rc = tx_begin(st, c, err);
	if (rc != ERR_OK)
		goto out;
	rc = insert_task(c, t, now, id, err);
	rc = tx_end(st, c, rc, err);
out:
	conn_put(st, c);
	return rc;
}

enum err_code store_task_update(struct store *st, int64_t id, const struct task_patch *p, struct err *err)
{
	static const char GET[] = "SELECT title, description FROM task WHERE id = ?1";
	static const char UPD[] =
		"UPDATE task SET title = coalesce(?2, title), description = coalesce(?3, description), "
		"product = coalesce(?4, product), section = coalesce(?5, section), "
		"field_id = coalesce(nullif(?6, 0), field_id), text_fold = ?7, updated_at = ?8 "
		"WHERE id = ?1";
	static const char UPD_ASG[] =
		"UPDATE assignment SET field_id = ?2 WHERE task_id = ?1 AND field_id IS NOT ?2";
	char now[21];
	now_utc(now);
	char *fold = NULL;
	struct conn *c = conn_get(st);
	enum err_code rc = tx_begin(st, c, err);
	if (rc != ERR_OK)
		goto out;
	json_t *old = row1(c, GET, err, "i", id);
	if (!old) {
		rc = err->code;
		goto end;
	}
	struct buf text = BUF_INIT;
	buf_adds(&text, p->title ? p->title : json_string_value(json_object_get(old, "title")));
	const char *desc = p->description ? p->description
					  : json_string_value(json_object_get(old, "description"));
	if (desc) {
		buf_addc(&text, ' ');
		buf_adds(&text, desc);
	}
	json_decref(old);
	fold = vi_fold(buf_str(&text));
	buf_release(&text);
	if (run(c, UPD, err, "itttt" "itt", id, p->title, p->description, p->product, p->section,
		p->field_id, fold, now) != SQLITE_DONE) {
		rc = err->code;
		goto end;
	}
	if (p->field_id && run(c, UPD_ASG, err, "ii", id, p->field_id) != SQLITE_DONE)
		rc = err->code;
end:
	rc = tx_end(st, c, rc, err);
out:
	conn_put(st, c);
	free(fold);
	return rc;
}

#define TASK_COLUMNS "t.id, t.document_id, d.number || '/' || d.symbol AS document, t.field_id, " \
	"f.code AS field_code, t.section, t.title, t.description, t.deadline, t.recurrence, " \
	"t.year, t.product, t.created_at, t.updated_at, t.due_workdays, t.received_on"

json_t *store_task_get(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] = "SELECT " TASK_COLUMNS " FROM task t "
				  "JOIN document d ON d.id = t.document_id "
				  "LEFT JOIN field f ON f.id = t.field_id WHERE t.id = ?1";
	static const char UNITS[] =
		"SELECT u.id, u.code, u.name FROM task_unit tu JOIN unit u ON u.id = tu.unit_id "
		"WHERE tu.task_id = ?1 AND tu.role = ?2 ORDER BY u.id";
	struct conn *c = conn_get(st);
	json_t *out = row1(c, SQL, err, "i", id);
	if (out) {
		json_t *lead = rows(c, UNITS, err, "it", id, "lead");
		json_t *coop = rows(c, UNITS, err, "it", id, "coop");
		if (!lead || !coop) {
			json_decref(lead);
			json_decref(coop);
			json_decref(out);
			out = NULL;
		} else {
			json_object_set_new(out, "lead", lead);
			json_object_set_new(out, "cooperating", coop);
		}
	}
	conn_put(st, c);
	return out;
}

/* Runs stmt, handing each row to fn until it asks to stop. */
enum err_code scan(struct conn *c, sqlite3_stmt *stmt, int (*fn)(void *, json_t *),
			  void *ctx, struct err *err)
{
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		json_t *row = row_json(stmt);
		int stop = fn(ctx, row);
		json_decref(row);
		if (stop) {
			rc = SQLITE_DONE;
			break;
		}
	}
	enum err_code out = rc == SQLITE_DONE ? ERR_OK : db_error(c, err, "scan");
	sqlite3_reset(stmt);
	return out;
}

enum err_code store_tasks_scan(struct store *st, const struct task_query *q,
			       int (*fn)(void *ctx, json_t *row), void *ctx, struct err *err)
{
	/* q_fold is matched word by word with instr() in C-folded text. */
	static const char SQL[] =
		"SELECT " TASK_COLUMNS " FROM task t JOIN document d ON d.id = t.document_id "
		"LEFT JOIN field f ON f.id = t.field_id "
		"WHERE t.id > ?1 AND (?2 = 0 OR t.field_id = ?2) "
		"AND (?3 = 0 OR EXISTS (SELECT 1 FROM assignment a WHERE a.task_id = t.id AND a.unit_id = ?3) "
		"     OR EXISTS (SELECT 1 FROM task_unit tu WHERE tu.task_id = t.id AND tu.unit_id = ?3)) "
		"AND ((?4 IS NULL AND ?5 IS NULL) OR EXISTS (SELECT 1 FROM assignment a WHERE a.task_id = t.id "
		"     AND (?3 = 0 OR a.unit_id = ?3) AND (?4 IS NULL OR a.deadline >= ?4) "
		"     AND (?5 IS NULL OR a.deadline <= ?5))) "
		"AND (?6 IS NULL OR instr(t.text_fold, ?6) > 0) "
		"AND (?7 IS NULL OR instr(t.text_fold, ?7) > 0) "
		"AND (?8 IS NULL OR instr(t.text_fold, ?8) > 0) "
		"ORDER BY t.id";
	/* Up to three words are matched in SQL; the domain checks any others. */
	char *words[3] = {0};
	if (q->q_fold) {
		char *copy = xstrdup(q->q_fold), *save = NULL;
		int n = 0;
		for (char *w = strtok_r(copy, " ", &save); w && n < 3; w = strtok_r(NULL, " ", &save))
			words[n++] = xstrdup(w);
		free(copy);
	}
	struct conn *c = conn_get(st);
	enum err_code rc;
	sqlite3_stmt *stmt = prep(c, SQL, err);
	if (!stmt) {
		rc = err->code;
		goto out;
	}
	sqlite3_bind_int64(stmt, 1, q->after_id);
	sqlite3_bind_int64(stmt, 2, q->field_id);
	sqlite3_bind_int64(stmt, 3, q->unit_id);
	if (q->due_from)
		sqlite3_bind_text(stmt, 4, q->due_from, -1, SQLITE_STATIC);
	if (q->due_to)
		sqlite3_bind_text(stmt, 5, q->due_to, -1, SQLITE_STATIC);
	for (int i = 0; i < 3; i++)
		if (words[i])
			sqlite3_bind_text(stmt, 6 + i, words[i], -1, SQLITE_STATIC);
	rc = scan(c, stmt, fn, ctx, err);
	sqlite3_clear_bindings(stmt);
out:
	conn_put(st, c);
	for (int i = 0; i < 3; i++)
		free(words[i]);
	return rc;
}

#define ASSIGNMENT_COLUMNS "a.id, a.task_id, a.unit_id, u.code AS unit_code, u.name AS unit_name, " \
	"u.kind AS unit_kind, a.period, a.deadline, a.percent, a.first_report_on, a.completed_on, " \
	"t.title AS task_title, t.field_id, f.code AS field_code, f.lead_unit_id AS field_lead_unit_id, " \
	"t.recurrence, t.product"

enum err_code store_assignments_scan(struct store *st, const struct assignment_query *q,
				     int (*fn)(void *ctx, json_t *row), void *ctx, struct err *err)
{
	/* Three shapes so that each uses its index: by unit, by task, or all. */
	static const char BY_UNIT[] =
		"SELECT " ASSIGNMENT_COLUMNS " FROM assignment a JOIN task t ON t.id = a.task_id "
		"JOIN unit u ON u.id = a.unit_id LEFT JOIN field f ON f.id = t.field_id "
		"WHERE a.unit_id = ?1 AND (?2 = 0 OR a.task_id = ?2) AND a.id > ?3 "
		"AND (?4 IS NULL OR a.deadline >= ?4) AND (?5 IS NULL OR a.deadline <= ?5) "
		"ORDER BY a.id";
	static const char BY_TASK[] =
		"SELECT " ASSIGNMENT_COLUMNS " FROM assignment a JOIN task t ON t.id = a.task_id "
		"JOIN unit u ON u.id = a.unit_id LEFT JOIN field f ON f.id = t.field_id "
		"WHERE a.task_id = ?2 AND a.id > ?3 "
		"AND (?4 IS NULL OR a.deadline >= ?4) AND (?5 IS NULL OR a.deadline <= ?5) "
		"ORDER BY a.id";
	static const char ALL[] =
		"SELECT " ASSIGNMENT_COLUMNS " FROM assignment a JOIN task t ON t.id = a.task_id "
		"JOIN unit u ON u.id = a.unit_id LEFT JOIN field f ON f.id = t.field_id "
		"WHERE a.id > ?3 "
		"AND (?4 IS NULL OR a.deadline >= ?4) AND (?5 IS NULL OR a.deadline <= ?5) "
		"ORDER BY a.id";
	const char *sql = q->unit_id ? BY_UNIT : q->task_id ? BY_TASK : ALL;
	struct conn *c = conn_get(st);
	enum err_code rc;
	sqlite3_stmt *stmt = prep(c, sql, err);
	if (!stmt) {
		rc = err->code;
		goto out;
	}
	sqlite3_bind_int64(stmt, 1, q->unit_id);
	sqlite3_bind_int64(stmt, 2, q->task_id);
	sqlite3_bind_int64(stmt, 3, q->after_id);
	if (q->due_from)
		sqlite3_bind_text(stmt, 4, q->due_from, -1, SQLITE_STATIC);
	if (q->due_to)
		sqlite3_bind_text(stmt, 5, q->due_to, -1, SQLITE_STATIC);
	rc = scan(c, stmt, fn, ctx, err);
	sqlite3_clear_bindings(stmt);
out:
	conn_put(st, c);
	return rc;
}

json_t *store_assignment_get(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] =
		"SELECT " ASSIGNMENT_COLUMNS " FROM assignment a JOIN task t ON t.id = a.task_id "
		"JOIN unit u ON u.id = a.unit_id LEFT JOIN field f ON f.id = t.field_id WHERE a.id = ?1";
	struct conn *c = conn_get(st);
	json_t *out = row1(c, SQL, err, "i", id);
	conn_put(st, c);
	return out;
}

/* ---- reports --------------------------------------------------------- */

enum err_code store_report_add(struct store *st, const struct report_new *r, int64_t *id, struct err *err)
{
	static const char BY_KEY[] = "SELECT id FROM report WHERE request_key = ?1";
	static const char ASG[] = "SELECT completed_on FROM assignment WHERE id = ?1";
	static const char INS[] =
		"INSERT INTO report(assignment_id, percent, note, completed_on, reported_on, reporter, "
		"request_key, created_at, reporter_note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	static const char INS_EV[] =
		"INSERT INTO evidence(report_id, sha256, filename, mime, size) VALUES (?1, ?2, ?3, ?4, ?5)";
	static const char UPD[] =
		"UPDATE assignment SET percent = ?2, first_report_on = coalesce(first_report_on, ?3), "
		"completed_on = ?4 WHERE id = ?1";
	static const char CONFIRM[] =
		"INSERT INTO report_confirmation(report_id, confirmed_by, confirmed_at) VALUES (?1, ?2, ?3)";
	char now[21];
	now_utc(now);
	struct conn *c = conn_get(st);
	enum err_code rc = tx_begin(st, c, err);
	if (rc != ERR_OK)
		goto out;
	if (r->request_key) {
		int64_t first = int1(c, BY_KEY, "t", r->request_key);
		if (first) {
			if (id)
				*id = first;
			rc = err_set(err, ERR_CONFLICT, "request_key",
				     "this report was already received as report %lld", (long long)first);
			goto end;
		}
	}
	json_t *asg = row1(c, ASG, err, "i", r->assignment_id);
	if (!asg) {
		rc = err->code == ERR_NOT_FOUND
			     ? err_set(err, ERR_NOT_FOUND, "assignment_id", "no assignment %lld",
				       (long long)r->assignment_id)
			     : err->code;
		goto end;
	}
	int completed = !json_is_null(json_object_get(asg, "completed_on"));
	json_decref(asg);
	if (completed) {
		rc = err_set(err, ERR_CONFLICT, "assignment_id",
			     "assignment %lld is already completed; reports after completion are refused",
			     (long long)r->assignment_id);
		goto end;
	}
	if (run(c, INS, err, "iittttttt", r->assignment_id, (int64_t)r->percent, r->note,
		r->completed_on, r->reported_on, r->reporter, r->request_key, now, r->reporter_note) != SQLITE_DONE) {
		rc = err->code;
		goto end;
	}
	int64_t report_id = sqlite3_last_insert_rowid(c->db);
	for (size_t i = 0; i < r->nev; i++)
		if (run(c, INS_EV, err, "ittti", report_id, r->ev[i].sha256, r->ev[i].filename,
			r->ev[i].mime, r->ev[i].size) != SQLITE_DONE) {
			rc = err->code;
			goto end;
		}
	if (run(c, UPD, err, "iitt", r->assignment_id, (int64_t)r->percent, r->reported_on,
		r->completed_on) != SQLITE_DONE) {
		rc = err->code;
		goto end;
	}
	if (r->confirmed_by && run(c, CONFIRM, err, "itt", report_id, r->confirmed_by, now) != SQLITE_DONE) {
		rc = err->code;
		goto end;
	}
	if (id)
		*id = report_id;
end:
	rc = tx_end(st, c, rc, err);
out:
	conn_put(st, c);
	return rc;
}

#define REPORT_COLUMNS "r.id, r.assignment_id, r.percent, r.note, r.completed_on, r.reported_on, " \
	"r.reporter, r.reporter_note, r.created_at, rc.confirmed_by, rc.confirmed_at"
#define REPORT_FROM " FROM report r LEFT JOIN report_confirmation rc ON rc.report_id = r.id "

/* Adds each report's "evidence" list. */
static json_t *with_evidence(struct conn *c, json_t *reports, struct err *err)
{
	static const char EV[] =
		"SELECT sha256, filename, mime, size FROM evidence WHERE report_id = ?1 ORDER BY rowid";
	size_t i;
	json_t *r;
	json_array_foreach(reports, i, r) {
		json_t *ev = rows(c, EV, err, "i", json_integer_value(json_object_get(r, "id")));
		json_object_set_new(r, "evidence", ev ? ev : json_array());
	}
	return reports;
}

json_t *store_reports(struct store *st, int64_t assignment_id, struct err *err)
{
	static const char SQL[] = "SELECT " REPORT_COLUMNS REPORT_FROM "WHERE r.assignment_id = ?1 ORDER BY r.id";
	struct conn *c = conn_get(st);
	json_t *out = with_evidence(c, rows(c, SQL, err, "i", assignment_id), err);
	conn_put(st, c);
	return out;
}

json_t *store_report_get(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] = "SELECT " REPORT_COLUMNS REPORT_FROM "WHERE r.id = ?1";
	struct conn *c = conn_get(st);
	json_t *out = rows(c, SQL, err, "i", id);
	json_t *one = json_array_size(with_evidence(c, out, err)) ? json_incref(json_array_get(out, 0)) : NULL;
	if (out && !one)
		err_set(err, ERR_NOT_FOUND, "id", "no report %lld", (long long)id);
	json_decref(out);
	conn_put(st, c);
	return one;
}

enum err_code store_report_confirm(struct store *st, int64_t report_id, const char *by, struct err *err)
{
	static const char SQL[] =
		"INSERT INTO report_confirmation(report_id, confirmed_by, confirmed_at) VALUES (?1, ?2, ?3)";
	char now[21];
	now_utc(now);
	struct conn *c = conn_get(st);
	enum err_code rc = tx_begin(st, c, err);
	if (!rc && run(c, SQL, err, "itt", report_id, by, now) != SQLITE_DONE)
		rc = err->code == ERR_CONFLICT
			     ? err_set(err, ERR_CONFLICT, "id", "report %lld is confirmed already", (long long)report_id)
			     : err->code;
	rc = tx_end(st, c, rc, err);
	conn_put(st, c);
	return rc;
}

json_t *store_evidence_get(struct store *st, const char *sha256, struct err *err)
{
	static const char SQL[] =
		"SELECT e.sha256, e.filename, e.mime, e.size, a.unit_id, f.lead_unit_id AS field_lead_unit_id "
		"FROM evidence e JOIN report r ON r.id = e.report_id JOIN assignment a ON a.id = r.assignment_id "
		"LEFT JOIN field f ON f.id = a.field_id WHERE e.sha256 = ?1 LIMIT 1";
	struct conn *c = conn_get(st);
	json_t *out = row1(c, SQL, err, "t", sha256);
	conn_put(st, c);
	return out;
}

/* ---- change feed for caches ------------------------------------------ */

static int32_t day_or_none(sqlite3_stmt *stmt, int col)
{
	if (sqlite3_column_type(stmt, col) == SQLITE_NULL)
		return DATE_NONE;
	return date_parse((const char *)sqlite3_column_text(stmt, col));
}

enum err_code store_assignment_changes(struct store *st, int64_t after_rev,
				       void (*fn)(void *ctx, const struct assignment_facts *f),
				       void *ctx, struct err *err)
{
	static const char SQL[] =
		"SELECT id, task_id, unit_id, coalesce(field_id, 0), rev, deadline, first_report_on, "
		"completed_on FROM assignment WHERE rev > ?1 ORDER BY rev";
	struct conn *c = conn_get(st);
	enum err_code rc = ERR_OK;
	sqlite3_stmt *stmt = prep(c, SQL, err);
	if (!stmt) {
		rc = err->code;
		goto out;
	}
	sqlite3_bind_int64(stmt, 1, after_rev);
	int step;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct assignment_facts f = {
			.id = sqlite3_column_int64(stmt, 0),
			.task_id = sqlite3_column_int64(stmt, 1),
			.unit_id = sqlite3_column_int64(stmt, 2),
			.field_id = sqlite3_column_int64(stmt, 3),
			.rev = sqlite3_column_int64(stmt, 4),
			.deadline = day_or_none(stmt, 5),
			.first_report_on = day_or_none(stmt, 6),
			.completed_on = day_or_none(stmt, 7),
		};
		fn(ctx, &f);
	}
	if (step != SQLITE_DONE)
		rc = db_error(c, err, "changes");
	sqlite3_reset(stmt);
out:
	conn_put(st, c);
	return rc;
}

void store_revs(struct store *st, int64_t *assignment_rev, int64_t *unit_rev)
{
	static const char SQL[] = "SELECT rev, unit_rev FROM change_seq";
	struct conn *c = conn_get(st);
	*assignment_rev = *unit_rev = -1;
	sqlite3_stmt *stmt = prep(c, SQL, NULL);
	if (stmt) {
		if (sqlite3_step(stmt) == SQLITE_ROW) {
			*assignment_rev = sqlite3_column_int64(stmt, 0);
			*unit_rev = sqlite3_column_int64(stmt, 1);
		}
		sqlite3_reset(stmt);
	}
	conn_put(st, c);
}

/* ---- document drafts (issue 4) ---------------------------------------- */

#define DRAFT_COLUMNS "g.id, g.source_name, g.source_kind, g.status, g.document_id, " \
	"g.created_at, g.updated_at, g.confirmed_at"

enum err_code store_draft_add(struct store *st, const struct draft_new *d, int64_t *id, struct err *err)
{
	static const char SQL[] =
		"INSERT INTO document_draft(source_name, source_kind, text, parsed, draft, created_at, "
		"updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)";
	char now[21];
	now_utc(now);
	struct conn *c = conn_get(st);
	enum err_code rc = tx_begin(st, c, err);
	if (rc != ERR_OK)
		goto out;
	if (run(c, SQL, err, "tttttt", d->source_name, d->source_kind, d->text, d->parsed, d->draft,
		now) != SQLITE_DONE)
		rc = err->code;
	else if (id)
		*id = sqlite3_last_insert_rowid(c->db);
	rc = tx_end(st, c, rc, err);
out:
	conn_put(st, c);
	return rc;
}

json_t *store_draft_get(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] = "SELECT " DRAFT_COLUMNS ", g.text, g.parsed, g.draft "
				  "FROM document_draft g WHERE g.id = ?1";
	struct conn *c = conn_get(st);
	json_t *out = row1(c, SQL, err, "i", id);
	conn_put(st, c);
	return out;
}

json_t *store_drafts(struct store *st, const char *status, struct err *err)
{
	/* The list shows what the review page needs to pick a draft, not its text. */
	static const char SQL[] =
		"SELECT " DRAFT_COLUMNS ", json_extract(g.draft, '$.document.number') AS number, "
		"json_extract(g.draft, '$.document.symbol') AS symbol, "
		"json_extract(g.draft, '$.document.title') AS title, "
		"json_array_length(g.draft, '$.tasks') AS tasks "
		"FROM document_draft g WHERE ?1 IS NULL OR g.status = ?1 ORDER BY g.id DESC";
	struct conn *c = conn_get(st);
	json_t *out = rows(c, SQL, err, "t", status);
	conn_put(st, c);
	return out;
}

/* ERR_NOT_FOUND or ERR_CONFLICT unless draft id exists in status 'draft';
 * run inside the caller's transaction so the answer still holds at commit. */
static enum err_code draft_open(struct conn *c, int64_t id, struct err *err)
{
	static const char SQL[] = "SELECT status FROM document_draft WHERE id = ?1";
	json_t *row = row1(c, SQL, err, "i", id);
	if (!row)
		return err->code == ERR_NOT_FOUND
			       ? err_set(err, ERR_NOT_FOUND, "id", "no draft %lld", (long long)id)
			       : err->code;
	const char *status = json_string_value(json_object_get(row, "status"));
	enum err_code rc = ERR_OK;
	if (strcmp(status, "draft") != 0)
		rc = err_set(err, ERR_CONFLICT, "status", "draft %lld is already %s", (long long)id, status);
	json_decref(row);
	return rc;
}

enum err_code store_draft_update(struct store *st, int64_t id, const char *draft, struct err *err)
{
	static const char SQL[] = "UPDATE document_draft SET draft = ?2, updated_at = ?3 WHERE id = ?1";
	char now[21];
	now_utc(now);
	struct conn *c = conn_get(st);
	enum err_code rc = tx_begin(st, c, err);
	if (rc != ERR_OK)
		goto out;
	if ((rc = draft_open(c, id, err)) == ERR_OK &&
	    run(c, SQL, err, "itt", id, draft, now) != SQLITE_DONE)
		rc = err->code;
	rc = tx_end(st, c, rc, err);
out:
	conn_put(st, c);
	return rc;
}

enum err_code store_draft_discard(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] =
		"UPDATE document_draft SET status = 'discarded', updated_at = ?2 WHERE id = ?1";
	char now[21];
	now_utc(now);
	struct conn *c = conn_get(st);
	enum err_code rc = tx_begin(st, c, err);
	if (rc != ERR_OK)
		goto out;
	if ((rc = draft_open(c, id, err)) == ERR_OK && run(c, SQL, err, "it", id, now) != SQLITE_DONE)
		rc = err->code;
	rc = tx_end(st, c, rc, err);
out:
	conn_put(st, c);
	return rc;
}

enum err_code store_document_import(struct store *st, int64_t draft_id, const struct document_new *d,
				    const struct task_new *tasks, size_t ntasks, int64_t *doc_id,
				    int64_t *task_ids, struct err *err)
{
	static const char INS_DOC[] =
		"INSERT INTO document(type, number, symbol, title, year, issuer_unit_id, issued_on, "
		"body, is_demo, created_at, source_name) VALUES (?1, ?2, ?3, ?4, ?5, "
		"(SELECT id FROM unit WHERE code = ?6), ?7, ?8, 0, ?9, ?10)";
	static const char CONFIRM[] =
		"UPDATE document_draft SET status = 'confirmed', document_id = ?2, confirmed_at = ?3, "
		"updated_at = ?3 WHERE id = ?1";
	char now[21];
	now_utc(now);
	struct conn *c = conn_get(st);
	enum err_code rc = tx_begin(st, c, err);
	if (rc != ERR_OK)
		goto out;
	if ((rc = draft_open(c, draft_id, err)) != ERR_OK)
		goto end;
	if (run(c, INS_DOC, err, "ttttittt" "tt", d->type, d->number, d->symbol, d->title,
		(int64_t)d->year, d->issuer_code, d->issued_on, d->body, now,
		d->source_name) != SQLITE_DONE) {
		rc = err->code;
		goto end;
	}
	int64_t id = sqlite3_last_insert_rowid(c->db);
	for (size_t i = 0; i < ntasks; i++) {
		/* The tasks were validated before the document existed. */
		struct task_new t = tasks[i];
		t.document_id = id;
		if ((rc = insert_task(c, &t, now, &task_ids[i], err)) != ERR_OK)
			goto end;
	}
	if (run(c, CONFIRM, err, "iit", draft_id, id, now) != SQLITE_DONE) {
		rc = err->code;
		goto end;
	}
	*doc_id = id;
end:
	rc = tx_end(st, c, rc, err);
out:
	conn_put(st, c);
	return rc;
}

json_t *store_document_tasks(struct store *st, int64_t document_id, struct err *err)
{
	static const char SQL[] =
		"SELECT " TASK_COLUMNS ", (SELECT count(*) FROM assignment a WHERE a.task_id = t.id) "
		"AS assignments FROM task t JOIN document d ON d.id = t.document_id "
		"LEFT JOIN field f ON f.id = t.field_id WHERE t.document_id = ?1 ORDER BY t.id";
	struct conn *c = conn_get(st);
	json_t *out = rows(c, SQL, err, "i", document_id);
	conn_put(st, c);
	return out;
}

/* ==== Calendar overrides, reminders, notifications, mail (issue 5) ==== */

enum err_code store_overrides_put(struct store *st, const struct override_new *o, size_t n,
				  const char *by, struct err *err)
{
	static const char SQL[] =
		"INSERT INTO calendar_override(day, kind, name, created_by, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(day) DO UPDATE SET kind = excluded.kind, "
		"name = excluded.name, created_by = excluded.created_by, created_at = excluded.created_at";
	char now[21];
	now_utc(now);
	struct conn *c = conn_get(st);
	enum err_code rc = tx_begin(st, c, err);
	if (rc != ERR_OK)
		goto out;
	for (size_t i = 0; i < n && rc == ERR_OK; i++)
		if (run(c, SQL, err, "ttttt", o[i].day, o[i].kind, o[i].name ? o[i].name : "", by,
			now) != SQLITE_DONE)
			rc = err->code;
	rc = tx_end(st, c, rc, err);
out:
	conn_put(st, c);
	return rc;
}

enum err_code store_override_delete(struct store *st, const char *day, struct err *err)
{
	static const char SQL[] = "DELETE FROM calendar_override WHERE day = ?1";
	struct conn *c = conn_get(st);
	enum err_code rc = tx_begin(st, c, err);
	if (rc != ERR_OK)
		goto out;
	if (run(c, SQL, err, "t", day) != SQLITE_DONE)
		rc = err->code;
	else if (sqlite3_changes(c->db) == 0)
		rc = err_set(err, ERR_NOT_FOUND, "date", "no override for %s", day);
	rc = tx_end(st, c, rc, err);
out:
	conn_put(st, c);
	return rc;
}

json_t *store_overrides(struct store *st, const char *from, const char *to, struct err *err)
{
	static const char SQL[] =
		"SELECT day AS date, kind, name, created_by, created_at FROM calendar_override "
		"WHERE (?1 IS NULL OR day >= ?1) AND (?2 IS NULL OR day <= ?2) ORDER BY day";
	struct conn *c = conn_get(st);
	json_t *out = rows(c, SQL, err, "tt", from, to);
	conn_put(st, c);
	return out;
}

enum err_code store_task_set_workdays(struct store *st, int64_t id, int n, const char *received_on,
				      struct err *err)
{
	static const char SQL[] = "UPDATE task SET due_workdays = ?2, received_on = ?3 WHERE id = ?1";
	struct conn *c = conn_get(st);
	enum err_code rc = tx_begin(st, c, err);
	if (rc != ERR_OK)
		goto out;
	if (run(c, SQL, err, "iit", id, (int64_t)n, received_on) != SQLITE_DONE)
		rc = err->code;
	else if (sqlite3_changes(c->db) == 0)
		rc = err_set(err, ERR_NOT_FOUND, "id", "no task %lld", (long long)id);
	rc = tx_end(st, c, rc, err);
out:
	conn_put(st, c);
	return rc;
}

json_t *store_task_workdays(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] = "SELECT due_workdays, received_on FROM task WHERE id = ?1";
	struct conn *c = conn_get(st);
	json_t *out = row1(c, SQL, err, "i", id);
	conn_put(st, c);
	return out;
}

enum err_code store_contact_add(struct store *st, int64_t unit_id, const char *role,
				const char *email, const char *name, int64_t *id, struct err *err)
{
	static const char SQL[] =
		"INSERT INTO unit_contact(unit_id, role, email, name) VALUES (?1, ?2, ?3, ?4)";
	struct conn *c = conn_get(st);
	enum err_code rc = tx_begin(st, c, err);
	if (rc != ERR_OK)
		goto out;
	if (run(c, SQL, err, "ittt", unit_id, role, email, name ? name : "") != SQLITE_DONE) {
		rc = err->code;
		if (rc == ERR_CONFLICT)
			err_set(err, ERR_CONFLICT, "email", "unit %lld already has the address %s",
				(long long)unit_id, email);
	} else if (id) {
		*id = sqlite3_last_insert_rowid(c->db);
	}
	rc = tx_end(st, c, rc, err);
out:
	conn_put(st, c);
	return rc;
}

json_t *store_contacts(struct store *st, int64_t unit_id, const char *role, struct err *err)
{
	static const char SQL[] =
		"SELECT id, unit_id, role, email, name FROM unit_contact "
		"WHERE (?1 = 0 OR unit_id = ?1) AND (?2 IS NULL OR role = ?2) ORDER BY unit_id, id";
	struct conn *c = conn_get(st);
	json_t *out = rows(c, SQL, err, "it", unit_id, role);
	conn_put(st, c);
	return out;
}

enum err_code store_contact_delete(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] = "DELETE FROM unit_contact WHERE id = ?1";
	struct conn *c = conn_get(st);
	enum err_code rc = tx_begin(st, c, err);
	if (rc != ERR_OK)
		goto out;
	if (run(c, SQL, err, "i", id) != SQLITE_DONE)
		rc = err->code;
	else if (sqlite3_changes(c->db) == 0)
		rc = err_set(err, ERR_NOT_FOUND, "id", "no contact %lld", (long long)id);
	rc = tx_end(st, c, rc, err);
out:
	conn_put(st, c);
	return rc;
}

enum err_code store_open_assignments_scan(struct store *st, const char *as_of, const char *due_to,
					  int (*fn)(void *ctx, json_t *row), void *ctx,
					  struct err *err)
{
	/* Served by assignment_deadline; inactive units are not chased. */
	static const char SQL[] =
		"SELECT a.id, a.task_id, a.unit_id, a.deadline, a.first_report_on, a.completed_on, "
		"a.period, t.title AS task_title, t.field_id, u.code AS unit_code, u.name AS unit_name, "
		"u.kind AS unit_kind FROM assignment a JOIN task t ON t.id = a.task_id "
		"JOIN unit u ON u.id = a.unit_id "
		"WHERE a.deadline <= ?2 AND (a.completed_on IS NULL OR a.completed_on > ?1) "
		"AND u.active = 1 ORDER BY a.unit_id, a.deadline, a.id";
	struct conn *c = conn_get(st);
	enum err_code rc;
	sqlite3_stmt *stmt = prep(c, SQL, err);
	if (!stmt) {
		rc = err->code;
		goto out;
	}
	sqlite3_bind_text(stmt, 1, as_of, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, due_to, -1, SQLITE_STATIC);
	rc = scan(c, stmt, fn, ctx, err);
	sqlite3_clear_bindings(stmt);
out:
	conn_put(st, c);
	return rc;
}

int store_reminder_seen(struct store *st, const char *kind, int64_t subject_id, const char *day)
{
	static const char SQL[] =
		"SELECT 1 FROM reminder_log WHERE kind = ?1 AND subject_id = ?2 AND day = ?3";
	struct conn *c = conn_get(st);
	int seen = (int)int1(c, SQL, "tit", kind, subject_id, day);
	conn_put(st, c);
	return seen;
}

enum err_code store_reminder_record(struct store *st, const struct reminder_record *r, int *created,
				    struct err *err)
{
	static const char LOG[] =
		"INSERT OR IGNORE INTO reminder_log(kind, subject_id, day, created_at) "
		"VALUES (?1, ?2, ?3, ?4)";
	static const char NOTE[] =
		"INSERT OR IGNORE INTO notification(unit_id, kind, text, link, dedup_key, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	static const char MAIL[] =
		"INSERT OR IGNORE INTO mail_queue(dedup_key, recipient, subject, body, next_attempt_at, "
		"created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)";
	char now[21];
	now_utc(now);
	char *key = xasprintf("%s:%lld:%s", r->kind, (long long)r->subject_id, r->day);
	*created = 0;
	struct conn *c = conn_get(st);
	enum err_code rc = tx_begin(st, c, err);
	if (rc != ERR_OK)
		goto out;
	if (run(c, LOG, err, "titt", r->kind, r->subject_id, r->day, now) != SQLITE_DONE) {
		rc = err->code;
		goto end;
	}
	/* Another process (cchc remind beside the server) got there first. */
	if (sqlite3_changes(c->db) == 0)
		goto end;
	if (run(c, NOTE, err, "itttt" "t", r->unit_id, r->kind, r->text, r->link, key, now) !=
	    SQLITE_DONE) {
		rc = err->code;
		goto end;
	}
	for (size_t i = 0; i < r->nrcpt; i++) {
		char *mkey = xasprintf("%s|%s", key, r->rcpt[i]);
		int step = run(c, MAIL, err, "tttt" "t", mkey, r->rcpt[i], r->subject, r->body, now);
		free(mkey);
		if (step != SQLITE_DONE) {
			rc = err->code;
			goto end;
		}
	}
	*created = 1;
end:
	rc = tx_end(st, c, rc, err);
	if (rc != ERR_OK)
		*created = 0;
out:
	conn_put(st, c);
	free(key);
	return rc;
}

#define NOTIFICATION_COLUMNS "id, unit_id, kind, text, link, created_at, read_at"

json_t *store_notifications(struct store *st, int64_t unit_id, int unread_only, int limit,
			    int64_t before_id, struct err *err)
{
	static const char SQL[] =
		"SELECT " NOTIFICATION_COLUMNS " FROM notification WHERE unit_id = ?1 "
		"AND (?2 = 0 OR read_at IS NULL) AND (?3 = 0 OR id < ?3) ORDER BY id DESC LIMIT ?4";
	struct conn *c = conn_get(st);
	json_t *out = rows(c, SQL, err, "iiii", unit_id, (int64_t)unread_only, before_id,
			   (int64_t)limit);
	conn_put(st, c);
	return out;
}

int64_t store_notifications_unread(struct store *st, int64_t unit_id)
{
	static const char SQL[] =
		"SELECT count(*) FROM notification WHERE unit_id = ?1 AND read_at IS NULL";
	struct conn *c = conn_get(st);
	int64_t n = int1(c, SQL, "i", unit_id);
	conn_put(st, c);
	return n;
}

json_t *store_notification_get(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] = "SELECT " NOTIFICATION_COLUMNS " FROM notification WHERE id = ?1";
	struct conn *c = conn_get(st);
	json_t *out = row1(c, SQL, err, "i", id);
	conn_put(st, c);
	if (!out && err->code == ERR_NOT_FOUND)
		err_set(err, ERR_NOT_FOUND, "id", "no notification %lld", (long long)id);
	return out;
}

json_t *store_notification_read(struct store *st, int64_t id, struct err *err)
{
	static const char UPD[] =
		"UPDATE notification SET read_at = coalesce(read_at, ?2) WHERE id = ?1";
	static const char GET[] = "SELECT " NOTIFICATION_COLUMNS " FROM notification WHERE id = ?1";
	char now[21];
	now_utc(now);
	json_t *out = NULL;
	struct conn *c = conn_get(st);
	enum err_code rc = tx_begin(st, c, err);
	if (rc != ERR_OK)
		goto out;
	if (run(c, UPD, err, "it", id, now) != SQLITE_DONE)
		rc = err->code;
	else if (!(out = row1(c, GET, err, "i", id)))
		rc = err->code == ERR_NOT_FOUND
			     ? err_set(err, ERR_NOT_FOUND, "id", "no notification %lld", (long long)id)
			     : err->code;
	rc = tx_end(st, c, rc, err);
	if (rc != ERR_OK) {
		json_decref(out);
		out = NULL;
	}
out:
	conn_put(st, c);
	return out;
}

enum err_code store_mail_claim(struct store *st, const char *now, json_t **row, struct err *err)
{
	static const char PICK[] =
		"SELECT id, dedup_key, recipient, subject, body, attempts + 1 AS attempts, created_at "
		"FROM mail_queue WHERE status = 'queued' AND next_attempt_at <= ?1 "
		"ORDER BY next_attempt_at, id LIMIT 1";
	static const char TAKE[] =
		"UPDATE mail_queue SET status = 'sending', attempts = attempts + 1, "
		"next_attempt_at = ?2 WHERE id = ?1";
	*row = NULL;
	json_t *r = NULL;
	struct conn *c = conn_get(st);
	enum err_code rc = tx_begin(st, c, err);
	if (rc != ERR_OK)
		goto out;
	r = row1(c, PICK, err, "t", now);
	if (!r) {
		rc = err->code == ERR_NOT_FOUND ? ERR_OK : err->code;
		goto end;
	}
	/* next_attempt_at becomes the claim time, which store_mail_recover reads. */
	if (run(c, TAKE, err, "it", json_integer_value(json_object_get(r, "id")), now) != SQLITE_DONE)
		rc = err->code;
end:
	rc = tx_end(st, c, rc, err);
	if (rc == ERR_OK) {
		*row = r;
		r = NULL;
	}
out:
	json_decref(r);
	conn_put(st, c);
	return rc;
}

enum err_code store_mail_finish(struct store *st, int64_t id, int sent, const char *error,
				const char *next_at, struct err *err)
{
	static const char SENT[] =
		"UPDATE mail_queue SET status = 'sent', sent_at = ?2, last_error = NULL "
		"WHERE id = ?1 AND status = 'sending'";
	static const char RETRY[] =
		"UPDATE mail_queue SET status = 'queued', next_attempt_at = ?2, last_error = ?3 "
		"WHERE id = ?1 AND status = 'sending'";
	static const char GIVE_UP[] =
		"UPDATE mail_queue SET status = 'failed', last_error = ?2 "
		"WHERE id = ?1 AND status = 'sending'";
	char now[21];
	now_utc(now);
	struct conn *c = conn_get(st);
	enum err_code rc = tx_begin(st, c, err);
	if (rc != ERR_OK)
		goto out;
	int step = sent ? run(c, SENT, err, "it", id, now)
		   : next_at ? run(c, RETRY, err, "itt", id, next_at, error)
			     : run(c, GIVE_UP, err, "it", id, error);
	if (step != SQLITE_DONE)
		rc = err->code;
	rc = tx_end(st, c, rc, err);
out:
	conn_put(st, c);
	return rc;
}

int64_t store_mail_recover(struct store *st, const char *claimed_before, struct err *err)
{
	static const char SQL[] =
		"UPDATE mail_queue SET status = 'failed', last_error = 'interrupted while sending: "
		"it may have gone out, so it is not sent again' "
		"WHERE status = 'sending' AND next_attempt_at < ?1";
	struct conn *c = conn_get(st);
	int64_t n = -1;
	enum err_code rc = tx_begin(st, c, err);
	if (rc != ERR_OK)
		goto out;
	if (run(c, SQL, err, "t", claimed_before) != SQLITE_DONE)
		rc = err->code;
	else
		n = sqlite3_changes(c->db);
	rc = tx_end(st, c, rc, err);
	if (rc != ERR_OK)
		n = -1;
out:
	conn_put(st, c);
	return n;
}

json_t *store_mail_list(struct store *st, const char *status, struct err *err)
{
	static const char SQL[] =
		"SELECT id, recipient, subject, status, attempts, next_attempt_at, last_error, sent_at "
		"FROM mail_queue WHERE ?1 IS NULL OR status = ?1 ORDER BY id";
	struct conn *c = conn_get(st);
	json_t *out = rows(c, SQL, err, "t", status);
	conn_put(st, c);
	return out;
}

/* ==== Periodic reports as recorded by a cut-off (issue 6) ==== */

enum err_code store_report_assignments(struct store *st,
				       void (*fn)(void *ctx, const struct report_assignment *a),
				       void *ctx, struct err *err)
{
	static const char SQL[] =
		"SELECT id, task_id, unit_id, coalesce(field_id, 0), deadline, period <> '' "
		"FROM assignment ORDER BY id";
	struct conn *c = conn_get(st);
	enum err_code rc = ERR_OK;
	sqlite3_stmt *stmt = prep(c, SQL, err);
	if (!stmt) {
		rc = err->code;
		goto out;
	}
	int step;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct report_assignment a = {
			.id = sqlite3_column_int64(stmt, 0),
			.task_id = sqlite3_column_int64(stmt, 1),
			.unit_id = sqlite3_column_int64(stmt, 2),
			.field_id = sqlite3_column_int64(stmt, 3),
			.deadline = day_or_none(stmt, 4),
			.recurring = sqlite3_column_int(stmt, 5),
		};
		fn(ctx, &a);
	}
	if (step != SQLITE_DONE)
		rc = db_error(c, err, "report assignments");
	sqlite3_reset(stmt);
out:
	conn_put(st, c);
	return rc;
}

json_t *store_report_late_tasks(struct store *st, const char *recorded_by,
				const char *history_until, struct err *err)
{
	static const char SQL[] = "SELECT id FROM task WHERE ?1 IS NOT NULL AND created_at > ?1 "
				  "AND (?2 IS NULL OR created_at > ?2) ORDER BY id";
	struct conn *c = conn_get(st);
	json_t *out = rows(c, SQL, err, "tt", recorded_by, history_until);
	conn_put(st, c);
	return out;
}

enum err_code store_report_progress(struct store *st, const char *recorded_by,
				    const char *history_until, const char *day,
				    void (*fn)(void *ctx, const struct report_progress *p),
				    void *ctx, struct err *err)
{
	static const char SQL[] =
		"SELECT assignment_id, reported_on, completed_on, created_at FROM report "
		"WHERE (?1 IS NULL OR created_at <= ?1 OR created_at <= ?3) AND reported_on <= ?2 "
		"ORDER BY id";
	struct conn *c = conn_get(st);
	enum err_code rc = ERR_OK;
	sqlite3_stmt *stmt = prep(c, SQL, err);
	if (!stmt) {
		rc = err->code;
		goto out;
	}
	if (recorded_by)
		sqlite3_bind_text(stmt, 1, recorded_by, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, day, -1, SQLITE_STATIC);
	if (history_until)
		sqlite3_bind_text(stmt, 3, history_until, -1, SQLITE_STATIC);
	int step;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct report_progress p = {
			.assignment_id = sqlite3_column_int64(stmt, 0),
			.reported_on = day_or_none(stmt, 1),
			.completed_on = day_or_none(stmt, 2),
			.created_at = (const char *)sqlite3_column_text(stmt, 3),
		};
		fn(ctx, &p);
	}
	if (step != SQLITE_DONE)
		rc = db_error(c, err, "report progress");
	sqlite3_reset(stmt);
out:
	conn_put(st, c);
	return rc;
}

json_t *store_report_measurements(struct store *st, const char *recorded_by,
				  const char *history_until, const char *day, struct err *err)
{
	static const char SQL[] =
		"SELECT id, indicator_id, unit_id, period, period_end, value, reported_at "
		"FROM measurement WHERE (?1 IS NULL OR reported_at <= ?1 OR reported_at <= ?3) "
		"AND period_end <= ?2 "
		"ORDER BY indicator_id, unit_id, period_end, id";
	struct conn *c = conn_get(st);
	json_t *out = rows(c, SQL, err, "ttt", recorded_by, day, history_until);
	conn_put(st, c);
	return out;
}

char *store_report_task_title(struct store *st, int64_t task_id)
{
	static const char SQL[] = "SELECT title FROM task WHERE id = ?1";
	struct conn *c = conn_get(st);
	char *out = NULL;
	sqlite3_stmt *stmt = prep(c, SQL, NULL);
	if (stmt) {
		sqlite3_bind_int64(stmt, 1, task_id);
		if (sqlite3_step(stmt) == SQLITE_ROW)
			out = xstrdup((const char *)sqlite3_column_text(stmt, 0));
		sqlite3_reset(stmt);
	}
	conn_put(st, c);
	return out;
}

json_t *store_report_rules(struct store *st, struct err *err)
{
	static const char SQL[] =
		"SELECT code, kind, seq, enabled, name, params, updated_by, updated_at "
		"FROM report_rule ORDER BY kind DESC, seq";
	struct conn *c = conn_get(st);
	json_t *out = rows(c, SQL, err, "");
	conn_put(st, c);
	return out;
}

enum err_code store_report_rules_set(struct store *st, const struct report_rule_set *r, size_t n,
				     const char *by, struct err *err)
{
	static const char SQL[] =
		"UPDATE report_rule SET enabled = ?2, params = ?3, updated_by = ?4, updated_at = ?5 "
		"WHERE code = ?1";
	char now[21];
	now_utc(now);
	struct conn *c = conn_get(st);
	enum err_code rc = tx_begin(st, c, err);
	if (rc != ERR_OK)
		goto out;
	for (size_t i = 0; i < n && rc == ERR_OK; i++) {
		if (run(c, SQL, err, "titt" "t", r[i].code, (int64_t)r[i].enabled, r[i].params, by,
			now) != SQLITE_DONE)
			rc = err->code;
		else if (sqlite3_changes(c->db) == 0)
			rc = err_set(err, ERR_NOT_FOUND, "code", "no report rule '%s'", r[i].code);
	}
	rc = tx_end(st, c, rc, err);
out:
	conn_put(st, c);
	return rc;
}

/* ==== Units' own periodic reports (issue 6) ============================ */

#define UNIT_REPORT_COLUMNS "r.id, r.unit_id, u.code AS unit_code, u.name AS unit_name, r.period, r.status, " \
	"r.figures, r.narrative, r.difficulties, r.proposals, r.deadline, r.created_at, r.created_by, " \
	"r.updated_at, r.first_submitted_at, r.submitted_at, r.submitted_by, r.returned_at, r.returned_by, " \
	"r.comments, r.accepted_at, r.accepted_by FROM unit_report r JOIN unit u ON u.id = r.unit_id "

enum err_code store_unit_report_create(struct store *st, const struct unit_report_new *r, struct err *err)
{
	/* OR IGNORE: the UNIQUE (unit_id, period) makes a second opening a no-op. */
	static const char SQL[] =
		"INSERT OR IGNORE INTO unit_report(unit_id, period, figures, deadline, created_at, created_by, updated_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5)";
	char now[21];
	now_utc(now);
	struct conn *c = conn_get(st);
	enum err_code rc = tx_begin(st, c, err);
	if (!rc && run(c, SQL, err, "itttt" "t", r->unit_id, r->period, r->figures, r->deadline, now, r->by) != SQLITE_DONE)
		rc = err->code;
	rc = tx_end(st, c, rc, err);
	conn_put(st, c);
	return rc;
}

json_t *store_unit_report_get(struct store *st, int64_t unit_id, const char *period, struct err *err)
{
	static const char SQL[] = "SELECT " UNIT_REPORT_COLUMNS "WHERE r.unit_id = ?1 AND r.period = ?2";
	struct conn *c = conn_get(st);
	json_t *out = row1(c, SQL, err, "it", unit_id, period);
	if (!out && err->code == ERR_NOT_FOUND)
		err_set(err, ERR_NOT_FOUND, "period", "unit %lld has no report for %s", (long long)unit_id, period);
	conn_put(st, c);
	return out;
}

json_t *store_unit_reports(struct store *st, const char *period, struct err *err)
{
	static const char SQL[] = "SELECT " UNIT_REPORT_COLUMNS "WHERE ?1 IS NULL OR r.period = ?1 ORDER BY u.code, r.period";
	struct conn *c = conn_get(st);
	json_t *out = rows(c, SQL, err, "t", period);
	conn_put(st, c);
	return out;
}

/* After an UPDATE that changed nothing: no report, or one in another status. */
static enum err_code unit_report_unchanged(struct conn *c, int64_t unit_id, const char *period, const char *what,
					   struct err *err)
{
	static const char SQL[] = "SELECT status FROM unit_report WHERE unit_id = ?1 AND period = ?2";
	struct err e2;
	json_t *row = row1(c, SQL, &e2, "it", unit_id, period);
	enum err_code rc;
	if (!row)
		rc = err_set(err, e2.code, "period", "unit %lld has no report for %s", (long long)unit_id, period);
	else
		rc = err_set(err, ERR_CONFLICT, "status", "the report for %s is %s: it cannot be %s", period,
			     json_string_value(json_object_get(row, "status")), what);
	json_decref(row);
	return rc;
}

enum err_code store_unit_report_edit(struct store *st, int64_t unit_id, const char *period,
				     const char *narrative, const char *difficulties, const char *proposals,
				     struct err *err)
{
	static const char SQL[] =
		"UPDATE unit_report SET narrative = coalesce(?3, narrative), difficulties = coalesce(?4, difficulties), "
		"proposals = coalesce(?5, proposals), updated_at = ?6 "
		"WHERE unit_id = ?1 AND period = ?2 AND status IN ('draft', 'returned')";
	char now[21];
	now_utc(now);
	struct conn *c = conn_get(st);
	enum err_code rc = tx_begin(st, c, err);
	if (rc)
		goto out;
	if (run(c, SQL, err, "itttt" "t", unit_id, period, narrative, difficulties, proposals, now) != SQLITE_DONE)
		rc = err->code;
	else if (sqlite3_changes(c->db) == 0)
		rc = unit_report_unchanged(c, unit_id, period, "edited", err);
	rc = tx_end(st, c, rc, err);
out:
	conn_put(st, c);
	return rc;
}

enum err_code store_unit_report_step(struct store *st, int64_t unit_id, const char *period,
				     enum unit_report_step step, const char *text, const char *by,
				     struct err *err)
{
	/* The same parameters for each: ?1 unit, ?2 period, ?3 text, ?4 now, ?5 by. */
	static const char SUBMIT[] =
		"UPDATE unit_report SET status = 'submitted', figures = ?3, submitted_at = ?4, submitted_by = ?5, "
		"first_submitted_at = coalesce(first_submitted_at, ?4), updated_at = ?4 "
		"WHERE unit_id = ?1 AND period = ?2 AND status IN ('draft', 'returned')";
	static const char RETURN[] =
		"UPDATE unit_report SET status = 'returned', comments = ?3, returned_at = ?4, returned_by = ?5, "
		"updated_at = ?4 WHERE unit_id = ?1 AND period = ?2 AND status = 'submitted'";
	static const char ACCEPT[] =
		"UPDATE unit_report SET status = 'accepted', accepted_at = ?4, accepted_by = ?5, updated_at = ?4, "
		"comments = coalesce(?3, comments) WHERE unit_id = ?1 AND period = ?2 AND status = 'submitted'";
	const char *sql = step == UNIT_REPORT_SUBMIT ? SUBMIT : step == UNIT_REPORT_RETURN ? RETURN : ACCEPT;
	const char *what = step == UNIT_REPORT_SUBMIT ? "submitted" : step == UNIT_REPORT_RETURN ? "returned" : "accepted";
	char now[21];
	now_utc(now);
	struct conn *c = conn_get(st);
	enum err_code rc = tx_begin(st, c, err);
	if (rc)
		goto out;
	if (run(c, sql, err, "itttt", unit_id, period, text, now, by) != SQLITE_DONE)
		rc = err->code;
	else if (sqlite3_changes(c->db) == 0)
		rc = unit_report_unchanged(c, unit_id, period, what, err);
	rc = tx_end(st, c, rc, err);
out:
	conn_put(st, c);
	return rc;
}
