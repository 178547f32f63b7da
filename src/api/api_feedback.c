/*
 * api_feedback.c — citizens' feedback on administrative regulations (issue 17):
 *   POST /public/feedback                  the public form (JSON or a form post), no account
 *   GET  /public/feedback/{code}           its status, without contact details (HTML
 *                                          unless JSON is asked for)
 *   POST /public/feedback/{code}           the rating from the status page's form
 *   POST /public/feedback/{code}/rating    {"satisfied"}, once
 *   GET  /api/v1/feedback                  ?status=&state=&unit=&due_before=&as_of=
 *   POST /api/v1/feedback                  entered by the receiving unit
 *   GET  /api/v1/feedback/stats            ?as_of=
 *   GET|PUT /api/v1/feedback/settings
 *   GET  /api/v1/feedback/{id}
 *   POST /api/v1/feedback/{id}/classify | answer | approve | extend | mark
 *   GET  /public/feedback/challenge        a proof-of-work challenge
 *   GET  /api/v1/feedback/{id}/attachments[/{attachment}]  the sender's files
 */
#include "base/base.h"
#include "base/date.h"
#include "api/api.h"
#include "domain/feedback.h"
#include "report/opendata.h"

#include <string.h>
#include <strings.h>

/* Renders a step's outcome: status with out, or the error. */
static void done(struct http_resp *rs, int status, enum err_code rc, json_t *out, const struct err *err)
{
	if (rc != ERR_OK)
		http_error(rs, err);
	else
		http_json(rs, status, out);
}

/* The page's language: ?lang=en, else Vietnamese. */
static const char *page_lang(struct http_req *rq)
{
	const char *lang = http_query(rq, "lang");
	return lang && strcmp(lang, "en") == 0 ? "en" : "vi";
}

/* A browser's answer: HTML, unless JSON is asked for (Accept) or was sent
 * (also when it could not be read). */
static int wants_html(struct http_req *rq)
{
	const char *type = http_header(rq, "Content-Type");
	return !rq->json && !api_wants_json(rq) && !(type && strncasecmp(type, "application/json", 16) == 0);
}

/*
 * The body as the domain reads it: the JSON sent, or the form's fields as
 * strings, those named in booleans read as true ("true", "1", "on") or
 * false ("false", "0"; anything else stays text, which the domain
 * refuses).  NULL with err when a field is not UTF-8.  Caller releases.
 */
static json_t *form_body(struct http_req *rq, const char *const *booleans, struct err *err)
{
	if (rq->json)
		return json_incref(rq->json);
	json_t *out = json_object(), *v;
	const char *key;
	json_object_foreach(rq->form, key, v) {
		const char *text = json_string_value(v);
		size_t len = json_string_length(v);
		int boolean = 0;
		for (const char *const *b = booleans; *b && !boolean; b++)
			boolean = strcmp(*b, key) == 0;
		int yes = strcmp(text, "true") == 0 || strcmp(text, "1") == 0 || strcmp(text, "on") == 0;
		int no = strcmp(text, "false") == 0 || strcmp(text, "0") == 0;
		json_t *value = boolean && (yes || no) ? json_boolean(yes) : json_stringn(text, len);
		if (!value) {
			json_decref(out);
			err_set(err, ERR_BAD_REQUEST, key, "'%s' is not UTF-8 text", key);
			return NULL;
		}
		json_object_set_new(out, key, value);
	}
	return out;
}

/* The tracking page of code (HTML), with status; or the error as a page. */
static void status_page(struct http_req *rq, struct http_resp *rs, int status, const char *code)
{
	struct err err;
	json_t *st = feedback_public(TRACKER(rq), code, &err);
	buf_reset(&rs->body);
	if (st)
		feedback_status_html(st, page_lang(rq), &rs->body);
	else
		public_error_html(&err, page_lang(rq), &rs->body);
	rs->status = st ? status : http_status_of(err.code);
	rs->content_type = "text/html; charset=utf-8";
	json_decref(st);
}

/* A step's outcome for the public: the status page (HTML) or out (JSON). */
static void public_done(struct http_req *rq, struct http_resp *rs, int status, enum err_code rc, json_t *out,
			const char *code, const struct err *err)
{
	if (!wants_html(rq)) {
		done(rs, status, rc, out, err);
		return;
	}
	if (rc == ERR_OK)
		status_page(rq, rs, status, code);
	else
		api_public_refused(rq, rs, err);
	json_decref(out);
}

void api_public_refused(struct http_req *rq, struct http_resp *rs, const struct err *err)
{
	if (!wants_html(rq)) {
		http_error(rs, err);
		return;
	}
	public_error_html(err, page_lang(rq), &rs->body);
	rs->status = http_status_of(err->code);
	rs->content_type = "text/html; charset=utf-8";
	rs->retry_after = err->retry_after;
}

void api_feedback_submit(struct http_req *rq, struct http_resp *rs)
{
	static const char *const booleans[] = {"consent_publish", NULL};
	struct err err;
	json_t *out = NULL, *body = form_body(rq, booleans, &err);
	enum err_code rc = body ? feedback_submit(TRACKER(rq), body, CALL(rq)->ev, CALL(rq)->nev, &out, &err) : err.code;
	public_done(rq, rs, 201, rc, out, rc ? NULL : json_string_value(json_object_get(out, "code")), &err);
	json_decref(body);
}

void api_feedback_public(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	if (wants_html(rq))
		status_page(rq, rs, 200, route_param(rq, "code"));
	else
		reply(rs, feedback_public(TRACKER(rq), route_param(rq, "code"), &err), &err);
}

void api_feedback_rate(struct http_req *rq, struct http_resp *rs)
{
	static const char *const booleans[] = {"satisfied", NULL};
	struct err err;
	json_t *out = NULL, *body = form_body(rq, booleans, &err);
	enum err_code rc = body ? feedback_rate(TRACKER(rq), route_param(rq, "code"), body, &out, &err) : err.code;
	public_done(rq, rs, 200, rc, out, route_param(rq, "code"), &err);
	json_decref(body);
}

void api_feedback_list(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	const char *marked = http_query(rq, "marked");
	struct feedback_query q = {.status = http_query(rq, "status"), .state = http_query(rq, "state"),
				   .due_before = DATE_NONE, .marked = marked && strcmp(marked, "1") == 0};
	const char *due = http_query(rq, "due_before");
	if (marked && strcmp(marked, "0") != 0 && !q.marked) {
		err_set(&err, ERR_BAD_REQUEST, "marked", "'marked' is 1 (only the marked) or 0");
		http_error(rs, &err);
		return;
	}
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
	else if (strcmp(last, "mark") == 0)
		rc = feedback_mark(TRACKER(rq), id, rq->json, &out, &err);
	else
		rc = feedback_extend(TRACKER(rq), id, rq->json, &out, &err);
	done(rs, 200, rc, out, &err);
}

void api_feedback_challenge(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	reply(rs, feedback_challenge(TRACKER(rq), &err), &err);
	/* Each answer is new and is for this address only. */
	rs->cache = "no-store";
}

void api_feedback_attachments(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	if (path_id(rq, rs, &id))
		return;
	reply(rs, feedback_attachments(TRACKER(rq), id, &err), &err);
}

void api_feedback_attachment(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id, attachment;
	char *path = NULL;
	json_t *one = NULL;
	if (path_id(rq, rs, &id))
		return;
	if (route_id_named(rq, "attachment", &attachment, &err) == ERR_OK)
		one = feedback_attachment_get(TRACKER(rq), id, attachment, &path, &err);
	if (one)
		api_send_stored(rs, one, path);
	else
		http_error(rs, &err);
}
