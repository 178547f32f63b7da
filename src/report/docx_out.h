/*
 * docx_out.h — the pieces of a Word document in the Decree 30 layout that
 * every cchc document uses (report_docx.c, par_docx.c).  Sizes are in
 * points (0: the document's 14), widths in twentieths of a point.
 */
#ifndef CCHC_DOCX_OUT_H
#define CCHC_DOCX_OUT_H
#include <jansson.h>

#include "base/base.h"
#include "base/err.h"

enum { DOCX_B = 1, DOCX_I = 2, DOCX_U = 4, DOCX_CENTER = 8, DOCX_JUSTIFY = 16, DOCX_INDENT = 32, DOCX_RIGHT = 64 };

/* Text escaped for XML (control characters dropped). */
void docx_esc(struct buf *b, const char *s);
/* A run of text with the flags B, I, U. */
void docx_run(struct buf *b, const char *text, int flags, int size);
/* Opens a paragraph (alignment and indent from flags; after: spacing). */
void docx_para_open(struct buf *b, int flags, int after);
/* A paragraph of one run. */
void docx_para(struct buf *b, const char *text, int flags, int size, int after);
void docx_paraf(struct buf *b, int flags, int size, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* s in capitals (a new string). */
char *docx_upper(const char *s);
/* Opens a table of n columns (closed by the caller with </w:tbl>). */
void docx_table_open(struct buf *b, int borders, const int *widths, size_t n);
/* A cell of one paragraph. */
void docx_cell(struct buf *b, int width, const char *text, int flags, int size);
/* "Place, ngày dd tháng mm năm yyyy" of today, in italics (ô 4). */
void docx_place_date(struct buf *b, const char *place);
/* The document's opening and its A4 section with the decree's margins. */
void docx_document_start(struct buf *b);
void docx_section_end(struct buf *b);
/* The document that xml(data) writes, zipped with its fixed parts into out. */
enum err_code docx_render(void (*xml)(const json_t *, struct buf *), const json_t *data, struct buf *out,
			  struct err *err);

#endif
