/*
 * probe.h — a cheap way to learn whether the database changed.
 *
 * A probe holds its own connection and never writes through it, so any
 * commit by another process changes the number it returns; so does every
 * commit of the store it was opened on, counted there as it happens (on
 * PostgreSQL the probe's connection learns of a commit a moment later).
 * Caches of computed answers compare it to the number they were filled
 * at.  Safe for many threads.
 */
#ifndef CCHC_PROBE_H
#define CCHC_PROBE_H
#include <stdint.h>

#include "base/err.h"

struct store;
struct store_probe;

/* A probe of st's database; st must outlive it. */
struct store_probe *store_probe_open(struct store *st, struct err *err);
void store_probe_close(struct store_probe *p);
/* Changes whenever a write was committed since the last call. */
uint64_t store_probe_version(struct store_probe *p);

#endif
