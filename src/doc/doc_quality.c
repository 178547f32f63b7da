/*
 * doc_quality.c — what the parser could not read: a warning per header
 * field missing or left blank and per task without a unit, the confidence
 * of the whole reading, and the one case refused outright (nothing of a
 * document at all).
 */
#include "base/base.h"
#include "base/date.h"
#include "doc/doc_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *code, *en, *vi;
} messages[] = {
	{"issuer_missing", "the issuing body was not found: enter it",
	 "Không đọc được cơ quan ban hành: nhập bằng tay"},
	{"number_missing", "no number line (\"Số: …/…\") was found: enter the number and symbol",
	 "Không thấy dòng số, ký hiệu (\"Số: …/…\"): nhập bằng tay"},
	{"number_blank", "the number is left blank (a draft or a notice not yet numbered)",
	 "Số văn bản để trống (dự thảo hoặc chưa cấp số)"},
	{"place_missing", "the place of issue was not found", "Không thấy địa danh ban hành"},
	{"date_missing", "no date line (\"…, ngày … tháng … năm …\") was found: enter the date",
	 "Không thấy dòng ngày tháng (\"…, ngày … tháng … năm …\"): nhập ngày ban hành"},
	{"date_blank", "the day of issue is left blank (a draft): enter the date",
	 "Ngày ban hành để trống (dự thảo): nhập ngày ban hành"},
	{"subject_missing", "no title or subject (\"V/v …\") was found: enter it",
	 "Không thấy tên loại hoặc trích yếu (\"V/v …\"): nhập bằng tay"},
	{"tasks_missing", "no task was found in the text: add the tasks by hand",
	 "Không tìm thấy nhiệm vụ nào: thêm nhiệm vụ bằng tay"},
	{"assignee_missing", "no unit is named for this task: choose one",
	 "Nhiệm vụ chưa có đơn vị thực hiện: chọn đơn vị"},
};

void doc_warn(struct doc *d, const char *field, const char *code)
{
	size_t k = 0;
	while (k + 1 < ARRAY_LEN(messages) && strcmp(messages[k].code, code) != 0)
		k++;
	if ((d->n_warnings & (d->n_warnings - 1)) == 0)
		d->warnings = xrealloc(d->warnings, (d->n_warnings ? d->n_warnings * 2 : 1) * sizeof(*d->warnings));
	d->warnings[d->n_warnings++] = (struct doc_warning){
		.field = xstrdup(field), .code = messages[k].code, .en = messages[k].en, .vi = messages[k].vi};
}

bool doc_recognised(const struct doc *d, const struct header *h)
{
	return h->number_line || h->date_line || h->motto || d->title || d->addressees.n || d->n_tasks ||
	       d->signer_name || d->signer_title || d->recipients.n;
}

/* Tasks with no unit at all are capped so a huge list cannot flood the warnings. */
#define MAX_TASK_WARNINGS 200

void doc_check(struct doc *d, const struct header *h)
{
	if (!d->issuer)
		doc_warn(d, "issuer", "issuer_missing");
	if (!h->number_line)
		doc_warn(d, "number", "number_missing");
	else if (!d->number)
		doc_warn(d, "number", "number_blank");
	if (!d->place)
		doc_warn(d, "place", "place_missing");
	if (!h->date_line)
		doc_warn(d, "date", "date_missing");
	else if (d->date == DATE_NONE)
		doc_warn(d, "date", "date_blank");
	if (!d->subject && !d->title)
		doc_warn(d, "subject", "subject_missing");
	if (!d->n_tasks)
		doc_warn(d, "tasks", "tasks_missing");
	size_t with_unit = 0, warned = 0;
	for (size_t i = 0; i < d->n_tasks; i++) {
		if (d->tasks[i].assignees.n) {
			with_unit++;
		} else if (warned++ < MAX_TASK_WARNINGS) {
			char field[48];
			snprintf(field, sizeof(field), "tasks[%zu].assignees", i);
			doc_warn(d, field, "assignee_missing");
		}
	}
	/* Header fields weigh 0.6, the tasks 0.4 (found at all, and with units). */
	double c = 0.15 * (d->issuer != NULL) + 0.10 * (d->number != NULL) + 0.05 * (d->symbol != NULL) +
		   0.05 * (d->place != NULL) + 0.15 * (d->date != DATE_NONE) +
		   0.10 * (d->subject != NULL || d->title != NULL);
	if (d->n_tasks)
		c += 0.2 + 0.2 * (double)with_unit / (double)d->n_tasks;
	d->confidence = (double)(int)(c * 100 + 0.5) / 100;
}
