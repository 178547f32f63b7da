/* unit_reports.c — units' own periodic reports (issue 6). */
#include "base/base.h"
#include "store/db.h"

#define UNIT_REPORT_COLUMNS "r.id, r.unit_id, u.code AS unit_code, u.name AS unit_name, r.period, r.status, " \
	"r.figures, r.narrative, r.difficulties, r.proposals, r.deadline, r.created_at, r.created_by, " \
	"r.updated_at, r.first_submitted_at, r.submitted_at, r.submitted_by, r.returned_at, r.returned_by, " \
	"r.comments, r.accepted_at, r.accepted_by FROM unit_report r JOIN unit u ON u.id = r.unit_id "

enum err_code store_unit_report_create(struct store *st, const struct unit_report_new *r, struct err *err)
{
	/* OR IGNORE: the UNIQUE (unit_id, period) makes a second opening a no-op. */
	static const char SQL[] =
		"INSERT INTO unit_report(unit_id, period, figures, deadline, created_at, created_by, updated_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5) ON CONFLICT DO NOTHING";
	char now[21];
	now_utc(now);
	return write1(st, NULL, NULL, err, SQL, "itttt" "t", r->unit_id, r->period, r->figures, r->deadline, now,
		      r->by);
}

json_t *store_unit_report_get(struct store *st, int64_t unit_id, const char *period, struct err *err)
{
	static const char SQL[] = "SELECT " UNIT_REPORT_COLUMNS "WHERE r.unit_id = ?1 AND r.period = ?2";
	json_t *out = query_row(st, SQL, err, "it", unit_id, period);
	if (!out && err->code == ERR_NOT_FOUND)
		err_set(err, ERR_NOT_FOUND, "period", "unit %lld has no report for %s", (long long)unit_id, period);
	return out;
}

json_t *store_unit_reports(struct store *st, const char *period, struct err *err)
{
	static const char SQL[] = "SELECT " UNIT_REPORT_COLUMNS "WHERE ?1 IS NULL OR r.period = ?1 ORDER BY u.code, r.period";
	return query_rows(st, SQL, err, "t", period);
}

/* After an UPDATE that changed nothing: no report, or one in another status. */
static enum err_code unit_report_unchanged(struct conn *c, int64_t unit_id, const char *period, const char *what,
					   struct err *err)
{
	static const char SQL[] = "SELECT status FROM unit_report WHERE unit_id = ?1 AND period = ?2";
	struct err e2;
	json_t *row = row1(c, SQL, &e2, "it", unit_id, period);
	enum err_code rc;
	if (!row)
		rc = err_set(err, e2.code, "period", "unit %lld has no report for %s", (long long)unit_id, period);
	else
		rc = err_set(err, ERR_CONFLICT, "status", "the report for %s is %s: it cannot be %s", period,
			     json_string_value(json_object_get(row, "status")), what);
	json_decref(row);
	return rc;
}

/*
 * Runs sql, an UPDATE of the unit's report for period with ?3, ?4, ?5 the
 * texts and ?6 now; ERR_CONFLICT or ERR_NOT_FOUND when it changes nothing.
 */
static enum err_code unit_report_update(struct store *st, int64_t unit_id, const char *period, const char *sql,
					const char *what, const char *t3, const char *t4, const char *t5,
					struct err *err)
{
	char now[21];
	now_utc(now);
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc)
		return rc;
	if (run(c, sql, err, "itttt" "t", unit_id, period, t3, t4, t5, now) != ERR_OK)
		rc = err->code;
	else if (db_changes(c) == 0)
		rc = unit_report_unchanged(c, unit_id, period, what, err);
	return tx_close(st, c, rc, err);
}

enum err_code store_unit_report_edit(struct store *st, int64_t unit_id, const char *period,
				     const char *narrative, const char *difficulties, const char *proposals,
				     struct err *err)
{
	static const char SQL[] =
		"UPDATE unit_report SET narrative = coalesce(?3, narrative), difficulties = coalesce(?4, difficulties), "
		"proposals = coalesce(?5, proposals), updated_at = ?6 "
		"WHERE unit_id = ?1 AND period = ?2 AND status IN ('draft', 'returned')";
	return unit_report_update(st, unit_id, period, SQL, "edited", narrative, difficulties, proposals, err);
}

enum err_code store_unit_report_step(struct store *st, int64_t unit_id, const char *period,
				     enum unit_report_step step, const char *text, const char *by,
				     struct err *err)
{
	/* The same parameters for each: ?1 unit, ?2 period, ?3 text, ?4 by, ?6 now. */
	static const char SUBMIT[] =
		"UPDATE unit_report SET status = 'submitted', figures = ?3, submitted_at = ?6, submitted_by = ?4, "
		"first_submitted_at = coalesce(first_submitted_at, ?6), updated_at = ?6 "
		"WHERE unit_id = ?1 AND period = ?2 AND status IN ('draft', 'returned')";
	static const char RETURN[] =
		"UPDATE unit_report SET status = 'returned', comments = ?3, returned_at = ?6, returned_by = ?4, "
		"updated_at = ?6 WHERE unit_id = ?1 AND period = ?2 AND status = 'submitted'";
	static const char ACCEPT[] =
		"UPDATE unit_report SET status = 'accepted', accepted_at = ?6, accepted_by = ?4, updated_at = ?6, "
		"comments = coalesce(?3, comments) WHERE unit_id = ?1 AND period = ?2 AND status = 'submitted'";
	const char *sql = step == UNIT_REPORT_SUBMIT ? SUBMIT : step == UNIT_REPORT_RETURN ? RETURN : ACCEPT;
	const char *what = step == UNIT_REPORT_SUBMIT ? "submitted" : step == UNIT_REPORT_RETURN ? "returned" : "accepted";
	return unit_report_update(st, unit_id, period, sql, what, text, by, NULL, err);
}
