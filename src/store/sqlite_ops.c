/* sqlite_ops.c — what readiness checks and monitoring read (issue 19). */
#include "base/base.h"
#include "store/sqlite_int.h"

#include <string.h>

enum err_code store_schema_version_now(struct store *st, int *version, struct err *err)
{
	/* SQLite keeps the version in the file's header, where the
	 * migrations put it (sqlite_store.c); reading it takes a read lock,
	 * so a database that does not answer says so. */
	static const char SQL[] = "PRAGMA user_version";
	json_t *row = query_row(st, SQL, err, "");
	if (!row)
		return err->code;
	*version = (int)json_integer_value(json_object_get(row, "user_version"));
	json_decref(row);
	return ERR_OK;
}

enum err_code store_mail_backlog(struct store *st, int64_t *waiting, char oldest[21], struct err *err)
{
	static const char SQL[] =
		"SELECT count(*) AS waiting, min(created_at) AS oldest FROM mail_queue "
		"WHERE status IN ('queued', 'sending')";
	json_t *row = query_row(st, SQL, err, "");
	if (!row)
		return err->code;
	*waiting = json_integer_value(json_object_get(row, "waiting"));
	const char *o = json_string_value(json_object_get(row, "oldest"));
	snprintf(oldest, 21, "%s", o ? o : "");
	json_decref(row);
	return ERR_OK;
}
