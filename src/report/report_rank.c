/*
 * report_rank.c — the head scorecard: units ranked within their peer
 * groups by on-time rate (then fewer overdue, then name), each given the
 * first band whose thresholds it meets; per field, the units worst first;
 * and one unit against its peers.
 */
#include "base/base.h"
#include "report/report_calc.h"
#include "report/report_int.h"

#include <stdlib.h>
#include <string.h>

static const char *const group_names[] = {"department", "commune", "province", "media", "other"};

int report_peer_group(const char *kind)
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

const char *report_peer_group_name(int group)
{
	return group_names[group];
}

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

/* "tot: đúng hạn 100% ≥ 80%, ...": why band bd holds. */
static void band_rule(struct buf *t, const struct report_band *bd, double rate, double cr, int64_t overdue,
		      int64_t not_met)
{
	char a[96], b[96];
	buf_printf(t, "%s: ", bd->code);
	const char *sep = "";
	if (bd->min_rate >= 0) {
		report_pct_vi(a, sizeof a, rate);
		report_pct_vi(b, sizeof b, bd->min_rate);
		buf_printf(t, "%sđúng hạn %s ≥ %s", sep, a, b);
		sep = ", ";
	}
	if (bd->min_completion >= 0) {
		report_pct_vi(a, sizeof a, cr);
		report_pct_vi(b, sizeof b, bd->min_completion);
		buf_printf(t, "%shoàn thành %s ≥ %s", sep, a, b);
		sep = ", ";
	}
	if (bd->max_overdue >= 0) {
		buf_printf(t, "%squá hạn %lld ≤ %g", sep, (long long)overdue, bd->max_overdue);
		sep = ", ";
	}
	if (bd->max_not_met >= 0)
		buf_printf(t, "%schỉ tiêu không đạt %lld ≤ %g", sep, (long long)not_met, bd->max_not_met);
}

json_t *report_band(const struct report_thresholds *r, const int64_t s[STATUS_COUNT], int64_t not_met)
{
	double rate = status_on_time_rate(s), cr = report_completion_rate(s);
	int64_t overdue = s[STATUS_OVERDUE];
	if (rate < 0)
		return json_pack("{s:n, s:s, s:s}", "code", "name", "chưa xếp loại", "rule",
				 "chưa có nhiệm vụ đến hạn trong kỳ");
	struct buf t = BUF_INIT;
	json_t *o = NULL;
	for (int i = 0; i < r->nband && !o; i++) {
		const struct report_band *bd = &r->band[i];
		if ((bd->min_rate >= 0 && rate < bd->min_rate) || (bd->min_completion >= 0 && cr < bd->min_completion) ||
		    (bd->max_overdue >= 0 && (double)overdue > bd->max_overdue) ||
		    (bd->max_not_met >= 0 && (double)not_met > bd->max_not_met))
			continue;
		band_rule(&t, bd, rate, cr, overdue, not_met);
		o = json_pack("{s:s, s:s, s:s}", "code", bd->code, "name", bd->name, "rule", buf_str(&t));
	}
	if (!o) {
		char a[96];
		report_pct_vi(a, sizeof a, rate);
		buf_printf(&t, "không đạt ngưỡng của mức nào (đúng hạn %s, quá hạn %lld, chỉ tiêu không đạt %lld)", a,
			   (long long)overdue, (long long)not_met);
		o = json_pack("{s:s, s:s, s:s}", "code", "khong_hoan_thanh", "name", "Không hoàn thành nhiệm vụ",
			      "rule", buf_str(&t));
	}
	buf_release(&t);
	return o;
}

/* Does unit u have anything to show in the status counts s (STATUS_COUNT
 * of them) or the indicator counts ind (met, not met, regressed)? */
static int has_figures(const struct report_unit *u, const int64_t *s, const int64_t *ind)
{
	int64_t sum = 0;
	for (int k = 0; k < STATUS_COUNT; k++)
		sum += s[k];
	return u->present && (sum || ind[0] || ind[1] || ind[2]);
}

/* A unit's row of the scorecard, rank 0 for an unrated one. */
static json_t *scorecard_row(const struct report_ctx *c, const struct score *sc, int rank, int64_t peers)
{
	const struct report_unit *u = &c->units[sc->unit];
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s?, s:s?}", "id", (json_int_t)sc->unit,
			      "code", u->code, "name", u->name, "kind", u->kind, "peer_group",
			      group_names[u->group], "head_name", u->head_name, "head_title", u->head_title);
	report_counts_json(o, u->cnt[0]);
	json_object_set_new(o, "overdue_long", json_integer(u->flong[c->nf]));
	json_object_set_new(o, "indicators_met", json_integer(u->ind[0]));
	json_object_set_new(o, "indicators_not_met", json_integer(u->ind[1]));
	json_object_set_new(o, "indicators_regressed", json_integer(u->ind[2]));
	json_object_set_new(o, "rank", rank ? json_integer(rank) : json_null());
	json_object_set_new(o, "peers", json_integer(peers));
	double prev = status_on_time_rate(u->cnt[1]);
	json_object_set_new(o, "previous_on_time_rate", prev < 0 ? json_null() : json_real(report_rnd(prev)));
	if (prev >= 0 && sc->rate >= 0) {
		double dlt = report_rnd(sc->rate) - report_rnd(prev);
		json_object_set_new(o, "trend", json_real(report_rnd(dlt)));
		json_object_set_new(o, "trend_word", json_string(dlt > 0.00005 ? "up" : dlt < -0.00005 ? "down" : "same"));
	} else {
		json_object_set_new(o, "trend", json_null());
		json_object_set_new(o, "trend_word", json_null());
	}
	json_object_set_new(o, "band", report_band(&c->rules, u->cnt[0], u->ind[1] + u->ind[2]));
	return o;
}

json_t *report_scorecard(struct report_ctx *c, json_t *behind)
{
	struct score *sc = xmalloc(c->nunits * sizeof *sc);
	size_t nsc = 0;
	for (size_t id = 1; id < c->nunits; id++) {
		const struct report_unit *u = &c->units[id];
		if (!has_figures(u, u->cnt[0], u->ind))
			continue;
		sc[nsc++] = (struct score){.unit = id, .rate = status_on_time_rate(u->cnt[0]),
					   .overdue = u->cnt[0][STATUS_OVERDUE], .group = u->group,
					   .sort_rank = u->sort_rank};
	}
	qsort(sc, nsc, sizeof *sc, by_rank);
	json_t *units = json_array();
	int64_t peers[ARRAY_LEN(group_names)] = {0};
	for (size_t k = 0; k < nsc; k++)
		if (sc[k].rate >= 0)
			peers[sc[k].group]++;
	int rank = 0, last_group = -1;
	for (size_t k = 0; k < nsc; k++) {
		const struct report_unit *u = &c->units[sc[k].unit];
		if (sc[k].group != last_group)
			rank = 0, last_group = sc[k].group;
		json_t *o = scorecard_row(c, &sc[k], sc[k].rate >= 0 ? ++rank : 0, peers[u->group]);
		json_t *be = report_behind_entry(c, u, c->nf);
		json_object_set_new(o, "reasons", be ? json_incref(json_object_get(be, "reasons")) : json_array());
		if (be)
			json_array_append_new(behind, be);
		json_array_append_new(units, o);
	}
	free(sc);
	return units;
}

/* Field f's units worst first (the reverse of the ranking, unrated units
 * last) into *rows, and those falling behind in it into *behind. */
static void field_units(struct report_ctx *c, size_t f, struct score *sc, json_t *rows, json_t *behind)
{
	size_t nfs = 0;
	for (size_t id = 1; id < c->nunits; id++) {
		const struct report_unit *u = &c->units[id];
		if (!has_figures(u, &u->fcnt[f * STATUS_COUNT], &u->find[f * 3]))
			continue;
		sc[nfs++] = (struct score){.unit = id, .rate = status_on_time_rate(&u->fcnt[f * STATUS_COUNT]),
					   .overdue = u->fcnt[f * STATUS_COUNT + STATUS_OVERDUE],
					   .group = 0, .sort_rank = u->sort_rank};
	}
	qsort(sc, nfs, sizeof *sc, by_rank);
	size_t rated = 0;
	while (rated < nfs && sc[rated].rate >= 0)
		rated++;
	for (size_t k = 0; k < nfs; k++) {
		size_t at = k < rated ? rated - 1 - k : k;
		const struct report_unit *u = &c->units[sc[at].unit];
		json_t *o = json_pack("{s:s, s:s, s:s}", "code", u->code, "name", u->name, "kind", u->kind);
		report_counts_json(o, &u->fcnt[f * STATUS_COUNT]);
		json_object_set_new(o, "overdue_long", json_integer(u->flong[f]));
		json_object_set_new(o, "indicators_met", json_integer(u->find[f * 3]));
		json_object_set_new(o, "indicators_not_met", json_integer(u->find[f * 3 + 1]));
		json_object_set_new(o, "indicators_regressed", json_integer(u->find[f * 3 + 2]));
		json_array_append_new(rows, o);
		json_t *be = report_behind_entry(c, u, f);
		if (be)
			json_array_append_new(behind, be);
	}
}

void report_field_units(struct report_ctx *c, json_t *fields)
{
	struct score *sc = xmalloc(c->nunits * sizeof *sc);
	for (size_t f = 0; f < c->nf; f++) {
		json_t *fo = json_array_get(fields, f);
		json_t *rows = json_array(), *behind = json_array();
		if (!c->field_id || c->field_ids[f] == c->field_id)
			field_units(c, f, sc, rows, behind);
		json_object_set_new(fo, "units", rows);
		json_object_set_new(fo, "behind", behind);
	}
	free(sc);
}

json_t *report_peer_view(const json_t *units, int64_t unit_id)
{
	json_t *pv = NULL, *peer_rows = json_array();
	json_t *uo;
	const char *grp = NULL;
	size_t i;
	json_array_foreach(units, i, uo)
		if (json_integer_value(json_object_get(uo, "id")) == unit_id) {
			pv = uo;
			grp = json_string_value(json_object_get(uo, "peer_group"));
		}
	json_array_foreach(units, i, uo)
		if (grp && strcmp(grp, json_string_value(json_object_get(uo, "peer_group"))) == 0)
			json_array_append(peer_rows, uo);
	return json_pack("{s:O, s:s?, s:o}", "unit", pv ? pv : json_null(), "peer_group", grp, "peers", peer_rows);
}
