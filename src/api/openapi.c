/*
 * openapi.c — the API contract in OpenAPI 3.0, built from the route table
 * (methods, paths, path parameters, body kinds, who may call) and the data
 * file data-seed/openapi.json (each route's summary and schemas, keyed
 * "METHOD pattern").  A route without its entry, or an entry without its
 * route, is an error: the contract cannot drift from the table.
 */
#include "base/base.h"
#include "base/embed.h"
#include "api/api.h"

#include <ctype.h>
#include <string.h>

static json_t *error_response(const char *why)
{
	return json_pack("{s:s, s:{s:{s:{s:s}}}}", "description", why, "content", "application/json", "schema",
			 "$ref", "#/components/schemas/Error");
}

/* The {name} segments of pattern as path parameters. */
static json_t *path_parameters(const char *pattern)
{
	json_t *params = json_array();
	for (const char *p = strchr(pattern, '{'); p; p = strchr(p + 1, '{')) {
		const char *close = strchr(p, '}');
		if (!close)
			break;
		json_array_append_new(params, json_pack("{s:s%, s:s, s:b, s:{s:s}}", "name", p + 1,
							(size_t)(close - p - 1), "in", "path", "required", 1,
							"schema", "type", "string"));
	}
	return params;
}

static json_t *request_body(const struct route *r, json_t *entry)
{
	json_t *schema = json_object_get(entry, "request");
	json_t *any = schema ? NULL : json_pack("{s:s}", "type", "object");
	json_t *content = json_pack("{s:{s:O}}", "application/json", "schema", schema ? schema : any);
	json_decref(any);
	if (r->body == BODY_JSON_OR_UPLOAD)
		json_object_set_new(content, "multipart/form-data",
				    json_pack("{s:{s:s, s:{s:{s:s, s:{s:s, s:s}}}}}", "schema", "type", "object",
					      "properties", "evidence", "type", "array", "items", "type", "string",
					      "format", "binary"));
	else if (r->body == BODY_JSON_OR_FILE)
		json_object_set_new(content, "multipart/form-data",
				    json_pack("{s:{s:s, s:{s:{s:s, s:s}}}}", "schema", "type", "object", "properties",
					      "file", "type", "string", "format", "binary"));
	else if (r->body == BODY_JSON_OR_FORM || r->body == BODY_JSON_OR_FORM_UPLOAD)
		json_object_set_new(content, "application/x-www-form-urlencoded",
				    json_pack("{s:{s:s}}", "schema", "type", "object"));
	if (r->body == BODY_JSON_OR_FORM_UPLOAD)
		json_object_set_new(content, "multipart/form-data",
				    json_pack("{s:{s:s, s:{s:{s:s, s:{s:s, s:s}}}}}", "schema", "type", "object",
					      "properties", "attachment", "type", "array", "items", "type", "string",
					      "format", "binary"));
	return json_pack("{s:b, s:o}", "required", 1, "content", content);
}

/* The entry's answers, and the errors the route can give by its kind. */
static json_t *responses(const struct route *r, json_t *entry, int has_params)
{
	json_t *out = json_object();
	const char *status;
	json_t *a;
	json_object_foreach(json_object_get(entry, "responses"), status, a) {
		json_t *ct = json_object_get(a, "content_type");
		json_object_set_new(out, status, json_pack("{s:O, s:{s:{s:O}}}", "description",
							   json_object_get(a, "description"), "content",
							   ct ? json_string_value(ct) : "application/json",
							   "schema", json_object_get(a, "schema")));
	}
	if (!(r->flags & ROUTE_PUBLIC)) {
		json_object_set_new(out, "401", error_response("not signed in"));
		json_object_set_new(out, "403", error_response("not allowed (or a missing CSRF token)"));
	}
	if (has_params)
		json_object_set_new(out, "404", error_response("no such thing"));
	if (r->body != BODY_NONE) {
		json_object_set_new(out, "413", error_response("the body is too large"));
		json_object_set_new(out, "415", error_response("not JSON (or multipart where allowed)"));
		json_object_set_new(out, "422", error_response("a field is missing or wrong; it is named"));
	}
	json_object_set_new(out, "default", error_response("another error"));
	return out;
}

static json_t *security(const struct route *r)
{
	if (r->flags & ROUTE_PUBLIC)
		return json_array();
	int changes = strcmp(r->method, "GET") != 0;
	return changes ? json_pack("[{s:[], s:[]}, {s:[]}]", "session", "csrf", "bearer")
		       : json_pack("[{s:[]}, {s:[]}]", "session", "bearer");
}

/* "get_api_v1_units_id" */
static char *operation_id(const struct route *r)
{
	char *id = xasprintf("%s%s", r->method, r->pattern);
	size_t n = 0;
	for (const char *p = id; *p; p++) {
		if (isalnum((unsigned char)*p))
			id[n++] = (char)tolower((unsigned char)*p);
		else if (n && id[n - 1] != '_')
			id[n++] = '_';
	}
	while (n && id[n - 1] == '_')
		n--;
	id[n] = 0;
	return id;
}

static json_t *operation(const struct route *r, json_t *entry)
{
	json_t *params = path_parameters(r->pattern);
	int has_params = json_array_size(params) > 0;
	char *id = operation_id(r);
	json_t *op = json_pack("{s:O, s:s, s:o, s:o, s:o}", "summary", json_object_get(entry, "summary"),
			       "operationId", id, "parameters", params,
			       "responses", responses(r, entry, has_params), "security", security(r));
	free(id);
	if (r->body != BODY_NONE)
		json_object_set_new(op, "requestBody", request_body(r, entry));
	return op;
}

json_t *api_openapi(struct err *err)
{
	const struct embed_file *f = embed_find(embed_seed, "openapi.json");
	json_error_t je;
	json_t *data = f ? json_loadb((const char *)f->data, f->len, 0, &je) : NULL;
	json_t *doc = NULL;
	if (!data) {
		err_set(err, ERR_INTERNAL, "", "openapi.json does not read");
		goto cleanup;
	}
	json_t *ops = json_object_get(data, "operations"), *paths = json_object();
	json_t *info = json_deep_copy(json_object_get(data, "info"));
	json_object_set_new(info, "version", json_string(CCHC_VERSION));
	doc = json_pack("{s:s, s:o, s:[{s:s}], s:O, s:o}", "openapi", "3.0.3", "info", info, "servers", "url", "/",
			"components", json_object_get(data, "components"), "paths", paths);
	size_t n, used = 0;
	const struct route *r = route_table(&n);
	for (size_t i = 0; i < n; i++) {
		char *key = xasprintf("%s %s", r[i].method, r[i].pattern);
		json_t *entry = json_object_get(ops, key);
		if (!entry) {
			err_set(err, ERR_INTERNAL, "", "route %s has no entry in data-seed/openapi.json", key);
			free(key);
			json_decref(doc);
			doc = NULL;
			goto cleanup;
		}
		free(key);
		used++;
		json_t *item = json_object_get(paths, r[i].pattern);
		if (!item)
			json_object_set_new(paths, r[i].pattern, item = json_object());
		char method[8];
		size_t k = 0;
		for (; r[i].method[k] && k < sizeof method - 1; k++)
			method[k] = (char)tolower((unsigned char)r[i].method[k]);
		method[k] = 0;
		json_object_set_new(item, method, operation(&r[i], entry));
	}
	if (used != json_object_size(ops)) {
		err_set(err, ERR_INTERNAL, "", "data-seed/openapi.json has %zu entries for %zu routes",
			json_object_size(ops), used);
		json_decref(doc);
		doc = NULL;
	}
cleanup:
	json_decref(data);
	return doc;
}

void api_openapi_json(struct http_req *rq, struct http_resp *rs)
{
	(void)rq;
	struct err err;
	json_t *doc = api_openapi(&err);
	reply(rs, doc, &err);
}

/* One operation as a block of the page. */
static void page_operation(struct buf *b, const char *path, const char *method, json_t *op)
{
	buf_adds(b, "<section><h3><code>");
	for (const char *m = method; *m; m++)
		buf_addc(b, (char)toupper((unsigned char)*m));
	buf_adds(b, " ");
	buf_add_html(b, path);
	buf_adds(b, "</code></h3><p>");
	buf_add_html(b, json_string_value(json_object_get(op, "summary")));
	buf_adds(b, json_array_size(json_object_get(op, "security")) ? "</p><p>Signed in: a session cookie "
		 "(with X-CSRF-Token on changes) or a bearer token." : "</p><p>Public.");
	if (json_object_get(op, "requestBody"))
		buf_adds(b, " Takes a JSON body.");
	buf_adds(b, "</p><p>Answers:");
	const char *status;
	json_t *r;
	json_object_foreach(json_object_get(op, "responses"), status, r) {
		buf_adds(b, " <code>");
		buf_add_html(b, status);
		buf_adds(b, "</code> ");
		buf_add_html(b, json_string_value(json_object_get(r, "description")));
		buf_adds(b, ";");
	}
	buf_adds(b, "</p></section>\n");
}

void api_docs_page(struct http_req *rq, struct http_resp *rs)
{
	(void)rq;
	struct err err;
	json_t *doc = api_openapi(&err);
	if (!doc) {
		http_error(rs, &err);
		return;
	}
	struct buf *b = &rs->body;
	buf_reset(b);
	buf_adds(b, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>cchc API</title>"
		    "</head><body><h1>cchc API</h1><p>The machine-readable contract: "
		    "<a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a> (OpenAPI 3.0). Errors are "
		    "<code>{\"error\": {\"code\", \"message\", \"field\", \"request_id\"}}</code>.</p>\n");
	const char *path, *method;
	json_t *item, *op;
	json_object_foreach(json_object_get(doc, "paths"), path, item)
		json_object_foreach(item, method, op)
			page_operation(b, path, method, op);
	buf_adds(b, "</body></html>\n");
	rs->status = 200;
	rs->content_type = "text/html; charset=utf-8";
	json_decref(doc);
}
