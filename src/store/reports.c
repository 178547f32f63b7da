/* reports.c — progress reports, their evidence and confirmations. */
#include "base/base.h"
#include "store/db.h"

enum err_code store_report_add(struct store *st, const struct report_new *r, int64_t *id, struct err *err)
{
	static const char BY_KEY[] = "SELECT id FROM report WHERE request_key = ?1";
	static const char ASG[] = "SELECT completed_on FROM assignment WHERE id = ?1";
	static const char INS[] =
		"INSERT INTO report(assignment_id, percent, note, completed_on, reported_on, reporter, "
		"request_key, created_at, reporter_note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id";
	static const char INS_EV[] =
		"INSERT INTO evidence(report_id, sha256, filename, mime, size) VALUES (?1, ?2, ?3, ?4, ?5)";
	static const char UPD[] =
		"UPDATE assignment SET percent = ?2, first_report_on = coalesce(first_report_on, ?3), "
		"completed_on = ?4 WHERE id = ?1";
	static const char CONFIRM[] =
		"INSERT INTO report_confirmation(report_id, confirmed_by, confirmed_at) VALUES (?1, ?2, ?3)";
	char now[21];
	now_utc(now);
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc != ERR_OK)
		return rc;
	if (r->request_key) {
		int64_t first;
		rc = int1(c, BY_KEY, &first, err, "t", r->request_key);
		if (rc == ERR_OK) {
			if (id)
				*id = first;
			rc = err_set(err, ERR_CONFLICT, "request_key",
				     "this report was already received as report %lld", (long long)first);
		}
		if (rc != ERR_NOT_FOUND)
			goto end;
		rc = ERR_OK;
	}
	json_t *asg = row1(c, ASG, err, "i", r->assignment_id);
	if (!asg) {
		rc = err->code == ERR_NOT_FOUND
			     ? err_set(err, ERR_NOT_FOUND, "assignment_id", "no assignment %lld",
				       (long long)r->assignment_id)
			     : err->code;
		goto end;
	}
	int completed = !json_is_null(json_object_get(asg, "completed_on"));
	json_decref(asg);
	if (completed) {
		rc = err_set(err, ERR_CONFLICT, "assignment_id",
			     "assignment %lld is already completed; reports after completion are refused",
			     (long long)r->assignment_id);
		goto end;
	}
	int64_t report_id;
	if (int1(c, INS, &report_id, err, "iittttttt", r->assignment_id, (int64_t)r->percent, r->note,
		r->completed_on, r->reported_on, r->reporter, r->request_key, now, r->reporter_note) != ERR_OK) {
		rc = err->code;
		goto end;
	}
	for (size_t i = 0; i < r->nev; i++)
		if (run(c, INS_EV, err, "ittti", report_id, r->ev[i].sha256, r->ev[i].filename,
			r->ev[i].mime, r->ev[i].size) != ERR_OK) {
			rc = err->code;
			goto end;
		}
	if (run(c, UPD, err, "iitt", r->assignment_id, (int64_t)r->percent, r->reported_on,
		r->completed_on) != ERR_OK) {
		rc = err->code;
		goto end;
	}
	if (r->confirmed_by && run(c, CONFIRM, err, "itt", report_id, r->confirmed_by, now) != ERR_OK) {
		rc = err->code;
		goto end;
	}
	if (id)
		*id = report_id;
end:
	return tx_close(st, c, rc, err);
}

#define REPORT_COLUMNS "r.id, r.assignment_id, r.percent, r.note, r.completed_on, r.reported_on, " \
	"r.reporter, r.reporter_note, r.created_at, rc.confirmed_by, rc.confirmed_at"
#define REPORT_FROM " FROM report r LEFT JOIN report_confirmation rc ON rc.report_id = r.id "

/* Adds each report's "evidence" list; NULL (reports released) on error. */
static json_t *with_evidence(struct conn *c, json_t *reports, struct err *err)
{
	static const char EV[] =
		"SELECT sha256, filename, mime, size FROM evidence WHERE report_id = ?1 ORDER BY rowid";
	size_t i;
	json_t *r;
	json_array_foreach(reports, i, r) {
		json_t *ev = rows(c, EV, err, "i", json_integer_value(json_object_get(r, "id")));
		if (!ev) {
			json_decref(reports);
			return NULL;
		}
		json_object_set_new(r, "evidence", ev);
	}
	return reports;
}

json_t *store_reports(struct store *st, int64_t assignment_id, struct err *err)
{
	static const char SQL[] = "SELECT " REPORT_COLUMNS REPORT_FROM "WHERE r.assignment_id = ?1 ORDER BY r.id";
	struct conn *c = conn_get(st);
	json_t *out = with_evidence(c, rows(c, SQL, err, "i", assignment_id), err);
	conn_put(st, c);
	return out;
}

json_t *store_report_get(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] = "SELECT " REPORT_COLUMNS REPORT_FROM "WHERE r.id = ?1";
	struct conn *c = conn_get(st);
	json_t *out = with_evidence(c, rows(c, SQL, err, "i", id), err);
	conn_put(st, c);
	json_t *one = json_incref(json_array_get(out, 0));
	if (out && !one)
		err_set(err, ERR_NOT_FOUND, "id", "no report %lld", (long long)id);
	json_decref(out);
	return one;
}

enum err_code store_report_confirm(struct store *st, int64_t report_id, const char *by, struct err *err)
{
	static const char SQL[] =
		"INSERT INTO report_confirmation(report_id, confirmed_by, confirmed_at) VALUES (?1, ?2, ?3)";
	char now[21];
	now_utc(now);
	static const char EXISTS[] = "SELECT id FROM report WHERE id = ?1";
	struct conn *c;
	int64_t found;
	enum err_code rc = tx_open(st, &c, err);
	if (rc)
		return rc;
	if ((rc = int1(c, EXISTS, &found, err, "i", report_id)) == ERR_NOT_FOUND)
		rc = err_set(err, ERR_NOT_FOUND, "id", "no report %lld", (long long)report_id);
	if (!rc && run(c, SQL, err, "itt", report_id, by, now) != ERR_OK) {
		rc = err->code;
		if (rc == ERR_CONFLICT)
			rc = err_set(err, ERR_CONFLICT, "id", "report %lld is confirmed already", (long long)report_id);
	}
	return tx_close(st, c, rc, err);
}

json_t *store_evidence_get(struct store *st, const char *sha256, struct err *err)
{
	static const char SQL[] =
		"SELECT e.sha256, e.filename, e.mime, e.size, a.unit_id, f.lead_unit_id AS field_lead_unit_id "
		"FROM evidence e JOIN report r ON r.id = e.report_id JOIN assignment a ON a.id = r.assignment_id "
		"LEFT JOIN field f ON f.id = a.field_id WHERE e.sha256 = ?1 "
		/* PAR evidence (issue 14): the appraiser leads the PAR direction field. */
		"UNION ALL SELECT p.sha256, p.filename, p.mime, p.size, a.unit_id, f.lead_unit_id "
		"FROM par_evidence p JOIN par_assessment a ON a.id = p.assessment_id "
		"LEFT JOIN field f ON f.code = 'CDDH' WHERE p.sha256 = ?1 LIMIT 1";
	return query_row(st, SQL, err, "t", sha256);
}
