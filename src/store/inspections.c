/* inspections.c — inspection plans, inspections, findings (issue 15). */
#include "base/base.h"
#include "store/db.h"

#include <string.h>

char *store_inspection_setting(struct store *st, const char *key)
{
	static const char SQL[] = "SELECT value FROM inspection_setting WHERE key = ?1";
	return query_text(st, SQL, "t", key);
}

int store_inspection_body(struct store *st, int64_t unit_id)
{
	static const char SQL[] =
		"SELECT 1 FROM unit u WHERE u.id = ?1 AND (u.code IN (SELECT unit_code FROM inspection_body) "
		"OR EXISTS (SELECT 1 FROM field f WHERE f.lead_unit_id = u.id))";
	return query_int_or_0(st, SQL, "i", unit_id) == 1;
}

json_t *store_finding_severities(struct store *st, struct err *err)
{
	static const char SQL[] = "SELECT code, seq, name FROM finding_severity ORDER BY seq";
	return query_rows(st, SQL, err, "");
}

/* ---- plans ------------------------------------------------------------ */

enum err_code store_inspection_plan_add(struct store *st, const struct inspection_plan_new *p, int64_t *id,
					struct err *err)
{
	static const char SQL[] =
		"INSERT INTO inspection_plan(year, kind, inspecting_unit_id, title, document_ref, target_share, "
		"created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id";
	char now[21];
	now_utc(now);
	return write1(st, id, NULL, err, SQL, "itittdtt", (int64_t)p->year, p->kind, p->inspecting_unit_id,
		      p->title, p->document_ref, p->target_share, now, p->by);
}

#define PLAN_COLUMNS "p.id, p.year, p.kind, p.inspecting_unit_id, u.code AS inspecting_unit_code, " \
	"u.name AS inspecting_unit_name, p.title, p.document_ref, p.target_share, p.created_at, p.created_by, " \
	"(SELECT count(*) FROM inspection i WHERE i.plan_id = p.id) AS inspections " \
	"FROM inspection_plan p JOIN unit u ON u.id = p.inspecting_unit_id "

json_t *store_inspection_plans(struct store *st, int year, struct err *err)
{
	static const char SQL[] = "SELECT " PLAN_COLUMNS "WHERE ?1 = 0 OR p.year = ?1 ORDER BY p.year DESC, p.id";
	return query_rows(st, SQL, err, "i", (int64_t)year);
}

json_t *store_inspection_plan_get(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] = "SELECT " PLAN_COLUMNS "WHERE p.id = ?1";
	json_t *out = query_row(st, SQL, err, "i", id);
	if (!out && err->code == ERR_NOT_FOUND)
		err_set(err, ERR_NOT_FOUND, "id", "no inspection plan %lld", (long long)id);
	return out;
}

json_t *store_inspection_plan_coverage(struct store *st, int64_t plan_id, struct err *err)
{
	static const char SQL[] =
		"SELECT (SELECT count(*) FROM unit WHERE active = 1 AND kind <> 'province') AS units_total, "
		"(SELECT count(DISTINCT iu.unit_id) FROM inspection i JOIN inspection_unit iu ON iu.inspection_id = i.id "
		" WHERE i.plan_id = ?1) AS units_planned, "
		"(SELECT count(DISTINCT iu.unit_id) FROM inspection i JOIN inspection_unit iu ON iu.inspection_id = i.id "
		" WHERE i.plan_id = ?1 AND i.status = 'concluded') AS units_inspected";
	return query_row(st, SQL, err, "i", plan_id);
}

/* ---- inspections ------------------------------------------------------ */

enum err_code store_inspection_add(struct store *st, const struct inspection_new *i, int64_t *id,
				   struct err *err)
{
	static const char PLAN[] = "SELECT id FROM inspection_plan WHERE id = ?1";
	static const char INS[] =
		"INSERT INTO inspection(plan_id, title, team, planned_from, planned_to, created_at, created_by) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";
	static const char UNIT[] = "INSERT INTO inspection_unit(inspection_id, unit_id) VALUES (?1, ?2)";
	static const char FIELD[] = "INSERT INTO inspection_field(inspection_id, field_id) VALUES (?1, ?2)";
	char now[21];
	now_utc(now);
	int64_t plan, new_id = 0;
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc)
		return rc;
	if ((rc = int1(c, PLAN, &plan, err, "i", i->plan_id))) {
		if (rc == ERR_NOT_FOUND)
			err_set(err, ERR_NOT_FOUND, "plan_id", "no inspection plan %lld", (long long)i->plan_id);
		goto end;
	}
	if (int1(c, INS, &new_id, err, "ittttt" "t", i->plan_id, i->title, i->team, i->planned_from, i->planned_to, now,
		i->by) != ERR_OK) {
		rc = err->code;
		goto end;
	}
	for (size_t k = 0; k < i->nunits && !rc; k++)
		if (run(c, UNIT, err, "ii", new_id, i->units[k]) != ERR_OK)
			rc = err->code;
	for (size_t k = 0; k < i->nfields && !rc; k++)
		if (run(c, FIELD, err, "ii", new_id, i->fields[k]) != ERR_OK)
			rc = err->code;
end:
	rc = tx_close(st, c, rc, err);
	if (rc == ERR_OK && id)
		*id = new_id;
	return rc;
}

#define INSPECTION_COLUMNS "i.id, i.plan_id, p.year, p.kind AS plan_kind, p.inspecting_unit_id, " \
	"u.code AS inspecting_unit_code, u.name AS inspecting_unit_name, i.title, i.team, i.planned_from, " \
	"i.planned_to, i.status, i.started_on, i.concluded_on, i.conclusion, i.conclusion_document_id, " \
	"i.created_at, i.created_by, (SELECT count(*) FROM finding f WHERE f.inspection_id = i.id) AS findings " \
	"FROM inspection i JOIN inspection_plan p ON p.id = i.plan_id JOIN unit u ON u.id = p.inspecting_unit_id "

json_t *store_inspections(struct store *st, int64_t plan_id, int64_t unit_id, const char *status,
			  struct err *err)
{
	static const char SQL[] =
		"SELECT " INSPECTION_COLUMNS "WHERE (?1 = 0 OR i.plan_id = ?1) AND (?2 IS NULL OR i.status = ?2) "
		"AND (?3 = 0 OR EXISTS (SELECT 1 FROM inspection_unit iu WHERE iu.inspection_id = i.id "
		"AND iu.unit_id = ?3)) ORDER BY i.planned_from, i.id";
	return query_rows(st, SQL, err, "iti", plan_id, status, unit_id);
}

json_t *store_inspection_get(struct store *st, int64_t id, struct err *err)
{
	static const char ONE[] = "SELECT " INSPECTION_COLUMNS "WHERE i.id = ?1";
	static const char UNITS[] =
		"SELECT u.id, u.code, u.name, u.kind FROM inspection_unit iu JOIN unit u ON u.id = iu.unit_id "
		"WHERE iu.inspection_id = ?1 ORDER BY u.code";
	static const char FIELDS[] =
		"SELECT f.id, f.code, f.name FROM inspection_field x JOIN field f ON f.id = x.field_id "
		"WHERE x.inspection_id = ?1 ORDER BY f.seq";
	struct conn *c = conn_get(st);
	json_t *out = row1(c, ONE, err, "i", id), *units = NULL, *fields = NULL;
	if (!out) {
		if (err->code == ERR_NOT_FOUND)
			err_set(err, ERR_NOT_FOUND, "id", "no inspection %lld", (long long)id);
		goto out;
	}
	if (!(units = rows(c, UNITS, err, "i", id)) || !(fields = rows(c, FIELDS, err, "i", id))) {
		json_decref(units);
		json_decref(out);
		out = NULL;
		goto out;
	}
	json_object_set_new(out, "units", units);
	json_object_set_new(out, "fields", fields);
out:
	conn_put(st, c);
	return out;
}

/* What a refused step reports (step_refused). */
static const char INSPECTION_STATUS[] = "SELECT status FROM inspection WHERE id = ?1";

enum err_code store_inspection_start(struct store *st, int64_t id, const char *started_on, struct err *err)
{
	static const char SQL[] =
		"UPDATE inspection SET status = 'in_progress', started_on = ?2 WHERE id = ?1 AND status = 'planned'";
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc)
		return rc;
	if (run(c, SQL, err, "it", id, started_on) != ERR_OK)
		rc = err->code;
	else if (db_changes(c) == 0)
		rc = step_refused(c, INSPECTION_STATUS, id, "inspection", "started", err);
	return tx_close(st, c, rc, err);
}

enum err_code store_inspection_conclude(struct store *st, int64_t id, const char *concluded_on,
					const char *conclusion, const struct document_new *notice,
					struct err *err)
{
	static const char SQL[] =
		"UPDATE inspection SET status = 'concluded', concluded_on = ?2, conclusion = ?3, "
		"conclusion_document_id = ?4 WHERE id = ?1 AND status = 'in_progress'";
	char now[21];
	now_utc(now);
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc)
		return rc;
	int64_t doc;
	if ((rc = document_insert(c, notice, now, &doc, err)))
		goto end;
	if (run(c, SQL, err, "itti", id, concluded_on, conclusion, doc) != ERR_OK)
		rc = err->code;
	else if (db_changes(c) == 0)
		rc = step_refused(c, INSPECTION_STATUS, id, "inspection", "concluded", err);
end:
	return tx_close(st, c, rc, err);
}

/* ---- findings --------------------------------------------------------- */

enum err_code store_finding_add(struct store *st, const struct finding_new *f, int64_t *id, struct err *err)
{
	static const char ASG[] = "SELECT id FROM assignment WHERE task_id = ?1";
	static const char INS[] =
		"INSERT INTO finding(inspection_id, unit_id, field_id, severity, content, recommendation, "
		"due_workdays, deadline, task_id, assignment_id, created_at, created_by) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id";
	char now[21];
	now_utc(now);
	int64_t task = 0, asg = 0;
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc)
		return rc;
	if ((rc = task_insert(c, f->task, now, &task, err)) || (rc = int1(c, ASG, &asg, err, "i", task)))
		goto end;
	int64_t new_id;
	if (int1(c, INS, &new_id, err, "iiittt" "itii" "tt", f->inspection_id, f->unit_id, f->field_id,
		 f->severity, f->content, f->recommendation, (int64_t)f->due_workdays, f->deadline, task, asg, now,
		 f->by) != ERR_OK)
		rc = err->code;
	else if (id)
		*id = new_id;
end:
	return tx_close(st, c, rc, err);
}

#define FINDING_STATUS "CASE WHEN f.verification = 'accepted' THEN 'accepted' " \
	"WHEN a.completed_on IS NOT NULL THEN 'awaiting_verification' " \
	"WHEN f.verification = 'returned' THEN 'returned' ELSE 'open' END"
#define FINDING_COLUMNS "f.id, f.inspection_id, i.title AS inspection_title, p.inspecting_unit_id, " \
	"iu.code AS inspecting_unit_code, f.unit_id, u.code AS unit_code, u.name AS unit_name, f.field_id, " \
	"fd.code AS field_code, f.severity, s.name AS severity_name, f.content, f.recommendation, " \
	"f.due_workdays, f.deadline, f.task_id, f.assignment_id, a.percent, a.first_report_on, " \
	"a.completed_on, f.verification, f.return_reason, f.verified_at, f.verified_by, f.created_at, " \
	"f.created_by, " FINDING_STATUS " AS status " \
	"FROM finding f JOIN inspection i ON i.id = f.inspection_id JOIN inspection_plan p ON p.id = i.plan_id " \
	"JOIN unit iu ON iu.id = p.inspecting_unit_id JOIN unit u ON u.id = f.unit_id " \
	"JOIN field fd ON fd.id = f.field_id JOIN finding_severity s ON s.code = f.severity " \
	"JOIN assignment a ON a.id = f.assignment_id "

json_t *store_findings(struct store *st, int64_t inspection_id, int64_t unit_id, const char *status,
		       struct err *err)
{
	static const char SQL[] =
		"SELECT " FINDING_COLUMNS "WHERE (?1 = 0 OR f.inspection_id = ?1) AND (?2 = 0 OR f.unit_id = ?2) "
		"AND (?3 IS NULL OR " FINDING_STATUS " = ?3) ORDER BY f.id";
	return query_rows(st, SQL, err, "iit", inspection_id, unit_id, status);
}

json_t *store_finding_get(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] = "SELECT " FINDING_COLUMNS "WHERE f.id = ?1";
	json_t *out = query_row(st, SQL, err, "i", id);
	if (!out && err->code == ERR_NOT_FOUND)
		err_set(err, ERR_NOT_FOUND, "id", "no finding %lld", (long long)id);
	return out;
}

enum err_code store_finding_verify(struct store *st, int64_t id, int accepted, const char *reason,
				   const char *by, struct err *err)
{
	static const char STATE[] =
		"SELECT " FINDING_STATUS " AS status, f.assignment_id FROM finding f "
		"JOIN assignment a ON a.id = f.assignment_id WHERE f.id = ?1";
	static const char SET[] =
		"UPDATE finding SET verification = ?2, return_reason = ?3, verified_at = ?4, verified_by = ?5 "
		"WHERE id = ?1";
	static const char REOPEN[] =
		"UPDATE assignment SET completed_on = NULL, percent = coalesce((SELECT max(percent) FROM report "
		"WHERE assignment_id = ?1 AND percent < 100), 0) WHERE id = ?1";
	char now[21];
	now_utc(now);
	struct conn *c;
	json_t *row = NULL;
	enum err_code rc = tx_open(st, &c, err);
	if (rc)
		return rc;
	if (!(row = row1(c, STATE, err, "i", id))) {
		rc = err->code == ERR_NOT_FOUND ? err_set(err, ERR_NOT_FOUND, "id", "no finding %lld", (long long)id)
						: err->code;
		goto end;
	}
	const char *status = json_string_value(json_object_get(row, "status"));
	if (strcmp(status, "awaiting_verification") != 0) {
		rc = err_set(err, ERR_CONFLICT, "status",
			     "finding %lld is %s: only a completed remediation is verified", (long long)id, status);
		goto end;
	}
	if (run(c, SET, err, "itttt", id, accepted ? "accepted" : "returned", accepted ? NULL : reason, now,
		by) != ERR_OK)
		rc = err->code;
	else if (!accepted && run(c, REOPEN, err, "i", json_integer_value(json_object_get(row, "assignment_id"))) !=
				       ERR_OK)
		rc = err->code;
end:
	rc = tx_close(st, c, rc, err);
	json_decref(row);
	return rc;
}
