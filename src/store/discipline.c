/* discipline.c — discipline cases, their steps and every look at them (issue 15). */
#include "base/base.h"
#include "store/db.h"

#include <stdio.h>

char *store_discipline_setting(struct store *st, const char *key)
{
	static const char SQL[] = "SELECT value FROM discipline_setting WHERE key = ?1";
	return query_text(st, SQL, "t", key);
}

json_t *store_discipline_forms(struct store *st, struct err *err)
{
	static const char SQL[] =
		"SELECT code, grp, valid_from, valid_to, seq, name, applies_to, source FROM discipline_form "
		"ORDER BY grp, valid_from DESC, seq";
	return query_rows(st, SQL, err, "");
}

enum err_code store_discipline_case_add(struct store *st, const struct discipline_case_new *d, int64_t *id,
					struct err *err)
{
	static const char INS[] =
		"INSERT INTO discipline_case(unit_id, person_name, position, grp, is_leader, act, severity, "
		"occurred_on, discovered_on, decision_due, extension_reason, created_at, created_by) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id";
	static const char FINDING[] = "SELECT id FROM finding WHERE id = ?1";
	static const char TASK[] = "SELECT id FROM task WHERE id = ?1";
	static const char LINK[] =
		"INSERT INTO discipline_link(case_id, finding_id, task_id) VALUES (?1, NULLIF(?2, 0), NULLIF(?3, 0))";
	char now[21];
	now_utc(now);
	int64_t new_id = 0, found;
	struct conn *c = conn_get(st);
	enum err_code rc = tx_begin(st, c, err);
	if (rc)
		goto out;
	if ((rc = int1(c, INS, &new_id, err, "itttitt" "tttttt", d->unit_id, d->person_name, d->position, d->grp,
		       (int64_t)d->is_leader, d->act, d->severity, d->occurred_on, d->discovered_on, d->decision_due,
		       d->extension_reason, now, d->by)))
		goto end;
	for (size_t k = 0; k < d->nfindings + d->ntasks && !rc; k++) {
		int finding = k < d->nfindings;
		int64_t ref = finding ? d->findings[k] : d->tasks[k - d->nfindings];
		if ((rc = int1(c, finding ? FINDING : TASK, &found, err, "i", ref))) {
			if (rc == ERR_NOT_FOUND)
				err_set(err, ERR_NOT_FOUND, finding ? "findings" : "tasks", "no %s %lld",
					finding ? "finding" : "task", (long long)ref);
		} else if (run(c, LINK, err, "iii", new_id, finding ? ref : 0, finding ? 0 : ref) != ERR_OK) {
			rc = err->code;
		}
	}
end:
	rc = tx_end(st, c, rc, err);
	if (rc == ERR_OK && id)
		*id = new_id;
out:
	conn_put(st, c);
	return rc;
}

#define CASE_COLUMNS "d.id, d.unit_id, u.code AS unit_code, u.name AS unit_name, d.person_name, d.position, " \
	"d.grp, d.is_leader, d.act, d.severity, s.name AS severity_name, d.occurred_on, d.discovered_on, " \
	"d.decision_due, d.extension_reason, d.status, d.review_on, d.review_note, d.council_on, " \
	"d.council_note, d.decision_on, d.decision_note, d.decision_number, d.decision_issuer, d.form, " \
	"(SELECT f.name FROM discipline_form f WHERE f.code = d.form AND f.grp = d.grp " \
	" AND f.valid_from <= d.decision_on AND (f.valid_to IS NULL OR d.decision_on < f.valid_to)) AS form_name, " \
	"d.created_at, d.created_by " \
	"FROM discipline_case d JOIN unit u ON u.id = d.unit_id JOIN finding_severity s ON s.code = d.severity "

json_t *store_discipline_cases(struct store *st, int64_t unit_id, int year, const char *status,
			       struct err *err)
{
	static const char SQL[] =
		"SELECT " CASE_COLUMNS "WHERE (?1 = 0 OR d.unit_id = ?1) AND (CAST(?2 AS TEXT) IS NULL OR d.status = ?2) "
		"AND (CAST(?3 AS TEXT) IS NULL OR (d.discovered_on >= ?3 AND d.discovered_on < ?4)) "
		"ORDER BY d.discovered_on DESC, d.id DESC";
	char from[24], to[24];
	snprintf(from, sizeof from, "%04d-01-01", year);
	snprintf(to, sizeof to, "%04d-01-01", year + 1);
	return query_rows(st, SQL, err, "itt" "t", unit_id, status, year ? from : NULL, to);
}

json_t *store_discipline_case_get(struct store *st, int64_t id, struct err *err)
{
	static const char ONE[] = "SELECT " CASE_COLUMNS "WHERE d.id = ?1";
	static const char LINKS[] =
		"SELECT l.finding_id, l.task_id, coalesce(f.content, t.title) AS title FROM discipline_link l "
		"LEFT JOIN finding f ON f.id = l.finding_id LEFT JOIN task t ON t.id = l.task_id "
		"WHERE l.case_id = ?1 ORDER BY l.id";
	struct conn *c = conn_get(st);
	json_t *out = row1(c, ONE, err, "i", id), *links = NULL;
	if (!out) {
		if (err->code == ERR_NOT_FOUND)
			err_set(err, ERR_NOT_FOUND, "id", "no discipline case %lld", (long long)id);
	} else if (!(links = rows(c, LINKS, err, "i", id))) {
		json_decref(out);
		out = NULL;
	} else {
		json_object_set_new(out, "links", links);
	}
	conn_put(st, c);
	return out;
}

enum err_code store_discipline_step(struct store *st, int64_t id, const struct discipline_step *s,
				    struct err *err)
{
	static const char STATUS[] = "SELECT status FROM discipline_case WHERE id = ?1";
	static const char SQL[] =
		"UPDATE discipline_case SET status = ?2, "
		"review_on = CASE WHEN ?2 = 'reviewed' THEN ?3 ELSE review_on END, "
		"review_note = CASE WHEN ?2 = 'reviewed' THEN ?4 ELSE review_note END, "
		"council_on = CASE WHEN ?2 = 'council' THEN ?3 ELSE council_on END, "
		"council_note = CASE WHEN ?2 = 'council' THEN ?4 ELSE council_note END, "
		"decision_on = CASE WHEN ?2 = 'decided' THEN ?3 ELSE decision_on END, "
		"decision_note = CASE WHEN ?2 = 'decided' THEN ?4 ELSE decision_note END, "
		"decision_number = ?5, decision_issuer = ?6, form = ?7 "
		"WHERE id = ?1 AND status = ?8 RETURNING id";
	int64_t done;
	struct conn *c = conn_get(st);
	enum err_code rc = tx_begin(st, c, err);
	if (rc)
		goto out;
	rc = int1(c, SQL, &done, err, "itttttt" "t", id, s->status, s->on, s->note, s->number, s->issuer, s->form,
		  s->from_status);
	if (rc == ERR_NOT_FOUND)
		rc = step_refused(c, STATUS, id, "discipline case", s->status, err);
	rc = tx_end(st, c, rc, err);
out:
	conn_put(st, c);
	return rc;
}

enum err_code store_discipline_view_add(struct store *st, int64_t case_id, const char *shown, const char *viewer,
					struct err *err)
{
	static const char SEEN[] =
		"INSERT INTO discipline_view(case_id, shown, viewed_at, viewer) VALUES (NULLIF(?1, 0), ?2, ?3, ?4)";
	static const char REFUSED[] =
		"INSERT INTO discipline_view_refused(case_id, viewed_at, viewer) VALUES (NULLIF(?1, 0), ?2, ?3)";
	char now[21];
	now_utc(now);
	if (shown)
		return write1(st, NULL, NULL, err, SEEN, "ittt", case_id, shown, now, viewer);
	return write1(st, NULL, NULL, err, REFUSED, "itt", case_id, now, viewer);
}

json_t *store_discipline_counts(struct store *st, int year, struct err *err)
{
	static const char SQL[] =
		"SELECT u.id AS unit_id, u.code AS unit_code, u.name AS unit_name, "
		"sum(CASE WHEN d.discovered_on >= ?1 AND d.discovered_on < ?2 THEN 1 ELSE 0 END) AS cases, "
		"sum(CASE WHEN d.decision_on >= ?1 AND d.decision_on < ?2 THEN 1 ELSE 0 END) AS decided "
		"FROM discipline_case d JOIN unit u ON u.id = d.unit_id "
		"WHERE (d.discovered_on >= ?1 AND d.discovered_on < ?2) OR (d.decision_on >= ?1 AND d.decision_on < ?2) "
		"GROUP BY u.id, u.code, u.name ORDER BY u.code";
	char from[24], to[24];
	snprintf(from, sizeof from, "%04d-01-01", year);
	snprintf(to, sizeof to, "%04d-01-01", year + 1);
	return query_rows(st, SQL, err, "tt", from, to);
}
