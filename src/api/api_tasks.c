/* api_tasks.c — tasks, assignments, progress reports, evidence, dashboard. */
#include "base/base.h"
#include "base/date.h"
#include "base/vitext.h"
#include "api/api.h"
#include "domain/deadline.h"
#include "domain/status.h"

#include <stdlib.h>
#include <string.h>

/* Filters shared by /tasks and /assignments. */
static int list_query(struct http_req *rq, struct http_resp *rs, struct list_query *q)
{
	memset(q, 0, sizeof *q);
	q->status = -1;
	int64_t limit, after;
	if (q_unit(rq, rs, "unit", &q->unit_id) || q_field(rq, rs, "field", &q->field_id) ||
	    q_date(rq, rs, "as_of", &q->as_of) || q_int(rq, rs, "limit", 1, 500, 50, &limit) ||
	    q_int(rq, rs, "cursor", 0, INT64_MAX, 0, &after) ||
	    q_int(rq, rs, "task", 1, INT64_MAX, 0, &q->task_id))
		return -1;
	q->limit = (int)limit;
	q->after_id = after;
	struct err e;
	const char *status = http_query(rq, "status");
	if (status && *status) {
		q->status = status_from_name(status);
		if (q->status == STATUS_COUNT) {
			err_set(&e, ERR_BAD_REQUEST, "status", "unknown status '%.40s'; use not_started, "
				"in_progress, overdue, done_late or done_on_time", status);
			http_error(rs, &e);
			return -1;
		}
	}
	const char *names[] = {"due_from", "due_to"};
	const char **dst[] = {&q->due_from, &q->due_to};
	for (int i = 0; i < 2; i++) {
		const char *v = http_query(rq, names[i]);
		if (v && *v && date_parse(v) == DATE_NONE) {
			err_set(&e, ERR_BAD_REQUEST, names[i], "'%s' is not a real date YYYY-MM-DD: '%.40s'",
				names[i], v);
			http_error(rs, &e);
			return -1;
		}
		*dst[i] = v && *v ? v : NULL;
	}
	q->q = http_query(rq, "q");
	if (q->q && (!vi_valid_utf8(q->q, strlen(q->q)) || strlen(q->q) > 200)) {
		err_set(&e, ERR_BAD_REQUEST, "q", "'q' must be UTF-8 text of at most 200 bytes");
		http_error(rs, &e);
		return -1;
	}
	return 0;
}

void api_tasks(struct http_req *rq, struct http_resp *rs)
{
	struct list_query q;
	struct err err;
	if (list_query(rq, rs, &q))
		return;
	reply(rs, tracker_tasks(TRACKER(rq), &q, &err), &err);
}

void api_assignments(struct http_req *rq, struct http_resp *rs)
{
	struct list_query q;
	struct err err;
	if (list_query(rq, rs, &q))
		return;
	reply(rs, tracker_assignments(TRACKER(rq), &q, &err), &err);
}

void api_task_create(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	json_t *out = NULL;
	/* deadline_task_create adds "due_workdays" to tracker_task_create. */
	if (deadline_task_create(TRACKER(rq), rq->json, &out, &err) != ERR_OK)
		http_error(rs, &err);
	else
		http_json(rs, 201, out);
}

void api_task(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	int32_t as_of;
	if (path_id(rq, rs, &id) || q_date(rq, rs, "as_of", &as_of))
		return;
	reply(rs, tracker_task(TRACKER(rq), id, as_of, &err), &err);
}

void api_task_patch(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	json_t *out = NULL;
	if (path_id(rq, rs, &id))
		return;
	if (tracker_task_patch(TRACKER(rq), id, rq->json, &out, &err) != ERR_OK)
		http_error(rs, &err);
	else
		http_json(rs, 200, out);
}

void api_assignment(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	int32_t as_of;
	if (path_id(rq, rs, &id) || q_date(rq, rs, "as_of", &as_of))
		return;
	reply(rs, tracker_assignment(TRACKER(rq), id, as_of, &err), &err);
}

void api_reports(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	if (path_id(rq, rs, &id))
		return;
	reply(rs, tracker_reports(TRACKER(rq), id, &err), &err);
}

/* Form fields arrive as text; percent becomes a number as in JSON. */
static json_t *form_body(json_t *form, struct err *err)
{
	json_t *body = json_object();
	const char *key;
	json_t *v;
	json_object_foreach(form, key, v) {
		if (strcmp(key, "percent") == 0) {
			const char *s = json_string_value(v);
			size_t n = strlen(s);
			if (n == 0 || n > 3 || strspn(s, "0123456789") != n) {
				err_set(err, ERR_INVALID, "percent", "'percent' must be a whole number from 0 to 100");
				json_decref(body);
				return NULL;
			}
			json_object_set_new(body, key, json_integer(atoi(s)));
		} else if (json_string_length(v) > 0) {
			json_object_set(body, key, v);
		}
	}
	return body;
}

void api_report_add(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	json_t *out = NULL, *body = rq->json ? json_incref(rq->json) : form_body(rq->form, &err);
	if (!body) {
		http_error(rs, &err);
		return;
	}
	if (path_id(rq, rs, &id)) {
		json_decref(body);
		return;
	}
	if (tracker_report_add(TRACKER(rq), id, body, CALL(rq)->ev, CALL(rq)->nev, &out, &err) != ERR_OK)
		http_error(rs, &err);
	else
		http_json(rs, 201, out);
	json_decref(body);
}

/*
 * Content-Disposition for a download keeping its original (UTF-8) name:
 * an ASCII fallback for old clients and the exact name in RFC 5987 form.
 */
static char *attachment(const char *name)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, "attachment; filename=\"");
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		buf_addc(&b, *p < 0x80 && *p >= 0x20 && *p != '"' && *p != '\\' ? (char)*p : '_');
	buf_adds(&b, "\"; filename*=UTF-8''");
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    strchr("!#$&+-.^_`|~", *p))
			buf_addc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	return buf_detach(&b);
}

void api_report_confirm(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	json_t *out = NULL;
	if (path_id(rq, rs, &id))
		return;
	if (tracker_report_confirm(TRACKER(rq), id, &out, &err) != ERR_OK)
		http_error(rs, &err);
	else
		http_json(rs, 200, out);
}

void api_evidence(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	char *path = NULL;
	json_t *ev = tracker_evidence(TRACKER(rq), route_param(rq, "sha256"), &path, &err);
	if (!ev)
		http_error(rs, &err);
	else
		api_send_stored(rs, ev, path);
}

void api_send_stored(struct http_resp *rs, json_t *ev, char *path)
{
	/* The stored type was sniffed on upload; serve it as a download. */
	static const char *const types[] = {"application/pdf", "image/png", "image/jpeg",
		"text/plain; charset=utf-8",
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		"application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet"};
	const char *mime = json_string_value(json_object_get(ev, "mime"));
	rs->content_type = "application/octet-stream";
	for (size_t i = 0; i < ARRAY_LEN(types); i++)
		if (strcmp(types[i], mime) == 0)
			rs->content_type = types[i];
	rs->status = 200;
	rs->file = path;
	rs->cache = "private, max-age=31536000, immutable";
	rs->disposition = attachment(json_string_value(json_object_get(ev, "filename")));
	json_decref(ev);
}

void api_dashboard(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	struct dashboard_query q = {0};
	int64_t limit;
	if (q_date(rq, rs, "as_of", &q.as_of) || q_field(rq, rs, "field", &q.field_id) ||
	    q_unit(rq, rs, "root", &q.root_id) || q_int(rq, rs, "limit", 0, 100000, 0, &limit))
		return;
	q.limit = (int)limit;
	const char *kind = http_query(rq, "kind");
	if (kind && *kind) {
		/* A comma-separated list of kinds. */
		char *copy = xstrdup(kind), *save = NULL;
		for (char *k = strtok_r(copy, ",", &save); k; k = strtok_r(NULL, ",", &save)) {
			unsigned bit = unit_kind_bit(k);
			if (!bit) {
				err_set(&err, ERR_BAD_REQUEST, "kind", "unknown unit kind '%.40s'", k);
				http_error(rs, &err);
				free(copy);
				return;
			}
			q.kind_mask |= bit;
		}
		free(copy);
	}
	reply(rs, tracker_dashboard(TRACKER(rq), &q, &err), &err);
}
