/* web.c — the web UI: static files compiled into the binary. */
#include "base/base.h"
#include "base/embed.h"
#include "api/api.h"

#include <string.h>

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
	return "application/octet-stream";
}

static void send_embedded(struct http_resp *rs, const char *name, const char *cache)
{
	const struct embed_file *f = embed_find(embed_web, name);
	if (!f) {
		struct err e;
		err_set(&e, ERR_NOT_FOUND, "", "no such file");
		http_error(rs, &e);
		return;
	}
	rs->status = 200;
	rs->content_type = type_of(name);
	rs->cache = cache;
	buf_add(&rs->body, f->data, f->len);
}

void web_index(struct http_req *rq, struct http_resp *rs)
{
	(void)rq;
	send_embedded(rs, "index.html", "no-cache");
}

void web_static(struct http_req *rq, struct http_resp *rs)
{
	/* index.html is served at / only; names never hold a slash (route). */
	send_embedded(rs, route_param(rq, "name"), "no-cache");
}
