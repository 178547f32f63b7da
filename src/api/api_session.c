/* api_session.c — signing in and out, and the audit trail. */
#include "base/base.h"
#include "api/api.h"
#include "domain/discipline.h"
#include "domain/input.h"

#include <stdlib.h>
#include <string.h>

/* The answer about signed-in official who: the principal, whether they see
 * discipline cases, and how the page shrinks evidence photos. */
static json_t *session_json(struct http_req *rq, const struct principal *who)
{
	const struct app *app = CALL(rq)->app;
	json_t *me = auth_principal_json(TRACKER(rq), who);
	json_object_set_new(me, "signed_in", json_true());
	json_object_set_new(me, "sees_discipline", json_boolean(discipline_visible(TRACKER(rq), who)));
	json_object_set_new(me, "photo", json_pack("{s:i, s:f}", "max_px", app->photo_max_px,
						   "quality", app->photo_quality / 100.0));
	return me;
}

void api_login(struct http_req *rq, struct http_resp *rs)
{
	static const char *const allowed[] = {"name", "password", NULL};
	struct err err;
	char *name = NULL, *password = NULL;
	if (in_only(rq->json, allowed, &err) || in_text(rq->json, "name", true, 64, &name, &err) ||
	    in_text(rq->json, "password", true, 200, &password, &err)) {
		http_error(rs, &err);
		goto out;
	}
	struct principal who;
	char token[AUTH_TOKEN_HEX + 1];
	/* The sign-in (or the failure) is recorded under the name given. */
	enum err_code rc = auth_login(TRACKER(rq), name, password, token, &who, &err);
	if (rc) {
		http_error(rs, &err);
		goto out;
	}
	const char *proto = http_header(rq, "X-Forwarded-Proto");
	int tls = proto && strcmp(proto, "https") == 0;
	/* cchc_home, readable by the page, names the unit it starts on, so
	 * that its data is asked for with the session, not after (web/start.js). */
	rs->set_cookie = xasprintf("cchc_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s\n"
				   "cchc_home=%lld; Path=/; SameSite=Strict; Max-Age=%d%s",
				   token, AUTH_SESSION_HOURS * 3600, tls ? "; Secure" : "",
				   (long long)auth_home_unit(&who), AUTH_SESSION_HOURS * 3600, tls ? "; Secure" : "");
	http_json(rs, 201, session_json(rq, &who));
out:
	if (password)
		memset(password, 0, strlen(password));
	free(name);
	free(password);
}

/* Public, so that a page can ask without an error: {"signed_in": false}
 * or the principal with "signed_in": true. */
void api_whoami(struct http_req *rq, struct http_resp *rs)
{
	const struct principal *who = CALL(rq)->who;
	if (!who) {
		http_json(rs, 200, json_pack("{s:b}", "signed_in", 0));
		return;
	}
	http_json(rs, 200, session_json(rq, who));
}

void api_logout(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	if (auth_logout(TRACKER(rq), &err)) {
		http_error(rs, &err);
		return;
	}
	rs->set_cookie = xstrdup("cchc_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0\n"
				 "cchc_home=; Path=/; SameSite=Strict; Max-Age=0");
	http_json(rs, 200, json_pack("{s:s}", "status", "signed out"));
}

void api_history(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	const char *entity = http_query(rq, "entity");
	int64_t id;
	if (!entity || !*entity) {
		err_set(&err, ERR_BAD_REQUEST, "entity", "name the entity: task, assignment, unit or account");
		http_error(rs, &err);
		return;
	}
	if (q_int(rq, rs, "id", 1, INT64_MAX, 0, &id))
		return;
	reply(rs, tracker_history(TRACKER(rq), entity, id, &err), &err);
}

void api_audit_export(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	reply(rs, tracker_audit_export(TRACKER(rq), &err), &err);
	if (rs->status == 200)
		rs->disposition = xstrdup("attachment; filename=\"cchc-audit.json\"");
}
