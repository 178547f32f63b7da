/*
 * ooxml.c — zip entries and hardened XML parts of .docx and .xlsx files.
 */
#include "base/base.h"
#include "doc/ooxml.h"

#include <libxml/parser.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>

bool ooxml_looks_like_zip(const void *data, size_t len)
{
	return len >= 4 && memcmp(data, "PK\3\4", 4) == 0;
}

/* libxml2 must be initialised once before threads parse concurrently;
 * its own lazy initialisation is not thread-safe. */
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
	xmlInitParser();
}

bool ooxml_is(const xmlNode *n, const char *ns, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       strcmp((const char *)n->ns->href, ns) == 0 && strcmp((const char *)n->name, name) == 0;
}

enum err_code ooxml_open(const void *data, size_t len, const char *what, zip_t **za, struct err *err)
{
	zip_error_t zerr;
	*za = NULL;
	if (!ooxml_looks_like_zip(data, len))
		return err_set(err, ERR_UNSUPPORTED, "file", "this is not a %s file (not a zip archive)", what);
	zip_error_init(&zerr);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &zerr);
	if (!src) {
		err_set(err, ERR_INTERNAL, "file", "cannot read the upload: %s", zip_error_strerror(&zerr));
		zip_error_fini(&zerr);
		return ERR_INTERNAL;
	}
	*za = zip_open_from_source(src, ZIP_RDONLY, &zerr);
	if (!*za) {
		err_set(err, ERR_UNSUPPORTED, "file", "this is not a %s file: %s", what, zip_error_strerror(&zerr));
		zip_error_fini(&zerr);
		zip_source_free(src);	/* still ours when the open failed */
		return ERR_UNSUPPORTED;
	}
	zip_error_fini(&zerr);
	return ERR_OK;
}

void ooxml_close(zip_t *za)
{
	if (za)
		zip_discard(za);	/* read-only: nothing to write back */
}

/* Reads a zip entry whole, refusing more than max bytes. */
static enum err_code read_entry(zip_t *za, zip_int64_t idx, const char *what, size_t max, struct buf *xml,
				struct err *err)
{
	zip_file_t *zf = zip_fopen_index(za, (zip_uint64_t)idx, 0);
	if (!zf)
		return err_set(err, ERR_UNSUPPORTED, "file", "the %s cannot be read: %s", what, zip_strerror(za));
	enum err_code rc = ERR_OK;
	char chunk[65536];
	for (;;) {
		zip_int64_t n = zip_fread(zf, chunk, sizeof chunk);
		if (n < 0) {
			rc = err_set(err, ERR_UNSUPPORTED, "file", "the %s is damaged: %s", what, zip_file_strerror(zf));
			break;
		}
		if (n == 0)
			break;
		if (xml->len + (size_t)n > max) {
			rc = err_set(err, ERR_TOO_LARGE, "file", "the %s text is larger than %zu bytes uncompressed",
				     what, max);
			break;
		}
		buf_add(xml, chunk, (size_t)n);
	}
	zip_fclose(zf);
	return rc;
}

enum err_code ooxml_part(zip_t *za, const char *name, const char *what, size_t max, xmlDoc **doc,
			 struct err *err)
{
	struct buf xml = BUF_INIT;
	enum err_code rc = ERR_OK;
	*doc = NULL;
	zip_int64_t idx = zip_name_locate(za, name, 0);
	if (idx < 0)
		return err_set(err, ERR_NOT_FOUND, "file", "the %s has no %s", what, name);
	if ((rc = read_entry(za, idx, what, max, &xml, err)) != ERR_OK)
		goto cleanup;
	if (xml.len > (size_t)INT32_MAX) {
		rc = err_set(err, ERR_TOO_LARGE, "file", "the %s text is too large", what);
		goto cleanup;
	}
	pthread_once(&xml_once, xml_init);
	*doc = xmlReadMemory(xml.len ? xml.data : "", (int)xml.len, name, NULL,
			     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!*doc || (*doc)->intSubset || (*doc)->extSubset) {
		rc = err_set(err, ERR_BAD_REQUEST, "file", *doc ? "the %s text declares a DTD; refused"
								: "the %s text is not well-formed XML", what);
		if (*doc)
			xmlFreeDoc(*doc);
		*doc = NULL;
	}
cleanup:
	buf_release(&xml);
	return rc;
}
