/* api_documents.c — directive documents read from their text: drafts,
 * review and confirmation (issue 4). */
#include "base/base.h"
#include "api/api.h"
#include "doc/docx.h"
#include "doc/pdf.h"
#include "domain/docimport.h"

#include <string.h>
#include <strings.h>


static bool ends_with_ci(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

void api_document_create(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	json_t *out = NULL;
	const char *data = NULL, *kind = "text", *name = NULL;
	size_t len = 0;
	if (rq->json) {
		static const char *const allowed[] = {"text", "name"};
		const char *key;
		json_t *v;
		json_object_foreach(rq->json, key, v) {
			size_t k = 0;
			while (k < ARRAY_LEN(allowed) && strcmp(allowed[k], key) != 0)
				k++;
			if (k == ARRAY_LEN(allowed)) {
				err_set(&err, ERR_INVALID, key, "unknown field '%.40s'; send 'text' (and 'name')", key);
				goto fail;
			}
		}
		json_t *text = json_object_get(rq->json, "text");
		if (!json_is_string(text) || json_string_length(text) == 0) {
			err_set(&err, ERR_INVALID, "text", "'text' is required: the document's text");
			goto fail;
		}
		data = json_string_value(text);
		len = json_string_length(text);
		name = json_string_value(json_object_get(rq->json, "name"));
	} else if (rq->file) {
		name = rq->file_name;
		/* The bytes decide; the name only rules out what cannot be read. */
		if (docx_looks_like_zip(rq->file, rq->file_len)) {
			kind = "docx";
		} else if (pdf_looks_like_pdf(rq->file, rq->file_len)) {
			kind = "pdf";
		} else if (ends_with_ci(name, ".docx")) {
			err_set(&err, ERR_UNSUPPORTED, "file", "this .docx file is not a Word document (not a zip)");
			goto fail;
		} else if (ends_with_ci(name, ".pdf")) {
			err_set(&err, ERR_UNSUPPORTED, "file", "this .pdf file is not a PDF (it does not start with %%PDF-)");
			goto fail;
		} else if (ends_with_ci(name, ".txt") || ends_with_ci(name, ".md") || !strchr(name, '.')) {
			kind = "txt";
		} else {
			err_set(&err, ERR_UNSUPPORTED, "file", "send the document as a .txt, .docx or .pdf file");
			goto fail;
		}
		data = rq->file;
		len = rq->file_len;
		if (len == 0) {
			err_set(&err, ERR_INVALID, "file", "the file is empty");
			goto fail;
		}
	} else {
		json_t *text = json_object_get(rq->form, "text");
		if (!json_string_length(text)) {
			err_set(&err, ERR_INVALID, "file", "send the document in the form field 'file' (or 'text')");
			goto fail;
		}
		data = json_string_value(text);
		len = json_string_length(text);
	}
	if (name && strlen(name) > 255) {
		err_set(&err, ERR_INVALID, "name", "the file name is longer than 255 bytes");
		goto fail;
	}
	if (docimport_create(TRACKER(rq), data, len, kind, name, &out, &err) != ERR_OK)
		goto fail;
	http_json(rs, 201, out);
	return;
fail:
	http_error(rs, &err);
}

void api_documents(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	reply(rs, docimport_documents(TRACKER(rq), &err), &err);
}

void api_document(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	if (path_id(rq, rs, &id))
		return;
	reply(rs, docimport_document(TRACKER(rq), id, &err), &err);
}

void api_drafts(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	const char *status = http_query(rq, "status");
	reply(rs, docimport_drafts(TRACKER(rq), status && *status ? status : NULL, &err), &err);
}

void api_draft(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	if (path_id(rq, rs, &id))
		return;
	reply(rs, docimport_get(TRACKER(rq), id, &err), &err);
}

void api_draft_update(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	json_t *out = NULL;
	if (path_id(rq, rs, &id))
		return;
	if (docimport_update(TRACKER(rq), id, rq->json, &out, &err) != ERR_OK)
		http_error(rs, &err);
	else
		http_json(rs, 200, out);
}

void api_draft_confirm(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	json_t *out = NULL;
	if (path_id(rq, rs, &id))
		return;
	if (docimport_confirm(TRACKER(rq), id, &out, &err) != ERR_OK)
		http_error(rs, &err);
	else
		http_json(rs, 201, out);
}

void api_draft_discard(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	if (path_id(rq, rs, &id))
		return;
	if (docimport_discard(TRACKER(rq), id, &err) != ERR_OK)
		http_error(rs, &err);
	else
		reply(rs, docimport_get(TRACKER(rq), id, &err), &err);
}
