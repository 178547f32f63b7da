/*
 * docimport_int.h — internals shared by the files of the document import:
 *   docimport_match.c    unit names normalised and matched to the registry;
 *   docimport_draft.c    the draft of a parsed document and its issues;
 *   docimport_review.c   an edited draft checked and its units re-resolved;
 *   docimport.c          stored drafts: create, read, update, discard;
 *   docimport_confirm.c  a draft confirmed into a document and its tasks.
 * Not for use outside these files and their unit tests.
 */
#ifndef CCHC_DOCIMPORT_INT_H
#define CCHC_DOCIMPORT_INT_H
#include "domain/docimport.h"
#include "store/store.h"

#include <stdbool.h>

/* ---- normalised names (docimport_match.c) ---- */

/*
 * Diacritic-free lower case, punctuation as spaces, one space between
 * words, abbreviations spelt out ("UBND" -> "uy ban nhan dan", "VP",
 * "HĐND", "PT-TH", "TP", "BQL").  New string the caller frees.
 */
char *name_normalise(const char *s);
/* Whether phrase occurs in s on word boundaries (both normalised). */
bool name_has_phrase(const char *s, const char *phrase);
/*
 * Drops, in place, the person in front ("thu truong", "chu tich", "giam
 * doc", "lanh dao", "nguoi dung dau") and the province's name or "tinh"
 * at the end (province normalised, may be NULL).
 */
void name_strip_person_and_place(char *s, const char *province);
/*
 * The kind word in front of a normalised name ("so", "ban", "xa", "phuong",
 * "uy ban nhan dan xa", "x", "p"): sets *kind ("department", "agency",
 * "commune", "ward") and returns the rest; NULL kind and s itself if none.
 */
const char *name_split_kind(const char *s, const char **kind);
/* First letters of the words, "va" left out: "khoa hoc va cong nghe" -> "khcn". */
char *name_initials(const char *s);
/* Levenshtein distance of a and b, or limit + 1 once it is past limit. */
size_t name_edit_distance(const char *a, const char *b, size_t limit);

/* ---- the registry prepared for matching (docimport_match.c) ---- */

struct munit {
	int64_t id;
	const char *code, *name, *kind;	/* borrowed from the units array */
	bool active;
	char *full;		/* normalised, person and province dropped */
	char *core;		/* full without its kind word */
	char *initials;		/* of core */
	char *short_compact;	/* short name without spaces, normalised */
	char *code_fold;
};

struct unit_matcher {
	struct tracker *tr;
	json_t *units;		/* store_units rows */
	struct munit *u;
	size_t n;
	char *province;		/* the province's name, normalised: "cao bang" */
	size_t members[4];	/* active units of @departments, @communes, @media, @all */
};

/*
 * The entries for a group phrase t (normalised) as letters write them:
 * "các sở, ban, ngành" -> @departments, "UBND các xã, phường" -> @communes,
 * "các cơ quan báo chí" -> @media; "các cơ quan, đơn vị liên quan" is
 * flagged ambiguous with groups as candidates.  NULL when t names no group.
 */
json_t *unit_match_groups(const struct unit_matcher *m, const char *written, const char *t);
/* Appends unit_match(m, written)'s entries to list. */
void unit_match_append(json_t *list, const struct unit_matcher *m, const char *written);
/* The entry for a ref the officer gave ("SNV", "12", "@communes"); unmatched if unknown. */
json_t *unit_resolve_ref(const struct unit_matcher *m, const char *written, const char *ref, const char *how);

/*
 * The entry for a unit of another province's document: kept as written,
 * never matched to this registry ("unmatched", ref and unit_id null, how
 * "foreign"), so the officer chooses.  province as written, or NULL.
 */
json_t *unit_foreign(const char *written, const char *province);
/*
 * The province an issuer names ("UBND TỈNH TUYÊN QUANG" -> "tuyen quang",
 * normalised) when it is not the registry's own; NULL otherwise (the same
 * province, or none named).  New string the caller frees.
 */
char *unit_foreign_province(const struct unit_matcher *m, const char *issuer);

/* ---- drafting (docimport_draft.c) ---- */

/* A task's title: its first sentence, or its start cut on a word with "…". */
char *draft_task_title(const char *text);
/* The field ("TTHC", "CPS", ...) whose words alone a task's text uses; NULL if none or several. */
const char *draft_guess_field(const char *text);
/* The tracker's name of a recurrence; NULL for none and weekly (the tracker has no week). */
const char *draft_recurrence(enum doc_recurrence r);
/* Recomputes "issues" and "ready" of a draft from its content. */
void draft_issues(struct tracker *tr, json_t *draft);

/* ---- reviewing and storing (docimport_review.c, docimport.c) ---- */

/* Puts prefix and a dot in front of err's field: "lead" -> "tasks[2].lead". */
void docimport_field_prefix(struct err *err, const char *prefix);
/* The stored draft, if it is still open to review: ERR_NOT_FOUND or ERR_CONFLICT otherwise. */
json_t *docimport_open_draft(struct tracker *tr, int64_t id, struct err *err);

#endif
