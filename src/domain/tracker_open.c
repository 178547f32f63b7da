/*
 * tracker_open.c — the domain handle: the store (and the dashboard's
 * tally) opened for a command or the server, the principal it acts as,
 * and the attribution of changes in the audit trail.
 */
#include "base/base.h"
#include "domain/tracker.h"
#include "store/store.h"

#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What tracker_open makes; the tracker comes first so that tracker_close
 * finds the rest from it. */
struct opened {
	struct tracker tr;
	struct principal system;
	char *data_dir;
	bool attributing;
};

/* The depth of this thread's attribution scopes: only the outermost one
 * talks to the store. */
static _Thread_local int attribution_depth;

void tracker_attribution_begin(const struct tracker *tr)
{
	if (attribution_depth++ == 0)
		store_audit_begin(tr->store, auth_actor(tr->who), tr->address ? tr->address : "");
}

void tracker_attribution_end(const struct tracker *tr)
{
	if (--attribution_depth == 0)
		store_audit_end(tr->store);
}

bool tracker_db_missing(const char *target)
{
	return store_target_is_file(target) && access(target, R_OK) != 0;
}

enum err_code tracker_copy_db(const char *from, const char *to,
			      void (*progress)(void *ctx, const char *table, int64_t rows), void *ctx,
			      struct err *err)
{
	if (tracker_db_missing(from))
		return err_set(err, ERR_NOT_FOUND, "from", "cannot read %s: %s", from, strerror(errno));
	if (store_target_is_file(to))
		return err_set(err, ERR_INVALID, "to", "the copy goes into a PostgreSQL database (postgres://...)");
	struct store_options one = {.durable = 1, .connections = 1};
	struct store *src = store_open(from, &one, err), *dst = src ? store_open(to, &one, err) : NULL;
	enum err_code rc = dst ? store_copy(src, dst, progress, ctx, err) : err->code;
	store_close(dst);
	store_close(src);
	return rc;
}

struct tracker *tracker_open(const char *path, const struct tracker_options *opt, struct err *err)
{
	struct store_options so = {.durable = opt->durable, .connections = opt->connections ? opt->connections : 1};
	struct store *st = store_open(path, &so, err);
	if (!st)
		return NULL;
	struct opened *o = xcalloc(1, sizeof *o);
	if (opt->data_dir) {
		o->data_dir = xstrdup(opt->data_dir);
	} else if (!store_target_is_file(path)) {
		/* A database server has no folder of ours: the working directory's "data". */
		o->data_dir = xstrdup("data");
	} else {
		/* Evidence lives beside the database unless told otherwise. */
		char *copy = xstrdup(path);
		o->data_dir = xstrdup(dirname(copy));
		free(copy);
	}
	o->tr = (struct tracker){.store = st, .data_dir = o->data_dir};
	if (opt->tally) {
		o->tr.tally = tally_new();
		if (tally_refresh(o->tr.tally, st, err) != ERR_OK) {
			tracker_close(&o->tr);
			return NULL;
		}
	}
	if (opt->actor) {
		auth_system_principal(&o->system, opt->actor);
		o->tr.who = &o->system;
		o->attributing = true;
		tracker_attribution_begin(&o->tr);
	}
	return &o->tr;
}

void tracker_close(struct tracker *tr)
{
	if (!tr)
		return;
	struct opened *o = (struct opened *)tr;
	if (o->attributing)
		tracker_attribution_end(tr);
	if (tr->tally)
		tally_free(tr->tally);
	store_close(tr->store);
	free(o->data_dir);
	free(o);
}

int tracker_schema_version(struct tracker *tr)
{
	return store_schema_version(tr->store);
}
