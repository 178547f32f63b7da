/*
 * pdf_merge.c — table cells merged down several rows, as the PDF reader
 * finds them: by the rules drawn between rows where the page has them,
 * by where a cell's text sits where it has none.
 */
#include "doc/pdf_grid.h"

#include <math.h>
#include <string.h>

/* The middle of row r's cells but column c's. */
static double row_middle(const struct grid_cell *g, size_t ncols, size_t r, size_t c)
{
	double y1 = INFINITY, y2 = -INFINITY;
	for (size_t k = 0; k < ncols; k++)
		if (k != c && g[r * ncols + k].h > 0)
			y1 = fmin(y1, g[r * ncols + k].y1), y2 = fmax(y2, g[r * ncols + k].y2);
	return isfinite(y1) ? (y1 + y2) / 2 : NAN;
}

/*
 * A cell merged down several rows, its text centred over them, sits in
 * one row whose neighbours are empty in its column.  poppler's text does
 * not show the rules between rows, so a cell is taken to span its empty
 * neighbours only where its middle is clearly off its own row's middle
 * and at the middle of rows [a, b] around it, on one page and within one
 * group; its text is then given to each of them.
 */
void pdf_spread_centred(struct grid_cell *g, const struct grid_row *gr, size_t nr, size_t ncols)
{
	for (size_t c = 2; c < ncols; c++)
		for (size_t r = 0; r < nr; r++) {
			const struct grid_cell *cell = &g[r * ncols + c];
			if (cell->h <= 0 || gr[r].page < 0)
				continue;
			size_t lo = r, hi = r;
			while (lo > 0 && g[(lo - 1) * ncols + c].h == 0 && !gr[lo - 1].heading && gr[lo - 1].page == gr[r].page)
				lo--;
			while (hi + 1 < nr && g[(hi + 1) * ncols + c].h == 0 && !gr[hi + 1].heading &&
			       gr[hi + 1].page == gr[r].page)
				hi++;
			double mid = (cell->y1 + cell->y2) / 2, own = row_middle(g, ncols, r, c);
			if (lo == hi || isnan(own) || fabs(mid - own) < 0.3 * cell->h)
				continue;
			size_t best_a = r, best_b = r;
			double best = 0.2 * cell->h;
			for (size_t a = lo; a <= r; a++)
				for (size_t b = r; b <= hi; b++) {
					double top = INFINITY, bottom = -INFINITY;
					for (size_t k = 0; k < ncols; k++)
						if (k != c && g[a * ncols + k].h > 0)
							top = fmin(top, g[a * ncols + k].y1);
					for (size_t k = 0; k < ncols; k++)
						if (k != c && g[b * ncols + k].h > 0)
							bottom = fmax(bottom, g[b * ncols + k].y2);
					if (isfinite(top) && isfinite(bottom) && fabs((top + bottom) / 2 - mid) < best)
						best = fabs((top + bottom) / 2 - mid), best_a = a, best_b = b;
				}
			for (size_t k = best_a; k <= best_b; k++)
				if (k != r) {
					buf_add(&g[k * ncols + c].text, cell->text.data, cell->text.len);
					g[k * ncols + c].h = -1;	/* given, not its own */
				}
		}
}

/*
 * Are rows a and a + 1 one cell in column c, at x: no rule drawn across
 * x between their first lines?  Over a page break only the new page's
 * rules below the header repeated there count, and the table's part
 * there opens with a rule of its own: an empty cell below that rule alone
 * continues the cell above.
 */
static bool joined(const struct grid_cell *g, const struct grid_row *gr, size_t ncols, size_t a, size_t c, double x,
		   const struct pdf_rules *rules)
{
	double from = gr[a].mid, to = gr[a + 1].mid;
	if (gr[a + 1].page < 0 || gr[a + 1].page == gr[a].page)
		return from < to && !pdf_rules_h_across(rules, from, to, x);
	from = fmax(fmax(from, gr[a + 1].below), pdf_rules_page_top(rules, gr[a + 1].page));
	return from < to && pdf_rules_h_count(rules, from, to, x) <= (g[(a + 1) * ncols + c].h == 0 ? 1u : 0u);
}

/* Gives the text of column c's cells in rows [lo, hi], joined, to each of them. */
static void give_span(struct grid_cell *g, size_t ncols, size_t c, size_t lo, size_t hi)
{
	struct buf joined_text = BUF_INIT;
	for (size_t r = lo; r <= hi; r++) {
		const struct buf *t = &g[r * ncols + c].text;
		if (g[r * ncols + c].h > 0 && t->len) {
			if (joined_text.len)
				buf_addc(&joined_text, ' ');
			buf_add(&joined_text, t->data, t->len);
		}
	}
	for (size_t r = lo; r <= hi && joined_text.len; r++) {
		struct grid_cell *cell = &g[r * ncols + c];
		buf_reset(&cell->text);
		buf_add(&cell->text, joined_text.data, joined_text.len);
		if (cell->h <= 0)
			cell->h = -1;	/* given, not its own */
	}
	buf_release(&joined_text);
}

void pdf_spread_ruled(struct grid_cell *g, const struct grid_row *gr, size_t nr, size_t ncols, const double *xmid,
		      const struct pdf_rules *rules)
{
	for (size_t c = 2; c < ncols; c++)
		for (size_t lo = 0, r = 0; r < nr; r++)
			if (r + 1 == nr || gr[r].heading || gr[r + 1].heading || !joined(g, gr, ncols, r, c, xmid[c], rules)) {
				if (r > lo)
					give_span(g, ncols, c, lo, r);
				lo = r + 1;
			}
}
