/*
 * docx.h — the text of a Word (.docx) document, laid out as the parser
 * reads text: one line per paragraph, one "| a | b |" line per table row
 * with one cell per grid column (a cell spanning columns is followed by
 * empty ones; a vertically merged cell repeats the text above it), the
 * paragraphs inside a cell joined by "<br>", as converters write them, and
 * a nested table kept inside its cell (rows by "<br>", cells by "; ").
 *
 * Only word/document.xml is read, from a zip held in memory; nothing
 * touches the file system or the network.
 */
#ifndef CCHC_DOCX_H
#define CCHC_DOCX_H
#include <stddef.h>

#include "base/base.h"
#include "base/err.h"

/* The largest word/document.xml accepted, uncompressed: a zip bomb stops
 * here however small the upload (a 300-page document is about 10 MB). */
#define DOCX_MAX_XML (32u * 1024 * 1024)

/* Does data start like a zip archive ("PK\3\4")? */
bool docx_looks_like_zip(const void *data, size_t len);

/*
 * Extracts the text of the .docx in data[0..len).  On success *text is a
 * new NUL-terminated UTF-8 string (the caller frees it) of *text_len
 * bytes.  Errors: ERR_UNSUPPORTED for data that is not a zip or a zip
 * without word/document.xml; ERR_TOO_LARGE when document.xml is larger
 * than max_xml bytes; ERR_BAD_REQUEST for malformed XML.
 */
enum err_code docx_text(const void *data, size_t len, size_t max_xml, char **text, size_t *text_len,
			struct err *err);

#endif
