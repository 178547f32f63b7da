#include "base/base.h"
#include "base/date.h"
#include "base/vitext.h"
#include "domain/input.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum err_code in_only(json_t *obj, const char *const *allowed, struct err *err)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		const char *const *a = allowed;
		while (*a && strcmp(*a, key) != 0)
			a++;
		if (!*a)
			return err_set(err, ERR_INVALID, key, "unknown field '%s'", key);
	}
	return ERR_OK;
}

enum err_code in_text_raw(const char *value, const char *field, size_t max_bytes, char **out,
			  struct err *err)
{
	size_t len = strlen(value);
	if (len > max_bytes)
		return err_set(err, ERR_INVALID, field, "'%s' is longer than %zu bytes", field, max_bytes);
	char *z = vi_nfc(value, len);
	if (!z)
		return err_set(err, ERR_BAD_REQUEST, field,
			       "'%s' is not valid UTF-8 text (or holds control characters)", field);
	*out = z;
	return ERR_OK;
}

enum err_code in_text(json_t *obj, const char *key, bool required, size_t max_bytes,
		      char **out, struct err *err)
{
	*out = NULL;
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v)) {
		if (required)
			return err_set(err, ERR_INVALID, key, "'%s' is required", key);
		return ERR_OK;
	}
	if (!json_is_string(v))
		return err_set(err, ERR_INVALID, key, "'%s' must be a string", key);
	/* jansson accepts "\u0000" inside strings; our text never holds NUL. */
	if (strlen(json_string_value(v)) != json_string_length(v))
		return err_set(err, ERR_BAD_REQUEST, key, "'%s' holds a NUL character", key);
	if (in_text_raw(json_string_value(v), key, max_bytes, out, err) != ERR_OK)
		return err->code;
	/* Trim surrounding blanks; an empty required text is missing. */
	char *s = *out, *e = s + strlen(s);
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		e--;
	memmove(*out, s, (size_t)(e - s));
	(*out)[e - s] = 0;
	if (required && !**out) {
		free(*out);
		*out = NULL;
		return err_set(err, ERR_INVALID, key, "'%s' must not be empty", key);
	}
	return ERR_OK;
}

enum err_code in_int(json_t *obj, const char *key, bool required, int64_t min, int64_t max,
		     int64_t *out, bool *present, struct err *err)
{
	json_t *v = json_object_get(obj, key);
	if (present)
		*present = v && !json_is_null(v);
	if (!v || json_is_null(v))
		return required ? err_set(err, ERR_INVALID, key, "'%s' is required", key) : ERR_OK;
	if (!json_is_integer(v))
		return err_set(err, ERR_INVALID, key, "'%s' must be an integer", key);
	int64_t n = json_integer_value(v);
	if (n < min || n > max)
		return err_set(err, ERR_INVALID, key, "'%s' must be between %lld and %lld", key,
			       (long long)min, (long long)max);
	*out = n;
	return ERR_OK;
}

enum err_code in_number(json_t *obj, const char *key, bool required, double *out,
			bool *present, struct err *err)
{
	json_t *v = json_object_get(obj, key);
	if (present)
		*present = v && !json_is_null(v);
	if (!v || json_is_null(v))
		return required ? err_set(err, ERR_INVALID, key, "'%s' is required", key) : ERR_OK;
	if (!json_is_number(v) || !isfinite(json_number_value(v)))
		return err_set(err, ERR_INVALID, key, "'%s' must be a number", key);
	*out = json_number_value(v);
	return ERR_OK;
}

enum err_code in_date(json_t *obj, const char *key, bool required, char out[11], struct err *err)
{
	out[0] = 0;
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return required ? err_set(err, ERR_INVALID, key, "'%s' is required", key) : ERR_OK;
	if (!json_is_string(v))
		return err_set(err, ERR_INVALID, key, "'%s' must be a date string YYYY-MM-DD", key);
	if (date_parse(json_string_value(v)) == DATE_NONE)
		return err_set(err, ERR_INVALID, key, "'%s' is not a real date (YYYY-MM-DD): %.40s", key,
			       json_string_value(v));
	memcpy(out, json_string_value(v), 11);
	return ERR_OK;
}
