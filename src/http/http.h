/*
 * http.h — the HTTP glue as the layer above sees it: a request, a response,
 * the body policy, and the dispatcher that layer registers.  The server
 * (server.c) reads the request, enforces size and type limits, parses JSON
 * bodies, splits multipart bodies and hands uploaded files' bytes to the
 * dispatcher; it knows nothing of routes, accounts or evidence.
 */
#ifndef CCHC_HTTP_H
#define CCHC_HTTP_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "base/base.h"
#include "base/err.h"

struct MHD_Connection;
struct resp_cache;

struct http_config {
	size_t max_json_body;	/* bytes of a JSON body */
	size_t max_upload_body;	/* bytes of a multipart body */
	size_t max_evidence;	/* bytes of one uploaded file */
	int max_files;		/* uploaded files in one request */
	int threads;
	int drain_seconds;		/* on SIGTERM, the wait for requests in flight */
	void (*hangup)(void *ctx);	/* on SIGHUP (NULL: ignored) */
	void *hangup_ctx;
};

/* What body a request may carry.  BODY_JSON_OR_UPLOAD hands files of field
 * "evidence" to the dispatcher's upload calls; BODY_JSON_OR_FILE keeps one
 * file of field "file" in memory (5 MB at most) for the handler to read;
 * BODY_JSON_OR_FORM takes a browser's form (urlencoded or multipart, text
 * fields only, in rq->form, as large as a JSON body).  BODY_JSON_OR_FORM_UPLOAD
 * is that form with files of field "attachment" handed to the upload calls
 * (a multipart body as large as an upload).  No kind is 0: a 0 is a route entry that forgot one. */
enum http_body { BODY_NONE = 1, BODY_JSON, BODY_JSON_OR_UPLOAD, BODY_JSON_OR_FILE, BODY_JSON_OR_FORM,
		 BODY_JSON_OR_FORM_UPLOAD };

/* A request id: 16 hex digits, or what the client sent in X-Request-Id. */
#define HTTP_REQUEST_ID_SIZE 65

struct http_req {
	struct MHD_Connection *conn;
	struct resp_cache *cache;	/* for http_memo_*; NULL: none */
	uint64_t memo_version;		/* the version http_memo_get saw (the server's) */
	const char *address;		/* the client's IP address */
	const char *method, *path;
	json_t *json;			/* parsed body when JSON was sent */
	json_t *form;			/* form text fields (multipart or urlencoded), as strings */
	const char *file;		/* BODY_JSON_OR_FILE: the file's bytes, or NULL */
	size_t file_len;
	const char *file_name;		/* as the client named it */
	/* What a GET's answer depends on besides its method, path and query
	 * (who asks, say); the dispatcher's begin sets it. */
	char scope[64];
	void *ctx;			/* the dispatcher's own state (begin sets, end frees) */
	/* For the request log and the metrics (http/obs.h): the id the
	 * answer carries, and what the dispatcher's begin learnt. */
	char request_id[HTTP_REQUEST_ID_SIZE];
	int route;			/* the route's number; -1: none matched */
	int64_t account_id;		/* who asked; 0: no one signed in */
};

struct http_resp {
	int status;
	const char *content_type;	/* static string */
	struct buf body;
	char *file;			/* send this file instead of body (owned) */
	const char *cache;		/* Cache-Control, or NULL; "no-store": never kept by the server either */
	char *disposition;		/* Content-Disposition value, or NULL (owned) */
	char *set_cookie;		/* Set-Cookie values, one a line, or NULL (owned) */
	int retry_after;		/* seconds for Retry-After (a 429), 0 for none */
	/* The request's id: sent as X-Request-Id and in an error's JSON
	 * ("request_id"); NULL or "" for none (the server sets it). */
	const char *request_id;
	/* An inline script the page may run, as a CSP source ('sha256-...'),
	 * or NULL: the page's import map (api/web.c). */
	const char *script_hash;
	/* A script, style or icon of the web UI, never opened as a page: the
	 * headers that only govern a page (CSP, framing, referrer) are left
	 * out, about 0.2 KB a file on a slow link. */
	bool subresource;
};

/*
 * What answers requests, registered by the layer above.  Uploaded files
 * arrive one at a time: upload_open, upload_write for each piece,
 * upload_close; end drops whatever was not closed.
 */
struct http_dispatch {
	void *app;			/* handed to begin */
	/* First call, before any byte of the body is accepted: find what
	 * answers, who asks and whether they may.  Sets rq->ctx and *body;
	 * an error is answered at once (*wrong_method: 405, not 404). */
	enum err_code (*begin)(void *app, struct http_req *rq, enum http_body *body, int *wrong_method,
			       struct err *err);
	/* The whole body is in: answer. */
	void (*run)(struct http_req *rq, struct http_resp *rs);
	/* Answers a request refused before run (by begin, a limit, a bad
	 * body); rs has only its request id.  NULL: the error as JSON. */
	void (*refuse)(struct http_req *rq, struct http_resp *rs, const struct err *err);
	/* The request is over (also after a failure); frees rq->ctx. */
	void (*end)(struct http_req *rq);
	/* name: the file's name as sent, NFC, without folders; max: its size limit. */
	enum err_code (*upload_open)(struct http_req *rq, const char *name, size_t max, struct err *err);
	enum err_code (*upload_write)(struct http_req *rq, const void *data, size_t len, struct err *err);
	enum err_code (*upload_close)(struct http_req *rq, struct err *err);
	/* The version of what answers are made from: a GET's answer is kept
	 * until it changes, or for another day.  NULL: nothing is kept. */
	uint64_t (*version)(void *src);
	void *version_src;
};

/* A query-string value, NULL when absent. */
const char *http_query(struct http_req *rq, const char *name);
/* A request header, NULL when absent. */
const char *http_header(struct http_req *rq, const char *name);
/* The request's cookie of that name, NULL when absent. */
const char *http_cookie(struct http_req *rq, const char *name);
/*
 * A small memo beside the response cache: size bytes kept under key,
 * dropped with the cached answers (on any change of version or day) and
 * after at most a minute.  get returns 1 and fills val when found.  Keys
 * may be secrets: they are wiped when dropped.
 */
int http_memo_get(struct http_req *rq, const char *key, void *val, size_t size);
void http_memo_put(struct http_req *rq, const char *key, const void *val, size_t size);
/* Sends j (reference stolen) with status. */
void http_json(struct http_resp *rs, int status, json_t *j);
/* Sends the JSON error {"error": {"code", "message", "field", "request_id"}}. */
void http_error(struct http_resp *rs, const struct err *e);
int http_status_of(enum err_code code);

#endif
