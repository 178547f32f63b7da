/*
 * progress.h — progress of long work (import, backup, restore, the demo),
 * written to a stream, usually stderr so that stdout keeps the command's
 * own output.  On a terminal a bar is redrawn in place with the share done
 * and an estimate of the time left; elsewhere (a log, a pipe, cron) a plain
 * line is written at every tenth, so the log stays short and readable.
 *
 * Every function accepts a NULL progress and then does nothing, so the
 * domain can be called with or without one.
 */
#ifndef CCHC_PROGRESS_H
#define CCHC_PROGRESS_H
#include <stdint.h>
#include <stdio.h>

struct progress {
	FILE *out;
	const char *what;	/* borrowed: "backup", "restore", ... */
	uint64_t total, done;
	int bytes;		/* 1: amounts are bytes, shown in MB */
	int tty;		/* 1: redraw one line in place */
	int last_tenth;		/* the last tenth a plain line was written for */
	double started, drawn_at;	/* monotonic seconds */
};

/* Starts on out; the bar form is chosen when out is a terminal. */
void progress_start(struct progress *p, FILE *out, const char *what, uint64_t total, int bytes);
/* The same with the form given (the unit test's way in). */
void progress_start_as(struct progress *p, FILE *out, const char *what, uint64_t total, int bytes, int tty);
/* More work was found: the total grows (the estimate follows; before
 * anything is done, its clock starts again). */
void progress_grow(struct progress *p, uint64_t more);
void progress_add(struct progress *p, uint64_t n);
void progress_set(struct progress *p, uint64_t done);
/* The closing line: what was done and how long it took. */
void progress_finish(struct progress *p);
/* Work that failed: a bar's line is ended so that the error starts a line
 * of its own. */
void progress_abort(struct progress *p);

/*
 * One progress line without a newline, for done of total after elapsed
 * seconds: "what [####------]  40%  4.0/10.0 MB  0:06 left" in the bar
 * form, "what: 40% (4.0/10.0 MB), about 0:06 left" in the plain one.
 * The estimate is left out until it means something (1% and half a
 * second).
 */
void progress_format(char *out, size_t size, const char *what, uint64_t done, uint64_t total, int bytes,
		     double elapsed, int tty);

#endif
