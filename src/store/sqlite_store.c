/*
 * sqlite_store.c — SQLite backend of store.h: opening, migrating and
 * closing the database, the connection pool, batches, meta and revs.
 *
 * A store is a small pool of connections to one database file in WAL mode;
 * see sqlite_int.h for the files of the backend.
 */
#include "base/base.h"
#include "base/embed.h"
#include "base/meter.h"
#include "store/sqlite_int.h"

#include <stdlib.h>
#include <string.h>

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

/* ---- open, migrate, close -------------------------------------------- */

static enum err_code migrate(struct conn *c, int *version, struct err *err)
{
	static const char GET_VERSION[] = "PRAGMA user_version";
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
		return err_set(err, ERR_INTERNAL, "", "database schema %lld is newer than this cchc (%d)",
			       (long long)have, n);
	*version = n > have ? n : (int)have;
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
	return write1(st, NULL, NULL, err, SQL, "tt", key, value);
}

char *store_meta_get(struct store *st, const char *key)
{
	static const char SQL[] = "SELECT value FROM meta WHERE key = ?1";
	return query_text(st, SQL, "t", key);
}

/* ---- change numbers ---------------------------------------------------- */

void store_revs(struct store *st, int64_t *assignment_rev, int64_t *unit_rev)
{
	static const char SQL[] = "SELECT rev, unit_rev FROM change_seq";
	struct err err;
	struct conn *c = conn_get(st);
	*assignment_rev = *unit_rev = -1;
	json_t *row = row1(c, SQL, &err, "");
	conn_put(st, c);
	if (!row) {
		report_lost(&err);
		return;
	}
	*assignment_rev = json_integer_value(json_object_get(row, "rev"));
	*unit_rev = json_integer_value(json_object_get(row, "unit_rev"));
	json_decref(row);
}
