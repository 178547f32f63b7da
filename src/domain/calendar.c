/*
 * calendar.c — Vietnamese lunar dates (Hồ Ngọc Đức's algorithm, UTC+7),
 * the Labour Code holidays derived from them, and working-day arithmetic
 * over a per-year cache of cumulative working-day counts.
 *
 * The lunar part follows "Thuật toán tính âm lịch" by Hồ Ngọc Đức: new moons
 * from Meeus' series, the sun's longitude at local midnight to find the major
 * solar terms, month 11 as the month containing the winter solstice, and in a
 * 13-month year the first month without a major term as the leap month.
 * Note that before 1968 the official Vietnamese almanac used UTC+8; computing
 * every year at UTC+7, as asked, may differ from old almanacs in a few years.
 */
#include "base/base.h"
#include "base/date.h"
#include "domain/calendar.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <uninorm.h>
#include <unistr.h>

/* ------------------------------------------------------------------ */
/* Lunar calendar                                                      */
/* ------------------------------------------------------------------ */

#define JD_UNIX_EPOCH 2440588L	/* Julian day number of 1970-01-01 */
#define SYNODIC_MONTH 29.530588853
#define NEW_MOON_1900 2415021.076998695	/* the new moon of 1900-01-01, k = 0 */

static const double PI = 3.14159265358979323846;

/* Julian day number of the local (UTC+7) day of new moon number k since 1900-01-01. */
static long new_moon_day(long k)
{
	double T = k / 1236.85, T2 = T * T, T3 = T2 * T, dr = PI / 180;
	double jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
	jd1 += 0.00033 * sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
	double M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
	double Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
	double F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
	double C1 = (0.1734 - 0.000393 * T) * sin(M * dr) + 0.0021 * sin(2 * dr * M);
	C1 = C1 - 0.4068 * sin(Mpr * dr) + 0.0161 * sin(dr * 2 * Mpr);
	C1 = C1 - 0.0004 * sin(dr * 3 * Mpr);
	C1 = C1 + 0.0104 * sin(dr * 2 * F) - 0.0051 * sin(dr * (M + Mpr));
	C1 = C1 - 0.0074 * sin(dr * (M - Mpr)) + 0.0004 * sin(dr * (2 * F + M));
	C1 = C1 - 0.0004 * sin(dr * (2 * F - M)) - 0.0006 * sin(dr * (2 * F + Mpr));
	C1 = C1 + 0.0010 * sin(dr * (2 * F - Mpr)) + 0.0005 * sin(dr * (2 * Mpr + M));
	double deltat;	/* ΔT (TT - UT) in days, two polynomial fits either side of 1749 */
	if (T < -11)
		deltat = 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 -
			 0.000000081 * T * T3;
	else
		deltat = -0.000278 + 0.000265 * T + 0.000262 * T2;
	double jd_new = jd1 + C1 - deltat;
	return (long)floor(jd_new + 0.5 + CALENDAR_TZ / 24.0);
}

/* Which of the 12 major solar terms (0..11, 30° each) the sun is in at local midnight
 * starting day jdn. */
static int sun_longitude_term(long jdn)
{
	double T = (jdn - 2451545.5 - CALENDAR_TZ / 24.0) / 36525, T2 = T * T;
	double dr = PI / 180;
	double M = 357.52910 + 35999.05030 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
	double L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
	double DL = (1.914600 - 0.004817 * T - 0.000014 * T2) * sin(dr * M);
	DL = DL + (0.019993 - 0.000101 * T) * sin(dr * 2 * M) + 0.000290 * sin(dr * 3 * M);
	double L = (L0 + DL) * dr;
	L = L - PI * 2 * floor(L / (PI * 2));
	return (int)floor(L / PI * 6);
}

/* Julian day of the start of lunar month 11 (the one holding the winter solstice)
 * that begins in solar year yy. */
static long lunar_month11(int yy)
{
	long off = JD_UNIX_EPOCH + date_from_ymd(yy, 12, 31) - 2415021;
	long k = (long)floor(off / SYNODIC_MONTH);
	long nm = new_moon_day(k);
	if (sun_longitude_term(nm) >= 9)	/* past the solstice term: take the month before */
		nm = new_moon_day(k - 1);
	return nm;
}

/* In the 13-month span starting at month 11 a11, the offset (1..) of the leap month:
 * the first month whose start sees the same major term as the month before. */
static int leap_month_offset(long a11)
{
	long k = (long)floor((a11 - NEW_MOON_1900) / SYNODIC_MONTH + 0.5);
	int i = 1, last;
	int arc = sun_longitude_term(new_moon_day(k + i));
	do {
		last = arc;
		i++;
		arc = sun_longitude_term(new_moon_day(k + i));
	} while (arc != last && i < 14);
	return i - 1;
}

/* The month number of the leap month at offset off from month 11 (it repeats off - 1). */
static int leap_month_number(int off)
{
	return (off + 9) % 12 + 1;
}

static int32_t first_supported_day(void)
{
	return date_from_ymd(CALENDAR_YEAR_MIN, 1, 1);
}

static int32_t last_supported_day(void)
{
	return date_from_ymd(CALENDAR_YEAR_MAX, 12, 31);
}

bool calendar_in_range(int32_t day)
{
	return day != DATE_NONE && day >= first_supported_day() && day <= last_supported_day();
}

bool lunar_from_solar(int32_t day, struct lunar_date *out)
{
	if (!calendar_in_range(day))
		return false;
	int yy, mm, dd;
	date_to_ymd(day, &yy, &mm, &dd);
	long jd = JD_UNIX_EPOCH + day;
	long k = (long)floor((jd - NEW_MOON_1900) / SYNODIC_MONTH);
	/* k comes from the mean month; the true new moon can be half a day either side,
	 * so step back until the month starts on or before the day (Hồ's original code
	 * stops after one step and gives day 0 for e.g. 2054-05-07). */
	long month_start;
	for (long j = k + 1; (month_start = new_moon_day(j)) > jd; j--)
		;
	long a11 = lunar_month11(yy), b11 = a11;
	int lunar_year;
	if (a11 >= month_start) {
		lunar_year = yy;
		a11 = lunar_month11(yy - 1);
	} else {
		lunar_year = yy + 1;
		b11 = lunar_month11(yy + 1);
	}
	int lunar_day = (int)(jd - month_start + 1);
	int diff = (int)floor((month_start - a11) / 29.0);
	bool leap = false;
	int lunar_month = diff + 11;
	if (b11 - a11 > 365) {	/* 13 lunar months between the two solstice months */
		int leap_off = leap_month_offset(a11);
		if (diff >= leap_off) {
			lunar_month = diff + 10;
			leap = diff == leap_off;
		}
	}
	if (lunar_month > 12)
		lunar_month -= 12;
	if (lunar_month >= 11 && diff < 4)
		lunar_year -= 1;
	out->day = lunar_day;
	out->month = lunar_month;
	out->year = lunar_year;
	out->leap = leap;
	return true;
}

int32_t solar_from_lunar(const struct lunar_date *ld)
{
	if (ld->month < 1 || ld->month > 12 || ld->day < 1 || ld->day > 30 ||
	    ld->year < CALENDAR_YEAR_MIN - 1 || ld->year > CALENDAR_YEAR_MAX)
		return DATE_NONE;
	long a11, b11;
	if (ld->month < 11) {
		a11 = lunar_month11(ld->year - 1);
		b11 = lunar_month11(ld->year);
	} else {
		a11 = lunar_month11(ld->year);
		b11 = lunar_month11(ld->year + 1);
	}
	long k = (long)floor(0.5 + (a11 - NEW_MOON_1900) / SYNODIC_MONTH);
	int off = ld->month - 11;
	if (off < 0)
		off += 12;
	if (b11 - a11 > 365) {
		int leap_off = leap_month_offset(a11);
		if (ld->leap && ld->month != leap_month_number(leap_off))
			return DATE_NONE;
		if (ld->leap || off >= leap_off)
			off += 1;
	} else if (ld->leap) {
		return DATE_NONE;
	}
	long month_start = new_moon_day(k + off);
	long next_start = new_moon_day(k + off + 1);
	if (ld->day > next_start - month_start)	/* day 30 of a 29-day month */
		return DATE_NONE;
	int32_t day = (int32_t)(month_start + ld->day - 1 - JD_UNIX_EPOCH);
	return calendar_in_range(day) ? day : DATE_NONE;
}

int lunar_leap_month(int lunar_year)
{
	if (lunar_year < CALENDAR_YEAR_MIN || lunar_year > CALENDAR_YEAR_MAX)
		return 0;
	/* Months 1..10 of the year lie in the span from the previous month 11; months 11
	 * and 12 in the span from this year's month 11.  Either span may hold the leap. */
	long a11 = lunar_month11(lunar_year - 1), b11 = lunar_month11(lunar_year);
	if (b11 - a11 > 365) {
		int m = leap_month_number(leap_month_offset(a11));
		if (m <= 10)
			return m;
	}
	long c11 = lunar_month11(lunar_year + 1);
	if (c11 - b11 > 365) {
		int m = leap_month_number(leap_month_offset(b11));
		if (m >= 11)
			return m;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Holiday rules                                                       */
/* ------------------------------------------------------------------ */

/* One day a rule makes a holiday; comp names its compensatory day. */
struct rule_day {
	int32_t day;
	const char *name;
	const char *comp;	/* NULL: never compensated (the Tết block) */
};

#define MAX_RULE_DAYS 16
#define MAX_RULE_HOLIDAYS (2 * MAX_RULE_DAYS)
#define NAME_MAX_BYTES 200

static bool is_weekend(int32_t day)
{
	return date_weekday(day) >= 6;
}

static void add_rule(struct rule_day *r, size_t *n, int32_t day, const char *name,
		     const char *comp)
{
	if (day == DATE_NONE || *n >= MAX_RULE_DAYS)
		return;
	r[*n].day = day;
	r[*n].name = name;
	r[*n].comp = comp;
	(*n)++;
}

static void sort_holidays(struct calendar_holiday *h, size_t n)
{
	/* Insertion sort: a year has a couple of dozen entries, and it is stable. */
	for (size_t i = 1; i < n; i++) {
		struct calendar_holiday x = h[i];
		size_t j = i;
		for (; j > 0 && h[j - 1].day > x.day; j--)
			h[j] = h[j - 1];
		h[j] = x;
	}
}

/*
 * The day that joins 2/9 for Quốc khánh, by the weekday of 2/9: the neighbour that
 * joins the weekend into a longer break; when both or neither do, the one that is a
 * weekday (so no compensation is needed); still a tie (Wednesday) the day before.
 * This reproduces 2021 (Thu: 3/9), 2022 (Fri: 1/9), 2023 (Sat: 1/9 + Mon 4/9 bù),
 * 2024 (Mon: 3/9), 2025 (Tue: 1/9) and the 2026 proposal (Wed: 1/9).
 */
static int national_day_neighbour(int weekday)
{
	static const int day_of_sept[8] = {0, 3, 1, 1, 3, 1, 1, 3};
	return day_of_sept[weekday];
}

/* The rule holidays of a solar year with their compensatory days, sorted, one per day.
 * out must hold MAX_RULE_HOLIDAYS entries. */
static size_t rule_holidays(const struct calendar_rules *rules, int year,
			    struct calendar_holiday *out)
{
	struct rule_day r[MAX_RULE_DAYS];
	size_t n = 0, n_out = 0;

	add_rule(r, &n, date_from_ymd(year, 1, 1), "Tết Dương lịch", "Nghỉ bù Tết Dương lịch");
	/* The Tết block: the last day of the old lunar year and mùng 1..4. */
	struct lunar_date tet = {1, 1, year, false};
	int32_t mung1 = solar_from_lunar(&tet);
	if (mung1 != DATE_NONE)
		for (int k = -1; k <= 3; k++)
			add_rule(r, &n, mung1 + k, "Tết Nguyên đán", NULL);
	/* 10/3 of the ordinary month 3, should the year have a leap month 3 too. */
	struct lunar_date gio_to = {10, 3, year, false};
	add_rule(r, &n, solar_from_lunar(&gio_to), "Giỗ Tổ Hùng Vương", "Nghỉ bù Giỗ Tổ Hùng Vương");
	add_rule(r, &n, date_from_ymd(year, 4, 30), "Ngày Chiến thắng", "Nghỉ bù Ngày Chiến thắng");
	add_rule(r, &n, date_from_ymd(year, 5, 1), "Ngày Quốc tế Lao động",
		 "Nghỉ bù Ngày Quốc tế Lao động");
	int32_t sept2 = date_from_ymd(year, 9, 2);
	add_rule(r, &n, sept2, "Quốc khánh", "Nghỉ bù Quốc khánh");
	add_rule(r, &n, date_from_ymd(year, 9, national_day_neighbour(date_weekday(sept2))),
		 "Quốc khánh", "Nghỉ bù Quốc khánh");
	if (rules->culture_day)
		add_rule(r, &n, date_from_ymd(year, 11, 24), "Ngày Văn hóa Việt Nam",
			 "Nghỉ bù Ngày Văn hóa Việt Nam");

	/* Sorted by day with ties kept in rule order, the compensation goes in date order. */
	for (size_t i = 1; i < n; i++) {
		struct rule_day x = r[i];
		size_t j = i;
		for (; j > 0 && r[j - 1].day > x.day; j--)
			r[j] = r[j - 1];
		r[j] = x;
	}
	for (size_t i = 0; i < n; i++) {
		bool same_day = i > 0 && r[i - 1].day == r[i].day;
		if (!same_day)
			out[n_out++] = (struct calendar_holiday){r[i].day, r[i].name};
		/* Art. 111.3 speaks of the weekly rest day; a holiday that coincides with
		 * another holiday is compensated the same way, so that none is lost. */
		if (!r[i].comp || !(same_day || is_weekend(r[i].day)))
			continue;
		int32_t c = r[i].day + 1;
		for (;;) {
			bool taken = is_weekend(c);
			for (size_t j = 0; j < n && !taken; j++)
				taken = r[j].day == c;
			for (size_t j = 0; j < n_out && !taken; j++)
				taken = out[j].day == c;
			if (!taken)
				break;
			c++;
		}
		out[n_out++] = (struct calendar_holiday){c, r[i].comp};
	}
	sort_holidays(out, n_out);
	return n_out;
}

/* ------------------------------------------------------------------ */
/* The calendar: overrides and the per-year cache                      */
/* ------------------------------------------------------------------ */

#define N_YEARS (CALENDAR_YEAR_MAX - CALENDAR_YEAR_MIN + 1)

struct calendar_year {
	bool ready;
	int32_t first;		/* day number of 1 January */
	int ndays;
	uint16_t cum[367];	/* cum[i]: working days among the first i days of the year */
};

void calendar_init(struct calendar *cal, const struct calendar_rules *rules)
{
	memset(cal, 0, sizeof *cal);
	if (rules)
		cal->rules = *rules;
}

void calendar_release(struct calendar *cal)
{
	for (size_t i = 0; i < cal->n_overrides; i++)
		free(cal->overrides[i].name);
	free(cal->overrides);
	free(cal->years);
	memset(cal, 0, sizeof *cal);
}

static void invalidate_all(struct calendar *cal)
{
	if (!cal->years)
		return;
	for (int i = 0; i < N_YEARS; i++)
		cal->years[i].ready = false;
}

static void invalidate_day(struct calendar *cal, int32_t day)
{
	int y, m, d;
	if (!cal->years || !calendar_in_range(day))
		return;
	date_to_ymd(day, &y, &m, &d);
	cal->years[y - CALENDAR_YEAR_MIN].ready = false;
}

void calendar_set_rules(struct calendar *cal, const struct calendar_rules *rules)
{
	struct calendar_rules none = {0};
	cal->rules = rules ? *rules : none;
	invalidate_all(cal);
}

/* Index of the first override whose day is >= day. */
static size_t override_lower_bound(const struct calendar *cal, int32_t day)
{
	size_t lo = 0, hi = cal->n_overrides;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cal->overrides[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Checks a name (UTF-8, no control characters, bounded) and returns it as an owned
 * NFC string, or NULL with *why set.  NFC so that the same name typed on two systems
 * compares equal and displays alike.
 */
static char *clean_name(const char *s, size_t len, const char **why)
{
	if (len > NAME_MAX_BYTES) {
		*why = "is longer than 200 bytes";
		return NULL;
	}
	if (u8_check((const uint8_t *)s, len)) {
		*why = "is not valid UTF-8";
		return NULL;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f) {
			*why = "contains a control character (a tab?)";
			return NULL;
		}
	}
	size_t nlen = 0;
	uint8_t *nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)s, len, NULL, &nlen);
	if (!nfc && len > 0) {
		*why = "could not be normalised";
		return NULL;
	}
	char *name = xstrndup(nfc ? (const char *)nfc : "", nfc ? nlen : 0);
	free(nfc);
	return name;
}

/* Stores an override, taking ownership of name. */
static void put_override(struct calendar *cal, int32_t day, enum calendar_kind kind, char *name)
{
	size_t i = override_lower_bound(cal, day);
	if (i < cal->n_overrides && cal->overrides[i].day == day) {
		free(cal->overrides[i].name);
	} else {
		if (cal->n_overrides == cal->cap_overrides) {
			cal->cap_overrides = cal->cap_overrides ? 2 * cal->cap_overrides : 16;
			cal->overrides = xrealloc(cal->overrides,
						  cal->cap_overrides * sizeof *cal->overrides);
		}
		memmove(&cal->overrides[i + 1], &cal->overrides[i],
			(cal->n_overrides - i) * sizeof *cal->overrides);
		cal->n_overrides++;
	}
	cal->overrides[i] = (struct calendar_override){day, kind, name};
	invalidate_day(cal, day);
}

enum err_code calendar_set_override(struct calendar *cal, int32_t day, enum calendar_kind kind,
				    const char *name, struct err *e)
{
	const char *why = NULL;
	if (!calendar_in_range(day))
		return err_set(e, ERR_INVALID, "date", "the date is outside the supported years %d-%d",
			       CALENDAR_YEAR_MIN, CALENDAR_YEAR_MAX);
	if (kind != CALENDAR_OFF && kind != CALENDAR_WORK)
		return err_set(e, ERR_INVALID, "kind", "the kind must be off or work");
	char *clean = clean_name(name ? name : "", name ? strlen(name) : 0, &why);
	if (!clean)
		return err_set(e, ERR_INVALID, "name", "the name %s", why);
	put_override(cal, day, kind, clean);
	return ERR_OK;
}

bool calendar_clear_override(struct calendar *cal, int32_t day)
{
	size_t i = override_lower_bound(cal, day);
	if (i >= cal->n_overrides || cal->overrides[i].day != day)
		return false;
	free(cal->overrides[i].name);
	memmove(&cal->overrides[i], &cal->overrides[i + 1],
		(cal->n_overrides - i - 1) * sizeof *cal->overrides);
	cal->n_overrides--;
	invalidate_day(cal, day);
	return true;
}

struct pending_override {
	int32_t day;
	enum calendar_kind kind;
	char *name;
	int line;
};

static bool blank_line(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

enum err_code calendar_load_overrides(struct calendar *cal, const char *text, struct err *e)
{
	struct pending_override *p = NULL;
	size_t n = 0, cap = 0;
	enum err_code rc = ERR_OK;
	int line_no = 0;
	const char *line = text;

	while (*line) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		const char *next = nl ? nl + 1 : line + len;
		line_no++;
		if (len > 0 && line[len - 1] == '\r')
			len--;
		size_t lead = 0;
		while (lead < len && (line[lead] == ' ' || line[lead] == '\t'))
			lead++;
		if (blank_line(line, len) || line[lead] == '#') {
			line = next;
			continue;
		}
		const char *tab1 = memchr(line, '\t', len);
		if (!tab1) {
			rc = err_set(e, ERR_INVALID, "overrides",
				     "line %d: expected YYYY-MM-DD<TAB>off|work<TAB>name", line_no);
			goto cleanup;
		}
		size_t date_len = (size_t)(tab1 - line);
		char date_text[DATE_STRLEN] = "";
		if (date_len == DATE_STRLEN - 1)
			memcpy(date_text, line, date_len);
		int32_t day = date_parse(date_text);
		if (day == DATE_NONE) {
			rc = err_set(e, ERR_INVALID, "overrides",
				     "line %d: '%.*s' is not a valid date YYYY-MM-DD", line_no,
				     (int)(date_len > 40 ? 40 : date_len), line);
			goto cleanup;
		}
		if (!calendar_in_range(day)) {
			rc = err_set(e, ERR_INVALID, "overrides",
				     "line %d: %s is outside the supported years %d-%d", line_no,
				     date_text, CALENDAR_YEAR_MIN, CALENDAR_YEAR_MAX);
			goto cleanup;
		}
		const char *kind_s = tab1 + 1, *end = line + len;
		const char *tab2 = memchr(kind_s, '\t', (size_t)(end - kind_s));
		size_t kind_len = (size_t)((tab2 ? tab2 : end) - kind_s);
		enum calendar_kind kind;
		if (kind_len == 3 && memcmp(kind_s, "off", 3) == 0) {
			kind = CALENDAR_OFF;
		} else if (kind_len == 4 && memcmp(kind_s, "work", 4) == 0) {
			kind = CALENDAR_WORK;
		} else {
			rc = err_set(e, ERR_INVALID, "overrides",
				     "line %d: the kind must be 'off' or 'work', not '%.*s'", line_no,
				     (int)(kind_len > 40 ? 40 : kind_len), kind_s);
			goto cleanup;
		}
		for (size_t i = 0; i < n; i++) {
			if (p[i].day == day) {
				rc = err_set(e, ERR_INVALID, "overrides",
					     "line %d: %s is already listed on line %d", line_no,
					     date_text, p[i].line);
				goto cleanup;
			}
		}
		const char *name_s = tab2 ? tab2 + 1 : end, *why = NULL;
		char *name = clean_name(name_s, (size_t)(end - name_s), &why);
		if (!name) {
			rc = err_set(e, ERR_INVALID, "overrides", "line %d: the name %s", line_no, why);
			goto cleanup;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			p = xrealloc(p, cap * sizeof *p);
		}
		p[n++] = (struct pending_override){day, kind, name, line_no};
		line = next;
	}
	/* Everything parsed: apply it all, handing the names over. */
	for (size_t i = 0; i < n; i++) {
		put_override(cal, p[i].day, p[i].kind, p[i].name);
		p[i].name = NULL;
	}
cleanup:
	for (size_t i = 0; i < n; i++)
		free(p[i].name);
	free(p);
	return rc;
}

/* The cached table of a supported year, built on first use. */
static struct calendar_year *get_year(struct calendar *cal, int year)
{
	if (!cal->years)
		cal->years = xcalloc(N_YEARS, sizeof *cal->years);
	struct calendar_year *cy = &cal->years[year - CALENDAR_YEAR_MIN];
	if (cy->ready)
		return cy;
	cy->first = date_from_ymd(year, 1, 1);
	cy->ndays = (int)(date_from_ymd(year + 1, 1, 1) - cy->first);
	bool off[366];
	for (int i = 0; i < cy->ndays; i++)
		off[i] = is_weekend(cy->first + i);
	struct calendar_holiday h[MAX_RULE_HOLIDAYS];
	size_t nh = rule_holidays(&cal->rules, year, h);
	for (size_t i = 0; i < nh; i++)
		off[h[i].day - cy->first] = true;
	for (size_t i = override_lower_bound(cal, cy->first);
	     i < cal->n_overrides && cal->overrides[i].day < cy->first + cy->ndays; i++)
		off[cal->overrides[i].day - cy->first] = cal->overrides[i].kind == CALENDAR_OFF;
	cy->cum[0] = 0;
	for (int i = 0; i < cy->ndays; i++)
		cy->cum[i + 1] = (uint16_t)(cy->cum[i] + !off[i]);
	cy->ready = true;
	return cy;
}

static int year_of(int32_t day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	return y;
}

bool calendar_is_workday(struct calendar *cal, int32_t day)
{
	if (!calendar_in_range(day))
		return day != DATE_NONE && !is_weekend(day);
	struct calendar_year *cy = get_year(cal, year_of(day));
	int i = (int)(day - cy->first);
	return cy->cum[i + 1] != cy->cum[i];
}

/* The first day index j of the year with cum[j + 1] >= target (target in 1..total):
 * that is the target-th working day of the year. */
static int32_t nth_workday(const struct calendar_year *cy, int64_t target)
{
	int lo = 0, hi = cy->ndays - 1;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (cy->cum[mid + 1] >= target)
			hi = mid;
		else
			lo = mid + 1;
	}
	return cy->first + lo;
}

int32_t calendar_add_workdays(struct calendar *cal, int32_t day, int32_t n)
{
	if (n == 0)
		return day;
	if (!calendar_in_range(day))
		return DATE_NONE;
	int year = year_of(day);
	struct calendar_year *cy = get_year(cal, year);
	int i = (int)(day - cy->first);
	/* target: the rank, counted from 1 January of the current year, of the answer. */
	if (n > 0) {
		int64_t target = (int64_t)cy->cum[i + 1] + n;
		while (target > cy->cum[cy->ndays]) {
			target -= cy->cum[cy->ndays];
			if (++year > CALENDAR_YEAR_MAX)
				return DATE_NONE;
			cy = get_year(cal, year);
		}
		return nth_workday(cy, target);
	}
	int64_t target = (int64_t)cy->cum[i] + n + 1;
	while (target < 1) {
		if (--year < CALENDAR_YEAR_MIN)
			return DATE_NONE;
		cy = get_year(cal, year);
		target += cy->cum[cy->ndays];
	}
	return nth_workday(cy, target);
}

int32_t calendar_workdays_between(struct calendar *cal, int32_t from, int32_t to, bool *ok)
{
	if (!calendar_in_range(from) || !calendar_in_range(to)) {
		if (ok)
			*ok = false;
		return 0;
	}
	if (ok)
		*ok = true;
	if (to < from)
		return -calendar_workdays_between(cal, to, from, NULL);
	/* Working days up to and including a day, counted from 1 January of from's year. */
	int y_from = year_of(from), y_to = year_of(to);
	struct calendar_year *cy = get_year(cal, y_from);
	int32_t before = cy->cum[from - cy->first + 1], count = 0;
	for (int y = y_from; y < y_to; y++) {
		const struct calendar_year *whole = get_year(cal, y);
		count += whole->cum[whole->ndays];
	}
	cy = get_year(cal, y_to);
	count += cy->cum[to - cy->first + 1];
	return count - before;
}

size_t calendar_holidays(struct calendar *cal, int year, struct calendar_holiday *out, size_t cap)
{
	if (year < CALENDAR_YEAR_MIN || year > CALENDAR_YEAR_MAX)
		return 0;
	struct calendar_holiday h[MAX_RULE_HOLIDAYS];
	size_t nh = rule_holidays(&cal->rules, year, h), total = 0;
	int32_t first = date_from_ymd(year, 1, 1), end = date_from_ymd(year + 1, 1, 1);
	size_t oi = override_lower_bound(cal, first), hi = 0;

	/* Merge the sorted rule days with the sorted overrides of the year. */
	while (hi < nh || (oi < cal->n_overrides && cal->overrides[oi].day < end)) {
		const struct calendar_override *o =
			oi < cal->n_overrides && cal->overrides[oi].day < end ? &cal->overrides[oi] : NULL;
		struct calendar_holiday item;
		bool emit;
		if (hi < nh && (!o || h[hi].day < o->day)) {
			item = h[hi++];
			emit = true;
		} else if (hi < nh && h[hi].day == o->day) {
			/* The override decides; its name, if it has one, replaces the rule's. */
			item = (struct calendar_holiday){o->day, o->name[0] ? o->name : h[hi].name};
			emit = o->kind == CALENDAR_OFF;
			hi++;
			oi++;
		} else {
			item = (struct calendar_holiday){o->day, o->name[0] ? o->name : "Ngày nghỉ"};
			emit = o->kind == CALENDAR_OFF;
			oi++;
		}
		if (!emit)
			continue;
		if (total < cap)
			out[total] = item;
		total++;
	}
	return total;
}
