/* routes.c — every URL the server answers, in one table. */
#include "base/base.h"
#include "api/api.h"

#include <string.h>

static const struct route routes[] = {
	{"GET", "/", web_index, BODY_NONE, ACT_READ, ROUTE_PUBLIC},
	{"GET", "/static/{name}", web_static, BODY_NONE, ACT_READ, ROUTE_PUBLIC},
	{"GET", "/api/v1/health", api_health, BODY_NONE, ACT_READ, ROUTE_PUBLIC},
	{"POST", "/api/v1/session", api_login, BODY_JSON, ACT_READ, ROUTE_PUBLIC},
	{"GET", "/api/v1/session", api_whoami, BODY_NONE, ACT_READ, ROUTE_PUBLIC},
	{"DELETE", "/api/v1/session", api_logout, BODY_NONE, ACT_READ, 0},
	{"GET", "/api/v1/audit", api_history, BODY_NONE, ACT_AUDIT_READ, 0},
	{"GET", "/api/v1/audit/export", api_audit_export, BODY_NONE, ACT_AUDIT_EXPORT, 0},
	{"GET", "/api/v1/units", api_units, BODY_NONE},
	{"GET", "/api/v1/units/{id}", api_unit, BODY_NONE},
	{"GET", "/api/v1/fields", api_fields, BODY_NONE},
	{"GET", "/api/v1/plans", api_plans, BODY_NONE},
	{"POST", "/api/v1/plans", api_plan_create, BODY_JSON, ACT_WRITE_PLAN, 0},
	{"GET", "/api/v1/plans/{id}", api_plan, BODY_NONE},
	{"GET", "/api/v1/indicators", api_indicators, BODY_NONE},
	{"POST", "/api/v1/indicators", api_indicator_create, BODY_JSON, ACT_WRITE_INDICATOR, 0},
	{"GET", "/api/v1/indicators/{id}", api_indicator, BODY_NONE},
	{"GET", "/api/v1/indicators/{id}/measurements", api_measurements, BODY_NONE},
	{"POST", "/api/v1/indicators/{id}/measurements", api_measurement_add, BODY_JSON, ACT_MEASURE, 0},
	{"GET", "/api/v1/tasks", api_tasks, BODY_NONE},
	{"POST", "/api/v1/tasks", api_task_create, BODY_JSON, ACT_WRITE_TASK, 0},
	{"GET", "/api/v1/tasks/{id}", api_task, BODY_NONE},
	{"PATCH", "/api/v1/tasks/{id}", api_task_patch, BODY_JSON, ACT_WRITE_TASK, 0},
	{"GET", "/api/v1/assignments", api_assignments, BODY_NONE},
	{"GET", "/api/v1/assignments/{id}", api_assignment, BODY_NONE},
	{"GET", "/api/v1/assignments/{id}/reports", api_reports, BODY_NONE, ACT_READ_REPORTS, 0},
	{"POST", "/api/v1/assignments/{id}/reports", api_report_add, BODY_JSON_OR_UPLOAD, ACT_REPORT, 0},
	{"POST", "/api/v1/progress-reports/{id}/confirm", api_report_confirm, BODY_NONE, ACT_CONFIRM, 0},
	{"GET", "/api/v1/evidence/{sha256}", api_evidence, BODY_NONE, ACT_READ_REPORTS, 0},
	{"GET", "/api/v1/dashboard", api_dashboard, BODY_NONE},
	/* Issue 6: periodic reports, their charts and the rules behind them. */
	{"GET", "/api/v1/reports/{period}", api_period_report, BODY_NONE, ACT_READ, 0},
	{"GET", "/api/v1/reports/{period}/charts/{name}", api_period_report_chart, BODY_NONE},
	{"GET", "/api/v1/report-rules", api_report_rules, BODY_NONE},
	{"PUT", "/api/v1/report-rules", api_report_rules_put, BODY_JSON, ACT_CONFIGURE, 0},
	/* Issue 6: units' own periodic reports ({unit} read from the path). */
	{"GET", "/api/v1/units/{unit}/reports/{period}", api_unit_report, BODY_NONE, ACT_READ_UNIT_REPORT, 0},
	{"PUT", "/api/v1/units/{unit}/reports/{period}", api_unit_report_edit, BODY_JSON, ACT_UNIT_REPORT, 0},
	{"POST", "/api/v1/units/{unit}/reports/{period}/submit", api_unit_report_submit, BODY_NONE, ACT_UNIT_REPORT, 0},
	{"POST", "/api/v1/units/{unit}/reports/{period}/return", api_unit_report_return, BODY_JSON,
	 ACT_REVIEW_UNIT_REPORT, 0},
	{"POST", "/api/v1/units/{unit}/reports/{period}/accept", api_unit_report_accept, BODY_JSON,
	 ACT_REVIEW_UNIT_REPORT, 0},
	{"GET", "/api/v1/unit-reports", api_unit_reports, BODY_NONE, ACT_READ_UNIT_REPORT, 0},
	{"GET", "/api/v1/documents", api_documents, BODY_NONE},
	{"POST", "/api/v1/documents", api_document_create, BODY_JSON_OR_FILE, ACT_WRITE_TASK, 0},
	{"GET", "/api/v1/documents/{id}", api_document, BODY_NONE},
	{"GET", "/api/v1/drafts", api_drafts, BODY_NONE},
	{"GET", "/api/v1/drafts/{id}", api_draft, BODY_NONE},
	{"PUT", "/api/v1/drafts/{id}", api_draft_update, BODY_JSON, ACT_WRITE_TASK, 0},
	{"DELETE", "/api/v1/drafts/{id}", api_draft_discard, BODY_NONE, ACT_WRITE_TASK, 0},
	{"POST", "/api/v1/drafts/{id}/confirm", api_draft_confirm, BODY_NONE, ACT_WRITE_TASK, 0},
	/* Issue 5: the working-day calendar, notifications, mail contacts. */
	{"GET", "/api/v1/calendar/overrides", api_overrides, BODY_NONE},
	{"POST", "/api/v1/calendar/overrides", api_override_add, BODY_JSON, ACT_CONFIGURE, 0},
	{"DELETE", "/api/v1/calendar/overrides/{date}", api_override_delete, BODY_NONE, ACT_CONFIGURE, 0},
	{"GET", "/api/v1/calendar/holidays", api_holidays, BODY_NONE},
	{"GET", "/api/v1/notifications", api_notifications, BODY_NONE},
	{"POST", "/api/v1/notifications/{id}/read", api_notification_read, BODY_NONE},
	{"GET", "/api/v1/units/{id}/contacts", api_contacts, BODY_NONE},
	{"POST", "/api/v1/units/{id}/contacts", api_contact_add, BODY_JSON, ACT_CONFIGURE, 0},
	{"DELETE", "/api/v1/contacts/{id}", api_contact_delete, BODY_NONE, ACT_CONFIGURE, 0},
};

/* Matches path against pattern; a {…} segment takes one non-empty segment. */
static int match(const char *pattern, const char *path, const char **seg, size_t *seglen)
{
	*seg = NULL;
	*seglen = 0;
	while (*pattern && *path) {
		if (*pattern == '{') {
			const char *end = strchr(path, '/');
			size_t n = end ? (size_t)(end - path) : strlen(path);
			if (n == 0)
				return 0;
			*seg = path;
			*seglen = n;
			path += n;
			pattern = strchr(pattern, '}') + 1;
			continue;
		}
		if (*pattern++ != *path++)
			return 0;
	}
	return *pattern == 0 && *path == 0;
}

const struct route *route_find(const char *method, const char *path, char **param, int *path_known)
{
	*param = NULL;
	*path_known = 0;
	for (size_t i = 0; i < ARRAY_LEN(routes); i++) {
		const char *seg;
		size_t n;
		if (!match(routes[i].pattern, path, &seg, &n))
			continue;
		/* HEAD is served as GET; libmicrohttpd drops the body. */
		int same = strcmp(routes[i].method, method) == 0 ||
			   (strcmp(method, "HEAD") == 0 && strcmp(routes[i].method, "GET") == 0);
		if (!same) {
			*path_known = 1;
			continue;
		}
		if (seg)
			*param = xstrndup(seg, n);
		return &routes[i];
	}
	return NULL;
}
