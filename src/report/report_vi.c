/*
 * report_vi.c — the periods of the reform reporting cycle, Vietnam time,
 * and the way a report writes days, rates and values in Vietnamese.
 */
#include "base/base.h"
#include "base/date.h"
#include "report/report.h"
#include "report/report_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum err_code report_period_parse(const char *s, struct report_period *p, struct err *err)
{
	memset(p, 0, sizeof *p);
	size_t n = s ? strlen(s) : 0;
	int month = 0, prev_month = 9, prev_year_shift = 0;
	const char *kind = "";
	if (n >= 4 && strspn(s, "0123456789") == 4) {
		if (n == 4) {
			month = 12, prev_month = 9, kind = "năm";
		} else if (strcmp(s + 4, "-Q1") == 0) {
			month = 3, prev_month = 12, prev_year_shift = 1, kind = "quý I năm";
		} else if (strcmp(s + 4, "-H1") == 0) {
			month = 6, prev_month = 3, kind = "6 tháng đầu năm";
		} else if (strcmp(s + 4, "-9M") == 0) {
			month = 9, prev_month = 6, kind = "9 tháng năm";
		}
	}
	int y = month ? atoi(s) : 0;
	if (!month || y < 2000 || y > 2100)
		return err_set(err, ERR_INVALID, "period",
			       "period '%.20s' is not one of YYYY-Q1 (quarter I), YYYY-H1 (six months), "
			       "YYYY-9M (nine months) or YYYY (the year), for years 2000-2100",
			       s ? s : "");
	p->year = y;
	snprintf(p->label, sizeof p->label, "%.11s", s);
	p->start = date_from_ymd(y, 1, 1);
	p->end = date_from_ymd(y, month, date_days_in_month(y, month));
	int py = y - prev_year_shift;
	static const char *const suffix[13] = {[3] = "-Q1", [6] = "-H1", [9] = "-9M", [12] = ""};
	snprintf(p->prev, sizeof p->prev, "%04d%s", py % 10000, suffix[prev_month]);
	snprintf(p->name_vi, sizeof p->name_vi, "%s %d", kind, y);
	return ERR_OK;
}

int32_t report_vn_day(const char *instant)
{
	char d[DATE_STRLEN];
	if (!instant || strlen(instant) < 13)
		return DATE_NONE;
	snprintf(d, sizeof d, "%.10s", instant);
	int32_t day = date_parse(d);
	return day != DATE_NONE && atoi(instant + 11) >= 17 ? day + 1 : day;
}

void report_cutoff_instant(int32_t day, char out[21])
{
	/* The end of the day in Vietnam (UTC+7) is 16:59:59 UTC. */
	char d[DATE_STRLEN];
	snprintf(out, 21, "%sT16:59:59Z", date_format(day, d));
}

void report_pct_vi(char *out, size_t n, double rate)
{
	double p = round(rate * 1000) / 10;
	if (fabs(p - round(p)) < 1e-9)
		snprintf(out, n, "%.0f%%", p);
	else {
		snprintf(out, n, "%.1f%%", p);
		char *dot = strchr(out, '.');
		if (dot)
			*dot = ',';
	}
}

/* "12,5": a number with a decimal comma. */
static void num_vi(char *out, size_t n, double v)
{
	snprintf(out, n, "%.10g", v);
	char *dot = strchr(out, '.');
	if (dot)
		*dot = ',';
}

void report_value_vi(char *out, size_t n, double v, const char *measure)
{
	char num[32];
	num_vi(num, sizeof num, v);
	if (strcmp(measure, "%") == 0)
		snprintf(out, n, "%s%%", num);
	else
		snprintf(out, n, "%s %s", num, measure);
}

void report_add_short(struct buf *b, const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n <= max) {
		buf_adds(b, s);
		return;
	}
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	buf_add(b, s, max);
	buf_adds(b, "…");
}

void report_day_vi(char *out, size_t n, int32_t day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	snprintf(out, n, "%02d/%02d/%04d", d % 100, m % 100, y % 10000);
}
