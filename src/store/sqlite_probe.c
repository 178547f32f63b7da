/* sqlite_probe.c — store_probe on SQLite's PRAGMA data_version. */
#include "base/base.h"
#include "store/probe.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>

struct store_probe {
	pthread_mutex_t mu;
	sqlite3 *db;
	sqlite3_stmt *stmt;
};

struct store_probe *store_probe_open(const char *path, struct err *err)
{
	struct store_probe *p = xcalloc(1, sizeof *p);
	pthread_mutex_init(&p->mu, NULL);
	if (sqlite3_open_v2(path, &p->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v3(p->db, "PRAGMA data_version", -1, SQLITE_PREPARE_PERSISTENT, &p->stmt,
			       NULL) != SQLITE_OK) {
		err_set(err, ERR_INTERNAL, "", "cannot open a change probe on %s: %s", path,
			p->db ? sqlite3_errmsg(p->db) : "out of memory");
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
	pthread_mutex_destroy(&p->mu);
	free(p);
}

uint64_t store_probe_version(struct store_probe *p)
{
	pthread_mutex_lock(&p->mu);
	uint64_t v = 0;
	if (sqlite3_step(p->stmt) == SQLITE_ROW)
		v = (uint64_t)sqlite3_column_int64(p->stmt, 0);
	sqlite3_reset(p->stmt);
	pthread_mutex_unlock(&p->mu);
	return v;
}
