/*
 * docparse.h — read the text of a Vietnamese administrative document
 * (Decree 30/2020/NĐ-CP layout: công văn, kế hoạch with an annex task table,
 * chỉ thị, quyết định, thông báo kết luận) into plain C structs.
 *
 * The parser does no I/O and keeps no state between calls.  Unit names are
 * kept as written; matching them to the unit registry is the caller's job.
 */
#ifndef CCHC_DOCPARSE_H
#define CCHC_DOCPARSE_H
#include "base/base.h"

#include <stddef.h>
#include <stdint.h>

/* A growable list of owned strings. */
struct doc_strs {
	char **v;
	size_t n;
};

enum doc_recurrence {
	DOC_RECUR_NONE = 0,
	DOC_RECUR_WEEKLY,
	DOC_RECUR_MONTHLY,
	DOC_RECUR_QUARTERLY,
	DOC_RECUR_SIX_MONTHLY,
	DOC_RECUR_YEARLY,
	DOC_RECUR_ONGOING,
};

struct doc_ref {
	char *number;		/* "4110", or NULL */
	char *symbol;		/* "KH-UBND"; for "30/2020/NĐ-CP" it is "2020/NĐ-CP" */
	int32_t date;		/* day number, or DATE_NONE */
};

struct doc_task {
	char *section;		/* "1", "II.3", "Điều 2", "2.a"; NULL if none */
	struct doc_strs assignees;	/* units or groups, as written */
	char *lead;		/* the one unit stated to lead, or NULL */
	struct doc_strs cooperating;
	char *text;
	int32_t deadline;	/* day number, or DATE_NONE */
	char *deadline_text;	/* the deadline as written, or NULL */
	enum doc_recurrence recurrence;
	char *product;		/* annex "Sản phẩm" column, or NULL (not in JSON) */
};

/*
 * A field the parser could not read, or read only in part.  field names
 * it as in the JSON ("date", "number", "tasks[2].assignees"); code is
 * stable for the UI to translate ("date_missing"); en and vi say it.
 */
struct doc_warning {
	char *field;
	const char *code, *en, *vi;	/* static */
};

struct doc {
	char *issuer;
	char *number;		/* NULL when left blank ("Số:   /UBND-NC") */
	char *symbol;
	char *type;		/* "CV", "KH", "CT", "QD", "TB", "BC", "HD", ... */
	char *title;		/* the type line as written ("KẾ HOẠCH"), or NULL */
	char *place;
	int32_t date;		/* DATE_NONE when the day is left blank */
	char *subject;
	struct doc_strs addressees;
	char *signer_name;
	char *signer_title;	/* the signer's own position: "PHÓ CHỦ TỊCH" */
	char *signer_authority;	/* the lines above it: "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH" */
	struct doc_strs recipients;
	struct doc_ref *refs;
	size_t n_refs;
	struct doc_task *tasks;
	size_t n_tasks;
	struct doc_warning *warnings;
	size_t n_warnings;
	double confidence;	/* 0..1: which header fields and tasks were read */
};

/*
 * Parses len bytes of text.  Returns a document the caller frees with
 * doc_free(): what was found, with a warning for each field that could not
 * be read.  NULL with a one-line reason in err only for text with nothing
 * of a document at all (not UTF-8, empty, or no header line, task or
 * signature recognised).
 */
struct doc *doc_parse(const char *text, size_t len, struct buf *err);
void doc_free(struct doc *d);

/* "monthly", "quarterly", ...; NULL for DOC_RECUR_NONE. */
const char *doc_recurrence_name(enum doc_recurrence r);

/*
 * Checks that s[0..len) is well-formed UTF-8 without NUL bytes; on failure
 * returns false and sets *bad_offset to the first offending byte.
 */
bool doc_utf8_valid(const char *s, size_t len, size_t *bad_offset);

#endif
