/* meta.c — store.h: free-form facts about the database, and the change numbers caches follow. */
#include "base/base.h"
#include "store/db.h"

/* ---- meta ------------------------------------------------------------ */

enum err_code store_meta_set(struct store *st, const char *key, const char *value, struct err *err)
{
	static const char SQL[] = "INSERT INTO meta(key, value) VALUES (?1, ?2) "
				  "ON CONFLICT(key) DO UPDATE SET value = excluded.value";
	return write1(st, NULL, NULL, err, SQL, "tt", key, value);
}

char *store_meta_get(struct store *st, const char *key)
{
	static const char SQL[] = "SELECT value FROM meta WHERE key = ?1";
	return query_text(st, SQL, "t", key);
}

/* ---- change numbers ---------------------------------------------------- */

void store_revs(struct store *st, int64_t *assignment_rev, int64_t *unit_rev)
{
	static const char SQL[] = "SELECT rev, unit_rev FROM change_seq";
	struct err err;
	struct conn *c = conn_get(st);
	*assignment_rev = *unit_rev = -1;
	json_t *row = row1(c, SQL, &err, "");
	conn_put(st, c);
	if (!row) {
		report_lost(&err);
		return;
	}
	*assignment_rev = json_integer_value(json_object_get(row, "rev"));
	*unit_rev = json_integer_value(json_object_get(row, "unit_rev"));
	json_decref(row);
}
