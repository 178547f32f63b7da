/*
 * pdf_rules.h — the rules (drawn lines) of a PDF's pages: a table's
 * borders, which show the cells that text positions alone cannot (a cell
 * merged down several rows, its text at the top or in the middle of one
 * of them).
 *
 * The pages are laid one below the other as pdf.c lays their text (page
 * i from top[i] down), and read only when a table asks for them.
 */
#ifndef CCHC_PDF_RULES_H
#define CCHC_PDF_RULES_H
#include <poppler.h>
#include <stddef.h>
#include <stdint.h>

#include "base/base.h"

/* A rule: horizontal at y = at from x = from to to, or vertical at x = at from y = from to to. */
struct pdf_rule {
	double at, from, to;
};

/* One page's rules, each list sorted by at. */
struct pdf_page_rules {
	struct pdf_rule *h, *v;
	size_t nh, nv;
	double top;		/* where the page starts in the laid-out pages */
	bool read;
};

struct pdf_rules {
	PopplerDocument *pd;	/* borrowed: open while the pages are written */
	struct pdf_page_rules *page;
	size_t npages;
};

/* Starts the rules of pd's npages pages, page i laid from top[i] down. */
void pdf_rules_init(struct pdf_rules *r, PopplerDocument *pd, const double *top, size_t npages);
void pdf_rules_free(struct pdf_rules *r);

/* Reads pages first..last (once each: poppler draws them and the rules are found in the drawing). */
void pdf_rules_read(struct pdf_rules *r, int first, int last);

/*
 * The rules drawn in a page's pixels: pix holds h rows of w gray values
 * (0 black, 255 white), stride bytes apart, scale pixels a point.  A rule
 * is a straight run of ink longer than any letter; what it finds is added
 * to p in points from the page's top left corner, each list sorted.
 * Linear in the pixels.
 */
void pdf_rules_from_pixels(struct pdf_page_rules *p, const uint8_t *pix, size_t w, size_t h, size_t stride,
			   double scale);

/* Is a horizontal rule drawn across x between heights y1 and y2 (y1 < y2)? */
bool pdf_rules_h_across(const struct pdf_rules *r, double y1, double y2, double x);

/*
 * How many horizontal rules are drawn across x between heights y1 and y2
 * (the pixel rows of one line counted once)?
 */
size_t pdf_rules_h_count(const struct pdf_rules *r, double y1, double y2, double x);

/* Is a vertical rule drawn at x (within two points) across height y? */
bool pdf_rules_v_across(const struct pdf_rules *r, double x, double y);

/*
 * The x of the vertical rules between x1 and x2 that run down at least
 * a third of the height from y1 to y2 (a table over a page break leaves the
 * margins between its parts uncovered), left to right, at most max; returns
 * how many.
 */
size_t pdf_rules_columns(const struct pdf_rules *r, double x1, double x2, double y1, double y2, double *xs,
			 size_t max);

/* The top of page i in the laid-out pages. */
double pdf_rules_page_top(const struct pdf_rules *r, int page);

#endif
