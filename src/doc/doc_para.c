/*
 * doc_para.c — the body as paragraphs: list markers (I., 1., 1.1., a), -, +,
 * Điều N) read from the start of each line, and lines joined back into
 * paragraphs where a converter or a PDF broke them mid-sentence.
 */
#include "base/base.h"
#include "doc/doc_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t para_bullet(const char *s, size_t len)
{
	if (len >= 2 && (s[0] == '-' || s[0] == '+') && s[1] == ' ')
		return 2;
	/* "– ", "— ", "• " */
	if (len >= 4 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
	    ((unsigned char)s[2] == 0x93 || (unsigned char)s[2] == 0x94 || (unsigned char)s[2] == 0xA2) &&
	    s[3] == ' ')
		return 4;
	return 0;
}

int para_roman(const char *s, size_t n)
{
	int v = 0, prev = 1000;
	if (n == 0 || n > 6)
		return 0;
	for (size_t i = 0; i < n; i++) {
		int x = s[i] == 'I' ? 1 : s[i] == 'V' ? 5 : s[i] == 'X' ? 10 : s[i] == 'L' ? 50 : 0;
		if (!x)
			return 0;
		v += x > prev ? x - 2 * prev : x;
		prev = x;
	}
	return v > 0 && v < 40 ? v : 0;
}

int para_marker(const char *s, const char *lc, size_t len, char label[32], size_t *text)
{
	size_t i = 0;
	label[0] = 0;
	*text = 0;
	if (doc_has_prefix(lc, len, "điều ") && len > 6) {
		i = strlen("điều ");
		size_t k = i;
		while (k < len && k - i < 3 && s[k] >= '0' && s[k] <= '9')
			k++;
		if (k > i && (k == len || s[k] == '.' || s[k] == ':' || s[k] == ' ')) {
			snprintf(label, 32, "Điều %.*s", (int)(k - i), s + i);
			while (k < len && (s[k] == '.' || s[k] == ':' || s[k] == ' '))
				k++;
			*text = k;
			return LV_TOP;
		}
	}
	if ((*text = para_bullet(s, len)) != 0)
		return s[0] == '+' ? LV_PLUS : LV_DASH;
	/* Roman: "II." or "II -" */
	size_t k = 0;
	while (k < len && k < 7 && strchr("IVXL", s[k]))
		k++;
	if (k && para_roman(s, k) && k + 1 < len && (s[k] == '.' || s[k] == ')') && s[k + 1] == ' ') {
		snprintf(label, 32, "%.*s", (int)k, s);
		*text = k + 2;
		return LV_TOP;
	}
	/* Arabic: "1.", "1)", "1.2.", "1.2", "1.2.3." */
	k = 0;
	int parts = 0;
	size_t lab_end = 0;
	while (k < len && parts < 4) {
		size_t st = k;
		while (k < len && k - st < 3 && s[k] >= '0' && s[k] <= '9')
			k++;
		if (k == st || (k < len && s[k] >= '0' && s[k] <= '9'))
			break;
		parts++;
		lab_end = k;
		if (k < len && s[k] == '.' && k + 1 < len && s[k + 1] >= '0' && s[k + 1] <= '9') {
			k++;
			continue;
		}
		break;
	}
	if (parts && lab_end < len) {
		size_t e = lab_end;
		bool ok = false;
		if ((s[e] == '.' || s[e] == ')') && (e + 1 == len || s[e + 1] == ' '))
			ok = true, e++;
		else if (parts > 1 && s[e] == ' ')
			ok = true;
		if (ok && atoi(s) > 0 && atoi(s) < 100) {
			snprintf(label, 32, "%.*s", (int)lab_end, s);
			while (e < len && s[e] == ' ')
				e++;
			*text = e;
			return parts == 1 ? LV_NUM : parts == 2 ? LV_NUM2 : LV_NUM3;
		}
	}
	/* Letter: "a)", "đ)" */
	size_t n = (unsigned char)s[0] >= 0x80 ? 2 : 1;
	if (len > n && s[n] == ')' && (len == n + 1 || s[n + 1] == ' ') &&
	    ((n == 1 && s[0] >= 'a' && s[0] <= 'z') || (n == 2 && memcmp(s, "đ", 2) == 0))) {
		snprintf(label, 32, "%.*s", (int)n, s);
		*text = len == n + 1 ? len : n + 2;	/* "a)" alone: its text is on the next line */
		return LV_LETTER;
	}
	return LV_PLAIN;
}

bool para_terminated(const char *s, size_t len)
{
	if (!len)
		return false;
	char c = s[len - 1];
	return c == '.' || c == ';' || c == ':' || c == '!' || c == '?';
}

/* A line ending mid-phrase: "... phối hợp với", "... của", "... tỉnh,". */
static bool dangling(const char *s, size_t len)
{
	static const char *const words[] = {
		" với", " của", " và", " các", " về", " cho", " tại", " theo", " trong", " để",
		" đến", " những", " là", " có", " được", " hoặc", " từ", " ngày",
	};
	if (len && (s[len - 1] == ',' || s[len - 1] == '-'))
		return true;
	for (size_t i = 0; i < ARRAY_LEN(words); i++)
		if (doc_ends_with(s, len, words[i]))
			return true;
	return false;
}

static void push_para(struct paras *ps, struct buf *b, int level, const char *label, size_t text)
{
	if ((ps->n & (ps->n - 1)) == 0)
		ps->v = xrealloc(ps->v, (ps->n ? ps->n * 2 : 1) * sizeof(*ps->v));
	struct para *p = &ps->v[ps->n++];
	memset(p, 0, sizeof(*p));
	p->len = b->len;
	p->s = buf_detach(b);
	p->lc = doc_lower_dup(p->s, p->len);
	p->level = level;
	snprintf(p->label, sizeof(p->label), "%s", label);
	p->text = text;
}

/* Joins the lines of [from, to) into paragraphs, undoing mid-sentence breaks. */
void paras_build(const struct dlines *dl, size_t from, size_t to, struct paras *ps)
{
	struct buf cur = BUF_INIT;
	int level = LV_PLAIN;
	char label[32] = "";
	size_t text = 0, lines = 0;
	bool open = false;
	for (size_t i = from; i < to; i++) {
		const struct dline *l = &dl->v[i];
		if (l->kind != DL_TEXT) {
			if (open)
				push_para(ps, &cur, level, label, text);
			open = false;
			if (l->kind == DL_TABLE) {
				struct buf empty = BUF_INIT;
				buf_adds(&empty, "");
				push_para(ps, &empty, LV_PLAIN, "", 0);
				ps->v[ps->n - 1].table = true;
				ps->v[ps->n - 1].table_idx = l->table;
			}
			continue;
		}
		char lab[32];
		size_t t;
		int lv = para_marker(l->s, l->lc, l->len, lab, &t);
		bool fresh = !open;
		if (open) {
			bool marker_only = text >= cur.len;
			bool prev_end = para_terminated(cur.data, cur.len);
			bool upper = doc_starts_upper(l->s + t, l->len - t);
			if (marker_only)
				fresh = false;
			else if (lv == LV_DASH || lv == LV_PLUS)
				fresh = prev_end || upper;	/* "kinh tế\n- xã hội" is one phrase */
			else if (lv != LV_PLAIN)
				fresh = true;
			else if (prev_end && upper)
				fresh = true;
			else if (doc_all_upper(cur.data, cur.len) && !doc_all_upper(l->s, l->len))
				fresh = true;
			else if (upper && lines == 1 && level <= LV_LETTER && doc_word_count(cur.data, cur.len) <= 10 &&
				 !dangling(cur.data, cur.len))
				fresh = true;	/* "1. Đánh giá chung" over its first sentence */
		}
		if (fresh) {
			if (open)
				push_para(ps, &cur, level, label, text);
			buf_reset(&cur);
			buf_add(&cur, l->s, l->len);
			level = lv;
			lines = 1;
			memcpy(label, lab, sizeof(label));
			text = t;
			open = true;
		} else {
			if (cur.len > text)
				buf_addc(&cur, ' ');
			buf_add(&cur, l->s, l->len);
			lines++;
		}
	}
	if (open)
		push_para(ps, &cur, level, label, text);
	buf_release(&cur);
}

void paras_free(struct paras *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		free(ps->v[i].s);
		free(ps->v[i].lc);
	}
	free(ps->v);
}
