/*
 * db.h — what the files of src/store share: the connection pool, running
 * a statement with bound parameters, reading its rows, and transactions,
 * over one of two database drivers (db_driver.h): SQLite, the default, and
 * PostgreSQL.  Only src/store includes it (and the store's unit tests).
 *
 * The aggregate files write their SQL once, in the dialect both databases
 * accept ("?N" parameters, ON CONFLICT, RETURNING id, IS DISTINCT FROM);
 * the PostgreSQL driver turns "?N" into "$N".  The files, one per aggregate:
 *   db.c              the pool, the statement helpers, transactions
 *   db_sqlite*.c      the SQLite driver, its migrations and audit triggers
 *   db_pg*.c          the PostgreSQL driver, its migrations and audit triggers
 *   meta.c            meta, change numbers, batches
 *   units.c           units and fields
 *   documents.c       documents, drafts, the import of a draft
 *   indicators.c      indicators and measurements
 *   tasks.c           tasks, assignments, the change feed
 *   reports.c         progress reports, evidence, confirmations
 *   accounts.c        accounts, sessions, tokens, sign-in failures
 *   audit.c           the audit trail: what is audited, the chain, reading it
 *   remind.c          calendar overrides, contacts, reminders,
 *                     notifications, the mail queue
 *   periodic.c        what a periodic report reads by a cut-off; its rules
 *   unit_reports.c    units' own periodic reports
 *   feedback.c        citizens' feedback (PAKN), its settings
 *   par.c             the PAR index: criteria sets, assessments, scores, the workflow
 *   inspections.c     inspection plans, inspections, findings
 */
#ifndef CCHC_DB_H
#define CCHC_DB_H
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>

#include "base/err.h"
#include "store/store.h"

/* One connection of the pool, held by one thread at a time. */
struct conn;
/* The current row of a running statement; valid inside the callback only. */
struct dbrow;

/* A connection for this thread (the same one again when it holds one, so
 * that a scan's callback may read the store again). */
struct conn *conn_get(struct store *st);
void conn_put(struct store *st, struct conn *c);

/*
 * Runs sql with the arguments bound by format letters: i int64, t text
 * (NULL binds NULL), d double, n NULL.  fn (may be NULL) sees each row until
 * it returns nonzero.  Statements are prepared once per connection and found
 * by the address of sql, so sql must be static text.  A failed statement
 * fills err: ERR_CONFLICT for a constraint, ERR_BUSY when the database is
 * locked or unreachable, ERR_INTERNAL otherwise, with the database's message.
 */
enum err_code each(struct conn *c, const char *sql, int (*fn)(void *ctx, const struct dbrow *r), void *ctx,
		   struct err *err, const char *fmt, ...);
/* Rows changed by the connection's last INSERT, UPDATE or DELETE. */
int64_t db_changes(struct conn *c);

/* Columns of the current row, by position. */
int col_count(const struct dbrow *r);
const char *col_name(const struct dbrow *r, int i);
int col_null(const struct dbrow *r, int i);
int64_t col_int(const struct dbrow *r, int i);
double col_double(const struct dbrow *r, int i);
const char *col_text(const struct dbrow *r, int i);	/* NULL for NULL; valid with the row */
int32_t col_day(const struct dbrow *r, int i);		/* DATE_NONE for NULL */
/* The row as a new object, by column name. */
json_t *row_json(const struct dbrow *r);

/* Runs to completion; ERR_OK or the error's code with err filled. */
enum err_code run(struct conn *c, const char *sql, struct err *err, const char *fmt, ...);
/* All rows as a new array; NULL with err filled on error. */
json_t *rows(struct conn *c, const char *sql, struct err *err, const char *fmt, ...);
/* The first row; NULL with ERR_NOT_FOUND when there is none. */
json_t *row1(struct conn *c, const char *sql, struct err *err, const char *fmt, ...);
/* The first column of the first row in *v: ERR_OK, ERR_NOT_FOUND (*v is 0)
 * when there is no row, another code with err filled on error.  With
 * "INSERT ... RETURNING id" it gives the new row's id. */
enum err_code int1(struct conn *c, const char *sql, int64_t *v, struct err *err, const char *fmt, ...);
/* Each row as a json object handed to fn (borrowed) until it asks to stop. */
enum err_code scan(struct conn *c, const char *sql, int (*fn)(void *, json_t *), void *ctx, struct err *err,
		   const char *fmt, ...);
/*
 * Why a workflow step's UPDATE of row id changed nothing: ERR_NOT_FOUND
 * ("no NOUN ID") when status_sql (selecting the row's "status" by id as ?1)
 * finds no row, else ERR_CONFLICT on "status" ("the NOUN is STATUS: it
 * cannot be WHAT").
 */
enum err_code step_refused(struct conn *c, const char *status_sql, int64_t id, const char *noun,
			   const char *what, struct err *err);

/* rows(), row1() and scan() on a connection taken for that one read. */
json_t *query_rows(struct store *st, const char *sql, struct err *err, const char *fmt, ...);
json_t *query_row(struct store *st, const char *sql, struct err *err, const char *fmt, ...);
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
 * and returns the outcome.  Inside a batch both leave the batch alone.
 * Writers take turns: in this process on a mutex, across processes and
 * nodes on the database's write lock (SQLite) or one advisory lock
 * (PostgreSQL), which also keeps the audit chain in commit order. */
enum err_code tx_begin(struct store *st, struct conn *c, struct err *err);
enum err_code tx_end(struct store *st, struct conn *c, enum err_code rc, struct err *err);
/*
 * The same with the connection: tx_open takes this thread's connection into
 * *c and begins, or gives it back on failure (*c is NULL, the error in err);
 * tx_close ends as tx_end does, gives the connection back and returns the
 * outcome.  Nothing may use c after tx_close.
 */
enum err_code tx_open(struct store *st, struct conn **c, struct err *err);
enum err_code tx_close(struct store *st, struct conn *c, enum err_code rc, struct err *err);
/*
 * One write statement in its own transaction.  id (or NULL) gets the new
 * row's id (sql must then end in "RETURNING id"), changes (or NULL) how
 * many rows it changed.
 */
enum err_code write1(struct store *st, int64_t *id, int64_t *changes, struct err *err,
		     const char *sql, const char *fmt, ...);

/* For the functions of store.h with no struct err: writes the error to
 * stderr rather than lose it. */
void report_lost(const struct err *err);
/* The current time as 'YYYY-MM-DDTHH:MM:SSZ'. */
void now_utc(char out[21]);

/* ---- shared between aggregates ---------------------------------------- */

/* documents.c: inserts d, inside the caller's transaction. */
enum err_code document_insert(struct conn *c, const struct document_new *d, const char *now, int64_t *id,
			      struct err *err);
/* tasks.c: inserts a task, the units it names and its assignments,
 * inside the caller's transaction (a task's own, or a document import's). */
enum err_code task_insert(struct conn *c, const struct task_new *t, const char *now, int64_t *id,
			  struct err *err);

#endif
