/*
 * tracker.h — the domain operations of the core tracker: units, fields,
 * plans, indicators, tasks, assignments, progress reports and the
 * dashboard.  The HTTP API and the CLI are thin shells over these calls;
 * this layer knows nothing of either.
 *
 * Inputs from outside arrive as parsed JSON objects and are validated
 * here, field by field.  Results are new JSON values the caller owns;
 * NULL (or an error code) comes with err filled.
 */
#ifndef CCHC_TRACKER_H
#define CCHC_TRACKER_H
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "base/err.h"
#include "domain/auth.h"
#include "domain/tally.h"

struct store;

struct tracker {
	struct store *store;	/* borrowed */
	struct tally *tally;	/* borrowed */
	const char *data_dir;	/* evidence lives under data_dir/evidence */
	/* Who is asking: each request works on its own copy of the tracker
	 * with this set.  NULL is the system itself (the demo, the scheduler);
	 * the CLI acts as a system principal named "cli". */
	const struct principal *who;
	const char *address;	/* where who acts from (a client's IP); NULL: "" */
};

/* ---- the handle (tracker_open.c) -------------------------------------- */

struct tracker_options {
	bool durable;		/* fsync every commit */
	int connections;	/* the store's pool; 0: 1 */
	bool tally;		/* keep the dashboard index, brought up to date now */
	const char *data_dir;	/* evidence; NULL: the database's folder */
	/* The system principal's name ("cli"): the handle acts as it, and
	 * every change made through it on this thread is attributed to it
	 * until tracker_close (for single-threaded commands).  NULL: no
	 * principal; each caller sets who (the server, per request). */
	const char *actor;
};

/*
 * Copies the SQLite database from (which must exist) into the new
 * PostgreSQL database to (migrated first, then filled; it must hold no
 * data yet), in one transaction; progress (or NULL) hears of each table.
 * The operator's command, outside any principal's rights.
 */
enum err_code tracker_copy_db(const char *from, const char *to,
			      void (*progress)(void *ctx, const char *table, int64_t rows), void *ctx,
			      struct err *err);
/* Whether target is a database file that cannot be read (errno says
 * why), so that a command that only reads refuses rather than create one.
 * A database server's URL is never missing here: connecting tells. */
bool tracker_db_missing(const char *target);
/* Opens (or creates, and migrates) the database at path (a file, or a
 * PostgreSQL URL); NULL with err set on failure.  Close with tracker_close. */
struct tracker *tracker_open(const char *path, const struct tracker_options *opt, struct err *err);
void tracker_close(struct tracker *tr);

/*
 * Attributes this thread's following writes to tr's principal (its name,
 * or "system"; from tr->address) until tracker_attribution_end.  A call
 * inside another's scope joins it: only the outermost pair sets and
 * resets the attribution, so a domain function may open its own scope
 * whether or not its caller did.  Every domain function that writes
 * opens one.
 */
void tracker_attribution_begin(const struct tracker *tr);
void tracker_attribution_end(const struct tracker *tr);

/* The database's schema version after migrations. */
int tracker_schema_version(struct tracker *tr);

/* Resolves a unit given as id (number or digits) or code; 0 if unknown. */
int64_t tracker_unit_ref(struct tracker *tr, const char *ref);
int64_t tracker_field_ref(struct tracker *tr, const char *ref);
/* The unit leading a field (0 for none or no field): lead agencies' scope. */
int64_t tracker_field_lead(struct tracker *tr, int64_t field_id);

/* Units in Vietnamese order (by kind, then name); tree nests them under
 * their parents.  q (may be NULL) keeps names containing it, diacritics
 * ignored; kind (may be NULL) keeps one kind. */
json_t *tracker_units(struct tracker *tr, int tree, const char *q, const char *kind, struct err *err);
/* One unit with its counts by status as of as_of and the fields it leads. */
json_t *tracker_unit(struct tracker *tr, int64_t id, int32_t as_of, struct err *err);
json_t *tracker_fields(struct tracker *tr, struct err *err);

json_t *tracker_plans(struct tracker *tr, struct err *err);
/* A plan (type KH) of the province or of one unit: number, symbol, title,
 * year, issuer (unit code or id), issued_on. */
enum err_code tracker_plan_create(struct tracker *tr, json_t *body, json_t **out, struct err *err);
/* An indicator of a plan: plan_id, field, code, name, measure, comparison,
 * target, baseline. */
enum err_code tracker_indicator_create(struct tracker *tr, json_t *body, json_t **out, struct err *err);
/* A plan with, per field, its indicators (met / not met / regressed as of
 * as_of) and its tasks with counts by status. */
json_t *tracker_plan(struct tracker *tr, int64_t id, int32_t as_of, struct err *err);

json_t *tracker_indicators(struct tracker *tr, int64_t plan_id, int32_t as_of, struct err *err);
json_t *tracker_indicator(struct tracker *tr, int64_t id, int32_t as_of, struct err *err);
json_t *tracker_measurements(struct tracker *tr, int64_t indicator_id, int64_t unit_id, struct err *err);
enum err_code tracker_measurement_add(struct tracker *tr, int64_t indicator_id, json_t *body,
				      json_t **out, struct err *err);

/* The unit kinds a group ("@departments", "@communes", "@media", "@all")
 * stands for, NULL-terminated; NULL for an unknown group. */
const char *const *tracker_group_kinds(const char *name);

enum err_code tracker_task_create(struct tracker *tr, json_t *body, json_t **out, struct err *err);

/*
 * A task body validated and expanded into the rows the store writes, as
 * tracker_task_create does before storing: groups become their active
 * member units, recurring tasks one assignment per period.  t points into
 * the plan's own strings and arrays, freed by tracker_task_plan_release
 * (safe on a plan whose tracker_task_plan failed).
 */
struct task_plan {
	struct task_new t;
	char *title, *description, *section, *product, *rec_name;
	char deadline[11];		/* "YYYY-MM-DD" or "" */
	int64_t year;
	bool has_year;
	int64_t *lead, *coop;
	struct assignment_new *asg;
};
/* Validates body as POST /tasks takes it, "document_id" optional (the
 * caller sets t.document_id); doc_year is the default "year". */
enum err_code tracker_task_plan(struct tracker *tr, json_t *body, int doc_year, struct task_plan *p,
				struct err *err);
void tracker_task_plan_release(struct task_plan *p);
enum err_code tracker_task_patch(struct tracker *tr, int64_t id, json_t *body, json_t **out, struct err *err);
/* The task with every assignment and its status as of as_of. */
json_t *tracker_task(struct tracker *tr, int64_t id, int32_t as_of, struct err *err);

struct list_query {
	int64_t unit_id, field_id, task_id;	/* 0: any */
	int status;				/* enum status, or -1 for any */
	int32_t as_of;
	const char *due_from, *due_to;		/* YYYY-MM-DD or NULL */
	const char *q;				/* search words, any diacritics */
	int64_t after_id;			/* cursor */
	int limit;
};
/* {"items": [...], "next_cursor": "N" | null} */
json_t *tracker_tasks(struct tracker *tr, const struct list_query *q, struct err *err);
json_t *tracker_assignments(struct tracker *tr, const struct list_query *q, struct err *err);

/* One assignment with its status as of as_of and its reports. */
json_t *tracker_assignment(struct tracker *tr, int64_t id, int32_t as_of, struct err *err);
json_t *tracker_reports(struct tracker *tr, int64_t assignment_id, struct err *err);
/*
 * Appends a progress report by tr->who (its author; "system" for NULL),
 * who must be allowed to report on the assignment: that is checked before
 * the body is read.  body holds percent, note, completed_on, reporter_note
 * (a display name; "reporter" is taken for it too) and request_key (an
 * idempotency key: a second report with the same key is refused with
 * ERR_CONFLICT).  ev lists evidence files already stored.  A 100% report
 * needs a completion date and completes the work.
 */
enum err_code tracker_report_add(struct tracker *tr, int64_t assignment_id, json_t *body,
				 const struct evidence_new *ev, size_t nev, json_t **out,
				 struct err *err);
/* ERR_OK when tr->who may report on the assignment (ERR_NOT_FOUND,
 * ERR_FORBIDDEN otherwise): asked before an upload's evidence is stored. */
enum err_code tracker_may_report(struct tracker *tr, int64_t assignment_id, struct err *err);

/* An evidence file's record (sha256, filename, mime, size); *path gets
 * where its bytes are (caller frees).  ERR_NOT_FOUND for a bad or unknown hash. */
json_t *tracker_evidence(struct tracker *tr, const char *sha256, char **path, struct err *err);
/* {"status": "ok", "schema": N, "demo": name, "demo_note": text}; demo keys only for demo data. */
json_t *tracker_health(struct tracker *tr);

/* The audit records of one entity ("task", "assignment", "unit", "account", ...). */
json_t *tracker_history(struct tracker *tr, const char *entity, int64_t id, struct err *err);
/* The whole audit trail (leaders and the system only). */
json_t *tracker_audit_export(struct tracker *tr, struct err *err);

/* What tracker_audit_verify found: the records read and the head's hash,
 * or the first broken record and why. */
struct audit_verdict {
	int64_t records;
	char head[65];		/* "" for an empty trail */
	int64_t broken;		/* 0: the chain holds */
	const char *why;	/* static text */
};
/* Checks the trail's hash chain from its first record (whoever may export
 * it); with export (may be NULL), writes each record that holds as a JSON
 * line, up to the first broken one (audit.c). */
enum err_code tracker_audit_verify(struct tracker *tr, FILE *export, struct audit_verdict *v,
				   struct err *err);

/* The unit head confirms a completion report of the unit (percent 100).
 * A completion the head reports personally is confirmed at once. */
enum err_code tracker_report_confirm(struct tracker *tr, int64_t report_id, json_t **out, struct err *err);

json_t *tracker_dashboard(struct tracker *tr, const struct dashboard_query *q, struct err *err);

#endif
