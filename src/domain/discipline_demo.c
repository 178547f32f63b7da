/*
 * discipline_demo.c — the demo's one discipline case (issue 15), from the
 * seed file demo-discipline-2026.json: an official of a commune whose
 * inspection found lapses in working hours, the case linked to that
 * finding, taken through review, council and decision by the same domain
 * functions as the API.
 */
#include "base/base.h"
#include "base/embed.h"
#include "domain/discipline.h"
#include "store/store.h"

/* The case body with "findings": the ids of the named unit's findings. */
static json_t *case_body(struct tracker *tr, json_t *demo, struct err *err)
{
	const char *unit = json_string_value(json_object_get(demo, "findings_of_unit"));
	json_t *found = store_findings(tr->store, 0, unit ? tracker_unit_ref(tr, unit) : 0, NULL, err), *f;
	if (!found)
		return NULL;
	json_t *body = json_deep_copy(json_object_get(demo, "case")), *ids = json_array();
	size_t i;
	json_array_foreach(found, i, f)
		json_array_append(ids, json_object_get(f, "id"));
	json_object_set_new(body, "findings", ids);
	json_decref(found);
	return body;
}

enum err_code discipline_demo_load(struct tracker *tr, struct err *err)
{
	const struct embed_file *file = embed_find(embed_seed, "demo-discipline-2026.json");
	json_error_t je;
	json_t *demo = file ? json_loadb((const char *)file->data, file->len, 0, &je) : NULL, *body, *out = NULL;
	if (!demo)
		return err_set(err, ERR_INTERNAL, "", "the demo's discipline case is missing or broken");
	enum err_code rc = (body = case_body(tr, demo, err)) ? discipline_case_create(tr, body, &out, err) : err->code;
	int64_t id = json_integer_value(json_object_get(out, "id"));
	json_decref(body);
	json_decref(out);
	size_t i;
	json_t *step;
	json_array_foreach(json_object_get(demo, "steps"), i, step) {
		if (rc)
			break;
		rc = discipline_case_step(tr, id, step, NULL, err);
	}
	json_decref(demo);
	return rc;
}
