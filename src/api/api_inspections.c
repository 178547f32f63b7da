/*
 * api_inspections.c — inspections of the reform (issue 15):
 *   GET  /api/v1/inspection-plans?year=         plans with their coverage
 *   POST /api/v1/inspection-plans
 *   GET  /api/v1/inspection-plans/{id}          the plan, its coverage and inspections
 *   GET  /api/v1/inspections?plan=&unit=&status=
 *   POST /api/v1/inspections
 *   GET  /api/v1/inspections/{id}               with its units, fields and findings
 *   POST /api/v1/inspections/{id}/start         {started_on?}
 *   POST /api/v1/inspections/{id}/conclude      {conclusion, concluded_on?, number?, symbol?}
 *   POST /api/v1/inspections/{id}/findings      a finding, remedied as a task of the unit
 *   GET  /api/v1/findings?unit=&status=
 *   POST /api/v1/findings/{id}/verify           {decision: accepted | returned, reason}
 *   GET  /api/v1/inspections/summary?year=&format=json|csv|xlsx|docx   the yearly summary
 */
#include "base/base.h"
#include "api/api.h"
#include "domain/inspection.h"
#include "report/report.h"

#include <stdio.h>

/* Renders a write's outcome: status with out, or the error. */
static void written(struct http_resp *rs, enum err_code rc, int status, json_t *out, const struct err *err)
{
	if (rc != ERR_OK)
		http_error(rs, err);
	else
		http_json(rs, status, out);
}

void api_inspection_plans(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t year;
	if (!q_int(rq, rs, "year", 2000, 2100, 0, &year))
		reply(rs, inspection_plans(TRACKER(rq), (int)year, &err), &err);
}

void api_inspection_plan_create(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	json_t *out = NULL;
	enum err_code rc = inspection_plan_create(TRACKER(rq), rq->json, &out, &err);
	written(rs, rc, 201, out, &err);
}

void api_inspection_plan(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	if (!path_id(rq, rs, &id))
		reply(rs, inspection_plan(TRACKER(rq), id, &err), &err);
}

void api_inspections(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t plan, unit;
	const char *status = http_query(rq, "status");
	if (q_int(rq, rs, "plan", 1, INT64_MAX, 0, &plan) || q_unit(rq, rs, "unit", &unit))
		return;
	reply(rs, inspection_list(TRACKER(rq), plan, unit, status && *status ? status : NULL, &err), &err);
}

void api_inspection_create(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	json_t *out = NULL;
	enum err_code rc = inspection_create(TRACKER(rq), rq->json, &out, &err);
	written(rs, rc, 201, out, &err);
}

void api_inspection(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	if (!path_id(rq, rs, &id))
		reply(rs, inspection_get(TRACKER(rq), id, &err), &err);
}

void api_inspection_start(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	json_t *out = NULL;
	int64_t id;
	if (path_id(rq, rs, &id))
		return;
	enum err_code rc = inspection_start(TRACKER(rq), id, rq->json, &out, &err);
	written(rs, rc, 200, out, &err);
}

void api_inspection_conclude(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	json_t *out = NULL;
	int64_t id;
	if (path_id(rq, rs, &id))
		return;
	enum err_code rc = inspection_conclude(TRACKER(rq), id, rq->json, &out, &err);
	written(rs, rc, 200, out, &err);
}

void api_finding_create(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	json_t *out = NULL;
	int64_t id;
	if (path_id(rq, rs, &id))
		return;
	enum err_code rc = finding_create(TRACKER(rq), id, rq->json, &out, &err);
	written(rs, rc, 201, out, &err);
}

void api_findings(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t unit;
	const char *status = http_query(rq, "status");
	if (!q_unit(rq, rs, "unit", &unit))
		reply(rs, finding_list(TRACKER(rq), unit, status && *status ? status : NULL, &err), &err);
}

void api_finding_verify(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	json_t *out = NULL;
	int64_t id;
	if (path_id(rq, rs, &id))
		return;
	enum err_code rc = finding_verify(TRACKER(rq), id, rq->json, &out, &err);
	written(rs, rc, 200, out, &err);
}

void api_inspection_summary(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t year;
	const char *fname = http_query(rq, "format");
	enum report_format f = fname && *fname ? report_format_from_name(fname) : REPORT_JSON;
	if (f == REPORT_FORMAT_COUNT) {
		err_set(&err, ERR_BAD_REQUEST, "format", "query parameter 'format' must be json, csv, xlsx or docx");
		http_error(rs, &err);
		return;
	}
	if (q_int(rq, rs, "year", 2000, 2100, 0, &year))
		return;
	if (!year) {
		err_set(&err, ERR_BAD_REQUEST, "year", "query parameter 'year' is required");
		http_error(rs, &err);
		return;
	}
	json_t *sum = report_inspections(TRACKER(rq), (int)year, &err);
	if (!sum) {
		http_error(rs, &err);
		return;
	}
	char name[32];
	snprintf(name, sizeof name, "kiem-tra-cchc-%lld", (long long)year);
	api_send_report(rs, sum, f, report_inspections_render, name);
}
