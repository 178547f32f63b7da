/*
 * par_results.c — the PAR index's results: per unit the points and index
 * of each field and in total, self and appraised, the band and the rank
 * within its kind; and the demo's sets and assessments.
 *
 * Index = points / maximum × 100 (the bonus/penalty part adds to the
 * points, not to the maximum).  The band is the set's own bands, or the
 * default ones (table par_band).  Ranks follow the index (appraised when
 * the unit has been appraised, else its own), highest first; equal
 * indexes share a rank and are listed in Vietnamese order of the names.
 */
#include "base/base.h"
#include "base/embed.h"
#include "base/vitext.h"
#include "domain/auth.h"
#include "domain/par.h"
#include "domain/par_int.h"
#include "domain/tracker.h"
#include "store/store.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAR_MAX_FIELDS 16

struct node_ref {
	int64_t node_id;
	int field;		/* index of its top-level node in the set */
};

/* One set as the results need it: its top-level nodes and, per leaf, the
 * top-level node it adds to. */
struct set_info {
	int64_t id;
	json_t *fields;		/* [{code, name, max, adjustment}] */
	double max;		/* the fields' maxima, without the bonus/penalty */
	json_t *bands;		/* [{name, min}] */
	struct node_ref *refs;
	size_t nrefs;
};

struct row {
	json_t *item;		/* the assessment's row, becoming the result */
	const struct set_info *set;
	double self[PAR_MAX_FIELDS], appraised[PAR_MAX_FIELDS];
	double index;
	const char *name, *kind;
};

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static int cmp_ref(const void *a, const void *b)
{
	return cmp_id(&((const struct node_ref *)a)->node_id, &((const struct node_ref *)b)->node_id);
}

static enum err_code load_set(struct tracker *tr, int64_t id, json_t *default_bands, struct set_info *si,
			      struct err *err)
{
	json_t *rows = store_par_nodes(tr->store, id, err), *set = rows ? store_par_set_get(tr->store, id, err) : NULL;
	if (!set) {
		json_decref(rows);
		return err->code;
	}
	par_set_json_fix(set);
	json_t *bands = json_object_get(set, "bands");
	*si = (struct set_info){.id = id, .fields = json_array(), .bands = json_incref(json_is_array(bands) ? bands : default_bands),
				.refs = xcalloc(json_array_size(rows) + 1, sizeof *si->refs)};
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
		/* A node's field is its top ancestor: walk the parent codes. */
		json_t *top = r;
		for (int depth = 0; depth < 3 && json_is_string(json_object_get(top, "parent_code")); depth++)
			top = par_node_by_code(rows, json_string_value(json_object_get(top, "parent_code")));
		bool adjust = strcmp(json_string_value(json_object_get(top, "rule")), "adjustment") == 0;
		if (top == r && json_array_size(si->fields) < PAR_MAX_FIELDS) {
			json_array_append_new(si->fields, json_pack("{s:O, s:O, s:O, s:b}", "code", json_object_get(r, "code"),
								     "name", json_object_get(r, "name"), "max",
								     json_object_get(r, "max_points"), "adjustment", adjust));
			if (!adjust)
				si->max += json_number_value(json_object_get(r, "max_points"));
		}
		if (strcmp(json_string_value(json_object_get(r, "rule")), "sum") == 0)
			continue;
		int field = -1;
		for (size_t f = 0; f < json_array_size(si->fields); f++)
			if (json_equal(json_object_get(json_array_get(si->fields, f), "code"), json_object_get(top, "code")))
				field = (int)f;
		if (field >= 0)
			si->refs[si->nrefs++] = (struct node_ref){json_integer_value(json_object_get(r, "id")), field};
	}
	qsort(si->refs, si->nrefs, sizeof *si->refs, cmp_ref);
	json_decref(rows);
	json_decref(set);
	return ERR_OK;
}

/* The band of index and its place among the bands (*order: 1 the best). */
static const char *band_of(json_t *bands, double index, size_t *order)
{
	size_t i;
	json_t *b;
	json_array_foreach(bands, i, b)
		if (index + 1e-9 >= json_number_value(json_object_get(b, "min"))) {
			*order = i + 1;
			return json_string_value(json_object_get(b, "name"));
		}
	return NULL;
}

/* Fills the row's result: fields, totals, band. */
static void finish(struct row *r)
{
	const struct set_info *si = r->set;
	bool appraised = par_appraised(json_string_value(json_object_get(r->item, "status")));
	json_t *fields = json_array();
	double self = 0, appr = 0;
	for (size_t f = 0; f < json_array_size(si->fields); f++) {
		json_t *def = json_array_get(si->fields, f);
		double max = json_number_value(json_object_get(def, "max"));
		double a = r->appraised[f];
		self += r->self[f];
		appr += a;
		json_array_append_new(fields, json_pack("{s:O, s:O, s:f, s:f, s:f, s:o, s:o}", "code",
			json_object_get(def, "code"), "name", json_object_get(def, "name"), "max", max,
			"self_points", r->self[f], "self_index", par_index(r->self[f], max),
			"appraised_points", appraised ? json_real(a) : json_null(),
			"appraised_index", appraised ? json_real(par_index(a, max)) : json_null()));
	}
	r->index = par_index(appraised ? appr : self, si->max);
	json_object_set_new(r->item, "fields", fields);
	json_object_set_new(r->item, "max", json_real(si->max));
	json_object_set_new(r->item, "self_points", json_real(self));
	json_object_set_new(r->item, "self_index", json_real(par_index(self, si->max)));
	json_object_set_new(r->item, "appraised_points", appraised ? json_real(appr) : json_null());
	json_object_set_new(r->item, "appraised_index", appraised ? json_real(par_index(appr, si->max)) : json_null());
	json_object_set_new(r->item, "index", json_real(r->index));
	size_t order = 0;
	const char *band = band_of(si->bands, r->index, &order);
	json_object_set_new(r->item, "band", band ? json_string(band) : json_null());
	json_object_set_new(r->item, "band_order", band ? json_integer((json_int_t)order) : json_null());
	r->name = json_string_value(json_object_get(r->item, "unit_name"));
	r->kind = json_string_value(json_object_get(r->item, "kind"));
}

static int cmp_rank(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int k = strcmp(x->kind, y->kind);
	if (k)
		return k;
	if (fabs(x->index - y->index) > 1e-9)
		return x->index < y->index ? 1 : -1;
	return vi_strcmp(x->name, y->name);
}

/* The rows of par_results, sorted by assessment id, and those ids. */
struct rows {
	struct row *rows;
	int64_t *ids;
	size_t n;
};

/* Adds one score to its assessment's row. */
static void add_score(void *ctx, const struct par_score_row *s)
{
	struct rows *rs = ctx;
	int64_t *at = bsearch(&s->assessment_id, rs->ids, rs->n, sizeof *rs->ids, cmp_id);
	if (!at)
		return;
	struct row *r = &rs->rows[at - rs->ids];
	struct node_ref key = {.node_id = s->node_id};
	struct node_ref *ref = bsearch(&key, r->set->refs, r->set->nrefs, sizeof key, cmp_ref);
	if (!ref)
		return;
	r->self[ref->field] += s->self_points;
	/* Appraised points replace the unit's; where the appraiser gave none
	 * the unit's own stand. */
	r->appraised[ref->field] += s->appraised ? s->appraised_points : s->self_points;
}

#define PAR_MAX_SETS 8	/* versions of both kinds in one year */

/* The set of the row's assessment, loaded once per set into sets. */
static const struct set_info *set_for(struct tracker *tr, json_t *item, struct set_info *sets, size_t *nsets,
				      json_t *default_bands, struct err *err)
{
	int64_t id = json_integer_value(json_object_get(item, "set_id"));
	for (size_t i = 0; i < *nsets; i++)
		if (sets[i].id == id)
			return &sets[i];
	if (*nsets == PAR_MAX_SETS)
		return err_set(err, ERR_INTERNAL, "", "more than %d criteria sets are in use in one year", PAR_MAX_SETS),
		       NULL;
	if (load_set(tr, id, default_bands, &sets[*nsets], err))
		return NULL;
	return &sets[(*nsets)++];
}

/* Ranks within each kind; rows are sorted by kind, then index. */
static json_t *ranked(struct row *rows, size_t n)
{
	qsort(rows, n, sizeof *rows, cmp_rank);
	json_t *items = json_array();
	int rank = 0;
	size_t kind_start = 0;
	for (size_t i = 0; i < n; i++) {
		/* Equal indexes share the rank of the first of them. */
		if (i == 0 || strcmp(rows[i].kind, rows[i - 1].kind)) {
			kind_start = i;
			rank = 1;
		} else if (fabs(rows[i].index - rows[i - 1].index) > 1e-9) {
			rank = (int)(i - kind_start) + 1;
		}
		json_object_set_new(rows[i].item, "rank", json_integer(rank));
		json_array_append(items, rows[i].item);
	}
	return items;
}

/* The default bands as [{name, min}], a new array; NULL with err. */
static json_t *default_bands(struct tracker *tr, struct err *err)
{
	json_t *rows = store_par_bands(tr->store, err), *b;
	if (!rows)
		return NULL;
	json_t *out = json_array();
	size_t i;
	json_array_foreach(rows, i, b)
		json_array_append_new(out, json_pack("{s:O, s:O}", "name", json_object_get(b, "name"), "min",
						     json_object_get(b, "min_percent")));
	json_decref(rows);
	return out;
}

/* Every assessment of year (kind NULL: both) with its result and rank, by
 * kind and rank: a new array; NULL with err. */
static json_t *year_results(struct tracker *tr, int year, const char *kind, json_t *bands, struct err *err)
{
	json_t *all = store_par_assessments(tr->store, year, kind, err), *out = NULL;
	size_t n = json_array_size(all), nsets = 0, i;
	struct rows rs = {.rows = xcalloc(n + 1, sizeof *rs.rows), .ids = xcalloc(n + 1, sizeof *rs.ids), .n = n};
	struct set_info sets[PAR_MAX_SETS];
	if (!all)
		goto out;
	/* Assessments come by unit code: the scores find them by id. */
	for (i = 0; i < n; i++)
		rs.ids[i] = json_integer_value(json_object_get(json_array_get(all, i), "id"));
	qsort(rs.ids, n, sizeof *rs.ids, cmp_id);
	for (i = 0; i < n; i++) {
		json_t *a = json_array_get(all, i);
		int64_t id = json_integer_value(json_object_get(a, "id"));
		struct row *r = &rs.rows[(int64_t *)bsearch(&id, rs.ids, n, sizeof id, cmp_id) - rs.ids];
		r->item = a;
		if (!(r->set = set_for(tr, a, sets, &nsets, bands, err)))
			goto out;
	}
	if (store_par_year_scores(tr->store, year, kind, add_score, &rs, err))
		goto out;
	for (i = 0; i < n; i++)
		finish(&rs.rows[i]);
	out = ranked(rs.rows, n);
out:
	for (i = 0; i < nsets; i++) {
		json_decref(sets[i].fields);
		json_decref(sets[i].bands);
		free(sets[i].refs);
	}
	free(rs.rows);
	free(rs.ids);
	json_decref(all);
	return out;
}

/* ---- year on year, the heads' ratings ---------------------------------- */

/* "KIND UNIT_ID" of an item: the key of prev_index. */
static void item_key(json_t *item, char key[48])
{
	const char *kind = json_string_value(json_object_get(item, "kind"));
	snprintf(key, 48, "%.20s %" JSON_INTEGER_FORMAT, kind ? kind : "",
		 json_integer_value(json_object_get(item, "unit_id")));
}

/* prev's items by item_key (a new object borrowing them): one lookup per
 * item instead of a scan of the year before. */
static json_t *prev_index(json_t *prev)
{
	json_t *index = json_object(), *p;
	size_t i;
	char key[48];
	json_array_foreach(prev, i, p) {
		item_key(p, key);
		json_object_set(index, key, p);
	}
	return index;
}

/* Sets previous, change and dropped on each item against prev (the year
 * before); returns the items that dropped (a lower index, or a lower band:
 * a larger band_order), a new array. */
static json_t *compare_years(json_t *items, json_t *prev, int year)
{
	json_t *dropped = json_array(), *item, *by_key = prev_index(prev);
	size_t i;
	char key[48];
	json_array_foreach(items, i, item) {
		item_key(item, key);
		json_t *p = json_object_get(by_key, key);
		double index = json_number_value(json_object_get(item, "index"));
		double before = p ? json_number_value(json_object_get(p, "index")) : 0;
		json_int_t order = json_integer_value(json_object_get(item, "band_order"));
		bool drop = p && (index < before - 1e-9 || order > json_integer_value(json_object_get(p, "band_order")));
		json_object_set_new(item, "previous", p ? json_pack("{s:i, s:O, s:O, s:O}", "year", year - 1, "index",
								    json_object_get(p, "index"), "band", json_object_get(p, "band"),
								    "rank", json_object_get(p, "rank"))
							: json_null());
		json_object_set_new(item, "change", p ? json_real(round((index - before) * 100) / 100) : json_null());
		json_object_set_new(item, "dropped", json_boolean(drop));
		if (drop)
			json_array_append_new(dropped, json_pack("{s:O, s:O, s:O, s:O, s:f, s:f, s:O, s:O}", "unit_id",
				json_object_get(item, "unit_id"), "unit_code", json_object_get(item, "unit_code"), "unit_name",
				json_object_get(item, "unit_name"), "kind", json_object_get(item, "kind"), "index", index,
				"previous_index", before, "band", json_object_get(item, "band"), "previous_band",
				json_object_get(p, "band")));
	}
	json_decref(by_key);
	return dropped;
}

/* Sets head_rating on each item (ranked by kind) by the rules of
 * par_head_rating: the first whose min_index the index reaches and, with
 * not_bottom > 0, whose unit is not among the not_bottom lowest. */
static void rate_heads(json_t *items, json_t *rules)
{
	size_t i, k;
	json_t *item, *rule, *per_kind = json_object();	/* kind -> how many items */
	json_array_foreach(items, i, item) {
		const char *kind = json_string_value(json_object_get(item, "kind"));
		json_int_t n = json_integer_value(json_object_get(per_kind, kind ? kind : ""));
		json_object_set_new(per_kind, kind ? kind : "", json_integer(n + 1));
	}
	json_array_foreach(items, i, item) {
		const char *kind = json_string_value(json_object_get(item, "kind"));
		json_int_t in_kind = json_integer_value(json_object_get(per_kind, kind ? kind : ""));
		json_int_t rank = json_integer_value(json_object_get(item, "rank"));
		double index = json_number_value(json_object_get(item, "index"));
		const char *rating = NULL;
		json_array_foreach(rules, k, rule) {
			json_int_t bottom = json_integer_value(json_object_get(rule, "not_bottom"));
			if (index + 1e-9 >= json_number_value(json_object_get(rule, "min_index")) &&
			    !(bottom > 0 && rank > in_kind - bottom)) {
				rating = json_string_value(json_object_get(rule, "name"));
				break;
			}
		}
		json_object_set_new(item, "head_rating", rating ? json_string(rating) : json_null());
	}
	json_decref(per_kind);
}

/* The members of list whose unit_id who may read, a new array. */
static json_t *readable(struct tracker *tr, json_t *list)
{
	json_t *out = json_array(), *item;
	size_t i;
	json_array_foreach(list, i, item) {
		struct permit_target t = par_target(tr, json_integer_value(json_object_get(item, "unit_id")));
		if (auth_permits(tr->who, ACT_PAR_READ, &t))
			json_array_append(out, item);
	}
	return out;
}

json_t *par_results(struct tracker *tr, int year, const char *kind, struct err *err)
{
	if (!auth_may(tr->who, ACT_PAR_READ))
		return auth_require(tr->who, ACT_PAR_READ, NULL, err), NULL;
	if (kind && !par_kind_ok(kind))
		return err_set(err, ERR_INVALID, "kind", "'kind' is department or commune"), NULL;
	json_t *bands = default_bands(tr, err), *out = NULL;
	json_t *rules = bands ? store_par_head_ratings(tr->store, err) : NULL;
	json_t *items = rules ? year_results(tr, year, kind, bands, err) : NULL;
	json_t *prev = items ? year_results(tr, year - 1, kind, bands, err) : NULL;
	if (prev) {
		json_t *dropped = compare_years(items, prev, year);
		rate_heads(items, rules);
		out = json_pack("{s:i, s:o, s:O, s:O, s:o, s:o}", "year", year, "kind",
				kind ? json_string(kind) : json_null(), "default_bands", bands, "head_ratings", rules,
				"items", readable(tr, items), "dropped", readable(tr, dropped));
		json_decref(dropped);
	}
	json_decref(prev);
	json_decref(items);
	json_decref(rules);
	json_decref(bands);
	return out;
}

/* ---- the demo -------------------------------------------------------- */

/* Points the demo gives a leaf: one of its steps, picked by seed. */
static double demo_points(json_t *node, unsigned seed)
{
	double max = json_number_value(json_object_get(node, "max_points"));
	json_t *params = json_loads(json_string_value(json_object_get(node, "rule_params")), 0, NULL);
	json_t *steps = json_object_get(params, "levels");
	if (!steps)
		steps = json_object_get(params, "thresholds");
	/* Most units do well on most criteria: the first step 2 times in 3. */
	const char *rule = json_string_value(json_object_get(node, "rule"));
	double points = seed % 3 ? max : strcmp(rule, "manual") ? 0 : round(max * 50) / 100;
	if (steps && seed % 3 == 0)
		points = json_number_value(json_object_get(json_array_get(steps, seed / 3 % json_array_size(steps)), "points"));
	json_decref(params);
	return points;
}

/* {scores: [...]} for every leaf scored by by ("self" or "appraisal"). */
static json_t *demo_scores(json_t *nodes, const char *by, unsigned seed)
{
	json_t *list = json_array(), *n;
	size_t i;
	json_array_foreach(nodes, i, n) {
		const char *rule = json_string_value(json_object_get(n, "rule"));
		if (!strcmp(rule, "sum") || strcmp(json_string_value(json_object_get(n, "scored_by")), by))
			continue;
		double points = strcmp(rule, "adjustment") ? demo_points(n, seed * 31 + (unsigned)i * 7) : 0;
		json_array_append_new(list, json_pack("{s:O, s:f, s:s}", "code", json_object_get(n, "code"), "points",
						      points, strcmp(by, "self") ? "reason" : "note",
						      strcmp(by, "self") ? "Theo kết quả thẩm định" : ""));
	}
	return json_pack("{s:o}", "scores", list);
}

/* The states the demo leaves assessments in, each a step further. */
enum demo_state { DEMO_DRAFT, DEMO_SUBMITTED, DEMO_EXPLAIN, DEMO_ANSWERED, DEMO_APPRAISED, DEMO_APPROVED };

/* The next step towards the state, after the self-points: r is the
 * assessment so far (taken), the result the assessment after the step. */
static json_t *demo_step(struct tracker *tr, int64_t id, enum demo_state step, json_t *nodes, unsigned seed, json_t *r,
			 struct err *err)
{
	json_t *in = NULL, *out = NULL;
	switch (step) {
	case DEMO_SUBMITTED:
		out = par_submit(tr, id, err);
		break;
	case DEMO_EXPLAIN:
		in = json_pack("{s:[{s:s}]}", "questions", "question",
			       "Đề nghị bổ sung tài liệu kiểm chứng cho các tiêu chí tự chấm điểm tối đa.");
		out = par_explain(tr, id, in, err);
		break;
	case DEMO_ANSWERED:
		in = json_pack("{s:[{s:O, s:s}]}", "answers", "id",
			       json_object_get(json_array_get(json_object_get(r, "explanations"), 0), "id"), "answer",
			       "Đơn vị đã bổ sung kế hoạch và báo cáo kèm theo.");
		out = par_answer(tr, id, in, err);
		break;
	case DEMO_APPRAISED:
		in = demo_scores(nodes, "survey", seed);
		out = par_appraise(tr, id, in, err);
		break;
	case DEMO_APPROVED:
		out = par_approve(tr, id, err);
		break;
	case DEMO_DRAFT:
		break;
	}
	json_decref(in);
	json_decref(r);
	return out;
}

/* Opens the unit's assessment of year and takes it to state. */
static enum err_code demo_unit(struct tracker *tr, json_t *unit, int year, unsigned seed, enum demo_state state,
			       struct err *err)
{
	json_t *in = json_pack("{s:O, s:i}", "unit", json_object_get(unit, "code"), "year", year);
	json_t *a = par_assessment_open(tr, in, err);
	json_decref(in);
	if (!a)
		return err->code;
	int64_t id = json_integer_value(json_object_get(a, "id"));
	json_t *nodes = store_par_nodes(tr->store, json_integer_value(json_object_get(a, "set_id")), err);
	json_decref(a);
	if (!nodes)
		return err->code;
	json_t *self = demo_scores(nodes, "self", seed);
	json_t *r = par_scores_put(tr, id, self, err);
	for (int step = DEMO_SUBMITTED; r && step <= (int)state; step++)
		r = demo_step(tr, id, (enum demo_state)step, nodes, seed, r, err);
	enum err_code rc = r ? ERR_OK : err->code;
	json_decref(r);
	json_decref(self);
	json_decref(nodes);
	return rc;
}

/* Imports the seed set file name for year. */
static enum err_code demo_set(struct tracker *tr, const char *name, int year, struct err *err)
{
	const struct embed_file *f = embed_find(embed_seed, name);
	json_error_t je;
	json_t *in = f ? json_loadb((const char *)f->data, f->len, 0, &je) : NULL;
	if (!in)
		return err_set(err, ERR_INTERNAL, "", "the seed file %s is missing or broken", name);
	json_object_set_new(in, "year", json_integer(year));
	json_t *set = par_set_import(tr, in, err);
	json_decref(in);
	json_decref(set);
	return set ? ERR_OK : err->code;
}

/* The demo: the example sets for 2025 and 2026; every scored unit's 2025
 * assessment approved, its 2026 one in a state picked by its place. */
enum err_code par_demo_load(struct tracker *tr, struct err *err)
{
	static const char *const files[] = {"par-2026-department.json", "par-2026-commune.json"};
	static const int years[] = {2025, 2026};
	enum err_code rc = ERR_OK;
	for (size_t y = 0; y < ARRAY_LEN(years) && !rc; y++)
		for (size_t i = 0; i < ARRAY_LEN(files) && !rc; i++)
			rc = demo_set(tr, files[i], years[y], err);
	json_t *units = rc ? NULL : store_units(tr->store, err), *u;
	if (!units)
		return err->code;
	size_t i;
	json_array_foreach(units, i, u) {
		static const char *const scored[] = {"department", "agency", "commune", "ward"};
		const char *kind = json_string_value(json_object_get(u, "kind"));
		bool is_scored = false;
		for (size_t k = 0; k < ARRAY_LEN(scored); k++)
			is_scored |= kind && strcmp(kind, scored[k]) == 0;
		if (!is_scored)
			continue;
		/* Last year's seed differs, so that some units rise and some drop. */
		if ((rc = demo_unit(tr, u, 2025, (unsigned)i * 7 + 3, DEMO_APPROVED, err)) ||
		    (rc = demo_unit(tr, u, 2026, (unsigned)i, (enum demo_state)(i % (DEMO_APPROVED + 1)), err)))
			break;
	}
	json_decref(units);
	return rc;
}
