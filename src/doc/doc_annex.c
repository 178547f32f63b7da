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

static void add_cell(struct buf *b, const char *s)
{
	if (!unit_cell(s))
		return;
	if (b->len)
		buf_addc(b, ' ');
	buf_adds(b, s);
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

static int find_col(const struct drow *h, const char *const *keys, size_t nkeys, int avoid)
{
	for (size_t c = 0; c < h->n && c < 32; c++) {
		if ((int)c == avoid)
			continue;
		char *lc = doc_lower_dup(h->cell[c], strlen(h->cell[c]));
		bool hit = false;
		for (size_t k = 0; k < nkeys && !hit; k++)
			hit = (keys[k][0] == '=' ? strcmp(lc, keys[k] + 1) == 0 : strstr(lc, keys[k]) != NULL);
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

void annex_tasks(struct doc *d, const struct dtable *t)
{
	static const char *const k_stt[] = {"=stt", "=tt", "=số tt", "=số thứ tự"};
	static const char *const k_content[] = {"nội dung", "nhiệm vụ", "tên nhiệm vụ"};
	static const char *const k_lead[] = {"chủ trì"};
	static const char *const k_coop[] = {"phối hợp"};
	static const char *const k_time[] = {"thời gian", "thời hạn", "tiến độ"};
	static const char *const k_product[] = {"sản phẩm", "kết quả"};
	const struct drow *h = &t->rows[0];
	int stt = find_col(h, k_stt, ARRAY_LEN(k_stt), -1);
	int content = find_col(h, k_content, ARRAY_LEN(k_content), stt);
	int lead = find_col(h, k_lead, ARRAY_LEN(k_lead), content);
	int coop = find_col(h, k_coop, ARRAY_LEN(k_coop), content);
	int time = find_col(h, k_time, ARRAY_LEN(k_time), content);
	int product = find_col(h, k_product, ARRAY_LEN(k_product), content);
	struct row_task r = {0};
	char group[16] = "", last[48] = "", num[48] = "";
	for (size_t i = 1; i < t->nrows; i++) {
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
		add_cell(&r.lead, cell_at(row, lead));
		add_cell(&r.coop, cell_at(row, coop));
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
