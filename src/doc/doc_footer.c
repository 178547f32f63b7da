/*
 * doc_footer.c — the foot of a document: where it begins (the signature
 * block or "Nơi nhận"), the signer's name, position and authority lines
 * ("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH"), and the distribution list.
 */
#include "base/base.h"
#include "doc/doc_int.h"

#include <stdlib.h>
#include <string.h>

/* Whether the text has only letters, spaces and "."-free words in Title Case. */
static bool looks_like_name(const char *s, size_t len)
{
	size_t words = doc_word_count(s, len);
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
	if (l->kind != DL_TEXT || !doc_all_upper(l->s, l->len) || doc_word_count(l->s, l->len) > 6)
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

void footer_find(const struct dlines *dl, size_t from, size_t *fs, size_t *fe)
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

void footer_parse(struct doc *d, const struct dlines *dl, size_t fs, size_t fe)
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
		size_t bullet = para_bullet(s, len);	/* the marker's length, 0 if none */
		struct dline tmp = {DL_TEXT, (char *)s, (char *)lc, len, 0};
		if (!bullet && looks_like_name(s, len) && (block.n || !in_list || !cur.len ||
							  doc_ends_with(cur.data, cur.len, ";") ||
							  doc_ends_with(cur.data, cur.len, "."))) {
			doc_set_str(&d->signer_name, s, len, "");
			continue;
		}
		if (!bullet && in_list && cur.len && !para_terminated(cur.data, cur.len) && !authority_prefix(lc, len) &&
		    !position_line(&tmp)) {
			buf_addc(&cur, ' ');	/* "- Lưu: VT,\nKT." */
			buf_add(&cur, s, len);
			continue;
		}
		if (!bullet && doc_all_upper(s, len) && doc_word_count(s, len) <= 10) {
			if (block.n < 8)
				strs_push(&block, doc_trim_dup(s, len, ""));
			continue;
		}
		if (bullet) {
			if (cur.len)
				strs_push(&d->recipients, doc_trim_dup(cur.data, cur.len, ";.,"));
			buf_reset(&cur);
			buf_add(&cur, s + bullet, len - bullet);
			in_list = true;
		} else if (in_list) {
			if (cur.len && !doc_ends_with(cur.data, cur.len, ";") && !doc_ends_with(cur.data, cur.len, ".")) {
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
		char *llc = doc_lower_dup(block.v[last], ln);
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
