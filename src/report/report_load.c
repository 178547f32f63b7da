/*
 * report_load.c — the facts a periodic report is computed from, as they
 * were recorded by its cut-off.
 *
 * One pass over the assignments and one over the progress reports
 * recorded by the cut-off rebuild, per assignment, the two facts that
 * decide status (first report, completion) as they stood then: the
 * summaries kept on the assignment rows cannot be used, since they
 * include what was recorded later.  The same pass also rebuilds them as
 * of the previous period's cut-off, for the trend.
 */
#include "base/base.h"
#include "base/date.h"
#include "base/vitext.h"
#include "report/report_calc.h"
#include "report/report_int.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum err_code report_ctx_open(struct report_ctx *c, struct store *st, const struct report_query *q,
			      struct err *err)
{
	memset(c, 0, sizeof *c);
	c->st = st;
	c->titles = json_object();
	char a[DATE_STRLEN], b[DATE_STRLEN];
	if (report_period_parse(q->period, &c->per, err) || report_period_parse(c->per.prev, &c->prev, err))
		return err->code;
	int32_t cutoff = q->as_of == DATE_NONE ? c->per.end : q->as_of;
	if (cutoff < c->per.start)
		return err_set(err, ERR_INVALID, "as_of", "the cut-off %s is before the period %s begins (%s)",
			       date_format(cutoff, a), c->per.label, date_format(c->per.start, b));
	c->field_id = q->field_id;
	c->cutoff = cutoff;
	c->day[0] = cutoff < c->per.end ? cutoff : c->per.end;
	c->day[1] = c->prev.end;
	report_cutoff_instant(cutoff, c->recorded[0]);
	report_cutoff_instant(c->prev.end, c->recorded[1]);
	c->history = store_meta_get(st, "history_loaded_at");
	for (int k = 0; k < REPORT_NVIEW; k++) {
		const struct report_period *p = k ? &c->prev : &c->per;
		c->year_start[k] = p->start;
		c->year_end[k] = date_from_ymd(p->year, 12, 31);
		c->per_end[k] = p->end;
	}
	if (!(c->rules_json = report_rules_read(st, err)))
		return err->code;
	report_thresholds_load(c->rules_json, &c->rules);
	return ERR_OK;
}

void report_ctx_release(struct report_ctx *c)
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
	free(c->field_cnt);
	free(c->history);
	json_decref(c->units_json);
	json_decref(c->fields_json);
	json_decref(c->late[0]);
	json_decref(c->late[1]);
	json_decref(c->rules_json);
	json_decref(c->titles);
	memset(c, 0, sizeof *c);
}

/* ---- units and fields ------------------------------------------------------ */

static int by_unit_name(const void *a, const void *b, void *units)
{
	const struct report_unit *u = units;
	return vi_strcmp(u[*(const size_t *)a].name, u[*(const size_t *)b].name);
}

/* Field index by id and back. */
static void index_fields(struct report_ctx *c)
{
	size_t i;
	json_t *x;
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
}

static enum err_code load_registry(struct report_ctx *c, struct err *err)
{
	c->units_json = store_units(c->st, err);
	c->fields_json = c->units_json ? store_fields(c->st, err) : NULL;
	if (!c->fields_json)
		return err->code;
	size_t i;
	json_t *x;
	int64_t max = 0;
	json_array_foreach(c->units_json, i, x)
		if (json_integer_value(json_object_get(x, "id")) > max)
			max = json_integer_value(json_object_get(x, "id"));
	index_fields(c);
	c->nunits = (size_t)max + 1;
	c->units = xcalloc(c->nunits, sizeof *c->units);
	size_t *order = xmalloc(c->nunits * sizeof *order), n = 0;
	json_array_foreach(c->units_json, i, x) {
		int64_t id = json_integer_value(json_object_get(x, "id"));
		struct report_unit *u = &c->units[id];
		u->present = json_integer_value(json_object_get(x, "active")) != 0;
		u->code = json_string_value(json_object_get(x, "code"));
		u->name = json_string_value(json_object_get(x, "name"));
		u->kind = json_string_value(json_object_get(x, "kind"));
		u->head_name = json_string_value(json_object_get(x, "head_name"));
		u->head_title = json_string_value(json_object_get(x, "head_title"));
		u->group = report_peer_group(u->kind);
		u->fcnt = xcalloc((c->nf + 1) * STATUS_COUNT, sizeof *u->fcnt);
		u->flong = xcalloc(c->nf + 1, sizeof *u->flong);
		u->fex = xcalloc((c->nf + 1) * REPORT_NEXAMPLE, sizeof *u->fex);
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

/*
 * The units' own reports for the period, as recorded by the cut-off: a
 * report first submitted after it counts as not submitted.  A report's
 * deadline is the one fixed when it was opened; a unit without one has
 * the rule's.
 */
static enum err_code load_unit_reports(struct report_ctx *c, struct err *err)
{
	int32_t due = c->per.end + c->rules.grace_days;
	for (size_t id = 0; id < c->nunits; id++) {
		c->units[id].ur_deadline = due;
		c->units[id].ur_submitted = DATE_NONE;
	}
	if (!c->rules.unit_report_on)
		return ERR_OK;
	json_t *rs = store_unit_reports(c->st, c->per.label, err);
	if (!rs)
		return err->code;
	size_t i;
	json_t *r;
	json_array_foreach(rs, i, r) {
		int64_t id = json_integer_value(json_object_get(r, "unit_id"));
		if (id <= 0 || (size_t)id >= c->nunits)
			continue;
		struct report_unit *u = &c->units[id];
		int32_t d = date_parse(json_string_value(json_object_get(r, "deadline")));
		if (d != DATE_NONE)
			u->ur_deadline = d;
		const char *first = json_string_value(json_object_get(r, "first_submitted_at"));
		if (first && strcmp(first, c->recorded[0]) <= 0)
			u->ur_submitted = report_vn_day(first);
	}
	json_decref(rs);
	return ERR_OK;
}

/* ---- assignments and their progress -------------------------------------------- */

static void on_assignment(void *vc, const struct report_assignment *a)
{
	struct report_ctx *c = vc;
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
	c->asg[c->nasg] = (struct report_asg){
		.unit = (int32_t)a->unit_id, .fi = fi, .deadline = a->deadline,
		.first = {DATE_NONE, DATE_NONE}, .done = {DATE_NONE, DATE_NONE},
		.task = a->task_id, .recurring = (unsigned char)a->recurring,
	};
	c->idx[a->id] = (int32_t)++c->nasg;
}

/* Was a fact created at created_at known by view k's cut-off?  Bulk-loaded
 * history counts by its own dates. */
static int recorded_in(const struct report_ctx *c, int k, const char *created_at)
{
	if (strcmp(created_at, c->recorded[k]) <= 0)
		return 1;
	return c->history && strcmp(created_at, c->history) <= 0;
}

static void on_progress(void *vc, const struct report_progress *p)
{
	struct report_ctx *c = vc;
	if (p->assignment_id <= 0 || (size_t)p->assignment_id >= c->nidx || !c->idx[p->assignment_id])
		return;
	struct report_asg *a = &c->asg[c->idx[p->assignment_id] - 1];
	for (int k = 0; k < REPORT_NVIEW; k++) {
		if (p->reported_on == DATE_NONE || p->reported_on > c->day[k] ||
		    !recorded_in(c, k, p->created_at ? p->created_at : ""))
			continue;
		if (a->first[k] == DATE_NONE || p->reported_on < a->first[k])
			a->first[k] = p->reported_on;
		if (p->completed_on != DATE_NONE && a->done[k] == DATE_NONE)
			a->done[k] = p->completed_on;
	}
}

enum err_code report_load(struct report_ctx *c, struct err *err)
{
	if (load_registry(c, err) || load_unit_reports(c, err))
		return err->code;
	for (int k = 0; k < REPORT_NVIEW; k++)
		if (!(c->late[k] = store_report_late_tasks(c->st, c->recorded[k], c->history, err)))
			return err->code;
	if (store_report_assignments(c->st, on_assignment, c, err))
		return err->code;
	/* One pass serves both views: the later cut-off and status day. */
	int k_late = strcmp(c->recorded[0], c->recorded[1]) >= 0 ? 0 : 1;
	char maxday[DATE_STRLEN];
	date_format(c->day[0] > c->day[1] ? c->day[0] : c->day[1], maxday);
	if (store_report_progress(c->st, c->recorded[k_late], c->history, maxday, on_progress, c, err))
		return err->code;
	return ERR_OK;
}
