/*
 * indicator.c — plans, indicators and measurements.
 *
 * An indicator is met for a unit when the unit's latest value (of the
 * periods ended by the as-of date) compares with the target as the
 * indicator says (>=, <=, =).  One that is not met now but was met in an
 * earlier period has regressed: the letter asks that met indicators be
 * kept, so a regression is shown apart from "not met".
 */
#include "base/base.h"
#include "base/date.h"
#include "domain/input.h"
#include "domain/status.h"
#include "domain/tracker.h"
#include "store/store.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Checks a reporting period and gives its last day: 2026, 2026-Q1..Q4,
 * 2026-H1/H2, 2026-9M (nine months) or 2026-01..12. */
static int period_end(const char *p, char out[DATE_STRLEN])
{
	size_t n = strlen(p);
	if (n < 4 || strspn(p, "0123456789") < 4)
		return 0;
	int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
	int month = 0;
	if (n == 4)
		month = 12;
	else if (n == 7 && p[4] == '-' && p[5] == 'Q' && p[6] >= '1' && p[6] <= '4')
		month = (p[6] - '0') * 3;
	else if (n == 7 && p[4] == '-' && p[5] == 'H' && (p[6] == '1' || p[6] == '2'))
		month = (p[6] - '0') * 6;
	else if (n == 7 && strcmp(p + 4, "-9M") == 0)
		month = 9;
	else if (n == 7 && p[4] == '-' && p[5] >= '0' && p[5] <= '1' && p[6] >= '0' && p[6] <= '9')
		month = (p[5] - '0') * 10 + (p[6] - '0');
	if (y < 2000 || y > 2100 || month < 1 || month > 12)
		return 0;
	date_format(date_from_ymd(y, month, date_days_in_month(y, month)), out);
	return 1;
}

static int meets(const char *cmp, double value, double target)
{
	if (strcmp(cmp, ">=") == 0)
		return value >= target;
	if (strcmp(cmp, "<=") == 0)
		return value <= target;
	return fabs(value - target) < 1e-9;
}

/*
 * Judges every unit's series of one indicator as of a day.  Adds to ind
 * "units_met", "units_not_met", "units_regressed"; when per_unit, also
 * "by_unit": [{unit_id, unit_code, unit_name, value, period, met, regressed}].
 */
static void judge(json_t *ind, json_t *series, int32_t as_of, int per_unit)
{
	const char *cmp = json_string_value(json_object_get(ind, "comparison"));
	double target = json_number_value(json_object_get(ind, "target"));
	char asof[DATE_STRLEN];
	date_format(as_of, asof);
	int64_t met = 0, not_met = 0, regressed = 0;
	json_t *by_unit = per_unit ? json_array() : NULL;
	/* series is ordered by unit, then period end. */
	size_t n = json_array_size(series);
	for (size_t i = 0; i < n;) {
		int64_t unit = json_integer_value(json_object_get(json_array_get(series, i), "unit_id"));
		json_t *last = NULL;
		int was_met = 0, last_met = 0;
		for (; i < n; i++) {
			json_t *m = json_array_get(series, i);
			if (json_integer_value(json_object_get(m, "unit_id")) != unit)
				break;
			if (strcmp(json_string_value(json_object_get(m, "period_end")), asof) > 0)
				continue;
			if (last && last_met)
				was_met = 1;
			last = m;
			last_met = meets(cmp, json_number_value(json_object_get(m, "value")), target);
		}
		if (!last)
			continue;
		int reg = !last_met && was_met;
		met += last_met;
		not_met += !last_met && !reg;
		regressed += reg;
		if (by_unit) {
			json_t *o = json_object();
			json_object_set(o, "unit_id", json_object_get(last, "unit_id"));
			json_object_set(o, "unit_code", json_object_get(last, "unit_code"));
			json_object_set(o, "unit_name", json_object_get(last, "unit_name"));
			json_object_set(o, "value", json_object_get(last, "value"));
			json_object_set(o, "period", json_object_get(last, "period"));
			json_object_set_new(o, "met", json_boolean(last_met));
			json_object_set_new(o, "regressed", json_boolean(reg));
			json_array_append_new(by_unit, o);
		}
	}
	json_object_set_new(ind, "units_met", json_integer(met));
	json_object_set_new(ind, "units_not_met", json_integer(not_met));
	json_object_set_new(ind, "units_regressed", json_integer(regressed));
	if (by_unit)
		json_object_set_new(ind, "by_unit", by_unit);
}

static enum err_code judge_all(struct tracker *tr, json_t *list, int32_t as_of, int per_unit,
			       struct err *err)
{
	size_t i;
	json_t *ind;
	json_array_foreach(list, i, ind) {
		json_t *series = store_measurements(tr->store,
						    json_integer_value(json_object_get(ind, "id")), 0, err);
		if (!series)
			return err->code;
		judge(ind, series, as_of, per_unit);
		json_decref(series);
	}
	return ERR_OK;
}

json_t *tracker_indicators(struct tracker *tr, int64_t plan_id, int32_t as_of, struct err *err)
{
	json_t *list = store_indicators(tr->store, plan_id, err);
	if (list && judge_all(tr, list, as_of, 0, err) != ERR_OK) {
		json_decref(list);
		return NULL;
	}
	return list;
}

json_t *tracker_indicator(struct tracker *tr, int64_t id, int32_t as_of, struct err *err)
{
	json_t *ind = store_indicator_get(tr->store, id, err);
	if (!ind) {
		if (err->code == ERR_NOT_FOUND)
			err_set(err, ERR_NOT_FOUND, "id", "no indicator %lld", (long long)id);
		return NULL;
	}
	json_t *wrap = json_array();
	json_array_append(wrap, ind);
	enum err_code rc = judge_all(tr, wrap, as_of, 1, err);
	json_decref(wrap);
	if (rc) {
		json_decref(ind);
		return NULL;
	}
	return ind;
}

json_t *tracker_measurements(struct tracker *tr, int64_t indicator_id, int64_t unit_id, struct err *err)
{
	json_t *ind = store_indicator_get(tr->store, indicator_id, err);
	if (!ind) {
		if (err->code == ERR_NOT_FOUND)
			err_set(err, ERR_NOT_FOUND, "id", "no indicator %lld", (long long)indicator_id);
		return NULL;
	}
	json_t *list = store_measurements(tr->store, indicator_id, unit_id, err);
	size_t i;
	json_t *m;
	const char *cmp = json_string_value(json_object_get(ind, "comparison"));
	double target = json_number_value(json_object_get(ind, "target"));
	json_array_foreach(list, i, m)
		json_object_set_new(m, "met", json_boolean(meets(cmp, json_number_value(json_object_get(m, "value")), target)));
	json_decref(ind);
	return list;
}

enum err_code tracker_measurement_add(struct tracker *tr, int64_t indicator_id, json_t *body,
				      json_t **out, struct err *err)
{
	/* Who recorded the value is the signed-in principal, never the body. */
	static const char *const allowed[] = {"unit", "period", "value", NULL};
	char *unit = NULL, *period = NULL;
	double value = 0;
	char end[DATE_STRLEN];
	enum err_code rc;
	json_t *ind = store_indicator_get(tr->store, indicator_id, err);
	if (!ind) {
		rc = err->code == ERR_NOT_FOUND
			     ? err_set(err, ERR_NOT_FOUND, "id", "no indicator %lld", (long long)indicator_id)
			     : err->code;
		goto out;
	}
	json_t *u = json_object_get(body, "unit");
	if (json_is_integer(u)) {
		char ref[24];
		snprintf(ref, sizeof ref, "%lld", (long long)json_integer_value(u));
		json_object_set_new(body, "unit", json_string(ref));
	}
	/* The unit first: who may record for it is checked before the rest. */
	if ((rc = in_text(body, "unit", true, 64, &unit, err)))
		goto out;
	int64_t unit_id = tracker_unit_ref(tr, unit);
	if (!unit_id) {
		rc = err_set(err, ERR_INVALID, "unit", "unknown unit '%s'", unit);
		goto out;
	}
	struct permit_target target = {.unit_id = unit_id,
				       .field_lead_unit_id = tracker_field_lead(tr, json_integer_value(json_object_get(ind, "field_id")))};
	if ((rc = auth_require(tr->who, ACT_MEASURE, &target, err)) ||
	    (rc = in_only(body, allowed, err)) ||
	    (rc = in_text(body, "period", true, 16, &period, err)) ||
	    (rc = in_number(body, "value", true, &value, NULL, err)))
		goto out;
	if (!period_end(period, end)) {
		rc = err_set(err, ERR_INVALID, "period",
			     "'period' must be YYYY, YYYY-Q1..Q4, YYYY-H1/H2, YYYY-9M or YYYY-MM");
		goto out;
	}
	struct measurement_new m = {.indicator_id = indicator_id, .unit_id = unit_id, .period = period,
				    .period_end = end, .reported_by = auth_actor(tr->who), .value = value};
	int64_t id = 0;
	tracker_attribution_begin(tr);
	rc = store_measurement_add(tr->store, &m, &id, err);
	tracker_attribution_end(tr);
	if (rc)
		goto out;
	if (out) {
		json_t *list = tracker_measurements(tr, indicator_id, unit_id, err);
		size_t i;
		json_t *row;
		*out = NULL;
		json_array_foreach(list, i, row)
			if (json_integer_value(json_object_get(row, "id")) == id)
				*out = json_incref(row);
		json_decref(list);
		if (!*out)
			rc = err_set(err, ERR_INTERNAL, "", "measurement %lld vanished", (long long)id);
	}
out:
	json_decref(ind);
	free(unit);
	free(period);
	return rc;
}

json_t *tracker_plans(struct tracker *tr, struct err *err)
{
	return store_documents(tr->store, "KH", err);
}

enum err_code tracker_plan_create(struct tracker *tr, json_t *body, json_t **out, struct err *err)
{
	static const char *const allowed[] = {"number", "symbol", "title", "year", "issuer", "issued_on", NULL};
	char *number = NULL, *symbol = NULL, *title = NULL, *issuer = NULL;
	char issued[11];
	int64_t year = 0, id = 0;
	enum err_code rc;
	json_t *u = NULL;
	/* The issuer first: who may write its plans is checked before the rest. */
	if ((rc = in_text(body, "issuer", true, 64, &issuer, err)))
		goto out;
	int64_t unit = tracker_unit_ref(tr, issuer);
	if (!unit || !(u = store_unit_get(tr->store, unit, err))) {
		rc = err_set(err, ERR_INVALID, "issuer", "unknown unit '%s'", issuer);
		goto out;
	}
	struct permit_target target = {.unit_id = unit};
	if ((rc = auth_require(tr->who, ACT_WRITE_PLAN, &target, err)) ||
	    (rc = in_only(body, allowed, err)) ||
	    (rc = in_text(body, "number", false, 20, &number, err)) ||
	    (rc = in_text(body, "symbol", false, 40, &symbol, err)) ||
	    (rc = in_text(body, "title", true, 1000, &title, err)) ||
	    (rc = in_int(body, "year", true, 2000, 2100, &year, NULL, err)) ||
	    (rc = in_date(body, "issued_on", false, issued, err)))
		goto out;
	if ((number == NULL) != (symbol == NULL)) {
		rc = err_set(err, ERR_INVALID, number ? "symbol" : "number",
			     "'number' and 'symbol' go together (4110 and KH-UBND)");
		goto out;
	}
	struct document_new d = {.type = "KH", .number = number, .symbol = symbol, .title = title,
				 .year = (int)year, .issued_on = issued[0] ? issued : NULL,
				 .issuer_code = json_string_value(json_object_get(u, "code"))};
	tracker_attribution_begin(tr);
	rc = store_document_add(tr->store, &d, &id, err);
	tracker_attribution_end(tr);
	if (rc)
		goto out;
	if (out && !(*out = store_document_get(tr->store, id, err)))
		rc = err->code;
out:
	json_decref(u);
	free(number);
	free(symbol);
	free(title);
	free(issuer);
	return rc;
}

enum err_code tracker_indicator_create(struct tracker *tr, json_t *body, json_t **out, struct err *err)
{
	static const char *const allowed[] = {"plan_id", "field", "code", "name", "measure", "comparison",
					      "target", "baseline", NULL};
	char *field = NULL, *code = NULL, *name = NULL, *measure = NULL, *cmp = NULL;
	int64_t plan = 0, id = 0;
	double target = 0, baseline = 0;
	bool has_baseline = false;
	json_t *doc = NULL;
	enum err_code rc;
	/* The field first: who may write its indicators is checked before the rest. */
	if ((rc = in_text(body, "field", true, 20, &field, err)))
		goto out;
	int64_t field_id = tracker_field_ref(tr, field);
	if (!field_id) {
		rc = err_set(err, ERR_INVALID, "field", "unknown field '%s'", field);
		goto out;
	}
	struct permit_target scope = {.field_lead_unit_id = tracker_field_lead(tr, field_id)};
	if ((rc = auth_require(tr->who, ACT_WRITE_INDICATOR, &scope, err)) ||
	    (rc = in_only(body, allowed, err)) ||
	    (rc = in_int(body, "plan_id", true, 1, INT64_MAX, &plan, NULL, err)) ||
	    (rc = in_text(body, "code", true, 40, &code, err)) ||
	    (rc = in_text(body, "name", true, 1000, &name, err)) ||
	    (rc = in_text(body, "measure", true, 40, &measure, err)) ||
	    (rc = in_text(body, "comparison", true, 2, &cmp, err)) ||
	    (rc = in_number(body, "target", true, &target, NULL, err)) ||
	    (rc = in_number(body, "baseline", false, &baseline, &has_baseline, err)))
		goto out;
	if (strcmp(cmp, ">=") && strcmp(cmp, "<=") && strcmp(cmp, "=")) {
		rc = err_set(err, ERR_INVALID, "comparison", "'comparison' must be >=, <= or =");
		goto out;
	}
	doc = store_document_get(tr->store, plan, err);
	if (!doc || strcmp(json_string_value(json_object_get(doc, "type")), "KH") != 0) {
		rc = err_set(err, ERR_INVALID, "plan_id", "unknown plan %lld", (long long)plan);
		goto out;
	}
	struct indicator_new n = {.document_id = plan, .field_id = field_id, .code = code, .name = name,
				  .measure = measure, .comparison = cmp, .target = target,
				  .baseline = baseline, .has_baseline = has_baseline};
	tracker_attribution_begin(tr);
	rc = store_indicator_add(tr->store, &n, &id, err);
	tracker_attribution_end(tr);
	if (rc) {
		if (rc == ERR_CONFLICT)
			err_set(err, ERR_CONFLICT, "code", "an indicator with code '%s' exists already", code);
		goto out;
	}
	if (out && !(*out = tracker_indicator(tr, id, date_today(), err)))
		rc = err->code;
out:
	json_decref(doc);
	free(field);
	free(code);
	free(name);
	free(measure);
	free(cmp);
	return rc;
}

struct plan_task_ctx {
	struct tracker *tr;
	int64_t document_id;
	int32_t as_of;
	json_t *by_field;	/* field id (as string) -> array of tasks */
	struct err *err;
	enum err_code rc;
};

static int plan_task(void *ctx, json_t *row)
{
	struct plan_task_ctx *c = ctx;
	if (json_integer_value(json_object_get(row, "document_id")) != c->document_id)
		return 0;
	json_t *t = tracker_task(c->tr, json_integer_value(json_object_get(row, "id")), c->as_of, c->err);
	if (!t) {
		c->rc = c->err->code;
		return 1;
	}
	/* The plan page needs the counts, not every assignment. */
	json_object_del(t, "assignments");
	char key[24];
	snprintf(key, sizeof key, "%lld", (long long)json_integer_value(json_object_get(row, "field_id")));
	json_t *list = json_object_get(c->by_field, key);
	if (!list) {
		list = json_array();
		json_object_set_new(c->by_field, key, list);
	}
	json_array_append_new(list, t);
	return 0;
}

json_t *tracker_plan(struct tracker *tr, int64_t id, int32_t as_of, struct err *err)
{
	json_t *plan = store_document_get(tr->store, id, err);
	if (!plan) {
		if (err->code == ERR_NOT_FOUND)
			err_set(err, ERR_NOT_FOUND, "id", "no plan %lld", (long long)id);
		return NULL;
	}
	json_t *inds = tracker_indicators(tr, id, as_of, err);
	json_t *fields = inds ? store_fields(tr->store, err) : NULL;
	struct plan_task_ctx c = {.tr = tr, .document_id = id, .as_of = as_of,
				  .by_field = json_object(), .err = err};
	struct task_query tq = {0};
	if (!fields || store_tasks_scan(tr->store, &tq, plan_task, &c, err) != ERR_OK || c.rc) {
		json_decref(plan);
		json_decref(inds);
		json_decref(fields);
		json_decref(c.by_field);
		return NULL;
	}
	size_t i;
	json_t *f;
	json_array_foreach(fields, i, f) {
		int64_t fid = json_integer_value(json_object_get(f, "id"));
		json_t *mine = json_array();
		size_t j;
		json_t *ind;
		json_array_foreach(inds, j, ind)
			if (json_integer_value(json_object_get(ind, "field_id")) == fid)
				json_array_append(mine, ind);
		json_object_set_new(f, "indicators", mine);
		char key[24];
		snprintf(key, sizeof key, "%lld", (long long)fid);
		json_t *tasks = json_object_get(c.by_field, key);
		json_object_set_new(f, "tasks", tasks ? json_incref(tasks) : json_array());
	}
	json_t *loose = json_object_get(c.by_field, "0");
	char day[DATE_STRLEN];
	json_object_set_new(plan, "as_of", json_string(date_format(as_of, day)));
	json_object_set_new(plan, "fields", fields);
	json_object_set_new(plan, "tasks_without_field", loose ? json_incref(loose) : json_array());
	json_decref(inds);
	json_decref(c.by_field);
	return plan;
}
