/*
 * par.h — the PAR index (Chỉ số CCHC, issue 14): criteria sets as data,
 * each unit's self-assessment, the lead agency's appraisal, the results.
 *
 * A criteria set is one tree per year and unit kind ("department": the
 * provincial bodies; "commune": communes and wards) of fields, criteria
 * and sub-criteria.  The lead of the PAR direction field (PAR_LEAD_FIELD,
 * whose lead unit data-seed/fields.tsv gives: Home Affairs) keeps the sets
 * and appraises; each unit scores itself and its head submits.
 *
 * Every function returns a new JSON value the caller owns, or NULL with
 * err filled; permission is checked before the input is read.
 */
#ifndef CCHC_PAR_H
#define CCHC_PAR_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct tracker;

#define PAR_LEAD_FIELD "CDDH"

/* Imports a set ({year, kind, name, example, note, bands, nodes: [{code,
 * parent, name, max, rule, levels, thresholds, evidence, scored_by}]});
 * returns the stored set.  An invalid file writes nothing. */
json_t *par_set_import(struct tracker *tr, json_t *in, struct err *err);
/* Every set (without nodes). */
json_t *par_sets(struct tracker *tr, struct err *err);
/* The set with its nodes as a tree ("children"). */
json_t *par_set_tree(struct tracker *tr, int64_t id, struct err *err);
/* The set in the import format (flat nodes). */
json_t *par_set_export(struct tracker *tr, int64_t id, struct err *err);
/* Copies a set to {year}: a new set of that year and kind. */
json_t *par_set_copy(struct tracker *tr, int64_t id, json_t *in, struct err *err);

/* Opens a unit's assessment ({unit, year}) on the latest set of its kind. */
json_t *par_assessment_open(struct tracker *tr, json_t *in, struct err *err);
/* The assessments of year (kind NULL: both) that who may read. */
json_t *par_assessments(struct tracker *tr, int year, const char *kind, struct err *err);
/* One assessment with its tree of points and totals. */
json_t *par_assessment(struct tracker *tr, int64_t id, struct err *err);
/* Self points: {scores: [{code, points, note}]} on a draft. */
json_t *par_scores_put(struct tracker *tr, int64_t id, json_t *in, struct err *err);
/* The head submits a draft with every self-scored criterion scored. */
json_t *par_submit(struct tracker *tr, int64_t id, struct err *err);
/* Appraised points: {scores: [{code, points, reason}]} on a submitted
 * assessment; a change from the unit's points needs a reason. */
json_t *par_appraise(struct tracker *tr, int64_t id, json_t *in, struct err *err);

/* The assessment as par_assessment, its explanations overdue as of the
 * day as_of (a day number). */
json_t *par_assessment_as_of(struct tracker *tr, int64_t id, int32_t as_of, struct err *err);
/* Edits set id with a set file of the same year and kind: in place while
 * no assessment uses it, else as a new version (previous_id: id). */
json_t *par_set_edit(struct tracker *tr, int64_t id, json_t *in, struct err *err);

/* The workflow after the submission (par_flow.c); each returns the
 * assessment, or NULL with ERR_CONFLICT naming the status when the step
 * does not start there.  Home Affairs takes a submitted assessment for
 * appraisal: */
json_t *par_take(struct tracker *tr, int64_t id, struct err *err);
/* and asks, {questions: [{code?, question}]} (no code: about the whole),
 * due explain_workdays working days from today: */
json_t *par_explain(struct tracker *tr, int64_t id, json_t *in, struct err *err);
/* the unit answers every open question, {answers: [{id, answer}]}: */
json_t *par_answer(struct tracker *tr, int64_t id, json_t *in, struct err *err);
/* the PPC's leader approves an appraised assessment: */
json_t *par_approve(struct tracker *tr, int64_t id, struct err *err);
/* and alone reopens an approved one, {reason}, back under appraisal. */
json_t *par_reopen(struct tracker *tr, int64_t id, json_t *in, struct err *err);

/* {year, kind, bands, items: [...]}: per unit points and index per field
 * and in total, self and appraised, the band and the rank in its kind. */
json_t *par_results(struct tracker *tr, int year, const char *kind, struct err *err);

/* The demo: the 2026 example sets and assessments in several states. */
enum err_code par_demo_load(struct tracker *tr, struct err *err);

/* ---- Files in and out (par_files.c, par_survey.c) ---- */
struct buf;
/* A set from a file: an .xlsx in the usual layout (domain/par_sheet.h) or
 * JSON; over ({year, kind, name}, may be NULL) replaces what the file says.
 * Errors name the sheet row; nothing is written on error. */
json_t *par_set_import_file(struct tracker *tr, const void *data, size_t len, json_t *over, struct err *err);
/* A set, or a unit's score sheet (its points), as .xlsx into out. */
enum err_code par_set_xlsx(struct tracker *tr, int64_t id, struct buf *out, struct err *err);
enum err_code par_sheet_xlsx(struct tracker *tr, int64_t assessment_id, struct buf *out, struct err *err);
/* The results of year (kind NULL: both) as format: json, csv, xlsx, docx
 * (the appraisal report) or decision (the PPC's decision draft, DOCX). */
enum err_code par_results_file(struct tracker *tr, int year, const char *kind, const char *format,
			       struct buf *out, struct err *err);
/* The media type and file extension of a results format; false if unknown. */
bool par_file_type(const char *format, const char **mime, const char **ext);
/* Survey results (CSV or .xlsx: unit, criterion, points or ratio) into the
 * survey criteria of year's assessments: {year, imported}. */
json_t *par_survey_import(struct tracker *tr, int year, const void *data, size_t len, struct err *err);

#endif
