/*
 * http.h — what a request handler sees.  The server (server.c) reads the
 * request, enforces size and type limits, parses JSON bodies and stores
 * uploaded evidence before a handler runs; the handler makes one domain
 * call and fills the response.
 */
#ifndef CCHC_HTTP_H
#define CCHC_HTTP_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "base/base.h"
#include "base/err.h"
#include "domain/auth.h"
#include "domain/tracker.h"
#include "store/rows.h"

struct MHD_Connection;

struct http_config {
	size_t max_json_body;	/* bytes of a JSON body */
	size_t max_upload_body;	/* bytes of a multipart body */
	size_t max_evidence;	/* bytes of one evidence file */
	int max_files;		/* evidence files in one report */
	int threads;
};

struct store_probe;
struct resp_cache;

struct app {
	struct tracker tracker;
	struct http_config cfg;
	const char *data_dir;
	/* The response cache only asks storage whether anything changed since
	 * an answer was made; it reads no data itself.  NULL: no cache. */
	struct store_probe *probe;
	struct resp_cache *cache;	/* made by server_run */
};

/* BODY_JSON_OR_UPLOAD streams files of field "evidence" into evidence
 * storage; BODY_JSON_OR_FILE keeps one file of field "file" in memory
 * (5 MB at most) for the handler to read.  No kind is 0, nor are the route
 * flags: a 0 in either is a route entry that forgot one (t_routes says so). */
enum route_body { BODY_NONE = 1, BODY_JSON, BODY_JSON_OR_UPLOAD, BODY_JSON_OR_FILE };

/* The {name} segments of the matched route, in pattern order. */
#define ROUTE_MAX_PARAMS 4
struct route_param {
	const char *name;		/* points into the route's pattern, name_len bytes */
	size_t name_len;
	char *value;			/* the path segment as it came (owned, see route_params_release) */
};
struct route_params {
	size_t n;
	struct route_param p[ROUTE_MAX_PARAMS];
};

struct http_req {
	struct MHD_Connection *conn;
	const struct app *app;
	/* The app's tracker with who set to the signed-in principal (NULL on
	 * public routes): what every handler passes to the domain. */
	struct tracker tracker;
	const struct principal *who;
	const char *address;		/* the client's IP address */
	const char *method, *path;
	const struct route_params *params;	/* the route's {name} segments; read with route_param */
	json_t *json;			/* parsed body for BODY_JSON routes */
	json_t *form;			/* multipart text fields, as strings */
	struct evidence_new *ev;	/* stored uploads (owned by the server) */
	size_t nev;
	const char *file;		/* BODY_JSON_OR_FILE: the file's bytes, or NULL */
	size_t file_len;
	const char *file_name;		/* as the client named it */
};

struct http_resp {
	int status;
	const char *content_type;	/* static string */
	struct buf body;
	char *file;			/* send this file instead of body (owned) */
	const char *cache;		/* Cache-Control, or NULL */
	char *disposition;		/* Content-Disposition value, or NULL (owned) */
	char *set_cookie;		/* Set-Cookie value, or NULL (owned) */
	int retry_after;		/* seconds for Retry-After (a 429), 0 for none */
};

/* Exactly one of ROUTE_PUBLIC and ROUTE_SIGNED_IN. */
enum route_flags {
	ROUTE_PUBLIC = 1,		/* no sign-in needed; action is not checked */
	ROUTE_SIGNED_IN = 2,		/* a principal to whom action may be open */
};

struct route {
	const char *method;
	/* "/api/v1/units/{unit}/reports/{period}": literal segments and whole
	 * {name} segments, at most ROUTE_MAX_PARAMS of them (see route_find). */
	const char *pattern;
	void (*handler)(struct http_req *rq, struct http_resp *rs);
	enum route_body body;
	enum action action;		/* checked with auth_may before the body is read */
	unsigned flags;
};

/*
 * The first route whose method and pattern match; HEAD matches GET routes.
 * params gets the route's {name} segments (release with
 * route_params_release, also after NULL).  *path_known is set when the
 * path matches a route of another method (a 405, not a 404).
 */
const struct route *route_find(const char *method, const char *path, struct route_params *params,
			       int *path_known);
void route_params_release(struct route_params *params);
/* The value of the {name} segment, or NULL when the route has none. */
const char *route_param(const struct http_req *rq, const char *name);
/* The whole table, for tests and `cchc routes`. */
const struct route *route_table(size_t *n);
/* "none", "json", "json_or_upload", "json_or_file"; NULL for no kind. */
const char *route_body_name(enum route_body body);

/* A query-string value, NULL when absent. */
const char *http_query(struct http_req *rq, const char *name);
/* Sends j (reference stolen) with status. */
void http_json(struct http_resp *rs, int status, json_t *j);
/* Sends the JSON error {"error": {"code", "message", "field"}}. */
void http_error(struct http_resp *rs, const struct err *e);
int http_status_of(enum err_code code);

#endif
