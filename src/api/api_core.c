/* api_core.c — units, fields, plans, indicators, health. */
#include "base/base.h"
#include "base/date.h"
#include "base/vitext.h"
#include "api/api.h"

#include <string.h>

void api_health(struct http_req *rq, struct http_resp *rs)
{
	json_t *h = tracker_health(TRACKER(rq));
	json_object_set_new(h, "version", json_string(CCHC_VERSION));
	http_json(rs, 200, h);
}

void api_units(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	const char *tree = http_query(rq, "tree");
	const char *q = http_query(rq, "q");
	const char *kind = http_query(rq, "kind");
	if (kind && *kind && !unit_kind_bit(kind)) {
		err_set(&err, ERR_BAD_REQUEST, "kind", "unknown unit kind '%.40s'", kind);
		http_error(rs, &err);
		return;
	}
	if (q && !vi_valid_utf8(q, strlen(q))) {
		err_set(&err, ERR_BAD_REQUEST, "q", "'q' is not valid UTF-8 text");
		http_error(rs, &err);
		return;
	}
	reply(rs, tracker_units(TRACKER(rq), tree && strcmp(tree, "1") == 0, q, kind, &err), &err);
}

void api_unit(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int32_t as_of;
	int64_t id;
	if (q_date(rq, rs, "as_of", &as_of) || path_unit(rq, rs, "id", &id))
		return;
	reply(rs, tracker_unit(TRACKER(rq), id, as_of, &err), &err);
}

void api_fields(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	reply(rs, tracker_fields(TRACKER(rq), &err), &err);
}

void api_plans(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	reply(rs, tracker_plans(TRACKER(rq), &err), &err);
}

/* Shared by the POST handlers that create one thing and return it:
 * create(tracker, body, &out, &err) runs first, then its answer is sent. */
static void created(struct http_req *rq, struct http_resp *rs,
		    enum err_code (*create)(struct tracker *, json_t *, json_t **, struct err *))
{
	struct err err;
	json_t *out = NULL;
	if (create(TRACKER(rq), rq->json, &out, &err) != ERR_OK)
		http_error(rs, &err);
	else
		http_json(rs, 201, out);
}

void api_plan_create(struct http_req *rq, struct http_resp *rs)
{
	created(rq, rs, tracker_plan_create);
}

void api_indicator_create(struct http_req *rq, struct http_resp *rs)
{
	created(rq, rs, tracker_indicator_create);
}

void api_plan(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	int32_t as_of;
	if (path_id(rq, rs, &id) || q_date(rq, rs, "as_of", &as_of))
		return;
	reply(rs, tracker_plan(TRACKER(rq), id, as_of, &err), &err);
}

void api_indicators(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t plan;
	int32_t as_of;
	if (q_int(rq, rs, "plan", 1, INT64_MAX, 0, &plan) || q_date(rq, rs, "as_of", &as_of))
		return;
	reply(rs, tracker_indicators(TRACKER(rq), plan, as_of, &err), &err);
}

void api_indicator(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	int32_t as_of;
	if (path_id(rq, rs, &id) || q_date(rq, rs, "as_of", &as_of))
		return;
	reply(rs, tracker_indicator(TRACKER(rq), id, as_of, &err), &err);
}

void api_measurements(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id, unit;
	if (path_id(rq, rs, &id) || q_unit(rq, rs, "unit", &unit))
		return;
	reply(rs, tracker_measurements(TRACKER(rq), id, unit, &err), &err);
}

void api_measurement_add(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	json_t *out = NULL;
	if (path_id(rq, rs, &id))
		return;
	if (tracker_measurement_add(TRACKER(rq), id, rq->json, &out, &err) != ERR_OK)
		http_error(rs, &err);
	else
		http_json(rs, 201, out);
}
