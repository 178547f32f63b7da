/* wire.c — entity tags, gzip and the headers that ask for them (see wire.h). */
#include "http/wire.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

void wire_etag(const void *body, size_t len, int gz, char out[WIRE_ETAG_SIZE])
{
	unsigned char h[16];
	char hex[2 * sizeof h + 1];
	crypto_generichash(h, sizeof h, body, len, NULL, 0);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	snprintf(out, WIRE_ETAG_SIZE, "\"%s%s\"", hex, gz ? "-gz" : "");
}

/* The next comma-separated item of *s, trimmed: its start and length. */
static const char *next_item(const char **s, size_t *len)
{
	const char *p = *s;
	while (*p == ' ' || *p == '\t' || *p == ',')
		p++;
	if (!*p)
		return NULL;
	const char *end = strchr(p, ',');
	if (!end)
		end = p + strlen(p);
	*s = end;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	*len = (size_t)(end - p);
	return p;
}

int wire_etag_matches(const char *if_none_match, const char *etag)
{
	const char *s = if_none_match, *item;
	size_t len, want = strlen(etag);
	if (!s)
		return 0;
	while ((item = next_item(&s, &len))) {
		/* If-None-Match compares weakly: a W/ prefix does not matter. */
		if (len >= 2 && strncmp(item, "W/", 2) == 0)
			item += 2, len -= 2;
		if ((len == 1 && *item == '*') || (len == want && memcmp(item, etag, len) == 0))
			return 1;
	}
	return 0;
}

int wire_accepts_gzip(const char *accept_encoding)
{
	const char *s = accept_encoding, *item;
	size_t len;
	if (!s)
		return 0;
	while ((item = next_item(&s, &len))) {
		size_t name = 0;
		while (name < len && item[name] != ';' && item[name] != ' ')
			name++;
		int gzip = (name == 4 && strncasecmp(item, "gzip", 4) == 0) || (name == 1 && *item == '*');
		if (!gzip)
			continue;
		/* "gzip;q=0" (or 0.0, 0.000) refuses it. */
		const char *q = memchr(item, '=', len);
		if (!q || strtod(q + 1, NULL) > 0)
			return 1;
	}
	return 0;
}

int wire_compressible(const char *content_type)
{
	static const char *const text[] = {"text/", "application/json", "image/svg+xml",
					    "application/javascript", "application/manifest+json"};
	if (!content_type)
		return 0;
	for (size_t i = 0; i < sizeof text / sizeof *text; i++)
		if (strncasecmp(content_type, text[i], strlen(text[i])) == 0)
			return 1;
	return 0;
}

int wire_gzip(const void *in, size_t len, struct buf *out)
{
	z_stream z = {0};
	int rc = -1;
	buf_reset(out);
	/* 15 + 16: a gzip header and trailer rather than zlib's. */
	if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	uLong bound = deflateBound(&z, (uLong)len);
	buf_grow(out, bound);
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out->data;
	z.avail_out = (uInt)bound;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		goto cleanup;
	out->len = z.total_out;
	out->data[out->len] = 0;
	rc = 0;
cleanup:
	deflateEnd(&z);
	return rc;
}
