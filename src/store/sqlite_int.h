/*
 * sqlite_int.h — what the SQLite backend's files share: the connection
 * pool and the statement helpers.  Only src/store/ includes it.
 */
#ifndef CCHC_SQLITE_INT_H
#define CCHC_SQLITE_INT_H
#include <jansson.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>

#include "base/err.h"

#define STMT_CACHE 160	/* above the number of statements in src/store */
#define APPLICATION_ID 0x63636863	/* "cchc" */

struct conn {
	sqlite3 *db;
	struct {
		const char *sql;
		sqlite3_stmt *stmt;
	} cache[STMT_CACHE];
	int ncache;
	pthread_t owner;	/* the thread holding it, while depth > 0 */
	int depth;		/* nested conn_get calls of that thread */
};

struct store {
	struct conn *conns;
	int nconns;
	int *free_list;		/* indexes of idle connections */
	int nfree;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	/* Held from BEGIN IMMEDIATE to COMMIT/ROLLBACK of every write
	 * transaction (tx_begin/tx_end), so that this process's writers queue
	 * here and take turns at once.  Without it they meet on SQLite's write
	 * lock, whose busy handler sleeps 1, 2, 5, 10 ... 100 ms between tries:
	 * under concurrent reports most of the time went to those sleeps.
	 * Other processes still wait on the busy timeout as before. */
	pthread_mutex_t write_mu;
	struct conn *batch;	/* the connection of an open batch, or NULL */
	int schema_version;
};

/* A connection for this thread (the same one again when it holds one). */
struct conn *conn_get(struct store *st);
void conn_put(struct store *st, struct conn *c);
enum err_code db_error(struct conn *c, struct err *err, const char *what);
/* The connection's prepared statement for sql (found by address), reset. */
sqlite3_stmt *prep(struct conn *c, const char *sql, struct err *err);
/* Binds by format letters: i int64, t text (NULL binds NULL), d double, n NULL. */
void bindv(sqlite3_stmt *stmt, const char *fmt, va_list ap);
json_t *row_json(sqlite3_stmt *stmt);
/* Runs to completion; SQLITE_DONE on success, err filled otherwise. */
int run(struct conn *c, const char *sql, struct err *err, const char *fmt, ...);
json_t *rows(struct conn *c, const char *sql, struct err *err, const char *fmt, ...);
/* The first row; NULL with ERR_NOT_FOUND when there is none. */
json_t *row1(struct conn *c, const char *sql, struct err *err, const char *fmt, ...);
int64_t int1(struct conn *c, const char *sql, const char *fmt, ...);
enum err_code tx_begin(struct store *st, struct conn *c, struct err *err);
enum err_code tx_end(struct store *st, struct conn *c, enum err_code rc, struct err *err);
void now_utc(char out[21]);
enum err_code scan(struct conn *c, sqlite3_stmt *stmt, int (*fn)(void *, json_t *), void *ctx,
		   struct err *err);

/* store_accounts.c: per-connection audit triggers, installed after migrations. */
enum err_code audit_install(struct conn *c, struct err *err);

#endif
