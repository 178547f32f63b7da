/* case_documents.c — the decision of a discipline case and the conclusion
 * notice of an inspection, uploaded as files (issue 15). */
#include "base/base.h"
#include "domain/case_documents.h"
#include "domain/discipline_rules.h"
#include "domain/evidence.h"
#include "domain/inspection.h"
#include "store/store.h"

#include <stdlib.h>

enum err_code case_document_may_attach(struct tracker *tr, enum case_document_owner owner, int64_t id,
				       struct err *err)
{
	json_t *row = NULL;
	enum err_code rc;
	if (owner == DOC_INSPECTION) {
		rc = inspection_for_step(tr, id, &row, err);
	} else if ((row = store_discipline_case_get(tr->store, id, err))) {
		struct permit_target t =
			discipline_case_target(tr, json_integer_value(json_object_get(row, "unit_id")));
		rc = auth_require(tr->who, ACT_DISCIPLINE, &t, err);
	} else {
		/* Whether an unknown case exists is told only to those who may act on any. */
		struct permit_target t = discipline_case_target(tr, 0);
		rc = auth_require(tr->who, ACT_DISCIPLINE, &t, err);
		if (rc == ERR_OK)
			rc = err_set(err, ERR_NOT_FOUND, "id", "no discipline case %lld", (long long)id);
	}
	json_decref(row);
	return rc;
}

enum err_code case_document_add(struct tracker *tr, enum case_document_owner owner, int64_t id,
				const struct evidence_new *ev, size_t nev, json_t **out, struct err *err)
{
	int64_t doc = 0;
	enum err_code rc = case_document_may_attach(tr, owner, id, err);
	if (rc)
		return rc;
	if (nev != 1)
		return err_set(err, ERR_INVALID, "evidence", "send exactly one file in the form field 'evidence' (%zu sent)",
			       nev);
	if (!evidence_name_fits(ev->filename, ev->mime))
		return err_set(err, ERR_UNSUPPORTED, "evidence", "'%s' is not what its name says: its content is %s",
			       ev->filename, ev->mime);
	tracker_attribution_begin(tr);
	rc = store_case_document_add(tr->store, owner, id, ev, auth_actor(tr->who), &doc, err);
	tracker_attribution_end(tr);
	if (rc == ERR_OK && out && !(*out = store_case_document_get(tr->store, owner, id, doc, err)))
		rc = err->code;
	return rc;
}

json_t *case_document_get(struct tracker *tr, enum case_document_owner owner, int64_t id, int64_t doc,
			  char **path, struct err *err)
{
	json_t *row = NULL, *out = NULL;
	*path = NULL;
	if (owner == DOC_DISCIPLINE_CASE) {
		/* A download is a look at the case, recorded as one. */
		char shown[64];
		snprintf(shown, sizeof shown, "{\"document\": %lld}", (long long)doc);
		if (discipline_case_seen(tr, id, shown, &row, err))
			return NULL;
	} else if (auth_require(tr->who, ACT_READ, NULL, err) || !(row = store_inspection_get(tr->store, id, err))) {
		return NULL;
	}
	if ((out = store_case_document_get(tr->store, owner, id, doc, err)) &&
	    !(*path = evidence_path(tr->data_dir, json_string_value(json_object_get(out, "sha256"))))) {
		err_set(err, ERR_INTERNAL, "", "document %lld names no stored file", (long long)doc);
		json_decref(out);
		out = NULL;
	}
	json_decref(row);
	return out;
}
