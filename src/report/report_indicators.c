/*
 * report_indicators.c — the indicators of a periodic report: each judged
 * per unit on the measurements reported by the cut-off (met, not met,
 * regressed), with the shortfalls named and the counts at each quarter's
 * end of the year so far.
 */
#include "base/base.h"
#include "base/date.h"
#include "report/report_calc.h"
#include "store/store.h"

#include <math.h>
#include <string.h>

static int meets(const char *cmp, double v, double target)
{
	if (strcmp(cmp, ">=") == 0)
		return v >= target;
	if (strcmp(cmp, "<=") == 0)
		return v <= target;
	return fabs(v - target) < 1e-9;
}

int report_judge(const json_t *rows, size_t from, size_t to, int32_t day, const char *cmp, double target,
		 json_t **last_row)
{
	int was_met = 0, have = 0, last_met = 0;
	*last_row = NULL;
	for (size_t i = from; i < to; i++) {
		json_t *m = json_array_get(rows, i);
		const char *end = json_string_value(json_object_get(m, "period_end"));
		if (date_parse(end) > day)
			break;
		json_t *next = i + 1 < to ? json_array_get(rows, i + 1) : NULL;
		if (next && strcmp(json_string_value(json_object_get(next, "period_end")), end) == 0)
			continue;
		if (have && last_met)
			was_met = 1;
		have = 1;
		last_met = meets(cmp, json_number_value(json_object_get(m, "value")), target);
		*last_row = m;
	}
	if (!have)
		return 0;
	return last_met ? 1 : was_met ? 3 : 2;
}

/* The last day of quarter q (0..3) of year. */
static int32_t quarter_end(int year, int q)
{
	return date_from_ymd(year, (q + 1) * 3, q == 0 || q == 3 ? 31 : 30);
}

/* What one indicator is judged on, and what its judgement adds up to. */
struct judged {
	int64_t id;
	int32_t fi;
	const char *cmp, *name, *measure;
	double target;
	int64_t n3[3];			/* units met, not met, regressed */
	int64_t trend[4][3];		/* the same at each quarter's end */
	json_t *shortfalls;
};

/* Judges the indicator for the units whose rows are [begin, end) of rows
 * (grouped by unit), adding to j and to the units' counts. */
static void judge_units(struct report_ctx *c, struct judged *j, const json_t *rows, size_t begin, size_t end)
{
	for (size_t u0 = begin; u0 < end;) {
		int64_t unit = json_integer_value(json_object_get(json_array_get(rows, u0), "unit_id"));
		size_t u1 = u0;
		while (u1 < end && json_integer_value(json_object_get(json_array_get(rows, u1), "unit_id")) == unit)
			u1++;
		json_t *last;
		int v = report_judge(rows, u0, u1, c->day[0], j->cmp, j->target, &last);
		for (int q = 0; q < 4; q++) {
			int32_t qend = quarter_end(c->per.year, q);
			json_t *ignored;
			int tv = qend <= c->day[0] ? report_judge(rows, u0, u1, qend, j->cmp, j->target, &ignored) : 0;
			if (tv)
				j->trend[q][tv - 1]++;
		}
		if (v && unit > 0 && (size_t)unit < c->nunits && c->units[unit].present) {
			struct report_unit *u = &c->units[unit];
			j->n3[v - 1]++;
			u->ind[v - 1]++;
			u->find[j->fi * 3 + v - 1]++;
			if (v > 1) {
				json_t *o = json_pack("{s:s, s:s, s:s, s:O, s:O, s:b}", "unit_code", u->code,
						      "unit_name", u->name, "kind", u->kind,
						      "value", json_object_get(last, "value"),
						      "period", json_object_get(last, "period"),
						      "regressed", v == 3);
				json_array_append_new(j->shortfalls, o);
				json_array_append_new(u->shortfalls,
						      json_pack("{s:i, s:s, s:f, s:f, s:s, s:s, s:b}", "fi", j->fi,
								"name", j->name,
								"value", json_number_value(json_object_get(last, "value")),
								"target", j->target, "measure", j->measure, "cmp", j->cmp,
								"regressed", v == 3));
			}
		}
		u0 = u1;
	}
}

/* The indicator's row of the report; takes j->shortfalls. */
static json_t *indicator_json(const struct report_ctx *c, const json_t *ind, struct judged *j)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:f, s:I, s:I, s:I}", "id", (json_int_t)j->id,
			      "code", json_string_value(json_object_get(ind, "code")), "name", j->name,
			      "measure", j->measure, "comparison", j->cmp, "target", j->target,
			      "units_met", (json_int_t)j->n3[0], "units_not_met", (json_int_t)j->n3[1],
			      "units_regressed", (json_int_t)j->n3[2]);
	json_object_set_new(o, "shortfalls", j->shortfalls);
	j->shortfalls = NULL;
	json_t *tr = json_array();
	for (int q = 0; q < 4; q++) {
		int32_t qend = quarter_end(c->per.year, q);
		if (qend > c->day[0])
			break;
		char qd[DATE_STRLEN];
		json_array_append_new(tr, json_pack("{s:s, s:I, s:I, s:I}", "period_end", date_format(qend, qd),
						   "met", (json_int_t)j->trend[q][0], "not_met",
						   (json_int_t)j->trend[q][1], "regressed", (json_int_t)j->trend[q][2]));
	}
	json_object_set_new(o, "trend", tr);
	return o;
}

enum err_code report_indicators(struct report_ctx *c, json_t *fields, struct err *err)
{
	json_t *inds = store_indicators(c->st, 0, err);
	json_t *rows = inds ? store_report_measurements(c->st, c->recorded[0], c->history, "9999-12-31", err) : NULL;
	if (!rows) {
		json_decref(inds);
		return err->code;
	}
	size_t nrows = json_array_size(rows), r = 0;
	size_t i;
	json_t *ind;
	json_array_foreach(inds, i, ind) {
		int64_t id = json_integer_value(json_object_get(ind, "id"));
		int64_t fid = json_integer_value(json_object_get(ind, "field_id"));
		int32_t fi = fid > 0 && (size_t)fid < c->nfid ? c->fi_of[fid] : (int32_t)c->nf;
		if (fi == (int32_t)c->nf || (c->field_id && fid != c->field_id))
			continue;
		struct judged j = {
			.id = id, .fi = fi,
			.cmp = json_string_value(json_object_get(ind, "comparison")),
			.name = json_string_value(json_object_get(ind, "name")),
			.measure = json_string_value(json_object_get(ind, "measure")),
			.target = json_number_value(json_object_get(ind, "target")),
			.shortfalls = json_array(),
		};
		/* rows are ordered by indicator id like inds; skip to this one. */
		while (r < nrows && json_integer_value(json_object_get(json_array_get(rows, r), "indicator_id")) < id)
			r++;
		size_t begin = r;
		while (r < nrows && json_integer_value(json_object_get(json_array_get(rows, r), "indicator_id")) == id)
			r++;
		judge_units(c, &j, rows, begin, r);
		json_array_append_new(json_object_get(json_array_get(fields, (size_t)fi), "indicators"),
				      indicator_json(c, ind, &j));
	}
	json_decref(inds);
	json_decref(rows);
	return ERR_OK;
}
