/*
 * server.c — libmicrohttpd glue: one access handler for every request.
 *
 * The handler is called several times per request.  The first call lets
 * the dispatcher decide what answers, who asks and whether they may, then
 * checks what can be checked before the body arrives (Content-Length,
 * Content-Type), answering 401/403/404/405/413/415 at once; the calls with upload data collect the body (or stream multipart
 * files to the dispatcher's upload calls) within the route's limit; the
 * last call runs the dispatcher.  Responses are queued on the last call, never
 * the first, so that keep-alive connections stay open.
 */
#include "base/base.h"
#include "base/date.h"
#include "base/meter.h"
#include "base/vitext.h"
#include "http/http.h"
#include "http/obs.h"
#include "http/server.h"
#include "http/wire.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_FORM_FIELD 32768
#define MAX_FORM_FILE (5 * 1024 * 1024)	/* a document uploaded to be read */
#define CACHE_BUCKETS 1024
#define CACHE_MAX_BYTES (24u << 20)
#define CACHE_MAX_ENTRY (2u << 20)

/*
 * The response cache.  Every GET answer is a function of the database, the
 * request's path and query, and today's date (the default as-of day), so
 * a finished response can be queued again for the same request as long as
 * the database has not changed.  Responses are libmicrohttpd objects,
 * reference-counted by it, so one entry serves many connections at once
 * and dropping an entry never frees bytes still being sent.  Any change
 * to the database empties the cache.  The key holds the request's scope
 * (what the dispatcher says the answer depends on besides the URL).
 */

/* One GET answer in the forms it goes out in: plain and, for text over
 * WIRE_GZIP_MIN, gzip-compressed once (not per request); each form has its
 * entity tag, against which If-None-Match is answered 304. */
struct answer {
	struct MHD_Response *plain, *gz;	/* gz: NULL when not compressed */
	char etag[WIRE_ETAG_SIZE], etag_gz[WIRE_ETAG_SIZE];
	const char *cache_control;		/* static string */
	int vary;				/* its form depends on Accept-Encoding */
	size_t size;				/* bytes of both forms */
};

static void answer_release(struct answer *a)
{
	if (a->plain)
		MHD_destroy_response(a->plain);
	if (a->gz)
		MHD_destroy_response(a->gz);
}

struct cache_entry {
	char *key;
	uint64_t hash;
	struct answer a;
	struct cache_entry *next;
};

/*
 * The memo (http_memo_get/put): small values the dispatcher keeps beside
 * the answers, dropped with them and after MEMO_TTL seconds at most.
 */
#define MEMO_BUCKETS 256
#define MEMO_MAX 4096
#define MEMO_TTL 60

struct memo_entry {
	char *key;
	uint64_t hash;
	time_t until;
	size_t size;
	struct memo_entry *next;
	unsigned char val[];
};

struct resp_cache {
	pthread_mutex_t mu;
	uint64_t (*current)(void *src);	/* the data's version now */
	void *src;
	uint64_t version;
	int32_t day;
	size_t bytes;
	struct cache_entry *buckets[CACHE_BUCKETS];
	struct memo_entry *memo[MEMO_BUCKETS];
	size_t nmemo;
};

static struct resp_cache *cache_new(const struct http_dispatch *d)
{
	struct resp_cache *c = xcalloc(1, sizeof *c);
	pthread_mutex_init(&c->mu, NULL);
	c->current = d->version;
	c->src = d->version_src;
	return c;
}

/* Caller holds c->mu. */
static void cache_clear(struct resp_cache *c)
{
	for (size_t i = 0; i < CACHE_BUCKETS; i++) {
		struct cache_entry *e = c->buckets[i], *next;
		for (; e; e = next) {
			next = e->next;
			answer_release(&e->a);
			free(e->key);
			free(e);
		}
		c->buckets[i] = NULL;
	}
	c->bytes = 0;
	for (size_t i = 0; i < MEMO_BUCKETS; i++) {
		struct memo_entry *m = c->memo[i], *next;
		for (; m; m = next) {
			next = m->next;
			sodium_memzero(m->key, strlen(m->key));
			sodium_memzero(m->val, m->size);
			free(m->key);
			free(m);
		}
		c->memo[i] = NULL;
	}
	c->nmemo = 0;
}

static void cache_free(struct resp_cache *c)
{
	if (!c)
		return;
	cache_clear(c);
	pthread_mutex_destroy(&c->mu);
	free(c);
}

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	struct buf *b = cls;
	buf_printf(b, "&%s=%s", key, value ? value : "");
	return MHD_YES;
}

/* "METHOD PATH&k=v&k=v": the decoded query in the order it came. */
static char *cache_key(struct MHD_Connection *conn, const char *method, const char *url, const char *scope)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s %s %s", scope, strcmp(method, "HEAD") == 0 ? "GET" : method, url);
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, add_arg, &b);
	return buf_detach(&b);
}

/* Brings the cache to the database's version and today's date; caller holds mu. */
static void cache_sync(struct resp_cache *c, uint64_t version, int32_t day)
{
	if (c->version != version || c->day != day) {
		cache_clear(c);
		c->version = version;
		c->day = day;
	}
}

static enum MHD_Result answer_queue(struct MHD_Connection *conn, const struct answer *a, const char *id,
				    int *status);

/* Queues the cached answer for key (a 304 carries id; *status gets what
 * was sent); returns 0 when there is none. */
static int cache_answer(struct resp_cache *c, uint64_t version, int32_t day, const char *key,
			struct MHD_Connection *conn, const char *id, int *status, enum MHD_Result *ret)
{
	uint64_t h = fnv1a(key);
	int found = 0;
	pthread_mutex_lock(&c->mu);
	cache_sync(c, version, day);
	for (struct cache_entry *e = c->buckets[h % CACHE_BUCKETS]; e; e = e->next)
		if (e->hash == h && strcmp(e->key, key) == 0) {
			*ret = answer_queue(conn, &e->a, id, status);
			found = 1;
			break;
		}
	pthread_mutex_unlock(&c->mu);
	return found;
}

/* Keeps a for key if it was made at version, taking over the caller's
 * references (libmicrohttpd has no call to add one); returns 0 when it did
 * not, and the caller drops its references as usual. */
static int cache_keep(struct resp_cache *c, uint64_t version, int32_t day, const char *key,
		      const struct answer *a)
{
	int kept = 0;
	size_t size = a->size;
	if (size > CACHE_MAX_ENTRY)
		return 0;
	/* The answer was computed after version was read; if the database
	 * moved on meanwhile (a write by this very request, as recording a
	 * look at a discipline case is, or by another) it may be stale, and
	 * serving it again would also skip that write: keep it only if
	 * nothing changed. */
	uint64_t now = c->current(c->src);
	pthread_mutex_lock(&c->mu);
	cache_sync(c, now, day);
	if (now == version) {
		if (c->bytes + size > CACHE_MAX_BYTES)
			cache_clear(c);
		uint64_t h = fnv1a(key);
		struct cache_entry *e = xcalloc(1, sizeof *e);
		e->key = xstrdup(key);
		e->hash = h;
		e->a = *a;
		e->next = c->buckets[h % CACHE_BUCKETS];
		c->buckets[h % CACHE_BUCKETS] = e;
		c->bytes += size;
		kept = 1;
	}
	pthread_mutex_unlock(&c->mu);
	return kept;
}

/* What the access handler is given: the limits, the dispatcher, the cache. */
struct server {
	const struct http_config *cfg;
	const struct http_dispatch *d;
	struct resp_cache *cache;	/* NULL: nothing is kept */
	_Atomic int active;		/* requests begun and not completed */
};

struct request_state {
	struct http_req rq;		/* what the dispatcher sees */
	const struct server *srv;
	enum http_body body_kind;	/* set by the dispatcher's begin */
	int begun;			/* begin was called: end is owed */
	struct buf file;		/* BODY_JSON_OR_FILE: the one file, in memory */
	char *file_name;
	struct err err;			/* set when the request has failed */
	int failed;
	int answered;			/* a response was queued early */
	int wrong_method;		/* the path exists for other methods: 405 */
	int multipart;
	size_t limit;
	size_t discarded;		/* body bytes dropped after a failure */
	struct buf body;
	struct MHD_PostProcessor *pp;
	json_t *form;
	int nfiles;			/* uploaded files begun */
	int file_open;			/* the last one is not closed yet */
	char address[64];
	uint64_t start_ns;		/* the first call (meter_now_ns) */
	int status;			/* what was answered; 0: nothing yet */
};

int http_status_of(enum err_code code)
{
	switch (code) {
	case ERR_OK: return 200;
	case ERR_INVALID: return 422;
	case ERR_BAD_REQUEST: return 400;
	case ERR_NOT_FOUND: return 404;
	case ERR_CONFLICT: return 409;
	case ERR_TOO_LARGE: return 413;
	case ERR_UNSUPPORTED: return 415;
	case ERR_BUSY: return 503;
	case ERR_UNAUTHORIZED: return 401;
	case ERR_FORBIDDEN: return 403;
	case ERR_THROTTLED: return 429;
	default: return 500;
	}
}

void http_json(struct http_resp *rs, int status, json_t *j)
{
	rs->status = status;
	rs->content_type = "application/json; charset=utf-8";
	buf_reset(&rs->body);
	/* 15 significant digits: a rate rounded to 4 decimals (0.5653) is
	 * written as such, not as the nearest double's 17 digits
	 * (0.56530000000000002); any value a person typed survives intact. */
	char *s = json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(15));
	if (s) {
		buf_adds(&rs->body, s);
		free(s);
	}
	json_decref(j);
}

void http_error(struct http_resp *rs, const struct err *e)
{
	json_t *inner = json_pack("{s:s, s:s, s:s?, s:s?}", "code", err_code_name(e->code),
				  "message", e->message[0] ? e->message : err_code_name(e->code),
				  "field", e->field[0] ? e->field : NULL, "request_id",
				  rs->request_id && *rs->request_id ? rs->request_id : NULL);
	http_json(rs, http_status_of(e->code), json_pack("{s:o}", "error", inner));
	if (e->retry_after > 0)
		rs->retry_after = e->retry_after;
}

const char *http_query(struct http_req *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *http_header(struct http_req *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}

const char *http_cookie(struct http_req *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_COOKIE_KIND, name);
}

static void add_common_headers(struct MHD_Response *r, const struct http_resp *rs)
{
	MHD_add_response_header(r, "Content-Type", rs->content_type ? rs->content_type : "text/plain");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	if (!rs->subresource) {
		MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
		MHD_add_response_header(r, "X-Frame-Options", "DENY");
		char csp[512];
		snprintf(csp, sizeof csp,
			 "default-src 'self'; img-src 'self' data:; style-src 'self'; "
			 "script-src 'self'%s%s; object-src 'none'; frame-ancestors 'none'; base-uri 'none'",
			 rs->script_hash ? " " : "", rs->script_hash ? rs->script_hash : "");
		MHD_add_response_header(r, "Content-Security-Policy", csp);
	}
	MHD_add_response_header(r, "Cache-Control", rs->cache ? rs->cache : "no-store");
	if (rs->request_id && *rs->request_id)
		MHD_add_response_header(r, "X-Request-Id", rs->request_id);
}

/* A libmicrohttpd response for rs, with every header; *size is its length. */
static struct MHD_Response *make_resp(struct http_resp *rs, size_t *size)
{
	struct MHD_Response *r = NULL;
	*size = 0;
	if (rs->file) {
		int fd = open(rs->file, O_RDONLY | O_CLOEXEC);
		struct stat sb;
		if (fd >= 0 && fstat(fd, &sb) == 0) {
			r = MHD_create_response_from_fd((uint64_t)sb.st_size, fd);
			*size = (size_t)sb.st_size;
		} else {
			if (fd >= 0)
				close(fd);
			struct err e;
			err_set(&e, ERR_NOT_FOUND, "", "file not found");
			http_error(rs, &e);
		}
	}
	if (!r) {
		size_t len = rs->body.len;
		r = MHD_create_response_from_buffer(len, len ? buf_detach(&rs->body) : (char *)"",
						    len ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
		*size = len;
	}
	if (!r)
		return NULL;
	add_common_headers(r, rs);
	if (rs->disposition)
		MHD_add_response_header(r, "Content-Disposition", rs->disposition);
	/* One header per cookie: a browser reads a comma in one as part of a value. */
	for (char *c = rs->set_cookie, *nl; c && *c; c = nl ? nl + 1 : NULL) {
		nl = strchr(c, '\n');
		if (nl)
			*nl = '\0';
		MHD_add_response_header(r, "Set-Cookie", c);
	}
	if (rs->retry_after > 0) {
		char seconds[16];
		snprintf(seconds, sizeof seconds, "%d", rs->retry_after);
		MHD_add_response_header(r, "Retry-After", seconds);
	}
	return r;
}

/* The plain and (for text over WIRE_GZIP_MIN) compressed forms of a GET's
 * answer rs, with their tags; rs->body is handed over.  Downloads
 * (attachments) are sent as they are. */
static int make_answer(struct http_resp *rs, struct answer *a)
{
	size_t plain_size;
	*a = (struct answer){.cache_control = rs->cache ? rs->cache : "private, no-cache"};
	/* Kept and sent to many requests: no one request's id. */
	rs->request_id = NULL;
	/* Stored by the browser and confirmed with a 304 rather than sent again. */
	rs->cache = a->cache_control;
	const char *body = buf_str(&rs->body);
	wire_etag(body, rs->body.len, 0, a->etag);
	a->vary = rs->body.len > WIRE_GZIP_MIN && !rs->disposition && wire_compressible(rs->content_type);
	struct buf gz = BUF_INIT;
	if (a->vary && wire_gzip(body, rs->body.len, &gz) == 0 && gz.len < rs->body.len) {
		size_t len = gz.len;
		char *bytes = buf_detach(&gz);	/* libmicrohttpd frees it with the response */
		a->gz = MHD_create_response_from_buffer(len, bytes, MHD_RESPMEM_MUST_FREE);
		if (!a->gz) {
			free(bytes);
			goto fail;
		}
		wire_etag(body, rs->body.len, 1, a->etag_gz);
		add_common_headers(a->gz, rs);
		MHD_add_response_header(a->gz, "Content-Encoding", "gzip");
		MHD_add_response_header(a->gz, "Vary", "Accept-Encoding");
		MHD_add_response_header(a->gz, "ETag", a->etag_gz);
		a->size += len;
	}
	buf_release(&gz);
	a->plain = make_resp(rs, &plain_size);
	if (!a->plain)
		goto fail;
	MHD_add_response_header(a->plain, "ETag", a->etag);
	if (a->vary)
		MHD_add_response_header(a->plain, "Vary", "Accept-Encoding");
	a->size += plain_size;
	return 0;
fail:
	buf_release(&gz);
	answer_release(a);
	return -1;
}

/* Queues the form of a the client accepts, or 304 (made for this request,
 * so it carries id) when its copy is current; *status gets which. */
static enum MHD_Result answer_queue(struct MHD_Connection *conn, const struct answer *a, const char *id,
				    int *status)
{
	int gz = a->gz && wire_accepts_gzip(MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Accept-Encoding"));
	const char *etag = gz ? a->etag_gz : a->etag;
	*status = MHD_HTTP_OK;
	if (!wire_etag_matches(MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "If-None-Match"), etag))
		return MHD_queue_response(conn, MHD_HTTP_OK, gz ? a->gz : a->plain);
	*status = MHD_HTTP_NOT_MODIFIED;
	struct MHD_Response *r = MHD_create_response_from_buffer(0, (char *)"", MHD_RESPMEM_PERSISTENT);
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "ETag", etag);
	if (*id)
		MHD_add_response_header(r, "X-Request-Id", id);
	MHD_add_response_header(r, "Cache-Control", a->cache_control);
	if (a->vary)
		MHD_add_response_header(r, "Vary", "Accept-Encoding");
	enum MHD_Result ret = MHD_queue_response(conn, MHD_HTTP_NOT_MODIFIED, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result send_resp(struct MHD_Connection *conn, struct http_resp *rs)
{
	size_t size;
	struct MHD_Response *r = make_resp(rs, &size);
	if (!r)
		return MHD_NO;
	enum MHD_Result ret = MHD_queue_response(conn, (unsigned)rs->status, r);
	MHD_destroy_response(r);
	return ret;
}

/* Answers a request refused before its handler ran: as the dispatcher's
 * refuse says, else the error as JSON. */
static enum MHD_Result send_error(struct request_state *s, struct MHD_Connection *conn)
{
	struct http_resp rs = {.request_id = s->rq.request_id};
	if (s->srv->d->refuse)
		s->srv->d->refuse(&s->rq, &rs, &s->err);
	else
		http_error(&rs, &s->err);
	if (s->wrong_method)
		rs.status = 405;
	s->status = rs.status;
	enum MHD_Result ret = send_resp(conn, &rs);
	buf_release(&rs.body);
	return ret;
}

static void fail(struct request_state *s, enum err_code code, const char *field, const char *msg)
{
	if (s->failed)
		return;
	s->failed = 1;
	err_set(&s->err, code, field, "%s", msg);
}

int http_memo_get(struct http_req *rq, const char *key, void *val, size_t size)
{
	struct resp_cache *c = rq->cache;
	if (!c)
		return 0;
	uint64_t version = c->current(c->src), h = fnv1a(key);
	time_t now = time(NULL);
	int found = 0;
	rq->memo_version = version;
	pthread_mutex_lock(&c->mu);
	cache_sync(c, version, date_today());
	for (struct memo_entry *m = c->memo[h % MEMO_BUCKETS]; m; m = m->next)
		if (m->hash == h && m->until > now && m->size == size && strcmp(m->key, key) == 0) {
			memcpy(val, m->val, size);
			found = 1;
			break;
		}
	pthread_mutex_unlock(&c->mu);
	return found;
}

void http_memo_put(struct http_req *rq, const char *key, const void *val, size_t size)
{
	struct resp_cache *c = rq->cache;
	if (!c)
		return;
	/* What was looked up since the get may already be stale: keep it
	 * only if nothing changed meanwhile. */
	uint64_t version = c->current(c->src);
	pthread_mutex_lock(&c->mu);
	cache_sync(c, version, date_today());
	if (version == rq->memo_version && c->nmemo < MEMO_MAX) {
		struct memo_entry *m = xcalloc(1, sizeof *m + size);
		m->key = xstrdup(key);
		m->hash = fnv1a(key);
		m->until = time(NULL) + MEMO_TTL;
		m->size = size;
		memcpy(m->val, val, size);
		m->next = c->memo[m->hash % MEMO_BUCKETS];
		c->memo[m->hash % MEMO_BUCKETS] = m;
		c->nmemo++;
	}
	pthread_mutex_unlock(&c->mu);
}

/* ---- multipart ------------------------------------------------------- */

/* Closes the uploaded file being received, if one is. */
static void finish_file(struct request_state *s)
{
	if (!s->file_open)
		return;
	s->file_open = 0;
	if (s->srv->d->upload_close(&s->rq, &s->err) != ERR_OK)
		s->failed = 1;
}

/* Starts an uploaded file of field (the route's file field) named filename. */
static enum MHD_Result open_file(struct request_state *s, const char *field, const char *filename)
{
	finish_file(s);
	if (s->failed)
		return MHD_NO;
	if (s->nfiles >= s->srv->cfg->max_files) {
		char msg[96];
		snprintf(msg, sizeof msg, "at most %d files per request", s->srv->cfg->max_files);
		fail(s, ERR_TOO_LARGE, field, msg);
		return MHD_NO;
	}
	char *name = vi_nfc(filename, strlen(filename));
	if (!name || !*name || strlen(name) > 255) {
		free(name);
		fail(s, ERR_BAD_REQUEST, field, "a file name must be UTF-8 text of 1 to 255 bytes");
		return MHD_NO;
	}
	/* Keep only the last path component of what the browser sent. */
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	const char *bs = strrchr(base, '\\');
	base = bs ? bs + 1 : base;
	s->nfiles++;
	enum err_code rc = s->srv->d->upload_open(&s->rq, *base ? base : field, s->srv->cfg->max_evidence, &s->err);
	free(name);
	if (rc != ERR_OK) {
		s->failed = 1;
		return MHD_NO;
	}
	s->file_open = 1;
	return MHD_YES;
}

static enum MHD_Result form_iter(void *cls, enum MHD_ValueKind kind, const char *key,
				 const char *filename, const char *content_type,
				 const char *transfer_encoding, const char *data, uint64_t off,
				 size_t size)
{
	(void)kind;
	(void)content_type;
	(void)transfer_encoding;
	struct request_state *s = cls;
	if (s->failed)
		return MHD_NO;
	if (filename && !*filename) {
		/* A browser sends a file input left empty as a part with no file name and no bytes. */
		if (size == 0)
			return MHD_YES;
		fail(s, ERR_BAD_REQUEST, key, "a file needs a name");
		return MHD_NO;
	}
	if (filename && s->body_kind == BODY_JSON_OR_FORM) {
		fail(s, ERR_INVALID, key, "this form takes no files");
		return MHD_NO;
	}
	if (filename && s->body_kind == BODY_JSON_OR_FILE) {
		/* A document to read: one file, field "file", kept in memory. */
		if (strcmp(key, "file") != 0 || (off == 0 && s->file_name)) {
			fail(s, ERR_INVALID, key, "send one file, in the form field 'file'");
			return MHD_NO;
		}
		if (off == 0)
			s->file_name = xstrdup(filename);
		if (s->file.len + size > MAX_FORM_FILE) {
			char msg[96];
			snprintf(msg, sizeof msg, "the file is larger than the limit of %d bytes", MAX_FORM_FILE);
			fail(s, ERR_TOO_LARGE, "file", msg);
			return MHD_NO;
		}
		buf_add(&s->file, data, size);
		return MHD_YES;
	}
	if (filename) {
		const char *field = s->body_kind == BODY_JSON_OR_FORM_UPLOAD ? "attachment" : "evidence";
		if (strcmp(key, field) != 0) {
			char msg[64];
			snprintf(msg, sizeof msg, "files go in the form field '%s'", field);
			fail(s, ERR_INVALID, key, msg);
			return MHD_NO;
		}
		if (off == 0 && open_file(s, field, filename) != MHD_YES)
			return MHD_NO;
		if (size && s->srv->d->upload_write(&s->rq, data, size, &s->err) != ERR_OK) {
			s->failed = 1;
			return MHD_NO;
		}
		return MHD_YES;
	}
	/* A text field: collect (bounded) into form[key]. */
	json_t *old = json_object_get(s->form, key);
	size_t have = old ? json_string_length(old) : 0;
	if (have + size > MAX_FORM_FIELD) {
		fail(s, ERR_TOO_LARGE, key, "a form field is too long");
		return MHD_NO;
	}
	struct buf b = BUF_INIT;
	if (old)
		buf_add(&b, json_string_value(old), have);
	buf_add(&b, data, size);
	json_t *v = json_stringn_nocheck(buf_str(&b), b.len);
	json_object_set_new(s->form, key, v);
	buf_release(&b);
	return MHD_YES;
}

/* ---- the access handler ---------------------------------------------- */

static int has_prefix_ci(const char *s, const char *prefix)
{
	return s && strncasecmp(s, prefix, strlen(prefix)) == 0;
}

static void client_address(struct MHD_Connection *conn, char out[64])
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	out[0] = 0;
	if (!ci || !ci->client_addr)
		return;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out, 64);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out, 64);
}

/* First call: the dispatcher's begin, then limits and content type, before any body is read. */
static void begin_request(struct request_state *s, struct MHD_Connection *conn)
{
	const struct server *srv = s->srv;
	s->begun = 1;
	if (srv->d->begin(srv->d->app, &s->rq, &s->body_kind, &s->wrong_method, &s->err) != ERR_OK) {
		s->failed = 1;
		return;
	}
	if (s->body_kind == BODY_NONE)
		return;
	const char *type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
	int json = has_prefix_ci(type, "application/json");
	/* A form, multipart or urlencoded: the same parser reads both. */
	int form = s->body_kind == BODY_JSON_OR_FORM || s->body_kind == BODY_JSON_OR_FORM_UPLOAD;
	int files = has_prefix_ci(type, "multipart/form-data") && s->body_kind != BODY_JSON_OR_FORM;
	s->multipart = s->body_kind != BODY_JSON && (has_prefix_ci(type, "multipart/form-data") ||
						     (form && has_prefix_ci(type, "application/x-www-form-urlencoded")));
	if (!json && !s->multipart) {
		fail(s, ERR_UNSUPPORTED, "", form ? "send application/json or a form (urlencoded or multipart)"
			     : s->body_kind != BODY_JSON ? "send application/json or multipart/form-data"
			     : "send application/json");
		return;
	}
	s->limit = s->multipart && files ? srv->cfg->max_upload_body : srv->cfg->max_json_body;
	const char *len = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
	if (len && strtoull(len, NULL, 10) > s->limit) {
		char msg[96];
		snprintf(msg, sizeof msg, "the body is larger than the limit of %zu bytes", s->limit);
		fail(s, ERR_TOO_LARGE, "", msg);
		return;
	}
	if (s->multipart) {
		s->form = json_object();
		s->pp = MHD_create_post_processor(conn, 65536, form_iter, s);
		if (!s->pp)
			fail(s, ERR_BAD_REQUEST, "", "the multipart body has no boundary");
	}
}

static void body_data(struct request_state *s, const char *data, size_t size)
{
	if (s->failed)
		return;
	if (s->body.len + size > s->limit) {
		char msg[96];
		snprintf(msg, sizeof msg, "the body is larger than the limit of %zu bytes", s->limit);
		fail(s, ERR_TOO_LARGE, "", msg);
		return;
	}
	if (s->multipart) {
		s->body.len += size;	/* counts bytes only; the data goes to the parser */
		if (MHD_post_process(s->pp, data, size) != MHD_YES && !s->failed)
			fail(s, ERR_BAD_REQUEST, "", "the multipart body is malformed");
	} else {
		buf_add(&s->body, data, size);
	}
}

/* Last call: the body is in; parse it and let the dispatcher answer. */
static void run_handler(struct request_state *s, struct http_resp *rs)
{
	struct http_req *rq = &s->rq;
	if (s->body_kind != BODY_NONE && !s->multipart) {
		json_error_t je;
		rq->json = json_loadb(buf_str(&s->body), s->body.len, JSON_REJECT_DUPLICATES, &je);
		if (!rq->json || !json_is_object(rq->json)) {
			struct err e;
			if (!rq->json)
				err_set(&e, ERR_BAD_REQUEST, "", "invalid JSON at line %d column %d: %s", je.line,
					je.column, je.text);
			else
				err_set(&e, ERR_BAD_REQUEST, "", "the body must be a JSON object");
			http_error(rs, &e);
			return;
		}
	}
	if (s->multipart) {
		if (s->pp) {
			MHD_destroy_post_processor(s->pp);
			s->pp = NULL;
		}
		finish_file(s);
		if (s->failed) {
			http_error(rs, &s->err);
			return;
		}
		rq->form = s->form;
		rq->file = s->file_name ? buf_str(&s->file) : NULL;
		rq->file_len = s->file.len;
		rq->file_name = s->file_name;
	}
	s->srv->d->run(rq, rs);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *http_version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	(void)http_version;
	struct request_state *s = *con_cls;
	if (!s) {
		s = xcalloc(1, sizeof *s);
		s->srv = cls;
		*con_cls = s;
		s->start_ns = meter_now_ns();
		atomic_fetch_add_explicit(&((struct server *)cls)->active, 1, memory_order_relaxed);
		client_address(conn, s->address);
		s->rq = (struct http_req){.conn = conn, .cache = s->srv->cache, .address = s->address,
					  .method = method, .path = url, .route = -1};
		obs_begin(&s->rq);
		begin_request(s, conn);
		/* Refuse a body we will not read before the client sends it. */
		if (s->failed && s->body_kind && s->body_kind != BODY_NONE) {
			s->answered = 1;
			return send_error(s, conn);
		}
		return MHD_YES;
	}
	if (*upload_data_size) {
		/* libmicrohttpd takes a response only before or after the body.
		 * A body without Content-Length that outgrows the limit is
		 * discarded as it comes and answered at its end; past four
		 * times the limit the connection is dropped instead. */
		if (!s->answered)
			body_data(s, upload_data, *upload_data_size);
		if (s->failed) {
			s->discarded += *upload_data_size;
			if (s->discarded > 4 * (s->limit ? s->limit : 1))
				return MHD_NO;
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (s->answered)
		return MHD_YES;
	s->answered = 1;
	if (s->failed)
		return send_error(s, conn);
	struct resp_cache *cache = s->srv->cache;
	int cacheable = cache && (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0);
	char *key = NULL;
	uint64_t version = 0;
	int32_t day = 0;
	enum MHD_Result ret;
	if (cacheable) {
		key = cache_key(conn, method, url, s->rq.scope);
		version = cache->current(cache->src);
		day = date_today();
		if (cache_answer(cache, version, day, key, conn, s->rq.request_id, &s->status, &ret)) {
			free(key);
			return ret;
		}
	}
	struct http_resp rs = {.status = 200, .request_id = s->rq.request_id};
	run_handler(s, &rs);
	s->status = rs.status;
	struct answer a;
	/* An answer marked no-store (health, metrics) is made afresh each time. */
	int keep = !rs.file && !rs.set_cookie && !(rs.cache && strcmp(rs.cache, "no-store") == 0);
	if (cacheable && rs.status == 200 && keep) {
		if (make_answer(&rs, &a) != 0) {
			ret = MHD_NO;
		} else {
			ret = answer_queue(conn, &a, s->rq.request_id, &s->status);
			if (!cache_keep(cache, version, day, key, &a))
				answer_release(&a);
		}
	} else {
		ret = send_resp(conn, &rs);
	}
	free(key);
	buf_release(&rs.body);
	free(rs.file);
	free(rs.disposition);
	free(rs.set_cookie);
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)conn;
	(void)toe;
	struct request_state *s = *con_cls;
	if (!s)
		return;
	obs_end(&s->rq, s->status, meter_now_ns() - s->start_ns);
	atomic_fetch_sub_explicit(&((struct server *)cls)->active, 1, memory_order_relaxed);
	if (s->pp)
		MHD_destroy_post_processor(s->pp);
	if (s->begun)
		s->srv->d->end(&s->rq);
	json_decref(s->rq.json);
	json_decref(s->form);
	buf_release(&s->file);
	free(s->file_name);
	buf_release(&s->body);
	free(s);
	*con_cls = NULL;
}

void server_block_signals(sigset_t *signals)
{
	sigemptyset(signals);
	sigaddset(signals, SIGINT);
	sigaddset(signals, SIGTERM);
	sigaddset(signals, SIGHUP);
	pthread_sigmask(SIG_BLOCK, signals, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* Stops accepting connections and waits, for at most cfg->drain_seconds,
 * until the requests in flight are answered; what a client was told was
 * stored has been committed before its answer was queued. */
static void drain(struct MHD_Daemon *mhd, struct server *srv)
{
	MHD_socket listening = MHD_quiesce_daemon(mhd);
	if (listening != MHD_INVALID_SOCKET)
		close(listening);
	uint64_t until = meter_now_ns() + (uint64_t)srv->cfg->drain_seconds * 1000000000u;
	while (atomic_load(&srv->active) > 0 && meter_now_ns() < until)
		usleep(10000);
	if (atomic_load(&srv->active) > 0)
		fprintf(stderr, "cchc: %d requests still in flight after %d s; closing them\n",
			atomic_load(&srv->active), srv->cfg->drain_seconds);
}

int server_run(const struct http_config *cfg, const struct http_dispatch *d, const char *host, int port)
{
	struct server srv = {.cfg = cfg, .d = d};
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
		fprintf(stderr, "cchc: '%s' is not an IPv4 address\n", host);
		return 1;
	}
	sigset_t signals;
	server_block_signals(&signals);

	if (d->version)
		srv.cache = cache_new(d);
	struct MHD_Daemon *mhd = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG | MHD_USE_ITC, 0, NULL, NULL,
		on_request, &srv,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, &srv,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
		MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)512,
		MHD_OPTION_END);
	if (!mhd) {
		fprintf(stderr, "cchc: cannot listen on %s:%d: %s\n", host, port, strerror(errno));
		cache_free(srv.cache);
		return 1;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(mhd, MHD_DAEMON_INFO_BIND_PORT);
	printf("cchc: listening on http://%s:%u\n", host, info ? info->port : (unsigned)port);
	fflush(stdout);
	int sig = 0;
	while (sigwait(&signals, &sig) == 0 && sig == SIGHUP)
		if (cfg->hangup)
			cfg->hangup(cfg->hangup_ctx);
	drain(mhd, &srv);
	MHD_stop_daemon(mhd);
	cache_free(srv.cache);
	printf("cchc: stopped\n");
	return 0;
}
