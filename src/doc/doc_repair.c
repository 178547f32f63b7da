/*
 * doc_repair.c — the raw text made to read like a clean document before
 * it is split into lines: a portal's metadata table in front of the
 * document dropped ("| Ngày ban hành | 14/04/2026 |"), a two-column header
 * flattened with "|" turned into a layout table (read column by column,
 * like the header boxes of Decree 30), and lines broken by PDF extraction
 * in the middle of the number or the date joined back ("Số:" with the
 * number two lines below, or below the motto; "Tuyên Quang, ngày" /
 * "05 tháng 01 năm 2026"); a table copied with tabs between its cells made
 * a "|" table.
 * One pass over the lines; the output is never more than the input plus
 * four bytes a line and two a tab.
 */
#include "base/base.h"
#include "doc/doc_int.h"

#include <stdlib.h>
#include <string.h>

/* Lines of the header zone, where columns and broken lines are repaired. */
#define HEADER_LINES 30

struct rline {
	const char *s;
	size_t n;
};

static void split_lines(const char *text, size_t len, struct rline **out, size_t *n)
{
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	for (size_t i = 0;;) {
		size_t j = i;
		while (j < len && text[j] != '\n' && text[j] != '\r')
			j++;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		size_t a = i, b = j;
		while (a < b && (text[a] == ' ' || text[a] == '\t'))
			a++;
		while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t'))
			b--;
		(*out)[(*n)++] = (struct rline){text + a, b - a};
		if (j < len && text[j] == '\r' && j + 1 < len && text[j + 1] == '\n')
			j++;
		if (j + 1 >= len)
			break;	/* a final line break ends the last line; it opens no new one */
		i = j + 1;
	}
}

static bool line_has_prefix(const struct rline *l, const char *lit)
{
	size_t n = strlen(lit);
	if (l->n < n)
		return false;
	char *lc = doc_lower_dup(l->s, n);
	bool r = memcmp(lc, lit, n) == 0;
	free(lc);
	return r;
}

/* A row of a portal's metadata table: "| Ngày ban hành | 14/04/2026 |". */
static bool metadata_row(const struct rline *l)
{
	static const char *const labels[] = {
		"số ký hiệu", "số hiệu", "ký hiệu", "ngày ban hành", "cơ quan ban hành", "người ký", "trích yếu",
		"loại văn bản", "lĩnh vực", "ngày hiệu lực", "tình trạng", "cấp ban hành", "ngày có hiệu lực",
	};
	if (!l->n || l->s[0] != '|')
		return false;
	struct rline cell = {l->s + 1, l->n - 1};
	while (cell.n && cell.s[0] == ' ')
		cell.s++, cell.n--;
	for (size_t i = 0; i < ARRAY_LEN(labels); i++)
		if (line_has_prefix(&cell, labels[i]))
			return true;
	return false;
}

/*
 * The first line of the document itself when a portal's metadata table
 * stands in front of it: the first all-capitals line after the table.  0
 * when there is no such table.
 */
static size_t after_metadata(const struct rline *v, size_t n)
{
	size_t last = 0, rows = 0;
	for (size_t i = 0; i < n && i < HEADER_LINES; i++)
		if (metadata_row(&v[i]))
			last = i, rows++;
	if (rows < 2)
		return 0;
	for (size_t i = last + 1; i < n && i < last + 12; i++)
		if (v[i].n && v[i].s[0] != '|' && doc_all_upper(v[i].s, v[i].n))
			return i;
	return last + 1;
}

static bool starts_digitish(const struct rline *l)
{
	if (!l->n)
		return false;
	unsigned char c = (unsigned char)l->s[0];
	return (c >= '0' && c <= '9') || c == '/' || c == '.' || (c == 0xE2 && l->n > 2 &&
								 (unsigned char)l->s[1] == 0x80 && (unsigned char)l->s[2] == 0xA6);
}

/* A line cut before its number or day: "Số:", "Tuyên Quang, ngày", "... tháng". */
static bool cut_before_number(const struct rline *l)
{
	static const char *const tails[] = {"Số:", "Số", "ngày", "tháng", "năm", "Số :"};
	for (size_t i = 0; i < ARRAY_LEN(tails); i++) {
		size_t t = strlen(tails[i]);
		if (l->n >= t && memcmp(l->s + l->n - t, tails[i], t) == 0 &&
		    (l->n == t || l->s[l->n - t - 1] == ' ' || l->s[l->n - t - 1] == ','))
			return true;
	}
	return false;
}

/* A number and symbol standing alone: "1876/UBND-NC", "/TB-UBND". */
static bool bare_number(const struct rline *l)
{
	size_t i = 0;
	while (i < l->n && l->s[i] >= '0' && l->s[i] <= '9')
		i++;
	if (i >= l->n || l->s[i] != '/' || i + 1 >= l->n)
		return false;
	for (size_t k = i + 1; k < l->n; k++)
		if (l->s[k] == ' ')
			return false;
	unsigned char c = (unsigned char)l->s[i + 1];
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/*
 * "Số:" alone, its number set lower in the same column, below the motto (a
 * PDF read row by row): the line of the number, within the next few, or n.
 */
static size_t number_below(const struct rline *v, size_t n, size_t i)
{
	if (!(v[i].n == strlen("Số:") && memcmp(v[i].s, "Số:", v[i].n) == 0))
		return n;
	size_t first = i + 1;
	while (first < n && !v[first].n)
		first++;
	if (first < n && starts_digitish(&v[first]))
		return n;	/* just below, over blanks: joined as any number carried over */
	for (size_t k = first; k < n && k <= i + 6; k++)
		if (bare_number(&v[k]))
			return k;
	return n;
}

/*
 * Adds a header line with the blanks of a draft's date closed up: in
 * "Bắc Ninh, ngày       tháng      năm 2026" the gaps left for the day and
 * month would otherwise read as a gap between two columns.
 */
static void add_header_line(struct buf *b, const struct rline *l)
{
	const char *ngay = NULL;
	for (size_t i = 0; i + strlen(", ngày") <= l->n && !ngay; i++)
		if (memcmp(l->s + i, ", ngày", strlen(", ngày")) == 0)
			ngay = l->s + i;
	if (!ngay) {
		buf_add(b, l->s, l->n);
		return;
	}
	size_t from = (size_t)(ngay - l->s);
	buf_add(b, l->s, from);
	for (size_t i = from; i < l->n; i++)
		if (l->s[i] != ' ' || (i + 1 < l->n && l->s[i + 1] != ' '))
			buf_addc(b, l->s[i]);
}

/* A table row copied with tabs between its cells (three cells or more). */
static bool tab_row(const struct rline *l)
{
	size_t tabs = 0;
	for (size_t i = 0; i < l->n; i++)
		tabs += l->s[i] == '\t';
	return tabs >= 2;
}

/* "1\tRà soát ...\tSở Nội vụ" as the "| 1 | Rà soát ... | Sở Nội vụ |" row tables are read from. */
static void add_tab_row(struct buf *b, const struct rline *l)
{
	buf_adds(b, "| ");
	for (size_t i = 0; i < l->n; i++)
		if (l->s[i] == '\t')
			buf_adds(b, " | ");
		else
			buf_addc(b, l->s[i]);
	buf_adds(b, " |\n");
}

/* A flattened two-column header line: "ỦY BAN NHÂN DÂN | CỘNG HÒA ...". */
static bool column_line(const struct rline *l)
{
	return l->n > 2 && l->s[0] != '|' && memchr(l->s, '|', l->n) != NULL;
}

char *doc_repair(const char *text, size_t len, size_t *out_len)
{
	struct rline *v;
	size_t n;
	split_lines(text, len, &v, &n);
	struct buf b = BUF_INIT;
	size_t from = after_metadata(v, n), zone = 0, moved = n;
	for (size_t i = from; i < n; i++) {
		struct rline l = v[i];
		bool header = zone < HEADER_LINES;
		if (l.n)
			zone++;
		if (i == moved)
			continue;	/* already joined to its "Số:" */
		if (header && moved == n && (moved = number_below(v, n, i)) < n) {
			buf_add(&b, l.s, l.n);
			buf_addc(&b, ' ');
			buf_add(&b, v[moved].s, v[moved].n);
			buf_addc(&b, '\n');
			continue;
		}
		if (tab_row(&l)) {
			add_tab_row(&b, &l);
			continue;
		}
		if (header && column_line(&l)) {
			buf_adds(&b, "| ");
			buf_add(&b, l.s, l.n);
			buf_adds(&b, " |\n");
			continue;
		}
		if (header)
			add_header_line(&b, &l);
		else
			buf_add(&b, l.s, l.n);
		/* Join the number or date carried to a later line (over blanks in the header). */
		while (cut_before_number(&l)) {
			size_t k = i + 1;
			while (header && k < n && k < i + 3 && !v[k].n)
				k++;
			if (k >= n || !starts_digitish(&v[k]))
				break;
			buf_addc(&b, ' ');
			buf_add(&b, v[k].s, v[k].n);
			l = v[k];
			i = k;
		}
		buf_addc(&b, '\n');
	}
	free(v);
	*out_len = b.len;
	buf_addc(&b, 0);
	return buf_detach(&b);
}
