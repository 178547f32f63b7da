/*
 * Documents into the tracker: unit-name matching against the Cao Bằng
 * registry (exact, short names, codes, without diacritics, groups; the
 * ambiguous and the unknown flagged), the seed letter 473 drafted to
 * exactly its assignment, recurrences mapped, the .docx reader, and a
 * draft confirmed into tasks and assignments in one go.
 */
#include "base/base.h"
#include "doc/docparse.h"
#include "doc/docx.h"
#include "domain/docimport.h"
#include "domain/docimport_int.h"
#include "domain/tally.h"
#include "store/store.h"
#include "db_fixture.h"
#include "test.h"

#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>

struct fixture {
	char dir[64];
	struct tracker tr;	/* the system's, without a tally */
	struct unit_matcher *m;
};

static void setup(struct fixture *f)
{
	f->tr = registry_fixture_open(f->dir, "di", 2, false);
	struct err err;
	f->m = unit_matcher_new(&f->tr, &err);
	CHECK(f->m != NULL);
}

static void teardown(struct fixture *f)
{
	unit_matcher_free(f->m);
	registry_fixture_close(&f->tr, f->dir);
}

/* "REF/status/how" of every entry a name maps to, joined by commas. */
static char *match(struct fixture *f, const char *name)
{
	json_t *e = unit_match(f->m, name);
	struct buf b = BUF_INIT;
	size_t i;
	json_t *x;
	json_array_foreach(e, i, x) {
		const char *ref = json_string_value(json_object_get(x, "ref"));
		const char *how = json_string_value(json_object_get(x, "how"));
		buf_printf(&b, "%s%s/%s/%s", i ? "," : "", ref ? ref : "-",
			   json_string_value(json_object_get(x, "status")), how ? how : "-");
	}
	json_decref(e);
	return buf_detach(&b);
}

#define CHECK_MATCH(f, name, want) do { \
	char *got_ = match(f, name); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

static void test_match_units(void)
{
	struct fixture f;
	setup(&f);
	CHECK_MATCH(&f, "Sở Nội vụ", "SNV/matched/name");
	CHECK_MATCH(&f, "Nội vụ", "SNV/matched/core");
	CHECK_MATCH(&f, "SNV", "SNV/matched/code");
	CHECK_MATCH(&f, "snv", "SNV/matched/code");
	CHECK_MATCH(&f, "Sở NV", "SNV/matched/short_name");
	CHECK_MATCH(&f, "Sở KH&CN", "SKHCN/matched/short_name");
	CHECK_MATCH(&f, "SKH&CN", "SKHCN/matched/short_name");
	CHECK_MATCH(&f, "Sở Khoa học và Công nghệ", "SKHCN/matched/name");
	CHECK_MATCH(&f, "So Noi vu", "SNV/matched/name");
	CHECK_MATCH(&f, "sở nội vụ", "SNV/matched/name");
	CHECK_MATCH(&f, "Giám đốc Sở Tài chính", "STC/matched/name");
	CHECK_MATCH(&f, "UBND xã Đức Long", "01822/matched/core");
	CHECK_MATCH(&f, "UBND xa Duc Long", "01822/matched/core");
	CHECK_MATCH(&f, "Xã Đức Long", "01822/matched/name");
	CHECK_MATCH(&f, "01822", "01822/matched/code");
	CHECK_MATCH(&f, "Phường Thục Phán", "01273/matched/name");
	CHECK_MATCH(&f, "P. Thục Phán", "01273/matched/short_name");
	CHECK_MATCH(&f, "Văn phòng UBND tỉnh", "VPUBND/matched/name");
	CHECK_MATCH(&f, "Văn phòng Ủy ban nhân dân tỉnh Cao Bằng", "VPUBND/matched/name");
	CHECK_MATCH(&f, "UBND tỉnh", "04/matched/name");
	CHECK_MATCH(&f, "Thanh tra tỉnh", "TTT/matched/name");
	CHECK_MATCH(&f, "Công an tỉnh", "CAT/matched/name");
	CHECK_MATCH(&f, "Trung tâm Phục vụ hành chính công tỉnh", "TTPVHCC/matched/name");
	CHECK_MATCH(&f, "Báo và Phát thanh, truyền hình Cao Bằng", "BPTTH/matched/name");
	CHECK_MATCH(&f, "Sở Văn hóa, Thể thao", "SVHTTDL/matched/partial");
	teardown(&f);
}

static void test_match_groups(void)
{
	struct fixture f;
	setup(&f);
	CHECK_MATCH(&f, "Các sở, ban, ngành tỉnh", "@departments/group/group");
	CHECK_MATCH(&f, "Thủ trưởng các sở, ban, ngành tỉnh", "@departments/group/group");
	CHECK_MATCH(&f, "UBND các xã, phường", "@communes/group/group");
	CHECK_MATCH(&f, "Ủy ban nhân dân các xã, phường", "@communes/group/group");
	CHECK_MATCH(&f, "Chủ tịch UBND các xã, phường", "@communes/group/group");
	CHECK_MATCH(&f, "cac so, ban, nganh tinh", "@departments/group/group");
	CHECK_MATCH(&f, "Các sở, ban, ngành tỉnh; UBND các xã, phường",
		    "@departments/group/group,@communes/group/group");
	CHECK_MATCH(&f, "Các cơ quan báo chí", "@media/group/group");
	json_t *e = unit_match(f.m, "UBND các xã, phường");
	CHECK_INT(json_integer_value(json_object_get(json_array_get(e, 0), "members")), 56);
	json_decref(e);
	e = unit_match(f.m, "Các sở, ban, ngành tỉnh");
	CHECK_INT(json_integer_value(json_object_get(json_array_get(e, 0), "members")), 22);
	json_decref(e);
	teardown(&f);
}

static void test_match_flagged(void)
{
	struct fixture f;
	setup(&f);
	/* The units concerned, not which: flagged with the group as candidate. */
	CHECK_MATCH(&f, "các sở, ngành liên quan", "-/ambiguous/-");
	json_t *e = unit_match(f.m, "các sở, ngành liên quan");
	CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(json_array_get(e, 0),
		"candidates"), 0), "ref")), "@departments");
	json_decref(e);
	CHECK_MATCH(&f, "các cơ quan, đơn vị liên quan", "-/ambiguous/-");
	CHECK_MATCH(&f, "Các cơ quan, đơn vị", "-/ambiguous/-");
	/* Quang Hán, Quang Trung, Quang Long, Quảng Lâm, Quảng Uyên... */
	CHECK_MATCH(&f, "Xã Quang", "-/ambiguous/-");
	e = unit_match(f.m, "Xã Quang");
	CHECK(json_array_size(json_object_get(json_array_get(e, 0), "candidates")) >= 3);
	json_decref(e);
	CHECK_MATCH(&f, "Cục Thống kê tỉnh", "-/unmatched/-");
	CHECK_MATCH(&f, "Đoàn kiểm tra", "-/unmatched/-");
	CHECK_MATCH(&f, "", "-/unmatched/-");
	/* A near spelling is suggested, not taken. */
	CHECK_MATCH(&f, "Sở Tài chánh", "-/unmatched/-");
	e = unit_match(f.m, "Sở Tài chánh");
	CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(json_array_get(e, 0),
		"candidates"), 0), "ref")), "STC");
	json_decref(e);
	teardown(&f);
}

/* "REF/status/how" of each entry, joined by commas; "(none)" for NULL. */
static char *entries(json_t *e)
{
	if (!e)
		return xstrdup("(none)");
	struct buf b = BUF_INIT;
	size_t i;
	json_t *x;
	json_array_foreach(e, i, x) {
		const char *ref = json_string_value(json_object_get(x, "ref"));
		const char *how = json_string_value(json_object_get(x, "how"));
		buf_printf(&b, "%s%s/%s/%s", i ? "," : "", ref ? ref : "-",
			   json_string_value(json_object_get(x, "status")), how ? how : "-");
	}
	return buf_detach(&b);
}

#define CHECK_ENTRIES(e, want) do { \
	json_t *e_ = (e); \
	char *got_ = entries(e_); \
	CHECK_STR(got_, want); \
	free(got_); \
	json_decref(e_); \
} while (0)

/* The group rule and a ref given by hand, on their own (names already normalised). */
static void test_groups_and_refs(void)
{
	struct fixture f;
	setup(&f);
	CHECK_ENTRIES(unit_match_groups(f.m, "x", "cac so ban nganh"), "@departments/group/group");
	CHECK_ENTRIES(unit_match_groups(f.m, "x", "uy ban nhan dan cac xa phuong"), "@communes/group/group");
	CHECK_ENTRIES(unit_match_groups(f.m, "x", "cac so ban nganh uy ban nhan dan cac xa phuong"),
		      "@departments/group/group,@communes/group/group");
	CHECK_ENTRIES(unit_match_groups(f.m, "x", "cac co quan bao chi"), "@media/group/group");
	/* Vague or "the units concerned": the officer chooses. */
	CHECK_ENTRIES(unit_match_groups(f.m, "x", "cac co quan don vi dia phuong"), "-/ambiguous/-");
	CHECK_ENTRIES(unit_match_groups(f.m, "x", "cac so nganh lien quan"), "-/ambiguous/-");
	/* Not a group. */
	CHECK_ENTRIES(unit_match_groups(f.m, "x", "so noi vu"), "(none)");
	CHECK_ENTRIES(unit_match_groups(f.m, "x", "xa duc long"), "(none)");
	/* A ref the officer gave wins over the name; an unknown ref is flagged. */
	json_t *l = json_array();
	json_array_append_new(l, unit_resolve_ref(f.m, "Sở Tư pháp", "SNV", "manual"));
	json_array_append_new(l, unit_resolve_ref(f.m, NULL, "@communes", "group"));
	json_array_append_new(l, unit_resolve_ref(f.m, "Sở ABC", "XYZ", "manual"));
	json_array_append_new(l, unit_resolve_ref(f.m, NULL, "@nobody", "manual"));
	CHECK_ENTRIES(l, "SNV/matched/manual,@communes/group/group,-/unmatched/-,-/unmatched/-");
	l = json_array();
	unit_match_append(l, f.m, "Sở Nội vụ");
	unit_match_append(l, f.m, "Các sở, ban, ngành tỉnh; UBND các xã, phường");
	CHECK_ENTRIES(l, "SNV/matched/name,@departments/group/group,@communes/group/group");
	teardown(&f);
}

static char *docs_path(const char *name)
{
	const char *ups[] = {"", "../", "../../", "../../../"};
	for (size_t i = 0; i < ARRAY_LEN(ups); i++) {
		char *p = xasprintf("%stests/docs/%s", ups[i], name);
		struct stat st;
		if (stat(p, &st) == 0)
			return p;
		free(p);
	}
	return NULL;
}

static json_t *draft_of_file(struct fixture *f, const char *name)
{
	char *path = docs_path(name);
	CHECK(path != NULL);
	if (!path)
		return NULL;
	size_t len;
	char *text = read_file(path, &len);
	free(path);
	struct buf why = BUF_INIT;
	struct doc *d = doc_parse(text, len, &why);
	CHECK(d != NULL);
	json_t *draft = d ? docimport_draft(f->m, d) : NULL;
	doc_free(d);
	free(text);
	buf_release(&why);
	return draft;
}

static char *refs(json_t *list)
{
	struct buf b = BUF_INIT;
	size_t i;
	json_t *e;
	json_array_foreach(list, i, e) {
		const char *r = json_string_value(json_object_get(e, "ref"));
		buf_printf(&b, "%s%s", i ? "," : "", r ? r : "?");
	}
	return buf_detach(&b);
}

static void test_seed_letter(void)
{
	struct fixture f;
	setup(&f);
	json_t *draft = draft_of_file(&f, "00-473-UBND-NC.txt");
	json_t *tasks = json_object_get(draft, "tasks");
	CHECK_INT(json_array_size(tasks), 8);
	static const char *const want[8][3] = {
		{"1", "@departments,@communes", ""}, {"1", "@departments,@communes", ""},
		{"1", "@departments,@communes", ""}, {"1", "@departments,@communes", ""},
		{"2", "VPUBND,SNV,STP,STC,SKHCN", ""}, {"2", "VPUBND,SNV,STP,STC,SKHCN", ""},
		{"2", "VPUBND,SNV,STP,STC,SKHCN", ""}, {"3", "BPTTH", "?"},
	};
	for (size_t i = 0; i < 8 && i < json_array_size(tasks); i++) {
		json_t *t = json_array_get(tasks, i);
		char *lead = refs(json_object_get(t, "lead")), *coop = refs(json_object_get(t, "cooperating"));
		CHECK_STR(json_string_value(json_object_get(t, "section")), want[i][0]);
		CHECK_STR(lead, want[i][1]);
		CHECK_STR(coop, want[i][2]);
		free(lead);
		free(coop);
	}
	/* Section 3's "các cơ quan, đơn vị liên quan" is flagged, not guessed. */
	json_t *c = json_array_get(json_object_get(json_array_get(tasks, 7), "cooperating"), 0);
	CHECK_STR(json_string_value(json_object_get(c, "status")), "ambiguous");
	CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(json_array_get(tasks, 7),
		"lead"), 0), "how")), "name");
	json_t *doc = json_object_get(draft, "document");
	CHECK_STR(json_string_value(json_object_get(doc, "issuer_unit")), "04");
	CHECK_STR(json_string_value(json_object_get(doc, "issued_on")), "2026-02-25");
	CHECK_INT(json_integer_value(json_object_get(doc, "year")), 2026);
	CHECK(json_is_false(json_object_get(draft, "ready")));
	/* Task 5 says "thường xuyên": ongoing; the others need a recurrence. */
	CHECK_STR(json_string_value(json_object_get(json_array_get(tasks, 4), "recurrence")), "ongoing");
	CHECK(json_is_null(json_object_get(json_array_get(tasks, 0), "recurrence")));
	json_decref(draft);
	teardown(&f);
}

/* Every test document: six-monthly becomes semiannual, weekly is flagged. */
/* Another province's units are kept as written, never matched to this registry's namesakes. */
static void test_foreign_province(void)
{
	struct fixture f;
	setup(&f);
	static const char text[] = "ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\nSố: 12/UBND-NC\n"
				   "Tuyên Quang, ngày 05 tháng 01 năm 2026\nV/v rà soát thủ tục\n"
				   "1. Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp rà soát thủ tục hành chính.\n"
				   "2. Các sở, ban, ngành tỉnh báo cáo trước ngày 30/6/2026.\n";
	struct buf why = BUF_INIT;
	struct doc *d = doc_parse(text, sizeof(text) - 1, &why);
	CHECK(d != NULL);
	json_t *draft = d ? docimport_draft(f.m, d) : NULL;
	json_t *tasks = json_object_get(draft, "tasks");
	CHECK_INT(json_array_size(tasks), 2);
	json_t *lead = json_object_get(json_array_get(tasks, 0), "lead");
	json_t *e = json_array_get(lead, 0);
	CHECK_STR(json_string_value(json_object_get(e, "name")), "Sở Nội vụ");
	CHECK_STR(json_string_value(json_object_get(e, "status")), "unmatched");
	CHECK_STR(json_string_value(json_object_get(e, "how")), "foreign");
	CHECK(json_is_null(json_object_get(e, "unit_id")));
	CHECK(json_is_null(json_object_get(e, "ref")));
	e = json_array_get(json_object_get(json_array_get(tasks, 1), "lead"), 0);
	CHECK_STR(json_string_value(json_object_get(e, "status")), "unmatched");
	CHECK(json_is_null(json_object_get(json_object_get(draft, "document"), "issuer_unit")));
	CHECK(json_is_false(json_object_get(draft, "ready")));
	/* Saved as it is, the entry stays another province's unit. */
	struct err err = {0};
	json_t *edited = json_pack("{s:O, s:O}", "document", json_object_get(draft, "document"), "tasks", tasks);
	json_t *again = docimport_review(&f.tr, f.m, edited, &err);
	CHECK(again != NULL);
	e = json_array_get(json_object_get(json_array_get(json_object_get(again, "tasks"), 0), "lead"), 0);
	CHECK_STR(json_string_value(json_object_get(e, "how")), "foreign");
	json_decref(again);
	json_decref(edited);
	json_decref(draft);
	doc_free(d);
	buf_release(&why);
	teardown(&f);
}

static void test_recurrences(void)
{
	struct fixture f;
	setup(&f);
	char *dir = docs_path("00-473-UBND-NC.txt");
	CHECK(dir != NULL);
	if (!dir) {
		teardown(&f);
		return;
	}
	*strrchr(dir, '/') = 0;
	DIR *dp = opendir(dir);
	struct dirent *de;
	int semi = 0, weekly = 0;
	while (dp && (de = readdir(dp))) {
		size_t n = strlen(de->d_name);
		if (n < 5 || strcmp(de->d_name + n - 4, ".txt") != 0)
			continue;
		json_t *draft = draft_of_file(&f, de->d_name);
		size_t i;
		json_t *t;
		json_array_foreach(json_object_get(draft, "tasks"), i, t) {
			const char *rec = json_string_value(json_object_get(t, "recurrence"));
			const char *rw = json_string_value(json_object_get(t, "recurrence_written"));
			if (rec && strcmp(rec, "semiannual") == 0)
				semi++;
			CHECK(!rec || (strcmp(rec, "six-monthly") != 0 && strcmp(rec, "weekly") != 0));
			if (rw && strcmp(rw, "weekly") == 0) {
				weekly++;
				/* Flagged unless the task also has a date to go by. */
				if (json_is_null(json_object_get(t, "deadline")))
					CHECK(json_is_false(json_object_get(draft, "ready")));
			}
		}
		json_decref(draft);
	}
	if (dp)
		closedir(dp);
	free(dir);
	CHECK_INT(semi, 4);
	CHECK_INT(weekly, 2);
	teardown(&f);
}

static void test_docx(void)
{
	char *path = docs_path("00-473-UBND-NC.docx");
	CHECK(path != NULL);
	if (!path)
		return;
	size_t len;
	char *data = read_file(path, &len);
	free(path);
	char *text = NULL;
	size_t tlen = 0;
	struct err err;
	CHECK_INT(docx_text(data, len, DOCX_MAX_XML, &text, &tlen, &err), ERR_OK);
	CHECK(text && strstr(text, "| ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"));
	CHECK(text && strstr(text, "\n1. Các sở, ban, ngành tỉnh, UBND các xã, phường\n"));
	free(text);
	/* The uncompressed cap holds whatever the zip claims. */
	CHECK_INT(docx_text(data, len, 100, &text, &tlen, &err), ERR_TOO_LARGE);
	CHECK(text == NULL);
	CHECK_INT(docx_text("hello", 5, DOCX_MAX_XML, &text, &tlen, &err), ERR_UNSUPPORTED);
	CHECK_INT(docx_text(data, len / 2, DOCX_MAX_XML, &text, &tlen, &err), ERR_UNSUPPORTED);
	free(data);
	path = docs_path("not-a-docx.zip");
	data = path ? read_file(path, &len) : NULL;
	free(path);
	CHECK(data != NULL);
	if (data)
		CHECK_INT(docx_text(data, len, DOCX_MAX_XML, &text, &tlen, &err), ERR_UNSUPPORTED);
	free(data);
}

/* The whole path: text in, review, confirm, tasks and assignments out. */
static void test_confirm(void)
{
	struct fixture f;
	setup(&f);
	char *path = docs_path("00-473-UBND-NC.txt");
	size_t len = 0;
	char *text = path ? read_file(path, &len) : NULL;
	free(path);
	json_t *draft = NULL, *edited = NULL, *doc = NULL, *out = NULL;
	struct err err;
	CHECK_INT(docimport_create(&f.tr, text, len, "txt", "473.txt", &draft, &err), ERR_OK);
	int64_t id = json_integer_value(json_object_get(draft, "id"));
	CHECK(id > 0);
	CHECK_INT(docimport_confirm(&f.tr, id, &doc, &err), ERR_INVALID);
	CHECK(doc == NULL);
	/* Review: every task runs all year; the vague cooperating entry goes. */
	edited = json_pack("{s:O, s:O}", "document", json_object_get(draft, "document"), "tasks",
			   json_object_get(draft, "tasks"));
	size_t i;
	json_t *t;
	json_array_foreach(json_object_get(edited, "tasks"), i, t) {
		if (json_is_null(json_object_get(t, "recurrence")))
			json_object_set_new(t, "recurrence", json_string("ongoing"));
		json_object_set_new(t, "cooperating", json_array());
	}
	CHECK_INT(docimport_update(&f.tr, id, edited, &out, &err), ERR_OK);
	CHECK(json_is_true(json_object_get(out, "ready")));
	json_decref(out);
	out = NULL;
	CHECK_INT(docimport_confirm(&f.tr, id, &doc, &err), ERR_OK);
	CHECK_INT(json_array_size(json_object_get(doc, "task_ids")), 8);
	json_t *tasks = json_object_get(doc, "tasks");
	json_int_t total = 0;
	json_array_foreach(tasks, i, t)
		total += json_integer_value(json_object_get(t, "assignments"));
	/* 4 tasks x 78 units + 3 x 5 + 1 x 1, each by quarter. */
	CHECK_INT(total, (4 * 78 + 3 * 5 + 1) * 4);
	CHECK_INT(docimport_confirm(&f.tr, id, &out, &err), ERR_CONFLICT);
	CHECK_INT(docimport_update(&f.tr, id, edited, &out, &err), ERR_CONFLICT);
	json_decref(draft);
	json_decref(edited);
	json_decref(doc);
	free(text);
	teardown(&f);
}

int main(void)
{
	RUN(test_match_units);
	RUN(test_match_groups);
	RUN(test_match_flagged);
	RUN(test_groups_and_refs);
	RUN(test_seed_letter);
	RUN(test_foreign_province);
	RUN(test_recurrences);
	RUN(test_docx);
	RUN(test_confirm);
	return test_summary();
}
