/*
 * docx.c — word/document.xml out of a .docx; the zip and the hardened
 * XML parse are ooxml.c's.
 */
#include "base/base.h"
#include "doc/docx.h"
#include "doc/ooxml.h"

#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

bool docx_looks_like_zip(const void *data, size_t len)
{
	return ooxml_looks_like_zip(data, len);
}

static bool is_w(const xmlNode *n, const char *name)
{
	return ooxml_is(n, W_NS, name);
}

/* Appends the text of a paragraph-level subtree: runs, tabs and breaks. */
static void run_text(const xmlNode *n, struct buf *out, bool in_cell)
{
	for (const xmlNode *c = n; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_w(c, "t") || is_w(c, "delText")) {
			if (is_w(c, "delText"))
				continue;	/* deleted in tracked changes: not part of the text */
			xmlChar *s = xmlNodeGetContent(c);
			if (s) {
				for (const char *p = (const char *)s; *p; p++)
					/* A pipe inside a cell would split the column. */
					buf_addc(out, in_cell && *p == '|' ? '/' : *p);
				xmlFree(s);
			}
		} else if (is_w(c, "tab")) {
			buf_addc(out, ' ');
		} else if (is_w(c, "br") || is_w(c, "cr")) {
			buf_adds(out, in_cell ? "<br>" : "\n");
		} else if (is_w(c, "instrText") || is_w(c, "rPr") || is_w(c, "pPr")) {
			continue;	/* field codes and formatting carry no text */
		} else {
			run_text(c->children, out, in_cell);
		}
	}
}

static void block_text(const xmlNode *n, struct buf *out, int depth);
static void table_text(const xmlNode *tbl, struct buf *out, int depth);

/* The widest table read: grid columns beyond it are dropped. */
#define MAX_GRID 64

/* n's first child element named name; NULL without one. */
static const xmlNode *w_child(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (is_w(c, name))
			return c;
	return NULL;
}

/* An integer w:val of n's child name, clamped to 1..MAX_GRID; dflt without one. */
static int w_count(const xmlNode *n, const char *name, int dflt)
{
	const xmlNode *c = w_child(n, name);
	xmlChar *v = c ? xmlGetNsProp(c, (const xmlChar *)"val", (const xmlChar *)W_NS) : NULL;
	int r = v ? atoi((const char *)v) : dflt;
	xmlFree(v);
	return r < 0 ? 0 : r > MAX_GRID ? MAX_GRID : r;
}

/* Is the cell the continuation of a vertical merge (w:vMerge without "restart")? */
static bool vmerge_continues(const xmlNode *tcpr)
{
	const xmlNode *vm = w_child(tcpr, "vMerge");
	if (!vm)
		return false;
	xmlChar *v = xmlGetNsProp(vm, (const xmlChar *)"val", (const xmlChar *)W_NS);
	bool cont = !v || strcmp((const char *)v, "restart") != 0;
	xmlFree(v);
	return cont;
}

/*
 * A nested table, kept inside its cell: its rows joined by "<br>", the
 * non-empty cells of a row by "; ".
 */
static void nested_text(const xmlNode *tbl, struct buf *cell, int depth)
{
	struct buf inner = BUF_INIT;
	table_text(tbl, &inner, depth + 1);
	bool first_row = true;
	for (char *line = inner.data; line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		bool first_cell = true;
		char *save = NULL;
		for (char *c = strtok_r(line, "|", &save); c; c = strtok_r(NULL, "|", &save)) {
			while (*c == ' ')
				c++;
			size_t n = strlen(c);
			while (n && c[n - 1] == ' ')
				n--;
			if (!n)
				continue;
			if (first_cell && !first_row)
				buf_adds(cell, "<br>");
			buf_adds(cell, first_cell ? "" : "; ");
			buf_add(cell, c, n);
			first_cell = first_row = false;
		}
		line = nl ? nl + 1 : NULL;
	}
	buf_release(&inner);
}

/* The text of one cell: its paragraphs joined by "<br>", nested tables flattened. */
static void cell_text(const xmlNode *tc, struct buf *cell, int depth)
{
	for (const xmlNode *p = tc->children; p; p = p->next) {
		struct buf part = BUF_INIT;
		if (is_w(p, "p"))
			run_text(p->children, &part, true);
		else if (is_w(p, "tbl") && depth < 8)
			nested_text(p, &part, depth);
		if (part.len) {
			if (cell->len)
				buf_adds(cell, "<br>");
			buf_add(cell, part.data, part.len);
		}
		buf_release(&part);
	}
}

/*
 * One table row as "| a | b |", one cell per grid column, so that every
 * row lines up with the header: a cell spanning columns (w:gridSpan) is
 * followed by empty ones, and a cell continuing a vertical merge
 * (w:vMerge) repeats the text above, so each row carries its lead agency.
 * above[c] holds the text of grid column c in the row before (owned).
 */
static void row_text(const xmlNode *tr, struct buf *out, int depth, char **above)
{
	int col = w_count(w_child(tr, "trPr"), "gridBefore", 0);
	buf_addc(out, '|');
	for (int c = 0; c < col; c++)
		buf_adds(out, "  |");
	for (const xmlNode *tc = tr->children; tc && col < MAX_GRID; tc = tc->next) {
		if (!is_w(tc, "tc"))
			continue;
		const xmlNode *tcpr = w_child(tc, "tcPr");
		int span = w_count(tcpr, "gridSpan", 1);
		struct buf cell = BUF_INIT;
		if (vmerge_continues(tcpr) && above[col])
			buf_adds(&cell, above[col]);
		else
			cell_text(tc, &cell, depth);
		buf_addc(out, ' ');
		buf_add(out, cell.data, cell.len);
		buf_adds(out, " |");
		for (int k = 1; k < span && col + k < MAX_GRID; k++) {
			buf_adds(out, "  |");
			free(above[col + k]);
			above[col + k] = NULL;
		}
		free(above[col]);
		above[col] = buf_detach(&cell);
		col += span ? span : 1;
	}
	buf_addc(out, '\n');
}

static void table_text(const xmlNode *tbl, struct buf *out, int depth)
{
	char *above[MAX_GRID] = {0};
	for (const xmlNode *tr = tbl->children; tr; tr = tr->next)
		if (is_w(tr, "tr"))
			row_text(tr, out, depth, above);
	for (size_t c = 0; c < MAX_GRID; c++)
		free(above[c]);
}

/* The body's paragraphs and tables in order, one line each. */
static void block_text(const xmlNode *n, struct buf *out, int depth)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_w(c, "p")) {
			run_text(c->children, out, false);
			buf_addc(out, '\n');
		} else if (is_w(c, "tbl")) {
			table_text(c, out, depth);
		} else if ((is_w(c, "sdt") || is_w(c, "sdtContent") || is_w(c, "customXml")) && depth < 8) {
			block_text(c, out, depth + 1);	/* content controls wrap ordinary blocks */
		}
	}
}

enum err_code docx_text(const void *data, size_t len, size_t max_xml, char **text, size_t *text_len,
			struct err *err)
{
	zip_t *za = NULL;
	xmlDoc *doc = NULL;
	struct buf out = BUF_INIT;
	enum err_code rc;
	*text = NULL;
	*text_len = 0;

	if ((rc = ooxml_open(data, len, ".docx", &za, err)) != ERR_OK)
		goto cleanup;
	rc = ooxml_part(za, "word/document.xml", ".docx", max_xml, &doc, err);
	if (rc == ERR_NOT_FOUND)
		rc = err_set(err, ERR_UNSUPPORTED, "file",
			     "this zip is not a Word document (it has no word/document.xml)");
	if (rc != ERR_OK)
		goto cleanup;
	const xmlNode *root = xmlDocGetRootElement(doc);
	const xmlNode *body = NULL;
	if (root && is_w(root, "document"))
		for (const xmlNode *c = root->children; c && !body; c = c->next)
			if (is_w(c, "body"))
				body = c;
	if (!body) {
		rc = err_set(err, ERR_UNSUPPORTED, "file", "the .docx has no document body");
		goto cleanup;
	}
	block_text(body, &out, 0);
	*text_len = out.len;
	*text = buf_detach(&out);
cleanup:
	if (doc)
		xmlFreeDoc(doc);
	ooxml_close(za);
	buf_release(&out);
	return rc;
}
