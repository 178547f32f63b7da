/*
 * report_count.c — the assignments of a period counted by status: per
 * unit (this period and the previous one, for the trend), per unit and
 * field, per field and in all, with the long-overdue tasks named.
 *
 * Scope: the assignments due in the period's year, except periodic
 * instances due after the period, plus older ones still not completed at
 * the start of the year (carried over); tasks created after the cut-off
 * are left out.  Status itself is decided by status_of(), the one rule of
 * the domain.
 */
#include "base/base.h"
#include "base/date.h"
#include "domain/tally.h"
#include "report/report_calc.h"

#include <math.h>
#include <stdlib.h>

/* Is task among the sorted ids of late (tasks created after the cut-off)? */
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

static int in_scope(const struct report_ctx *c, int k, const struct report_asg *a)
{
	if (a->deadline > c->year_end[k])
		return 0;
	if (a->deadline >= c->year_start[k])
		return !a->recurring || a->deadline <= c->per_end[k];
	/* Carried over: due before the year and not completed when it began. */
	return a->done[k] == DATE_NONE || a->done[k] >= c->year_start[k];
}

/* An assignment overdue beyond the rule's days: counted in its field and
 * in all, and its task kept as an example (once) in both. */
static void note_long_overdue(const struct report_ctx *c, struct report_unit *u, size_t fi, int64_t task)
{
	u->flong[fi]++;
	u->flong[c->nf]++;
	for (size_t slot = 0; slot < 2; slot++) {
		int64_t *ex = &u->fex[(slot ? c->nf : fi) * REPORT_NEXAMPLE];
		for (int e = 0; e < REPORT_NEXAMPLE; e++)
			if (!ex[e]) {
				ex[e] = task;
				break;
			} else if (ex[e] == task) {
				break;
			}
	}
}

void report_count(struct report_ctx *c)
{
	c->field_cnt = xcalloc(c->nf + 1, sizeof *c->field_cnt);
	for (size_t i = 0; i < c->nasg; i++) {
		const struct report_asg *a = &c->asg[i];
		struct report_unit *u = &c->units[a->unit];
		for (int k = 0; k < REPORT_NVIEW; k++) {
			if (!in_scope(c, k, a) || task_late(c->late[k], a->task))
				continue;
			enum status s = status_of(a->deadline, a->first[k], a->done[k], c->day[k]);
			u->cnt[k][s]++;
			if (k)
				continue;
			size_t fi = (size_t)a->fi;
			u->fcnt[fi * STATUS_COUNT + s]++;
			c->field_cnt[fi][s]++;
			c->total[s]++;
			if (s == STATUS_OVERDUE && c->day[0] - a->deadline > c->rules.overdue_days)
				note_long_overdue(c, u, fi, a->task);
		}
	}
	/* The all-fields row of each unit: every field, and no field. */
	for (size_t id = 1; id < c->nunits; id++)
		for (int s = 0; s < STATUS_COUNT; s++)
			c->units[id].fcnt[c->nf * STATUS_COUNT + s] = c->units[id].cnt[0][s];
}

double report_rnd(double x)
{
	return round(x * 10000) / 10000;
}

double report_completion_rate(const int64_t s[STATUS_COUNT])
{
	int64_t done = s[STATUS_DONE_ON_TIME] + s[STATUS_DONE_LATE];
	int64_t due = done + s[STATUS_OVERDUE];
	return due ? (double)done / (double)due : -1.0;
}

void report_counts_json(json_t *o, const int64_t s[STATUS_COUNT])
{
	tally_counts_json(o, s);
	double cr = report_completion_rate(s);
	json_object_set_new(o, "due", json_integer(s[STATUS_DONE_ON_TIME] + s[STATUS_DONE_LATE] + s[STATUS_OVERDUE]));
	json_object_set_new(o, "completion_rate", cr < 0 ? json_null() : json_real(report_rnd(cr)));
}
