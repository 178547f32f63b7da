/*
 * err.h — how the layers report failure.  A function that can fail returns
 * an enum err_code (ERR_OK is 0) and fills a caller-provided struct err
 * with a message and, for bad input, the name of the offending field.
 * Only the HTTP layer knows how codes map to statuses.
 */
#ifndef CCHC_ERR_H
#define CCHC_ERR_H

enum err_code {
	ERR_OK = 0,
	ERR_INVALID,		/* input well-formed but unacceptable (422) */
	ERR_BAD_REQUEST,	/* malformed input: JSON, UTF-8, query (400) */
	ERR_NOT_FOUND,		/* 404 */
	ERR_CONFLICT,		/* duplicate submit, state conflict (409) */
	ERR_TOO_LARGE,		/* 413 */
	ERR_UNSUPPORTED,	/* unsupported media type (415) */
	ERR_BUSY,		/* the database stayed locked (503) */
	ERR_INTERNAL,		/* 500 */
	ERR_UNAUTHORIZED,	/* no valid session or token (401) */
	ERR_FORBIDDEN,		/* signed in, but not allowed (403) */
	ERR_THROTTLED,		/* too many failed sign-ins (429) */
};

struct err {
	enum err_code code;
	char message[256];	/* Vietnamese or English sentence for people */
	char field[64];		/* the input field at fault, or "" */
	int retry_after;	/* ERR_THROTTLED: seconds to wait, 0 unknown (err_set clears it) */
};

/* Fills e (if not NULL) and returns code, so `return err_set(...)` reads well. */
enum err_code err_set(struct err *e, enum err_code code, const char *field,
		      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
const char *err_code_name(enum err_code code);

#endif
