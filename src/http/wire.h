/*
 * wire.h — what keeps answers light on the wire: entity tags, gzip, and
 * reading the request headers that ask for them.  Pure functions over
 * bytes and header values; server.c decides when they apply.
 */
#ifndef CCHC_HTTP_WIRE_H
#define CCHC_HTTP_WIRE_H
#include <stddef.h>

#include "base/base.h"

/* Answers shorter than this go out as they are: gzip would save little. */
#define WIRE_GZIP_MIN 1024
/* A quoted tag, a "-gz" suffix for the compressed form, and the NUL. */
#define WIRE_ETAG_SIZE 48

/* The strong entity tag of body ("\"<32 hex digits>\""); gz: of its
 * gzip-compressed form (the same digits with "-gz"). */
void wire_etag(const void *body, size_t len, int gz, char out[WIRE_ETAG_SIZE]);
/* 1 when an If-None-Match value names etag (or is "*"); NULL matches nothing. */
int wire_etag_matches(const char *if_none_match, const char *etag);
/* 1 when an Accept-Encoding value allows gzip (q above 0, or "*"). */
int wire_accepts_gzip(const char *accept_encoding);
/* 1 when a Content-Type is text that compresses (not images, archives). */
int wire_compressible(const char *content_type);
/* Appends the gzip form of in to out (empty first); 0 on success. */
int wire_gzip(const void *in, size_t len, struct buf *out);

#endif
