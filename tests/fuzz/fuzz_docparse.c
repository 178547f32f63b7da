/*
 * fuzz_docparse.c — libFuzzer target: any bytes through doc_parse and
 * doc_to_json must neither crash, leak nor hang.
 */
#include "base/base.h"
#include "doc/doc_json.h"
#include "doc/docparse.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf err = BUF_INIT;
	struct doc *d = doc_parse((const char *)data, size, &err);
	if (d) {
		json_t *j = doc_to_json(d);
		char *s = json_dumps(j, JSON_INDENT(2));
		free(s);
		json_decref(j);
		doc_free(d);
	}
	buf_release(&err);
	return 0;
}
