/*
 * The routes table and the router: every route complete, well formed,
 * unique and documented in docs/api.md; matching, named parameters, HEAD,
 * 405 and the paths the matcher refuses.  Run from the project's top
 * folder (tests/run.sh does), where docs/api.md is.
 */
#include "base/base.h"
#include "api/api.h"
#include "test.h"

#include <ctype.h>
#include <stdlib.h>

static const struct route *table(size_t *n)
{
	const struct route *r = route_table(n);
	CHECK(*n > 0);
	return r;
}

static void test_every_route_is_complete(void)
{
	static const char *const methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};
	size_t n;
	const struct route *r = table(&n);
	for (size_t i = 0; i < n; i++) {
		int known = 0;
		for (size_t m = 0; m < ARRAY_LEN(methods); m++)
			known |= strcmp(r[i].method, methods[m]) == 0;
		unsigned access = r[i].flags & (ROUTE_PUBLIC | ROUTE_SIGNED_IN);
		if (!known || !r[i].handler || !route_body_name(r[i].body) || !auth_action_id(r[i].action) ||
		    (access != ROUTE_PUBLIC && access != ROUTE_SIGNED_IN) || r[i].pattern[0] != '/') {
			fprintf(stderr, "  route %zu (%s %s): a method, a handler, a body kind, an action "
				"and exactly one of ROUTE_PUBLIC, ROUTE_SIGNED_IN are needed\n",
				i, r[i].method, r[i].pattern);
			CHECK(0);
		}
	}
}

/* Checks one pattern; writes its shape (each {name} as {}) to shape. */
static int well_formed(const char *pattern, char *shape, size_t cap)
{
	struct buf b = BUF_INIT;
	const char *names[ROUTE_MAX_PARAMS];
	size_t lens[ROUTE_MAX_PARAMS], nparams = 0;
	/* A directory index ("/public/"): literal segments and a final slash,
	 * matched as written (the path without the slash finds nothing). */
	size_t plen = strlen(pattern);
	if (plen > 2 && pattern[plen - 1] == '/' && pattern[plen - 2] != '/' && !strchr(pattern, '{')) {
		char *dir = xstrndup(pattern, plen - 1);
		int dir_ok = well_formed(dir, shape, cap - 1);
		free(dir);
		strcat(shape, "/");
		return dir_ok;
	}
	int ok = pattern[0] == '/';
	if (strcmp(pattern, "/") == 0)
		buf_adds(&b, "/");
	for (const char *p = pattern + 1; ok && strcmp(pattern, "/") != 0;) {
		size_t len = strcspn(p, "/");
		ok = len > 0;	/* no empty segment, no trailing slash */
		if (ok && p[0] == '{') {
			size_t k = 1;
			while (k < len && (islower((unsigned char)p[k]) || isdigit((unsigned char)p[k]) ||
					   p[k] == '_'))
				k++;
			ok = k > 1 && k == len - 1 && p[k] == '}' && nparams < ROUTE_MAX_PARAMS;
			for (size_t j = 0; ok && j < nparams; j++)
				ok = !(lens[j] == k - 1 && memcmp(names[j], p + 1, k - 1) == 0);
			if (ok) {
				names[nparams] = p + 1;
				lens[nparams++] = k - 1;
			}
			buf_adds(&b, "/{}");
		} else if (ok) {
			for (size_t k = 0; k < len; k++)
				ok = ok && p[k] != '{' && p[k] != '}';
			buf_printf(&b, "/%.*s", (int)len, p);
		}
		p += len;
		if (!*p)
			break;
		p++;
		ok = ok && *p;	/* a slash ends no pattern */
	}
	snprintf(shape, cap, "%s", buf_str(&b));
	buf_release(&b);
	return ok;
}

static void test_patterns_are_well_formed_and_unique(void)
{
	size_t n;
	const struct route *r = table(&n);
	char (*shapes)[200] = xcalloc(n, sizeof *shapes);
	for (size_t i = 0; i < n; i++) {
		if (!well_formed(r[i].pattern, shapes[i], sizeof shapes[i])) {
			fprintf(stderr, "  %s %s: segments are literal or one whole {name} (a-z, 0-9, _), "
				"names differ, at most %d, no empty segment\n", r[i].method, r[i].pattern,
				ROUTE_MAX_PARAMS);
			CHECK(0);
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(r[i].method, r[j].method) == 0 && strcmp(shapes[i], shapes[j]) == 0) {
				fprintf(stderr, "  %s %s is shadowed by %s\n", r[i].method, r[i].pattern, r[j].pattern);
				CHECK(0);
			}
	}
	free(shapes);
	CHECK(well_formed("/api/v1/units/{unit}/reports/{period}", (char[200]){0}, 200));
	CHECK(!well_formed("/api/v1/tasks/{id}/", (char[200]){0}, 200));
	CHECK(well_formed("/public/", (char[200]){0}, 200));
	CHECK(!well_formed("/public//", (char[200]){0}, 200));
	CHECK(!well_formed("/api/v1//tasks", (char[200]){0}, 200));
	CHECK(!well_formed("/api/v1/tasks/{id}.svg", (char[200]){0}, 200));
	CHECK(!well_formed("/api/v1/{id}/x/{id}", (char[200]){0}, 200));
	CHECK(!well_formed("/api/v1/{}", (char[200]){0}, 200));
}

/* Does text hold "METHOD PATH" with no more path after it? */
static int mentions(const char *text, const char *method, const char *path)
{
	char *needle = xasprintf("%s %s", method, path);
	int found = 0;
	for (const char *p = strstr(text, needle); p && !found; p = strstr(p + 1, needle)) {
		char next = p[strlen(needle)];
		found = !(isalnum((unsigned char)next) || strchr("/{_-", next));
	}
	free(needle);
	return found;
}

static void test_every_route_is_documented(void)
{
	FILE *f = fopen("docs/api.md", "rb");
	if (!f) {
		fprintf(stderr, "  docs/api.md not found: run from the project's top folder\n");
		CHECK(0);
		return;
	}
	struct buf doc = BUF_INIT;
	char chunk[8192];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&doc, chunk, got);
	fclose(f);
	size_t n;
	const struct route *r = table(&n);
	/* The document writes API paths in full or without the /api/v1 prefix. */
	const char *prefix = "/api/v1";
	for (size_t i = 0; i < n; i++) {
		const char *p = r[i].pattern;
		const char *rel = strncmp(p, prefix, strlen(prefix)) == 0 ? p + strlen(prefix) : p;
		if (!mentions(buf_str(&doc), r[i].method, p) && !mentions(buf_str(&doc), r[i].method, rel)) {
			fprintf(stderr, "  docs/api.md does not document %s %s\n", r[i].method, p);
			CHECK(0);
		}
	}
	CHECK(mentions("`GET /tasks/{id}` x", "GET", "/tasks/{id}"));
	CHECK(!mentions("`GET /tasks/{id}/reports`", "GET", "/tasks/{id}"));
	CHECK(mentions("`GET /reports/{period}/charts/{name}.svg`", "GET", "/reports/{period}/charts/{name}"));
	buf_release(&doc);
}

static void test_matching_and_params(void)
{
	struct api_call call = {0};
	struct route_params *rp = &call.params;
	int known;
	const struct route *r = route_find("GET", "/api/v1/tasks/42", rp, &known);
	CHECK(r && r->handler == api_task);
	struct http_req rq = {.ctx = &call};
	CHECK_STR(route_param(&rq, "id"), "42");
	CHECK(route_param(&rq, "unit") == NULL);
	CHECK(route_param(&rq, "i") == NULL);
	route_params_release(rp);

	r = route_find("PUT", "/api/v1/units/01822/reports/2026-Q1", rp, &known);
	CHECK(r && r->handler == api_unit_report_edit);
	CHECK_INT(rp->n, 2);
	CHECK_STR(route_param(&rq, "unit"), "01822");
	CHECK_STR(route_param(&rq, "period"), "2026-Q1");
	route_params_release(rp);

	r = route_find("GET", "/api/v1/reports/2026-H1/charts/status-by-field.svg", rp, &known);
	CHECK(r && r->handler == api_period_report_chart);
	CHECK_STR(route_param(&rq, "period"), "2026-H1");
	CHECK_STR(route_param(&rq, "name"), "status-by-field.svg");
	route_params_release(rp);

	/* Literal routes win where they come first, parameters take the rest. */
	r = route_find("GET", "/api/v1/audit/export", rp, &known);
	CHECK(r && r->handler == api_audit_export && rp->n == 0);
	r = route_find("GET", "/", rp, &known);
	CHECK(r && r->handler == web_index);
	/* No parameters: route_param finds nothing. */
	struct http_req bare = {0};
	CHECK(route_param(&bare, "id") == NULL);
}

static void test_head_is_get_and_405(void)
{
	struct route_params rp;
	int known;
	const struct route *r = route_find("HEAD", "/api/v1/units/04", &rp, &known);
	CHECK(r && r->handler == api_unit && strcmp(r->method, "GET") == 0);
	route_params_release(&rp);
	/* A path of another method: 405, not 404. */
	CHECK(route_find("DELETE", "/api/v1/tasks/1", &rp, &known) == NULL);
	CHECK_INT(known, 1);
	CHECK_INT(rp.n, 0);
	CHECK(route_find("HEAD", "/api/v1/session", &rp, &known) != NULL);
	CHECK(route_find("PATCH", "/api/v1/session", &rp, &known) == NULL && known == 1);
	CHECK(route_find("GET", "/api/v1/nothing", &rp, &known) == NULL && known == 0);
	/* HEAD matches GET routes only. */
	CHECK(route_find("HEAD", "/api/v1/progress-reports/1/confirm", &rp, &known) == NULL && known == 1);
}

static void test_paths_the_matcher_refuses(void)
{
	struct route_params rp;
	int known;
	/* Trailing slashes and empty segments are not folded. */
	CHECK(route_find("GET", "/api/v1/tasks/", &rp, &known) == NULL && known == 0);
	CHECK(route_find("GET", "/api/v1/tasks/1/", &rp, &known) == NULL && known == 0);
	CHECK(route_find("GET", "/api/v1/assignments//reports", &rp, &known) == NULL && known == 0);
	CHECK(route_find("GET", "/api/v1//tasks", &rp, &known) == NULL);
	CHECK(route_find("GET", "", &rp, &known) == NULL);
	/* A parameter is one segment: a slash ends it. */
	CHECK(route_find("GET", "/static/a/b.js", &rp, &known) == NULL && known == 0);
	CHECK(route_find("GET", "/api/v1/units/01822/reports/2026/Q1", &rp, &known) == NULL);
	/* Case matters in literal segments. */
	CHECK(route_find("GET", "/API/v1/tasks", &rp, &known) == NULL);
}

static void test_percent_escapes_stay_as_given(void)
{
	/* libmicrohttpd decodes the path before the router sees it; the
	 * router itself decodes nothing, so an escape it is given stays. */
	struct api_call call = {0};
	struct route_params *rp = &call.params;
	int known;
	const struct route *r = route_find("GET", "/api/v1/units/01%2F22/contacts", rp, &known);
	struct http_req rq = {.ctx = &call};
	CHECK(r && r->handler == api_contacts);
	CHECK_STR(route_param(&rq, "id"), "01%2F22");
	route_params_release(rp);
	r = route_find("GET", "/static/app%20x.js", rp, &known);
	CHECK(r && r->handler == web_static);
	CHECK_STR(route_param(&rq, "name"), "app%20x.js");
	route_params_release(rp);
	/* Decoded, a "/" separates segments like any other. */
	CHECK(route_find("GET", "/api/v1/units/01/22/contacts", rp, &known) == NULL);
}

static void test_every_route_matches_itself(void)
{
	/* Each pattern, its parameters filled with "x1", finds its own entry. */
	size_t n;
	const struct route *r = table(&n);
	for (size_t i = 0; i < n; i++) {
		struct buf path = BUF_INIT;
		for (const char *p = r[i].pattern; *p; p++) {
			if (*p == '{') {
				buf_adds(&path, "x1");
				p = strchr(p, '}');
			} else {
				buf_addc(&path, *p);
			}
		}
		struct route_params rp;
		int known;
		const struct route *got = route_find(r[i].method, buf_str(&path), &rp, &known);
		if (got != &r[i]) {
			fprintf(stderr, "  %s %s finds %s\n", r[i].method, buf_str(&path), got ? got->pattern : "nothing");
			CHECK(0);
		}
		route_params_release(&rp);
		buf_release(&path);
	}
}

int main(void)
{
	RUN(test_every_route_is_complete);
	RUN(test_patterns_are_well_formed_and_unique);
	RUN(test_every_route_is_documented);
	RUN(test_matching_and_params);
	RUN(test_head_is_get_and_405);
	RUN(test_paths_the_matcher_refuses);
	RUN(test_percent_escapes_stay_as_given);
	RUN(test_every_route_matches_itself);
	return test_summary();
}
