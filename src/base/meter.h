/*
 * meter.h — process-wide counters that the layers below the HTTP server
 * bump and /metrics reports: time spent holding a database connection,
 * sign-in failures, the reminder scheduler's rounds.  Each is one C11
 * atomic, added to with relaxed order: a scrape may see a count a moment
 * old, never a torn one.
 */
#ifndef CCHC_METER_H
#define CCHC_METER_H
#include <stdint.h>

/* Nanoseconds of CLOCK_MONOTONIC. */
uint64_t meter_now_ns(void);

enum meter {
	METER_DB_NS,		/* nanoseconds a request or the scheduler held a connection */
	METER_DB_USES,		/* connections taken (the outermost take of a thread) */
	METER_SIGNIN_FAILURES,	/* wrong name or password */
	METER_SCHEDULER_ROUNDS,
	METER_SCHEDULER_LAST,	/* Unix seconds of the last round's end; 0: none yet */
	METER_REMINDERS,	/* reminders produced by this process's scheduler */
	METER_LETTERS_SENT,	/* letters the scheduler handed to the SMTP server */
	METER_COUNT
};

void meter_add(enum meter m, uint64_t n);
void meter_set(enum meter m, uint64_t v);
uint64_t meter_get(enum meter m);

#endif
