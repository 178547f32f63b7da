/*
 * api_par_evidence.c — the PAR index's proposals and evidence (issue 14):
 *   GET    /api/v1/par/assessments/{id}/proposals          scores proposed from the system's data
 *   POST   /api/v1/par/assessments/{id}/proposals          {"code", "accept": true} or {"code", "points", "reason"}
 *   GET    /api/v1/par/assessments/{id}/evidence           evidence per sub-criterion
 *   POST   /api/v1/par/assessments/{id}/evidence           files (multipart: code, note) or {"code", "kind", "ref", "note"}
 *   DELETE /api/v1/par/assessments/{id}/evidence/{eid}     removes one
 */
#include "base/base.h"
#include "api/api.h"
#include "domain/par_evidence.h"
#include "report/par_proposal.h"

#include <stdlib.h>

void api_par_proposals(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	if (!path_id(rq, rs, &id))
		reply(rs, par_proposals(TRACKER(rq), id, &err), &err);
}

void api_par_proposal_decide(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	if (!path_id(rq, rs, &id))
		reply(rs, par_proposal_decide(TRACKER(rq), id, rq->json, &err), &err);
}

void api_par_evidence(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	if (!path_id(rq, rs, &id))
		reply(rs, par_evidence_list(TRACKER(rq), id, &err), &err);
}

void api_par_evidence_add(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	if (path_id(rq, rs, &id))
		return;
	json_t *out = par_evidence_add(TRACKER(rq), id, rq->json ? rq->json : rq->form, CALL(rq)->ev, CALL(rq)->nev,
				       &err);
	if (out)
		http_json(rs, 201, out);
	else
		http_error(rs, &err);
}

void api_par_evidence_remove(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	const char *eid = route_param(rq, "eid");
	char *end = NULL;
	long long n = eid ? strtoll(eid, &end, 10) : 0;
	if (path_id(rq, rs, &id))
		return;
	if (!eid || *end || n <= 0) {
		err_set(&err, ERR_NOT_FOUND, "eid", "no such evidence");
		http_error(rs, &err);
		return;
	}
	reply(rs, par_evidence_remove(TRACKER(rq), id, n, &err), &err);
}
