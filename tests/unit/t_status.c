/* The status rules at every edge the issue names. */
#include "base/base.h"
#include "base/date.h"
#include "domain/status.h"
#include "test.h"

#define D(s) date_parse(s)
#define NONE DATE_NONE

static void test_deadline_day_itself(void)
{
	int32_t dl = D("2026-06-30");
	CHECK_INT(status_of(dl, NONE, D("2026-06-30"), D("2026-06-30")), STATUS_DONE_ON_TIME);
	CHECK_INT(status_of(dl, NONE, NONE, D("2026-06-30")), STATUS_NOT_STARTED);
	CHECK_INT(status_of(dl, NONE, NONE, D("2026-07-01")), STATUS_OVERDUE);
	CHECK_INT(status_of(dl, D("2026-06-01"), NONE, D("2026-06-30")), STATUS_IN_PROGRESS);
	CHECK_INT(status_of(dl, D("2026-06-01"), NONE, D("2026-07-01")), STATUS_OVERDUE);
	CHECK_INT(status_of(dl, D("2026-06-01"), D("2026-07-01"), D("2026-07-01")), STATUS_DONE_LATE);
}

static void test_end_of_month_and_leap_day(void)
{
	int32_t leap = D("2028-02-29");
	CHECK(leap != NONE);
	CHECK_INT(status_of(leap, NONE, D("2028-02-29"), D("2028-03-01")), STATUS_DONE_ON_TIME);
	CHECK_INT(status_of(leap, NONE, D("2028-03-01"), D("2028-03-01")), STATUS_DONE_LATE);
	CHECK_INT(status_of(leap, NONE, NONE, D("2028-03-01")), STATUS_OVERDUE);
	int32_t jan = D("2026-01-31");
	CHECK_INT(status_of(jan, NONE, NONE, D("2026-02-01")), STATUS_OVERDUE);
	CHECK_INT(status_of(jan, NONE, NONE, D("2026-01-31")), STATUS_NOT_STARTED);
	CHECK_INT(status_of(D("2026-12-31"), NONE, D("2027-01-01"), D("2027-01-01")), STATUS_DONE_LATE);
}

static void test_as_of_before_events(void)
{
	int32_t dl = D("2026-09-30");
	/* Seen from before the first report, the work had not started. */
	CHECK_INT(status_of(dl, D("2026-05-10"), NONE, D("2026-05-09")), STATUS_NOT_STARTED);
	/* A completion after as_of does not count yet. */
	CHECK_INT(status_of(dl, D("2026-05-10"), D("2026-08-01"), D("2026-07-01")), STATUS_IN_PROGRESS);
	CHECK_INT(status_of(dl, D("2026-05-10"), D("2026-11-01"), D("2026-10-15")), STATUS_OVERDUE);
}

static void test_backdated_completion(void)
{
	/* Reported on 10/10 that the work was completed on 25/09: on time, and
	 * already done as of 01/10 although the report came later. */
	int32_t dl = D("2026-09-30");
	CHECK_INT(status_of(dl, D("2026-10-10"), D("2026-09-25"), D("2026-10-01")), STATUS_DONE_ON_TIME);
	CHECK_INT(status_of(dl, D("2026-10-10"), D("2026-09-25"), D("2026-12-31")), STATUS_DONE_ON_TIME);
	CHECK_INT(status_of(dl, D("2026-10-10"), D("2026-09-25"), D("2026-09-24")), STATUS_NOT_STARTED);
}

static void test_rate(void)
{
	int64_t c[STATUS_COUNT] = {0};
	CHECK(status_on_time_rate(c) < 0);
	c[STATUS_NOT_STARTED] = 5;
	c[STATUS_IN_PROGRESS] = 5;
	CHECK(status_on_time_rate(c) < 0);
	/* The Government Office example: 14,068 on time, 1,983 late, 223 overdue. */
	c[STATUS_DONE_ON_TIME] = 14068;
	c[STATUS_DONE_LATE] = 1983;
	c[STATUS_OVERDUE] = 223;
	double r = status_on_time_rate(c);
	CHECK(r > 0.8644 && r < 0.8645);
}

static void test_names(void)
{
	for (int s = 0; s < STATUS_COUNT; s++)
		CHECK_INT(status_from_name(status_name((enum status)s)), s);
	CHECK_INT(status_from_name("late"), STATUS_COUNT);
	CHECK_INT(recurrence_from_name("ongoing"), REC_ONGOING);
	CHECK_INT(recurrence_from_name("weekly"), -1);
}

static void test_periods(void)
{
	struct assignment_new p[12];
	CHECK_INT(status_periods(REC_MONTHLY, 2028, p), 12);
	CHECK_STR(p[1].period, "2028-02");
	CHECK_STR(p[1].deadline, "2028-02-29");
	CHECK_INT(status_periods(REC_QUARTERLY, 2026, p), 4);
	CHECK_STR(p[1].period, "2026-Q2");
	CHECK_STR(p[1].deadline, "2026-06-30");
	CHECK_INT(status_periods(REC_ONGOING, 2026, p), 4);
	CHECK_STR(p[3].deadline, "2026-12-31");
	CHECK_INT(status_periods(REC_SEMIANNUAL, 2026, p), 2);
	CHECK_STR(p[0].period, "2026-H1");
	CHECK_STR(p[0].deadline, "2026-06-30");
	CHECK_INT(status_periods(REC_YEARLY, 2026, p), 1);
	CHECK_STR(p[0].deadline, "2026-12-31");
	CHECK_INT(status_periods(REC_ONCE, 2026, p), 0);
}

int main(void)
{
	RUN(test_deadline_day_itself);
	RUN(test_end_of_month_and_leap_day);
	RUN(test_as_of_before_events);
	RUN(test_backdated_completion);
	RUN(test_rate);
	RUN(test_names);
	RUN(test_periods);
	return test_summary();
}
