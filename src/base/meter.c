/* meter.c — the process-wide counters of meter.h. */
#include "base/meter.h"

#include <stdatomic.h>
#include <time.h>

static _Atomic uint64_t meters[METER_COUNT];

uint64_t meter_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void meter_add(enum meter m, uint64_t n)
{
	atomic_fetch_add_explicit(&meters[m], n, memory_order_relaxed);
}

void meter_set(enum meter m, uint64_t v)
{
	atomic_store_explicit(&meters[m], v, memory_order_relaxed);
}

uint64_t meter_get(enum meter m)
{
	return atomic_load_explicit(&meters[m], memory_order_relaxed);
}
