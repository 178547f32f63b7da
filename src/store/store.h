/*
 * store.h — persistence, under the domain.  This header is the whole
 * contract of the store, with the row types of store/rows.h.  Two
 * databases stand behind it (src/store/db.h): SQLite, the default, one
 * file; and PostgreSQL, for several application nodes on one database
 * server.  store_open picks one by its target.  No SQL or database type
 * leaks past it.
 *
 * Every write is one transaction: it happens whole or not at all.  Reads
 * return new jansson values the caller owns (json_decref), NULL with err
 * set on failure.  The few lookups that return a plain value and take no
 * struct err (ids by code, meta, counts) answer 0 or NULL when there is
 * nothing, and write an error to stderr.  A struct store is safe to use
 * from many threads.
 */
#ifndef CCHC_STORE_H
#define CCHC_STORE_H
#include <jansson.h>
#include <stdint.h>

#include "base/err.h"
#include "store/rows.h"

struct store;

struct store_options {
	int durable;		/* 1: fsync every commit (synchronous=FULL) */
	int connections;	/* pool size; 0 means 4 */
};

/*
 * Opens or creates the database and applies pending migrations.  target
 * is a file path (or "sqlite:PATH") for SQLite, a "postgres://..." or
 * "postgresql:..." connection string for PostgreSQL.  ERR_BUSY when the
 * database server cannot be reached.
 */
struct store *store_open(const char *target, const struct store_options *opt, struct err *err);
void store_close(struct store *st);
/* The schema version after migrations. */
int store_schema_version(struct store *st);
/* Whether target names a database file (SQLite) rather than a server. */
int store_target_is_file(const char *target);
/*
 * Copies every row of from (SQLite) into to (a new PostgreSQL store, with
 * no units or audit records yet), ids, evidence references and the audit
 * trail included, in one transaction; progress (or NULL) hears of each
 * table.  The cchc migrate-db command.
 */
enum err_code store_copy(struct store *from, struct store *to,
			 void (*progress)(void *ctx, const char *table, int64_t rows), void *ctx, struct err *err);
/* The i-th table store_copy copies, NULL past the last (for its test). */
const char *store_copied_table(size_t i);
/*
 * Whether this process is the one of several nodes on one database that
 * should run the reminder scheduler now.  On PostgreSQL, a lock held by a
 * connection kept for it: when that node dies its connection goes, and the
 * next node to ask takes over.  SQLite serves one process: always 1.
 */
int store_scheduler_lead(struct store *st);
/* "sqlite" or "postgresql". */
const char *store_backend(struct store *st);

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
/* Assignments joined with their task's title and field, in id order;
 * after_id is the cursor.  (Pages sort by deadline where they show them.) */
enum err_code store_assignments_scan(struct store *st, const struct assignment_query *q,
				     int (*fn)(void *ctx, json_t *row), void *ctx, struct err *err);
json_t *store_assignment_get(struct store *st, int64_t id, struct err *err);

/* Appends a report and updates its assignment's summary.  ERR_NOT_FOUND for
 * an unknown assignment, ERR_CONFLICT for a reused request_key (the id of
 * the first report is put in *id) or a report on a completed assignment. */
enum err_code store_report_add(struct store *st, const struct report_new *r, int64_t *id, struct err *err);
/* Reports of one assignment, oldest first, each with its "evidence" list
 * and confirmed_by/confirmed_at (null until its unit's head confirms it). */
json_t *store_reports(struct store *st, int64_t assignment_id, struct err *err);
/* One report with its "evidence" list. */
json_t *store_report_get(struct store *st, int64_t id, struct err *err);
/* Records a head's confirmation of a report; ERR_CONFLICT when it has one. */
enum err_code store_report_confirm(struct store *st, int64_t report_id, const char *by, struct err *err);
/* The evidence file's name and type, if any report names that hash, with
 * the unit_id and field_lead_unit_id of the work it proves. */
json_t *store_evidence_get(struct store *st, const char *sha256, struct err *err);

/* Assignments changed after rev, in rev order, for caches. */
enum err_code store_assignment_changes(struct store *st, int64_t after_rev,
				       void (*fn)(void *ctx, const struct assignment_facts *f),
				       void *ctx, struct err *err);
/*
 * Document drafts (issue 4): a document read from its text and the tasks
 * proposed from it, kept until an officer confirms or discards them.
 * Rows come back with "text", "parsed" and "draft" as JSON text strings.
 */
enum err_code store_draft_add(struct store *st, const struct draft_new *d, int64_t *id, struct err *err);
json_t *store_draft_get(struct store *st, int64_t id, struct err *err);
/* Newest first, without their text; status NULL lists every draft. */
json_t *store_drafts(struct store *st, const char *status, struct err *err);
/* Replace a draft's JSON, or mark it discarded.  ERR_NOT_FOUND for an
 * unknown id, ERR_CONFLICT when it is no longer in status "draft". */
enum err_code store_draft_update(struct store *st, int64_t id, const char *draft, struct err *err);
enum err_code store_draft_discard(struct store *st, int64_t id, struct err *err);
/*
 * Confirms a draft in one transaction: inserts the document d, then each
 * of the ntasks tasks (their document_id is replaced by the new one's;
 * task_ids gets their ids), and marks the draft confirmed with a link to
 * the document.  ERR_CONFLICT if the draft was confirmed or discarded
 * meanwhile; on any failure nothing is written.
 */
enum err_code store_document_import(struct store *st, int64_t draft_id, const struct document_new *d,
				    const struct task_new *tasks, size_t ntasks, int64_t *doc_id,
				    int64_t *task_ids, struct err *err);
/* A document's tasks in id order, each with its count of assignments. */
json_t *store_document_tasks(struct store *st, int64_t document_id, struct err *err);

/* Cheap probe: the latest change numbers of assignments and of units. */
void store_revs(struct store *st, int64_t *assignment_rev, int64_t *unit_rev);

/* ---- accounts, sessions, tokens, audit ------------------------------ */

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
/* ==== Calendar overrides, reminders, notifications, mail (issue 5) ==== */

/* One calendar override as stored: day "YYYY-MM-DD", kind "off" or "work". */
struct override_new {
	const char *day, *kind, *name;
};
/* Adds or replaces the n overrides in one transaction; by names who. */
enum err_code store_overrides_put(struct store *st, const struct override_new *o, size_t n,
				  const char *by, struct err *err);
/* ERR_NOT_FOUND when the day has no override. */
enum err_code store_override_delete(struct store *st, const char *day, struct err *err);
/* Overrides with from <= day <= to (NULL: open), by day: day, kind, name,
 * created_by, created_at. */
json_t *store_overrides(struct store *st, const char *from, const char *to, struct err *err);

/* Records that task id counts its deadline as n working days after
 * received_on (the deadlines themselves are stored with the assignments). */
enum err_code store_task_set_workdays(struct store *st, int64_t id, int n, const char *received_on,
				      struct err *err);
/* {"due_workdays": n|null, "received_on": day|null}; ERR_NOT_FOUND for no task. */
json_t *store_task_workdays(struct store *st, int64_t id, struct err *err);

/* Unit contacts: role "head" or "officer".  ERR_CONFLICT for an address the
 * unit already has. */
enum err_code store_contact_add(struct store *st, int64_t unit_id, const char *role,
				const char *email, const char *name, int64_t *id, struct err *err);
/* unit_id 0 lists every unit's; role NULL every role.  id, unit_id, role, email, name. */
json_t *store_contacts(struct store *st, int64_t unit_id, const char *role, struct err *err);
enum err_code store_contact_delete(struct store *st, int64_t id, struct err *err);

/*
 * Assignments not completed by as_of with a deadline on or before due_to,
 * by unit then deadline, with the task's title and field and the unit's
 * code, name and kind.  Rows are borrowed by fn; fn returns nonzero to stop.
 */
enum err_code store_open_assignments_scan(struct store *st, const char *as_of, const char *due_to,
					  int (*fn)(void *ctx, json_t *row), void *ctx,
					  struct err *err);
/* Whether the reminder (kind, subject, day) was already produced. */
int store_reminder_seen(struct store *st, const char *kind, int64_t subject_id, const char *day);

/* A reminder to record: its key, the unit whose bell shows it, and the
 * letter to queue for each address in rcpt. */
struct reminder_record {
	const char *kind;
	int64_t subject_id;
	const char *day;
	int64_t unit_id;
	const char *text, *link;	/* the notification */
	const char *subject, *body;	/* the letter */
	const char *const *rcpt;
	size_t nrcpt;
};
/*
 * Records a reminder, its notification and its letters in one transaction,
 * unless (kind, subject_id, day) is already recorded: then nothing is
 * written and *created is 0.
 */
enum err_code store_reminder_record(struct store *st, const struct reminder_record *r, int *created,
				    struct err *err);

/* A unit's notifications, newest first (at most limit rows; with before_id,
 * only ids below it): id, unit_id, kind, text, link, created_at, read_at. */
json_t *store_notifications(struct store *st, int64_t unit_id, int unread_only, int limit,
			    int64_t before_id, struct err *err);
int64_t store_notifications_unread(struct store *st, int64_t unit_id);
/* One notification, ERR_NOT_FOUND when there is none. */
json_t *store_notification_get(struct store *st, int64_t id, struct err *err);
/* Marks it read (the first reading's time stays) and returns the row. */
json_t *store_notification_read(struct store *st, int64_t id, struct err *err);

/*
 * The mail queue.  store_mail_claim takes the oldest 'queued' row due at
 * now (UTC instant text) and marks it 'sending' with one more attempt, in
 * one transaction, so no other sender takes it; *row is NULL when none is
 * due.  store_mail_finish records the outcome: sent, or back to 'queued'
 * for next_at, or 'failed' when next_at is NULL.
 */
enum err_code store_mail_claim(struct store *st, const char *now, json_t **row, struct err *err);
enum err_code store_mail_finish(struct store *st, int64_t id, int sent, const char *error,
				const char *next_at, struct err *err);
/* Rows claimed before claimed_before and still 'sending' were cut off by a
 * crash and may or may not have gone out: they are marked 'failed' rather
 * than sent again.  Returns how many, -1 on error. */
int64_t store_mail_recover(struct store *st, const char *claimed_before, struct err *err);
/* The queue by id: id, recipient, subject, status, attempts, next_attempt_at,
 * last_error, sent_at.  status NULL lists all. */
json_t *store_mail_list(struct store *st, const char *status, struct err *err);

/* ==== Periodic reports as recorded by a cut-off (issue 6) ==== */
/*
 * A periodic report counts only what was recorded up to its cut-off, so
 * that printing it again later gives the same numbers.  recorded_by is a
 * UTC instant 'YYYY-MM-DDTHH:MM:SSZ' (the end of the cut-off day in
 * Vietnam time), NULL for no cut-off.  history_until (NULL: none) marks
 * history loaded in bulk (the demo): rows recorded up to that instant
 * count by their own dates, since their record times say nothing about
 * when the facts were known.
 */

/* An assignment as the report sees it; recurring is 1 for a periodic
 * instance (a non-empty period). */
struct report_assignment {
	int64_t id, task_id, unit_id, field_id;
	int32_t deadline;
	int recurring;
};
/* Calls fn for every assignment, in id order; the struct is borrowed. */
enum err_code store_report_assignments(struct store *st,
				       void (*fn)(void *ctx, const struct report_assignment *a),
				       void *ctx, struct err *err);
/* Ids of the tasks created after recorded_by (and after history_until),
 * ascending: what a report with that cut-off leaves out.  Few in practice. */
json_t *store_report_late_tasks(struct store *st, const char *recorded_by,
				const char *history_until, struct err *err);

/* A progress report as the report sees it; created_at is borrowed. */
struct report_progress {
	int64_t assignment_id;
	int32_t reported_on, completed_on;	/* day numbers; DATE_NONE */
	const char *created_at;
};
/* Calls fn for every progress report recorded at or before recorded_by
 * and reported on or before day ('YYYY-MM-DD'), in id order. */
enum err_code store_report_progress(struct store *st, const char *recorded_by,
				    const char *history_until, const char *day,
				    void (*fn)(void *ctx, const struct report_progress *p),
				    void *ctx, struct err *err);

/* Measurements recorded at or before recorded_by for periods ended on or
 * before day, every row (not only the latest of each period): id,
 * indicator_id, unit_id, period, period_end, value, reported_at, ordered
 * by indicator, unit, period end, id. */
json_t *store_report_measurements(struct store *st, const char *recorded_by,
				  const char *history_until, const char *day, struct err *err);

/* A task's title as a new string, NULL when there is no such task. */
char *store_report_task_title(struct store *st, int64_t task_id);

/* The rules of who falls behind and of the rating bands: code, kind
 * ('behind' or 'band'), seq, enabled, name, params (JSON text),
 * updated_by, updated_at; by kind then seq. */
json_t *store_report_rules(struct store *st, struct err *err);
struct report_rule_set {
	const char *code;
	int enabled;		/* 0 or 1 */
	const char *params;	/* JSON object text, already validated */
};
/* Updates the n rules in one transaction; ERR_NOT_FOUND (nothing
 * written) when a code names no rule. */
enum err_code store_report_rules_set(struct store *st, const struct report_rule_set *r, size_t n,
				     const char *by, struct err *err);

/* ==== Units' own periodic reports (issue 6) ==== */
/*
 * One report per unit and period ("2026-Q1", ...): draft, submitted,
 * returned (with comments, to be edited and submitted again) or accepted.
 * Rows: id, unit_id, unit_code, unit_name, period, status, figures and
 * narrative (JSON text), difficulties, proposals, deadline, created_*,
 * updated_at, first_submitted_at, submitted_*, returned_*, comments,
 * accepted_*.
 */
struct unit_report_new {
	int64_t unit_id;
	const char *period, *figures, *deadline, *by;
};
/* Creates the unit's draft; an existing report is left as it is (two
 * first openings at once make one draft). */
enum err_code store_unit_report_create(struct store *st, const struct unit_report_new *r, struct err *err);
/* ERR_NOT_FOUND when the unit has no report for the period. */
json_t *store_unit_report_get(struct store *st, int64_t unit_id, const char *period, struct err *err);
/* Every unit's report for period (NULL: every period), by unit code. */
json_t *store_unit_reports(struct store *st, const char *period, struct err *err);
/* Replaces the texts (NULL keeps one) of a draft or returned report;
 * ERR_CONFLICT in any other status, ERR_NOT_FOUND when there is none. */
enum err_code store_unit_report_edit(struct store *st, int64_t unit_id, const char *period,
				     const char *narrative, const char *difficulties, const char *proposals,
				     struct err *err);
enum unit_report_step {
	UNIT_REPORT_SUBMIT,	/* draft or returned -> submitted; text: the figures */
	UNIT_REPORT_RETURN,	/* submitted -> returned; text: the comments */
	UNIT_REPORT_ACCEPT,	/* submitted -> accepted; text unused */
};
/* One step, by names who; ERR_CONFLICT when the report is not in a status
 * the step starts from, ERR_NOT_FOUND when there is none. */
enum err_code store_unit_report_step(struct store *st, int64_t unit_id, const char *period,
				     enum unit_report_step step, const char *text, const char *by,
				     struct err *err);

/* ==== Citizens' feedback on administrative regulations (issue 17) ==== */
/*
 * Rows: every column of the feedback table (sqlite/0011_feedback.sql) plus
 * handling_unit_code, handling_unit_name; the sender's contact details are
 * among them: the domain decides who sees them.
 */
/* The settings as {key: value text}. */
json_t *store_feedback_settings(struct store *st, struct err *err);
/* ERR_NOT_FOUND for an unknown key, ERR_INVALID for an empty value. */
enum err_code store_feedback_setting_set(struct store *st, const char *key, const char *value,
					 struct err *err);
/* One feedback by id (code NULL) or by code; ERR_NOT_FOUND. */
json_t *store_feedback_get(struct store *st, int64_t id, const char *code, struct err *err);
/* Every feedback received on or before as_of ("YYYY-MM-DD"), newest first. */
json_t *store_feedback_list(struct store *st, const char *as_of, struct err *err);
/* How many were sent from source_hash at or after since ("YYYY-MM-DDTHH:MM:SSZ"). */
int64_t store_feedback_count_since(struct store *st, const char *source_hash, const char *since);
/* The earliest creation time of those, NULL when none (caller frees). */
char *store_feedback_first_since(struct store *st, const char *source_hash, const char *since);
enum feedback_step {
	FEEDBACK_FORWARD,	/* received -> forwarded; num: the handling unit; day; by */
	FEEDBACK_REJECT,	/* received -> rejected; day, text: the reason; by */
	FEEDBACK_DRAFT,		/* forwarded or drafted -> drafted; text: the answer; by */
	FEEDBACK_APPROVE,	/* drafted -> answered; day; num: published (0/1); by */
	FEEDBACK_RATE,		/* answered and not rated -> rated; num: satisfied (0/1); day */
};
/* One step; ERR_CONFLICT when the feedback is not where the step starts,
 * ERR_NOT_FOUND when there is none. */
enum err_code store_feedback_step(struct store *st, int64_t id, enum feedback_step step, int64_t num,
				  const char *day, const char *text, const char *by, struct err *err);
/* Moves an open feedback's answer_due to new_due and records why;
 * ERR_CONFLICT once it is answered or rejected. */
enum err_code store_feedback_extend(struct store *st, int64_t id, int workdays, const char *reason,
				    const char *old_due, const char *new_due, const char *by, struct err *err);
/* The feedback's extensions, oldest first. */
json_t *store_feedback_extensions(struct store *st, int64_t id, struct err *err);
/* ==== The PAR index (issue 14) ==== */
/*
 * Stores a criteria set with its nodes in one transaction.  The latest
 * version of (year, kind) has its nodes replaced when no assessment uses
 * it; otherwise (or when there is none) a new version is made.  *id gets
 * the set's id.
 */
enum err_code store_par_set_put(struct store *st, const struct par_set_new *s, int64_t *id, struct err *err);
/* Every set: id, year, kind, version, name, note, is_example, bands,
 * copied_from, created_at, created_by, nodes, assessments; by year, kind,
 * version. */
json_t *store_par_sets(struct store *st, struct err *err);
/* One set as above; ERR_NOT_FOUND. */
json_t *store_par_set_get(struct store *st, int64_t id, struct err *err);
/* The latest version of (year, kind), 0 when there is none. */
int64_t store_par_set_latest(struct store *st, int year, const char *kind);
/* The set's nodes by seq: id, seq, code, parent_code, level, name,
 * max_points, rule, rule_params (JSON text), evidence, scored_by. */
json_t *store_par_nodes(struct store *st, int64_t set_id, struct err *err);

/* Opens the unit's assessment on a set; ERR_CONFLICT when it exists. */
enum err_code store_par_assessment_add(struct store *st, int64_t set_id, int64_t unit_id, int year,
				       const char *by, int64_t *id, struct err *err);
/* id, set_id, unit_id, unit_code, unit_name, unit_kind, year, kind,
 * version, status, created_*, updated_at, submitted_*, appraised_*;
 * ERR_NOT_FOUND. */
json_t *store_par_assessment_get(struct store *st, int64_t id, struct err *err);
/* Every assessment of year (kind NULL: any), by unit code. */
json_t *store_par_assessments(struct store *st, int year, const char *kind, struct err *err);
/* The assessment's scores: node_id, self_points, self_note,
 * appraised_points, appraisal_reason, updated_at, updated_by. */
json_t *store_par_scores(struct store *st, int64_t assessment_id, struct err *err);
/* Calls fn for every score of year's assessments of kind (NULL: any),
 * ordered by assessment; the row is borrowed. */
enum err_code store_par_year_scores(struct store *st, int year, const char *kind,
				    void (*fn)(void *ctx, const struct par_score_row *s), void *ctx, struct err *err);
/*
 * Writes n points in one transaction: self points (and notes) on a draft,
 * or appraised points (and reasons) on a submitted assessment, which then
 * becomes appraised.  ERR_CONFLICT when the assessment is in another
 * status, ERR_NOT_FOUND when there is none.
 */
enum err_code store_par_scores_put(struct store *st, int64_t assessment_id, const struct par_score_set *s,
				   size_t n, int appraisal, const char *by, struct err *err);
/* draft -> submitted; ERR_CONFLICT from another status. */
enum err_code store_par_submit(struct store *st, int64_t assessment_id, const char *by, struct err *err);

/* The default result bands: seq, name, min_percent, best first. */
json_t *store_par_bands(struct store *st, struct err *err);
/* ==== Inspections, findings and their remediation (issue 15) ==== */
/*
 * A plan of inspections by one unit for a year; its inspections move
 * planned -> in_progress -> concluded; findings of a concluded inspection
 * are remedied as tasks of the inspected unit (one assignment each) and
 * verified by the inspecting unit.
 */
/* A value of inspection_setting as a new string; NULL when absent. */
char *store_inspection_setting(struct store *st, const char *key);
/* 1 when the unit may inspect others (listed in inspection_body or
 * leading a field), else 0. */
int store_inspection_body(struct store *st, int64_t unit_id);
/* The severity levels by seq: code, seq, name. */
json_t *store_finding_severities(struct store *st, struct err *err);
enum err_code store_inspection_plan_add(struct store *st, const struct inspection_plan_new *p, int64_t *id,
					struct err *err);
/* Plans of year (0: every year), newest year first: id, year, kind,
 * inspecting_unit_id, inspecting_unit_code, inspecting_unit_name, title,
 * document_ref, target_share, created_at, created_by, inspections. */
json_t *store_inspection_plans(struct store *st, int year, struct err *err);
json_t *store_inspection_plan_get(struct store *st, int64_t id, struct err *err);
/* {units_total (active units but the province itself), units_planned,
 * units_inspected (in a concluded inspection)} of the plan. */
json_t *store_inspection_plan_coverage(struct store *st, int64_t plan_id, struct err *err);
/* The inspection, its units and fields at once.  ERR_NOT_FOUND for an
 * unknown plan. */
enum err_code store_inspection_add(struct store *st, const struct inspection_new *i, int64_t *id,
				   struct err *err);
/* Inspections by planned date (0 / NULL: any plan, unit, status): id,
 * plan_id, year, inspecting_unit_id/_code/_name, title, team (JSON text),
 * planned_from, planned_to, status, started_on, concluded_on, conclusion,
 * conclusion_document_id, created_at, created_by, findings. */
json_t *store_inspections(struct store *st, int64_t plan_id, int64_t unit_id, const char *status,
			  struct err *err);
/* One inspection as listed, with "units" [{id, code, name, kind}] and
 * "fields" [{id, code, name}]. */
json_t *store_inspection_get(struct store *st, int64_t id, struct err *err);
/* planned -> in_progress on started_on; ERR_CONFLICT in another status. */
enum err_code store_inspection_start(struct store *st, int64_t id, const char *started_on, struct err *err);
/* in_progress -> concluded: stores the notice as a document and links it,
 * in one transaction; ERR_CONFLICT in another status. */
enum err_code store_inspection_conclude(struct store *st, int64_t id, const char *concluded_on,
					const char *conclusion, const struct document_new *notice,
					struct err *err);
/* The finding and its task (with its one assignment) at once. */
enum err_code store_finding_add(struct store *st, const struct finding_new *f, int64_t *id, struct err *err);
/* Findings by id (0 / NULL: any): id, inspection_id, inspection_title,
 * inspecting_unit_id, inspecting_unit_code, unit_id, unit_code, unit_name,
 * field_id, field_code, severity, severity_name, content, recommendation,
 * due_workdays, deadline, task_id, assignment_id, percent,
 * first_report_on, completed_on, verification, return_reason,
 * verified_at, verified_by, created_at, created_by and status: open,
 * awaiting_verification (the remediation completed), returned, accepted. */
json_t *store_findings(struct store *st, int64_t inspection_id, int64_t unit_id, const char *status,
		       struct err *err);
json_t *store_finding_get(struct store *st, int64_t id, struct err *err);
/* Accepts the remediation, or returns it with reason and reopens its
 * assignment (completed_on cleared, percent back to the last report below
 * 100), by names who.  ERR_CONFLICT unless awaiting verification. */
enum err_code store_finding_verify(struct store *st, int64_t id, int accepted, const char *reason,
				   const char *by, struct err *err);

/* ==== Discipline cases (issue 15) ==== */
/* A value of discipline_setting as a new string; NULL when absent. */
char *store_discipline_setting(struct store *st, const char *key);
/* The forms of discipline: code, grp, valid_from, valid_to, seq, name,
 * applies_to, source; by group, period and seq. */
json_t *store_discipline_forms(struct store *st, struct err *err);
/* The case and its links at once; ERR_NOT_FOUND names an unknown link. */
enum err_code store_discipline_case_add(struct store *st, const struct discipline_case_new *c, int64_t *id,
					struct err *err);
/* Cases (0 / NULL: any unit, status; year 0: any; else discovered in
 * year), newest discovery first: id, unit_id, unit_code, unit_name,
 * person_name, position, grp, is_leader, act, severity, severity_name,
 * occurred_on, discovered_on, decision_due, extension_reason, status,
 * review_on, review_note, council_on, council_note, decision_on,
 * decision_note, decision_number, decision_issuer, form, form_name,
 * created_at, created_by. */
json_t *store_discipline_cases(struct store *st, int64_t unit_id, int year, const char *status,
			       struct err *err);
/* One case as listed, with "links" [{finding_id, task_id, title}]. */
json_t *store_discipline_case_get(struct store *st, int64_t id, struct err *err);
/* Records step s if the case is still in s->from_status; ERR_CONFLICT
 * naming the status it is in otherwise, ERR_NOT_FOUND for no case. */
enum err_code store_discipline_step(struct store *st, int64_t id, const struct discipline_step *s,
				    struct err *err);
/* Records a look at case_id (0: a list) by viewer: shown is the JSON
 * array of the case ids it showed, or NULL for a refused look. */
enum err_code store_discipline_view_add(struct store *st, int64_t case_id, const char *shown, const char *viewer,
					struct err *err);
/* Per unit with any, for year: unit_id, unit_code, unit_name, cases
 * (discovered in the year), decided (decisions dated in the year). */
json_t *store_discipline_counts(struct store *st, int year, struct err *err);
/* ---- Operations (issue 19): readiness, and what monitoring reads ---- */
/* The schema version the database holds now, read afresh (not the one
 * found at open): ERR_OK, or the error of a database that does not answer. */
enum err_code store_schema_version_now(struct store *st, int *version, struct err *err);
/* Letters waiting (queued, or claimed and being sent) and the oldest one's
 * created_at ("YYYY-MM-DDTHH:MM:SSZ"; "" when none). */
enum err_code store_mail_backlog(struct store *st, int64_t *waiting, char oldest[21], struct err *err);
/* ---- backups (sqlite_backup.c) ------------------------------------ */
/* Writes a consistent copy of the database, as of the moment it starts,
 * to path, which must not exist or be empty; the server may go on writing
 * meanwhile.  A full disk is an error and leaves path to the caller. */
enum err_code store_backup_to(struct store *st, const char *path, struct err *err);
/* The stored files the database names (report evidence, a case's and an
 * inspection's documents), each once: sha256, size. */
json_t *store_evidence_files(struct store *st, struct err *err);
/* {reports, evidence, audit_records}: what a restore compares. */
json_t *store_backup_counts(struct store *st, struct err *err);
/* ---- the public open-data page (issue 17; sqlite_public.c) ---- */
/* The newest published answers, at most limit: code, procedure_name,
 * content, answer, received_on, answered_on, handling_unit_code,
 * handling_unit_name; never the sender. */
json_t *store_feedback_published(struct store *st, int limit, struct err *err);
/* What the counts per unit need of each feedback received by as_of, and
 * nothing else: handling_unit_id, handling_unit_code, handling_unit_name,
 * status, received_on, answer_due, classified_on, answered_on, rated_on,
 * satisfied. */
json_t *store_feedback_states(struct store *st, const char *as_of, struct err *err);

/* ==== Feedback: spam and duplicate marks, the proof-of-work challenge (issue 17) ==== */
/* Marks feedback id as mark ("spam", or "duplicate" of the tracking code
 * duplicate_of) with a reason, replacing an earlier mark; mark NULL clears
 * it (ERR_CONFLICT on "mark" when there is none).  Feedback rows carry
 * mark, duplicate_of, mark_reason, marked_at, marked_by (NULL: unmarked). */
enum err_code store_feedback_mark(struct store *st, int64_t id, const char *mark, const char *duplicate_of,
				  const char *reason, const char *by, struct err *err);
/* The challenges' signing key (hex), stored as fresh on first use; caller frees. */
char *store_feedback_key(struct store *st, const char *fresh, struct err *err);
/* Remembers a solved challenge's nonce until expires_at ("YYYY-MM-DDTHH:MM:SSZ"),
 * forgetting expired ones; ERR_CONFLICT on "challenge" when it was used. */
enum err_code store_feedback_nonce_use(struct store *st, const char *nonce, const char *expires_at, struct err *err);
/* ==== PAR index files (issue 14) ==== */
/* Writes survey points (self points with note) for n leaves in one
 * transaction: all or nothing. */
enum err_code store_par_survey_put(struct store *st, const struct par_survey_point *p, size_t n, const char *note,
				   const char *by, struct err *err);
/* ==== The PAR workflow (issue 14) ==== */
/*
 * Edits set id: its nodes are replaced when no assessment uses it;
 * otherwise a new version of its year and kind is made, previous_id
 * pointing to id.  *new_id gets the set written; ERR_NOT_FOUND.
 */
enum err_code store_par_set_edit(struct store *st, int64_t id, const struct par_set_new *s, int64_t *new_id,
				 struct err *err);
enum par_step {
	PAR_TAKE,	/* submitted -> under_appraisal */
	PAR_APPROVE,	/* appraised -> approved */
	PAR_REOPEN,	/* approved -> under_appraisal, the reason recorded */
};
/* One step; ERR_CONFLICT naming the status when the assessment is not
 * where the step starts, ERR_NOT_FOUND when there is none. */
enum err_code store_par_step(struct store *st, int64_t id, enum par_step step, const char *reason, const char *by,
			     struct err *err);
/* submitted or under_appraisal -> explanation_requested with n questions
 * due on due_on (YYYY-MM-DD); errors as store_par_step. */
enum err_code store_par_explain(struct store *st, int64_t id, const struct par_question *q, size_t n,
				const char *due_on, const char *by, struct err *err);
/* explanation_requested -> under_appraisal with the answers; ERR_INVALID
 * naming an id that is no open question, or a question left unanswered. */
enum err_code store_par_answer(struct store *st, int64_t id, const struct par_answer *a, size_t n, const char *by,
			       struct err *err);
/* The questions: id, code (NULL: overall), question, asked_at, asked_by,
 * due_on, answer, answered_at, answered_by; oldest first. */
json_t *store_par_explanations(struct store *st, int64_t id, struct err *err);
/* The reopenings: reason, reopened_at, reopened_by; oldest first. */
json_t *store_par_reopenings(struct store *st, int64_t id, struct err *err);
/* A value of par_setting as a new string; NULL when absent. */
char *store_par_setting(struct store *st, const char *key);
/* The heads' rating rule: seq, name, min_index, not_bottom; by seq. */
json_t *store_par_head_ratings(struct store *st, struct err *err);

/* ---- Discipline rules and documents (issue 15, 0016) ---- */
/* The limitation row {kind, years (null: none), name, source} of grp for a
 * case discovered on `on`; ERR_INVALID on "limitation_kind" when kind has none. */
json_t *store_discipline_limitation(struct store *st, const char *grp, const char *on, const char *kind,
				    struct err *err);
/* The name of a pause or exempt reason (kind "pause" | "exempt"), NULL when unknown. */
char *store_discipline_reason(struct store *st, const char *kind, const char *code);
/* Records e on the case and changes its state: a pause only of a case
 * neither paused, exempt nor decided; a resumption only of a paused case
 * (decision_due set anew); an exemption only of a case neither paused,
 * exempt nor decided.  ERR_CONFLICT on "step" otherwise. */
enum err_code store_discipline_event(struct store *st, int64_t case_id, const struct discipline_event *e,
				     struct err *err);
/* The case's events, oldest first: kind, on_date, reason, note, days, at, by_actor. */
json_t *store_discipline_events(struct store *st, int64_t case_id, struct err *err);
/* The other decided cases of the same person (name and unit) as case_id:
 * id, grp, form, decision_on. */
json_t *store_discipline_prior(struct store *st, int64_t case_id, struct err *err);
/* The cases of one person (name and unit), by occurrence: id, occurred_on,
 * limitation_until, closed_on (decision or exemption), years (of
 * discipline_limitation for the case's group, kind and discovery; null for
 * none). */
json_t *store_discipline_person_clocks(struct store *st, int64_t unit_id, const char *person_name,
				       struct err *err);
/* An uploaded document of owner's row owner_id; *id the new document's id. */
enum err_code store_case_document_add(struct store *st, enum case_document_owner owner, int64_t owner_id,
				      const struct evidence_new *ev, const char *by, int64_t *id, struct err *err);
/* The owner's documents, oldest first: id, sha256, filename, mime, size,
 * uploaded_at, uploaded_by. */
json_t *store_case_documents(struct store *st, enum case_document_owner owner, int64_t owner_id, struct err *err);
/* One of them; ERR_NOT_FOUND on "document" when owner_id has no document id. */
json_t *store_case_document_get(struct store *st, enum case_document_owner owner, int64_t owner_id, int64_t id,
				struct err *err);

/* ==== PAR evidence and proposals (issue 14; par_evidence.c) ==== */
/* The assessment's evidence: id, node_id, code, kind, sha256, filename,
 * mime, size, ref_id, note, created_at, created_by, by node seq. */
json_t *store_par_evidence(struct store *st, int64_t assessment_id, struct err *err);
/* Adds evidence while the assessment is a draft (ERR_CONFLICT otherwise). */
enum err_code store_par_evidence_add(struct store *st, const struct par_evidence_new *e, int64_t *id,
				     struct err *err);
/* Removes one, while the assessment is a draft; ERR_NOT_FOUND, ERR_CONFLICT. */
enum err_code store_par_evidence_remove(struct store *st, int64_t assessment_id, int64_t id, struct err *err);
/* Records the unit's decisions d[0..n) on the proposals of the assessment
 * and sets their self points, all in one transaction (par.c), on a draft
 * only (ERR_CONFLICT otherwise, also for n == 0): a failure leaves none. */
enum err_code store_par_proposal_put(struct store *st, int64_t assessment_id, const char *by,
				     const struct par_proposal_decision *d, size_t n, struct err *err);
/* The decisions: node_id, proposed, basis, decision, points, reason, decided_at, decided_by. */
json_t *store_par_proposals(struct store *st, int64_t assessment_id, struct err *err);
/* ---- Feedback attachments (issue 17, 0018) ---- */
/* Inserts a feedback with the sender's files (already in the evidence
 * store; none for one entered by officials), all in one transaction: on
 * any error nothing is written.  *id the new row's id; ERR_CONFLICT on
 * "code" for a code already used. */
enum err_code store_feedback_create_with_files(struct store *st, const struct feedback_new *f,
					       const struct evidence_new *files, size_t nfiles, int64_t *id,
					       struct err *err);
/* The feedback's files, oldest first (id, sha256, filename, mime, size,
 * uploaded_at); id 0 for all, else only that one (an empty list when the
 * feedback has no such file). */
json_t *store_feedback_attachments(struct store *st, int64_t feedback_id, int64_t id, struct err *err);

/* ---- Sweeps of the evidence folder (0019) ---- */
/* Records one sweep that removed files (and so writes its audit record):
 * the grace period in seconds, files removed, bytes freed, orphans kept as
 * too recent. */
enum err_code store_evidence_sweep_add(struct store *st, int64_t min_age, int64_t removed, int64_t bytes,
				       int64_t kept_recent, struct err *err);

#endif
