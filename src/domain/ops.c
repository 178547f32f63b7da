/* ops.c — readiness and the mail queue's backlog for monitoring. */
#include "base/base.h"
#include "base/embed.h"
#include "domain/ops.h"
#include "domain/tracker.h"
#include "store/store.h"

#include <time.h>

enum err_code tracker_ready(struct tracker *tr, int *have, int *want, struct err *err)
{
	*want = 0;
	for (const struct embed_file *m = embed_migrations; m->name; m++)
		(*want)++;
	*have = 0;
	struct err why = {0};
	if (store_schema_version_now(tr->store, have, &why) != ERR_OK)
		return err_set(err, ERR_BUSY, "", "the database does not answer: %s", why.message);
	if (*have != *want)
		return err_set(err, ERR_BUSY, "", "the database's schema is version %d; this cchc needs %d",
			       *have, *want);
	return ERR_OK;
}

enum err_code tracker_mail_backlog(struct tracker *tr, int64_t *waiting, int64_t *oldest_age,
				   struct err *err)
{
	char oldest[21];
	*oldest_age = 0;
	if (store_mail_backlog(tr->store, waiting, oldest, err) != ERR_OK)
		return err->code;
	struct tm tm = {0};
	const char *end = oldest[0] ? strptime(oldest, "%Y-%m-%dT%H:%M:%SZ", &tm) : NULL;
	if (end && !*end) {
		int64_t age = (int64_t)time(NULL) - (int64_t)timegm(&tm);
		*oldest_age = age > 0 ? age : 0;
	}
	return ERR_OK;
}
