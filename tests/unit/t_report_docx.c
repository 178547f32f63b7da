/*
 * The DOCX report's blocks in word/document.xml, in the order of Decree
 * 30/2020/NĐ-CP: the header (issuing body, motto, number, place and
 * date), the title and the cut-off, sections I to IV with their figures,
 * the recipients and the signature; for the province and for one field
 * (its lead agency signs).  On the dataset of t_report_fixture.h.
 */
#include "t_report_fixture.h"

#include <zip.h>

/* word/document.xml of a rendered report (caller frees), NULL on failure. */
static char *document_of(const json_t *rep)
{
	struct buf b = BUF_INIT;
	struct err err = {0};
	char *xml = NULL;
	CHECK_INT(report_render(rep, REPORT_DOCX, &b, &err), ERR_OK);
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(b.data, b.len, 0, &ze);
	zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	zip_stat_t zs;
	zip_file_t *zf = NULL;
	if (!za) {
		zip_source_free(src);
		goto cleanup;
	}
	if (zip_stat(za, "word/document.xml", 0, &zs) == 0 && (zf = zip_fopen(za, "word/document.xml", 0))) {
		xml = xcalloc(zs.size + 1, 1);
		if (zip_fread(zf, xml, zs.size) != (zip_int64_t)zs.size) {
			free(xml);
			xml = NULL;
		}
		zip_fclose(zf);
	}
	zip_discard(za);
cleanup:
	zip_error_fini(&ze);
	buf_release(&b);
	return xml;
}

/* Checks that each of the NULL-terminated texts appears in xml, each after
 * the one before. */
static void check_in_order(const char *xml, const char *const *texts)
{
	const char *at = xml;
	for (; *texts; texts++) {
		const char *hit = at ? strstr(at, *texts) : NULL;
		if (!hit)
			fprintf(stderr, "  not found (in order): %s\n", *texts);
		CHECK(hit != NULL);
		at = hit ? hit + strlen(*texts) : at;
	}
}

static void test_province_report(void)
{
	struct fixture f;
	setup(&f);
	json_t *rep = compute(&f, "2024-Q1", NULL);
	char *xml = rep ? document_of(rep) : NULL;
	CHECK(xml != NULL);
	const char *const blocks[] = {
		/* header */
		"ỦY BAN NHÂN DÂN<", ">TỈNH THỬ NGHIỆM<", "Số:        /BC-UBND",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
		"Thử Nghiệm, ngày ",	/* the day it is printed */
		/* title and cut-off */
		"BÁO CÁO", "Kết quả thực hiện nhiệm vụ cải cách hành chính quý I năm 2024<",
		"đến hết ngày 31/03/2024;",
		/* I */
		"I. KẾT QUẢ CHUNG",
		"Tổng số 7 nhiệm vụ được giao, trong đó: hoàn thành đúng hạn 1; hoàn thành trễ hạn 1; "
		"quá hạn chưa hoàn thành 3; đang thực hiện trong hạn 1; chưa triển khai 1. "
		"Tỷ lệ hoàn thành (trên số nhiệm vụ đến hạn) đạt 40,0%; tỷ lệ hoàn thành đúng hạn đạt 20,0%.",
		/* II */
		"II. KẾT QUẢ THEO TỪNG LĨNH VỰC", "1. Cải cách thủ tục hành chính",
		"Cơ quan chủ trì theo dõi: Sở An. Tổng số 4 nhiệm vụ, quá hạn 2; tỷ lệ hoàn thành đúng hạn 25,0%.",
		"- Chỉ tiêu “Tỷ lệ hồ sơ TTHC giải quyết đúng hạn” (mục tiêu &gt;= 98%): 1 đơn vị đạt, "
		"1 đơn vị không đạt, 1 đơn vị đã đạt nay giảm.",
		"Cơ quan, đơn vị chậm, chưa đạt trong lĩnh vực:", "Xã An",
		"2. Cải cách chế độ công vụ", "Không có cơ quan, đơn vị nào thuộc diện chậm",
		/* III, IV */
		"III. CƠ QUAN, ĐƠN VỊ CHẬM, CHƯA ĐẠT (TẤT CẢ LĨNH VỰC)",
		"IV. ĐỀ XUẤT MỨC XẾP LOẠI NGƯỜI ĐỨNG ĐẦU TRONG THỰC HIỆN CCHC", "Hoàn thành tốt nhiệm vụ",
		/* recipients, signature, page setup */
		"Nơi nhận:", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
		"<w:sectPr>", "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>", "</w:document>",
		NULL,
	};
	if (xml) {
		check_in_order(xml, blocks);
		CHECK(strstr(xml, "GIÁM ĐỐC") == NULL);
	}
	free(xml);
	json_decref(rep);
	teardown(&f);
}

static void test_field_report(void)
{
	struct fixture f;
	setup(&f);
	struct err err = {0};
	struct report_query q = {.period = "2024-H1", .as_of = date_parse("2024-06-30"),
				 .field_id = store_field_id_by_code(f.st, "F1")};
	json_t *rep = report_compute(&f.tr, &q, &err);
	char *xml = rep ? document_of(rep) : NULL;
	CHECK(xml != NULL);
	const char *const blocks[] = {
		"ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM<", ">SỞ AN<", "Số:        /BC-…",
		"Kết quả thực hiện nhiệm vụ cải cách hành chính 6 tháng đầu năm 2024, lĩnh vực Cải cách thủ tục hành chính<",
		"đến hết ngày 30/06/2024;", "1. Cải cách thủ tục hành chính", "GIÁM ĐỐC", NULL,
	};
	if (xml) {
		check_in_order(xml, blocks);
		CHECK(strstr(xml, "2. Cải cách chế độ công vụ") == NULL);
		CHECK(strstr(xml, "TM. ỦY BAN NHÂN DÂN") == NULL);
	}
	free(xml);
	json_decref(rep);
	teardown(&f);
}

int main(void)
{
	RUN(test_province_report);
	RUN(test_field_report);
	return test_summary();
}
