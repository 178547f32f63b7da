/*
 * report.c — computing a periodic report (see report.h).
 *
 * One pass over the assignments and one over the progress reports
 * recorded by the cut-off rebuild, per assignment, the two facts that
 * decide status (first report, completion) as they stood then: the
 * summaries kept on the assignment rows cannot be used, since they
 * include what was recorded later.  The same pass also rebuilds them as
 * of the previous period's cut-off, for the trend.  Status itself is
 * decided by status_of(), the one rule of the domain.
 *
 * Scope: the assignments due in the period's year, except periodic
 * instances due after the period, plus older ones still not completed at
 * the start of the year (carried over).
 */
#include "base/base.h"
#include "base/date.h"
#include "base/vitext.h"
#include "domain/status.h"
#include "domain/tally.h"
#include "report/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NVIEW 2		/* 0: this period, 1: the previous one */
#define NEXAMPLE 3	/* overdue tasks named per unit and field */

/* ---- periods ----------------------------------------------------------- */

enum err_code report_period_parse(const char *s, struct report_period *p, struct err *err)
{
	memset(p, 0, sizeof *p);
	size_t n = s ? strlen(s) : 0;
	int month = 0, prev_month = 9, prev_year_shift = 0;
	const char *kind = "";
	if (n >= 4 && strspn(s, "0123456789") == 4) {
		if (n == 4) {
			month = 12, prev_month = 9, kind = "năm";
		} else if (strcmp(s + 4, "-Q1") == 0) {
			month = 3, prev_month = 12, prev_year_shift = 1, kind = "quý I năm";
		} else if (strcmp(s + 4, "-H1") == 0) {
			month = 6, prev_month = 3, kind = "6 tháng đầu năm";
		} else if (strcmp(s + 4, "-9M") == 0) {
			month = 9, prev_month = 6, kind = "9 tháng năm";
		}
	}
	int y = month ? atoi(s) : 0;
	if (!month || y < 2000 || y > 2100)
		return err_set(err, ERR_INVALID, "period",
			       "period '%.20s' is not one of YYYY-Q1 (quarter I), YYYY-H1 (six months), "
			       "YYYY-9M (nine months) or YYYY (the year), for years 2000-2100",
			       s ? s : "");
	p->year = y;
	snprintf(p->label, sizeof p->label, "%.11s", s);
	p->start = date_from_ymd(y, 1, 1);
	p->end = date_from_ymd(y, month, date_days_in_month(y, month));
	int py = y - prev_year_shift;
	static const char *const suffix[13] = {[3] = "-Q1", [6] = "-H1", [9] = "-9M", [12] = ""};
	snprintf(p->prev, sizeof p->prev, "%04d%s", py % 10000, suffix[prev_month]);
	snprintf(p->name_vi, sizeof p->name_vi, "%s %d", kind, y);
	return ERR_OK;
}

/* ---- rules --------------------------------------------------------------- */

/* The parameters each rule takes, with their ranges; anything else is refused. */
static const struct {
	const char *code, *param;
	double min, max;
} rule_params[] = {
	{"overdue_days", "days", 0, 3650},
	{"overdue_days", "min_count", 1, 1000000},
	{"on_time_rate", "min_rate", 0, 1},
	{"on_time_rate", "min_due", 1, 1000000},
	{"unit_report", "grace_days", 0, 365},
	{"*band", "min_on_time_rate", 0, 1},
	{"*band", "min_completion_rate", 0, 1},
	{"*band", "max_overdue", 0, 1000000},
	{"*band", "max_indicators_not_met", 0, 1000000},
};

json_t *report_rules(struct store *st, struct err *err)
{
	json_t *list = store_report_rules(st, err);
	if (!list)
		return NULL;
	json_t *out = json_object(), *behind = json_array(), *band = json_array();
	size_t i;
	json_t *r;
	json_array_foreach(list, i, r) {
		json_t *params = json_loads(json_string_value(json_object_get(r, "params")), 0, NULL);
		json_object_set_new(r, "params", params ? params : json_object());
		json_object_set_new(r, "enabled", json_boolean(json_integer_value(json_object_get(r, "enabled"))));
		const char *kind = json_string_value(json_object_get(r, "kind"));
		json_array_append(strcmp(kind, "band") == 0 ? band : behind, r);
	}
	json_decref(list);
	json_object_set_new(out, "behind", behind);
	json_object_set_new(out, "band", band);
	json_object_set_new(out, "fallback_band",
			    json_pack("{s:s, s:s}", "code", "khong_hoan_thanh", "name",
				      "Không hoàn thành nhiệm vụ"));
	return out;
}

/* Checks one rule's new params against rule_params; kind is its kind. */
static enum err_code check_params(const char *code, const char *kind, json_t *params, struct err *err)
{
	if (!json_is_object(params))
		return err_set(err, ERR_INVALID, "params", "'params' of rule '%s' must be an object", code);
	const char *key;
	json_t *v;
	json_object_foreach(params, key, v) {
		int known = 0;
		for (size_t i = 0; i < ARRAY_LEN(rule_params); i++) {
			const char *rc = rule_params[i].code;
			int mine = strcmp(rc, code) == 0 || (strcmp(rc, "*band") == 0 && strcmp(kind, "band") == 0);
			if (!mine || strcmp(rule_params[i].param, key) != 0)
				continue;
			known = 1;
			if (!json_is_number(v) || json_number_value(v) < rule_params[i].min ||
			    json_number_value(v) > rule_params[i].max)
				return err_set(err, ERR_INVALID, "params",
					       "rule '%s': '%s' must be a number from %g to %g", code, key,
					       rule_params[i].min, rule_params[i].max);
		}
		if (!known)
			return err_set(err, ERR_INVALID, "params", "rule '%s' takes no parameter '%.40s'",
				       code, key);
	}
	return ERR_OK;
}

enum err_code report_rules_put(struct store *st, json_t *body, const char *by, json_t **out,
			       struct err *err)
{
	json_t *cur = report_rules(st, err);
	if (!cur)
		return err->code;
	json_t *list = json_is_array(body) ? body : json_object_get(body, "rules");
	size_t n = json_array_size(list);
	struct report_rule_set *set = xcalloc(n ? n : 1, sizeof *set);
	char **texts = xcalloc(n ? n : 1, sizeof *texts);
	enum err_code rc = ERR_OK;
	if (!json_is_array(list) || n == 0) {
		rc = err_set(err, ERR_INVALID, "rules", "send {\"rules\": [{\"code\", \"enabled\", \"params\"}, ...]}");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		json_t *r = json_array_get(list, i);
		const char *code = json_string_value(json_object_get(r, "code"));
		json_t *old = NULL, *x;
		size_t j;
		const char *kind = "behind";
		json_array_foreach(json_object_get(cur, "behind"), j, x)
			if (code && strcmp(code, json_string_value(json_object_get(x, "code"))) == 0)
				old = x;
		json_array_foreach(json_object_get(cur, "band"), j, x)
			if (code && strcmp(code, json_string_value(json_object_get(x, "code"))) == 0)
				old = x, kind = "band";
		if (!old) {
			rc = err_set(err, ERR_INVALID, "code", "no report rule '%.40s'", code ? code : "");
			goto out;
		}
		const char *key;
		json_t *v;
		json_object_foreach(r, key, v)
			if (strcmp(key, "code") && strcmp(key, "enabled") && strcmp(key, "params")) {
				rc = err_set(err, ERR_INVALID, key, "a rule takes code, enabled and params, not '%.40s'", key);
				goto out;
			}
		json_t *en = json_object_get(r, "enabled");
		if (en && !json_is_boolean(en)) {
			rc = err_set(err, ERR_INVALID, "enabled", "'enabled' must be true or false");
			goto out;
		}
		json_t *params = json_object_get(r, "params");
		if (params && (rc = check_params(code, kind, params, err)))
			goto out;
		/* Parameters not sent keep their values. */
		json_t *merged = json_deep_copy(json_object_get(old, "params"));
		if (params)
			json_object_update(merged, params);
		texts[i] = json_dumps(merged, JSON_COMPACT | JSON_SORT_KEYS);
		json_decref(merged);
		set[i] = (struct report_rule_set){
			.code = code,
			.enabled = en ? json_is_true(en) : json_is_true(json_object_get(old, "enabled")),
			.params = texts[i],
		};
	}
	if ((rc = store_report_rules_set(st, set, n, by ? by : "api", err)))
		goto out;
	if (out && !(*out = report_rules(st, err)))
		rc = err->code;
out:
	for (size_t i = 0; i < n; i++)
		free(texts[i]);
	free(texts);
	free(set);
	json_decref(cur);
	return rc;
}

/* The rules in the form the computation uses. */
struct rules {
	int overdue_on, rate_on, ind_on, reg_on, unit_report_on;
	int overdue_days, overdue_min;
	int grace_days;		/* unit_report: days after the period's end */
	double min_rate;
	int min_due;
	struct band {
		char code[32], name[80];
		double min_rate, min_completion, max_overdue, max_not_met;	/* < 0: not set */
	} band[8];
	int nband;
};

static double param(json_t *r, const char *name, double dflt)
{
	json_t *v = json_object_get(json_object_get(r, "params"), name);
	return json_is_number(v) ? json_number_value(v) : dflt;
}

static void load_rules(json_t *rj, struct rules *r)
{
	memset(r, 0, sizeof *r);
	r->grace_days = 10;
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(rj, "behind"), i, x) {
		const char *code = json_string_value(json_object_get(x, "code"));
		int on = json_is_true(json_object_get(x, "enabled"));
		if (strcmp(code, "overdue_days") == 0) {
			r->overdue_on = on;
			r->overdue_days = (int)param(x, "days", 30);
			r->overdue_min = (int)param(x, "min_count", 1);
		} else if (strcmp(code, "on_time_rate") == 0) {
			r->rate_on = on;
			r->min_rate = param(x, "min_rate", 0.8);
			r->min_due = (int)param(x, "min_due", 3);
		} else if (strcmp(code, "indicator_not_met") == 0) {
			r->ind_on = on;
		} else if (strcmp(code, "indicator_regressed") == 0) {
			r->reg_on = on;
		} else if (strcmp(code, "unit_report") == 0) {
			r->unit_report_on = on;
			r->grace_days = (int)param(x, "grace_days", 10);
		}
	}
	json_array_foreach(json_object_get(rj, "band"), i, x) {
		if (!json_is_true(json_object_get(x, "enabled")) || r->nband >= (int)ARRAY_LEN(r->band))
			continue;
		struct band *b = &r->band[r->nband++];
		snprintf(b->code, sizeof b->code, "%s", json_string_value(json_object_get(x, "code")));
		snprintf(b->name, sizeof b->name, "%s", json_string_value(json_object_get(x, "name")));
		b->min_rate = param(x, "min_on_time_rate", -1);
		b->min_completion = param(x, "min_completion_rate", -1);
		b->max_overdue = param(x, "max_overdue", -1);
		b->max_not_met = param(x, "max_indicators_not_met", -1);
	}
}

/* ---- the computation ------------------------------------------------------ */

struct rasg {
	int32_t unit, fi;		/* unit id, field index */
	int32_t deadline;
	int32_t first[NVIEW], done[NVIEW];
	int64_t task;
	unsigned char recurring;
};

struct runit {
	int present;
	const char *code, *name, *kind, *head_name, *head_title;	/* borrowed from units json */
	int group;			/* peer group, see group_of */
	int sort_rank;
	int64_t cnt[NVIEW][STATUS_COUNT];
	int64_t *fcnt;			/* (nf + 1) x STATUS_COUNT, this period */
	int64_t *flong;			/* overdue beyond the rule's days, per field; [nf] all */
	int64_t *fex;			/* (nf + 1) x NEXAMPLE task ids */
	int64_t ind[3], *find;		/* met, not met, regressed; per field (nf x 3) */
	json_t *shortfalls;		/* [{fi, name, value, target, measure, cmp, regressed}] */
	/* The unit's own periodic report: when it is due, and the day (Vietnam
	 * time) it was first submitted if that was recorded by the cut-off. */
	int32_t ur_deadline, ur_submitted;
};

struct ctx {
	struct report_period per, prev;
	int32_t day[NVIEW];		/* status day of each view */
	const char *recorded[NVIEW];	/* cut-off instants; NULL: none */
	const char *history;		/* bulk history loaded until; NULL */
	int32_t year_start[NVIEW], year_end[NVIEW], per_end[NVIEW];
	int64_t field_id;
	int32_t cutoff;			/* the cut-off day itself (not capped) */
	json_t *late[NVIEW];		/* sorted task ids created after the cut-off */

	json_t *units_json, *fields_json;
	struct runit *units;
	size_t nunits;
	int64_t *field_ids;		/* field index -> id */
	size_t nf;
	int32_t *fi_of;			/* field id -> index (nf: none) */
	size_t nfid;

	struct rasg *asg;
	size_t nasg, capasg;
	int32_t *idx;			/* assignment id -> index + 1 */
	size_t nidx;
	struct rules rules;
};

static int group_of(const char *kind)
{
	/* Departments with departments (sở and ban/ngành), communes with
	 * communes (xã and phường), every other kind on its own. */
	if (strcmp(kind, "department") == 0 || strcmp(kind, "agency") == 0)
		return 0;
	if (strcmp(kind, "commune") == 0 || strcmp(kind, "ward") == 0)
		return 1;
	if (strcmp(kind, "province") == 0)
		return 2;
	if (strcmp(kind, "media") == 0)
		return 3;
	return 4;
}

static const char *const group_names[] = {"department", "commune", "province", "media", "other"};

static int task_late(const json_t *late, int64_t task)
{
	size_t lo = 0, hi = json_array_size(late);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int64_t v = json_integer_value(json_object_get(json_array_get(late, mid), "id"));
		if (v == task)
			return 1;
		if (v < task)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static void on_assignment(void *vc, const struct report_assignment *a)
{
	struct ctx *c = vc;
	if (a->id <= 0 || a->id > INT32_MAX || a->deadline == DATE_NONE || a->unit_id <= 0 ||
	    (size_t)a->unit_id >= c->nunits || !c->units[a->unit_id].present)
		return;
	int32_t fi = a->field_id > 0 && (size_t)a->field_id < c->nfid ? c->fi_of[a->field_id] : (int32_t)c->nf;
	if (c->field_id && (fi == (int32_t)c->nf || c->field_ids[fi] != c->field_id))
		return;
	if (c->nasg == c->capasg) {
		c->capasg = c->capasg ? c->capasg * 2 : 4096;
		c->asg = xrealloc(c->asg, c->capasg * sizeof *c->asg);
	}
	if ((size_t)a->id >= c->nidx) {
		size_t n = c->nidx ? c->nidx : 4096;
		while (n <= (size_t)a->id)
			n *= 2;
		c->idx = xrealloc(c->idx, n * sizeof *c->idx);
		memset(c->idx + c->nidx, 0, (n - c->nidx) * sizeof *c->idx);
		c->nidx = n;
	}
	c->asg[c->nasg] = (struct rasg){
		.unit = (int32_t)a->unit_id, .fi = fi, .deadline = a->deadline,
		.first = {DATE_NONE, DATE_NONE}, .done = {DATE_NONE, DATE_NONE},
		.task = a->task_id, .recurring = (unsigned char)a->recurring,
	};
	c->idx[a->id] = (int32_t)++c->nasg;
}

static int recorded_in(const struct ctx *c, int k, const char *created_at)
{
	if (!c->recorded[k])
		return 1;
	if (strcmp(created_at, c->recorded[k]) <= 0)
		return 1;
	return c->history && strcmp(created_at, c->history) <= 0;
}

static void on_progress(void *vc, const struct report_progress *p)
{
	struct ctx *c = vc;
	if (p->assignment_id <= 0 || (size_t)p->assignment_id >= c->nidx || !c->idx[p->assignment_id])
		return;
	struct rasg *a = &c->asg[c->idx[p->assignment_id] - 1];
	for (int k = 0; k < NVIEW; k++) {
		if (p->reported_on == DATE_NONE || p->reported_on > c->day[k] ||
		    !recorded_in(c, k, p->created_at ? p->created_at : ""))
			continue;
		if (a->first[k] == DATE_NONE || p->reported_on < a->first[k])
			a->first[k] = p->reported_on;
		if (p->completed_on != DATE_NONE && a->done[k] == DATE_NONE)
			a->done[k] = p->completed_on;
	}
}

static int in_scope(const struct ctx *c, int k, const struct rasg *a)
{
	if (a->deadline > c->year_end[k])
		return 0;
	if (a->deadline >= c->year_start[k])
		return !a->recurring || a->deadline <= c->per_end[k];
	/* Carried over: due before the year and not completed when it began. */
	return a->done[k] == DATE_NONE || a->done[k] >= c->year_start[k];
}

static double rnd(double x)
{
	return round(x * 10000) / 10000;
}

/* Completion rate of the VPCP model: completed over due (completed + overdue). */
static double completion_rate(const int64_t s[STATUS_COUNT])
{
	int64_t done = s[STATUS_DONE_ON_TIME] + s[STATUS_DONE_LATE];
	int64_t due = done + s[STATUS_OVERDUE];
	return due ? (double)done / (double)due : -1.0;
}

static void counts_json(json_t *o, const int64_t s[STATUS_COUNT])
{
	tally_counts_json(o, s);
	double cr = completion_rate(s);
	json_object_set_new(o, "due", json_integer(s[STATUS_DONE_ON_TIME] + s[STATUS_DONE_LATE] + s[STATUS_OVERDUE]));
	json_object_set_new(o, "completion_rate", cr < 0 ? json_null() : json_real(rnd(cr)));
}

/* "62,5%": Vietnamese decimal comma, at most one decimal. */
static void pct_vi(char *out, size_t n, double rate)
{
	double p = round(rate * 1000) / 10;
	if (fabs(p - round(p)) < 1e-9)
		snprintf(out, n, "%.0f%%", p);
	else {
		snprintf(out, n, "%.1f%%", p);
		char *dot = strchr(out, '.');
		if (dot)
			*dot = ',';
	}
}

static void num_vi(char *out, size_t n, double v)
{
	snprintf(out, n, "%.10g", v);
	char *dot = strchr(out, '.');
	if (dot)
		*dot = ',';
}

/* "91%" or "12 ngày": a value with its unit of measure. */
static void value_vi(char *out, size_t n, double v, const char *measure)
{
	char num[32];
	num_vi(num, sizeof num, v);
	if (strcmp(measure, "%") == 0)
		snprintf(out, n, "%s%%", num);
	else
		snprintf(out, n, "%s %s", num, measure);
}

/* Appends s cut to about max bytes at a character boundary. */
static void add_short(struct buf *b, const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n <= max) {
		buf_adds(b, s);
		return;
	}
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	buf_add(b, s, max);
	buf_adds(b, "…");
}

/* "15/04/2026": the way Vietnamese documents write a day. */
static void day_vi(char *out, size_t n, int32_t day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	snprintf(out, n, "%02d/%02d/%04d", d % 100, m % 100, y % 10000);
}

/* ---- indicators ------------------------------------------------------------ */

static int meets(const char *cmp, double v, double target)
{
	if (strcmp(cmp, ">=") == 0)
		return v >= target;
	if (strcmp(cmp, "<=") == 0)
		return v <= target;
	return fabs(v - target) < 1e-9;
}

/*
 * Judges one indicator's series for one unit at day: 1 met, 2 not met,
 * 3 regressed (met in an earlier period, not now), 0 no value yet.  rows
 * [from, to) are that unit's measurements by period end then id; the last
 * row of each period end is its value (reports are append-only).
 */
static int judge(json_t *rows, size_t from, size_t to, int32_t day, const char *cmp, double target,
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

static enum err_code indicators(struct store *st, struct ctx *c, json_t *fields_out, struct err *err)
{
	json_t *inds = store_indicators(st, 0, err);
	json_t *rows = inds ? store_report_measurements(st, c->recorded[0], c->history, "9999-12-31", err) : NULL;
	if (!rows) {
		json_decref(inds);
		return err->code;
	}
	char day[DATE_STRLEN];
	date_format(c->day[0], day);
	size_t nrows = json_array_size(rows), r = 0;
	size_t i;
	json_t *ind;
	json_array_foreach(inds, i, ind) {
		int64_t id = json_integer_value(json_object_get(ind, "id"));
		int64_t fid = json_integer_value(json_object_get(ind, "field_id"));
		int32_t fi = fid > 0 && (size_t)fid < c->nfid ? c->fi_of[fid] : (int32_t)c->nf;
		if (fi == (int32_t)c->nf || (c->field_id && fid != c->field_id))
			continue;
		const char *cmp = json_string_value(json_object_get(ind, "comparison"));
		const char *name = json_string_value(json_object_get(ind, "name"));
		const char *measure = json_string_value(json_object_get(ind, "measure"));
		double target = json_number_value(json_object_get(ind, "target"));
		/* rows are ordered by indicator id like inds; skip to this one. */
		while (r < nrows && json_integer_value(json_object_get(json_array_get(rows, r), "indicator_id")) < id)
			r++;
		size_t begin = r;
		while (r < nrows && json_integer_value(json_object_get(json_array_get(rows, r), "indicator_id")) == id)
			r++;
		int64_t n3[3] = {0};
		int64_t trend[4][3] = {{0}};
		json_t *shortfalls = json_array();
		for (size_t u0 = begin; u0 < r;) {
			int64_t unit = json_integer_value(json_object_get(json_array_get(rows, u0), "unit_id"));
			size_t u1 = u0;
			while (u1 < r && json_integer_value(json_object_get(json_array_get(rows, u1), "unit_id")) == unit)
				u1++;
			json_t *last;
			int v = judge(rows, u0, u1, c->day[0], cmp, target, &last);
			for (int q = 0; q < 4; q++) {
				int32_t qend = date_from_ymd(c->per.year, (q + 1) * 3, q == 0 || q == 3 ? 31 : 30);
				json_t *ignored;
				int tv = qend <= c->day[0] ? judge(rows, u0, u1, qend, cmp, target, &ignored) : 0;
				if (tv)
					trend[q][tv - 1]++;
			}
			if (v && unit > 0 && (size_t)unit < c->nunits && c->units[unit].present) {
				struct runit *u = &c->units[unit];
				n3[v - 1]++;
				u->ind[v - 1]++;
				u->find[fi * 3 + v - 1]++;
				if (v > 1) {
					json_t *o = json_pack("{s:s, s:s, s:s, s:O, s:O, s:b}", "unit_code", u->code,
							      "unit_name", u->name, "kind", u->kind,
							      "value", json_object_get(last, "value"),
							      "period", json_object_get(last, "period"),
							      "regressed", v == 3);
					json_array_append_new(shortfalls, o);
					json_array_append_new(u->shortfalls,
							      json_pack("{s:i, s:s, s:f, s:f, s:s, s:s, s:b}", "fi", fi,
									"name", name,
									"value", json_number_value(json_object_get(last, "value")),
									"target", target, "measure", measure, "cmp", cmp,
									"regressed", v == 3));
				}
			}
			u0 = u1;
		}
		json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:f, s:I, s:I, s:I}", "id", (json_int_t)id,
				      "code", json_string_value(json_object_get(ind, "code")), "name", name,
				      "measure", measure, "comparison", cmp, "target", target,
				      "units_met", (json_int_t)n3[0], "units_not_met", (json_int_t)n3[1],
				      "units_regressed", (json_int_t)n3[2]);
		json_object_set_new(o, "shortfalls", shortfalls);
		json_t *tr = json_array();
		for (int q = 0; q < 4; q++) {
			int32_t qend = date_from_ymd(c->per.year, (q + 1) * 3, q == 0 || q == 3 ? 31 : 30);
			if (qend > c->day[0])
				break;
			char qd[DATE_STRLEN];
			json_array_append_new(tr, json_pack("{s:s, s:I, s:I, s:I}", "period_end", date_format(qend, qd),
							   "met", (json_int_t)trend[q][0], "not_met",
							   (json_int_t)trend[q][1], "regressed", (json_int_t)trend[q][2]));
		}
		json_object_set_new(o, "trend", tr);
		json_array_append_new(json_object_get(json_array_get(fields_out, (size_t)fi), "indicators"), o);
	}
	json_decref(inds);
	json_decref(rows);
	return ERR_OK;
}

/* ---- who falls behind -------------------------------------------------------- */

/* Task titles already looked up, by task id, so each is read once. */
static const char *title_of(struct store *st, json_t *cache, int64_t task)
{
	char key[24];
	snprintf(key, sizeof key, "%lld", (long long)task);
	json_t *t = json_object_get(cache, key);
	if (!t) {
		char *s = store_report_task_title(st, task);
		t = json_string(s ? s : "?");
		free(s);
		json_object_set_new(cache, key, t);
	}
	return json_string_value(t);
}

/*
 * The reasons unit u falls behind in field index fi (nf: every field), in
 * plain Vietnamese, as [{rule, text}]; an empty array when none applies.
 */
static json_t *reasons_of(struct store *st, const struct ctx *c, const struct runit *u, size_t fi,
			  json_t *titles)
{
	const struct rules *r = &c->rules;
	json_t *out = json_array();
	const int64_t *s = &u->fcnt[fi * STATUS_COUNT];
	char a[96], b[96];
	struct buf t = BUF_INIT;
	int64_t nlong = u->flong[fi];
	if (r->overdue_on && nlong >= r->overdue_min && nlong > 0) {
		buf_printf(&t, "%lld nhiệm vụ quá hạn trên %d ngày: ", (long long)nlong, r->overdue_days);
		const int64_t *ex = &u->fex[fi * NEXAMPLE];
		for (int i = 0; i < NEXAMPLE && ex[i]; i++) {
			if (i)
				buf_adds(&t, "; ");
			buf_adds(&t, "«");
			add_short(&t, title_of(st, titles, ex[i]), 90);
			buf_adds(&t, "»");
		}
		if (nlong > NEXAMPLE)
			buf_adds(&t, "; …");
		json_array_append_new(out, json_pack("{s:s, s:s}", "rule", "overdue_days", "text", buf_str(&t)));
		buf_reset(&t);
	}
	int64_t due = s[STATUS_DONE_ON_TIME] + s[STATUS_DONE_LATE] + s[STATUS_OVERDUE];
	double rate = status_on_time_rate(s);
	if (r->rate_on && due >= r->min_due && rate >= 0 && rate < r->min_rate) {
		pct_vi(a, sizeof a, rate);
		pct_vi(b, sizeof b, r->min_rate);
		buf_printf(&t, "tỷ lệ hoàn thành đúng hạn %s (%lld/%lld nhiệm vụ đến hạn), dưới ngưỡng %s", a,
			   (long long)s[STATUS_DONE_ON_TIME], (long long)due, b);
		json_array_append_new(out, json_pack("{s:s, s:s}", "rule", "on_time_rate", "text", buf_str(&t)));
		buf_reset(&t);
	}
	size_t i;
	json_t *sf;
	json_array_foreach(u->shortfalls, i, sf) {
		if (fi != c->nf && (size_t)json_integer_value(json_object_get(sf, "fi")) != fi)
			continue;
		int reg = json_is_true(json_object_get(sf, "regressed"));
		if (reg ? !r->reg_on : !r->ind_on)
			continue;
		const char *measure = json_string_value(json_object_get(sf, "measure"));
		const char *cmp = json_string_value(json_object_get(sf, "cmp"));
		value_vi(a, sizeof a, json_number_value(json_object_get(sf, "value")), measure);
		value_vi(b, sizeof b, json_number_value(json_object_get(sf, "target")), measure);
		buf_printf(&t, "chỉ tiêu '%s' %s%s so với %s%s",
			   json_string_value(json_object_get(sf, "name")), reg ? "đã đạt nay giảm còn " : "", a,
			   strcmp(cmp, "<=") == 0 ? "tối đa " : strcmp(cmp, "=") == 0 ? "đúng " : "", b);
		json_array_append_new(out, json_pack("{s:s, s:s}", "rule", reg ? "indicator_regressed" : "indicator_not_met",
						     "text", buf_str(&t)));
		buf_reset(&t);
	}
	/* The unit's own report is not of one field: only in the all-fields view. */
	if (r->unit_report_on && fi == c->nf) {
		day_vi(a, sizeof a, u->ur_deadline);
		if (u->ur_submitted != DATE_NONE && u->ur_submitted > u->ur_deadline)
			buf_printf(&t, "nộp báo cáo %s muộn %d ngày (hạn %s)", c->per.name_vi,
				   (int)(u->ur_submitted - u->ur_deadline), a);
		else if (u->ur_submitted == DATE_NONE && c->cutoff > u->ur_deadline)
			buf_printf(&t, "chưa nộp báo cáo %s (hạn %s)", c->per.name_vi, a);
		if (t.len) {
			json_array_append_new(out, json_pack("{s:s, s:s}", "rule", "unit_report", "text", buf_str(&t)));
			buf_reset(&t);
		}
	}
	buf_release(&t);
	return out;
}

/* {"unit_code", ..., "reasons": [...], "text": "a; b"} or NULL if none. */
static json_t *behind_entry(struct store *st, const struct ctx *c, const struct runit *u, size_t fi,
			    json_t *titles)
{
	json_t *rs = reasons_of(st, c, u, fi, titles);
	if (!json_array_size(rs)) {
		json_decref(rs);
		return NULL;
	}
	struct buf t = BUF_INIT;
	size_t i;
	json_t *x;
	json_array_foreach(rs, i, x) {
		if (i)
			buf_adds(&t, "; ");
		buf_adds(&t, json_string_value(json_object_get(x, "text")));
	}
	json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:s}", "unit_code", u->code, "unit_name", u->name,
			      "kind", u->kind, "reasons", rs, "text", buf_str(&t));
	buf_release(&t);
	return o;
}

/* ---- scorecard ------------------------------------------------------------------ */

struct score {
	size_t unit;
	double rate;
	int64_t overdue;
	int group, sort_rank;
};

static int by_rank(const void *pa, const void *pb)
{
	const struct score *a = pa, *b = pb;
	if (a->group != b->group)
		return a->group - b->group;
	if ((a->rate < 0) != (b->rate < 0))
		return a->rate < 0 ? 1 : -1;
	if (a->rate != b->rate)
		return a->rate > b->rate ? -1 : 1;
	if (a->overdue != b->overdue)
		return a->overdue < b->overdue ? -1 : 1;
	return a->sort_rank - b->sort_rank;
}

/* The first band whose every set threshold holds, with the rule in words. */
static json_t *band_of(const struct ctx *c, const int64_t s[STATUS_COUNT], int64_t not_met)
{
	double rate = status_on_time_rate(s), cr = completion_rate(s);
	int64_t overdue = s[STATUS_OVERDUE];
	if (rate < 0)
		return json_pack("{s:n, s:s, s:s}", "code", "name", "chưa xếp loại", "rule",
				 "chưa có nhiệm vụ đến hạn trong kỳ");
	char a[96], b[96];
	struct buf t = BUF_INIT;
	for (int i = 0; i < c->rules.nband; i++) {
		const struct band *bd = &c->rules.band[i];
		if ((bd->min_rate >= 0 && rate < bd->min_rate) || (bd->min_completion >= 0 && cr < bd->min_completion) ||
		    (bd->max_overdue >= 0 && (double)overdue > bd->max_overdue) ||
		    (bd->max_not_met >= 0 && (double)not_met > bd->max_not_met))
			continue;
		buf_printf(&t, "%s: ", bd->code);
		const char *sep = "";
		if (bd->min_rate >= 0) {
			pct_vi(a, sizeof a, rate);
			pct_vi(b, sizeof b, bd->min_rate);
			buf_printf(&t, "%sđúng hạn %s ≥ %s", sep, a, b);
			sep = ", ";
		}
		if (bd->min_completion >= 0) {
			pct_vi(a, sizeof a, cr);
			pct_vi(b, sizeof b, bd->min_completion);
			buf_printf(&t, "%shoàn thành %s ≥ %s", sep, a, b);
			sep = ", ";
		}
		if (bd->max_overdue >= 0) {
			buf_printf(&t, "%squá hạn %lld ≤ %g", sep, (long long)overdue, bd->max_overdue);
			sep = ", ";
		}
		if (bd->max_not_met >= 0)
			buf_printf(&t, "%schỉ tiêu không đạt %lld ≤ %g", sep, (long long)not_met, bd->max_not_met);
		json_t *o = json_pack("{s:s, s:s, s:s}", "code", bd->code, "name", bd->name, "rule", buf_str(&t));
		buf_release(&t);
		return o;
	}
	pct_vi(a, sizeof a, rate);
	buf_printf(&t, "không đạt ngưỡng của mức nào (đúng hạn %s, quá hạn %lld, chỉ tiêu không đạt %lld)", a,
		   (long long)overdue, (long long)not_met);
	json_t *o = json_pack("{s:s, s:s, s:s}", "code", "khong_hoan_thanh", "name", "Không hoàn thành nhiệm vụ",
			      "rule", buf_str(&t));
	buf_release(&t);
	return o;
}

/* ---- assembling ------------------------------------------------------------------- */

static void ctx_release(struct ctx *c)
{
	for (size_t i = 0; i < c->nunits; i++) {
		free(c->units[i].fcnt);
		free(c->units[i].flong);
		free(c->units[i].fex);
		free(c->units[i].find);
		json_decref(c->units[i].shortfalls);
	}
	free(c->units);
	free(c->field_ids);
	free(c->fi_of);
	free(c->asg);
	free(c->idx);
	json_decref(c->units_json);
	json_decref(c->fields_json);
	json_decref(c->late[0]);
	json_decref(c->late[1]);
}

static int by_unit_name(const void *a, const void *b, void *units)
{
	const struct runit *u = units;
	return vi_strcmp(u[*(const size_t *)a].name, u[*(const size_t *)b].name);
}

static enum err_code load_registry(struct store *st, struct ctx *c, struct err *err)
{
	c->units_json = store_units(st, err);
	c->fields_json = c->units_json ? store_fields(st, err) : NULL;
	if (!c->fields_json)
		return err->code;
	size_t i;
	json_t *x;
	int64_t max = 0;
	json_array_foreach(c->units_json, i, x)
		if (json_integer_value(json_object_get(x, "id")) > max)
			max = json_integer_value(json_object_get(x, "id"));
	c->nf = json_array_size(c->fields_json);
	c->field_ids = xcalloc(c->nf + 1, sizeof *c->field_ids);
	int64_t maxf = 0;
	json_array_foreach(c->fields_json, i, x) {
		c->field_ids[i] = json_integer_value(json_object_get(x, "id"));
		if (c->field_ids[i] > maxf)
			maxf = c->field_ids[i];
	}
	c->nfid = (size_t)maxf + 1;
	c->fi_of = xmalloc(c->nfid * sizeof *c->fi_of);
	for (size_t f = 0; f < c->nfid; f++)
		c->fi_of[f] = (int32_t)c->nf;
	for (size_t f = 0; f < c->nf; f++)
		c->fi_of[c->field_ids[f]] = (int32_t)f;
	c->nunits = (size_t)max + 1;
	c->units = xcalloc(c->nunits, sizeof *c->units);
	size_t *order = xmalloc(c->nunits * sizeof *order), n = 0;
	json_array_foreach(c->units_json, i, x) {
		int64_t id = json_integer_value(json_object_get(x, "id"));
		struct runit *u = &c->units[id];
		u->present = json_integer_value(json_object_get(x, "active")) != 0;
		u->code = json_string_value(json_object_get(x, "code"));
		u->name = json_string_value(json_object_get(x, "name"));
		u->kind = json_string_value(json_object_get(x, "kind"));
		u->head_name = json_string_value(json_object_get(x, "head_name"));
		u->head_title = json_string_value(json_object_get(x, "head_title"));
		u->group = group_of(u->kind);
		u->fcnt = xcalloc((c->nf + 1) * STATUS_COUNT, sizeof *u->fcnt);
		u->flong = xcalloc(c->nf + 1, sizeof *u->flong);
		u->fex = xcalloc((c->nf + 1) * NEXAMPLE, sizeof *u->fex);
		u->find = xcalloc((c->nf + 1) * 3, sizeof *u->find);
		u->shortfalls = json_array();
		order[n++] = (size_t)id;
	}
	qsort_r(order, n, sizeof *order, by_unit_name, c->units);
	for (size_t k = 0; k < n; k++)
		c->units[order[k]].sort_rank = (int)k;
	free(order);
	return ERR_OK;
}

/* The day in Vietnam (UTC+7) of a stored instant "YYYY-MM-DDTHH:MM:SSZ". */
static int32_t vn_day(const char *instant)
{
	char d[DATE_STRLEN];
	if (!instant || strlen(instant) < 13)
		return DATE_NONE;
	snprintf(d, sizeof d, "%.10s", instant);
	int32_t day = date_parse(d);
	return day != DATE_NONE && atoi(instant + 11) >= 17 ? day + 1 : day;
}

/*
 * The units' own reports for the period, as recorded by the cut-off: a
 * report first submitted after it counts as not submitted.  A report's
 * deadline is the one fixed when it was opened; a unit without one has
 * the rule's.
 */
static enum err_code load_unit_reports(struct store *st, struct ctx *c, struct err *err)
{
	int32_t due = c->per.end + c->rules.grace_days;
	for (size_t id = 0; id < c->nunits; id++) {
		c->units[id].ur_deadline = due;
		c->units[id].ur_submitted = DATE_NONE;
	}
	if (!c->rules.unit_report_on)
		return ERR_OK;
	json_t *rs = store_unit_reports(st, c->per.label, err);
	if (!rs)
		return err->code;
	size_t i;
	json_t *r;
	json_array_foreach(rs, i, r) {
		int64_t id = json_integer_value(json_object_get(r, "unit_id"));
		if (id <= 0 || (size_t)id >= c->nunits)
			continue;
		struct runit *u = &c->units[id];
		int32_t d = date_parse(json_string_value(json_object_get(r, "deadline")));
		if (d != DATE_NONE)
			u->ur_deadline = d;
		const char *first = json_string_value(json_object_get(r, "first_submitted_at"));
		if (first && strcmp(first, c->recorded[0]) <= 0)
			u->ur_submitted = vn_day(first);
	}
	json_decref(rs);
	return ERR_OK;
}

int32_t report_unit_deadline(struct store *st, const struct report_period *p, struct err *err)
{
	json_t *rj = report_rules(st, err);
	if (!rj)
		return DATE_NONE;
	struct rules r;
	load_rules(rj, &r);
	json_decref(rj);
	return p->end + r.grace_days;
}

static void cutoff_instant(int32_t day, char out[21])
{
	/* The end of the day in Vietnam (UTC+7) is 16:59:59 UTC. */
	char d[DATE_STRLEN];
	snprintf(out, 21, "%sT16:59:59Z", date_format(day, d));
}

json_t *report_compute(struct store *st, const struct report_query *q, struct err *err)
{
	struct ctx c = {0};
	json_t *out = NULL, *titles = json_object(), *rules_json = NULL;
	int64_t (*fcnt)[STATUS_COUNT] = NULL;
	char *history = NULL;
	char rec[NVIEW][21], d[DATE_STRLEN];
	if (report_period_parse(q->period, &c.per, err) ||
	    report_period_parse(c.per.prev, &c.prev, err))
		goto out;
	int32_t cutoff = q->as_of == DATE_NONE ? c.per.end : q->as_of;
	if (cutoff < c.per.start) {
		err_set(err, ERR_INVALID, "as_of", "the cut-off %s is before the period %s begins (%s)",
			date_format(cutoff, rec[0]), c.per.label, date_format(c.per.start, d));
		goto out;
	}
	c.field_id = q->field_id;
	c.day[0] = cutoff < c.per.end ? cutoff : c.per.end;
	c.day[1] = c.prev.end;
	cutoff_instant(cutoff, rec[0]);
	cutoff_instant(c.prev.end, rec[1]);
	c.recorded[0] = rec[0];
	c.recorded[1] = rec[1];
	history = store_meta_get(st, "history_loaded_at");
	c.history = history;
	for (int k = 0; k < NVIEW; k++) {
		const struct report_period *p = k ? &c.prev : &c.per;
		c.year_start[k] = p->start;
		c.year_end[k] = date_from_ymd(p->year, 12, 31);
		c.per_end[k] = p->end;
	}
	if (!(rules_json = report_rules(st, err)))
		goto out;
	load_rules(rules_json, &c.rules);
	c.cutoff = cutoff;
	if (load_registry(st, &c, err) || load_unit_reports(st, &c, err))
		goto out;
	for (int k = 0; k < NVIEW; k++)
		if (!(c.late[k] = store_report_late_tasks(st, c.recorded[k], c.history, err)))
			goto out;
	if (store_report_assignments(st, on_assignment, &c, err))
		goto out;
	/* One pass serves both views: the later cut-off and status day. */
	int k_late = strcmp(rec[0], rec[1]) >= 0 ? 0 : 1;
	char maxday[DATE_STRLEN];
	date_format(c.day[0] > c.day[1] ? c.day[0] : c.day[1], maxday);
	if (store_report_progress(st, c.recorded[k_late], c.history, maxday, on_progress, &c, err))
		goto out;

	/* Classify. */
	fcnt = xcalloc(c.nf + 1, sizeof *fcnt);
	int64_t total[STATUS_COUNT] = {0};
	size_t nf = c.nf;
	for (size_t i = 0; i < c.nasg; i++) {
		const struct rasg *a = &c.asg[i];
		struct runit *u = &c.units[a->unit];
		for (int k = 0; k < NVIEW; k++) {
			if (!in_scope(&c, k, a) || task_late(c.late[k], a->task))
				continue;
			enum status s = status_of(a->deadline, a->first[k], a->done[k], c.day[k]);
			u->cnt[k][s]++;
			if (k)
				continue;
			size_t fi = (size_t)a->fi;
			u->fcnt[fi * STATUS_COUNT + s]++;
			fcnt[fi][s]++;
			total[s]++;
			if (s == STATUS_OVERDUE && c.day[0] - a->deadline > c.rules.overdue_days) {
				u->flong[fi]++;
				u->flong[c.nf]++;
				for (size_t slot = 0; slot < 2; slot++) {
					int64_t *ex = &u->fex[(slot ? c.nf : fi) * NEXAMPLE];
					for (int e = 0; e < NEXAMPLE; e++)
						if (!ex[e]) {
							ex[e] = a->task;
							break;
						} else if (ex[e] == a->task) {
							break;
						}
				}
			}
		}
	}
	/* The all-fields row of each unit: every field, and no field. */
	for (size_t id = 1; id < c.nunits; id++)
		for (int s = 0; s < STATUS_COUNT; s++)
			c.units[id].fcnt[c.nf * STATUS_COUNT + s] = c.units[id].cnt[0][s];

	size_t i;
	json_t *fj;
	out = json_object();
	json_object_set_new(out, "period", json_string(c.per.label));
	json_object_set_new(out, "period_name", json_string(c.per.name_vi));
	json_object_set_new(out, "period_start", json_string(date_format(c.per.start, d)));
	json_object_set_new(out, "period_end", json_string(date_format(c.per.end, d)));
	json_object_set_new(out, "as_of", json_string(date_format(cutoff, d)));
	json_object_set_new(out, "status_date", json_string(date_format(c.day[0], d)));
	json_object_set_new(out, "recorded_by", json_string(rec[0]));
	json_object_set_new(out, "history_loaded_at", history ? json_string(history) : json_null());
	json_object_set_new(out, "previous_period", json_string(c.prev.label));
	/* The issuing body and the place for the DOCX header: the province's
	 * People's Committee, its place the words after "tỉnh". */
	json_array_foreach(c.units_json, i, fj)
		if (strcmp(json_string_value(json_object_get(fj, "kind")), "province") == 0) {
			const char *pn = json_string_value(json_object_get(fj, "name"));
			const char *t = strstr(pn, "tỉnh ");
			json_object_set_new(out, "province", json_pack("{s:O, s:s, s:s}", "code", json_object_get(fj, "code"),
									"name", pn, "place", t ? t + strlen("tỉnh ") : pn));
			break;
		}
	json_t *fsel = json_null();
	json_t *fields = json_array();
	json_array_foreach(c.fields_json, i, fj) {
		json_t *o = json_pack("{s:O, s:O, s:O, s:O, s:O, s:O}", "id", json_object_get(fj, "id"), "code",
				      json_object_get(fj, "code"), "name", json_object_get(fj, "name"), "name_en",
				      json_object_get(fj, "name_en"), "lead_unit_code", json_object_get(fj, "lead_unit_code"),
				      "lead_unit_name", json_object_get(fj, "lead_unit_name"));
		if (i < nf)
			counts_json(o, fcnt[i]);
		json_object_set_new(o, "indicators", json_array());
		if (c.field_id && c.field_ids[i] == c.field_id)
			fsel = json_pack("{s:O, s:O}", "code", json_object_get(fj, "code"), "name", json_object_get(fj, "name"));
		json_array_append_new(fields, o);
	}
	json_object_set_new(out, "field", fsel);
	json_t *tot = json_object();
	counts_json(tot, total);
	json_object_set_new(out, "totals", tot);
	if (indicators(st, &c, fields, err)) {
		json_decref(fields);
		json_decref(out);
		out = NULL;
		goto out;
	}

	/* Scorecard: rank within peer groups by on-time rate. */
	struct score *sc = xmalloc(c.nunits * sizeof *sc);
	size_t nsc = 0;
	for (size_t id = 1; id < c.nunits; id++) {
		const struct runit *u = &c.units[id];
		int64_t sum = 0;
		for (int s = 0; s < STATUS_COUNT; s++)
			sum += u->cnt[0][s];
		if (!u->present || (!sum && !u->ind[0] && !u->ind[1] && !u->ind[2]))
			continue;
		sc[nsc++] = (struct score){.unit = id, .rate = status_on_time_rate(u->cnt[0]),
					   .overdue = u->cnt[0][STATUS_OVERDUE], .group = u->group,
					   .sort_rank = u->sort_rank};
	}
	qsort(sc, nsc, sizeof *sc, by_rank);
	json_t *units = json_array(), *behind = json_array();
	int64_t peers[5] = {0};
	for (size_t k = 0; k < nsc; k++)
		if (sc[k].rate >= 0)
			peers[sc[k].group]++;
	int rank = 0, last_group = -1;
	for (size_t k = 0; k < nsc; k++) {
		const struct runit *u = &c.units[sc[k].unit];
		if (sc[k].group != last_group)
			rank = 0, last_group = sc[k].group;
		json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s?, s:s?}", "id", (json_int_t)sc[k].unit,
				      "code", u->code, "name", u->name, "kind", u->kind, "peer_group",
				      group_names[u->group], "head_name", u->head_name, "head_title", u->head_title);
		counts_json(o, u->cnt[0]);
		json_object_set_new(o, "overdue_long", json_integer(u->flong[c.nf]));
		json_object_set_new(o, "indicators_met", json_integer(u->ind[0]));
		json_object_set_new(o, "indicators_not_met", json_integer(u->ind[1]));
		json_object_set_new(o, "indicators_regressed", json_integer(u->ind[2]));
		if (sc[k].rate >= 0) {
			json_object_set_new(o, "rank", json_integer(++rank));
		} else {
			json_object_set_new(o, "rank", json_null());
		}
		json_object_set_new(o, "peers", json_integer(peers[u->group]));
		double prev = status_on_time_rate(u->cnt[1]);
		json_object_set_new(o, "previous_on_time_rate", prev < 0 ? json_null() : json_real(rnd(prev)));
		if (prev >= 0 && sc[k].rate >= 0) {
			double dlt = rnd(sc[k].rate) - rnd(prev);
			json_object_set_new(o, "trend", json_real(rnd(dlt)));
			json_object_set_new(o, "trend_word", json_string(dlt > 0.00005 ? "up" : dlt < -0.00005 ? "down" : "same"));
		} else {
			json_object_set_new(o, "trend", json_null());
			json_object_set_new(o, "trend_word", json_null());
		}
		json_object_set_new(o, "band", band_of(&c, u->cnt[0], u->ind[1] + u->ind[2]));
		json_t *be = behind_entry(st, &c, u, c.nf, titles);
		json_object_set_new(o, "reasons", be ? json_incref(json_object_get(be, "reasons")) : json_array());
		if (be)
			json_array_append_new(behind, be);
		json_array_append_new(units, o);
	}

	/* Per field: its units worst first and the ones falling behind. */
	for (size_t f = 0; f < c.nf; f++) {
		json_t *fo = json_array_get(fields, f);
		if (c.field_id && c.field_ids[f] != c.field_id) {
			json_object_set_new(fo, "units", json_array());
			json_object_set_new(fo, "behind", json_array());
			continue;
		}
		size_t nfs = 0;
		for (size_t id = 1; id < c.nunits; id++) {
			const struct runit *u = &c.units[id];
			int64_t sum = 0;
			for (int s = 0; s < STATUS_COUNT; s++)
				sum += u->fcnt[f * STATUS_COUNT + s];
			if (!u->present || (!sum && !u->find[f * 3 + 1] && !u->find[f * 3 + 2] && !u->find[f * 3]))
				continue;
			sc[nfs++] = (struct score){.unit = id, .rate = status_on_time_rate(&u->fcnt[f * STATUS_COUNT]),
						   .overdue = u->fcnt[f * STATUS_COUNT + STATUS_OVERDUE],
						   .group = 0, .sort_rank = u->sort_rank};
		}
		/* Worst first: the reverse of the ranking, unrated units last. */
		qsort(sc, nfs, sizeof *sc, by_rank);
		json_t *fu = json_array(), *fb = json_array();
		size_t rated = 0;
		while (rated < nfs && sc[rated].rate >= 0)
			rated++;
		for (size_t k = 0; k < nfs; k++) {
			size_t at = k < rated ? rated - 1 - k : k;
			const struct runit *u = &c.units[sc[at].unit];
			json_t *o = json_pack("{s:s, s:s, s:s}", "code", u->code, "name", u->name, "kind", u->kind);
			counts_json(o, &u->fcnt[f * STATUS_COUNT]);
			json_object_set_new(o, "overdue_long", json_integer(u->flong[f]));
			json_object_set_new(o, "indicators_met", json_integer(u->find[f * 3]));
			json_object_set_new(o, "indicators_not_met", json_integer(u->find[f * 3 + 1]));
			json_object_set_new(o, "indicators_regressed", json_integer(u->find[f * 3 + 2]));
			json_array_append_new(fu, o);
			json_t *be = behind_entry(st, &c, u, f, titles);
			if (be)
				json_array_append_new(fb, be);
		}
		json_object_set_new(fo, "units", fu);
		json_object_set_new(fo, "behind", fb);
	}
	free(sc);

	json_object_set_new(out, "fields", fields);
	json_object_set_new(out, "units", units);
	json_object_set_new(out, "behind", behind);
	if (q->unit_id) {
		/* A unit against its peers: its own row and its peer group's rows. */
		json_t *pv = NULL, *peer_rows = json_array();
		json_t *uo;
		const char *grp = NULL;
		json_array_foreach(units, i, uo)
			if (json_integer_value(json_object_get(uo, "id")) == q->unit_id) {
				pv = uo;
				grp = json_string_value(json_object_get(uo, "peer_group"));
			}
		json_array_foreach(units, i, uo)
			if (grp && strcmp(grp, json_string_value(json_object_get(uo, "peer_group"))) == 0)
				json_array_append(peer_rows, uo);
		json_object_set_new(out, "peer_view", json_pack("{s:O, s:s?, s:o}", "unit", pv ? pv : json_null(),
								 "peer_group", grp, "peers", peer_rows));
	}
	/* Every rule is evaluated now; the key stays for clients that read it. */
	json_object_set_new(out, "rules_not_evaluated", json_array());
	json_object_set_new(out, "rules", json_incref(rules_json));
out:
	free(fcnt);
	free(history);
	json_decref(titles);
	json_decref(rules_json);
	ctx_release(&c);
	return out;
}
