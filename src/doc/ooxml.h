/*
 * ooxml.h — the parts of an Office Open XML file (.docx, .xlsx) read from
 * a zip held in memory, hardened once for every reader: each entry read in
 * chunks up to a cap (the size the zip's directory claims is never
 * trusted), the XML parsed without network access, entity substitution or
 * DTD loading, and a part that declares a DTD refused (OOXML has none; a
 * DTD is how entity expansion attacks arrive).
 */
#ifndef CCHC_OOXML_H
#define CCHC_OOXML_H
#include <libxml/tree.h>
#include <stddef.h>
#include <zip.h>

#include "base/base.h"
#include "base/err.h"

/* Does data start like a zip archive ("PK\3\4")? */
bool ooxml_looks_like_zip(const void *data, size_t len);

/* Opens the zip in data[0..len) (borrowed until ooxml_close); what names
 * the file in messages (".docx", ".xlsx").  ERR_UNSUPPORTED if not a zip. */
enum err_code ooxml_open(const void *data, size_t len, const char *what, zip_t **za, struct err *err);
void ooxml_close(zip_t *za);

/* Parses the entry name into *doc (the caller frees it with xmlFreeDoc),
 * refusing more than max bytes uncompressed.  A missing entry is
 * ERR_NOT_FOUND with *doc NULL and err filled. */
enum err_code ooxml_part(zip_t *za, const char *name, const char *what, size_t max, xmlDoc **doc,
			 struct err *err);

/* Is n an element called name in namespace ns? */
bool ooxml_is(const xmlNode *n, const char *ns, const char *name);

#endif
