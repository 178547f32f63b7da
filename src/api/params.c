/* params.c — reading query strings and path segments, once for all handlers. */
#include "base/base.h"
#include "base/date.h"
#include "api/api.h"

#include <stdlib.h>
#include <string.h>

static int bad(struct http_resp *rs, const char *name, const char *what, const char *value)
{
	struct err e;
	err_set(&e, ERR_BAD_REQUEST, name, "query parameter '%s' %s: '%.60s'", name, what, value);
	http_error(rs, &e);
	return -1;
}

int q_date(struct http_req *rq, struct http_resp *rs, const char *name, int32_t *out)
{
	const char *v = http_query(rq, name);
	if (!v || !*v) {
		*out = date_today();
		return 0;
	}
	*out = date_parse(v);
	return *out == DATE_NONE ? bad(rs, name, "is not a real date YYYY-MM-DD", v) : 0;
}

int q_unit(struct http_req *rq, struct http_resp *rs, const char *name, int64_t *out)
{
	const char *v = http_query(rq, name);
	*out = 0;
	if (!v || !*v)
		return 0;
	*out = tracker_unit_ref(TRACKER(rq), v);
	return *out ? 0 : bad(rs, name, "names no unit", v);
}

int q_field(struct http_req *rq, struct http_resp *rs, const char *name, int64_t *out)
{
	const char *v = http_query(rq, name);
	*out = 0;
	if (!v || !*v)
		return 0;
	*out = tracker_field_ref(TRACKER(rq), v);
	return *out ? 0 : bad(rs, name, "names no field", v);
}

int q_int(struct http_req *rq, struct http_resp *rs, const char *name, int64_t min, int64_t max,
	  int64_t dflt, int64_t *out)
{
	const char *v = http_query(rq, name);
	*out = dflt;
	if (!v || !*v)
		return 0;
	char *end = NULL;
	long long n = strtoll(v, &end, 10);
	if (*end || end == v || n < min || n > max) {
		char what[80];
		snprintf(what, sizeof what, "must be a whole number from %lld to %lld", (long long)min,
			 (long long)max);
		return bad(rs, name, what, v);
	}
	*out = n;
	return 0;
}

enum err_code route_id(const struct http_req *rq, int64_t *out, struct err *err)
{
	return route_id_named(rq, "id", out, err);
}

enum err_code route_id_named(const struct http_req *rq, const char *name, int64_t *out, struct err *err)
{
	const char *p = route_param(rq, name);
	if (p && *p && strlen(p) < 19 && strspn(p, "0123456789") == strlen(p) && (*out = atoll(p)) > 0)
		return ERR_OK;
	return err_set(err, ERR_NOT_FOUND, name, "'%.40s' is not an id", p ? p : "");
}

int path_id(struct http_req *rq, struct http_resp *rs, int64_t *out)
{
	struct err e;
	if (route_id(rq, out, &e) == ERR_OK)
		return 0;
	http_error(rs, &e);
	return -1;
}

int path_unit(struct http_req *rq, struct http_resp *rs, const char *name, int64_t *unit)
{
	const char *ref = route_param(rq, name);
	*unit = tracker_unit_ref(TRACKER(rq), ref);
	if (*unit)
		return 0;
	struct err e;
	err_set(&e, ERR_NOT_FOUND, name, "no unit '%.40s'", ref ? ref : "");
	http_error(rs, &e);
	return -1;
}

void reply(struct http_resp *rs, json_t *j, const struct err *err)
{
	if (j)
		http_json(rs, 200, j);
	else
		http_error(rs, err);
}

int api_wants_json(struct http_req *rq)
{
	const char *accept = http_header(rq, "Accept");
	return accept && strstr(accept, "application/json") != NULL;
}
