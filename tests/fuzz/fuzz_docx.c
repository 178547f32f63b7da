/*
 * fuzz_docx.c — libFuzzer target: any bytes through the .docx reader (libzip
 * and libxml2) and, when text comes out, through the parser.  No crash, no
 * leak, no hang, and never more than the cap of uncompressed XML held.
 */
#include "base/base.h"
#include "doc/docparse.h"
#include "doc/docx.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = NULL;
	size_t len = 0;
	struct err err;
	/* A small cap so that inflating inputs hit it quickly. */
	if (docx_text(data, size, 1u << 20, &text, &len, &err) == ERR_OK) {
		if (len > (1u << 20) * 4)
			abort();	/* the text cannot outgrow its XML by much */
		struct buf why = BUF_INIT;
		struct doc *d = doc_parse(text, len, &why);
		doc_free(d);
		buf_release(&why);
	}
	free(text);
	return 0;
}
