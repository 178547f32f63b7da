/*
 * api_feedback.c — citizens' feedback on administrative regulations (issue 17):
 *   POST /public/feedback                  the public form (JSON), no account
 *   GET  /public/feedback/{code}           its status, without contact details
 *   POST /public/feedback/{code}/rating    {"satisfied"}, once
 *   GET  /api/v1/feedback                  ?status=&state=&unit=&due_before=&as_of=
 *   POST /api/v1/feedback                  entered by the receiving unit
 *   GET  /api/v1/feedback/stats            ?as_of=
 *   GET|PUT /api/v1/feedback/settings
 *   GET  /api/v1/feedback/{id}
 *   POST /api/v1/feedback/{id}/classify | answer | approve | extend
 */
#include "base/base.h"
#include "base/date.h"
#include "api/api.h"
#include "domain/feedback.h"

#include <string.h>

/* Renders a step's outcome: status with out, or the error. */
static void done(struct http_resp *rs, int status, enum err_code rc, json_t *out, const struct err *err)
{
	if (rc != ERR_OK)
		http_error(rs, err);
	else
		http_json(rs, status, out);
}

void api_feedback_submit(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	json_t *out = NULL;
	enum err_code rc = feedback_submit(TRACKER(rq), rq->json, &rs->retry_after, &out, &err);
	done(rs, 201, rc, out, &err);
}

void api_feedback_public(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	reply(rs, feedback_public(TRACKER(rq), route_param(rq, "code"), &err), &err);
}

void api_feedback_rate(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	json_t *out = NULL;
	enum err_code rc = feedback_rate(TRACKER(rq), route_param(rq, "code"), rq->json, &out, &err);
	done(rs, 200, rc, out, &err);
}

void api_feedback_list(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	struct feedback_query q = {.status = http_query(rq, "status"), .state = http_query(rq, "state"),
				   .due_before = DATE_NONE};
	const char *due = http_query(rq, "due_before");
	if (q_date(rq, rs, "as_of", &q.as_of) || q_unit(rq, rs, "unit", &q.unit_id) ||
	    (due && *due && q_date(rq, rs, "due_before", &q.due_before)))
		return;
	reply(rs, feedback_list(TRACKER(rq), &q, &err), &err);
}

void api_feedback_intake(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	json_t *out = NULL;
	enum err_code rc = feedback_intake(TRACKER(rq), rq->json, &out, &err);
	done(rs, 201, rc, out, &err);
}

void api_feedback_stats(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int32_t as_of;
	if (!q_date(rq, rs, "as_of", &as_of))
		reply(rs, feedback_stats(TRACKER(rq), as_of, &err), &err);
}

void api_feedback_settings(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	reply(rs, feedback_settings(TRACKER(rq), &err), &err);
}

void api_feedback_settings_put(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	json_t *out = NULL;
	enum err_code rc = feedback_settings_put(TRACKER(rq), rq->json, &out, &err);
	done(rs, 200, rc, out, &err);
}

void api_feedback_item(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	if (!path_id(rq, rs, &id))
		reply(rs, feedback_get(TRACKER(rq), id, &err), &err);
}

/* The handling steps: read the id, call, render. */
void api_feedback_step(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	json_t *out = NULL;
	int64_t id;
	if (path_id(rq, rs, &id))
		return;
	const char *last = strrchr(rq->path, '/') + 1;
	enum err_code rc;
	if (strcmp(last, "classify") == 0)
		rc = feedback_classify(TRACKER(rq), id, rq->json, &out, &err);
	else if (strcmp(last, "answer") == 0)
		rc = feedback_answer(TRACKER(rq), id, rq->json, &out, &err);
	else if (strcmp(last, "approve") == 0)
		rc = feedback_approve(TRACKER(rq), id, &out, &err);
	else
		rc = feedback_extend(TRACKER(rq), id, rq->json, &out, &err);
	done(rs, 200, rc, out, &err);
}
