/*
 * api_par.c — the PAR index (issue 14):
 *   GET  /api/v1/par/sets                          the criteria sets
 *   POST /api/v1/par/sets                          import a set (JSON)
 *   GET  /api/v1/par/sets/{id}                     a set as a tree (?format=import: flat, as imported;
 *                                                  ?format=xlsx: the spreadsheet, api_par_files.c)
 *   POST /api/v1/par/sets/{id}/copy                {"year"}: the set for another year
 *   GET  /api/v1/par/assessments?year=&kind=       the assessments one may read
 *   POST /api/v1/par/assessments                   {"unit", "year"}: open the unit's assessment
 *   GET  /api/v1/par/assessments/{id}              with its tree of points
 *   PUT  /api/v1/par/assessments/{id}/scores       {"scores": [{"code", "points", "note"}]}
 *   POST /api/v1/par/assessments/{id}/submit       the head submits
 *   POST /api/v1/par/assessments/{id}/appraise     {"scores": [{"code", "points", "reason"}]}
 *   GET  /api/v1/par/results?year=&kind=           ranked, with bands, year-on-year, heads' ratings
 *                                                  (?format=: a file, api_par_files.c)
 *   PUT  /api/v1/par/sets/{id}                     edit a set (a new version once in use)
 *   POST /api/v1/par/assessments/{id}/take         Home Affairs takes it for appraisal
 *   POST /api/v1/par/assessments/{id}/explain      {"questions": [{"code"?, "question"}]}
 *   POST /api/v1/par/assessments/{id}/answer       {"answers": [{"id", "answer"}]}
 *   POST /api/v1/par/assessments/{id}/approve      the PPC approves
 *   POST /api/v1/par/assessments/{id}/reopen       {"reason"}: a leader reopens
 */
#include "base/base.h"
#include "api/api.h"
#include "domain/par.h"

#include <string.h>

/* ?year= (required) and ?kind= (optional); 0 when rs holds a 400. */
static int year_kind(struct http_req *rq, struct http_resp *rs, int64_t *year, const char **kind)
{
	if (q_int(rq, rs, "year", 2000, 2100, 0, year))
		return 0;
	if (!*year) {
		struct err err;
		err_set(&err, ERR_BAD_REQUEST, "year", "query parameter 'year' is required (2026)");
		http_error(rs, &err);
		return 0;
	}
	*kind = http_query(rq, "kind");
	if (*kind && !**kind)
		*kind = NULL;
	return 1;
}

/* Renders a new resource: 201 with out, or err's error. */
static void created(struct http_resp *rs, json_t *out, const struct err *err)
{
	if (out)
		http_json(rs, 201, out);
	else
		http_error(rs, err);
}

void api_par_sets(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	reply(rs, par_sets(TRACKER(rq), &err), &err);
}

void api_par_set_import(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	created(rs, par_set_import(TRACKER(rq), rq->json, &err), &err);
}

void api_par_set(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	const char *format = http_query(rq, "format");
	if (path_id(rq, rs, &id))
		return;
	if (format && strcmp(format, "xlsx") == 0) {
		api_par_set_xlsx(rq, rs, id);
		return;
	}
	if (format && strcmp(format, "import") && strcmp(format, "tree")) {
		err_set(&err, ERR_BAD_REQUEST, "format", "'format' is tree, import or xlsx");
		http_error(rs, &err);
		return;
	}
	int flat = format && strcmp(format, "import") == 0;
	reply(rs, flat ? par_set_export(TRACKER(rq), id, &err) : par_set_tree(TRACKER(rq), id, &err), &err);
}

void api_par_set_copy(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	if (!path_id(rq, rs, &id))
		created(rs, par_set_copy(TRACKER(rq), id, rq->json, &err), &err);
}

void api_par_assessments(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t year;
	const char *kind;
	if (year_kind(rq, rs, &year, &kind))
		reply(rs, par_assessments(TRACKER(rq), (int)year, kind, &err), &err);
}

void api_par_assessment_open(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	created(rs, par_assessment_open(TRACKER(rq), rq->json, &err), &err);
}

void api_par_assessment(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	int32_t as_of;
	if (!path_id(rq, rs, &id) && !q_date(rq, rs, "as_of", &as_of))
		reply(rs, par_assessment_as_of(TRACKER(rq), id, as_of, &err), &err);
}

void api_par_scores(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	if (!path_id(rq, rs, &id))
		reply(rs, par_scores_put(TRACKER(rq), id, rq->json, &err), &err);
}

void api_par_submit(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	if (!path_id(rq, rs, &id))
		reply(rs, par_submit(TRACKER(rq), id, &err), &err);
}

void api_par_appraise(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	if (!path_id(rq, rs, &id))
		reply(rs, par_appraise(TRACKER(rq), id, rq->json, &err), &err);
}

void api_par_results(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t year;
	const char *kind;
	if (!year_kind(rq, rs, &year, &kind))
		return;
	const char *format = api_par_results_format(rq);
	if (format && strcmp(format, "json"))
		api_par_results_file(rq, rs, (int)year, kind, format);
	else
		reply(rs, par_results(TRACKER(rq), (int)year, kind, &err), &err);
}

void api_par_set_edit(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	if (!path_id(rq, rs, &id))
		reply(rs, par_set_edit(TRACKER(rq), id, rq->json, &err), &err);
}

/* The steps: one handler per route, each the same shape. */
#define PAR_STEP(handler, call) \
	void handler(struct http_req *rq, struct http_resp *rs) \
	{ \
		struct err err; \
		int64_t id; \
		if (!path_id(rq, rs, &id)) \
			reply(rs, call, &err); \
	}
PAR_STEP(api_par_take, par_take(TRACKER(rq), id, &err))
PAR_STEP(api_par_explain, par_explain(TRACKER(rq), id, rq->json, &err))
PAR_STEP(api_par_answer, par_answer(TRACKER(rq), id, rq->json, &err))
PAR_STEP(api_par_approve, par_approve(TRACKER(rq), id, &err))
PAR_STEP(api_par_reopen, par_reopen(TRACKER(rq), id, rq->json, &err))
