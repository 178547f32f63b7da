/*
 * db_fixture.h — the temporary databases of the store and domain tests,
 * each a file in a new folder under /tmp that its close removes:
 *   fixture_store_open()   a bare store;
 *   registry_fixture_open() a tracker acting as the system over a store
 *                          with the demo's registry of units and fields;
 *   demo_fixture_open()    a tracker on the whole caobang-2026 demo, and
 *                          principals built from the caller's cast;
 * and the rows several tests start from (fixture_unit, fixture_letter),
 * and body_of() for JSON bodies written as printf formats.
 *
 * The helpers are static inline so that a test using some of them builds
 * without warnings about the others.
 */
#ifndef CCHC_DB_FIXTURE_H
#define CCHC_DB_FIXTURE_H
#include "base/base.h"
#include "domain/auth.h"
#include "domain/demo.h"
#include "domain/tally.h"
#include "domain/tracker.h"
#include "store/store.h"
#include "test.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A new folder /tmp/cchc-<prefix>-XXXXXX, named in dir. */
static inline void fixture_dir(char dir[64], const char *prefix)
{
	snprintf(dir, 64, "/tmp/cchc-%s-XXXXXX", prefix);
	if (!mkdtemp(dir))
		abort();
}

/* Removes dir and all in it. */
static inline void fixture_dir_remove(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	free(cmd);
}

/* A store (not durable: tests need no fsync) on a new file in a new
 * folder (dir); fixture_store_close() closes it and removes the folder. */
static inline struct store *fixture_store_open(char dir[64], const char *prefix, int connections)
{
	fixture_dir(dir, prefix);
	char *path = xasprintf("%s/t.db", dir);
	struct err err;
	struct store_options opt = {.durable = 0, .connections = connections};
	struct store *st = store_open(path, &opt, &err);
	free(path);
	if (!st) {
		fprintf(stderr, "%s\n", err.message);
		abort();
	}
	return st;
}

static inline void fixture_store_close(struct store *st, const char *dir)
{
	store_close(st);
	fixture_dir_remove(dir);
}

/* A unit under the province coded "P" (the province itself has no parent); its id. */
static inline int64_t fixture_unit(struct store *st, const char *code, const char *name, const char *kind)
{
	struct err err;
	int64_t id = 0;
	struct unit_new u = {.code = code, .name = name, .kind = kind, .parent_code = strcmp(kind, "province") ? "P" : NULL};
	CHECK_INT(store_unit_add(st, &u, &id, &err), ERR_OK);
	return id;
}

/* A tracker acting as the system over a store made as fixture_store_open()
 * does, with the demo's registry of units and fields; with_tally, a tally
 * (the tracker's, freed by registry_fixture_close()) follows its writes. */
static inline struct tracker registry_fixture_open(char dir[64], const char *prefix, int connections, bool with_tally)
{
	struct tracker tr = {.store = fixture_store_open(dir, prefix, connections),
			     .tally = with_tally ? tally_new() : NULL, .data_dir = dir};
	struct err err;
	CHECK_INT(demo_load_registry(&tr, &err), ERR_OK);
	return tr;
}

static inline void registry_fixture_close(struct tracker *tr, const char *dir)
{
	tally_free(tr->tally);
	fixture_store_close(tr->store, dir);
}

/* A letter of 2026 issued by unit "04" of the registry, to hang tasks on; its id. */
static inline int64_t fixture_letter(struct store *st)
{
	struct err err;
	struct document_new d = {.type = "CV", .number = "1", .symbol = "UBND-NC", .title = "t",
				 .year = 2026, .issuer_code = "04", .issued_on = "2026-01-02"};
	int64_t id = 0;
	CHECK_INT(store_document_add(st, &d, &id, &err), ERR_OK);
	return id;
}

/* One principal of a test's cast: its name, its unit's code (NULL: the
 * system, which has no unit and may do everything) and its roles. */
struct cast_member {
	const char *name, *unit;
	unsigned role;
};

#define DEMO_CAST_MAX 16

struct demo_fixture {
	char dir[64];
	struct tracker *tr;	/* the system's, as the demo was loaded */
	struct principal who[DEMO_CAST_MAX];	/* who[i] plays cast[i] */
};

/* A tracker on the caobang-2026 demo in a new database in a new folder,
 * and who[i] of the n members of cast, with account ids first_account + i;
 * every unit code of the cast must be the demo's.  demo_fixture_close()
 * closes and removes both. */
static inline void demo_fixture_open(struct demo_fixture *fx, const char *prefix, const struct cast_member *cast,
				     size_t n, int64_t first_account)
{
	if (n > DEMO_CAST_MAX)
		abort();
	fixture_dir(fx->dir, prefix);
	char *path = xasprintf("%s/t.db", fx->dir);
	struct err err;
	struct tracker_options opt = {.connections = 2, .tally = true, .data_dir = fx->dir};
	fx->tr = tracker_open(path, &opt, &err);
	free(path);
	if (!fx->tr || demo_load(fx->tr, "caobang-2026", NULL, &err) != ERR_OK) {
		fprintf(stderr, "%s\n", err.message);
		abort();
	}
	for (size_t w = 0; w < n; w++) {
		if (!cast[w].unit) {
			auth_system_principal(&fx->who[w], cast[w].name);
			continue;
		}
		fx->who[w] = (struct principal){.account_id = first_account + (int64_t)w, .roles = cast[w].role,
						.unit_id = tracker_unit_ref(fx->tr, cast[w].unit)};
		snprintf(fx->who[w].name, sizeof fx->who[w].name, "%s", cast[w].name);
		CHECK(fx->who[w].unit_id != 0);
	}
}

/* fx's tracker acting as who[w]. */
static inline struct tracker demo_fixture_as(struct demo_fixture *fx, int w)
{
	struct tracker t = *fx->tr;
	t.who = &fx->who[w];
	return t;
}

static inline void demo_fixture_close(struct demo_fixture *fx)
{
	tracker_close(fx->tr);
	fixture_dir_remove(fx->dir);
}

/* The JSON of a printf format and its arguments; NULL (and a message) when
 * it is not JSON.  The caller owns it. */
static inline json_t *body_of(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct buf b = BUF_INIT;
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	json_error_t je;
	json_t *j = json_loads(buf_str(&b), 0, &je);
	if (!j)
		fprintf(stderr, "  bad test JSON: %s\n", je.text);
	buf_release(&b);
	return j;
}

#endif
