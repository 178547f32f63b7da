/*
 * par_survey.c — the survey part of the PAR index: a file of results per
 * unit (CSV or XLSX; a header row naming the unit (code or name), the
 * criterion (its code) and the points or the ratio in percent) into the
 * survey criteria of the year's assessments.  Every row is checked first;
 * rows naming an unknown unit or criterion are listed in the error, and
 * nothing is written unless every row is good.
 */
#include "base/base.h"
#include "base/vitext.h"
#include "doc/csv.h"
#include "doc/ooxml.h"
#include "doc/xlsx.h"
#include "domain/auth.h"
#include "domain/par.h"
#include "domain/par_int.h"
#include "domain/par_sheet.h"
#include "domain/tracker.h"
#include "store/store.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SURVEY_NOTE "Điều tra xã hội học (nhập từ tệp kết quả)"
#define MAX_NAMED 20	/* bad rows named in one error */

enum { S_UNIT, S_CRIT, S_POINTS, S_RATIO, S_NCOL };

/* The header row: its index, and the column of each part. */
static bool survey_header(json_t *rows, int cols[S_NCOL], size_t *at)
{
	for (size_t r = 0; r < json_array_size(rows); r++) {
		json_t *row = json_array_get(rows, r);
		for (int c = 0; c < S_NCOL; c++)
			cols[c] = -1;
		for (size_t c = 0; c < json_array_size(row); c++) {
			char *f = par_sheet_fold(json_string_value(json_array_get(row, c)));
			int part = strstr(f, "tieu chi") ? S_CRIT : strstr(f, "don vi") ? S_UNIT
				 : strstr(f, "ty le") ? S_RATIO : strstr(f, "diem") ? S_POINTS : -1;
			if (part >= 0 && cols[part] < 0)
				cols[part] = (int)c;
			free(f);
		}
		if (cols[S_UNIT] >= 0 && cols[S_CRIT] >= 0 && (cols[S_POINTS] >= 0 || cols[S_RATIO] >= 0)) {
			*at = r;
			return true;
		}
	}
	return false;
}

static const char *cell(json_t *row, int col)
{
	const char *s = col >= 0 ? json_string_value(json_array_get(row, (size_t)col)) : NULL;
	return s ? s : "";
}

/* The assessment of the unit written as text (code, or name compared
 * without marks and case); NULL if none. */
static json_t *assessment_of(json_t *assessments, const char *text)
{
	char *want = par_sheet_fold(text);
	json_t *found = NULL, *a;
	size_t i;
	json_array_foreach(assessments, i, a) {
		char *code = par_sheet_fold(json_string_value(json_object_get(a, "unit_code")));
		char *name = par_sheet_fold(json_string_value(json_object_get(a, "unit_name")));
		if (*want && (strcmp(code, want) == 0 || strcmp(name, want) == 0))
			found = a;
		free(code);
		free(name);
		if (found)
			break;
	}
	free(want);
	return found;
}

/* Points for a ratio: the thresholds of a ratio rule, else the share of
 * the maximum. */
static double ratio_points(json_t *node, double ratio)
{
	json_t *params = json_loads(json_string_value(json_object_get(node, "rule_params")), 0, NULL);
	json_t *steps = json_object_get(params, "thresholds");
	double max = json_number_value(json_object_get(node, "max_points"));
	double points = round(max * ratio) / 100;
	if (json_array_size(steps)) {
		size_t i;
		json_t *s;
		points = 0;
		json_array_foreach(steps, i, s)
			if (ratio + 1e-9 >= json_number_value(json_object_get(s, "min"))) {
				points = json_number_value(json_object_get(s, "points"));
				break;
			}
	}
	json_decref(params);
	return points;
}

/* Appends "row N (what)" to the list of bad rows. */
static void bad_row(struct buf *bad, size_t *nbad, size_t row, const char *what, const char *text)
{
	if ((*nbad)++ < MAX_NAMED) {
		char *s = xasprintf("%srow %zu (%s '%.60s')", bad->len ? ", " : "", row, what, text);
		buf_adds(bad, s);
		free(s);
	}
}

struct survey {
	json_t *assessments, *nodes;	/* nodes: set id -> its node rows */
	struct par_survey_point *points;
	size_t n;
	struct buf bad;
	size_t nbad;
};

/* One data row (sheet row r); a value that is not a number is an error at
 * once, an unknown unit or criterion is listed in s->bad. */
static enum err_code survey_row(struct tracker *tr, json_t *row, size_t r, const int cols[S_NCOL],
				struct survey *s, struct err *err)
{
	const char *unit = cell(row, cols[S_UNIT]), *code = cell(row, cols[S_CRIT]);
	json_t *a = assessment_of(s->assessments, unit);
	if (!a) {
		bad_row(&s->bad, &s->nbad, r, "unit", unit);
		return ERR_OK;
	}
	char key[24];
	snprintf(key, sizeof key, "%lld", (long long)json_integer_value(json_object_get(a, "set_id")));
	json_t *nodes = json_object_get(s->nodes, key);
	if (!nodes) {
		if (!(nodes = store_par_nodes(tr->store, json_integer_value(json_object_get(a, "set_id")), err)))
			return err->code;
		json_object_set_new(s->nodes, key, nodes);
	}
	char *trimmed_code = par_sheet_fold(code);
	json_t *node = NULL;
	size_t i;
	json_t *n;
	json_array_foreach(nodes, i, n)
		if (strcmp(json_string_value(json_object_get(n, "code")), trimmed_code) == 0 ||
		    strcmp(json_string_value(json_object_get(n, "code")), code) == 0)
			node = n;
	free(trimmed_code);
	if (!node || strcmp(json_string_value(json_object_get(node, "scored_by")), "survey") ||
	    strcmp(json_string_value(json_object_get(node, "rule")), "sum") == 0) {
		bad_row(&s->bad, &s->nbad, r, "not a survey criterion", code);
		return ERR_OK;
	}
	const char *pts = cell(row, cols[S_POINTS]), *ratio_text = cell(row, cols[S_RATIO]);
	double value, max = json_number_value(json_object_get(node, "max_points"));
	bool by_ratio = !*pts && *ratio_text;
	char *rt = xstrdup(ratio_text), *pct = strchr(rt, '%');
	if (pct)
		*pct = 0;
	bool ok = par_sheet_number(by_ratio ? rt : pts, &value);
	free(rt);
	if (!ok)
		return err_set(err, ERR_INVALID, "points", "row %zu: '%s' is not a number", r, by_ratio ? ratio_text : pts);
	if (by_ratio && (value < 0 || value > 100))
		return err_set(err, ERR_INVALID, "ratio", "row %zu: the ratio %g%% is outside 0 to 100", r, value);
	double points = by_ratio ? ratio_points(node, value) : value;
	if (points < 0 || points > max + 1e-9)
		return err_set(err, ERR_INVALID, "points", "row %zu: %g points is outside 0 to %g for '%s'", r, points,
			       max, code);
	const char *status = json_string_value(json_object_get(a, "status"));
	if (strcmp(status, "approved") == 0)
		return err_set(err, ERR_CONFLICT, "status", "row %zu: the assessment of '%s' is approved", r, unit);
	struct par_survey_point p = {json_integer_value(json_object_get(a, "id")),
				     json_integer_value(json_object_get(node, "id")), round(points * 100) / 100};
	for (size_t k = 0; k < s->n; k++)
		if (s->points[k].assessment_id == p.assessment_id && s->points[k].node_id == p.node_id)
			return err_set(err, ERR_INVALID, "file", "row %zu: '%s' of '%s' is given twice", r, code, unit);
	s->points[s->n++] = p;
	return ERR_OK;
}

json_t *par_survey_import(struct tracker *tr, int year, const void *data, size_t len, struct err *err)
{
	struct permit_target t = par_target(tr, 0);
	if (auth_require(tr->who, ACT_PAR_SETS, &t, err))
		return NULL;
	json_t *rows = NULL, *out = NULL;
	struct survey s = {.nodes = json_object(), .bad = BUF_INIT};
	int cols[S_NCOL];
	size_t head = 0;
	if (ooxml_looks_like_zip(data, len) ? xlsx_first_sheet(data, len, &rows, err) : csv_rows(data, len, &rows, err))
		goto cleanup;
	if (!survey_header(rows, cols, &head)) {
		err_set(err, ERR_INVALID, "file", "no header row naming the unit ('Đơn vị'), the criterion ('Tiêu chí') "
			"and the points ('Điểm') or ratio ('Tỷ lệ') was found");
		goto cleanup;
	}
	if (!(s.assessments = store_par_assessments(tr->store, year, NULL, err)))
		goto cleanup;
	s.points = xcalloc(json_array_size(rows) + 1, sizeof *s.points);
	for (size_t r = head + 1; r < json_array_size(rows); r++) {
		json_t *row = json_array_get(rows, r);
		if (!*cell(row, cols[S_UNIT]) && !*cell(row, cols[S_CRIT]))
			continue;	/* a blank row */
		if (survey_row(tr, row, r + 1, cols, &s, err))
			goto cleanup;
	}
	if (s.nbad) {
		err_set(err, ERR_INVALID, "file", "%zu row(s) name no assessment of %d or no survey criterion: %s%s",
			s.nbad, year, s.bad.data, s.nbad > MAX_NAMED ? ", …" : "");
		goto cleanup;
	}
	if (!s.n) {
		err_set(err, ERR_INVALID, "file", "the file has no survey results under its header");
		goto cleanup;
	}
	tracker_attribution_begin(tr);
	enum err_code rc = store_par_survey_put(tr->store, s.points, s.n, SURVEY_NOTE, auth_actor(tr->who), err);
	tracker_attribution_end(tr);
	if (!rc)
		out = json_pack("{s:i, s:I}", "year", year, "imported", (json_int_t)s.n);
cleanup:
	json_decref(rows);
	json_decref(s.assessments);
	json_decref(s.nodes);
	free(s.points);
	buf_release(&s.bad);
	return out;
}
