/*
 * t_doc_names.c — the rules of the document import that need no unit
 * registry (src/domain/docimport_match.c, docimport_draft.c,
 * docimport_review.c): unit names normalised as officers write them, a
 * task's title, field and recurrence guessed from its text, and error
 * fields named after the task they belong to.
 */
#include "base/base.h"
#include "domain/docimport_int.h"
#include "test.h"

#include <stdlib.h>

#define CHECK_NORMALISE(s, want) do { \
	char *got_ = name_normalise(s); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

static void test_normalise(void)
{
	CHECK_NORMALISE("Ủy ban nhân dân tỉnh Cao Bằng", "uy ban nhan dan tinh cao bang");
	CHECK_NORMALISE("UBND xã Đức Long", "uy ban nhan dan xa duc long");
	CHECK_NORMALISE("VP UBND tỉnh", "van phong uy ban nhan dan tinh");
	CHECK_NORMALISE("HĐND tỉnh", "hoi dong nhan dan tinh");
	CHECK_NORMALISE("Đài PT-TH tỉnh", "dai phat thanh truyen hinh tinh");
	CHECK_NORMALISE("TP. Cao Bằng", "thanh pho cao bang");
	CHECK_NORMALISE("Sở KH&CN", "so kh cn");
	CHECK_NORMALISE("  Sở   Nội vụ. ", "so noi vu");
	/* Abbreviations are whole words only: "vpx" and "tpx" stay. */
	CHECK_NORMALISE("VPX TPX", "vpx tpx");
	CHECK_NORMALISE("", "");
	CHECK_NORMALISE(NULL, "");
}

static void test_phrases(void)
{
	CHECK(name_has_phrase("cac so ban nganh tinh", "so ban nganh"));
	CHECK(name_has_phrase("cac so ban nganh tinh", "cac so"));
	CHECK(name_has_phrase("uy ban nhan dan cac xa", "cac xa"));
	CHECK(!name_has_phrase("cac sonla", "cac so"));
	CHECK(!name_has_phrase("so noi vu", "noi v"));
}

#define CHECK_STRIP(s, province, want) do { \
	char *got_ = xstrdup(s); \
	name_strip_person_and_place(got_, province); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

static void test_strip(void)
{
	CHECK_STRIP("chu tich uy ban nhan dan xa duc long", "cao bang", "uy ban nhan dan xa duc long");
	CHECK_STRIP("giam doc so tai chinh", "cao bang", "so tai chinh");
	CHECK_STRIP("thu truong cac so ban nganh tinh", "cao bang", "cac so ban nganh");
	CHECK_STRIP("so noi vu tinh cao bang", "cao bang", "so noi vu");
	CHECK_STRIP("van phong uy ban nhan dan tinh", NULL, "van phong uy ban nhan dan");
	/* A role alone or a place alone is the whole name: kept. */
	CHECK_STRIP("thu truong", "cao bang", "thu truong");
	CHECK_STRIP("cao bang", "cao bang", "cao bang");
}

static void test_kind(void)
{
	const char *kind;
	CHECK_STR(name_split_kind("so noi vu", &kind), "noi vu");
	CHECK_STR(kind, "department");
	CHECK_STR(name_split_kind("uy ban nhan dan xa duc long", &kind), "duc long");
	CHECK_STR(kind, "commune");
	CHECK_STR(name_split_kind("uy ban nhan dan phuong thuc phan", &kind), "thuc phan");
	CHECK_STR(kind, "ward");
	CHECK_STR(name_split_kind("x duc long", &kind), "duc long");
	CHECK_STR(kind, "commune");
	CHECK_STR(name_split_kind("ban dan toc", &kind), "dan toc");
	CHECK_STR(kind, "agency");
	CHECK_STR(name_split_kind("thanh tra tinh", &kind), "thanh tra tinh");
	CHECK(kind == NULL);
	CHECK_STR(name_split_kind("so", &kind), "so");	/* a kind word alone names nothing */
	CHECK(kind == NULL);
}

static void test_initials_and_distance(void)
{
	char *s = name_initials("khoa hoc va cong nghe");
	CHECK_STR(s, "khcn");
	free(s);
	s = name_initials("noi vu");
	CHECK_STR(s, "nv");
	free(s);
	s = name_initials("");
	CHECK_STR(s, "");
	free(s);
	CHECK_INT(name_edit_distance("tai chanh", "tai chinh", 2), 1);
	CHECK_INT(name_edit_distance("noi vu", "noi vu", 1), 0);
	CHECK_INT(name_edit_distance("tu phap", "tu phat", 1), 1);
	CHECK_INT(name_edit_distance("y te", "xay dung", 2), 3);	/* past the limit: limit + 1 */
	CHECK_INT(name_edit_distance("ab", "ba", 2), 2);
}

#define CHECK_TITLE(text, want) do { \
	char *got_ = draft_task_title(text); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

static void test_title(void)
{
	CHECK_TITLE("Rà soát, đơn giản hóa thủ tục hành chính. Báo cáo kết quả trước ngày 15/3/2026.",
		    "Rà soát, đơn giản hóa thủ tục hành chính");
	CHECK_TITLE("Triển khai các nhiệm vụ sau: tuyên truyền, kiểm tra.", "Triển khai các nhiệm vụ sau");
	/* A stop in the first twenty bytes ("TP.", "v.v.") does not end the title. */
	CHECK_TITLE("UBND TP. Cao Bằng tổ chức hội nghị. Sau đó báo cáo.", "UBND TP. Cao Bằng tổ chức hội nghị");
	CHECK_TITLE("Số hóa hồ sơ", "Số hóa hồ sơ");
	CHECK_TITLE("", "");
	/* A long first sentence is cut on a word, never inside a letter. */
	const char *long_text =
		"Đẩy mạnh ứng dụng công nghệ thông tin trong giải quyết thủ tục hành chính, tiếp nhận hồ sơ "
		"trực tuyến toàn trình, thanh toán trực tuyến, số hóa hồ sơ và kết quả giải quyết thủ tục "
		"hành chính tại Trung tâm Phục vụ hành chính công tỉnh";
	char *t = draft_task_title(long_text);
	CHECK(strlen(t) <= 160 + strlen("…"));
	CHECK(doc_utf8_valid(t, strlen(t), &(size_t){0}));
	CHECK_STR(t + strlen(t) - strlen("…"), "…");
	CHECK(strncmp(t, long_text, strlen(t) - strlen("…")) == 0);
	CHECK(long_text[strlen(t) - strlen("…")] == ' ');
	free(t);
}

static void test_field_and_recurrence(void)
{
	CHECK_STR(draft_guess_field("Rà soát, đơn giản hóa thủ tục hành chính"), "TTHC");
	CHECK_STR(draft_guess_field("Vận hành hệ thống một cửa điện tử"), "TTHC");
	CHECK_STR(draft_guess_field("Đẩy mạnh chuyển đổi số, dịch vụ công trực tuyến"), "CPS");
	CHECK_STR(draft_guess_field("Tinh giản biên chế, sắp xếp tổ chức bộ máy"), "BOMAY");
	CHECK_STR(draft_guess_field("Tuyên truyền cải cách hành chính"), "CDDH");
	/* Words of two fields: the officer decides. */
	CHECK(draft_guess_field("Chuyển đổi số trong giải quyết thủ tục hành chính") == NULL);
	CHECK(draft_guess_field("Tổ chức hội nghị tổng kết") == NULL);
	CHECK_STR(draft_recurrence(DOC_RECUR_MONTHLY), "monthly");
	CHECK_STR(draft_recurrence(DOC_RECUR_QUARTERLY), "quarterly");
	CHECK_STR(draft_recurrence(DOC_RECUR_SIX_MONTHLY), "semiannual");
	CHECK_STR(draft_recurrence(DOC_RECUR_YEARLY), "yearly");
	CHECK_STR(draft_recurrence(DOC_RECUR_ONGOING), "ongoing");
	CHECK(draft_recurrence(DOC_RECUR_WEEKLY) == NULL);	/* the tracker has no week */
	CHECK(draft_recurrence(DOC_RECUR_NONE) == NULL);
}

static void test_field_prefix(void)
{
	struct err e;
	err_set(&e, ERR_INVALID, "lead", "x");
	docimport_field_prefix(&e, "tasks[2]");
	CHECK_STR(e.field, "tasks[2].lead");
	docimport_field_prefix(&e, "draft");
	CHECK_STR(e.field, "draft.tasks[2].lead");
	err_set(&e, ERR_INVALID, "", "x");
	docimport_field_prefix(&e, "tasks[0]");
	CHECK_STR(e.field, "tasks[0]");
	/* Never past the field's room. */
	char big[200];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = 0;
	err_set(&e, ERR_INVALID, "lead", "x");
	docimport_field_prefix(&e, big);
	CHECK_INT(strlen(e.field), sizeof e.field - 1);
}

int main(void)
{
	RUN(test_normalise);
	RUN(test_phrases);
	RUN(test_strip);
	RUN(test_kind);
	RUN(test_initials_and_distance);
	RUN(test_title);
	RUN(test_field_and_recurrence);
	RUN(test_field_prefix);
	return test_summary();
}
