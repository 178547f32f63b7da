/*
 * report_rules.c — the rules of a periodic report (who falls behind, the
 * bands of the head scorecard, the grace days of the units' own reports):
 * read, changed with their parameters checked, and turned into the
 * thresholds the computation uses.
 */
#include "base/base.h"
#include "base/date.h"
#include "domain/auth.h"
#include "report/report.h"
#include "report/report_calc.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The parameters each rule takes, with their ranges; anything else is refused. */
static const struct {
	const char *code, *param;
	double min, max;
} rule_params[] = {
	{"overdue_days", "days", 0, 3650},
	{"overdue_days", "min_count", 1, 1000000},
	{"on_time_rate", "min_rate", 0, 1},
	{"on_time_rate", "min_due", 1, 1000000},
	{"unit_report", "grace_days", 0, 365},
	{"*band", "min_on_time_rate", 0, 1},
	{"*band", "min_completion_rate", 0, 1},
	{"*band", "max_overdue", 0, 1000000},
	{"*band", "max_indicators_not_met", 0, 1000000},
};

json_t *report_rules_read(struct store *st, struct err *err)
{
	json_t *list = store_report_rules(st, err);
	if (!list)
		return NULL;
	json_t *out = json_object(), *behind = json_array(), *band = json_array();
	size_t i;
	json_t *r;
	json_array_foreach(list, i, r) {
		json_t *params = json_loads(json_string_value(json_object_get(r, "params")), 0, NULL);
		json_object_set_new(r, "params", params ? params : json_object());
		json_object_set_new(r, "enabled", json_boolean(json_integer_value(json_object_get(r, "enabled"))));
		const char *kind = json_string_value(json_object_get(r, "kind"));
		json_array_append(strcmp(kind, "band") == 0 ? band : behind, r);
	}
	json_decref(list);
	json_object_set_new(out, "behind", behind);
	json_object_set_new(out, "band", band);
	json_object_set_new(out, "fallback_band",
			    json_pack("{s:s, s:s}", "code", "khong_hoan_thanh", "name",
				      "Không hoàn thành nhiệm vụ"));
	return out;
}

json_t *report_rules(struct tracker *tr, struct err *err)
{
	if (auth_require(tr->who, ACT_READ, NULL, err))
		return NULL;
	return report_rules_read(tr->store, err);
}

/* Checks one rule's new params against rule_params; kind is its kind. */
static enum err_code check_params(const char *code, const char *kind, json_t *params, struct err *err)
{
	if (!json_is_object(params))
		return err_set(err, ERR_INVALID, "params", "'params' of rule '%s' must be an object", code);
	const char *key;
	json_t *v;
	json_object_foreach(params, key, v) {
		int known = 0;
		for (size_t i = 0; i < ARRAY_LEN(rule_params); i++) {
			const char *rc = rule_params[i].code;
			int mine = strcmp(rc, code) == 0 || (strcmp(rc, "*band") == 0 && strcmp(kind, "band") == 0);
			if (!mine || strcmp(rule_params[i].param, key) != 0)
				continue;
			known = 1;
			if (!json_is_number(v) || json_number_value(v) < rule_params[i].min ||
			    json_number_value(v) > rule_params[i].max)
				return err_set(err, ERR_INVALID, "params",
					       "rule '%s': '%s' must be a number from %g to %g", code, key,
					       rule_params[i].min, rule_params[i].max);
		}
		if (!known)
			return err_set(err, ERR_INVALID, "params", "rule '%s' takes no parameter '%.40s'",
				       code, key);
	}
	return ERR_OK;
}

/*
 * Validates one rule change r against the current rules cur and fills
 * *set with it; *text gets the merged params as JSON (caller frees; set
 * points into it).
 */
static enum err_code rule_change(const json_t *cur, json_t *r, struct report_rule_set *set, char **text,
				 struct err *err)
{
	const char *code = json_string_value(json_object_get(r, "code"));
	json_t *old = NULL, *x;
	size_t j;
	const char *kind = "behind";
	json_array_foreach(json_object_get(cur, "behind"), j, x)
		if (code && strcmp(code, json_string_value(json_object_get(x, "code"))) == 0)
			old = x;
	json_array_foreach(json_object_get(cur, "band"), j, x)
		if (code && strcmp(code, json_string_value(json_object_get(x, "code"))) == 0)
			old = x, kind = "band";
	if (!old)
		return err_set(err, ERR_INVALID, "code", "no report rule '%.40s'", code ? code : "");
	const char *key;
	json_t *v;
	json_object_foreach(r, key, v)
		if (strcmp(key, "code") && strcmp(key, "enabled") && strcmp(key, "params"))
			return err_set(err, ERR_INVALID, key, "a rule takes code, enabled and params, not '%.40s'", key);
	json_t *en = json_object_get(r, "enabled");
	if (en && !json_is_boolean(en))
		return err_set(err, ERR_INVALID, "enabled", "'enabled' must be true or false");
	json_t *params = json_object_get(r, "params");
	enum err_code rc;
	if (params && (rc = check_params(code, kind, params, err)))
		return rc;
	/* Parameters not sent keep their values. */
	json_t *merged = json_deep_copy(json_object_get(old, "params"));
	if (params)
		json_object_update(merged, params);
	*text = json_dumps(merged, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(merged);
	*set = (struct report_rule_set){
		.code = code,
		.enabled = en ? json_is_true(en) : json_is_true(json_object_get(old, "enabled")),
		.params = *text,
	};
	return ERR_OK;
}

enum err_code report_rules_put(struct tracker *tr, json_t *body, json_t **out, struct err *err)
{
	enum err_code rc = auth_require(tr->who, ACT_CONFIGURE, NULL, err);
	if (rc)
		return rc;
	json_t *cur = report_rules_read(tr->store, err);
	if (!cur)
		return err->code;
	json_t *list = json_is_array(body) ? body : json_object_get(body, "rules");
	size_t n = json_array_size(list);
	struct report_rule_set *set = xcalloc(n ? n : 1, sizeof *set);
	char **texts = xcalloc(n ? n : 1, sizeof *texts);
	if (!json_is_array(list) || n == 0) {
		rc = err_set(err, ERR_INVALID, "rules", "send {\"rules\": [{\"code\", \"enabled\", \"params\"}, ...]}");
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		if ((rc = rule_change(cur, json_array_get(list, i), &set[i], &texts[i], err)))
			goto out;
	if ((rc = store_report_rules_set(tr->store, set, n, report_actor(tr), err)))
		goto out;
	if (out && !(*out = report_rules_read(tr->store, err)))
		rc = err->code;
out:
	for (size_t i = 0; i < n; i++)
		free(texts[i]);
	free(texts);
	free(set);
	json_decref(cur);
	return rc;
}

static double param(const json_t *r, const char *name, double dflt)
{
	json_t *v = json_object_get(json_object_get(r, "params"), name);
	return json_is_number(v) ? json_number_value(v) : dflt;
}

void report_thresholds_load(const json_t *rj, struct report_thresholds *r)
{
	memset(r, 0, sizeof *r);
	r->grace_days = 10;
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(rj, "behind"), i, x) {
		const char *code = json_string_value(json_object_get(x, "code"));
		int on = json_is_true(json_object_get(x, "enabled"));
		if (strcmp(code, "overdue_days") == 0) {
			r->overdue_on = on;
			r->overdue_days = (int)param(x, "days", 30);
			r->overdue_min = (int)param(x, "min_count", 1);
		} else if (strcmp(code, "on_time_rate") == 0) {
			r->rate_on = on;
			r->min_rate = param(x, "min_rate", 0.8);
			r->min_due = (int)param(x, "min_due", 3);
		} else if (strcmp(code, "indicator_not_met") == 0) {
			r->ind_on = on;
		} else if (strcmp(code, "indicator_regressed") == 0) {
			r->reg_on = on;
		} else if (strcmp(code, "unit_report") == 0) {
			r->unit_report_on = on;
			r->grace_days = (int)param(x, "grace_days", 10);
		}
	}
	json_array_foreach(json_object_get(rj, "band"), i, x) {
		if (!json_is_true(json_object_get(x, "enabled")) || r->nband >= (int)ARRAY_LEN(r->band))
			continue;
		struct report_band *b = &r->band[r->nband++];
		snprintf(b->code, sizeof b->code, "%s", json_string_value(json_object_get(x, "code")));
		snprintf(b->name, sizeof b->name, "%s", json_string_value(json_object_get(x, "name")));
		b->min_rate = param(x, "min_on_time_rate", -1);
		b->min_completion = param(x, "min_completion_rate", -1);
		b->max_overdue = param(x, "max_overdue", -1);
		b->max_not_met = param(x, "max_indicators_not_met", -1);
	}
}

int32_t report_due(struct store *st, const struct report_period *p, struct err *err)
{
	json_t *rj = report_rules_read(st, err);
	if (!rj)
		return DATE_NONE;
	struct report_thresholds r;
	report_thresholds_load(rj, &r);
	json_decref(rj);
	return p->end + r.grace_days;
}

int32_t report_unit_deadline(struct tracker *tr, const struct report_period *p, struct err *err)
{
	if (auth_require(tr->who, ACT_READ, NULL, err))
		return DATE_NONE;
	return report_due(tr->store, p, err);
}
