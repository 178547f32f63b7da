/*
 * web.c — the web UI: static files compiled into the binary.
 *
 * Each file is also served under a name carrying a hash of its bytes, which
 * browsers keep for a year without asking again; the page (no-cache) refers
 * only to those names: its own links are rewritten, and an import map sends
 * every module's "./x.js" import to the hashed file.  Since each module is
 * mapped by itself, a change to one file renames that file only.  The map,
 * like the page's other inline script (its first requests), is allowed by
 * its hash in the page's CSP.
 */
#include "base/base.h"
#include "base/embed.h"
#include "api/api.h"
#include "api/web.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

#define STATIC_PREFIX "/static/"
#define WEB_SCRIPTS_MAX 4	/* inline scripts the page may have */

struct hashed_file {
	const struct embed_file *file;
	char name[WEB_NAME_MAX];
};

/* Built once from the embedded files (web_build); never freed. */
static struct {
	struct hashed_file *files;
	size_t n;
	struct buf page;		/* index.html with hashed names and the import map */
	char script_hash[WEB_SCRIPTS_MAX * 56];	/* "'sha256-…' …" of its inline scripts */
	int ready;			/* 0: building failed; pages answer 500 */
} web;
static pthread_once_t web_once = PTHREAD_ONCE_INIT;

int web_hashed_name(const char *name, const unsigned char *data, size_t len, char *out, size_t size)
{
	unsigned char hash[crypto_generichash_BYTES_MIN];
	char hex[2 * sizeof hash + 1];
	crypto_generichash(hash, sizeof hash, data, len, NULL, 0);
	sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
	const char *dot = strrchr(name, '.');
	int stem = dot ? (int)(dot - name) : (int)strlen(name);
	int n = snprintf(out, size, "%.*s.%.*s%s", stem, name, WEB_HASH_HEX, hex, dot ? dot : "");
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

static const struct hashed_file *by_plain_name(const char *name, size_t len)
{
	for (size_t i = 0; i < web.n; i++)
		if (strlen(web.files[i].file->name) == len && memcmp(web.files[i].file->name, name, len) == 0)
			return &web.files[i];
	return NULL;
}

static const struct hashed_file *by_hashed_name(const char *name)
{
	for (size_t i = 0; i < web.n; i++)
		if (strcmp(web.files[i].name, name) == 0)
			return &web.files[i];
	return NULL;
}

static int ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);
	return n >= m && strcmp(s + n - m, end) == 0;
}

/* {"imports":{"/static/a.js":"/static/a.HASH.js",...}} into map. */
static void import_map(struct buf *map)
{
	buf_adds(map, "{\"imports\":{");
	const char *sep = "";
	for (size_t i = 0; i < web.n; i++) {
		if (!ends_with(web.files[i].file->name, ".js"))
			continue;
		buf_printf(map, "%s\"" STATIC_PREFIX "%s\":\"" STATIC_PREFIX "%s\"", sep,
			   web.files[i].file->name, web.files[i].name);
		sep = ",";
	}
	buf_adds(map, "}}");
}

/* index.html with every "/static/NAME" turned into its hashed name and the
 * import map put before the first script. */
static void page_build(const char *html, const char *map)
{
	const char *p = html;
	int mapped = 0;
	for (;;) {
		const char *at = strstr(p, STATIC_PREFIX);
		const char *script = strstr(p, "<script");
		if (!mapped && script && (!at || script < at)) {
			buf_add(&web.page, p, (size_t)(script - p));
			buf_printf(&web.page, "<script type=\"importmap\">%s</script>\n", map);
			mapped = 1;
			p = script;
			continue;
		}
		if (!at)
			break;
		at += strlen(STATIC_PREFIX);
		buf_add(&web.page, p, (size_t)(at - p));
		size_t len = strcspn(at, "\"' >");
		const struct hashed_file *f = by_plain_name(at, len);
		buf_adds(&web.page, f ? f->name : "");
		p = f ? at + len : at;
	}
	buf_adds(&web.page, p);
}

/* The CSP sources ("'sha256-…'") of the inline scripts of page html into
 * web.script_hash; -1 when it has more than WEB_SCRIPTS_MAX. */
static int inline_hashes(const char *html)
{
	size_t used = 0;
	int n = 0;
	for (const char *p = html; (p = strstr(p, "<script")) != NULL;) {
		const char *body = strchr(p, '>'), *end = body ? strstr(body, "</script>") : NULL;
		if (!end)
			break;
		body++;
		/* A script with src= is a file, allowed by 'self'. */
		if (!memmem(p, (size_t)(body - p), " src=", 5)) {
			if (++n > WEB_SCRIPTS_MAX)
				return -1;
			unsigned char sha[crypto_hash_sha256_BYTES];
			char b64[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES, sodium_base64_VARIANT_ORIGINAL)];
			crypto_hash_sha256(sha, (const unsigned char *)body, (unsigned long long)(end - body));
			sodium_bin2base64(b64, sizeof b64, sha, sizeof sha, sodium_base64_VARIANT_ORIGINAL);
			used += (size_t)snprintf(web.script_hash + used, sizeof web.script_hash - used, "%s'sha256-%s'",
						 n > 1 ? " " : "", b64);
		}
		p = end;
	}
	return 0;
}

static void web_build(void)
{
	struct buf map = BUF_INIT;
	size_t n = 0;
	while (embed_web[n].name)
		n++;
	web.files = calloc(n ? n : 1, sizeof *web.files);
	if (!web.files)
		return;
	for (size_t i = 0; i < n; i++) {
		const struct embed_file *f = &embed_web[i];
		if (strcmp(f->name, "index.html") == 0)
			continue;
		if (web_hashed_name(f->name, f->data, f->len, web.files[web.n].name, WEB_NAME_MAX) != 0)
			continue;	/* a name too long to hash is served by its plain name only */
		web.files[web.n++].file = f;
	}
	const struct embed_file *index = embed_find(embed_web, "index.html");
	if (!index)
		return;
	import_map(&map);
	page_build((const char *)index->data, buf_str(&map));
	if (inline_hashes(buf_str(&web.page)) != 0)
		goto out;
	web.ready = 1;
out:
	buf_release(&map);
}

static const char *type_of(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot)
		return "application/octet-stream";
	if (strcmp(dot, ".html") == 0)
		return "text/html; charset=utf-8";
	if (strcmp(dot, ".js") == 0)
		return "text/javascript; charset=utf-8";
	if (strcmp(dot, ".css") == 0)
		return "text/css; charset=utf-8";
	if (strcmp(dot, ".svg") == 0)
		return "image/svg+xml";
	if (strcmp(dot, ".json") == 0)
		return "application/json; charset=utf-8";
	if (strcmp(dot, ".webmanifest") == 0)
		return "application/manifest+json; charset=utf-8";
	return "application/octet-stream";
}

static void send_bytes(struct http_resp *rs, const char *name, const void *data, size_t len, const char *cache)
{
	rs->status = 200;
	rs->content_type = type_of(name);
	rs->cache = cache;
	buf_add(&rs->body, data, len);
}

static void send_error(struct http_resp *rs, enum err_code code, const char *message)
{
	struct err e;
	err_set(&e, code, "", "%s", message);
	http_error(rs, &e);
}

/* A file under its plain name: checked by the browser each time. */
static void send_plain(struct http_resp *rs, const char *name)
{
	const struct embed_file *f = embed_find(embed_web, name);
	if (!f) {
		send_error(rs, ERR_NOT_FOUND, "no such file");
		return;
	}
	send_bytes(rs, name, f->data, f->len, "no-cache");
}

void web_index(struct http_req *rq, struct http_resp *rs)
{
	(void)rq;
	pthread_once(&web_once, web_build);
	if (!web.ready) {
		send_error(rs, ERR_INTERNAL, "the page could not be built");
		return;
	}
	send_bytes(rs, "index.html", web.page.data, web.page.len, "no-cache");
	rs->script_hash = web.script_hash;
}

void web_static(struct http_req *rq, struct http_resp *rs)
{
	/* Names never hold a slash (route).  A hashed name's bytes never
	 * change; a plain name (an older page's) is checked each time. */
	const char *name = route_param(rq, "name");
	pthread_once(&web_once, web_build);
	const struct hashed_file *h = by_hashed_name(name);
	if (h) {
		send_bytes(rs, name, h->file->data, h->file->len, "public, max-age=31536000, immutable");
		/* The page's own files (a hashed name is never linked as a page). */
		rs->subresource = true;
		return;
	}
	send_plain(rs, name);
}

void web_worker(struct http_req *rq, struct http_resp *rs)
{
	(void)rq;
	send_plain(rs, "sw.js");
}
