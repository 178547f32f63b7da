/* par_flow.c — the PAR index's workflow (issue 14): taking, questions and
 * answers, approval, reopening; the workflow's settings and the heads'
 * rating rule. */
#include "base/base.h"
#include "store/db.h"

/* What a refused step reports (step_refused). */
static const char STATUS[] = "SELECT status FROM par_assessment WHERE id = ?1";

/* Runs one status change (?1 id, ?2 now, ?3 by) in c's transaction;
 * ERR_CONFLICT naming the status when it changes nothing. */
static enum err_code move(struct conn *c, const char *sql, int64_t id, const char *now, const char *by,
			  const char *what, struct err *err)
{
	if (run(c, sql, err, "itt", id, now, by) != ERR_OK)
		return err->code;
	return db_changes(c) ? ERR_OK : step_refused(c, STATUS, id, "assessment", what, err);
}

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
	struct conn *c = conn_get(st);
	enum err_code rc = tx_begin(st, c, err);
	if (rc)
		goto out;
	rc = move(c, sql[step], id, now, by, what[step], err);
	if (!rc && step == PAR_REOPEN && run(c, REASON, err, "ittt", id, reason, now, by) != ERR_OK)
		rc = err->code;
	rc = tx_end(st, c, rc, err);
out:
	conn_put(st, c);
	return rc;
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
	struct conn *c = conn_get(st);
	enum err_code rc = tx_begin(st, c, err);
	if (rc)
		goto out;
	rc = move(c, ASK, id, now, by, "asked to explain", err);
	for (size_t i = 0; i < n && !rc; i++)
		if (run(c, QUESTION, err, "iittt" "t", id, q[i].node_id, q[i].text, now, by, due_on) != ERR_OK)
			rc = err->code;
	rc = tx_end(st, c, rc, err);
out:
	conn_put(st, c);
	return rc;
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
	struct conn *c = conn_get(st);
	enum err_code rc = tx_begin(st, c, err);
	if (rc)
		goto out;
	rc = move(c, BACK, id, now, by, "answered", err);
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
	rc = tx_end(st, c, rc, err);
out:
	conn_put(st, c);
	return rc;
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
