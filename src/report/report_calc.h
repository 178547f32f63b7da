/*
 * report_calc.h — the computation of a periodic report, step by step,
 * inside the report module (report.h is its public face).
 *
 * report_build runs the steps in this order over one struct report_ctx:
 *   report_ctx_open     the periods, the cut-off, the rules (report_load.c)
 *   report_load         units, fields, the units' own reports, and the
 *                       period's assignments with the progress recorded
 *                       by the cut-off (report_load.c)
 *   report_count        counts by status per unit, per field and in all
 *                       (report_count.c)
 *   report_head_json,   the report's header keys, and its fields with
 *   report_fields_json  their counts (report.c)
 *   report_indicators   indicators judged per unit, with their trends
 *                       (report_indicators.c)
 *   report_scorecard    units ranked within peer groups, banded, with the
 *                       ones falling behind and why (report_rank.c,
 *                       report_behind.c)
 *   report_field_units  per field its units worst first and who falls
 *                       behind in it (report_rank.c)
 *   report_peer_view    one unit against its peers (report_rank.c)
 * The steps check no permission: the public functions do, first.
 */
#ifndef CCHC_REPORT_CALC_H
#define CCHC_REPORT_CALC_H
#include <jansson.h>
#include <stdint.h>

#include "base/err.h"
#include "domain/status.h"
#include "report/report.h"

#define REPORT_NVIEW 2		/* 0: this period, 1: the previous one */
#define REPORT_NEXAMPLE 3	/* overdue tasks named per unit and field */
#define REPORT_NBAND 8		/* bands of the scorecard kept */

struct store;

/* The rules in the form the computation uses. */
struct report_thresholds {
	int overdue_on, rate_on, ind_on, reg_on, unit_report_on;
	int overdue_days, overdue_min;
	int grace_days;		/* unit_report: days after the period's end */
	double min_rate;
	int min_due;
	struct report_band {
		char code[32], name[80];
		double min_rate, min_completion, max_overdue, max_not_met;	/* < 0: not set */
	} band[REPORT_NBAND];
	int nband;		/* the enabled bands, in their order */
};

/* The rules as stored, params parsed (report_rules without the permission
 * check); a new object, NULL with err. */
json_t *report_rules_read(struct store *st, struct err *err);
/* Fills r from report_rules_read's object, defaults for what is not set. */
void report_thresholds_load(const json_t *rules, struct report_thresholds *r);
/* report_unit_deadline without the permission check. */
int32_t report_due(struct store *st, const struct report_period *p, struct err *err);
/* report_compute without the permission check, for callers in this module
 * that checked their own. */
json_t *report_build(struct store *st, const struct report_query *q, struct err *err);
/* Who a change is recorded as made by: the principal, or "system". */
const char *report_actor(const struct tracker *tr);

/* One assignment in scope, with the facts of each view as they stood. */
struct report_asg {
	int32_t unit, fi;		/* unit id, field index (nf: no field) */
	int32_t deadline;
	int32_t first[REPORT_NVIEW], done[REPORT_NVIEW];	/* first report, completion */
	int64_t task;
	unsigned char recurring;
};

/* One unit, indexed by its id; the per-field arrays have nf + 1 slots, the
 * last for every field together. */
struct report_unit {
	int present;			/* an active unit */
	const char *code, *name, *kind, *head_name, *head_title;	/* borrowed from units_json */
	int group;			/* peer group, see report_peer_group */
	int sort_rank;			/* place in Vietnamese name order */
	int64_t cnt[REPORT_NVIEW][STATUS_COUNT];
	int64_t *fcnt;			/* (nf + 1) x STATUS_COUNT, this period */
	int64_t *flong;			/* overdue beyond the rule's days, per field; [nf] all */
	int64_t *fex;			/* (nf + 1) x REPORT_NEXAMPLE task ids */
	int64_t ind[3], *find;		/* met, not met, regressed; per field (nf x 3) */
	json_t *shortfalls;		/* [{fi, name, value, target, measure, cmp, regressed}] */
	/* The unit's own periodic report: when it is due, and the day (Vietnam
	 * time) it was first submitted if that was recorded by the cut-off. */
	int32_t ur_deadline, ur_submitted;
};

struct report_ctx {
	struct store *st;		/* borrowed */
	struct report_period per, prev;
	int32_t day[REPORT_NVIEW];	/* status day of each view */
	char recorded[REPORT_NVIEW][21];	/* cut-off instants */
	char *history;			/* bulk history loaded until; NULL */
	int32_t year_start[REPORT_NVIEW], year_end[REPORT_NVIEW], per_end[REPORT_NVIEW];
	int64_t field_id;		/* 0: every field */
	int32_t cutoff;			/* the cut-off day itself (not capped) */
	json_t *late[REPORT_NVIEW];	/* sorted task ids created after the cut-off */
	json_t *rules_json;		/* the rules as report_rules shows them */
	struct report_thresholds rules;

	json_t *units_json, *fields_json;
	struct report_unit *units;
	size_t nunits;
	int64_t *field_ids;		/* field index -> id */
	size_t nf;
	int32_t *fi_of;			/* field id -> index (nf: none) */
	size_t nfid;

	struct report_asg *asg;
	size_t nasg, capasg;
	int32_t *idx;			/* assignment id -> index + 1 */
	size_t nidx;

	int64_t (*field_cnt)[STATUS_COUNT];	/* per field index, this period */
	int64_t total[STATUS_COUNT];
	json_t *titles;			/* task titles looked up, by id */
};

/* Zeroes c, then the periods, cut-off and rules of q.  A cut-off before
 * the period is ERR_INVALID ("as_of").  c is released by
 * report_ctx_release whatever this returns. */
enum err_code report_ctx_open(struct report_ctx *c, struct store *st, const struct report_query *q,
			      struct err *err);
enum err_code report_load(struct report_ctx *c, struct err *err);
void report_ctx_release(struct report_ctx *c);

void report_count(struct report_ctx *c);
/* Rounded to 4 decimals, as rates are shown. */
double report_rnd(double x);
/* Completion rate of the VPCP model: completed over due (completed +
 * overdue); -1 when nothing is due. */
double report_completion_rate(const int64_t s[STATUS_COUNT]);
/* Adds the counts, "due" and the rates to o. */
void report_counts_json(json_t *o, const int64_t s[STATUS_COUNT]);

/* {"period", ..., "province"}: the keys a report starts with. */
json_t *report_head_json(const struct report_ctx *c);
/* The fields with their counts and an empty "indicators"; *selected gets
 * {"code", "name"} of the field asked for, or null. */
json_t *report_fields_json(const struct report_ctx *c, json_t **selected);

/*
 * Judges one indicator's series for one unit at day: 1 met, 2 not met,
 * 3 regressed (met in an earlier period, not now), 0 no value yet.  rows
 * [from, to) are that unit's measurements by period end then id; the last
 * row of each period end is its value (reports are append-only).
 * *last_row (borrowed) gets the row judged.
 */
int report_judge(const json_t *rows, size_t from, size_t to, int32_t day, const char *cmp, double target,
		 json_t **last_row);
/* Fills each field's "indicators" and the units' indicator counts. */
enum err_code report_indicators(struct report_ctx *c, json_t *fields, struct err *err);

/* The peer group of a unit kind (departments, communes, the province,
 * media, others) and its name. */
int report_peer_group(const char *kind);
const char *report_peer_group_name(int group);
/* The first band of r whose every set threshold holds, with the rule in
 * words: {"code", "name", "rule"}. */
json_t *report_band(const struct report_thresholds *r, const int64_t s[STATUS_COUNT], int64_t not_met);
/* The units ranked (the report's "units"); the ones falling behind are
 * appended to behind. */
json_t *report_scorecard(struct report_ctx *c, json_t *behind);
/* Each field's "units" (worst first) and "behind". */
void report_field_units(struct report_ctx *c, json_t *fields);
/* {"unit", "peer_group", "peers"}: unit_id's row and its group's rows. */
json_t *report_peer_view(const json_t *units, int64_t unit_id);

/* The reasons unit u falls behind in field index fi (nf: every field), in
 * plain Vietnamese, as [{rule, text}]; an empty array when none applies. */
json_t *report_reasons(struct report_ctx *c, const struct report_unit *u, size_t fi);
/* {"unit_code", ..., "reasons": [...], "text": "a; b"} or NULL if none. */
json_t *report_behind_entry(struct report_ctx *c, const struct report_unit *u, size_t fi);

#endif
