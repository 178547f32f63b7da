/*
 * fuzz_request — the parts of request handling that read outside input:
 * the route table's matcher, the JSON body decoder with the domain's field
 * readers, and the Vietnamese text functions every string goes through.
 * Input: "METHOD PATH\n" then the body.
 */
#include "base/base.h"
#include "base/vitext.h"
#include "domain/input.h"
#include "api/api.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *nl = memchr(text, '\n', size);
	size_t head = nl ? (size_t)(nl - text) : size;
	char *line = xstrndup(text, head);
	char *space = strchr(line, ' ');
	if (space) {
		*space = 0;
		struct route_params params;
		int known = 0;
		route_find(line, space + 1, &params, &known);
		route_params_release(&params);
	}
	free(line);
	const char *body = nl ? nl + 1 : text + size;
	size_t blen = size - (size_t)(body - text);

	json_error_t je;
	json_t *obj = json_loadb(body, blen, JSON_REJECT_DUPLICATES, &je);
	if (json_is_object(obj)) {
		static const char *const allowed[] = {"title", "percent", "deadline", "value", NULL};
		struct err err;
		in_only(obj, allowed, &err);
		const char *key;
		json_t *v;
		json_object_foreach(obj, key, v) {
			char *s = NULL, day[11];
			int64_t n;
			double d;
			if (in_text(obj, key, false, 1000, &s, &err) == ERR_OK && s) {
				char *f = vi_fold(s);
				vi_strcmp(s, f);
				free(f);
			}
			free(s);
			in_int(obj, key, false, 0, 100, &n, NULL, &err);
			in_number(obj, key, false, &d, NULL, &err);
			in_date(obj, key, false, day, &err);
		}
	}
	json_decref(obj);
	char *nfc = vi_nfc(body, blen);
	if (nfc) {
		char *f = vi_fold(nfc);
		vi_collate(nfc, strlen(nfc), f, strlen(f));
		free(f);
		free(nfc);
	}
	return 0;
}
