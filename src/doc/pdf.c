/*
 * pdf.c — the text layer of a PDF, with poppler's GLib interface.
 *
 * poppler gives each page's text and the box of every character.  The
 * pages are laid one below the other (a table runs on over a page break)
 * and rebuilt from those boxes: the lines are sorted top to bottom and those that share a
 * height (the issuer beside the national motto, the cells of a table row)
 * become one "| a | b |" row, each piece placed in the column its left edge
 * falls in, the columns being found where no words cover the width and
 * where many lines start at one x; a table's wrapped cell lines join
 * their row, those of a cell centred in its row above the row's number
 * too; the header row repeated at the top of a page is dropped, and the
 * cells it shares its lines with go to the row the page break split; a
 * cell centred over empty neighbours in its column, off its own row's
 * middle, is a cell merged down those rows.  Where the page draws the
 * table's rules (pdf_rules.c), they decide instead: its columns, the row
 * of each line, and the cells merged down rows (pdf_merge.c).  Lines of
 * one paragraph that broke only because the page was full are joined
 * again (the next word would not have fitted); a gap clearly larger than
 * the usual one between a paragraph's lines is a blank line, as between
 * the paragraphs of a text file.
 *
 * poppler keeps process-wide state that is not safe to build from two
 * threads at once, so one document is read at a time (documents arrive a
 * few a day; reading one takes milliseconds per page).
 */
#include "base/base.h"
#include "doc/pdf.h"
#include "doc/pdf_grid.h"
#include "doc/pdf_rules.h"

#include <math.h>
#include <poppler.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLS 16

/* One word on the page and its box. */
struct word {
	double x1, y1, x2, y2;
	size_t line;		/* its line within its band */
	int page;
	char *s;
};

struct words {
	struct word *v;
	size_t n, cap;
};

/* Consecutive words v[first..first+n) at one height, sorted by x. */
struct band {
	size_t first, n;
	double y1, y2, h;
};

static pthread_mutex_t poppler_lock = PTHREAD_MUTEX_INITIALIZER;

bool pdf_looks_like_pdf(const void *data, size_t len)
{
	return len >= 5 && memcmp(data, "%PDF-", 5) == 0;
}

static size_t utf8_len(unsigned char c)
{
	return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

static void words_free(struct words *ws)
{
	for (size_t i = 0; i < ws->n; i++)
		free(ws->v[i].s);
	free(ws->v);
	memset(ws, 0, sizeof(*ws));
}

/* Ends the word being gathered in cur/text, if it holds any text. */
static void word_end(struct words *ws, struct word *cur, struct buf *text)
{
	/* Boxes off any real page (a damaged file) are dropped with their text. */
	bool on_page = fabs(cur->x1) < 1e5 && fabs(cur->x2) < 1e5 && fabs(cur->y1) < 1e9 && fabs(cur->y2) < 1e9;
	if (text->len && on_page && cur->x2 > cur->x1 && cur->y2 > cur->y1) {
		cur->s = xstrndup(text->data, text->len);
		if (ws->n == ws->cap) {
			ws->cap = ws->cap ? ws->cap * 2 : 64;
			ws->v = xrealloc(ws->v, ws->cap * sizeof(*ws->v));
		}
		ws->v[ws->n++] = *cur;
	}
	buf_reset(text);
	memset(cur, 0, sizeof(*cur));
}

/*
 * The page's words: poppler's spaces and line ends, and any gap or step
 * between two characters that poppler ran together (the number and the
 * text of a table row often come out as "1Công").  dy places the page
 * below the pages before it, so that a table runs on over a page break.
 */
static void page_words(const char *text, const PopplerRectangle *r, size_t nr, double dy, struct words *ws)
{
	struct word cur = {0};
	struct buf t = BUF_INIT;
	size_t k = 0;
	for (const char *p = text; *p && k < nr; k++) {
		size_t n = utf8_len((unsigned char)*p);
		PopplerRectangle moved = r[k];
		moved.y1 += dy, moved.y2 += dy;
		const PopplerRectangle *b = &moved;
		if (*p == '\n' || *p == ' ' || *p == '\t') {
			word_end(ws, &cur, &t);
		} else {
			double h = cur.y2 - cur.y1, mid = (b->y1 + b->y2) / 2;
			if (t.len && (b->x1 - cur.x2 > 0.3 * h || b->x1 < cur.x2 - 0.5 * h || mid < cur.y1 || mid > cur.y2))
				word_end(ws, &cur, &t);
			if (!t.len) {
				cur.x1 = b->x1, cur.y1 = b->y1, cur.x2 = b->x2, cur.y2 = b->y2;
			} else {
				cur.x1 = fmin(cur.x1, b->x1), cur.y1 = fmin(cur.y1, b->y1);
				cur.x2 = fmax(cur.x2, b->x2), cur.y2 = fmax(cur.y2, b->y2);
			}
			for (size_t i = 0; i < n && p[i]; i++)
				buf_addc(&t, p[i] == '|' ? '/' : p[i]);	/* a pipe would split a column */
		}
		for (size_t i = 0; i < n && *p; i++)
			p++;
	}
	word_end(ws, &cur, &t);
	buf_release(&t);
}

static int by_top(const void *a, const void *b)
{
	const struct word *x = a, *y = b;
	return x->y1 < y->y1 ? -1 : x->y1 > y->y1 ? 1 : x->x1 < y->x1 ? -1 : x->x1 > y->x1;
}

/* In a band: line by line (wrapped cells make several), left to right. */
static int by_line(const void *a, const void *b)
{
	const struct word *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->x1 < y->x1 ? -1 : x->x1 > y->x1;
}

/* Numbers the lines of a band's words, which arrive sorted by their top. */
static void band_lines(struct word *v, size_t n)
{
	double top = n ? v[0].y1 : 0;
	size_t line = 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i].y1 >= top + 0.5 * (v[i].y2 - v[i].y1)) {
			line++;
			top = v[i].y1;
		}
		v[i].line = line;
	}
	qsort(v, n, sizeof(*v), by_line);
}

/* Groups the words into bands of lines that overlap in height. */
static size_t page_bands(struct words *ws, struct band **out)
{
	struct band *bands = NULL;
	size_t nb = 0;
	if (ws->n)
		qsort(ws->v, ws->n, sizeof(*ws->v), by_top);
	for (size_t i = 0; i < ws->n; i++) {
		const struct word *s = &ws->v[i];
		double h = s->y2 - s->y1;
		struct band *b = nb ? &bands[nb - 1] : NULL;
		if (b && s->y1 < b->y2 - 0.25 * fmin(h, b->h)) {
			b->n++;
			b->y2 = fmax(b->y2, s->y2);
			b->h = fmax(b->h, h);
			continue;
		}
		if ((nb & (nb - 1)) == 0)
			bands = xrealloc(bands, (nb ? nb * 2 : 1) * sizeof(*bands));
		bands[nb++] = (struct band){.first = i, .n = 1, .y1 = s->y1, .y2 = s->y2, .h = h};
	}
	for (size_t i = 0; i < nb; i++)
		band_lines(ws->v + bands[i].first, bands[i].n);
	*out = bands;
	return nb;
}

/*
 * Does word i of the band start a new piece: a new line, or after a gap
 * wider than gap line heights?  Word spaces are about a quarter of one.
 */
static bool piece_start(const struct words *ws, const struct band *b, size_t i, double gap)
{
	const struct word *w = &ws->v[b->first + i];
	return i > 0 && (w[-1].line != w->line || w->x1 - w[-1].x2 > gap * (w->y2 - w->y1));
}

static size_t band_pieces(const struct words *ws, const struct band *b)
{
	size_t n = 1;
	for (size_t i = 1; i < b->n; i++)
		n += piece_start(ws, b, i, 0.7);
	return n;
}

/* The state of the text being written: the last line, for joining. */
struct writer {
	struct buf *out;
	bool have_line;		/* a text line is open at the end of out */
	double y2, x1, x2, h;	/* its box */
	double right;		/* the page's right text edge */
	double para;		/* a gap above this many line heights starts a paragraph */
	struct pdf_rules *rules;	/* the pages' drawn rules, read as tables need them */
};

static bool starts_item(const char *s)
{
	if (*s == '-' || *s == '+' || *s == '*' || strncmp(s, "•", strlen("•")) == 0)
		return true;
	size_t d = strspn(s, "0123456789");
	if (d && (s[d] == '.' || s[d] == ')' || s[d] == 0))
		return true;
	size_t r = strspn(s, "IVXivxabcdđe");
	return r && r <= 4 && (s[r] == '.' || s[r] == ')');
}

/* Did the open line end only because the page was full, so that w goes on it? */
static bool continues(const struct writer *wr, const struct word *w)
{
	if (!wr->have_line || w->y1 - wr->y2 > wr->para * wr->h || w->x1 > wr->x1 + wr->h)
		return false;
	char last = wr->out->len ? wr->out->data[wr->out->len - 1] : '.';
	if (strchr(".:;!?", last) || starts_item(w->s))
		return false;
	return wr->x2 + 0.3 * wr->h + (w->x2 - w->x1) > wr->right - 0.5 * wr->h;
}

/* Starts a new line of output, after a blank line if the gap says so. */
static void new_line(struct writer *wr, double y1)
{
	if (wr->out->len) {
		buf_addc(wr->out, '\n');
		if (wr->have_line && y1 - wr->y2 > wr->para * wr->h)
			buf_addc(wr->out, '\n');
	}
	wr->have_line = false;
}

static void write_text_band(struct writer *wr, const struct words *ws, const struct band *b)
{
	const struct word *w = &ws->v[b->first];
	if (continues(wr, w)) {
		buf_addc(wr->out, ' ');
	} else {
		new_line(wr, b->y1);
		wr->x1 = w->x1;
	}
	for (size_t i = 0; i < b->n; i++) {
		if (i)
			buf_addc(wr->out, ' ');
		buf_adds(wr->out, w[i].s);
	}
	wr->have_line = true;
	wr->y2 = b->y2, wr->h = b->h, wr->x2 = w[b->n - 1].x2;
}

/* A table: its bands, its width and its columns' left edges. */
struct table {
	size_t first, n;	/* bands[first..first+n) */
	double x1, x2;
	size_t most;		/* pieces in its fullest band */
	double bound[MAX_COLS];	/* left edge of column c + 1 */
	size_t ncols;
	const struct pdf_rules *rules;	/* its drawn rules; NULL where it has none */
};

static size_t column_of(const struct table *t, double x)
{
	size_t c = 0;
	while (c + 1 < t->ncols && x >= t->bound[c])
		c++;
	return c;
}

/* Does a band set the columns: not a group heading spanning a table of four columns or more? */
static bool sets_columns(const struct words *ws, const struct band *b, size_t most)
{
	return most < 4 || band_pieces(ws, b) > 2;
}

/*
 * Cells whose texts nearly touch ("... ban, ngành" beside "Trước ngày")
 * are a word space apart, so no gap shows between their columns.  A
 * column still shows in its left edge: at least three lines start a word
 * at the same x, one of them after a gap wider than a word space (where
 * the cell to its left is short), and no word of the table crosses that
 * x.  Cover is cleared just left of such an edge.
 */
static void split_aligned(const struct table *t, const struct words *ws, const struct band *bands, unsigned *cover,
			  size_t width)
{
	unsigned *starts = xcalloc(width, sizeof(*starts)), *gap_starts = xcalloc(width, sizeof(*gap_starts));
	int *crossing = xcalloc(width + 1, sizeof(*crossing));	/* +1 where a word's inside begins, -1 past it */
	for (size_t i = t->first; i < t->first + t->n; i++) {
		const struct band *b = &bands[i];
		if (!sets_columns(ws, b, t->most))
			continue;
		for (size_t k = 0; k < b->n; k++) {
			const struct word *w = &ws->v[b->first + k];
			double x1 = w->x1 - t->x1, x2 = w->x2 - t->x1;
			size_t at = (size_t)fmin(fmax(x1 + 0.5, 0), (double)(width - 1));
			starts[at]++;
			gap_starts[at] += k > 0 && piece_start(ws, b, k, 0.7);
			size_t in1 = (size_t)fmin(fmax(ceil(x1 + 1), 0), (double)width);
			size_t in2 = (size_t)fmin(fmax(floor(x2 - 0.5) + 1, 0), (double)width);
			if (in1 < in2)
				crossing[in1]++, crossing[in2]--;
		}
	}
	int crossed = 0;
	for (size_t x = 0; x < width; x++) {
		crossed += crossing[x];
		if (x >= 3 && cover[x - 2] && starts[x] >= 3 && gap_starts[x] && !crossed)
			cover[x - 3] = cover[x - 2] = cover[x - 1] = 0;
	}
	free(starts);
	free(gap_starts);
	free(crossing);
}

/*
 * The columns: the stretches of x that no run of words set a space apart
 * covers, and the left edges of split_aligned.  In a table of four
 * columns or more, rows of two pieces (a group heading "I | CẢI CÁCH THỂ
 * CHẾ" spanning the row) cross the gaps and are left out.
 */
static void table_columns(struct table *t, const struct words *ws, const struct band *bands)
{
	size_t width = (size_t)fmin(t->x2 - t->x1 + 2, 4096);
	unsigned *cover = xcalloc(width, sizeof(*cover));
	for (size_t i = t->first; i < t->first + t->n; i++) {
		const struct band *b = &bands[i];
		if (!sets_columns(ws, b, t->most))
			continue;
		for (size_t k = 0; k < b->n;) {
			size_t e = k + 1;
			while (e < b->n && !piece_start(ws, b, e, 0.25))
				e++;
			size_t from = (size_t)fmin(fmax(ws->v[b->first + k].x1 - t->x1, 0), (double)width);
			size_t to = (size_t)fmin(fmax(ws->v[b->first + e - 1].x2 - t->x1, 0), (double)width);
			/* The run's words are in one line, left to right. */
			for (size_t x = from; x <= to && x < width; x++)
				cover[x]++;
			k = e;
		}
	}
	split_aligned(t, ws, bands, cover, width);
	t->ncols = 1;
	for (size_t x = 0; x < width && t->ncols < MAX_COLS;) {
		if (cover[x] == 0) {
			size_t e = x;
			while (e < width && cover[e] == 0)
				e++;
			if (x > 0 && e < width && e - x >= 2)
				t->bound[t->ncols++ - 1] = t->x1 + (double)(x + e) / 2;
			x = e;
		} else {
			x++;
		}
	}
	free(cover);
}

/*
 * Does a one-piece band right below a table belong to it (a row whose
 * other cells are empty)?  Not below the header's two columns, where the
 * title follows closely.
 */
static bool in_table(const struct table *t, const struct words *ws, const struct band *b, const struct band *prev,
		     struct pdf_rules *rules)
{
	if (t->most < 3 || ws->v[b->first].x1 < t->x1 - 1 || ws->v[b->first + b->n - 1].x2 > t->x2 + 1)
		return false;
	if (b->y1 - prev->y2 < b->h)
		return true;
	/* At the top of a new page, the rest of a row the page break split, inside the table's rules. */
	int page = ws->v[b->first].page;
	double xs[MAX_COLS - 1];
	if (page == ws->v[prev->first].page)
		return false;
	pdf_rules_read(rules, page, page);
	return pdf_rules_columns(rules, t->x1, t->x2, b->y1, b->y2, xs, MAX_COLS - 1) >= 2;
}

/* Each of the table's words' column; a heading's words stay in the column their piece starts in. */
static void table_word_cols(const struct table *t, const struct words *ws, const struct band *bands, size_t *col)
{
	size_t base = bands[t->first].first;
	for (size_t i = t->first; i < t->first + t->n; i++) {
		const struct band *b = &bands[i];
		bool heading = t->ncols >= 4 && band_pieces(ws, b) <= 2 &&
			       !(t->rules && pdf_rules_v_across(t->rules, t->bound[1], (b->y1 + b->y2) / 2));
		size_t c = 0;
		for (size_t k = 0; k < b->n; k++) {
			if (!heading || k == 0 || piece_start(ws, b, k, 0.7))
				c = column_of(t, ws->v[b->first + k].x1);
			col[b->first + k - base] = c;
		}
	}
}

/* The words of one line of the table in one column: a line of one cell. */
struct cell_line {
	size_t first, n;	/* the table's words [first, first + n) */
	size_t col, tline;	/* tline: the line of the table, top to bottom */
	double y1, y2;
	bool heading;		/* in a group heading spanning the table */
};

/* The table's cell lines, line by line, left to right; *ntlines: its lines. */
static size_t table_cell_lines(const struct table *t, const struct words *ws, const struct band *bands,
			       const size_t *col, struct cell_line *cl, size_t *ntlines)
{
	size_t base = bands[t->first].first, n = 0, tline = 0;
	for (size_t i = t->first; i < t->first + t->n; i++) {
		bool heading = t->ncols >= 4 && band_pieces(ws, &bands[i]) <= 2;
		for (size_t k = 0; k < bands[i].n; k++) {
			size_t j = bands[i].first + k - base;
			const struct word *w = &ws->v[base + j];
			tline += (k == 0 && i > t->first) || (k > 0 && w->line != w[-1].line);
			struct cell_line *last = n ? &cl[n - 1] : NULL;
			if (last && last->tline == tline && last->col == col[j]) {
				last->n++;
				last->y1 = fmin(last->y1, w->y1), last->y2 = fmax(last->y2, w->y2);
				continue;
			}
			cl[n++] = (struct cell_line){.first = j, .n = 1, .col = col[j], .tline = tline, .y1 = w->y1, .y2 = w->y2,
						     .heading = heading};
		}
	}
	*ntlines = tline + 1;
	return n;
}

/* Rows' anchors: the table lines holding a first-column cell (a row number), and their middles. */
struct anchors {
	double *mid;		/* per table line; NAN if none */
	bool *heading;		/* per table line: a group heading, which no cell spans */
	size_t *word;		/* per table line: its first word in the first column */
	size_t *before, *after;	/* per table line: the anchor at or above it, at or below it; SIZE_MAX if none */
};

/* Is there a cell boundary (padding, a rule) between two lines of one column, beyond the leading? */
static bool cell_gap(const struct cell_line *a, const struct cell_line *b, double leading)
{
	return b->y1 - a->y2 > leading + 0.15 * fmin(a->y2 - a->y1, b->y2 - b->y1);
}

/*
 * Lines idx[s..e) of one column lie between the row numbers of rows A
 * and B (an.before, an.after of those lines).  Split into cells at the
 * gaps wider than the leading, a cell joined to the line above (the rest
 * of a cell begun higher) stays in row A; a cell joined to B's line (a
 * cell centred on B's number) moves to row B; a cell standing alone goes
 * to B if A is a group heading or its middle is clearly nearer B's
 * number.  Where the table draws its rules, a cell goes to B exactly
 * when no rule lies between it and B's number.  Sets moves[] of the
 * lines that go.
 */
static void place_between(const struct table *t, const struct cell_line *cl, const size_t *idx, size_t s, size_t e,
			  size_t m, const struct anchors *an, double leading, bool *moves)
{
	size_t a = an->before[cl[idx[s]].tline], b = an->after[cl[idx[s]].tline];
	if (a == SIZE_MAX || b == SIZE_MAX)
		return;
	for (size_t bs = s, be; bs < e; bs = be) {
		be = bs + 1;
		while (be < e && !cell_gap(&cl[idx[be - 1]], &cl[idx[be]], leading))
			be++;
		bool to_prev = bs == s && s > 0 && !cell_gap(&cl[idx[s - 1]], &cl[idx[s]], leading);
		bool to_next = be == e && e < m && cl[idx[e]].tline == b && !cell_gap(&cl[idx[e - 1]], &cl[idx[e]], leading);
		/* Alone, and as near the one number as the other (a cell merged over both rows): it stays. */
		double mid = (cl[idx[bs]].y1 + cl[idx[be - 1]].y2) / 2, h = cl[idx[bs]].y2 - cl[idx[bs]].y1;
		bool go = !to_prev &&
			  (to_next || an->heading[a] || fabs(mid - an->mid[b]) + 0.5 * h < fabs(mid - an->mid[a]));
		if (t->rules)
			go = !pdf_rules_h_across(t->rules, (cl[idx[be - 1]].y1 + cl[idx[be - 1]].y2) / 2, an->mid[b],
						 (t->x1 + t->bound[0]) / 2);
		for (size_t p = bs; p < be; p++)
			moves[idx[p]] = go;
	}
}

/* The smallest gap between two lines of one column: the table's leading. */
static double table_leading(const struct cell_line *cl, size_t n, size_t ncols)
{
	double leading = INFINITY;
	for (size_t c = 1; c < ncols; c++)
		for (size_t i = 0, prev = SIZE_MAX; i < n; i++) {
			if (cl[i].col != c)
				continue;
			double gap = prev == SIZE_MAX ? INFINITY : cl[i].y1 - cl[prev].y2;
			if (gap > -0.5 * (cl[i].y2 - cl[i].y1))
				leading = fmin(leading, gap);
			prev = i;
		}
	return leading;
}

/*
 * Which of the table's words belong to the row below the one the bands
 * give them: in a table whose cells are centred in their rows, a cell's
 * lines above its row's number (see place_between).  goes_with[] is by
 * the table's words: the row number's word whose row it joins, or
 * SIZE_MAX.
 */
static void rows_below(const struct table *t, const struct words *ws, const struct band *bands, const size_t *col,
		       size_t nw, size_t *goes_with)
{
	struct cell_line *cl = xcalloc(nw + 1, sizeof(*cl));
	size_t ntl = 0, n = table_cell_lines(t, ws, bands, col, cl, &ntl);
	struct anchors an = {xcalloc(ntl, sizeof(double)), xcalloc(ntl, sizeof(bool)), xcalloc(ntl, sizeof(size_t)),
			     xcalloc(ntl, sizeof(size_t)), xcalloc(ntl, sizeof(size_t))};
	size_t *idx = xcalloc(n + 1, sizeof(*idx));
	bool *moves = xcalloc(n + 1, sizeof(*moves));
	for (size_t l = 0; l < ntl; l++)
		an.mid[l] = NAN;
	for (size_t i = 0; i < n; i++)
		if (cl[i].col == 0 && isnan(an.mid[cl[i].tline])) {
			an.mid[cl[i].tline] = (cl[i].y1 + cl[i].y2) / 2;
			an.word[cl[i].tline] = cl[i].first;
			an.heading[cl[i].tline] = cl[i].heading;
		}
	for (size_t l = 0, last = SIZE_MAX; l < ntl; l++)
		an.before[l] = last = isnan(an.mid[l]) ? last : l;
	for (size_t l = ntl, next = SIZE_MAX; l-- > 0;)
		an.after[l] = next = isnan(an.mid[l]) ? next : l;
	double leading = table_leading(cl, n, t->ncols);
	for (size_t c = 1; c < t->ncols && t->ncols >= 3 && isfinite(leading); c++) {
		size_t m = 0;
		for (size_t i = 0; i < n; i++)
			if (cl[i].col == c)
				idx[m++] = i;
		for (size_t s = 0, e; s < m; s = e) {
			e = s + 1;
			if (!isnan(an.mid[cl[idx[s]].tline]))
				continue;
			while (e < m && isnan(an.mid[cl[idx[e]].tline]) &&
			       an.after[cl[idx[e]].tline] == an.after[cl[idx[s]].tline])
				e++;
			place_between(t, cl, idx, s, e, m, &an, leading, moves);
		}
	}
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < cl[i].n; k++)
			goes_with[cl[i].first + k] = moves[i] ? an.word[an.after[cl[i].tline]] : SIZE_MAX;
	free(moves);
	free(idx);
	free(an.mid);
	free(an.word);
	free(an.heading);
	free(an.before);
	free(an.after);
	free(cl);
}

static void write_row(struct writer *wr, struct buf *cells, size_t ncols, double y1)
{
	new_line(wr, y1);
	buf_addc(wr->out, '|');
	for (size_t c = 0; c < ncols; c++) {
		buf_addc(wr->out, ' ');
		buf_add(wr->out, cells[c].data, cells[c].len);
		buf_adds(wr->out, " |");
		buf_reset(&cells[c]);
	}
}

static void cell_add(struct buf *cell, const char *s)
{
	if (cell->len)
		buf_addc(cell, ' ');
	buf_adds(cell, s);
}

/*
 * Does band b, at the top of a new page below the band ending at y2 on
 * the page before, go on with the row the page break split: the table's
 * part on the new page opens with a rule of its own, and no other rule
 * lies above b in the first column?
 */
static bool split_row(const struct table *t, const struct words *ws, const struct band *b, int page_before, double y2)
{
	int page = ws->v[b->first].page;
	double from = t->rules ? fmax(y2, pdf_rules_page_top(t->rules, page)) : 0, to = b->y1 + 0.5 * b->h;
	return t->rules && page != page_before && from < to &&
	       pdf_rules_h_count(t->rules, from, to, (t->x1 + t->bound[0]) / 2) <= 1;
}

/*
 * The row of each of the table's words as its bands give them; returns
 * the rows, with the height each starts at in y1[].  With three columns
 * or more (a table, not the header's two columns) a band whose first
 * cell is empty and that follows closely is the wrapped rest of the row
 * above; rows set beside a cell spanning them share a band, and a new
 * first cell there is a new row.
 */
static size_t band_rows(const struct table *t, const struct words *ws, const struct band *bands, const size_t *cols,
			size_t *row, double *y1)
{
	size_t base = bands[t->first].first, r = 0;
	bool open = false, numbered = false;	/* numbered: the row has a first cell */
	double y2 = 0;
	int page = -1;
	for (size_t i = t->first; i < t->first + t->n; i++) {
		const struct band *b = &bands[i];
		const struct word *w = &ws->v[b->first];
		bool wrapped = open && t->ncols >= 3 && column_of(t, w[0].x1) > 0 &&
			       (b->y1 - y2 < 0.3 * b->h || split_row(t, ws, b, page, y2));
		for (size_t k = 0; k < b->n; k++) {
			size_t j = b->first + k - base;
			if ((open && !wrapped && k == 0) || (k && cols[j] == 0 && numbered && w[k].line != w[k - 1].line)) {
				y1[++r] = w[k].y1;
				numbered = false;
			} else if (k == 0 && !wrapped) {
				y1[r] = b->y1;
			}
			numbered = numbered || cols[j] == 0;
			row[j] = r;
		}
		open = true;
		y2 = b->y2;
		page = w[b->n - 1].page;
	}
	return r + 1;
}

/*
 * Is row r (the words order[start[r]..start[r + 1]) of the table) its
 * first row, the header, repeated at the top of a new page?  Then the
 * words that repeat the header's, column by column, are marked in drop[];
 * the rest are the cells of the row above run on over the page break.
 */
static bool repeated_header(const struct words *ws, size_t base, const size_t *cols, const size_t *order,
			    const size_t *start, size_t r, bool *drop)
{
	if (r == 0 || start[1] - start[0] < 2 || start[r + 1] == start[r] ||
	    ws->v[base + order[start[r]]].page == ws->v[base + order[start[r] - 1]].page)
		return false;
	size_t at[MAX_COLS];	/* per column: the row's next word to match */
	for (size_t c = 0; c < MAX_COLS; c++)
		at[c] = start[r];
	for (size_t k = start[0]; k < start[1]; k++) {
		size_t c = cols[order[k]];
		while (at[c] < start[r + 1] && cols[order[at[c]]] != c)
			at[c]++;
		if (at[c] == start[r + 1] || strcmp(ws->v[base + order[k]].s, ws->v[base + order[at[c]]].s) != 0)
			return false;
		at[c]++;
	}
	for (size_t c = 0; c < MAX_COLS; c++)
		for (size_t k = start[r]; k < at[c]; k++)
			drop[k] = drop[k] || cols[order[k]] == c;
	return true;
}

/*
 * Where the table's pages draw its rules, its columns are those the
 * vertical rules bound (their texts may nearly touch); xmid[c] is the
 * middle of column c.  Returns whether the table has rules.
 */
static bool table_rules(struct table *t, const struct words *ws, const struct band *bands, struct pdf_rules *rules,
			double *xmid)
{
	const struct band *first = &bands[t->first], *last = &bands[t->first + t->n - 1];
	pdf_rules_read(rules, ws->v[first->first].page, ws->v[last->first + last->n - 1].page);
	double xs[MAX_COLS - 1];
	size_t n = pdf_rules_columns(rules, t->x1, t->x2, first->y1, last->y2, xs, MAX_COLS - 1);
	bool ruled = n >= 2;
	t->rules = ruled ? rules : NULL;
	if (ruled) {
		memcpy(t->bound, xs, n * sizeof(*xs));
		t->ncols = n + 1;
	}
	for (size_t c = 0; c < t->ncols; c++)
		xmid[c] = ((c ? t->bound[c - 1] : t->x1) + (c + 1 < t->ncols ? t->bound[c] : t->x2)) / 2;
	return ruled;
}

/* Writes the table's rows: those of band_rows, with the lines of rows_below moved down. */
static void write_table(struct writer *wr, const struct words *ws, const struct band *bands, struct table *t)
{
	table_columns(t, ws, bands);
	double xmid[MAX_COLS];
	bool ruled = table_rules(t, ws, bands, wr->rules, xmid);
	size_t base = bands[t->first].first, nw = bands[t->first + t->n - 1].first + bands[t->first + t->n - 1].n - base;
	size_t *cols = xcalloc(nw + 1, sizeof(*cols)), *goes_with = xcalloc(nw + 1, sizeof(*goes_with));
	size_t *row = xcalloc(nw + 1, sizeof(*row)), *start = xcalloc(nw + 2, sizeof(*start));
	size_t *order = xcalloc(nw + 1, sizeof(*order));
	double *y1 = xcalloc(nw + 1, sizeof(*y1));
	table_word_cols(t, ws, bands, cols);
	rows_below(t, ws, bands, cols, nw, goes_with);
	size_t nrows = band_rows(t, ws, bands, cols, row, y1);
	for (size_t j = 0; j < nw; j++)
		if (goes_with[j] != SIZE_MAX)
			row[j] = row[goes_with[j]];
	/* The words row by row, each row's in the table's order. */
	for (size_t j = 0; j < nw; j++)
		start[row[j] + 1]++;
	for (size_t r = 0; r < nrows; r++)
		start[r + 1] += start[r];
	size_t *next = xcalloc(nrows + 1, sizeof(*next));
	memcpy(next, start, nrows * sizeof(*next));
	for (size_t j = 0; j < nw; j++)
		order[next[row[j]]++] = j;
	free(next);
	size_t nc = t->ncols, ng = 0;
	struct grid_cell *g = xcalloc((nrows + 1) * nc, sizeof(*g));
	struct grid_row *gr = xcalloc(nrows + 1, sizeof(*gr));
	bool *drop = xcalloc(nw + 1, sizeof(*drop));
	double header_y2 = 0;	/* the bottom of a repeated header just dropped */
	for (size_t r = 0; r < nrows; r++) {
		if (start[r + 1] == start[r])
			continue;
		const struct word *first = &ws->v[base + order[start[r]]];
		if (ng == 0 || !repeated_header(ws, base, cols, order, start, r, drop)) {
			gr[ng++] = (struct grid_row){.y1 = y1[r], .page = first->page, .below = header_y2,
						     .mid = y1[r] + 0.5 * (first->y2 - first->y1)};
			header_y2 = 0;
		}
		for (size_t k = start[r]; k < start[r + 1]; k++) {
			const struct word *w = &ws->v[base + order[k]];
			struct grid_cell *cell = &g[(ng - 1) * nc + cols[order[k]]];
			gr[ng - 1].page = gr[ng - 1].page == w->page ? w->page : -1;
			if (drop[k]) {
				header_y2 = fmax(header_y2, w->y2);
				continue;
			}
			cell_add(&cell->text, w->s);
			cell->y1 = cell->h > 0 ? fmin(cell->y1, w->y1) : w->y1;
			cell->y2 = cell->h > 0 ? fmax(cell->y2, w->y2) : w->y2;
			cell->h = fmax(cell->h, w->y2 - w->y1);
		}
	}
	for (size_t r = 0; r < ng; r++) {
		/* Nothing past its first two columns, and where rules are drawn none between them. */
		gr[r].heading = !(t->rules && pdf_rules_v_across(t->rules, t->bound[1], gr[r].mid));
		for (size_t c = 2; c < nc; c++)
			gr[r].heading = gr[r].heading && g[r * nc + c].h == 0;
	}
	if (ruled)
		pdf_spread_ruled(g, gr, ng, nc, xmid, wr->rules);
	else
		pdf_spread_centred(g, gr, ng, nc);
	struct buf cells[MAX_COLS];
	for (size_t r = 0; r < ng; r++) {
		for (size_t c = 0; c < nc; c++)
			cells[c] = g[r * nc + c].text;
		write_row(wr, cells, nc, gr[r].y1);
		for (size_t c = 0; c < nc; c++)
			buf_release(&g[r * nc + c].text);
	}
	free(drop);
	free(g);
	free(gr);
	free(cols);
	free(goes_with);
	free(row);
	free(start);
	free(order);
	free(y1);
	wr->have_line = true;
	wr->y2 = bands[t->first + t->n - 1].y2, wr->h = bands[t->first + t->n - 1].h;
	wr->x1 = wr->x2 = 0;
}

/*
 * Drops a page number: a number alone on the top or the bottom line of
 * the page, whose words are v[first..].
 */
static void drop_page_number(struct words *ws, size_t first)
{
	for (int end = 0; end < 2 && ws->n > first; end++) {
		size_t edge = first, alone = 0;
		for (size_t i = first; i < ws->n; i++)
			if (end ? ws->v[i].y2 > ws->v[edge].y2 : ws->v[i].y1 < ws->v[edge].y1)
				edge = i;
		const struct word *e = &ws->v[edge];
		double h = e->y2 - e->y1;
		for (size_t i = first; i < ws->n; i++)
			alone += fabs(end ? ws->v[i].y2 - e->y2 : ws->v[i].y1 - e->y1) < 0.5 * h;
		if (alone != 1 || strlen(e->s) > 4 || strspn(e->s, "0123456789") != strlen(e->s))
			continue;
		free(ws->v[edge].s);
		ws->v[edge] = ws->v[--ws->n];
	}
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/*
 * The gap, in line heights, above which a line starts a new paragraph:
 * half a line, or a quarter of a line more than the usual gap between
 * the lines of a paragraph (the lower quartile of the gaps between lines
 * of text) where that is less: an office suite's space between
 * paragraphs is often under half a line.
 */
static double paragraph_gap(const struct words *ws, const struct band *bands, size_t nb)
{
	double *gaps = xcalloc(nb ? nb : 1, sizeof(*gaps));
	size_t n = 0;
	for (size_t i = 1; i < nb; i++) {
		double gap = bands[i].h > 0 ? (bands[i].y1 - bands[i - 1].y2) / bands[i].h : -1;
		if (gap > -0.25 && gap < 2 && band_pieces(ws, &bands[i]) == 1 && band_pieces(ws, &bands[i - 1]) == 1)
			gaps[n++] = gap;
	}
	double para = 0.5;
	if (n >= 4) {
		qsort(gaps, n, sizeof(*gaps), by_value);
		para = fmin(para, gaps[n / 4] + 0.25);
	}
	free(gaps);
	return para;
}

/* Writes the words of every page, laid one below the other. */
static void write_words(struct writer *wr, struct words *ws)
{
	struct band *bands = NULL;
	size_t nb = page_bands(ws, &bands);
	wr->para = paragraph_gap(ws, bands, nb);
	wr->right = 0;
	for (size_t i = 0; i < nb; i++)
		if (band_pieces(ws, &bands[i]) == 1)
			wr->right = fmax(wr->right, ws->v[bands[i].first + bands[i].n - 1].x2);
	struct table t = {0};
	for (size_t i = 0; i < nb; i++) {
		const struct band *b = &bands[i];
		if (band_pieces(ws, b) >= 2 || (t.n && in_table(&t, ws, b, &bands[i - 1], wr->rules))) {
			double x1 = INFINITY, x2 = 0;
			for (size_t k = b->first; k < b->first + b->n; k++)
				x1 = fmin(x1, ws->v[k].x1), x2 = fmax(x2, ws->v[k].x2);
			if (!t.n)
				t = (struct table){.first = i, .x1 = x1, .x2 = x2};
			t.n++;
			t.x1 = fmin(t.x1, x1), t.x2 = fmax(t.x2, x2);
			t.most = band_pieces(ws, b) > t.most ? band_pieces(ws, b) : t.most;
			continue;
		}
		if (t.n) {
			write_table(wr, ws, bands, &t);
			t = (struct table){0};
		}
		write_text_band(wr, ws, b);
	}
	if (t.n)
		write_table(wr, ws, bands, &t);
	free(bands);
}

/* Reads every page into out; fails only on the size bound. */
static enum err_code read_pages(PopplerDocument *pd, int npages, struct buf *out, size_t *chars,
				struct err *err)
{
	struct writer w = {.out = out};
	struct words ws = {0};
	double dy = 0, *top = xcalloc(npages > 0 ? (size_t)npages : 1, sizeof(*top));
	size_t text_len = 0;
	enum err_code rc = ERR_OK;
	for (int i = 0; i < npages; i++) {
		top[i] = dy;
		PopplerPage *page = poppler_document_get_page(pd, i);
		if (!page)
			continue;
		char *text = poppler_page_get_text(page);
		PopplerRectangle *rects = NULL;
		guint nrects = 0;
		double width = 0, height = 0;
		poppler_page_get_size(page, &width, &height);
		if (text && poppler_page_get_text_layout(page, &rects, &nrects)) {
			size_t first = ws.n;
			page_words(text, rects, nrects, dy, &ws);
			drop_page_number(&ws, first);
			for (size_t k = first; k < ws.n; k++)
				ws.v[k].page = i;
		}
		for (size_t k = 0; text && text[k]; k++, text_len++)
			*chars += text[k] != ' ' && text[k] != '\n';
		dy += height > 0 && height < 1e5 ? height : 1000;
		g_free(rects);
		g_free(text);
		g_object_unref(page);
		if (text_len > PDF_MAX_TEXT) {
			rc = err_set(err, ERR_TOO_LARGE, "file", "the PDF's text is larger than %u bytes", PDF_MAX_TEXT);
			goto cleanup;
		}
	}
	struct pdf_rules rules;
	pdf_rules_init(&rules, pd, top, (size_t)(npages > 0 ? npages : 0));
	w.rules = &rules;
	write_words(&w, &ws);
	pdf_rules_free(&rules);
	if (out->len)
		buf_addc(out, '\n');
cleanup:
	free(top);
	words_free(&ws);
	return rc;
}

static enum err_code open_error(const GError *gerr, struct err *err)
{
	if (gerr && gerr->domain == POPPLER_ERROR && gerr->code == POPPLER_ERROR_ENCRYPTED)
		return err_set(err, ERR_UNSUPPORTED, "file",
			       "the PDF is encrypted and needs a password; send a copy without one");
	return err_set(err, ERR_UNSUPPORTED, "file", "the PDF is damaged and cannot be read (%.120s)",
		       gerr && gerr->message ? gerr->message : "unknown error");
}

enum err_code pdf_text(const void *data, size_t len, int max_pages, char **text, size_t *text_len,
		       struct err *err)
{
	GError *gerr = NULL;
	GBytes *bytes = NULL;
	PopplerDocument *pd = NULL;
	struct buf out = BUF_INIT;
	enum err_code rc = ERR_OK;
	size_t chars = 0;
	*text = NULL;
	*text_len = 0;
	if (!pdf_looks_like_pdf(data, len))
		return err_set(err, ERR_UNSUPPORTED, "file", "this is not a PDF file (it does not start with %%PDF-)");
	if (len > (size_t)INT32_MAX)
		return err_set(err, ERR_TOO_LARGE, "file", "the PDF is too large");
	pthread_mutex_lock(&poppler_lock);
	bytes = g_bytes_new_static(data, len);	/* borrowed: data outlives the document */
	pd = poppler_document_new_from_bytes(bytes, NULL, &gerr);
	if (!pd) {
		rc = open_error(gerr, err);
		goto cleanup;
	}
	int npages = poppler_document_get_n_pages(pd);
	if (npages > max_pages) {
		rc = err_set(err, ERR_TOO_LARGE, "file", "the PDF has %d pages; at most %d are read", npages, max_pages);
		goto cleanup;
	}
	if ((rc = read_pages(pd, npages, &out, &chars, err)) != ERR_OK)
		goto cleanup;
	if (chars == 0) {
		rc = err_set(err, ERR_UNSUPPORTED, "file",
			     "the PDF has no text layer (a scanned image?); run OCR on it first, outside "
			     "cchc, and send the text or the OCR'd PDF");
		goto cleanup;
	}
	*text_len = out.len;
	*text = buf_detach(&out);
cleanup:
	if (pd)
		g_object_unref(pd);
	if (bytes)
		g_bytes_unref(bytes);
	if (gerr)
		g_error_free(gerr);
	pthread_mutex_unlock(&poppler_lock);
	buf_release(&out);
	return rc;
}
