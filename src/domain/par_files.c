/*
 * par_files.c — the PAR index's files in and out: a criteria set from an
 * .xlsx (the usual layout, par_sheet.h) or JSON, a set or a unit's score
 * sheet as .xlsx, the results as CSV, XLSX or DOCX (the appraisal report,
 * the PPC's approval decision draft), and the survey results (CSV or XLSX)
 * into the survey criteria of a year's assessments.  A bad file writes
 * nothing and its error names the row.
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
#include "report/par_export.h"
#include "report/report_int.h"
#include "store/store.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A node's error ("nodes[i]…") told by the sheet row of node i. */
static void name_row(struct err *err, json_t *sheet_rows)
{
	size_t i;
	const char *close = strchr(err->message, ']');
	if (strncmp(err->field, "nodes[", 6) || sscanf(err->field, "nodes[%zu]", &i) != 1 || !close)
		return;
	json_int_t row = json_integer_value(json_array_get(sheet_rows, i));
	char message[sizeof err->message];
	snprintf(message, sizeof message, "row %lld%s", (long long)row, close + 1);
	char field[32];
	snprintf(field, sizeof field, "row %lld", (long long)row);
	err_set(err, err->code, field, "%s", message);
}

json_t *par_set_import_file(struct tracker *tr, const void *data, size_t len, json_t *over, struct err *err)
{
	struct permit_target t = par_target(tr, 0);
	if (auth_require(tr->who, ACT_PAR_SETS, &t, err))
		return NULL;
	json_t *set = NULL, *rows = NULL, *sheet_rows = NULL, *out = NULL;
	if (ooxml_looks_like_zip(data, len)) {
		if (xlsx_first_sheet(data, len, &rows, err) || !(set = par_sheet_to_set(rows, over, &sheet_rows, err)))
			goto cleanup;
	} else {
		json_error_t je;
		if (!(set = json_loadb(data, len, 0, &je))) {
			err_set(err, ERR_BAD_REQUEST, "file", "neither an .xlsx nor JSON: line %d: %s", je.line, je.text);
			goto cleanup;
		}
		if (over && json_is_object(set))
			json_object_update(set, over);
	}
	if (!(out = par_set_import(tr, set, err)) && sheet_rows)
		name_row(err, sheet_rows);
cleanup:
	json_decref(rows);
	json_decref(set);
	json_decref(sheet_rows);
	return out;
}

enum err_code par_set_xlsx(struct tracker *tr, int64_t id, struct buf *out, struct err *err)
{
	json_t *set = par_set_tree(tr, id, err);
	enum err_code rc = set ? par_render_sheet_xlsx(set, out, err) : err->code;
	json_decref(set);
	return rc;
}

enum err_code par_sheet_xlsx(struct tracker *tr, int64_t assessment_id, struct buf *out, struct err *err)
{
	json_t *a = par_assessment(tr, assessment_id, err);
	enum err_code rc = a ? par_render_sheet_xlsx(a, out, err) : err->code;
	json_decref(a);
	return rc;
}

/* The issuing body and the lead agency the documents name. */
static void add_names(struct tracker *tr, json_t *results)
{
	struct err ignored;
	json_t *units = store_units(tr->store, &ignored);
	int64_t lead = tracker_field_lead(tr, tracker_field_ref(tr, PAR_LEAD_FIELD));
	report_add_province(results, units);
	size_t i;
	json_t *u;
	json_array_foreach(units, i, u)
		if (json_integer_value(json_object_get(u, "id")) == lead)
			json_object_set(results, "lead_unit_name", json_object_get(u, "name"));
	json_decref(units);
}

static const char *const PAR_FORMATS[] = {"json", "csv", "xlsx", "docx", "decision", NULL};

bool par_file_type(const char *format, const char **mime, const char **ext)
{
	static const char *const MIMES[][2] = {
		{"application/json", "json"}, {"text/csv; charset=utf-8", "csv"},
		{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"},
		{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"},
		{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"}};
	for (size_t f = 0; PAR_FORMATS[f]; f++)
		if (format && strcmp(PAR_FORMATS[f], format) == 0) {
			*mime = MIMES[f][0];
			*ext = MIMES[f][1];
			return true;
		}
	return false;
}

enum err_code par_results_file(struct tracker *tr, int year, const char *kind, const char *format,
			       struct buf *out, struct err *err)
{
	size_t f = 0;
	while (PAR_FORMATS[f] && strcmp(PAR_FORMATS[f], format))
		f++;
	if (!PAR_FORMATS[f])
		return err_set(err, ERR_INVALID, "format", "'format' is json, csv, xlsx, docx (the appraisal report) "
			       "or decision (the approval decision draft), not '%.20s'", format);
	json_t *results = par_results(tr, year, kind, err);
	if (!results)
		return err->code;
	enum err_code rc = ERR_OK;
	add_names(tr, results);
	if (f == 0) {
		char *s = json_dumps(results, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
		buf_adds(out, s ? s : "null");
		free(s);
	} else if (f == 1) {
		par_render_results_csv(results, out);
	} else if (f == 2) {
		rc = par_render_results_xlsx(results, out, err);
	} else {
		rc = par_render_results_docx(results, f == 3 ? PAR_DOC_REPORT : PAR_DOC_DECISION, out, err);
	}
	json_decref(results);
	return rc;
}
