/*
 * unit_report.c — a unit's own periodic report (see unit_report.h).
 *
 * The figures come from report_build, the same computation as the
 * province's periodic report, so a unit's numbers never disagree with
 * what the lead agencies see: the unit's row of the scorecard and, per
 * field, its row and its indicators that fall short.  They are taken as
 * of today (or the period's last day once it is over) when the draft is
 * opened, and again on submission.
 */
#include "base/base.h"
#include "base/date.h"
#include "domain/input.h"
#include "report/report.h"
#include "report/report_calc.h"
#include "report/report_int.h"
#include "report/unit_report.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_MAX 20000		/* bytes of one narrative, difficulties, proposals, comments */

static enum err_code period_of(const char *label, struct report_period *p, struct err *err)
{
	if (report_period_parse(label, p, err) == ERR_OK)
		return ERR_OK;
	return err->code = ERR_BAD_REQUEST;
}

/* The day the figures are taken: today within the period, else its last day. */
static int32_t figures_day(const struct report_period *p)
{
	int32_t today = date_today();
	return today < p->start ? p->start : today > p->end ? p->end : today;
}

/* The unit's figures for the period as JSON text (caller frees), NULL with err. */
static char *figures_for(struct store *st, const json_t *unit, const struct report_period *p, struct err *err)
{
	int64_t uid = json_integer_value(json_object_get(unit, "id"));
	const char *code = json_string_value(json_object_get(unit, "code"));
	struct report_query q = {.period = p->label, .as_of = figures_day(p)};
	json_t *rep = report_build(st, &q, err);
	if (!rep)
		return NULL;
	json_t *fig = json_object(), *row = json_null(), *fields = json_array();
	size_t i, j;
	json_t *x, *y;
	json_array_foreach(json_object_get(rep, "units"), i, x)
		if (json_integer_value(json_object_get(x, "id")) == uid)
			row = x;
	json_array_foreach(json_object_get(rep, "fields"), i, x) {
		json_t *mine = NULL;
		json_array_foreach(json_object_get(x, "units"), j, y)
			if (strcmp(json_string_value(json_object_get(y, "code")), code) == 0)
				mine = y;
		if (!mine)
			continue;
		json_t *f = json_deep_copy(mine);
		json_object_del(f, "code");
		json_object_del(f, "name");
		json_object_del(f, "kind");
		json_object_set(f, "field_code", json_object_get(x, "code"));
		json_object_set(f, "field_name", json_object_get(x, "name"));
		/* The field's indicators this unit does not meet. */
		json_t *shortfalls = json_array(), *ind, *sf;
		size_t k, m;
		json_array_foreach(json_object_get(x, "indicators"), k, ind)
			json_array_foreach(json_object_get(ind, "shortfalls"), m, sf)
				if (strcmp(json_string_value(json_object_get(sf, "unit_code")), code) == 0)
					json_array_append_new(shortfalls,
							      json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O}", "code",
									json_object_get(ind, "code"), "name",
									json_object_get(ind, "name"), "measure",
									json_object_get(ind, "measure"), "comparison",
									json_object_get(ind, "comparison"), "target",
									json_object_get(ind, "target"), "value",
									json_object_get(sf, "value"), "regressed",
									json_object_get(sf, "regressed")));
		json_object_set_new(f, "indicators_short", shortfalls);
		json_array_append_new(fields, f);
	}
	json_object_set(fig, "period", json_object_get(rep, "period"));
	json_object_set(fig, "period_name", json_object_get(rep, "period_name"));
	json_object_set(fig, "as_of", json_object_get(rep, "as_of"));
	json_object_set(fig, "unit", row);
	json_object_set_new(fig, "fields", fields);
	char *text = json_dumps(fig, JSON_COMPACT | JSON_REAL_PRECISION(15));	/* rates as rounded */
	json_decref(fig);
	json_decref(rep);
	return text;
}

/* Days after the deadline it was first submitted (0 when on time); -1 when
 * it was never submitted. */
static int late_days(const json_t *row)
{
	int32_t sub = report_vn_day(json_string_value(json_object_get(row, "first_submitted_at")));
	int32_t due = date_parse(json_string_value(json_object_get(row, "deadline")));
	if (sub == DATE_NONE || due == DATE_NONE)
		return -1;
	return sub > due ? (int)(sub - due) : 0;
}

/* The stored row as the API shows it. */
static json_t *present(const struct tracker *tr, json_t *row)
{
	const char *keys[] = {"figures", "narrative"};
	for (size_t i = 0; i < ARRAY_LEN(keys); i++) {
		json_t *v = json_loads(json_string_value(json_object_get(row, keys[i])), 0, NULL);
		json_object_set_new(row, keys[i], v ? v : json_object());
	}
	int late = late_days(row);
	json_object_set_new(row, "late_days", late < 0 ? json_null() : json_integer(late));
	struct permit_target t = {.unit_id = json_integer_value(json_object_get(row, "unit_id"))};
	const char *s = json_string_value(json_object_get(row, "status"));
	int open = strcmp(s, "draft") == 0 || strcmp(s, "returned") == 0;
	int review = strcmp(s, "submitted") == 0 && auth_permits(tr->who, ACT_REVIEW_UNIT_REPORT, &t);
	json_object_set_new(row, "may", json_pack("{s:b, s:b, s:b}", "edit",
						  open && auth_permits(tr->who, ACT_UNIT_REPORT, &t), "return", review,
						  "accept", review));
	return row;
}

/* Reads the unit (ERR_NOT_FOUND) and checks act on it. */
static json_t *unit_for(struct tracker *tr, int64_t unit_id, enum action act, struct err *err)
{
	json_t *u = store_unit_get(tr->store, unit_id, err);
	if (!u)
		return NULL;
	struct permit_target t = {.unit_id = unit_id};
	if (auth_require(tr->who, act, &t, err) != ERR_OK) {
		json_decref(u);
		return NULL;
	}
	return u;
}

/* The report, created first as a pre-filled draft when create is set. */
static json_t *get_or_create(struct tracker *tr, const json_t *unit, const struct report_period *p, int create,
			     struct err *err)
{
	int64_t uid = json_integer_value(json_object_get(unit, "id"));
	json_t *row = store_unit_report_get(tr->store, uid, p->label, err);
	if (row || err->code != ERR_NOT_FOUND || !create)
		return row;
	char due[DATE_STRLEN];
	int32_t d = report_due(tr->store, p, err);
	if (d == DATE_NONE)
		return NULL;
	char *figures = figures_for(tr->store, unit, p, err);
	if (!figures)
		return NULL;
	struct unit_report_new n = {.unit_id = uid, .period = p->label, .figures = figures,
				    .deadline = date_format(d, due), .by = report_actor(tr)};
	enum err_code rc = store_unit_report_create(tr->store, &n, err);
	free(figures);
	return rc ? NULL : store_unit_report_get(tr->store, uid, p->label, err);
}

json_t *unit_report_open(struct tracker *tr, int64_t unit_id, const char *period, struct err *err)
{
	struct report_period p;
	if (period_of(period, &p, err))
		return NULL;
	json_t *u = unit_for(tr, unit_id, ACT_READ_UNIT_REPORT, err);
	if (!u)
		return NULL;
	struct permit_target t = {.unit_id = unit_id};
	json_t *row = get_or_create(tr, u, &p, auth_permits(tr->who, ACT_UNIT_REPORT, &t), err);
	json_decref(u);
	return row ? present(tr, row) : NULL;
}

/* Finishes a write: the report as it is now, into *out if asked. */
static enum err_code done(struct tracker *tr, int64_t unit_id, const char *period, json_t **out, struct err *err)
{
	if (!out)
		return ERR_OK;
	json_t *row = store_unit_report_get(tr->store, unit_id, period, err);
	if (!row)
		return err->code;
	*out = present(tr, row);
	return ERR_OK;
}

enum err_code unit_report_edit(struct tracker *tr, int64_t unit_id, const char *period, json_t *body,
			       json_t **out, struct err *err)
{
	static const char *const allowed[] = {"narrative", "difficulties", "proposals", NULL};
	struct report_period p;
	char *difficulties = NULL, *proposals = NULL, *narr_text = NULL;
	json_t *u = NULL, *row = NULL, *narrative = NULL;
	enum err_code rc;
	if ((rc = period_of(period, &p, err)))
		goto cleanup;
	if (!(u = unit_for(tr, unit_id, ACT_UNIT_REPORT, err))) {
		rc = err->code;
		goto cleanup;
	}
	if (!json_is_object(body)) {
		rc = err_set(err, ERR_BAD_REQUEST, "", "send a JSON object: narrative, difficulties, proposals");
		goto cleanup;
	}
	if ((rc = in_only(body, allowed, err)) || (rc = in_text(body, "difficulties", false, TEXT_MAX, &difficulties, err)) ||
	    (rc = in_text(body, "proposals", false, TEXT_MAX, &proposals, err)))
		goto cleanup;
	if (!(row = get_or_create(tr, u, &p, 1, err))) {
		rc = err->code;
		goto cleanup;
	}
	json_t *given = json_object_get(body, "narrative");
	if (given && !json_is_null(given)) {
		if (!json_is_object(given)) {
			rc = err_set(err, ERR_INVALID, "narrative", "'narrative' must be an object: field code -> text");
			goto cleanup;
		}
		/* Fields given replace their text; an empty text removes it. */
		narrative = json_loads(json_string_value(json_object_get(row, "narrative")), 0, NULL);
		if (!json_is_object(narrative)) {
			json_decref(narrative);
			narrative = json_object();
		}
		const char *code;
		json_t *v;
		json_object_foreach(given, code, v) {
			char *text = NULL;
			if (!store_field_id_by_code(tr->store, code)) {
				rc = err_set(err, ERR_INVALID, "narrative", "no field '%.40s' (narrative keys are field codes)", code);
				goto cleanup;
			}
			if ((rc = in_text(given, code, false, TEXT_MAX, &text, err))) {
				snprintf(err->field, sizeof err->field, "narrative.%.40s", code);
				goto cleanup;
			}
			if (text && *text)
				json_object_set_new(narrative, code, json_string(text));
			else
				json_object_del(narrative, code);
			free(text);
		}
		narr_text = json_dumps(narrative, JSON_COMPACT | JSON_SORT_KEYS);
	}
	if ((rc = store_unit_report_edit(tr->store, unit_id, p.label, narr_text, difficulties, proposals, err)))
		goto cleanup;
	rc = done(tr, unit_id, p.label, out, err);
cleanup:
	free(difficulties);
	free(proposals);
	free(narr_text);
	json_decref(narrative);
	json_decref(row);
	json_decref(u);
	return rc;
}

enum err_code unit_report_submit(struct tracker *tr, int64_t unit_id, const char *period, json_t **out,
				 struct err *err)
{
	struct report_period p;
	char *figures = NULL;
	json_t *u = NULL, *row = NULL;
	enum err_code rc;
	if ((rc = period_of(period, &p, err)))
		goto cleanup;
	if (!(u = unit_for(tr, unit_id, ACT_UNIT_REPORT, err)) || !(row = get_or_create(tr, u, &p, 1, err))) {
		rc = err->code;
		goto cleanup;
	}
	/* A clear conflict before the work of taking the figures again. */
	const char *s = json_string_value(json_object_get(row, "status"));
	if (strcmp(s, "draft") && strcmp(s, "returned")) {
		rc = err_set(err, ERR_CONFLICT, "status", "the report for %s is %s already", p.label, s);
		goto cleanup;
	}
	if (!(figures = figures_for(tr->store, u, &p, err))) {
		rc = err->code;
		goto cleanup;
	}
	if ((rc = store_unit_report_step(tr->store, unit_id, p.label, UNIT_REPORT_SUBMIT, figures, report_actor(tr), err)))
		goto cleanup;
	rc = done(tr, unit_id, p.label, out, err);
cleanup:
	free(figures);
	json_decref(row);
	json_decref(u);
	return rc;
}

/* Return or accept: a reviewer's step with its comments. */
static enum err_code review(struct tracker *tr, int64_t unit_id, const char *period, json_t *body,
			    enum unit_report_step step, json_t **out, struct err *err)
{
	static const char *const allowed[] = {"comments", NULL};
	struct report_period p;
	char *comments = NULL;
	json_t *u = NULL;
	enum err_code rc;
	if ((rc = period_of(period, &p, err)))
		goto cleanup;
	if (!(u = unit_for(tr, unit_id, ACT_REVIEW_UNIT_REPORT, err))) {
		rc = err->code;
		goto cleanup;
	}
	if (body && !json_is_object(body)) {
		rc = err_set(err, ERR_BAD_REQUEST, "", "send a JSON object: {\"comments\": ...}");
		goto cleanup;
	}
	/* A report goes back only with the reasons why. */
	if (body && ((rc = in_only(body, allowed, err)) ||
		     (rc = in_text(body, "comments", step == UNIT_REPORT_RETURN, TEXT_MAX, &comments, err))))
		goto cleanup;
	if (!body && step == UNIT_REPORT_RETURN) {
		rc = err_set(err, ERR_INVALID, "comments", "'comments' is required");
		goto cleanup;
	}
	if ((rc = store_unit_report_step(tr->store, unit_id, p.label, step, comments, report_actor(tr), err)))
		goto cleanup;
	rc = done(tr, unit_id, p.label, out, err);
cleanup:
	free(comments);
	json_decref(u);
	return rc;
}

enum err_code unit_report_return(struct tracker *tr, int64_t unit_id, const char *period, json_t *body,
				 json_t **out, struct err *err)
{
	return review(tr, unit_id, period, body, UNIT_REPORT_RETURN, out, err);
}

enum err_code unit_report_accept(struct tracker *tr, int64_t unit_id, const char *period, json_t *body,
				 json_t **out, struct err *err)
{
	return review(tr, unit_id, period, body, UNIT_REPORT_ACCEPT, out, err);
}

/* One line of the list: a unit and its report (row may be NULL). */
static json_t *list_entry(const json_t *unit, const json_t *row, int32_t due, int32_t today)
{
	char d[DATE_STRLEN];
	if (row)
		due = date_parse(json_string_value(json_object_get(row, "deadline")));
	int late = row ? late_days(row) : -1;
	int overdue = late < 0 && today > due;
	json_t *o = json_pack("{s:O, s:O, s:O, s:s, s:s}", "unit_id", json_object_get(unit, "id"), "unit_code",
			      json_object_get(unit, "code"), "unit_name", json_object_get(unit, "name"), "state",
			      row ? json_string_value(json_object_get(row, "status")) : "missing", "deadline",
			      date_format(due, d));
	json_object_set_new(o, "first_submitted_at",
			    json_incref(row && json_object_get(row, "first_submitted_at") ? json_object_get(row, "first_submitted_at") : json_null()));
	json_object_set_new(o, "submitted_at",
			    json_incref(row && json_object_get(row, "submitted_at") ? json_object_get(row, "submitted_at") : json_null()));
	json_object_set_new(o, "late_days", late < 0 ? json_null() : json_integer(late));
	json_object_set_new(o, "overdue", json_boolean(overdue));
	json_object_set_new(o, "days_overdue", overdue ? json_integer(today - due) : json_null());
	json_object_set_new(o, "comments",
			    json_incref(row && json_object_get(row, "comments") ? json_object_get(row, "comments") : json_null()));
	return o;
}

json_t *unit_report_list(struct tracker *tr, const char *period, const char *state, struct err *err)
{
	static const char *const states[] = {"missing", "draft", "submitted", "returned", "accepted", "late", NULL};
	struct report_period p;
	json_t *rep = NULL, *rows = NULL, *out = NULL;
	/* Each unit's line is checked below; first, may who read any? */
	if (!auth_may(tr->who, ACT_READ_UNIT_REPORT)) {
		auth_require(tr->who, ACT_READ_UNIT_REPORT, NULL, err);
		return NULL;
	}
	if (period_of(period, &p, err))
		return NULL;
	if (state && *state) {
		const char *const *s = states;
		while (*s && strcmp(*s, state))
			s++;
		if (!*s) {
			err_set(err, ERR_BAD_REQUEST, "status",
				"'status' is one of missing, draft, submitted, returned, accepted, late");
			return NULL;
		}
	} else {
		state = NULL;
	}
	int32_t due = report_due(tr->store, &p, err);
	if (due == DATE_NONE)
		return NULL;
	int32_t today = date_today();
	/* Expected: every unit with work or indicators in the period's report. */
	struct report_query q = {.period = p.label, .as_of = figures_day(&p)};
	if (!(rep = report_build(tr->store, &q, err)) || !(rows = store_unit_reports(tr->store, p.label, err)))
		goto cleanup;
	json_t *items = json_array(), *all = json_array();
	size_t i, j;
	json_t *x, *r;
	json_array_foreach(json_object_get(rep, "units"), i, x) {
		const json_t *mine = NULL;
		json_array_foreach(rows, j, r)
			if (json_integer_value(json_object_get(r, "unit_id")) == json_integer_value(json_object_get(x, "id")))
				mine = r;
		json_array_append_new(all, list_entry(x, mine, due, today));
	}
	json_array_foreach(rows, j, r) {
		int seen = 0;
		json_array_foreach(json_object_get(rep, "units"), i, x)
			if (json_integer_value(json_object_get(r, "unit_id")) == json_integer_value(json_object_get(x, "id")))
				seen = 1;
		if (!seen) {
			json_t *unit = json_pack("{s:O, s:O, s:O}", "id", json_object_get(r, "unit_id"), "code",
						 json_object_get(r, "unit_code"), "name", json_object_get(r, "unit_name"));
			json_array_append_new(all, list_entry(unit, r, due, today));
			json_decref(unit);
		}
	}
	json_t *counts = json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i}", "expected", 0, "missing", 0, "draft", 0,
				   "submitted", 0, "returned", 0, "accepted", 0, "late", 0);
	json_array_foreach(all, i, x) {
		struct permit_target t = {.unit_id = json_integer_value(json_object_get(x, "unit_id"))};
		if (!auth_permits(tr->who, ACT_READ_UNIT_REPORT, &t))
			continue;
		const char *s = json_string_value(json_object_get(x, "state"));
		int late = json_is_true(json_object_get(x, "overdue")) || json_integer_value(json_object_get(x, "late_days")) > 0;
		json_object_set_new(counts, s, json_integer(json_integer_value(json_object_get(counts, s)) + 1));
		json_object_set_new(counts, "expected", json_integer(json_integer_value(json_object_get(counts, "expected")) + 1));
		if (late)
			json_object_set_new(counts, "late", json_integer(json_integer_value(json_object_get(counts, "late")) + 1));
		if (!state || (strcmp(state, "late") == 0 ? late : strcmp(state, s) == 0))
			json_array_append(items, x);
	}
	json_decref(all);
	char d[DATE_STRLEN], t2[DATE_STRLEN];
	out = json_pack("{s:s, s:s, s:s, s:s, s:o, s:o}", "period", p.label, "period_name", p.name_vi, "deadline",
			date_format(due, d), "today", date_format(today, t2), "counts", counts, "items", items);
cleanup:
	json_decref(rep);
	json_decref(rows);
	return out;
}
