/* remind.c — calendar overrides, unit contacts,
 * reminders, notifications and the mail queue (issue 5). */
#include "base/base.h"
#include "store/db.h"

#include <stdlib.h>

enum err_code store_overrides_put(struct store *st, const struct override_new *o, size_t n,
				  const char *by, struct err *err)
{
	static const char SQL[] =
		"INSERT INTO calendar_override(day, kind, name, created_by, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(day) DO UPDATE SET kind = excluded.kind, "
		"name = excluded.name, created_by = excluded.created_by, created_at = excluded.created_at";
	char now[21];
	now_utc(now);
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc != ERR_OK)
		return rc;
	for (size_t i = 0; i < n && rc == ERR_OK; i++)
		if (run(c, SQL, err, "ttttt", o[i].day, o[i].kind, o[i].name ? o[i].name : "", by,
			now) != ERR_OK)
			rc = err->code;
	return tx_close(st, c, rc, err);
}

enum err_code store_override_delete(struct store *st, const char *day, struct err *err)
{
	static const char SQL[] = "DELETE FROM calendar_override WHERE day = ?1";
	int64_t changed;
	enum err_code rc = write1(st, NULL, &changed, err, SQL, "t", day);
	if (rc == ERR_OK && changed == 0)
		rc = err_set(err, ERR_NOT_FOUND, "date", "no override for %s", day);
	return rc;
}

json_t *store_overrides(struct store *st, const char *from, const char *to, struct err *err)
{
	static const char SQL[] =
		"SELECT day AS date, kind, name, created_by, created_at FROM calendar_override "
		"WHERE (?1 IS NULL OR day >= ?1) AND (?2 IS NULL OR day <= ?2) ORDER BY day";
	return query_rows(st, SQL, err, "tt", from, to);
}

enum err_code store_contact_add(struct store *st, int64_t unit_id, const char *role,
				const char *email, const char *name, int64_t *id, struct err *err)
{
	static const char SQL[] =
		"INSERT INTO unit_contact(unit_id, role, email, name) VALUES (?1, ?2, ?3, ?4) RETURNING id";
	enum err_code rc = write1(st, id, NULL, err, SQL, "ittt", unit_id, role, email, name ? name : "");
	if (rc == ERR_CONFLICT)
		err_set(err, ERR_CONFLICT, "email", "unit %lld already has the address %s", (long long)unit_id,
			email);
	return rc;
}

json_t *store_contacts(struct store *st, int64_t unit_id, const char *role, struct err *err)
{
	static const char SQL[] =
		"SELECT id, unit_id, role, email, name FROM unit_contact "
		"WHERE (?1 = 0 OR unit_id = ?1) AND (?2 IS NULL OR role = ?2) ORDER BY unit_id, id";
	return query_rows(st, SQL, err, "it", unit_id, role);
}

enum err_code store_contact_delete(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] = "DELETE FROM unit_contact WHERE id = ?1";
	int64_t changed;
	enum err_code rc = write1(st, NULL, &changed, err, SQL, "i", id);
	if (rc == ERR_OK && changed == 0)
		rc = err_set(err, ERR_NOT_FOUND, "id", "no contact %lld", (long long)id);
	return rc;
}

enum err_code store_open_assignments_scan(struct store *st, const char *as_of, const char *due_to,
					  int (*fn)(void *ctx, json_t *row), void *ctx,
					  struct err *err)
{
	/* Served by assignment_deadline; inactive units are not chased. */
	static const char SQL[] =
		"SELECT a.id, a.task_id, a.unit_id, a.deadline, a.first_report_on, a.completed_on, "
		"a.period, t.title AS task_title, t.field_id, u.code AS unit_code, u.name AS unit_name, "
		"u.kind AS unit_kind FROM assignment a JOIN task t ON t.id = a.task_id "
		"JOIN unit u ON u.id = a.unit_id "
		"WHERE a.deadline <= ?2 AND (a.completed_on IS NULL OR a.completed_on > ?1) "
		"AND u.active = 1 ORDER BY a.unit_id, a.deadline, a.id";
	return query_scan(st, SQL, fn, ctx, err, "tt", as_of, due_to);
}

int store_reminder_seen(struct store *st, const char *kind, int64_t subject_id, const char *day)
{
	static const char SQL[] =
		"SELECT 1 FROM reminder_log WHERE kind = ?1 AND subject_id = ?2 AND day = ?3";
	return (int)query_int_or_0(st, SQL, "tit", kind, subject_id, day);
}

enum err_code store_reminder_record(struct store *st, const struct reminder_record *r, int *created,
				    struct err *err)
{
	static const char LOG[] =
		"INSERT INTO reminder_log(kind, subject_id, day, created_at) "
		"VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING";
	static const char NOTE[] =
		"INSERT INTO notification(unit_id, kind, text, link, dedup_key, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING";
	static const char MAIL[] =
		"INSERT INTO mail_queue(dedup_key, recipient, subject, body, next_attempt_at, "
		"created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5) ON CONFLICT DO NOTHING";
	char now[21];
	now_utc(now);
	char *key = xasprintf("%s:%lld:%s", r->kind, (long long)r->subject_id, r->day);
	*created = 0;
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc != ERR_OK)
		goto out;
	if (run(c, LOG, err, "titt", r->kind, r->subject_id, r->day, now) != ERR_OK) {
		rc = err->code;
		goto end;
	}
	/* Another process (cchc remind beside the server) got there first. */
	if (db_changes(c) == 0)
		goto end;
	if (run(c, NOTE, err, "itttt" "t", r->unit_id, r->kind, r->text, r->link, key, now) !=
	    ERR_OK) {
		rc = err->code;
		goto end;
	}
	for (size_t i = 0; i < r->nrcpt; i++) {
		char *mkey = xasprintf("%s|%s", key, r->rcpt[i]);
		int step = run(c, MAIL, err, "tttt" "t", mkey, r->rcpt[i], r->subject, r->body, now);
		free(mkey);
		if (step != ERR_OK) {
			rc = err->code;
			goto end;
		}
	}
	*created = 1;
end:
	rc = tx_close(st, c, rc, err);
	if (rc != ERR_OK)
		*created = 0;
out:
	free(key);
	return rc;
}

#define NOTIFICATION_COLUMNS "id, unit_id, kind, text, link, created_at, read_at"

json_t *store_notifications(struct store *st, int64_t unit_id, int unread_only, int limit,
			    int64_t before_id, struct err *err)
{
	static const char SQL[] =
		"SELECT " NOTIFICATION_COLUMNS " FROM notification WHERE unit_id = ?1 "
		"AND (?2 = 0 OR read_at IS NULL) AND (?3 = 0 OR id < ?3) ORDER BY id DESC LIMIT ?4";
	return query_rows(st, SQL, err, "iiii", unit_id, (int64_t)unread_only, before_id,
			   (int64_t)limit);
}

int64_t store_notifications_unread(struct store *st, int64_t unit_id)
{
	static const char SQL[] =
		"SELECT count(*) FROM notification WHERE unit_id = ?1 AND read_at IS NULL";
	return query_int_or_0(st, SQL, "i", unit_id);
}

json_t *store_notification_get(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] = "SELECT " NOTIFICATION_COLUMNS " FROM notification WHERE id = ?1";
	json_t *out = query_row(st, SQL, err, "i", id);
	if (!out && err->code == ERR_NOT_FOUND)
		err_set(err, ERR_NOT_FOUND, "id", "no notification %lld", (long long)id);
	return out;
}

json_t *store_notification_read(struct store *st, int64_t id, struct err *err)
{
	static const char UPD[] =
		"UPDATE notification SET read_at = coalesce(read_at, ?2) WHERE id = ?1";
	static const char GET[] = "SELECT " NOTIFICATION_COLUMNS " FROM notification WHERE id = ?1";
	char now[21];
	now_utc(now);
	json_t *out = NULL;
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc != ERR_OK)
		return NULL;
	if (run(c, UPD, err, "it", id, now) != ERR_OK)
		rc = err->code;
	else if (!(out = row1(c, GET, err, "i", id)))
		rc = err->code == ERR_NOT_FOUND
			     ? err_set(err, ERR_NOT_FOUND, "id", "no notification %lld", (long long)id)
			     : err->code;
	rc = tx_close(st, c, rc, err);
	if (rc != ERR_OK) {
		json_decref(out);
		out = NULL;
	}
	return out;
}

enum err_code store_mail_claim(struct store *st, const char *now, json_t **row, struct err *err)
{
	static const char PICK[] =
		"SELECT id, dedup_key, recipient, subject, body, attempts + 1 AS attempts, created_at "
		"FROM mail_queue WHERE status = 'queued' AND next_attempt_at <= ?1 "
		"ORDER BY next_attempt_at, id LIMIT 1";
	static const char TAKE[] =
		"UPDATE mail_queue SET status = 'sending', attempts = attempts + 1, "
		"next_attempt_at = ?2 WHERE id = ?1";
	*row = NULL;
	json_t *r = NULL;
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc != ERR_OK)
		goto out;
	r = row1(c, PICK, err, "t", now);
	if (!r) {
		rc = err->code == ERR_NOT_FOUND ? ERR_OK : err->code;
		goto end;
	}
	/* next_attempt_at becomes the claim time, which store_mail_recover reads. */
	if (run(c, TAKE, err, "it", json_integer_value(json_object_get(r, "id")), now) != ERR_OK)
		rc = err->code;
end:
	rc = tx_close(st, c, rc, err);
	if (rc == ERR_OK) {
		*row = r;
		r = NULL;
	}
out:
	json_decref(r);
	return rc;
}

enum err_code store_mail_finish(struct store *st, int64_t id, int sent, const char *error,
				const char *next_at, struct err *err)
{
	static const char SENT[] =
		"UPDATE mail_queue SET status = 'sent', sent_at = ?2, last_error = NULL "
		"WHERE id = ?1 AND status = 'sending'";
	static const char RETRY[] =
		"UPDATE mail_queue SET status = 'queued', next_attempt_at = ?2, last_error = ?3 "
		"WHERE id = ?1 AND status = 'sending'";
	static const char GIVE_UP[] =
		"UPDATE mail_queue SET status = 'failed', last_error = ?2 "
		"WHERE id = ?1 AND status = 'sending'";
	char now[21];
	now_utc(now);
	if (sent)
		return write1(st, NULL, NULL, err, SENT, "it", id, now);
	if (next_at)
		return write1(st, NULL, NULL, err, RETRY, "itt", id, next_at, error);
	return write1(st, NULL, NULL, err, GIVE_UP, "it", id, error);
}

int64_t store_mail_recover(struct store *st, const char *claimed_before, struct err *err)
{
	static const char SQL[] =
		"UPDATE mail_queue SET status = 'failed', last_error = 'interrupted while sending: "
		"it may have gone out, so it is not sent again' "
		"WHERE status = 'sending' AND next_attempt_at < ?1";
	int64_t n;
	return write1(st, NULL, &n, err, SQL, "t", claimed_before) == ERR_OK ? n : -1;
}

json_t *store_mail_list(struct store *st, const char *status, struct err *err)
{
	static const char SQL[] =
		"SELECT id, recipient, subject, status, attempts, next_attempt_at, last_error, sent_at "
		"FROM mail_queue WHERE ?1 IS NULL OR status = ?1 ORDER BY id";
	return query_rows(st, SQL, err, "t", status);
}
