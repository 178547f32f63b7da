/*
 * doc_json.c — the JSON form of a parsed document (the `cchc parse`
 * contract).  Kept apart so the parser core does not depend on jansson.
 */
#include "base/base.h"
#include "base/date.h"
#include "doc/doc_json.h"

#include <jansson.h>

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *date_or_null(int32_t day)
{
	char out[DATE_STRLEN];
	return day == DATE_NONE ? json_null() : json_string(date_format(day, out));
}

static json_t *str_array(const struct doc_strs *l)
{
	json_t *a = json_array();
	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a, json_string(l->v[i]));
	return a;
}

json_t *doc_to_json(const struct doc *d)
{
	json_t *o = json_object();
	json_object_set_new(o, "issuer", str_or_null(d->issuer));
	json_object_set_new(o, "number", str_or_null(d->number));
	json_object_set_new(o, "symbol", str_or_null(d->symbol));
	json_object_set_new(o, "type", str_or_null(d->type));
	json_object_set_new(o, "place", str_or_null(d->place));
	json_object_set_new(o, "date", date_or_null(d->date));
	json_object_set_new(o, "subject", str_or_null(d->subject));
	json_object_set_new(o, "addressees", str_array(&d->addressees));
	json_object_set_new(o, "signer", json_pack("{s:o, s:o}", "name", str_or_null(d->signer_name),
						   "title", str_or_null(d->signer_title)));
	json_object_set_new(o, "recipients", str_array(&d->recipients));
	json_t *refs = json_array();
	for (size_t i = 0; i < d->n_refs; i++)
		json_array_append_new(refs, json_pack("{s:o, s:o, s:o}", "number", str_or_null(d->refs[i].number),
						      "symbol", str_or_null(d->refs[i].symbol),
						      "date", date_or_null(d->refs[i].date)));
	json_object_set_new(o, "references", refs);
	json_t *tasks = json_array();
	for (size_t i = 0; i < d->n_tasks; i++) {
		const struct doc_task *t = &d->tasks[i];
		json_t *jt = json_object();
		json_object_set_new(jt, "section", str_or_null(t->section));
		json_object_set_new(jt, "assignees", str_array(&t->assignees));
		json_object_set_new(jt, "lead", str_or_null(t->lead));
		json_object_set_new(jt, "cooperating", str_array(&t->cooperating));
		json_object_set_new(jt, "text", str_or_null(t->text));
		json_object_set_new(jt, "deadline", date_or_null(t->deadline));
		json_object_set_new(jt, "deadline_text", str_or_null(t->deadline_text));
		json_object_set_new(jt, "recurrence", str_or_null(doc_recurrence_name(t->recurrence)));
		json_array_append_new(tasks, jt);
	}
	json_object_set_new(o, "tasks", tasks);
	json_t *warnings = json_array();
	for (size_t i = 0; i < d->n_warnings; i++) {
		const struct doc_warning *w = &d->warnings[i];
		json_array_append_new(warnings, json_pack("{s:s, s:s, s:s, s:s}", "field", w->field, "code", w->code,
							  "message", w->en, "message_vi", w->vi));
	}
	json_object_set_new(o, "warnings", warnings);
	json_object_set_new(o, "confidence", json_real(d->confidence));
	return o;
}
