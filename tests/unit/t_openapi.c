/*
 * t_openapi.c — the API contract covers the route table: every route has
 * its entry in data-seed/openapi.json (api_openapi fails naming the route
 * otherwise, and an entry without a route), its operation under its path
 * and method, its path parameters, its request body when it takes one, and
 * the security its access asks for.
 */
#include "base/base.h"
#include "api/api.h"
#include "test.h"

#include <ctype.h>

static json_t *doc;

static void test_the_document_builds(void)
{
	struct err err = {0};
	doc = api_openapi(&err);
	if (!doc)
		fprintf(stderr, "  %s\n", err.message);
	CHECK(doc != NULL);
	CHECK_STR(json_string_value(json_object_get(doc, "openapi")), "3.0.3");
	CHECK(json_object_get(json_object_get(json_object_get(doc, "components"), "schemas"), "Error") != NULL);
}

static void test_every_route_has_its_operation(void)
{
	if (!doc)
		return;
	size_t n, operations = 0;
	const struct route *r = route_table(&n);
	for (size_t i = 0; i < n; i++) {
		char method[8] = "";
		for (size_t k = 0; r[i].method[k] && k < sizeof method - 1; k++)
			method[k] = (char)tolower((unsigned char)r[i].method[k]);
		json_t *op = json_object_get(json_object_get(json_object_get(doc, "paths"), r[i].pattern), method);
		if (!op) {
			fprintf(stderr, "  no operation for %s %s\n", r[i].method, r[i].pattern);
			CHECK(0);
			continue;
		}
		size_t braces = 0;
		for (const char *p = r[i].pattern; *p; p++)
			braces += *p == '{';
		CHECK_INT(json_array_size(json_object_get(op, "parameters")), braces);
		CHECK((json_object_get(op, "requestBody") != NULL) == (r[i].body != BODY_NONE));
		CHECK((json_array_size(json_object_get(op, "security")) == 0) == ((r[i].flags & ROUTE_PUBLIC) != 0));
		CHECK(json_object_get(json_object_get(op, "responses"), "default") != NULL);
		CHECK(json_string_length(json_object_get(op, "summary")) > 0);
	}
	const char *path;
	json_t *item;
	json_object_foreach(json_object_get(doc, "paths"), path, item)
		operations += json_object_size(item);
	CHECK_INT(operations, n);
}

int main(void)
{
	RUN(test_the_document_builds);
	RUN(test_every_route_has_its_operation);
	json_decref(doc);
	return test_summary();
}
