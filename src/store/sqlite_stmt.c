/*
 * sqlite_stmt.c — SQLite backend of store.h: the statement cache, binding,
 * reading rows, and write transactions.
 *
 * Each connection keeps its prepared statements, found by the address of
 * the static SQL text, so every statement is prepared once per connection
 * and always run with bound parameters.  Writers take BEGIN IMMEDIATE so
 * that two writers queue instead of failing mid-way.
 */
#include "base/base.h"
#include "base/date.h"
#include "store/sqlite_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum err_code db_error(struct conn *c, struct err *err, const char *what)
{
	int rc = sqlite3_errcode(c->db);
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return err_set(err, ERR_BUSY, "", "database busy (%s)", what);
	if (rc == SQLITE_CONSTRAINT)
		return err_set(err, ERR_CONFLICT, "", "%s: %s", what, sqlite3_errmsg(c->db));
	return err_set(err, ERR_INTERNAL, "", "%s: %s", what, sqlite3_errmsg(c->db));
}

/*
 * A cache slot whose statement no caller is running, or -1.  A running
 * statement (stepped, not yet reset) belongs to a caller further up the
 * stack, such as a scan whose callback reads the store again.
 */
static int idle_slot(struct conn *c)
{
	for (int n = 0; n < STMT_CACHE; n++) {
		int i = (c->evict_next + n) % STMT_CACHE;
		if (!sqlite3_stmt_busy(c->cache[i].stmt)) {
			c->evict_next = (i + 1) % STMT_CACHE;
			return i;
		}
	}
	return -1;
}

sqlite3_stmt *prep(struct conn *c, const char *sql, struct err *err)
{
	for (int i = 0; i < c->ncache; i++)
		if (c->cache[i].sql == sql) {
			sqlite3_reset(c->cache[i].stmt);
			sqlite3_clear_bindings(c->cache[i].stmt);
			return c->cache[i].stmt;
		}
	int slot = c->ncache < STMT_CACHE ? c->ncache : idle_slot(c);
	if (slot < 0) {
		err_set(err, ERR_INTERNAL, "", "prepare: all %d cached statements are running", STMT_CACHE);
		return NULL;
	}
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK) {
		db_error(c, err, "prepare");
		return NULL;
	}
	if (slot == c->ncache)
		c->ncache++;
	else
		sqlite3_finalize(c->cache[slot].stmt);
	c->cache[slot].sql = sql;
	c->cache[slot].stmt = stmt;
	return stmt;
}

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

/* The statement for sql with the arguments bound, or NULL with err filled. */
static sqlite3_stmt *prep_bound(struct conn *c, const char *sql, struct err *err, const char *fmt,
				va_list ap)
{
	sqlite3_stmt *stmt = prep(c, sql, err);
	if (stmt)
		bindv(stmt, fmt, ap);
	return stmt;
}

static int runv(struct conn *c, const char *sql, struct err *err, const char *fmt, va_list ap)
{
	sqlite3_stmt *stmt = prep_bound(c, sql, err, fmt, ap);
	if (!stmt)
		return SQLITE_ERROR;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE)
		db_error(c, err, "write");
	sqlite3_reset(stmt);
	return rc;
}

int run(struct conn *c, const char *sql, struct err *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = runv(c, sql, err, fmt, ap);
	va_end(ap);
	return rc;
}

static json_t *rowsv(struct conn *c, const char *sql, struct err *err, const char *fmt, va_list ap)
{
	sqlite3_stmt *stmt = prep_bound(c, sql, err, fmt, ap);
	if (!stmt)
		return NULL;
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

json_t *rows(struct conn *c, const char *sql, struct err *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	json_t *out = rowsv(c, sql, err, fmt, ap);
	va_end(ap);
	return out;
}

static json_t *row1v(struct conn *c, const char *sql, struct err *err, const char *fmt, va_list ap)
{
	sqlite3_stmt *stmt = prep_bound(c, sql, err, fmt, ap);
	if (!stmt)
		return NULL;
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

json_t *row1(struct conn *c, const char *sql, struct err *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	json_t *out = row1v(c, sql, err, fmt, ap);
	va_end(ap);
	return out;
}

static enum err_code int1v(struct conn *c, const char *sql, int64_t *v, struct err *err, const char *fmt,
			   va_list ap)
{
	*v = 0;
	sqlite3_stmt *stmt = prep_bound(c, sql, err, fmt, ap);
	if (!stmt)
		return err->code;
	enum err_code rc = ERR_OK;
	int step = sqlite3_step(stmt);
	if (step == SQLITE_ROW)
		*v = sqlite3_column_int64(stmt, 0);
	else if (step == SQLITE_DONE)
		rc = err_set(err, ERR_NOT_FOUND, "", "not found");
	else
		rc = db_error(c, err, "read");
	sqlite3_reset(stmt);
	return rc;
}

enum err_code int1(struct conn *c, const char *sql, int64_t *v, struct err *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	enum err_code rc = int1v(c, sql, v, err, fmt, ap);
	va_end(ap);
	return rc;
}

enum err_code scan(struct conn *c, sqlite3_stmt *stmt, int (*fn)(void *, json_t *), void *ctx,
		   struct err *err)
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

json_t *query_rows(struct store *st, const char *sql, struct err *err, const char *fmt, ...)
{
	struct conn *c = conn_get(st);
	va_list ap;
	va_start(ap, fmt);
	json_t *out = rowsv(c, sql, err, fmt, ap);
	va_end(ap);
	conn_put(st, c);
	return out;
}

json_t *query_row(struct store *st, const char *sql, struct err *err, const char *fmt, ...)
{
	struct conn *c = conn_get(st);
	va_list ap;
	va_start(ap, fmt);
	json_t *out = row1v(c, sql, err, fmt, ap);
	va_end(ap);
	conn_put(st, c);
	return out;
}

enum err_code query_scan(struct store *st, const char *sql, int (*fn)(void *, json_t *), void *ctx,
			 struct err *err, const char *fmt, ...)
{
	struct conn *c = conn_get(st);
	va_list ap;
	va_start(ap, fmt);
	sqlite3_stmt *stmt = prep_bound(c, sql, err, fmt, ap);
	va_end(ap);
	enum err_code rc = stmt ? scan(c, stmt, fn, ctx, err) : err->code;
	conn_put(st, c);
	return rc;
}

void report_lost(const struct err *err)
{
	fprintf(stderr, "cchc: store: %s\n", err->message);
}

int64_t query_int_or_0(struct store *st, const char *sql, const char *fmt, ...)
{
	struct err err;
	int64_t v;
	struct conn *c = conn_get(st);
	va_list ap;
	va_start(ap, fmt);
	enum err_code rc = int1v(c, sql, &v, &err, fmt, ap);
	va_end(ap);
	conn_put(st, c);
	if (rc != ERR_OK && rc != ERR_NOT_FOUND)
		report_lost(&err);
	return v;
}

char *query_text(struct store *st, const char *sql, const char *fmt, ...)
{
	struct err err;
	char *out = NULL;
	struct conn *c = conn_get(st);
	va_list ap;
	va_start(ap, fmt);
	sqlite3_stmt *stmt = prep_bound(c, sql, &err, fmt, ap);
	va_end(ap);
	if (!stmt) {
		report_lost(&err);
		goto out;
	}
	int step = sqlite3_step(stmt);
	if (step == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
		out = xstrdup((const char *)sqlite3_column_text(stmt, 0));
	} else if (step != SQLITE_ROW && step != SQLITE_DONE) {
		db_error(c, &err, "read");
		report_lost(&err);
	}
	sqlite3_reset(stmt);
out:
	conn_put(st, c);
	return out;
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

enum err_code write1(struct store *st, int64_t *id, int64_t *changes, struct err *err,
		     const char *sql, const char *fmt, ...)
{
	struct conn *c = conn_get(st);
	int64_t new_id = 0, changed = 0;
	enum err_code rc = tx_begin(st, c, err);
	if (rc != ERR_OK)
		goto out;
	va_list ap;
	va_start(ap, fmt);
	if (runv(c, sql, err, fmt, ap) != SQLITE_DONE) {
		rc = err->code;
	} else {
		new_id = sqlite3_last_insert_rowid(c->db);
		changed = sqlite3_changes(c->db);
	}
	va_end(ap);
	rc = tx_end(st, c, rc, err);
	if (rc == ERR_OK) {
		if (id)
			*id = new_id;
		if (changes)
			*changes = changed;
	}
out:
	conn_put(st, c);
	return rc;
}

void now_utc(char out[21])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int32_t day_or_none(sqlite3_stmt *stmt, int col)
{
	if (sqlite3_column_type(stmt, col) == SQLITE_NULL)
		return DATE_NONE;
	return date_parse((const char *)sqlite3_column_text(stmt, col));
}

enum err_code step_refused(struct conn *c, const char *status_sql, int64_t id, const char *noun,
			   const char *what, struct err *err)
{
	struct err found;
	json_t *row = row1(c, status_sql, &found, "i", id);
	enum err_code rc;
	if (!row)
		rc = err_set(err, found.code, "id", "no %s %lld", noun, (long long)id);
	else
		rc = err_set(err, ERR_CONFLICT, "status", "the %s is %s: it cannot be %s", noun,
			     json_string_value(json_object_get(row, "status")), what);
	json_decref(row);
	return rc;
}
