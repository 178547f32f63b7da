/*
 * api_case_documents.c — uploaded documents (issue 15):
 *   POST /api/v1/discipline-cases/{id}/documents        multipart: evidence=<the decision>
 *   GET  /api/v1/discipline-cases/{id}/documents/{doc}  recorded as a look at the case
 *   POST /api/v1/inspections/{id}/documents             multipart: evidence=<the conclusion notice>
 *   GET  /api/v1/inspections/{id}/documents/{doc}
 * The file is stored (by dispatch.c, once the uploader is known to be
 * allowed) before the handler runs; the handler records it.
 */
#include "base/base.h"
#include "api/api.h"
#include "domain/case_documents.h"

static void add(struct http_req *rq, struct http_resp *rs, enum case_document_owner owner)
{
	struct err err;
	json_t *out = NULL;
	int64_t id;
	if (path_id(rq, rs, &id))
		return;
	if (case_document_add(TRACKER(rq), owner, id, CALL(rq)->ev, CALL(rq)->nev, &out, &err) != ERR_OK)
		http_error(rs, &err);
	else
		http_json(rs, 201, out);
}

static void get(struct http_req *rq, struct http_resp *rs, enum case_document_owner owner)
{
	struct err err;
	int64_t id, doc;
	char *path = NULL;
	if (path_id(rq, rs, &id))
		return;
	if (route_id_named(rq, "doc", &doc, &err)) {
		http_error(rs, &err);
		return;
	}
	json_t *row = case_document_get(TRACKER(rq), owner, id, doc, &path, &err);
	if (!row)
		http_error(rs, &err);
	else
		api_send_stored(rs, row, path);
}

void api_discipline_document_add(struct http_req *rq, struct http_resp *rs)
{
	add(rq, rs, DOC_DISCIPLINE_CASE);
}

void api_discipline_document(struct http_req *rq, struct http_resp *rs)
{
	get(rq, rs, DOC_DISCIPLINE_CASE);
}

void api_inspection_document_add(struct http_req *rq, struct http_resp *rs)
{
	add(rq, rs, DOC_INSPECTION);
}

void api_inspection_document(struct http_req *rq, struct http_resp *rs)
{
	get(rq, rs, DOC_INSPECTION);
}
