/*
 * tracker_open.c — the domain handle: the store (and the dashboard's
 * tally) opened for a command or the server, the principal it acts as,
 * and the attribution of changes in the audit trail.
 */
#include "base/base.h"
#include "domain/tracker.h"
#include "store/store.h"

#include <libgen.h>
#include <stdlib.h>
#include <string.h>

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

struct tracker *tracker_open(const char *path, const struct tracker_options *opt, struct err *err)
{
	struct store_options so = {.durable = opt->durable, .connections = opt->connections ? opt->connections : 1};
	struct store *st = store_open(path, &so, err);
	if (!st)
		return NULL;
	struct opened *o = xcalloc(1, sizeof *o);
	if (opt->data_dir) {
		o->data_dir = xstrdup(opt->data_dir);
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
