/*
 * docimport.h — from the text of a directive document to tracked tasks
 * (issue 4, "Into the tracker").
 *
 * A document arrives as text or .docx; the parser (doc/docparse.h) reads
 * it and this module drafts its tasks: every unit named as lead or
 * cooperating is mapped to the unit registry (unit_match), groups to the
 * tracker's groups (@departments, @communes, @media, @all), recurrences
 * to the tracker's names.  Whatever is not sure is flagged in the draft's
 * "issues", never guessed.  The officer edits the draft (docimport_update)
 * and confirms it (docimport_confirm): the document and all its tasks and
 * assignments are created in one transaction.
 *
 * A draft entry for a unit, in "lead" or "cooperating":
 *   {"name": as written or null, "ref": "SNV" | "@departments" | null,
 *    "unit_id": the registry's id or null,
 *    "status": "matched" | "group" | "ambiguous" | "unmatched",
 *    "how": "code" | "name" | "short_name" | "core" | "initials" | "partial" |
 *           "group" | "manual" | "foreign" (a unit of another province's
 *           document, kept as written and never matched to this registry),
 *    "unit": {id, code, name, kind} | null, "members": N (groups),
 *    "candidates": [{ref, name}], "message": why it is flagged}
 */
#ifndef CCHC_DOCIMPORT_H
#define CCHC_DOCIMPORT_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "doc/docparse.h"
#include "domain/tracker.h"

/* The unit registry prepared for matching names (built from store_units). */
struct unit_matcher;

struct unit_matcher *unit_matcher_new(struct tracker *tr, struct err *err);
void unit_matcher_free(struct unit_matcher *m);
/* The entries for one name as written: usually one, two when the name
 * covers two groups ("Các sở, ban, ngành tỉnh, UBND các xã, phường").
 * Returns a new array the caller owns. */
json_t *unit_match(const struct unit_matcher *m, const char *written);

/*
 * The draft of a parsed document: {"document": {type, number, symbol,
 * title, issued_on, year, issuer, issuer_unit, place, signer}, "tasks":
 * [{section, title, text, deadline, deadline_text, recurrence,
 * recurrence_written, field, product, lead [...], cooperating [...]}],
 * "issues": [{task, field, severity, message}], "ready": bool}.  New
 * reference the caller owns.
 */
json_t *docimport_draft(const struct unit_matcher *m, const struct doc *d);

/* Checks an edited draft ({"document", "tasks"}) and re-resolves its
 * units; returns the normalised draft with fresh "issues" and "ready".
 * ERR_INVALID / ERR_BAD_REQUEST for malformed input. */
json_t *docimport_review(struct tracker *tr, const struct unit_matcher *m, json_t *edited,
			 struct err *err);

/*
 * Reads data (kind "text" or "txt": UTF-8 text; "docx": a Word file;
 * "pdf": a text PDF),
 * stores the draft and returns its full view (as docimport_get).
 * Errors: ERR_BAD_REQUEST for text that is not UTF-8, ERR_INVALID for
 * text that is not a document, ERR_UNSUPPORTED / ERR_TOO_LARGE from the
 * .docx and PDF readers.  Nothing is written on error.
 */
enum err_code docimport_create(struct tracker *tr, const char *data, size_t len, const char *kind,
			       const char *source_name, json_t **out, struct err *err);
/* The draft with its text, parser output, tasks, issues and status. */
json_t *docimport_get(struct tracker *tr, int64_t id, struct err *err);
json_t *docimport_drafts(struct tracker *tr, const char *status, struct err *err);
/* Replaces the draft's document and tasks with body's (checked). */
enum err_code docimport_update(struct tracker *tr, int64_t id, json_t *body, json_t **out, struct err *err);
enum err_code docimport_discard(struct tracker *tr, int64_t id, struct err *err);
/*
 * Creates the document, its tasks and their assignments in one
 * transaction and returns the document (as docimport_document) with
 * "draft_id".  ERR_CONFLICT if the draft is confirmed or discarded,
 * ERR_INVALID (field "tasks[i]...") if an issue remains.
 */
enum err_code docimport_confirm(struct tracker *tr, int64_t id, json_t **out, struct err *err);

json_t *docimport_documents(struct tracker *tr, struct err *err);
/* A document with its text ("body") and its tasks. */
json_t *docimport_document(struct tracker *tr, int64_t id, struct err *err);

#endif
