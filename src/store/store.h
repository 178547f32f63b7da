/*
 * store.h — persistence, under the domain.  This header is the whole
 * contract a backend fulfils; store_sqlite.c is the SQLite one (a
 * PostgreSQL one will implement the same functions).  No SQL or backend
 * type leaks past it.
 *
 * Every write is one transaction: it happens whole or not at all.  Reads
 * return new jansson values the caller owns (json_decref), NULL with err
 * set on failure.  A struct store is safe to use from many threads.
 */
#ifndef CCHC_STORE_H
#define CCHC_STORE_H
#include <jansson.h>
#include <stdint.h>

#include "base/err.h"
#include "domain/model.h"

struct store;

struct store_options {
	int durable;		/* 1: fsync every commit (synchronous=FULL) */
	int connections;	/* pool size; 0 means 4 */
};

/* Opens or creates the database and applies pending migrations. */
struct store *store_open(const char *path, const struct store_options *opt, struct err *err);
void store_close(struct store *st);
/* The schema version after migrations. */
int store_schema_version(struct store *st);

/* Runs the following writes of this thread in one transaction (bulk loads).
 * Only for single-threaded use such as `cchc init` and the benchmark. */
enum err_code store_batch_begin(struct store *st, struct err *err);
enum err_code store_batch_commit(struct store *st, struct err *err);
/* Rolls the batch back: none of its writes remain. */
void store_batch_abort(struct store *st, struct err *err);

enum err_code store_meta_set(struct store *st, const char *key, const char *value, struct err *err);
/* Returns a new string or NULL when absent. */
char *store_meta_get(struct store *st, const char *key);

/* Units. */
enum err_code store_unit_add(struct store *st, const struct unit_new *u, int64_t *id, struct err *err);
json_t *store_units(struct store *st, struct err *err);
json_t *store_unit_get(struct store *st, int64_t id, struct err *err);
/* Looks a unit up by code; 0 when absent. */
int64_t store_unit_id_by_code(struct store *st, const char *code);

/* Fields. */
enum err_code store_field_add(struct store *st, const char *code, int seq, const char *name,
			      const char *name_en, const char *lead_code, struct err *err);
json_t *store_fields(struct store *st, struct err *err);
int64_t store_field_id_by_code(struct store *st, const char *code);

/* Documents: plans (type "KH") and directives. */
enum err_code store_document_add(struct store *st, const struct document_new *d, int64_t *id, struct err *err);
/* type NULL lists all documents. */
json_t *store_documents(struct store *st, const char *type, struct err *err);
json_t *store_document_get(struct store *st, int64_t id, struct err *err);

/* Indicators and their measurements. */
enum err_code store_indicator_add(struct store *st, const struct indicator_new *ind, int64_t *id, struct err *err);
/* document_id 0 lists every indicator. */
json_t *store_indicators(struct store *st, int64_t document_id, struct err *err);
json_t *store_indicator_get(struct store *st, int64_t id, struct err *err);
enum err_code store_measurement_add(struct store *st, const struct measurement_new *m, int64_t *id, struct err *err);
/* Measurements of one indicator (unit_id 0: all units), oldest period first,
 * the latest report of each (unit, period) only. */
json_t *store_measurements(struct store *st, int64_t indicator_id, int64_t unit_id, struct err *err);

/* Tasks: the task, the units it names and its assignments, at once. */
enum err_code store_task_add(struct store *st, const struct task_new *t, int64_t *id, struct err *err);
enum err_code store_task_update(struct store *st, int64_t id, const struct task_patch *p, struct err *err);
/* The task with "lead" and "cooperating" unit lists. */
json_t *store_task_get(struct store *st, int64_t id, struct err *err);

struct task_query {
	int64_t unit_id, field_id, after_id;	/* 0: any */
	const char *due_from, *due_to;		/* some assignment due in range; NULL: open */
	const char *q_fold;			/* folded words, all must occur */
};
/* Calls fn for each matching task in id order; fn returns nonzero to stop.
 * The row passed to fn is borrowed. */
enum err_code store_tasks_scan(struct store *st, const struct task_query *q,
			       int (*fn)(void *ctx, json_t *row), void *ctx, struct err *err);

struct assignment_query {
	int64_t unit_id, task_id, after_id;	/* 0: any */
	const char *due_from, *due_to;
};
/* Assignments joined with their task's title and field, in (deadline, id)
 * order for one unit, id order otherwise. after_id is an id cursor. */
enum err_code store_assignments_scan(struct store *st, const struct assignment_query *q,
				     int (*fn)(void *ctx, json_t *row), void *ctx, struct err *err);
json_t *store_assignment_get(struct store *st, int64_t id, struct err *err);

/* Appends a report and updates its assignment's summary.  ERR_NOT_FOUND for
 * an unknown assignment, ERR_CONFLICT for a reused request_key (the id of
 * the first report is put in *id) or a report on a completed assignment. */
enum err_code store_report_add(struct store *st, const struct report_new *r, int64_t *id, struct err *err);
/* Reports of one assignment, oldest first, each with its "evidence" list. */
json_t *store_reports(struct store *st, int64_t assignment_id, struct err *err);
/* The evidence file's name and type, if any report names that hash, with
 * the unit_id and field_lead_unit_id of the work it proves. */
json_t *store_evidence_get(struct store *st, const char *sha256, struct err *err);

/* Assignments changed after rev, in rev order, for caches. */
enum err_code store_assignment_changes(struct store *st, int64_t after_rev,
				       void (*fn)(void *ctx, const struct assignment_facts *f),
				       void *ctx, struct err *err);
/* Cheap probe: the latest change numbers of assignments and of units. */
void store_revs(struct store *st, int64_t *assignment_rev, int64_t *unit_rev);

/* ---- accounts, sessions, tokens, audit (store_accounts.c) ----------- */

/*
 * Attributes this thread's following writes to actor (an account name, or
 * "cli", "system") from address, until store_audit_end.  The audit records
 * that every change appends are written by the database itself, in the
 * change's own transaction; this only says who made it.  Calls may not nest.
 */
void store_audit_begin(struct store *st, const char *actor, const char *address);
void store_audit_end(struct store *st);

struct account_new {
	const char *name, *password_hash;
	int64_t unit_id;
	const char *const *roles;	/* NULL-terminated */
};
enum err_code store_account_add(struct store *st, const struct account_new *a, int64_t *id, struct err *err);
/* {id, name, unit_id, unit_code, unit_name, active, roles: [..], password_hash} */
json_t *store_account_get(struct store *st, const char *name, struct err *err);
json_t *store_account_by_id(struct store *st, int64_t id, struct err *err);
json_t *store_accounts(struct store *st, struct err *err);
enum err_code store_account_set_password(struct store *st, int64_t id, const char *hash, struct err *err);
/* Disabling also ends the account's sessions and revokes its tokens. */
enum err_code store_account_disable(struct store *st, int64_t id, struct err *err);

enum err_code store_session_add(struct store *st, const char *token_hash, int64_t account_id,
				const char *csrf, const char *address, const char *expires_at, struct err *err);
/* The live session's {account_id, csrf, expires_at}; ERR_NOT_FOUND when none. */
json_t *store_session_get(struct store *st, const char *token_hash, const char *now, struct err *err);
enum err_code store_session_end(struct store *st, const char *token_hash, struct err *err);

enum err_code store_token_add(struct store *st, const char *token_hash, int64_t account_id, int64_t unit_id,
			      const char *role, const char *label, int64_t *id, struct err *err);
/* The live token's {id, account_id, unit_id, role}. */
json_t *store_token_get(struct store *st, const char *token_hash, struct err *err);
json_t *store_tokens(struct store *st, int64_t account_id, struct err *err);
enum err_code store_token_revoke(struct store *st, int64_t id, struct err *err);

enum err_code store_login_failure_add(struct store *st, const char *key, struct err *err);
/* Failures recorded for key at or after since (an instant). */
int64_t store_login_failures(struct store *st, const char *key, const char *since);

/* Audit records of one entity (entity_id NULL: all of that kind), oldest first;
 * a report's records are also found under its assignment. */
json_t *store_audit_of(struct store *st, const char *entity, const char *entity_id, struct err *err);
/* Calls fn for every record in order; fn returns nonzero to stop. */
enum err_code store_audit_scan(struct store *st, int (*fn)(void *ctx, json_t *row), void *ctx,
			       struct err *err);
/* The SHA-256 (hex) that a record's fields must hash to. */
void store_audit_hash(const char *prev, const char *at, const char *actor, const char *address,
		      const char *action, const char *entity, const char *entity_id,
		      const char *detail, char out[65]);

#endif
