/*
 * docx_out.c — Word documents in the layout of Decree 30/2020/NĐ-CP, the
 * pieces every cchc document shares: runs, paragraphs and tables of
 * WordprocessingML, the A4 section with the decree's margins and page
 * numbers, and the zip of fixed parts around the document's XML.
 */
#include "base/base.h"
#include "base/date.h"
#include "report/docx_out.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <zip.h>

/* ---- XML helpers ----------------------------------------------------------- */

void docx_esc(struct buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': buf_adds(b, "&amp;"); break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		default:
			/* Control characters are not allowed in XML 1.0. */
			if ((unsigned char)*s >= 0x20 || *s == '\t' || *s == '\n')
				buf_addc(b, *s);
		}
	}
}

enum { B = DOCX_B, I = DOCX_I, U = DOCX_U, CENTER = DOCX_CENTER, JUSTIFY = DOCX_JUSTIFY, INDENT = DOCX_INDENT, RIGHT = DOCX_RIGHT };

/* A run of text; size in points (0: the document's 14). */
void docx_run(struct buf *b, const char *text, int flags, int size)
{
	buf_adds(b, "<w:r><w:rPr>");
	if (flags & B)
		buf_adds(b, "<w:b/>");
	if (flags & I)
		buf_adds(b, "<w:i/>");
	if (flags & U)
		buf_adds(b, "<w:u w:val=\"single\"/>");
	if (size)
		buf_printf(b, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>", size * 2, size * 2);
	buf_adds(b, "</w:rPr><w:t xml:space=\"preserve\">");
	docx_esc(b, text);
	buf_adds(b, "</w:t></w:r>");
}

void docx_para_open(struct buf *b, int flags, int after)
{
	buf_adds(b, "<w:p><w:pPr>");
	buf_printf(b, "<w:spacing w:before=\"0\" w:after=\"%d\"/>", after);
	if (flags & INDENT)
		buf_adds(b, "<w:ind w:firstLine=\"567\"/>");
	if (flags & CENTER)
		buf_adds(b, "<w:jc w:val=\"center\"/>");
	else if (flags & RIGHT)
		buf_adds(b, "<w:jc w:val=\"right\"/>");
	else if (flags & JUSTIFY)
		buf_adds(b, "<w:jc w:val=\"both\"/>");
	buf_adds(b, "</w:pPr>");
}

/* A paragraph of one run. */
void docx_para(struct buf *b, const char *text, int flags, int size, int after)
{
	docx_para_open(b, flags, after);
	docx_run(b, text, flags, size);
	buf_adds(b, "</w:p>");
}

void docx_paraf(struct buf *b, int flags, int size, const char *fmt, ...)
{
	struct buf t = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&t, fmt, ap);
	va_end(ap);
	docx_para(b, buf_str(&t), flags, size, 120);
	buf_release(&t);
}

char *docx_upper(const char *s)
{
	size_t n = 0;
	uint8_t *u = u8_toupper((const uint8_t *)s, strlen(s), NULL, NULL, NULL, &n);
	char *out = xstrndup(u ? (const char *)u : s, u ? n : strlen(s));
	free(u);
	return out;
}

/* ---- tables --------------------------------------------------------------------- */

void docx_table_open(struct buf *b, int borders, const int *widths, size_t n)
{
	buf_adds(b, "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:jc w:val=\"center\"/>");
	if (borders)
		buf_adds(b, "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/>"
			    "<w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/>"
			    "<w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/>"
			    "</w:tblBorders>");
	buf_adds(b, "<w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>");
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "<w:gridCol w:w=\"%d\"/>", widths[i]);
	buf_adds(b, "</w:tblGrid>");
}

void docx_cell(struct buf *b, int width, const char *text, int flags, int size)
{
	buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/></w:tcPr>", width);
	docx_para_open(b, flags, 0);
	docx_run(b, text, flags, size);
	buf_adds(b, "</w:p></w:tc>");
}

void docx_document_start(struct buf *b)
{
	buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
		    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>");
}

void docx_section_end(struct buf *b)
{
	/* A4, margins of the decree: top/bottom 20 mm, left 30 mm, right 15 mm.
	 * Page numbers in the top margin, centred, none on the first page
	 * (the decree's rule): titlePg gives the first page its own, empty,
	 * header. */
	buf_adds(b, "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId2\"/>"
		    "<w:headerReference w:type=\"first\" r:id=\"rId3\"/>"
		    "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
		    "<w:pgMar w:top=\"1134\" w:right=\"851\" w:bottom=\"1134\" w:left=\"1701\" w:header=\"567\" "
		    "w:footer=\"567\" w:gutter=\"0\"/><w:titlePg/></w:sectPr></w:body></w:document>");
}

static const char CONTENT_TYPES[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" "
	"ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
	"<Override PartName=\"/word/styles.xml\" "
	"ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
	"<Override PartName=\"/word/header1.xml\" "
	"ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
	"<Override PartName=\"/word/header2.xml\" "
	"ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
	"</Types>";
static const char RELS[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
	"Target=\"word/document.xml\"/></Relationships>";
static const char DOC_RELS[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
	"Target=\"styles.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" "
	"Target=\"header1.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" "
	"Target=\"header2.xml\"/></Relationships>";
/* Pages after the first: the page number, a PAGE field, centred, 14 pt. */
static const char HEADER_PAGE[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<w:hdr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
	"<w:p><w:pPr><w:jc w:val=\"center\"/><w:spacing w:after=\"0\"/></w:pPr>"
	"<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
	"<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
	"<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r>"
	"<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:hdr>";
/* The first page: no number. */
static const char HEADER_FIRST[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<w:hdr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:p/></w:hdr>";
/* Times New Roman 14 pt everywhere (Unicode, TCVN 6909:2001), Vietnamese. */
static const char STYLES[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
	"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "
	"w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>"
	"<w:lang w:val=\"vi-VN\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"120\" "
	"w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
	"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
	"</w:styles>";

/* Zips the document's XML doc with the fixed parts into out. */
static enum err_code zip_document(const struct buf *doc, struct buf *out, struct err *err)
{
	const struct {
		const char *name, *data;
		size_t len;
	} parts[] = {
		{"[Content_Types].xml", CONTENT_TYPES, sizeof CONTENT_TYPES - 1},
		{"_rels/.rels", RELS, sizeof RELS - 1},
		{"word/_rels/document.xml.rels", DOC_RELS, sizeof DOC_RELS - 1},
		{"word/styles.xml", STYLES, sizeof STYLES - 1},
		{"word/header1.xml", HEADER_PAGE, sizeof HEADER_PAGE - 1},
		{"word/header2.xml", HEADER_FIRST, sizeof HEADER_FIRST - 1},
		{"word/document.xml", doc->data, doc->len},
	};
	enum err_code rc = ERR_OK;
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_t *za = NULL;
	if (!src) {
		rc = err_set(err, ERR_INTERNAL, "", "cannot start the document: %s", zip_error_strerror(&ze));
		goto out;
	}
	/* Kept past zip_close, which writes the archive into it. */
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (!za) {
		rc = err_set(err, ERR_INTERNAL, "", "cannot start the document: %s", zip_error_strerror(&ze));
		goto out;
	}
	for (size_t i = 0; i < ARRAY_LEN(parts); i++) {
		zip_source_t *s = zip_source_buffer(za, parts[i].data, parts[i].len, 0);
		if (!s || zip_file_add(za, parts[i].name, s, ZIP_FL_ENC_UTF_8) < 0) {
			zip_source_free(s);
			rc = err_set(err, ERR_INTERNAL, "", "cannot add %s: %s", parts[i].name, zip_strerror(za));
			goto out;
		}
	}
	if (zip_close(za) < 0) {
		rc = err_set(err, ERR_INTERNAL, "", "cannot write the document: %s", zip_strerror(za));
		goto out;
	}
	za = NULL;
	zip_stat_t zs;
	if (zip_source_stat(src, &zs) < 0 || zip_source_open(src) < 0) {
		rc = err_set(err, ERR_INTERNAL, "", "cannot read the document back");
		goto out;
	}
	buf_grow(out, (size_t)zs.size);
	zip_int64_t n = zip_source_read(src, out->data + out->len, zs.size);
	zip_source_close(src);
	if (n < 0 || (zip_uint64_t)n != zs.size) {
		rc = err_set(err, ERR_INTERNAL, "", "cannot read the document back");
		goto out;
	}
	out->len += (size_t)n;
	out->data[out->len] = 0;
out:
	if (za)
		zip_discard(za);
	if (src)
		zip_source_free(src);
	zip_error_fini(&ze);
	return rc;
}

enum err_code docx_render(void (*xml)(const json_t *, struct buf *), const json_t *data, struct buf *out,
			    struct err *err)
{
	struct buf doc = BUF_INIT;
	xml(data, &doc);
	enum err_code rc = zip_document(&doc, out, err);
	buf_release(&doc);
	return rc;
}


void docx_place_date(struct buf *b, const char *place)
{
	int y, m, dd;
	date_to_ymd(date_today(), &y, &m, &dd);
	/* Days under 10 and the months January and February take a leading 0. */
	char when[160];
	snprintf(when, sizeof when, "%s, ngày %02d tháng %s%d năm %d", place, dd, m <= 2 ? "0" : "", m, y);
	docx_para(b, when, I | CENTER, 14, 0);
}
