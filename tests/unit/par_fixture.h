/* par_fixture.h — the PAR tests' database: a tracker on a new file in a
 * new folder (dir, which the caller removes), with the units given and the
 * PAR lead field led by the unit coded "SNV". */
#ifndef CCHC_PAR_FIXTURE_H
#define CCHC_PAR_FIXTURE_H
#include "base/base.h"
#include "domain/par.h"
#include "domain/tracker.h"
#include "store/store.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>

static struct tracker *par_fixture_open(char dir[64], int tally, const struct unit_new *units, size_t nunits)
{
	snprintf(dir, 64, "/tmp/cchc-par-XXXXXX");
	if (!mkdtemp(dir))
		abort();
	char *path = xasprintf("%s/p.db", dir);
	struct err err;
	struct tracker_options opt = {.connections = 2, .data_dir = dir, .tally = tally};
	struct tracker *t = tracker_open(path, &opt, &err);
	free(path);
	if (!t)
		abort();
	for (size_t i = 0; i < nunits; i++)
		CHECK_INT(store_unit_add(t->store, &units[i], NULL, &err), ERR_OK);
	CHECK_INT(store_field_add(t->store, PAR_LEAD_FIELD, 1, "Chỉ đạo điều hành CCHC", "Direction", "SNV", &err),
		  ERR_OK);
	return t;
}

#endif
