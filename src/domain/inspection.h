/*
 * inspection.h — inspections of the reform (kiểm tra CCHC, issue 15).
 *
 * An inspecting unit (Sở Nội vụ, the PPC Office, the provincial
 * inspectorate, or an agency leading a reform field: inspection_body and
 * the fields table) makes a yearly plan; a unit may also plan a
 * self-inspection of itself and the units under it.  Each inspection of a
 * plan names its team, its dates, its scope (units and fields) and moves
 * planned -> in_progress -> concluded; concluding stores the conclusion
 * notice (Thông báo kết luận kiểm tra) as a document of type TB.
 *
 * A finding is a shortcoming of one unit in the scope, in one of the
 * scope's fields, with a severity (finding_severity), a recommendation and
 * a deadline of N working days after the conclusion.  It is remedied as a
 * task of the conclusion notice with one assignment of that unit, so it
 * is reported on, counted, shown on the dashboard and reminded of like
 * any other work.  The inspecting unit then verifies the completed
 * remediation: accepted, or returned with a reason (the assignment opens
 * again); a unit never verifies its own.
 *
 * Permission: ACT_INSPECT over the inspecting unit for every write,
 * ACT_READ for the reads.  Results are new JSON values the caller owns.
 */
#ifndef CCHC_INSPECTION_H
#define CCHC_INSPECTION_H
#include <jansson.h>
#include <stdint.h>

#include "base/err.h"
#include "domain/tracker.h"

/* Plans of year (0: all), each with its coverage. */
json_t *inspection_plans(struct tracker *tr, int year, struct err *err);
/* body: {year, inspecting_unit (code or id), title, kind?: "inspection" |
 * "self", document_ref?, target_share? (0 < x <= 1; default the
 * coverage_target setting)}. */
enum err_code inspection_plan_create(struct tracker *tr, json_t *body, json_t **out, struct err *err);
/* The plan with "coverage" {units_total, units_planned, units_inspected,
 * share, planned_share, target_share, target_met} and its inspections. */
json_t *inspection_plan(struct tracker *tr, int64_t id, struct err *err);

/* Inspections (0 / NULL: any plan, inspected unit, status). */
json_t *inspection_list(struct tracker *tr, int64_t plan_id, int64_t unit_id, const char *status,
			struct err *err);
/* body: {plan_id, title, team: [names], units: [codes or ids], fields:
 * [codes or ids], planned_from, planned_to}. */
enum err_code inspection_create(struct tracker *tr, json_t *body, json_t **out, struct err *err);
/* The inspection with its units, fields and findings. */
json_t *inspection_get(struct tracker *tr, int64_t id, struct err *err);
/* body may be NULL or {started_on?} (default today). */
enum err_code inspection_start(struct tracker *tr, int64_t id, json_t *body, json_t **out, struct err *err);
/* body: {conclusion, concluded_on? (default today), number?, symbol?}. */
enum err_code inspection_conclude(struct tracker *tr, int64_t id, json_t *body, json_t **out,
				  struct err *err);

/* body: {unit, field, severity, content, recommendation, due_workdays}. */
enum err_code finding_create(struct tracker *tr, int64_t inspection_id, json_t *body, json_t **out,
			     struct err *err);
/* Findings (0 / NULL: any unit, status), each with "remediation_status",
 * its assignment's status today. */
json_t *finding_list(struct tracker *tr, int64_t unit_id, const char *status, struct err *err);
/* body: {decision: "accepted" | "returned", reason (required to return)}. */
enum err_code finding_verify(struct tracker *tr, int64_t id, json_t *body, json_t **out, struct err *err);

/* ERR_INVALID on "severity" unless severity is a code of finding_severity
 * (the scale findings and discipline cases share). */
enum err_code finding_severity_known(struct tracker *tr, const char *severity, struct err *err);

/*
 * The yearly summary (inspection_summary.c) as of day as_of (DATE_NONE:
 * today, or 31 December of a year gone by): {year, as_of, coverage
 * {units_total, units_planned, units_inspected, share, planned_share,
 * target_share, target_met}, inspections {total, planned, in_progress,
 * concluded, self}, plans [...], findings {findings, remediated_on_time,
 * remediated_late, open, awaiting_verification, open_overdue}, by_field,
 * by_severity, by_unit [{code, name, and the same counts}], discipline
 * (discipline_counts: per unit, never names)}.  ACT_READ.
 */
json_t *inspection_summary(struct tracker *tr, int year, int32_t as_of, struct err *err);

/* The demo's 2026 inspections (inspection_demo.c), loaded by demo_load
 * after its tasks and progress. */
enum err_code inspection_demo_load(struct tracker *tr, struct err *err);

/* The inspection (*row, caller frees) once who may act for its
 * inspecting unit (ACT_INSPECT). */
enum err_code inspection_for_step(struct tracker *tr, int64_t id, json_t **row, struct err *err);

#endif
