/*
 * tracker.c — units, fields, tasks, assignments, reports, dashboard.
 * Indicators and plans are in indicator.c.
 */
#include "base/base.h"
#include "base/date.h"
#include "base/vitext.h"
#include "domain/evidence.h"
#include "domain/input.h"
#include "domain/status.h"
#include "domain/tracker.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#define MAX_TITLE 1000
#define MAX_TEXT 20000
#define MAX_LIMIT 500

int64_t tracker_unit_ref(struct tracker *tr, const char *ref)
{
	if (!ref || !*ref)
		return 0;
	/* Codes win: commune codes are digits too ("01822", the province "04"). */
	int64_t by_code = store_unit_id_by_code(tr->store, ref);
	if (by_code)
		return by_code;
	if (strspn(ref, "0123456789") == strlen(ref) && strlen(ref) < 12) {
		int64_t id = atoll(ref);
		struct err e;
		json_t *u = store_unit_get(tr->store, id, &e);
		if (u) {
			json_decref(u);
			return id;
		}
	}
	return 0;
}

int64_t tracker_field_ref(struct tracker *tr, const char *ref)
{
	if (!ref || !*ref)
		return 0;
	if (strspn(ref, "0123456789") == strlen(ref) && strlen(ref) < 12) {
		json_t *fields = store_fields(tr->store, NULL);
		int64_t want = atoll(ref), found = 0;
		size_t i;
		json_t *f;
		json_array_foreach(fields, i, f)
			if (json_integer_value(json_object_get(f, "id")) == want)
				found = want;
		json_decref(fields);
		return found;
	}
	return store_field_id_by_code(tr->store, ref);
}

int64_t tracker_field_lead(struct tracker *tr, int64_t field_id)
{
	if (!field_id)
		return 0;
	json_t *fields = store_fields(tr->store, NULL);
	int64_t lead = 0;
	size_t i;
	json_t *f;
	json_array_foreach(fields, i, f)
		if (json_integer_value(json_object_get(f, "id")) == field_id)
			lead = json_integer_value(json_object_get(f, "lead_unit_id"));
	json_decref(fields);
	return lead;
}

/* The permission target of an assignment row (or evidence record). */
static struct permit_target work_of(json_t *row)
{
	return (struct permit_target){
		.unit_id = json_integer_value(json_object_get(row, "unit_id")),
		.field_lead_unit_id = json_integer_value(json_object_get(row, "field_lead_unit_id")),
	};
}

/* ---- units ----------------------------------------------------------- */

static int kind_order(const char *kind)
{
	static const char *const order[] = {"province", "department", "agency", "media",
					    "other", "ward", "commune"};
	for (size_t i = 0; i < ARRAY_LEN(order); i++)
		if (strcmp(order[i], kind) == 0)
			return (int)i;
	return (int)ARRAY_LEN(order);
}

static int unit_order(const void *pa, const void *pb)
{
	json_t *a = *(json_t *const *)pa, *b = *(json_t *const *)pb;
	int ka = kind_order(json_string_value(json_object_get(a, "kind")));
	int kb = kind_order(json_string_value(json_object_get(b, "kind")));
	if (ka != kb)
		return ka - kb;
	return vi_strcmp(json_string_value(json_object_get(a, "name")),
			 json_string_value(json_object_get(b, "name")));
}

json_t *tracker_units(struct tracker *tr, int tree, const char *q, const char *kind, struct err *err)
{
	json_t *all = store_units(tr->store, err);
	if (!all)
		return NULL;
	char *qf = q && *q ? vi_fold(q) : NULL;
	size_t n = json_array_size(all), k = 0;
	json_t **v = xmalloc((n ? n : 1) * sizeof *v);
	for (size_t i = 0; i < n; i++) {
		json_t *u = json_array_get(all, i);
		if (kind && *kind && strcmp(kind, json_string_value(json_object_get(u, "kind"))) != 0)
			continue;
		if (qf) {
			char *nf = vi_fold(json_string_value(json_object_get(u, "name")));
			const char *code = json_string_value(json_object_get(u, "code"));
			int hit = strstr(nf, qf) || strcasecmp(code, q) == 0;
			free(nf);
			if (!hit)
				continue;
		}
		v[k++] = u;
	}
	qsort(v, k, sizeof *v, unit_order);
	json_t *out = json_array();
	if (!tree || qf || (kind && *kind)) {
		for (size_t i = 0; i < k; i++)
			json_array_append(out, v[i]);
	} else {
		/* Nest each unit under its parent; parents are in the same list. */
		for (size_t i = 0; i < k; i++)
			json_object_set_new(v[i], "children", json_array());
		for (size_t i = 0; i < k; i++) {
			int64_t parent = json_integer_value(json_object_get(v[i], "parent_id"));
			json_t *home = NULL;
			for (size_t j = 0; parent && j < k && !home; j++)
				if (json_integer_value(json_object_get(v[j], "id")) == parent && j != i)
					home = json_object_get(v[j], "children");
			json_array_append(home ? home : out, v[i]);
		}
	}
	free(v);
	free(qf);
	json_decref(all);
	return out;
}

/* Counts by status of every assignment passed to it. */
struct count_ctx {
	int32_t as_of;
	int64_t counts[STATUS_COUNT];
};

static enum status row_status(json_t *row, int32_t as_of)
{
	const char *first = json_string_value(json_object_get(row, "first_report_on"));
	const char *done = json_string_value(json_object_get(row, "completed_on"));
	return status_of(date_parse(json_string_value(json_object_get(row, "deadline"))),
			 first ? date_parse(first) : DATE_NONE, done ? date_parse(done) : DATE_NONE,
			 as_of);
}

static int count_row(void *ctx, json_t *row)
{
	struct count_ctx *c = ctx;
	c->counts[row_status(row, c->as_of)]++;
	return 0;
}

json_t *tracker_unit(struct tracker *tr, int64_t id, int32_t as_of, struct err *err)
{
	json_t *u = store_unit_get(tr->store, id, err);
	if (!u)
		return err->code == ERR_NOT_FOUND
			       ? (err_set(err, ERR_NOT_FOUND, "id", "no unit %lld", (long long)id), NULL)
			       : NULL;
	struct count_ctx c = {.as_of = as_of};
	struct assignment_query q = {.unit_id = id};
	if (store_assignments_scan(tr->store, &q, count_row, &c, err) != ERR_OK) {
		json_decref(u);
		return NULL;
	}
	json_t *counts = json_object();
	tally_counts_json(counts, c.counts);
	char day[DATE_STRLEN];
	json_object_set_new(u, "as_of", json_string(date_format(as_of, day)));
	json_object_set_new(u, "counts", counts);
	json_t *fields = store_fields(tr->store, err), *led = json_array();
	size_t i;
	json_t *f;
	json_array_foreach(fields, i, f)
		if (json_integer_value(json_object_get(f, "lead_unit_id")) == id)
			json_array_append(led, f);
	json_decref(fields);
	json_object_set_new(u, "leads_fields", led);
	return u;
}

json_t *tracker_fields(struct tracker *tr, struct err *err)
{
	return store_fields(tr->store, err);
}

/* ---- tasks ----------------------------------------------------------- */

/* Groups a task may name instead of units, as the letters write them. */
static const struct {
	const char *name;
	const char *kinds[6];	/* NULL-terminated */
} groups[] = {
	{"@departments", {"department", "agency"}},	/* các sở, ban, ngành tỉnh */
	{"@communes", {"commune", "ward"}},		/* UBND các xã, phường */
	{"@media", {"media"}},
	{"@all", {"department", "agency", "commune", "ward", "media"}},
};

const char *const *tracker_group_kinds(const char *name)
{
	for (size_t g = 0; name && g < ARRAY_LEN(groups); g++)
		if (strcmp(groups[g].name, name) == 0)
			return groups[g].kinds;
	return NULL;
}

static void add_unique(int64_t **ids, size_t *n, size_t *cap, int64_t id)
{
	for (size_t i = 0; i < *n; i++)
		if ((*ids)[i] == id)
			return;
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*ids = xrealloc(*ids, *cap * sizeof **ids);
	}
	(*ids)[(*n)++] = id;
}

/* Expands a JSON list of unit ids, codes and @groups into active unit ids. */
static enum err_code expand_units(struct tracker *tr, json_t *list, const char *field, int required,
				  int64_t **ids, size_t *n, struct err *err)
{
	size_t cap = 0;
	*ids = NULL;
	*n = 0;
	if (!list || json_is_null(list)) {
		if (required)
			return err_set(err, ERR_INVALID, field, "'%s' is required: unit ids, codes or groups", field);
		return ERR_OK;
	}
	if (!json_is_array(list))
		return err_set(err, ERR_INVALID, field, "'%s' must be an array of unit ids, codes or groups", field);
	json_t *units = NULL;
	size_t i;
	json_t *item;
	json_array_foreach(list, i, item) {
		int64_t id = 0;
		if (json_is_integer(item)) {
			char ref[24];
			snprintf(ref, sizeof ref, "%lld", (long long)json_integer_value(item));
			id = json_integer_value(item) > 0 ? tracker_unit_ref(tr, ref) : 0;
			if (!id)
				goto unknown;
			add_unique(ids, n, &cap, id);
			continue;
		}
		if (!json_is_string(item))
			return err_set(err, ERR_INVALID, field, "'%s' items must be unit ids, codes or groups", field);
		const char *ref = json_string_value(item);
		if (ref[0] == '@') {
			size_t g = 0;
			while (g < ARRAY_LEN(groups) && strcmp(groups[g].name, ref) != 0)
				g++;
			if (g == ARRAY_LEN(groups))
				goto unknown;
			if (!units && !(units = store_units(tr->store, err)))
				return err->code;
			size_t j;
			json_t *u;
			json_array_foreach(units, j, u) {
				const char *kind = json_string_value(json_object_get(u, "kind"));
				if (!json_integer_value(json_object_get(u, "active")))
					continue;
				for (int k = 0; k < 5 && groups[g].kinds[k]; k++)
					if (strcmp(kind, groups[g].kinds[k]) == 0)
						add_unique(ids, n, &cap, json_integer_value(json_object_get(u, "id")));
			}
			continue;
		}
		id = tracker_unit_ref(tr, ref);
		if (!id)
			goto unknown;
		add_unique(ids, n, &cap, id);
		continue;
unknown:
		json_decref(units);
		free(*ids);
		*ids = NULL;
		*n = 0;
		if (json_is_string(item))
			return err_set(err, ERR_INVALID, field, "unknown unit or group '%.60s' in '%s'",
				       json_string_value(item), field);
		return err_set(err, ERR_INVALID, field, "unknown unit id %lld in '%s'",
			       (long long)json_integer_value(item), field);
	}
	json_decref(units);
	if (required && *n == 0)
		return err_set(err, ERR_INVALID, field, "'%s' names no active unit", field);
	return ERR_OK;
}

/* A field given as code or id in a JSON body; 0 when absent. */
static enum err_code body_field(struct tracker *tr, json_t *body, int64_t *field_id, struct err *err)
{
	json_t *v = json_object_get(body, "field");
	*field_id = 0;
	if (!v || json_is_null(v))
		return ERR_OK;
	char ref[32];
	if (json_is_integer(v))
		snprintf(ref, sizeof ref, "%lld", (long long)json_integer_value(v));
	else if (json_is_string(v))
		snprintf(ref, sizeof ref, "%s", json_string_value(v));
	else
		return err_set(err, ERR_INVALID, "field", "'field' must be a field code or id");
	*field_id = tracker_field_ref(tr, ref);
	if (!*field_id)
		return err_set(err, ERR_INVALID, "field", "unknown field '%s'", ref);
	return ERR_OK;
}

/*
 * Task creation is split in three so that a confirmed document draft
 * (docimport_confirm.c) validates and expands its tasks exactly as POST /tasks
 * does, before the document they belong to exists: plan_parse reads the
 * body, plan_expand resolves units and groups and builds the assignments,
 * and the caller stores the result (store_task_add, or every task of a
 * document at once with store_document_import).
 */
static enum err_code plan_parse(struct tracker *tr, json_t *body, bool need_document,
				struct task_plan *p, struct err *err)
{
	static const char *const allowed[] = {"document_id", "field", "section", "title", "description",
		"deadline", "recurrence", "year", "product", "lead", "cooperating", NULL};
	enum err_code rc;
	memset(p, 0, sizeof *p);
	/* Whoever writes a task (directly or by confirming a document) must
	 * be allowed to in its field: checked before the rest of the body. */
	if ((rc = body_field(tr, body, &p->t.field_id, err)))
		return rc;
	struct permit_target target = {.field_lead_unit_id = tracker_field_lead(tr, p->t.field_id)};
	if ((rc = auth_require(tr->who, ACT_WRITE_TASK, &target, err)) ||
	    (rc = in_only(body, allowed, err)) ||
	    (rc = in_int(body, "document_id", need_document, 1, INT64_MAX, &p->t.document_id, NULL, err)) ||
	    (rc = in_text(body, "title", true, MAX_TITLE, &p->title, err)) ||
	    (rc = in_text(body, "description", false, MAX_TEXT, &p->description, err)) ||
	    (rc = in_text(body, "section", false, 40, &p->section, err)) ||
	    (rc = in_text(body, "product", false, MAX_TITLE, &p->product, err)) ||
	    (rc = in_text(body, "recurrence", false, 20, &p->rec_name, err)) ||
	    (rc = in_date(body, "deadline", false, p->deadline, err)) ||
	    (rc = in_int(body, "year", false, 2000, 2100, &p->year, &p->has_year, err)))
		return rc;
	int rec = p->rec_name ? recurrence_from_name(p->rec_name) : REC_ONCE;
	if (rec < 0)
		return err_set(err, ERR_INVALID, "recurrence",
			       "'recurrence' must be once, monthly, quarterly, semiannual, yearly or ongoing");
	p->t.recurrence = (enum recurrence)rec;
	return ERR_OK;
}

/* doc_year is the year of the task's document, the default for "year". */
static enum err_code plan_expand(struct tracker *tr, json_t *body, int64_t doc_year,
				 struct task_plan *p, struct err *err)
{
	enum err_code rc;
	if (!p->has_year)
		p->year = p->deadline[0] ? atoi(p->deadline) : doc_year;
	if (p->t.recurrence == REC_ONCE && !p->deadline[0])
		return err_set(err, ERR_INVALID, "deadline", "a one-off task needs a 'deadline' (YYYY-MM-DD)");
	if ((rc = expand_units(tr, json_object_get(body, "lead"), "lead", 1, &p->lead, &p->t.nlead, err)) ||
	    (rc = expand_units(tr, json_object_get(body, "cooperating"), "cooperating", 0, &p->coop,
			       &p->t.ncoop, err)))
		return rc;

	struct assignment_new periods[12];
	size_t nper = status_periods(p->t.recurrence, (int)p->year, periods);
	size_t per_unit = nper ? nper : 1;
	p->asg = xcalloc(p->t.nlead * per_unit, sizeof *p->asg);
	size_t nasg = 0;
	for (size_t u = 0; u < p->t.nlead; u++)
		for (size_t k = 0; k < per_unit; k++, nasg++) {
			p->asg[nasg] = nper ? periods[k] : (struct assignment_new){0};
			if (!nper)
				memcpy(p->asg[nasg].deadline, p->deadline, sizeof p->asg[nasg].deadline);
			p->asg[nasg].unit_id = p->lead[u];
		}
	p->t.section = p->section;
	p->t.title = p->title;
	p->t.description = p->description;
	p->t.product = p->product;
	p->t.deadline = p->deadline[0] ? p->deadline : NULL;
	p->t.year = (int)p->year;
	p->t.lead = p->lead;
	p->t.coop = p->coop;
	p->t.asg = p->asg;
	p->t.nasg = nasg;
	return ERR_OK;
}

enum err_code tracker_task_plan(struct tracker *tr, json_t *body, int doc_year, struct task_plan *p,
				struct err *err)
{
	enum err_code rc = plan_parse(tr, body, false, p, err);
	if (rc == ERR_OK)
		rc = plan_expand(tr, body, doc_year, p, err);
	return rc;
}

void tracker_task_plan_release(struct task_plan *p)
{
	free(p->title);
	free(p->description);
	free(p->section);
	free(p->product);
	free(p->rec_name);
	free(p->lead);
	free(p->coop);
	free(p->asg);
	memset(p, 0, sizeof *p);
}

enum err_code tracker_task_create(struct tracker *tr, json_t *body, json_t **out, struct err *err)
{
	struct task_plan p;
	json_t *doc = NULL;
	enum err_code rc;

	if ((rc = plan_parse(tr, body, true, &p, err)))
		goto out;
	doc = store_document_get(tr->store, p.t.document_id, err);
	if (!doc) {
		rc = err->code == ERR_NOT_FOUND
			     ? err_set(err, ERR_INVALID, "document_id", "unknown document %lld",
				       (long long)p.t.document_id)
			     : err->code;
		goto out;
	}
	if ((rc = plan_expand(tr, body, json_integer_value(json_object_get(doc, "year")), &p, err)))
		goto out;
	int64_t id = 0;
	tracker_attribution_begin(tr);
	rc = store_task_add(tr->store, &p.t, &id, err);
	tracker_attribution_end(tr);
	if (rc)
		goto out;
	if (out && !(*out = tracker_task(tr, id, date_today(), err)))
		rc = err->code;
out:
	tracker_task_plan_release(&p);
	json_decref(doc);
	return rc;
}

/* May who write the task id where it is now?  ERR_NOT_FOUND for no task. */
static enum err_code task_writable(struct tracker *tr, int64_t id, struct err *err)
{
	json_t *old = store_task_get(tr->store, id, err);
	if (!old)
		return err->code == ERR_NOT_FOUND ? err_set(err, ERR_NOT_FOUND, "id", "no task %lld", (long long)id)
						  : err->code;
	struct permit_target now = {
		.field_lead_unit_id = tracker_field_lead(tr, json_integer_value(json_object_get(old, "field_id")))};
	json_decref(old);
	return auth_require(tr->who, ACT_WRITE_TASK, &now, err);
}

enum err_code tracker_task_patch(struct tracker *tr, int64_t id, json_t *body, json_t **out, struct err *err)
{
	static const char *const allowed[] = {"title", "description", "section", "product", "field", NULL};
	char *title = NULL, *description = NULL, *section = NULL, *product = NULL;
	int64_t field_id = 0;
	enum err_code rc;
	/* Who may change the task first: one who may not learns nothing of the form. */
	if ((rc = task_writable(tr, id, err)))
		goto out;
	if (json_object_get(body, "deadline") || json_object_get(body, "lead") ||
	    json_object_get(body, "recurrence")) {
		rc = err_set(err, ERR_INVALID, json_object_get(body, "deadline") ? "deadline" :
			     json_object_get(body, "lead") ? "lead" : "recurrence",
			     "deadlines, recurrence and units are fixed once assigned; "
			     "create a new task instead");
		goto out;
	}
	if ((rc = in_only(body, allowed, err)) ||
	    (rc = in_text(body, "title", false, MAX_TITLE, &title, err)) ||
	    (rc = in_text(body, "description", false, MAX_TEXT, &description, err)) ||
	    (rc = in_text(body, "section", false, 40, &section, err)) ||
	    (rc = in_text(body, "product", false, MAX_TITLE, &product, err)) ||
	    (rc = body_field(tr, body, &field_id, err)))
		goto out;
	if (title && !*title) {
		rc = err_set(err, ERR_INVALID, "title", "'title' must not be empty");
		goto out;
	}
	/* The field it moves to must be the caller's too. */
	struct permit_target next = {.field_lead_unit_id = tracker_field_lead(tr, field_id)};
	if (field_id && (rc = auth_require(tr->who, ACT_WRITE_TASK, &next, err)))
		goto out;
	struct task_patch p = {.title = title, .description = description, .section = section,
			       .product = product, .field_id = field_id};
	tracker_attribution_begin(tr);
	rc = store_task_update(tr->store, id, &p, err);
	tracker_attribution_end(tr);
	if (rc) {
		if (rc == ERR_NOT_FOUND)
			err_set(err, ERR_NOT_FOUND, "id", "no task %lld", (long long)id);
		goto out;
	}
	if (out && !(*out = tracker_task(tr, id, date_today(), err)))
		rc = err->code;
out:
	free(title);
	free(description);
	free(section);
	free(product);
	return rc;
}

static void add_status(json_t *row, int32_t as_of)
{
	json_object_set_new(row, "status", json_string(status_name(row_status(row, as_of))));
}

static int collect_row(void *ctx, json_t *row)
{
	json_array_append(ctx, row);
	return 0;
}

json_t *tracker_task(struct tracker *tr, int64_t id, int32_t as_of, struct err *err)
{
	json_t *t = store_task_get(tr->store, id, err);
	if (!t) {
		if (err->code == ERR_NOT_FOUND)
			err_set(err, ERR_NOT_FOUND, "id", "no task %lld", (long long)id);
		return NULL;
	}
	json_t *asg = json_array();
	struct assignment_query q = {.task_id = id};
	if (store_assignments_scan(tr->store, &q, collect_row, asg, err) != ERR_OK) {
		json_decref(asg);
		json_decref(t);
		return NULL;
	}
	int64_t counts[STATUS_COUNT] = {0};
	size_t i;
	json_t *row;
	json_array_foreach(asg, i, row) {
		add_status(row, as_of);
		counts[row_status(row, as_of)]++;
	}
	json_t *c = json_object();
	tally_counts_json(c, counts);
	char day[DATE_STRLEN];
	json_object_set_new(t, "as_of", json_string(date_format(as_of, day)));
	json_object_set_new(t, "counts", c);
	json_object_set_new(t, "assignments", asg);
	return t;
}

/* ---- lists with cursors ---------------------------------------------- */

struct list_ctx {
	struct tracker *tr;
	const struct list_query *q;
	char **words;		/* folded search words beyond the third */
	size_t nwords;
	json_t *items;
	int64_t last_id;
	int more;		/* a row beyond the limit exists */
	struct err *err;
	enum err_code rc;
};

static int words_match(const struct list_ctx *c, json_t *row)
{
	if (c->nwords <= 3)
		return 1;
	struct buf text = BUF_INIT;
	buf_adds(&text, json_string_value(json_object_get(row, "title")));
	buf_addc(&text, ' ');
	const char *d = json_string_value(json_object_get(row, "description"));
	buf_adds(&text, d ? d : "");
	char *f = vi_fold(buf_str(&text));
	buf_release(&text);
	int ok = 1;
	for (size_t i = 3; i < c->nwords && ok; i++)
		ok = strstr(f, c->words[i]) != NULL;
	free(f);
	return ok;
}

static int task_row(void *ctx, json_t *row)
{
	struct list_ctx *c = ctx;
	if (!words_match(c, row))
		return 0;
	int64_t id = json_integer_value(json_object_get(row, "id"));
	/* Counts over the task's assignments (of the unit, when filtered). */
	struct count_ctx counts = {.as_of = c->q->as_of};
	struct assignment_query aq = {.task_id = id, .unit_id = c->q->unit_id,
				      .due_from = c->q->due_from, .due_to = c->q->due_to};
	if ((c->rc = store_assignments_scan(c->tr->store, &aq, count_row, &counts, c->err)))
		return 1;
	if (c->q->status >= 0 && counts.counts[c->q->status] == 0)
		return 0;
	if ((int)json_array_size(c->items) == c->q->limit) {
		c->more = 1;
		return 1;
	}
	json_t *cj = json_object();
	tally_counts_json(cj, counts.counts);
	json_object_set(row, "counts", cj);
	json_decref(cj);
	json_array_append(c->items, row);
	c->last_id = id;
	return 0;
}

static char **split_words(const char *q, size_t *n)
{
	*n = 0;
	if (!q || !*q)
		return NULL;
	char *f = vi_fold(q), *save = NULL;
	char **words = NULL;
	for (char *w = strtok_r(f, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		words = xrealloc(words, (*n + 1) * sizeof *words);
		words[(*n)++] = xstrdup(w);
	}
	free(f);
	return words;
}

static json_t *finish_list(struct list_ctx *c)
{
	for (size_t i = 0; i < c->nwords; i++)
		free(c->words[i]);
	free(c->words);
	if (c->rc) {
		json_decref(c->items);
		return NULL;
	}
	json_t *out = json_object();
	char day[DATE_STRLEN];
	json_object_set_new(out, "as_of", json_string(date_format(c->q->as_of, day)));
	json_object_set_new(out, "items", c->items);
	char cursor[24];
	snprintf(cursor, sizeof cursor, "%lld", (long long)c->last_id);
	json_object_set_new(out, "next_cursor", c->more ? json_string(cursor) : json_null());
	return out;
}

json_t *tracker_tasks(struct tracker *tr, const struct list_query *q, struct err *err)
{
	struct list_ctx c = {.tr = tr, .q = q, .items = json_array(), .err = err};
	c.words = split_words(q->q, &c.nwords);
	/* Words go to the store space-joined; it matches the first three. */
	struct buf joined = BUF_INIT;
	for (size_t i = 0; i < c.nwords; i++)
		buf_printf(&joined, "%s%s", i ? " " : "", c.words[i]);
	struct task_query tq = {.unit_id = q->unit_id, .field_id = q->field_id, .after_id = q->after_id,
				.due_from = q->due_from, .due_to = q->due_to,
				.q_fold = c.nwords ? buf_str(&joined) : NULL};
	enum err_code rc = store_tasks_scan(tr->store, &tq, task_row, &c, err);
	if (rc && !c.rc)
		c.rc = rc;
	buf_release(&joined);
	return finish_list(&c);
}

static int assignment_row(void *ctx, json_t *row)
{
	struct list_ctx *c = ctx;
	enum status s = row_status(row, c->q->as_of);
	if (c->q->status >= 0 && (int)s != c->q->status)
		return 0;
	if (c->q->field_id && json_integer_value(json_object_get(row, "field_id")) != c->q->field_id)
		return 0;
	if ((int)json_array_size(c->items) == c->q->limit) {
		c->more = 1;
		return 1;
	}
	json_object_set_new(row, "status", json_string(status_name(s)));
	json_array_append(c->items, row);
	c->last_id = json_integer_value(json_object_get(row, "id"));
	return 0;
}

json_t *tracker_assignments(struct tracker *tr, const struct list_query *q, struct err *err)
{
	struct list_ctx c = {.tr = tr, .q = q, .items = json_array(), .err = err};
	struct assignment_query aq = {.unit_id = q->unit_id, .task_id = q->task_id, .after_id = q->after_id,
				      .due_from = q->due_from, .due_to = q->due_to};
	c.rc = store_assignments_scan(tr->store, &aq, assignment_row, &c, err);
	return finish_list(&c);
}

/* ---- reports --------------------------------------------------------- */

json_t *tracker_reports(struct tracker *tr, int64_t assignment_id, struct err *err)
{
	json_t *a = store_assignment_get(tr->store, assignment_id, err);
	if (!a) {
		if (err->code == ERR_NOT_FOUND)
			err_set(err, ERR_NOT_FOUND, "id", "no assignment %lld", (long long)assignment_id);
		return NULL;
	}
	struct permit_target target = work_of(a);
	json_decref(a);
	if (auth_require(tr->who, ACT_READ_REPORTS, &target, err))
		return NULL;
	return store_reports(tr->store, assignment_id, err);
}

json_t *tracker_assignment(struct tracker *tr, int64_t id, int32_t as_of, struct err *err)
{
	json_t *a = store_assignment_get(tr->store, id, err);
	if (!a) {
		if (err->code == ERR_NOT_FOUND)
			err_set(err, ERR_NOT_FOUND, "id", "no assignment %lld", (long long)id);
		return NULL;
	}
	struct permit_target target = work_of(a);
	json_t *reports = auth_permits(tr->who, ACT_READ_REPORTS, &target)
				  ? store_reports(tr->store, id, err) : json_array();
	if (!reports) {
		json_decref(a);
		return NULL;
	}
	add_status(a, as_of);
	json_object_set_new(a, "reports", reports);
	return a;
}

static int valid_request_key(const char *k)
{
	size_t n = strlen(k);
	return n >= 8 && n <= 100 &&
	       strspn(k, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:") == n;
}

/* The permission target of an assignment, for one who would act on it. */
static enum err_code assignment_target(struct tracker *tr, int64_t assignment_id, enum action act,
				       struct permit_target *target, struct err *err)
{
	json_t *a = store_assignment_get(tr->store, assignment_id, err);
	if (!a)
		return err->code == ERR_NOT_FOUND
			       ? err_set(err, ERR_NOT_FOUND, "assignment_id", "no assignment %lld",
					 (long long)assignment_id)
			       : err->code;
	*target = work_of(a);
	json_decref(a);
	return auth_require(tr->who, act, target, err);
}

enum err_code tracker_may_report(struct tracker *tr, int64_t assignment_id, struct err *err)
{
	struct permit_target target;
	return assignment_target(tr, assignment_id, ACT_REPORT, &target, err);
}

enum err_code tracker_report_add(struct tracker *tr, int64_t assignment_id, json_t *body,
				 const struct evidence_new *ev, size_t nev, json_t **out,
				 struct err *err)
{
	static const char *const allowed[] = {"percent", "note", "completed_on", "reporter_note",
					      "reporter", "request_key", NULL};
	char *note = NULL, *reporter_note = NULL, *key = NULL;
	char completed[11], today[DATE_STRLEN];
	int64_t percent = 0;
	struct permit_target target;
	enum err_code rc;
	date_format(date_today(), today);
	/* Who may report here first: one who may not learns nothing of the form. */
	if ((rc = assignment_target(tr, assignment_id, ACT_REPORT, &target, err)))
		goto out;
	/* "reporter" is what older clients send for the note. */
	const char *note_key = json_object_get(body, "reporter_note") ? "reporter_note" : "reporter";
	if ((rc = in_only(body, allowed, err)) ||
	    (rc = in_int(body, "percent", true, 0, 100, &percent, NULL, err)) ||
	    (rc = in_text(body, "note", false, MAX_TEXT, &note, err)) ||
	    (rc = in_text(body, note_key, false, 200, &reporter_note, err)) ||
	    (rc = in_text(body, "request_key", false, 100, &key, err)) ||
	    (rc = in_date(body, "completed_on", false, completed, err)))
		goto out;
	if (key && !valid_request_key(key)) {
		rc = err_set(err, ERR_INVALID, "request_key",
			     "'request_key' must be 8-100 letters, digits or -_.:");
		goto out;
	}
	if (percent == 100 && !completed[0]) {
		rc = err_set(err, ERR_INVALID, "completed_on", "a 100%% report needs 'completed_on', the completion date");
		goto out;
	}
	if (percent < 100 && completed[0]) {
		rc = err_set(err, ERR_INVALID, "completed_on", "'completed_on' goes only with a 100%% report");
		goto out;
	}
	if (completed[0] && strcmp(completed, today) > 0) {
		rc = err_set(err, ERR_INVALID, "completed_on", "'completed_on' %s is in the future", completed);
		goto out;
	}
	/* The head's own completion needs no second confirmation. */
	int head_completes = percent == 100 && tr->who && auth_permits(tr->who, ACT_CONFIRM, &target);
	struct report_new r = {
		.confirmed_by = head_completes ? tr->who->name : NULL,
		.assignment_id = assignment_id, .percent = (int)percent, .note = note ? note : "",
		.completed_on = completed[0] ? completed : NULL, .reported_on = today,
		.reporter = tr->who ? tr->who->name : "system", .reporter_note = reporter_note,
		.request_key = key, .ev = ev, .nev = nev,
	};
	int64_t id = 0;
	rc = store_report_add(tr->store, &r, &id, err);
	if (rc == ERR_OK && out && !(*out = store_report_get(tr->store, id, err)))
		rc = err->code;
out:
	free(note);
	free(reporter_note);
	free(key);
	return rc;
}

enum err_code tracker_report_confirm(struct tracker *tr, int64_t report_id, json_t **out, struct err *err)
{
	json_t *r = store_report_get(tr->store, report_id, err);
	json_t *a = r ? store_assignment_get(tr->store, json_integer_value(json_object_get(r, "assignment_id")), err)
		      : NULL;
	enum err_code rc = ERR_OK;
	if (!a) {
		rc = err->code == ERR_NOT_FOUND ? err_set(err, ERR_NOT_FOUND, "id", "no report %lld", (long long)report_id)
						: err->code;
		goto out;
	}
	struct permit_target target = work_of(a);
	if ((rc = auth_require(tr->who, ACT_CONFIRM, &target, err)))
		goto out;
	if (json_integer_value(json_object_get(r, "percent")) != 100) {
		rc = err_set(err, ERR_INVALID, "id", "only a completion (100%%) report is confirmed");
		goto out;
	}
	tracker_attribution_begin(tr);
	rc = store_report_confirm(tr->store, report_id, auth_actor(tr->who), err);
	tracker_attribution_end(tr);
	if (rc)
		goto out;
	if (out && !(*out = store_report_get(tr->store, report_id, err)))
		rc = err->code;
out:
	json_decref(r);
	json_decref(a);
	return rc;
}

json_t *tracker_dashboard(struct tracker *tr, const struct dashboard_query *q, struct err *err)
{
	return tally_dashboard(tr->tally, tr->store, q, err);
}

json_t *tracker_evidence(struct tracker *tr, const char *sha256, char **path, struct err *err)
{
	*path = evidence_path(tr->data_dir, sha256);
	json_t *ev = *path ? store_evidence_get(tr->store, sha256, err) : NULL;
	if (!ev) {
		err_set(err, ERR_NOT_FOUND, "sha256", "no such evidence file");
	} else {
		struct permit_target target = work_of(ev);
		if (auth_require(tr->who, ACT_READ_REPORTS, &target, err)) {
			json_decref(ev);
			ev = NULL;
		}
	}
	if (!ev) {
		free(*path);
		*path = NULL;
	}
	return ev;
}

json_t *tracker_health(struct tracker *tr)
{
	char *demo = store_meta_get(tr->store, "demo");
	char *note = store_meta_get(tr->store, "demo_note");
	json_t *h = json_pack("{s:s, s:i, s:s?, s:s?}", "status", "ok", "schema",
			      store_schema_version(tr->store), "demo", demo, "demo_note", note);
	free(demo);
	free(note);
	return h;
}

json_t *tracker_history(struct tracker *tr, const char *entity, int64_t id, struct err *err)
{
	struct permit_target target = {0};
	json_t *row = NULL;
	/* History is readable by whoever may read the entity's work. */
	if (strcmp(entity, "task") == 0) {
		row = store_task_get(tr->store, id, err);
		if (row) {
			target.field_lead_unit_id = tracker_field_lead(tr, json_integer_value(json_object_get(row, "field_id")));
			/* A unit reads the history of the tasks that name it. */
			const char *lists[] = {"lead", "cooperating"};
			for (int l = 0; l < 2 && tr->who; l++) {
				size_t i;
				json_t *u;
				json_array_foreach(json_object_get(row, lists[l]), i, u)
					if (json_integer_value(json_object_get(u, "id")) == tr->who->unit_id)
						target.unit_id = tr->who->unit_id;
			}
		}
	} else if (strcmp(entity, "assignment") == 0) {
		row = store_assignment_get(tr->store, id, err);
		if (row)
			target = work_of(row);
	} else if (strcmp(entity, "unit") == 0) {
		row = store_unit_get(tr->store, id, err);
		target.unit_id = id;
	} else if (strcmp(entity, "account") == 0) {
		row = store_account_by_id(tr->store, id, err);
		/* Only roles that see every unit read accounts' history. */
	} else {
		err_set(err, ERR_BAD_REQUEST, "entity", "history is kept for task, assignment, unit and account");
		return NULL;
	}
	if (!row) {
		if (err->code == ERR_NOT_FOUND)
			err_set(err, ERR_NOT_FOUND, "id", "no %s %lld", entity, (long long)id);
		return NULL;
	}
	json_decref(row);
	if (auth_require(tr->who, ACT_AUDIT_READ, &target, err))
		return NULL;
	char key[24];
	snprintf(key, sizeof key, "%lld", (long long)id);
	return store_audit_of(tr->store, entity, key, err);
}

static int collect_audit(void *ctx, json_t *row)
{
	json_array_append(ctx, row);
	return 0;
}

json_t *tracker_audit_export(struct tracker *tr, struct err *err)
{
	if (auth_require(tr->who, ACT_AUDIT_EXPORT, NULL, err))
		return NULL;
	json_t *all = json_array();
	if (store_audit_scan(tr->store, collect_audit, all, err) != ERR_OK) {
		json_decref(all);
		return NULL;
	}
	return all;
}
