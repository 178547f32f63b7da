/*
 * docimport.c — stored drafts: a document read (text or .docx), parsed
 * and drafted, then kept until the officer edits, discards or confirms it
 * (docimport_confirm.c).  See docimport.h for the draft's shape.
 */
#include "base/base.h"
#include "base/vitext.h"
#include "doc/doc_json.h"
#include "doc/docx.h"
#include "doc/pdf.h"
#include "domain/docimport_int.h"

#include <stdlib.h>
#include <string.h>

/* The stored row made whole: JSON texts parsed, draft fields at the top. */
static json_t *draft_view(json_t *row, struct err *err)
{
	json_error_t je;
	json_t *parsed = json_loads(json_string_value(json_object_get(row, "parsed")), 0, &je);
	json_t *draft = json_loads(json_string_value(json_object_get(row, "draft")), 0, &je);
	if (!parsed || !draft) {
		json_decref(parsed);
		json_decref(draft);
		json_decref(row);
		err_set(err, ERR_INTERNAL, "", "a stored draft is damaged");
		return NULL;
	}
	json_object_del(row, "draft");
	json_object_set_new(row, "parsed", parsed);
	json_object_update(row, draft);
	json_decref(draft);
	return row;
}

json_t *docimport_get(struct tracker *tr, int64_t id, struct err *err)
{
	json_t *row = store_draft_get(tr->store, id, err);
	if (!row) {
		if (err->code == ERR_NOT_FOUND)
			err_set(err, ERR_NOT_FOUND, "id", "no draft %lld", (long long)id);
		return NULL;
	}
	return draft_view(row, err);
}

/* The draft, if it is still open to review: ERR_NOT_FOUND or ERR_CONFLICT otherwise. */
json_t *docimport_open_draft(struct tracker *tr, int64_t id, struct err *err)
{
	json_t *cur = docimport_get(tr, id, err);
	if (cur && strcmp(json_string_value(json_object_get(cur, "status")), "draft") != 0) {
		err_set(err, ERR_CONFLICT, "status", "draft %lld is already %s", (long long)id,
			json_string_value(json_object_get(cur, "status")));
		json_decref(cur);
		cur = NULL;
	}
	return cur;
}

json_t *docimport_drafts(struct tracker *tr, const char *status, struct err *err)
{
	if (status && strcmp(status, "draft") != 0 && strcmp(status, "confirmed") != 0 &&
	    strcmp(status, "discarded") != 0) {
		err_set(err, ERR_BAD_REQUEST, "status", "'status' must be draft, confirmed or discarded");
		return NULL;
	}
	return store_drafts(tr->store, status, err);
}

enum err_code docimport_create(struct tracker *tr, const char *data, size_t len, const char *kind,
			       const char *source_name, json_t **out, struct err *err)
{
	char *extracted = NULL, *nfc = NULL, *parsed_s = NULL, *draft_s = NULL;
	const char *text = data;
	size_t text_len = len;
	struct doc *d = NULL;
	struct unit_matcher *m = NULL;
	json_t *parsed = NULL, *draft = NULL;
	struct buf why = BUF_INIT;
	enum err_code rc;
	*out = NULL;

	/* A .docx or a PDF is read to its text here; the draft keeps that text
	 * and says which kind of file it came from. */
	if (strcmp(kind, "docx") == 0 || strcmp(kind, "pdf") == 0) {
		rc = strcmp(kind, "docx") == 0 ? docx_text(data, len, DOCX_MAX_XML, &extracted, &text_len, err)
					       : pdf_text(data, len, PDF_MAX_PAGES, &extracted, &text_len, err);
		if (rc != ERR_OK)
			goto cleanup;
		text = extracted;
	}
	size_t bad = 0;
	if (!doc_utf8_valid(text, text_len, &bad)) {
		rc = err_set(err, ERR_BAD_REQUEST, "text",
			     "the document is not UTF-8 text (byte %zu); save it as UTF-8 or upload the .docx", bad);
		goto cleanup;
	}
	d = doc_parse(text, text_len, &why);
	if (!d) {
		rc = err_set(err, ERR_INVALID, "text", "not a document: %s", buf_str(&why));
		goto cleanup;
	}
	/* Kept as NFC like all stored text; the parser already read either form. */
	nfc = vi_nfc(text, text_len);
	if (!(m = unit_matcher_new(tr, err))) {
		rc = err->code;
		goto cleanup;
	}
	parsed = doc_to_json(d);
	draft = docimport_draft(m, d);
	parsed_s = json_dumps(parsed, JSON_COMPACT | JSON_PRESERVE_ORDER);
	draft_s = json_dumps(draft, JSON_COMPACT | JSON_PRESERVE_ORDER);
	struct draft_new dn = {.source_name = source_name, .source_kind = kind,
			       .text = nfc ? nfc : text, .parsed = parsed_s, .draft = draft_s};
	int64_t id = 0;
	if ((rc = store_draft_add(tr->store, &dn, &id, err)) != ERR_OK)
		goto cleanup;
	if (!(*out = docimport_get(tr, id, err)))
		rc = err->code;
cleanup:
	unit_matcher_free(m);
	doc_free(d);
	json_decref(parsed);
	json_decref(draft);
	free(parsed_s);
	free(draft_s);
	free(extracted);
	free(nfc);
	buf_release(&why);
	return rc;
}

enum err_code docimport_update(struct tracker *tr, int64_t id, json_t *body, json_t **out, struct err *err)
{
	struct unit_matcher *m = NULL;
	json_t *draft = NULL, *cur = NULL;
	char *s = NULL;
	enum err_code rc;
	*out = NULL;
	/* Report 404/409 before judging the body. */
	if (!(cur = docimport_open_draft(tr, id, err))) {
		rc = err->code;
		goto cleanup;
	}
	if (!(m = unit_matcher_new(tr, err))) {
		rc = err->code;
		goto cleanup;
	}
	if (!(draft = docimport_review(tr, m, body, err))) {
		rc = err->code;
		goto cleanup;
	}
	s = json_dumps(draft, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if ((rc = store_draft_update(tr->store, id, s, err)) != ERR_OK)
		goto cleanup;
	if (!(*out = docimport_get(tr, id, err)))
		rc = err->code;
cleanup:
	unit_matcher_free(m);
	json_decref(draft);
	json_decref(cur);
	free(s);
	return rc;
}

enum err_code docimport_discard(struct tracker *tr, int64_t id, struct err *err)
{
	return store_draft_discard(tr->store, id, err);
}
