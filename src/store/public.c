/* public.c — what the public open-data page reads (issue 17). */
#include "base/base.h"
#include "store/db.h"

/* Feedback marked as spam or a duplicate is neither shown nor counted. */
#define NOT_MARKED " AND NOT EXISTS (SELECT 1 FROM feedback_mark m WHERE m.feedback_id = f.id) "

json_t *store_feedback_published(struct store *st, int limit, struct err *err)
{
	/* Never a sender's name or contact: only what the answer's page shows. */
	static const char SQL[] =
		"SELECT f.code, f.procedure_name, f.content, f.answer, f.received_on, f.answered_on, "
		"h.code AS handling_unit_code, h.name AS handling_unit_name "
		"FROM feedback f LEFT JOIN unit h ON h.id = f.handling_unit_id "
		"WHERE f.published = 1 AND f.status = 'answered' " NOT_MARKED
		"ORDER BY f.answered_on DESC, f.id DESC LIMIT ?1";
	return query_rows(st, SQL, err, "i", (int64_t)limit);
}

json_t *store_feedback_states(struct store *st, const char *as_of, struct err *err)
{
	static const char SQL[] =
		"SELECT f.handling_unit_id, h.code AS handling_unit_code, h.name AS handling_unit_name, f.status, "
		"f.received_on, f.answer_due, f.classified_on, f.answered_on, f.rated_on, f.satisfied "
		"FROM feedback f LEFT JOIN unit h ON h.id = f.handling_unit_id WHERE f.received_on <= ?1" NOT_MARKED;
	return query_rows(st, SQL, err, "t", as_of);
}
