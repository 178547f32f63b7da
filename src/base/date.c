/*
 * date.c — day numbers from and to civil dates, after Howard Hinnant's
 * well-known days_from_civil / civil_from_days algorithms.
 */
#include "base/base.h"
#include "base/date.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool date_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= date_days_in_month(y, m);
}

int32_t date_from_ymd(int y, int m, int d)
{
	if (!date_valid(y, m, d))
		return DATE_NONE;
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_to_ymd(int32_t day, int *y, int *m, int *d)
{
	int z = day + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

int32_t date_parse(const char *s)
{
	if (!s)
		return DATE_NONE;
	for (int i = 0; i < 10; i++) {
		bool dash = i == 4 || i == 7;
		if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return DATE_NONE;
	}
	if (s[10] != 0)
		return DATE_NONE;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	return date_from_ymd(y, m, d);
}

char *date_format(int32_t day, char out[DATE_STRLEN])
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	/* Bounded fields keep the output at exactly ten characters. */
	unsigned uy = (unsigned)y % 10000u, um = (unsigned)m % 100u, ud = (unsigned)d % 100u;
	snprintf(out, DATE_STRLEN, "%04u-%02u-%02u", uy, um, ud);
	return out;
}

int date_weekday(int32_t day)
{
	/* 1970-01-01 was a Thursday (4). */
	int w = (int)((day % 7 + 7 + 3) % 7);
	return w + 1;
}

/* CCHC_TODAY=YYYY-MM-DD fixes "today" for the whole process, so that tests
 * and demonstrations give the same answers on any day.  Read once. */
static int32_t fixed_today = DATE_NONE;
static pthread_once_t fixed_today_once = PTHREAD_ONCE_INIT;

static void read_fixed_today(void)
{
	const char *s = getenv("CCHC_TODAY");
	if (s && *s && (fixed_today = date_parse(s)) == DATE_NONE)
		fprintf(stderr, "cchc: CCHC_TODAY='%s' is not a date (YYYY-MM-DD); the clock is used\n", s);
}

int32_t date_today(void)
{
	pthread_once(&fixed_today_once, read_fixed_today);
	if (fixed_today != DATE_NONE)
		return fixed_today;
	time_t now = time(NULL) + 7 * 3600;
	return (int32_t)(now / 86400);
}
