/*
 * pdf_rules.c — the rules of a PDF's pages, found in the page as poppler
 * draws it.
 *
 * poppler's GLib interface gives no access to a page's paths, so the page
 * is drawn (by poppler's own interpreter of its content stream: every
 * operator, the transformation matrix, forms and filters alike) into a
 * gray image of at most MAX_PIXELS, and a rule is a straight run of dark
 * pixels longer than any letter: a line drawn as a thin filled rectangle
 * or as a stroke looks the same there.  The work is linear in the pixels
 * whatever the number of path operators (poppler draws each once).
 */
#include "doc/pdf_rules.h"

#include <cairo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PIXELS 4.0e6	/* an A4 page at two pixels a point */
#define MIN_RULE 12.0		/* points: longer than any letter's stroke */
#define DARK 192		/* gray values below are ink: a hairline is drawn half gray */

void pdf_rules_init(struct pdf_rules *r, PopplerDocument *pd, const double *top, size_t npages)
{
	r->pd = pd;
	r->npages = npages;
	r->page = xcalloc(npages ? npages : 1, sizeof(*r->page));
	for (size_t i = 0; i < npages; i++)
		r->page[i].top = top[i];
}

void pdf_rules_free(struct pdf_rules *r)
{
	for (size_t i = 0; i < r->npages; i++) {
		free(r->page[i].h);
		free(r->page[i].v);
	}
	free(r->page);
	memset(r, 0, sizeof(*r));
}

static void add_rule(struct pdf_rule **v, size_t *n, double at, double from, double to)
{
	if ((*n & (*n - 1)) == 0)
		*v = xrealloc(*v, (*n ? *n * 2 : 1) * sizeof(**v));
	(*v)[(*n)++] = (struct pdf_rule){.at = at, .from = from, .to = to};
}

static int by_at(const void *a, const void *b)
{
	const struct pdf_rule *x = a, *y = b;
	return x->at < y->at ? -1 : x->at > y->at ? 1 : x->from < y->from ? -1 : x->from > y->from;
}

void pdf_rules_from_pixels(struct pdf_page_rules *p, const uint8_t *pix, size_t w, size_t h, size_t stride,
			   double scale)
{
	size_t min_px = (size_t)ceil(MIN_RULE * scale);
	size_t *down = xcalloc(w + 1, sizeof(*down));	/* per column: the dark pixels above, in a run */
	for (size_t y = 0; y <= h; y++) {
		size_t run = 0;
		for (size_t x = 0; x <= w; x++) {
			bool dark = y < h && x < w && pix[y * stride + x] < DARK;
			if (dark) {
				run++;
			} else {
				if (run >= min_px)
					add_rule(&p->h, &p->nh, (y + 0.5) / scale, (double)(x - run) / scale, (double)x / scale);
				run = 0;
			}
			if (x == w)
				continue;
			if (dark) {
				down[x]++;
			} else {
				if (down[x] >= min_px)
					add_rule(&p->v, &p->nv, (x + 0.5) / scale, (double)(y - down[x]) / scale, (double)y / scale);
				down[x] = 0;
			}
		}
	}
	free(down);
	/* Horizontal rules come top to bottom already; vertical ones as their runs end. */
	if (p->nv)
		qsort(p->v, p->nv, sizeof(*p->v), by_at);
}

/* Draws page i on white and finds its rules. */
static void read_page(struct pdf_rules *r, size_t i)
{
	struct pdf_page_rules *p = &r->page[i];
	p->read = true;
	PopplerPage *page = poppler_document_get_page(r->pd, (int)i);
	if (!page)
		return;
	double pw = 0, ph = 0;
	poppler_page_get_size(page, &pw, &ph);
	if (pw >= 1 && ph >= 1 && pw < 1e5 && ph < 1e5) {
		double scale = fmin(2, sqrt(MAX_PIXELS / (pw * ph)));
		int w = (int)ceil(pw * scale), h = (int)ceil(ph * scale);
		cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
		if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
			cairo_t *cr = cairo_create(s);
			cairo_set_source_rgb(cr, 1, 1, 1);
			cairo_paint(cr);
			cairo_scale(cr, scale, scale);
			poppler_page_render(page, cr);
			cairo_destroy(cr);
			cairo_surface_flush(s);
			const uint8_t *data = cairo_image_surface_get_data(s);
			size_t stride = (size_t)cairo_image_surface_get_stride(s);
			uint8_t *gray = xmalloc((size_t)w * (size_t)h);
			for (size_t y = 0; y < (size_t)h; y++)
				for (size_t x = 0; x < (size_t)w; x++) {
					uint32_t px;
					memcpy(&px, data + y * stride + x * 4, 4);
					gray[y * (size_t)w + x] = (uint8_t)(((px >> 16 & 0xff) + (px >> 8 & 0xff) + (px & 0xff)) / 3);
				}
			pdf_rules_from_pixels(p, gray, (size_t)w, (size_t)h, (size_t)w, scale);
			free(gray);
		}
		cairo_surface_destroy(s);
	}
	g_object_unref(page);
}

void pdf_rules_read(struct pdf_rules *r, int first, int last)
{
	for (int i = first < 0 ? 0 : first; i <= last && (size_t)i < r->npages; i++)
		if (!r->page[i].read && r->pd)
			read_page(r, (size_t)i);
}

/* The pages whose height meets [y1, y2]: [*first, *last). */
static void pages_between(const struct pdf_rules *r, double y1, double y2, size_t *first, size_t *last)
{
	size_t a = 0;
	while (a + 1 < r->npages && r->page[a + 1].top <= y1)
		a++;
	size_t b = a;
	while (b < r->npages && r->page[b].top < y2)
		b++;
	*first = a, *last = b;
}

/* The first of v[0..n) (sorted by at) with at > y. */
static size_t first_after(const struct pdf_rule *v, size_t n, double y)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].at > y)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

size_t pdf_rules_h_count(const struct pdf_rules *r, double y1, double y2, double x)
{
	size_t a, b, n = 0;
	double last = -INFINITY;
	pages_between(r, y1, y2, &a, &b);
	for (size_t i = a; i < b; i++) {
		const struct pdf_page_rules *p = &r->page[i];
		for (size_t k = first_after(p->h, p->nh, y1 - p->top); k < p->nh && p->h[k].at < y2 - p->top; k++)
			if (p->h[k].from <= x && x <= p->h[k].to) {
				n += p->h[k].at + p->top - last > 1.5;
				last = p->h[k].at + p->top;
			}
	}
	return n;
}

bool pdf_rules_h_across(const struct pdf_rules *r, double y1, double y2, double x)
{
	return pdf_rules_h_count(r, y1, y2, x) > 0;
}

bool pdf_rules_v_across(const struct pdf_rules *r, double x, double y)
{
	size_t a, b;
	pages_between(r, y - 0.5, y + 0.5, &a, &b);
	for (size_t i = a; i < b; i++) {
		const struct pdf_page_rules *p = &r->page[i];
		for (size_t k = first_after(p->v, p->nv, x - 2); k < p->nv && p->v[k].at <= x + 2; k++)
			if (p->v[k].from <= y - p->top && y - p->top <= p->v[k].to)
				return true;
	}
	return false;
}

double pdf_rules_page_top(const struct pdf_rules *r, int page)
{
	return page >= 0 && (size_t)page < r->npages ? r->page[page].top : 0;
}

size_t pdf_rules_columns(const struct pdf_rules *r, double x1, double x2, double y1, double y2, double *xs,
			 size_t max)
{
	size_t a, b, n = 0, cap = 0;
	struct pdf_rule *found = NULL;	/* at: x; from: the height it covers in [y1, y2] */
	pages_between(r, y1, y2, &a, &b);
	for (size_t i = a; i < b; i++) {
		const struct pdf_page_rules *p = &r->page[i];
		for (size_t k = first_after(p->v, p->nv, x1); k < p->nv && p->v[k].at < x2; k++) {
			double covered = fmin(p->v[k].to + p->top, y2) - fmax(p->v[k].from + p->top, y1);
			if (covered > 0)
				add_rule(&found, &cap, p->v[k].at, covered, 0);
		}
	}
	if (cap)
		qsort(found, cap, sizeof(*found), by_at);
	/* Sums per pixel column; a rule a few pixels wide is one column of them. */
	for (size_t k = 0; k < cap;) {
		double best_x = found[k].at, best = 0, last = found[k].at;
		while (k < cap && found[k].at - last < 2) {
			double x = found[k].at, sum = 0;
			for (; k < cap && found[k].at == x; k++)
				sum += found[k].from;
			if (sum > best)
				best = sum, best_x = x;
			last = x;
		}
		if (best >= 0.3 * (y2 - y1) && n < max)
			xs[n++] = best_x;
	}
	free(found);
	return n;
}
