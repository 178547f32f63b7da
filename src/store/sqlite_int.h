/*
 * sqlite_int.h — what the files of the SQLite backend of store.h share:
 * the connection pool, the statement cache and the statement helpers.
 * Only src/store/sqlite_*.c include it (and the store's unit tests).
 *
 * The backend's files, one per aggregate:
 *   sqlite_store.c        open, migrate, close, the pool, batches, meta, revs
 *   sqlite_stmt.c         the statement cache, binding, rows, transactions
 *   sqlite_units.c        units and fields
 *   sqlite_documents.c    documents, drafts, the import of a draft
 *   sqlite_indicators.c   indicators and measurements
 *   sqlite_tasks.c        tasks, assignments, the change feed
 *   sqlite_reports.c      progress reports, evidence, confirmations
 *   sqlite_accounts.c     accounts, sessions, tokens, sign-in failures
 *   sqlite_audit.c        the audit trail
 *   sqlite_remind.c       calendar overrides, contacts, reminders,
 *                         notifications, the mail queue
 *   sqlite_periodic.c     what a periodic report reads by a cut-off; its rules
 *   sqlite_unit_reports.c units' own periodic reports
 *   sqlite_feedback.c     citizens' feedback (PAKN), its settings
 *   sqlite_par.c          the PAR index: criteria sets, assessments, scores
 *   sqlite_inspections.c  inspection plans, inspections, findings
 */
#ifndef CCHC_SQLITE_INT_H
#define CCHC_SQLITE_INT_H
#include <jansson.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>

#include "base/err.h"
#include "store/store.h"

/* Above the number of statements in src/store (about 120), so that a
 * connection prepares each once; beyond it the cache evicts. */
#define STMT_CACHE 160
#define APPLICATION_ID 0x63636863	/* "cchc" */

struct conn {
	sqlite3 *db;
	struct {
		const char *sql;
		sqlite3_stmt *stmt;
	} cache[STMT_CACHE];
	int ncache;
	int evict_next;		/* where a full cache looks first for one to finalise */
	pthread_t owner;	/* the thread holding it, while depth > 0 */
	int depth;		/* nested conn_get calls of that thread */
	uint64_t taken_ns;	/* when depth went to 1 (meter.h's database time) */
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

/* ---- sqlite_store.c --------------------------------------------------- */

/* A connection for this thread (the same one again when it holds one). */
struct conn *conn_get(struct store *st);
void conn_put(struct store *st, struct conn *c);

/* ---- sqlite_stmt.c ---------------------------------------------------- */

/* Fills err from the connection's last error: ERR_BUSY, ERR_CONFLICT for a
 * constraint, ERR_INTERNAL otherwise, with SQLite's message. */
enum err_code db_error(struct conn *c, struct err *err, const char *what);
/*
 * The connection's prepared statement for sql, reset with no bindings;
 * NULL with err filled (SQLite's message) when it cannot be prepared.
 * Statements are found by the address of sql, so sql must be static text.
 * A full cache finalises a statement that is not running to make room.
 */
sqlite3_stmt *prep(struct conn *c, const char *sql, struct err *err);
/* Binds by format letters: i int64, t text (NULL binds NULL), d double, n NULL. */
void bindv(sqlite3_stmt *stmt, const char *fmt, va_list ap);
json_t *row_json(sqlite3_stmt *stmt);

/* Runs to completion; SQLITE_DONE on success, err filled otherwise. */
int run(struct conn *c, const char *sql, struct err *err, const char *fmt, ...);
/* All rows as a new array; NULL with err filled on error. */
json_t *rows(struct conn *c, const char *sql, struct err *err, const char *fmt, ...);
/* The first row; NULL with ERR_NOT_FOUND when there is none. */
json_t *row1(struct conn *c, const char *sql, struct err *err, const char *fmt, ...);
/* The first column of the first row in *v: ERR_OK, ERR_NOT_FOUND (*v is 0)
 * when there is no row, another code with err filled on error. */
enum err_code int1(struct conn *c, const char *sql, int64_t *v, struct err *err, const char *fmt, ...);
/*
 * Why a workflow step's UPDATE of row id changed nothing: ERR_NOT_FOUND
 * ("no NOUN ID") when status_sql (selecting the row's "status" by id as ?1)
 * finds no row, else ERR_CONFLICT on "status" ("the NOUN is STATUS: it
 * cannot be WHAT").
 */
enum err_code step_refused(struct conn *c, const char *status_sql, int64_t id, const char *noun,
			   const char *what, struct err *err);
/* Runs stmt (prepared and bound), handing each row to fn until it asks to
 * stop; the row is borrowed by fn. */
enum err_code scan(struct conn *c, sqlite3_stmt *stmt, int (*fn)(void *, json_t *), void *ctx,
		   struct err *err);

/* rows() and row1() on a connection taken for that one read. */
json_t *query_rows(struct store *st, const char *sql, struct err *err, const char *fmt, ...);
json_t *query_row(struct store *st, const char *sql, struct err *err, const char *fmt, ...);
/* scan() of sql bound to the arguments, on a connection taken for it. */
enum err_code query_scan(struct store *st, const char *sql, int (*fn)(void *, json_t *), void *ctx,
			 struct err *err, const char *fmt, ...);
/*
 * For the lookups of store.h that return a value with no struct err: the
 * value of int1(), 0 when there is no row.  An error cannot reach the
 * caller that way, so it is written to stderr rather than lost.
 */
int64_t query_int_or_0(struct store *st, const char *sql, const char *fmt, ...);
/* The first column of the first row as a new string, NULL when there is
 * none; errors go to stderr as with query_int_or_0. */
char *query_text(struct store *st, const char *sql, const char *fmt, ...);

/* Write transactions; tx_end commits when rc is ERR_OK, else rolls back,
 * and returns the outcome.  Inside a batch both leave the batch alone. */
enum err_code tx_begin(struct store *st, struct conn *c, struct err *err);
enum err_code tx_end(struct store *st, struct conn *c, enum err_code rc, struct err *err);
/*
 * One write statement in its own transaction.  id (or NULL) gets the new
 * row's id, changes (or NULL) how many rows it changed.
 */
enum err_code write1(struct store *st, int64_t *id, int64_t *changes, struct err *err,
		     const char *sql, const char *fmt, ...);

/* For the functions of store.h with no struct err: writes the error to
 * stderr rather than lose it. */
void report_lost(const struct err *err);
/* The current time as 'YYYY-MM-DDTHH:MM:SSZ'. */
void now_utc(char out[21]);
/* A date column as a day number, DATE_NONE for NULL. */
int32_t day_or_none(sqlite3_stmt *stmt, int col);

/* ---- shared between aggregates ---------------------------------------- */

/* sqlite_audit.c: per-connection audit triggers, installed after migrations. */
enum err_code audit_install(struct conn *c, struct err *err);
/* sqlite_tasks.c: inserts a task, the units it names and its assignments,
 * inside the caller's transaction (a task's own, or a document import's). */
/* sqlite_documents.c: inserts d, inside the caller's transaction. */
enum err_code document_insert(struct conn *c, const struct document_new *d, const char *now, int64_t *id,
			      struct err *err);
enum err_code task_insert(struct conn *c, const struct task_new *t, const char *now, int64_t *id,
			  struct err *err);

#endif
