/*
 * par_evidence.h — evidence per sub-criterion of a PAR assessment (issue
 * 14): files stored once by hash (domain/evidence.h), or links to tasks,
 * reports and documents already in the system.  The unit's officers and
 * head add and remove it while the assessment is a draft; whoever may
 * read the assessment (the appraiser too) sees it.
 */
#ifndef CCHC_PAR_EVIDENCE_H
#define CCHC_PAR_EVIDENCE_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/rows.h"

struct tracker;

/* {assessment_id, items: [{id, code, kind, sha256, filename, mime, size,
 * ref_id, note, created_*}]}. */
json_t *par_evidence_list(struct tracker *tr, int64_t id, struct err *err);
/* in: {code, note} with files (the stored uploads ev[0..nev)), or {code,
 * kind: task|report|document, ref, note}; returns the new list. */
json_t *par_evidence_add(struct tracker *tr, int64_t id, json_t *in, const struct evidence_new *ev, size_t nev,
			 struct err *err);
json_t *par_evidence_remove(struct tracker *tr, int64_t id, int64_t evidence_id, struct err *err);

#endif
