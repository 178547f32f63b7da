#include "base/base.h"
#include "base/vitext.h"
#include "test.h"

#include <stdlib.h>

static void check_fold(const char *in, const char *want)
{
	char *got = vi_fold(in);
	CHECK_STR(got, want);
	free(got);
}

static void test_fold(void)
{
	check_fold("Sở Nội vụ", "so noi vu");
	check_fold("ĐÔN ĐỐC", "don doc");
	check_fold("Xã Đức Long", "xa duc long");
	check_fold("Phường Thục Phán", "phuong thuc phan");
	check_fold("ư ơ ă â ê ô", "u o a a e o");
	check_fold("plain ASCII 123", "plain ascii 123");
}

static void test_nfc(void)
{
	/* "ộ" written as o + U+0302 + U+0323 becomes the one code point U+1ED9. */
	const char nfd[] = "no\xcc\x82\xcc\xa3i";
	char *z = vi_nfc(nfd, sizeof nfd - 1);
	CHECK_STR(z, "nội");
	free(z);
	CHECK(vi_nfc("\xff\xfe", 2) == NULL);
	CHECK(vi_nfc("a\0b", 3) == NULL);
	CHECK(vi_nfc("\xc3\x28", 2) == NULL);
	CHECK(vi_nfc("\xed\xa0\x80", 3) == NULL);	/* a UTF-16 surrogate */
	z = vi_nfc("dòng 1\r\ndòng 2\t", 15);
	CHECK(z != NULL);
	free(z);
}

static int cmp_sign(const char *a, const char *b)
{
	int r = vi_strcmp(a, b);
	return (r > 0) - (r < 0);
}

static void test_collate(void)
{
	/* Alphabet: a < ă < â < b, d < đ < e, o < ô < ơ < p, u < ư < v. */
	CHECK_INT(cmp_sign("an", "ăn"), -1);
	CHECK_INT(cmp_sign("ăn", "ân"), -1);
	CHECK_INT(cmp_sign("ân", "bạn"), -1);
	CHECK_INT(cmp_sign("dương", "đình"), -1);
	CHECK_INT(cmp_sign("Đức", "Em"), -1);
	CHECK_INT(cmp_sign("Ông", "Ơn"), -1);
	CHECK_INT(cmp_sign("Ơn", "Phúc"), -1);
	CHECK_INT(cmp_sign("Uyên", "Ưng"), -1);
	/* Letters decide before tones: "Đà" < "Đan" although à has a tone. */
	CHECK_INT(cmp_sign("Đà", "Đan"), -1);
	/* Tones: ngang < huyền < hỏi < ngã < sắc < nặng. */
	CHECK_INT(cmp_sign("ma", "mà"), -1);
	CHECK_INT(cmp_sign("mà", "mả"), -1);
	CHECK_INT(cmp_sign("mả", "mã"), -1);
	CHECK_INT(cmp_sign("mã", "má"), -1);
	CHECK_INT(cmp_sign("má", "mạ"), -1);
	CHECK_INT(cmp_sign("Xã Bảo Lâm", "Xã Bảo Lạc"), 1);	/* m > c */
	CHECK_INT(cmp_sign("Hà", "hà"), 1);
	CHECK_INT(cmp_sign("abc", "abc"), 0);
	CHECK_INT(cmp_sign("a", "ab"), -1);
}

int main(void)
{
	RUN(test_fold);
	RUN(test_nfc);
	RUN(test_collate);
	return test_summary();
}
