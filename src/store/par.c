/* par.c — the PAR index (issue 14). */
#include "base/base.h"
#include "store/db.h"

#define PAR_SET_COLUMNS "s.id, s.year, s.kind, s.version, s.name, s.note, s.is_example, s.bands, " \
	"s.copied_from, s.previous_id, s.created_at, s.created_by, " \
	"(SELECT count(*) FROM par_node n WHERE n.set_id = s.id) AS nodes, " \
	"(SELECT count(*) FROM par_assessment a WHERE a.set_id = s.id) AS assessments FROM par_set s "

#define PAR_ASSESSMENT_COLUMNS "a.id, a.set_id, a.unit_id, u.code AS unit_code, u.name AS unit_name, " \
	"u.kind AS unit_kind, a.year, s.kind, s.version, a.status, a.created_at, a.created_by, a.updated_at, " \
	"a.submitted_at, a.submitted_by, a.taken_at, a.taken_by, a.appraised_at, a.appraised_by, " \
	"a.approved_at, a.approved_by " \
	"FROM par_assessment a JOIN unit u ON u.id = a.unit_id JOIN par_set s ON s.id = a.set_id "

/* Set id, unused, takes s: its nodes removed, its name and notes s's. */
static enum err_code par_set_reuse(struct conn *c, int64_t id, const struct par_set_new *s, const char *now,
				   struct err *err)
{
	static const char CLEAR[] = "DELETE FROM par_node WHERE set_id = ?1";
	static const char RENAME[] =
		"UPDATE par_set SET name = ?2, note = ?3, is_example = ?4, bands = ?5, created_at = ?6, "
		"created_by = ?7 WHERE id = ?1";
	if (run(c, CLEAR, err, "i", id) != ERR_OK ||
	    run(c, RENAME, err, "ittitt" "t", id, s->name, s->note, (int64_t)s->is_example, s->bands, now,
		s->by) != ERR_OK)
		return err->code;
	return ERR_OK;
}

/* The set the import writes to: the latest unused version of (year, kind)
 * with its nodes removed, or a new version. */
static enum err_code par_set_target(struct conn *c, const struct par_set_new *s, const char *now, int64_t *id,
				    struct err *err)
{
	static const char LATEST[] =
		"SELECT id FROM par_set WHERE year = ?1 AND kind = ?2 AND NOT EXISTS "
		"(SELECT 1 FROM par_assessment a WHERE a.set_id = par_set.id) "
		"AND version = (SELECT max(version) FROM par_set WHERE year = ?1 AND kind = ?2)";
	static const char INSERT[] =
		"INSERT INTO par_set(year, kind, version, name, note, is_example, bands, copied_from, created_at, "
		"created_by, previous_id) VALUES (?1, ?2, (SELECT coalesce(max(version), 0) + 1 FROM par_set "
		"WHERE year = ?1 AND kind = ?2), ?3, ?4, ?5, ?6, nullif(?7, 0), ?8, ?9, "
		"(SELECT id FROM par_set WHERE year = ?1 AND kind = ?2 ORDER BY version DESC LIMIT 1)) RETURNING id";
	enum err_code rc = int1(c, LATEST, id, err, "it", (int64_t)s->year, s->kind);
	if (rc == ERR_OK)
		return par_set_reuse(c, *id, s, now, err);
	if (rc != ERR_NOT_FOUND)
		return rc;
	if (int1(c, INSERT, id, err, "itttit" "itt", (int64_t)s->year, s->kind, s->name, s->note,
		(int64_t)s->is_example, s->bands, s->copied_from, now, s->by) != ERR_OK)
		return err->code;
	return ERR_OK;
}

/* The set an edit of set id writes to: id itself, its nodes removed, when
 * no assessment uses it; else a new version after the latest of its year
 * and kind, pointing back to id. */
static enum err_code par_set_edit_target(struct conn *c, int64_t id, const struct par_set_new *s, const char *now,
					 int64_t *out, struct err *err)
{
	static const char USED[] =
		"SELECT CASE WHEN EXISTS (SELECT 1 FROM par_assessment a WHERE a.set_id = s.id) THEN 1 ELSE 0 END "
		"FROM par_set s WHERE s.id = ?1";
	static const char VERSION[] =
		"INSERT INTO par_set(year, kind, version, name, note, is_example, bands, copied_from, created_at, "
		"created_by, previous_id) SELECT year, kind, (SELECT max(version) + 1 FROM par_set v WHERE "
		"v.year = s.year AND v.kind = s.kind), ?2, ?3, ?4, ?5, copied_from, ?6, ?7, id FROM par_set s "
		"WHERE s.id = ?1 RETURNING id";
	int64_t used = 0;
	enum err_code rc = int1(c, USED, &used, err, "i", id);
	if (rc == ERR_NOT_FOUND)
		return err_set(err, ERR_NOT_FOUND, "id", "no criteria set %lld", (long long)id);
	if (rc)
		return rc;
	if (used)
		return int1(c, VERSION, out, err, "ittitt" "t", id, s->name, s->note, (int64_t)s->is_example, s->bands,
			    now, s->by);
	*out = id;
	return par_set_reuse(c, id, s, now, err);
}

/* Writes s into set edit_id (0: the set par_set_target picks). */
static enum err_code par_set_write(struct store *st, int64_t edit_id, const struct par_set_new *s, int64_t *id,
				   struct err *err)
{
	static const char NODE[] =
		"INSERT INTO par_node(set_id, seq, code, parent_code, level, name, max_points, rule, rule_params, "
		"evidence, scored_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
	char now[21];
	now_utc(now);
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc)
		return rc;
	rc = edit_id ? par_set_edit_target(c, edit_id, s, now, id, err) : par_set_target(c, s, now, id, err);
	for (size_t i = 0; i < s->nnodes && !rc; i++) {
		const struct par_node_new *n = &s->nodes[i];
		if (run(c, NODE, err, "iittit" "dtttt", *id, (int64_t)i + 1, n->code, n->parent_code,
			(int64_t)n->level, n->name, n->max_points, n->rule, n->rule_params, n->evidence,
			n->scored_by) != ERR_OK)
			rc = err->code;
	}
	return tx_close(st, c, rc, err);
}

enum err_code store_par_set_put(struct store *st, const struct par_set_new *s, int64_t *id, struct err *err)
{
	return par_set_write(st, 0, s, id, err);
}

enum err_code store_par_set_edit(struct store *st, int64_t id, const struct par_set_new *s, int64_t *new_id,
				 struct err *err)
{
	return par_set_write(st, id, s, new_id, err);
}

json_t *store_par_sets(struct store *st, struct err *err)
{
	static const char SQL[] = "SELECT " PAR_SET_COLUMNS "ORDER BY s.year, s.kind, s.version";
	return query_rows(st, SQL, err, "");
}

json_t *store_par_set_get(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] = "SELECT " PAR_SET_COLUMNS "WHERE s.id = ?1";
	json_t *out = query_row(st, SQL, err, "i", id);
	if (!out && err->code == ERR_NOT_FOUND)
		err_set(err, ERR_NOT_FOUND, "id", "no criteria set %lld", (long long)id);
	return out;
}

int64_t store_par_set_latest(struct store *st, int year, const char *kind)
{
	static const char SQL[] = "SELECT id FROM par_set WHERE year = ?1 AND kind = ?2 ORDER BY version DESC LIMIT 1";
	return query_int_or_0(st, SQL, "it", (int64_t)year, kind);
}

json_t *store_par_nodes(struct store *st, int64_t set_id, struct err *err)
{
	static const char SQL[] =
		"SELECT id, seq, code, parent_code, level, name, max_points, rule, rule_params, evidence, scored_by "
		"FROM par_node WHERE set_id = ?1 ORDER BY seq";
	return query_rows(st, SQL, err, "i", set_id);
}

enum err_code store_par_assessment_add(struct store *st, int64_t set_id, int64_t unit_id, int year,
				       const char *by, int64_t *id, struct err *err)
{
	static const char SQL[] =
		"INSERT INTO par_assessment(set_id, unit_id, year, created_at, created_by, updated_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?4) RETURNING id";
	char now[21];
	now_utc(now);
	enum err_code rc = write1(st, id, NULL, err, SQL, "iiitt", set_id, unit_id, (int64_t)year, now, by);
	if (rc == ERR_CONFLICT)
		err_set(err, ERR_CONFLICT, "unit", "unit %lld already has an assessment for %d on this set",
			(long long)unit_id, year);
	return rc;
}

json_t *store_par_assessment_get(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] = "SELECT " PAR_ASSESSMENT_COLUMNS "WHERE a.id = ?1";
	json_t *out = query_row(st, SQL, err, "i", id);
	if (!out && err->code == ERR_NOT_FOUND)
		err_set(err, ERR_NOT_FOUND, "id", "no assessment %lld", (long long)id);
	return out;
}

json_t *store_par_assessments(struct store *st, int year, const char *kind, struct err *err)
{
	static const char SQL[] = "SELECT " PAR_ASSESSMENT_COLUMNS
		"WHERE a.year = ?1 AND (?2 IS NULL OR s.kind = ?2) ORDER BY u.code, a.id";
	return query_rows(st, SQL, err, "it", (int64_t)year, kind);
}

json_t *store_par_scores(struct store *st, int64_t assessment_id, struct err *err)
{
	static const char SQL[] =
		"SELECT node_id, self_points, self_note, appraised_points, appraisal_reason, updated_at, updated_by "
		"FROM par_score WHERE assessment_id = ?1 ORDER BY node_id";
	return query_rows(st, SQL, err, "i", assessment_id);
}

struct score_rows {
	void (*fn)(void *ctx, const struct par_score_row *s);
	void *ctx;
};

static int score_row(void *ctx, const struct dbrow *r)
{
	struct score_rows *s = ctx;
	struct par_score_row row = {
		.assessment_id = col_int(r, 0), .node_id = col_int(r, 1),
		.self_points = col_double(r, 2),
		.appraised = !col_null(r, 3),
		.appraised_points = col_double(r, 3)};
	s->fn(s->ctx, &row);
	return 0;
}

enum err_code store_par_year_scores(struct store *st, int year, const char *kind,
				    void (*fn)(void *ctx, const struct par_score_row *s), void *ctx, struct err *err)
{
	static const char SQL[] =
		"SELECT c.assessment_id, c.node_id, c.self_points, c.appraised_points FROM par_score c "
		"JOIN par_assessment a ON a.id = c.assessment_id JOIN par_set s ON s.id = a.set_id "
		"WHERE a.year = ?1 AND (CAST(?2 AS TEXT) IS NULL OR s.kind = ?2) ORDER BY c.assessment_id";
	struct score_rows s = {fn, ctx};
	struct conn *c = conn_get(st);
	enum err_code rc = each(c, SQL, score_row, &s, err, "it", (int64_t)year, kind);
	conn_put(st, c);
	return rc;
}

/* What a refused step reports (step_refused). */
static const char PAR_STATUS[] = "SELECT status FROM par_assessment WHERE id = ?1";

/* Runs sql (an UPDATE of assessment ?1 with ?2 now, ?3 by) inside c's
 * transaction; ERR_CONFLICT or ERR_NOT_FOUND when it changes nothing. */
static enum err_code par_step(struct conn *c, const char *sql, int64_t id, const char *now, const char *by,
			      const char *what, struct err *err)
{
	if (run(c, sql, err, "itt", id, now, by) != ERR_OK)
		return err->code;
	return db_changes(c) ? ERR_OK : step_refused(c, PAR_STATUS, id, "assessment", what, err);
}

/* The points of s[0..n) (self or appraised) inside c's transaction, after
 * the step that allows them. */
static enum err_code scores_write(struct conn *c, int64_t assessment_id, const struct par_score_set *s, size_t n,
				  int appraisal, const char *now, const char *by, struct err *err)
{
	static const char TOUCH_DRAFT[] =
		"UPDATE par_assessment SET updated_at = ?2 WHERE id = ?1 AND status = 'draft' AND ?3 IS NOT NULL";
	static const char APPRAISE[] =
		"UPDATE par_assessment SET status = 'appraised', updated_at = ?2, appraised_at = ?2, appraised_by = ?3 "
		"WHERE id = ?1 AND status IN ('submitted', 'under_appraisal')";
	static const char SELF[] =
		"INSERT INTO par_score(assessment_id, node_id, self_points, self_note, updated_at, updated_by) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (assessment_id, node_id) DO UPDATE SET "
		"self_points = excluded.self_points, self_note = excluded.self_note, "
		"updated_at = excluded.updated_at, updated_by = excluded.updated_by";
	static const char APPRAISED[] =
		"INSERT INTO par_score(assessment_id, node_id, appraised_points, appraisal_reason, updated_at, "
		"updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (assessment_id, node_id) DO UPDATE SET "
		"appraised_points = excluded.appraised_points, appraisal_reason = excluded.appraisal_reason, "
		"updated_at = excluded.updated_at, updated_by = excluded.updated_by";
	enum err_code rc = par_step(c, appraisal ? APPRAISE : TOUCH_DRAFT, assessment_id, now, by,
				    appraisal ? "appraised" : "scored", err);
	for (size_t i = 0; i < n && !rc; i++)
		if (run(c, appraisal ? APPRAISED : SELF, err, "iidttt", assessment_id, s[i].node_id, s[i].points,
			s[i].text ? s[i].text : "", now, by) != ERR_OK)
			rc = err->code;
	return rc;
}

enum err_code store_par_scores_put(struct store *st, int64_t assessment_id, const struct par_score_set *s,
				   size_t n, int appraisal, const char *by, struct err *err)
{
	char now[21];
	now_utc(now);
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (!rc)
		rc = tx_close(st, c, scores_write(c, assessment_id, s, n, appraisal, now, by, err), err);
	return rc;
}

enum err_code store_par_proposal_put(struct store *st, int64_t assessment_id, const char *by,
				     const struct par_proposal_decision *d, size_t n, struct err *err)
{
	static const char SQL[] =
		"INSERT INTO par_proposal(assessment_id, node_id, proposed, basis, decision, points, reason, "
		"decided_at, decided_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
		"ON CONFLICT (assessment_id, node_id) DO UPDATE SET "
		"proposed = excluded.proposed, basis = excluded.basis, decision = excluded.decision, "
		"points = excluded.points, reason = excluded.reason, decided_at = excluded.decided_at, "
		"decided_by = excluded.decided_by";
	char now[21];
	now_utc(now);
	/* The unit's points carry the reason of an override, else the basis. */
	struct par_score_set *self = xcalloc(n + 1, sizeof *self);
	for (size_t i = 0; i < n; i++)
		self[i] = (struct par_score_set){.node_id = d[i].node_id, .points = d[i].points,
						 .text = d[i].reason && *d[i].reason ? d[i].reason : d[i].basis};
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc)
		goto out;
	rc = scores_write(c, assessment_id, self, n, 0, now, by, err);
	for (size_t i = 0; i < n && !rc; i++)
		rc = run(c, SQL, err, "iidttdttt", assessment_id, d[i].node_id, d[i].proposed, d[i].basis,
			 d[i].decision, d[i].points, d[i].reason ? d[i].reason : "", now, by);
	rc = tx_close(st, c, rc, err);
out:
	free(self);
	return rc;
}

enum err_code store_par_submit(struct store *st, int64_t assessment_id, const char *by, struct err *err)
{
	static const char SQL[] =
		"UPDATE par_assessment SET status = 'submitted', updated_at = ?2, submitted_at = ?2, submitted_by = ?3 "
		"WHERE id = ?1 AND status = 'draft'";
	char now[21];
	now_utc(now);
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (!rc)
		rc = tx_close(st, c, par_step(c, SQL, assessment_id, now, by, "submitted", err), err);
	return rc;
}

json_t *store_par_bands(struct store *st, struct err *err)
{
	static const char SQL[] = "SELECT seq, name, min_percent FROM par_band ORDER BY min_percent DESC";
	return query_rows(st, SQL, err, "");
}

/* ---- the workflow after the submission -------------------------------- */

enum err_code store_par_step(struct store *st, int64_t id, enum par_step step, const char *reason, const char *by,
			     struct err *err)
{
	static const char *const sql[] = {
		[PAR_TAKE] = "UPDATE par_assessment SET status = 'under_appraisal', updated_at = ?2, taken_at = ?2, "
			     "taken_by = ?3 WHERE id = ?1 AND status = 'submitted'",
		[PAR_APPROVE] = "UPDATE par_assessment SET status = 'approved', updated_at = ?2, approved_at = ?2, "
				"approved_by = ?3 WHERE id = ?1 AND status = 'appraised'",
		[PAR_REOPEN] = "UPDATE par_assessment SET status = 'under_appraisal', updated_at = ?2 "
			       "WHERE id = ?1 AND status = 'approved' AND CAST(?3 AS TEXT) IS NOT NULL",
	};
	static const char *const what[] = {[PAR_TAKE] = "taken for appraisal", [PAR_APPROVE] = "approved",
					   [PAR_REOPEN] = "reopened"};
	static const char REASON[] =
		"INSERT INTO par_reopening(assessment_id, reason, reopened_at, reopened_by) VALUES (?1, ?2, ?3, ?4)";
	char now[21];
	now_utc(now);
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc)
		return rc;
	rc = par_step(c, sql[step], id, now, by, what[step], err);
	if (!rc && step == PAR_REOPEN && run(c, REASON, err, "ittt", id, reason, now, by) != ERR_OK)
		rc = err->code;
	return tx_close(st, c, rc, err);
}

enum err_code store_par_explain(struct store *st, int64_t id, const struct par_question *q, size_t n,
				const char *due_on, const char *by, struct err *err)
{
	static const char ASK[] =
		"UPDATE par_assessment SET status = 'explanation_requested', updated_at = ?2, "
		"taken_at = coalesce(taken_at, ?2), taken_by = coalesce(taken_by, ?3) "
		"WHERE id = ?1 AND status IN ('submitted', 'under_appraisal')";
	static const char QUESTION[] =
		"INSERT INTO par_explanation(assessment_id, node_id, question, asked_at, asked_by, due_on) "
		"VALUES (?1, nullif(?2, 0), ?3, ?4, ?5, ?6)";
	char now[21];
	now_utc(now);
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc)
		return rc;
	rc = par_step(c, ASK, id, now, by, "asked to explain", err);
	for (size_t i = 0; i < n && !rc; i++)
		if (run(c, QUESTION, err, "iittt" "t", id, q[i].node_id, q[i].text, now, by, due_on) != ERR_OK)
			rc = err->code;
	return tx_close(st, c, rc, err);
}

enum err_code store_par_answer(struct store *st, int64_t id, const struct par_answer *a, size_t n, const char *by,
			       struct err *err)
{
	static const char BACK[] =
		"UPDATE par_assessment SET status = 'under_appraisal', updated_at = ?2 "
		"WHERE id = ?1 AND status = 'explanation_requested' AND CAST(?3 AS TEXT) IS NOT NULL";
	static const char ANSWER[] =
		"UPDATE par_explanation SET answer = ?3, answered_at = ?4, answered_by = ?5 "
		"WHERE id = ?2 AND assessment_id = ?1 AND answer IS NULL";
	static const char OPEN[] =
		"SELECT id FROM par_explanation WHERE assessment_id = ?1 AND answer IS NULL ORDER BY id LIMIT 1";
	char now[21];
	now_utc(now);
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc)
		return rc;
	rc = par_step(c, BACK, id, now, by, "answered", err);
	for (size_t i = 0; i < n && !rc; i++) {
		if (run(c, ANSWER, err, "iittt", id, a[i].explanation_id, a[i].text, now, by) != ERR_OK)
			rc = err->code;
		else if (!db_changes(c))
			rc = err_set(err, ERR_INVALID, "answers", "answers[%zu]: %lld is no open question of this assessment",
				     i, (long long)a[i].explanation_id);
	}
	int64_t open = 0;
	if (!rc) {
		/* Every question is answered at once: the unit's reply is one. */
		rc = int1(c, OPEN, &open, err, "i", id);
		if (rc == ERR_OK)
			rc = err_set(err, ERR_INVALID, "answers", "question %lld has no answer", (long long)open);
		else if (rc == ERR_NOT_FOUND)
			rc = ERR_OK;
	}
	return tx_close(st, c, rc, err);
}

json_t *store_par_explanations(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] =
		"SELECT e.id, n.code, e.question, e.asked_at, e.asked_by, e.due_on, e.answer, e.answered_at, "
		"e.answered_by FROM par_explanation e LEFT JOIN par_node n ON n.id = e.node_id "
		"WHERE e.assessment_id = ?1 ORDER BY e.id";
	return query_rows(st, SQL, err, "i", id);
}

json_t *store_par_reopenings(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] = "SELECT reason, reopened_at, reopened_by FROM par_reopening "
				  "WHERE assessment_id = ?1 ORDER BY id";
	return query_rows(st, SQL, err, "i", id);
}

char *store_par_setting(struct store *st, const char *key)
{
	static const char SQL[] = "SELECT value FROM par_setting WHERE key = ?1";
	return query_text(st, SQL, "t", key);
}

json_t *store_par_head_ratings(struct store *st, struct err *err)
{
	static const char SQL[] = "SELECT seq, name, min_index, not_bottom FROM par_head_rating ORDER BY seq";
	return query_rows(st, SQL, err, "");
}
