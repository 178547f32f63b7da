/*
 * doc_annex.c — tasks from an annex table (STT | Nội dung | Cơ quan chủ trì
 * | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm): columns found by
 * their header, group rows ("I", "II") and numbered rows giving sections,
 * a row continued over several table rows joined back into one task.
 */
#include "base/base.h"
#include "base/date.h"
#include "doc/doc_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool unit_cell(const char *s)
{
	return s && *s;
}

/* One pending annex row, possibly continued over several table rows. */
struct row_task {
	bool open;
	char *section;
	struct buf content, lead, coop, time, product;
};

/* Adds a cell's text; a line break inside it ("<br>", a new paragraph) becomes sep. */
static void add_cell_sep(struct buf *b, const char *s, const char *sep)
{
	if (!unit_cell(s))
		return;
	if (b->len)
		buf_addc(b, ' ');
	for (const char *br; (br = strstr(s, "<br>")) != NULL; s = br + strlen("<br>")) {
		buf_add(b, s, (size_t)(br - s));
		buf_adds(b, sep);
	}
	buf_adds(b, s);
}

static void add_cell(struct buf *b, const char *s)
{
	add_cell_sep(b, s, " ");
}

static void flush_row(struct doc *d, struct row_task *r)
{
	if (!r->open)
		return;
	r->open = false;
	if (r->content.len == 0 || doc_all_upper(r->content.data, r->content.len)) {
		free(r->section);
		r->section = NULL;
		goto reset;
	}
	struct doc_task *t = doc_new_task(d);
	t->section = r->section;
	r->section = NULL;
	const char *c = r->content.data;
	size_t cl = r->content.len;
	if (cl > 2 && (c[0] == '-' || c[0] == '+') && c[1] == ' ')
		c += 2, cl -= 2;
	t->text = doc_trim_dup(c, cl, "");
	char *lc = doc_lower_dup(c, cl);
	if (r->lead.len) {
		doc_split_units(r->lead.data, r->lead.len, &t->assignees);
		if (t->assignees.n == 1)
			t->lead = xstrdup(t->assignees.v[0]);
	} else {
		struct assign a;
		doc_assign(c, lc, cl, &a);
		strs_copy(&t->assignees, &a.units);
		t->lead = a.lead ? xstrdup(a.lead) : NULL;
		if (!r->coop.len)
			strs_copy(&t->cooperating, &a.coop);
		assign_free(&a);
	}
	if (r->coop.len)
		doc_split_units(r->coop.data, r->coop.len, &t->cooperating);
	if (r->time.len) {
		char *tlc = doc_lower_dup(r->time.data, r->time.len);
		t->deadline = doc_deadline(r->time.data, tlc, r->time.len, true, d->date, &t->deadline_text);
		t->recurrence = doc_recurrence(tlc, r->time.len);
		free(tlc);
	} else {
		t->deadline = doc_deadline(c, lc, cl, false, d->date, &t->deadline_text);
	}
	if (t->recurrence == DOC_RECUR_NONE)
		t->recurrence = doc_recurrence(lc, cl);
	if (r->product.len)
		t->product = doc_trim_dup(r->product.data, r->product.len, "");
	free(lc);
reset:
	buf_reset(&r->content);
	buf_reset(&r->lead);
	buf_reset(&r->coop);
	buf_reset(&r->time);
	buf_reset(&r->product);
}

/* a equals b, spaces aside: a header word broken in a narrow column ("ST" "T") is still "STT". */
static bool same_but_spaces(const char *a, const char *b)
{
	for (;; a++, b++) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (*a != *b)
			return false;
		if (!*a)
			return true;
	}
}

static int find_col(const struct drow *h, const char *const *keys, size_t nkeys, int avoid)
{
	for (size_t c = 0; c < h->n && c < 32; c++) {
		if ((int)c == avoid)
			continue;
		char *lc = doc_lower_dup(h->cell[c], strlen(h->cell[c]));
		bool hit = false;
		for (size_t k = 0; k < nkeys && !hit; k++)
			hit = (keys[k][0] == '=' ? same_but_spaces(lc, keys[k] + 1) : strstr(lc, keys[k]) != NULL);
		free(lc);
		if (hit)
			return (int)c;
	}
	return -1;
}

static const char *cell_at(const struct drow *r, int c)
{
	return c >= 0 && (size_t)c < r->n ? r->cell[c] : "";
}

struct cols {
	int stt, content, lead, coop, time, product;
};

/* The columns named by header row h; returns how many were found. */
static int find_cols(const struct drow *h, struct cols *c)
{
	static const char *const k_stt[] = {"=stt", "=tt", "=số tt", "=số thứ tự"};
	static const char *const k_content[] = {"nội dung", "nhiệm vụ", "tên nhiệm vụ"};
	static const char *const k_lead[] = {"chủ trì"};
	static const char *const k_coop[] = {"phối hợp"};
	static const char *const k_time[] = {"thời gian", "thời hạn", "tiến độ"};
	static const char *const k_product[] = {"sản phẩm", "kết quả"};
	c->stt = find_col(h, k_stt, ARRAY_LEN(k_stt), -1);
	c->content = find_col(h, k_content, ARRAY_LEN(k_content), c->stt);
	c->lead = find_col(h, k_lead, ARRAY_LEN(k_lead), c->content);
	c->coop = find_col(h, k_coop, ARRAY_LEN(k_coop), c->content);
	c->time = find_col(h, k_time, ARRAY_LEN(k_time), c->content);
	c->product = find_col(h, k_product, ARRAY_LEN(k_product), c->content);
	return (c->stt >= 0) + (c->content >= 0) + (c->lead >= 0) + (c->coop >= 0) + (c->time >= 0) + (c->product >= 0);
}

/*
 * The columns, from the header row or, where a narrow column broke its
 * words onto a second row ("Cơ quan chủ" over "trì", as a PDF table is
 * read), from the two joined.  Returns the first row of tasks.
 */
static size_t header_cols(const struct dtable *t, struct cols *c)
{
	int found = find_cols(&t->rows[0], c);
	if (t->nrows < 3)
		return 1;
	const struct drow *a = &t->rows[0], *b = &t->rows[1];
	struct drow joined = {.n = a->n, .cell = xcalloc(a->n + 1, sizeof(char *))};
	for (size_t k = 0; k < a->n; k++)
		joined.cell[k] = xasprintf("%s %s", a->cell[k], k < b->n ? b->cell[k] : "");
	struct cols jc;
	bool better = find_cols(&joined, &jc) > found;
	for (size_t k = 0; k < a->n; k++)
		free(joined.cell[k]);
	free(joined.cell);
	if (!better)
		return 1;
	*c = jc;
	return 2;
}

void annex_tasks(struct doc *d, const struct dtable *t)
{
	struct cols cols;
	size_t first = header_cols(t, &cols);
	int stt = cols.stt, content = cols.content, lead = cols.lead, coop = cols.coop, time = cols.time,
	    product = cols.product;
	struct row_task r = {0};
	char group[16] = "", last[48] = "", num[48] = "";
	for (size_t i = first; i < t->nrows; i++) {
		const struct drow *row = &t->rows[i];
		const char *no = cell_at(row, stt), *text = cell_at(row, content);
		size_t nl = strlen(no);
		while (nl && (no[nl - 1] == '.' || no[nl - 1] == ' '))
			nl--;
		bool new_row = false;
		if (nl && para_roman(no, nl)) {
			flush_row(d, &r);
			snprintf(group, sizeof(group), "%.*s", (int)nl, no);
			last[0] = num[0] = 0;
			continue;
		}
		if (nl && nl < 12 && strspn(no, "0123456789.") >= nl) {
			flush_row(d, &r);
			snprintf(num, sizeof(num), "%s%s%.*s", group, group[0] ? "." : "", (int)nl, no);
			memcpy(last, num, sizeof(last));
			new_row = true;
		} else if (nl && nl <= 2 && (unsigned char)no[0] >= 'a' && (unsigned char)no[0] <= 'z') {
			flush_row(d, &r);
			/* "II.3" then row "a" gives "II.3.a". */
			const char *base = num[0] ? num : group;
			snprintf(last, sizeof(last), "%.20s%s%.*s", base, base[0] ? "." : "", (int)nl, no);
			new_row = true;
		} else if (!nl && (stt < 0 || !r.open || (text[0] == '-' || text[0] == '+'))) {
			if (!*text)
				continue;
			flush_row(d, &r);
			new_row = true;
		}
		if (new_row) {
			r.open = true;
			r.section = last[0] ? xstrdup(last) : group[0] ? xstrdup(group) : NULL;
		}
		if (!r.open)
			continue;
		add_cell(&r.content, text);
		/* One unit a line in the units' cells: a line break separates them. */
		add_cell_sep(&r.lead, cell_at(row, lead), "; ");
		add_cell_sep(&r.coop, cell_at(row, coop), "; ");
		add_cell(&r.time, cell_at(row, time));
		add_cell(&r.product, cell_at(row, product));
	}
	flush_row(d, &r);
	free(r.section);
	buf_release(&r.content);
	buf_release(&r.lead);
	buf_release(&r.coop);
	buf_release(&r.time);
	buf_release(&r.product);
}
