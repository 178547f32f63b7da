/* par_survey.c — survey points of the PAR index (issue 14), all or nothing. */
#include "base/base.h"
#include "store/db.h"

enum err_code store_par_survey_put(struct store *st, const struct par_survey_point *p, size_t n, const char *note,
				   const char *by, struct err *err)
{
	static const char POINTS[] =
		"INSERT INTO par_score(assessment_id, node_id, self_points, self_note, updated_at, updated_by) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (assessment_id, node_id) DO UPDATE SET "
		"self_points = excluded.self_points, self_note = excluded.self_note, "
		"updated_at = excluded.updated_at, updated_by = excluded.updated_by";
	static const char TOUCH[] = "UPDATE par_assessment SET updated_at = ?2 WHERE id = ?1";
	char now[21];
	now_utc(now);
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < n && !rc; i++)
		if (run(c, POINTS, err, "iidttt", p[i].assessment_id, p[i].node_id, p[i].points, note, now, by) ||
		    run(c, TOUCH, err, "it", p[i].assessment_id, now))
			rc = err->code;
	return tx_close(st, c, rc, err);
}
