/*
 * par.c — the PAR index's criteria sets: import with validation (the tree
 * whole, the points adding up), the tree, the export, the copy to a new
 * year.  Assessments and results are in par_score.c.
 */
#include "base/base.h"
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

#define PAR_MAX_NODES 1000
#define PAR_EPS 0.005	/* points are given to hundredths */

struct permit_target par_target(struct tracker *tr, int64_t unit_id)
{
	return (struct permit_target){.unit_id = unit_id,
				      .field_lead_unit_id = tracker_field_lead(tr, tracker_field_ref(tr, PAR_LEAD_FIELD))};
}

double par_index(double points, double max)
{
	return max > 0 ? round(points / max * 10000) / 100 : 0;
}

bool par_appraised(const char *status)
{
	return status && (strcmp(status, "appraised") == 0 || strcmp(status, "approved") == 0);
}

bool par_kind_ok(const char *kind)
{
	return kind && (strcmp(kind, "department") == 0 || strcmp(kind, "commune") == 0);
}

/* Prefixes err's field and message with the row nodes[i] and its code. */
static enum err_code row_error(struct err *err, size_t i, const char *code)
{
	char field[64], message[256];
	snprintf(field, sizeof field, "nodes[%zu]%s%.30s", i, err->field[0] ? "." : "", err->field);
	snprintf(message, sizeof message, "nodes[%zu] (%.20s): %.200s", i, code ? code : "?", err->message);
	return err_set(err, err->code, field, "%s", message);
}

/* One {label, points} or {min, points} list of a leaf; *params gets it. */
static enum err_code read_steps(json_t *node, const char *key, const char *label_key, double max,
				json_t *params, struct err *err)
{
	json_t *list = json_object_get(node, key);
	if (!json_is_array(list) || json_array_size(list) == 0 || json_array_size(list) > 20)
		return err_set(err, ERR_INVALID, key, "'%s' must be a list of 1 to 20 steps", key);
	json_t *clean = json_array();
	size_t k;
	json_t *step;
	enum err_code rc = ERR_OK;
	double last_min = INFINITY;
	json_array_foreach(list, k, step) {
		static const char *const keys_levels[] = {"label", "points", NULL};
		static const char *const keys_ratio[] = {"min", "points", NULL};
		double points = 0, min = 0;
		char *label = NULL;
		int ratio = strcmp(label_key, "min") == 0;
		if (!json_is_object(step)) {
			rc = err_set(err, ERR_INVALID, key, "each step of '%s' is an object", key);
			break;
		}
		if ((rc = in_only(step, ratio ? keys_ratio : keys_levels, err)) ||
		    (rc = in_number(step, "points", true, &points, NULL, err)))
			break;
		if (ratio ? (rc = in_number(step, "min", true, &min, NULL, err)) : (rc = in_text(step, "label", true, 200, &label, err)))
			break;
		if (points < 0 || points > max + PAR_EPS) {
			free(label);
			rc = err_set(err, ERR_INVALID, key, "a step of '%s' gives %g points, outside 0 to %g", key,
				     points, max);
			break;
		}
		if (ratio && (min < 0 || min > 100 || min >= last_min)) {
			rc = err_set(err, ERR_INVALID, key, "the thresholds of '%s' go from the highest 'min' "
				     "down, each within 0 to 100", key);
			break;
		}
		last_min = min;
		json_array_append_new(clean, ratio ? json_pack("{s:f, s:f}", "min", min, "points", points)
						   : json_pack("{s:s, s:f}", "label", label, "points", points));
		free(label);
	}
	if (!rc)
		json_object_set(params, key, clean);
	json_decref(clean);
	return rc;
}

/* Reads nodes[i] into a clean object (texts in NFC) appended to out. */
static enum err_code read_node(json_t *node, json_t *out, struct err *err)
{
	static const char *const keys[] = {"code", "parent", "name", "max", "rule", "levels", "thresholds",
					   "evidence", "scored_by", "source", NULL};
	static const char *const texts[] = {"code", "parent", "name", "rule", "evidence", "scored_by"};
	static const size_t limits[] = {20, 20, 500, 20, 1000, 20};
	if (!json_is_object(node))
		return err_set(err, ERR_INVALID, "", "a node is an object");
	enum err_code rc = in_only(node, keys, err);
	json_t *clean = json_object();
	for (size_t k = 0; k < ARRAY_LEN(texts) && !rc; k++) {
		char *s = NULL;
		rc = in_text(node, texts[k], k == 0 || k == 2, limits[k], &s, err);
		if (s)
			json_object_set_new(clean, texts[k], json_string(s));
		free(s);
	}
	double max = 0;
	if (!rc && !(rc = in_number(node, "max", true, &max, NULL, err)) && (max < 0 || max > 100))
		rc = err_set(err, ERR_INVALID, "max", "'max' must be within 0 to 100 points");
	const char *by = json_string_value(json_object_get(clean, "scored_by"));
	if (!rc && by && strcmp(by, "self") && strcmp(by, "appraisal") && strcmp(by, "survey"))
		rc = err_set(err, ERR_INVALID, "scored_by", "'scored_by' is self, appraisal or survey, not '%s'", by);
	json_t *params = json_object();
	if (!rc && json_object_get(node, "levels"))
		rc = read_steps(node, "levels", "label", max, params, err);
	if (!rc && json_object_get(node, "thresholds"))
		rc = read_steps(node, "thresholds", "min", max, params, err);
	if (!rc && json_object_get(node, "source"))
		rc = par_source_read(node, params, err);
	json_object_set_new(clean, "max", json_real(max));
	json_object_set_new(clean, "params", params);
	if (!rc)
		json_array_append(out, clean);
	json_decref(clean);
	return rc;
}

static const char *node_str(json_t *nodes, size_t i, const char *key)
{
	return json_string_value(json_object_get(json_array_get(nodes, i), key));
}

json_t *par_node_by_code(json_t *rows, const char *code)
{
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
		if (code && strcmp(json_string_value(json_object_get(r, "code")), code) == 0)
			return r;
	return NULL;
}

static ssize_t node_index(json_t *nodes, const char *code)
{
	for (size_t i = 0; code && i < json_array_size(nodes); i++)
		if (strcmp(node_str(nodes, i, "code"), code) == 0)
			return (ssize_t)i;
	return -1;
}

/* The rule a node keeps, checked against its place in the tree. */
static enum err_code check_rule(json_t *n, int level, bool leaf, struct err *err)
{
	const char *rule = json_string_value(json_object_get(n, "rule"));
	json_t *params = json_object_get(n, "params");
	if (!leaf) {
		if (rule && strcmp(rule, "sum"))
			return err_set(err, ERR_INVALID, "rule", "a node with children scores their sum, not '%s'", rule);
		json_object_set_new(n, "rule", json_string("sum"));
		return ERR_OK;
	}
	if (!rule)
		return err_set(err, ERR_INVALID, "rule", "a criterion without children needs a 'rule' "
			       "(yesno, levels, ratio, manual; adjustment for bonus/penalty)");
	if (strcmp(rule, "adjustment") == 0)
		return level == 1 ? ERR_OK
				  : err_set(err, ERR_INVALID, "rule", "a bonus/penalty part ('adjustment') is a top-level node");
	if (strcmp(rule, "levels") == 0 && !json_object_get(params, "levels"))
		return err_set(err, ERR_INVALID, "levels", "rule 'levels' needs 'levels'");
	if (strcmp(rule, "ratio") == 0 && !json_object_get(params, "thresholds"))
		return err_set(err, ERR_INVALID, "thresholds", "rule 'ratio' needs 'thresholds'");
	if (strcmp(rule, "yesno") && strcmp(rule, "levels") && strcmp(rule, "ratio") && strcmp(rule, "manual"))
		return err_set(err, ERR_INVALID, "rule", "unknown rule '%s' (yesno, levels, ratio, manual, adjustment)",
			       rule);
	return ERR_OK;
}

/*
 * The tree: every parent present, no loop, at most 3 levels, each node's
 * children adding up to it, the fields to 100.  Sets "level" on each node.
 */
static enum err_code check_tree(json_t *nodes, struct err *err)
{
	size_t n = json_array_size(nodes);
	double total = 0;
	for (size_t i = 0; i < n; i++) {
		json_t *node = json_array_get(nodes, i);
		const char *code = node_str(nodes, i, "code");
		if (node_index(nodes, code) != (ssize_t)i)
			return err_set(err, ERR_INVALID, "code", "the code '%s' is used twice", code), row_error(err, i, code);
		int level = 1;
		for (ssize_t at = (ssize_t)i; node_str(nodes, (size_t)at, "parent"); level++) {
			const char *parent = node_str(nodes, (size_t)at, "parent");
			at = node_index(nodes, parent);
			if (at < 0)
				return err_set(err, ERR_INVALID, "parent", "the parent '%s' is not in the set", parent),
				       row_error(err, i, code);
			if (at == (ssize_t)i || level > (int)n)
				return err_set(err, ERR_INVALID, "parent", "its parents loop back"), row_error(err, i, code);
		}
		if (level > 3)
			return err_set(err, ERR_INVALID, "parent", "more than 3 levels deep (field, criterion, "
				       "sub-criterion)"), row_error(err, i, code);
		json_object_set_new(node, "level", json_integer(level));
	}
	for (size_t i = 0; i < n; i++) {
		json_t *node = json_array_get(nodes, i);
		const char *code = node_str(nodes, i, "code");
		double max = json_real_value(json_object_get(node, "max")), sum = 0;
		bool leaf = true;
		for (size_t k = 0; k < n; k++) {
			const char *parent = node_str(nodes, k, "parent");
			if (parent && strcmp(parent, code) == 0) {
				leaf = false;
				sum += json_real_value(json_object_get(json_array_get(nodes, k), "max"));
			}
		}
		int level = (int)json_integer_value(json_object_get(node, "level"));
		if (check_rule(node, level, leaf, err))
			return row_error(err, i, code);
		if (!leaf && fabs(sum - max) > PAR_EPS)
			return err_set(err, ERR_INVALID, "max", "its children add up to %g points, not its %g", sum, max),
			       row_error(err, i, code);
		if (level == 1 && strcmp(json_string_value(json_object_get(node, "rule")), "adjustment"))
			total += max;
	}
	if (fabs(total - 100) > PAR_EPS)
		return err_set(err, ERR_INVALID, "nodes", "the fields add up to %g points, not 100", total);
	return ERR_OK;
}

/* Bands: [{name, min}] from the highest min down to 0. */
static enum err_code read_bands(json_t *in, char **out, struct err *err)
{
	json_t *bands = json_object_get(in, "bands");
	*out = NULL;
	if (!bands || json_is_null(bands))
		return ERR_OK;
	if (!json_is_array(bands) || json_array_size(bands) == 0 || json_array_size(bands) > 10)
		return err_set(err, ERR_INVALID, "bands", "'bands' is a list of 1 to 10 {name, min}");
	double last = INFINITY;
	size_t i;
	json_t *b;
	json_array_foreach(bands, i, b) {
		json_t *name = json_object_get(b, "name"), *min = json_object_get(b, "min");
		if (!json_is_string(name) || !json_is_number(min) || json_number_value(min) < 0 ||
		    json_number_value(min) >= last)
			return err_set(err, ERR_INVALID, "bands", "bands[%zu]: each band has a name and a 'min' "
				       "below the one before", i);
		last = json_number_value(min);
	}
	if (last != 0)
		return err_set(err, ERR_INVALID, "bands", "the last band starts at 0");
	*out = json_dumps(bands, JSON_COMPACT);
	return ERR_OK;
}

/* Builds the store's rows over the clean nodes (borrowed). */
static struct par_node_new *store_nodes(json_t *nodes, char ***params)
{
	size_t n = json_array_size(nodes);
	struct par_node_new *out = xcalloc(n ? n : 1, sizeof *out);
	*params = xcalloc(n ? n : 1, sizeof **params);
	for (size_t i = 0; i < n; i++) {
		json_t *node = json_array_get(nodes, i);
		const char *by = node_str(nodes, i, "scored_by"), *ev = node_str(nodes, i, "evidence");
		(*params)[i] = json_dumps(json_object_get(node, "params"), JSON_COMPACT);
		out[i] = (struct par_node_new){
			.code = node_str(nodes, i, "code"), .parent_code = node_str(nodes, i, "parent"),
			.name = node_str(nodes, i, "name"), .rule = node_str(nodes, i, "rule"),
			.rule_params = (*params)[i], .evidence = ev ? ev : "", .scored_by = by ? by : "self",
			.level = (int)json_integer_value(json_object_get(node, "level")),
			.max_points = json_real_value(json_object_get(node, "max"))};
	}
	return out;
}

/* Validates a set file into s (strings borrowed from *clean and the
 * caller-freed *bands, *params) — nothing is written here. */
static enum err_code read_set(json_t *in, json_t **clean, char **bands, char **name, char **note,
			      struct par_set_new *s, char ***params, struct err *err)
{
	static const char *const keys[] = {"year", "kind", "name", "example", "note", "bands", "nodes", NULL};
	int64_t year = 0;
	char *kind = NULL;
	enum err_code rc;
	if (!json_is_object(in))
		return err_set(err, ERR_INVALID, "", "a criteria set is a JSON object");
	if ((rc = in_only(in, keys, err)) || (rc = in_int(in, "year", true, 2000, 2100, &year, NULL, err)) ||
	    (rc = in_text(in, "kind", true, 20, &kind, err)) || (rc = in_text(in, "name", true, 500, name, err)) ||
	    (rc = in_text(in, "note", false, 4000, note, err)) || (rc = read_bands(in, bands, err)))
		goto out;
	if (!par_kind_ok(kind)) {
		rc = err_set(err, ERR_INVALID, "kind", "'kind' is department or commune");
		goto out;
	}
	json_t *nodes = json_object_get(in, "nodes");
	json_t *example = json_object_get(in, "example");
	if (example && !json_is_boolean(example)) {
		rc = err_set(err, ERR_INVALID, "example", "'example' is true or false");
		goto out;
	}
	if (!json_is_array(nodes) || json_array_size(nodes) == 0 || json_array_size(nodes) > PAR_MAX_NODES) {
		rc = err_set(err, ERR_INVALID, "nodes", "'nodes' is a list of 1 to %d criteria", PAR_MAX_NODES);
		goto out;
	}
	*clean = json_array();
	size_t i;
	json_t *node;
	json_array_foreach(nodes, i, node)
		if ((rc = read_node(node, *clean, err))) {
			rc = row_error(err, i, json_string_value(json_object_get(node, "code")));
			goto out;
		}
	if ((rc = check_tree(*clean, err)))
		goto out;
	*s = (struct par_set_new){.year = (int)year, .is_example = json_is_true(example), .name = *name,
				  .note = *note ? *note : "", .bands = *bands, .nodes = store_nodes(*clean, params),
				  .nnodes = json_array_size(*clean)};
	/* kind is one of two literals: borrow the static text. */
	s->kind = strcmp(kind, "commune") == 0 ? "commune" : "department";
out:
	free(kind);
	return rc;
}

/* Writes the set file in: a new set (copied_from: its source, 0 for
 * none), or an edit of the stored set edit (NULL for none), whose year and
 * kind it keeps. */
static json_t *put_set(struct tracker *tr, json_t *in, int64_t copied_from, json_t *edit, struct err *err)
{
	json_t *clean = NULL, *out = NULL;
	char *bands = NULL, *name = NULL, *note = NULL, **params = NULL;
	struct par_set_new s = {0};
	int64_t id = 0;
	if (read_set(in, &clean, &bands, &name, &note, &s, &params, err))
		goto out;
	if (edit && (s.year != json_integer_value(json_object_get(edit, "year")) ||
		     strcmp(s.kind, json_string_value(json_object_get(edit, "kind"))))) {
		err_set(err, ERR_INVALID, s.year != json_integer_value(json_object_get(edit, "year")) ? "year" : "kind",
			"a set keeps its year and kind: copy it to another year instead");
		goto out;
	}
	s.copied_from = copied_from;
	s.by = auth_actor(tr->who);
	tracker_attribution_begin(tr);
	enum err_code rc = edit ? store_par_set_edit(tr->store, json_integer_value(json_object_get(edit, "id")), &s, &id, err)
				: store_par_set_put(tr->store, &s, &id, err);
	tracker_attribution_end(tr);
	if (!rc && (out = store_par_set_get(tr->store, id, err)))
		par_set_json_fix(out);
out:
	for (size_t i = 0; params && i < s.nnodes; i++)
		free(params[i]);
	free(params);
	free((void *)s.nodes);
	free(bands);
	free(name);
	free(note);
	json_decref(clean);
	return out;
}

json_t *par_set_import(struct tracker *tr, json_t *in, struct err *err)
{
	struct permit_target t = par_target(tr, 0);
	if (auth_require(tr->who, ACT_PAR_SETS, &t, err))
		return NULL;
	return put_set(tr, in, 0, NULL, err);
}

json_t *par_set_edit(struct tracker *tr, int64_t id, json_t *in, struct err *err)
{
	struct permit_target t = par_target(tr, 0);
	if (auth_require(tr->who, ACT_PAR_SETS, &t, err))
		return NULL;
	json_t *set = store_par_set_get(tr->store, id, err);
	json_t *out = set ? put_set(tr, in, 0, set, err) : NULL;
	json_decref(set);
	return out;
}

json_t *par_sets(struct tracker *tr, struct err *err)
{
	if (auth_require(tr->who, ACT_READ, NULL, err))
		return NULL;
	json_t *sets = store_par_sets(tr->store, err);
	size_t i;
	json_t *s;
	json_array_foreach(sets, i, s)
		par_set_json_fix(s);
	return sets;
}

void par_set_json_fix(json_t *set)
{
	const char *bands = json_string_value(json_object_get(set, "bands"));
	json_object_set_new(set, "bands", bands ? json_loads(bands, 0, NULL) : json_null());
	json_object_set_new(set, "example", json_boolean(json_integer_value(json_object_get(set, "is_example"))));
	json_object_del(set, "is_example");
	json_object_set_new(set, "frozen", json_boolean(json_integer_value(json_object_get(set, "assessments")) > 0));
}

/* A stored node in the import format (a new object). */
static json_t *node_export(json_t *row)
{
	json_t *n = json_pack("{s:O, s:O, s:O}", "code", json_object_get(row, "code"), "name",
			      json_object_get(row, "name"), "max", json_object_get(row, "max_points"));
	if (json_is_string(json_object_get(row, "parent_code")))
		json_object_set(n, "parent", json_object_get(row, "parent_code"));
	const char *rule = json_string_value(json_object_get(row, "rule"));
	if (strcmp(rule, "sum")) {
		json_object_set(n, "rule", json_object_get(row, "rule"));
		json_t *params = json_loads(json_string_value(json_object_get(row, "rule_params")), 0, NULL);
		json_object_update(n, params);
		json_decref(params);
		json_object_set(n, "evidence", json_object_get(row, "evidence"));
		json_object_set(n, "scored_by", json_object_get(row, "scored_by"));
	}
	return n;
}

json_t *par_set_export(struct tracker *tr, int64_t id, struct err *err)
{
	if (auth_require(tr->who, ACT_READ, NULL, err))
		return NULL;
	json_t *set = store_par_set_get(tr->store, id, err);
	json_t *rows = set ? store_par_nodes(tr->store, id, err) : NULL;
	json_t *out = NULL;
	if (rows) {
		par_set_json_fix(set);
		out = json_pack("{s:O, s:O, s:O, s:O, s:O}", "year", json_object_get(set, "year"), "kind",
				json_object_get(set, "kind"), "name", json_object_get(set, "name"), "example",
				json_object_get(set, "example"), "note", json_object_get(set, "note"));
		if (!json_is_null(json_object_get(set, "bands")))
			json_object_set(out, "bands", json_object_get(set, "bands"));
		json_t *nodes = json_array();
		size_t i;
		json_t *r;
		json_array_foreach(rows, i, r)
			json_array_append_new(nodes, node_export(r));
		json_object_set_new(out, "nodes", nodes);
	}
	json_decref(set);
	json_decref(rows);
	return out;
}

json_t *par_tree(json_t *rows, json_t *(*node_fn)(void *ctx, json_t *row), void *ctx)
{
	/* Rows come parents-first or not: attach by code in two passes. */
	size_t n = json_array_size(rows);
	json_t **made = xcalloc(n ? n : 1, sizeof *made);
	json_t *roots = json_array();
	for (size_t i = 0; i < n; i++) {
		made[i] = node_fn(ctx, json_array_get(rows, i));
		json_object_set_new(made[i], "children", json_array());
	}
	for (size_t i = 0; i < n; i++) {
		const char *parent = json_string_value(json_object_get(json_array_get(rows, i), "parent_code"));
		json_t *into = roots;
		for (size_t k = 0; parent && k < n; k++)
			if (strcmp(json_string_value(json_object_get(json_array_get(rows, k), "code")), parent) == 0)
				into = json_object_get(made[k], "children");
		json_array_append_new(into, made[i]);
	}
	free(made);
	return roots;
}

static json_t *tree_node(void *ctx, json_t *row)
{
	(void)ctx;
	json_t *n = node_export(row);
	json_object_set(n, "id", json_object_get(row, "id"));
	json_object_set(n, "level", json_object_get(row, "level"));
	json_object_set(n, "rule", json_object_get(row, "rule"));
	return n;
}

json_t *par_set_tree(struct tracker *tr, int64_t id, struct err *err)
{
	if (auth_require(tr->who, ACT_READ, NULL, err))
		return NULL;
	json_t *set = store_par_set_get(tr->store, id, err);
	json_t *rows = set ? store_par_nodes(tr->store, id, err) : NULL;
	if (!rows) {
		json_decref(set);
		return NULL;
	}
	par_set_json_fix(set);
	json_object_set_new(set, "tree", par_tree(rows, tree_node, NULL));
	json_decref(rows);
	return set;
}

json_t *par_set_copy(struct tracker *tr, int64_t id, json_t *in, struct err *err)
{
	struct permit_target t = par_target(tr, 0);
	if (auth_require(tr->who, ACT_PAR_SETS, &t, err))
		return NULL;
	static const char *const keys[] = {"year", NULL};
	int64_t year = 0;
	if (in_only(in, keys, err) || in_int(in, "year", true, 2000, 2100, &year, NULL, err))
		return NULL;
	json_t *file = par_set_export(tr, id, err);
	if (!file)
		return NULL;
	json_t *out = NULL;
	if (store_par_set_latest(tr->store, (int)year, json_string_value(json_object_get(file, "kind"))))
		err_set(err, ERR_CONFLICT, "year", "a %s set for %lld exists already: import a change to it instead",
			json_string_value(json_object_get(file, "kind")), (long long)year);
	else if (json_object_set_new(file, "year", json_integer(year)) == 0)
		out = put_set(tr, file, id, NULL, err);
	json_decref(file);
	return out;
}
