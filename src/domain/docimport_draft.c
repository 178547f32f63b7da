/*
 * docimport_draft.c — the draft of a parsed document (see docimport.h for
 * its shape): each task with its title, deadline, recurrence and field,
 * its units matched to the registry, and the issues the officer must
 * settle before it can be confirmed.
 */
#include "base/base.h"
#include "base/date.h"
#include "domain/docimport_int.h"

#include <stdlib.h>
#include <string.h>

#define TITLE_CUT 160

/* Fields by words their tasks use; a field is guessed only when it alone fits. */
static const struct {
	const char *field;
	const char *words[6];
} field_words[] = {
	{"TTHC", {"thu tuc hanh chinh", "mot cua", "phan anh kien nghi"}},
	{"CPS", {"chuyen doi so", "chinh quyen dien tu", "chinh quyen so", "dich vu cong truc tuyen", "chu ky so"}},
	{"THECHE", {"quy pham phap luat", "the che", "thi hanh phap luat"}},
	{"BOMAY", {"to chuc bo may", "sap xep", "tinh gian bien che", "vi tri viec lam"}},
	{"CONGVU", {"cong chuc", "cong vu", "vien chuc"}},
	{"TCC", {"tai chinh cong", "tu chu tai chinh", "ngan sach", "dau tu cong"}},
	{"CDDH", {"kiem tra cai cach hanh chinh", "tuyen truyen", "chi so cai cach hanh chinh", "par index"}},
};

const char *draft_guess_field(const char *text)
{
	char *t = name_normalise(text);
	const char *found = NULL;
	int n = 0;
	for (size_t f = 0; f < ARRAY_LEN(field_words); f++)
		for (size_t k = 0; k < 6 && field_words[f].words[k]; k++)
			if (name_has_phrase(t, field_words[f].words[k])) {
				found = field_words[f].field;
				n++;
				break;
			}
	free(t);
	return n == 1 ? found : NULL;
}

/* A task's title: its first sentence, or its start cut on a word. */
char *draft_task_title(const char *text)
{
	size_t n = strlen(text), cut = n;
	for (size_t i = 20; i < n; i++)
		if ((text[i] == '.' || text[i] == ';' || text[i] == ':') && (text[i + 1] == ' ' || !text[i + 1])) {
			cut = i;
			break;
		}
	if (cut <= TITLE_CUT)
		return xstrndup(text, cut);
	cut = TITLE_CUT;
	while (cut > 40 && text[cut] != ' ')
		cut--;
	while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
		cut--;	/* never inside a UTF-8 sequence */
	char *head = xstrndup(text, cut);
	char *t = xasprintf("%s…", head);
	free(head);
	return t;
}

const char *draft_recurrence(enum doc_recurrence r)
{
	switch (r) {
	case DOC_RECUR_MONTHLY: return "monthly";
	case DOC_RECUR_QUARTERLY: return "quarterly";
	case DOC_RECUR_SIX_MONTHLY: return "semiannual";
	case DOC_RECUR_YEARLY: return "yearly";
	case DOC_RECUR_ONGOING: return "ongoing";
	default: return NULL;	/* none, or weekly: the tracker has no week */
	}
}

static bool in_strs(const struct doc_strs *v, const char *s)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->v[i], s) == 0)
			return true;
	return false;
}

/* A name matched to the registry, or kept as written when the document is another province's. */
static void entry_append(json_t *list, const struct unit_matcher *m, const char *foreign, const char *name)
{
	if (foreign)
		json_array_append_new(list, unit_foreign(name, foreign));
	else
		unit_match_append(list, m, name);
}

static json_t *draft_task(const struct unit_matcher *m, const char *foreign, const struct doc_task *dt)
{
	char day[DATE_STRLEN];
	char *title = draft_task_title(dt->text ? dt->text : "");
	const char *rec = draft_recurrence(dt->recurrence);
	json_t *t = json_pack("{s:s?, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}",
			      "section", dt->section, "title", title, "text", dt->text ? dt->text : "",
			      "deadline", dt->deadline == DATE_NONE ? NULL : date_format(dt->deadline, day),
			      "deadline_text", dt->deadline_text, "recurrence", rec,
			      "recurrence_written", rec ? NULL : doc_recurrence_name(dt->recurrence),
			      "field", draft_guess_field(dt->text ? dt->text : ""), "product", dt->product);
	free(title);
	/* The lead is accountable (one assignment each); without a stated
	 * lead every unit the task is given to is. */
	json_t *lead = json_array(), *coop = json_array();
	if (dt->lead)
		entry_append(lead, m, foreign, dt->lead);
	for (size_t i = 0; i < dt->assignees.n; i++) {
		const char *a = dt->assignees.v[i];
		if ((dt->lead && strcmp(a, dt->lead) == 0) || in_strs(&dt->cooperating, a))
			continue;
		entry_append(lead, m, foreign, a);
	}
	for (size_t i = 0; i < dt->cooperating.n; i++)
		entry_append(coop, m, foreign, dt->cooperating.v[i]);
	json_object_set_new(t, "lead", lead);
	json_object_set_new(t, "cooperating", coop);
	return t;
}

static void add_issue(json_t *issues, int task, const char *field, const char *severity, const char *msg)
{
	json_array_append_new(issues, json_pack("{s:o, s:s, s:s, s:s}", "task",
						task < 0 ? json_null() : json_integer(task), "field", field,
						"severity", severity, "message", msg));
}

static void entry_issues(json_t *issues, int ti, const char *list, json_t *entries)
{
	size_t i;
	json_t *e;
	json_array_foreach(entries, i, e) {
		const char *status = json_string_value(json_object_get(e, "status"));
		const char *msg = json_string_value(json_object_get(e, "message"));
		const char *name = json_string_value(json_object_get(e, "name"));
		char field[64], text[300];
		snprintf(field, sizeof field, "tasks[%d].%s[%zu]", ti, list, i);
		if (strcmp(status, "matched") == 0 || strcmp(status, "group") == 0) {
			if (msg) {	/* an inactive unit gets no assignment */
				snprintf(text, sizeof text, "%.80s: %s", name ? name : "", msg);
				add_issue(issues, ti, field, "error", text);
			}
			continue;
		}
		snprintf(text, sizeof text, "'%.80s' %s", name ? name : "", msg ? msg : "is not matched");
		add_issue(issues, ti, field, "error", text);
	}
}

/* Recomputes "issues" and "ready" of a draft from its content. */
void draft_issues(struct tracker *tr, json_t *draft)
{
	json_t *issues = json_array();
	json_t *doc = json_object_get(draft, "document");
	const char *title = json_string_value(json_object_get(doc, "title"));
	if (!title || !*title)
		add_issue(issues, -1, "document.title", "error", "the document needs a title");
	/* The same number and symbol in the same year is probably the same
	 * document already recorded; the officer may still go ahead. */
	const char *number = json_string_value(json_object_get(doc, "number"));
	const char *symbol = json_string_value(json_object_get(doc, "symbol"));
	json_int_t year = json_integer_value(json_object_get(doc, "year"));
	json_t *docs = number && symbol ? store_documents(tr->store, NULL, NULL) : NULL;
	size_t i;
	json_t *d;
	json_array_foreach(docs, i, d) {
		const char *n2 = json_string_value(json_object_get(d, "number"));
		const char *s2 = json_string_value(json_object_get(d, "symbol"));
		if (n2 && s2 && strcmp(n2, number) == 0 && strcmp(s2, symbol) == 0 &&
		    json_integer_value(json_object_get(d, "year")) == year) {
			char msg[200];
			snprintf(msg, sizeof msg, "document %.20s/%.40s of %lld is already recorded (id %lld)",
				 number, symbol, (long long)year, (long long)json_integer_value(json_object_get(d, "id")));
			add_issue(issues, -1, "document.number", "warning", msg);
			break;
		}
	}
	json_decref(docs);
	json_t *tasks = json_object_get(draft, "tasks");
	if (json_array_size(tasks) == 0)
		add_issue(issues, -1, "tasks", "error", "the draft has no task");
	json_t *t;
	json_array_foreach(tasks, i, t) {
		int ti = (int)i;
		char field[64];
		const char *tt = json_string_value(json_object_get(t, "title"));
		if (!tt || !*tt) {
			snprintf(field, sizeof field, "tasks[%d].title", ti);
			add_issue(issues, ti, field, "error", "the task needs a title");
		}
		json_t *lead = json_object_get(t, "lead");
		if (json_array_size(lead) == 0) {
			snprintf(field, sizeof field, "tasks[%d].lead", ti);
			add_issue(issues, ti, field, "error", "no unit is assigned this task");
		}
		entry_issues(issues, ti, "lead", lead);
		entry_issues(issues, ti, "cooperating", json_object_get(t, "cooperating"));
		const char *rw = json_string_value(json_object_get(t, "recurrence_written"));
		if (json_is_null(json_object_get(t, "recurrence")) && json_is_null(json_object_get(t, "deadline"))) {
			char msg[160];
			snprintf(field, sizeof field, "tasks[%d].deadline", ti);
			if (rw)
				snprintf(msg, sizeof msg, "the document says '%s', which the tracker cannot repeat: "
					 "set a deadline or another recurrence", rw);
			else
				snprintf(msg, sizeof msg, "no deadline or recurrence: set one");
			add_issue(issues, ti, field, "error", msg);
		}
	}
	bool ready = true;
	json_array_foreach(issues, i, t)
		if (strcmp(json_string_value(json_object_get(t, "severity")), "error") == 0)
			ready = false;
	json_object_set_new(draft, "issues", issues);
	json_object_set_new(draft, "ready", json_boolean(ready));
}

json_t *docimport_draft(const struct unit_matcher *m, const struct doc *d)
{
	char day[DATE_STRLEN];
	int y = 0, mo, da;
	if (d->date != DATE_NONE)
		date_to_ymd(d->date, &y, &mo, &da);
	else
		date_to_ymd(date_today(), &y, &mo, &da);
	char *fallback = NULL;
	const char *title = d->subject ? d->subject : d->title;
	if (!title) {
		fallback = xasprintf("Văn bản số %s/%s", d->number ? d->number : "", d->symbol ? d->symbol : "");
		title = fallback;
	}
	/* Units of another province's document are never matched to this registry. */
	char *other = unit_foreign_province(m, d->issuer);
	const char *foreign = other ? (d->place ? d->place : other) : NULL;
	const char *issuer_unit = NULL;
	json_t *im = d->issuer && !foreign ? unit_match(m, d->issuer) : NULL;
	if (json_array_size(im) == 1 &&
	    strcmp(json_string_value(json_object_get(json_array_get(im, 0), "status")), "matched") == 0)
		issuer_unit = json_string_value(json_object_get(json_array_get(im, 0), "ref"));
	json_t *doc = json_pack("{s:s, s:s?, s:s?, s:s, s:s?, s:i, s:s?, s:s?, s:s?, s:{s:s?, s:s?}}",
				"type", d->type ? d->type : "CV", "number", d->number, "symbol", d->symbol,
				"title", title,
				"issued_on", d->date == DATE_NONE ? NULL : date_format(d->date, day),
				"year", y, "issuer", d->issuer, "issuer_unit", issuer_unit, "place", d->place,
				"signer", "name", d->signer_name, "title", d->signer_title);
	json_decref(im);
	free(fallback);
	json_t *tasks = json_array();
	for (size_t i = 0; i < d->n_tasks; i++)
		json_array_append_new(tasks, draft_task(m, foreign, &d->tasks[i]));
	free(other);
	json_t *draft = json_pack("{s:o, s:o}", "document", doc, "tasks", tasks);
	draft_issues(m->tr, draft);
	return draft;
}
