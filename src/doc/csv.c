/* csv.c — CSV text to rows; see csv.h. */
#include "base/base.h"
#include "base/vitext.h"
#include "doc/csv.h"
#include "doc/xlsx.h"

#include <string.h>

/* The separator: whichever of ',' and ';' the first line has more of. */
static char separator(const char *p, const char *end)
{
	size_t commas = 0, semis = 0;
	for (; p < end && *p != '\n'; p++)
		commas += *p == ',', semis += *p == ';';
	return semis > commas ? ';' : ',';
}

enum err_code csv_rows(const char *data, size_t len, json_t **rows, struct err *err)
{
	const char *p = data, *end = data + len;
	enum err_code rc = ERR_OK;
	struct buf field = BUF_INIT;
	json_t *row = json_array();
	*rows = NULL;
	if (!vi_valid_utf8(data, len)) {
		rc = err_set(err, ERR_BAD_REQUEST, "file", "the CSV file is not UTF-8 text");
		goto out;
	}
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	char sep = separator(p, end);
	*rows = json_array();
	bool quoted = false, any = false;
	while (p < end) {
		char c = *p++;
		if (quoted) {
			if (c == '"' && p < end && *p == '"')
				buf_addc(&field, *p++);
			else if (c == '"')
				quoted = false;
			else
				buf_addc(&field, c);
			continue;
		}
		if (c == '"' && field.len == 0) {
			quoted = any = true;
		} else if (c == sep || c == '\n') {
			if (json_array_size(row) >= XLSX_MAX_COLS) {
				rc = err_set(err, ERR_TOO_LARGE, "file", "row %zu has more than %d columns",
					     json_array_size(*rows) + 1, XLSX_MAX_COLS);
				goto out;
			}
			json_array_append_new(row, json_stringn(field.data ? field.data : "", field.len));
			field.len = 0;
			if (c == '\n') {
				if (json_array_size(*rows) >= XLSX_MAX_ROWS) {
					rc = err_set(err, ERR_TOO_LARGE, "file", "the file has more than %d rows", XLSX_MAX_ROWS);
					goto out;
				}
				/* A row of one empty field is a blank line. */
				if (json_array_size(row) == 1 && !*json_string_value(json_array_get(row, 0)))
					json_array_clear(row);
				json_array_append_new(*rows, row);
				row = json_array();
			}
			any = false;
		} else if (c != '\r' || (p < end && *p != '\n')) {
			buf_addc(&field, c);
			any = true;
		}
	}
	if (quoted) {
		rc = err_set(err, ERR_BAD_REQUEST, "file", "row %zu: a quoted field is not closed", json_array_size(*rows) + 1);
		goto out;
	}
	if (any || field.len || json_array_size(row)) {
		json_array_append_new(row, json_stringn(field.data ? field.data : "", field.len));
		json_array_append(*rows, row);
	}
out:
	if (rc) {
		json_decref(*rows);
		*rows = NULL;
	}
	json_decref(row);
	buf_release(&field);
	return rc;
}
