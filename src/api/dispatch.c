/*
 * dispatch.c — the API as the HTTP server's dispatcher.  Before any byte
 * of a body is accepted it finds the route, learns who asks (an API token
 * or a session cookie), checks the session's CSRF token and the route's
 * coarse permission, and, for a route that stores uploads, whether the
 * principal may act on the target at all: an upload is stored only for
 * one who may make it.  Then it runs the handler inside the request's
 * audit attribution.
 */
#include "base/base.h"
#include "api/api.h"
#include "domain/par_int.h"
#include "domain/case_documents.h"
#include "domain/feedback.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* One uploaded file on its way into evidence storage. */
struct api_upload {
	struct evidence_upload up;
	char *name;			/* as the client named it (owned) */
};

static int changes(const struct http_req *rq)
{
	return strcmp(rq->method, "GET") != 0 && strcmp(rq->method, "HEAD") != 0;
}

/* Fills c->principal for the request's credential. */
static enum err_code find_principal(struct api_call *c, struct http_req *rq, struct err *err)
{
	struct tracker tr = c->app->tracker;
	const char *auth = http_header(rq, "Authorization");
	const char *cookie = http_cookie(rq, "cchc_session");
	int bearer = auth && strncasecmp(auth, "Bearer ", 7) == 0;
	if (!bearer && !cookie)
		return err_set(err, ERR_UNAUTHORIZED, "", "sign in first");
	/* "b:" and "c:" keep a token and a cookie of the same text apart. */
	char *credential = xasprintf("%c:%s", bearer ? 'b' : 'c', bearer ? auth + 7 : cookie);
	enum err_code rc = ERR_OK;
	/* A repeated request does not hash and look its credential up again;
	 * the memo is dropped on any change (a revoked token, a sign-out, a
	 * disabled account all write) and within a minute (a session's expiry). */
	if (!http_memo_get(rq, credential, &c->principal, sizeof c->principal)) {
		rc = bearer ? auth_bearer(&tr, auth + 7, &c->principal, err)
			    : auth_session(&tr, cookie, &c->principal, err);
		if (rc == ERR_OK)
			http_memo_put(rq, credential, &c->principal, sizeof c->principal);
	}
	sodium_memzero(credential, strlen(credential));
	free(credential);
	return rc;
}

/*
 * Who is asking.  A browser session must also send its CSRF token with
 * every request that changes something; API tokens are not sent by
 * browsers on their own, so they need none.  Then the route's action must
 * be open to one of the principal's roles.
 */
static enum err_code authenticate(struct api_call *c, struct http_req *rq, struct err *err)
{
	enum err_code rc = find_principal(c, rq, err);
	if (rc)
		return rc;
	const struct principal *p = &c->principal;
	if (changes(rq) && !p->by_token) {
		const char *csrf = http_header(rq, "X-CSRF-Token");
		if (!csrf || sodium_memcmp(csrf, p->csrf, strlen(p->csrf)) != 0 || strlen(csrf) != strlen(p->csrf))
			return err_set(err, ERR_FORBIDDEN, "", "missing or wrong X-CSRF-Token for this session");
	}
	if (!auth_may(p, c->route->action))
		return err_set(err, ERR_FORBIDDEN, "", "%s may not do this", p->name);
	c->who = p;
	return ERR_OK;
}

/*
 * Uploads are stored as they arrive, before the handler runs, so a route
 * that takes them must know here whether the principal may act on its
 * target.  A new upload route adds its check here.
 */
static enum err_code may_upload(struct api_call *c, struct http_req *rq, struct err *err)
{
	int64_t id;
	if (c->route->body == BODY_JSON_OR_FORM_UPLOAD) {
		/* The public feedback form: anyone may attach, within its settings. */
		c->upload_limited = 1;
		return feedback_upload_limits(&c->tracker, &c->upload_max_files, &c->upload_max_bytes, err);
	}
	switch (c->route->action) {
	case ACT_REPORT:
		if (route_id(rq, &id, err) != ERR_OK)
			return err->code;
		return tracker_may_report(&c->tracker, id, err);
	case ACT_PAR_SCORE: {
		if (route_id(rq, &id, err) != ERR_OK)
			return err->code;
		json_t *a = par_assessment_for(&c->tracker, id, ACT_PAR_SCORE, err);
		json_decref(a);
		return a ? ERR_OK : err->code;
	}
	case ACT_DISCIPLINE:
	case ACT_INSPECT:
		if (route_id(rq, &id, err) != ERR_OK)
			return err->code;
		return case_document_may_attach(&c->tracker,
						c->route->action == ACT_INSPECT ? DOC_INSPECTION : DOC_DISCIPLINE_CASE, id,
						err);
	default:
		return err_set(err, ERR_INTERNAL, "", "uploads to this route have no permission check");
	}
}

static enum err_code api_begin(void *app, struct http_req *rq, enum http_body *body, int *wrong_method,
			       struct err *err)
{
	struct api_call *c = xcalloc(1, sizeof *c);
	rq->ctx = c;
	c->app = app;
	c->tracker = c->app->tracker;
	c->tracker.address = rq->address;
	int known = 0;
	c->route = route_find(rq->method, rq->path, &c->params, &known);
	if (!c->route) {
		*wrong_method = known;
		return err_set(err, ERR_NOT_FOUND, "", known ? "this method is not allowed here"
							 : "no such page or API endpoint");
	}
	*body = c->route->body;
	size_t nroutes;
	rq->route = (int)(c->route - route_table(&nroutes));
	enum err_code rc = authenticate(c, rq, err);
	/* The log names who asked, also when they were refused. */
	rq->account_id = c->principal.account_id;
	if (rc && !(c->route->flags & ROUTE_PUBLIC))
		return rc;
	/* A public route still learns who is asking, when anyone is. */
	if (rc)
		memset(err, 0, sizeof *err);
	c->tracker.who = c->who;
	/* What a principal may see depends only on its unit and roles; a
	 * public page answers HTML or JSON as Accept asks. */
	snprintf(rq->scope, sizeof rq->scope, "%lld/%u%s", c->who ? (long long)c->who->unit_id : -1LL,
		 c->who ? c->who->roles : 0u, api_wants_json(rq) ? "/json" : "");
	if (c->route->body == BODY_JSON_OR_UPLOAD || c->route->body == BODY_JSON_OR_FORM_UPLOAD)
		return may_upload(c, rq, err);
	return ERR_OK;
}

static void api_run(struct http_req *rq, struct http_resp *rs)
{
	struct api_call *c = CALL(rq);
	/* Changes made by this request are recorded in the audit trail as its principal's. */
	int audited = c->who && changes(rq);
	if (audited)
		tracker_attribution_begin(&c->tracker);
	c->route->handler(rq, rs);
	if (audited)
		tracker_attribution_end(&c->tracker);
}

static void api_end(struct http_req *rq)
{
	struct api_call *c = CALL(rq);
	if (!c)
		return;
	for (size_t i = 0; i < c->nev; i++) {
		evidence_abort(&c->uploads[i].up);
		free(c->uploads[i].name);
	}
	free(c->uploads);
	free(c->ev);
	route_params_release(&c->params);
	free(c);
	rq->ctx = NULL;
}

static enum err_code api_upload_open(struct http_req *rq, const char *name, size_t max, struct err *err)
{
	struct api_call *c = CALL(rq);
	if (c->upload_limited) {
		if (c->nev >= c->upload_max_files)
			return err_set(err, ERR_TOO_LARGE, "attachment", "at most %zu files may be attached",
				       c->upload_max_files);
		if (max > c->upload_max_bytes)
			max = c->upload_max_bytes;
	}
	c->uploads = xrealloc(c->uploads, (c->nev + 1) * sizeof *c->uploads);
	c->ev = xrealloc(c->ev, (c->nev + 1) * sizeof *c->ev);
	struct api_upload *u = &c->uploads[c->nev];
	memset(u, 0, sizeof *u);
	memset(&c->ev[c->nev], 0, sizeof *c->ev);
	c->nev++;
	u->up.fd = -1;
	u->name = xstrdup(name);
	return evidence_begin(&u->up, c->app->tracker.data_dir, max, err);
}

static enum err_code api_upload_write(struct http_req *rq, const void *data, size_t len, struct err *err)
{
	struct api_call *c = CALL(rq);
	return evidence_write(&c->uploads[c->nev - 1].up, data, len, err);
}

static enum err_code api_upload_close(struct http_req *rq, struct err *err)
{
	struct api_call *c = CALL(rq);
	struct api_upload *u = &c->uploads[c->nev - 1];
	return evidence_finish(&u->up, c->app->tracker.data_dir, u->name, &c->ev[c->nev - 1], err);
}

/* A refusal of the public's form (too many files, a sender over the limit)
 * is a page for a browser, as the form's own answers are. */
static void api_refuse(struct http_req *rq, struct http_resp *rs, const struct err *err)
{
	const struct api_call *c = CALL(rq);
	const struct route *r = c ? c->route : NULL;
	if (r && (r->flags & ROUTE_PUBLIC) && (r->body == BODY_JSON_OR_FORM || r->body == BODY_JSON_OR_FORM_UPLOAD))
		api_public_refused(rq, rs, err);
	else
		http_error(rs, err);
}

void api_dispatch(struct app *app, struct http_dispatch *d)
{
	*d = (struct http_dispatch){.app = app, .begin = api_begin, .run = api_run, .refuse = api_refuse,
				    .end = api_end, .upload_open = api_upload_open, .upload_write = api_upload_write,
				    .upload_close = api_upload_close};
}
