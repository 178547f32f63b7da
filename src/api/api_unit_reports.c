/*
 * api_unit_reports.c — units' own periodic reports (issue 6):
 *   GET  /api/v1/units/{unit}/reports/{period}          open (a writer's first
 *                                                       opening creates the draft)
 *   PUT  /api/v1/units/{unit}/reports/{period}          narrative, difficulties, proposals
 *   POST /api/v1/units/{unit}/reports/{period}/submit
 *   POST /api/v1/units/{unit}/reports/{period}/return   {"comments"}
 *   POST /api/v1/units/{unit}/reports/{period}/accept   {} or {"comments"}
 *   GET  /api/v1/unit-reports?period=&status=           who submitted, who is late or missing
 * {unit} is an id or a code.
 */
#include "base/base.h"
#include "api/api.h"
#include "report/unit_report.h"

void api_unit_report(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t unit;
	if (!path_unit(rq, rs, "unit", &unit))
		reply(rs, unit_report_open(TRACKER(rq), unit, route_param(rq, "period"), &err), &err);
}

void api_unit_report_edit(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	json_t *out = NULL;
	int64_t unit;
	if (path_unit(rq, rs, "unit", &unit))
		return;
	if (unit_report_edit(TRACKER(rq), unit, route_param(rq, "period"), rq->json, &out, &err) != ERR_OK)
		http_error(rs, &err);
	else
		http_json(rs, 200, out);
}

void api_unit_report_submit(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	json_t *out = NULL;
	int64_t unit;
	if (path_unit(rq, rs, "unit", &unit))
		return;
	if (unit_report_submit(TRACKER(rq), unit, route_param(rq, "period"), &out, &err) != ERR_OK)
		http_error(rs, &err);
	else
		http_json(rs, 200, out);
}

void api_unit_report_return(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	json_t *out = NULL;
	int64_t unit;
	if (path_unit(rq, rs, "unit", &unit))
		return;
	if (unit_report_return(TRACKER(rq), unit, route_param(rq, "period"), rq->json, &out, &err) != ERR_OK)
		http_error(rs, &err);
	else
		http_json(rs, 200, out);
}

void api_unit_report_accept(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	json_t *out = NULL;
	int64_t unit;
	if (path_unit(rq, rs, "unit", &unit))
		return;
	if (unit_report_accept(TRACKER(rq), unit, route_param(rq, "period"), rq->json, &out, &err) != ERR_OK)
		http_error(rs, &err);
	else
		http_json(rs, 200, out);
}

void api_unit_reports(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	const char *period = http_query(rq, "period");
	if (!period || !*period) {
		err_set(&err, ERR_BAD_REQUEST, "period", "query parameter 'period' is required (2026-Q1, 2026-H1, 2026-9M, 2026)");
		http_error(rs, &err);
		return;
	}
	reply(rs, unit_report_list(TRACKER(rq), period, http_query(rq, "status"), &err), &err);
}
