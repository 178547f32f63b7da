/*
 * docparse.c — the layout reader: finds the header boxes of Decree 30/2020
 * (issuer, number, place and date, subject, addressees), the signature and
 * distribution list at the foot, and walks the numbered body (I./1./1.1./a)/-/+
 * and Điều N) plus annex task tables to draft the tasks.
 *
 * Everything runs over the logical lines of doc_text.c in one or two linear
 * passes; nesting is a fixed-size stack, never recursion.
 */
#include "base/base.h"
#include "base/date.h"
#include "doc/doc_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uninorm.h>

#define NPOS ((size_t)-1)
#define MAX_UNITS_COPY 64	/* a fallback list copied into every task stays small */

/* List levels, outermost first; LV_PLAIN is a paragraph without a marker. */
enum { LV_TOP = 0, LV_NUM = 1, LV_NUM2 = 2, LV_NUM3 = 3, LV_LETTER = 4, LV_DASH = 5, LV_PLUS = 6,
       LV_PLAIN = 7, LV_COUNT = 8 };

/* ---- small helpers ---- */

static size_t word_count(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && (i == 0 || s[i - 1] == ' '))
			n++;
	return n;
}

static bool ends_with(const char *s, size_t len, const char *lit)
{
	size_t n = strlen(lit);
	return len >= n && memcmp(s + len - n, lit, n) == 0;
}

static void set_str(char **dst, const char *s, size_t len, const char *strip_tail)
{
	free(*dst);
	*dst = doc_trim_dup(s, len, strip_tail);
	if (!**dst) {
		free(*dst);
		*dst = NULL;
	}
}

/* Whether the text has only letters, spaces and "."-free words in Title Case. */
static bool looks_like_name(const char *s, size_t len)
{
	size_t words = word_count(s, len);
	if (words < 2 || words > 6)
		return false;
	bool word_start = true;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += doc_cp(s, len, i, &cp);
		if (cp == ' ') {
			word_start = true;
			continue;
		}
		if (!doc_cp_is_letter(cp))
			return false;
		if (word_start ? !doc_cp_is_upper(cp) : doc_cp_is_upper(cp))
			return false;
		word_start = false;
	}
	return true;
}

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

static const char *type_from_symbol(const char *sym)
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

/* The type named by an all-caps title line; *rest is what follows the name. */
static const char *type_from_title(const struct dline *l, size_t *rest)
{
	for (size_t i = 0; i < ARRAY_LEN(types); i++) {
		size_t n = strlen(types[i].title);
		if (doc_has_prefix(l->lc, l->len, types[i].title) &&
		    (n == l->len || l->lc[n] == ' ' || l->lc[n] == ':')) {
			*rest = n;
			return types[i].type;
		}
	}
	return NULL;
}

/* ---- header ---- */

struct header {
	struct doc_strs issuer;
	bool number_line, date_line, motto;
	struct buf subject;
	int in_subject;		/* 1 after V/v or a title */
	size_t end;		/* first body line */
};

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
	return doc_has_prefix(lc, len, "ký bởi") || doc_has_prefix(lc, len, "thời gian ký");
}

/*
 * Where a glued header chunk must be cut: the motto, "Số:" or a place-date
 * ("Cao Bằng, ngày ...") starting after other text on the same line.
 */
static size_t header_cut(const char *s, const char *lc, size_t len)
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
		while (p > 0 && words < 4) {
			size_t w = p;
			while (w > 0 && s[w - 1] != ' ')
				w--;
			if (!doc_starts_upper(s + w, p - w) || (s[w] >= '0' && s[w] <= '9'))
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
static size_t parse_number(struct doc *d, const char *s, const char *lc, size_t len)
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
	set_str(&d->symbol, s + ss, i - ss, ".,;");
	return i;
}

/* "Cao Bằng, ngày 25 tháng 02 năm 2026"; returns bytes used or 0. */
static size_t parse_place_date(struct doc *d, const char *s, const char *lc, size_t len)
{
	size_t p = doc_find_word(lc, len, 0, "ngày");
	if (p == NPOS || p < 2 || p > 80)
		return 0;
	size_t comma = p;
	while (comma > 0 && lc[comma - 1] == ' ')
		comma--;
	if (comma == 0 || lc[comma - 1] != ',' || !doc_starts_upper(s, len))
		return 0;
	/* The day may be blank in a draft: "ngày   tháng 02 năm 2026". */
	size_t k = p + strlen("ngày");
	while (k < len && s[k] == ' ')
		k++;
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
	set_str(&d->place, s, comma - 1, ",");
	d->date = day;
	return e;
}

/* Reads the "Kính gửi" list starting at line i; returns the line after it. */
static size_t parse_addressees(struct doc *d, const struct dlines *dl, size_t i)
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
		open = !(ends_with(r, rl, ".") || ends_with(r, rl, ";"));
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
		} else if (cur.len && !ends_with(cur.data, cur.len, ";") && !ends_with(cur.data, cur.len, ".")) {
			buf_addc(&cur, ' ');
			buf_add(&cur, m->s, m->len);
		} else if (cur.len && ends_with(cur.data, cur.len, ";") && m->len < 120 &&
			   doc_unit_start(m->s, m->lc, m->len)) {
			FLUSH();
			buf_add(&cur, m->s, m->len);
		} else if (!cur.len && !items) {
			buf_add(&cur, m->s, m->len);
		} else {
			break;
		}
		if (ends_with(cur.data, cur.len, "."))
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

static int read_marker(const char *s, const char *lc, size_t len, char label[32], size_t *text);

static bool has_marker(const struct dline *l)
{
	char label[32];
	size_t t;
	return read_marker(l->s, l->lc, l->len, label, &t) != LV_PLAIN;
}

static void parse_header(struct doc *d, const struct dlines *dl, struct header *h)
{
	size_t i = 0;
	h->end = dl->n;
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
			i = parse_addressees(d, dl, i);
			break;
		}
		size_t off = 0;
		bool body = false;
		while (off < l->len && !body) {
			const char *s = l->s + off, *lc = l->lc + off;
			size_t len = l->len - off;
			size_t cut = header_cut(s, lc, len), used;
			if (is_motto(lc, len)) {
				h->motto = true;
				/* The motto may carry the date glued after it. */
				used = cut;
			} else if (is_mark(lc, cut)) {
				used = cut;
			} else if ((used = parse_number(d, s, lc, cut)) != 0) {
				h->number_line = true;
				h->in_subject = 0;
			} else if ((used = parse_place_date(d, s, lc, cut)) != 0) {
				h->date_line = true;
				h->in_subject = 0;
			} else if (!d->title && (doc_has_prefix(lc, len, "v/v") || doc_has_prefix(lc, len, "về việc")) &&
				   (h->number_line || h->date_line)) {
				size_t k = doc_has_prefix(lc, len, "v/v") ? 3 : 0;
				while (k < cut && (s[k] == ' ' || s[k] == ':'))
					k++;
				buf_reset(&h->subject);
				buf_add(&h->subject, s + k, cut - k);
				h->in_subject = 1;
				used = cut;
			} else if (!h->number_line && !h->date_line && !d->title) {
				size_t rest = 0;
				if (doc_all_upper(s, cut) && type_from_title(l, &rest) && off == 0 && h->issuer.n) {
					goto title;
				}
				if (h->issuer.n < 6)
					strs_push(&h->issuer, doc_trim_dup(s, cut, ""));
				used = cut;
			} else if (!d->title && off == 0 && doc_all_upper(l->s, l->len) && type_from_title(l, &used)) {
			title:
				type_from_title(l, &used);
				set_str(&d->title, l->s, used, ":");
				buf_reset(&h->subject);
				size_t k = used;
				while (k < l->len && (l->s[k] == ' ' || l->s[k] == ':'))
					k++;
				buf_add(&h->subject, l->s + k, l->len - k);
				h->in_subject = 1;
				used = l->len;
				/* "QUYẾT ĐỊNH:" alone after the preamble is the body's. */
				if (ends_with(l->s, l->len, ":") && k >= l->len && h->number_line) {
					free(d->title);
					d->title = NULL;
					body = true;
				}
			} else if (h->in_subject && (!h->subject.len || !body_opening(l)) && !qd_authority_line(l) &&
				   off == 0 && !has_marker(l)) {
				if (h->subject.len)
					buf_addc(&h->subject, ' ');
				buf_add(&h->subject, s, cut);
				used = cut;
			} else if (qd_authority_line(l) && d->title && off == 0) {
				h->in_subject = 0;
				used = l->len;
			} else {
				body = true;
				break;
			}
			if (used == 0)
				used = 1;	/* never loop in place */
			off += used;
			while (off < l->len && l->s[off] == ' ')
				off++;
		}
		if (body)
			break;
	}
	h->end = i;
}

/* ---- footer ---- */

static bool terminated(const char *s, size_t len);

static bool authority_prefix(const char *lc, size_t len)
{
	static const char *const p[] = {"tm. ", "kt. ", "tl. ", "tuq. ", "q. ", "tm ", "kt ", "tl ", "tuq "};
	for (size_t i = 0; i < ARRAY_LEN(p); i++)
		if (doc_has_prefix(lc, len, p[i]))
			return true;
	return false;
}

static bool position_line(const struct dline *l)
{
	static const char *const pos[] = {
		"chủ tịch", "phó chủ tịch", "giám đốc", "phó giám đốc", "chánh văn phòng",
		"phó chánh văn phòng", "trưởng ban", "phó trưởng ban", "bí thư", "thủ trưởng",
		"trưởng phòng", "chánh thanh tra", "cục trưởng", "chi cục trưởng", "hiệu trưởng",
	};
	if (l->kind != DL_TEXT || !doc_all_upper(l->s, l->len) || word_count(l->s, l->len) > 6)
		return false;
	if (authority_prefix(l->lc, l->len))
		return true;
	for (size_t i = 0; i < ARRAY_LEN(pos); i++)
		if (doc_has_prefix(l->lc, l->len, pos[i]))
			return true;
	return false;
}

static bool has_position_word(const char *lc, size_t len)
{
	static const char *const w[] = {
		"chủ tịch", "giám đốc", "trưởng", "chánh", "phó", "bí thư", "ủy viên", "chỉ huy",
		"tm.", "kt.", "tl.", "tuq.", "q.", "ủy ban", "uỷ ban", "văn phòng", "sở ",
	};
	for (size_t i = 0; i < ARRAY_LEN(w); i++)
		if (doc_find_word(lc, len, 0, w[i]) != NPOS)
			return true;
	return false;
}

static bool bullet_line(const struct dline *l)
{
	if (l->len >= 2 && (l->s[0] == '-' || l->s[0] == '+') && l->s[1] == ' ')
		return true;
	return l->len >= 4 && (unsigned char)l->s[0] == 0xE2 && (unsigned char)l->s[1] == 0x80 &&
	       ((unsigned char)l->s[2] == 0x93 || (unsigned char)l->s[2] == 0x94 ||
		(unsigned char)l->s[2] == 0xA2) && l->s[3] == ' ';
}

static size_t bullet_len(const struct dline *l)
{
	return l->s[0] == '-' || l->s[0] == '+' ? 2 : 4;
}

static void find_footer(const struct dlines *dl, size_t from, size_t *fs, size_t *fe)
{
	*fs = *fe = dl->n;
	for (size_t i = from; i < dl->n; i++) {
		const struct dline *l = &dl->v[i];
		if (l->kind != DL_TEXT)
			continue;
		if (doc_has_prefix(l->lc, l->len, "nơi nhận") || position_line(l)) {
			*fs = i;
			break;
		}
	}
	for (size_t i = *fs; i < dl->n; i++) {
		const struct dline *l = &dl->v[i];
		if (l->kind == DL_TABLE || doc_has_prefix(l->lc, l->len, "phụ lục")) {
			*fe = i;
			break;
		}
	}
}

static void parse_footer(struct doc *d, const struct dlines *dl, size_t fs, size_t fe)
{
	struct doc_strs block = {0};	/* the all-caps title lines, in order */
	struct buf cur = BUF_INIT;
	bool in_list = false;
	for (size_t i = fs; i < fe; i++) {
		const struct dline *l = &dl->v[i];
		if (l->kind != DL_TEXT)
			continue;
		const char *s = l->s, *lc = l->lc;
		size_t len = l->len;
		if (doc_has_prefix(lc, len, "nơi nhận")) {
			in_list = true;
			size_t k = strlen("nơi nhận");
			while (k < len && (s[k] == ' ' || s[k] == ':'))
				k++;
			if (k >= len)
				continue;
			s += k, lc += k, len -= k;
		}
		if (doc_has_prefix(lc, len, "(đã ký") || doc_has_prefix(lc, len, "đã ký") ||
		    doc_has_prefix(lc, len, "[đã ký") || doc_has_prefix(lc, len, "(ký") ||
		    doc_has_prefix(lc, len, "ký bởi") || doc_has_prefix(lc, len, "(chữ ký"))
			continue;
		bool bullet = (len >= 2 && (s[0] == '-' || s[0] == '+') && s[1] == ' ');
		struct dline tmp = {DL_TEXT, (char *)s, (char *)lc, len, 0};
		if (!bullet && len >= 4 && bullet_line(&tmp))
			bullet = true;
		if (!bullet && looks_like_name(s, len) && (block.n || !in_list || !cur.len ||
							  ends_with(cur.data, cur.len, ";") ||
							  ends_with(cur.data, cur.len, "."))) {
			set_str(&d->signer_name, s, len, "");
			continue;
		}
		if (!bullet && in_list && cur.len && !terminated(cur.data, cur.len) && !authority_prefix(lc, len) &&
		    !position_line(&tmp)) {
			buf_addc(&cur, ' ');	/* "- Lưu: VT,\nKT." */
			buf_add(&cur, s, len);
			continue;
		}
		if (!bullet && doc_all_upper(s, len) && word_count(s, len) <= 10) {
			if (block.n < 8)
				strs_push(&block, doc_trim_dup(s, len, ""));
			continue;
		}
		if (bullet) {
			if (cur.len)
				strs_push(&d->recipients, doc_trim_dup(cur.data, cur.len, ";.,"));
			buf_reset(&cur);
			size_t b = bullet_len(&tmp);
			buf_add(&cur, s + b, len - b);
			in_list = true;
		} else if (in_list) {
			if (cur.len && !ends_with(cur.data, cur.len, ";") && !ends_with(cur.data, cur.len, ".")) {
				buf_addc(&cur, ' ');
				buf_add(&cur, s, len);
			} else {
				if (cur.len)
					strs_push(&d->recipients, doc_trim_dup(cur.data, cur.len, ";.,"));
				buf_reset(&cur);
				buf_add(&cur, s, len);
			}
		}
	}
	if (cur.len)
		strs_push(&d->recipients, doc_trim_dup(cur.data, cur.len, ";.,"));
	buf_release(&cur);
	if (block.n) {
		size_t last = block.n - 1;
		/* An all-caps name: the last line names no position. */
		size_t ln = strlen(block.v[last]);
		char *llc = xmalloc(ln + 1);
		doc_lower(block.v[last], ln, llc);
		llc[ln] = 0;
		bool pos = has_position_word(llc, ln);
		free(llc);
		if (!d->signer_name && block.n >= 2 && !pos) {
			d->signer_name = block.v[last];
			block.v[last] = NULL;
			block.n--;
			last--;
		}
		d->signer_title = xstrdup(block.v[last]);
		if (last > 0) {
			struct buf a = BUF_INIT;
			for (size_t k = 0; k < last; k++)
				buf_printf(&a, "%s%s", k ? " / " : "", block.v[k]);
			d->signer_authority = buf_detach(&a);
		}
	}
	strs_free(&block);
}

/* ---- body ---- */



struct para {
	char *s, *lc;
	size_t len;
	int level;
	char label[32];
	size_t text;		/* offset of the text after the marker */
	bool table;
	size_t table_idx;
};

struct paras {
	struct para *v;
	size_t n;
};

static int roman_value(const char *s, size_t n)
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

/* Reads the list marker at the start of a line; LV_PLAIN when there is none. */
static int read_marker(const char *s, const char *lc, size_t len, char label[32], size_t *text)
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
	if (len >= 2 && (s[0] == '-' || s[0] == '+') && s[1] == ' ') {
		*text = 2;
		return s[0] == '+' ? LV_PLUS : LV_DASH;
	}
	if (len >= 4 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
	    ((unsigned char)s[2] == 0x93 || (unsigned char)s[2] == 0x94 || (unsigned char)s[2] == 0xA2) &&
	    s[3] == ' ') {
		*text = 4;
		return LV_DASH;
	}
	/* Roman: "II." or "II -" */
	size_t k = 0;
	while (k < len && k < 7 && strchr("IVXL", s[k]))
		k++;
	if (k && roman_value(s, k) && k + 1 < len && (s[k] == '.' || s[k] == ')') && s[k + 1] == ' ') {
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
	if (len > n + 1 && s[n] == ')' && s[n + 1] == ' ' &&
	    ((n == 1 && s[0] >= 'a' && s[0] <= 'z') || (n == 2 && memcmp(s, "đ", 2) == 0))) {
		snprintf(label, 32, "%.*s", (int)n, s);
		*text = n + 2;
		return LV_LETTER;
	}
	return LV_PLAIN;
}

static bool terminated(const char *s, size_t len)
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
		if (ends_with(s, len, words[i]))
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
	p->lc = xmalloc(p->len + 1);
	doc_lower(p->s, p->len, p->lc);
	p->lc[p->len] = 0;
	p->level = level;
	snprintf(p->label, sizeof(p->label), "%s", label);
	p->text = text;
}

/* Joins the lines of [from, to) into paragraphs, undoing mid-sentence breaks. */
static void build_paras(const struct dlines *dl, size_t from, size_t to, struct paras *ps)
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
		int lv = read_marker(l->s, l->lc, l->len, lab, &t);
		bool fresh = !open;
		if (open) {
			bool marker_only = text >= cur.len;
			bool prev_end = terminated(cur.data, cur.len);
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
			else if (upper && lines == 1 && level <= LV_LETTER && word_count(cur.data, cur.len) <= 10 &&
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

static void free_paras(struct paras *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		free(ps->v[i].s);
		free(ps->v[i].lc);
	}
	free(ps->v);
}

/* Sections that describe rather than assign: aims, assessments, funding. */
static bool skip_heading(const char *lc, size_t len)
{
	static const char *const heads[] = {
		"mục đích", "yêu cầu", "mục tiêu", "quan điểm", "đánh giá", "kết quả", "tình hình",
		"thực trạng", "căn cứ", "phạm vi", "đối tượng", "kinh phí", "tồn tại", "hạn chế",
		"nguyên nhân", "bài học", "chỉ tiêu", "khó khăn", "ưu điểm", "nhược điểm",
		"những kết quả", "về kết quả", "về tình hình",
	};
	for (size_t i = 0; i < ARRAY_LEN(heads); i++)
		if (doc_has_prefix(lc, len, heads[i]))
			return true;
	return false;
}

static bool closing_para(const struct para *p)
{
	static const char *const open[] = {
		"trên đây là", "căn cứ ý kiến", "căn cứ nội dung", "yêu cầu thủ trưởng", "yêu cầu các",
		"trong quá trình", "nhận được", "đề nghị các", "ủy ban nhân dân tỉnh yêu cầu",
		"ubnd tỉnh yêu cầu", "chủ tịch ubnd tỉnh yêu cầu", "quyết định này có hiệu lực",
		"chỉ thị này", "thông báo này", "kế hoạch này",
	};
	if (ends_with(p->s, p->len, "./.") || ends_with(p->s, p->len, "/."))
		return true;
	for (size_t i = 0; i < ARRAY_LEN(open); i++)
		if (doc_has_prefix(p->lc, p->len, open[i]))
			return true;
	return false;
}

struct node {
	bool active, children, skip, heading;
	int level;
	const struct para *p;
	struct assign as;
};

struct walker {
	struct doc *d;
	struct node st[LV_COUNT];
	const struct dlines *dl;
};

static void section_label(const struct walker *w, int upto, struct buf *b)
{
	int num = -1;
	for (int lv = LV_NUM; lv <= LV_NUM3 && lv <= upto; lv++)
		if (w->st[lv].active)
			num = lv;
	if (w->st[LV_TOP].active && upto >= LV_TOP)
		buf_adds(b, w->st[LV_TOP].p->label);
	if (num >= 0)
		buf_printf(b, "%s%s", b->len ? "." : "", w->st[num].p->label);
	if (upto >= LV_LETTER && w->st[LV_LETTER].active)
		buf_printf(b, "%s%s", b->len ? "." : "", w->st[LV_LETTER].p->label);
}

static struct doc_task *new_task(struct doc *d)
{
	if ((d->n_tasks & (d->n_tasks - 1)) == 0)
		d->tasks = xrealloc(d->tasks, (d->n_tasks ? d->n_tasks * 2 : 1) * sizeof(*d->tasks));
	struct doc_task *t = &d->tasks[d->n_tasks++];
	memset(t, 0, sizeof(*t));
	t->deadline = DATE_NONE;
	return t;
}

static void copy_capped(struct doc_strs *dst, const struct doc_strs *src)
{
	for (size_t i = 0; i < src->n && i < MAX_UNITS_COPY; i++)
		strs_push(dst, xstrdup(src->v[i]));
}

/* Fills a task's who/when from its own words, falling back on its headings. */
static void fill_task(struct doc *d, struct doc_task *t, const char *s, const char *lc, size_t len,
		      const struct assign *inherit)
{
	struct assign own;
	doc_assign(s, lc, len, &own);
	if (own.units.n) {
		strs_copy(&t->assignees, &own.units);
		t->lead = own.lead ? xstrdup(own.lead) : NULL;
	} else if (inherit && inherit->units.n) {
		copy_capped(&t->assignees, &inherit->units);
		if (own.self_lead && inherit->units.n == 1)
			t->lead = xstrdup(inherit->units.v[0]);
		else if (inherit->lead)
			t->lead = xstrdup(inherit->lead);
	} else if (d->addressees.n) {
		copy_capped(&t->assignees, &d->addressees);
	}
	if (own.coop.n)
		strs_copy(&t->cooperating, &own.coop);
	else if (!own.units.n && inherit)
		copy_capped(&t->cooperating, &inherit->coop);
	assign_free(&own);
	t->deadline = doc_deadline(s, lc, len, false, d->date, &t->deadline_text);
	t->recurrence = doc_recurrence(lc, len);
}

static const struct assign *inherited(const struct walker *w, int below)
{
	for (int lv = below - 1; lv >= 0; lv--)
		if (w->st[lv].active && (w->st[lv].as.units.n || w->st[lv].as.coop.n))
			return &w->st[lv].as;
	return NULL;
}

static bool execution_clause(const char *lc, size_t len)
{
	static const char *const pats[] = {
		"thi hành quyết định", "có hiệu lực", "ban hành kèm theo", "chịu trách nhiệm thi hành",
	};
	for (size_t i = 0; i < ARRAY_LEN(pats); i++)
		if (doc_find_word(lc, len, 0, pats[i]) != NPOS)
			return true;
	return false;
}

static void emit_para_task(struct walker *w, int level)
{
	struct node *n = &w->st[level];
	const struct para *p = n->p;
	const char *s = p->s + p->text, *lc = p->lc + p->text;
	size_t len = p->len - p->text;
	if (n->skip || len == 0 || doc_all_upper(s, len))
		return;
	if (level == LV_TOP) {
		/* A top heading with no items is a task only if it assigns work. */
		if (!n->as.units.n && !n->as.self_lead)
			return;
		if (execution_clause(lc, len))
			return;
	}
	if (n->as.whole)
		return;	/* only names units: a heading whose items never came */
	if (ends_with(s, len, ":"))
		return;	/* "... như sau:" introduces; it is not work itself */
	if (!n->as.units.n && (doc_has_prefix(lc, len, "chi tiết") || doc_has_prefix(lc, len, "(chi tiết") ||
			       doc_find_word(lc, len, 0, "phụ lục kèm theo") != NPOS))
		return;	/* "Chi tiết tại Phụ lục kèm theo": the annex holds the tasks */
	struct doc_task *t = new_task(w->d);
	struct buf b = BUF_INIT;
	section_label(w, level, &b);
	t->section = b.len ? buf_detach(&b) : NULL;
	buf_release(&b);
	size_t tl = len;
	if (ends_with(s, tl, "./."))
		tl -= 2;
	t->text = doc_trim_dup(s, tl, "");
	fill_task(w->d, t, s, lc, len, inherited(w, level));
}

static void pop_to(struct walker *w, int level)
{
	for (int lv = LV_COUNT - 1; lv >= level; lv--) {
		struct node *n = &w->st[lv];
		if (!n->active)
			continue;
		if (!n->children)
			emit_para_task(w, lv);
		assign_free(&n->as);
		n->active = false;
	}
}

static int deepest(const struct walker *w)
{
	for (int lv = LV_COUNT - 1; lv >= 0; lv--)
		if (w->st[lv].active)
			return lv;
	return -1;
}

static bool heading_like(const struct para *p, const struct assign *as)
{
	const char *s = p->s + p->text;
	size_t len = p->len - p->text;
	if (ends_with(s, len, ":") || doc_all_upper(s, len) || as->whole)
		return true;
	return word_count(s, len) <= 15 && !terminated(s, len);
}

static void push_node(struct walker *w, int level, const struct para *p)
{
	int parent = -1;
	for (int lv = level - 1; lv >= 0; lv--)
		if (w->st[lv].active) {
			parent = lv;
			break;
		}
	struct node *n = &w->st[level];
	memset(n, 0, sizeof(*n));
	n->active = true;
	n->level = level;
	n->p = p;
	const char *s = p->s + p->text, *lc = p->lc + p->text;
	size_t len = p->len - p->text;
	doc_assign(s, lc, len, &n->as);
	n->heading = heading_like(p, &n->as);
	n->skip = (parent >= 0 && w->st[parent].skip) ||
		  (level <= LV_LETTER && n->heading && skip_heading(lc, len));
	if (parent >= 0)
		w->st[parent].children = true;
}

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
	struct doc_task *t = new_task(d);
	t->section = r->section;
	r->section = NULL;
	const char *c = r->content.data;
	size_t cl = r->content.len;
	if (cl > 2 && (c[0] == '-' || c[0] == '+') && c[1] == ' ')
		c += 2, cl -= 2;
	t->text = doc_trim_dup(c, cl, "");
	char *lc = xmalloc(cl + 1);
	doc_lower(c, cl, lc);
	lc[cl] = 0;
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
		char *tlc = xmalloc(r->time.len + 1);
		doc_lower(r->time.data, r->time.len, tlc);
		tlc[r->time.len] = 0;
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
		size_t n = strlen(h->cell[c]);
		char *lc = xmalloc(n + 1);
		doc_lower(h->cell[c], n, lc);
		lc[n] = 0;
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

static void table_tasks(struct doc *d, const struct dtable *t)
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
		if (nl && roman_value(no, nl)) {
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

/* Walks one run of paragraphs (the body, or an annex) drafting tasks. */
static void walk(struct doc *d, const struct dlines *dl, const struct paras *ps, bool body)
{
	struct walker w = {.d = d, .dl = dl};
	size_t closing = ps->n;
	if (body) {
		size_t last_marked = 0;
		bool any = false;
		for (size_t i = 0; i < ps->n; i++)
			if (ps->v[i].level != LV_PLAIN || ps->v[i].table)
				last_marked = i, any = true;
		for (size_t i = any ? last_marked + 1 : 0; i < ps->n; i++)
			if (closing_para(&ps->v[i])) {
				closing = i;
				break;
			}
	}
	for (size_t i = 0; i < ps->n; i++) {
		const struct para *p = &ps->v[i];
		if (i >= closing)
			break;
		if (p->table) {
			pop_to(&w, 0);
			table_tasks(d, &dl->tables[p->table_idx]);
			continue;
		}
		if (p->level != LV_PLAIN) {
			pop_to(&w, p->level);
			push_node(&w, p->level, p);
			continue;
		}
		int dp = deepest(&w);
		if (dp == LV_PLAIN) {
			/* Another plain paragraph under the same heading. */
			pop_to(&w, LV_PLAIN);
			dp = deepest(&w);
		}
		if (dp >= 0 && w.st[dp].heading) {
			push_node(&w, LV_PLAIN, p);
			continue;
		}
		if (dp < 0 && !ends_with(p->s, p->len, ":")) {
			/* A plain paragraph outside any list: a task only if it hands out work. */
			struct assign a;
			doc_assign(p->s, p->lc, p->len, &a);
			bool giao = a.units.n && doc_find_word(p->lc, p->len, 0, "giao ") != NPOS &&
				    !doc_all_upper(p->s, p->len);
			assign_free(&a);
			if (giao) {
				struct doc_task *t = new_task(d);
				t->text = doc_trim_dup(p->s, ends_with(p->s, p->len, "./.") ? p->len - 2 : p->len, "");
				fill_task(d, t, p->s, p->lc, p->len, NULL);
			}
		}
	}
	pop_to(&w, 0);
}

/* ---- the whole document ---- */

const char *doc_recurrence_name(enum doc_recurrence r)
{
	switch (r) {
	case DOC_RECUR_WEEKLY: return "weekly";
	case DOC_RECUR_MONTHLY: return "monthly";
	case DOC_RECUR_QUARTERLY: return "quarterly";
	case DOC_RECUR_SIX_MONTHLY: return "six-monthly";
	case DOC_RECUR_YEARLY: return "yearly";
	case DOC_RECUR_ONGOING: return "ongoing";
	case DOC_RECUR_NONE: break;
	}
	return NULL;
}

void doc_free(struct doc *d)
{
	if (!d)
		return;
	free(d->issuer);
	free(d->number);
	free(d->symbol);
	free(d->type);
	free(d->title);
	free(d->place);
	free(d->subject);
	strs_free(&d->addressees);
	free(d->signer_name);
	free(d->signer_title);
	free(d->signer_authority);
	strs_free(&d->recipients);
	for (size_t i = 0; i < d->n_refs; i++) {
		free(d->refs[i].number);
		free(d->refs[i].symbol);
	}
	free(d->refs);
	for (size_t i = 0; i < d->n_tasks; i++) {
		struct doc_task *t = &d->tasks[i];
		free(t->section);
		strs_free(&t->assignees);
		free(t->lead);
		strs_free(&t->cooperating);
		free(t->text);
		free(t->deadline_text);
		free(t->product);
	}
	free(d->tasks);
	free(d);
}

/* Decomposed Vietnamese (combining marks U+0300..U+036F) needs NFC first. */
static bool has_combining(const char *s, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++) {
		unsigned char c = (unsigned char)s[i], n = (unsigned char)s[i + 1];
		if ((c == 0xCC && n >= 0x80) || (c == 0xCD && n <= 0xAF))
			return true;
	}
	return false;
}

/* The issuing body: the governing agency line is dropped when a unit follows it. */
static char *issuer_text(const struct doc_strs *lines)
{
	static const char *const heads[] = {
		"sở ", "văn phòng", "ban ", "thanh tra", "trung tâm", "chi cục", "cục ", "hội đồng",
		"bộ chỉ huy", "công an", "đài ", "báo ", "tổ ", "ban chỉ đạo",
	};
	size_t from = 0;
	for (size_t i = 1; i < lines->n; i++) {
		size_t n = strlen(lines->v[i]);
		char *lc = xmalloc(n + 1);
		doc_lower(lines->v[i], n, lc);
		lc[n] = 0;
		for (size_t k = 0; k < ARRAY_LEN(heads); k++)
			if (doc_has_prefix(lc, n, heads[k]))
				from = i;
		free(lc);
	}
	/* "VĂN PHÒNG" or "THANH TRA" alone names nothing: keep the parent too. */
	if (from > 0 && word_count(lines->v[from], strlen(lines->v[from])) <= 2 && from + 1 == lines->n) {
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

static void drop_self_refs(struct doc *d)
{
	size_t o = 0;
	for (size_t i = 0; i < d->n_refs; i++) {
		struct doc_ref *r = &d->refs[i];
		bool self = d->symbol && strcmp(r->symbol, d->symbol) == 0 &&
			    (!d->number || strcmp(r->number, d->number) == 0);
		if (self) {
			free(r->number);
			free(r->symbol);
		} else {
			d->refs[o++] = *r;
		}
	}
	d->n_refs = o;
}

struct doc *doc_parse(const char *text, size_t len, struct buf *err)
{
	struct doc *d = NULL;
	uint8_t *nfc = NULL;
	struct dlines dl = {0};
	struct paras body = {0}, annex = {0};
	struct header h = {0};
	size_t bad;
	if (!doc_utf8_valid(text, len, &bad)) {
		buf_printf(err, "not UTF-8 text: invalid byte 0x%02x at offset %zu", (unsigned char)text[bad], bad);
		goto fail;
	}
	if (has_combining(text, len)) {
		size_t n = 0;
		nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)text, len, NULL, &n);
		if (nfc) {
			text = (const char *)nfc;
			len = n;
		}
	}
	d = xcalloc(1, sizeof(*d));
	d->date = DATE_NONE;
	dlines_build(&dl, text, len);
	parse_header(d, &dl, &h);
	d->issuer = issuer_text(&h.issuer);
	if (h.subject.len)
		d->subject = doc_trim_dup(h.subject.data, h.subject.len, ".;,");
	size_t fs, fe;
	find_footer(&dl, h.end, &fs, &fe);
	parse_footer(d, &dl, fs, fe);
	build_paras(&dl, h.end, fs, &body);
	build_paras(&dl, fe, dl.n, &annex);
	if (!d->issuer || !h.number_line || !h.date_line || body.n == 0) {
		buf_adds(err, "not a directive document: missing");
		const char *sep = " ";
		if (!d->issuer)
			buf_printf(err, "%sthe issuing body", sep), sep = ", ";
		if (!h.number_line)
			buf_printf(err, "%sthe number line (\"Số: .../...\")", sep), sep = ", ";
		if (!h.date_line)
			buf_printf(err, "%sthe place and date line (\"..., ngày ... tháng ... năm ...\")", sep), sep = ", ";
		if (body.n == 0)
			buf_printf(err, "%sthe body", sep);
		goto fail;
	}
	const char *ty = type_from_symbol(d->symbol);
	if (!ty && d->title) {
		size_t n = strlen(d->title), rest;
		char *lc = xmalloc(n + 1);
		doc_lower(d->title, n, lc);
		lc[n] = 0;
		struct dline tl = {DL_TEXT, d->title, lc, n, 0};
		ty = type_from_title(&tl, &rest);
		free(lc);
	}
	d->type = xstrdup(ty ? ty : "CV");
	walk(d, &dl, &body, true);
	walk(d, &dl, &annex, false);
	if (d->subject) {
		size_t n = strlen(d->subject);
		char *lc = xmalloc(n + 1);
		doc_lower(d->subject, n, lc);
		doc_find_refs(d, d->subject, lc, n);
		free(lc);
	}
	for (size_t k = 0; k < 2; k++) {
		const struct paras *ps = k ? &annex : &body;
		for (size_t i = 0; i < ps->n; i++) {
			const struct para *p = &ps->v[i];
			if (!p->table) {
				doc_find_refs(d, p->s, p->lc, p->len);
				continue;
			}
			const struct dtable *t = &dl.tables[p->table_idx];
			for (size_t r = 0; r < t->nrows; r++)
				for (size_t c = 0; c < t->rows[r].n; c++) {
					const char *cell = t->rows[r].cell[c];
					size_t n = strlen(cell);
					char *lc = xmalloc(n + 1);
					doc_lower(cell, n, lc);
					doc_find_refs(d, cell, lc, n);
					free(lc);
				}
		}
	}
	drop_self_refs(d);
	goto done;
fail:
	doc_free(d);
	d = NULL;
done:
	strs_free(&h.issuer);
	buf_release(&h.subject);
	free_paras(&body);
	free_paras(&annex);
	dlines_free(&dl);
	free(nfc);
	return d;
}
