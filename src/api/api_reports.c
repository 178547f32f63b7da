/*
 * api_reports.c — periodic reports (issue 6):
 *   GET /api/v1/reports/{period}?as_of=&field=&unit=&format=json|csv|xlsx|docx
 *   GET /api/v1/reports/{period}/charts/{name}.svg?as_of=&field=
 *   GET /api/v1/report-rules, PUT /api/v1/report-rules
 * A bad period, as_of or format is a 400 (malformed) or 422 (a cut-off
 * before the period) with the offending parameter named.
 */
#include "base/base.h"
#include "base/date.h"
#include "api/api.h"
#include "report/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void bad(struct http_resp *rs, enum err_code code, const char *field, const char *msg)
{
	struct err e;
	err_set(&e, code, field, "%s", msg);
	http_error(rs, &e);
}

/* Reads the query shared by the report and its charts; -1 after an error reply. */
static int read_query(struct http_req *rq, struct http_resp *rs, const char *period, struct report_query *q)
{
	struct err err;
	struct report_period p;
	*q = (struct report_query){.period = period, .as_of = DATE_NONE};
	if (report_period_parse(period, &p, &err) != ERR_OK) {
		err.code = ERR_BAD_REQUEST;
		http_error(rs, &err);
		return -1;
	}
	const char *as_of = http_query(rq, "as_of");
	if (as_of && *as_of && q_date(rq, rs, "as_of", &q->as_of))
		return -1;
	if (q_field(rq, rs, "field", &q->field_id) || q_unit(rq, rs, "unit", &q->unit_id))
		return -1;
	return 0;
}

void api_period_report(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	struct report_query q;
	const char *fname = http_query(rq, "format");
	enum report_format f = fname && *fname ? report_format_from_name(fname) : REPORT_JSON;
	if (f == REPORT_FORMAT_COUNT) {
		bad(rs, ERR_BAD_REQUEST, "format", "query parameter 'format' must be json, csv, xlsx or docx");
		return;
	}
	if (read_query(rq, rs, route_param(rq, "period"), &q))
		return;
	json_t *rep = report_compute(TRACKER(rq), &q, &err);
	if (!rep) {
		http_error(rs, &err);
		return;
	}
	const json_t *fsel = json_object_get(rep, "field");
	char *name = xasprintf("bao-cao-cchc-%s%s%s", q.period, json_is_object(fsel) ? "-" : "",
			       json_is_object(fsel) ? json_string_value(json_object_get(fsel, "code")) : "");
	api_send_report(rs, rep, f, report_render, name);
	free(name);
}

void api_send_report(struct http_resp *rs, json_t *data, enum report_format f,
		     enum err_code (*render)(const json_t *, enum report_format, struct buf *, struct err *),
		     const char *name)
{
	struct err err;
	if (f == REPORT_JSON) {
		http_json(rs, 200, data);
		return;
	}
	if (render(data, f, &rs->body, &err) != ERR_OK) {
		json_decref(data);
		buf_release(&rs->body);
		http_error(rs, &err);
		return;
	}
	json_decref(data);
	rs->status = 200;
	rs->content_type = report_format_mime(f);
	rs->disposition = xasprintf("attachment; filename=\"%s.%s\"", name, report_format_ext(f));
}

void api_period_report_chart(struct http_req *rq, struct http_resp *rs)
{
	const char *chart = route_param(rq, "name");
	const char *dot = strstr(chart, ".svg");
	char name[40];
	if (!dot || dot[4] || dot - chart >= (long)sizeof name) {
		bad(rs, ERR_NOT_FOUND, "name", "charts are NAME.svg: status-by-field, on-time-by-unit, indicator-trend");
		return;
	}
	snprintf(name, sizeof name, "%.*s", (int)(dot - chart), chart);
	struct err err;
	struct report_query q;
	if (read_query(rq, rs, route_param(rq, "period"), &q))
		return;
	json_t *rep = report_compute(TRACKER(rq), &q, &err);
	if (!rep || report_chart_svg(rep, name, &rs->body, &err) != ERR_OK) {
		json_decref(rep);
		buf_release(&rs->body);
		http_error(rs, &err);
		return;
	}
	json_decref(rep);
	rs->status = 200;
	rs->content_type = "image/svg+xml; charset=utf-8";
}

void api_report_rules(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	reply(rs, report_rules(TRACKER(rq), &err), &err);
}

void api_report_rules_put(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	json_t *out = NULL;
	if (report_rules_put(TRACKER(rq), rq->json, &out, &err) != ERR_OK) {
		http_error(rs, &err);
		return;
	}
	http_json(rs, 200, out);
}
