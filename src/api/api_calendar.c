/* api_calendar.c — the working-day calendar: stored overrides and the official days off. */
#include "base/base.h"
#include "base/date.h"
#include "api/api.h"
#include "domain/calendar.h"
#include "domain/remind.h"

/* ?year=YYYY within the calendar's years; default this year (or 0 if optional). */
static int q_year(struct http_req *rq, struct http_resp *rs, int64_t dflt, int64_t *year)
{
	return q_int(rq, rs, "year", CALENDAR_YEAR_MIN, CALENDAR_YEAR_MAX, dflt, year);
}

static int64_t this_year(void)
{
	int y, m, d;
	date_to_ymd(date_today(), &y, &m, &d);
	return y;
}

void api_overrides(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t year;
	if (q_year(rq, rs, 0, &year))
		return;
	reply(rs, remind_overrides(TRACKER(rq), (int)year, &err), &err);
}

void api_override_add(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	json_t *out = NULL;
	if (remind_override_put(TRACKER(rq), rq->json, &out, &err) != ERR_OK)
		http_error(rs, &err);
	else
		http_json(rs, 201, out);
}

void api_override_delete(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	const char *date = route_param(rq, "date");
	if (remind_override_remove(TRACKER(rq), date, &err) != ERR_OK)
		http_error(rs, &err);
	else
		http_json(rs, 200, json_pack("{s:s}", "deleted", date));
}

void api_holidays(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t year;
	if (q_year(rq, rs, this_year(), &year))
		return;
	reply(rs, remind_holidays(TRACKER(rq), (int)year, &err), &err);
}
