/* accounts.c — accounts, sessions, API tokens and
 * sign-in failures. */
#include "base/base.h"
#include "store/db.h"

enum err_code store_account_add(struct store *st, const struct account_new *a, int64_t *id, struct err *err)
{
	static const char INS[] = "INSERT INTO account(name, unit_id, password_hash, created_at) VALUES (?1, ?2, ?3, ?4) RETURNING id";
	static const char ROLE[] = "INSERT INTO account_role(account_id, role) VALUES (?1, ?2)";
	char now[21];
	now_utc(now);
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc)
		return rc;
	int64_t account;
	if (int1(c, INS, &account, err, "titt", a->name, a->unit_id, a->password_hash, now) != ERR_OK) {
		rc = err->code == ERR_CONFLICT
			     ? err_set(err, ERR_CONFLICT, "name", "an account named '%s' exists already", a->name)
			     : err->code;
		goto end;
	}
	for (const char *const *r = a->roles; r && *r; r++)
		if (run(c, ROLE, err, "it", account, *r) != ERR_OK) {
			rc = err->code;
			goto end;
		}
	if (id)
		*id = account;
end:
	return tx_close(st, c, rc, err);
}

#define ACCOUNT_SELECT "SELECT a.id, a.name, a.unit_id, u.code AS unit_code, u.name AS unit_name, " \
	"a.active, a.password_hash, a.created_at, " \
	"(SELECT json_group_array(role) FROM account_role r WHERE r.account_id = a.id) AS roles " \
	"FROM account a JOIN unit u ON u.id = a.unit_id "

/* roles comes back as JSON text; make it an array. */
static json_t *fix_roles(json_t *row)
{
	if (!row)
		return NULL;
	const char *text = json_string_value(json_object_get(row, "roles"));
	json_t *roles = text ? json_loads(text, 0, NULL) : NULL;
	json_object_set_new(row, "roles", roles ? roles : json_array());
	return row;
}

json_t *store_account_get(struct store *st, const char *name, struct err *err)
{
	static const char SQL[] = ACCOUNT_SELECT "WHERE a.name = ?1";
	return fix_roles(query_row(st, SQL, err, "t", name));
}

json_t *store_account_by_id(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] = ACCOUNT_SELECT "WHERE a.id = ?1";
	return fix_roles(query_row(st, SQL, err, "i", id));
}

json_t *store_accounts(struct store *st, struct err *err)
{
	static const char SQL[] = ACCOUNT_SELECT "ORDER BY a.name";
	json_t *out = query_rows(st, SQL, err, "");
	size_t i;
	json_t *row;
	json_array_foreach(out, i, row) {
		fix_roles(row);
		json_object_del(row, "password_hash");
	}
	return out;
}

enum err_code store_account_set_password(struct store *st, int64_t id, const char *hash, struct err *err)
{
	static const char SQL[] = "UPDATE account SET password_hash = ?2 WHERE id = ?1";
	static const char END_SESSIONS[] = "DELETE FROM session WHERE account_id = ?1";
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc)
		return rc;
	if (run(c, SQL, err, "it", id, hash) != ERR_OK || run(c, END_SESSIONS, err, "i", id) != ERR_OK)
		rc = err->code;
	return tx_close(st, c, rc, err);
}

enum err_code store_account_disable(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] = "UPDATE account SET active = 0 WHERE id = ?1";
	static const char END_SESSIONS[] = "DELETE FROM session WHERE account_id = ?1";
	static const char REVOKE[] = "UPDATE api_token SET revoked_at = ?2 WHERE account_id = ?1 AND revoked_at IS NULL";
	char now[21];
	now_utc(now);
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc)
		return rc;
	if (run(c, SQL, err, "i", id) != ERR_OK || run(c, END_SESSIONS, err, "i", id) != ERR_OK ||
	    run(c, REVOKE, err, "it", id, now) != ERR_OK)
		rc = err->code;
	return tx_close(st, c, rc, err);
}

enum err_code store_session_add(struct store *st, const char *token_hash, int64_t account_id,
				const char *csrf, const char *address, const char *expires_at, struct err *err)
{
	static const char SQL[] = "INSERT INTO session(token_hash, account_id, csrf, address, created_at, expires_at) "
				  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	char now[21];
	now_utc(now);
	return write1(st, NULL, NULL, err, SQL, "titttt", token_hash, account_id, csrf, address, now, expires_at);
}

json_t *store_session_get(struct store *st, const char *token_hash, const char *now, struct err *err)
{
	static const char SQL[] = "SELECT s.account_id, s.csrf, s.expires_at FROM session s "
				  "JOIN account a ON a.id = s.account_id "
				  "WHERE s.token_hash = ?1 AND s.expires_at > ?2 AND a.active = 1";
	return query_row(st, SQL, err, "tt", token_hash, now);
}

enum err_code store_session_end(struct store *st, const char *token_hash, struct err *err)
{
	static const char SQL[] = "DELETE FROM session WHERE token_hash = ?1";
	return write1(st, NULL, NULL, err, SQL, "t", token_hash);
}

enum err_code store_token_add(struct store *st, const char *token_hash, int64_t account_id, int64_t unit_id,
			      const char *role, const char *label, int64_t *id, struct err *err)
{
	static const char SQL[] = "INSERT INTO api_token(token_hash, account_id, unit_id, role, label, created_at) "
				  "VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id";
	char now[21];
	now_utc(now);
	return write1(st, id, NULL, err, SQL, "tiitt" "t", token_hash, account_id, unit_id, role, label, now);
}

json_t *store_token_get(struct store *st, const char *token_hash, struct err *err)
{
	static const char SQL[] = "SELECT t.id, t.account_id, t.unit_id, t.role FROM api_token t "
				  "JOIN account a ON a.id = t.account_id "
				  "WHERE t.token_hash = ?1 AND t.revoked_at IS NULL AND a.active = 1";
	return query_row(st, SQL, err, "t", token_hash);
}

json_t *store_tokens(struct store *st, int64_t account_id, struct err *err)
{
	static const char SQL[] = "SELECT t.id, t.account_id, t.unit_id, u.code AS unit_code, t.role, t.label, "
				  "t.created_at, t.revoked_at FROM api_token t JOIN unit u ON u.id = t.unit_id "
				  "WHERE ?1 = 0 OR t.account_id = ?1 ORDER BY t.id";
	return query_rows(st, SQL, err, "i", account_id);
}

enum err_code store_token_revoke(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] = "UPDATE api_token SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL";
	char now[21];
	now_utc(now);
	int64_t changed;
	enum err_code rc = write1(st, NULL, &changed, err, SQL, "it", id, now);
	if (rc == ERR_OK && changed == 0)
		rc = err_set(err, ERR_NOT_FOUND, "id", "no live token %lld", (long long)id);
	return rc;
}

enum err_code store_login_failure_add(struct store *st, const char *key, struct err *err)
{
	static const char SQL[] = "INSERT INTO login_failure(key, at) VALUES (?1, ?2)";
	char now[21];
	now_utc(now);
	return write1(st, NULL, NULL, err, SQL, "tt", key, now);
}

int64_t store_login_failures(struct store *st, const char *key, const char *since)
{
	static const char SQL[] = "SELECT count(*) FROM login_failure WHERE key = ?1 AND at >= ?2";
	return query_int_or_0(st, SQL, "tt", key, since);
}

