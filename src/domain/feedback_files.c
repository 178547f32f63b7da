/*
 * feedback_files.c — the files a sender attaches to a feedback (issue 17).
 * They go into the evidence store (evidence.h) like report evidence: the
 * type is read from the bytes and the name's extension must agree.  A form
 * post streams them there before the handler runs (the API asks
 * feedback_upload_limits first); a JSON client sends them as base64 in
 * "attachments", stored here.  Only the receiving and the handling unit may
 * list or download them.
 */
#include "base/base.h"
#include "domain/evidence.h"
#include "domain/feedback.h"
#include "domain/feedback_int.h"
#include "store/store.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

enum err_code feedback_upload_limits(struct tracker *tr, size_t *max_files, size_t *max_bytes, struct err *err)
{
	struct fb_settings s;
	char hash[65];
	if (fb_settings_load(tr, &s, err) != ERR_OK ||
	    fb_rate_check(tr, &s, fb_sent_recently(tr, &s, hash), hash, err) != ERR_OK)
		return err->code;
	*max_files = (size_t)s.attach_files;
	*max_bytes = (size_t)s.attach_bytes;
	return ERR_OK;
}

/* Stores one {"name", "content_base64"} of the JSON form into ev (its
 * filename borrowed from item). */
static enum err_code store_json_file(struct tracker *tr, const struct fb_settings *s, json_t *item, size_t i,
				     struct evidence_new *ev, struct err *err)
{
	json_t *name = json_object_get(item, "name"), *b64 = json_object_get(item, "content_base64");
	if (!json_is_object(item) || json_object_size(item) != 2 || !json_is_string(name) || !json_is_string(b64))
		return err_set(err, ERR_INVALID, "attachments",
			       "attachment %zu must be {\"name\": text, \"content_base64\": text}", i + 1);
	const char *filename = json_string_value(name);
	size_t name_len = json_string_length(name), b64_len = json_string_length(b64);
	if (name_len == 0 || name_len > 255 || strpbrk(filename, "/\\") || memchr(filename, 0, name_len))
		return err_set(err, ERR_INVALID, "attachments",
			       "attachment %zu needs a file name of 1 to 255 bytes without folders", i + 1);
	size_t cap = b64_len / 4 * 3 + 3, len = 0;
	unsigned char *bytes = xmalloc(cap ? cap : 1);
	struct evidence_upload up = {.fd = -1};
	enum err_code rc = ERR_OK;
	if (sodium_base642bin(bytes, cap, json_string_value(b64), b64_len, NULL, &len, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0)
		rc = err_set(err, ERR_INVALID, "attachments", "attachment %zu ('%s') is not base64", i + 1, filename);
	else if (len > (size_t)s->attach_bytes)
		rc = err_set(err, ERR_TOO_LARGE, "attachments", "an attached file may hold at most %d bytes ('%s' has %zu)",
			     s->attach_bytes, filename, len);
	if (rc == ERR_OK && (rc = evidence_begin(&up, tr->data_dir, (size_t)s->attach_bytes, err)) == ERR_OK &&
	    (rc = evidence_write(&up, bytes, len, err)) == ERR_OK)
		rc = evidence_finish(&up, tr->data_dir, filename, ev, err);
	evidence_abort(&up);
	free(bytes);
	return rc;
}

enum err_code fb_files_gather(struct tracker *tr, const struct fb_settings *s, json_t *body,
			      const struct evidence_new *files, size_t nfiles, struct evidence_new **all, size_t *n,
			      struct err *err)
{
	json_t *list = json_object_get(body, "attachments");
	*all = NULL;
	*n = 0;
	if (list && !json_is_array(list))
		return err_set(err, ERR_INVALID, "attachments", "'attachments' must be a list of files");
	if (list && nfiles)
		return err_set(err, ERR_INVALID, "attachments",
			       "send files either in the form or in 'attachments', not both");
	size_t count = list ? json_array_size(list) : nfiles;
	if (count > (size_t)s->attach_files)
		return err_set(err, ERR_TOO_LARGE, "attachments", "at most %d files may be attached (%zu sent)",
			       s->attach_files, count);
	*all = xcalloc(count ? count : 1, sizeof **all);
	enum err_code rc = ERR_OK;
	for (size_t i = 0; rc == ERR_OK && i < count; i++) {
		if (list)
			rc = store_json_file(tr, s, json_array_get(list, i), i, &(*all)[i], err);
		else
			(*all)[i] = files[i];
		struct evidence_new *ev = &(*all)[i];
		if (rc == ERR_OK && ev->size > s->attach_bytes)
			rc = err_set(err, ERR_TOO_LARGE, "attachments", "an attached file may hold at most %d bytes",
				     s->attach_bytes);
		if (rc == ERR_OK && !evidence_name_fits(ev->filename, ev->mime))
			rc = err_set(err, ERR_UNSUPPORTED, "attachments", "'%s' is not what its name says: its content is %s",
				     ev->filename, ev->mime);
	}
	if (rc != ERR_OK) {
		free(*all);
		*all = NULL;
		return rc;
	}
	*n = count;
	return ERR_OK;
}

/* The feedback's files (attachment 0: all) for one who may see its sender's details. */
static json_t *attachments_of(struct tracker *tr, int64_t id, int64_t attachment, struct err *err)
{
	/* Strangers learn nothing of which feedback exist. */
	if (auth_require(tr->who, ACT_FEEDBACK_READ, NULL, err) != ERR_OK)
		return NULL;
	json_t *row = store_feedback_get(tr->store, id, NULL, err);
	if (!row)
		return NULL;
	struct permit_target rcv, hnd;
	fb_targets(row, &rcv, &hnd);
	json_decref(row);
	if (!auth_permits(tr->who, ACT_FEEDBACK_CONTACT, &rcv) &&
	    auth_require(tr->who, ACT_FEEDBACK_CONTACT, &hnd, err) != ERR_OK)
		return NULL;
	return store_feedback_attachments(tr->store, id, attachment, err);
}

json_t *feedback_attachments(struct tracker *tr, int64_t id, struct err *err)
{
	json_t *items = attachments_of(tr, id, 0, err), *item;
	size_t i;
	if (!items)
		return NULL;
	json_array_foreach(items, i, item)
		json_object_del(item, "sha256");	/* downloads go by the attachment's id */
	return json_pack("{s:I, s:o}", "feedback_id", (json_int_t)id, "items", items);
}

json_t *feedback_attachment_get(struct tracker *tr, int64_t id, int64_t attachment, char **path, struct err *err)
{
	*path = NULL;
	json_t *items = attachments_of(tr, id, attachment, err);
	if (!items)
		return NULL;
	json_t *one = json_incref(json_array_get(items, 0));
	json_decref(items);
	if (!one) {
		err_set(err, ERR_NOT_FOUND, "attachment", "feedback %lld has no attachment %lld", (long long)id,
			(long long)attachment);
		return NULL;
	}
	if (!(*path = evidence_path(tr->data_dir, json_string_value(json_object_get(one, "sha256"))))) {
		err_set(err, ERR_INTERNAL, "", "attachment %lld names no stored file", (long long)attachment);
		json_decref(one);
		return NULL;
	}
	return one;
}
