/*
 * PAR scores proposed from the system's own data as of 31/12: a commune's
 * tasks (done on time, late, overdue, not yet due), a periodic report,
 * indicators (met, met then lost, not met, measured
 * only next year) and citizens' feedback (answered on time, late, rejected,
 * overdue, received next year), with the expected ratios counted here from
 * the data set itself (reports: the one the unit owes, sent on time);
 * accepting and overriding (a reason required, points
 * checked against the rule, one transaction for the points and the
 * decision), and who may do what.
 *
 * The year is the current one, so that the report sent "now" is on time
 * against a deadline of 31/12.
 */
#include "base/base.h"
#include "base/date.h"
#include "domain/auth.h"
#include "domain/par.h"
#include "domain/tracker.h"
#include "report/par_proposal.h"
#include "store/store.h"
#include "par_fixture.h"
#include "test.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char dir[64];
static struct tracker *tr;
static int Y;			/* the assessment's year: this year */
static int64_t XA, XB, A;	/* the commune, another one, XA's assessment */

enum who { OFFICER, HEAD, OTHER_HEAD, HOME_AFFAIRS, LEADER, VIEWER, NWHO };
static struct principal who[NWHO];

/* The data set, one row per item, with what each should count as. */
static const struct {
	int deadline_month, deadline_day, done_month, done_day;	/* done 0: never; deadline_month 13: next year */
	int on_time, due;
} TASKS[] = {
	{3, 31, 3, 20, 1, 1},	/* on time */
	{3, 31, 4, 15, 0, 1},	/* late */
	{6, 30, 0, 0, 0, 1},	/* overdue */
	{9, 30, 9, 30, 1, 1},	/* on the deadline day: on time */
	{13, 31, 0, 0, 0, 0},	/* due next year: not counted */
};
static const struct {
	double first, last;	/* values at 30/6 and 31/12 (last < 0: none) */
	int met, judged;
} INDICATORS[] = {
	{90, -1, 1, 1},		/* met */
	{90, 70, 0, 1},		/* met, then lost */
	{50, -1, 0, 1},		/* not met */
	{-2, -1, 0, 0},		/* measured only next year */
};
static const struct {
	int received_month, answered_month;	/* answered 0: open; received 13: next year */
	int rejected, on_time, within;
} FEEDBACK[] = {
	{3, 3, 0, 1, 1},	/* answered within the due date (20th) */
	{3, 4, 0, 0, 1},	/* answered late */
	{5, 0, 1, 0, 0},	/* rejected: outside the rate */
	{11, 0, 0, 0, 1},	/* not answered: overdue by 31/12 */
	{13, 0, 0, 0, 0},	/* received next year */
};

static const char *const SET =
	"{\"year\": %d, \"kind\": \"commune\", \"name\": \"Bộ chỉ số đề xuất\", \"example\": true, \"nodes\": ["
	"{\"code\": \"1\", \"name\": \"Kết quả\", \"max\": 100},"
	"{\"code\": \"1.1\", \"parent\": \"1\", \"name\": \"Nhiệm vụ đúng hạn\", \"max\": 40, \"rule\": \"ratio\","
	" \"source\": \"tasks_on_time\", \"thresholds\": [{\"min\": 100, \"points\": 40}, {\"min\": 75, \"points\": 30},"
	" {\"min\": 50, \"points\": 20}, {\"min\": 0, \"points\": 0}]},"
	"{\"code\": \"1.2\", \"parent\": \"1\", \"name\": \"Báo cáo đúng hạn\", \"max\": 20, \"rule\": \"ratio\","
	" \"source\": \"reports_on_time\", \"thresholds\": [{\"min\": 100, \"points\": 20}, {\"min\": 30, \"points\": 10},"
	" {\"min\": 0, \"points\": 0}]},"
	"{\"code\": \"1.3\", \"parent\": \"1\", \"name\": \"Chỉ tiêu đạt\", \"max\": 20, \"rule\": \"ratio\","
	" \"source\": \"indicators_met\", \"thresholds\": [{\"min\": 90, \"points\": 20}, {\"min\": 30, \"points\": 8},"
	" {\"min\": 0, \"points\": 0}]},"
	"{\"code\": \"1.4\", \"parent\": \"1\", \"name\": \"Phản ánh trả lời đúng hạn\", \"max\": 10, \"rule\": \"yesno\","
	" \"source\": \"feedback_on_time\"},"
	"{\"code\": \"1.5\", \"parent\": \"1\", \"name\": \"Tuyên truyền\", \"max\": 10, \"rule\": \"manual\"}"
	"]}";

static json_t *body(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = NULL;
	if (vasprintf(&text, fmt, ap) < 0)
		abort();
	va_end(ap);
	json_t *j = json_loads(text, 0, NULL);
	if (!j)
		fprintf(stderr, "bad test JSON: %s\n", text);
	free(text);
	return j;
}

static struct tracker *as(enum who w)
{
	tr->who = (int)w == NWHO ? NULL : &who[w];
	return tr;
}

/* "Y-MM-DD" (month 13: January of the next year). */
static const char *day(char out[11], int month, int d)
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(month > 12 ? Y + 1 : Y) % 10000u, (unsigned)(month > 12 ? 1 : month) % 100u,
		 (unsigned)d % 100u);
	return out;
}

static int first_id(void *ctx, json_t *row)
{
	*(int64_t *)ctx = json_integer_value(json_object_get(row, "id"));
	return 1;
}

static void add_tasks(int64_t doc)
{
	struct err err;
	for (size_t i = 0; i < ARRAY_LEN(TASKS); i++) {
		struct assignment_new asg = {.unit_id = XA};
		day(asg.deadline, TASKS[i].deadline_month, TASKS[i].deadline_day);
		struct task_new t = {.document_id = doc, .title = "Nhiệm vụ thử", .deadline = asg.deadline,
				     .year = Y, .lead = &XA, .nlead = 1, .asg = &asg, .nasg = 1};
		int64_t task = 0;
		CHECK_INT(store_task_add(tr->store, &t, &task, &err), ERR_OK);
		if (!TASKS[i].done_month)
			continue;
		struct assignment_query q = {.task_id = task};
		int64_t a = 0;
		CHECK_INT(store_assignments_scan(tr->store, &q, first_id, &a, &err), ERR_OK);
		char done[11];
		day(done, TASKS[i].done_month, TASKS[i].done_day);
		struct report_new r = {.assignment_id = a, .percent = 100, .note = "Hoàn thành", .completed_on = done,
				       .reported_on = done, .reporter = "canbo"};
		CHECK_INT(store_report_add(tr->store, &r, NULL, &err), ERR_OK);
	}
}

static void add_indicators(int64_t doc)
{
	struct err err;
	for (size_t i = 0; i < ARRAY_LEN(INDICATORS); i++) {
		char code[8], end[11];
		snprintf(code, sizeof code, "CT%zu", i);
		struct indicator_new ind = {.document_id = doc, .code = code, .field_id = store_field_id_by_code(tr->store, PAR_LEAD_FIELD),
					    .name = "Chỉ tiêu thử", .measure = "%",
					    .comparison = ">=", .target = 80};
		int64_t id = 0;
		CHECK_INT(store_indicator_add(tr->store, &ind, &id, &err), ERR_OK);
		struct measurement_new m = {.indicator_id = id, .unit_id = XA, .reported_by = "canbo"};
		if (INDICATORS[i].first < -1) {
			m.period = "next", m.period_end = day(end, 13, 31), m.value = 99;
			CHECK_INT(store_measurement_add(tr->store, &m, NULL, &err), ERR_OK);
			continue;
		}
		m.period = "H1", m.period_end = day(end, 6, 30), m.value = INDICATORS[i].first;
		CHECK_INT(store_measurement_add(tr->store, &m, NULL, &err), ERR_OK);
		if (INDICATORS[i].last >= 0) {
			m.period = "Y", m.period_end = day(end, 12, 31), m.value = INDICATORS[i].last;
			CHECK_INT(store_measurement_add(tr->store, &m, NULL, &err), ERR_OK);
		}
	}
}

static void add_feedback(void)
{
	struct err err;
	for (size_t i = 0; i < ARRAY_LEN(FEEDBACK); i++) {
		char code[8], received[11], classify[11], due[11], answered[11];
		int mo = FEEDBACK[i].received_month;
		snprintf(code, sizeof code, "PA%zu", i);
		struct feedback_new f = {.code = code, .channel = "web", .procedure_name = "", .unit_concerned = "",
					 .content = "Phản ánh thử", .proposal = "", .sender_name = "Dân", .sender_address = "",
					 .sender_phone = "", .sender_email = "",
					 .receiving_unit_id = XA, .received_on = day(received, mo, 1),
					 .classify_due = day(classify, mo, 5), .answer_due = day(due, mo, 20), .by = "canbo"};
		int64_t id = 0;
		CHECK_INT(store_feedback_create_with_files(tr->store, &f, NULL, 0, &id, &err), ERR_OK);
		if (FEEDBACK[i].rejected) {
			CHECK_INT(store_feedback_step(tr->store, id, FEEDBACK_REJECT, 0, classify, "Không thuộc thẩm quyền",
						      "canbo", &err), ERR_OK);
			continue;
		}
		if (FEEDBACK[i].received_month > 12)
			continue;
		/* Counted for the unit that handles it. */
		CHECK_INT(store_feedback_step(tr->store, id, FEEDBACK_FORWARD, XA, classify, NULL, "canbo", &err), ERR_OK);
		if (!FEEDBACK[i].answered_month)
			continue;
		day(answered, FEEDBACK[i].answered_month, 15);
		CHECK_INT(store_feedback_step(tr->store, id, FEEDBACK_DRAFT, 0, NULL, "Trả lời", "canbo", &err), ERR_OK);
		CHECK_INT(store_feedback_step(tr->store, id, FEEDBACK_APPROVE, 0, answered, NULL, "chutich", &err), ERR_OK);
	}
}

/* Q1 sent now against a deadline of 31/12: on time. */
static void add_reports(void)
{
	struct err err;
	char period[16], due[11];
	snprintf(period, sizeof period, "%d-Q1", Y);
	struct unit_report_new r = {.unit_id = XA, .period = period, .figures = "{}", .deadline = day(due, 12, 31),
				    .by = "canbo"};
	CHECK_INT(store_unit_report_create(tr->store, &r, &err), ERR_OK);
	CHECK_INT(store_unit_report_step(tr->store, XA, period, UNIT_REPORT_SUBMIT, "{}", "chutich", &err), ERR_OK);
}

static void setup(void)
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	Y = tm.tm_year + 1900;
	static const struct unit_new units[] = {
		{.code = "P", .name = "Ủy ban nhân dân tỉnh", .kind = "province"},
		{.code = "SNV", .name = "Sở Nội vụ", .kind = "department", .parent_code = "P"},
		{.code = "XA", .name = "Xã Đức Long", .kind = "commune", .parent_code = "P"},
		{.code = "XB", .name = "Xã Đông Khê", .kind = "commune", .parent_code = "P"},
	};
	tr = par_fixture_open(dir, 1, units, ARRAY_LEN(units));
	struct err err;
	XA = tracker_unit_ref(tr, "XA");
	XB = tracker_unit_ref(tr, "XB");
	static const struct {
		const char *name, *unit;
		unsigned role;
	} cast[NWHO] = {
		[OFFICER] = {"canbo", "XA", ROLE_UNIT_OFFICER}, [HEAD] = {"chutich", "XA", ROLE_UNIT_HEAD},
		[OTHER_HEAD] = {"chutich.b", "XB", ROLE_UNIT_HEAD}, [HOME_AFFAIRS] = {"snv", "SNV", ROLE_LEAD_AGENCY},
		[LEADER] = {"lanhdao", "P", ROLE_LEADER}, [VIEWER] = {"xem", "P", ROLE_VIEWER},
	};
	for (int w = 0; w < NWHO; w++) {
		who[w] = (struct principal){.account_id = 100 + w, .roles = cast[w].role,
					    .unit_id = tracker_unit_ref(tr, cast[w].unit)};
		snprintf(who[w].name, sizeof who[w].name, "%s", cast[w].name);
	}
	char issued[11];
	struct document_new d = {.type = "KH", .number = "1", .symbol = "KH-UBND", .title = "Kế hoạch CCHC",
				 .year = Y, .issuer_code = "P", .issued_on = day(issued, 1, 2)};
	int64_t doc = 0;
	CHECK_INT(store_document_add(tr->store, &d, &doc, &err), ERR_OK);
	add_tasks(doc);
	add_indicators(doc);
	add_feedback();
	add_reports();
	json_t *in = body(SET, Y);
	json_t *set = par_set_import(as(HOME_AFFAIRS), in, &err);
	CHECK(set != NULL);
	json_decref(set);
	json_decref(in);
	in = body("{\"unit\": \"XA\", \"year\": %d}", Y);
	json_t *a = par_assessment_open(as(OFFICER), in, &err);
	CHECK(a != NULL);
	A = json_integer_value(json_object_get(a, "id"));
	json_decref(a);
	json_decref(in);
}

static void teardown(void)
{
	tracker_close(tr);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	free(cmd);
}

static json_t *item(json_t *p, const char *code)
{
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(p, "items"), i, x)
		if (strcmp(json_string_value(json_object_get(x, "code")), code) == 0)
			return x;
	return NULL;
}

/* The points of a ratio leaf with thresholds as in SET. */
static double points_for(double percent, const double (*steps)[2], size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (percent >= steps[i][0])
			return steps[i][1];
	return 0;
}

static void expect(json_t *p, const char *code, int64_t n, int64_t d, double points)
{
	json_t *x = item(p, code);
	CHECK(x != NULL);
	if (!x)
		return;
	int64_t got_n = json_integer_value(json_object_get(x, "numerator"));
	int64_t got_d = json_integer_value(json_object_get(x, "denominator"));
	if (got_n != n || got_d != d)
		fprintf(stderr, "  %s: %lld/%lld, expected %lld/%lld (%s)\n", code, (long long)got_n, (long long)got_d,
			(long long)n, (long long)d, json_string_value(json_object_get(x, "basis")));
	CHECK_INT(got_n, n);
	CHECK_INT(got_d, d);
	CHECK(fabs(json_number_value(json_object_get(x, "proposed")) - points) < 1e-9);
	double percent = 100.0 * (double)n / (double)d;
	CHECK(fabs(json_number_value(json_object_get(x, "percent")) - round(percent * 10) / 10) < 1e-9);
	/* The basis says the numbers: "n/d ... = p% → points/max điểm". */
	char nd[32];
	snprintf(nd, sizeof nd, "%lld/%lld ", (long long)n, (long long)d);
	CHECK(strncmp(json_string_value(json_object_get(x, "basis")), nd, strlen(nd)) == 0);
}

static void test_numbers(void)
{
	struct err err;
	int64_t tn = 0, td = 0, in = 0, id = 0, fn = 0, fd = 0;
	for (size_t i = 0; i < ARRAY_LEN(TASKS); i++)
		tn += TASKS[i].on_time, td += TASKS[i].due;
	for (size_t i = 0; i < ARRAY_LEN(INDICATORS); i++)
		in += INDICATORS[i].met, id += INDICATORS[i].judged;
	for (size_t i = 0; i < ARRAY_LEN(FEEDBACK); i++)
		fn += FEEDBACK[i].on_time, fd += FEEDBACK[i].within;
	json_t *p = par_proposals(as(OFFICER), A, &err);
	CHECK(p != NULL);
	if (!p)
		return;
	char asof[16];
	snprintf(asof, sizeof asof, "%d-12-31", Y);
	CHECK_STR(json_string_value(json_object_get(p, "as_of")), asof);
	CHECK_INT(json_array_size(json_object_get(p, "items")), 4);	/* the manual leaf is not proposed */
	static const double task_steps[][2] = {{100, 40}, {75, 30}, {50, 20}, {0, 0}};
	static const double report_steps[][2] = {{100, 20}, {30, 10}, {0, 0}};
	static const double ind_steps[][2] = {{90, 20}, {30, 8}, {0, 0}};
	expect(p, "1.1", tn, td, points_for(100.0 * (double)tn / (double)td, task_steps, 4));
	/* The periodic reports the unit owes (unit_report_list) hold only Q1
	 * here: its tasks make it expected in Q1's report alone. */
	expect(p, "1.2", 1, 1, points_for(100.0, report_steps, 3));
	expect(p, "1.3", in, id, points_for(100.0 * (double)in / (double)id, ind_steps, 3));
	expect(p, "1.4", fn, fd, fn == fd ? 10 : 0);
	CHECK(strstr(json_string_value(json_object_get(item(p, "1.1"), "basis")), "nhiệm vụ hoàn thành đúng hạn") != NULL);
	json_decref(p);
	/* The unit itself and the appraiser read them; another unit does not. */
	CHECK((p = par_proposals(as(HOME_AFFAIRS), A, &err)) != NULL);
	json_decref(p);
	CHECK(par_proposals(as(OTHER_HEAD), A, &err) == NULL && err.code == ERR_FORBIDDEN);
}

static enum err_code decide(enum who w, const char *fmt, json_t **out, struct err *err)
{
	json_t *in = body("%s", fmt);
	json_t *p = par_proposal_decide(as(w), A, in, err);
	json_decref(in);
	if (out)
		*out = p;
	else
		json_decref(p);
	return p ? ERR_OK : err->code;
}

static double self_points(const char *code)
{
	struct err err;
	json_t *p = par_proposals(as(OFFICER), A, &err);
	json_t *s = json_object_get(item(p, code), "self_points");
	double v = json_is_number(s) ? json_number_value(s) : -1;
	json_decref(p);
	return v;
}

static void test_decisions(void)
{
	struct err err;
	json_t *p = NULL;
	CHECK_INT(decide(OFFICER, "{\"code\": \"1.1\", \"accept\": true}", &p, &err), ERR_OK);
	json_t *d = json_object_get(item(p, "1.1"), "decision");
	CHECK_STR(json_string_value(json_object_get(d, "decision")), "accepted");
	CHECK(fabs(json_number_value(json_object_get(item(p, "1.1"), "self_points")) -
		   json_number_value(json_object_get(item(p, "1.1"), "proposed"))) < 1e-9);
	json_decref(p);

	CHECK_INT(decide(OFFICER, "{\"code\": \"1.3\", \"points\": 20}", NULL, &err), ERR_INVALID);
	CHECK_STR(err.field, "reason");
	CHECK_INT(decide(OFFICER, "{\"code\": \"1.3\", \"points\": 20, \"reason\": \"\"}", NULL, &err), ERR_INVALID);
	CHECK_STR(err.field, "reason");
	CHECK_INT(decide(OFFICER, "{\"code\": \"1.3\", \"points\": 21, \"reason\": \"x\"}", NULL, &err), ERR_INVALID);
	CHECK_STR(err.field, "points");
	CHECK_INT(decide(OFFICER, "{\"code\": \"1.4\", \"points\": 5, \"reason\": \"x\"}", NULL, &err), ERR_INVALID);
	CHECK_STR(err.field, "points");	/* yes/no: 0 or 10 */
	CHECK_INT(decide(OFFICER, "{\"code\": \"1.5\", \"accept\": true}", NULL, &err), ERR_INVALID);
	CHECK_STR(err.field, "code");	/* manual: not proposed */
	CHECK_INT(decide(OFFICER, "{\"code\": \"1.3\", \"accept\": false}", NULL, &err), ERR_INVALID);
	CHECK_STR(err.field, "accept");
	CHECK_INT(decide(OFFICER, "{\"code\": \"1.3\", \"accept\": true, \"points\": 3, \"reason\": \"x\"}", NULL, &err),
		  ERR_INVALID);
	CHECK_INT(decide(OFFICER, "{\"code\": \"1.3\", \"extra\": 1}", NULL, &err), ERR_INVALID);
	CHECK(self_points("1.3") < 0);	/* nothing written by the refusals */

	CHECK_INT(decide(HEAD, "{\"code\": \"1.3\", \"points\": 20, \"reason\": \"Chỉ tiêu 2 đã đạt lại tháng 1\"}", &p,
			 &err), ERR_OK);
	d = json_object_get(item(p, "1.3"), "decision");
	CHECK_STR(json_string_value(json_object_get(d, "decision")), "overridden");
	CHECK_STR(json_string_value(json_object_get(d, "reason")), "Chỉ tiêu 2 đã đạt lại tháng 1");
	CHECK(fabs(json_number_value(json_object_get(d, "proposed")) - 8) < 1e-9);
	json_decref(p);
	CHECK(fabs(self_points("1.3") - 20) < 1e-9);
	/* The reason is the note the appraiser sees with the points. */
	json_t *a = par_assessment(as(HOME_AFFAIRS), A, &err);
	char *text = json_dumps(a, 0);
	CHECK(text && strstr(text, "Chỉ tiêu 2 đã đạt lại tháng 1") != NULL);
	free(text);
	json_decref(a);

	/* Who may decide: the unit's officer and head only. */
	for (enum who w = OTHER_HEAD; w < NWHO; w++) {
		CHECK_INT(decide(w, "{\"code\": \"1.2\", \"accept\": true}", NULL, &err), ERR_FORBIDDEN);
	}
	CHECK(self_points("1.2") < 0);
}

/* The points and the decision commit together: when the decision cannot
 * be written (the assessment left the draft in between, as a concurrent
 * submission would leave it), neither remains. */
static void test_one_transaction(void)
{
	struct err err;
	struct par_proposal_decision d = {.node_id = 0, .proposed = 10, .points = 10, .basis = "thử",
		.decision = "sideways", .reason = ""};
	int64_t set = store_par_set_latest(tr->store, Y, "commune");
	json_t *rows = store_par_nodes(tr->store, set, &err);
	size_t i;
	json_t *n;
	json_array_foreach(rows, i, n)
		if (strcmp(json_string_value(json_object_get(n, "code")), "1.2") == 0)
			d.node_id = json_integer_value(json_object_get(n, "id"));
	json_decref(rows);
	CHECK(d.node_id > 0);
	/* A decision the table refuses (its CHECK) after the points went in. */
	CHECK_INT(store_par_proposal_put(tr->store, A, "canbo", &d, 1, &err), ERR_CONFLICT);
	CHECK(self_points("1.2") < 0);
	d.decision = "accepted";
	CHECK_INT(store_par_proposal_put(tr->store, A, "canbo", &d, 1, &err), ERR_OK);
	CHECK(fabs(self_points("1.2") - 10) < 1e-9);
}

/* {"accept_all": true} accepts what is proposed and not yet decided, all
 * at once, and leaves the decided ones as they were. */
static void test_accept_all(void)
{
	struct err err;
	json_t *before = par_proposals(as(OFFICER), A, &err), *after = NULL, *x;
	size_t i, open = 0;
	json_array_foreach(json_object_get(before, "items"), i, x)
		open += json_is_number(json_object_get(x, "proposed")) && json_is_null(json_object_get(x, "decision"));
	CHECK(open >= 1);
	CHECK_INT(decide(OFFICER, "{\"accept_all\": false}", NULL, &err), ERR_INVALID);
	CHECK_STR(err.field, "accept_all");
	CHECK_INT(decide(OFFICER, "{\"accept_all\": true, \"code\": \"1.1\"}", NULL, &err), ERR_INVALID);
	CHECK_STR(err.field, "accept_all");
	CHECK_INT(decide(OTHER_HEAD, "{\"accept_all\": true}", NULL, &err), ERR_FORBIDDEN);
	CHECK_INT(decide(HEAD, "{\"accept_all\": true}", &after, &err), ERR_OK);
	CHECK_INT(json_integer_value(json_object_get(after, "accepted")), (json_int_t)open);
	json_array_foreach(json_object_get(before, "items"), i, x) {
		const char *code = json_string_value(json_object_get(x, "code"));
		json_t *now = item(after, code), *was = json_object_get(x, "decision");
		if (!json_is_number(json_object_get(x, "proposed")))
			CHECK(json_is_null(json_object_get(now, "decision")));
		else if (json_is_null(was))
			CHECK(strcmp(json_string_value(json_object_get(json_object_get(now, "decision"), "decision")),
				     "accepted") == 0 &&
			      fabs(self_points(code) - json_number_value(json_object_get(x, "proposed"))) < 1e-9);
		else
			CHECK(json_equal(json_object_get(json_object_get(now, "decision"), "points"),
					 json_object_get(was, "points")));
	}
	CHECK(fabs(self_points("1.3") - 20) < 1e-9);	/* the override stays */
	json_decref(after);
	/* Nothing left: accepted none, changed nothing. */
	CHECK_INT(decide(OFFICER, "{\"accept_all\": true}", &after, &err), ERR_OK);
	CHECK_INT(json_integer_value(json_object_get(after, "accepted")), 0);
	json_decref(after);
	json_decref(before);
}

static void test_after_submit(void)
{
	struct err err;
	json_t *in = body("{\"scores\": [{\"code\": \"1.4\", \"points\": 0}, {\"code\": \"1.5\", \"points\": 10}]}");
	json_t *out = par_scores_put(as(OFFICER), A, in, &err);
	CHECK(out != NULL);
	json_decref(out);
	json_decref(in);
	out = par_submit(as(HEAD), A, &err);
	CHECK(out != NULL);
	json_decref(out);
	CHECK_INT(decide(OFFICER, "{\"code\": \"1.1\", \"accept\": true}", NULL, &err), ERR_CONFLICT);
	CHECK_INT(decide(HEAD, "{\"accept_all\": true}", NULL, &err), ERR_CONFLICT);
	/* Still readable, with the decisions kept. */
	json_t *p = par_proposals(as(HOME_AFFAIRS), A, &err);
	CHECK_STR(json_string_value(json_object_get(json_object_get(item(p, "1.3"), "decision"), "decision")),
		  "overridden");
	json_decref(p);
}

int main(void)
{
	setup();
	RUN(test_numbers);
	RUN(test_decisions);
	RUN(test_one_transaction);
	RUN(test_accept_all);
	RUN(test_after_submit);
	teardown();
	return test_summary();
}
