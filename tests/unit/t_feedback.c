/*
 * Citizens' feedback (issue 17) in the domain, with principals of every
 * role: the public form and its checks, the tracking code, the public status
 * without contact details, who sees the sender, who classifies, answers and
 * approves (and that a refusal writes nothing), deadlines in working days,
 * states as of a day, extensions, rating once, the per-address limit, the
 * settings, the counts per unit and the audit trail's principal.
 */
#include "base/base.h"
#include "base/date.h"
#include "base/vitext.h"
#include "domain/feedback.h"
#include "domain/feedback_int.h"
#include "store/store.h"
#include "db_fixture.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];
static struct store *st;
static struct tracker sys;	/* over st, acting as the system */
static int64_t VP, D1, D2;

enum { ADMIN, LEADER, LEAD, VP_OFF, VP_HEAD, D1_OFF, D1_HEAD, D2_OFF, D2_HEAD, INSPECTOR, VIEWER, NWHO };
static struct principal who[NWHO];

static void setup(void)
{
	st = fixture_store_open(dir, "fb", 2);
	struct err err;
	sys = (struct tracker){.store = st, .address = "203.0.113.7"};
	/* The proof-of-work challenge has its own test (tests/e2e/feedback_abuse.sh). */
	if (store_feedback_setting_set(st, "challenge_after", "100000", &err) != ERR_OK)
		abort();
	fixture_unit(st, "P", "Ủy ban nhân dân tỉnh Thử Nghiệm", "province");
	VP = fixture_unit(st, "VPUBND", "Văn phòng Ủy ban nhân dân tỉnh", "department");
	D1 = fixture_unit(st, "D1", "Sở Xây dựng", "department");
	D2 = fixture_unit(st, "D2", "Sở Công Thương", "department");
	const struct {
		const char *name;
		unsigned role;
		int64_t unit;
	} cast[NWHO] = {{"admin", ROLE_ADMIN, VP}, {"leader", ROLE_LEADER, VP}, {"lead", ROLE_LEAD_AGENCY, D1},
			{"vp.off", ROLE_UNIT_OFFICER, VP}, {"vp.head", ROLE_UNIT_HEAD, VP},
			{"d1.off", ROLE_UNIT_OFFICER, D1}, {"d1.head", ROLE_UNIT_HEAD, D1},
			{"d2.off", ROLE_UNIT_OFFICER, D2}, {"d2.head", ROLE_UNIT_HEAD, D2},
			{"inspector", ROLE_INSPECTOR, VP}, {"viewer", ROLE_VIEWER, VP}};
	for (int w = 0; w < NWHO; w++) {
		who[w] = (struct principal){.account_id = 100 + w, .roles = cast[w].role, .unit_id = cast[w].unit};
		snprintf(who[w].name, sizeof who[w].name, "%s", cast[w].name);
	}
}

static void teardown(void)
{
	fixture_store_close(st, dir);
}

static struct tracker as(int w)
{
	struct tracker t = sys;
	t.who = &who[w];
	return t;
}

static const char FORM[] = "{\"procedure\": \"Cấp phép xây dựng\", \"content\": \"Hồ sơ bị trả lại nhiều lần.\","
			   " \"name\": \"Nguyễn Văn An\", \"phone\": \"0912 345 678\", \"email\": \"an@example.org\","
			   " \"consent_publish\": true}";

/* Submits body from the public form; the new feedback's id and code. */
static int64_t submit(const char *body, char code[32])
{
	struct err err;
	json_t *in = json_loads(body, 0, NULL), *out = NULL;
	struct tracker t = sys;
	t.who = NULL;
	CHECK_INT(feedback_submit(&t, in, NULL, 0, &out, &err), ERR_OK);
	json_decref(in);
	int64_t id = json_integer_value(json_object_get(out, "id"));
	if (code)
		snprintf(code, 32, "%s", json_string_value(json_object_get(out, "code")));
	json_decref(out);
	return id;
}

/* Runs a step as w with body (may be NULL); its error code. */
static enum err_code try_step(int w, const char *what, int64_t id, const char *body)
{
	struct tracker t = as(w);
	struct err err;
	json_t *in = body ? json_loads(body, 0, NULL) : NULL, *out = NULL;
	enum err_code rc;
	if (strcmp(what, "classify") == 0)
		rc = feedback_classify(&t, id, in, &out, &err);
	else if (strcmp(what, "answer") == 0)
		rc = feedback_answer(&t, id, in, &out, &err);
	else if (strcmp(what, "approve") == 0)
		rc = feedback_approve(&t, id, &out, &err);
	else if (strcmp(what, "mark") == 0)
		rc = feedback_mark(&t, id, in, &out, &err);
	else
		rc = feedback_extend(&t, id, in, &out, &err);
	json_decref(in);
	json_decref(out);
	return rc;
}

static const char *stored_status(int64_t id)
{
	static char status[16];
	struct err err;
	json_t *row = store_feedback_get(st, id, NULL, &err);
	snprintf(status, sizeof status, "%s", row ? json_string_value(json_object_get(row, "status")) : "?");
	json_decref(row);
	return status;
}

static void test_bad_input(void)
{
	static const struct {
		const char *body, *field;
		enum err_code code;
	} bad[] = {
		{"{\"content\": \"x\"}", "name", ERR_INVALID},
		{"{\"name\": \"An\", \"phone\": \"0912345678\"}", "content", ERR_INVALID},
		{"{\"content\": \"x\", \"name\": \"An\"}", "phone", ERR_INVALID},
		{"{\"content\": \"x\", \"name\": \"An\", \"phone\": \"12\"}", "phone", ERR_INVALID},
		{"{\"content\": \"x\", \"name\": \"An\", \"phone\": \"09x12345678\"}", "phone", ERR_INVALID},
		{"{\"content\": \"x\", \"name\": \"An\", \"email\": \"a@b\"}", "email", ERR_INVALID},
		{"{\"content\": \"x\", \"name\": \"An\", \"email\": \"a@b.vn\", \"consent_publish\": 1}", "consent_publish", ERR_INVALID},
		{"{\"content\": \"x\", \"name\": \"An\", \"email\": \"a@b.vn\", \"channel\": \"letter\"}", "channel", ERR_INVALID},
		{"{\"content\": [], \"name\": \"An\", \"email\": \"a@b.vn\"}", "content", ERR_INVALID},
		{"{\"content\": \"   \", \"name\": \"An\", \"email\": \"a@b.vn\"}", "content", ERR_INVALID},
		{"[]", "", ERR_BAD_REQUEST},
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		struct err err;
		json_t *in = json_loads(bad[i].body, 0, NULL), *out = NULL;
		CHECK_INT(feedback_submit(&sys, in, NULL, 0, &out, &err), bad[i].code);
		CHECK_STR(err.field, bad[i].field);
		CHECK(out == NULL);
		json_decref(in);
	}
	struct err err;
	struct feedback_query q = {.as_of = date_parse("2100-01-01"), .due_before = DATE_NONE};
	json_t *all = feedback_list(&sys, &q, &err);
	CHECK_INT(json_array_size(json_object_get(all, "items")), 0);
	json_decref(all);
}

static void test_public_view(void)
{
	char code[32];
	int64_t id = submit(FORM, code);
	CHECK(id > 0);
	CHECK_INT(strlen(code), 16);
	CHECK(strncmp(code, "PAKN-", 5) == 0 && code[10] == '-');
	CHECK(strspn(code + 5, "ACDEFGHJKMNPQRTUVWXY3479-") == 11);
	char other[32];
	submit(FORM, other);
	CHECK(strcmp(code, other) != 0);
	struct err err;
	json_t *pub = feedback_public(&sys, code, &err);
	CHECK_STR(json_string_value(json_object_get(pub, "status")), "received");
	char *text = json_dumps(pub, 0);
	CHECK(!strstr(text, "0912") && !strstr(text, "example.org") && !strstr(text, "Nguyễn Văn An") &&
	      !strstr(text, "Hồ sơ bị trả lại"));
	free(text);
	json_decref(pub);
	CHECK(feedback_public(&sys, "PAKN-AAAAA-AAAAA", &err) == NULL);
	CHECK_INT(err.code, ERR_NOT_FOUND);
}

/* Who reads, and who sees the sender, before and after forwarding. */
static void test_who_sees_the_sender(void)
{
	int64_t id = submit(FORM, NULL);
	CHECK_INT(try_step(VP_OFF, "classify", id, "{\"decision\": \"forward\", \"unit\": \"D1\"}"), ERR_OK);
	for (int w = 0; w < NWHO; w++) {
		struct tracker t = as(w);
		struct err err;
		json_t *f = feedback_get(&t, id, &err);
		if (w == VIEWER) {
			CHECK(f == NULL);
			CHECK_INT(err.code, ERR_FORBIDDEN);
			continue;
		}
		CHECK(f != NULL);
		int sees = w == ADMIN || w == VP_OFF || w == VP_HEAD || w == D1_OFF || w == D1_HEAD;
		CHECK_INT(json_object_get(f, "sender_phone") != NULL, sees);
		CHECK_INT(json_object_get(f, "sender_name") != NULL, sees);
		CHECK(json_object_get(f, "source_hash") == NULL);
		json_decref(f);
		/* Lists never show the sender to those outside. */
		struct feedback_query q = {.as_of = date_today(), .due_before = DATE_NONE};
		json_t *list = feedback_list(&t, &q, &err);
		char *text = json_dumps(list, 0);
		CHECK_INT(strstr(text, "0912") != NULL, sees);
		free(text);
		json_decref(list);
	}
}

/* Each step refused to the roles that may not take it, and nothing written. */
static void test_steps_by_role(void)
{
	int64_t id = submit(FORM, NULL);
	const char *fwd = "{\"decision\": \"forward\", \"unit\": \"D1\"}";
	for (int w = 0; w < NWHO; w++)
		if (w != ADMIN && w != VP_OFF && w != VP_HEAD) {
			CHECK_INT(try_step(w, "classify", id, fwd), ERR_FORBIDDEN);
			CHECK_INT(try_step(w, "extend", id, "{\"workdays\": 2, \"reason\": \"x\"}"), ERR_FORBIDDEN);
		}
	CHECK_STR(stored_status(id), "received");
	CHECK_INT(try_step(VP_HEAD, "classify", id, "{\"decision\": \"forward\"}"), ERR_INVALID);
	CHECK_INT(try_step(VP_HEAD, "classify", id, "{\"decision\": \"forward\", \"unit\": \"ZZ\"}"), ERR_INVALID);
	CHECK_INT(try_step(VP_HEAD, "classify", id, fwd), ERR_OK);
	CHECK_INT(try_step(VP_HEAD, "classify", id, "{\"decision\": \"reject\", \"reason\": \"x\"}"), ERR_CONFLICT);
	const char *answer = "{\"answer\": \"Đã chấn chỉnh bộ phận một cửa.\"}";
	for (int w = 0; w < NWHO; w++)
		if (w != D1_OFF && w != D1_HEAD)
			CHECK_INT(try_step(w, "answer", id, answer), ERR_FORBIDDEN);
	CHECK_STR(stored_status(id), "forwarded");
	CHECK_INT(try_step(D1_HEAD, "approve", id, NULL), ERR_CONFLICT);
	CHECK_INT(try_step(D1_OFF, "answer", id, "{\"answer\": 5}"), ERR_INVALID);
	CHECK_INT(try_step(D1_OFF, "answer", id, answer), ERR_OK);
	for (int w = 0; w < NWHO; w++)
		if (w != D1_HEAD)
			CHECK_INT(try_step(w, "approve", id, NULL), ERR_FORBIDDEN);
	CHECK_STR(stored_status(id), "drafted");
	CHECK_INT(try_step(D1_HEAD, "approve", id, NULL), ERR_OK);
	CHECK_STR(stored_status(id), "answered");
	CHECK_INT(try_step(D1_OFF, "answer", id, answer), ERR_CONFLICT);
	CHECK_INT(try_step(VP_OFF, "extend", id, "{\"workdays\": 2, \"reason\": \"x\"}"), ERR_CONFLICT);
	/* The audit trail names the head who approved. */
	struct err err;
	json_t *trail = tracker_audit_export(&sys, &err), *rec, *last = NULL;
	size_t i;
	json_array_foreach(trail, i, rec)
		if (strcmp(json_string_value(json_object_get(rec, "entity")), "feedback") == 0)
			last = rec;
	CHECK_STR(json_string_value(json_object_get(last, "actor")), "d1.head");
	json_decref(trail);
}

/* Rating: once, after the answer, from the tracking code. */
static void test_rating(void)
{
	char code[32];
	int64_t id = submit(FORM, code);
	struct err err;
	json_t *out = NULL, *yes = json_pack("{s:b}", "satisfied", 1), *bad = json_pack("{s:i}", "satisfied", 1);
	CHECK_INT(feedback_rate(&sys, code, yes, &out, &err), ERR_CONFLICT);
	CHECK_INT(try_step(VP_OFF, "classify", id, "{\"decision\": \"forward\", \"unit\": \"D2\"}"), ERR_OK);
	CHECK_INT(try_step(D2_OFF, "answer", id, "{\"answer\": \"Trả lời\"}"), ERR_OK);
	CHECK_INT(try_step(D2_HEAD, "approve", id, NULL), ERR_OK);
	CHECK_INT(feedback_rate(&sys, code, bad, &out, &err), ERR_INVALID);
	CHECK_STR(err.field, "satisfied");
	CHECK_INT(feedback_rate(&sys, "PAKN-AAAAA-AAAAA", yes, &out, &err), ERR_NOT_FOUND);
	CHECK_INT(feedback_rate(&sys, code, yes, &out, &err), ERR_OK);
	CHECK_INT(json_is_true(json_object_get(out, "may_rate")), 0);
	json_decref(out);
	CHECK_INT(feedback_rate(&sys, code, yes, &out, &err), ERR_CONFLICT);
	CHECK_STR(err.field, "satisfied");
	json_decref(yes);
	json_decref(bad);
}

/* A letter received on Monday 5 January 2026: deadlines, states, extension. */
static void test_deadlines_and_states(void)
{
	struct tracker t = as(VP_OFF);
	struct err err;
	json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:s}", "channel", "letter", "content", "Thư", "name", "Cúc",
			       "address", "Hòa An", "received_on", "2026-01-05"), *out = NULL;
	struct tracker d1 = as(D1_OFF);
	CHECK_INT(feedback_intake(&d1, in, &out, &err), ERR_FORBIDDEN);
	CHECK_INT(feedback_intake(&t, in, &out, &err), ERR_OK);
	CHECK_STR(json_string_value(json_object_get(out, "classify_due")), "2026-01-12");
	CHECK_STR(json_string_value(json_object_get(out, "answer_due")), "2026-01-26");
	int64_t id = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	struct feedback_query q = {.as_of = date_parse("2026-01-26"), .state = "open", .due_before = DATE_NONE};
	json_t *list = feedback_list(&t, &q, &err);
	CHECK_INT(json_array_size(json_object_get(list, "items")), 1);
	json_decref(list);
	q.as_of = date_parse("2026-01-27");
	q.state = "overdue";
	list = feedback_list(&t, &q, &err);
	CHECK_INT(json_integer_value(json_object_get(json_array_get(json_object_get(list, "items"), 0), "id")), id);
	json_decref(list);
	CHECK_INT(try_step(VP_OFF, "extend", id, "{\"workdays\": 5}"), ERR_INVALID);
	CHECK_INT(try_step(VP_OFF, "extend", id, "{\"workdays\": 61, \"reason\": \"x\"}"), ERR_INVALID);
	CHECK_INT(try_step(VP_OFF, "extend", id, "{\"workdays\": 5, \"reason\": \"Chờ ý kiến Bộ\"}"), ERR_OK);
	json_t *f = feedback_get(&t, id, &err);
	CHECK_STR(json_string_value(json_object_get(f, "answer_due")), "2026-02-02");
	CHECK_STR(json_string_value(json_object_get(f, "answer_due_initial")), "2026-01-26");
	CHECK_INT(json_array_size(json_object_get(f, "extensions")), 1);
	json_decref(f);
	/* Working days when so set: 20 working days after 5 January. */
	json_t *set = json_pack("{s:s}", "answer_days_kind", "working");
	struct tracker admin = as(ADMIN), head = as(VP_HEAD);
	CHECK_INT(feedback_settings_put(&head, set, &out, &err), ERR_FORBIDDEN);
	CHECK_INT(feedback_settings_put(&admin, set, &out, &err), ERR_OK);
	json_decref(out);
	CHECK_INT(feedback_intake(&t, in, &out, &err), ERR_OK);
	CHECK_STR(json_string_value(json_object_get(out, "answer_due")), "2026-02-02");
	json_decref(out);
	json_decref(set);
	json_object_set_new(in, "channel", json_string("fax"));
	CHECK_INT(feedback_intake(&t, in, &out, &err), ERR_INVALID);
	CHECK_STR(err.field, "channel");
	json_object_set_new(in, "channel", json_string("phone"));
	json_object_set_new(in, "received_on", json_string("2026-02-30"));
	CHECK_INT(feedback_intake(&t, in, &out, &err), ERR_INVALID);
	CHECK_STR(err.field, "received_on");
	json_decref(in);
}

static void test_settings_and_limit(void)
{
	struct tracker admin = as(ADMIN);
	struct err err;
	json_t *out = NULL;
	const char *bad[] = {"{\"rate_limit\": 0}", "{\"answer_days_kind\": \"lunar\"}", "{\"receiving_unit\": \"ZZ\"}",
			     "{\"colour\": 1}", "{\"rate_limit\": 3, \"answer_days\": 500}", "{}"};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		json_t *in = json_loads(bad[i], 0, NULL);
		CHECK_INT(feedback_settings_put(&admin, in, &out, &err), ERR_INVALID);
		json_decref(in);
	}
	json_t *now = feedback_settings(&admin, &err);
	CHECK_STR(json_string_value(json_object_get(now, "rate_limit")), "5");	/* all or nothing */
	json_decref(now);
	/* This address has sent 5 already (the tests above): set the limit at 6. */
	json_t *in = json_pack("{s:i}", "rate_limit", 6);
	CHECK_INT(feedback_settings_put(&admin, in, &out, &err), ERR_OK);
	json_decref(out);
	json_decref(in);
	submit(FORM, NULL);
	json_t *form = json_loads(FORM, 0, NULL);
	CHECK_INT(feedback_submit(&sys, form, NULL, 0, &out, &err), ERR_THROTTLED);
	CHECK(err.retry_after > 0 && err.retry_after <= 3600);
	/* Its files are refused before they are read, with the same wait. */
	size_t max_files = 9, max_bytes = 9;
	CHECK_INT(feedback_upload_limits(&sys, &max_files, &max_bytes, &err), ERR_THROTTLED);
	CHECK(err.retry_after > 0 && err.retry_after <= 3600);
	/* Another address is not limited. */
	struct tracker elsewhere = sys;
	elsewhere.address = "198.51.100.1";
	CHECK_INT(feedback_upload_limits(&elsewhere, &max_files, &max_bytes, &err), ERR_OK);
	CHECK_INT(feedback_submit(&elsewhere, form, NULL, 0, &out, &err), ERR_OK);
	json_decref(out);
	json_decref(form);
}

static void test_counts(void)
{
	struct tracker t = as(LEADER), v = as(VIEWER);
	struct err err;
	CHECK(feedback_stats(&v, date_today(), &err) == NULL);
	CHECK_INT(err.code, ERR_FORBIDDEN);
	json_t *s = feedback_stats(&t, date_today(), &err), *u;
	CHECK(s != NULL);
	size_t i;
	json_t *d1 = NULL, *d2 = NULL;
	json_array_foreach(json_object_get(s, "units"), i, u) {
		const char *code = json_string_value(json_object_get(u, "unit_code"));
		if (code && strcmp(code, "D1") == 0)
			d1 = u;
		if (code && strcmp(code, "D2") == 0)
			d2 = u;
	}
	CHECK_INT(json_integer_value(json_object_get(d1, "answered_on_time")), 1);
	CHECK_INT(json_integer_value(json_object_get(d2, "satisfied")), 1);
	CHECK(json_real_value(json_object_get(d2, "satisfaction_rate")) == 100.0);
	/* Vietnamese order: "Sở Công Thương" before "Sở Xây dựng". */
	const char *first = json_string_value(json_object_get(json_array_get(json_object_get(s, "units"), 0), "unit_name"));
	CHECK(first && vi_strcmp(first, "Sở Xây dựng") <= 0);
	json_decref(s);
}

/* Only the receiving unit (and the admin) marks; a marked one leaves the
 * list and the counts, and comes back when the mark is cleared. */
static void test_marks_by_role(void)
{
	struct tracker admin = as(ADMIN), leader = as(LEADER);
	struct err err;
	json_t *in = json_loads("{\"channel\": \"letter\", \"content\": \"Quảng cáo\", \"name\": \"X\", "
				"\"address\": \"Y\"}", 0, NULL), *out = NULL;
	CHECK_INT(feedback_intake(&admin, in, &out, &err), ERR_OK);
	int64_t id = json_integer_value(json_object_get(out, "id"));
	char code[32];
	snprintf(code, sizeof code, "%s", json_string_value(json_object_get(out, "code")));
	json_decref(out);
	json_decref(in);
	json_t *before = feedback_stats(&leader, date_today(), &err);
	json_int_t received = json_integer_value(json_object_get(json_object_get(before, "total"), "received"));
	json_decref(before);
	const char *spam = "{\"mark\": \"spam\", \"reason\": \"Quảng cáo\"}";
	for (int w = 0; w < NWHO; w++)
		if (w != ADMIN && w != VP_OFF && w != VP_HEAD)
			CHECK_INT(try_step(w, "mark", id, spam), ERR_FORBIDDEN);
	CHECK_INT(try_step(VP_OFF, "mark", 999999, spam), ERR_NOT_FOUND);
	char *self = xasprintf("{\"mark\": \"duplicate\", \"duplicate_of\": \"%s\", \"reason\": \"x\"}", code);
	CHECK_INT(try_step(VP_OFF, "mark", id, self), ERR_INVALID);
	free(self);
	CHECK_INT(try_step(VP_OFF, "mark", id, "{\"mark\": \"duplicate\", \"duplicate_of\": \"PAKN-AAAAA-AAAAA\", "
						"\"reason\": \"x\"}"), ERR_INVALID);
	CHECK_INT(try_step(VP_HEAD, "mark", id, spam), ERR_OK);
	json_t *after = feedback_stats(&leader, date_today(), &err);
	CHECK_INT(json_integer_value(json_object_get(json_object_get(after, "total"), "received")), received - 1);
	json_decref(after);
	CHECK_INT(try_step(ADMIN, "mark", id, "{\"mark\": \"none\"}"), ERR_OK);
	CHECK_INT(try_step(ADMIN, "mark", id, "{\"mark\": \"none\"}"), ERR_CONFLICT);
	after = feedback_stats(&leader, date_today(), &err);
	CHECK_INT(json_integer_value(json_object_get(json_object_get(after, "total"), "received")), received);
	json_decref(after);
}

/* One spelling per challenge: what feedback_challenge() writes and nothing
 * near it (a sign, a leading zero, capitals, a byte more or less). */
static void test_nonce_spelling(void)
{
	static const char mac[] = "abababababababababababababababababababababababababababababababab",
			  random[] = "0123456789abcdef0123456789abcdef";
	struct fb_nonce n;
	char text[256];
	snprintf(text, sizeof text, "1767225600.18.%s.%s", random, mac);
	CHECK(fb_nonce_parse(text, strlen(text), &n));
	CHECK(n.expires == 1767225600LL);
	CHECK_INT(n.bits, 18);
	CHECK_INT((int)n.signed_len, (int)strlen("1767225600.18.") + 32);
	CHECK_INT(n.mac[0], 0xab);
	/* Each: the text before RANDOM, between RANDOM and MAC, after MAC. */
	static const struct {
		const char *head, *between, *tail;
	} near[] = {
		{"+1767225600.18.", ".", ""}, {"01767225600.18.", ".", ""}, {"1767225600.018.", ".", ""},
		{"1767225600.0.", ".", ""},   {"1767225600.256.", ".", ""}, {"1767225600.18.", ".", "a"},
		{"1767225600.18.", ".", "."}, {"1767225600.18.", "..", ""}, {" 1767225600.18.", ".", ""},
		{"1767225600.18.", "", ""},   {"9999999999999999999.18.", ".", ""}, {"1767225600.18.", ".", "\n"},
	};
	for (size_t i = 0; i < ARRAY_LEN(near); i++) {
		snprintf(text, sizeof text, "%s%s%s%s%s", near[i].head, random, near[i].between, mac, near[i].tail);
		CHECK(!fb_nonce_parse(text, strlen(text), &n));
	}
	snprintf(text, sizeof text, "1767225600.18.%s.%s", random, mac);
	text[strlen(text) - 1] = 'B';
	CHECK(!fb_nonce_parse(text, strlen(text), &n));
	text[strlen(text) - 1] = '\0';
	CHECK(!fb_nonce_parse(text, strlen(text) + 1, &n));	/* a NUL inside */
}

/* Submits body (JSON) with files from address 192.0.2.44; the error code, *id the new feedback's. */
static enum err_code submit_files(const char *body, const struct evidence_new *files, size_t n, int64_t *id)
{
	struct err err;
	json_t *in = json_loads(body, 0, NULL), *out = NULL;
	struct tracker t = sys;
	t.who = NULL;
	t.address = "192.0.2.44";
	enum err_code rc = feedback_submit(&t, in, files, n, &out, &err);
	*id = json_integer_value(json_object_get(out, "id"));
	json_decref(in);
	json_decref(out);
	return rc;
}

static size_t feedback_count(void)
{
	struct err err;
	json_t *all = store_feedback_list(st, "9999-12-31", &err);
	size_t n = json_array_size(all);
	json_decref(all);
	return n;
}

/* Files attached by the sender: checked like evidence, all or nothing, and
 * seen only by the receiving and the handling unit. */
static void test_attachments(void)
{
	struct err err;
	int64_t id = 0, none = 0;
	CHECK_INT(store_feedback_setting_set(st, "rate_limit", "1000", &err), ERR_OK);
	sys.data_dir = dir;
	/* JVBERi0xLjQK is "%PDF-1.4\n", dGV4dAo= "text\n". */
	char body[1024];
#define WITH(files) (snprintf(body, sizeof body, "{\"content\": \"Kèm tệp\", \"name\": \"Dân\", \"phone\": " \
					    "\"0912345678\", \"attachments\": [%s]}", files), body)
	CHECK_INT(submit_files(WITH("{\"name\": \"don.pdf\", \"content_base64\": \"JVBERi0xLjQK\"},"
				    "{\"name\": \"ghi-chu.txt\", \"content_base64\": \"dGV4dAo=\"}"), NULL, 0, &id), ERR_OK);
	size_t before = feedback_count();
	const struct {
		const char *files;
		enum err_code code;
	} bad[] = {
		{"{\"name\": \"gia.pdf\", \"content_base64\": \"dGV4dAo=\"}", ERR_UNSUPPORTED},	/* text named .pdf */
		{"{\"name\": \"a.pdf\", \"content_base64\": \"AAEC\"}", ERR_UNSUPPORTED},	/* no accepted type */
		{"{\"name\": \"a.pdf\", \"content_base64\": \"!!\"}", ERR_INVALID},
		{"{\"name\": \"\", \"content_base64\": \"JVBERi0xLjQK\"}", ERR_INVALID},
		{"{\"name\": \"a/b.pdf\", \"content_base64\": \"JVBERi0xLjQK\"}", ERR_INVALID},
		{"{\"name\": \"a.pdf\"}", ERR_INVALID},
		{"{\"name\": \"a.pdf\", \"content_base64\": \"\"}", ERR_INVALID},	/* empty */
		{"\"a.pdf\"", ERR_INVALID},
		{"1,2,3,4", ERR_TOO_LARGE},
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		CHECK_INT(submit_files(WITH(bad[i].files), NULL, 0, &none), bad[i].code);
		CHECK_INT(feedback_count(), before);
	}
	/* Files uploaded by the form, as the API hands them over (and an empty list is a list). */
	static const char PLAIN[] = "{\"content\": \"Kèm tệp\", \"name\": \"Dân\", \"phone\": \"0912345678\"}";
	struct evidence_new up[4] = {{.filename = "a.pdf", .mime = "text/plain; charset=utf-8", .size = 5}};
	memset(up[0].sha256, 'a', 64);
	CHECK_INT(submit_files(PLAIN, up, 1, &none), ERR_UNSUPPORTED);
	up[0].filename = "a.txt";
	up[0].size = 30 << 20;
	CHECK_INT(submit_files(PLAIN, up, 1, &none), ERR_TOO_LARGE);
	up[0].size = 5;
	up[1] = up[2] = up[3] = up[0];
	CHECK_INT(submit_files(PLAIN, up, 4, &none), ERR_TOO_LARGE);
	CHECK_INT(submit_files(WITH("{\"name\": \"don.pdf\", \"content_base64\": \"JVBERi0xLjQK\"}"), up, 1, &none),
		  ERR_INVALID);
	CHECK_INT(feedback_count(), before);
	CHECK_INT(store_feedback_setting_set(st, "attachment_max_files", "0", &err), ERR_OK);
	CHECK_INT(submit_files(PLAIN, up, 1, &none), ERR_TOO_LARGE);
	CHECK_INT(store_feedback_setting_set(st, "attachment_max_files", "3", &err), ERR_OK);
	int64_t with_form = 0;
	CHECK_INT(submit_files(PLAIN, up, 1, &with_form), ERR_OK);
	CHECK_INT(feedback_count(), before + 1);
#undef WITH

	/* Before it is forwarded only the receiving unit sees them; then the handling unit too. */
	const int before_forward[NWHO] = {[ADMIN] = 1, [VP_OFF] = 1, [VP_HEAD] = 1};
	const int after_forward[NWHO] = {[ADMIN] = 1, [VP_OFF] = 1, [VP_HEAD] = 1, [D1_OFF] = 1, [D1_HEAD] = 1};
	for (int round = 0; round < 2; round++) {
		for (int w = 0; w < NWHO; w++) {
			struct tracker t = as(w);
			json_t *list = feedback_attachments(&t, id, &err);
			int ok = (round ? after_forward : before_forward)[w];
			CHECK_INT(list != NULL, ok);
			if (!ok)
				CHECK_INT(err.code, ERR_FORBIDDEN);
			json_t *items = json_object_get(list, "items");
			if (ok) {
				CHECK_INT(json_array_size(items), 2);
				CHECK_STR(json_string_value(json_object_get(json_array_get(items, 0), "filename")), "don.pdf");
				CHECK(json_object_get(json_array_get(items, 0), "sha256") == NULL);
			}
			char *path = NULL;
			json_t *one = feedback_attachment_get(
				&t, id, ok ? json_integer_value(json_object_get(json_array_get(items, 1), "id")) : 1, &path, &err);
			CHECK_INT(one != NULL, ok);
			if (one) {
				CHECK_STR(json_string_value(json_object_get(one, "mime")), "text/plain; charset=utf-8");
				CHECK(access(path, R_OK) == 0);
			}
			free(path);
			json_decref(one);
			json_decref(list);
		}
		if (!round)
			CHECK_INT(try_step(VP_OFF, "classify", id, "{\"decision\": \"forward\", \"unit\": \"D1\"}"), ERR_OK);
	}
	struct tracker t = as(VP_OFF);
	char *path = NULL;
	CHECK(feedback_attachment_get(&t, id, 999999, &path, &err) == NULL);
	CHECK_INT(err.code, ERR_NOT_FOUND);
	CHECK_STR(err.field, "attachment");
	CHECK(feedback_attachments(&t, 999999, &err) == NULL);
	CHECK_INT(err.code, ERR_NOT_FOUND);
	/* The public status names no file. */
	json_t *row = store_feedback_get(st, id, NULL, &err);
	json_t *pub = feedback_public(&sys, json_string_value(json_object_get(row, "code")), &err);
	char *text = json_dumps(pub, 0);
	CHECK(text && !strstr(text, "don.pdf") && !strstr(text, "attach"));
	free(text);
	json_decref(pub);
	json_decref(row);
	sys.data_dir = NULL;
}

int main(void)
{
	setup();
	RUN(test_bad_input);
	RUN(test_public_view);
	RUN(test_who_sees_the_sender);
	RUN(test_steps_by_role);
	RUN(test_rating);
	RUN(test_deadlines_and_states);
	RUN(test_settings_and_limit);
	RUN(test_counts);
	RUN(test_marks_by_role);
	RUN(test_nonce_spelling);
	RUN(test_attachments);
	teardown();
	return test_summary();
}
