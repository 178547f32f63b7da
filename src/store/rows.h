/*
 * rows.h — the store's row types, part of store.h: the records callers
 * hand to its writes, and the fixed-shape facts it hands back to caches.
 * Other reads come back as jansson objects (one per row, keys named as in
 * docs/api.md), so that the API and the CLI render what the domain returns
 * without copying it into structs first.  Strings in these structs are
 * borrowed from the caller.
 */
#ifndef CCHC_STORE_ROWS_H
#define CCHC_STORE_ROWS_H
#include <stddef.h>
#include <stdint.h>

enum recurrence { REC_ONCE, REC_MONTHLY, REC_QUARTERLY, REC_SEMIANNUAL, REC_YEARLY, REC_ONGOING };

struct assignment_new {
	int64_t unit_id;
	char period[12];	/* "" for a one-off task, "2026-Q1", "2026-03", ... */
	char deadline[11];	/* YYYY-MM-DD */
};

struct task_new {
	int64_t document_id;
	int64_t field_id;	/* 0: no field */
	const char *section, *title, *description, *product, *deadline;
	enum recurrence recurrence;
	int year;
	const int64_t *lead, *coop;
	size_t nlead, ncoop;
	const struct assignment_new *asg;
	size_t nasg;
};

/* The columns PATCH /tasks/{id} may change; NULL leaves a column alone. */
struct task_patch {
	const char *title, *description, *product, *section;
	int64_t field_id;	/* 0: unchanged */
};

struct evidence_new {
	char sha256[65];
	const char *filename, *mime;
	int64_t size;
};

struct report_new {
	int64_t assignment_id;
	int percent;
	const char *note, *completed_on, *reported_on, *request_key;
	const char *reporter;		/* the author: the account that reports */
	const char *reporter_note;	/* a name the client gave, for display; or NULL */
	const struct evidence_new *ev;
	size_t nev;
	const char *confirmed_by;	/* a head's own completion: confirmed at once; or NULL */
};

struct unit_new {
	const char *code, *name, *short_name, *kind, *parent_code, *head_name, *head_title;
};

struct document_new {
	const char *type, *number, *symbol, *title, *issued_on, *body, *issuer_code;
	int year, is_demo;
	const char *source_name;	/* uploaded file's name, or NULL */
};

/* A document read from its text, waiting for review (issue 4).  parsed and
 * draft are JSON texts; source_kind is "text", "txt", "docx" or "pdf". */
struct draft_new {
	const char *source_name, *source_kind, *text, *parsed, *draft;
};

struct indicator_new {
	int64_t document_id, field_id;
	const char *code, *name, *measure, *comparison;
	double target, baseline;
	int has_baseline, is_sample;
};

struct measurement_new {
	int64_t indicator_id, unit_id;
	const char *period, *period_end, *reported_by;
	double value;
};

/* The facts that decide an assignment's status, as the tally caches them. */
struct assignment_facts {
	int64_t id, task_id, unit_id, field_id, rev;
	int32_t deadline, first_report_on, completed_on;	/* day numbers or DATE_NONE */
};

/* A feedback as received (issue 17): strings borrowed for the call; the
 * dates are "YYYY-MM-DD"; source_hash may be NULL (entered by officials). */
struct feedback_new {
	const char *code, *channel, *procedure_name, *unit_concerned, *content, *proposal;
	const char *sender_name, *sender_address, *sender_phone, *sender_email;
	int consent_publish;
	const char *source_hash;
	int64_t receiving_unit_id;
	const char *received_on, *classify_due, *answer_due, *by;
};

/* The PAR index (issue 14): one node of a criteria set, borrowed strings. */
struct par_node_new {
	const char *code, *parent_code;	/* parent_code NULL at the top */
	const char *name, *rule, *rule_params, *evidence, *scored_by;
	int level;			/* 1 field, 2 criterion, 3 sub-criterion */
	double max_points;
};

struct par_set_new {
	int year, is_example;
	const char *kind, *name, *note, *bands;	/* bands: JSON text or NULL */
	int64_t copied_from;		/* 0: none */
	const struct par_node_new *nodes;
	size_t nnodes;
	const char *by;
};

/* A stored score as the results read it (NULL self points read as 0). */
struct par_score_row {
	int64_t assessment_id, node_id;
	double self_points, appraised_points;
	int appraised;		/* appraised_points was given */
};

/* Points for one leaf: self (with a note) or appraised (with a reason). */
struct par_score_set {
	int64_t node_id;
	double points;
	const char *text;
};

/* Inspections (issue 15). */
struct inspection_plan_new {
	int year;
	const char *kind;		/* "inspection" or "self" */
	int64_t inspecting_unit_id;
	const char *title, *document_ref, *by;
	double target_share;
};

struct inspection_new {
	int64_t plan_id;
	const char *title, *team;	/* team: a JSON array of names */
	const char *planned_from, *planned_to, *by;
	const int64_t *units, *fields;
	size_t nunits, nfields;
};

/* A finding and the task that remedies it (t names the unit and one
 * assignment). */
struct finding_new {
	int64_t inspection_id, unit_id, field_id;
	const char *severity, *content, *recommendation, *deadline, *by;
	int due_workdays;
	const struct task_new *task;
};

/* Discipline cases (issue 15). */
struct discipline_case_new {
	int64_t unit_id;
	const char *person_name, *position, *grp, *act, *severity;
	const char *occurred_on, *discovered_on, *decision_due, *extension_reason, *by;
	int is_leader;
	const int64_t *findings, *tasks;	/* the findings and tasks behind it */
	size_t nfindings, ntasks;
	const char *limitation_kind, *limitation_until;	/* until NULL: no limitation */
	const struct discipline_restart *restarts;	/* earlier cases whose limitation restarts */
	size_t nrestarts;
};

/* A case whose limitation (thời hiệu) a new violation restarts: its new last day. */
struct discipline_restart {
	int64_t case_id;
	char until[11];
};

/* One step of a case's procedure: status "reviewed", "council" or
 * "decided" (the decision's number, issuer and form only then). */
struct discipline_step {
	const char *status, *from_status, *on, *note;
	const char *number, *issuer, *form;
	const char *limitation_override;	/* a decision after the limitation: why */
};

/* PAR evidence (issue 14): a file (sha256 .. size) or a link (kind task,
 * report or document with ref_id). */
struct par_evidence_new {
	int64_t assessment_id, node_id;
	const char *kind;
	const struct evidence_new *file;	/* kind "file" */
	int64_t ref_id;				/* the others */
	const char *note, *by;
};
/* The unit's decision on a proposed score. */
struct par_proposal_decision {
	int64_t node_id;
	double proposed, points;
	const char *basis, *decision, *reason;
};

/* PAR index files (issue 14): a survey result for one leaf of one
 * assessment, written as the unit's points with note. */
struct par_survey_point {
	int64_t assessment_id, node_id;
	double points;
};

/* The PAR workflow (issue 14): an appraiser's question (node_id 0: about
 * the whole assessment) and a unit's answer; borrowed strings. */
struct par_question {
	int64_t node_id;
	const char *text;
};

struct par_answer {
	int64_t explanation_id;
	const char *text;
};

/* A case paused, resumed or exempted (0016).  For a resumption,
 * decision_due is the limit moved by days. */
struct discipline_event {
	const char *kind, *on, *reason, *note, *decision_due, *by;
	int64_t days;
};

/* Whose uploaded document: a discipline case's or an inspection's. */
enum case_document_owner { DOC_DISCIPLINE_CASE, DOC_INSPECTION };

#endif
