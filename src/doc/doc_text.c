/*
 * doc_text.c — the text layer of the document parser: UTF-8 checks,
 * length-preserving Vietnamese case folding, and the split of raw text into
 * logical lines and tables that the layout parser reads.
 */
#include "base/base.h"
#include "doc/doc_int.h"

#include <stdlib.h>
#include <string.h>

bool doc_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		while (i < len && u[i] - 1u < 0x7Fu)
			i++;	/* ASCII other than NUL, the bulk of any text */
		if (i >= len)
			break;
		unsigned c = u[i];
		size_t n;
		uint32_t cp, min;
		if (c == 0)
			goto bad;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 2, cp = c & 0x1F, min = 0x80;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 3, cp = c & 0x0F, min = 0x800;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 4, cp = c & 0x07, min = 0x10000;
		else
			goto bad;
		if (len - i < n)
			goto bad;
		for (size_t k = 1; k < n; k++) {
			if ((u[i + k] & 0xC0) != 0x80)
				goto bad;
			cp = (cp << 6) | (u[i + k] & 0x3F);
		}
		/* Overlong forms, surrogates and values past U+10FFFF are not text. */
		if (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
			goto bad;
		i += n;
	}
	return true;
bad:
	if (bad_offset)
		*bad_offset = i;
	return false;
}

size_t doc_cp(const char *s, size_t len, size_t i, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned c = u[i];
	size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (n > len - i)
		n = len - i;	/* never for validated text; keeps reads in bounds */
	uint32_t v = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
	for (size_t k = 1; k < n; k++)
		v = (v << 6) | (u[i + k] & 0x3F);
	*cp = v;
	return n;
}

uint32_t doc_cp_lower(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return cp + 32;
	switch (cp) {
	case 0x102: case 0x110: case 0x128: case 0x168: case 0x1A0:
		return cp + 1;
	case 0x1AF:
		return 0x1B0;
	}
	if (cp >= 0x1EA0 && cp <= 0x1EF9 && !(cp & 1))
		return cp + 1;
	return cp;
}

bool doc_cp_is_upper(uint32_t cp)
{
	return doc_cp_lower(cp) != cp;
}

bool doc_cp_is_lower(uint32_t cp)
{
	if (cp >= 'a' && cp <= 'z')
		return true;
	if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7)
		return true;
	switch (cp) {
	case 0x103: case 0x111: case 0x129: case 0x169: case 0x1A1: case 0x1B0:
		return true;
	}
	return cp >= 0x1EA1 && cp <= 0x1EF9 && (cp & 1);
}

bool doc_cp_is_letter(uint32_t cp)
{
	if ((cp | 32) >= 'a' && (cp | 32) <= 'z')
		return true;
	if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
		return false;
	if (cp >= 0x2000 && cp <= 0x2BFF)	/* punctuation, symbols, arrows */
		return false;
	return true;
}

void doc_lower(const char *s, size_t len, char *out)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp, lo;
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			out[i++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			continue;
		}
		size_t n = doc_cp(s, len, i, &cp);
		lo = doc_cp_lower(cp);
		if (lo == cp) {
			memcpy(out + i, s + i, n);
		} else if (n == 1) {
			out[i] = (char)lo;
		} else if (n == 2) {
			out[i] = (char)(0xC0 | (lo >> 6));
			out[i + 1] = (char)(0x80 | (lo & 0x3F));
		} else {
			out[i] = (char)(0xE0 | (lo >> 12));
			out[i + 1] = (char)(0x80 | ((lo >> 6) & 0x3F));
			out[i + 2] = (char)(0x80 | (lo & 0x3F));
		}
		i += n;
	}
}

bool doc_all_upper(const char *s, size_t len)
{
	bool letters = false;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += doc_cp(s, len, i, &cp);
		if (doc_cp_is_lower(cp))
			return false;
		if (doc_cp_is_upper(cp))
			letters = true;
	}
	return letters;
}

bool doc_starts_upper(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += doc_cp(s, len, i, &cp);
		if (cp >= '0' && cp <= '9')
			return true;
		if (doc_cp_is_letter(cp))
			return doc_cp_is_upper(cp);
	}
	return false;
}

bool doc_has_prefix(const char *lc, size_t len, const char *lit)
{
	if (!len || lc[0] != lit[0])
		return false;	/* the common case, before any strlen */
	size_t n = strlen(lit);
	return n <= len && memcmp(lc, lit, n) == 0;
}

size_t doc_find_word(const char *lc, size_t len, size_t from, const char *lit)
{
	size_t n = strlen(lit);
	if (n == 0 || n > len)
		return NPOS;
	for (size_t i = from; i + n <= len; i++) {
		const char *p = memchr(lc + i, lit[0], len - n + 1 - i);
		if (!p)
			break;
		i = (size_t)(p - lc);
		if (memcmp(p, lit, n) != 0)
			continue;
		unsigned char before = i ? (unsigned char)lc[i - 1] : ' ';
		/* A word start: after a space, an opening mark, or the start. */
		if (before == ' ' || before == '(' || before == '"' || before == ',' ||
		    before == ';' || before == ':' || before == '-')
			return i;
	}
	return NPOS;
}

char *doc_trim_dup(const char *s, size_t len, const char *strip_tail)
{
	while (len && (*s == ' '))
		s++, len--;
	while (len && (s[len - 1] == ' ' || (strip_tail && strchr(strip_tail, s[len - 1]))))
		len--;
	return xstrndup(s, len);
}

char *doc_lower_dup(const char *s, size_t len)
{
	char *lc = xmalloc(len + 1);
	doc_lower(s, len, lc);
	lc[len] = 0;
	return lc;
}

void doc_set_str(char **dst, const char *s, size_t len, const char *strip_tail)
{
	free(*dst);
	*dst = doc_trim_dup(s, len, strip_tail);
	if (!**dst) {
		free(*dst);
		*dst = NULL;
	}
}

size_t doc_word_count(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && (i == 0 || s[i - 1] == ' '))
			n++;
	return n;
}

bool doc_ends_with(const char *s, size_t len, const char *lit)
{
	size_t n = strlen(lit);
	return len >= n && memcmp(s + len - n, lit, n) == 0;
}

bool doc_digit_at(const char *s, size_t len, size_t i)
{
	return i < len && s[i] >= '0' && s[i] <= '9';
}

void strs_push(struct doc_strs *l, char *s)
{
	/* Growth by powers of two keeps pushes amortised O(1). */
	if ((l->n & (l->n - 1)) == 0)
		l->v = xrealloc(l->v, (l->n ? l->n * 2 : 1) * sizeof(char *));
	l->v[l->n++] = s;
}

void strs_free(struct doc_strs *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void strs_copy(struct doc_strs *dst, const struct doc_strs *src)
{
	for (size_t i = 0; i < src->n; i++)
		strs_push(dst, xstrdup(src->v[i]));
}

/* ---- cleaning ---- */

static bool plain_byte(unsigned char c)
{
	return c >= 0x20 && c != '*' && c != '_' && c != '\\' && c != '^' && c != 0xC2 && c != 0xC3 &&
	       c != 0xE2 && c != 0xEF && c != 0xE3;
}

/* Appends s[0..len) to b without converter marks and with odd spaces made plain. */
static void clean_into(struct buf *b, const char *s, size_t len)
{
	size_t i = 0;
	/* Markdown headings ("## 1. ...") and list stars ("* item"). */
	while (i < len && s[i] == ' ')
		i++;
	if (i < len && s[i] == '#') {
		size_t k = i;
		while (k < len && s[k] == '#')
			k++;
		if (k < len && s[k] == ' ')
			i = k;
	}
	if (i + 1 < len && (s[i] == '*' || s[i] == '+') && s[i + 1] == ' ') {
		buf_adds(b, s[i] == '*' ? "- " : "+ ");
		i += 2;
	}
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		/* Plain runs are copied whole; only the marks below need a look. */
		size_t run = i;
		while (run < len && plain_byte((unsigned char)s[run]))
			run++;
		if (run > i) {
			buf_add(b, s + i, run - i);
			i = run;
			continue;
		}
		if (c == '\t') {
			buf_adds(b, "    ");	/* a tab is a column gap */
			i++;
		} else if (c == '*' || c == '_') {
			i++;	/* emphasis left by converters, blank placeholders */
		} else if (c == '\\' && i + 1 < len && strchr("!\"#$%&'()*+,-./:;<=>?@[]^_`{|}~", s[i + 1]) &&
			   s[i + 1] != 0) {
			if (s[i + 1] != '*' && s[i + 1] != '_')
				buf_addc(b, s[i + 1]);	/* markdown escape: "1\." */
			i += 2;
		} else if (c == '^') {
			/* Superscript from converters: "NC^(D)". */
			size_t k = i + 1;
			if (k < len && s[k] == '(') {
				while (k < len && k < i + 24 && s[k] != ')')
					k++;
				if (k < len && s[k] == ')')
					i = k + 1;
				else
					i++;
			} else {
				i++;
			}
		} else if (c == 0xC2 && i + 1 < len && ((unsigned char)s[i + 1] == 0xA0 ||
							 (unsigned char)s[i + 1] == 0xAD)) {
			if ((unsigned char)s[i + 1] == 0xA0)
				buf_addc(b, ' ');
			i += 2;	/* NBSP is a space; a soft hyphen is nothing */
		} else if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
			   (unsigned char)s[i + 2] <= 0xAF) {
			unsigned char t = (unsigned char)s[i + 2];
			if (t <= 0x8A || t == 0xAF)
				buf_addc(b, ' ');		/* U+2000..200A, U+202F */
			else if (t >= 0x8B && t <= 0x8F)
				;				/* zero-width marks */
			else if (t == 0x98 || t == 0x99)
				buf_addc(b, '\'');
			else if (t == 0x9C || t == 0x9D)
				buf_addc(b, '"');
			else
				buf_add(b, s + i, 3);		/* dashes and the rest stay */
			i += 3;
		} else if (c == 0xC3 && i + 1 < len && ((unsigned char)s[i + 1] == 0x90 ||
							 (unsigned char)s[i + 1] == 0xB0)) {
			/* OCR and some fonts give the look-alike eth (Ð, ð) for Đ, đ. */
			buf_adds(b, (unsigned char)s[i + 1] == 0x90 ? "\xC4\x90" : "\xC4\x91");
			i += 2;
		} else if (c == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBB &&
			   (unsigned char)s[i + 2] == 0xBF) {
			i += 3;	/* BOM */
		} else if (c == 0xE3 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
			   (unsigned char)s[i + 2] == 0x80) {
			buf_addc(b, ' ');	/* ideographic space */
			i += 3;
		} else if (c < 0x20) {
			buf_addc(b, ' ');
			i++;
		} else {
			buf_addc(b, (char)c);
			i++;
		}
	}
}

/* Collapses space runs and trims; returns the new length. */
static size_t collapse(char *s, size_t len)
{
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == ' ' && (o == 0 || s[o - 1] == ' '))
			continue;
		s[o++] = s[i];
	}
	while (o && s[o - 1] == ' ')
		o--;
	s[o] = 0;
	return o;
}

char *doc_clean(const char *s, size_t len)
{
	struct buf b = BUF_INIT;
	clean_into(&b, s, len);
	buf_addc(&b, 0);
	b.len--;
	collapse(b.data, b.len);
	return buf_detach(&b);
}

/* A line of rule characters only: dashes or underscores under headings. */
static bool is_rule(const char *s, size_t len)
{
	size_t marks = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += doc_cp(s, len, i, &cp);
		if (cp == '-' || cp == '=' || cp == '.' || cp == '~' || cp == 0x2013 ||
		    cp == 0x2014 || cp == 0x2015 || cp == 0x2500)
			marks++;
		else if (cp != ' ')
			return false;
	}
	return marks >= 3;
}

static void push_line(struct dlines *dl, enum dline_kind kind, char *s, size_t len)
{
	if ((dl->n & (dl->n - 1)) == 0)
		dl->v = xrealloc(dl->v, (dl->n ? dl->n * 2 : 1) * sizeof(*dl->v));
	struct dline *l = &dl->v[dl->n++];
	memset(l, 0, sizeof(*l));
	l->kind = kind;
	if (kind == DL_TEXT && is_rule(s, len)) {
		l->kind = DL_BLANK;
		free(s);
		s = NULL;
		len = 0;
	}
	l->s = s ? s : xstrdup("");
	l->len = len;
	l->lc = doc_lower_dup(l->s, len);
}

/* A chunk holding only a list marker: "-", "1.", "a)", "II." */
static bool marker_only(const char *s, size_t len)
{
	if (len == 0 || len > 6)
		return false;
	if (len == 1 && (s[0] == '-' || s[0] == '+'))
		return true;
	if (len == 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80)
		return true;	/* en/em dash, bullet */
	char last = s[len - 1];
	if (last != '.' && last != ')')
		return false;
	for (size_t i = 0; i + 1 < len; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '.' || strchr("IVXivxabcdeghklmn", s[i])))
			return false;
	return true;
}

static bool keep_together(const char *l, size_t ln, const char *r, size_t rn)
{
	while (rn && *r == ' ')
		r++, rn--;
	if (marker_only(l, ln) || (rn && *r == '/') || (rn >= strlen("tháng") && memcmp(r, "tháng", strlen("tháng")) == 0))
		return true;
	return doc_ends_with(l, ln, "Số:") || doc_ends_with(l, ln, "Số") || doc_ends_with(l, ln, "ngày");
}

/* Splits a cleaned line at wide gaps (3+ spaces) into logical lines. */
static void push_chunks(struct dlines *dl, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && s[i] == ' ')
		i++;
	size_t start = i;
	while (i <= len) {
		bool gap = false;
		if (i < len && s[i] == ' ' && i + 2 < len && s[i + 1] == ' ' && s[i + 2] == ' ')
			gap = true;
		if (i == len || gap) {
			size_t end = i;
			/* Keep "-   Như trên;", "1.    Sở ...", "Số:    /UBND" together. */
			if (gap && keep_together(s + start, end - start, s + i, len - i)) {
				while (i < len && s[i] == ' ')
					i++;
				continue;
			}
			if (end > start) {
				char *c = xstrndup(s + start, end - start);
				size_t n = collapse(c, end - start);
				if (n)
					push_line(dl, DL_TEXT, c, n);
				else
					free(c);
			}
			while (i < len && s[i] == ' ')
				i++;
			start = i;
			if (i == len)
				break;
			continue;
		}
		i++;
	}
}

/* Splits a table row "| a | b |" into cleaned cells. */
static void split_row(const char *s, size_t len, struct drow *row)
{
	size_t i = 0;
	while (i < len && s[i] == ' ')
		i++;
	if (i < len && s[i] == '|')
		i++;
	while (len > i && (s[len - 1] == ' '))
		len--;
	if (len > i && s[len - 1] == '|')
		len--;
	size_t cap = 0;
	while (i <= len) {
		size_t j = i;
		while (j < len && s[j] != '|')
			j++;
		if (row->n == cap) {
			cap = cap ? cap * 2 : 8;
			row->cell = xrealloc(row->cell, cap * sizeof(char *));
		}
		row->cell[row->n++] = doc_clean(s + i, j - i);
		i = j + 1;
	}
}

static bool separator_row(const struct drow *r)
{
	for (size_t c = 0; c < r->n; c++)
		for (const char *p = r->cell[c]; *p; p++)
			if (!strchr("-: ", *p))
				return false;
	return true;
}

static bool cell_has(const char *cell, const char *lit)
{
	size_t n = strlen(cell);
	char *lc = doc_lower_dup(cell, n);
	bool r = strstr(lc, lit) != NULL;
	free(lc);
	return r;
}

/* A task-table header names the content column and a lead or time column. */
static bool task_header(const struct drow *r)
{
	bool content = false, other = false;
	for (size_t c = 0; c < r->n && c < 16; c++) {
		if (cell_has(r->cell[c], "nội dung") || cell_has(r->cell[c], "nhiệm vụ"))
			content = true;
		if (cell_has(r->cell[c], "chủ trì") || cell_has(r->cell[c], "thời gian") ||
		    cell_has(r->cell[c], "thời hạn"))
			other = true;
	}
	return content && other;
}

/* Pushes the lines of one cell; "<br>" inside a cell is a line break. */
static void push_cell(struct dlines *dl, const char *cell)
{
	const char *p = cell;
	for (;;) {
		const char *br = strstr(p, "<br");
		size_t n = br ? (size_t)(br - p) : strlen(p);
		push_chunks(dl, p, n);
		if (!br)
			break;
		const char *gt = strchr(br, '>');
		p = gt ? gt + 1 : br + 3;
	}
}

static void free_row(struct drow *r)
{
	for (size_t c = 0; c < r->n; c++)
		free(r->cell[c]);
	free(r->cell);
}

static void flush_table(struct dlines *dl, struct drow *rows, size_t nrows)
{
	size_t header = nrows, maxc = 0;
	for (size_t r = 0; r < nrows && r < 3; r++)
		if (task_header(&rows[r])) {
			header = r;
			break;
		}
	if (header < nrows) {
		struct dtable t = {0};
		t.rows = xmalloc((nrows - header) * sizeof(struct drow));
		for (size_t r = 0; r < nrows; r++) {
			if (r < header || (r > header && separator_row(&rows[r])))
				free_row(&rows[r]);
			else
				t.rows[t.nrows++] = rows[r];
		}
		if ((dl->ntables & (dl->ntables - 1)) == 0)
			dl->tables = xrealloc(dl->tables, (dl->ntables ? dl->ntables * 2 : 1) * sizeof(t));
		dl->tables[dl->ntables] = t;
		push_line(dl, DL_TABLE, NULL, 0);
		dl->v[dl->n - 1].table = dl->ntables++;
		return;
	}
	/*
	 * A layout table (header or signature columns): read column by column so
	 * each column's lines stay together.  Many columns is no layout; read
	 * those row by row, which also keeps the work linear.
	 */
	for (size_t r = 0; r < nrows; r++)
		if (rows[r].n > maxc)
			maxc = rows[r].n;
	if (maxc <= 8) {
		for (size_t c = 0; c < maxc; c++) {
			for (size_t r = 0; r < nrows; r++)
				if (c < rows[r].n && !separator_row(&rows[r]))
					push_cell(dl, rows[r].cell[c]);
			push_line(dl, DL_BLANK, NULL, 0);
		}
	} else {
		for (size_t r = 0; r < nrows; r++) {
			for (size_t c = 0; c < rows[r].n; c++)
				push_cell(dl, rows[r].cell[c]);
			push_line(dl, DL_BLANK, NULL, 0);
		}
	}
	for (size_t r = 0; r < nrows; r++)
		free_row(&rows[r]);
}

/* A line holding only a page mark or a margin line number: "2", "- 2 -". */
static bool page_mark(const char *s, size_t len)
{
	size_t i = 0, digits = 0;
	while (len && s[len - 1] == ' ')
		len--;
	if (i < len && s[i] == '-' && len > 1 && s[len - 1] == '-') {
		i++;
		len--;
	}
	while (i < len && s[i] == ' ')
		i++;
	while (i < len && s[i] >= '0' && s[i] <= '9') {
		i++;
		digits++;
	}
	while (i < len && s[i] == ' ')
		i++;
	return i == len && digits >= 1 && digits <= 3;
}

void dlines_build(struct dlines *dl, const char *text, size_t len)
{
	struct buf b = BUF_INIT;
	struct drow *rows = NULL;
	size_t nrows = 0, caprows = 0;
	size_t i = 0;
	memset(dl, 0, sizeof(*dl));
	while (i < len) {
		size_t j = i;
		while (j < len && text[j] != '\n' && text[j] != '\r')
			j++;
		buf_reset(&b);
		clean_into(&b, text + i, j - i);
		buf_addc(&b, 0);
		b.len--;
		size_t k = 0;
		while (k < b.len && b.data[k] == ' ')
			k++;
		if (k < b.len && b.data[k] == '|') {
			if (nrows == caprows) {
				caprows = caprows ? caprows * 2 : 16;
				rows = xrealloc(rows, caprows * sizeof(*rows));
			}
			memset(&rows[nrows], 0, sizeof(*rows));
			/* Cells are cleaned again from the raw text so "**" inside them goes. */
			split_row(text + i, j - i, &rows[nrows]);
			nrows++;
		} else {
			if (nrows) {
				flush_table(dl, rows, nrows);
				nrows = 0;
			}
			if (k == b.len)
				push_line(dl, DL_BLANK, NULL, 0);
			else if (page_mark(b.data + k, b.len - k))
				;	/* a page number or margin line number inside the text */
			else
				push_chunks(dl, b.data, b.len);
		}
		/* CRLF is one break; a lone CR is one too. */
		if (j < len && text[j] == '\r' && j + 1 < len && text[j + 1] == '\n')
			j++;
		i = j + 1;
	}
	if (nrows)
		flush_table(dl, rows, nrows);
	free(rows);
	buf_release(&b);
}

void dlines_free(struct dlines *dl)
{
	for (size_t i = 0; i < dl->n; i++) {
		free(dl->v[i].s);
		free(dl->v[i].lc);
	}
	free(dl->v);
	for (size_t t = 0; t < dl->ntables; t++) {
		for (size_t r = 0; r < dl->tables[t].nrows; r++)
			free_row(&dl->tables[t].rows[r]);
		free(dl->tables[t].rows);
	}
	free(dl->tables);
	memset(dl, 0, sizeof(*dl));
}
