/* progress.c — a progress bar on a terminal, plain lines elsewhere. */
#include "base/base.h"
#include "base/progress.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

#define BAR_WIDTH 24
/* The bar is redrawn at most this often (seconds): drawing costs writes. */
#define REDRAW_EVERY 0.1

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "4.0/10.0 MB" or "40/100". */
static void amounts(char *out, size_t size, uint64_t done, uint64_t total, int bytes)
{
	if (bytes)
		snprintf(out, size, "%.1f/%.1f MB", (double)done / 1e6, (double)total / 1e6);
	else
		snprintf(out, size, "%llu/%llu", (unsigned long long)done, (unsigned long long)total);
}

/* "m:ss", or "h:mm:ss" past an hour. */
static void duration(char *out, size_t size, double seconds)
{
	unsigned long s = seconds > 0 ? (unsigned long)(seconds + 0.5) : 0;
	if (s >= 3600)
		snprintf(out, size, "%lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(out, size, "%lu:%02lu", s / 60, s % 60);
}

void progress_format(char *out, size_t size, const char *what, uint64_t done, uint64_t total, int bytes,
		     double elapsed, int tty)
{
	if (done > total)
		done = total;
	int pct = total ? (int)(done * 100 / total) : 100;
	char amt[64], left[48] = "", t[32];
	amounts(amt, sizeof amt, done, total, bytes);
	/* An estimate from less than half a second or 1% done is noise. */
	if (done > 0 && done < total && done * 100 >= total && elapsed >= 0.5) {
		duration(t, sizeof t, elapsed * (double)(total - done) / (double)done);
		snprintf(left, sizeof left, tty ? "  %s left" : ", about %s left", t);
	}
	if (tty) {
		char bar[BAR_WIDTH + 1];
		int filled = pct * BAR_WIDTH / 100;
		for (int i = 0; i < BAR_WIDTH; i++)
			bar[i] = i < filled ? '#' : '-';
		bar[BAR_WIDTH] = 0;
		snprintf(out, size, "%s [%s] %3d%%  %s%s", what, bar, pct, amt, left);
	} else {
		snprintf(out, size, "%s: %d%% (%s)%s", what, pct, amt, left);
	}
}

void progress_start_as(struct progress *p, FILE *out, const char *what, uint64_t total, int bytes, int tty)
{
	if (!p)
		return;
	*p = (struct progress){.out = out, .what = what, .total = total, .bytes = bytes, .tty = tty,
			       .last_tenth = -1, .started = now_seconds()};
}

void progress_start(struct progress *p, FILE *out, const char *what, uint64_t total, int bytes)
{
	progress_start_as(p, out, what, total, bytes, isatty(fileno(out)));
}

static void draw(struct progress *p, int force)
{
	double now = now_seconds();
	int tenth = p->total ? (int)(p->done * 10 / p->total) : 10;
	if (p->tty ? !force && now - p->drawn_at < REDRAW_EVERY : tenth == p->last_tenth)
		return;
	char line[256];
	progress_format(line, sizeof line, p->what, p->done, p->total, p->bytes, now - p->started, p->tty);
	/* \033[K clears what a longer earlier line left behind. */
	fprintf(p->out, p->tty ? "\r%s\033[K" : "%s\n", line);
	fflush(p->out);
	p->drawn_at = now;
	p->last_tenth = tenth;
}

void progress_grow(struct progress *p, uint64_t more)
{
	if (!p)
		return;
	/* Until something is done, time spent finding the work says nothing
	 * of how long it takes: the estimate's clock starts now. */
	if (p->done == 0)
		p->started = now_seconds();
	p->total += more;
}

void progress_set(struct progress *p, uint64_t done)
{
	if (!p)
		return;
	p->done = done > p->total ? p->total : done;
	draw(p, 0);
}

void progress_add(struct progress *p, uint64_t n)
{
	if (p)
		progress_set(p, p->done + n);
}

void progress_finish(struct progress *p)
{
	if (!p)
		return;
	p->done = p->total;
	if (p->tty)
		draw(p, 1);
	char took[32];
	duration(took, sizeof took, now_seconds() - p->started);
	/* The bar's line ends here; a log gets one closing line. */
	if (p->tty)
		fprintf(p->out, "  (%s)\n", took);
	else if (p->bytes)
		fprintf(p->out, "%s: done, %.1f MB in %s\n", p->what, (double)p->total / 1e6, took);
	else
		fprintf(p->out, "%s: done in %s\n", p->what, took);
	fflush(p->out);
}

void progress_abort(struct progress *p)
{
	if (p && p->tty && p->drawn_at > 0) {
		fputc('\n', p->out);
		fflush(p->out);
	}
}
