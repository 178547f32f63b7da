/* t_progress.c — the progress lines: bar and plain forms, the estimate. */
#include "base/base.h"
#include "base/progress.h"
#include "test.h"

#include <stdlib.h>

static void test_format_plain(void)
{
	char line[256];
	progress_format(line, sizeof line, "backup", 4000000, 10000000, 1, 4.0, 0);
	CHECK_STR(line, "backup: 40% (4.0/10.0 MB), about 0:06 left");
	/* Too early to say how long: no estimate. */
	progress_format(line, sizeof line, "backup", 4000000, 10000000, 1, 0.2, 0);
	CHECK_STR(line, "backup: 40% (4.0/10.0 MB)");
	progress_format(line, sizeof line, "init", 0, 80, 0, 3.0, 0);
	CHECK_STR(line, "init: 0% (0/80)");
	progress_format(line, sizeof line, "init", 1, 3, 0, 1800.0, 0);
	CHECK_STR(line, "init: 33% (1/3), about 1:00:00 left");
	progress_format(line, sizeof line, "demo", 1, 1535, 0, 1.3, 0);
	CHECK_STR(line, "demo: 0% (1/1535)");
	/* More done than planned is shown as all of it. */
	progress_format(line, sizeof line, "import", 9, 4, 0, 2.0, 0);
	CHECK_STR(line, "import: 100% (4/4)");
	progress_format(line, sizeof line, "restore", 0, 0, 1, 1.0, 0);
	CHECK_STR(line, "restore: 100% (0.0/0.0 MB)");
}

static void test_format_bar(void)
{
	char line[256];
	progress_format(line, sizeof line, "restore", 50, 100, 0, 10.0, 1);
	CHECK_STR(line, "restore [############------------]  50%  50/100  0:10 left");
	progress_format(line, sizeof line, "restore", 100, 100, 0, 10.0, 1);
	CHECK_STR(line, "restore [########################] 100%  100/100");
}

/* Off a terminal a line is written once per tenth, however often it is told. */
static void test_plain_lines(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	struct progress p;
	progress_start_as(&p, out, "import", 100, 0, 0);
	for (int i = 0; i < 100; i++)
		progress_add(&p, 1);
	progress_grow(&p, 100);
	CHECK_INT(p.total, 200);
	progress_set(&p, 150);
	progress_finish(&p);
	fclose(out);
	int lines = 0;
	for (char *c = text; *c; c++)
		lines += *c == '\n';
	/* 1%..9%: one line for the first tenth, then 10%, 20%... 100%; after the
	 * growth 75%; then the closing line. */
	CHECK_INT(lines, 1 + 10 + 1 + 1);
	CHECK(strstr(text, "import: 10% (10/100)\n") != NULL);
	CHECK(strstr(text, "import: 75% (150/200)") != NULL);
	CHECK(strstr(text, "import: done in 0:00\n") != NULL);
	CHECK(strchr(text, '\r') == NULL);
	free(text);
}

/* On a terminal the line is redrawn in place and ends once. */
static void test_bar_redraws(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	struct progress p;
	progress_start_as(&p, out, "backup", 2000000, 1, 1);
	progress_set(&p, 1000000);
	progress_finish(&p);
	fclose(out);
	CHECK(strncmp(text, "\rbackup [", 9) == 0);
	CHECK(strstr(text, "100%  2.0/2.0 MB\033[K  (0:00)\n") != NULL);
	int newlines = 0;
	for (char *c = text; *c; c++)
		newlines += *c == '\n';
	CHECK_INT(newlines, 1);
	free(text);
}

static void test_null_is_quiet(void)
{
	progress_start_as(NULL, stderr, "x", 1, 0, 1);
	progress_add(NULL, 1);
	progress_grow(NULL, 1);
	progress_set(NULL, 1);
	progress_finish(NULL);
	CHECK(1);
}

int main(void)
{
	RUN(test_format_plain);
	RUN(test_format_bar);
	RUN(test_plain_lines);
	RUN(test_bar_redraws);
	RUN(test_null_is_quiet);
	return test_summary();
}
