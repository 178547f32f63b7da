/*
 * db.c — the store's connection pool, opening and closing, and the
 * statement helpers of db.h, over the driver the target names (db_driver.h).
 */
#include "base/base.h"
#include "base/date.h"
#include "base/meter.h"
#include "store/db_driver.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int db_is_pg(const char *target)
{
	return !strncmp(target, "postgres://", 11) || !strncmp(target, "postgresql:", 11);
}

int store_target_is_file(const char *target)
{
	return !db_is_pg(target);
}

/* ---- connections ---------------------------------------------------- */

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
	c->taken_ns = meter_now_ns();
	return c;
}

void conn_put(struct store *st, struct conn *c)
{
	/* The one place every statement passes: the time a connection is
	 * held is the time spent in the database. */
	if (c->depth == 1) {
		meter_add(METER_DB_NS, meter_now_ns() - c->taken_ns);
		meter_add(METER_DB_USES, 1);
	}
	pthread_mutex_lock(&st->mu);
	if (--c->depth == 0) {
		st->free_list[st->nfree++] = (int)(c - st->conns);
		pthread_cond_signal(&st->cv);
	}
	pthread_mutex_unlock(&st->mu);
}

/* ---- open, close ------------------------------------------------------ */

struct store *store_open(const char *target, const struct store_options *opt, struct err *err)
{
	struct store *st = xcalloc(1, sizeof *st);
	st->drv = db_is_pg(target) ? &db_pg : &db_sqlite;
	if (!strncmp(target, "sqlite:", 7))
		target += 7;
	st->target = xstrdup(target);
	st->nconns = opt && opt->connections > 0 ? opt->connections : 4;
	st->conns = xcalloc((size_t)st->nconns, sizeof *st->conns);
	st->free_list = xcalloc((size_t)st->nconns, sizeof *st->free_list);
	pthread_mutex_init(&st->mu, NULL);
	pthread_mutex_init(&st->write_mu, NULL);
	pthread_cond_init(&st->cv, NULL);
	int opened = 0;
	for (; opened < st->nconns; opened++) {
		struct conn *c = &st->conns[opened];
		c->st = st;
		if (!(c->h = st->drv->connect(target, opt, err)))
			goto fail;
		/* The first connection migrates before the others look at the schema. */
		if (opened == 0 && st->drv->migrate(c, &st->schema_version, err) != ERR_OK) {
			opened++;
			goto fail;
		}
		st->free_list[st->nfree++] = opened;
	}
	for (int i = 0; i < st->nconns; i++)
		if (st->drv->setup && st->drv->setup(&st->conns[i], err) != ERR_OK)
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
		st->drv->disconnect(st->conns[i].h);
	if (st->lead)
		st->drv->disconnect(st->lead);
	free(st->target);
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

enum err_code store_schema_version_now(struct store *st, int *version, struct err *err)
{
	/* Read afresh, so that a database that does not answer says so. */
	int64_t v = 0;
	struct conn *c = conn_get(st);
	enum err_code rc = int1(c, st->drv->version_sql, &v, err, "");
	conn_put(st, c);
	*version = (int)v;
	return rc;
}

int store_scheduler_lead(struct store *st)
{
	return st->drv == &db_pg ? db_pg_lead(st) : 1;
}

const char *store_backend(struct store *st)
{
	return st->drv->name;
}

/* ---- running statements ------------------------------------------------ */

static enum err_code eachv(struct conn *c, const char *sql, int (*fn)(void *, const struct dbrow *), void *ctx,
			   struct err *err, const char *fmt, va_list ap)
{
	return c->st->drv->exec(c, sql, fmt, ap, fn, ctx, err);
}

enum err_code each(struct conn *c, const char *sql, int (*fn)(void *ctx, const struct dbrow *r), void *ctx,
		   struct err *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	enum err_code rc = eachv(c, sql, fn, ctx, err, fmt, ap);
	va_end(ap);
	return rc;
}

int64_t db_changes(struct conn *c)
{
	return c->changes;
}

int col_count(const struct dbrow *r)
{
	return r->c->st->drv->ncols(r);
}

const char *col_name(const struct dbrow *r, int i)
{
	return r->c->st->drv->col_name(r, i);
}

int col_null(const struct dbrow *r, int i)
{
	return r->c->st->drv->col_type(r, i) == JSON_NULL;
}

int64_t col_int(const struct dbrow *r, int i)
{
	return r->c->st->drv->col_int(r, i);
}

double col_double(const struct dbrow *r, int i)
{
	return r->c->st->drv->col_double(r, i);
}

const char *col_text(const struct dbrow *r, int i)
{
	return r->c->st->drv->col_text(r, i);
}

int32_t col_day(const struct dbrow *r, int i)
{
	const char *s = col_text(r, i);
	return s ? date_parse(s) : DATE_NONE;
}

json_t *row_json(const struct dbrow *r)
{
	const struct db_driver *d = r->c->st->drv;
	json_t *row = json_object();
	int n = d->ncols(r);
	for (int i = 0; i < n; i++) {
		json_t *v;
		switch (d->col_type(r, i)) {
		case JSON_INTEGER: v = json_integer(d->col_int(r, i)); break;
		case JSON_REAL: v = json_real(d->col_double(r, i)); break;
		case JSON_STRING: v = json_string(d->col_text(r, i)); break;
		default: v = json_null();
		}
		json_object_set_new(row, d->col_name(r, i), v ? v : json_null());
	}
	return row;
}

enum err_code run(struct conn *c, const char *sql, struct err *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	enum err_code rc = eachv(c, sql, NULL, NULL, err, fmt, ap);
	va_end(ap);
	return rc;
}

static int append_row(void *ctx, const struct dbrow *r)
{
	json_array_append_new(ctx, row_json(r));
	return 0;
}

static json_t *rowsv(struct conn *c, const char *sql, struct err *err, const char *fmt, va_list ap)
{
	json_t *out = json_array();
	if (eachv(c, sql, append_row, out, err, fmt, ap) != ERR_OK) {
		json_decref(out);
		return NULL;
	}
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

static int first_row(void *ctx, const struct dbrow *r)
{
	*(json_t **)ctx = row_json(r);
	return 1;
}

static json_t *row1v(struct conn *c, const char *sql, struct err *err, const char *fmt, va_list ap)
{
	json_t *out = NULL;
	if (eachv(c, sql, first_row, &out, err, fmt, ap) != ERR_OK)
		return NULL;
	if (!out)
		err_set(err, ERR_NOT_FOUND, "", "not found");
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

struct first_int {
	int64_t v;
	int found;
};

static int first_int(void *ctx, const struct dbrow *r)
{
	struct first_int *f = ctx;
	f->v = col_int(r, 0);
	f->found = 1;
	return 1;
}

static enum err_code int1v(struct conn *c, const char *sql, int64_t *v, struct err *err, const char *fmt,
			   va_list ap)
{
	struct first_int f = {0, 0};
	enum err_code rc = eachv(c, sql, first_int, &f, err, fmt, ap);
	*v = f.v;
	if (rc == ERR_OK && !f.found)
		rc = err_set(err, ERR_NOT_FOUND, "", "not found");
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

struct json_scan {
	int (*fn)(void *, json_t *);
	void *ctx;
};

static int scan_row(void *ctx, const struct dbrow *r)
{
	struct json_scan *s = ctx;
	json_t *row = row_json(r);
	int stop = s->fn(s->ctx, row);
	json_decref(row);
	return stop;
}

static enum err_code scanv(struct conn *c, const char *sql, int (*fn)(void *, json_t *), void *ctx,
			   struct err *err, const char *fmt, va_list ap)
{
	struct json_scan s = {fn, ctx};
	return eachv(c, sql, scan_row, &s, err, fmt, ap);
}

enum err_code scan(struct conn *c, const char *sql, int (*fn)(void *, json_t *), void *ctx, struct err *err,
		   const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	enum err_code rc = scanv(c, sql, fn, ctx, err, fmt, ap);
	va_end(ap);
	return rc;
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
	enum err_code rc = scanv(c, sql, fn, ctx, err, fmt, ap);
	va_end(ap);
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

static int first_text(void *ctx, const struct dbrow *r)
{
	const char *s = col_text(r, 0);
	*(char **)ctx = s ? xstrdup(s) : NULL;
	return 1;
}

char *query_text(struct store *st, const char *sql, const char *fmt, ...)
{
	struct err err;
	char *out = NULL;
	struct conn *c = conn_get(st);
	va_list ap;
	va_start(ap, fmt);
	if (eachv(c, sql, first_text, &out, &err, fmt, ap) != ERR_OK)
		report_lost(&err);
	va_end(ap);
	conn_put(st, c);
	return out;
}

/* ---- transactions ------------------------------------------------------ */

enum err_code tx_begin(struct store *st, struct conn *c, struct err *err)
{
	if (c == st->batch)
		return ERR_OK;
	/* Already in a transaction: BEGIN fails as it always did (no wait). */
	int queue = !st->drv->in_tx(c);
	if (queue)
		pthread_mutex_lock(&st->write_mu);
	enum err_code rc = st->drv->begin(c, err);
	if (rc != ERR_OK && queue)
		pthread_mutex_unlock(&st->write_mu);
	return rc;
}

static const char COMMIT[] = "COMMIT", ROLLBACK[] = "ROLLBACK";

enum err_code tx_end(struct store *st, struct conn *c, enum err_code rc, struct err *err)
{
	if (c == st->batch)
		return rc;
	if (rc == ERR_OK) {
		if (run(c, COMMIT, err, "") == ERR_OK) {
			atomic_fetch_add(&st->commits, 1);
			pthread_mutex_unlock(&st->write_mu);
			return ERR_OK;
		}
		rc = err->code;
	}
	struct err ignored;
	if (st->drv->in_tx(c))
		run(c, ROLLBACK, &ignored, "");
	pthread_mutex_unlock(&st->write_mu);
	return rc;
}

enum err_code tx_open(struct store *st, struct conn **c, struct err *err)
{
	*c = conn_get(st);
	enum err_code rc = tx_begin(st, *c, err);
	if (rc != ERR_OK) {
		conn_put(st, *c);
		*c = NULL;
	}
	return rc;
}

enum err_code tx_close(struct store *st, struct conn *c, enum err_code rc, struct err *err)
{
	rc = tx_end(st, c, rc, err);
	conn_put(st, c);
	return rc;
}

enum err_code write1(struct store *st, int64_t *id, int64_t *changes, struct err *err,
		     const char *sql, const char *fmt, ...)
{
	struct conn *c;
	struct first_int f = {0, 0};
	enum err_code rc = tx_open(st, &c, err);
	if (rc != ERR_OK)
		return rc;
	va_list ap;
	va_start(ap, fmt);
	rc = eachv(c, sql, first_int, &f, err, fmt, ap);
	va_end(ap);
	int64_t changed = c->changes;
	rc = tx_close(st, c, rc, err);
	if (rc == ERR_OK) {
		if (id)
			*id = f.v;
		if (changes)
			*changes = changed;
	}
	return rc;
}

/* ---- batches ------------------------------------------------------------ */

enum err_code store_batch_begin(struct store *st, struct err *err)
{
	struct conn *c = conn_get(st);
	enum err_code rc = st->drv->begin(c, err);
	if (rc != ERR_OK) {
		conn_put(st, c);
		return rc;
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
	enum err_code rc = run(c, COMMIT, err, "");
	struct err ignored;
	if (rc == ERR_OK)
		atomic_fetch_add(&st->commits, 1);
	else if (st->drv->in_tx(c))
		run(c, ROLLBACK, &ignored, "");
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
	struct err ignored;
	run(c, ROLLBACK, &ignored, "");
	conn_put(st, c);
}

/* ---- small shared things ----------------------------------------------- */

void now_utc(char out[21])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
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
