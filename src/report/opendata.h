/*
 * opendata.h — the public open-data page (issue 17): the province's reform
 * progress by field and by unit, citizens' feedback counts per unit and the
 * published answers, for anyone, without signing in; the same figures as
 * JSON, CSV and an Atom feed.
 *
 * Every figure comes from the computations the officials see: the
 * periodic report (report_compute) for progress and indicators, and
 * feedback_stats for the feedback counts; nothing is counted a second way.
 * Only what is public leaves: aggregate counts, and answers whose sender
 * agreed to publication (and that were approved); never a sender's name
 * or contact, nor an official's name.  The calls read as the system (the
 * public sees the same whoever asks) and change nothing.
 */
#ifndef CCHC_OPENDATA_H
#define CCHC_OPENDATA_H
#include <jansson.h>
#include <stdint.h>

#include "base/base.h"
#include "base/err.h"
#include "domain/tracker.h"

/* Published answers listed at most. */
#define OPENDATA_ANSWERS 50

struct opendata {
	json_t *data;		/* the public figures (docs/api.md, /public/data.json) */
	json_t *report;		/* the year's report they come from, for its charts */
};

/* The figures of the year of as_of, judged on as_of.  Release with
 * opendata_release (also after an error). */
enum err_code opendata_compute(struct tracker *tr, int32_t as_of, struct opendata *od, struct err *err);
void opendata_release(struct opendata *od);

/* The closed periods of the reporting cycle before as_of (this year's
 * quarters, half and nine months, last year) that have any work, newest
 * first: [{period, period_name, period_start, period_end, totals}] — what
 * the feed announces as new reports. */
json_t *opendata_reports(struct tracker *tr, int32_t as_of, struct err *err);

/* Renderings of what opendata_compute made; lang "vi" or "en". */
void opendata_html(const struct opendata *od, const char *lang, struct buf *out);
/* RFC 4180: CRLF lines, one header line, UTF-8 without a byte-order mark;
 * long form: section, code, name, measure, value. */
void opendata_csv(const json_t *data, struct buf *out);
/* Atom 1.0 (RFC 4287): the published answers and the closed periods'
 * reports; links are relative to the server. */
void opendata_atom(const json_t *data, const json_t *reports, struct buf *out);

/* The tracking page of feedback_public's answer st, with the rating form
 * (a form post to the same path) while the answer may be rated. */
void feedback_status_html(const json_t *st, const char *lang, struct buf *out);
/* A refused form post, said plainly, with a way back. */
void public_error_html(const struct err *e, const char *lang, struct buf *out);

#endif
