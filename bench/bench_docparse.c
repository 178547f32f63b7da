/*
 * bench_docparse.c — parse time per document: a generated five-page letter
 * and the copy of the seed letter 473/UBND-NC, each the mean over many runs.
 *
 * Then the steps after parsing (issue 4): reading the seed letter as .docx,
 * and drafting its tasks, i.e. matching every unit name to the Cao Bằng
 * registry (loaded into a temporary database); the same five pages as a
 * PDF's text gives them, and the corpus of tests/data/directives: its
 * texts parsed, and its PDFs read (text layer, table rules) and parsed.
 *
 * Built by `make bench-bins` (build/bench/bench_docparse), run from the
 * repository root.
 */
#include "base/base.h"
#include "doc/doc_json.h"
#include "doc/docparse.h"
#include "doc/docx.h"
#include "doc/pdf.h"
#include "domain/demo.h"
#include "domain/docimport.h"
#include "store/store.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* About five A4 pages: header, six sections of six tasks, an annex table. */
static void five_pages(struct buf *b)
{
	buf_adds(b, "ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
		    "Độc lập - Tự do - Hạnh phúc\n\nSố: 1200/UBND-NC\n\nCao Bằng, ngày 15 tháng 5 năm 2026\n\n"
		    "V/v triển khai các nhiệm vụ cải cách hành chính\ntrọng tâm 6 tháng cuối năm 2026\n\n"
		    "Kính gửi:\n- Các sở, ban, ngành tỉnh;\n- Ủy ban nhân dân các xã, phường.\n\n"
		    "Thực hiện Kế hoạch số 4110/KH-UBND ngày 31/12/2025 của UBND tỉnh, Chủ tịch UBND tỉnh "
		    "yêu cầu các cơ quan, đơn vị thực hiện các nhiệm vụ sau:\n\n");
	static const char *const heads[] = {
		"Sở Nội vụ", "Sở Tư pháp", "Văn phòng UBND tỉnh", "Sở Tài chính",
		"Sở Khoa học và Công nghệ", "Các sở, ban, ngành tỉnh, UBND các xã, phường",
	};
	for (int s = 0; s < 6; s++) {
		buf_printf(b, "%d. %s:\n\n", s + 1, heads[s]);
		for (int t = 0; t < 6; t++)
			buf_printf(b, "- Chủ trì, phối hợp với các cơ quan, đơn vị liên quan rà soát, đánh giá "
				      "kết quả thực hiện nhiệm vụ cải cách hành chính thuộc lĩnh vực được giao,\n"
				      "đề xuất giải pháp khắc phục tồn tại, hạn chế; tổng hợp báo cáo UBND tỉnh "
				      "trước ngày %d/%d/2026 và cập nhật kết quả hằng quý trên phần mềm theo dõi.\n\n",
				   10 + t, 6 + s);
	}
	buf_adds(b, "Yêu cầu Thủ trưởng các cơ quan, đơn vị nghiêm túc thực hiện./.\n\n"
		    "Nơi nhận:\n- Như trên;\n- TT Tỉnh ủy (b/c);\n- TT HĐND tỉnh (b/c);\n- Lưu: VT, NC.\n\n"
		    "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTrịnh Trường Huy\n\nPHỤ LỤC\n\n"
		    "| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm |\n"
		    "|---|---|---|---|---|---|\n");
	for (int g = 0; g < 4; g++) {
		buf_printf(b, "| %s | NHÓM NHIỆM VỤ %d | | | | |\n", g == 0 ? "I" : g == 1 ? "II" : g == 2 ? "III" : "IV", g + 1);
		for (int r = 0; r < 6; r++)
			buf_printf(b, "| %d | Xây dựng, triển khai kế hoạch số hóa hồ sơ thủ tục hành chính giai đoạn %d | "
				      "Sở Nội vụ | Các sở, ban, ngành tỉnh; UBND các xã, phường | Quý %s/2026 | Báo cáo |\n",
				   r + 1, r + 1, r % 2 ? "III" : "IV");
	}
}

static void bench(const char *name, const char *text, size_t len, int iters)
{
	struct buf err = BUF_INIT;
	size_t tasks = 0;
	double t0 = now();
	for (int i = 0; i < iters; i++) {
		struct doc *d = doc_parse(text, len, &err);
		if (!d) {
			fprintf(stderr, "%s: %s\n", name, buf_str(&err));
			exit(1);
		}
		tasks = d->n_tasks;
		doc_free(d);
	}
	double parse = (now() - t0) / iters;
	struct doc *d = doc_parse(text, len, &err);
	t0 = now();
	for (int i = 0; i < iters; i++) {
		json_t *j = doc_to_json(d);
		char *s = json_dumps(j, JSON_INDENT(2));
		free(s);
		json_decref(j);
	}
	double json = (now() - t0) / iters;
	doc_free(d);
	buf_release(&err);
	printf("%-28s %7zu bytes %3zu tasks  parse %8.1f µs  (+ JSON %6.1f µs)  mean of %d\n", name, len,
	       tasks, parse * 1e6, json * 1e6, iters);
}

/*
 * The same five pages as a PDF's text gives them: the header columns
 * flattened with "|", the number and the date carried to later lines, CRLF
 * line ends; what the repair step (doc_repair.c) costs.
 */
static void five_pages_pdf(const struct buf *clean, struct buf *b)
{
	buf_adds(b, "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\r\n"
		    "TỈNH CAO BẰNG | Độc lập - Tự do - Hạnh phúc\r\nSố:\r\n\r\n1200/UBND-NC\r\n"
		    "Cao Bằng, ngày\r\n15 tháng 5 năm 2026\r\n");
	const char *body = strstr(clean->data, "V/v");
	for (const char *p = body; p && *p; p++)
		buf_add(b, *p == '\n' ? "\r\n" : p, *p == '\n' ? 2 : 1);
}

/* The files of tests/data/directives whose names end in one extension,
 * each kept as its length then its bytes. */
struct corpus {
	struct buf all;
	size_t docs, bytes;
};

static void corpus_load(struct corpus *c, const char *ext)
{
	*c = (struct corpus){.all = BUF_INIT};
	DIR *dh = opendir("tests/data/directives");
	if (!dh)
		return;
	size_t el = strlen(ext);
	for (struct dirent *e; (e = readdir(dh));) {
		size_t l = strlen(e->d_name), len;
		if (l <= el || strcmp(e->d_name + l - el, ext) != 0)
			continue;
		char *path = xasprintf("tests/data/directives/%s", e->d_name);
		char *data = read_file(path, &len);
		free(path);
		if (!data)
			continue;
		buf_add(&c->all, &len, sizeof len);
		buf_add(&c->all, data, len);
		c->bytes += len;
		c->docs++;
		free(data);
	}
	closedir(dh);
}

/* The file at *at (advanced past it); 0 after the last. */
static int corpus_next(const struct corpus *c, size_t *at, const char **data, size_t *len)
{
	if (*at >= c->all.len)
		return 0;
	memcpy(len, c->all.data + *at, sizeof *len);
	*data = c->all.data + *at + sizeof *len;
	*at += sizeof *len + *len;
	return 1;
}

/* Every document of the corpus in tests/data/directives, parsed in turn. */
static void bench_corpus(int iters)
{
	struct corpus c;
	corpus_load(&c, ".txt");
	struct buf err = BUF_INIT;
	double t0 = now();
	for (int i = 0; i < iters; i++) {
		const char *text;
		size_t len;
		for (size_t at = 0; corpus_next(&c, &at, &text, &len);)
			doc_free(doc_parse(text, len, &err));
	}
	double per_doc = (now() - t0) / iters / (c.docs ? c.docs : 1);
	printf("%-28s %7zu bytes %3zu docs   parse %8.1f µs a document  mean of %d\n", "corpus of directives",
	       c.bytes, c.docs, per_doc * 1e6, iters);
	buf_release(&err);
	buf_release(&c.all);
}

/* Every PDF of the corpus read (its text laid out, a table's rules found by
 * drawing the page) and parsed, in turn. */
static void bench_corpus_pdfs(int iters)
{
	struct corpus c;
	corpus_load(&c, ".pdf");
	struct buf errs = BUF_INIT;
	double t0 = now();
	for (int i = 0; i < iters; i++) {
		const char *data;
		size_t len;
		for (size_t at = 0; corpus_next(&c, &at, &data, &len);) {
			char *text = NULL;
			size_t text_len = 0;
			struct err err;
			if (pdf_text(data, len, PDF_MAX_PAGES, &text, &text_len, &err) == ERR_OK)
				doc_free(doc_parse(text, text_len, &errs));
			free(text);
		}
	}
	double per_doc = (now() - t0) / iters / (c.docs ? c.docs : 1);
	printf("%-28s %7zu bytes %3zu docs   read+parse %6.1f ms a document  mean of %d\n", "PDFs of the corpus",
	       c.bytes, c.docs, per_doc * 1e3, iters);
	buf_release(&errs);
	buf_release(&c.all);
}

/* Reading the .docx, and drafting (unit matching) of an already parsed letter. */
static void bench_import(const char *text, size_t len, int iters)
{
	char dir[] = "/tmp/cchc-bench-XXXXXX";
	if (!mkdtemp(dir))
		return;
	char *path = xasprintf("%s/b.db", dir);
	struct err err;
	struct store_options opt = {.durable = 0, .connections = 1};
	struct store *st = store_open(path, &opt, &err);
	struct tracker tr = {.store = st, .data_dir = dir};
	struct unit_matcher *m = NULL;
	struct buf why = BUF_INIT;
	struct doc *d = doc_parse(text, len, &why);
	if (!st || !d || demo_load_registry(&tr, &err) != ERR_OK || !(m = unit_matcher_new(&tr, &err))) {
		fprintf(stderr, "bench: cannot set up the registry\n");
		goto out;
	}
	double t0 = now();
	for (int i = 0; i < iters; i++)
		unit_matcher_free(unit_matcher_new(&tr, &err));
	double setup = (now() - t0) / iters;
	t0 = now();
	size_t names = 0;
	for (int i = 0; i < iters; i++) {
		json_t *draft = docimport_draft(m, d);
		names = 0;
		for (size_t k = 0; k < d->n_tasks; k++)
			names += d->tasks[k].assignees.n + d->tasks[k].cooperating.n + (d->tasks[k].lead != NULL);
		json_decref(draft);
	}
	double draft = (now() - t0) / iters;
	printf("%-28s %zu names  draft %8.1f µs  (+ registry %6.1f µs)  mean of %d\n",
	       "draft of 473/UBND-NC", names, draft * 1e6, setup * 1e6, iters);
	size_t dlen;
	char *docx = read_file("tests/docs/00-473-UBND-NC.docx", &dlen);
	if (docx) {
		t0 = now();
		for (int i = 0; i < iters; i++) {
			char *t = NULL;
			size_t tl;
			docx_text(docx, dlen, DOCX_MAX_XML, &t, &tl, &err);
			free(t);
		}
		printf("%-28s %7zu bytes  read %8.1f µs  mean of %d\n", "seed 473/UBND-NC.docx", dlen,
		       (now() - t0) / iters * 1e6, iters);
		free(docx);
	}
out:
	unit_matcher_free(m);
	doc_free(d);
	buf_release(&why);
	store_close(st);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "bench: cannot remove %s\n", dir);
	free(cmd);
	free(path);
}

int main(int argc, char **argv)
{
	const char *seed = argc > 1 ? argv[1] : "tests/docs/00-473-UBND-NC.txt";
	struct buf b = BUF_INIT;
	five_pages(&b);
	bench("generated five-page letter", b.data, b.len, 2000);
	struct buf pdf = BUF_INIT;
	five_pages_pdf(&b, &pdf);
	bench("same, as PDF-extracted text", pdf.data, pdf.len, 2000);
	buf_release(&pdf);
	bench_corpus(500);
	bench_corpus_pdfs(5);
	size_t len;
	char *text = read_file(seed, &len);
	if (!text) {
		fprintf(stderr, "cannot read %s (run from the repository root)\n", seed);
		return 1;
	}
	bench("seed 473/UBND-NC", text, len, 5000);
	bench_import(text, len, 500);
	free(text);
	buf_release(&b);
	return 0;
}
