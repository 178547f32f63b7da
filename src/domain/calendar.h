/*
 * calendar.h — the Vietnamese lunar calendar and the working-day calendar
 * that TTHC deadlines are counted in.
 *
 * Lunar dates are computed, not looked up, with Hồ Ngọc Đức's astronomical
 * algorithm for the Vietnamese calendar at UTC+7 (new moons and the sun's
 * longitude; the leap month is the first month without a major solar term).
 * Supported: solar years CALENDAR_YEAR_MIN..CALENDAR_YEAR_MAX.
 *
 * Public holidays follow the Labour Code 2019, Art. 112, as rules:
 *   1/1 Tết Dương lịch; Tết Nguyên đán = the last day of the lunar year
 *   (30 or 29 tháng Chạp) and mùng 1..4, because the five days the Prime
 *   Minister decides each year cannot be computed; 10/3 lunar Giỗ Tổ Hùng
 *   Vương; 30/4; 1/5; 2/9 and one adjacent day (see calendar.c for which);
 *   optionally 24/11 Ngày Văn hóa Việt Nam (not yet law, off by default).
 * A holiday on a Saturday, a Sunday or another holiday gives a compensatory
 * day ("Nghỉ bù") on the next free working day (Art. 111.3) — except the Tết
 * block, whose days are taken as set.  Overrides ({date, off|work, name},
 * e.g. the government's exact Tết days and swapped Saturdays) take
 * precedence over every rule, weekends included.
 *
 * A struct calendar caches a per-year table of cumulative working days, so
 * the queries below cost a binary search.  Queries therefore take a
 * non-const pointer; one calendar must not be used by two threads at once.
 */
#ifndef CCHC_DOMAIN_CALENDAR_H
#define CCHC_DOMAIN_CALENDAR_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

#define CALENDAR_YEAR_MIN 1900
#define CALENDAR_YEAR_MAX 2100
#define CALENDAR_TZ 7		/* hours east of UTC that the calendar is computed for */

/* ---- Lunar calendar ---- */

struct lunar_date {
	int day;	/* 1..30 */
	int month;	/* 1..12 */
	int year;	/* the lunar year, numbered like the solar year its mùng 1 Tết falls in */
	bool leap;	/* a leap (nhuận) month, repeating the number of the month before */
};

/* Solar day number -> lunar date.  False (out untouched) outside the supported years. */
bool lunar_from_solar(int32_t day, struct lunar_date *out);
/* Lunar date -> solar day number; DATE_NONE if no such lunar date exists (day 30 of
 * a 29-day month, a leap flag on a month that is not leap) or it falls outside. */
int32_t solar_from_lunar(const struct lunar_date *ld);
/* Number of the leap month of lunar year Y (1..12), 0 if Y has none. */
int lunar_leap_month(int lunar_year);

/* ---- Working-day calendar ---- */

struct calendar_rules {
	bool culture_day;	/* 24/11 Ngày Văn hóa Việt Nam as a holiday */
};

enum calendar_kind { CALENDAR_OFF, CALENDAR_WORK };

struct calendar_override {
	int32_t day;
	enum calendar_kind kind;
	char *name;		/* owned; "" if none was given */
};

struct calendar_holiday {
	int32_t day;
	const char *name;	/* NFC UTF-8; valid until the calendar is next changed */
};

struct calendar_year;		/* cached table, private to calendar.c */

/* Caller owns it; calendar_init before use, calendar_release after.  Fields are private:
 * change them through the functions below so that the cache stays right. */
struct calendar {
	struct calendar_rules rules;
	struct calendar_override *overrides;	/* sorted by day, one per day */
	size_t n_overrides, cap_overrides;
	struct calendar_year *years;		/* lazily filled, one per supported year */
};

/* rules may be NULL for the defaults (everything off). */
void calendar_init(struct calendar *cal, const struct calendar_rules *rules);
void calendar_release(struct calendar *cal);
void calendar_set_rules(struct calendar *cal, const struct calendar_rules *rules);

/* Adds or replaces the override for day; name may be NULL.  ERR_INVALID outside
 * the supported years or when name is not UTF-8 (stored as NFC). */
enum err_code calendar_set_override(struct calendar *cal, int32_t day, enum calendar_kind kind,
				    const char *name, struct err *e);
/* Removes the override for day, if any; returns whether there was one. */
bool calendar_clear_override(struct calendar *cal, int32_t day);
/*
 * Parses override lines "YYYY-MM-DD<TAB>off|work<TAB>name" (name optional; blank
 * lines and lines starting with '#' ignored; a trailing CR tolerated) and applies
 * them all, or none when any line is wrong: then ERR_INVALID with a message that
 * names the line.  A date listed twice in the text is an error.
 */
enum err_code calendar_load_overrides(struct calendar *cal, const char *text, struct err *e);

/* True for the first and last supported day (1900-01-01 .. 2100-12-31). */
bool calendar_in_range(int32_t day);
/*
 * A working day is neither a Saturday, a Sunday nor a holiday, unless an override
 * says otherwise.  Outside the supported years only weekends count.
 */
bool calendar_is_workday(struct calendar *cal, int32_t day);
/*
 * The n-th working day after day (n > 0) or before it (n < 0); day itself for 0,
 * working or not.  DATE_NONE when day or the result leaves the supported years.
 */
int32_t calendar_add_workdays(struct calendar *cal, int32_t day, int32_t n);
/*
 * Working days in (from, to]: FROM exclusive, TO inclusive, as deadlines are counted;
 * the negative count of (to, from] if to < from.  ok (may be NULL) is set to false,
 * and 0 returned, when either date is outside the supported years.
 */
int32_t calendar_workdays_between(struct calendar *cal, int32_t from, int32_t to, bool *ok);
/*
 * The official days off of a solar year, sorted: rule holidays (including those on a
 * weekend, by name), compensatory days and "off" overrides, minus days an override
 * makes working.  Writes at most cap entries to out (out may be NULL if cap is 0) and
 * returns the total number, like snprintf; 0 for an unsupported year.
 */
size_t calendar_holidays(struct calendar *cal, int year, struct calendar_holiday *out, size_t cap);

#endif
