/*
 * pdf.h — the text layer of a PDF, laid out as the parser reads text (as
 * docx.h does for Word): one line per printed line, in reading order, and
 * text set side by side in columns (the two-column header, a table) as
 * "| a | b |" rows, a table's wrapped cell lines joined back into their row.
 *
 * Text PDFs only: a scan (pages that are images) has no text to read.
 */
#ifndef CCHC_PDF_H
#define CCHC_PDF_H
#include <stddef.h>

#include "base/base.h"
#include "base/err.h"

/* Bounds: a directive with its appendices runs to tens of pages. */
#define PDF_MAX_PAGES 500
#define PDF_MAX_TEXT (16u * 1024 * 1024)

/* Does data start like a PDF ("%PDF-")? */
bool pdf_looks_like_pdf(const void *data, size_t len);

/*
 * Extracts the text of the PDF in data[0..len).  On success *text is a new
 * NUL-terminated UTF-8 string (the caller frees it) of *text_len bytes.
 * Errors (err->field "file"): ERR_UNSUPPORTED for bytes that are not a PDF,
 * a damaged PDF, one that needs a password, or one without a text layer (a
 * scan: the message says to run OCR first); ERR_TOO_LARGE for more than
 * max_pages pages or PDF_MAX_TEXT bytes of text.
 */
enum err_code pdf_text(const void *data, size_t len, int max_pages, char **text, size_t *text_len,
		       struct err *err);

#endif
