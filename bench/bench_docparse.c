/*
 * bench_docparse.c — parse time per document: a generated five-page letter
 * and the copy of the seed letter 473/UBND-NC, each the mean over many runs.
 *
 * Build and run from the repository root:
 *   cc -std=c17 -D_GNU_SOURCE -O2 -Isrc -o build/bench_docparse bench/bench_docparse.c
 *      src/doc/[a-z]*.c src/base/base.c src/base/date.c -ljansson -lunistring
 *   build/bench_docparse
 */
#include "base/base.h"
#include "doc/doc_json.h"
#include "doc/docparse.h"

#include <stdio.h>
#include <stdlib.h>
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

int main(int argc, char **argv)
{
	const char *seed = argc > 1 ? argv[1] : "tests/docs/00-473-UBND-NC.txt";
	struct buf b = BUF_INIT;
	five_pages(&b);
	bench("generated five-page letter", b.data, b.len, 2000);
	size_t len;
	char *text = read_file(seed, &len);
	if (!text) {
		fprintf(stderr, "cannot read %s (run from the repository root)\n", seed);
		return 1;
	}
	bench("seed 473/UBND-NC", text, len, 5000);
	free(text);
	buf_release(&b);
	return 0;
}
