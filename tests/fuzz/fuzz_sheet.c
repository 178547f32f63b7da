/*
 * fuzz_sheet.c — libFuzzer target: any bytes through the spreadsheet
 * readers (an .xlsx by libzip and libxml2 when the bytes are a zip, else
 * CSV) and the rows through the criteria set's layout reader.  No crash,
 * no leak, no hang.
 */
#include "base/base.h"
#include "doc/csv.h"
#include "doc/ooxml.h"
#include "doc/xlsx.h"
#include "domain/par_sheet.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *rows = NULL, *sheet_rows = NULL;
	struct err err;
	enum err_code rc = ooxml_looks_like_zip(data, size) ? xlsx_first_sheet(data, size, &rows, &err)
							      : csv_rows((const char *)data, size, &rows, &err);
	if (rc == ERR_OK) {
		if (!json_is_array(rows) || json_array_size(rows) > XLSX_MAX_ROWS)
			abort();
		json_t *set = par_sheet_to_set(rows, NULL, &sheet_rows, &err);
		if (set && json_array_size(json_object_get(set, "nodes")) != json_array_size(sheet_rows))
			abort();	/* every node knows its sheet row */
		json_decref(set);
		json_decref(sheet_rows);
	}
	json_decref(rows);
	return 0;
}
