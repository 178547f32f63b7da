/* audit.c — checking the audit trail's hash chain. */
#include "base/base.h"
#include "domain/tracker.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

struct verify_ctx {
	struct audit_verdict *v;
	char prev[65];
	FILE *out;		/* export: every record that holds, as a JSON line */
};

static int check(void *ctx, json_t *row)
{
	struct verify_ctx *c = ctx;
	struct audit_verdict *v = c->v;
	int64_t id = json_integer_value(json_object_get(row, "id"));
	static const char *const keys[] = {"prev_hash", "at", "actor", "address", "action", "entity",
					   "entity_id", "detail"};
	const char *f[ARRAY_LEN(keys)];
	for (size_t i = 0; i < ARRAY_LEN(keys); i++)
		f[i] = json_string_value(json_object_get(row, keys[i]));
	char hash[65];
	store_audit_hash(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], hash);
	/* Records are numbered 1, 2, 3 ... with no gap. */
	if (id != v->records + 1)
		v->why = "a record before it is missing (deleted)";
	else if (!f[0] || strcmp(f[0], c->prev) != 0)
		v->why = "its prev_hash does not match the record before it";
	else if (strcmp(hash, json_string_value(json_object_get(row, "hash"))) != 0)
		v->why = "its content does not match its hash (edited)";
	if (v->why) {
		v->broken = id;
		return 1;
	}
	if (c->out) {
		char *line = json_dumps(row, JSON_COMPACT);
		fprintf(c->out, "%s\n", line);
		free(line);
	}
	memcpy(c->prev, hash, sizeof c->prev);
	v->records++;
	return 0;
}

enum err_code tracker_audit_verify(struct tracker *tr, FILE *export, struct audit_verdict *v,
				   struct err *err)
{
	memset(v, 0, sizeof *v);
	enum err_code rc = auth_require(tr->who, ACT_AUDIT_EXPORT, NULL, err);
	if (rc)
		return rc;
	struct verify_ctx c = {.v = v, .out = export};
	if ((rc = store_audit_scan(tr->store, check, &c, err)) == ERR_OK)
		memcpy(v->head, c.prev, sizeof v->head);
	return rc;
}
