/*
 * vitext.c — Vietnamese text, on top of libunistring's normalisation.
 *
 * Folding and collation work on the NFD form: every Vietnamese letter
 * decomposes into a base letter, at most one vowel mark (breve U+0306,
 * circumflex U+0302, horn U+031B) and at most one tone mark (grave U+0300,
 * hook U+0309, tilde U+0303, acute U+0301, dot below U+0323).
 */
#include "base/base.h"
#include "base/vitext.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

bool vi_valid_utf8(const char *s, size_t len)
{
	return u8_check((const uint8_t *)s, len) == NULL;
}

char *vi_nfc(const char *s, size_t len)
{
	if (!vi_valid_utf8(s, len))
		return NULL;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
			return NULL;
	}
	size_t n = 0;
	uint8_t *out = u8_normalize(UNINORM_NFC, (const uint8_t *)s, len, NULL, &n);
	if (!out)
		return NULL;
	char *z = xstrndup((const char *)out, n);
	free(out);
	return z;
}

/* Decomposes s into NFD code points; caller frees. */
static ucs4_t *decompose(const char *s, size_t len, size_t *n)
{
	size_t n8 = 0;
	uint8_t *nfd = u8_normalize(UNINORM_NFD, (const uint8_t *)s, len, NULL, &n8);
	if (!nfd) {
		*n = 0;
		return xmalloc(sizeof(ucs4_t));
	}
	ucs4_t *cps = xmalloc((n8 + 1) * sizeof(ucs4_t));
	size_t k = 0;
	for (size_t i = 0; i < n8;) {
		int step = u8_mbtouc(&cps[k], nfd + i, n8 - i);
		i += step > 0 ? (size_t)step : 1;
		k++;
	}
	free(nfd);
	*n = k;
	return cps;
}

static bool is_combining(ucs4_t c)
{
	return c >= 0x300 && c <= 0x36f;
}

char *vi_fold(const char *s)
{
	size_t n;
	ucs4_t *cps = decompose(s, strlen(s), &n);
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		ucs4_t c = cps[i];
		if (is_combining(c))
			continue;
		if (c == 0x110 || c == 0x111)
			c = 'd';
		c = uc_tolower(c);
		uint8_t tmp[6];
		int w = u8_uctomb(tmp, c, sizeof tmp);
		if (w > 0)
			buf_add(&b, tmp, (size_t)w);
	}
	free(cps);
	return buf_detach(&b);
}

/*
 * One Vietnamese letter as three weights: primary (the letter in the
 * alphabet), tone, and case.  Letters outside the Vietnamese alphabet get
 * primary weights above it, in code-point order.
 */
struct vi_weight {
	uint32_t primary;
	unsigned char tone, upper;
};

static uint32_t letter_rank(ucs4_t base, ucs4_t vowel_mark)
{
	/* Rank = position in a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z */
	static const char order[] = "a\1\2bcd\3e\4fghijklmno\5\6pqrstu\7vwxyz";
	char key = (char)base;
	if (base == 'a' && vowel_mark == 0x306) key = 1;
	else if (base == 'a' && vowel_mark == 0x302) key = 2;
	else if (base == 0x111) key = 3;
	else if (base == 'e' && vowel_mark == 0x302) key = 4;
	else if (base == 'o' && vowel_mark == 0x302) key = 5;
	else if (base == 'o' && vowel_mark == 0x31b) key = 6;
	else if (base == 'u' && vowel_mark == 0x31b) key = 7;
	else if (base > 0x7f || base < 'a' || base > 'z')
		return 0x100 + base;
	const char *p = strchr(order, key);
	return p ? (uint32_t)(p - order) + 0x20 : 0x100 + base;
}

static unsigned char tone_rank(ucs4_t mark)
{
	switch (mark) {
	case 0x300: return 1;	/* huyền */
	case 0x309: return 2;	/* hỏi */
	case 0x303: return 3;	/* ngã */
	case 0x301: return 4;	/* sắc */
	case 0x323: return 5;	/* nặng */
	default: return 0;
	}
}

/* Fills w[] from NFD code points; returns the number of letters. */
static size_t weigh(const ucs4_t *cps, size_t n, struct vi_weight *w)
{
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		ucs4_t c = cps[i++];
		ucs4_t lower = uc_tolower(c);
		ucs4_t vowel = 0;
		unsigned char tone = 0;
		while (i < n && is_combining(cps[i])) {
			ucs4_t m = cps[i++];
			if (m == 0x306 || m == 0x302 || m == 0x31b)
				vowel = m;
			else if (tone_rank(m))
				tone = tone_rank(m);
		}
		if (lower < 0x80 && lower < 'a' && lower >= '0' && lower <= '9')
			w[k].primary = 0x10 + (lower - '0') / 1;	/* digits before letters */
		else if (lower == ' ' || lower == '\t')
			w[k].primary = 1;
		else if (lower < 0x80 && !(lower >= 'a' && lower <= 'z'))
			w[k].primary = 2 + (lower & 0x0f);		/* punctuation */
		else
			w[k].primary = letter_rank(lower, vowel);
		w[k].tone = tone;
		w[k].upper = lower != c;
		k++;
	}
	return k;
}

int vi_collate(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t na, nb;
	ucs4_t *ca = decompose(a, alen, &na), *cb = decompose(b, blen, &nb);
	struct vi_weight *wa = xmalloc((na + 1) * sizeof *wa);
	struct vi_weight *wb = xmalloc((nb + 1) * sizeof *wb);
	size_t ka = weigh(ca, na, wa), kb = weigh(cb, nb, wb);
	size_t k = ka < kb ? ka : kb;
	int r = 0;
	for (size_t i = 0; i < k && !r; i++)
		if (wa[i].primary != wb[i].primary)
			r = wa[i].primary < wb[i].primary ? -1 : 1;
	if (!r && ka != kb)
		r = ka < kb ? -1 : 1;
	for (size_t i = 0; i < k && !r; i++)
		if (wa[i].tone != wb[i].tone)
			r = wa[i].tone < wb[i].tone ? -1 : 1;
	for (size_t i = 0; i < k && !r; i++)
		if (wa[i].upper != wb[i].upper)
			r = wa[i].upper < wb[i].upper ? -1 : 1;
	free(ca);
	free(cb);
	free(wa);
	free(wb);
	return r;
}

int vi_strcmp(const char *a, const char *b)
{
	return vi_collate(a, strlen(a), b, strlen(b));
}
