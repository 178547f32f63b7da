/*
 * par_evidence.c — evidence per sub-criterion of a PAR assessment, and
 * the "source" a criteria set gives a leaf that the system can propose
 * (the proposals themselves: report/par_proposal.c).
 */
#include "base/base.h"
#include "domain/auth.h"
#include "domain/input.h"
#include "domain/par_evidence.h"
#include "domain/par_int.h"
#include "domain/tracker.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

enum err_code par_source_read(json_t *node, json_t *params, struct err *err)
{
	static const char *const sources[] = {"tasks_on_time", "reports_on_time", "indicators_met",
					      "feedback_on_time"};
	const char *s = json_string_value(json_object_get(node, "source"));
	for (size_t i = 0; s && i < ARRAY_LEN(sources); i++)
		if (strcmp(s, sources[i]) == 0) {
			json_object_set_new(params, "source", json_string(sources[i]));
			return ERR_OK;
		}
	return err_set(err, ERR_INVALID, "source", "'source' is tasks_on_time, reports_on_time, indicators_met "
		       "or feedback_on_time");
}

json_t *par_evidence_list(struct tracker *tr, int64_t id, struct err *err)
{
	json_t *a = par_assessment_for(tr, id, ACT_PAR_READ, err);
	json_t *items = a ? store_par_evidence(tr->store, id, err) : NULL;
	json_decref(a);
	return items ? json_pack("{s:I, s:o}", "assessment_id", (json_int_t)id, "items", items) : NULL;
}

/* The assessment, after who may change its evidence and it is a draft. */
static json_t *editable(struct tracker *tr, int64_t id, struct err *err)
{
	json_t *a = par_assessment_for(tr, id, ACT_PAR_SCORE, err);
	const char *status = a ? json_string_value(json_object_get(a, "status")) : NULL;
	if (status && strcmp(status, "draft")) {
		err_set(err, ERR_CONFLICT, "status", "the assessment is %s: its evidence can no longer change", status);
		json_decref(a);
		return NULL;
	}
	return a;
}

/* The leaf of a's set that code names (its id), 0 with err. */
static int64_t leaf_of(struct tracker *tr, json_t *a, const char *code, struct err *err)
{
	json_t *rows = store_par_nodes(tr->store, json_integer_value(json_object_get(a, "set_id")), err);
	json_t *node = rows ? par_node_by_code(rows, code) : NULL;
	int64_t id = node && strcmp(json_string_value(json_object_get(node, "rule")), "sum")
		? json_integer_value(json_object_get(node, "id")) : 0;
	if (rows && !id)
		err_set(err, ERR_INVALID, "code", "'%s' is not a sub-criterion of this assessment's set", code);
	json_decref(rows);
	return id;
}

/* Checks that the linked task, report or document exists. */
static enum err_code link_exists(struct tracker *tr, const char *kind, int64_t ref, struct err *err)
{
	json_t *row = strcmp(kind, "task") == 0 ? store_task_get(tr->store, ref, err)
		: strcmp(kind, "report") == 0 ? store_report_get(tr->store, ref, err)
		: store_document_get(tr->store, ref, err);
	if (row) {
		json_decref(row);
		return ERR_OK;
	}
	if (err->code == ERR_NOT_FOUND)
		err_set(err, ERR_INVALID, "ref", "unknown %s %lld", kind, (long long)ref);
	return err->code;
}

/* Reads a link {kind, ref} into e. */
static enum err_code read_link(struct tracker *tr, json_t *in, char **kind, struct par_evidence_new *e,
			       struct err *err)
{
	enum err_code rc = in_text(in, "kind", true, 20, kind, err);
	if (!rc && strcmp(*kind, "task") && strcmp(*kind, "report") && strcmp(*kind, "document"))
		rc = err_set(err, ERR_INVALID, "kind", "'kind' is task, report or document (or send files)");
	if (!rc)
		rc = in_int(in, "ref", true, 1, INT64_MAX, &e->ref_id, NULL, err);
	if (!rc)
		rc = link_exists(tr, *kind, e->ref_id, err);
	e->kind = *kind;
	return rc;
}

json_t *par_evidence_add(struct tracker *tr, int64_t id, json_t *in, const struct evidence_new *ev, size_t nev,
			 struct err *err)
{
	static const char *const keys[] = {"code", "kind", "ref", "note", NULL};
	json_t *a = editable(tr, id, err), *out = NULL;
	char *code = NULL, *kind = NULL, *note = NULL;
	struct par_evidence_new e = {.assessment_id = id, .by = auth_actor(tr->who)};
	if (!a)
		return NULL;
	if (!json_is_object(in)) {
		err_set(err, ERR_INVALID, "", "the body is a JSON object or a form with files");
		goto out;
	}
	if (in_only(in, keys, err) || in_text(in, "code", true, 20, &code, err) ||
	    in_text(in, "note", false, 1000, &note, err) || !(e.node_id = leaf_of(tr, a, code, err)))
		goto out;
	e.note = note ? note : "";
	if (!nev && read_link(tr, in, &kind, &e, err))
		goto out;
	if (nev && json_object_get(in, "kind")) {
		err_set(err, ERR_INVALID, "kind", "send either files or a link, not both");
		goto out;
	}
	tracker_attribution_begin(tr);
	enum err_code rc = ERR_OK;
	int64_t new_id = 0;
	if (!nev)
		rc = store_par_evidence_add(tr->store, &e, &new_id, err);
	for (size_t i = 0; i < nev && !rc; i++) {
		e.kind = "file";
		e.file = &ev[i];
		rc = store_par_evidence_add(tr->store, &e, &new_id, err);
	}
	tracker_attribution_end(tr);
	if (!rc)
		out = par_evidence_list(tr, id, err);
out:
	free(code);
	free(kind);
	free(note);
	json_decref(a);
	return out;
}

json_t *par_evidence_remove(struct tracker *tr, int64_t id, int64_t evidence_id, struct err *err)
{
	json_t *a = editable(tr, id, err);
	if (!a)
		return NULL;
	json_decref(a);
	tracker_attribution_begin(tr);
	enum err_code rc = store_par_evidence_remove(tr->store, id, evidence_id, err);
	tracker_attribution_end(tr);
	return rc ? NULL : par_evidence_list(tr, id, err);
}
