/*
 * t_doc_header.c — the header boxes and the foot of a document, each
 * reader of src/doc/doc_header.c and doc_footer.c on its own: the number
 * line, the place and date, where a flattened two-column line is cut, the
 * type, the issuer, the addressees, the signer and the distribution list.
 */
#include "base/base.h"
#include "base/date.h"
#include "doc/doc_int.h"
#include "test.h"

#include <stdlib.h>

static struct doc *doc_new(void)
{
	struct doc *d = xcalloc(1, sizeof(*d));
	d->date = DATE_NONE;
	return d;
}

/* What a reader left of s: "none" (nothing read), "all", or the rest. */
static char *rest_of(const char *s, size_t used)
{
	return used == 0 ? xstrdup("none") : s[used] ? xstrdup(s + used) : xstrdup("all");
}

/* header_number on s: "number|symbol|what is left" ("-" for NULL). */
static char *number(const char *s)
{
	struct doc *d = doc_new();
	size_t len = strlen(s);
	char *lc = doc_lower_dup(s, len);
	char *rest = rest_of(s, header_number(d, s, lc, len));
	char *out = xasprintf("%s|%s|%s", d->number ? d->number : "-", d->symbol ? d->symbol : "-", rest);
	free(rest);
	free(lc);
	doc_free(d);
	return out;
}

#define CHECK_NUMBER(s, want) do { \
	char *got_ = number(s); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

static void test_number(void)
{
	CHECK_NUMBER("Số: 473/UBND-NC", "473|UBND-NC|all");
	CHECK_NUMBER("Số: 12/2026/QĐ-UBND", "12|2026/QĐ-UBND|all");
	CHECK_NUMBER("Số hiệu: 15/CT-UBND", "15|CT-UBND|all");
	CHECK_NUMBER("Số 05/KH-UBND ngày 10/01/2026", "05|KH-UBND| ngày 10/01/2026");
	/* A draft or notice not yet numbered. */
	CHECK_NUMBER("Số:      /TB-UBND", "-|TB-UBND|all");
	CHECK_NUMBER("Số: ....../KH-UBND", "-|KH-UBND|all");
	/* Not a number line. */
	CHECK_NUMBER("Sở Nội vụ", "-|-|none");
	CHECK_NUMBER("Số lượng 5/10 hồ sơ", "-|-|none");
	CHECK_NUMBER("Số /KH-UBND", "-|-|none");
}

/* header_place_date on s: "place|date|what is left". */
static char *place_date(const char *s)
{
	struct doc *d = doc_new();
	size_t len = strlen(s);
	char *lc = doc_lower_dup(s, len);
	char *rest = rest_of(s, header_place_date(d, s, lc, len));
	char day[DATE_STRLEN];
	char *out = xasprintf("%s|%s|%s", d->place ? d->place : "-",
			      d->date == DATE_NONE ? "-" : date_format(d->date, day), rest);
	free(rest);
	free(lc);
	doc_free(d);
	return out;
}

#define CHECK_PLACE_DATE(s, want) do { \
	char *got_ = place_date(s); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

static void test_place_date(void)
{
	CHECK_PLACE_DATE("Cao Bằng, ngày 25 tháng 02 năm 2026", "Cao Bằng|2026-02-25|all");
	CHECK_PLACE_DATE("Tuyên Quang, ngày 05 tháng 01 năm 2026", "Tuyên Quang|2026-01-05|all");
	CHECK_PLACE_DATE("Thục Phán, ngày 3/3/2026", "Thục Phán|2026-03-03|all");
	/* The day left blank in a draft: the place, no date. */
	CHECK_PLACE_DATE("Hà Nội, ngày   tháng 3 năm 2026", "Hà Nội|-|all");
	/* Not a place and date: lower case, no comma, or a date inside a sentence. */
	CHECK_PLACE_DATE("thực hiện, ngày 25/02/2026", "-|-|none");
	CHECK_PLACE_DATE("Cao Bằng ngày 25/02/2026", "-|-|none");
	CHECK_PLACE_DATE("Căn cứ Kế hoạch số 12/KH-UBND ngày 10/01/2026", "-|-|none");
}

static size_t cut(const char *s)
{
	size_t len = strlen(s);
	char *lc = doc_lower_dup(s, len);
	size_t c = header_cut(s, lc, len);
	free(lc);
	return c;
}

static void test_cut(void)
{
	/* A two-column header flattened into one line is cut where the right column begins. */
	const char *s = "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
	CHECK_STR(s + cut(s), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	s = "TỈNH CAO BẰNG Độc lập - Tự do - Hạnh phúc";
	CHECK_STR(s + cut(s), "Độc lập - Tự do - Hạnh phúc");
	s = "Số: 473/UBND-NC Cao Bằng, ngày 25 tháng 02 năm 2026";
	CHECK_STR(s + cut(s), "Cao Bằng, ngày 25 tháng 02 năm 2026");
	s = "SỞ NỘI VỤ Số: 12/KH-SNV";
	CHECK_STR(s + cut(s), "Số: 12/KH-SNV");
	/* Nothing to cut. */
	s = "ỦY BAN NHÂN DÂN TỈNH CAO BẰNG";
	CHECK_INT(cut(s), strlen(s));
	s = "Cao Bằng, ngày 25 tháng 02 năm 2026";
	CHECK_INT(cut(s), strlen(s));
}

static void test_types(void)
{
	CHECK_STR(doc_type_from_symbol("KH-UBND"), "KH");
	CHECK_STR(doc_type_from_symbol("2026/QĐ-UBND"), "QD");
	CHECK_STR(doc_type_from_symbol("TB-UBND"), "TB");
	CHECK_STR(doc_type_from_symbol("CTr-UBND"), "CTr");
	CHECK(doc_type_from_symbol("UBND-NC") == NULL);	/* a công văn has no type in its symbol */
	CHECK(doc_type_from_symbol(NULL) == NULL);
	size_t rest = 0;
	CHECK_STR(doc_type_from_title("kế hoạch", strlen("kế hoạch"), &rest), "KH");
	CHECK_INT(rest, strlen("kế hoạch"));
	CHECK_STR(doc_type_from_title("chỉ thị về việc tăng cường", strlen("chỉ thị về việc tăng cường"), &rest),
		  "CT");
	CHECK_INT(rest, strlen("chỉ thị"));
	CHECK_STR(doc_type_from_title("quyết định:", strlen("quyết định:"), &rest), "QD");
	CHECK_STR(doc_type_from_title("thông báo kết luận", strlen("thông báo kết luận"), &rest), "TB");
	CHECK(doc_type_from_title("kế hoạchx", strlen("kế hoạchx"), &rest) == NULL);
	CHECK(doc_type_from_title("về việc", strlen("về việc"), &rest) == NULL);
}

static char *issuer(const char *const *lines, size_t n)
{
	struct doc_strs l = {0};
	for (size_t i = 0; i < n; i++)
		strs_push(&l, xstrdup(lines[i]));
	char *s = header_issuer(&l);
	strs_free(&l);
	return s;
}

static void test_issuer(void)
{
	static const char *const dept[] = {"UBND TỈNH CAO BẰNG", "SỞ NỘI VỤ"};
	static const char *const ubnd[] = {"ỦY BAN NHÂN DÂN", "TỈNH CAO BẰNG"};
	static const char *const office[] = {"UBND TỈNH CAO BẰNG", "VĂN PHÒNG"};
	static const char *const commune[] = {"ỦY BAN NHÂN DÂN", "XÃ ĐỨC LONG"};
	char *s = issuer(dept, 2);
	CHECK_STR(s, "SỞ NỘI VỤ");
	free(s);
	s = issuer(ubnd, 2);
	CHECK_STR(s, "ỦY BAN NHÂN DÂN TỈNH CAO BẰNG");
	free(s);
	s = issuer(office, 2);
	CHECK_STR(s, "VĂN PHÒNG UBND TỈNH CAO BẰNG");
	free(s);
	s = issuer(commune, 2);
	CHECK_STR(s, "ỦY BAN NHÂN DÂN XÃ ĐỨC LONG");
	free(s);
	CHECK(issuer(NULL, 0) == NULL);
}

/* The addressees read from the "Kính gửi" line of text, joined by " / ". */
static char *addressees(const char *text)
{
	struct dlines dl = {0};
	struct doc *d = doc_new();
	dlines_build(&dl, text, strlen(text));
	header_addressees(d, &dl, 0);
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < d->addressees.n; i++)
		buf_printf(&b, "%s%s", i ? " / " : "", d->addressees.v[i]);
	dlines_free(&dl);
	doc_free(d);
	return buf_detach(&b);
}

#define CHECK_ADDRESSEES(text, want) do { \
	char *got_ = addressees(text); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

static void test_addressees(void)
{
	CHECK_ADDRESSEES("Kính gửi:\n- Các sở, ban, ngành tỉnh;\n- UBND các xã, phường.\n\nThực hiện Kế hoạch",
			 "Các sở, ban, ngành tỉnh / UBND các xã, phường");
	CHECK_ADDRESSEES("Kính gửi: Sở Nội vụ; Sở Tư pháp.\nThực hiện Kế hoạch", "Sở Nội vụ / Sở Tư pháp");
	CHECK_ADDRESSEES("Kính gửi: Giám đốc Sở Tài chính\n\nĐể chuẩn bị", "Giám đốc Sở Tài chính");
	/* An item broken over two lines is one addressee. */
	CHECK_ADDRESSEES("Kính gửi:\n- Sở Văn hóa, Thể thao\nvà Du lịch;\n- Sở Y tế.\n\nNgày 10",
			 "Sở Văn hóa, Thể thao và Du lịch / Sở Y tế");
}

/* The header of text: "number|symbol|place|date|title|subject|issuer lines|first body text". */
static char *header(const char *text)
{
	struct dlines dl = {0};
	struct doc *d = doc_new();
	struct header h = {0};
	char day[DATE_STRLEN];
	dlines_build(&dl, text, strlen(text));
	header_parse(d, &dl, &h);
	size_t body = h.end;
	while (body < dl.n && dl.v[body].kind == DL_BLANK)
		body++;
	char *out = xasprintf("%s|%s|%s|%s|%s|%.*s|%zu|%s", d->number ? d->number : "-",
			      d->symbol ? d->symbol : "-", d->place ? d->place : "-",
			      d->date == DATE_NONE ? "-" : date_format(d->date, day), d->title ? d->title : "-",
			      (int)h.subject.len, h.subject.len ? h.subject.data : "", h.issuer.n,
			      body < dl.n ? dl.v[body].s : "(end)");
	header_release(&h);
	dlines_free(&dl);
	doc_free(d);
	return out;
}

#define CHECK_HEADER(text, want) do { \
	char *got_ = header(text); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

static void test_header(void)
{
	CHECK_HEADER("ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG\nSố: 12/KH-UBND\n"
		     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
		     "Cao Bằng, ngày 05 tháng 01 năm 2026\n\nKẾ HOẠCH\nCải cách hành chính năm 2026\n\n"
		     "I. MỤC ĐÍCH, YÊU CẦU\n",
		     "12|KH-UBND|Cao Bằng|2026-01-05|KẾ HOẠCH|Cải cách hành chính năm 2026|2|I. MỤC ĐÍCH, YÊU CẦU");
	/* A công văn: the subject after "V/v", the body after "Kính gửi". */
	CHECK_HEADER("UBND TỈNH CAO BẰNG\nSỞ NỘI VỤ\nSố: 473/SNV-CCHC\nV/v báo cáo kết quả\ncải cách hành chính\n"
		     "Cao Bằng, ngày 25 tháng 02 năm 2026\nKính gửi: Các sở, ban, ngành tỉnh.\n\nThực hiện",
		     "473|SNV-CCHC|Cao Bằng|2026-02-25|-|báo cáo kết quả cải cách hành chính|2|Thực hiện");
	/* "QUYẾT ĐỊNH:" alone after the preamble opens the body; the title before it stays. */
	CHECK_HEADER("ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG\nSố: 05/2026/QĐ-UBND\nCao Bằng, ngày 10 tháng 3 năm 2026\n\n"
		     "QUYẾT ĐỊNH\nBan hành Quy chế làm việc\n\nỦY BAN NHÂN DÂN TỈNH CAO BẰNG\n\n"
		     "Căn cứ Luật Tổ chức chính quyền địa phương;\n\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành",
		     "05|2026/QĐ-UBND|Cao Bằng|2026-03-10|QUYẾT ĐỊNH|Ban hành Quy chế làm việc|2|"
		     "Căn cứ Luật Tổ chức chính quyền địa phương;");
	/* The number and date glued to the issuer on one line (a flattened table). */
	CHECK_HEADER("SỞ NỘI VỤ Số: 12/KH-SNV Cao Bằng, ngày 05 tháng 01 năm 2026\nKẾ HOẠCH\nKiểm tra năm 2026\n\n"
		     "1. Kiểm tra",
		     "12|KH-SNV|Cao Bằng|2026-01-05|KẾ HOẠCH|Kiểm tra năm 2026|1|1. Kiểm tra");
}

/* The foot of text: "name|title|authority|recipients joined by ' / '". */
static char *footer(const char *text)
{
	struct dlines dl = {0};
	struct doc *d = doc_new();
	dlines_build(&dl, text, strlen(text));
	size_t fs, fe;
	footer_find(&dl, 0, &fs, &fe);
	footer_parse(d, &dl, fs, fe);
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s|%s|%s|", d->signer_name ? d->signer_name : "-", d->signer_title ? d->signer_title : "-",
		   d->signer_authority ? d->signer_authority : "-");
	for (size_t i = 0; i < d->recipients.n; i++)
		buf_printf(&b, "%s%s", i ? " / " : "", d->recipients.v[i]);
	dlines_free(&dl);
	doc_free(d);
	return buf_detach(&b);
}

#define CHECK_FOOTER(text, want) do { \
	char *got_ = footer(text); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

static void test_footer(void)
{
	CHECK_FOOTER("Nơi nhận:\n- Như trên;\n- Chủ tịch, các PCT UBND tỉnh;\n- Lưu: VT, NC.\n"
		     "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\nNguyễn Văn An\n",
		     "Nguyễn Văn An|PHÓ CHỦ TỊCH|KT. CHỦ TỊCH|Như trên / Chủ tịch, các PCT UBND tỉnh / Lưu: VT, NC");
	/* The name in capitals: the last line naming no position. */
	CHECK_FOOTER("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNGUYỄN VĂN AN\n",
		     "NGUYỄN VĂN AN|PHÓ CHỦ TỊCH|TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH|");
	/* A recipient broken over two lines is one. */
	CHECK_FOOTER("Nơi nhận:\n- Lưu: VT,\nKT.\nGIÁM ĐỐC\nTrần Thị Bình\n", "Trần Thị Bình|GIÁM ĐỐC|-|Lưu: VT, KT");
	/* Where the foot begins and ends: the signature block, then an annex. */
	struct dlines dl = {0};
	const char *text = "2. Sở Y tế báo cáo.\nTrên đây là Kế hoạch.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Văn C\n"
			   "Phụ lục\nDANH MỤC NHIỆM VỤ\n";
	dlines_build(&dl, text, strlen(text));
	size_t fs, fe;
	footer_find(&dl, 0, &fs, &fe);
	CHECK_STR(dl.v[fs].s, "KT. CHỦ TỊCH");
	CHECK_STR(dl.v[fe].s, "Phụ lục");
	dlines_free(&dl);
}

int main(void)
{
	RUN(test_number);
	RUN(test_place_date);
	RUN(test_cut);
	RUN(test_types);
	RUN(test_issuer);
	RUN(test_addressees);
	RUN(test_header);
	RUN(test_footer);
	return test_summary();
}
