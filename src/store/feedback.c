/* feedback.c — citizens' feedback on administrative regulations (issue 17). */
#include "base/base.h"
#include "store/db.h"

#include <string.h>

#define FEEDBACK_COLUMNS "f.*, h.code AS handling_unit_code, h.name AS handling_unit_name, " \
	"r.code AS receiving_unit_code, m.mark, m.duplicate_of, m.reason AS mark_reason, m.marked_at, " \
	"m.marked_by FROM feedback f JOIN unit r ON r.id = f.receiving_unit_id " \
	"LEFT JOIN unit h ON h.id = f.handling_unit_id LEFT JOIN feedback_mark m ON m.feedback_id = f.id "

json_t *store_feedback_settings(struct store *st, struct err *err)
{
	static const char SQL[] = "SELECT key, value FROM feedback_setting ORDER BY key";
	json_t *list = query_rows(st, SQL, err, "");
	if (!list)
		return NULL;
	json_t *out = json_object(), *row;
	size_t i;
	json_array_foreach(list, i, row)
		json_object_set(out, json_string_value(json_object_get(row, "key")), json_object_get(row, "value"));
	json_decref(list);
	return out;
}

enum err_code store_feedback_setting_set(struct store *st, const char *key, const char *value, struct err *err)
{
	static const char SQL[] = "UPDATE feedback_setting SET value = ?2 WHERE key = ?1";
	if (!value || !*value)
		return err_set(err, ERR_INVALID, key, "a setting needs a value");
	int64_t changed = 0;
	enum err_code rc = write1(st, NULL, &changed, err, SQL, "tt", key, value);
	if (rc == ERR_OK && changed == 0)
		rc = err_set(err, ERR_NOT_FOUND, key, "no feedback setting '%s'", key);
	return rc;
}

enum err_code store_feedback_create_with_files(struct store *st, const struct feedback_new *f,
					       const struct evidence_new *files, size_t nfiles, int64_t *id,
					       struct err *err)
{
	static const char SQL[] =
		"INSERT INTO feedback(code, channel, procedure_name, unit_concerned, content, proposal, sender_name, "
		"sender_address, sender_phone, sender_email, consent_publish, source_hash, receiving_unit_id, "
		"received_on, classify_due, answer_due, answer_due_initial, created_at, created_by) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16, ?17, ?18) RETURNING id";
	static const char FILE_SQL[] =
		"INSERT INTO feedback_attachment(feedback_id, sha256, filename, mime, size, uploaded_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	char now[21];
	now_utc(now);
	struct conn *c;
	/* The feedback and its files' rows in one transaction: all or nothing. */
	enum err_code rc = tx_open(st, &c, err);
	if (rc)
		return rc;
	rc = int1(c, SQL, id, err, "tttttttttt" "itit" "tttt", f->code, f->channel, f->procedure_name,
			  f->unit_concerned, f->content, f->proposal, f->sender_name, f->sender_address, f->sender_phone,
			  f->sender_email, (int64_t)f->consent_publish, f->source_hash, f->receiving_unit_id,
			  f->received_on, f->classify_due, f->answer_due, now, f->by);
	if (rc == ERR_CONFLICT && strstr(err->message, "code"))
		err_set(err, ERR_CONFLICT, "code", "the tracking code %s is already used", f->code);
	for (size_t i = 0; rc == ERR_OK && i < nfiles; i++)
		rc = run(c, FILE_SQL, err, "itttit", *id, files[i].sha256, files[i].filename, files[i].mime,
			 files[i].size, now);
	return tx_close(st, c, rc, err);
}

json_t *store_feedback_attachments(struct store *st, int64_t feedback_id, int64_t id, struct err *err)
{
	static const char SQL[] = "SELECT id, sha256, filename, mime, size, uploaded_at FROM feedback_attachment "
				  "WHERE feedback_id = ?1 AND (?2 = 0 OR id = ?2) ORDER BY id";
	return query_rows(st, SQL, err, "ii", feedback_id, id);
}

json_t *store_feedback_get(struct store *st, int64_t id, const char *code, struct err *err)
{
	static const char BY_ID[] = "SELECT " FEEDBACK_COLUMNS "WHERE f.id = ?1";
	static const char BY_CODE[] = "SELECT " FEEDBACK_COLUMNS "WHERE f.code = ?1";
	json_t *out = code ? query_row(st, BY_CODE, err, "t", code) : query_row(st, BY_ID, err, "i", id);
	if (!out && err->code == ERR_NOT_FOUND)
		err_set(err, ERR_NOT_FOUND, code ? "code" : "id", "no feedback %s", code ? "with this tracking code" : "with this id");
	return out;
}

json_t *store_feedback_list(struct store *st, const char *as_of, struct err *err)
{
	static const char SQL[] = "SELECT " FEEDBACK_COLUMNS "WHERE f.received_on <= ?1 ORDER BY f.received_on DESC, f.id DESC";
	return query_rows(st, SQL, err, "t", as_of);
}

int64_t store_feedback_count_since(struct store *st, const char *source_hash, const char *since)
{
	static const char SQL[] = "SELECT count(*) FROM feedback WHERE source_hash = ?1 AND created_at >= ?2";
	return query_int_or_0(st, SQL, "tt", source_hash, since);
}

char *store_feedback_first_since(struct store *st, const char *source_hash, const char *since)
{
	static const char SQL[] = "SELECT min(created_at) FROM feedback WHERE source_hash = ?1 AND created_at >= ?2";
	return query_text(st, SQL, "tt", source_hash, since);
}

/* After an UPDATE that changed nothing: no feedback, or one in another status. */
static enum err_code feedback_unchanged(struct conn *c, int64_t id, const char *what, struct err *err)
{
	static const char SQL[] = "SELECT status, satisfied FROM feedback WHERE id = ?1";
	struct err e2;
	json_t *row = row1(c, SQL, &e2, "i", id);
	enum err_code rc;
	if (!row)
		rc = err_set(err, e2.code, "id", "no feedback with this id");
	else if (!json_is_null(json_object_get(row, "satisfied")))
		rc = err_set(err, ERR_CONFLICT, "satisfied", "this answer has already been rated");
	else
		rc = err_set(err, ERR_CONFLICT, "status", "the feedback is %s: it cannot be %s",
			     json_string_value(json_object_get(row, "status")), what);
	json_decref(row);
	return rc;
}

enum err_code store_feedback_step(struct store *st, int64_t id, enum feedback_step step, int64_t num,
				  const char *day, const char *text, const char *by, struct err *err)
{
	/* The same parameters for each (a step uses those it needs; SQLite
	 * ignores the bindings past a statement's last): ?1 id, ?2 num, ?3 day,
	 * ?4 text, ?5 by, ?6 now. */
	static const char FORWARD[] =
		"UPDATE feedback SET status = 'forwarded', handling_unit_id = ?2, classified_on = ?3, classified_by = ?5 "
		"WHERE id = ?1 AND status = 'received'";
	static const char REJECT[] =
		"UPDATE feedback SET status = 'rejected', classified_on = ?3, reject_reason = ?4, classified_by = ?5 "
		"WHERE id = ?1 AND status = 'received'";
	static const char DRAFT[] =
		"UPDATE feedback SET status = 'drafted', answer = ?4, drafted_by = ?5, drafted_at = ?6 "
		"WHERE id = ?1 AND status IN ('forwarded', 'drafted')";
	static const char APPROVE[] =
		"UPDATE feedback SET status = 'answered', answered_on = ?3, published = ?2, approved_by = ?5 "
		"WHERE id = ?1 AND status = 'drafted'";
	static const char RATE[] =
		"UPDATE feedback SET satisfied = ?2, rated_on = ?3 "
		"WHERE id = ?1 AND status = 'answered' AND satisfied IS NULL";
	static const char *const sql[] = {[FEEDBACK_FORWARD] = FORWARD, [FEEDBACK_REJECT] = REJECT,
		[FEEDBACK_DRAFT] = DRAFT, [FEEDBACK_APPROVE] = APPROVE, [FEEDBACK_RATE] = RATE};
	static const char *const what[] = {[FEEDBACK_FORWARD] = "forwarded", [FEEDBACK_REJECT] = "rejected",
		[FEEDBACK_DRAFT] = "answered", [FEEDBACK_APPROVE] = "approved", [FEEDBACK_RATE] = "rated"};
	char now[21];
	now_utc(now);
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc)
		return rc;
	if (run(c, sql[step], err, "iittt" "t", id, num, day, text, by, now) != ERR_OK)
		rc = err->code;
	else if (db_changes(c) == 0)
		rc = feedback_unchanged(c, id, what[step], err);
	return tx_close(st, c, rc, err);
}

enum err_code store_feedback_extend(struct store *st, int64_t id, int workdays, const char *reason,
				    const char *old_due, const char *new_due, const char *by, struct err *err)
{
	static const char MOVE[] = "UPDATE feedback SET answer_due = ?2 "
				   "WHERE id = ?1 AND answer_due = ?3 AND status IN ('received', 'forwarded', 'drafted')";
	static const char RECORD[] = "INSERT INTO feedback_extension(feedback_id, workdays, reason, old_due, new_due, "
				     "created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	char now[21];
	now_utc(now);
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc)
		return rc;
	if (run(c, MOVE, err, "itt", id, new_due, old_due) != ERR_OK)
		rc = err->code;
	else if (db_changes(c) == 0)
		rc = feedback_unchanged(c, id, "extended", err);
	else if (run(c, RECORD, err, "iittttt", id, (int64_t)workdays, reason, old_due, new_due, now, by) != ERR_OK)
		rc = err->code;
	return tx_close(st, c, rc, err);
}

json_t *store_feedback_extensions(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] = "SELECT workdays, reason, old_due, new_due, created_at, created_by "
				  "FROM feedback_extension WHERE feedback_id = ?1 ORDER BY id";
	return query_rows(st, SQL, err, "i", id);
}

enum err_code store_feedback_mark(struct store *st, int64_t id, const char *mark, const char *duplicate_of,
				  const char *reason, const char *by, struct err *err)
{
	static const char SET[] =
		"INSERT INTO feedback_mark(feedback_id, mark, duplicate_of, reason, marked_at, marked_by) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (feedback_id) DO UPDATE SET mark = excluded.mark, "
		"duplicate_of = excluded.duplicate_of, reason = excluded.reason, marked_at = excluded.marked_at, "
		"marked_by = excluded.marked_by";
	static const char CLEAR[] = "DELETE FROM feedback_mark WHERE feedback_id = ?1";
	char now[21];
	now_utc(now);
	int64_t changed = 0;
	enum err_code rc = mark ? write1(st, NULL, &changed, err, SET, "itttt" "t", id, mark, duplicate_of, reason, now, by)
				: write1(st, NULL, &changed, err, CLEAR, "i", id);
	if (rc == ERR_OK && changed == 0)
		rc = err_set(err, ERR_CONFLICT, "mark", "the feedback is not marked");
	return rc;
}

char *store_feedback_key(struct store *st, const char *fresh, struct err *err)
{
	static const char MAKE[] = "INSERT INTO feedback_key(id, key) VALUES (1, ?1) ON CONFLICT (id) DO NOTHING";
	static const char READ[] = "SELECT key FROM feedback_key WHERE id = 1";
	char *key = query_text(st, READ, "");
	if (key || write1(st, NULL, NULL, err, MAKE, "t", fresh) != ERR_OK)
		return key;
	if (!(key = query_text(st, READ, "")))
		err_set(err, ERR_INTERNAL, "", "the challenge key could not be stored");
	return key;
}

enum err_code store_feedback_nonce_use(struct store *st, const char *nonce, const char *expires_at, struct err *err)
{
	static const char DROP[] = "DELETE FROM feedback_nonce WHERE expires_at < ?1";
	static const char USE[] = "INSERT INTO feedback_nonce(nonce, expires_at) VALUES (?1, ?2) "
				  "ON CONFLICT (nonce) DO NOTHING";
	char now[21];
	now_utc(now);
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc)
		return rc;
	if (run(c, DROP, err, "t", now) != ERR_OK || run(c, USE, err, "tt", nonce, expires_at) != ERR_OK)
		rc = err->code;
	else if (db_changes(c) == 0)
		rc = err_set(err, ERR_CONFLICT, "challenge", "this challenge has already been used: ask for a new one");
	return tx_close(st, c, rc, err);
}
