/*
 * par_sheet.h — a PAR criteria set as a spreadsheet, in the usual layout:
 *
 *   title row (the set's name), then label rows "Năm | 2026",
 *   "Đối tượng | Sở, ban, ngành" (or "Xã, phường"), "Ví dụ | Có",
 *   "Ghi chú | …", "Xếp loại | Tốt ≥ 80; …" (each optional), then
 *   STT | Lĩnh vực/Tiêu chí/Tiêu chí thành phần | Điểm tối đa | Tự đánh giá |
 *   Thẩm định | Ghi chú | Mã | Cách chấm | Mức điểm | Tài liệu kiểm chứng |
 *   Phần chấm
 *
 * The tree comes from STT: I, II… a field; 1, 2… a criterion of the field
 * above; 1.1, 1.2… or a, b… a sub-criterion of the criterion above.  Only
 * STT, the name and Điểm tối đa are required; a header may span two rows
 * (a merged "Điểm" over "Tối đa | Tự đánh giá | Thẩm định").  Mã keeps the
 * JSON form's codes (without it codes are made from the numbering); Cách
 * chấm is the rule (yesno, levels, ratio, manual, adjustment; a leaf
 * without one is manual); Mức điểm holds one step a line: "label = points"
 * for levels, "≥ 80% = points" for ratio thresholds.
 */
#ifndef CCHC_PAR_SHEET_H
#define CCHC_PAR_SHEET_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

/* The set file ({year, kind, name, …, nodes}) read from a sheet's rows
 * (xlsx_first_sheet's form); *sheet_rows gets the sheet row of each node
 * (an array of integers, same order).  over (may be NULL) replaces the
 * sheet's year, kind or name.  NULL with err naming the row. */
json_t *par_sheet_to_set(json_t *rows, json_t *over, json_t **sheet_rows, struct err *err);

/* STT of a node at level (1..3) that is the n-th (from 1) of its parent;
 * parent_stt is the parent's STT (level 3 numbers "1.1" from it). */
void par_sheet_stt(char *out, size_t len, int level, int n, const char *parent_stt);

/* The folded form of a heading or label (lower case, no marks, no ':'
 * at its end; a new string), as headers are matched. */
char *par_sheet_fold(const char *s);
/* A number as a sheet writes it: "1.5", "1,5", " 2 "; false if not one. */
bool par_sheet_number(const char *s, double *out);

/* The "Mức điểm" text of a node in the set file form (a new string). */
char *par_sheet_steps_text(json_t *node);
/* Vietnamese names of a kind and of a scoring part. */
const char *par_sheet_kind_name(const char *kind);
const char *par_sheet_part_name(const char *scored_by);

#endif
