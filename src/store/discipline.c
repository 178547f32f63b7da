/* discipline.c — discipline cases, their steps and every look at them (issue 15). */
#include "base/base.h"
#include "store/db.h"

#include <stdio.h>
#include <string.h>

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
		"occurred_on, discovered_on, decision_due, extension_reason, created_at, created_by, limitation_kind, "
		"limitation_until) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) RETURNING id";
	static const char FINDING[] = "SELECT id FROM finding WHERE id = ?1";
	static const char TASK[] = "SELECT id FROM task WHERE id = ?1";
	static const char LINK[] =
		"INSERT INTO discipline_link(case_id, finding_id, task_id) VALUES (?1, NULLIF(?2, 0), NULLIF(?3, 0))";
	static const char RESTART[] = "UPDATE discipline_case SET limitation_until = ?2 WHERE id = ?1";
	char now[21];
	now_utc(now);
	int64_t new_id = 0, found;
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc)
		return rc;
	if ((rc = int1(c, INS, &new_id, err, "itttitt" "tttttt" "tt", d->unit_id, d->person_name, d->position, d->grp,
		       (int64_t)d->is_leader, d->act, d->severity, d->occurred_on, d->discovered_on, d->decision_due,
		       d->extension_reason, now, d->by, d->limitation_kind, d->limitation_until)))
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
	for (size_t k = 0; k < d->nrestarts && !rc; k++)
		rc = run(c, RESTART, err, "it", d->restarts[k].case_id, d->restarts[k].until);
end:
	rc = tx_close(st, c, rc, err);
	if (rc == ERR_OK && id)
		*id = new_id;
	return rc;
}

#define CASE_COLUMNS "d.id, d.unit_id, u.code AS unit_code, u.name AS unit_name, d.person_name, d.position, " \
	"d.grp, d.is_leader, d.act, d.severity, s.name AS severity_name, d.occurred_on, d.discovered_on, " \
	"d.decision_due, d.extension_reason, d.status, d.review_on, d.review_note, d.council_on, " \
	"d.council_note, d.decision_on, d.decision_note, d.decision_number, d.decision_issuer, d.form, " \
	"(SELECT f.name FROM discipline_form f WHERE f.code = d.form AND f.grp = d.grp " \
	" AND f.valid_from <= d.decision_on AND (f.valid_to IS NULL OR d.decision_on < f.valid_to)) AS form_name, " \
	"d.created_at, d.created_by, d.limitation_kind, d.limitation_until, d.limitation_override, " \
	"d.paused_since, d.pause_reason, d.exempt_on, d.exempt_reason " \
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
		"decision_number = ?5, decision_issuer = ?6, form = ?7, "
		"limitation_override = CASE WHEN ?2 = 'decided' THEN ?9 ELSE limitation_override END "
		"WHERE id = ?1 AND status = ?8 AND paused_since IS NULL AND exempt_on IS NULL RETURNING id";
	int64_t done;
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc)
		return rc;
	rc = int1(c, SQL, &done, err, "itttttt" "tt", id, s->status, s->on, s->note, s->number, s->issuer, s->form,
		  s->from_status, s->limitation_override);
	if (rc == ERR_NOT_FOUND)
		rc = step_refused(c, STATUS, id, "discipline case", s->status, err);
	return tx_close(st, c, rc, err);
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

/* ---- rules and documents (0016) ----------------------------------------- */

json_t *store_discipline_limitation(struct store *st, const char *grp, const char *on, const char *kind,
				    struct err *err)
{
	static const char SQL[] =
		"SELECT kind, years, name, source FROM discipline_limitation WHERE grp = ?1 AND kind = ?3 "
		"AND valid_from <= ?2 AND (valid_to IS NULL OR ?2 < valid_to)";
	json_t *row = query_row(st, SQL, err, "ttt", grp, on, kind);
	if (!row && err->code == ERR_NOT_FOUND)
		err_set(err, ERR_INVALID, "limitation_kind",
			"'limitation_kind' must be khien_trach, other, party_expulsion, political_protection, "
			"national_interest or false_degree (none known for this group on %s)", on);
	return row;
}

char *store_discipline_reason(struct store *st, const char *kind, const char *code)
{
	static const char SQL[] = "SELECT name FROM discipline_reason WHERE kind = ?1 AND code = ?2";
	return query_text(st, SQL, "tt", kind, code);
}

enum err_code store_discipline_event(struct store *st, int64_t case_id, const struct discipline_event *e,
				     struct err *err)
{
	static const char INS[] =
		"INSERT INTO discipline_event(case_id, kind, on_date, reason, note, days, at, by_actor) "
		"VALUES (?1, ?2, ?3, ?4, ?5, NULLIF(?6, -1), ?7, ?8) RETURNING id";
	static const char PAUSE[] =
		"UPDATE discipline_case SET paused_since = ?2, pause_reason = ?3 WHERE id = ?1 "
		"AND paused_since IS NULL AND exempt_on IS NULL AND status <> 'decided' RETURNING id";
	static const char RESUME[] =
		"UPDATE discipline_case SET paused_since = NULL, pause_reason = NULL, decision_due = ?3 "
		"WHERE id = ?1 AND paused_since IS NOT NULL AND paused_since <= ?2 RETURNING id";
	static const char EXEMPT[] =
		"UPDATE discipline_case SET exempt_on = ?2, exempt_reason = ?3 WHERE id = ?1 "
		"AND paused_since IS NULL AND exempt_on IS NULL AND status <> 'decided' RETURNING id";
	char now[21];
	now_utc(now);
	int64_t done;
	const char *sql = strcmp(e->kind, "pause") == 0 ? PAUSE : strcmp(e->kind, "resume") == 0 ? RESUME : EXEMPT;
	const char *third = strcmp(e->kind, "resume") == 0 ? e->decision_due : e->reason;
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc)
		return rc;
	rc = int1(c, sql, &done, err, "itt", case_id, e->on, third);
	if (rc == ERR_NOT_FOUND)
		rc = err_set(err, ERR_CONFLICT, "step", "the case cannot be %s now",
			     strcmp(e->kind, "pause") == 0 ? "paused" : strcmp(e->kind, "resume") == 0 ? "resumed"
												 : "exempted");
	if (rc == ERR_OK)
		rc = int1(c, INS, &done, err, "itttti" "tt", case_id, e->kind, e->on, e->reason, e->note, e->days, now,
			  e->by);
	return tx_close(st, c, rc, err);
}

json_t *store_discipline_events(struct store *st, int64_t case_id, struct err *err)
{
	static const char SQL[] =
		"SELECT kind, on_date, reason, note, days, at, by_actor FROM discipline_event WHERE case_id = ?1 "
		"ORDER BY id";
	return query_rows(st, SQL, err, "i", case_id);
}

json_t *store_discipline_prior(struct store *st, int64_t case_id, struct err *err)
{
	static const char SQL[] =
		"SELECT p.id, p.grp, p.form, p.decision_on FROM discipline_case p JOIN discipline_case d "
		"ON d.id = ?1 AND p.person_name = d.person_name AND p.unit_id = d.unit_id AND p.id <> d.id "
		"WHERE p.status = 'decided' ORDER BY p.decision_on DESC, p.id DESC";
	return query_rows(st, SQL, err, "i", case_id);
}

json_t *store_discipline_person_clocks(struct store *st, int64_t unit_id, const char *person_name,
				       struct err *err)
{
	static const char SQL[] =
		"SELECT d.id, d.occurred_on, d.limitation_until, coalesce(d.decision_on, d.exempt_on) AS closed_on, "
		"l.years FROM discipline_case d LEFT JOIN discipline_limitation l ON l.grp = d.grp "
		"AND l.kind = d.limitation_kind AND l.valid_from <= d.discovered_on "
		"AND (l.valid_to IS NULL OR d.discovered_on < l.valid_to) "
		"WHERE d.unit_id = ?1 AND d.person_name = ?2 "
		"ORDER BY d.occurred_on, d.id";
	return query_rows(st, SQL, err, "it", unit_id, person_name);
}

/* The same statements for each owner's table. */
static const char *const DOC_ADD[] = {
	"INSERT INTO discipline_document(case_id, sha256, filename, mime, size, uploaded_at, uploaded_by) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
	"INSERT INTO inspection_document(inspection_id, sha256, filename, mime, size, uploaded_at, uploaded_by) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id"};
static const char *const DOC_LIST[] = {
	"SELECT id, sha256, filename, mime, size, uploaded_at, uploaded_by FROM discipline_document "
	"WHERE case_id = ?1 AND (?2 = 0 OR id = ?2) ORDER BY id",
	"SELECT id, sha256, filename, mime, size, uploaded_at, uploaded_by FROM inspection_document "
	"WHERE inspection_id = ?1 AND (?2 = 0 OR id = ?2) ORDER BY id"};

enum err_code store_case_document_add(struct store *st, enum case_document_owner owner, int64_t owner_id,
				      const struct evidence_new *ev, const char *by, int64_t *id, struct err *err)
{
	char now[21];
	now_utc(now);
	return write1(st, id, NULL, err, DOC_ADD[owner], "itttitt", owner_id, ev->sha256, ev->filename, ev->mime,
		      ev->size, now, by);
}

json_t *store_case_documents(struct store *st, enum case_document_owner owner, int64_t owner_id, struct err *err)
{
	return query_rows(st, DOC_LIST[owner], err, "ii", owner_id, (int64_t)0);
}

json_t *store_case_document_get(struct store *st, enum case_document_owner owner, int64_t owner_id, int64_t id,
				struct err *err)
{
	json_t *row = query_row(st, DOC_LIST[owner], err, "ii", owner_id, id);
	if (!row && err->code == ERR_NOT_FOUND)
		err_set(err, ERR_NOT_FOUND, "document", "no document %lld here", (long long)id);
	return row;
}
