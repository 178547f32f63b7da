/*
 * t_doc_body.c — the body of a document, each reader of src/doc/doc_para.c,
 * doc_tasks.c and doc_annex.c on its own: list markers, lines joined into
 * paragraphs, the walk that drafts tasks from numbered items, and annex
 * task tables.
 */
#include "base/base.h"
#include "base/date.h"
#include "doc/doc_int.h"
#include "test.h"

#include <stdlib.h>

/* para_marker on s: "level|label|text after the marker". */
static char *marker(const char *s)
{
	size_t len = strlen(s), text;
	char label[32];
	char *lc = doc_lower_dup(s, len);
	int lv = para_marker(s, lc, len, label, &text);
	char *out = xasprintf("%d|%s|%s", lv, label, s + text);
	free(lc);
	return out;
}

#define CHECK_MARKER(s, want) do { \
	char *got_ = marker(s); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

static void test_marker(void)
{
	CHECK_MARKER("II. NHIỆM VỤ VÀ GIẢI PHÁP", "0|II|NHIỆM VỤ VÀ GIẢI PHÁP");
	CHECK_MARKER("IV) Tổ chức thực hiện", "0|IV|Tổ chức thực hiện");
	CHECK_MARKER("Điều 2. Quyết định này có hiệu lực", "0|Điều 2|Quyết định này có hiệu lực");
	CHECK_MARKER("Điều 12: Trách nhiệm", "0|Điều 12|Trách nhiệm");
	CHECK_MARKER("1. Sở Nội vụ chủ trì", "1|1|Sở Nội vụ chủ trì");
	CHECK_MARKER("3) Tăng cường kỷ luật", "1|3|Tăng cường kỷ luật");
	CHECK_MARKER("1.2. Cải cách thể chế", "2|1.2|Cải cách thể chế");
	CHECK_MARKER("1.2 Cải cách thể chế", "2|1.2|Cải cách thể chế");
	CHECK_MARKER("2.1.3. Số hóa hồ sơ", "3|2.1.3|Số hóa hồ sơ");
	CHECK_MARKER("a) Rà soát thủ tục", "4|a|Rà soát thủ tục");
	CHECK_MARKER("đ) Công khai", "4|đ|Công khai");
	/* A letter alone on its line: the text follows on the next. */
	CHECK_MARKER("a)", "4|a|");
	CHECK_MARKER("b)", "4|b|");
	CHECK_MARKER("- Triển khai", "5||Triển khai");
	CHECK_MARKER("– Triển khai", "5||Triển khai");
	CHECK_MARKER("• Triển khai", "5||Triển khai");
	CHECK_MARKER("+ Báo cáo", "6||Báo cáo");
	/* Not markers: a year, a bare number, a word, a date. */
	CHECK_MARKER("2026 là năm tăng tốc", "7||2026 là năm tăng tốc");
	CHECK_MARKER("100. Sở", "7||100. Sở");
	CHECK_MARKER("Căn cứ Luật", "7||Căn cứ Luật");
	CHECK_MARKER("15/3/2026", "7||15/3/2026");
	CHECK_MARKER("Điều chỉnh kế hoạch", "7||Điều chỉnh kế hoạch");
	CHECK_MARKER("-Triển khai", "7||-Triển khai");
}

/* doc_assign on s: "unit; unit|lead|whole". */
static char *assigned(const char *s)
{
	size_t len = strlen(s);
	char *lc = doc_lower_dup(s, len);
	struct assign a;
	doc_assign(s, lc, len, &a);
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < a.units.n; i++)
		buf_printf(&b, "%s%s", i ? "; " : "", a.units.v[i]);
	buf_printf(&b, "|%s|%d", a.lead ? a.lead : "-", a.whole);
	assign_free(&a);
	free(lc);
	return buf_detach(&b);
}

#define CHECK_ASSIGN(s, want) do { \
	char *got_ = assigned(s); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

static void test_assign(void)
{
	/* "giao" ends the issuer's part: the unit after it does the work. */
	CHECK_ASSIGN("UBND tỉnh giao Sở Tài chính chủ trì, phối hợp với Kho bạc Nhà nước rà soát quy trình",
		     "Sở Tài chính|Sở Tài chính|0");
	CHECK_ASSIGN("Giao UBND các huyện, thành phố đẩy nhanh công tác giải phóng mặt bằng",
		     "UBND các huyện, thành phố|-|0");
	CHECK_ASSIGN("Nhiệm vụ của Tổ công tác", "Tổ công tác|-|1");
	CHECK_ASSIGN("Sở Nội vụ:", "Sở Nội vụ|-|1");
	CHECK_ASSIGN("Công chức Tư pháp - Hộ tịch xã rà soát, số hóa sổ hộ tịch", "Công chức Tư pháp - Hộ tịch xã|-|0");
	CHECK_ASSIGN("Trạm Y tế phường tổ chức tiêm chủng", "Trạm Y tế phường|-|0");
}

static void test_small_rules(void)
{
	CHECK_INT(para_roman("I", 1), 1);
	CHECK_INT(para_roman("IV", 2), 4);
	CHECK_INT(para_roman("XIV", 3), 14);
	CHECK_INT(para_roman("XXXIX", 5), 39);
	CHECK_INT(para_roman("XL", 2), 0);	/* no document has forty parts */
	CHECK_INT(para_roman("IC", 2), 0);
	CHECK_INT(para_roman("", 0), 0);
	CHECK_INT(para_bullet("- a", 3), 2);
	CHECK_INT(para_bullet("+ a", 3), 2);
	CHECK_INT(para_bullet("— a", strlen("— a")), 4);
	CHECK_INT(para_bullet("-a", 2), 0);
	CHECK_INT(para_bullet("* a", 3), 0);
	CHECK(para_terminated("Sở Nội vụ thực hiện.", strlen("Sở Nội vụ thực hiện.")));
	CHECK(para_terminated("các nội dung sau:", strlen("các nội dung sau:")));
	CHECK(para_terminated("Sở Y tế;", strlen("Sở Y tế;")));
	CHECK(!para_terminated("phối hợp với", strlen("phối hợp với")));
	CHECK(!para_terminated("", 0));
}

/* The paragraphs of text joined by " / ", each "label:text after the marker". */
static char *paras(const char *text)
{
	struct dlines dl = {0};
	struct paras ps = {0};
	dlines_build(&dl, text, strlen(text));
	paras_build(&dl, 0, dl.n, &ps);
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < ps.n; i++)
		buf_printf(&b, "%s%s:%s", i ? " / " : "", ps.v[i].label, ps.v[i].table ? "(table)" : ps.v[i].s + ps.v[i].text);
	paras_free(&ps);
	dlines_free(&dl);
	return buf_detach(&b);
}

#define CHECK_PARAS(text, want) do { \
	char *got_ = paras(text); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

static void test_paras(void)
{
	/* A sentence broken by a converter or a PDF is one paragraph again. */
	CHECK_PARAS("1. Sở Nội vụ chủ trì rà soát thủ tục\nhành chính, báo cáo trước ngày 15/3/2026.\n"
		    "2. Sở Tư pháp thực hiện.",
		    "1:Sở Nội vụ chủ trì rà soát thủ tục hành chính, báo cáo trước ngày 15/3/2026. / "
		    "2:Sở Tư pháp thực hiện.");
	/* A short heading over its first sentence stays apart. */
	CHECK_PARAS("1. Đánh giá chung\nNăm 2025, tỉnh đã hoàn thành các nhiệm vụ.",
		    "1:Đánh giá chung / :Năm 2025, tỉnh đã hoàn thành các nhiệm vụ.");
	/* ... unless it stops mid-phrase. */
	CHECK_PARAS("1. Phối hợp với\nSở Tư pháp thực hiện.", "1:Phối hợp với Sở Tư pháp thực hiện.");
	/* "kinh tế\n- xã hội" is one phrase; a dash after a full stop is an item. */
	CHECK_PARAS("Phát triển kinh tế\n- xã hội của tỉnh.\n- Sở Y tế thực hiện.",
		    ":Phát triển kinh tế - xã hội của tỉnh. / :Sở Y tế thực hiện.");
	/* A marker alone on its line takes the next line's text. */
	CHECK_PARAS("1.\nRà soát thủ tục hành chính.", "1:Rà soát thủ tục hành chính.");
	CHECK_PARAS("I. MỤC ĐÍCH\nNâng cao chất lượng.", "I:MỤC ĐÍCH / :Nâng cao chất lượng.");
}

/* The tasks drafted from text: "section|text|assignees|lead|coop|deadline|recurrence" per line. */
static char *tasks(const char *text, bool body)
{
	struct dlines dl = {0};
	struct paras ps = {0};
	struct doc *d = xcalloc(1, sizeof(*d));
	d->date = date_from_ymd(2026, 2, 25);
	dlines_build(&dl, text, strlen(text));
	paras_build(&dl, 0, dl.n, &ps);
	tasks_walk(d, &dl, &ps, body);
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < d->n_tasks; i++) {
		const struct doc_task *t = &d->tasks[i];
		char day[DATE_STRLEN];
		buf_printf(&b, "%s|%s|", t->section ? t->section : "-", t->text);
		for (size_t k = 0; k < t->assignees.n; k++)
			buf_printf(&b, "%s%s", k ? "; " : "", t->assignees.v[k]);
		buf_printf(&b, "|%s|", t->lead ? t->lead : "-");
		for (size_t k = 0; k < t->cooperating.n; k++)
			buf_printf(&b, "%s%s", k ? "; " : "", t->cooperating.v[k]);
		buf_printf(&b, "|%s|%s\n", t->deadline == DATE_NONE ? "-" : date_format(t->deadline, day),
			   t->recurrence ? doc_recurrence_name(t->recurrence) : "-");
	}
	paras_free(&ps);
	dlines_free(&dl);
	doc_free(d);
	return buf_detach(&b);
}

#define CHECK_TASKS(text, body, want) do { \
	char *got_ = tasks(text, body); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

static void test_walk(void)
{
	CHECK_TASKS("I. MỤC ĐÍCH, YÊU CẦU\nNâng cao chất lượng phục vụ người dân.\n"
		    "II. NHIỆM VỤ\n"
		    "1. Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp rà soát thủ tục hành chính, hoàn thành "
		    "chậm nhất ngày 15/3/2026.\n"
		    "2. Sở Khoa học và Công nghệ:\n"
		    "a) Nâng cấp Cổng dịch vụ công, hoàn thành trong Quý II/2026.\n"
		    "b) Báo cáo kết quả hằng tháng.\n"
		    "Trên đây là Kế hoạch cải cách hành chính năm 2026.\n"
		    "3. Sở Y tế thực hiện.\n",
		    true,
		    "II.1|Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp rà soát thủ tục hành chính, hoàn thành chậm "
		    "nhất ngày 15/3/2026.|Sở Nội vụ|Sở Nội vụ|Sở Tư pháp|2026-03-15|-\n"
		    "II.2.a|Nâng cấp Cổng dịch vụ công, hoàn thành trong Quý II/2026.|Sở Khoa học và Công nghệ|-||"
		    "2026-06-30|-\n"
		    "II.2.b|Báo cáo kết quả hằng tháng.|Sở Khoa học và Công nghệ|-||-|monthly\n"
		    "II.3|Sở Y tế thực hiện.|Sở Y tế|-||-|-\n");
	/* A unit named before its tasks ("Sở Nội vụ:") and a chủ trì item under it. */
	CHECK_TASKS("1. Sở Nội vụ:\n- Chủ trì, phối hợp với Sở Tài chính tham mưu bố trí biên chế.\n"
		    "- Tổ chức tập huấn thường xuyên.\n",
		    false,
		    "1|Chủ trì, phối hợp với Sở Tài chính tham mưu bố trí biên chế.|Sở Nội vụ|Sở Nội vụ|"
		    "Sở Tài chính|-|-\n"
		    "1|Tổ chức tập huấn thường xuyên.|Sở Nội vụ|-||-|ongoing\n");
	/* In the body, the closing paragraphs after the last item are no tasks. */
	CHECK_TASKS("1. Sở Y tế thực hiện.\nĐề nghị các cơ quan, đơn vị triển khai thực hiện./.\n", true,
		    "1|Sở Y tế thực hiện.|Sở Y tế|-||-|-\n");
	/* A plain paragraph outside any list counts only when it hands out work. */
	CHECK_TASKS("Để kịp tiến độ, UBND tỉnh giao Sở Tài chính chủ trì thẩm định, báo cáo trước ngày 30/4/2026.\n"
		    "Năm 2026 là năm tăng tốc.\n",
		    true,
		    "-|Để kịp tiến độ, UBND tỉnh giao Sở Tài chính chủ trì thẩm định, báo cáo trước ngày 30/4/2026.|"
		    "Sở Tài chính|Sở Tài chính||2026-04-30|-\n");
}

static void test_annex(void)
{
	const char *text =
		"| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm |\n"
		"|---|---|---|---|---|---|\n"
		"| I | CẢI CÁCH THỂ CHẾ | | | | |\n"
		"| 1 | Rà soát văn bản quy phạm pháp luật | Sở Tư pháp | Các sở, ban, ngành tỉnh | Quý II/2026 | "
		"Báo cáo |\n"
		"| 2 | Kiểm tra công tác cải cách | Sở Nội vụ | | Tháng 6 | Kết luận |\n"
		"| | hành chính tại các xã | | | | |\n"
		"| a | Kiểm tra xã Đức Long | Sở Nội vụ | UBND xã Đức Long | 30/9/2026 | |\n"
		"| II | CẢI CÁCH THỦ TỤC HÀNH CHÍNH | | | | |\n"
		"| 1 | Công khai thủ tục hành chính | Văn phòng UBND tỉnh; Sở Nội vụ | | Thường xuyên | |\n";
	struct dlines dl = {0};
	struct doc *d = xcalloc(1, sizeof(*d));
	d->date = date_from_ymd(2026, 2, 25);
	dlines_build(&dl, text, strlen(text));
	CHECK_INT(dl.ntables, 1);
	if (dl.ntables)
		annex_tasks(d, &dl.tables[0]);
	CHECK_INT(d->n_tasks, 4);
	if (d->n_tasks == 4) {
		char day[DATE_STRLEN];
		struct doc_task *t = &d->tasks[0];
		CHECK_STR(t->section, "I.1");
		CHECK_STR(t->text, "Rà soát văn bản quy phạm pháp luật");
		CHECK_STR(t->lead, "Sở Tư pháp");
		CHECK_INT(t->cooperating.n, 1);
		CHECK_STR(t->deadline_text, "Quý II/2026");
		CHECK_STR(date_format(t->deadline, day), "2026-06-30");
		CHECK_STR(t->product, "Báo cáo");
		/* A row continued on the next table row is one task. */
		t = &d->tasks[1];
		CHECK_STR(t->section, "I.2");
		CHECK_STR(t->text, "Kiểm tra công tác cải cách hành chính tại các xã");
		CHECK_STR(date_format(t->deadline, day), "2026-06-30");
		t = &d->tasks[2];
		CHECK_STR(t->section, "I.2.a");
		CHECK_STR(t->cooperating.v[0], "UBND xã Đức Long");
		CHECK_STR(date_format(t->deadline, day), "2026-09-30");
		/* Two leads: both assigned, none the lead. */
		t = &d->tasks[3];
		CHECK_STR(t->section, "II.1");
		CHECK_INT(t->assignees.n, 2);
		CHECK(t->lead == NULL);
		CHECK_INT(t->deadline, DATE_NONE);
		CHECK_INT(t->recurrence, DOC_RECUR_ONGOING);
		CHECK_STR(t->deadline_text, "Thường xuyên");
	}
	dlines_free(&dl);
	doc_free(d);
}

int main(void)
{
	RUN(test_marker);
	RUN(test_assign);
	RUN(test_small_rules);
	RUN(test_paras);
	RUN(test_walk);
	RUN(test_annex);
	return test_summary();
}
