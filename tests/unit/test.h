/*
 * test.h — the whole unit-test harness.  Each tests/unit/t_NAME.c is its own
 * program: it defines test functions, lists them in main() with RUN(), and
 * ends with `return test_summary();`, which prints "N passed, N failed".
 * A CHECK that fails prints file:line and the expression, and the test goes on.
 */
#ifndef CCHC_TEST_H
#define CCHC_TEST_H
#include <stdio.h>
#include <string.h>

static int test_passed, test_failed, test_current_failed;

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "  %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
		test_current_failed = 1; \
	} \
} while (0)

#define CHECK_STR(got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	if (!g_ || !w_ || strcmp(g_, w_) != 0) { \
		fprintf(stderr, "  %s:%d: %s is \"%s\", want \"%s\"\n", __FILE__, __LINE__, \
			#got, g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
		test_current_failed = 1; \
	} \
} while (0)

#define CHECK_INT(got, want) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	if (g_ != w_) { \
		fprintf(stderr, "  %s:%d: %s is %lld, want %lld\n", __FILE__, __LINE__, #got, g_, w_); \
		test_current_failed = 1; \
	} \
} while (0)

#define RUN(fn) do { \
	test_current_failed = 0; \
	fn(); \
	if (test_current_failed) { test_failed++; fprintf(stderr, "FAIL %s\n", #fn); } \
	else test_passed++; \
} while (0)

static inline int test_summary(void)
{
	printf("%d passed, %d failed\n", test_passed, test_failed);
	return test_failed ? 1 : 0;
}
#endif
