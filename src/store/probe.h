/*
 * probe.h — a cheap way to learn whether the database changed.
 *
 * A probe holds its own connection and never writes through it, so any
 * commit (by this process's store or by another process) changes the
 * number it returns.  Caches of computed answers compare it to the number
 * they were filled at.  Safe for many threads.
 */
#ifndef CCHC_PROBE_H
#define CCHC_PROBE_H
#include <stdint.h>

#include "base/err.h"

struct store_probe;

struct store_probe *store_probe_open(const char *path, struct err *err);
void store_probe_close(struct store_probe *p);
/* Changes whenever another connection committed since the last call. */
uint64_t store_probe_version(struct store_probe *p);

#endif
