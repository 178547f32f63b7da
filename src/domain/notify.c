/* notify.c — notifications and mail contacts, each checked against the unit they belong to. */
#include "base/base.h"
#include "domain/input.h"
#include "domain/notify.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

static enum err_code unit_permits(struct tracker *tr, enum action act, int64_t unit_id, struct err *err)
{
	struct permit_target whose = {.unit_id = unit_id};
	return auth_require(tr->who, act, &whose, err);
}

json_t *notify_list(struct tracker *tr, int64_t unit_id, bool unread_only, int limit, int64_t before_id,
		    struct err *err)
{
	if (unit_permits(tr, ACT_READ_REPORTS, unit_id, err))
		return NULL;
	/* One more row than asked tells whether there is a next page. */
	json_t *items = store_notifications(tr->store, unit_id, unread_only, limit + 1, before_id, err);
	if (!items)
		return NULL;
	json_t *next = json_null();
	if ((int)json_array_size(items) > limit) {
		json_array_remove(items, (size_t)limit);
		next = json_incref(json_object_get(json_array_get(items, (size_t)limit - 1), "id"));
	}
	return json_pack("{s:o, s:I, s:o}", "items", items, "unread",
			 (json_int_t)store_notifications_unread(tr->store, unit_id), "next_before", next);
}

json_t *notify_mark_read(struct tracker *tr, int64_t id, struct err *err)
{
	json_t *n = store_notification_get(tr->store, id, err);
	if (!n)
		return NULL;
	int64_t unit_id = json_integer_value(json_object_get(n, "unit_id"));
	json_decref(n);
	if (unit_permits(tr, ACT_READ_REPORTS, unit_id, err))
		return NULL;
	return store_notification_read(tr->store, id, err);
}

json_t *notify_contacts(struct tracker *tr, int64_t unit_id, struct err *err)
{
	if (unit_permits(tr, ACT_READ_REPORTS, unit_id, err))
		return NULL;
	return store_contacts(tr->store, unit_id, NULL, err);
}

/* A plain check, not RFC 5321: one @, something either side, a dot after it,
 * no spaces or characters that could break an SMTP command or a header. */
static bool plausible_email(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.') || at[1] == '.')
		return false;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || strchr("<>()[]\\,;:\"", *p) || (unsigned char)*p >= 0x7f)
			return false;
	return s[strlen(s) - 1] != '.';
}

enum err_code notify_contact_add(struct tracker *tr, int64_t unit_id, json_t *body, json_t **out,
				 struct err *err)
{
	static const char *const allowed[] = {"role", "email", "name", NULL};
	char *role = NULL, *email = NULL, *name = NULL;
	enum err_code rc;
	int64_t id = 0;
	if ((rc = unit_permits(tr, ACT_CONFIGURE, unit_id, err)))
		return rc;
	if ((rc = in_only(body, allowed, err)) || (rc = in_text(body, "role", true, 10, &role, err)) ||
	    (rc = in_text(body, "email", true, 254, &email, err)) ||
	    (rc = in_text(body, "name", false, 200, &name, err)))
		goto out;
	if (strcmp(role, "head") != 0 && strcmp(role, "officer") != 0) {
		rc = err_set(err, ERR_INVALID, "role", "'role' must be \"head\" or \"officer\"");
		goto out;
	}
	if (!plausible_email(email)) {
		rc = err_set(err, ERR_INVALID, "email", "'email' is not an e-mail address: %.60s", email);
		goto out;
	}
	tracker_attribution_begin(tr);
	rc = store_contact_add(tr->store, unit_id, role, email, name, &id, err);
	tracker_attribution_end(tr);
	if (rc)
		goto out;
	*out = json_pack("{s:I, s:I, s:s, s:s, s:s}", "id", (json_int_t)id, "unit_id",
			 (json_int_t)unit_id, "role", role, "email", email, "name", name ? name : "");
out:
	free(role);
	free(email);
	free(name);
	return rc;
}

enum err_code notify_contact_remove(struct tracker *tr, int64_t id, struct err *err)
{
	/* Contacts are few (a head and an officer or two per unit): find the
	 * unit among them all. */
	json_t *all = store_contacts(tr->store, 0, NULL, err);
	if (!all)
		return err->code;
	int64_t unit_id = 0;
	size_t i;
	json_t *c;
	json_array_foreach(all, i, c)
		if (json_integer_value(json_object_get(c, "id")) == id)
			unit_id = json_integer_value(json_object_get(c, "unit_id"));
	json_decref(all);
	if (!unit_id)
		return err_set(err, ERR_NOT_FOUND, "id", "no contact %lld", (long long)id);
	enum err_code rc = unit_permits(tr, ACT_CONFIGURE, unit_id, err);
	if (rc)
		return rc;
	tracker_attribution_begin(tr);
	rc = store_contact_delete(tr->store, id, err);
	tracker_attribution_end(tr);
	return rc;
}
