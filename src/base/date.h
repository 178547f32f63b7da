/*
 * date.h — civil (proleptic Gregorian) dates as day numbers.
 *
 * A date is an int32_t counting days since 1970-01-01 (so 0 is that day).
 * Day numbers make "before", "after" and "N days later" plain integer
 * arithmetic; conversion to and from year/month/day is exact for years
 * 1..9999.  DATE_NONE marks "no date".
 */
#ifndef CCHC_DATE_H
#define CCHC_DATE_H
#include <stdbool.h>
#include <stdint.h>

#define DATE_NONE INT32_MIN
#define DATE_STRLEN 11	/* "YYYY-MM-DD" and NUL */

bool date_valid(int y, int m, int d);
/* Returns DATE_NONE for an impossible date (2026-02-30, month 13, ...). */
int32_t date_from_ymd(int y, int m, int d);
void date_to_ymd(int32_t day, int *y, int *m, int *d);
/* Strict "YYYY-MM-DD"; returns DATE_NONE on anything else. */
int32_t date_parse(const char *s);
/* Writes "YYYY-MM-DD" into out (DATE_STRLEN bytes); returns out. */
char *date_format(int32_t day, char out[DATE_STRLEN]);
/* 1 = Monday ... 7 = Sunday (ISO 8601). */
int date_weekday(int32_t day);
int date_days_in_month(int y, int m);
/* Today in Vietnam (UTC+7), whatever the machine's time zone; the day
 * CCHC_TODAY names (YYYY-MM-DD) when it is set. */
int32_t date_today(void);

#endif
