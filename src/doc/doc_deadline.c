/*
 * doc_deadline.c — when a task is due and how often it repeats, as a
 * Vietnamese administrative text writes it: "chậm nhất ngày 15/3/2026",
 * "trước ngày 30 tháng 6 năm 2026", "Quý II/2026", "6 tháng đầu năm",
 * "trong tháng 6/2026", "hoàn thành trong năm 2026", "hằng tháng".
 *
 * doc_deadline tries each kind of phrase at every word start, surest kind
 * first; each kind is one due_* step (doc_int.h).  Every scan is bounded by
 * the text length times a constant.
 */
#include "base/base.h"
#include "base/date.h"
#include "doc/doc_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- dates ---- */

/* Reads 1..max digits at lc[*i]; returns -1 if none, or if more follow. */
static int read_num(const char *lc, size_t len, size_t *i, int max)
{
	int v = 0, n = 0;
	while (*i < len && lc[*i] >= '0' && lc[*i] <= '9' && n < max) {
		v = v * 10 + (lc[*i] - '0');
		(*i)++;
		n++;
	}
	if (n == 0 || (*i < len && lc[*i] >= '0' && lc[*i] <= '9'))
		return -1;
	return v;
}

int32_t doc_date_at(const char *lc, size_t len, size_t i, size_t *end, int default_year)
{
	size_t k = i;
	int d = read_num(lc, len, &k, 2), m, y = default_year;
	if (d < 0)
		return DATE_NONE;
	if (k < len && (lc[k] == '/' || lc[k] == '-' || lc[k] == '.') && doc_digit_at(lc, len, k + 1)) {
		char sep = lc[k++];
		m = read_num(lc, len, &k, 2);
		if (m < 0)
			return DATE_NONE;
		if (k + 1 < len && lc[k] == sep && doc_digit_at(lc, len, k + 1)) {
			size_t k2 = k + 1;
			int yy = read_num(lc, len, &k2, 4);
			if (yy < 1000)
				return DATE_NONE;
			y = yy;
			k = k2;
		}
	} else if (doc_has_prefix(lc + k, len - k, " tháng ")) {
		k += strlen(" tháng ");
		m = read_num(lc, len, &k, 2);
		if (m < 0)
			return DATE_NONE;
		if (doc_has_prefix(lc + k, len - k, " năm ")) {
			size_t k2 = k + strlen(" năm ");
			int yy = read_num(lc, len, &k2, 4);
			if (yy < 1000)
				return DATE_NONE;
			y = yy;
			k = k2;
		}
	} else {
		return DATE_NONE;
	}
	if (y <= 0)
		return DATE_NONE;
	int32_t day = date_from_ymd(y, m, d);
	if (day != DATE_NONE)
		*end = k;
	return day;
}

static int year_of(int32_t day)
{
	int y = 0, m, d;
	if (day != DATE_NONE)
		date_to_ymd(day, &y, &m, &d);
	return y;
}

/* A date written without its year falls on or after the document's date. */
static int32_t roll_year(int32_t day, int32_t doc_date)
{
	if (day == DATE_NONE || doc_date == DATE_NONE || day >= doc_date)
		return day;
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	int32_t next = date_from_ymd(y + 1, m, d);
	return next != DATE_NONE ? next : day;
}

static int32_t month_end(int y, int m)
{
	if (y <= 0 || m < 1 || m > 12)
		return DATE_NONE;
	return date_from_ymd(y, m, date_days_in_month(y, m));
}

/* Reads a year after "/", "-", " năm " or " - " at lc[*k]; -1 if none. */
static int read_year_after(const char *lc, size_t len, size_t *k)
{
	size_t j = *k;
	if (j < len && (lc[j] == '/' || lc[j] == '-'))
		j++;
	else if (doc_has_prefix(lc + j, len - j, " năm "))
		j += strlen(" năm ");
	else if (doc_has_prefix(lc + j, len - j, " - "))
		j += 3;
	else
		return -1;
	int y = read_num(lc, len, &j, 4);
	if (y < 1000)
		return -1;
	*k = j;
	return y;
}

/* "i", "ii", "iii", "iv" or "1".."4" at lc[*k]; -1 if none. */
static int read_quarter(const char *lc, size_t len, size_t *k)
{
	static const char *const romans[] = {"iv", "iii", "ii", "i"};
	static const int vals[] = {4, 3, 2, 1};
	for (size_t r = 0; r < 4; r++)
		if (doc_has_prefix(lc + *k, len - *k, romans[r])) {
			size_t e = *k + strlen(romans[r]);
			if (e < len && ((lc[e] >= 'a' && lc[e] <= 'z') || (unsigned char)lc[e] >= 0x80))
				continue;
			*k = e;
			return vals[r];
		}
	if (*k < len && lc[*k] >= '1' && lc[*k] <= '4' && !doc_digit_at(lc, len, *k + 1)) {
		(*k)++;
		return lc[*k - 1] - '0';
	}
	return -1;
}

static bool preceded_by(const char *lc, size_t i, const char *lit)
{
	size_t n = strlen(lit);
	return i >= n && memcmp(lc + i - n, lit, n) == 0;
}

/* "hằng quý", "mỗi tháng": a period that repeats, not one to finish by. */
static bool after_recurring(const char *lc, size_t i)
{
	return preceded_by(lc, i, "hằng ") || preceded_by(lc, i, "hàng ") || preceded_by(lc, i, "mỗi ");
}

/* ---- the kinds of deadline phrase ---- */

/*
 * A date at lc[j]: with its year as written, or else in the document's year
 * (moved to the next year if that falls before the document); DATE_NONE
 * when the document has no year either.  False if no date is there.
 */
static bool date_here(const struct due_scan *sc, size_t j, int32_t *day, size_t *end)
{
	size_t e = j;
	int32_t full = doc_date_at(sc->lc, sc->len, j, &e, 0);
	if (full != DATE_NONE) {
		*day = full;
		*end = e;
		return true;
	}
	/* Without a document year, 2000 (a leap year) only tells a day and month. */
	int32_t partial = doc_date_at(sc->lc, sc->len, j, &e, sc->doc_year ? sc->doc_year : 2000);
	if (partial == DATE_NONE)
		return false;
	*day = sc->doc_year ? roll_year(partial, sc->doc_date) : DATE_NONE;
	*end = e;
	return true;
}

bool due_by_date(const struct due_scan *sc, size_t i, struct due_hit *h)
{
	static const char *const before[] = {
		"chậm nhất trước ngày ", "chậm nhất là ngày ", "chậm nhất ngày ", "chậm nhất vào ngày ",
		"chậm nhất là ", "chậm nhất ", "trước ngày ", "hạn chót ngày ", "hạn chót ",
		"trong ngày ", "xong trước ", "trước ",
	};
	for (size_t k = 0; k < ARRAY_LEN(before); k++) {
		if (!doc_has_prefix(sc->lc + i, sc->len - i, before[k]))
			continue;
		size_t j = i + strlen(before[k]), end;
		int32_t day;
		if (date_here(sc, j, &day, &end)) {
			h->day = day;
			h->end = end;
			return true;
		}
		/* "trước ngày 20 hằng tháng": a recurring day, no single date. */
		int dd = read_num(sc->lc, sc->len, &j, 2);
		if (dd <= 0 || dd > 31)
			continue;
		static const char *const monthly[] = {" hằng tháng", " hàng tháng"};
		for (size_t m = 0; m < ARRAY_LEN(monthly); m++)
			if (doc_has_prefix(sc->lc + j, sc->len - j, monthly[m])) {
				h->end = j + strlen(monthly[m]);
				return true;
			}
	}
	return false;
}

/*
 * A month or quarter (months first..last) whose number ends at lc[k]:
 * its last day, or with "trước " in front the day before it begins.  A
 * year may follow; without one it counts only in a table cell or after
 * "trong"/"trước", in the document's year (moved past the document's date
 * when roll is set).
 */
static bool due_period(const struct due_scan *sc, size_t i, size_t k, int first, int last, bool roll,
		       struct due_hit *h)
{
	int y = read_year_after(sc->lc, sc->len, &k);
	bool before = preceded_by(sc->lc, i, "trước ");
	bool trigger = sc->table_cell || preceded_by(sc->lc, i, "trong ") || before;
	if (y <= 0 && !(trigger && sc->doc_year))
		return false;
	int yy = y > 0 ? y : sc->doc_year;
	if (before) {
		h->start = i - strlen("trước ");
		h->day = first == 1 ? date_from_ymd(yy - 1, 12, 31) : month_end(yy, first - 1);
	} else {
		h->day = month_end(yy, last);
		if (roll && y <= 0)
			h->day = roll_year(h->day, sc->doc_date);
	}
	h->end = k;
	return true;
}

bool due_quarter(const struct due_scan *sc, size_t i, struct due_hit *h)
{
	if (!doc_has_prefix(sc->lc + i, sc->len - i, "quý ") || after_recurring(sc->lc, i))
		return false;
	size_t k = i + strlen("quý ");
	int q = read_quarter(sc->lc, sc->len, &k);
	return q > 0 && due_period(sc, i, k, q * 3 - 2, q * 3, false, h);
}

bool due_half_year(const struct due_scan *sc, size_t i, struct due_hit *h)
{
	static const struct {
		const char *lit;
		int month;	/* the period's last month */
	} halves[] = {
		{"6 tháng đầu năm", 6}, {"sáu tháng đầu năm", 6},
		{"9 tháng đầu năm", 9}, {"6 tháng cuối năm", 12}, {"sáu tháng cuối năm", 12},
	};
	const char *lc = sc->lc;
	size_t len = sc->len;
	for (size_t p = 0; p < ARRAY_LEN(halves); p++) {
		if (!doc_has_prefix(lc + i, len - i, halves[p].lit))
			continue;
		size_t k = i + strlen(halves[p].lit);
		int y = -1;
		if (k < len && lc[k] == ' ' && doc_digit_at(lc, len, k + 1)) {
			size_t k2 = k + 1;
			y = read_num(lc, len, &k2, 4);
			if (y >= 1000)
				k = k2;
			else
				y = -1;
		}
		if (y > 0 || (sc->table_cell && sc->doc_year)) {
			h->day = month_end(y > 0 ? y : sc->doc_year, halves[p].month);
			h->end = k;
			return true;
		}
	}
	return false;
}

/* Whether the "tháng" at lc[i] is the middle of "ngày 25 tháng 02". */
static bool inside_full_date(const char *lc, size_t len, size_t i)
{
	if (i < 2 || !doc_digit_at(lc, len, i - 2))
		return false;
	size_t b = i - 2;
	while (b > 0 && doc_digit_at(lc, len, b - 1))
		b--;
	return preceded_by(lc, b, "ngày ");
}

bool due_month(const struct due_scan *sc, size_t i, struct due_hit *h)
{
	size_t k = i + strlen("tháng ");
	if (!doc_has_prefix(sc->lc + i, sc->len - i, "tháng ") || !doc_digit_at(sc->lc, sc->len, k) ||
	    inside_full_date(sc->lc, sc->len, i))
		return false;
	int m = read_num(sc->lc, sc->len, &k, 2);
	if (m < 1 || m > 12 || after_recurring(sc->lc, i))
		return false;
	return due_period(sc, i, k, m, m, true, h);
}

bool due_in_year(const struct due_scan *sc, size_t i, struct due_hit *h)
{
	size_t k = i;
	if (doc_has_prefix(sc->lc + i, sc->len - i, "hoàn thành "))
		k += strlen("hoàn thành ");
	if (!doc_has_prefix(sc->lc + k, sc->len - k, "trong năm "))
		return false;
	k += strlen("trong năm ");
	int y = read_num(sc->lc, sc->len, &k, 4);
	if (y < 1000)
		return false;
	h->start = k - 4 - strlen("năm ");
	h->day = date_from_ymd(y, 12, 31);
	h->end = k;
	return true;
}

bool due_cell(const struct due_scan *sc, size_t i, struct due_hit *h)
{
	int32_t day;
	size_t end;
	if (date_here(sc, i, &day, &end)) {
		h->day = day;
		h->end = end;
		return true;
	}
	size_t k = i;
	if (doc_has_prefix(sc->lc + i, sc->len - i, "năm "))
		k += strlen("năm ");
	int y = read_num(sc->lc, sc->len, &k, 4);
	if (y < 1900 || y > 2200)
		return false;
	h->day = date_from_ymd(y, 12, 31);
	h->end = k;
	return true;
}

bool due_at(const struct due_scan *sc, size_t i, bool have_weak, struct due_hit *h)
{
	*h = (struct due_hit){.start = i, .end = i, .day = DATE_NONE};
	if (due_by_date(sc, i, h)) {
		h->strong = true;
		return true;
	}
	/* A quarter after a weaker phrase is its period, not its deadline. */
	if (!have_weak && due_quarter(sc, i, h))
		return true;
	return due_half_year(sc, i, h) || due_month(sc, i, h) || due_in_year(sc, i, h) ||
	       (sc->table_cell && due_cell(sc, i, h));
}

/* Every phrase opens at a word start with one of a few bytes; skip the rest cheaply. */
static bool may_start(const struct due_scan *sc, size_t i)
{
	const char *lc = sc->lc;
	if (i && lc[i - 1] != ' ' && lc[i - 1] != '(' && lc[i - 1] != ',')
		return false;
	char c0 = lc[i];
	return strchr("tchqxs69", c0) || (sc->table_cell && ((c0 >= '0' && c0 <= '9') || c0 == 'n'));
}

/* "(thực hiện) từ Quý II/2026": the period at i is when work starts, not its deadline. */
static bool period_start(const char *lc, size_t i)
{
	return i >= strlen("từ ") && memcmp(lc + i - strlen("từ "), "từ ", strlen("từ ")) == 0;
}

int32_t doc_deadline(const char *s, const char *lc, size_t len, bool table_cell,
		     int32_t doc_date, char **text)
{
	struct due_scan sc = {.lc = lc, .len = len, .table_cell = table_cell, .doc_date = doc_date,
			      .doc_year = year_of(doc_date)};
	int32_t weak = DATE_NONE;
	*text = NULL;
	for (size_t i = 0; i < len; i++) {
		struct due_hit h;
		if (!may_start(&sc, i) || !due_at(&sc, i, *text != NULL, &h))
			continue;
		if (!h.strong && period_start(lc, h.start)) {
			i = h.end - 1;
			continue;
		}
		if (table_cell) {
			/* The whole cell is the deadline as written. */
			*text = doc_trim_dup(s, len, ".;,");
			return h.day;
		}
		if (h.strong) {
			free(*text);
			*text = xstrndup(s + h.start, h.end - h.start);
			return h.day;
		}
		if (!*text) {
			/* "báo cáo Quý I năm 2026, ... trước ngày 25/4/2026": keep looking. */
			*text = xstrndup(s + h.start, h.end - h.start);
			weak = h.day;
		}
	}
	if (table_cell && len)
		*text = doc_trim_dup(s, len, ".;,");
	return *text ? weak : DATE_NONE;
}

enum doc_recurrence doc_recurrence(const char *lc, size_t len)
{
	static const struct { const char *lit; enum doc_recurrence r; } pats[] = {
		{"hằng tuần", DOC_RECUR_WEEKLY}, {"hàng tuần", DOC_RECUR_WEEKLY},
		{"định kỳ tuần", DOC_RECUR_WEEKLY},
		{"hằng tháng", DOC_RECUR_MONTHLY}, {"hàng tháng", DOC_RECUR_MONTHLY},
		{"định kỳ tháng", DOC_RECUR_MONTHLY},
		{"hằng quý", DOC_RECUR_QUARTERLY}, {"hàng quý", DOC_RECUR_QUARTERLY},
		{"định kỳ quý", DOC_RECUR_QUARTERLY}, {"theo quý", DOC_RECUR_QUARTERLY},
		{"định kỳ 6 tháng", DOC_RECUR_SIX_MONTHLY}, {"định kỳ sáu tháng", DOC_RECUR_SIX_MONTHLY},
		{"6 tháng một lần", DOC_RECUR_SIX_MONTHLY}, {"6 tháng/lần", DOC_RECUR_SIX_MONTHLY},
		{"hằng 6 tháng", DOC_RECUR_SIX_MONTHLY},
		{"hằng năm", DOC_RECUR_YEARLY}, {"hàng năm", DOC_RECUR_YEARLY},
		{"định kỳ năm", DOC_RECUR_YEARLY},
		{"thường xuyên", DOC_RECUR_ONGOING},
	};
	/* The most frequent period named wins: "hằng tháng, hằng quý" is monthly. */
	enum doc_recurrence best = DOC_RECUR_NONE;
	for (size_t k = 0; k < ARRAY_LEN(pats); k++) {
		if (best != DOC_RECUR_NONE && pats[k].r >= best)
			break;
		if (doc_find_word(lc, len, 0, pats[k].lit) != NPOS)
			best = pats[k].r;
	}
	return best;
}
