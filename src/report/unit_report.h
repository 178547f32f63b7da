/*
 * unit_report.h — a unit's own periodic report (issue 6).
 *
 * For a period of the reform cycle ("2026-Q1", "2026-H1", "2026-9M",
 * "2026") each unit writes one report: the figures are pre-filled from
 * the periodic report computation for that unit (its counts by status and
 * rates, per field, and its indicators), the unit adds narrative per field
 * (field code -> text), difficulties and proposals, and submits it; a
 * reviewer (a lead agency) returns it with comments or accepts it.  It is
 * due the period's last day plus the `unit_report` rule's grace_days;
 * the periodic report names units whose report is missing or was late.
 *
 * Permissions (auth.c): ACT_UNIT_REPORT for writing and submitting (the
 * unit's own officers and head), ACT_REVIEW_UNIT_REPORT for return and
 * accept, ACT_READ_UNIT_REPORT for reading.  Results are new JSON objects
 * the caller owns: the stored row with figures and narrative parsed, plus
 * "late_days" (after submission) and "may" (what the asker may do now).
 */
#ifndef CCHC_UNIT_REPORT_H
#define CCHC_UNIT_REPORT_H
#include <jansson.h>
#include <stdint.h>

#include "base/err.h"
#include "domain/tracker.h"

/* The unit's report for period; a draft with the figures pre-filled is
 * created the first time someone who may write it opens it (others get
 * ERR_NOT_FOUND until then). */
json_t *unit_report_open(struct tracker *tr, int64_t unit_id, const char *period, struct err *err);
/* body: {"narrative": {FIELD_CODE: text, ...}, "difficulties", "proposals"},
 * each optional; narrative keys must be field codes.  Only a draft or a
 * returned report (ERR_CONFLICT otherwise). */
enum err_code unit_report_edit(struct tracker *tr, int64_t unit_id, const char *period, json_t *body,
			       json_t **out, struct err *err);
/* Submits (the figures taken again now); ERR_CONFLICT unless draft or returned. */
enum err_code unit_report_submit(struct tracker *tr, int64_t unit_id, const char *period, json_t **out,
				 struct err *err);
/* body: {"comments": text} (required).  ERR_CONFLICT unless submitted. */
enum err_code unit_report_return(struct tracker *tr, int64_t unit_id, const char *period, json_t *body,
				 json_t **out, struct err *err);
/* body may be NULL or {"comments": text}.  ERR_CONFLICT unless submitted. */
enum err_code unit_report_accept(struct tracker *tr, int64_t unit_id, const char *period, json_t *body,
				 json_t **out, struct err *err);
/*
 * The units expected to report for period (those with work or indicators
 * in the period's report) and any other unit that opened one, each with
 * "state": missing, draft, submitted, returned or accepted, its deadline,
 * "late_days" and "overdue" (not submitted and past the deadline today).
 * state (NULL: all) keeps one state, or "late" the overdue and the late.
 * Only units whose reports the asker may read are listed.
 */
json_t *unit_report_list(struct tracker *tr, const char *period, const char *state, struct err *err);

#endif
