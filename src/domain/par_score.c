/*
 * par_score.c — the PAR index's assessments: a unit's self-points, the
 * head's submission, the lead agency's appraisal, and the results ranked
 * within each kind.
 */
#include "base/base.h"
#include "base/date.h"
#include "base/vitext.h"
#include "domain/auth.h"
#include "domain/input.h"
#include "domain/par.h"
#include "domain/par_int.h"
#include "domain/tracker.h"
#include "store/store.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The PAR kind of a unit kind: communes and wards are scored as
 * communes, the provincial bodies as departments; NULL for the rest
 * (the province itself, the media). */
static const char *kind_of_unit(const char *unit_kind)
{
	static const char *const map[][2] = {{"commune", "commune"}, {"ward", "commune"},
					     {"department", "department"}, {"agency", "department"}};
	for (size_t i = 0; unit_kind && i < ARRAY_LEN(map); i++)
		if (strcmp(map[i][0], unit_kind) == 0)
			return map[i][1];
	return NULL;
}

json_t *par_assessment_for(struct tracker *tr, int64_t id, enum action act, struct err *err)
{
	if (!auth_may(tr->who, act))
		return auth_require(tr->who, act, NULL, err), NULL;
	json_t *a = store_par_assessment_get(tr->store, id, err);
	if (!a)
		return NULL;
	struct permit_target t = par_target(tr, json_integer_value(json_object_get(a, "unit_id")));
	if (auth_require(tr->who, act, &t, err)) {
		json_decref(a);
		return NULL;
	}
	return a;
}

json_t *par_assessment_open(struct tracker *tr, json_t *in, struct err *err)
{
	if (!auth_may(tr->who, ACT_PAR_SCORE))
		return auth_require(tr->who, ACT_PAR_SCORE, NULL, err), NULL;
	static const char *const keys[] = {"unit", "year", NULL};
	char *ref = NULL;
	int64_t year = 0, id = 0;
	json_t *unit = NULL, *out = NULL;
	if (!json_is_object(in)) {
		err_set(err, ERR_INVALID, "", "the body is a JSON object");
		return NULL;
	}
	if (in_only(in, keys, err) || in_text(in, "unit", true, 40, &ref, err))
		goto out;
	/* Whose assessment it is decides, before the rest of the body. */
	int64_t unit_id = tracker_unit_ref(tr, ref);
	struct permit_target t = par_target(tr, unit_id);
	if (auth_require(tr->who, ACT_PAR_SCORE, &t, err) || in_int(in, "year", true, 2000, 2100, &year, NULL, err))
		goto out;
	if (!unit_id || !(unit = store_unit_get(tr->store, unit_id, err))) {
		err_set(err, ERR_INVALID, "unit", "unknown unit '%s'", ref);
		goto out;
	}
	const char *kind = kind_of_unit(json_string_value(json_object_get(unit, "kind")));
	int64_t set = kind ? store_par_set_latest(tr->store, (int)year, kind) : 0;
	if (!kind)
		err_set(err, ERR_INVALID, "unit", "'%s' is not scored on the PAR index", ref);
	else if (!set)
		err_set(err, ERR_INVALID, "year", "there is no %s criteria set for %lld", kind, (long long)year);
	if (!kind || !set)
		goto out;
	tracker_attribution_begin(tr);
	enum err_code rc = store_par_assessment_add(tr->store, set, unit_id, (int)year, auth_actor(tr->who), &id, err);
	tracker_attribution_end(tr);
	if (!rc)
		out = par_assessment(tr, id, err);
out:
	free(ref);
	json_decref(unit);
	return out;
}

json_t *par_assessments(struct tracker *tr, int year, const char *kind, struct err *err)
{
	if (!auth_may(tr->who, ACT_PAR_READ))
		return auth_require(tr->who, ACT_PAR_READ, NULL, err), NULL;
	if (kind && !par_kind_ok(kind))
		return err_set(err, ERR_INVALID, "kind", "'kind' is department or commune"), NULL;
	json_t *all = store_par_assessments(tr->store, year, kind, err);
	if (!all)
		return NULL;
	json_t *out = json_array();
	size_t i;
	json_t *a;
	json_array_foreach(all, i, a) {
		struct permit_target t = par_target(tr, json_integer_value(json_object_get(a, "unit_id")));
		if (auth_permits(tr->who, ACT_PAR_READ, &t))
			json_array_append(out, a);
	}
	json_decref(all);
	return out;
}

/* ---- one assessment's tree ------------------------------------------- */

/* The stored score of a node, NULL when it has none. */
static json_t *score_of(json_t *scores, int64_t node_id)
{
	size_t i;
	json_t *s;
	json_array_foreach(scores, i, s)
		if (json_integer_value(json_object_get(s, "node_id")) == node_id)
			return s;
	return NULL;
}

static json_t *scored_node(void *scores, json_t *row)
{
	json_t *n = json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O}", "id", json_object_get(row, "id"), "code",
			      json_object_get(row, "code"), "name", json_object_get(row, "name"), "level",
			      json_object_get(row, "level"), "max", json_object_get(row, "max_points"), "rule",
			      json_object_get(row, "rule"), "scored_by", json_object_get(row, "scored_by"));
	json_t *s = score_of(scores, json_integer_value(json_object_get(row, "id")));
	if (strcmp(json_string_value(json_object_get(row, "rule")), "sum")) {
		json_object_set(n, "evidence", json_object_get(row, "evidence"));
		json_object_set_new(n, "self_points", s ? json_deep_copy(json_object_get(s, "self_points")) : json_null());
		json_object_set_new(n, "note", json_string(s ? json_string_value(json_object_get(s, "self_note")) : ""));
		json_object_set_new(n, "appraised_points",
				    s ? json_deep_copy(json_object_get(s, "appraised_points")) : json_null());
		json_object_set_new(n, "reason", s ? json_deep_copy(json_object_get(s, "appraisal_reason")) : json_null());
	}
	return n;
}

/* Sums a node's points from its leaves: self, and appraised (the unit's
 * own where the appraiser kept them); inner nodes get both. */
static void sum_node(json_t *n, double *self, double *appraised)
{
	json_t *kids = json_object_get(n, "children");
	*self = *appraised = 0;
	if (json_array_size(kids) == 0) {
		*self = json_number_value(json_object_get(n, "self_points"));
		json_t *a = json_object_get(n, "appraised_points");
		*appraised = json_is_number(a) ? json_number_value(a) : *self;
		return;
	}
	size_t i;
	json_t *k;
	json_array_foreach(kids, i, k) {
		double s, a;
		sum_node(k, &s, &a);
		*self += s;
		*appraised += a;
	}
	json_object_set_new(n, "self_points", json_real(*self));
	json_object_set_new(n, "appraised_points", json_real(*appraised));
}

json_t *par_assessment(struct tracker *tr, int64_t id, struct err *err)
{
	return par_assessment_as_of(tr, id, date_today(), err);
}

json_t *par_assessment_as_of(struct tracker *tr, int64_t id, int32_t as_of, struct err *err)
{
	json_t *a = par_assessment_for(tr, id, ACT_PAR_READ, err);
	if (!a)
		return NULL;
	json_t *rows = store_par_nodes(tr->store, json_integer_value(json_object_get(a, "set_id")), err);
	json_t *scores = rows ? store_par_scores(tr->store, id, err) : NULL;
	if (!scores) {
		json_decref(a);
		json_decref(rows);
		return NULL;
	}
	json_t *tree = par_tree(rows, scored_node, scores);
	double max = 0, self = 0, appraised = 0;
	size_t i;
	json_t *f;
	json_array_foreach(tree, i, f) {
		double s, ap;
		sum_node(f, &s, &ap);
		self += s;
		appraised += ap;
		if (strcmp(json_string_value(json_object_get(f, "rule")), "adjustment"))
			max += json_number_value(json_object_get(f, "max"));
	}
	int done = par_appraised(json_string_value(json_object_get(a, "status")));
	json_object_set_new(a, "tree", tree);
	json_object_set_new(a, "total", json_pack("{s:f, s:f, s:f, s:o, s:o}", "max", max, "self_points", self,
						  "self_index", par_index(self, max), "appraised_points",
						  done ? json_real(appraised) : json_null(), "appraised_index",
						  done ? json_real(par_index(appraised, max)) : json_null()));
	json_decref(rows);
	json_decref(scores);
	if (par_flow_fill(tr, a, as_of, err)) {
		json_decref(a);
		return NULL;
	}
	return a;
}

/* ---- points ---------------------------------------------------------- */

/* Points that the node's rule allows: within 0..max (-max..max for the
 * bonus/penalty part), and one of the steps of a yes/no or levels rule. */
enum err_code par_points_check(json_t *node, double points, const char *field, struct err *err)
{
	const char *code = json_string_value(json_object_get(node, "code"));
	const char *rule = json_string_value(json_object_get(node, "rule"));
	double max = json_number_value(json_object_get(node, "max_points"));
	double min = strcmp(rule, "adjustment") == 0 ? -max : 0;
	if (points < min - 1e-9 || points > max + 1e-9)
		return err_set(err, ERR_INVALID, field, "%s: %g points is outside %g to %g", code, points, min, max);
	if (strcmp(rule, "yesno") == 0 && fabs(points) > 1e-9 && fabs(points - max) > 1e-9)
		return err_set(err, ERR_INVALID, field, "%s is yes/no: 0 or %g points, not %g", code, max, points);
	if (strcmp(rule, "levels") == 0) {
		json_t *params = json_loads(json_string_value(json_object_get(node, "rule_params")), 0, NULL);
		size_t i;
		json_t *l;
		bool found = false;
		json_array_foreach(json_object_get(params, "levels"), i, l)
			found |= fabs(json_number_value(json_object_get(l, "points")) - points) < 1e-9;
		json_decref(params);
		if (!found)
			return err_set(err, ERR_INVALID, field, "%s: %g points is not one of its levels", code, points);
	}
	return ERR_OK;
}

/*
 * Reads {scores: [{code, points, <text_key>}]} against the set's leaves
 * scored by by ("self": self points; NULL: any, for the appraiser).  *out
 * (caller frees) gets n rows whose texts are borrowed from *texts.
 */
static enum err_code read_scores(json_t *in, json_t *rows, const char *by, const char *text_key,
				 struct par_score_set **out, size_t *n, json_t *texts, struct err *err)
{
	const char *const keys[] = {"code", "points", text_key, NULL};
	json_t *list = json_object_get(in, "scores");
	*out = NULL;
	*n = 0;
	if (!json_is_object(in) || json_object_size(in) != 1 || !json_is_array(list) || json_array_size(list) == 0)
		return err_set(err, ERR_INVALID, "scores", "the body is {\"scores\": [{\"code\", \"points\", \"%s\"}]}",
			       text_key);
	*out = xcalloc(json_array_size(list), sizeof **out);
	size_t i;
	json_t *s;
	json_array_foreach(list, i, s) {
		char field[32], *code = NULL, *text = NULL;
		double points = 0;
		snprintf(field, sizeof field, "scores[%zu]", i);
		enum err_code rc = json_is_object(s) ? ERR_OK
			: err_set(err, ERR_INVALID, field, "%s is an object", field);
		if (!rc && !(rc = in_only(s, keys, err)) && !(rc = in_text(s, "code", true, 20, &code, err)) &&
		    !(rc = in_number(s, "points", true, &points, NULL, err)))
			rc = in_text(s, text_key, false, 2000, &text, err);
		json_t *node = rc ? NULL : par_node_by_code(rows, code);
		if (!rc && (!node || !strcmp(json_string_value(json_object_get(node, "rule")), "sum")))
			rc = err_set(err, ERR_INVALID, field, "%s: '%s' is not a criterion of this set that takes points",
				     field, code);
		if (!rc && by && strcmp(json_string_value(json_object_get(node, "scored_by")), by))
			rc = err_set(err, ERR_INVALID, field, "%s: '%s' is scored by %s, not in the self-assessment",
				     field, code, json_string_value(json_object_get(node, "scored_by")));
		if (!rc)
			rc = par_points_check(node, points, field, err);
		for (size_t k = 0; !rc && k < *n; k++)
			if ((*out)[k].node_id == json_integer_value(json_object_get(node, "id")))
				rc = err_set(err, ERR_INVALID, field, "%s: '%s' is given twice", field, code);
		if (!rc) {
			json_array_append_new(texts, json_string(text ? text : ""));
			(*out)[(*n)++] = (struct par_score_set){.node_id = json_integer_value(json_object_get(node, "id")),
				.points = points, .text = json_string_value(json_array_get(texts, json_array_size(texts) - 1))};
		}
		free(code);
		free(text);
		if (rc)
			return rc;
	}
	return ERR_OK;
}

/* The body of par_scores_put and par_appraise. */
static json_t *put_points(struct tracker *tr, int64_t id, json_t *in, bool appraisal, struct err *err)
{
	json_t *a = par_assessment_for(tr, id, appraisal ? ACT_PAR_APPRAISE : ACT_PAR_SCORE, err);
	if (!a)
		return NULL;
	json_t *rows = store_par_nodes(tr->store, json_integer_value(json_object_get(a, "set_id")), err);
	json_t *texts = json_array(), *out = NULL, *scores = NULL;
	struct par_score_set *s = NULL;
	size_t n = 0;
	if (!rows || read_scores(in, rows, appraisal ? NULL : "self", appraisal ? "reason" : "note", &s, &n, texts, err))
		goto out;
	if (appraisal && !(scores = store_par_scores(tr->store, id, err)))
		goto out;
	for (size_t i = 0; appraisal && i < n; i++) {
		/* The unit sees why its points changed. */
		json_t *own = score_of(scores, s[i].node_id);
		json_t *self = own ? json_object_get(own, "self_points") : NULL;
		bool changed = !json_is_number(self) || fabs(json_number_value(self) - s[i].points) > 1e-9;
		if (changed && !s[i].text[0]) {
			err_set(err, ERR_INVALID, "scores", "scores[%zu]: a change from the unit's points needs a 'reason'", i);
			goto out;
		}
	}
	tracker_attribution_begin(tr);
	enum err_code rc = store_par_scores_put(tr->store, id, s, n, appraisal, auth_actor(tr->who), err);
	tracker_attribution_end(tr);
	if (!rc)
		out = par_assessment(tr, id, err);
out:
	free(s);
	json_decref(texts);
	json_decref(scores);
	json_decref(rows);
	json_decref(a);
	return out;
}

json_t *par_scores_put(struct tracker *tr, int64_t id, json_t *in, struct err *err)
{
	return put_points(tr, id, in, false, err);
}

json_t *par_appraise(struct tracker *tr, int64_t id, json_t *in, struct err *err)
{
	return put_points(tr, id, in, true, err);
}

json_t *par_submit(struct tracker *tr, int64_t id, struct err *err)
{
	json_t *a = par_assessment_for(tr, id, ACT_PAR_SUBMIT, err);
	if (!a)
		return NULL;
	json_t *out = NULL;
	json_t *rows = store_par_nodes(tr->store, json_integer_value(json_object_get(a, "set_id")), err);
	json_t *scores = rows ? store_par_scores(tr->store, id, err) : NULL;
	if (!scores)
		goto out;
	if (strcmp(json_string_value(json_object_get(a, "status")), "draft")) {
		err_set(err, ERR_CONFLICT, "status", "the assessment is %s: it cannot be submitted",
			json_string_value(json_object_get(a, "status")));
		goto out;
	}
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
		json_t *s = score_of(scores, json_integer_value(json_object_get(r, "id")));
		if (strcmp(json_string_value(json_object_get(r, "rule")), "sum") &&
		    !strcmp(json_string_value(json_object_get(r, "scored_by")), "self") &&
		    strcmp(json_string_value(json_object_get(r, "rule")), "adjustment") &&
		    !(s && json_is_number(json_object_get(s, "self_points")))) {
			err_set(err, ERR_INVALID, "scores", "criterion %s (%s) has no points yet",
				json_string_value(json_object_get(r, "code")), json_string_value(json_object_get(r, "name")));
			goto out;
		}
	}
	tracker_attribution_begin(tr);
	enum err_code rc = store_par_submit(tr->store, id, auth_actor(tr->who), err);
	tracker_attribution_end(tr);
	if (!rc)
		out = par_assessment(tr, id, err);
out:
	json_decref(a);
	json_decref(rows);
	json_decref(scores);
	return out;
}
