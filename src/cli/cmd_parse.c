/* cmd_parse.c — `cchc parse FILE|-`: print a directive document (text,
 * .docx or PDF, told by its bytes) as JSON. */
#include "base/base.h"
#include "cli/cli.h"
#include "doc/doc_json.h"
#include "doc/docparse.h"
#include "doc/docx.h"
#include "doc/pdf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_stream(FILE *f, size_t *len)
{
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	if (ferror(f)) {
		buf_release(&b);
		return NULL;
	}
	*len = b.len;
	return buf_detach(&b);
}

int cmd_parse(int argc, char **argv)
{
	int rc = 1;
	char *text = NULL, *out = NULL;
	struct doc *d = NULL;
	json_t *j = NULL;
	struct buf err = BUF_INIT;
	size_t len = 0;
	if (argc != 1 || (argv[0][0] == '-' && argv[0][1] != 0))
		return cli_usage("parse");
	const char *path = argv[0];
	if (strcmp(path, "-") == 0)
		text = read_stream(stdin, &len);
	else
		text = read_file(path, &len);
	if (!text) {
		fprintf(stderr, "cchc parse: cannot read %s: %s\n", strcmp(path, "-") ? path : "standard input",
			strerror(errno ? errno : EIO));
		goto cleanup;
	}
	/* The bytes decide, not the name: a .docx is a zip, a PDF says so. */
	if (docx_looks_like_zip(text, len) || pdf_looks_like_pdf(text, len)) {
		struct err ferr;
		char *file = text;
		enum err_code rc_text = docx_looks_like_zip(file, len)
						? docx_text(file, len, DOCX_MAX_XML, &text, &len, &ferr)
						: pdf_text(file, len, PDF_MAX_PAGES, &text, &len, &ferr);
		free(file);
		if (rc_text != ERR_OK) {
			fprintf(stderr, "cchc parse: %s: %s\n", strcmp(path, "-") ? path : "standard input",
				ferr.message);
			goto cleanup;
		}
	}
	d = doc_parse(text, len, &err);
	if (!d) {
		fprintf(stderr, "cchc parse: %s: %s\n", strcmp(path, "-") ? path : "standard input", buf_str(&err));
		goto cleanup;
	}
	j = doc_to_json(d);
	out = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (!out) {
		fprintf(stderr, "cchc parse: cannot encode the result\n");
		goto cleanup;
	}
	printf("%s\n", out);
	rc = fflush(stdout) == 0 ? 0 : 1;
cleanup:
	free(out);
	json_decref(j);
	doc_free(d);
	free(text);
	buf_release(&err);
	return rc;
}
