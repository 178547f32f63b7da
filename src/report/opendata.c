/*
 * opendata.c — the figures of the public open-data page (see opendata.h):
 * the year's periodic report and the feedback counts, cut down to what
 * may be public.
 */
#include "base/base.h"
#include "base/date.h"
#include "domain/feedback.h"
#include "report/opendata.h"
#include "report/report.h"
#include "store/store.h"

#include <stdio.h>
#include <string.h>

/* The counts every progress row carries (report.h's statuses and rates). */
static const char *const progress_keys[] = {"not_started", "in_progress", "overdue", "done_late", "done_on_time",
					    "total", "due", "on_time_rate", "completion_rate", NULL};
static const char *const field_keys[] = {"code", "name", "name_en", "lead_unit_code", "lead_unit_name", NULL};
static const char *const unit_keys[] = {"code", "name", "kind", "indicators_met", "indicators_not_met",
					"indicators_regressed", "rank", "peers", NULL};
static const char *const indicator_keys[] = {"code", "name", "measure", "comparison", "target", "units_met",
					     "units_not_met", "units_regressed", NULL};
static const char *const feedback_keys[] = {"unit_code", "unit_name", "received", "rejected", "open", "overdue",
					    "answered_on_time", "answered_late", "rated", "satisfied",
					    "on_time_rate", "satisfaction_rate", NULL};

/* A new object with src's members named by keys (absent ones left out). */
static json_t *pick(const json_t *src, const char *const *keys, json_t *into)
{
	json_t *out = into ? into : json_object();
	for (; *keys; keys++) {
		json_t *v = json_object_get(src, *keys);
		if (v)
			json_object_set(out, *keys, v);
	}
	return out;
}

/* pick over every element of an array. */
static json_t *pick_all(const json_t *list, const char *const *keys, const char *const *more)
{
	json_t *out = json_array(), *row;
	size_t i;
	json_array_foreach(list, i, row) {
		json_t *o = pick(row, keys, NULL);
		if (more)
			pick(row, more, o);
		json_array_append_new(out, o);
	}
	return out;
}

/* The system reading for the public: the same figures whoever asks. */
static struct tracker as_public(const struct tracker *tr, struct principal *p)
{
	auth_system_principal(p, "public");
	struct tracker t = *tr;
	t.who = p;
	return t;
}

static json_t *public_fields(const json_t *rep)
{
	json_t *out = pick_all(json_object_get(rep, "fields"), field_keys, progress_keys), *f;
	size_t i;
	json_array_foreach(out, i, f) {
		const json_t *src = json_array_get(json_object_get(rep, "fields"), i);
		json_object_set_new(f, "indicators", pick_all(json_object_get(src, "indicators"), indicator_keys, NULL));
	}
	return out;
}

static json_t *public_feedback(struct tracker *tr, int32_t as_of, struct err *err)
{
	json_t *stats = feedback_stats(tr, as_of, err);
	if (!stats)
		return NULL;
	json_t *out = json_pack("{s:O, s:o, s:o}", "as_of", json_object_get(stats, "as_of"), "units",
				pick_all(json_object_get(stats, "units"), feedback_keys, NULL), "total",
				pick(json_object_get(stats, "total"), feedback_keys, NULL));
	json_decref(stats);
	return out;
}

enum err_code opendata_compute(struct tracker *tr, int32_t as_of, struct opendata *od, struct err *err)
{
	struct principal p;
	struct tracker pub = as_public(tr, &p);
	memset(od, 0, sizeof *od);
	if (as_of > date_today())
		return err_set(err, ERR_INVALID, "as_of", "'as_of' is after today");
	int y, m, d;
	date_to_ymd(as_of, &y, &m, &d);
	char period[12], day[DATE_STRLEN];
	snprintf(period, sizeof period, "%d", y);
	struct report_query q = {.period = period, .as_of = as_of};
	if (!(od->report = report_compute(&pub, &q, err)))
		return err->code;
	json_t *feedback = public_feedback(&pub, as_of, err);
	json_t *answers = feedback ? store_feedback_published(tr->store, OPENDATA_ANSWERS, err) : NULL;
	if (!answers) {
		json_decref(feedback);
		return err->code;
	}
	const json_t *rep = od->report;
	od->data = json_pack("{s:s, s:O, s:O, s:O, s:O, s:o, s:o, s:o, s:o, s:o}", "as_of", date_format(as_of, day),
			     "period", json_object_get(rep, "period"), "period_name", json_object_get(rep, "period_name"),
			     "province", json_object_get(rep, "province"), "totals", json_object_get(rep, "totals"),
			     "fields", public_fields(rep), "units",
			     pick_all(json_object_get(rep, "units"), unit_keys, progress_keys), "feedback", feedback,
			     "answers", answers, "downloads",
			     json_pack("{s:s, s:s, s:s}", "json", "/public/data.json", "csv", "/public/data.csv", "atom",
				       "/public/feed.atom"));
	return ERR_OK;
}

void opendata_release(struct opendata *od)
{
	json_decref(od->data);
	json_decref(od->report);
	memset(od, 0, sizeof *od);
}

json_t *opendata_reports(struct tracker *tr, int32_t as_of, struct err *err)
{
	struct principal p;
	struct tracker pub = as_public(tr, &p);
	int y, m, d;
	date_to_ymd(as_of, &y, &m, &d);
	char labels[4][12];
	snprintf(labels[0], sizeof labels[0], "%d-9M", y);
	snprintf(labels[1], sizeof labels[1], "%d-H1", y);
	snprintf(labels[2], sizeof labels[2], "%d-Q1", y);
	snprintf(labels[3], sizeof labels[3], "%d", y - 1);
	json_t *out = json_array();
	for (size_t i = 0; i < ARRAY_LEN(labels); i++) {
		struct report_period per;
		if (report_period_parse(labels[i], &per, err) != ERR_OK) {
			json_decref(out);
			return NULL;
		}
		if (per.end >= as_of)
			continue;
		struct report_query q = {.period = labels[i], .as_of = DATE_NONE};
		json_t *rep = report_compute(&pub, &q, err);
		if (!rep) {
			json_decref(out);
			return NULL;
		}
		const json_t *totals = json_object_get(rep, "totals");
		if (json_integer_value(json_object_get(totals, "total")) > 0)
			json_array_append_new(out, pick(rep, (const char *const[]){"period", "period_name", "period_start",
										  "period_end", "totals", NULL}, NULL));
		json_decref(rep);
	}
	return out;
}
