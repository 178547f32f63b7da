/* par_evidence.c — the PAR index's evidence and proposal decisions (issue 14). */
#include "base/base.h"
#include "store/db.h"

static const char PAR_STATUS[] = "SELECT status FROM par_assessment WHERE id = ?1";

json_t *store_par_evidence(struct store *st, int64_t assessment_id, struct err *err)
{
	static const char SQL[] =
		"SELECT e.id, e.node_id, n.code, e.kind, e.sha256, e.filename, e.mime, e.size, e.ref_id, e.note, "
		"e.created_at, e.created_by FROM par_evidence e JOIN par_node n ON n.id = e.node_id "
		"WHERE e.assessment_id = ?1 ORDER BY n.seq, e.id";
	return query_rows(st, SQL, err, "i", assessment_id);
}

/* Runs sql (its ?1 the assessment) and turns "no row changed" into the
 * assessment's status conflict or its absence. */
static enum err_code on_draft(struct conn *c, int64_t assessment_id, const char *what, struct err *err)
{
	return db_changes(c) ? ERR_OK : step_refused(c, PAR_STATUS, assessment_id, "assessment", what, err);
}

enum err_code store_par_evidence_add(struct store *st, const struct par_evidence_new *e, int64_t *id,
				     struct err *err)
{
	static const char SQL[] =
		"INSERT INTO par_evidence(assessment_id, node_id, kind, sha256, filename, mime, size, ref_id, note, "
		"created_at, created_by) SELECT ?1, ?2, ?3, ?4, ?5, ?6, nullif(?7, 0), nullif(?8, 0), ?9, ?10, ?11 "
		"FROM par_assessment "
		"WHERE id = ?1 AND status = 'draft' RETURNING id";
	char now[21];
	now_utc(now);
	const struct evidence_new *f = e->file;
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc)
		return rc;
	rc = int1(c, SQL, id, err, "iittttiittt", e->assessment_id, e->node_id, e->kind, f ? f->sha256 : NULL,
		  f ? f->filename : NULL, f ? f->mime : NULL, f ? f->size : (int64_t)0, e->ref_id, e->note, now, e->by);
	if (rc == ERR_NOT_FOUND)
		rc = on_draft(c, e->assessment_id, "given evidence", err);
	return tx_close(st, c, rc, err);
}

enum err_code store_par_evidence_remove(struct store *st, int64_t assessment_id, int64_t id, struct err *err)
{
	static const char SQL[] =
		"DELETE FROM par_evidence WHERE id = ?2 AND assessment_id = ?1 AND EXISTS "
		"(SELECT 1 FROM par_assessment a WHERE a.id = ?1 AND a.status = 'draft')";
	static const char EXISTS[] = "SELECT id FROM par_evidence WHERE id = ?2 AND assessment_id = ?1";
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc)
		return rc;
	int64_t found = 0;
	if ((rc = int1(c, EXISTS, &found, err, "ii", assessment_id, id)) == ERR_NOT_FOUND)
		err_set(err, ERR_NOT_FOUND, "evidence", "no evidence %lld on assessment %lld", (long long)id,
			(long long)assessment_id);
	else if (!rc && !(rc = run(c, SQL, err, "ii", assessment_id, id)))
		rc = on_draft(c, assessment_id, "changed", err);
	return tx_close(st, c, rc, err);
}

json_t *store_par_proposals(struct store *st, int64_t assessment_id, struct err *err)
{
	static const char SQL[] =
		"SELECT node_id, proposed, basis, decision, points, reason, decided_at, decided_by FROM par_proposal "
		"WHERE assessment_id = ?1 ORDER BY node_id";
	return query_rows(st, SQL, err, "i", assessment_id);
}
