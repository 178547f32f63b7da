/*
 * api.h — the JSON API's handlers (one file per resource group) and the
 * query-string readers they share.  Each handler parses its inputs, makes
 * one domain call and renders the result.
 */
#ifndef CCHC_API_H
#define CCHC_API_H
#include "http/http.h"

/* The domain as the signed-in principal sees it. */
#define TRACKER(rq) (&(rq)->tracker)

/* Query readers: each returns 0 and fills *out, or fills rs with a 400
 * error naming the parameter and returns -1. */
int q_date(struct http_req *rq, struct http_resp *rs, const char *name, int32_t *out);	/* default today */
int q_unit(struct http_req *rq, struct http_resp *rs, const char *name, int64_t *out);	/* id or code; 0 absent */
int q_field(struct http_req *rq, struct http_resp *rs, const char *name, int64_t *out);
int q_int(struct http_req *rq, struct http_resp *rs, const char *name, int64_t min, int64_t max,
	  int64_t dflt, int64_t *out);
/* The {id} path segment as a positive integer; fills a 404 otherwise. */
int path_id(struct http_req *rq, struct http_resp *rs, int64_t *out);
/* The unit the {name} path segment names (id or code); fills a 404 otherwise. */
int path_unit(struct http_req *rq, struct http_resp *rs, const char *name, int64_t *unit);
/* Renders a domain result: j, or err's error when j is NULL. */
void reply(struct http_resp *rs, json_t *j, const struct err *err);

void api_units(struct http_req *rq, struct http_resp *rs);
void api_unit(struct http_req *rq, struct http_resp *rs);
void api_fields(struct http_req *rq, struct http_resp *rs);
void api_plans(struct http_req *rq, struct http_resp *rs);
void api_plan(struct http_req *rq, struct http_resp *rs);
void api_plan_create(struct http_req *rq, struct http_resp *rs);
void api_indicator_create(struct http_req *rq, struct http_resp *rs);
void api_indicators(struct http_req *rq, struct http_resp *rs);
void api_indicator(struct http_req *rq, struct http_resp *rs);
void api_measurements(struct http_req *rq, struct http_resp *rs);
void api_measurement_add(struct http_req *rq, struct http_resp *rs);
void api_tasks(struct http_req *rq, struct http_resp *rs);
void api_task_create(struct http_req *rq, struct http_resp *rs);
void api_task(struct http_req *rq, struct http_resp *rs);
void api_task_patch(struct http_req *rq, struct http_resp *rs);
void api_assignments(struct http_req *rq, struct http_resp *rs);
void api_assignment(struct http_req *rq, struct http_resp *rs);
void api_reports(struct http_req *rq, struct http_resp *rs);
void api_report_add(struct http_req *rq, struct http_resp *rs);
void api_report_confirm(struct http_req *rq, struct http_resp *rs);
void api_evidence(struct http_req *rq, struct http_resp *rs);
void api_dashboard(struct http_req *rq, struct http_resp *rs);
void api_health(struct http_req *rq, struct http_resp *rs);
void api_login(struct http_req *rq, struct http_resp *rs);
void api_whoami(struct http_req *rq, struct http_resp *rs);
void api_logout(struct http_req *rq, struct http_resp *rs);
void api_history(struct http_req *rq, struct http_resp *rs);
void api_audit_export(struct http_req *rq, struct http_resp *rs);
/* Issue 5: api_calendar.c and api_notify.c. */
void api_overrides(struct http_req *rq, struct http_resp *rs);
void api_override_add(struct http_req *rq, struct http_resp *rs);
void api_override_delete(struct http_req *rq, struct http_resp *rs);
void api_holidays(struct http_req *rq, struct http_resp *rs);
void api_notifications(struct http_req *rq, struct http_resp *rs);
void api_notification_read(struct http_req *rq, struct http_resp *rs);
void api_contacts(struct http_req *rq, struct http_resp *rs);
void api_contact_add(struct http_req *rq, struct http_resp *rs);
void api_contact_delete(struct http_req *rq, struct http_resp *rs);
/* api_documents.c: documents read from their text (issue 4). */
void api_document_create(struct http_req *rq, struct http_resp *rs);
void api_documents(struct http_req *rq, struct http_resp *rs);
void api_document(struct http_req *rq, struct http_resp *rs);
void api_drafts(struct http_req *rq, struct http_resp *rs);
void api_draft(struct http_req *rq, struct http_resp *rs);
void api_draft_update(struct http_req *rq, struct http_resp *rs);
void api_draft_confirm(struct http_req *rq, struct http_resp *rs);
void api_draft_discard(struct http_req *rq, struct http_resp *rs);
/* api_reports.c: periodic reports (issue 6). */
void api_period_report(struct http_req *rq, struct http_resp *rs);
void api_period_report_chart(struct http_req *rq, struct http_resp *rs);
void api_report_rules(struct http_req *rq, struct http_resp *rs);
void api_report_rules_put(struct http_req *rq, struct http_resp *rs);
/* api_unit_reports.c: units' own periodic reports (issue 6). */
void api_unit_report(struct http_req *rq, struct http_resp *rs);
void api_unit_report_edit(struct http_req *rq, struct http_resp *rs);
void api_unit_report_submit(struct http_req *rq, struct http_resp *rs);
void api_unit_report_return(struct http_req *rq, struct http_resp *rs);
void api_unit_report_accept(struct http_req *rq, struct http_resp *rs);
void api_unit_reports(struct http_req *rq, struct http_resp *rs);
/* api_inspections.c: inspections, findings and their verification (issue 15). */
void api_inspection_plans(struct http_req *rq, struct http_resp *rs);
void api_inspection_plan_create(struct http_req *rq, struct http_resp *rs);
void api_inspection_plan(struct http_req *rq, struct http_resp *rs);
void api_inspections(struct http_req *rq, struct http_resp *rs);
void api_inspection_create(struct http_req *rq, struct http_resp *rs);
void api_inspection(struct http_req *rq, struct http_resp *rs);
void api_inspection_start(struct http_req *rq, struct http_resp *rs);
void api_inspection_conclude(struct http_req *rq, struct http_resp *rs);
void api_finding_create(struct http_req *rq, struct http_resp *rs);
void api_findings(struct http_req *rq, struct http_resp *rs);
void api_finding_verify(struct http_req *rq, struct http_resp *rs);
void web_index(struct http_req *rq, struct http_resp *rs);
void web_static(struct http_req *rq, struct http_resp *rs);

#endif
