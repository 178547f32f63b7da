/*
 * routes.c — every URL the server answers, in one table, and the matcher.
 * Each entry: method, pattern, handler, body kind, the action checked with
 * auth_may before the body is read (the coarse check; the domain function
 * checks the target) and whether signing in is needed.  docs/api.md
 * documents every entry; tests/unit/t_routes.c holds both to that.
 */
#include "base/base.h"
#include "api/api.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static const struct route routes[] = {
	{"GET", "/", web_index, BODY_NONE, ACT_READ, ROUTE_PUBLIC},
	{"GET", "/static/{name}", web_static, BODY_NONE, ACT_READ, ROUTE_PUBLIC},
	{"GET", "/api/v1/health", api_health, BODY_NONE, ACT_READ, ROUTE_PUBLIC},
	{"POST", "/api/v1/session", api_login, BODY_JSON, ACT_READ, ROUTE_PUBLIC},
	{"GET", "/api/v1/session", api_whoami, BODY_NONE, ACT_READ, ROUTE_PUBLIC},
	{"DELETE", "/api/v1/session", api_logout, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/audit", api_history, BODY_NONE, ACT_AUDIT_READ, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/audit/export", api_audit_export, BODY_NONE, ACT_AUDIT_EXPORT, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/units", api_units, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/units/{id}", api_unit, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/fields", api_fields, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/plans", api_plans, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/plans", api_plan_create, BODY_JSON, ACT_WRITE_PLAN, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/plans/{id}", api_plan, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/indicators", api_indicators, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/indicators", api_indicator_create, BODY_JSON, ACT_WRITE_INDICATOR,
	 ROUTE_SIGNED_IN},
	{"GET", "/api/v1/indicators/{id}", api_indicator, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/indicators/{id}/measurements", api_measurements, BODY_NONE, ACT_READ,
	 ROUTE_SIGNED_IN},
	{"POST", "/api/v1/indicators/{id}/measurements", api_measurement_add, BODY_JSON, ACT_MEASURE,
	 ROUTE_SIGNED_IN},
	{"GET", "/api/v1/tasks", api_tasks, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/tasks", api_task_create, BODY_JSON, ACT_WRITE_TASK, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/tasks/{id}", api_task, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"PATCH", "/api/v1/tasks/{id}", api_task_patch, BODY_JSON, ACT_WRITE_TASK, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/assignments", api_assignments, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/assignments/{id}", api_assignment, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/assignments/{id}/reports", api_reports, BODY_NONE, ACT_READ_REPORTS,
	 ROUTE_SIGNED_IN},
	{"POST", "/api/v1/assignments/{id}/reports", api_report_add, BODY_JSON_OR_UPLOAD, ACT_REPORT,
	 ROUTE_SIGNED_IN},
	{"POST", "/api/v1/progress-reports/{id}/confirm", api_report_confirm, BODY_NONE, ACT_CONFIRM,
	 ROUTE_SIGNED_IN},
	{"GET", "/api/v1/evidence/{sha256}", api_evidence, BODY_NONE, ACT_READ_REPORTS, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/dashboard", api_dashboard, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	/* Issue 6: periodic reports, their charts and the rules behind them. */
	{"GET", "/api/v1/reports/{period}", api_period_report, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/reports/{period}/charts/{name}", api_period_report_chart, BODY_NONE, ACT_READ,
	 ROUTE_SIGNED_IN},
	{"GET", "/api/v1/report-rules", api_report_rules, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"PUT", "/api/v1/report-rules", api_report_rules_put, BODY_JSON, ACT_CONFIGURE, ROUTE_SIGNED_IN},
	/* Issue 6: units' own periodic reports. */
	{"GET", "/api/v1/units/{unit}/reports/{period}", api_unit_report, BODY_NONE, ACT_READ_UNIT_REPORT,
	 ROUTE_SIGNED_IN},
	{"PUT", "/api/v1/units/{unit}/reports/{period}", api_unit_report_edit, BODY_JSON, ACT_UNIT_REPORT,
	 ROUTE_SIGNED_IN},
	{"POST", "/api/v1/units/{unit}/reports/{period}/submit", api_unit_report_submit, BODY_NONE,
	 ACT_UNIT_REPORT, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/units/{unit}/reports/{period}/return", api_unit_report_return, BODY_JSON,
	 ACT_REVIEW_UNIT_REPORT, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/units/{unit}/reports/{period}/accept", api_unit_report_accept, BODY_JSON,
	 ACT_REVIEW_UNIT_REPORT, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/unit-reports", api_unit_reports, BODY_NONE, ACT_READ_UNIT_REPORT, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/documents", api_documents, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/documents", api_document_create, BODY_JSON_OR_FILE, ACT_WRITE_TASK,
	 ROUTE_SIGNED_IN},
	{"GET", "/api/v1/documents/{id}", api_document, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/drafts", api_drafts, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/drafts/{id}", api_draft, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"PUT", "/api/v1/drafts/{id}", api_draft_update, BODY_JSON, ACT_WRITE_TASK, ROUTE_SIGNED_IN},
	{"DELETE", "/api/v1/drafts/{id}", api_draft_discard, BODY_NONE, ACT_WRITE_TASK, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/drafts/{id}/confirm", api_draft_confirm, BODY_NONE, ACT_WRITE_TASK,
	 ROUTE_SIGNED_IN},
	/* Issue 5: the working-day calendar, notifications, mail contacts. */
	{"GET", "/api/v1/calendar/overrides", api_overrides, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/calendar/overrides", api_override_add, BODY_JSON, ACT_CONFIGURE, ROUTE_SIGNED_IN},
	{"DELETE", "/api/v1/calendar/overrides/{date}", api_override_delete, BODY_NONE, ACT_CONFIGURE,
	 ROUTE_SIGNED_IN},
	{"GET", "/api/v1/calendar/holidays", api_holidays, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/notifications", api_notifications, BODY_NONE, ACT_READ_REPORTS, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/notifications/{id}/read", api_notification_read, BODY_NONE, ACT_READ_REPORTS,
	 ROUTE_SIGNED_IN},
	{"GET", "/api/v1/units/{id}/contacts", api_contacts, BODY_NONE, ACT_READ_REPORTS, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/units/{id}/contacts", api_contact_add, BODY_JSON, ACT_CONFIGURE, ROUTE_SIGNED_IN},
	{"DELETE", "/api/v1/contacts/{id}", api_contact_delete, BODY_NONE, ACT_CONFIGURE, ROUTE_SIGNED_IN},
	/* Issue 17: citizens' feedback; the public's side needs no account. */
	{"POST", "/public/feedback", api_feedback_submit, BODY_JSON_OR_FORM_UPLOAD, ACT_READ, ROUTE_PUBLIC},
	/* Before {code}, which would take "challenge" for a tracking code. */
	{"GET", "/public/feedback/challenge", api_feedback_challenge, BODY_NONE, ACT_READ, ROUTE_PUBLIC},
	{"GET", "/public/feedback/{code}", api_feedback_public, BODY_NONE, ACT_READ, ROUTE_PUBLIC},
	{"POST", "/public/feedback/{code}/rating", api_feedback_rate, BODY_JSON, ACT_READ, ROUTE_PUBLIC},
	{"GET", "/api/v1/feedback", api_feedback_list, BODY_NONE, ACT_FEEDBACK_READ, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/feedback", api_feedback_intake, BODY_JSON, ACT_FEEDBACK_RECEIVE, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/feedback/stats", api_feedback_stats, BODY_NONE, ACT_FEEDBACK_READ, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/feedback/settings", api_feedback_settings, BODY_NONE, ACT_FEEDBACK_READ, ROUTE_SIGNED_IN},
	{"PUT", "/api/v1/feedback/settings", api_feedback_settings_put, BODY_JSON, ACT_CONFIGURE, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/feedback/{id}", api_feedback_item, BODY_NONE, ACT_FEEDBACK_READ, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/feedback/{id}/classify", api_feedback_step, BODY_JSON, ACT_FEEDBACK_RECEIVE,
	 ROUTE_SIGNED_IN},
	{"POST", "/api/v1/feedback/{id}/answer", api_feedback_step, BODY_JSON, ACT_FEEDBACK_ANSWER, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/feedback/{id}/approve", api_feedback_step, BODY_NONE, ACT_FEEDBACK_APPROVE,
	 ROUTE_SIGNED_IN},
	{"POST", "/api/v1/feedback/{id}/extend", api_feedback_step, BODY_JSON, ACT_FEEDBACK_RECEIVE, ROUTE_SIGNED_IN},
	/* Issue 14: the PAR index. */
	{"GET", "/api/v1/par/sets", api_par_sets, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/par/sets", api_par_set_import, BODY_JSON, ACT_PAR_SETS, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/par/sets/{id}", api_par_set, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/par/sets/{id}/copy", api_par_set_copy, BODY_JSON, ACT_PAR_SETS, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/par/assessments", api_par_assessments, BODY_NONE, ACT_PAR_READ, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/par/assessments", api_par_assessment_open, BODY_JSON, ACT_PAR_SCORE, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/par/assessments/{id}", api_par_assessment, BODY_NONE, ACT_PAR_READ, ROUTE_SIGNED_IN},
	{"PUT", "/api/v1/par/assessments/{id}/scores", api_par_scores, BODY_JSON, ACT_PAR_SCORE, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/par/assessments/{id}/submit", api_par_submit, BODY_NONE, ACT_PAR_SUBMIT,
	 ROUTE_SIGNED_IN},
	{"POST", "/api/v1/par/assessments/{id}/appraise", api_par_appraise, BODY_JSON, ACT_PAR_APPRAISE,
	 ROUTE_SIGNED_IN},
	{"GET", "/api/v1/par/results", api_par_results, BODY_NONE, ACT_PAR_READ, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/par/assessments/{id}/proposals", api_par_proposals, BODY_NONE, ACT_PAR_READ,
	 ROUTE_SIGNED_IN},
	{"POST", "/api/v1/par/assessments/{id}/proposals", api_par_proposal_decide, BODY_JSON, ACT_PAR_SCORE,
	 ROUTE_SIGNED_IN},
	{"GET", "/api/v1/par/assessments/{id}/evidence", api_par_evidence, BODY_NONE, ACT_PAR_READ, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/par/assessments/{id}/evidence", api_par_evidence_add, BODY_JSON_OR_UPLOAD, ACT_PAR_SCORE,
	 ROUTE_SIGNED_IN},
	{"DELETE", "/api/v1/par/assessments/{id}/evidence/{eid}", api_par_evidence_remove, BODY_NONE, ACT_PAR_SCORE,
	 ROUTE_SIGNED_IN},
	/* Issue 15: inspections, findings and their verification. */
	{"GET", "/api/v1/inspection-plans", api_inspection_plans, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/inspection-plans", api_inspection_plan_create, BODY_JSON, ACT_INSPECT, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/inspection-plans/{id}", api_inspection_plan, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/inspections", api_inspections, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/inspections", api_inspection_create, BODY_JSON, ACT_INSPECT, ROUTE_SIGNED_IN},
	/* Before {id}: the first route that matches serves. */
	{"GET", "/api/v1/inspections/summary", api_inspection_summary, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/inspections/{id}", api_inspection, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/inspections/{id}/start", api_inspection_start, BODY_JSON, ACT_INSPECT, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/inspections/{id}/conclude", api_inspection_conclude, BODY_JSON, ACT_INSPECT,
	 ROUTE_SIGNED_IN},
	{"POST", "/api/v1/inspections/{id}/findings", api_finding_create, BODY_JSON, ACT_INSPECT, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/findings", api_findings, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/findings/{id}/verify", api_finding_verify, BODY_JSON, ACT_INSPECT, ROUTE_SIGNED_IN},
	/* Issue 15: discipline cases.  Reads are checked (and recorded) in the domain. */
	{"GET", "/api/v1/discipline-cases", api_discipline_cases, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/discipline-cases", api_discipline_case_create, BODY_JSON, ACT_DISCIPLINE, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/discipline-cases/{id}", api_discipline_case, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/discipline-cases/{id}/steps", api_discipline_case_step, BODY_JSON, ACT_DISCIPLINE,
	 ROUTE_SIGNED_IN},
	{"GET", "/api/v1/discipline-forms", api_discipline_forms, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/discipline-counts", api_discipline_counts, BODY_NONE, ACT_READ, ROUTE_SIGNED_IN},
	/* Issue 19: for operators; /metrics answers loopback or its token only. */
	{"GET", "/healthz", api_healthz, BODY_NONE, ACT_READ, ROUTE_PUBLIC},
	{"GET", "/readyz", api_readyz, BODY_NONE, ACT_READ, ROUTE_PUBLIC},
	{"GET", "/metrics", api_metrics, BODY_NONE, ACT_READ, ROUTE_PUBLIC},
	/* Issue 19: the API contract, as data and as a page. */
	{"GET", "/api/v1/openapi.json", api_openapi_json, BODY_NONE, ACT_READ, ROUTE_PUBLIC},
	{"GET", "/api/docs", api_docs_page, BODY_NONE, ACT_READ, ROUTE_PUBLIC},
	/* Issue 17: the public open-data page and its downloads. */
	{"GET", "/public/", api_public_page, BODY_NONE, ACT_READ, ROUTE_PUBLIC},
	{"GET", "/public/data.json", api_public_json, BODY_NONE, ACT_READ, ROUTE_PUBLIC},
	{"GET", "/public/data.csv", api_public_csv, BODY_NONE, ACT_READ, ROUTE_PUBLIC},
	{"GET", "/public/feed.atom", api_public_atom, BODY_NONE, ACT_READ, ROUTE_PUBLIC},
	{"POST", "/public/feedback/{code}", api_feedback_rate, BODY_JSON_OR_FORM, ACT_READ, ROUTE_PUBLIC},
	/* Issue 17: spam and duplicate marks by the PPC Office. */
	{"POST", "/api/v1/feedback/{id}/mark", api_feedback_step, BODY_JSON, ACT_FEEDBACK_RECEIVE, ROUTE_SIGNED_IN},
	/* Issue 20: the web UI's service worker, at the top so that it covers the site. */
	{"GET", "/sw.js", web_worker, BODY_NONE, ACT_READ, ROUTE_PUBLIC},
	/* Issue 14: the PAR index's files in and out. */
	{"POST", "/api/v1/par/sets/upload", api_par_set_upload, BODY_JSON_OR_FILE, ACT_PAR_SETS, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/par/assessments/{id}/sheet", api_par_sheet, BODY_NONE, ACT_PAR_READ, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/par/survey", api_par_survey, BODY_JSON_OR_FILE, ACT_PAR_SETS, ROUTE_SIGNED_IN},
	/* Issue 14: the PAR workflow after the submission, and set versions. */
	{"PUT", "/api/v1/par/sets/{id}", api_par_set_edit, BODY_JSON, ACT_PAR_SETS, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/par/assessments/{id}/take", api_par_take, BODY_NONE, ACT_PAR_APPRAISE, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/par/assessments/{id}/explain", api_par_explain, BODY_JSON, ACT_PAR_EXPLAIN,
	 ROUTE_SIGNED_IN},
	{"POST", "/api/v1/par/assessments/{id}/answer", api_par_answer, BODY_JSON, ACT_PAR_ANSWER, ROUTE_SIGNED_IN},
	{"POST", "/api/v1/par/assessments/{id}/approve", api_par_approve, BODY_NONE, ACT_PAR_APPROVE,
	 ROUTE_SIGNED_IN},
	{"POST", "/api/v1/par/assessments/{id}/reopen", api_par_reopen, BODY_JSON, ACT_PAR_REOPEN, ROUTE_SIGNED_IN},
	/* Issue 15 (0016): the decision of a case and the conclusion notice of an
	 * inspection as files; a case's download is checked and recorded in the domain. */
	{"POST", "/api/v1/discipline-cases/{id}/documents", api_discipline_document_add, BODY_JSON_OR_UPLOAD,
	 ACT_DISCIPLINE, ROUTE_SIGNED_IN},
	{"GET", "/api/v1/discipline-cases/{id}/documents/{doc}", api_discipline_document, BODY_NONE, ACT_READ,
	 ROUTE_SIGNED_IN},
	{"POST", "/api/v1/inspections/{id}/documents", api_inspection_document_add, BODY_JSON_OR_UPLOAD, ACT_INSPECT,
	 ROUTE_SIGNED_IN},
	{"GET", "/api/v1/inspections/{id}/documents/{doc}", api_inspection_document, BODY_NONE, ACT_READ,
	 ROUTE_SIGNED_IN},
	/* Issue 17 (0018): the files a sender attached, for the handling units only. */
	{"GET", "/api/v1/feedback/{id}/attachments", api_feedback_attachments, BODY_NONE, ACT_FEEDBACK_CONTACT,
	 ROUTE_SIGNED_IN},
	{"GET", "/api/v1/feedback/{id}/attachments/{attachment}", api_feedback_attachment, BODY_NONE,
	 ACT_FEEDBACK_CONTACT, ROUTE_SIGNED_IN},
};

/*
 * The matcher.  A pattern is literal segments and whole {name} segments.
 * The path is the one libmicrohttpd hands over: percent escapes already
 * decoded (an encoded "/" has become a separator), no query string.  A
 * literal segment matches its bytes exactly; a {name} segment matches one
 * non-empty segment, whatever bytes it holds except "/".  Nothing is
 * folded: "/api/v1/tasks/" (a trailing slash) and "/api/v1/tasks//reports"
 * (an empty segment) match no route.
 */
struct seg {
	const char *name, *value;
	size_t name_len, value_len;
};

/* Does path match pattern?  segs gets its {name} segments, *n their number. */
static bool match(const char *pattern, const char *path, struct seg segs[ROUTE_MAX_PARAMS], size_t *n)
{
	*n = 0;
	while (*pattern && *path) {
		if (*pattern == '{') {
			const char *close = strchr(pattern, '}');
			size_t len = strcspn(path, "/");
			if (!close || len == 0 || *n == ROUTE_MAX_PARAMS)
				return false;
			segs[(*n)++] = (struct seg){.name = pattern + 1, .name_len = (size_t)(close - pattern - 1),
						    .value = path, .value_len = len};
			path += len;
			pattern = close + 1;
			continue;
		}
		if (*pattern++ != *path++)
			return false;
	}
	return *pattern == 0 && *path == 0;
}

const struct route *route_find(const char *method, const char *path, struct route_params *params,
			       int *path_known)
{
	memset(params, 0, sizeof *params);
	*path_known = 0;
	for (size_t i = 0; i < ARRAY_LEN(routes); i++) {
		struct seg segs[ROUTE_MAX_PARAMS];
		size_t n;
		if (!match(routes[i].pattern, path, segs, &n))
			continue;
		/* HEAD is served as GET; libmicrohttpd drops the body. */
		int same = strcmp(routes[i].method, method) == 0 ||
			   (strcmp(method, "HEAD") == 0 && strcmp(routes[i].method, "GET") == 0);
		if (!same) {
			*path_known = 1;
			continue;
		}
		params->n = n;
		for (size_t k = 0; k < n; k++)
			params->p[k] = (struct route_param){.name = segs[k].name, .name_len = segs[k].name_len,
							    .value = xstrndup(segs[k].value, segs[k].value_len)};
		return &routes[i];
	}
	return NULL;
}

void route_params_release(struct route_params *params)
{
	for (size_t k = 0; k < params->n; k++)
		free(params->p[k].value);
	memset(params, 0, sizeof *params);
}

const char *route_param(const struct http_req *rq, const char *name)
{
	const struct route_params *params = rq->ctx ? &CALL(rq)->params : NULL;
	size_t len = strlen(name);
	for (size_t k = 0; params && k < params->n; k++)
		if (params->p[k].name_len == len && memcmp(params->p[k].name, name, len) == 0)
			return params->p[k].value;
	return NULL;
}

const struct route *route_table(size_t *n)
{
	*n = ARRAY_LEN(routes);
	return routes;
}

const char *route_body_name(enum http_body body)
{
	static const char *const names[] = {[BODY_NONE] = "none", [BODY_JSON] = "json",
		[BODY_JSON_OR_UPLOAD] = "json_or_upload", [BODY_JSON_OR_FILE] = "json_or_file",
		[BODY_JSON_OR_FORM] = "json_or_form", [BODY_JSON_OR_FORM_UPLOAD] = "json_or_form_upload"};
	return body >= BODY_NONE && body <= BODY_JSON_OR_FORM_UPLOAD ? names[body] : NULL;
}
