/*
 * report_behind.c — who falls behind and why, in plain Vietnamese: each
 * enabled rule (tasks long overdue, an on-time rate under its threshold,
 * indicators not met or regressed, the unit's own report missing or
 * late) that holds for a unit adds one reason.
 */
#include "base/base.h"
#include "base/date.h"
#include "report/report_calc.h"
#include "report/report_int.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Task titles already looked up, by task id, so each is read once. */
static const char *title_of(struct report_ctx *c, int64_t task)
{
	char key[24];
	snprintf(key, sizeof key, "%lld", (long long)task);
	json_t *t = json_object_get(c->titles, key);
	if (!t) {
		char *s = store_report_task_title(c->st, task);
		t = json_string(s ? s : "?");
		free(s);
		json_object_set_new(c->titles, key, t);
	}
	return json_string_value(t);
}

static void add_reason(json_t *out, const char *rule, struct buf *t)
{
	json_array_append_new(out, json_pack("{s:s, s:s}", "rule", rule, "text", buf_str(t)));
	buf_reset(t);
}

/* Tasks overdue beyond the rule's days, the first few named. */
static void overdue_reason(struct report_ctx *c, const struct report_unit *u, size_t fi, json_t *out,
			   struct buf *t)
{
	const struct report_thresholds *r = &c->rules;
	int64_t nlong = u->flong[fi];
	if (!r->overdue_on || nlong < r->overdue_min || nlong <= 0)
		return;
	buf_printf(t, "%lld nhiệm vụ quá hạn trên %d ngày: ", (long long)nlong, r->overdue_days);
	const int64_t *ex = &u->fex[fi * REPORT_NEXAMPLE];
	for (int i = 0; i < REPORT_NEXAMPLE && ex[i]; i++) {
		if (i)
			buf_adds(t, "; ");
		buf_adds(t, "«");
		report_add_short(t, title_of(c, ex[i]), 90);
		buf_adds(t, "»");
	}
	if (nlong > REPORT_NEXAMPLE)
		buf_adds(t, "; …");
	add_reason(out, "overdue_days", t);
}

static void rate_reason(const struct report_thresholds *r, const int64_t s[STATUS_COUNT], json_t *out,
			struct buf *t)
{
	char a[96], b[96];
	int64_t due = s[STATUS_DONE_ON_TIME] + s[STATUS_DONE_LATE] + s[STATUS_OVERDUE];
	double rate = status_on_time_rate(s);
	if (!r->rate_on || due < r->min_due || rate < 0 || rate >= r->min_rate)
		return;
	report_pct_vi(a, sizeof a, rate);
	report_pct_vi(b, sizeof b, r->min_rate);
	buf_printf(t, "tỷ lệ hoàn thành đúng hạn %s (%lld/%lld nhiệm vụ đến hạn), dưới ngưỡng %s", a,
		   (long long)s[STATUS_DONE_ON_TIME], (long long)due, b);
	add_reason(out, "on_time_rate", t);
}

/* Indicators of field fi (nf: any) not met, or met before and not now. */
static void indicator_reasons(const struct report_ctx *c, const struct report_unit *u, size_t fi, json_t *out,
			      struct buf *t)
{
	const struct report_thresholds *r = &c->rules;
	char a[96], b[96];
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
		report_value_vi(a, sizeof a, json_number_value(json_object_get(sf, "value")), measure);
		report_value_vi(b, sizeof b, json_number_value(json_object_get(sf, "target")), measure);
		buf_printf(t, "chỉ tiêu '%s' %s%s so với %s%s",
			   json_string_value(json_object_get(sf, "name")), reg ? "đã đạt nay giảm còn " : "", a,
			   strcmp(cmp, "<=") == 0 ? "tối đa " : strcmp(cmp, "=") == 0 ? "đúng " : "", b);
		add_reason(out, reg ? "indicator_regressed" : "indicator_not_met", t);
	}
}

/* The unit's own report for the period, submitted late or missing past
 * its deadline at the cut-off. */
static void unit_report_reason(const struct report_ctx *c, const struct report_unit *u, json_t *out,
			       struct buf *t)
{
	char a[96];
	report_day_vi(a, sizeof a, u->ur_deadline);
	if (u->ur_submitted != DATE_NONE && u->ur_submitted > u->ur_deadline)
		buf_printf(t, "nộp báo cáo %s muộn %d ngày (hạn %s)", c->per.name_vi,
			   (int)(u->ur_submitted - u->ur_deadline), a);
	else if (u->ur_submitted == DATE_NONE && c->cutoff > u->ur_deadline)
		buf_printf(t, "chưa nộp báo cáo %s (hạn %s)", c->per.name_vi, a);
	if (t->len)
		add_reason(out, "unit_report", t);
}

json_t *report_reasons(struct report_ctx *c, const struct report_unit *u, size_t fi)
{
	json_t *out = json_array();
	struct buf t = BUF_INIT;
	overdue_reason(c, u, fi, out, &t);
	rate_reason(&c->rules, &u->fcnt[fi * STATUS_COUNT], out, &t);
	indicator_reasons(c, u, fi, out, &t);
	/* The unit's own report is not of one field: only in the all-fields view. */
	if (c->rules.unit_report_on && fi == c->nf)
		unit_report_reason(c, u, out, &t);
	buf_release(&t);
	return out;
}

json_t *report_behind_entry(struct report_ctx *c, const struct report_unit *u, size_t fi)
{
	json_t *rs = report_reasons(c, u, fi);
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
