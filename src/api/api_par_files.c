/*
 * api_par_files.c — the PAR index's files (issue 14):
 *   POST /api/v1/par/sets/upload?year=&kind=&name=   a set as .xlsx or .json (multipart field "file")
 *   GET  /api/v1/par/sets/{id}?format=xlsx           a set as .xlsx (api_par.c hands it here)
 *   GET  /api/v1/par/results?format=csv|xlsx|docx|decision (or Accept)  the results as a file
 *   GET  /api/v1/par/assessments/{id}/sheet          a unit's score sheet (.xlsx)
 *   POST /api/v1/par/survey?year=                    survey results (.csv or .xlsx, field "file")
 */
#include "base/base.h"
#include "api/api.h"
#include "domain/par.h"

#include <string.h>

/* Sends the bytes in rs->body (rc ERR_OK) as a download, or err. */
static void send_file(struct http_resp *rs, enum err_code rc, const struct err *err, const char *mime,
		      const char *name)
{
	if (rc) {
		buf_release(&rs->body);
		http_error(rs, err);
		return;
	}
	rs->status = 200;
	rs->content_type = mime;
	rs->disposition = xasprintf("attachment; filename=\"%s\"", name);
}

/* The uploaded file, or a 400 in rs. */
static int upload(struct http_req *rq, struct http_resp *rs, const char *what)
{
	if (rq->file)
		return 1;
	struct err err;
	err_set(&err, ERR_BAD_REQUEST, "file", "send the %s as the multipart/form-data field 'file'", what);
	http_error(rs, &err);
	return 0;
}

void api_par_set_upload(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t year;
	if (!upload(rq, rs, ".xlsx or .json criteria set") || q_int(rq, rs, "year", 2000, 2100, 0, &year))
		return;
	json_t *over = json_object();
	const char *kind = http_query(rq, "kind"), *name = http_query(rq, "name");
	if (year)
		json_object_set_new(over, "year", json_integer(year));
	if (kind && *kind)
		json_object_set_new(over, "kind", json_string(kind));
	if (name && *name)
		json_object_set_new(over, "name", json_string(name));
	json_t *out = par_set_import_file(TRACKER(rq), rq->file, rq->file_len, json_object_size(over) ? over : NULL, &err);
	json_decref(over);
	if (out)
		http_json(rs, 201, out);
	else
		http_error(rs, &err);
}

void api_par_set_xlsx(struct http_req *rq, struct http_resp *rs, int64_t id)
{
	struct err err;
	char name[48];
	snprintf(name, sizeof name, "bo-chi-so-cchc-%lld.xlsx", (long long)id);
	send_file(rs, par_set_xlsx(TRACKER(rq), id, &rs->body, &err), &err,
		  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
}

const char *api_par_results_format(struct http_req *rq)
{
	const char *format = http_query(rq, "format"), *accept = http_header(rq, "Accept");
	if (format && *format)
		return format;
	if (accept && strstr(accept, "text/csv"))
		return "csv";
	if (accept && strstr(accept, "spreadsheetml"))
		return "xlsx";
	if (accept && strstr(accept, "wordprocessingml"))
		return "docx";
	return NULL;
}

void api_par_results_file(struct http_req *rq, struct http_resp *rs, int year, const char *kind, const char *format)
{
	struct err err;
	const char *mime = NULL, *ext = NULL;
	if (!par_file_type(format, &mime, &ext)) {
		err_set(&err, ERR_BAD_REQUEST, "format", "'format' is json, csv, xlsx, docx or decision");
		http_error(rs, &err);
		return;
	}
	char name[64];
	snprintf(name, sizeof name, "%s-cchc-%d%s%s.%s", strcmp(format, "decision") ? "chi-so" : "quyet-dinh-chi-so",
		 year, kind ? "-" : "", kind ? kind : "", ext);
	send_file(rs, par_results_file(TRACKER(rq), year, kind, format, &rs->body, &err), &err, mime, name);
}

void api_par_sheet(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	if (path_id(rq, rs, &id))
		return;
	char name[48];
	snprintf(name, sizeof name, "phieu-cham-cchc-%lld.xlsx", (long long)id);
	send_file(rs, par_sheet_xlsx(TRACKER(rq), id, &rs->body, &err), &err,
		  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
}

void api_par_survey(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t year;
	if (!upload(rq, rs, ".csv or .xlsx survey results") || q_int(rq, rs, "year", 2000, 2100, 0, &year))
		return;
	if (!year) {
		err_set(&err, ERR_BAD_REQUEST, "year", "query parameter 'year' is required (2026)");
		http_error(rs, &err);
		return;
	}
	reply(rs, par_survey_import(TRACKER(rq), (int)year, rq->file, rq->file_len, &err), &err);
}
