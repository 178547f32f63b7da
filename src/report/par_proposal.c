/* par_proposal.c — scores proposed from operational data (par_proposal.h). */
#include "base/base.h"
#include "base/date.h"
#include "domain/auth.h"
#include "domain/feedback.h"
#include "domain/input.h"
#include "domain/par.h"
#include "domain/par_int.h"
#include "domain/tally.h"
#include "domain/tracker.h"
#include "report/par_proposal.h"
#include "report/unit_report.h"
#include "store/store.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* n of d for one unit; d 0: nothing to count. */
struct ratio {
	int64_t n, d;
	const char *what;	/* Vietnamese: what is counted */
};

static int64_t int_at(const json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

/* The item of list whose key is unit_id, NULL if none. */
static json_t *unit_item(json_t *list, const char *key, int64_t unit_id)
{
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x)
		if (int_at(x, key) == unit_id)
			return x;
	return NULL;
}

static enum err_code tasks_on_time(struct tracker *sys, int64_t unit, int32_t as_of, struct ratio *r,
				   struct err *err)
{
	struct dashboard_query q = {.as_of = as_of, .root_id = unit};
	json_t *d = tracker_dashboard(sys, &q, err);
	if (!d)
		return err->code;
	json_t *u = unit_item(json_object_get(d, "units"), "id", unit);
	if (u) {
		r->n = int_at(u, "done_on_time");
		r->d = r->n + int_at(u, "done_late") + int_at(u, "overdue");
	}
	r->what = "nhiệm vụ hoàn thành đúng hạn";
	json_decref(d);
	return ERR_OK;
}

static enum err_code reports_on_time(struct tracker *sys, int64_t unit, int year, int32_t as_of, struct ratio *r,
				     struct err *err)
{
	static const char *const periods[] = {"Q1", "H1", "9M", ""};
	r->what = "báo cáo định kỳ gửi đúng hạn";
	for (size_t i = 0; i < ARRAY_LEN(periods); i++) {
		char period[16];
		snprintf(period, sizeof period, "%d%s%s", year, *periods[i] ? "-" : "", periods[i]);
		json_t *list = unit_report_list(sys, period, NULL, err);
		if (!list)
			return err->code;
		json_t *u = unit_item(json_object_get(list, "items"), "unit_id", unit);
		if (u && date_parse(json_string_value(json_object_get(u, "deadline"))) <= as_of) {
			r->d++;
			json_t *late = json_object_get(u, "late_days");
			r->n += json_is_integer(late) && json_integer_value(late) == 0;
		}
		json_decref(list);
	}
	return ERR_OK;
}

static enum err_code indicators_met(struct tracker *sys, int64_t unit, int32_t as_of, struct ratio *r,
				    struct err *err)
{
	json_t *all = store_indicators(sys->store, 0, err);
	if (!all)
		return err->code;
	r->what = "chỉ tiêu đạt (chưa đạt phải đạt 100%, đã đạt phải giữ)";
	size_t i;
	json_t *ind;
	enum err_code rc = ERR_OK;
	json_array_foreach(all, i, ind) {
		json_t *judged = tracker_indicator(sys, int_at(ind, "id"), as_of, err);
		if (!judged) {
			rc = err->code;
			break;
		}
		json_t *u = unit_item(json_object_get(judged, "by_unit"), "unit_id", unit);
		if (u) {
			r->d++;
			r->n += json_is_true(json_object_get(u, "met"));
		}
		json_decref(judged);
	}
	json_decref(all);
	return rc;
}

static enum err_code feedback_on_time(struct tracker *sys, int64_t unit, int32_t as_of, struct ratio *r,
				      struct err *err)
{
	json_t *stats = feedback_stats(sys, as_of, err);
	if (!stats)
		return err->code;
	json_t *u = unit_item(json_object_get(stats, "units"), "unit_id", unit);
	if (u) {
		r->n = int_at(u, "answered_on_time");
		r->d = int_at(u, "received") - int_at(u, "rejected");
	}
	r->what = "phản ánh, kiến nghị trả lời đúng hạn";
	json_decref(stats);
	return ERR_OK;
}

double par_proposal_points(const char *rule, const json_t *params, double max, double percent)
{
	if (strcmp(rule, "yesno") == 0)
		return percent >= 100 - 1e-9 ? max : 0;
	if (strcmp(rule, "ratio"))
		return -1;
	size_t i;
	json_t *t;
	json_array_foreach(json_object_get(params, "thresholds"), i, t)
		if (percent >= json_number_value(json_object_get(t, "min")) - 1e-9)
			return json_number_value(json_object_get(t, "points"));
	return 0;
}

/* x with a decimal comma, as Vietnamese writes numbers. */
static void vi_number(char *out, size_t size, double x, int decimals)
{
	snprintf(out, size, "%.*f", decimals, x);
	for (char *p = out; *p; p++)
		if (*p == '.')
			*p = ',';
}

/* One leaf's proposal (a new object), NULL with err. */
static json_t *propose(struct tracker *sys, json_t *a, json_t *node, const char *source, struct err *err)
{
	int year = (int)int_at(a, "year");
	int64_t unit = int_at(a, "unit_id");
	int32_t as_of = date_from_ymd(year, 12, 31);
	struct ratio r = {0};
	enum err_code rc = strcmp(source, "tasks_on_time") == 0 ? tasks_on_time(sys, unit, as_of, &r, err)
		: strcmp(source, "reports_on_time") == 0 ? reports_on_time(sys, unit, year, as_of, &r, err)
		: strcmp(source, "indicators_met") == 0 ? indicators_met(sys, unit, as_of, &r, err)
		: feedback_on_time(sys, unit, as_of, &r, err);
	if (rc)
		return NULL;
	double max = json_number_value(json_object_get(node, "max_points"));
	const char *rule = json_string_value(json_object_get(node, "rule"));
	json_t *params = json_loads(json_string_value(json_object_get(node, "rule_params")), 0, NULL);
	json_t *o = json_pack("{s:O, s:O, s:s, s:f, s:s, s:I, s:I}", "code", json_object_get(node, "code"), "name",
			      json_object_get(node, "name"), "rule", rule, "max", max, "source", source, "numerator",
			      (json_int_t)r.n, "denominator", (json_int_t)r.d);
	char basis[256], pct[32], pts[32], mx[32];
	vi_number(mx, sizeof mx, max, 2);
	if (r.d > 0) {
		double percent = 100.0 * (double)r.n / (double)r.d;
		double points = par_proposal_points(rule, params, max, percent);
		vi_number(pct, sizeof pct, percent, 1);
		vi_number(pts, sizeof pts, points, 2);
		snprintf(basis, sizeof basis, "%lld/%lld %s = %s%% → %s/%s điểm", (long long)r.n, (long long)r.d,
			 r.what, pct, points < 0 ? "?" : pts, mx);
		json_object_set_new(o, "percent", json_real(round(percent * 10) / 10));
		json_object_set_new(o, "proposed", points < 0 ? json_null() : json_real(points));
	} else {
		snprintf(basis, sizeof basis, "không có %s nào đến hạn trong năm %d: không đề xuất", r.what, year);
		json_object_set_new(o, "percent", json_null());
		json_object_set_new(o, "proposed", json_null());
	}
	json_object_set_new(o, "basis", json_string(basis));
	json_decref(params);
	return o;
}

/* Adds the unit's points and its decision to each proposal. */
static enum err_code add_decisions(struct tracker *tr, int64_t id, json_t *items, json_t *rows, struct err *err)
{
	json_t *scores = store_par_scores(tr->store, id, err);
	json_t *decided = scores ? store_par_proposals(tr->store, id, err) : NULL;
	if (!decided) {
		json_decref(scores);
		return err->code;
	}
	size_t i;
	json_t *p;
	json_array_foreach(items, i, p) {
		int64_t node = int_at(par_node_by_code(rows, json_string_value(json_object_get(p, "code"))), "id");
		json_t *s = unit_item(scores, "node_id", node), *d = unit_item(decided, "node_id", node);
		json_object_set_new(p, "self_points", s ? json_deep_copy(json_object_get(s, "self_points")) : json_null());
		json_object_set_new(p, "decision", d ? json_pack("{s:O, s:O, s:O, s:O, s:O, s:O}", "decision",
			json_object_get(d, "decision"), "proposed", json_object_get(d, "proposed"), "points",
			json_object_get(d, "points"), "reason", json_object_get(d, "reason"), "basis",
			json_object_get(d, "basis"), "decided_by", json_object_get(d, "decided_by")) : json_null());
	}
	json_decref(scores);
	json_decref(decided);
	return ERR_OK;
}

json_t *par_proposals(struct tracker *tr, int64_t id, struct err *err)
{
	json_t *a = par_assessment_for(tr, id, ACT_PAR_READ, err);
	json_t *rows = a ? store_par_nodes(tr->store, int_at(a, "set_id"), err) : NULL;
	json_t *items = json_array(), *out = NULL;
	/* The counts are the province's own figures, whoever asks: read them
	 * as the system once the asker may read the assessment. */
	struct tracker sys = *tr;
	sys.who = NULL;
	size_t i;
	json_t *node;
	json_array_foreach(rows, i, node) {
		json_t *params = json_loads(json_string_value(json_object_get(node, "rule_params")), 0, NULL);
		const char *source = json_string_value(json_object_get(params, "source"));
		json_t *p = source ? propose(&sys, a, node, source, err) : NULL;
		json_decref(params);
		if (source && !p)
			goto out;
		if (p)
			json_array_append_new(items, p);
	}
	if (rows && !add_decisions(tr, id, items, rows, err))
		out = json_pack("{s:I, s:s, s:O}", "assessment_id", (json_int_t)id, "as_of", "", "items", items);
	if (out) {
		char d[DATE_STRLEN];
		json_object_set_new(out, "as_of", json_string(date_format(date_from_ymd((int)int_at(a, "year"), 12, 31), d)));
	}
out:
	json_decref(items);
	json_decref(rows);
	json_decref(a);
	return out;
}

/* The proposal for code among p's items, or NULL with err. */
static json_t *proposal_of(json_t *p, const char *code, struct err *err)
{
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(p, "items"), i, x)
		if (strcmp(json_string_value(json_object_get(x, "code")), code) == 0) {
			if (json_is_number(json_object_get(x, "proposed")))
				return x;
			err_set(err, ERR_INVALID, "code", "'%s' has no proposed points (%s)", code,
				json_string_value(json_object_get(x, "basis")));
			return NULL;
		}
	err_set(err, ERR_INVALID, "code", "'%s' is not proposed from the system's data", code);
	return NULL;
}

/* Who scores node: "self", "appraisal", "survey"; "no one" for none. */
static const char *scorer_of(json_t *node)
{
	const char *by = json_string_value(json_object_get(node, "scored_by"));
	return by ? by : "no one";
}

/* The unit's decision on proposal one (rows: its set's nodes): accepted,
 * or with points (non-NULL) overridden for reason.  d borrows one's strings. */
static enum err_code decision_of(json_t *rows, json_t *one, const double *points, const char *reason,
				 struct par_proposal_decision *d, struct err *err)
{
	const char *code = json_string_value(json_object_get(one, "code"));
	double proposed = json_number_value(json_object_get(one, "proposed"));
	*d = (struct par_proposal_decision){.proposed = proposed, .points = points ? *points : proposed,
		.basis = json_string_value(json_object_get(one, "basis")), .decision = points ? "overridden" : "accepted",
		.reason = points ? reason : ""};
	json_t *node = par_node_by_code(rows, code);
	if (strcmp(scorer_of(node), "self"))
		return err_set(err, ERR_INVALID, "code", "'%s' is scored by %s, not in the self-assessment", code,
			       scorer_of(node));
	if (par_points_check(node, d->points, "points", err))
		return err->code;
	d->node_id = int_at(node, "id");
	return ERR_OK;
}

/* {"accept_all": true}: every proposal with points that has no decision yet,
 * of a leaf the unit scores itself, accepted in one transaction. */
static json_t *accept_all(struct tracker *tr, int64_t id, json_t *p, json_t *rows, struct err *err)
{
	size_t n = 0, i;
	json_t *one;
	struct par_proposal_decision *d = xcalloc(json_array_size(json_object_get(p, "items")) + 1, sizeof *d);
	json_t *out = NULL;
	json_array_foreach(json_object_get(p, "items"), i, one) {
		json_t *node = par_node_by_code(rows, json_string_value(json_object_get(one, "code")));
		if (!json_is_number(json_object_get(one, "proposed")) || !json_is_null(json_object_get(one, "decision")) ||
		    strcmp(scorer_of(node), "self"))
			continue;
		if (decision_of(rows, one, NULL, NULL, &d[n++], err))
			goto out;
	}
	tracker_attribution_begin(tr);
	enum err_code rc = store_par_proposal_put(tr->store, id, auth_actor(tr->who), d, n, err);
	tracker_attribution_end(tr);
	if (!rc && (out = par_proposals(tr, id, err)))
		json_object_set_new(out, "accepted", json_integer((json_int_t)n));
out:
	free(d);
	return out;
}

json_t *par_proposal_decide(struct tracker *tr, int64_t id, json_t *in, struct err *err)
{
	static const char *const keys[] = {"code", "accept", "points", "reason", "accept_all", NULL};
	json_t *a = par_assessment_for(tr, id, ACT_PAR_SCORE, err), *p = NULL, *rows = NULL, *out = NULL;
	char *code = NULL, *reason = NULL;
	double points = 0;
	bool given = false;
	if (!a)
		return NULL;
	json_t *accept = json_object_get(in, "accept"), *all = json_object_get(in, "accept_all");
	if (!json_is_object(in) || in_only(in, keys, err))
		goto out;
	if (all && (!json_is_true(all) || json_object_size(in) != 1)) {
		err_set(err, ERR_INVALID, "accept_all", "send {\"accept_all\": true} alone to accept every proposal");
		goto out;
	}
	if (!all && (in_text(in, "code", true, 20, &code, err) || in_text(in, "reason", false, 2000, &reason, err) ||
		     in_number(in, "points", false, &points, &given, err)))
		goto out;
	if (accept && !json_is_true(accept)) {
		err_set(err, ERR_INVALID, "accept", "'accept' is true; to override send 'points' and a 'reason'");
		goto out;
	}
	if (!all && !accept == !given) {
		err_set(err, ERR_INVALID, "points", "send either \"accept\": true or 'points' with a 'reason'");
		goto out;
	}
	if (given && (!reason || !*reason)) {
		err_set(err, ERR_INVALID, "reason", "overriding a proposal needs a 'reason'");
		goto out;
	}
	if (!(p = par_proposals(tr, id, err)) || !(rows = store_par_nodes(tr->store, int_at(a, "set_id"), err)))
		goto out;
	if (all) {
		out = accept_all(tr, id, p, rows, err);
		goto out;
	}
	json_t *one = proposal_of(p, code, err);
	struct par_proposal_decision d;
	if (!one || decision_of(rows, one, given ? &points : NULL, reason, &d, err))
		goto out;
	/* The points and the decision in one transaction: both or neither. */
	tracker_attribution_begin(tr);
	enum err_code rc = store_par_proposal_put(tr->store, id, auth_actor(tr->who), &d, 1, err);
	tracker_attribution_end(tr);
	if (!rc)
		out = par_proposals(tr, id, err);
out:
	free(code);
	free(reason);
	json_decref(rows);
	json_decref(p);
	json_decref(a);
	return out;
}
