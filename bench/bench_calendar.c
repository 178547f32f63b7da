/*
 * bench_calendar.c — how fast the calendar answers: the holidays of 200 years
 * (lunar conversions every time, nothing cached) and one million
 * add-workdays calls (the per-year cumulative tables, built on first use).
 */
#include "base/base.h"
#include "base/date.h"
#include "domain/calendar.h"

#include <stdio.h>
#include <time.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(void)
{
	struct calendar cal;
	calendar_init(&cal, NULL);
	long check = 0;	/* printed, so that no work can be optimised away */

	/* Holidays of 1901..2100, a few rounds to show the steady figure. */
	double best = 1e30;
	size_t total = 0;
	for (int round = 0; round < 5; round++) {
		double t0 = now_ms();
		total = 0;
		for (int year = 1901; year <= 2100; year++) {
			struct calendar_holiday h[64];
			size_t n = calendar_holidays(&cal, year, h, ARRAY_LEN(h));
			total += n;
			check += h[0].day;
		}
		double t = now_ms() - t0;
		if (t < best)
			best = t;
	}
	printf("calendar: holidays for 200 years (%zu days off): %.2f ms\n", total, best);

	/* Deadlines as the tracker makes them: a start day in 2020..2031, -60..+60 days. */
	int32_t base = date_from_ymd(2020, 1, 1);
	unsigned seed = 42;
	const long calls = 1000000;
	double t0 = now_ms();
	for (long i = 0; i < calls; i++) {
		seed = seed * 1103515245u + 12345u;
		int32_t day = base + (int32_t)((seed >> 8) % 4380);
		seed = seed * 1103515245u + 12345u;
		int32_t n = (int32_t)((seed >> 8) % 121) - 60;
		check += calendar_add_workdays(&cal, day, n);
	}
	double t = now_ms() - t0;
	printf("calendar: 1,000,000 add-workdays calls (N in -60..60, cold cache): %.1f ms (%.0f ns/call)\n",
	       t, t * 1e6 / calls);

	t0 = now_ms();
	for (long i = 0; i < calls; i++) {
		seed = seed * 1103515245u + 12345u;
		int32_t day = base + (int32_t)((seed >> 8) % 4380);
		seed = seed * 1103515245u + 12345u;
		int32_t n = (int32_t)((seed >> 8) % 2001) - 1000;
		check += calendar_add_workdays(&cal, day, n);
	}
	t = now_ms() - t0;
	printf("calendar: 1,000,000 add-workdays calls (N in -1000..1000, warm): %.1f ms (%.0f ns/call)\n",
	       t, t * 1e6 / calls);

	/* Building every year's table from scratch: the cost after a rules change. */
	calendar_set_rules(&cal, NULL);
	t0 = now_ms();
	check += calendar_workdays_between(&cal, date_from_ymd(1900, 1, 1),
					   date_from_ymd(2100, 12, 31), NULL);
	printf("calendar: build the tables of 201 years: %.2f ms\n", now_ms() - t0);

	printf("calendar: checksum %ld\n", check);
	calendar_release(&cal);
	return 0;
}
