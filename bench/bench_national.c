/*
 * bench_national.c — the national-scale benchmark of issue 2, in process.
 *
 *   bench_national --db PATH [--reuse] [--figures FILE] [--ids FILE] [--calls N] [--scale F]
 *
 * Builds a national dataset into PATH through the store API: 34 provinces,
 * each with 20 departments and its communes and wards (3,500 units), the
 * seven reform fields, one plan per province, 200,000 tasks (one in ten
 * quarterly, the rest one-off) with about 1,000,000 assignments and about
 * 3,000,000 progress reports.  Deadlines are spread over 2026 and the data
 * is as of 2026-09-30, so three quarters of the work is due: most of it
 * done on time, some late, some overdue, the rest in progress or not
 * started.  The generator is deterministic (fixed seed).
 *
 * The build runs with durable=0 (synchronous=NORMAL: a crash could lose
 * the last batches, which only means building again) and commits every
 * BATCH_TASKS tasks.  The finished file is marked in its meta table;
 * --reuse keeps a marked file and rebuilds anything else.
 *
 * Then it measures, in this process: the national dashboard (the first
 * call, which loads the status index, apart from warm calls), one
 * province's dashboard, one unit's page (tracker_assignments with limit
 * 50, and tracker_unit), and peak RSS.  --figures writes "name value"
 * lines for bench/run.sh; --ids writes ids of assignments that are not
 * completed, for the concurrent report benchmark.
 */
#include "base/base.h"
#include "base/date.h"
#include "domain/status.h"
#include "domain/tally.h"
#include "domain/tracker.h"
#include "store/store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define N_PROVINCES 34
#define N_UNITS 3500
#define N_DEPTS 20		/* per province */
/* Full scale; --scale F (for trying the program out) multiplies these. */
static long N_TASKS = 200000, N_ASG = 1000000, N_REPORTS = 3000000;
#define BATCH_TASKS 2000
#define MARK_KEY "bench_national"
#define MARK_VERSION "v1"
#define YEAR 2026
#define AS_OF_TEXT "2026-09-30"

/* ---- small helpers --------------------------------------------------- */

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint32_t rnd(uint32_t n)	/* 0..n-1 */
{
	/* xorshift64*: quick and deterministic. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	uint64_t x = rng_state * 0x2545f4914f6cdd1dull;
	return n ? (uint32_t)((x >> 32) % n) : 0;
}

static int32_t rnd_day(int32_t lo, int32_t hi)	/* lo..hi inclusive */
{
	return hi <= lo ? lo : lo + (int32_t)rnd((uint32_t)(hi - lo + 1));
}

static void die(const char *what, const struct err *e)
{
	fprintf(stderr, "bench_national: %s: %s\n", what, e ? e->message : strerror(errno));
	exit(1);
}

static long status_kb(const char *key)	/* a line of /proc/self/status, in kB */
{
	FILE *f = fopen("/proc/self/status", "r");
	if (!f)
		return -1;
	char line[256];
	long v = -1;
	size_t n = strlen(key);
	while (fgets(line, sizeof line, f))
		if (strncmp(line, key, n) == 0 && line[n] == ':')
			v = atol(line + n + 1);
	fclose(f);
	return v;
}

/* Resets VmHWM to the current RSS (Linux 4.0+), so that the measurement
 * phase reports its own peak and not the generator's. */
static int reset_peak_rss(void)
{
	FILE *f = fopen("/proc/self/clear_refs", "w");
	if (!f)
		return -1;
	int ok = fputs("5", f) >= 0;
	return fclose(f) == 0 && ok ? 0 : -1;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

struct stats {
	double median, p95, min, max;
};

static struct stats stats_of(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	int i95 = (int)(0.95 * n + 0.5) - 1;
	if (i95 < 0)
		i95 = 0;
	if (i95 >= n)
		i95 = n - 1;
	struct stats s = {
		.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2,
		.p95 = v[i95], .min = v[0], .max = v[n - 1],
	};
	return s;
}

static FILE *figures;

static void figure(const char *name, double value)
{
	if (figures)
		fprintf(figures, "%s %.6g\n", name, value);
}

/* ---- progress bar ---------------------------------------------------- */

static int tty;
static double bar_start, bar_last;

static void progress(long tasks, long asg, long reports, int final)
{
	double t = now_ms();
	double frac = (double)tasks / N_TASKS;
	if (tty) {
		if (!final && t - bar_last < 200)
			return;
		char bar[41];
		int fill = (int)(frac * 40);
		for (int i = 0; i < 40; i++)
			bar[i] = i < fill ? '#' : '.';
		bar[40] = 0;
		fprintf(stderr, "\r[%s] %3.0f%%  %ld tasks, %ld assignments, %ld reports, %.0f s ",
			bar, frac * 100, tasks, asg, reports, (t - bar_start) / 1e3);
		if (final)
			fputc('\n', stderr);
	} else {
		/* Not a terminal: one line per tenth. */
		static int last_tenth = -1;
		int tenth = (int)(frac * 10);
		if (tenth == last_tenth)
			return;
		last_tenth = tenth;
		fprintf(stderr, "bench_national: %3d%%  %ld tasks, %ld assignments, %ld reports, %.0f s\n",
			tenth * 10, tasks, asg, reports, (t - bar_start) / 1e3);
	}
	bar_last = t;
}

/* ---- the dataset ----------------------------------------------------- */

static const char *const province_names[N_PROVINCES] = {
	"Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh",
	"Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên",
	"Phú Thọ", "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng",
	"Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Hồ Chí Minh", "Đồng Nai",
	"Tây Ninh", "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang"};

static const char *const dept_names[N_DEPTS] = {
	"Văn phòng Ủy ban nhân dân", "Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Sở Công Thương",
	"Sở Nông nghiệp và Môi trường", "Sở Xây dựng", "Sở Giáo dục và Đào tạo", "Sở Y tế",
	"Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch", "Sở Dân tộc và Tôn giáo",
	"Sở Ngoại vụ", "Thanh tra tỉnh", "Ban Quản lý các khu công nghiệp",
	"Trung tâm Phục vụ hành chính công", "Sở Lao động", "Ban Dân tộc", "Sở Giao thông",
	"Sở Thông tin và Truyền thông"};

static const char *const syll1[] = {"Đông", "Tây", "Nam", "Bắc", "Phú", "Hòa", "An", "Tân",
	"Vĩnh", "Bình", "Thạch", "Quảng", "Đức", "Minh", "Hưng", "Kim", "Ngọc", "Trường"};
static const char *const syll2[] = {"Sơn", "Lâm", "Thành", "Lợi", "Phong", "Thịnh", "Hà",
	"Xuân", "Lộc", "Đạt", "Khánh", "Yên", "Tiến", "Giang", "Điền", "Hải"};

static const char *const field_rows[7][4] = {
	{"CDDH", "Công tác chỉ đạo, điều hành cải cách hành chính", "Direction and management of reform", "D02"},
	{"THECHE", "Cải cách thể chế", "Institutional reform", "D03"},
	{"TTHC", "Cải cách thủ tục hành chính", "Administrative procedure reform", "D01"},
	{"BOMAY", "Cải cách tổ chức bộ máy hành chính nhà nước", "Reform of the state apparatus", "D02"},
	{"CONGVU", "Cải cách chế độ công vụ", "Civil service reform", "D02"},
	{"TCC", "Cải cách tài chính công", "Public finance reform", "D04"},
	{"CPDT", "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số", "E-government and digital government", "D10"},
};

static const char *const verbs[] = {"Rà soát", "Triển khai", "Đánh giá", "Tổ chức", "Kiểm tra",
	"Công khai", "Số hóa", "Chuẩn hóa", "Báo cáo", "Hướng dẫn"};
static const char *const objects[] = {"thủ tục hành chính cấp xã", "quy trình nội bộ giải quyết hồ sơ",
	"dịch vụ công trực tuyến toàn trình", "kết quả chỉ số hài lòng của người dân",
	"văn bản quy phạm pháp luật", "vị trí việc làm của cơ quan", "kế hoạch tuyên truyền cải cách hành chính",
	"hệ thống quản lý chất lượng ISO", "kho dữ liệu hồ sơ điện tử", "chế độ tự chủ tài chính"};

struct province {
	int64_t id;
	char code[8];
	int64_t *depts, *locals;	/* departments; communes and wards */
	int ndepts, nlocals;
};

static struct province prov[N_PROVINCES];
static int64_t field_ids[7];

static int64_t add_unit(struct store *st, const char *code, const char *name, const char *kind,
			const char *parent)
{
	struct unit_new u = {.code = code, .name = name, .kind = kind, .parent_code = parent};
	int64_t id = 0;
	struct err e;
	if (store_unit_add(st, &u, &id, &e) != ERR_OK)
		die("unit", &e);
	return id;
}

static int build_units(struct store *st)
{
	int total = 0;
	int children = N_UNITS - N_PROVINCES;
	for (int p = 0; p < N_PROVINCES; p++) {
		struct province *pv = &prov[p];
		snprintf(pv->code, sizeof pv->code, "P%02d", p + 1);
		char name[200], code[32];
		snprintf(name, sizeof name, "Ủy ban nhân dân tỉnh %s", province_names[p]);
		pv->id = add_unit(st, pv->code, name, "province", NULL);
		total++;
		int n = children / N_PROVINCES + (p < children % N_PROVINCES);
		pv->depts = xmalloc(N_DEPTS * sizeof *pv->depts);
		pv->locals = xmalloc((size_t)n * sizeof *pv->locals);
		for (int d = 0; d < N_DEPTS; d++) {
			snprintf(code, sizeof code, "%s-D%02d", pv->code, d + 1);
			snprintf(name, sizeof name, "%s tỉnh %s", dept_names[d], province_names[p]);
			pv->depts[pv->ndepts++] = add_unit(st, code, name, "department", pv->code);
		}
		for (int c = 0; c < n - N_DEPTS; c++) {
			int ward = c % 6 == 5;
			snprintf(code, sizeof code, "%s-X%03d", pv->code, c + 1);
			snprintf(name, sizeof name, "%s %s %s", ward ? "Phường" : "Xã",
				 syll1[(c + p) % ARRAY_LEN(syll1)], syll2[(c * 7 + p) % ARRAY_LEN(syll2)]);
			/* Names repeat across provinces, as real ones do; codes never. */
			pv->locals[pv->nlocals++] = add_unit(st, code, name, ward ? "ward" : "commune", pv->code);
		}
		total += n;
	}
	return total;
}

/* Assignment ids of one task, in insertion order, with their deadlines. */
struct asg_list {
	int64_t id[64];
	int32_t deadline[64];
	int n;
};

static int collect_asg(void *ctx, json_t *row)
{
	struct asg_list *l = ctx;
	if (l->n < (int)ARRAY_LEN(l->id)) {
		l->id[l->n] = json_integer_value(json_object_get(row, "id"));
		l->deadline[l->n] = date_parse(json_string_value(json_object_get(row, "deadline")));
		l->n++;
	}
	return 0;
}

static long made_asg, made_reports;

/* Writes the reports of one assignment so that its status as of AS_OF
 * falls into a realistic mix; keeps the report count on a pace towards
 * N_REPORTS. */
static void add_reports(struct store *st, int64_t asg_id, int32_t deadline, int32_t as_of)
{
	int32_t year_start = date_from_ymd(YEAR, 1, 1);
	int32_t start = deadline - 30 - (int32_t)rnd(90);
	if (start < year_start)
		start = year_start;
	int r = (int)rnd(100);
	int32_t completed = DATE_NONE, last = as_of;
	int lo = 0, hi = 0;
	if (deadline <= as_of) {
		if (r < 55) {				/* done on time */
			completed = rnd_day(start + 1, deadline);
		} else if (r < 70 && deadline < as_of) {	/* done late */
			completed = rnd_day(deadline + 1, as_of);
		} else if (r < 85) {			/* overdue, some work done */
			lo = 1, hi = 5;
		}					/* else overdue, never reported */
	} else {
		if (r < 15 && start < as_of)		/* done early */
			completed = rnd_day(start + 1, as_of);
		else if (r < 70)			/* in progress */
			lo = 1, hi = 5;
		/* else not started */
	}
	if (completed != DATE_NONE) {
		lo = 1, hi = 8;
		last = completed;
	}
	if (!hi || start > last)
		return;
	/* Pace: below the expected count take the upper half, above the lower. */
	double expected = (double)N_REPORTS * (double)made_asg / N_ASG;
	int mid = (lo + hi) / 2;
	int n = made_reports > expected ? lo + (int)rnd((uint32_t)(mid - lo + 1))
					: mid + (int)rnd((uint32_t)(hi - mid + 1));
	int32_t days[8];
	for (int i = 0; i < n; i++)
		days[i] = rnd_day(start, last);
	/* Sorted dates; the completing report is the last one, on its day. */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && days[j] < days[j - 1]; j--) {
			int32_t tmp = days[j];
			days[j] = days[j - 1];
			days[j - 1] = tmp;
		}
	if (completed != DATE_NONE)
		days[n - 1] = completed;
	int percent = 0;
	for (int i = 0; i < n; i++) {
		int done = completed != DATE_NONE && i == n - 1;
		int step = (95 - percent) / (n - i + 1);
		percent = done ? 100 : percent + 1 + (step > 0 ? (int)rnd((uint32_t)step * 2) : 0);
		if (!done && percent > 95)
			percent = 95;
		char day[DATE_STRLEN], note[96];
		date_format(days[i], day);
		snprintf(note, sizeof note, "Đã thực hiện %d%% khối lượng công việc", percent);
		struct report_new rep = {
			.assignment_id = asg_id, .percent = percent, .note = note,
			.completed_on = done ? day : NULL, .reported_on = day, .reporter = "bench",
		};
		struct err e;
		if (store_report_add(st, &rep, NULL, &e) != ERR_OK)
			die("report", &e);
		made_reports++;
	}
}

/* Picks k distinct units of pool[0..n) into out. */
static int pick_units(const int64_t *pool, int n, int k, int64_t *out, int have)
{
	if (k > n)
		k = n;
	int got = 0;
	while (got < k) {
		int64_t u = pool[rnd((uint32_t)n)];
		int dup = 0;
		for (int i = 0; i < have + got; i++)
			dup |= out[i] == u;
		if (!dup)
			out[have + got++] = u;
	}
	return got;
}

/* Deletes the dataset's files: a half-built one is not worth keeping. */
static void remove_dataset(const char *path)
{
	const char *suffix[] = {"", "-wal", "-shm"};
	for (size_t i = 0; i < ARRAY_LEN(suffix); i++) {
		char *p = xasprintf("%s%s", path, suffix[i]);
		if (unlink(p) != 0 && errno != ENOENT)
			die(p, NULL);
		free(p);
	}
}

/* The seven fields, led by province P01's departments, and each province's plan. */
static void build_fields_documents(struct store *st, int64_t doc_ids[N_PROVINCES])
{
	struct err e;
	for (int f = 0; f < 7; f++) {
		char lead[16];
		snprintf(lead, sizeof lead, "P01-%s", field_rows[f][3]);
		if (store_field_add(st, field_rows[f][0], f + 1, field_rows[f][1], field_rows[f][2], lead, &e))
			die("field", &e);
		field_ids[f] = store_field_id_by_code(st, field_rows[f][0]);
	}
	for (int p = 0; p < N_PROVINCES; p++) {
		char title[200];
		snprintf(title, sizeof title, "Kế hoạch cải cách hành chính tỉnh %s năm %d (dữ liệu benchmark)",
			 province_names[p], YEAR);
		struct document_new d = {.type = "KH", .number = "100", .symbol = "KH-UBND", .title = title,
					 .issued_on = "2025-12-31", .issuer_code = prov[p].code, .year = YEAR};
		if (store_document_add(st, &d, &doc_ids[p], &e))
			die("document", &e);
	}
}

/* How many units the i-th task goes to: on a pace towards N_ASG
 * assignments in all (about five a task). */
static int task_unit_count(long i, int quarterly, size_t nquarters)
{
	double avg = (double)(N_ASG - made_asg) / (double)(N_TASKS - i);
	if (avg < 1)
		avg = 1;
	int span = (int)(2 * (quarterly ? avg / (double)nquarters : avg) - 1 + 0.5);
	int k = 1 + (span > 1 ? (int)rnd((uint32_t)span) : 0);
	if (k > 40)
		k = 40;
	if (i == N_TASKS - 1 && !quarterly && N_ASG - made_asg >= 1 && N_ASG - made_asg <= 40)
		k = (int)(N_ASG - made_asg);
	return k;
}

/* Who does a task of province pv: k departments, communes and wards, or both. */
static int pick_task_units(const struct province *pv, int k, int64_t *units)
{
	int who = (int)rnd(10), nu = 0;
	if (who < 4)
		return pick_units(pv->depts, pv->ndepts, k, units, 0);
	if (who < 9)
		return pick_units(pv->locals, pv->nlocals, k, units, 0);
	nu = pick_units(pv->depts, pv->ndepts, (k + 1) / 2, units, 0);
	return nu + pick_units(pv->locals, pv->nlocals, k - nu, units, nu);
}

/* Adds the i-th task with its assignments and their reports. */
static void add_task(struct store *st, long i, const int64_t *doc_ids, int32_t as_of,
		     const struct assignment_new *quarters, size_t nquarters)
{
	int32_t first_deadline = date_from_ymd(YEAR, 1, 15), last_deadline = date_from_ymd(YEAR, 12, 31);
	struct assignment_new asg[64];
	int64_t units[64], coop[1];
	struct province *pv = &prov[rnd(N_PROVINCES)];
	int quarterly = rnd(10) == 0;
	int nu = pick_task_units(pv, task_unit_count(i, quarterly, nquarters), units);
	int nasg = 0;
	int32_t deadline = rnd_day(first_deadline, last_deadline);
	char deadline_text[DATE_STRLEN];
	date_format(deadline, deadline_text);
	for (int u = 0; u < nu; u++) {
		if (quarterly) {
			for (size_t q = 0; q < nquarters; q++) {
				asg[nasg] = quarters[q];
				asg[nasg++].unit_id = units[u];
			}
		} else {
			asg[nasg] = (struct assignment_new){.unit_id = units[u]};
			memcpy(asg[nasg].deadline, deadline_text, sizeof asg[nasg].deadline);
			nasg++;
		}
	}
	char title[300], desc[200];
	snprintf(title, sizeof title, "%s %s (nhiệm vụ %ld)", verbs[rnd(ARRAY_LEN(verbs))],
		 objects[rnd(ARRAY_LEN(objects))], i + 1);
	snprintf(desc, sizeof desc, "Thực hiện theo kế hoạch năm %d; báo cáo kết quả về Sở Nội vụ.", YEAR);
	int ncoop = rnd(5) == 0;
	coop[0] = pv->depts[1];
	struct task_new t = {
		.document_id = doc_ids[pv - prov], .field_id = field_ids[rnd(7)],
		.section = "II", .title = title, .description = desc,
		.product = "Báo cáo kết quả thực hiện",
		.deadline = quarterly ? NULL : deadline_text,
		.recurrence = quarterly ? REC_QUARTERLY : REC_ONCE, .year = YEAR,
		.lead = units, .nlead = (size_t)nu, .coop = coop, .ncoop = (size_t)ncoop,
		.asg = asg, .nasg = (size_t)nasg,
	};
	int64_t task_id;
	struct err e;
	if (store_task_add(st, &t, &task_id, &e) != ERR_OK)
		die("task", &e);
	struct asg_list l = {.n = 0};
	struct assignment_query aq = {.task_id = task_id};
	if (store_assignments_scan(st, &aq, collect_asg, &l, &e) != ERR_OK)
		die("assignments", &e);
	if (l.n != nasg) {
		fprintf(stderr, "bench_national: task %lld has %d assignments, expected %d\n",
			(long long)task_id, l.n, nasg);
		exit(1);
	}
	for (int a = 0; a < l.n; a++) {
		made_asg++;
		add_reports(st, l.id[a], l.deadline[a], as_of);
	}
}

static void build(const char *path)
{
	remove_dataset(path);
	struct err e;
	struct store_options opt = {.durable = 0, .connections = 1};
	struct store *st = store_open(path, &opt, &e);
	if (!st)
		die(path, &e);
	printf("national: building %s (durable=0: synchronous=NORMAL, one transaction per %d tasks)\n",
	       path, BATCH_TASKS);
	fflush(stdout);
	double t0 = now_ms();
	bar_start = bar_last = t0;
	if (store_batch_begin(st, &e) != ERR_OK)
		die("begin", &e);
	int nunits = build_units(st);
	int64_t doc_ids[N_PROVINCES];
	build_fields_documents(st, doc_ids);

	int32_t as_of = date_parse(AS_OF_TEXT);
	struct assignment_new quarters[12];
	size_t nquarters = status_periods(REC_QUARTERLY, YEAR, quarters);
	for (long i = 0; i < N_TASKS; i++) {
		add_task(st, i, doc_ids, as_of, quarters, nquarters);
		if ((i + 1) % BATCH_TASKS == 0) {
			if (store_batch_commit(st, &e) != ERR_OK || store_batch_begin(st, &e) != ERR_OK)
				die("commit", &e);
		}
		progress(i + 1, made_asg, made_reports, 0);
	}
	if (store_batch_commit(st, &e) != ERR_OK)
		die("commit", &e);
	progress(N_TASKS, made_asg, made_reports, 1);
	char mark[200];
	snprintf(mark, sizeof mark, MARK_VERSION " units=%d tasks=%ld assignments=%ld reports=%ld as_of=%s",
		 nunits, N_TASKS, made_asg, made_reports, AS_OF_TEXT);
	if (store_meta_set(st, MARK_KEY, mark, &e) != ERR_OK)
		die("meta", &e);
	double secs = (now_ms() - t0) / 1e3;
	store_close(st);
	printf("national: built in %.1f s: %d units, 7 fields, %ld tasks, %ld assignments, %ld reports\n",
	       secs, nunits, N_TASKS, made_asg, made_reports);
	figure("build_s", secs);
	figure("build_peak_rss_mb", status_kb("VmHWM") / 1024.0);
}

/* The dataset's mark, or NULL when the file is absent or unfinished. */
static char *dataset_mark(const char *path)
{
	if (access(path, F_OK) != 0)
		return NULL;
	struct err e;
	struct store_options opt = {.durable = 0, .connections = 1};
	struct store *st = store_open(path, &opt, &e);
	if (!st)
		return NULL;
	char *mark = store_meta_get(st, MARK_KEY);
	store_close(st);
	/* Only a finished file of this version and size counts. */
	const char *tasks = mark ? strstr(mark, " tasks=") : NULL;
	if (mark && (strncmp(mark, MARK_VERSION " ", strlen(MARK_VERSION) + 1) != 0 || !tasks ||
		     atol(tasks + 7) != N_TASKS)) {
		free(mark);
		mark = NULL;
	}
	return mark;
}

/* ---- measurements ---------------------------------------------------- */

struct ids_ctx {
	FILE *out;
	long seen, written, max;
};

static int write_open_ids(void *ctx, json_t *row)
{
	struct ids_ctx *c = ctx;
	c->seen++;
	/* Every 23rd assignment not yet completed, spread over the whole table. */
	if (json_is_null(json_object_get(row, "completed_on")) && c->seen % 23 == 0) {
		fprintf(c->out, "%lld\n", (long long)json_integer_value(json_object_get(row, "id")));
		c->written++;
	}
	return c->written >= c->max;
}

typedef json_t *(*measured_fn)(void *ctx, struct err *err);

/* Times calls of fn; prints median and p95; returns the median. */
static struct stats measure(const char *label, const char *key, int calls, measured_fn fn, void *ctx,
			    size_t *bytes)
{
	double *v = xmalloc((size_t)calls * sizeof *v);
	for (int i = 0; i < calls; i++) {
		struct err e;
		double t0 = now_ms();
		json_t *j = fn(ctx, &e);
		v[i] = now_ms() - t0;
		if (!j)
			die(label, &e);
		if (bytes && i == 0) {
			char *s = json_dumps(j, JSON_COMPACT);
			*bytes = s ? strlen(s) : 0;
			free(s);
		}
		json_decref(j);
	}
	struct stats s = stats_of(v, calls);
	free(v);
	printf("national: %-44s median %8.3f ms  p95 %8.3f ms  (min %.3f, max %.3f, %d calls)\n",
	       label, s.median, s.p95, s.min, s.max, calls);
	char name[96];
	snprintf(name, sizeof name, "%s_median_ms", key);
	figure(name, s.median);
	snprintf(name, sizeof name, "%s_p95_ms", key);
	figure(name, s.p95);
	return s;
}

struct mctx {
	struct tracker *tr;
	struct dashboard_query dq;
	struct list_query lq;
	int64_t unit_id;
	int32_t as_of;
};

static json_t *m_dashboard(void *ctx, struct err *err)
{
	struct mctx *m = ctx;
	return tally_dashboard(m->tr->tally, m->tr->store, &m->dq, err);
}

static json_t *m_dashboard_text(void *ctx, struct err *err)
{
	/* The dashboard as the API sends it: the JSON text too. */
	json_t *j = m_dashboard(ctx, err);
	if (!j)
		return NULL;
	char *s = json_dumps(j, JSON_COMPACT);
	free(s);
	return j;
}

static json_t *m_assignments(void *ctx, struct err *err)
{
	struct mctx *m = ctx;
	return tracker_assignments(m->tr, &m->lq, err);
}

static json_t *m_unit(void *ctx, struct err *err)
{
	struct mctx *m = ctx;
	return tracker_unit(m->tr, m->unit_id, m->as_of, err);
}

static int64_t unit_id_of(struct store *st, const char *code)
{
	int64_t id = store_unit_id_by_code(st, code);
	if (!id) {
		fprintf(stderr, "bench_national: no unit %s in the dataset\n", code);
		exit(1);
	}
	return id;
}

static void run_measurements(const char *path, int calls, const char *ids_path)
{
	struct err e;
	/* As `cchc serve --threads 2` opens it. */
	struct store_options opt = {.durable = 1, .connections = 3};
	struct store *st = store_open(path, &opt, &e);
	if (!st)
		die(path, &e);
	struct tally *tally = tally_new();
	struct tracker tr = {.store = st, .tally = tally, .data_dir = "."};
	int32_t as_of = date_parse(AS_OF_TEXT);
	if (reset_peak_rss() != 0)
		printf("national: (cannot reset the peak RSS; it includes the build)\n");
	long rss0 = status_kb("VmRSS");

	struct mctx m = {.tr = &tr, .as_of = as_of};
	m.dq = (struct dashboard_query){.as_of = as_of};
	double t0 = now_ms();
	json_t *first = m_dashboard(&m, &e);
	double first_ms = now_ms() - t0;
	if (!first)
		die("dashboard", &e);
	json_t *tot = json_object_get(first, "totals");
	printf("national: dataset as of %s: %lld assignments: %lld done on time, %lld done late, "
	       "%lld overdue, %lld in progress, %lld not started; %lld units\n", AS_OF_TEXT,
	       (long long)json_integer_value(json_object_get(tot, "total")),
	       (long long)json_integer_value(json_object_get(tot, "done_on_time")),
	       (long long)json_integer_value(json_object_get(tot, "done_late")),
	       (long long)json_integer_value(json_object_get(tot, "overdue")),
	       (long long)json_integer_value(json_object_get(tot, "in_progress")),
	       (long long)json_integer_value(json_object_get(tot, "not_started")),
	       (long long)json_integer_value(json_object_get(first, "unit_count")));
	json_decref(first);
	printf("national: %-44s %8.1f ms  (loads the status index of every assignment)\n",
	       "national dashboard, first call", first_ms);
	figure("dash_first_ms", first_ms);
	if (figures)
		fprintf(figures, "as_of_text %s\n", AS_OF_TEXT);

	size_t bytes = 0;
	measure("national dashboard (tally_dashboard), warm", "dash_national", calls, m_dashboard, &m, &bytes);
	printf("national:   (%zu bytes of JSON: every unit with its counts)\n", bytes);
	figure("dash_national_bytes", (double)bytes);
	measure("national dashboard + JSON text, warm", "dash_national_text", calls, m_dashboard_text, &m, NULL);

	int64_t province = unit_id_of(st, "P11");	/* Cao Bằng, a typical province */
	m.dq.root_id = province;
	measure("one province's dashboard (root = P11)", "dash_province", calls, m_dashboard, &m, &bytes);
	measure("one province's dashboard + JSON text", "dash_province_text", calls, m_dashboard_text, &m, NULL);
	figure("province_id", (double)province);

	/* One commune's page: its assignments (first 50) and its summary. */
	const char *codes[] = {"P11-X007", "P11-D02"};
	const char *keys[] = {"commune", "department"};
	for (int i = 0; i < 2; i++) {
		m.unit_id = unit_id_of(st, codes[i]);
		m.lq = (struct list_query){.unit_id = m.unit_id, .status = -1, .as_of = as_of, .limit = 50};
		char label[96], key[64];
		snprintf(label, sizeof label, "%s %s: assignments, limit 50", keys[i], codes[i]);
		snprintf(key, sizeof key, "page_%s", keys[i]);
		measure(label, key, calls, m_assignments, &m, &bytes);
		snprintf(label, sizeof label, "%s %s: tracker_unit (counts)", keys[i], codes[i]);
		snprintf(key, sizeof key, "unit_%s", keys[i]);
		json_t *u = tracker_unit(&tr, m.unit_id, as_of, &e);
		long total = u ? (long)json_integer_value(json_object_get(json_object_get(u, "counts"), "total")) : -1;
		json_decref(u);
		measure(label, key, calls, m_unit, &m, NULL);
		printf("national:   (%s %s owes %ld assignments)\n", keys[i], codes[i], total);
		snprintf(key, sizeof key, "%s_id", keys[i]);
		figure(key, (double)m.unit_id);
	}

	long hwm = status_kb("VmHWM");
	printf("national: peak RSS of the measurements: %.1f MB (RSS before them %.1f MB)\n", hwm / 1024.0,
	       rss0 / 1024.0);
	figure("inproc_peak_rss_mb", hwm / 1024.0);

	if (ids_path) {
		struct ids_ctx c = {.out = fopen(ids_path, "w"), .max = 20000};
		if (!c.out)
			die(ids_path, NULL);
		struct assignment_query aq = {0};
		if (store_assignments_scan(st, &aq, write_open_ids, &c, &e) != ERR_OK)
			die("ids", &e);
		fclose(c.out);
		printf("national: wrote %ld open assignment ids to %s\n", c.written, ids_path);
	}
	tally_free(tally);
	store_close(st);
}

static int usage(void)
{
	fprintf(stderr, "usage: bench_national --db PATH [--reuse] [--figures FILE] [--ids FILE] [--calls N]\n"
			"                      [--scale F]   (0 < F <= 1: a smaller dataset, for trying it out)\n");
	return 2;
}

int main(int argc, char **argv)
{
	const char *db = NULL, *figures_path = NULL, *ids_path = NULL;
	int reuse = 0, calls = 50;
	double scale = 1;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--reuse") == 0)
			reuse = 1;
		else if (i + 1 < argc && strcmp(argv[i], "--db") == 0)
			db = argv[++i];
		else if (i + 1 < argc && strcmp(argv[i], "--figures") == 0)
			figures_path = argv[++i];
		else if (i + 1 < argc && strcmp(argv[i], "--ids") == 0)
			ids_path = argv[++i];
		else if (i + 1 < argc && strcmp(argv[i], "--calls") == 0)
			calls = atoi(argv[++i]);
		else if (i + 1 < argc && strcmp(argv[i], "--scale") == 0)
			scale = atof(argv[++i]);
		else
			return usage();
	}
	if (!db || calls < 1 || calls > 100000 || !(scale > 0 && scale <= 1))
		return usage();
	N_TASKS = (long)(N_TASKS * scale);
	N_ASG = (long)(N_ASG * scale);
	N_REPORTS = (long)(N_REPORTS * scale);
	if (N_TASKS < 1)
		return usage();
	tty = isatty(2);
	if (figures_path && !(figures = fopen(figures_path, "w")))
		die(figures_path, NULL);

	char *mark = reuse ? dataset_mark(db) : NULL;
	if (mark) {
		printf("national: reusing %s (%s)\n", db, mark);
		free(mark);
		figure("build_s", -1);
	} else {
		build(db);
		for (int p = 0; p < N_PROVINCES; p++) {
			free(prov[p].depts);
			free(prov[p].locals);
		}
	}
	fflush(stdout);
	run_measurements(db, calls, ids_path);
	if (figures)
		fclose(figures);
	return 0;
}
