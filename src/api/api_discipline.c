/*
 * api_discipline.c — discipline cases (issue 15):
 *   GET  /api/v1/discipline-cases?unit=&year=&status=   the cases who may see; recorded
 *   POST /api/v1/discipline-cases
 *   GET  /api/v1/discipline-cases/{id}                  recorded, a refusal too
 *   POST /api/v1/discipline-cases/{id}/steps            {step, on, note?, number?, issuer?, form?}
 *   GET  /api/v1/discipline-forms                       the forms of discipline
 *   GET  /api/v1/discipline-counts?year=                cases per unit, no names
 * The reads' first check is ACT_READ: the domain decides who sees a case,
 * so that a refused look reaches it and is recorded.
 */
#include "base/base.h"
#include "api/api.h"
#include "domain/discipline.h"

void api_discipline_cases(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t unit, year;
	const char *status = http_query(rq, "status");
	if (q_unit(rq, rs, "unit", &unit) || q_int(rq, rs, "year", 2000, 2100, 0, &year))
		return;
	reply(rs, discipline_case_list(TRACKER(rq), unit, (int)year, status && *status ? status : NULL, &err), &err);
}

void api_discipline_case_create(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	json_t *out = NULL;
	if (discipline_case_create(TRACKER(rq), rq->json, &out, &err) != ERR_OK)
		http_error(rs, &err);
	else
		http_json(rs, 201, out);
}

void api_discipline_case(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	if (!path_id(rq, rs, &id))
		reply(rs, discipline_case_get(TRACKER(rq), id, &err), &err);
}

void api_discipline_case_step(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	json_t *out = NULL;
	int64_t id;
	if (path_id(rq, rs, &id))
		return;
	if (discipline_case_step(TRACKER(rq), id, rq->json, &out, &err) != ERR_OK)
		http_error(rs, &err);
	else
		http_json(rs, 200, out);
}

void api_discipline_forms(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	reply(rs, discipline_forms(TRACKER(rq), &err), &err);
}

void api_discipline_counts(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t year;
	if (!q_int(rq, rs, "year", 2000, 2100, 0, &year))
		reply(rs, discipline_counts(TRACKER(rq), (int)year, &err), &err);
}
