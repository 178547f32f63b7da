/*
 * fuzz_pdf.c — libFuzzer target: any bytes through the PDF reader (poppler,
 * the layout rebuilt from its character boxes, a table's rules found in
 * the page poppler draws, its merged cells) and, when text comes out,
 * through the parser.  No crash, no leak, no hang.  Seeds: the corpus's
 * ruled tables (tests/fuzz/corpus/ruled-*.pdf) among them.
 */
#include "base/base.h"
#include "doc/docparse.h"
#include "doc/pdf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
const char *__lsan_default_suppressions(void);

/*
 * Drawing a font the PDF does not embed, poppler asks fontconfig for a
 * substitute, which keeps one allocation for the process's life.
 */
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = NULL;
	size_t len = 0;
	struct err err;
	/* Most mutations lose the signature; put it back so poppler sees them. */
	uint8_t *pdf = malloc(size + 5);
	if (!pdf)
		return 0;
	memcpy(pdf, "%PDF-", 5);
	memcpy(pdf + 5, data, size);
	if (pdf_text(pdf, size + 5, 20, &text, &len, &err) == ERR_OK) {
		if (len != strlen(text))
			abort();	/* one NUL-terminated string of the length given */
		struct buf why = BUF_INIT;
		struct doc *d = doc_parse(text, len, &why);
		doc_free(d);
		buf_release(&why);
	}
	free(text);
	free(pdf);
	return 0;
}
