/*
 * probe.c — store_probe: whether the database changed since a cache was
 * filled.  On SQLite, PRAGMA data_version of a connection that never
 * writes; on PostgreSQL, a connection that LISTENs to cchc_change, which
 * every write transaction notifies (db_pg.c) when it commits; plus, on
 * both, the commits of the probe's own store, counted as they happen.
 */
#include "base/base.h"
#include "store/db_driver.h"
#include "store/probe.h"

#include <libpq-fe.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

struct store_probe {
	pthread_mutex_t mu;
	struct store *st;
	sqlite3 *db;
	sqlite3_stmt *stmt;
	PGconn *pg;
	uint64_t notified;	/* notifications seen on pg */
};

static int open_sqlite(struct store_probe *p, const char *path, struct err *err)
{
	if (!strncmp(path, "sqlite:", 7))
		path += 7;
	if (sqlite3_open_v2(path, &p->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v3(p->db, "PRAGMA data_version", -1, SQLITE_PREPARE_PERSISTENT, &p->stmt,
			       NULL) != SQLITE_OK) {
		err_set(err, ERR_INTERNAL, "", "cannot open a change probe on %s: %s", path,
			p->db ? sqlite3_errmsg(p->db) : "out of memory");
		return -1;
	}
	return 0;
}

static int open_pg(struct store_probe *p, const char *url, struct err *err)
{
	p->pg = PQconnectdb(url);
	PGresult *res = PQstatus(p->pg) == CONNECTION_OK ? PQexec(p->pg, "LISTEN cchc_change") : NULL;
	int ok = res && PQresultStatus(res) == PGRES_COMMAND_OK;
	PQclear(res);
	if (!ok) {
		char msg[200];
		snprintf(msg, sizeof msg, "%s", PQerrorMessage(p->pg));
		msg[strcspn(msg, "\n")] = 0;
		err_set(err, ERR_BUSY, "", "cannot open a change probe: %s", msg);
		return -1;
	}
	return 0;
}

struct store_probe *store_probe_open(struct store *st, struct err *err)
{
	struct store_probe *p = xcalloc(1, sizeof *p);
	pthread_mutex_init(&p->mu, NULL);
	p->st = st;
	if ((db_is_pg(st->target) ? open_pg : open_sqlite)(p, st->target, err) != 0) {
		store_probe_close(p);
		return NULL;
	}
	return p;
}

void store_probe_close(struct store_probe *p)
{
	if (!p)
		return;
	sqlite3_finalize(p->stmt);
	sqlite3_close(p->db);
	if (p->pg)
		PQfinish(p->pg);
	pthread_mutex_destroy(&p->mu);
	free(p);
}

/* Counts the notifications that arrived; a lost connection is opened again
 * and counted as a change, since what happened meanwhile is unknown. */
static uint64_t pg_version(struct store_probe *p)
{
	if (PQstatus(p->pg) != CONNECTION_OK) {
		PQreset(p->pg);
		if (PQstatus(p->pg) == CONNECTION_OK)
			PQclear(PQexec(p->pg, "LISTEN cchc_change"));
		return ++p->notified;
	}
	PQconsumeInput(p->pg);
	PGnotify *n;
	while ((n = PQnotifies(p->pg))) {
		p->notified++;
		PQfreemem(n);
	}
	return p->notified;
}

uint64_t store_probe_version(struct store_probe *p)
{
	pthread_mutex_lock(&p->mu);
	uint64_t v = 0;
	if (p->pg) {
		v = pg_version(p);
	} else {
		if (sqlite3_step(p->stmt) == SQLITE_ROW)
			v = (uint64_t)sqlite3_column_int64(p->stmt, 0);
		sqlite3_reset(p->stmt);
	}
	pthread_mutex_unlock(&p->mu);
	/* Both counts only grow, so their sum changes when either does. */
	return v + atomic_load(&p->st->commits);
}
