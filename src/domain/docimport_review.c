/*
 * docimport_review.c — an edited draft checked field by field: the
 * document's and every task's fields validated, each unit entry resolved
 * again (a ref the officer set wins, a bare name is matched anew), and the
 * issues recomputed.
 */
#include "base/base.h"
#include "base/date.h"
#include "domain/docimport_int.h"
#include "domain/input.h"
#include "domain/status.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TASKS 500
#define MAX_ENTRIES 200
#define MAX_TITLE 1000
#define MAX_TEXT 20000

void docimport_field_prefix(struct err *err, const char *prefix)
{
	char f[sizeof err->field];
	size_t np = strlen(prefix), nf = strlen(err->field), cap = sizeof f - 1, k = 0;
	for (size_t i = 0; i < np && k < cap; i++)
		f[k++] = prefix[i];
	if (nf && k < cap)
		f[k++] = '.';
	for (size_t i = 0; i < nf && k < cap; i++)
		f[k++] = err->field[i];
	f[k] = 0;
	memcpy(err->field, f, k + 1);
}

static enum err_code review_entries(const struct unit_matcher *m, json_t *list, const char *field,
				    json_t **out, struct err *err)
{
	*out = NULL;
	if (!list || json_is_null(list)) {
		*out = json_array();
		return ERR_OK;
	}
	if (!json_is_array(list) || json_array_size(list) > MAX_ENTRIES)
		return err_set(err, ERR_INVALID, field, "'%s' must be an array of at most %d units", field, MAX_ENTRIES);
	json_t *res = json_array();
	size_t i;
	json_t *e;
	json_array_foreach(list, i, e) {
		char *name = NULL, *ref = NULL, *how = NULL;
		enum err_code rc = ERR_OK;
		if (json_is_string(e)) {
			rc = in_text_raw(json_string_value(e), field, 200, &ref, err);
		} else if (json_is_object(e)) {
			if ((rc = in_text(e, "name", false, 500, &name, err)) == ERR_OK &&
			    (rc = in_text(e, "ref", false, 200, &ref, err)) == ERR_OK)
				rc = in_text(e, "how", false, 20, &how, err);
		} else {
			rc = err_set(err, ERR_INVALID, field, "'%s' items must be unit entries or codes", field);
		}
		if (rc != ERR_OK) {
			free(name);
			free(ref);
			free(how);
			json_decref(res);
			char msg[sizeof err->message];
			snprintf(msg, sizeof msg, "%s", err->message);
			return err_set(err, err->code, field, "%s[%zu]: %s", field, i, msg);
		}
		/* A ref the officer set (or kept) wins; a bare name is matched again. */
		static const char *const hows[] = {"code", "name", "short_name", "core", "initials",
						   "partial", "group", "manual"};
		bool known = false;
		for (size_t k = 0; how && k < ARRAY_LEN(hows); k++)
			known |= strcmp(how, hows[k]) == 0;
		if (ref && *ref)
			json_array_append_new(res, unit_resolve_ref(m, name, ref, known ? how : "manual"));
		else if (name && *name && how && strcmp(how, "foreign") == 0)
			json_array_append_new(res, unit_foreign(name, NULL));	/* still another province's */
		else if (name && *name)
			unit_match_append(res, m, name);
		free(name);
		free(ref);
		free(how);
	}
	*out = res;
	return ERR_OK;
}

static enum err_code review_task(struct tracker *tr, const struct unit_matcher *m, json_t *in, int ti,
				 json_t **out, struct err *err)
{
	char *section = NULL, *title = NULL, *text = NULL, *deadline_text = NULL, *rec = NULL;
	char *rec_written = NULL, *field = NULL, *product = NULL;
	char deadline[11];
	json_t *lead = NULL, *coop = NULL;
	enum err_code rc;
	char where[48];
	snprintf(where, sizeof where, "tasks[%d]", ti);
	*out = NULL;
	if (!json_is_object(in)) {
		rc = err_set(err, ERR_INVALID, where, "%s must be an object", where);
		goto cleanup;
	}
	if ((rc = in_text(in, "section", false, 40, &section, err)) ||
	    (rc = in_text(in, "title", false, MAX_TITLE, &title, err)) ||
	    (rc = in_text(in, "text", false, MAX_TEXT, &text, err)) ||
	    (rc = in_text(in, "deadline_text", false, 500, &deadline_text, err)) ||
	    (rc = in_date(in, "deadline", false, deadline, err)) ||
	    (rc = in_text(in, "recurrence", false, 20, &rec, err)) ||
	    (rc = in_text(in, "recurrence_written", false, 20, &rec_written, err)) ||
	    (rc = in_text(in, "field", false, 20, &field, err)) ||
	    (rc = in_text(in, "product", false, MAX_TITLE, &product, err)))
		goto named;
	if (rec && recurrence_from_name(rec) < 0) {
		rc = err_set(err, ERR_INVALID, "recurrence",
			     "'recurrence' must be once, monthly, quarterly, semiannual, yearly, ongoing or null");
		goto named;
	}
	if (field && !tracker_field_ref(tr, field)) {
		rc = err_set(err, ERR_INVALID, "field", "unknown field '%s'", field);
		goto named;
	}
	if ((rc = review_entries(m, json_object_get(in, "lead"), "lead", &lead, err)) ||
	    (rc = review_entries(m, json_object_get(in, "cooperating"), "cooperating", &coop, err)))
		goto named;
	if (!title && text)
		title = draft_task_title(text);
	*out = json_pack("{s:s?, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:o, s:o}",
			 "section", section, "title", title ? title : "", "text", text ? text : "",
			 "deadline", deadline[0] ? deadline : NULL, "deadline_text", deadline_text,
			 "recurrence", rec, "recurrence_written", rec ? NULL : rec_written, "field", field,
			 "product", product, "lead", lead, "cooperating", coop);
	lead = coop = NULL;
	goto cleanup;
named:
	/* Name the task in the field so the page can point at it. */
	docimport_field_prefix(err, where);
cleanup:
	json_decref(lead);
	json_decref(coop);
	free(section);
	free(title);
	free(text);
	free(deadline_text);
	free(rec);
	free(rec_written);
	free(field);
	free(product);
	return rc;
}

json_t *docimport_review(struct tracker *tr, const struct unit_matcher *m, json_t *edited, struct err *err)
{
	char *type = NULL, *number = NULL, *symbol = NULL, *title = NULL, *issuer = NULL, *issuer_unit = NULL;
	char *place = NULL;
	char issued_on[11];
	int64_t year = 0;
	bool has_year = false;
	json_t *out = NULL, *tasks = NULL;
	json_t *doc = json_object_get(edited, "document");
	json_t *in_tasks = json_object_get(edited, "tasks");
	if (!json_is_object(doc)) {
		err_set(err, ERR_INVALID, "document", "'document' must be an object");
		goto cleanup;
	}
	if (!json_is_array(in_tasks) || json_array_size(in_tasks) > MAX_TASKS) {
		err_set(err, ERR_INVALID, "tasks", "'tasks' must be an array of at most %d tasks", MAX_TASKS);
		goto cleanup;
	}
	if (in_text(doc, "type", true, 10, &type, err) || in_text(doc, "number", false, 20, &number, err) ||
	    in_text(doc, "symbol", false, 60, &symbol, err) || in_text(doc, "title", false, MAX_TITLE, &title, err) ||
	    in_date(doc, "issued_on", false, issued_on, err) ||
	    in_int(doc, "year", false, 2000, 2100, &year, &has_year, err) ||
	    in_text(doc, "issuer", false, 500, &issuer, err) ||
	    in_text(doc, "issuer_unit", false, 40, &issuer_unit, err) ||
	    in_text(doc, "place", false, 200, &place, err)) {
		docimport_field_prefix(err, "document");
		goto cleanup;
	}
	if (issuer_unit && !tracker_unit_ref(tr, issuer_unit)) {
		err_set(err, ERR_INVALID, "document.issuer_unit", "unknown unit '%s'", issuer_unit);
		goto cleanup;
	}
	if (!has_year)
		year = issued_on[0] ? atoi(issued_on) : 0;
	if (!year) {
		int mo, da, y;
		date_to_ymd(date_today(), &y, &mo, &da);
		year = y;
	}
	tasks = json_array();
	size_t i;
	json_t *t;
	json_array_foreach(in_tasks, i, t) {
		json_t *rt;
		if (review_task(tr, m, t, (int)i, &rt, err) != ERR_OK)
			goto cleanup;
		json_array_append_new(tasks, rt);
	}
	json_t *signer = json_object_get(doc, "signer");
	out = json_pack("{s:{s:s, s:s?, s:s?, s:s, s:s?, s:I, s:s?, s:s?, s:s?, s:O?}, s:O}",
			"document", "type", type, "number", number, "symbol", symbol, "title", title ? title : "",
			"issued_on", issued_on[0] ? issued_on : NULL, "year", (json_int_t)year, "issuer", issuer,
			"issuer_unit", issuer_unit, "place", place,
			"signer", json_is_object(signer) ? signer : NULL, "tasks", tasks);
	if (out)
		draft_issues(tr, out);
	else
		err_set(err, ERR_INTERNAL, "", "cannot build the draft");
cleanup:
	json_decref(tasks);
	free(type);
	free(number);
	free(symbol);
	free(title);
	free(issuer);
	free(issuer_unit);
	free(place);
	return out;
}
