/*
 * demo.h — the Cao Bằng 2026 demo: the province's real units and the seven
 * reform fields (from the seed files compiled into the binary), the tasks
 * of letter 473/UBND-NC assigned as the letter assigns them, an
 * illustrative 2026 plan with sample indicators, and months of generated
 * progress (deterministic) so that the dashboard shows units ahead and
 * behind.  Everything it writes is marked as demo data.
 */
#ifndef CCHC_DEMO_H
#define CCHC_DEMO_H
#include <stdio.h>

#include "base/err.h"
#include "base/progress.h"
#include "domain/tracker.h"

/* Both load as the system's settings (ACT_CONFIGURE), recorded under tr's
 * principal. */
/* Loads the named demo ("caobang-2026") into a database without documents
 * (the registry is loaded first if it is missing).  Progress lines go to
 * log (may be NULL). */
enum err_code demo_load(struct tracker *tr, const char *name, FILE *log, struct err *err);
/* The same, showing how far it has come on pr (may be NULL). */
enum err_code demo_load_shown(struct tracker *tr, const char *name, FILE *log, struct progress *pr,
			      struct err *err);

/* Loads only the Cao Bằng units and the seven fields: what `cchc init`
 * gives a new database. */
enum err_code demo_load_registry(struct tracker *tr, struct err *err);

#endif
