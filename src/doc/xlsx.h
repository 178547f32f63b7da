/*
 * xlsx.h — the cells of an Excel workbook's first sheet, as text.
 *
 * Shared strings, inline strings (rich runs joined), numbers (the stored
 * text, e.g. "1.5"), booleans ("1"/"0") and cached formula results are
 * read; formats and styles are not: a merged range gives its text to its
 * top-left cell only.  The zip and XML hardening are ooxml.c's.
 */
#ifndef CCHC_XLSX_H
#define CCHC_XLSX_H
#include <jansson.h>
#include <stddef.h>

#include "base/err.h"

/* The largest XML part accepted, uncompressed; the most rows and columns. */
#define XLSX_MAX_XML (32u * 1024 * 1024)
#define XLSX_MAX_ROWS 100000
#define XLSX_MAX_COLS 64

/*
 * The first sheet of the .xlsx in data[0..len) as a new array (the caller
 * owns it) of rows, row n of the sheet at index n-1 (a missing or blank
 * row is []), each an array of strings, column A first, trailing blanks
 * dropped.  Errors: ERR_UNSUPPORTED for data that is not an .xlsx,
 * ERR_TOO_LARGE past the caps, ERR_BAD_REQUEST for malformed XML.
 */
enum err_code xlsx_first_sheet(const void *data, size_t len, json_t **rows, struct err *err);

#endif
