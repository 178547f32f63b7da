/*
 * input.h — reading fields of a JSON object that came from outside.
 * Every reader names the field in its error, so the client learns what to
 * fix.  Text is checked and stored as NFC UTF-8 without control characters.
 */
#ifndef CCHC_INPUT_H
#define CCHC_INPUT_H
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"

/* ERR_INVALID unless every key of obj is in the NULL-terminated list. */
enum err_code in_only(json_t *obj, const char *const *allowed, struct err *err);
/* *out is a new NFC string the caller frees, or NULL when absent and optional. */
enum err_code in_text(json_t *obj, const char *key, bool required, size_t max_bytes,
		      char **out, struct err *err);
/* *present (may be NULL) tells whether the key was given. */
enum err_code in_int(json_t *obj, const char *key, bool required, int64_t min, int64_t max,
		     int64_t *out, bool *present, struct err *err);
enum err_code in_number(json_t *obj, const char *key, bool required, double *out,
			bool *present, struct err *err);
/* out becomes "YYYY-MM-DD", or "" when absent and optional. */
enum err_code in_date(json_t *obj, const char *key, bool required, char out[11], struct err *err);

/* The same checks for text from a query string or a form (already bytes). */
enum err_code in_text_raw(const char *value, const char *field, size_t max_bytes, char **out,
			  struct err *err);

#endif
