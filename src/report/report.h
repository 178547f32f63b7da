/*
 * report.h — periodic reform reports (issue 6): counts by status per field
 * and per unit, rates, indicators, the units that fall behind with their
 * reasons, and the head scorecard, for one period of the reporting cycle
 * and a cut-off date; then the same data as CSV, XLSX, DOCX and SVG.
 *
 * A report is computed only from what was recorded up to its cut-off
 * (the end of the cut-off day, Vietnam time): progress reports created or
 * dated after it, measurements reported after it and tasks created after
 * it are left out, so a first-quarter report printed again in December
 * shows the same numbers.  Used by the API and the CLI, through the
 * tracker: each call that reads or changes data checks first that the
 * tracker's principal may (auth.c's table; ERR_FORBIDDEN otherwise), and
 * a change is attributed to that principal.  The renderings work on a
 * report already computed and check nothing.
 */
#ifndef CCHC_REPORT_H
#define CCHC_REPORT_H
#include <jansson.h>
#include <stdint.h>

#include "base/base.h"
#include "base/err.h"
#include "domain/tracker.h"

/* A period of the reform reporting cycle; every period runs from 1 January. */
struct report_period {
	char label[12];		/* "2026-Q1", "2026-H1", "2026-9M", "2026" */
	int year;
	int32_t start, end;	/* day numbers: 1 January, the period's last day */
	char prev[12];		/* the period before it in the cycle */
	char name_vi[40];	/* "quý I năm 2026", "6 tháng đầu năm 2026", ... */
};
/* Fills p from a label; ERR_INVALID with a message naming the accepted
 * forms otherwise. */
enum err_code report_period_parse(const char *label, struct report_period *p, struct err *err);

struct report_query {
	const char *period;	/* label, as report_period_parse takes it */
	int32_t as_of;		/* cut-off day; DATE_NONE: the period's last day */
	int64_t field_id;	/* 0: every field */
	int64_t unit_id;	/* 0: none; else add "peer_view" for this unit */
};

/*
 * Computes the report (ACT_READ over every unit: the report shows them
 * all).  Status is judged on the earlier of the cut-off and the period's
 * last day, from facts recorded by the cut-off.  A cut-off before the
 * period's first day is ERR_INVALID (field "as_of").  Returns a new object
 * the caller owns (docs/api.md describes it), NULL with err.
 */
json_t *report_compute(struct tracker *tr, const struct report_query *q, struct err *err);

/*
 * The day a unit's own report for period p is due: the period's last day
 * plus the `unit_report` rule's grace_days (10 when not set), in calendar
 * days (ACT_READ).  DATE_NONE with err when the rules cannot be read.
 */
int32_t report_unit_deadline(struct tracker *tr, const struct report_period *p, struct err *err);

/* The rules as stored, with params parsed: {"behind": [...], "band": [...]}
 * (ACT_READ). */
json_t *report_rules(struct tracker *tr, struct err *err);
/*
 * Changes rules (ACT_CONFIGURE), recorded as changed by the principal
 * ("system" when there is none): body is {"rules": [{"code", "enabled"?,
 * "params"?}, ...]} (or that array alone).  Unknown codes, unknown
 * parameter names and values out of range are ERR_INVALID; nothing is
 * written then.  *out (if not NULL) gets the rules after the change.
 */
enum err_code report_rules_put(struct tracker *tr, json_t *body, json_t **out, struct err *err);

enum report_format { REPORT_JSON, REPORT_CSV, REPORT_XLSX, REPORT_DOCX, REPORT_FORMAT_COUNT };
/* REPORT_FORMAT_COUNT for an unknown name. */
enum report_format report_format_from_name(const char *name);
const char *report_format_mime(enum report_format f);
const char *report_format_ext(enum report_format f);	/* "json", "csv", ... */

/*
 * Renders a computed report into out (binary for XLSX and DOCX; out->len
 * is the size).  CSV is UTF-8 with a byte-order mark, one table after
 * another; XLSX has a summary sheet and one sheet per field; DOCX follows
 * the layout of Decree 30/2020/NĐ-CP.  tmpdir is where libxlsxwriter may
 * put its temporary file (NULL: the system's).
 */
enum err_code report_render(const json_t *rep, enum report_format f, struct buf *out,
			    struct err *err);

/* Names of the charts, NULL-terminated: "status-by-field", "on-time-by-unit",
 * "indicator-trend". */
extern const char *const report_chart_names[];
/* Draws one chart of a computed report as SVG into out; ERR_NOT_FOUND for
 * an unknown name. */
enum err_code report_chart_svg(const json_t *rep, const char *name, struct buf *out,
			       struct err *err);

/*
 * The yearly inspection summary (inspection_summary) of year as of today
 * (or 31 December of a year gone by), with the province for a document's
 * header: the same object the periodic report carries as "inspections"
 * (ACT_READ).  A new object the caller owns; NULL with err.
 */
json_t *report_inspections(struct tracker *tr, int year, struct err *err);
/* Renders it on its own: JSON, CSV, XLSX (one sheet) or DOCX (Decree 30). */
enum err_code report_inspections_render(const json_t *sum, enum report_format f, struct buf *out,
					struct err *err);

/* Writes one CSV cell (quoted when needed) — shared by the exporters. */
void report_csv_cell(struct buf *b, const char *s);

#endif
