/*
 * tally.h — the status index behind the dashboard.
 *
 * Status depends on the as-of date, so counts cannot simply be kept on
 * write.  Instead the tally keeps the few facts that decide each
 * assignment's status (about 20 bytes each) in memory, indexed by
 * assignment id, and classifies them in one pass per request: about a
 * millisecond per hundred thousand assignments.
 *
 * It follows the database through the store's change numbers: every
 * request first asks for the latest numbers (one small read) and applies
 * only the rows changed since, so writes by other processes (the CLI, a
 * second server) are seen too.  Safe for many threads.
 */
#ifndef CCHC_TALLY_H
#define CCHC_TALLY_H
#include <jansson.h>
#include <stdint.h>

#include "base/err.h"
#include "domain/status.h"

struct store;
struct tally;

struct tally *tally_new(void);
void tally_free(struct tally *t);
/* Brings the tally up to date with the store. */
enum err_code tally_refresh(struct tally *t, struct store *st, struct err *err);

struct dashboard_query {
	int32_t as_of;		/* day number */
	int64_t field_id;	/* 0: all fields */
	int64_t root_id;	/* 0: all units; else this unit and those under it */
	unsigned kind_mask;	/* 0: all kinds; else bits of unit_kind_bit() */
	int limit;		/* most units listed; 0: all */
};

/* Bit for a unit kind name, 0 for an unknown one. */
unsigned unit_kind_bit(const char *kind);

/*
 * Counts by status per unit, per field and in total, with on-time rates,
 * units worst first: lowest on-time rate, then most overdue, then name in
 * Vietnamese order; units with nothing due come last.  Caller owns the
 * result.
 */
json_t *tally_dashboard(struct tally *t, struct store *st, const struct dashboard_query *q,
			struct err *err);

/* Writes {"not_started": n, ..., "total": n, "on_time_rate": r|null} into obj. */
void tally_counts_json(json_t *obj, const int64_t counts[STATUS_COUNT]);

#endif
