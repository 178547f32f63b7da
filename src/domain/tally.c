#include "base/base.h"
#include "base/date.h"
#include "base/vitext.h"
#include "domain/tally.h"
#include "store/store.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct tally_row {
	int32_t unit_id;	/* 0: no assignment has this id */
	int32_t deadline, first_report_on, completed_on;
	int32_t field_id;
};

struct tally_unit {
	char *code, *name, *kind;
	int64_t parent_id;
	unsigned kind_bit;
	int sort_rank;		/* position in Vietnamese name order */
	int present;
};

struct tally_field {
	char *code, *name;
};

struct tally {
	pthread_rwlock_t lock;
	int64_t rev, unit_rev;		/* what the tally reflects; -1 before loading */
	struct tally_row *rows;		/* indexed by assignment id */
	size_t nrows;
	struct tally_unit *units;	/* indexed by unit id */
	size_t nunits;
	struct tally_field *fields;	/* indexed by field id */
	size_t nfields;
};

static const char *const kind_names[] = {
	"province", "department", "agency", "commune", "ward", "media", "other"};

unsigned unit_kind_bit(const char *kind)
{
	for (size_t i = 0; i < ARRAY_LEN(kind_names); i++)
		if (strcmp(kind_names[i], kind) == 0)
			return 1u << i;
	return 0;
}

struct tally *tally_new(void)
{
	struct tally *t = xcalloc(1, sizeof *t);
	pthread_rwlock_init(&t->lock, NULL);
	t->rev = t->unit_rev = -1;
	return t;
}

static void free_units(struct tally *t)
{
	for (size_t i = 0; i < t->nunits; i++) {
		free(t->units[i].code);
		free(t->units[i].name);
		free(t->units[i].kind);
	}
	free(t->units);
	for (size_t i = 0; i < t->nfields; i++) {
		free(t->fields[i].code);
		free(t->fields[i].name);
	}
	free(t->fields);
	t->units = NULL;
	t->fields = NULL;
	t->nunits = t->nfields = 0;
}

void tally_free(struct tally *t)
{
	if (!t)
		return;
	free_units(t);
	free(t->rows);
	pthread_rwlock_destroy(&t->lock);
	free(t);
}

static void apply_change(void *ctx, const struct assignment_facts *f)
{
	struct tally *t = ctx;
	if (f->id <= 0 || f->unit_id <= 0 || f->unit_id > INT32_MAX || f->deadline == DATE_NONE)
		return;
	if ((size_t)f->id >= t->nrows) {
		/* A quarter of headroom, not doubling: at a million assignments
		 * doubling would reserve 20 MB that may never be used. */
		size_t n = (size_t)f->id + (size_t)f->id / 4 + 1024;
		t->rows = xrealloc(t->rows, n * sizeof *t->rows);
		memset(t->rows + t->nrows, 0, (n - t->nrows) * sizeof *t->rows);
		t->nrows = n;
	}
	t->rows[f->id] = (struct tally_row){
		.unit_id = (int32_t)f->unit_id,
		.deadline = f->deadline,
		.first_report_on = f->first_report_on,
		.completed_on = f->completed_on,
		.field_id = (int32_t)f->field_id,
	};
}

static int by_name(const void *a, const void *b, void *units);

static enum err_code load_units(struct tally *t, struct store *st, struct err *err)
{
	json_t *units = store_units(st, err);
	json_t *fields = units ? store_fields(st, err) : NULL;
	if (!units || !fields) {
		json_decref(units);
		return err->code;
	}
	free_units(t);
	size_t i;
	json_t *u;
	int64_t max_id = 0;
	json_array_foreach(units, i, u) {
		int64_t id = json_integer_value(json_object_get(u, "id"));
		if (id > max_id)
			max_id = id;
	}
	t->nunits = (size_t)max_id + 1;
	t->units = xcalloc(t->nunits, sizeof *t->units);
	json_array_foreach(units, i, u) {
		struct tally_unit *tu = &t->units[json_integer_value(json_object_get(u, "id"))];
		tu->code = xstrdup(json_string_value(json_object_get(u, "code")));
		tu->name = xstrdup(json_string_value(json_object_get(u, "name")));
		tu->kind = xstrdup(json_string_value(json_object_get(u, "kind")));
		tu->kind_bit = unit_kind_bit(tu->kind);
		tu->parent_id = json_integer_value(json_object_get(u, "parent_id"));
		tu->present = 1;
	}
	/* Rank names once here so that requests sort by integers. */
	int *order = xmalloc(t->nunits * sizeof *order);
	size_t n = 0;
	for (size_t k = 0; k < t->nunits; k++)
		if (t->units[k].present)
			order[n++] = (int)k;
	qsort_r(order, n, sizeof *order, by_name, t->units);
	for (size_t k = 0; k < n; k++)
		t->units[order[k]].sort_rank = (int)k;
	free(order);

	int64_t max_field = 0;
	json_t *f;
	json_array_foreach(fields, i, f) {
		int64_t id = json_integer_value(json_object_get(f, "id"));
		if (id > max_field)
			max_field = id;
	}
	t->nfields = (size_t)max_field + 1;
	t->fields = xcalloc(t->nfields, sizeof *t->fields);
	json_array_foreach(fields, i, f) {
		struct tally_field *tf = &t->fields[json_integer_value(json_object_get(f, "id"))];
		tf->code = xstrdup(json_string_value(json_object_get(f, "code")));
		tf->name = xstrdup(json_string_value(json_object_get(f, "name")));
	}
	json_decref(units);
	json_decref(fields);
	return ERR_OK;
}

static int by_name(const void *a, const void *b, void *units)
{
	const struct tally_unit *u = units;
	return vi_strcmp(u[*(const int *)a].name, u[*(const int *)b].name);
}

enum err_code tally_refresh(struct tally *t, struct store *st, struct err *err)
{
	int64_t rev, unit_rev;
	store_revs(st, &rev, &unit_rev);
	if (rev < 0)
		return err_set(err, ERR_INTERNAL, "", "cannot read the change numbers");
	pthread_rwlock_rdlock(&t->lock);
	int current = rev == t->rev && unit_rev == t->unit_rev;
	pthread_rwlock_unlock(&t->lock);
	if (current)
		return ERR_OK;
	enum err_code rc = ERR_OK;
	pthread_rwlock_wrlock(&t->lock);
	if (unit_rev != t->unit_rev) {
		rc = load_units(t, st, err);
		if (rc == ERR_OK)
			t->unit_rev = unit_rev;
	}
	if (rc == ERR_OK && rev != t->rev) {
		rc = store_assignment_changes(st, t->rev < 0 ? -1 : t->rev, apply_change, t, err);
		if (rc == ERR_OK)
			t->rev = rev;
	}
	pthread_rwlock_unlock(&t->lock);
	return rc;
}

void tally_counts_json(json_t *obj, const int64_t counts[STATUS_COUNT])
{
	int64_t total = 0;
	for (int s = 0; s < STATUS_COUNT; s++) {
		json_object_set_new(obj, status_name((enum status)s), json_integer(counts[s]));
		total += counts[s];
	}
	json_object_set_new(obj, "total", json_integer(total));
	double rate = status_on_time_rate(counts);
	json_object_set_new(obj, "on_time_rate", rate < 0 ? json_null() : json_real(round(rate * 10000) / 10000));
}

struct unit_score {
	int64_t id;
	double rate;
	int64_t overdue;
	int rank;
};

static int worst_first(const void *pa, const void *pb)
{
	const struct unit_score *a = pa, *b = pb;
	/* Nothing due (rate < 0) sorts after every rated unit. */
	if ((a->rate < 0) != (b->rate < 0))
		return a->rate < 0 ? 1 : -1;
	if (a->rate != b->rate)
		return a->rate < b->rate ? -1 : 1;
	if (a->overdue != b->overdue)
		return a->overdue > b->overdue ? -1 : 1;
	return a->rank - b->rank;
}

/* Marks the units a query covers: kind and place in the tree. */
static unsigned char *scope_of(const struct tally *t, const struct dashboard_query *q)
{
	unsigned char *in = xcalloc(t->nunits ? t->nunits : 1, 1);
	for (size_t id = 1; id < t->nunits; id++) {
		const struct tally_unit *u = &t->units[id];
		if (!u->present || (q->kind_mask && !(u->kind_bit & q->kind_mask)))
			continue;
		if (q->root_id) {
			/* Walk up; the depth guard stops a cycle made by bad data. */
			int64_t p = (int64_t)id;
			int depth = 0;
			while (p && p != q->root_id && depth++ < 64)
				p = (size_t)p < t->nunits ? t->units[p].parent_id : 0;
			if (p != q->root_id)
				continue;
		}
		in[id] = 1;
	}
	return in;
}

json_t *tally_dashboard(struct tally *t, struct store *st, const struct dashboard_query *q,
			struct err *err)
{
	if (tally_refresh(t, st, err) != ERR_OK)
		return NULL;
	pthread_rwlock_rdlock(&t->lock);
	unsigned char *in = scope_of(t, q);
	int64_t (*ucount)[STATUS_COUNT] = xcalloc(t->nunits ? t->nunits : 1, sizeof *ucount);
	int64_t (*fcount)[STATUS_COUNT] = xcalloc(t->nfields ? t->nfields : 1, sizeof *fcount);
	int64_t total[STATUS_COUNT] = {0};
	int32_t as_of = q->as_of;
	for (size_t id = 1; id < t->nrows; id++) {
		const struct tally_row *r = &t->rows[id];
		if (!r->unit_id || (size_t)r->unit_id >= t->nunits || !in[r->unit_id])
			continue;
		if (q->field_id && r->field_id != q->field_id)
			continue;
		enum status s = status_of(r->deadline, r->first_report_on, r->completed_on, as_of);
		ucount[r->unit_id][s]++;
		if ((size_t)r->field_id < t->nfields)
			fcount[r->field_id][s]++;
		total[s]++;
	}

	struct unit_score *scores = xmalloc((t->nunits ? t->nunits : 1) * sizeof *scores);
	size_t nscores = 0;
	for (size_t id = 1; id < t->nunits; id++) {
		int64_t sum = 0;
		for (int s = 0; s < STATUS_COUNT; s++)
			sum += ucount[id][s];
		if (!sum)
			continue;
		scores[nscores++] = (struct unit_score){
			.id = (int64_t)id,
			.rate = status_on_time_rate(ucount[id]),
			.overdue = ucount[id][STATUS_OVERDUE],
			.rank = t->units[id].sort_rank,
		};
	}
	qsort(scores, nscores, sizeof *scores, worst_first);

	json_t *out = json_object();
	char day[DATE_STRLEN];
	json_object_set_new(out, "as_of", json_string(date_format(as_of, day)));
	json_t *tot = json_object();
	tally_counts_json(tot, total);
	json_object_set_new(out, "totals", tot);
	json_t *units = json_array();
	size_t limit = q->limit > 0 && (size_t)q->limit < nscores ? (size_t)q->limit : nscores;
	for (size_t i = 0; i < limit; i++) {
		const struct tally_unit *u = &t->units[scores[i].id];
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(scores[i].id));
		json_object_set_new(o, "code", json_string(u->code));
		json_object_set_new(o, "name", json_string(u->name));
		json_object_set_new(o, "kind", json_string(u->kind));
		tally_counts_json(o, ucount[scores[i].id]);
		json_array_append_new(units, o);
	}
	json_object_set_new(out, "unit_count", json_integer((json_int_t)nscores));
	json_object_set_new(out, "units", units);
	json_t *fields = json_array();
	for (size_t id = 1; id < t->nfields; id++) {
		if (!t->fields[id].code || (q->field_id && (int64_t)id != q->field_id))
			continue;
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer((json_int_t)id));
		json_object_set_new(o, "code", json_string(t->fields[id].code));
		json_object_set_new(o, "name", json_string(t->fields[id].name));
		tally_counts_json(o, fcount[id]);
		json_array_append_new(fields, o);
	}
	json_object_set_new(out, "fields", fields);
	pthread_rwlock_unlock(&t->lock);
	free(in);
	free(ucount);
	free(fcount);
	free(scores);
	return out;
}
