/* periodic.c — what a periodic report reads as recorded by its cut-off, and its rules (issue 6). */
#include "base/base.h"
#include "store/db.h"

struct assignment_rows {
	void (*fn)(void *ctx, const struct report_assignment *a);
	void *ctx;
};

static int assignment_row(void *ctx, const struct dbrow *r)
{
	struct assignment_rows *s = ctx;
	struct report_assignment a = {
		.id = col_int(r, 0),
		.task_id = col_int(r, 1),
		.unit_id = col_int(r, 2),
		.field_id = col_int(r, 3),
		.deadline = col_day(r, 4),
		.recurring = (int)col_int(r, 5),
	};
	s->fn(s->ctx, &a);
	return 0;
}

enum err_code store_report_assignments(struct store *st,
				       void (*fn)(void *ctx, const struct report_assignment *a),
				       void *ctx, struct err *err)
{
	static const char SQL[] =
		"SELECT id, task_id, unit_id, coalesce(field_id, 0), deadline, "
		"CASE WHEN period <> '' THEN 1 ELSE 0 END FROM assignment ORDER BY id";
	struct assignment_rows s = {fn, ctx};
	struct conn *c = conn_get(st);
	enum err_code rc = each(c, SQL, assignment_row, &s, err, "");
	conn_put(st, c);
	return rc;
}

json_t *store_report_late_tasks(struct store *st, const char *recorded_by,
				const char *history_until, struct err *err)
{
	static const char SQL[] = "SELECT id FROM task WHERE ?1 IS NOT NULL AND created_at > ?1 "
				  "AND (?2 IS NULL OR created_at > ?2) ORDER BY id";
	return query_rows(st, SQL, err, "tt", recorded_by, history_until);
}

struct progress_rows {
	void (*fn)(void *ctx, const struct report_progress *p);
	void *ctx;
};

static int progress_row(void *ctx, const struct dbrow *r)
{
	struct progress_rows *s = ctx;
	struct report_progress p = {
		.assignment_id = col_int(r, 0),
		.reported_on = col_day(r, 1),
		.completed_on = col_day(r, 2),
		.created_at = col_text(r, 3),
	};
	s->fn(s->ctx, &p);
	return 0;
}

enum err_code store_report_progress(struct store *st, const char *recorded_by,
				    const char *history_until, const char *day,
				    void (*fn)(void *ctx, const struct report_progress *p),
				    void *ctx, struct err *err)
{
	static const char SQL[] =
		"SELECT assignment_id, reported_on, completed_on, created_at FROM report "
		"WHERE (CAST(?1 AS TEXT) IS NULL OR created_at <= ?1 OR created_at <= ?3) AND reported_on <= ?2 "
		"ORDER BY id";
	struct progress_rows s = {fn, ctx};
	struct conn *c = conn_get(st);
	enum err_code rc = each(c, SQL, progress_row, &s, err, "ttt", recorded_by, day, history_until);
	conn_put(st, c);
	return rc;
}

json_t *store_report_measurements(struct store *st, const char *recorded_by,
				  const char *history_until, const char *day, struct err *err)
{
	static const char SQL[] =
		"SELECT id, indicator_id, unit_id, period, period_end, value, reported_at "
		"FROM measurement WHERE (?1 IS NULL OR reported_at <= ?1 OR reported_at <= ?3) "
		"AND period_end <= ?2 "
		"ORDER BY indicator_id, unit_id, period_end, id";
	return query_rows(st, SQL, err, "ttt", recorded_by, day, history_until);
}

char *store_report_task_title(struct store *st, int64_t task_id)
{
	static const char SQL[] = "SELECT title FROM task WHERE id = ?1";
	return query_text(st, SQL, "i", task_id);
}

json_t *store_report_rules(struct store *st, struct err *err)
{
	static const char SQL[] =
		"SELECT code, kind, seq, enabled, name, params, updated_by, updated_at "
		"FROM report_rule ORDER BY kind DESC, seq";
	return query_rows(st, SQL, err, "");
}

enum err_code store_report_rules_set(struct store *st, const struct report_rule_set *r, size_t n,
				     const char *by, struct err *err)
{
	static const char SQL[] =
		"UPDATE report_rule SET enabled = ?2, params = ?3, updated_by = ?4, updated_at = ?5 "
		"WHERE code = ?1";
	char now[21];
	now_utc(now);
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc != ERR_OK)
		return rc;
	for (size_t i = 0; i < n && rc == ERR_OK; i++) {
		if (run(c, SQL, err, "titt" "t", r[i].code, (int64_t)r[i].enabled, r[i].params, by,
			now) != ERR_OK)
			rc = err->code;
		else if (db_changes(c) == 0)
			rc = err_set(err, ERR_NOT_FOUND, "code", "no report rule '%s'", r[i].code);
	}
	return tx_close(st, c, rc, err);
}
