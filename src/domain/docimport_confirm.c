/*
 * docimport_confirm.c — a reviewed draft confirmed: its document, tasks
 * and assignments created in one transaction; and the documents read back.
 */
#include "base/base.h"
#include "domain/docimport_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The POST /tasks body of a reviewed draft task. */
static json_t *task_body(json_t *t)
{
	json_t *b = json_object();
	static const char *const keys[] = {"section", "title", "deadline", "recurrence", "field", "product"};
	for (size_t i = 0; i < ARRAY_LEN(keys); i++) {
		json_t *v = json_object_get(t, keys[i]);
		if (v && !json_is_null(v))
			json_object_set(b, keys[i], v);
	}
	json_t *text = json_object_get(t, "text");
	if (json_string_length(text))
		json_object_set(b, "description", text);
	const char *lists[] = {"lead", "cooperating"};
	for (size_t l = 0; l < 2; l++) {
		json_t *refs = json_array();
		size_t i;
		json_t *e;
		json_array_foreach(json_object_get(t, lists[l]), i, e)
			json_array_append(refs, json_object_get(e, "ref"));
		json_object_set_new(b, lists[l], refs);
	}
	return b;
}

enum err_code docimport_confirm(struct tracker *tr, int64_t id, json_t **out, struct err *err)
{
	struct unit_matcher *m = NULL;
	json_t *cur = NULL, *draft = NULL, *ids = NULL;
	struct task_plan *plans = NULL;
	struct task_new *tasks = NULL;
	int64_t *task_ids = NULL;
	size_t n = 0;
	enum err_code rc;
	*out = NULL;
	if (!(cur = docimport_open_draft(tr, id, err))) {
		rc = err->code;
		goto cleanup;
	}
	/* Checked again now: units may have changed since the draft was saved. */
	if (!(m = unit_matcher_new(tr, err))) {
		rc = err->code;
		goto cleanup;
	}
	if (!(draft = docimport_review(tr, m, cur, err))) {
		rc = err->code;
		goto cleanup;
	}
	size_t i;
	json_t *is;
	json_array_foreach(json_object_get(draft, "issues"), i, is)
		if (strcmp(json_string_value(json_object_get(is, "severity")), "error") == 0) {
			rc = err_set(err, ERR_INVALID, json_string_value(json_object_get(is, "field")),
				     "%s", json_string_value(json_object_get(is, "message")));
			goto cleanup;
		}
	json_t *doc = json_object_get(draft, "document");
	int year = (int)json_integer_value(json_object_get(doc, "year"));
	json_t *jt = json_object_get(draft, "tasks");
	n = json_array_size(jt);
	plans = xcalloc(n, sizeof *plans);
	tasks = xcalloc(n, sizeof *tasks);
	task_ids = xcalloc(n, sizeof *task_ids);
	for (i = 0; i < n; i++) {
		json_t *body = task_body(json_array_get(jt, i));
		rc = tracker_task_plan(tr, body, year, &plans[i], err);
		json_decref(body);
		if (rc != ERR_OK) {
			char where[32];
			snprintf(where, sizeof where, "tasks[%zu]", i);
			docimport_field_prefix(err, where);
			goto cleanup;
		}
		tasks[i] = plans[i].t;
	}
	const char *issuer = json_string_value(json_object_get(doc, "issuer_unit"));
	char *issuer_code = NULL;
	if (issuer) {
		/* The store takes a code; the officer may have given an id. */
		int64_t uid = tracker_unit_ref(tr, issuer);
		for (size_t k = 0; k < m->n; k++)
			if (m->u[k].id == uid)
				issuer_code = xstrdup(m->u[k].code);
	}
	struct document_new dn = {
		.type = json_string_value(json_object_get(doc, "type")),
		.number = json_string_value(json_object_get(doc, "number")),
		.symbol = json_string_value(json_object_get(doc, "symbol")),
		.title = json_string_value(json_object_get(doc, "title")),
		.issued_on = json_string_value(json_object_get(doc, "issued_on")),
		.body = json_string_value(json_object_get(cur, "text")),
		.issuer_code = issuer_code, .year = year,
		.source_name = json_string_value(json_object_get(cur, "source_name")),
	};
	int64_t doc_id = 0;
	rc = store_document_import(tr->store, id, &dn, tasks, n, &doc_id, task_ids, err);
	free(issuer_code);
	if (rc != ERR_OK)
		goto cleanup;
	if (!(*out = docimport_document(tr, doc_id, err))) {
		rc = err->code;
		goto cleanup;
	}
	ids = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(ids, json_integer(task_ids[i]));
	json_object_set_new(*out, "task_ids", ids);
	json_object_set_new(*out, "draft_id", json_integer(id));
	ids = NULL;
cleanup:
	for (i = 0; plans && i < n; i++)
		tracker_task_plan_release(&plans[i]);
	free(plans);
	free(tasks);
	free(task_ids);
	json_decref(ids);
	json_decref(draft);
	json_decref(cur);
	unit_matcher_free(m);
	return rc;
}

json_t *docimport_documents(struct tracker *tr, struct err *err)
{
	return store_documents(tr->store, NULL, err);
}

json_t *docimport_document(struct tracker *tr, int64_t id, struct err *err)
{
	json_t *d = store_document_get(tr->store, id, err);
	if (!d) {
		if (err->code == ERR_NOT_FOUND)
			err_set(err, ERR_NOT_FOUND, "id", "no document %lld", (long long)id);
		return NULL;
	}
	json_t *tasks = store_document_tasks(tr->store, id, err);
	if (!tasks) {
		json_decref(d);
		return NULL;
	}
	json_object_set_new(d, "tasks", tasks);
	return d;
}
