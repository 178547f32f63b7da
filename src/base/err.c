#include "base/base.h"
#include "base/err.h"

#include <stdio.h>

enum err_code err_set(struct err *e, enum err_code code, const char *field,
		      const char *fmt, ...)
{
	if (!e)
		return code;
	e->code = code;
	e->retry_after = 0;
	snprintf(e->field, sizeof e->field, "%s", field ? field : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof e->message, fmt, ap);
	va_end(ap);
	return code;
}

const char *err_code_name(enum err_code code)
{
	static const char *const names[] = {
		[ERR_OK] = "ok",
		[ERR_INVALID] = "invalid",
		[ERR_BAD_REQUEST] = "bad_request",
		[ERR_NOT_FOUND] = "not_found",
		[ERR_CONFLICT] = "conflict",
		[ERR_TOO_LARGE] = "too_large",
		[ERR_UNSUPPORTED] = "unsupported_media_type",
		[ERR_BUSY] = "busy",
		[ERR_INTERNAL] = "internal",
		[ERR_UNAUTHORIZED] = "unauthorized",
		[ERR_FORBIDDEN] = "forbidden",
		[ERR_THROTTLED] = "too_many_attempts",
	};
	return code < ARRAY_LEN(names) && names[code] ? names[code] : "internal";
}
