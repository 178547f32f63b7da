/*
 * t_docparse.c — the directive-document parser against the documents in
 * tests/docs (each NN-name.txt with its NN-name.json), compared field by
 * field; plus the seed letter checked against the issue's own words, bad
 * input with the message a user reads, and bounded work on pathological input.
 */
#include "base/base.h"
#include "doc/doc_json.h"
#include "doc/docparse.h"
#include "test.h"

#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

static char docs_dir[512];	/* set once in main; the tests only read it */

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Tests run from the repository root; walk up a little in case they do not. */
static bool find_docs(void)
{
	const char *ups[] = {"", "../", "../../", "../../../", "../../../../"};
	for (size_t i = 0; i < ARRAY_LEN(ups); i++) {
		snprintf(docs_dir, sizeof(docs_dir), "%stests/docs", ups[i]);
		if (is_dir(docs_dir))
			return true;
	}
	return false;
}

static char *dump(json_t *j)
{
	return j ? json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT) : xstrdup("(missing)");
}

/* Compares one field, printing both sides when they differ. */
static void check_field(const char *doc, const char *field, json_t *got, json_t *want)
{
	if (got && want && json_equal(got, want))
		return;
	char *g = dump(got), *w = dump(want);
	fprintf(stderr, "  %s: %s is %s, want %s\n", doc, field, g, w);
	free(g);
	free(w);
	test_current_failed = 1;
}

static void compare_doc(const char *name, json_t *got, json_t *want)
{
	static const char *const top[] = {
		"issuer", "number", "symbol", "type", "place", "date", "subject", "addressees",
		"signer", "recipients", "references", "warnings", "confidence",
	};
	static const char *const task_keys[] = {
		"section", "assignees", "lead", "cooperating", "text", "deadline", "deadline_text", "recurrence",
	};
	for (size_t i = 0; i < ARRAY_LEN(top); i++)
		check_field(name, top[i], json_object_get(got, top[i]), json_object_get(want, top[i]));
	json_t *gt = json_object_get(got, "tasks"), *wt = json_object_get(want, "tasks");
	if (json_array_size(gt) != json_array_size(wt)) {
		fprintf(stderr, "  %s: %zu tasks, want %zu\n", name, json_array_size(gt), json_array_size(wt));
		test_current_failed = 1;
	}
	for (size_t t = 0; t < json_array_size(gt) && t < json_array_size(wt); t++)
		for (size_t k = 0; k < ARRAY_LEN(task_keys); k++) {
			char field[64];
			snprintf(field, sizeof(field), "tasks[%zu].%s", t, task_keys[k]);
			check_field(name, field, json_object_get(json_array_get(gt, t), task_keys[k]),
				    json_object_get(json_array_get(wt, t), task_keys[k]));
		}
	/* No keys beyond the contract. */
	if (json_object_size(got) != ARRAY_LEN(top) + 1) {
		fprintf(stderr, "  %s: %zu top-level keys\n", name, json_object_size(got));
		test_current_failed = 1;
	}
}

static json_t *parse_to_json(const char *path, struct buf *err)
{
	size_t len;
	char *text = read_file(path, &len);
	if (!text) {
		buf_printf(err, "cannot read %s", path);
		return NULL;
	}
	struct doc *d = doc_parse(text, len, err);
	json_t *j = d ? doc_to_json(d) : NULL;
	doc_free(d);
	free(text);
	return j;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t docs_checked;

static void test_documents(void)
{
	DIR *dir = opendir(docs_dir);
	CHECK(dir != NULL);
	if (!dir)
		return;
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(dir))) {
		size_t l = strlen(e->d_name);
		if (l > 4 && strcmp(e->d_name + l - 4, ".txt") == 0) {
			names = xrealloc(names, (n + 1) * sizeof(*names));
			names[n++] = xstrdup(e->d_name);
		}
	}
	closedir(dir);
	qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n; i++) {
		char txt[1024], js[1024];
		snprintf(txt, sizeof(txt), "%s/%s", docs_dir, names[i]);
		snprintf(js, sizeof(js), "%s/%.*s.json", docs_dir, (int)(strlen(names[i]) - 4), names[i]);
		json_error_t jerr;
		json_t *want = json_load_file(js, 0, &jerr);
		struct buf err = BUF_INIT;
		json_t *got = parse_to_json(txt, &err);
		if (!want) {
			fprintf(stderr, "  %s: no expected JSON: %s\n", js, jerr.text);
			test_current_failed = 1;
		} else if (!got) {
			fprintf(stderr, "  %s: parse failed: %s\n", names[i], buf_str(&err));
			test_current_failed = 1;
		} else {
			compare_doc(names[i], got, want);
			docs_checked++;
		}
		json_decref(want);
		json_decref(got);
		buf_release(&err);
		free(names[i]);
	}
	free(names);
	/* Every case found was compared; the cases 00..21 are there. */
	CHECK(n >= 22);
	CHECK_INT(docs_checked, n);
}

/* The seed letter, spelled out from the issue so the expected file cannot drift. */
static void check_seed(json_t *j)
{
	CHECK_STR(json_string_value(json_object_get(j, "issuer")), "ỦY BAN NHÂN DÂN TỈNH CAO BẰNG");
	CHECK_STR(json_string_value(json_object_get(j, "number")), "473");
	CHECK_STR(json_string_value(json_object_get(j, "symbol")), "UBND-NC");
	CHECK_STR(json_string_value(json_object_get(j, "type")), "CV");
	CHECK_STR(json_string_value(json_object_get(j, "place")), "Cao Bằng");
	CHECK_STR(json_string_value(json_object_get(j, "date")), "2026-02-25");
	CHECK_STR(json_string_value(json_object_get(j, "subject")), "triển khai thực hiện các nhiệm vụ CCHC năm 2026");
	json_t *ad = json_object_get(j, "addressees");
	CHECK_INT(json_array_size(ad), 2);
	CHECK_STR(json_string_value(json_array_get(ad, 0)), "Các sở, ban, ngành tỉnh");
	CHECK_STR(json_string_value(json_array_get(ad, 1)), "Ủy ban nhân dân các xã, phường");
	json_t *refs = json_object_get(j, "references");
	CHECK_INT(json_array_size(refs), 1);
	CHECK_STR(json_string_value(json_object_get(json_array_get(refs, 0), "number")), "4110");
	CHECK_STR(json_string_value(json_object_get(json_array_get(refs, 0), "symbol")), "KH-UBND");
	CHECK_STR(json_string_value(json_object_get(json_array_get(refs, 0), "date")), "2025-12-31");
	json_t *signer = json_object_get(j, "signer");
	CHECK_STR(json_string_value(json_object_get(signer, "name")), "Lê Hải Hòa");
	CHECK_STR(json_string_value(json_object_get(signer, "title")), "CHỦ TỊCH");
	CHECK_INT(json_array_size(json_object_get(j, "recipients")), 7);
	json_t *tasks = json_object_get(j, "tasks");
	CHECK_INT(json_array_size(tasks), 8);
	static const char *const sec2[] = {
		"Văn phòng UBND tỉnh", "Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Sở Khoa học và Công nghệ",
	};
	for (size_t i = 0; i < json_array_size(tasks); i++) {
		json_t *t = json_array_get(tasks, i);
		const char *sec = json_string_value(json_object_get(t, "section"));
		json_t *as = json_object_get(t, "assignees");
		CHECK(json_is_null(json_object_get(t, "deadline")));
		const char *text = json_string_value(json_object_get(t, "text"));
		bool ongoing = text && strstr(text, "thường xuyên");
		json_t *rec = json_object_get(t, "recurrence");
		if (ongoing)
			CHECK_STR(json_string_value(rec), "ongoing");
		else
			CHECK(json_is_null(rec));
		if (i < 4) {
			CHECK_STR(sec, "1");
			CHECK_INT(json_array_size(as), 2);
			CHECK_STR(json_string_value(json_array_get(as, 0)), "Các sở, ban, ngành tỉnh");
			CHECK_STR(json_string_value(json_array_get(as, 1)), "UBND các xã, phường");
		} else if (i < 7) {
			CHECK_STR(sec, "2");
			CHECK_INT(json_array_size(as), 5);
			for (size_t k = 0; k < ARRAY_LEN(sec2); k++)
				CHECK_STR(json_string_value(json_array_get(as, k)), sec2[k]);
		} else {
			CHECK_STR(sec, "3");
			CHECK_STR(json_string_value(json_object_get(t, "lead")), "Báo và Phát thanh, truyền hình Cao Bằng");
			json_t *co = json_object_get(t, "cooperating");
			CHECK_INT(json_array_size(co), 1);
			CHECK_STR(json_string_value(json_array_get(co, 0)), "các cơ quan, đơn vị liên quan");
		}
	}
}

static void test_seed_copy(void)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/00-473-UBND-NC.txt", docs_dir);
	struct buf err = BUF_INIT;
	json_t *j = parse_to_json(path, &err);
	CHECK(j != NULL);
	if (j)
		check_seed(j);
	json_decref(j);
	buf_release(&err);
}

static void test_bad_input(void)
{
	static const char nothing[] = "not a directive document: no number or date line, title, addressee, task or "
				      "signature was recognised";
#define BAD(text, message) {text, sizeof(text) - 1, message}
	static const struct {
		const char *text;
		size_t len;
		const char *message;
	} cases[] = {
		BAD("ỦY BAN NHÂN DÂN\n\xC3\x28 Số: 1/UBND\n", "not UTF-8 text: invalid byte 0xc3 at offset 20"),
		BAD("\xC0\xAF", "not UTF-8 text: invalid byte 0xc0 at offset 0"),
		BAD("Số: 1/UBND\0x", "not UTF-8 text: invalid byte 0x00 at offset 12"),
		/* Its first line could be an issuer; nothing else of a directive is there. */
		BAD("Hôm nay trời đẹp.\nChúng tôi đi dạo quanh hồ.\n", nothing),
		BAD("Một đoạn văn bản bình thường, không phải công văn.\n", nothing),
		BAD("", nothing),
		BAD(" \n\t\r\n", nothing),
	};
#undef BAD
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct buf err = BUF_INIT;
		struct doc *d = doc_parse(cases[i].text, cases[i].len, &err);
		CHECK(d == NULL);
		doc_free(d);
		CHECK_STR(buf_str(&err), cases[i].message);
		buf_release(&err);
	}
}

/* Codes of a document's warnings, "field:code" joined by spaces. */
static char *warning_codes(json_t *j)
{
	struct buf b = BUF_INIT;
	size_t i;
	json_t *w;
	json_array_foreach(json_object_get(j, "warnings"), i, w)
		buf_printf(&b, "%s%s:%s", i ? " " : "", json_string_value(json_object_get(w, "field")),
			   json_string_value(json_object_get(w, "code")));
	return buf_detach(&b);
}

/* A missing header line is a warning on its field, never a refusal. */
static void test_missing_lines(void)
{
	static const struct {
		const char *text, *codes;
		double confidence;
	} cases[] = {
		{"ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\nSố: 12/UBND-KT\nV/v rà soát thủ tục hành chính\n"
		 "1. Sở Tư pháp rà soát thủ tục hành chính, xong trước ngày 30/6/2026.\n",
		 "place:place_missing date:date_missing", 0.8},
		{"1. Sở Nội vụ chủ trì tổng hợp, báo cáo trước ngày 15/3/2026.\n"
		 "2. Văn phòng UBND tỉnh theo dõi, đôn đốc.\n",
		 "issuer:issuer_missing number:number_missing place:place_missing date:date_missing "
		 "subject:subject_missing", 0.4},
		{"ỦY BAN NHÂN DÂN\nXÃ HÒA AN\nSố: 05/TB-UBND\nHòa An, ngày 02 tháng 3 năm 2026\nTHÔNG BÁO\n"
		 "Về việc họp giao ban\nNội dung họp đã được thống nhất.\n",
		 "tasks:tasks_missing", 0.6},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct buf err = BUF_INIT;
		struct doc *d = doc_parse(cases[i].text, strlen(cases[i].text), &err);
		CHECK(d != NULL);
		if (!d) {
			fprintf(stderr, "  case %zu refused: %s\n", i, buf_str(&err));
			buf_release(&err);
			continue;
		}
		json_t *j = doc_to_json(d);
		char *codes = warning_codes(j);
		CHECK_STR(codes, cases[i].codes);
		CHECK(json_real_value(json_object_get(j, "confidence")) > cases[i].confidence - 0.001 &&
		      json_real_value(json_object_get(j, "confidence")) < cases[i].confidence + 0.001);
		json_t *w0 = json_array_get(json_object_get(j, "warnings"), 0);
		CHECK(json_string_length(json_object_get(w0, "message")) > 0);
		CHECK(json_string_length(json_object_get(w0, "message_vi")) > 0);
		free(codes);
		json_decref(j);
		doc_free(d);
		buf_release(&err);
	}
}

/* CRLF, lone CR and LF give the same document. */
static void test_line_endings(void)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/00-473-UBND-NC.txt", docs_dir);
	size_t len;
	char *text = read_file(path, &len);
	CHECK(text != NULL);
	if (!text)
		return;
	struct buf crlf = BUF_INIT, cr = BUF_INIT, err = BUF_INIT;
	for (size_t i = 0; i < len; i++) {
		buf_add(&crlf, text[i] == '\n' ? "\r\n" : &text[i], text[i] == '\n' ? 2 : 1);
		buf_addc(&cr, text[i] == '\n' ? '\r' : text[i]);
	}
	struct doc *a = doc_parse(text, len, &err), *b = doc_parse(crlf.data, crlf.len, &err),
		   *c = doc_parse(cr.data, cr.len, &err);
	CHECK(a && b && c);
	if (a && b && c) {
		json_t *ja = doc_to_json(a), *jb = doc_to_json(b), *jc = doc_to_json(c);
		CHECK(json_equal(ja, jb));
		CHECK(json_equal(ja, jc));
		json_decref(ja);
		json_decref(jb);
		json_decref(jc);
	}
	doc_free(a);
	doc_free(b);
	doc_free(c);
	buf_release(&crlf);
	buf_release(&cr);
	buf_release(&err);
	free(text);
}

/* The process's CPU time, not the wall clock: other programs on shared
 * cores do not count against the parser. */
static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU seconds to parse SIZE bytes of head followed by piece, again and again. */
static double parse_seconds(const char *head, const char *piece, size_t size)
{
	struct buf b = BUF_INIT, err = BUF_INIT;
	buf_adds(&b, head);
	while (b.len < size)
		buf_adds(&b, piece);
	double t0 = seconds();
	struct doc *d = doc_parse(b.data, b.len, &err);
	json_t *j = d ? doc_to_json(d) : NULL;
	double dt = seconds() - t0;
	json_decref(j);
	doc_free(d);
	buf_release(&b);
	buf_release(&err);
	return dt;
}

/* Megabytes of hostile text must parse in time linear in their size: four
 * times the text may take about four times as long, not sixteen.  Measured
 * against the same text at a quarter of the size, so that a slow or busy
 * machine (sanitizers, shared cores) does not decide. */
static void test_bounded_work(void)
{
	static const char *const pieces[] = {
		"- Sở Nội vụ, Sở Tư pháp, Sở Tài chính và các sở, ban, ngành ",
		"1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/",
		"1. 1.1. 1.1.1. a) - + II. Điều 1. ",
		"| a | b | c | d | e | f | g | h | i | j | k | l |\n",
		"trước ngày trước ngày quý quý tháng tháng 6 tháng đầu năm ",
		"các sở: Nội vụ, Nội vụ, Nội vụ, Nội vụ, Nội vụ, ",
		"\n\n\n                                             \n",
	};
	const char head[] = "ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG\nSố: 1/UBND-NC\nCao Bằng, ngày 01 tháng 01 năm 2026\n"
			    "Kính gửi: Sở Nội vụ.\n1. Sở Nội vụ:\n";
	for (size_t k = 0; k < ARRAY_LEN(pieces); k++) {
		double quarter = parse_seconds(head, pieces[k], 1u << 18);
		double whole = parse_seconds(head, pieces[k], 1u << 20);
		if (whole > 8 * quarter + 0.5) {
			fprintf(stderr, "  piece %zu: %.2f s for 1 MiB, %.2f s for 256 KiB\n", k, whole, quarter);
			test_current_failed = 1;
		}
	}
}

int main(void)
{
	if (!find_docs()) {
		fprintf(stderr, "t_docparse: tests/docs not found; run from the repository root\n");
		printf("0 passed, 1 failed\n");
		return 1;
	}
	RUN(test_documents);
	RUN(test_seed_copy);
	RUN(test_bad_input);
	RUN(test_missing_lines);
	RUN(test_line_endings);
	RUN(test_bounded_work);
	printf("(%zu documents compared field by field)\n", docs_checked);
	return test_summary();
}
