/*
 * feedback.h — citizens' and businesses' feedback (phản ánh, kiến nghị) on
 * administrative regulations and on how officials applied them (issue 17;
 * Decree 20/2008/NĐ-CP as amended by Decree 92/2017/NĐ-CP).  Complaints
 * and denunciations follow their own laws and are not received here.
 *
 * A feedback arrives from the public form (no account) or is entered by
 * the receiving unit (the PPC Office) from a letter, a call, an e-mail or
 * the national portal.  The receiving unit forwards it to the competent
 * unit or rejects it with a reason; the unit drafts the answer, its head
 * approves it; the answer is then sent and, when the sender agreed,
 * published.  Deadlines (classification, answer) come from the working-day
 * calendar and the feedback settings (sql/sqlite/0011_feedback.sql,
 * docs/configuration.md); the receiving unit may extend the answer's
 * deadline with a reason.  The sender rates the answer once.
 *
 * The sender's contact details are shown only to those who may
 * ACT_FEEDBACK_CONTACT on the receiving or the handling unit; the public
 * status never shows them.  Results are new JSON values the caller owns.
 */
#ifndef CCHC_FEEDBACK_H
#define CCHC_FEEDBACK_H
#include <jansson.h>
#include <stdint.h>

#include "base/err.h"
#include "domain/tracker.h"
#include "store/rows.h"

/* Characters of a tracking code after "PAKN-", in two groups of five. */
#define FEEDBACK_CODE_CHARS 10

/*
 * The public form: {"procedure", "unit_concerned", "content", "proposal",
 * "name", "address", "phone", "email", "consent_publish"}; content and name
 * are required, and one of address, phone, email.  Limited per sender's
 * address (tr->address): beyond the setting's count in its window,
 * ERR_THROTTLED with err->retry_after the seconds to wait.  *out: {code,
 * status, received_on, answer_due, note, attachments (how many)}.
 * Files: files[0..nfiles) uploaded into the evidence store (a form post),
 * or "attachments": [{"name", "content_base64"}] in body (JSON), not both;
 * at most the settings' attachment_max_files of attachment_max_bytes each,
 * of an evidence type whose name's extension agrees with the content.
 * The feedback and its files' rows are written together or not at all.
 */
enum err_code feedback_submit(struct tracker *tr, json_t *body, const struct evidence_new *files, size_t nfiles,
			      json_t **out, struct err *err);
/* A proof-of-work challenge for the public form: {nonce, bits, expires,
 * required}, required when this address (tr->address) must solve one to
 * send now (feedback_int.h and docs/api.md say how). */
json_t *feedback_challenge(struct tracker *tr, struct err *err);
/* The same fields and "channel" (letter, phone, email, portal) and
 * "received_on" (default today), entered by the receiving unit. */
enum err_code feedback_intake(struct tracker *tr, json_t *body, json_t **out, struct err *err);
/* The public status of a tracking code: no contact details, no content. */
json_t *feedback_public(struct tracker *tr, const char *code, struct err *err);
/* body {"satisfied": true|false}: once, after the answer. */
enum err_code feedback_rate(struct tracker *tr, const char *code, json_t *body, json_t **out, struct err *err);

/* The query of feedback_list; zero or NULL members do not filter. */
struct feedback_query {
	int32_t as_of;		/* required: the day states are judged on */
	const char *status;	/* received, rejected, forwarded, drafted, answered */
	const char *state;	/* open, overdue, answered_on_time, answered_late, rejected */
	int64_t unit_id;	/* the handling unit */
	int32_t due_before;	/* answer_due on or before (DATE_NONE: no filter) */
	int marked;		/* 1: only those marked as spam or a duplicate, which the others leave out */
};
json_t *feedback_list(struct tracker *tr, const struct feedback_query *q, struct err *err);
json_t *feedback_get(struct tracker *tr, int64_t id, struct err *err);
/* {"decision": "forward", "unit"} or {"decision": "reject", "reason"}. */
enum err_code feedback_classify(struct tracker *tr, int64_t id, json_t *body, json_t **out, struct err *err);
/* {"answer"}: drafted (again) by the handling unit. */
enum err_code feedback_answer(struct tracker *tr, int64_t id, json_t *body, json_t **out, struct err *err);
/* The head approves the draft: answered today, published with consent. */
enum err_code feedback_approve(struct tracker *tr, int64_t id, json_t **out, struct err *err);
/* {"workdays", "reason"}: moves the answer's deadline. */
enum err_code feedback_extend(struct tracker *tr, int64_t id, json_t *body, json_t **out, struct err *err);
/* Per handling unit as of as_of: received, rejected, open, overdue,
 * answered_on_time, answered_late, rated, satisfied, on_time_rate and
 * satisfaction_rate (QĐ 766/QĐ-TTg), and the province's totals. */
/* {"mark": "spam"|"duplicate"|"none", "duplicate_of" (a tracking code, for
 * a duplicate), "reason" (required unless none)}: by the receiving unit;
 * a marked feedback leaves the lists, the counts and the public page. */
enum err_code feedback_mark(struct tracker *tr, int64_t id, json_t *body, json_t **out, struct err *err);
json_t *feedback_stats(struct tracker *tr, int32_t as_of, struct err *err);
json_t *feedback_settings(struct tracker *tr, struct err *err);
/* body {key: value, ...}: all or nothing, ACT_CONFIGURE. */
enum err_code feedback_settings_put(struct tracker *tr, json_t *body, json_t **out, struct err *err);

/* ---- Attachments (feedback_files.c) ---- */
/* What one public submission may upload: the settings' count and bytes of
 * each (no principal needed: the form is public); ERR_THROTTLED, as
 * feedback_submit's, for an address that has sent its allowance, so that
 * its files are refused before they are read. */
enum err_code feedback_upload_limits(struct tracker *tr, size_t *max_files, size_t *max_bytes, struct err *err);
/* The files of feedback id: {"items": [{id, filename, mime, size,
 * uploaded_at}]}; only for ACT_FEEDBACK_CONTACT on its receiving or
 * handling unit (a sender's file may hold personal data). */
json_t *feedback_attachments(struct tracker *tr, int64_t id, struct err *err);
/* One of them with *path its stored file (caller frees); ERR_NOT_FOUND on
 * "attachment" when the feedback has no such file. */
json_t *feedback_attachment_get(struct tracker *tr, int64_t id, int64_t attachment, char **path, struct err *err);

#endif
