/*
 * audit.c — the audit trail: what is audited (audit_list.h, in each
 * driver's dialect), the hash chain, who acts, and reading the trail.
 *
 * The records are written by triggers that each driver installs: whatever
 * code path changes an audited table, the record is appended in the same
 * transaction, chained to the previous one by SHA-256.  Who made the change
 * is set on the thread's connection by store_audit_begin (the driver's
 * set_actor_sql) and reset by store_audit_end.
 */
#include "base/base.h"
#include "store/db_driver.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* ---- the chain ------------------------------------------------------- */

void store_audit_hash(const char *prev, const char *at, const char *actor, const char *address,
		      const char *action, const char *entity, const char *entity_id,
		      const char *detail, char out[65])
{
	const char *parts[] = {prev, at, actor, address, action, entity, entity_id, detail};
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	for (size_t i = 0; i < ARRAY_LEN(parts); i++) {
		const char *p = parts[i] ? parts[i] : "";
		/* A unit separator keeps ("ab","c") and ("a","bc") apart. */
		crypto_hash_sha256_update(&h, (const unsigned char *)p, strlen(p));
		crypto_hash_sha256_update(&h, (const unsigned char *)"\x1f", 1);
	}
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&h, digest);
	sodium_bin2hex(out, 65, digest, sizeof digest);
}

/* The list in each dialect (db_driver.h); ends with a zeroed entry. */
#define AUDIT(table, event, action, entity, id, detail) {table, event, action, entity, id, detail},

#define J_OBJ(pairs) "json_object(" pairs ")"
#define J_PAIR(col) "json_array(OLD." col ", NEW." col ")"
#define J_CHANGED(col) "json(CASE WHEN OLD." col " IS NOT NEW." col " THEN 'true' ELSE 'false' END)"
#define J_JSON(expr) "json(" expr ")"
const struct audited audited_sqlite[] = {
#include "store/audit_list.h"
	{0}};
#undef J_OBJ
#undef J_PAIR
#undef J_CHANGED
#undef J_JSON

#define J_OBJ(pairs) "json_build_object(" pairs ")"
#define J_PAIR(col) "json_build_array(OLD." col ", NEW." col ")"
#define J_CHANGED(col) "to_json(OLD." col " IS DISTINCT FROM NEW." col ")"
#define J_JSON(expr) "CAST(" expr " AS json)"
const struct audited audited_pg[] = {
#include "store/audit_list.h"
	{0}};

void store_audit_begin(struct store *st, const char *actor, const char *address)
{
	/* Holding the connection keeps the actor with this thread's writes. */
	struct conn *c = conn_get(st);
	struct err err;
	if (run(c, st->drv->set_actor_sql, &err, "tt", actor, address ? address : "") != ERR_OK)
		report_lost(&err);
}

void store_audit_end(struct store *st)
{
	struct conn *c = conn_get(st);
	struct err err;
	if (run(c, st->drv->set_actor_sql, &err, "tt", "system", "") != ERR_OK)
		report_lost(&err);
	conn_put(st, c);	/* this call's */
	conn_put(st, c);	/* store_audit_begin's */
}

/* ---- reading the trail ----------------------------------------------- */

json_t *store_audit_of(struct store *st, const char *entity, const char *entity_id, struct err *err)
{
	/* An assignment's history is its reports' records. */
	static const char SQL[] =
		"SELECT id, at, actor, address, action, entity, entity_id, detail, hash FROM audit "
		"WHERE (entity = ?1 AND (?2 IS NULL OR entity_id = ?2)) "
		"OR (?1 = 'assignment' AND entity = 'report' AND entity_id IN "
		"    (SELECT CAST(id AS TEXT) FROM report WHERE assignment_id = CAST(?2 AS INTEGER))) "
		"ORDER BY id";
	json_t *out = query_rows(st, SQL, err, "tt", entity, entity_id);
	size_t i;
	json_t *row;
	json_array_foreach(out, i, row) {
		json_t *d = json_loads(json_string_value(json_object_get(row, "detail")), 0, NULL);
		if (d)
			json_object_set_new(row, "detail", d);
	}
	return out;
}

enum err_code store_audit_scan(struct store *st, int (*fn)(void *ctx, json_t *row), void *ctx,
			       struct err *err)
{
	static const char SQL[] = "SELECT id, at, actor, address, action, entity, entity_id, detail, "
				  "prev_hash, hash FROM audit ORDER BY id";
	return query_scan(st, SQL, fn, ctx, err, "");
}

