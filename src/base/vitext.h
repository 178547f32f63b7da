/*
 * vitext.h — Vietnamese text: validation, NFC, diacritic-free search keys
 * and Vietnamese alphabetical order.
 *
 * All text that enters cchc is checked to be UTF-8 and stored in NFC.
 * Search compares "folded" strings: lower case, no tone or vowel marks,
 * đ/Đ as d (the one Vietnamese letter Unicode does not decompose).
 * Sorting follows the Vietnamese alphabet (a ă â b c d đ e ê g h i k l m n
 * o ô ơ p q r s t u ư v x y), then tones in the dictionary order
 * ngang, huyền, hỏi, ngã, sắc, nặng, then case.
 */
#ifndef CCHC_VITEXT_H
#define CCHC_VITEXT_H
#include <stdbool.h>
#include <stddef.h>

bool vi_valid_utf8(const char *s, size_t len);
/* Returns the NFC form of valid UTF-8 s (a new string the caller frees),
 * or NULL if s is not valid UTF-8 or holds a NUL or control character
 * other than tab, CR and LF. */
char *vi_nfc(const char *s, size_t len);
/* Returns the search key of s, a new string the caller frees. */
char *vi_fold(const char *s);
/* strcmp-like comparison in Vietnamese order. */
int vi_collate(const char *a, size_t alen, const char *b, size_t blen);
int vi_strcmp(const char *a, const char *b);

#endif
