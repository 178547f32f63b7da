/*
 * pdf_grid.h — the cells of a table pdf.c has laid out, and the cells
 * merged down several rows (pdf_merge.c).  Internal to the PDF reader.
 */
#ifndef CCHC_PDF_GRID_H
#define CCHC_PDF_GRID_H
#include <stddef.h>

#include "base/base.h"
#include "doc/pdf_rules.h"

/* A cell of the table as written: its text and the height its words cover. */
struct grid_cell {
	struct buf text;
	double y1, y2, h;	/* h: its words' height; 0 while empty, -1 given a merged cell's text */
};

/*
 * A written row: where it starts, the middle of its first line (a line's
 * box may reach over the rule above a tight row), the bottom of the header
 * row repeated right above it at the top of a page (0: none), whether it
 * is a group heading, the page (-1: several).
 */
struct grid_row {
	double y1, mid, below;
	bool heading;
	int page;
};

/*
 * Without rules: gives a cell centred over its empty neighbours in its
 * column, off its own row's middle, to each of them.  g holds nr rows of
 * ncols cells.
 */
void pdf_spread_centred(struct grid_cell *g, const struct grid_row *gr, size_t nr, size_t ncols);

/*
 * With rules: gives the text of a cell that no horizontal rule crosses
 * at xmid[c] between its rows to each of the rows it spans.
 */
void pdf_spread_ruled(struct grid_cell *g, const struct grid_row *gr, size_t nr, size_t ncols, const double *xmid,
		      const struct pdf_rules *rules);

#endif
