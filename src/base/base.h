/*
 * base.h — included first by every .c file: allocation that cannot fail
 * (an out-of-memory process aborts, as Redis and git do), and the growable
 * string buffer used everywhere text is built.
 */
#ifndef CCHC_BASE_H
#define CCHC_BASE_H
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Returns a new string the caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * struct buf: a NUL-terminated byte buffer.  BUF_INIT is an empty buffer
 * that owns nothing; buf_release() frees and resets; buf_detach() hands
 * the bytes to the caller (who frees them) and resets the buffer.
 */
struct buf {
	char *data;	/* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};
#define BUF_INIT {0, 0, 0}

void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *data, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Appends s with HTML special characters escaped. */
void buf_add_html(struct buf *b, const char *s);
void buf_reset(struct buf *b);		/* len = 0, keeps memory */
void buf_release(struct buf *b);
char *buf_detach(struct buf *b);	/* never NULL; caller frees */
/* Returns the contents as a C string ("" for an empty buffer). */
const char *buf_str(const struct buf *b);

/* Whole-file read; NULL and errno set on failure. Caller frees. */
char *read_file(const char *path, size_t *len_out);

#endif
