/*
 * csv.h — a CSV file (RFC 4180: quoted fields with "" for a quote and line
 * breaks inside quotes; a comma or, as spreadsheets in Vietnamese locales
 * write, a semicolon between fields; a UTF-8 BOM skipped) as rows of
 * texts, the same form as xlsx_first_sheet gives.
 */
#ifndef CCHC_CSV_H
#define CCHC_CSV_H
#include <jansson.h>
#include <stddef.h>

#include "base/err.h"

/* The rows of data[0..len) as a new array of arrays of strings, row n of
 * the file at index n-1.  ERR_BAD_REQUEST for text that is not UTF-8 or a
 * quote left open; ERR_TOO_LARGE past XLSX_MAX_ROWS rows or
 * XLSX_MAX_COLS columns. */
enum err_code csv_rows(const char *data, size_t len, json_t **rows, struct err *err);

#endif
