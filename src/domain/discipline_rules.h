/*
 * discipline_rules.h — what discipline.c and discipline_rules.c share
 * (issue 15): whose a case is, the forms open to an official, the statute
 * of limitations (thời hiệu), pausing, resuming and exempting a case, and
 * what is computed for a case on reading (flags, the repeat rule's
 * suggestion, its events and documents).
 */
#ifndef CCHC_DISCIPLINE_RULES_H
#define CCHC_DISCIPLINE_RULES_H
#include <jansson.h>
#include <stdbool.h>

#include "base/date.h"
#include "domain/tracker.h"

/* The case row (*row, caller frees) once who may see it (ACT_DISCIPLINE_READ),
 * the look recorded with shown (JSON text); a refused look is recorded too. */
enum err_code discipline_case_seen(struct tracker *tr, int64_t id, const char *shown, json_t **row,
				   struct err *err);
/* body's "on" for a step of case row: a date, not after today nor before
 * the discovery. */
enum err_code discipline_on_date(json_t *row, json_t *body, char on[DATE_STRLEN], struct err *err);
/* The permission target of a case of unit_id. */
struct permit_target discipline_case_target(struct tracker *tr, int64_t unit_id);
/* The forms of discipline_form open to an official of grp (a leader or
 * not) on day `on`, lightest first; a new array. */
json_t *discipline_forms_for(struct tracker *tr, const char *grp, bool leader, const char *on, struct err *err);

/*
 * The limitation of a new case: body's limitation_kind (khien_trach,
 * other, or a kind with none), by default khien_trach for a minor
 * severity and other for the rest; *kind gets a new string, *years those
 * of discipline_limitation for grp on the discovery, or -1 for none.
 */
enum err_code discipline_limitation_of(struct tracker *tr, json_t *body, const char *grp, const char *severity,
				       const char *discovered, char **kind, int *years, struct err *err);

/* One violation's limitation clock (thời hiệu). */
struct limitation_clock {
	int64_t case_id;	/* 0: a violation not stored yet */
	const char *occurred;	/* the day of the violation */
	const char *closed;	/* the decision or exemption, or NULL while open */
	int years;		/* < 0: no limitation */
	const char *stored;	/* the last day stored, NULL for none */
	char until[DATE_STRLEN];	/* out: the last day, "" for none */
};
/*
 * The limitations of one person's violations c[0..n), sorted by occurred:
 * each runs `years` from its violation, and a later violation within it
 * (and not after the case was closed) restarts it from that day (NĐ
 * 112/2020 as amended by NĐ 71/2023).
 */
void discipline_limitation_run(struct limitation_clock *c, size_t n);
/*
 * The limitation of a new violation of person_name in unit_id on
 * `occurred` with `years` (-1: none) into until ("" for none), and the
 * person's earlier cases it restarts (*restarts, caller frees, *n of them).
 */
enum err_code discipline_limitation_restarts(struct tracker *tr, int64_t unit_id, const char *person_name,
					     const char *occurred, int years, char until[DATE_STRLEN],
					     struct discipline_restart **restarts, size_t *n, struct err *err);
/* Whether step names pause, resume or exempt. */
bool discipline_event_step(const char *step);
/* Pauses ({step: pause, on, reason: illness|maternity|prosecution, note?}),
 * resumes ({step: resume, on, note?}: decision_due moves by the days
 * paused) or exempts ({step: exempt, on, reason, note}) the case row
 * (who may act on it already checked). */
enum err_code discipline_case_event(struct tracker *tr, int64_t id, json_t *row, json_t *body, struct err *err);
/* Why a step of the procedure may not be taken now (paused, exempt, a
 * decision after the limitation without limitation_override): ERR_OK or
 * the error. */
enum err_code discipline_step_allowed(json_t *row, bool decision, const char *on, const char *override,
				      struct err *err);
/* Adds to a case row read for showing: paused, exempt, decision_overdue,
 * decided_late, limitation_passed. */
void discipline_flags(json_t *row);
/* Adds events, documents and suggested_form (the repeat rule) to one case. */
enum err_code discipline_case_details(struct tracker *tr, json_t *row, struct err *err);

#endif
