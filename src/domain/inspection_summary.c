/*
 * inspection_summary.c — the yearly summary of inspections (issue 15): the
 * units inspected against those planned and the share of all units, the
 * inspections by status, the findings by field, severity and unit with
 * what became of their remediation, and the discipline cases per unit.
 *
 * Everything is judged as of a day from the dates the store keeps: an
 * inspection counts as started or concluded from its started_on and
 * concluded_on, its findings from its conclusion; a remediation is
 * completed from its completed_on.  The verification is taken as it
 * stands (the store keeps only the last one): an accepted remediation
 * completed by the day counts as remedied, on time or late by its
 * deadline; one returned later has lost its earlier completion and shows
 * as open for that day too.
 */
#include "base/base.h"
#include "base/date.h"
#include "domain/discipline.h"
#include "domain/inspection.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

/* What became of a set of findings as of the day. */
struct tally {
	int64_t total, on_time, late, open, awaiting, overdue;
};

static json_t *tally_json(json_t *row, const struct tally *t)
{
	json_object_set_new(row, "findings", json_integer(t->total));
	json_object_set_new(row, "remediated_on_time", json_integer(t->on_time));
	json_object_set_new(row, "remediated_late", json_integer(t->late));
	json_object_set_new(row, "open", json_integer(t->open));
	json_object_set_new(row, "awaiting_verification", json_integer(t->awaiting));
	json_object_set_new(row, "open_overdue", json_integer(t->overdue));
	return row;
}

/* Adds finding f, judged on day (YYYY-MM-DD), to t. */
static void tally_add(struct tally *t, json_t *f, const char *day)
{
	const char *deadline = json_string_value(json_object_get(f, "deadline"));
	const char *done = json_string_value(json_object_get(f, "completed_on"));
	const char *verdict = json_string_value(json_object_get(f, "verification"));
	bool completed = done && strcmp(done, day) <= 0;
	t->total++;
	if (completed && verdict && strcmp(verdict, "accepted") == 0) {
		if (strcmp(done, deadline) <= 0)
			t->on_time++;
		else
			t->late++;
		return;
	}
	t->open++;
	if (completed)
		t->awaiting++;
	else if (strcmp(deadline, day) < 0)
		t->overdue++;
}

/* Rows of catalogue (each with "code" and "name") in its order, each with
 * the tally of the findings whose key equals its code.  t: one per row. */
static json_t *tally_rows(json_t *catalogue, const char *extra, const struct tally *t)
{
	json_t *out = json_array(), *c;
	size_t i;
	json_array_foreach(catalogue, i, c) {
		json_t *row = json_pack("{s:O, s:O}", "code", json_object_get(c, "code"), "name", json_object_get(c, "name"));
		if (extra)
			json_object_set(row, extra, json_object_get(c, extra));
		json_array_append_new(out, tally_json(row, &t[i]));
	}
	return out;
}

/* The index in list of the row whose key equals v (a string), or -1. */
static ssize_t index_of(json_t *list, const char *key, const char *v)
{
	size_t i;
	json_t *row;
	json_array_foreach(list, i, row)
		if (v && strcmp(json_string_value(json_object_get(row, key)), v) == 0)
			return (ssize_t)i;
	return -1;
}

/* A set of unit ids, small: the units of a year's inspections. */
struct idset {
	int64_t *v;
	size_t n, cap;
};

static void idset_add(struct idset *s, int64_t id)
{
	for (size_t k = 0; k < s->n; k++)
		if (s->v[k] == id)
			return;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n++] = id;
}

/* What the year's inspections cover, per plan and in all (kind
 * "inspection" plans only: a self-inspection covers no other unit). */
struct coverage {
	struct idset planned, inspected;
	int64_t n_planned, n_started, n_concluded, n_self;
};

/* The plan rows of year (a new array), each with the units its
 * inspections plan and have inspected by day; the units and the
 * inspections' statuses are added to cov, and each row of insps gets
 * "concluded_by_day".  NULL with err. */
static json_t *plans_json(struct tracker *tr, int year, const char *day, struct coverage *cov, json_t *insps,
			  struct err *err)
{
	json_t *plans = store_inspection_plans(tr->store, year, err), *p, *in;
	size_t i, k;
	json_array_foreach(plans, i, p) {
		struct idset planned = {0}, inspected = {0};
		bool self = strcmp(json_string_value(json_object_get(p, "kind")), "self") == 0;
		int64_t pid = json_integer_value(json_object_get(p, "id"));
		json_array_foreach(insps, k, in) {
			if (json_integer_value(json_object_get(in, "plan_id")) != pid)
				continue;
			json_t *full = store_inspection_get(tr->store, json_integer_value(json_object_get(in, "id")), err), *u;
			if (!full) {
				free(planned.v);
				free(inspected.v);
				json_decref(plans);
				return NULL;
			}
			const char *started = json_string_value(json_object_get(full, "started_on"));
			const char *concluded = json_string_value(json_object_get(full, "concluded_on"));
			bool is_concluded = concluded && strcmp(concluded, day) <= 0;
			json_object_set_new(in, "concluded_by_day", json_boolean(is_concluded));
			cov->n_self += self;
			if (is_concluded)
				cov->n_concluded++;
			else if (started && strcmp(started, day) <= 0)
				cov->n_started++;
			else
				cov->n_planned++;
			size_t j;
			json_array_foreach(json_object_get(full, "units"), j, u) {
				int64_t uid = json_integer_value(json_object_get(u, "id"));
				idset_add(&planned, uid);
				if (is_concluded)
					idset_add(&inspected, uid);
				if (!self) {
					idset_add(&cov->planned, uid);
					if (is_concluded)
						idset_add(&cov->inspected, uid);
				}
			}
			json_decref(full);
		}
		json_object_set_new(p, "units_planned", json_integer((json_int_t)planned.n));
		json_object_set_new(p, "units_inspected", json_integer((json_int_t)inspected.n));
		free(planned.v);
		free(inspected.v);
	}
	return plans;
}

/* The coverage object: units of the province against those planned and inspected. */
static json_t *coverage_json(struct tracker *tr, const struct coverage *cov, json_t *plans, struct err *err)
{
	json_t *units = store_units(tr->store, err), *u;
	if (!units)
		return NULL;
	int64_t total = 0;
	size_t i;
	json_array_foreach(units, i, u)
		total += json_integer_value(json_object_get(u, "active")) == 1 &&
			 strcmp(json_string_value(json_object_get(u, "kind")), "province") != 0;
	json_decref(units);
	/* The highest target of the year's plans of others; none without such a plan. */
	double target = 0;
	json_t *p;
	json_array_foreach(plans, i, p)
		if (strcmp(json_string_value(json_object_get(p, "kind")), "inspection") == 0 &&
		    json_real_value(json_object_get(p, "target_share")) > target)
			target = json_real_value(json_object_get(p, "target_share"));
	double share = total ? (double)cov->inspected.n / (double)total : 0;
	json_t *c = json_pack("{s:I, s:I, s:I, s:f, s:f}", "units_total", (json_int_t)total, "units_planned",
			      (json_int_t)cov->planned.n, "units_inspected", (json_int_t)cov->inspected.n, "share", share,
			      "planned_share", total ? (double)cov->planned.n / (double)total : 0.0);
	json_object_set_new(c, "target_share", target > 0 ? json_real(target) : json_null());
	json_object_set_new(c, "target_met", target > 0 ? json_boolean(share + 1e-9 >= target) : json_null());
	return c;
}

/* Findings of the inspections concluded by day, tallied in total and by
 * field, severity and unit, set on out. */
static bool findings_json(struct tracker *tr, json_t *out, json_t *insps, const char *day, struct err *err)
{
	json_t *fields = store_fields(tr->store, err);
	json_t *levels = fields ? store_finding_severities(tr->store, err) : NULL;
	json_t *findings = levels ? store_findings(tr->store, 0, 0, NULL, err) : NULL;
	json_t *units = json_array(), *f;
	struct tally all = {0}, *by_field = NULL, *by_level = NULL, *by_unit = NULL;
	bool ok = findings != NULL;
	if (!ok)
		goto out;
	by_field = xcalloc(json_array_size(fields) + 1, sizeof *by_field);
	by_level = xcalloc(json_array_size(levels) + 1, sizeof *by_level);
	by_unit = xcalloc(json_array_size(findings) + 1, sizeof *by_unit);
	size_t i;
	json_array_foreach(findings, i, f) {
		int64_t iid = json_integer_value(json_object_get(f, "inspection_id"));
		size_t k;
		json_t *in;
		bool counted = false;
		json_array_foreach(insps, k, in)
			if (json_integer_value(json_object_get(in, "id")) == iid)
				counted = json_is_true(json_object_get(in, "concluded_by_day"));
		if (!counted)
			continue;
		const char *unit = json_string_value(json_object_get(f, "unit_code"));
		ssize_t u = index_of(units, "code", unit);
		if (u < 0) {
			u = (ssize_t)json_array_size(units);
			json_array_append_new(units, json_pack("{s:s, s:O}", "code", unit, "name", json_object_get(f, "unit_name")));
		}
		ssize_t fi = index_of(fields, "code", json_string_value(json_object_get(f, "field_code")));
		ssize_t li = index_of(levels, "code", json_string_value(json_object_get(f, "severity")));
		tally_add(&all, f, day);
		tally_add(&by_unit[u], f, day);
		if (fi >= 0)
			tally_add(&by_field[fi], f, day);
		if (li >= 0)
			tally_add(&by_level[li], f, day);
	}
	json_object_set_new(out, "findings", tally_json(json_object(), &all));
	json_object_set_new(out, "by_field", tally_rows(fields, "name_en", by_field));
	json_object_set_new(out, "by_severity", tally_rows(levels, NULL, by_level));
	json_object_set_new(out, "by_unit", tally_rows(units, NULL, by_unit));
out:
	free(by_field);
	free(by_level);
	free(by_unit);
	json_decref(units);
	json_decref(findings);
	json_decref(levels);
	json_decref(fields);
	return ok;
}

json_t *inspection_summary(struct tracker *tr, int year, int32_t as_of, struct err *err)
{
	if (auth_require(tr->who, ACT_READ, NULL, err))
		return NULL;
	if (year < 2000 || year > 2100) {
		err_set(err, ERR_BAD_REQUEST, "year", "'year' must be 2000 to 2100");
		return NULL;
	}
	int32_t last = date_from_ymd(year, 12, 31);
	if (as_of == DATE_NONE)
		as_of = date_today() < last ? date_today() : last;
	char day[DATE_STRLEN];
	date_format(as_of, day);
	struct coverage cov = {0};
	json_t *out = NULL, *plans = NULL, *c = NULL, *discipline = NULL;
	json_t *insps = store_inspections(tr->store, 0, 0, NULL, err), *in;
	if (!insps)
		goto out;
	/* Only this year's inspections. */
	for (size_t i = json_array_size(insps); i-- > 0;) {
		in = json_array_get(insps, i);
		if (json_integer_value(json_object_get(in, "year")) != year)
			json_array_remove(insps, i);
	}
	if (!(plans = plans_json(tr, year, day, &cov, insps, err)) || !(c = coverage_json(tr, &cov, plans, err)) ||
	    !(discipline = discipline_counts(tr, year, err)))
		goto out;
	out = json_pack("{s:i, s:s, s:o}", "year", year, "as_of", day, "coverage", c);
	c = NULL;
	json_object_set_new(out, "inspections",
			    json_pack("{s:I, s:I, s:I, s:I, s:I}", "total", (json_int_t)json_array_size(insps),
				      "planned", (json_int_t)cov.n_planned, "in_progress", (json_int_t)cov.n_started,
				      "concluded", (json_int_t)cov.n_concluded, "self", (json_int_t)cov.n_self));
	json_object_set(out, "plans", plans);
	if (!findings_json(tr, out, insps, day, err)) {
		json_decref(out);
		out = NULL;
		goto out;
	}
	json_object_set(out, "discipline", discipline);
out:
	free(cov.planned.v);
	free(cov.inspected.v);
	json_decref(insps);
	json_decref(plans);
	json_decref(c);
	json_decref(discipline);
	return out;
}
