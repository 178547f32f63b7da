/*
 * ops.h — what the operator's checks ask of the domain (issue 19):
 * whether the database answers with the schema this binary expects, and
 * how the mail queue stands.  No principal: these say nothing of anyone's
 * data.
 */
#ifndef CCHC_OPS_H
#define CCHC_OPS_H
#include <stdint.h>

#include "base/err.h"

struct tracker;

/* ERR_OK when the database answers and holds the newest migration this
 * binary has; ERR_BUSY saying why not.  *have and *want: the versions. */
enum err_code tracker_ready(struct tracker *tr, int *have, int *want, struct err *err);
/* Letters waiting to be sent, and the age in seconds of the oldest (0: none). */
enum err_code tracker_mail_backlog(struct tracker *tr, int64_t *waiting, int64_t *oldest_age,
				   struct err *err);

#endif
