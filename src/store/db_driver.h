/*
 * db_driver.h — what a database driver gives db.c: connecting, running a
 * statement, reading a row's columns, migrating, and installing the audit
 * trail.  db_sqlite.c and db_pg.c each fill one struct db_driver; db.c
 * owns the pool and everything built on these calls.
 */
#ifndef CCHC_DB_DRIVER_H
#define CCHC_DB_DRIVER_H
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdarg.h>

#include "store/db.h"

struct db_driver {
	const char *name;
	/* One new connection to target (a path or a URL); NULL with err. */
	void *(*connect)(const char *target, const struct store_options *opt, struct err *err);
	void (*disconnect)(void *h);
	/* Runs sql on h as each() describes; *changes gets the rows changed. */
	enum err_code (*exec)(struct conn *c, const char *sql, const char *fmt, va_list ap,
			      int (*fn)(void *, const struct dbrow *), void *ctx, struct err *err);
	/* Applies the pending migrations; *version is the schema after. */
	enum err_code (*migrate)(struct conn *c, int *version, struct err *err);
	/* Per connection, after migrations (or NULL): the audit trail's triggers. */
	enum err_code (*setup)(struct conn *c, struct err *err);
	/* Opens a write transaction (and takes the writers' lock). */
	enum err_code (*begin)(struct conn *c, struct err *err);
	/* Whether h is inside a transaction. */
	int (*in_tx)(struct conn *c);
	/* Reads the schema version the database holds now (one integer). */
	const char *version_sql;
	/* Sets who the audit records of this connection's next writes name. */
	const char *set_actor_sql;
	/* The columns of a row. */
	int (*ncols)(const struct dbrow *r);
	const char *(*col_name)(const struct dbrow *r, int i);
	/* JSON_INTEGER, JSON_REAL, JSON_STRING or JSON_NULL. */
	int (*col_type)(const struct dbrow *r, int i);
	int64_t (*col_int)(const struct dbrow *r, int i);
	double (*col_double)(const struct dbrow *r, int i);
	const char *(*col_text)(const struct dbrow *r, int i);
};

/* One audited (table, event); the lists end with a zeroed entry. */
struct audited {
	const char *table, *event, *action, *entity, *id, *detail;
};
extern const struct audited audited_sqlite[], audited_pg[];

extern const struct db_driver db_sqlite;
extern const struct db_driver db_pg;

struct conn {
	struct store *st;
	void *h;		/* the driver's connection */
	int64_t changes;	/* of the last statement */
	pthread_t owner;	/* the thread holding it, while depth > 0 */
	int depth;		/* nested conn_get calls of that thread */
	uint64_t taken_ns;	/* when depth went to 1 (meter.h's database time) */
};

struct dbrow {
	struct conn *c;
	void *res;		/* the driver's statement or result */
	int row;		/* the row's number in res, where the driver needs it */
};

struct store {
	const struct db_driver *drv;
	struct conn *conns;
	int nconns;
	int *free_list;		/* indexes of idle connections */
	int nfree;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	/* Held from BEGIN to COMMIT/ROLLBACK of every write transaction, so
	 * that this process's writers queue here and take turns at once,
	 * rather than on SQLite's busy handler (which sleeps 1, 2, 5 ... 100 ms
	 * between tries) or on the server's lock. */
	pthread_mutex_t write_mu;
	struct conn *batch;	/* the connection of an open batch, or NULL */
	/* Write transactions this process committed: known at once, where a
	 * change probe on PostgreSQL learns of them only when the server's
	 * notification arrives. */
	atomic_uint_fast64_t commits;
	int schema_version;
	char *target;		/* what it was opened on */
	void *lead;		/* PostgreSQL: the connection holding the scheduler's lock */
	int leading;		/* whether lead holds it */
};

/* PostgreSQL only: runs sql (not cached; $N parameters, n of them, as
 * text) on c, for statements made at run time (copy.c). */
enum err_code db_pg_exec_text(struct conn *c, const char *sql, int n, const char *const *values,
			      struct err *err);
/* PostgreSQL only: whether this process holds the lock named key, taking
 * it if it is free, on a connection of its own kept for that (db_pg.c). */
int db_pg_lead(struct store *st);

/* Whether target names a PostgreSQL database (postgres:// or postgresql:). */
int db_is_pg(const char *target);

#endif
