/* ops.c — what monitoring reads (issue 19); the schema version now is in db.c, by driver. */
#include "base/base.h"
#include "store/db.h"

#include <string.h>

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
