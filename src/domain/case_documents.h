/*
 * case_documents.h — uploaded documents of a discipline case (its
 * decision, quyết định kỷ luật) and of an inspection (its conclusion
 * notice, Thông báo kết luận kiểm tra), issue 15.
 *
 * The files are stored once by content with the report evidence
 * (domain/evidence.h), their type decided from the bytes and their name's
 * extension required to agree with it.  A case's document is uploaded by
 * whoever may act on the case (ACT_DISCIPLINE) and downloaded only by
 * those who may see it; every download, and every refused one, is
 * recorded like a look at the case.  An inspection's document is uploaded
 * by its inspecting unit (ACT_INSPECT) and read by everyone who reads.
 */
#ifndef CCHC_CASE_DOCUMENTS_H
#define CCHC_CASE_DOCUMENTS_H
#include <jansson.h>
#include <stdint.h>

#include "base/err.h"
#include "domain/tracker.h"
#include "store/rows.h"

/* Whether who may upload to the case or inspection id: checked before
 * any byte of the file is stored. */
enum err_code case_document_may_attach(struct tracker *tr, enum case_document_owner owner, int64_t id,
				       struct err *err);
/* Records the one file ev (nev must be 1) as a document of the case or
 * inspection id; *out the new document's row. */
enum err_code case_document_add(struct tracker *tr, enum case_document_owner owner, int64_t id,
				const struct evidence_new *ev, size_t nev, json_t **out, struct err *err);
/* The document doc of the case or inspection id and *path its stored file
 * (caller frees both); a case's download is recorded, a refused one too. */
json_t *case_document_get(struct tracker *tr, enum case_document_owner owner, int64_t id, int64_t doc,
			  char **path, struct err *err);

#endif
