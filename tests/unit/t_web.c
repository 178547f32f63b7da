/*
 * The web files' hashed names: the hash sits before the extension, follows
 * the bytes (one changed byte, a new name; the same bytes, the same name),
 * and a name that does not fit is refused.
 */
#include "base/base.h"
#include "api/web.h"
#include "test.h"

#include <ctype.h>

static void test_shape(void)
{
	char out[WEB_NAME_MAX];
	const unsigned char js[] = "export const a = 1;\n";
	CHECK_INT(web_hashed_name("app.js", js, sizeof js - 1, out, sizeof out), 0);
	CHECK_INT((int)strlen(out), (int)strlen("app..js") + WEB_HASH_HEX);
	CHECK(strncmp(out, "app.", 4) == 0);
	CHECK_STR(out + 4 + WEB_HASH_HEX, ".js");
	for (int i = 0; i < WEB_HASH_HEX; i++)
		CHECK(isxdigit((unsigned char)out[4 + i]) && !isupper((unsigned char)out[4 + i]));
	/* Only the last dot starts the extension; no extension, none kept. */
	CHECK_INT(web_hashed_name("a.min.css", js, sizeof js - 1, out, sizeof out), 0);
	CHECK(strncmp(out, "a.min.", 6) == 0 && strcmp(out + 6 + WEB_HASH_HEX, ".css") == 0);
	CHECK_INT(web_hashed_name("LICENSE", js, sizeof js - 1, out, sizeof out), 0);
	CHECK_INT((int)strlen(out), (int)strlen("LICENSE.") + WEB_HASH_HEX);
}

static void test_changed_bytes_new_name(void)
{
	char a[WEB_NAME_MAX], b[WEB_NAME_MAX], again[WEB_NAME_MAX], empty[WEB_NAME_MAX];
	unsigned char text[] = "export function f() { return 1; }\n";
	CHECK_INT(web_hashed_name("unit.js", text, sizeof text - 1, a, sizeof a), 0);
	CHECK_INT(web_hashed_name("unit.js", text, sizeof text - 1, again, sizeof again), 0);
	CHECK_STR(again, a);
	text[30] = '2';
	CHECK_INT(web_hashed_name("unit.js", text, sizeof text - 1, b, sizeof b), 0);
	CHECK(strcmp(a, b) != 0);
	CHECK_INT(web_hashed_name("unit.js", text, 0, empty, sizeof empty), 0);
	CHECK(strcmp(empty, a) != 0 && strcmp(empty, b) != 0);
}

static void test_too_long(void)
{
	char small[10];
	const unsigned char x[] = "x";
	CHECK_INT(web_hashed_name("app.js", x, 1, small, sizeof small), -1);
}

int main(void)
{
	RUN(test_shape);
	RUN(test_changed_bytes_new_name);
	RUN(test_too_long);
	return test_summary();
}
