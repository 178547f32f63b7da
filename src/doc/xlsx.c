/*
 * xlsx.c — the first sheet of a workbook: xl/workbook.xml names it, its
 * relationship gives its part, xl/sharedStrings.xml holds the texts that
 * cells point to by number.
 */
#include "base/base.h"
#include "doc/ooxml.h"
#include "doc/xlsx.h"

#include <stdlib.h>
#include <string.h>

#define S_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PR_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define WHAT ".xlsx"

static bool is_s(const xmlNode *n, const char *name)
{
	return ooxml_is(n, S_NS, name);
}

static const xmlNode *s_child(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (is_s(c, name))
			return c;
	return NULL;
}

/* The text of a string item (<si> or <is>): its <t>, or its runs' <t>s
 * joined; phonetic runs (<rPh>) are not part of the text. */
static void string_item(const xmlNode *si, struct buf *out)
{
	for (const xmlNode *c = si->children; c; c = c->next) {
		if (is_s(c, "t")) {
			xmlChar *s = xmlNodeGetContent(c);
			buf_adds(out, s ? (const char *)s : "");
			xmlFree(s);
		} else if (is_s(c, "r")) {
			string_item(c, out);
		}
	}
}

/* The shared strings as a new array (empty if the part is missing). */
static enum err_code shared_strings(zip_t *za, json_t **out, struct err *err)
{
	xmlDoc *doc = NULL;
	*out = json_array();
	enum err_code rc = ooxml_part(za, "xl/sharedStrings.xml", WHAT, XLSX_MAX_XML, &doc, err);
	if (rc == ERR_NOT_FOUND)
		return ERR_OK;
	if (rc)
		return rc;
	const xmlNode *root = xmlDocGetRootElement(doc);
	for (const xmlNode *si = is_s(root, "sst") ? root->children : NULL; si; si = si->next) {
		if (!is_s(si, "si"))
			continue;
		struct buf b = BUF_INIT;
		string_item(si, &b);
		json_array_append_new(*out, json_stringn(b.data ? b.data : "", b.len));
		buf_release(&b);
	}
	xmlFreeDoc(doc);
	return ERR_OK;
}

/* The first sheet's part name (new string): workbook order, then its
 * relationship; xl/worksheets/sheet1.xml when the workbook says nothing. */
static char *first_sheet_part(zip_t *za)
{
	xmlDoc *wb = NULL, *rels = NULL;
	struct err ignored;
	char *part = NULL;
	xmlChar *rid = NULL;
	if (ooxml_part(za, "xl/workbook.xml", WHAT, XLSX_MAX_XML, &wb, &ignored) == ERR_OK) {
		const xmlNode *sheet = s_child(s_child(xmlDocGetRootElement(wb), "sheets"), "sheet");
		rid = sheet ? xmlGetNsProp(sheet, (const xmlChar *)"id", (const xmlChar *)R_NS) : NULL;
	}
	if (rid && ooxml_part(za, "xl/_rels/workbook.xml.rels", WHAT, XLSX_MAX_XML, &rels, &ignored) == ERR_OK) {
		const xmlNode *root = xmlDocGetRootElement(rels);
		for (const xmlNode *r = root ? root->children : NULL; r && !part; r = r->next) {
			if (!ooxml_is(r, PR_NS, "Relationship"))
				continue;
			xmlChar *id = xmlGetProp(r, (const xmlChar *)"Id");
			xmlChar *target = xmlGetProp(r, (const xmlChar *)"Target");
			if (id && target && strcmp((const char *)id, (const char *)rid) == 0)
				part = target[0] == '/' ? xstrdup((const char *)target + 1)
							: xasprintf("xl/%s", (const char *)target);
			xmlFree(id);
			xmlFree(target);
		}
	}
	xmlFree(rid);
	if (wb)
		xmlFreeDoc(wb);
	if (rels)
		xmlFreeDoc(rels);
	return part ? part : xstrdup("xl/worksheets/sheet1.xml");
}

/* The 0-based column of a reference like "AB12"; -1 if it has none. */
static long ref_col(const char *ref)
{
	long col = 0;
	const char *p = ref;
	for (; *p >= 'A' && *p <= 'Z' && col <= XLSX_MAX_COLS; p++)
		col = col * 26 + (*p - 'A' + 1);
	return p == ref ? -1 : col - 1;
}

/* The text of cell c (a new string). */
static char *cell_text(const xmlNode *c, json_t *sst)
{
	xmlChar *type = xmlGetProp(c, (const xmlChar *)"t");
	const xmlNode *v = s_child(c, "v");
	xmlChar *vs = v ? xmlNodeGetContent(v) : NULL;
	char *out;
	if (type && strcmp((const char *)type, "inlineStr") == 0) {
		struct buf b = BUF_INIT;
		const xmlNode *is = s_child(c, "is");
		if (is)
			string_item(is, &b);
		out = buf_detach(&b);
		if (!out)
			out = xstrdup("");
	} else if (type && strcmp((const char *)type, "s") == 0) {
		char *end = NULL;
		long k = vs ? strtol((const char *)vs, &end, 10) : -1;
		const char *s = end && !*end && k >= 0 ? json_string_value(json_array_get(sst, (size_t)k)) : NULL;
		out = xstrdup(s ? s : "");
	} else {
		out = xstrdup(vs ? (const char *)vs : "");
	}
	xmlFree(type);
	xmlFree(vs);
	return out;
}

/* One <row> into an array of texts, columns placed by their reference. */
static json_t *row_cells(const xmlNode *row, json_t *sst)
{
	json_t *cells = json_array();
	long next = 0, last_filled = -1;
	for (const xmlNode *c = row->children; c; c = c->next) {
		if (!is_s(c, "c"))
			continue;
		xmlChar *ref = xmlGetProp(c, (const xmlChar *)"r");
		long col = ref ? ref_col((const char *)ref) : next;
		xmlFree(ref);
		if (col < next)
			col = next;	/* out of order or repeated: keep the columns apart */
		if (col >= XLSX_MAX_COLS)
			break;
		char *text = cell_text(c, sst);
		while ((long)json_array_size(cells) < col)
			json_array_append_new(cells, json_string(""));
		json_array_append_new(cells, json_string(text));
		if (*text)
			last_filled = col;
		free(text);
		next = col + 1;
	}
	while ((long)json_array_size(cells) > last_filled + 1)
		json_array_remove(cells, json_array_size(cells) - 1);
	return cells;
}

static enum err_code sheet_rows(const xmlNode *data, json_t *sst, json_t *rows, struct err *err)
{
	long next = 1;
	for (const xmlNode *row = data ? data->children : NULL; row; row = row->next) {
		if (!is_s(row, "row"))
			continue;
		xmlChar *r = xmlGetProp(row, (const xmlChar *)"r");
		long n = r ? strtol((const char *)r, NULL, 10) : next;
		xmlFree(r);
		if (n < next)
			n = next;
		if (n > XLSX_MAX_ROWS)
			return err_set(err, ERR_TOO_LARGE, "file", "the sheet has more than %d rows", XLSX_MAX_ROWS);
		while ((long)json_array_size(rows) < n - 1)
			json_array_append_new(rows, json_array());
		json_array_append_new(rows, row_cells(row, sst));
		next = n + 1;
	}
	return ERR_OK;
}

enum err_code xlsx_first_sheet(const void *data, size_t len, json_t **rows, struct err *err)
{
	zip_t *za = NULL;
	xmlDoc *doc = NULL;
	json_t *sst = NULL;
	char *part = NULL;
	enum err_code rc;
	*rows = NULL;
	if ((rc = ooxml_open(data, len, WHAT, &za, err)) || (rc = shared_strings(za, &sst, err)))
		goto cleanup;
	part = first_sheet_part(za);
	rc = ooxml_part(za, part, WHAT, XLSX_MAX_XML, &doc, err);
	if (rc == ERR_NOT_FOUND)
		rc = err_set(err, ERR_UNSUPPORTED, "file", "this zip is not an Excel workbook (it has no %s)", part);
	if (rc)
		goto cleanup;
	const xmlNode *root = xmlDocGetRootElement(doc);
	if (!is_s(root, "worksheet")) {
		rc = err_set(err, ERR_UNSUPPORTED, "file", "the first sheet of the .xlsx is not a worksheet");
		goto cleanup;
	}
	*rows = json_array();
	if ((rc = sheet_rows(s_child(root, "sheetData"), sst, *rows, err))) {
		json_decref(*rows);
		*rows = NULL;
	}
cleanup:
	if (doc)
		xmlFreeDoc(doc);
	json_decref(sst);
	free(part);
	ooxml_close(za);
	return rc;
}
