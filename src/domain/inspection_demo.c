/*
 * inspection_demo.c — the demo's inspections (issue 15), from the seed file
 * demo-inspections-2026.json: Sở Nội vụ's 2026 plan, two concluded
 * inspections whose findings stand in every state (open, remedied and
 * awaiting verification, returned, accepted) and one still planned.  The
 * steps go through the same domain functions as the API; only the units'
 * remediation reports are written with their own past dates, as the rest
 * of the demo's progress is.
 */
#include "base/base.h"
#include "base/embed.h"
#include "domain/inspection.h"
#include "store/store.h"

#include <string.h>

#define DEMO_REPORTER "Cán bộ CCHC (dữ liệu demo)"

/* A copy of obj without the keys listed (NULL-terminated); the caller owns it. */
static json_t *without(json_t *obj, const char *const *keys)
{
	json_t *copy = json_deep_copy(obj);
	for (const char *const *k = keys; *k; k++)
		json_object_del(copy, *k);
	return copy;
}

/* Calls fn(tr, id, body) and releases body and the result. */
static enum err_code step(enum err_code (*fn)(struct tracker *, int64_t, json_t *, json_t **, struct err *),
			  struct tracker *tr, int64_t id, json_t *body, json_t **out, struct err *err)
{
	json_t *result = NULL;
	enum err_code rc = fn(tr, id, body, &result, err);
	json_decref(body);
	if (out)
		*out = result;
	else
		json_decref(result);
	return rc;
}

/* The unit's report on the finding's assignment, and the verification if any. */
static enum err_code remedy(struct tracker *tr, json_t *finding, json_t *rem, struct err *err)
{
	int percent = (int)json_integer_value(json_object_get(rem, "percent"));
	const char *on = json_string_value(json_object_get(rem, "on"));
	struct report_new r = {.assignment_id = json_integer_value(json_object_get(finding, "assignment_id")),
		.percent = percent, .note = "", .reported_on = on, .completed_on = percent == 100 ? on : NULL,
		.reporter = DEMO_REPORTER};
	enum err_code rc = store_report_add(tr->store, &r, NULL, err);
	const char *verify = json_string_value(json_object_get(rem, "verify"));
	if (rc || !verify)
		return rc;
	json_t *body = json_pack("{ss}", "decision", verify);
	if (json_object_get(rem, "reason"))
		json_object_set(body, "reason", json_object_get(rem, "reason"));
	return step(finding_verify, tr, json_integer_value(json_object_get(finding, "id")), body, NULL, err);
}

/* One inspection of plan: created, and started, concluded and given its
 * findings when the spec says so. */
static enum err_code load_inspection(struct tracker *tr, int64_t plan, json_t *spec, struct err *err)
{
	static const char *const steps[] = {"started_on", "concluded_on", "conclusion", "findings", NULL};
	static const char *const rem_key[] = {"remediation", NULL};
	json_t *body = without(spec, steps), *out = NULL;
	json_object_set_new(body, "plan_id", json_integer(plan));
	enum err_code rc = inspection_create(tr, body, &out, err);
	json_decref(body);
	int64_t id = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	if (rc || !json_object_get(spec, "started_on"))
		return rc;
	if ((rc = step(inspection_start, tr, id, json_pack("{sO}", "started_on", json_object_get(spec, "started_on")),
		       NULL, err)) ||
	    (rc = step(inspection_conclude, tr, id,
		       json_pack("{sOsO}", "conclusion", json_object_get(spec, "conclusion"), "concluded_on",
				 json_object_get(spec, "concluded_on")), NULL, err)))
		return rc;
	size_t i;
	json_t *f;
	json_array_foreach(json_object_get(spec, "findings"), i, f) {
		json_t *finding = NULL;
		if ((rc = step(finding_create, tr, id, without(f, rem_key), &finding, err)))
			return rc;
		if (json_object_get(f, "remediation"))
			rc = remedy(tr, finding, json_object_get(f, "remediation"), err);
		json_decref(finding);
		if (rc)
			return rc;
	}
	return ERR_OK;
}

enum err_code inspection_demo_load(struct tracker *tr, struct err *err)
{
	const struct embed_file *file = embed_find(embed_seed, "demo-inspections-2026.json");
	json_error_t je;
	json_t *demo = file ? json_loadb((const char *)file->data, file->len, 0, &je) : NULL, *plan = NULL;
	if (!demo)
		return err_set(err, ERR_INTERNAL, "", "the demo's inspections are missing or broken");
	enum err_code rc = inspection_plan_create(tr, json_object_get(demo, "plan"), &plan, err);
	int64_t plan_id = json_integer_value(json_object_get(plan, "id"));
	size_t i;
	json_t *spec;
	json_array_foreach(json_object_get(demo, "inspections"), i, spec) {
		if (rc)
			break;
		rc = load_inspection(tr, plan_id, spec, err);
	}
	json_decref(plan);
	json_decref(demo);
	return rc;
}
