/* api_session.c — signing in and out, and the audit trail. */
#include "base/base.h"
#include "api/api.h"
#include "domain/input.h"
#include "store/store.h"

#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

static json_t *principal_json(struct http_req *rq, const struct principal *who)
{
	json_t *roles = json_array();
	for (unsigned bit = 1; bit <= ROLE_VIEWER; bit <<= 1)
		if (who->roles & bit)
			json_array_append_new(roles, json_string(auth_role_name(bit)));
	json_t *out = json_pack("{s:s, s:I, s:o, s:s?}", "name", who->name, "unit_id", (json_int_t)who->unit_id,
				"roles", roles, "csrf", who->csrf[0] ? who->csrf : NULL);
	struct err ignored;
	json_t *unit = store_unit_get(rq->tracker.store, who->unit_id, &ignored);
	if (unit) {
		json_object_set(out, "unit_code", json_object_get(unit, "code"));
		json_object_set(out, "unit_name", json_object_get(unit, "name"));
		json_decref(unit);
	}
	return out;
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
	const char *proto = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "X-Forwarded-Proto");
	int tls = proto && strcmp(proto, "https") == 0;
	rs->set_cookie = xasprintf("cchc_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s", token,
				   AUTH_SESSION_HOURS * 3600, tls ? "; Secure" : "");
	http_json(rs, 201, principal_json(rq, &who));
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
	if (!rq->who) {
		http_json(rs, 200, json_pack("{s:b}", "signed_in", 0));
		return;
	}
	json_t *me = principal_json(rq, rq->who);
	json_object_set_new(me, "signed_in", json_true());
	http_json(rs, 200, me);
}

void api_logout(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	if (auth_logout(TRACKER(rq), &err)) {
		http_error(rs, &err);
		return;
	}
	rs->set_cookie = xstrdup("cchc_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
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
