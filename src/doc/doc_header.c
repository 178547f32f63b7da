/*
 * doc_header.c — the header boxes of Decree 30/2020: the issuing body, the
 * number and symbol ("Số: 473/UBND-NC"), the place and date ("Cao Bằng,
 * ngày 25 tháng 02 năm 2026"), the type line and subject ("KẾ HOẠCH ...",
 * "V/v ..."), and the "Kính gửi" list.  Lines glued by a flattened
 * two-column layout are cut at the start of each box (header_cut).
 */
#include "base/base.h"
#include "base/date.h"
#include "doc/doc_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- document types ---- */

static const struct {
	const char *abbr;	/* as in the symbol, Phụ lục III of Decree 30 */
	const char *type;	/* as reported: Đ folded to D */
	const char *title;	/* the type line, lowercase */
} types[] = {
	{"NQ", "NQ", "nghị quyết"}, {"QĐ", "QD", "quyết định"}, {"CT", "CT", "chỉ thị"},
	{"QC", "QC", "quy chế"}, {"QyĐ", "QyD", "quy định"}, {"TC", "TC", "thông cáo"},
	{"TB", "TB", "thông báo"}, {"HD", "HD", "hướng dẫn"}, {"CTr", "CTr", "chương trình"},
	{"KH", "KH", "kế hoạch"}, {"PA", "PA", "phương án"}, {"ĐA", "DA", "đề án"},
	{"DA", "DA", "dự án"}, {"BC", "BC", "báo cáo"}, {"BB", "BB", "biên bản"},
	{"TTr", "TTr", "tờ trình"}, {"HĐ", "HD", "hợp đồng"}, {"CĐ", "CD", "công điện"},
	{"BGN", "BGN", "bản ghi nhớ"}, {"BTT", "BTT", "bản thỏa thuận"},
	{"GUQ", "GUQ", "giấy ủy quyền"}, {"GM", "GM", "giấy mời"},
	{"GGT", "GGT", "giấy giới thiệu"}, {"GNP", "GNP", "giấy nghỉ phép"},
	{"PG", "PG", "phiếu gửi"}, {"PC", "PC", "phiếu chuyển"}, {"PB", "PB", "phiếu báo"},
	{"NĐ", "ND", "nghị định"}, {"TT", "TT", "thông tư"}, {"CV", "CV", "công văn"},
};

const char *doc_type_from_symbol(const char *sym)
{
	if (!sym)
		return NULL;
	const char *p = strrchr(sym, '/');
	p = p ? p + 1 : sym;
	size_t n = strcspn(p, "-");
	for (size_t i = 0; i < ARRAY_LEN(types); i++)
		if (strlen(types[i].abbr) == n && memcmp(types[i].abbr, p, n) == 0)
			return types[i].type;
	return NULL;
}

const char *doc_type_from_title(const char *lc, size_t len, size_t *rest)
{
	for (size_t i = 0; i < ARRAY_LEN(types); i++) {
		size_t n = strlen(types[i].title);
		if (doc_has_prefix(lc, len, types[i].title) && (n == len || lc[n] == ' ' || lc[n] == ':')) {
			*rest = n;
			return types[i].type;
		}
	}
	return NULL;
}

/* ---- header boxes ---- */

static bool is_motto(const char *lc, size_t len)
{
	return doc_has_prefix(lc, len, "cộng hòa xã hội") || doc_has_prefix(lc, len, "cộng hoà xã hội") ||
	       doc_has_prefix(lc, len, "độc lập");
}

static bool is_mark(const char *lc, size_t len)
{
	static const char *const marks[] = {
		"khẩn", "hỏa tốc", "hoả tốc", "thượng khẩn", "mật", "tối mật", "tuyệt mật",
		"dự thảo", "khẩn!", "bản chính",
	};
	for (size_t i = 0; i < ARRAY_LEN(marks); i++)
		if (strlen(marks[i]) == len && memcmp(lc, marks[i], len) == 0)
			return true;
	/* A draft's version: "DỰ THẢO 2", "Dự thảo lần 3", "(Dự thảo)". */
	size_t k = len && lc[0] == '(' ? 1 : 0;
	if (doc_has_prefix(lc + k, len - k, "dự thảo") && doc_word_count(lc, len) <= 5)
		return true;
	return doc_has_prefix(lc, len, "ký bởi") || doc_has_prefix(lc, len, "thời gian ký");
}

/* "Thành phố Hồ Chí Minh, ngày ...": the lowercase word of a place's kind belongs to its name. */
static bool place_kind_word(const char *lc, size_t w, size_t p)
{
	static const char *const kinds[] = {"thành phố", "thị xã"};
	for (size_t k = 0; k < ARRAY_LEN(kinds); k++) {
		size_t n = strlen(kinds[k]);
		/* lc[w..p) is the kind's last word: the kind ends at p and starts before w. */
		if (p >= n && p - n < w && memcmp(lc + p - n, kinds[k], n) == 0)
			return true;
	}
	return false;
}

/*
 * Where a glued header chunk must be cut: the motto, "Số:" or a place-date
 * ("Cao Bằng, ngày ...") starting after other text on the same line.
 */
size_t header_cut(const char *s, const char *lc, size_t len)
{
	size_t best = len;
	static const char *const at[] = {"cộng hòa xã hội", "cộng hoà xã hội", "độc lập -", "độc lập –", "số:"};
	for (size_t k = 0; k < ARRAY_LEN(at); k++) {
		size_t p = doc_find_word(lc, len, 1, at[k]);
		if (p != NPOS && p < best && lc[p - 1] == ' ')
			best = p;
	}
	size_t d = doc_find_word(lc, len, 1, "ngày ");
	if (d != NPOS && d >= 2 && lc[d - 1] == ' ' && lc[d - 2] == ',') {
		/* Walk back over the capitalised words of the place name. */
		size_t p = d - 2, words = 0;
		while (p > 0 && words < 6) {
			size_t w = p;
			while (w > 0 && s[w - 1] != ' ')
				w--;
			if (!doc_starts_upper(s + w, p - w) && !place_kind_word(lc, w, p))
				break;
			if (s[w] >= '0' && s[w] <= '9')
				break;
			p = w ? w - 1 : 0;
			words++;
			if (w == 0) {
				p = 0;
				break;
			}
		}
		size_t start = p ? p + 1 : 0;
		if (words && start > 0 && start < best)
			best = start;
	}
	return best;
}

/* "Số: 473/UBND-NC", "Số:   /UBND-NC", "Số: 12/2026/QĐ-UBND"; returns bytes used or 0. */
size_t header_number(struct doc *d, const char *s, const char *lc, size_t len)
{
	if (!doc_has_prefix(lc, len, "số"))
		return 0;
	size_t i = strlen("số");
	if (doc_has_prefix(lc + i, len - i, " hiệu"))
		i += strlen(" hiệu");
	while (i < len && s[i] == ' ')
		i++;
	bool colon = i < len && s[i] == ':';
	if (colon)
		i++;
	size_t ns = i;
	while (i < len && (s[i] == ' ' || s[i] == '.' || (s[i] >= '0' && s[i] <= '9')))
		i++;
	if (i >= len || s[i] != '/')
		return 0;
	if (!colon && i == ns)
		return 0;
	struct buf num = BUF_INIT;
	for (size_t k = ns; k < i; k++)
		if (s[k] >= '0' && s[k] <= '9')
			buf_addc(&num, s[k]);
	i++;
	while (i < len && s[i] == ' ')
		i++;
	size_t ss = i;
	while (i < len && s[i] != ' ')
		i++;
	free(d->number);
	d->number = num.len ? buf_detach(&num) : NULL;
	buf_release(&num);
	doc_set_str(&d->symbol, s + ss, i - ss, ".,;");
	return i;
}

/* "Cao Bằng, ngày 25 tháng 02 năm 2026"; returns bytes used or 0. */
size_t header_place_date(struct doc *d, const char *s, const char *lc, size_t len)
{
	size_t p = doc_find_word(lc, len, 0, "ngày");
	if (p == NPOS || p < 2 || p > 80)
		return 0;
	size_t comma = p;
	while (comma > 0 && lc[comma - 1] == ' ')
		comma--;
	if (comma == 0 || lc[comma - 1] != ',' || !doc_starts_upper(s, len))
		return 0;
	/* The day may be blank in a draft: "ngày   tháng 02 năm 2026", "ngày ….. tháng 3". */
	size_t k = p + strlen("ngày");
	while (k < len && (s[k] == ' ' || s[k] == '.' || doc_has_prefix(lc + k, len - k, "…")))
		k += s[k] == ' ' || s[k] == '.' ? 1 : strlen("…");
	size_t e = k;
	int32_t day = doc_date_at(lc, len, k, &e, 0);
	if (day == DATE_NONE) {
		size_t t = doc_find_word(lc, len, k, "năm ");
		if (!doc_has_prefix(lc + k, len - k, "tháng") || t == NPOS)
			return 0;
		e = t + strlen("năm ");
		while (e < len && lc[e] >= '0' && lc[e] <= '9')
			e++;
	}
	doc_set_str(&d->place, s, comma - 1, ",");
	d->date = day;
	return e;
}

/* Reads the "Kính gửi" list starting at line i; returns the line after it. */
size_t header_addressees(struct doc *d, const struct dlines *dl, size_t i)
{
	const struct dline *l = &dl->v[i];
	size_t c = strlen("kính gửi");
	while (c < l->len && (l->s[c] == ' ' || l->s[c] == ':'))
		c++;
	struct buf cur = BUF_INIT;
	bool open = false;	/* cur holds an item still being written */
	size_t items = 0;
#define FLUSH() do { \
	if (cur.len) { \
		char *t_ = doc_trim_dup(cur.data, cur.len, ";.,"); \
		if (*t_) { strs_push(&d->addressees, t_); items++; } else free(t_); \
	} \
	buf_reset(&cur); \
} while (0)
	if (c < l->len) {
		const char *r = l->s + c;
		size_t rl = l->len - c;
		if (rl > 2 && (r[0] == '-' || r[0] == '+') && r[1] == ' ') {
			buf_add(&cur, r + 2, rl - 2);
		} else {
			/* "Kính gửi: Sở Nội vụ; Sở Tư pháp." */
			size_t a = 0;
			for (size_t k = 0; k <= rl; k++)
				if (k == rl || r[k] == ';') {
					buf_add(&cur, r + a, k - a);
					if (k < rl)
						FLUSH();
					a = k + 1;
				}
		}
		open = !(doc_ends_with(r, rl, ".") || doc_ends_with(r, rl, ";"));
		if (!open)
			FLUSH();
	}
	size_t j = i + 1;
	for (; j < dl->n; j++) {
		const struct dline *m = &dl->v[j];
		if (m->kind == DL_TABLE)
			break;
		if (m->kind == DL_BLANK) {
			/* A blank ends the list unless another bullet follows it. */
			size_t k = j;
			while (k < dl->n && dl->v[k].kind == DL_BLANK)
				k++;
			bool bullet = k < dl->n && dl->v[k].kind == DL_TEXT && dl->v[k].len > 2 &&
				      (dl->v[k].s[0] == '-' || dl->v[k].s[0] == '+') && dl->v[k].s[1] == ' ';
			if ((items || cur.len) && !bullet)
				break;
			continue;
		}
		bool bullet = m->len > 2 && (m->s[0] == '-' || m->s[0] == '+') && m->s[1] == ' ';
		if (bullet) {
			FLUSH();
			buf_add(&cur, m->s + 2, m->len - 2);
		} else if (cur.len && !doc_ends_with(cur.data, cur.len, ";") && !doc_ends_with(cur.data, cur.len, ".")) {
			buf_addc(&cur, ' ');
			buf_add(&cur, m->s, m->len);
		} else if (cur.len && doc_ends_with(cur.data, cur.len, ";") && m->len < 120 &&
			   doc_unit_start(m->s, m->lc, m->len)) {
			FLUSH();
			buf_add(&cur, m->s, m->len);
		} else if (!cur.len && !items) {
			buf_add(&cur, m->s, m->len);
		} else {
			break;
		}
		if (doc_ends_with(cur.data, cur.len, "."))
			FLUSH();
	}
	FLUSH();
#undef FLUSH
	buf_release(&cur);
	return j;
}

static bool qd_authority_line(const struct dline *l)
{
	return doc_all_upper(l->s, l->len) &&
	       (doc_has_prefix(l->lc, l->len, "chủ tịch") || doc_has_prefix(l->lc, l->len, "ủy ban nhân dân") ||
		doc_has_prefix(l->lc, l->len, "uỷ ban nhân dân") || doc_has_prefix(l->lc, l->len, "giám đốc") ||
		doc_has_prefix(l->lc, l->len, "chánh văn phòng") || doc_has_prefix(l->lc, l->len, "trưởng ban"));
}

static bool body_opening(const struct dline *l)
{
	static const char *const open[] = {"căn cứ", "thực hiện", "theo ", "xét ", "ngày ", "trong ", "năm ", "để "};
	for (size_t i = 0; i < ARRAY_LEN(open); i++)
		if (doc_has_prefix(l->lc, l->len, open[i]))
			return true;
	return false;
}

static bool has_marker(const struct dline *l)
{
	char label[32];
	size_t t;
	return para_marker(l->s, l->lc, l->len, label, &t) != LV_PLAIN;
}

/*
 * The type line ("KẾ HOẠCH", "QUYẾT ĐỊNH về việc ...") of line l: sets the
 * title and starts the subject with what follows it.  "QUYẾT ĐỊNH:" alone
 * after the preamble opens the body instead (*body).  Returns bytes used.
 */
static size_t header_title(struct doc *d, struct header *h, const struct dline *l, bool *body)
{
	size_t used = 0;
	doc_type_from_title(l->lc, l->len, &used);
	doc_set_str(&d->title, l->s, used, ":");
	buf_reset(&h->subject);
	size_t k = used;
	while (k < l->len && (l->s[k] == ' ' || l->s[k] == ':'))
		k++;
	buf_add(&h->subject, l->s + k, l->len - k);
	h->in_subject = 1;
	if (doc_ends_with(l->s, l->len, ":") && k >= l->len && h->number_line) {
		free(d->title);
		d->title = NULL;
		*body = true;
	}
	return l->len;
}

/*
 * Reads the header box that starts at byte off of line l (a flattened
 * layout glues several on one line).  Returns the bytes it used, or sets
 * *body when the line belongs to the body.
 */
static size_t header_chunk(struct doc *d, struct header *h, const struct dline *l, size_t off, bool *body)
{
	const char *s = l->s + off, *lc = l->lc + off;
	size_t len = l->len - off;
	size_t cut = header_cut(s, lc, len), used, rest;
	if (is_motto(lc, len)) {
		h->motto = true;
		return cut;	/* the motto may carry the date glued after it */
	}
	if (is_mark(lc, cut))
		return cut;
	if ((used = header_number(d, s, lc, cut)) != 0) {
		h->number_line = true;
		h->in_subject = 0;
		return used;
	}
	if ((used = header_place_date(d, s, lc, cut)) != 0) {
		h->date_line = true;
		h->in_subject = 0;
		return used;
	}
	if (!d->title && (doc_has_prefix(lc, len, "v/v") || doc_has_prefix(lc, len, "về việc")) &&
	    (h->number_line || h->date_line)) {
		size_t k = doc_has_prefix(lc, len, "v/v") ? 3 : 0;
		while (k < cut && (s[k] == ' ' || s[k] == ':'))
			k++;
		buf_reset(&h->subject);
		buf_add(&h->subject, s + k, cut - k);
		h->in_subject = 1;
		return cut;
	}
	if (!h->number_line && !h->date_line && !d->title) {
		/* A sentence or a list item before any number or date: the header is missing, the body begins. */
		if (!doc_all_upper(s, cut) && (has_marker(l) || para_terminated(s, cut) || doc_word_count(s, cut) > 12)) {
			*body = true;
			return 0;
		}
		/* Before the number and date: issuer lines, unless a type line follows them. */
		if (doc_all_upper(s, cut) && doc_type_from_title(l->lc, l->len, &rest) && off == 0 && h->issuer.n)
			return header_title(d, h, l, body);
		if (h->issuer.n < 6)
			strs_push(&h->issuer, doc_trim_dup(s, cut, ""));
		return cut;
	}
	if (!d->title && off == 0 && doc_all_upper(l->s, l->len) && doc_type_from_title(l->lc, l->len, &rest))
		return header_title(d, h, l, body);
	/* A subject line carried over starts in lower case ("trong giải quyết ..."); the body in capitals. */
	if (h->in_subject && (!h->subject.len || !body_opening(l) || !doc_starts_upper(l->s, l->len)) &&
	    !qd_authority_line(l) && off == 0 &&
	    !has_marker(l)) {
		if (h->subject.len)
			buf_addc(&h->subject, ' ');
		buf_add(&h->subject, s, cut);
		return cut;
	}
	if (qd_authority_line(l) && d->title && off == 0) {
		h->in_subject = 0;
		return l->len;
	}
	*body = true;
	return 0;
}

void header_parse(struct doc *d, const struct dlines *dl, struct header *h)
{
	size_t i = 0;
	for (; i < dl->n; i++) {
		const struct dline *l = &dl->v[i];
		if (l->kind == DL_TABLE)
			break;
		if (l->kind == DL_BLANK) {
			/* A title may be followed by a blank before its subject. */
			if (h->in_subject && (h->subject.len || !d->title))
				h->in_subject = 0;
			continue;
		}
		if (doc_has_prefix(l->lc, l->len, "kính gửi")) {
			i = header_addressees(d, dl, i);
			break;
		}
		bool body = false;
		for (size_t off = 0; off < l->len && !body;) {
			size_t used = header_chunk(d, h, l, off, &body);
			if (body && used == 0)
				break;
			off += used ? used : 1;	/* never loop in place */
			while (off < l->len && l->s[off] == ' ')
				off++;
		}
		if (body)
			break;
	}
	h->end = i;
}

/* The issuing body: the governing agency line is dropped when a unit follows it. */
char *header_issuer(const struct doc_strs *lines)
{
	static const char *const heads[] = {
		"sở ", "văn phòng", "ban ", "thanh tra", "trung tâm", "chi cục", "cục ", "hội đồng",
		"bộ chỉ huy", "công an", "đài ", "báo ", "tổ ", "ban chỉ đạo",
	};
	size_t from = 0;
	for (size_t i = 1; i < lines->n; i++) {
		size_t n = strlen(lines->v[i]);
		char *lc = doc_lower_dup(lines->v[i], n);
		for (size_t k = 0; k < ARRAY_LEN(heads); k++)
			if (doc_has_prefix(lc, n, heads[k]))
				from = i;
		free(lc);
	}
	/* "VĂN PHÒNG" or "THANH TRA" alone names nothing: keep the parent too. */
	if (from > 0 && doc_word_count(lines->v[from], strlen(lines->v[from])) <= 2 && from + 1 == lines->n) {
		struct buf b = BUF_INIT;
		buf_adds(&b, lines->v[from]);
		for (size_t i = 0; i < from; i++)
			buf_printf(&b, " %s", lines->v[i]);
		return buf_detach(&b);
	}
	struct buf b = BUF_INIT;
	for (size_t i = from; i < lines->n; i++)
		if (*lines->v[i])
			buf_printf(&b, "%s%s", b.len ? " " : "", lines->v[i]);
	return b.len ? buf_detach(&b) : (buf_release(&b), NULL);
}

void header_release(struct header *h)
{
	strs_free(&h->issuer);
	buf_release(&h->subject);
}
