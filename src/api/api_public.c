/*
 * api_public.c — the public open-data page (issue 17), no account needed:
 *   GET /public/            the page (?lang=en for English, ?as_of=)
 *   GET /public/data.json   the same figures as JSON
 *   GET /public/data.csv    ... as CSV (RFC 4180, UTF-8)
 *   GET /public/feed.atom   published answers and closed periods' reports
 */
#include "base/base.h"
#include "base/date.h"
#include "api/api.h"
#include "report/opendata.h"

#include <string.h>

/* Computes the figures for ?as_of= (default today); fills rs with the
 * error and returns -1 otherwise. */
static int compute(struct http_req *rq, struct http_resp *rs, struct opendata *od)
{
	struct err err;
	int32_t as_of;
	if (q_date(rq, rs, "as_of", &as_of))
		return -1;
	if (opendata_compute(TRACKER(rq), as_of, od, &err) != ERR_OK) {
		opendata_release(od);
		http_error(rs, &err);
		return -1;
	}
	return 0;
}

void api_public_page(struct http_req *rq, struct http_resp *rs)
{
	struct opendata od;
	if (compute(rq, rs, &od))
		return;
	const char *lang = http_query(rq, "lang");
	opendata_html(&od, lang && strcmp(lang, "en") == 0 ? "en" : "vi", &rs->body);
	rs->status = 200;
	rs->content_type = "text/html; charset=utf-8";
	opendata_release(&od);
}

void api_public_json(struct http_req *rq, struct http_resp *rs)
{
	struct opendata od;
	if (compute(rq, rs, &od))
		return;
	http_json(rs, 200, json_incref(od.data));
	opendata_release(&od);
}

void api_public_csv(struct http_req *rq, struct http_resp *rs)
{
	struct opendata od;
	if (compute(rq, rs, &od))
		return;
	opendata_csv(od.data, &rs->body);
	rs->status = 200;
	rs->content_type = "text/csv; charset=utf-8; header=present";
	rs->disposition = xstrdup("inline; filename=\"cchc-open-data.csv\"");
	opendata_release(&od);
}

void api_public_atom(struct http_req *rq, struct http_resp *rs)
{
	struct opendata od;
	struct err err;
	if (compute(rq, rs, &od))
		return;
	json_t *reports = opendata_reports(TRACKER(rq), date_today(), &err);
	if (!reports) {
		http_error(rs, &err);
	} else {
		opendata_atom(od.data, reports, &rs->body);
		rs->status = 200;
		rs->content_type = "application/atom+xml; charset=utf-8";
	}
	json_decref(reports);
	opendata_release(&od);
}
