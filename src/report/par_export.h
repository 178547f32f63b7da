/*
 * par_export.h — the PAR index's files: a criteria set or a unit's score
 * sheet (XLSX, the usual layout: see domain/par_sheet.h), the result
 * table (XLSX, CSV) and the appraisal report and approval decision draft
 * (DOCX, Decree 30 layout).  Each renders the JSON the domain returns.
 */
#ifndef CCHC_PAR_EXPORT_H
#define CCHC_PAR_EXPORT_H
#include <jansson.h>

#include "base/base.h"
#include "base/err.h"

/* doc: a set as par_set_tree gives it, or an assessment as par_assessment
 * gives it (with its unit and points). */
enum err_code par_render_sheet_xlsx(const json_t *doc, struct buf *out, struct err *err);

/* The results (par_results' object): one row per unit, ranked, with the
 * index of each field; a sheet per kind. */
json_t *par_results_table(const json_t *results, const char *kind);
enum err_code par_render_results_xlsx(const json_t *results, struct buf *out, struct err *err);
void par_render_results_csv(const json_t *results, struct buf *out);

enum par_doc { PAR_DOC_REPORT, PAR_DOC_DECISION };
/* The appraisal report or the PPC's approval decision draft. */
enum err_code par_render_results_docx(const json_t *results, enum par_doc which, struct buf *out,
				      struct err *err);

#endif
