/*
 * copy.c — store_copy: a province's data from one store into a new,
 * empty PostgreSQL store, row for row (ids, evidence references, and the
 * audit trail with its hashes, so that the chain verifies on the copy).
 *
 * Each table is read in the order its rows were written and inserted with
 * its triggers off (the audit trail is copied, not written anew; change
 * numbers keep their values); foreign keys stay checked.  The rows the
 * target's migrations seeded (rules, settings, the change counter) give way
 * to the source's.  It all happens in one transaction: a failed copy
 * leaves the target as it was.
 */
#include "base/base.h"
#include "store/db_driver.h"

#include <stdlib.h>
#include <string.h>

/*
 * Every table, parents before children (the order of the migrations), and
 * how to read it in the order it was written.  tests/unit/t_store.c checks
 * that the list names every table of the schema.
 */
static const struct copied {
	const char *table, *select;
	int has_id;	/* an identity column "id" whose sequence must follow */
} copied[] = {
	{"unit", "SELECT * FROM unit ORDER BY id", 1},
	{"field", "SELECT * FROM field ORDER BY id", 1},
	{"document", "SELECT * FROM document ORDER BY id", 1},
	{"indicator", "SELECT * FROM indicator ORDER BY id", 1},
	{"measurement", "SELECT * FROM measurement ORDER BY id", 1},
	{"task", "SELECT * FROM task ORDER BY id", 1},
	{"task_unit", "SELECT * FROM task_unit ORDER BY task_id, unit_id", 0},
	{"assignment", "SELECT * FROM assignment ORDER BY id", 1},
	{"report", "SELECT * FROM report ORDER BY id", 1},
	{"evidence", "SELECT rowid AS rowid, * FROM evidence ORDER BY rowid", 0},
	{"change_seq", "SELECT * FROM change_seq", 0},
	{"meta", "SELECT * FROM meta ORDER BY key", 0},
	{"calendar_override", "SELECT * FROM calendar_override ORDER BY day", 0},
	{"unit_contact", "SELECT * FROM unit_contact ORDER BY id", 1},
	{"reminder_log", "SELECT * FROM reminder_log ORDER BY kind, subject_id, day", 0},
	{"notification", "SELECT * FROM notification ORDER BY id", 1},
	{"mail_queue", "SELECT * FROM mail_queue ORDER BY id", 1},
	{"report_rule", "SELECT * FROM report_rule ORDER BY code", 0},
	{"document_draft", "SELECT * FROM document_draft ORDER BY id", 1},
	{"account", "SELECT * FROM account ORDER BY id", 1},
	{"account_role", "SELECT * FROM account_role ORDER BY account_id, role", 0},
	{"session", "SELECT * FROM session ORDER BY created_at, token_hash", 0},
	{"api_token", "SELECT * FROM api_token ORDER BY id", 1},
	{"login_failure", "SELECT * FROM login_failure ORDER BY at", 0},
	{"audit", "SELECT * FROM audit ORDER BY id", 1},
	{"report_confirmation", "SELECT * FROM report_confirmation ORDER BY report_id", 0},
	{"unit_report", "SELECT * FROM unit_report ORDER BY id", 1},
	{"par_set", "SELECT * FROM par_set ORDER BY id", 1},
	{"par_node", "SELECT * FROM par_node ORDER BY id", 1},
	{"par_assessment", "SELECT * FROM par_assessment ORDER BY id", 1},
	{"par_score", "SELECT * FROM par_score ORDER BY assessment_id, node_id", 0},
	{"par_band", "SELECT * FROM par_band ORDER BY seq", 0},
	{"inspection_setting", "SELECT * FROM inspection_setting ORDER BY key", 0},
	{"inspection_body", "SELECT * FROM inspection_body ORDER BY unit_code", 0},
	{"finding_severity", "SELECT * FROM finding_severity ORDER BY code", 0},
	{"inspection_plan", "SELECT * FROM inspection_plan ORDER BY id", 1},
	{"inspection", "SELECT * FROM inspection ORDER BY id", 1},
	{"inspection_unit", "SELECT * FROM inspection_unit ORDER BY inspection_id, unit_id", 0},
	{"inspection_field", "SELECT * FROM inspection_field ORDER BY inspection_id, field_id", 0},
	{"finding", "SELECT * FROM finding ORDER BY id", 1},
	{"feedback", "SELECT * FROM feedback ORDER BY id", 1},
	{"feedback_extension", "SELECT * FROM feedback_extension ORDER BY id", 1},
	{"feedback_setting", "SELECT * FROM feedback_setting ORDER BY key", 0},
	{"discipline_setting", "SELECT * FROM discipline_setting ORDER BY key", 0},
	{"discipline_form", "SELECT * FROM discipline_form ORDER BY code, grp, valid_from", 0},
	{"discipline_case", "SELECT * FROM discipline_case ORDER BY id", 1},
	{"discipline_link", "SELECT * FROM discipline_link ORDER BY id", 1},
	{"discipline_view", "SELECT * FROM discipline_view ORDER BY id", 1},
	{"discipline_view_refused", "SELECT * FROM discipline_view_refused ORDER BY id", 1},
	{"feedback_mark", "SELECT * FROM feedback_mark ORDER BY feedback_id", 0},
	{"feedback_key", "SELECT * FROM feedback_key ORDER BY id", 0},
	{"feedback_nonce", "SELECT * FROM feedback_nonce ORDER BY nonce", 0},
	{"par_evidence", "SELECT * FROM par_evidence ORDER BY id", 1},
	{"par_proposal", "SELECT * FROM par_proposal ORDER BY assessment_id, node_id", 0},
	{"par_explanation", "SELECT * FROM par_explanation ORDER BY id", 1},
	{"par_reopening", "SELECT * FROM par_reopening ORDER BY id", 1},
	{"par_setting", "SELECT * FROM par_setting ORDER BY key", 0},
	{"par_head_rating", "SELECT * FROM par_head_rating ORDER BY seq", 0},
	{"discipline_limitation", "SELECT * FROM discipline_limitation ORDER BY grp, valid_from, kind", 0},
	{"discipline_reason", "SELECT * FROM discipline_reason ORDER BY kind, code", 0},
	{"discipline_event", "SELECT * FROM discipline_event ORDER BY id", 1},
	{"discipline_document", "SELECT * FROM discipline_document ORDER BY id", 1},
	{"inspection_document", "SELECT * FROM inspection_document ORDER BY id", 1},
	{"feedback_attachment", "SELECT * FROM feedback_attachment ORDER BY id", 1},
	{"evidence_sweep", "SELECT * FROM evidence_sweep ORDER BY id", 1},
};

const char *store_copied_table(size_t i)
{
	return i < ARRAY_LEN(copied) ? copied[i].table : NULL;
}

/* Copies the rows of one table: the INSERT is made from the first row's
 * column names, and every value goes as text, which PostgreSQL reads into
 * the column's type. */
struct table_copy {
	const struct copied *t;
	struct conn *to;
	char *insert;
	int64_t rows;
	enum err_code rc;
	struct err *err;
};

static int copy_row(void *ctx, const struct dbrow *r)
{
	struct table_copy *tc = ctx;
	int n = col_count(r);
	if (!tc->insert) {
		struct buf sql = BUF_INIT;
		buf_printf(&sql, "INSERT INTO %s (", tc->t->table);
		for (int i = 0; i < n; i++)
			buf_printf(&sql, "%s%s", i ? ", " : "", col_name(r, i));
		buf_adds(&sql, ") VALUES (");
		for (int i = 0; i < n; i++)
			buf_printf(&sql, "%s$%d", i ? ", " : "", i + 1);
		buf_adds(&sql, ")");
		tc->insert = buf_detach(&sql);
	}
	const char **values = xcalloc((size_t)n, sizeof *values);
	for (int i = 0; i < n; i++)
		values[i] = col_text(r, i);
	tc->rc = db_pg_exec_text(tc->to, tc->insert, n, values, tc->err);
	free(values);
	tc->rows++;
	return tc->rc != ERR_OK;
}

/* What is done to every table around the copy. */
enum table_step { TRIGGERS_OFF, EMPTY, SEQUENCE_ON, TRIGGERS_ON };

static char *table_sql(enum table_step step, const char *t)
{
	switch (step) {
	case TRIGGERS_OFF: return xasprintf("ALTER TABLE %s DISABLE TRIGGER USER", t);
	case EMPTY: return xasprintf("DELETE FROM %s", t);
	/* New rows continue after the copied ids. */
	case SEQUENCE_ON:
		return xasprintf("SELECT setval(pg_get_serial_sequence('%s', 'id'), "
				 "(SELECT coalesce(max(id), 0) + 1 FROM %s), false)", t, t);
	default: return xasprintf("ALTER TABLE %s ENABLE TRIGGER USER", t);
	}
}

static enum err_code each_table(struct conn *to, enum table_step step, struct err *err)
{
	for (size_t i = 0; i < ARRAY_LEN(copied); i++) {
		if (step == SEQUENCE_ON && !copied[i].has_id)
			continue;
		char *sql = table_sql(step, copied[i].table);
		enum err_code rc = db_pg_exec_text(to, sql, 0, NULL, err);
		free(sql);
		if (rc != ERR_OK)
			return rc;
	}
	return ERR_OK;
}

static enum err_code copy_all(struct conn *from, struct conn *to,
			      void (*progress)(void *ctx, const char *table, int64_t rows), void *ctx,
			      struct err *err)
{
	enum err_code rc;
	if ((rc = each_table(to, TRIGGERS_OFF, err)) || (rc = each_table(to, EMPTY, err)))
		return rc;
	for (size_t i = 0; i < ARRAY_LEN(copied); i++) {
		struct table_copy tc = {.t = &copied[i], .to = to, .err = err};
		rc = each(from, copied[i].select, copy_row, &tc, err, "");
		free(tc.insert);
		if (rc == ERR_OK)
			rc = tc.rc;
		if (rc != ERR_OK)
			return rc;
		if (progress)
			progress(ctx, copied[i].table, tc.rows);
	}
	if ((rc = each_table(to, SEQUENCE_ON, err)) ||
	    (rc = db_pg_exec_text(to, "SELECT setval(pg_get_serial_sequence('evidence', 'rowid'), "
				      "(SELECT coalesce(max(rowid), 0) + 1 FROM evidence), false)", 0, NULL, err)))
		return rc;
	return each_table(to, TRIGGERS_ON, err);
}

enum err_code store_copy(struct store *from, struct store *to,
			 void (*progress)(void *ctx, const char *table, int64_t rows), void *ctx, struct err *err)
{
	static const char USED[] = "SELECT (SELECT count(*) FROM unit) + (SELECT count(*) FROM audit)";
	if (to->drv != &db_pg || from->drv == &db_pg)
		return err_set(err, ERR_INVALID, "to", "the copy goes from an SQLite store into a PostgreSQL one");
	if (store_schema_version(from) != store_schema_version(to))
		return err_set(err, ERR_CONFLICT, "", "the two databases have different schemas (%d and %d)",
			       store_schema_version(from), store_schema_version(to));
	struct conn *src = conn_get(from), *dst = conn_get(to);
	int64_t used = 0;
	enum err_code rc = int1(dst, USED, &used, err, "");
	if (rc == ERR_OK && used)
		rc = err_set(err, ERR_CONFLICT, "to", "the target database holds data already; copy into a new one");
	if (rc == ERR_OK && (rc = tx_begin(to, dst, err)) == ERR_OK)
		rc = tx_end(to, dst, copy_all(src, dst, progress, ctx, err), err);
	conn_put(to, dst);
	conn_put(from, src);
	return rc;
}
