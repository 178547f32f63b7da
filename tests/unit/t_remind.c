/*
 * Reminders over a real database: which fire on which day (before, on the
 * day, overdue rounds), weekends, holidays and overrides, the digests, and
 * that nothing is produced twice; the stored overrides; deadlines in
 * working days; the settings file; the letter's format and back-off.
 */
#include "base/base.h"
#include "base/date.h"
#include "domain/deadline.h"
#include "domain/mailer.h"
#include "domain/notify.h"
#include "domain/remind.h"
#include "domain/tally.h"
#include "domain/tracker.h"
#include "store/store.h"
#include "db_fixture.h"
#include "test.h"

#include <stdlib.h>
#include <unistd.h>

struct fixture {
	char dir[64];
	struct tracker tr;	/* the system's, with a tally */
	struct calendar cal;
	struct remind_settings s;
	int64_t doc;
};

static void setup(struct fixture *f)
{
	f->tr = registry_fixture_open(f->dir, "r", 2, true);
	f->doc = fixture_letter(f->tr.store);
	calendar_init(&f->cal, NULL);
	remind_settings_init(&f->s);
}

static void teardown(struct fixture *f)
{
	remind_settings_release(&f->s);
	calendar_release(&f->cal);
	registry_fixture_close(&f->tr, f->dir);
}

/* A one-off task of field TTHC (led by VPUBND) for unit SNV; its assignment id. */
static int64_t task_due(struct fixture *f, const char *deadline, const char *title)
{
	char *text = xasprintf("{\"document_id\": %lld, \"title\": \"%s\", \"field\": \"TTHC\", "
			       "\"deadline\": \"%s\", \"lead\": [\"SNV\"]}",
			       (long long)f->doc, title, deadline);
	json_t *body = json_loads(text, 0, NULL), *out = NULL;
	struct err err;
	if (tracker_task_create(&f->tr, body, &out, &err) != ERR_OK)
		fprintf(stderr, "  create: %s (%s)\n", err.message, err.field);
	int64_t id = json_integer_value(json_object_get(
		json_array_get(json_object_get(out, "assignments"), 0), "id"));
	json_decref(out);
	json_decref(body);
	free(text);
	return id;
}

static int32_t D(const char *s)
{
	return date_parse(s);
}

/* The kind of the reminder about subject in the set computed for day, or "". */
static const char *kind_on(struct fixture *f, const char *day, int64_t subject)
{
	static char kind[32];
	struct reminder_set set;
	struct err err;
	kind[0] = 0;
	CHECK_INT(remind_compute(&f->tr, &f->cal, &f->s, D(day), &set, &err), ERR_OK);
	for (size_t i = 0; i < set.n; i++)
		if (set.items[i].subject_id == subject && strncmp(set.items[i].kind, "weekly", 6) != 0 &&
		    strncmp(set.items[i].kind, "monthly", 7) != 0)
			snprintf(kind, sizeof kind, "%s", set.items[i].kind);
	reminder_set_release(&set);
	return kind;
}

/* Records everything due on day; returns how many reminders were new. */
static int produce(struct fixture *f, const char *day)
{
	struct remind_stats st = {0};
	struct err err;
	CHECK_INT(remind_produce(&f->tr, &f->cal, &f->s, D(day), &st, &err), ERR_OK);
	return st.produced;
}

static int count_kind(struct fixture *f, const char *day, const char *kind)
{
	struct reminder_set set;
	struct err err;
	int n = 0;
	CHECK_INT(remind_compute(&f->tr, &f->cal, &f->s, D(day), &set, &err), ERR_OK);
	for (size_t i = 0; i < set.n; i++)
		n += strcmp(set.items[i].kind, kind) == 0;
	reminder_set_release(&set);
	return n;
}

static void test_before_due_overdue(void)
{
	struct fixture f;
	setup(&f);
	int64_t a = task_due(&f, "2026-03-13", "Rà soát thủ tục");	/* a Friday */
	CHECK_STR(kind_on(&f, "2026-03-09", a), "");		/* 4 working days ahead */
	CHECK_STR(kind_on(&f, "2026-03-10", a), "before");	/* 3 ahead: the default */
	struct reminder_set set;
	struct err err;
	CHECK_INT(remind_compute(&f.tr, &f.cal, &f.s, D("2026-03-10"), &set, &err), ERR_OK);
	for (size_t i = 0; i < set.n; i++)
		if (set.items[i].subject_id == a && strcmp(set.items[i].kind, "before") == 0) {
			CHECK(strstr(set.items[i].text, "còn 3 ngày làm việc") != NULL);
			CHECK(strstr(set.items[i].text, "13/03/2026") != NULL);
			CHECK(strstr(set.items[i].subject, "[CCHC] Sắp đến hạn: Rà soát") != NULL);
			CHECK(strstr(set.items[i].body, "http://127.0.0.1:8080/#/unit/") != NULL);
			CHECK_STR(set.items[i].role, "officer");
		}
	reminder_set_release(&set);
	produce(&f, "2026-03-10");
	CHECK_STR(kind_on(&f, "2026-03-11", a), "");		/* "before" once per deadline */
	CHECK_STR(kind_on(&f, "2026-03-13", a), "due");
	produce(&f, "2026-03-13");
	CHECK_STR(kind_on(&f, "2026-03-14", a), "");		/* Saturday: nothing at all */
	CHECK_INT(count_kind(&f, "2026-03-14", "weekly_unit"), 0);
	CHECK_STR(kind_on(&f, "2026-03-16", a), "overdue");	/* first working day after */
	produce(&f, "2026-03-16");
	CHECK_STR(kind_on(&f, "2026-03-20", a), "");		/* same round of five */
	CHECK_STR(kind_on(&f, "2026-03-23", a), "overdue");	/* the next round */
	/* A missed day is caught up: nothing ran on 03-23, so 03-24 still sends it. */
	CHECK_STR(kind_on(&f, "2026-03-24", a), "overdue");
	f.s.days_before = 5;
	int64_t b = task_due(&f, "2026-03-31", "Báo cáo quý");
	CHECK_STR(kind_on(&f, "2026-03-24", b), "before");	/* 5 working days ahead */
	teardown(&f);
}

static void test_weekend_and_holiday_deadlines(void)
{
	struct fixture f;
	setup(&f);
	int64_t sat = task_due(&f, "2026-03-14", "Hạn thứ bảy");
	CHECK_STR(kind_on(&f, "2026-03-10", sat), "");
	CHECK_STR(kind_on(&f, "2026-03-11", sat), "before");	/* 3 working days before Sat */
	CHECK_STR(kind_on(&f, "2026-03-13", sat), "due");	/* the last working day */
	struct reminder_set set;
	struct err err;
	CHECK_INT(remind_compute(&f.tr, &f.cal, &f.s, D("2026-03-13"), &set, &err), ERR_OK);
	for (size_t i = 0; i < set.n; i++)
		if (set.items[i].subject_id == sat)
			CHECK(strstr(set.items[i].text, "(ngày nghỉ)") != NULL);
	reminder_set_release(&set);
	/* 30/4 and 1/5/2026 are Thursday and Friday holidays. */
	int64_t hol = task_due(&f, "2026-04-30", "Hạn ngày lễ");
	CHECK_STR(kind_on(&f, "2026-04-29", hol), "due");
	CHECK_STR(kind_on(&f, "2026-04-30", hol), "");		/* a holiday: nothing */
	CHECK_INT(count_kind(&f, "2026-05-01", "overdue"), 0);
	CHECK_STR(kind_on(&f, "2026-05-04", hol), "overdue");
	CHECK_INT(remind_compute(&f.tr, &f.cal, &f.s, D("2026-05-04"), &set, &err), ERR_OK);
	for (size_t i = 0; i < set.n; i++)
		if (set.items[i].subject_id == hol && strcmp(set.items[i].kind, "overdue") == 0)
			CHECK(strstr(set.items[i].text, "quá hạn 1 ngày làm việc") != NULL);
	reminder_set_release(&set);
	/* Tết 2026: mùng 1 is 17/2; 16-20/2 are off. */
	int64_t tet = task_due(&f, "2026-02-23", "Sau Tết");
	CHECK_STR(kind_on(&f, "2026-02-10", tet), "");
	/* Counting back from Mon 23/2 skips the Tết week: 13/2 is the 1st working
	 * day before, 12/2 the 2nd, 11/2 the 3rd. */
	CHECK_INT(calendar_add_workdays(&f.cal, D("2026-02-23"), -3), D("2026-02-11"));
	CHECK_STR(kind_on(&f, "2026-02-11", tet), "before");
	teardown(&f);
}

static void test_overrides_move_reminders(void)
{
	struct fixture f;
	setup(&f);
	int64_t a = task_due(&f, "2026-03-14", "Thứ bảy làm bù");
	struct override_new o = {"2026-03-14", "work", "Làm bù"};
	struct err err;
	CHECK_INT(store_overrides_put(f.tr.store, &o, 1, "test", &err), ERR_OK);
	CHECK_INT(remind_load_calendar(&f.tr, &f.cal, &err), ERR_OK);
	CHECK(calendar_is_workday(&f.cal, D("2026-03-14")));
	CHECK_STR(kind_on(&f, "2026-03-13", a), "before");	/* Saturday is the due day now */
	CHECK_STR(kind_on(&f, "2026-03-14", a), "due");
	/* A Monday made a day off moves the first overdue day to Tuesday. */
	struct override_new off = {"2026-03-16", "off", "Nghỉ"};
	CHECK_INT(store_overrides_put(f.tr.store, &off, 1, "test", &err), ERR_OK);
	CHECK_INT(remind_load_calendar(&f.tr, &f.cal, &err), ERR_OK);
	CHECK_STR(kind_on(&f, "2026-03-16", a), "");
	CHECK_STR(kind_on(&f, "2026-03-17", a), "overdue");
	teardown(&f);
}

static void test_dedup_and_letters(void)
{
	struct fixture f;
	setup(&f);
	struct err err;
	int64_t snv = store_unit_id_by_code(f.tr.store, "SNV");
	int64_t cid = 0;
	CHECK_INT(store_contact_add(f.tr.store, snv, "officer", "canbo@snv.example", "Cán bộ", &cid, &err),
		  ERR_OK);
	CHECK_INT(store_contact_add(f.tr.store, snv, "head", "giamdoc@snv.example", NULL, NULL, &err), ERR_OK);
	CHECK_INT(store_contact_add(f.tr.store, snv, "head", "giamdoc@snv.example", NULL, NULL, &err),
		  ERR_CONFLICT);
	int64_t a = task_due(&f, "2026-03-13", "Nhiệm vụ A");
	struct remind_stats st = {0};
	CHECK_INT(remind_produce(&f.tr, &f.cal, &f.s, D("2026-03-16"), &st, &err), ERR_OK);
	/* overdue (officer), weekly_unit (head), weekly_lead to VPUBND (no contacts),
	 * monthly_ppc to the province (no contacts). */
	CHECK_INT(st.produced, 4);
	CHECK_INT(st.letters, 2);
	CHECK(store_reminder_seen(f.tr.store, "overdue", a, "2026-03-16"));
	CHECK_INT(produce(&f, "2026-03-16"), 0);	/* the same day again: nothing */
	CHECK_INT(produce(&f, "2026-03-17"), 0);	/* the same week and round */
	json_t *mail = store_mail_list(f.tr.store, NULL, &err);
	CHECK_INT(json_array_size(mail), 2);
	CHECK_STR(json_string_value(json_object_get(json_array_get(mail, 0), "recipient")),
		  "canbo@snv.example");
	CHECK_STR(json_string_value(json_object_get(json_array_get(mail, 1), "recipient")),
		  "giamdoc@snv.example");
	json_decref(mail);
	json_t *n = notify_list(&f.tr, snv, false, 10, 0, &err);
	CHECK_INT(json_array_size(json_object_get(n, "items")), 2);
	CHECK_INT(json_integer_value(json_object_get(n, "unread")), 2);
	int64_t nid = json_integer_value(json_object_get(json_array_get(json_object_get(n, "items"), 0), "id"));
	json_decref(n);
	json_t *r = notify_mark_read(&f.tr, nid, &err);
	CHECK(r && json_is_string(json_object_get(r, "read_at")));
	json_decref(r);
	n = notify_list(&f.tr, snv, true, 10, 0, &err);
	CHECK_INT(json_integer_value(json_object_get(n, "unread")), 1);
	CHECK_INT(json_array_size(json_object_get(n, "items")), 1);
	json_decref(n);
	CHECK(notify_mark_read(&f.tr, 999999, &err) == NULL);
	CHECK_INT(err.code, ERR_NOT_FOUND);
	/* The next week's digest and the next overdue round come again. */
	CHECK_INT(count_kind(&f, "2026-03-23", "weekly_unit"), 1);
	CHECK_INT(count_kind(&f, "2026-03-23", "overdue"), 1);
	CHECK_INT(count_kind(&f, "2026-03-23", "monthly_ppc"), 0);	/* once a month */
	CHECK_INT(count_kind(&f, "2026-04-01", "monthly_ppc"), 1);
	/* Completed work is not chased. */
	json_t *body = json_pack("{s:i, s:s, s:s, s:s}", "percent", 100, "note", "xong",
				 "completed_on", "2026-03-20", "reporter", "t");
	CHECK_INT(tracker_report_add(&f.tr, a, body, NULL, 0, NULL, &err), ERR_OK);
	json_decref(body);
	CHECK_INT(count_kind(&f, "2026-03-23", "overdue"), 0);
	CHECK_INT(count_kind(&f, "2026-03-23", "weekly_unit"), 0);
	teardown(&f);
}

static void test_digests(void)
{
	struct fixture f;
	setup(&f);
	task_due(&f, "2026-03-02", "Quá hạn 1");
	task_due(&f, "2026-03-03", "Quá hạn 2");
	task_due(&f, "2026-03-20", "Sắp đến hạn");
	task_due(&f, "2026-06-30", "Còn xa");
	struct reminder_set set;
	struct err err;
	CHECK_INT(remind_compute(&f.tr, &f.cal, &f.s, D("2026-03-10"), &set, &err), ERR_OK);
	int seen_unit = 0, seen_lead = 0, seen_ppc = 0;
	for (size_t i = 0; i < set.n; i++) {
		const struct reminder *r = &set.items[i];
		if (strcmp(r->kind, "weekly_unit") == 0) {
			seen_unit++;
			CHECK_INT(r->day, D("2026-03-09"));	/* keyed by the week's Monday */
			CHECK_STR(r->role, "head");
			CHECK(strstr(r->text, "2 nhiệm vụ quá hạn và 1 nhiệm vụ đến hạn") != NULL);
			CHECK(strstr(r->body, "Quá hạn 2") && strstr(r->body, "Sắp đến hạn"));
			CHECK(strstr(r->body, "Còn xa") == NULL);
		} else if (strcmp(r->kind, "weekly_lead") == 0) {
			seen_lead++;
			CHECK_INT(r->unit_id, store_unit_id_by_code(f.tr.store, "VPUBND"));
			CHECK(strstr(r->body, "Sở Nội vụ: 2 nhiệm vụ quá hạn") != NULL);
			CHECK(strstr(r->link, "/#/?field=") == r->link);
		} else if (strcmp(r->kind, "monthly_ppc") == 0) {
			seen_ppc++;
			CHECK_INT(r->day, D("2026-03-01"));
			CHECK_INT(r->unit_id, store_unit_id_by_code(f.tr.store, "04"));
			CHECK(strstr(r->text, "1 đơn vị có 2 nhiệm vụ quá hạn") != NULL);
		}
	}
	CHECK_INT(seen_unit, 1);
	CHECK_INT(seen_lead, 1);
	CHECK_INT(seen_ppc, 1);
	reminder_set_release(&set);
	teardown(&f);
}

static void test_overrides_storage(void)
{
	struct fixture f;
	setup(&f);
	struct err err;
	struct override_new o[] = {{"2027-02-05", "off", "Tết"}, {"2027-02-20", "work", "Làm bù"},
				   {"2026-12-31", "off", ""}};
	CHECK_INT(store_overrides_put(f.tr.store, o, 3, "t", &err), ERR_OK);
	json_t *y = remind_overrides(&f.tr, 2027, &err);
	CHECK_INT(json_array_size(y), 2);
	CHECK_STR(json_string_value(json_object_get(json_array_get(y, 1), "kind")), "work");
	json_decref(y);
	/* Replacing keeps one row per day. */
	struct override_new again = {"2027-02-20", "off", "Nghỉ"};
	CHECK_INT(store_overrides_put(f.tr.store, &again, 1, "t2", &err), ERR_OK);
	json_t *all = remind_overrides(&f.tr, 0, &err);
	CHECK_INT(json_array_size(all), 3);
	CHECK_STR(json_string_value(json_object_get(json_array_get(all, 2), "created_by")), "t2");
	json_decref(all);
	CHECK_INT(remind_override_remove(&f.tr, "2027-02-05", &err), ERR_OK);
	CHECK_INT(remind_override_remove(&f.tr, "2027-02-05", &err), ERR_NOT_FOUND);
	CHECK_INT(remind_override_remove(&f.tr, "2027-02-30", &err), ERR_BAD_REQUEST);
	/* Through the domain: bad input is refused and writes nothing. */
	const char *bad[] = {"{\"date\": \"2026-05-02\", \"kind\": \"holiday\"}",
			     "{\"date\": \"1899-12-31\", \"kind\": \"off\"}",
			     "{\"date\": \"2026-5-2\", \"kind\": \"off\"}",
			     "{\"kind\": \"off\"}",
			     "{\"date\": \"2026-05-02\", \"kind\": \"off\", \"colour\": 1}",
			     "{\"date\": \"2026-05-02\", \"kind\": \"off\", \"name\": \"a\\tb\"}"};
	const char *field[] = {"kind", "date", "date", "date", "colour", "name"};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		json_t *body = json_loads(bad[i], 0, NULL), *out = NULL;
		CHECK(remind_override_put(&f.tr, body, &out, &err) != ERR_OK);
		CHECK_STR(err.field, field[i]);
		json_decref(body);
	}
	all = remind_overrides(&f.tr, 0, &err);
	CHECK_INT(json_array_size(all), 2);
	json_decref(all);
	/* The author is the acting principal (here the system), never the body. */
	json_t *body = json_loads("{\"date\": \"2026-05-02\", \"kind\": \"work\", \"name\": "
				  "\"Làm bù\", \"by\": \"Sở Nội vụ\"}", 0, NULL), *out = NULL;
	CHECK_INT(remind_override_put(&f.tr, body, &out, &err), ERR_INVALID);
	CHECK_STR(err.field, "by");
	json_object_del(body, "by");
	CHECK_INT(remind_override_put(&f.tr, body, &out, &err), ERR_OK);
	CHECK_STR(json_string_value(json_object_get(out, "created_by")), "system");
	json_decref(out);
	json_decref(body);
	/* The holidays of a year see the stored overrides. */
	json_t *h = remind_holidays(&f.tr, 2026, &err);
	const char *last = json_string_value(json_object_get(
		json_array_get(json_object_get(h, "holidays"),
			       json_array_size(json_object_get(h, "holidays")) - 1), "date"));
	CHECK_STR(last, "2026-12-31");
	json_decref(h);
	teardown(&f);
}

static void test_deadline_in_workdays(void)
{
	struct fixture f;
	setup(&f);
	struct err err;
	/* Mon 27/4/2026 + 5 working days, across 30/4 and 1/5: Wed 6/5. */
	char *text = xasprintf("{\"document_id\": %lld, \"title\": \"Giải quyết hồ sơ\", "
			       "\"due_workdays\": 5, \"received_on\": \"2026-04-27\", \"lead\": [\"SNV\"]}",
			       (long long)f.doc);
	json_t *body = json_loads(text, 0, NULL), *out = NULL;
	CHECK_INT(deadline_task_create(&f.tr, body, &out, &err), ERR_OK);
	CHECK_STR(json_string_value(json_object_get(out, "deadline")), "2026-05-06");
	CHECK_INT(json_integer_value(json_object_get(out, "due_workdays")), 5);
	json_t *w = store_task_workdays(f.tr.store, json_integer_value(json_object_get(out, "id")), &err);
	CHECK_STR(json_string_value(json_object_get(w, "received_on")), "2026-04-27");
	json_decref(w);
	json_decref(out);
	json_decref(body);
	free(text);
	/* An override counts: 4/5 made a day off pushes it to 7/5. */
	struct override_new o = {"2026-05-04", "off", "Nghỉ"};
	CHECK_INT(store_overrides_put(f.tr.store, &o, 1, "t", &err), ERR_OK);
	int32_t due;
	CHECK_INT(deadline_after_workdays(&f.tr, D("2026-04-27"), 5, &due, &err), ERR_OK);
	CHECK_INT(due, D("2026-05-07"));
	const char *bad[] = {"\"due_workdays\": 5, \"deadline\": \"2026-05-01\"",
			     "\"due_workdays\": 0", "\"due_workdays\": 5, \"recurrence\": \"monthly\"",
			     "\"received_on\": \"2026-04-27\", \"deadline\": \"2026-05-01\""};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		text = xasprintf("{\"document_id\": %lld, \"title\": \"x\", \"lead\": [\"SNV\"], %s}",
				 (long long)f.doc, bad[i]);
		body = json_loads(text, 0, NULL);
		out = NULL;
		CHECK_INT(deadline_task_create(&f.tr, body, &out, &err), ERR_INVALID);
		CHECK(out == NULL);
		json_decref(body);
		free(text);
	}
	teardown(&f);
}

static void test_settings_file(void)
{
	char path[] = "/tmp/cchc-conf-XXXXXX";
	int fd = mkstemp(path);
	const char *good = "# cchc\n\nsmtp_url = smtp://127.0.0.1:2525\nsmtp_from = cchc@caobang.gov.vn\n"
			   "base_url = https://cchc.caobang.gov.vn/\nremind_days_before = 5\n"
			   "  smtp_retry_base=2  \r\nas_of = 2026-03-10\nevidence_sweep_min_age = 7200\n";
	CHECK(write(fd, good, strlen(good)) == (ssize_t)strlen(good));
	close(fd);
	struct remind_settings s;
	struct err err;
	remind_settings_init(&s);
	CHECK_INT(s.evidence_sweep_min_age, 86400);
	CHECK_INT(remind_settings_load(&s, path, &err), ERR_OK);
	CHECK_INT(s.evidence_sweep_min_age, 7200);
	CHECK_STR(s.mail.smtp_url, "smtp://127.0.0.1:2525");
	CHECK_STR(s.base_url, "https://cchc.caobang.gov.vn");
	CHECK_INT(s.days_before, 5);
	CHECK_INT(s.mail.retry_base_seconds, 2);
	CHECK_INT(s.as_of, date_parse("2026-03-10"));
	CHECK_INT(s.overdue_every, 5);
	const char *bad[] = {"smtp_ulr = smtp://x\n", "remind_days_before = -1\n", "smtp_url = http://x\n",
			     "just words\n", "as_of = tomorrow\n",
			     /* under an hour: an upload in flight could be taken for an orphan */
			     "evidence_sweep_min_age = 60\n"};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		FILE *fp = fopen(path, "w");
		fprintf(fp, "# line 1\n%s", bad[i]);
		fclose(fp);
		CHECK_INT(remind_settings_load(&s, path, &err), ERR_INVALID);
		CHECK(strstr(err.message, ":2:") != NULL);
		CHECK_INT(s.days_before, 5);	/* unchanged by a bad file */
		CHECK_INT(s.evidence_sweep_min_age, 7200);
	}
	/* A file without the key keeps what the last one set. */
	FILE *fp = fopen(path, "w");
	fprintf(fp, "remind_days_before = 4\n");
	fclose(fp);
	CHECK_INT(remind_settings_load(&s, path, &err), ERR_OK);
	CHECK_INT(s.evidence_sweep_min_age, 7200);
	CHECK_INT(remind_settings_load(&s, "/nonexistent/cchc.conf", &err), ERR_INVALID);
	remind_settings_release(&s);
	unlink(path);
}

static void test_letter_format(void)
{
	struct mail_config cfg;
	mail_config_init(&cfg);
	char *m = mailer_format(&cfg, "a@b.example", "[CCHC] Quá hạn: việc\nBcc: x",
				"Dòng 1\nDòng 2\n", "cchc.1@x");
	CHECK(strstr(m, "Subject: =?UTF-8?B?") != NULL);
	CHECK(strstr(m, "\nBcc:") == NULL);	/* no header injection */
	CHECK(strstr(m, "Content-Type: text/plain; charset=UTF-8\r\n") != NULL);
	CHECK(strstr(m, "\r\n\r\nDòng 1\r\nDòng 2\r\n") != NULL);
	CHECK(strstr(m, "Message-ID: <cchc.1@x>\r\n") != NULL);
	free(m);
	m = mailer_format(&cfg, "a@b.example", "plain", "x", "id@x");
	CHECK(strstr(m, "Subject: plain\r\n") != NULL);
	free(m);
	cfg.retry_base_seconds = 60;
	CHECK_INT(mailer_backoff(&cfg, 1), 60);
	CHECK_INT(mailer_backoff(&cfg, 2), 120);
	CHECK_INT(mailer_backoff(&cfg, 4), 480);
	CHECK_INT(mailer_backoff(&cfg, 40), 6 * 3600);
	mail_config_release(&cfg);
}

int main(void)
{
	RUN(test_before_due_overdue);
	RUN(test_weekend_and_holiday_deadlines);
	RUN(test_overrides_move_reminders);
	RUN(test_dedup_and_letters);
	RUN(test_digests);
	RUN(test_overrides_storage);
	RUN(test_deadline_in_workdays);
	RUN(test_settings_file);
	RUN(test_letter_format);
	return test_summary();
}
