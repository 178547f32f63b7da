/*
 * The PAR index: criteria sets imported, validated (each bad file refused
 * naming its row, nothing written), exported, copied and frozen once in
 * use; assessments opened, scored, submitted and appraised by principals
 * of every role, with steps out of order refused; results ranked with
 * bands; and the example sets of the demo valid as shipped.  The workflow
 * after the submission (take, explain, answer, approve, reopen) step by
 * step with every role allowed or refused, and set versions.
 */
#include "base/base.h"
#include "base/date.h"
#include "base/embed.h"
#include "domain/auth.h"
#include "domain/par.h"
#include "domain/tracker.h"
#include "store/store.h"
#include "par_fixture.h"
#include "test.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];
static struct tracker *tr;

enum who { ADMIN, LEADER, HOME_AFFAIRS, OTHER_LEAD, OFFICER_A, HEAD_A, HEAD_B, INSPECTOR, VIEWER, NWHO };
static struct principal who[NWHO];
static const struct {
	const char *name, *unit;
	unsigned role;
} cast[NWHO] = {
	[ADMIN] = {"quantri", "P", ROLE_ADMIN},		[LEADER] = {"lanhdao", "P", ROLE_LEADER},
	[HOME_AFFAIRS] = {"snv", "SNV", ROLE_LEAD_AGENCY}, [OTHER_LEAD] = {"stp", "STP", ROLE_LEAD_AGENCY},
	[OFFICER_A] = {"canbo.a", "XA", ROLE_UNIT_OFFICER}, [HEAD_A] = {"chutich.a", "XA", ROLE_UNIT_HEAD},
	[HEAD_B] = {"chutich.b", "XB", ROLE_UNIT_HEAD},	[INSPECTOR] = {"thanhtra", "STP", ROLE_INSPECTOR},
	[VIEWER] = {"xem", "P", ROLE_VIEWER},
};

/* A set of two fields (60 + 40) and a bonus/penalty part; extra nodes
 * (JSON text, with a leading comma) replace nothing and are added. */
static const char *const SET =
	"{\"year\": %d, \"kind\": \"commune\", \"name\": \"Bộ chỉ số thử\", \"example\": true, \"nodes\": ["
	"{\"code\": \"1\", \"name\": \"Chỉ đạo, điều hành\", \"max\": 60},"
	"{\"code\": \"1.1\", \"parent\": \"1\", \"name\": \"Kế hoạch\", \"max\": 60},"
	"{\"code\": \"1.1.1\", \"parent\": \"1.1\", \"name\": \"Ban hành kế hoạch\", \"max\": 20, \"rule\": \"yesno\"},"
	"{\"code\": \"1.1.2\", \"parent\": \"1.1\", \"name\": \"Thực hiện kế hoạch\", \"max\": 40, \"rule\": \"levels\","
	" \"levels\": [{\"label\": \"Đủ\", \"points\": 40}, {\"label\": \"Một phần\", \"points\": 20}, {\"label\": \"Không\", \"points\": 0}]},"
	"{\"code\": \"2\", \"name\": \"Tác động\", \"max\": 40},"
	"{\"code\": \"2.1\", \"parent\": \"2\", \"name\": \"Tỷ lệ đúng hạn\", \"max\": 10, \"rule\": \"ratio\","
	" \"thresholds\": [{\"min\": 98, \"points\": 10}, {\"min\": 0, \"points\": 0}]},"
	"{\"code\": \"2.2\", \"parent\": \"2\", \"name\": \"Hài lòng\", \"max\": 30, \"rule\": \"manual\", \"scored_by\": \"survey\"},"
	"{\"code\": \"TP\", \"name\": \"Điểm thưởng, điểm trừ\", \"max\": 5, \"rule\": \"adjustment\", \"scored_by\": \"appraisal\"}"
	"%s]}";

static json_t *body(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = NULL;
	if (vasprintf(&text, fmt, ap) < 0)
		abort();
	va_end(ap);
	json_error_t je;
	json_t *j = json_loads(text, 0, &je);
	if (!j)
		fprintf(stderr, "bad test JSON: %s\n%s\n", je.text, text);
	free(text);
	return j;
}

/* tr acting as w (NULL: the system). */
static struct tracker *as(enum who w)
{
	tr->who = (int)w == NWHO ? NULL : &who[w];
	return tr;
}

static void setup(void)
{
	static const struct unit_new units[] = {
		{.code = "P", .name = "Ủy ban nhân dân tỉnh", .kind = "province"},
		{.code = "SNV", .name = "Sở Nội vụ", .kind = "department", .parent_code = "P"},
		{.code = "STP", .name = "Sở Tư pháp", .kind = "department", .parent_code = "P"},
		{.code = "XA", .name = "Xã Đức Long", .kind = "commune", .parent_code = "P"},
		{.code = "XB", .name = "Xã Đông Khê", .kind = "commune", .parent_code = "P"},
		{.code = "XC", .name = "Phường Tân Giang", .kind = "ward", .parent_code = "P"},
	};
	tr = par_fixture_open(dir, 0, units, ARRAY_LEN(units));
	struct err err;
	CHECK_INT(store_field_add(tr->store, "THECHE", 2, "Cải cách thể chế", "Institutions", "STP", &err), ERR_OK);
	for (int w = 0; w < NWHO; w++) {
		who[w] = (struct principal){.account_id = 100 + w, .roles = cast[w].role,
					    .unit_id = tracker_unit_ref(tr, cast[w].unit)};
		snprintf(who[w].name, sizeof who[w].name, "%s", cast[w].name);
	}
}

static void teardown(void)
{
	tracker_close(tr);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	free(cmd);
}

static size_t count_sets(void)
{
	struct err err;
	json_t *sets = par_sets(as(NWHO), &err);
	size_t n = json_array_size(sets);
	json_decref(sets);
	return n;
}

/* Imports SET for year with extra nodes as w; the set's id or 0 with err. */
static int64_t import(enum who w, int year, const char *extra, struct err *err)
{
	json_t *in = body(SET, year, extra);
	json_t *out = par_set_import(as(w), in, err);
	int64_t id = json_integer_value(json_object_get(out, "id"));
	json_decref(in);
	json_decref(out);
	return id;
}

/* Expects the import of a broken file to fail naming field, writing nothing. */
static void refused(const char *file, const char *field, const char *says)
{
	size_t before = count_sets();
	struct err err;
	json_t *in = body("%s", file);
	json_t *out = par_set_import(as(HOME_AFFAIRS), in, &err);
	CHECK(out == NULL);
	if (!out) {
		CHECK_INT(err.code, ERR_INVALID);
		CHECK_STR(err.field, field);
		if (!strstr(err.message, says))
			fprintf(stderr, "  message \"%s\" lacks \"%s\"\n", err.message, says);
		CHECK(strstr(err.message, says) != NULL);
	}
	CHECK_INT(count_sets(), before);
	json_decref(in);
	json_decref(out);
}

static void test_sets(void)
{
	struct err err;
	CHECK(import(OFFICER_A, 2026, "", &err) == 0 && err.code == ERR_FORBIDDEN);
	CHECK(import(OTHER_LEAD, 2026, "", &err) == 0 && err.code == ERR_FORBIDDEN);
	int64_t id = import(HOME_AFFAIRS, 2026, "", &err);
	CHECK(id > 0);
	/* The tree: two fields and the bonus part at the top, levels told by the parents. */
	json_t *set = par_set_tree(as(VIEWER), id, &err);
	json_t *tree = json_object_get(set, "tree");
	CHECK_INT(json_array_size(tree), 3);
	json_t *leaf = json_array_get(json_object_get(json_array_get(json_object_get(json_array_get(tree, 0), "children"), 0),
						      "children"), 1);
	CHECK_STR(json_string_value(json_object_get(leaf, "code")), "1.1.2");
	CHECK_INT(json_integer_value(json_object_get(leaf, "level")), 3);
	CHECK(json_is_true(json_object_get(set, "example")));
	json_decref(set);
	/* Exported and imported again, the same set (its unused version replaced). */
	json_t *file = par_set_export(as(VIEWER), id, &err);
	json_t *again = par_set_import(as(ADMIN), file, &err);
	CHECK_INT(json_integer_value(json_object_get(again, "id")), id);
	CHECK_INT(json_integer_value(json_object_get(again, "version")), 1);
	CHECK_INT(json_integer_value(json_object_get(again, "nodes")), 8);
	json_decref(again);
	json_decref(file);
	/* Copied to the next year, once. */
	json_t *y = body("{\"year\": 2027}");
	json_t *copy = par_set_copy(as(HOME_AFFAIRS), id, y, &err);
	CHECK_INT(json_integer_value(json_object_get(copy, "year")), 2027);
	CHECK_INT(json_integer_value(json_object_get(copy, "copied_from")), id);
	CHECK(par_set_copy(as(HOME_AFFAIRS), id, y, &err) == NULL && err.code == ERR_CONFLICT);
	CHECK(par_set_copy(as(HEAD_A), id, y, &err) == NULL && err.code == ERR_FORBIDDEN);
	json_decref(copy);
	json_decref(y);
}

static void test_bad_sets(void)
{
	static const char *const head = "{\"year\": 2030, \"kind\": \"commune\", \"name\": \"X\", \"nodes\": [";
	char file[2048];
	/* The children of 1.1 add up to 50, not 60. */
	snprintf(file, sizeof file, "%s%s", head,
		 "{\"code\": \"1\", \"name\": \"A\", \"max\": 100}, {\"code\": \"1.1\", \"parent\": \"1\", \"name\": \"B\", \"max\": 100},"
		 "{\"code\": \"1.1.1\", \"parent\": \"1.1\", \"name\": \"C\", \"max\": 50, \"rule\": \"manual\"}]}");
	refused(file, "nodes[1].max", "(1.1)");
	snprintf(file, sizeof file, "%s%s", head, "{\"code\": \"1\", \"name\": \"A\", \"max\": 90, \"rule\": \"manual\"}]}");
	refused(file, "nodes", "not 100");
	snprintf(file, sizeof file, "%s%s", head,
		 "{\"code\": \"1\", \"name\": \"A\", \"max\": 100, \"rule\": \"manual\"},"
		 "{\"code\": \"2.1\", \"parent\": \"2\", \"name\": \"B\", \"max\": 0, \"rule\": \"manual\"}]}");
	refused(file, "nodes[1].parent", "'2' is not in the set");
	snprintf(file, sizeof file, "%s%s", head,
		 "{\"code\": \"1\", \"parent\": \"2\", \"name\": \"A\", \"max\": 100}, {\"code\": \"2\", \"parent\": \"1\", \"name\": \"B\", \"max\": 100}]}");
	refused(file, "nodes[0].parent", "loop");
	snprintf(file, sizeof file, "%s%s", head,
		 "{\"code\": \"1\", \"name\": \"A\", \"max\": 100, \"rule\": \"manual\"}, {\"code\": \"1\", \"name\": \"B\", \"max\": 0, \"rule\": \"manual\"}]}");
	refused(file, "nodes[1].code", "twice");
	snprintf(file, sizeof file, "%s%s", head, "{\"code\": \"1\", \"name\": \"A\", \"max\": 100}]}");
	refused(file, "nodes[0].rule", "needs a 'rule'");
	snprintf(file, sizeof file, "%s%s", head,
		 "{\"code\": \"1\", \"name\": \"A\", \"max\": 100, \"rule\": \"levels\", \"levels\": [{\"label\": \"x\", \"points\": 120}]}]}");
	refused(file, "nodes[0].levels", "outside 0 to 100");
	snprintf(file, sizeof file, "%s%s", head, "{\"code\": \"1\", \"name\": \"A\", \"max\": \"nhiều\", \"rule\": \"manual\"}]}");
	refused(file, "nodes[0].max", "must be a number");
	snprintf(file, sizeof file, "%s%s", head,
		 "{\"code\": \"1\", \"name\": \"A\", \"max\": 100}, {\"code\": \"1.1\", \"parent\": \"1\", \"name\": \"B\", \"max\": 100},"
		 "{\"code\": \"1.1.1\", \"parent\": \"1.1\", \"name\": \"C\", \"max\": 100},"
		 "{\"code\": \"1.1.1.1\", \"parent\": \"1.1.1\", \"name\": \"D\", \"max\": 100, \"rule\": \"manual\"}]}");
	refused(file, "nodes[3].parent", "more than 3 levels");
	refused("{\"year\": 2030, \"kind\": \"huyện\", \"name\": \"X\", \"nodes\": []}", "kind", "department or commune");
	refused("{\"year\": 1990, \"kind\": \"commune\", \"name\": \"X\", \"nodes\": []}", "year", "year");
}

/* Puts {scores: [{code, points, note}]} as w; the answer's error code. */
static enum err_code put(enum who w, int64_t id, const char *scores, bool appraisal, struct err *err)
{
	json_t *in = body("{\"scores\": [%s]}", scores);
	json_t *out = appraisal ? par_appraise(as(w), id, in, err) : par_scores_put(as(w), id, in, err);
	enum err_code rc = out ? ERR_OK : err->code;
	json_decref(in);
	json_decref(out);
	return rc;
}

static int64_t open_for(enum who w, const char *unit, int year, struct err *err)
{
	json_t *in = body("{\"unit\": \"%s\", \"year\": %d}", unit, year);
	json_t *a = par_assessment_open(as(w), in, err);
	int64_t id = json_integer_value(json_object_get(a, "id"));
	json_decref(in);
	json_decref(a);
	return id;
}

static void test_assessments(void)
{
	struct err err;
	int64_t set = store_par_set_latest(tr->store, 2026, "commune");
	CHECK(open_for(OFFICER_A, "XB", 2026, &err) == 0 && err.code == ERR_FORBIDDEN);
	CHECK(open_for(HOME_AFFAIRS, "XA", 2026, &err) == 0 && err.code == ERR_FORBIDDEN);
	CHECK(open_for(OFFICER_A, "XA", 2031, &err) == 0 && err.code == ERR_INVALID);
	CHECK(open_for(NWHO, "P", 2026, &err) == 0 && err.code == ERR_INVALID && !strcmp(err.field, "unit"));
	int64_t a = open_for(OFFICER_A, "XA", 2026, &err);
	CHECK(a > 0);
	CHECK(open_for(HEAD_A, "XA", 2026, &err) == 0 && err.code == ERR_CONFLICT);
	/* Points refused naming the criterion; nothing written. */
	CHECK_INT(put(OFFICER_A, a, "{\"code\": \"1.1.2\", \"points\": 41}", false, &err), ERR_INVALID);
	CHECK(strstr(err.message, "1.1.2") != NULL);
	CHECK_INT(put(OFFICER_A, a, "{\"code\": \"2.1\", \"points\": -1}", false, &err), ERR_INVALID);
	CHECK_INT(put(OFFICER_A, a, "{\"code\": \"1.1.1\", \"points\": 5}", false, &err), ERR_INVALID);
	CHECK_INT(put(OFFICER_A, a, "{\"code\": \"1.1.2\", \"points\": 30}", false, &err), ERR_INVALID);
	CHECK_INT(put(OFFICER_A, a, "{\"code\": \"2.2\", \"points\": 30}", false, &err), ERR_INVALID);
	CHECK(strstr(err.message, "survey") != NULL);
	CHECK_INT(put(OFFICER_A, a, "{\"code\": \"1.1\", \"points\": 3}", false, &err), ERR_INVALID);
	CHECK_INT(put(OFFICER_A, a, "{\"code\": \"9\", \"points\": 3}", false, &err), ERR_INVALID);
	CHECK_INT(put(OFFICER_A, a, "{\"code\": \"2.1\", \"points\": 1}, {\"code\": \"2.1\", \"points\": 2}", false, &err), ERR_INVALID);
	CHECK_INT(put(OFFICER_A, a, "{\"code\": \"2.1\", \"points\": \"mười\"}", false, &err), ERR_INVALID);
	CHECK_INT(put(HEAD_B, a, "{\"code\": \"2.1\", \"points\": 1}", false, &err), ERR_FORBIDDEN);
	CHECK_INT(put(HOME_AFFAIRS, a, "{\"code\": \"2.1\", \"points\": 1}", false, &err), ERR_FORBIDDEN);
	CHECK_INT(put(ADMIN, a, "{\"code\": \"2.1\", \"points\": 1}", false, &err), ERR_FORBIDDEN);
	json_t *scores = store_par_scores(tr->store, a, &err);
	CHECK_INT(json_array_size(scores), 0);
	json_decref(scores);
	/* Partly scored: the head may not submit yet; the officer never. */
	CHECK_INT(put(OFFICER_A, a, "{\"code\": \"1.1.1\", \"points\": 20, \"note\": \"KH số 12\"},"
		      "{\"code\": \"1.1.2\", \"points\": 20}", false, &err), ERR_OK);
	CHECK(par_submit(as(OFFICER_A), a, &err) == NULL && err.code == ERR_FORBIDDEN);
	CHECK(par_submit(as(HEAD_A), a, &err) == NULL && err.code == ERR_INVALID && strstr(err.message, "2.1"));
	CHECK(par_appraise(as(HOME_AFFAIRS), a, NULL, &err) == NULL);
	CHECK_INT(put(HOME_AFFAIRS, a, "{\"code\": \"2.1\", \"points\": 10, \"reason\": \"x\"}", true, &err), ERR_CONFLICT);
	CHECK_INT(put(HEAD_A, a, "{\"code\": \"2.1\", \"points\": 10}", false, &err), ERR_OK);
	json_t *done = par_submit(as(HEAD_A), a, &err);
	CHECK_STR(json_string_value(json_object_get(done, "status")), "submitted");
	json_decref(done);
	CHECK(par_submit(as(HEAD_A), a, &err) == NULL && err.code == ERR_CONFLICT);
	CHECK_INT(put(OFFICER_A, a, "{\"code\": \"2.1\", \"points\": 0}", false, &err), ERR_CONFLICT);
	/* The set is in use: a new import makes version 2; the assessment keeps 1. */
	int64_t v2 = import(HOME_AFFAIRS, 2026, "", &err);
	CHECK(v2 > 0 && v2 != set);
	json_t *sets = par_sets(as(VIEWER), &err);
	size_t i;
	json_t *s;
	json_array_foreach(sets, i, s)
		if (json_integer_value(json_object_get(s, "id")) == set)
			CHECK(json_is_true(json_object_get(s, "frozen")));
	json_decref(sets);
	/* Appraisal: by Home Affairs only, a change needs a reason. */
	CHECK_INT(put(ADMIN, a, "{\"code\": \"2.2\", \"points\": 27, \"reason\": \"XHH\"}", true, &err), ERR_FORBIDDEN);
	CHECK_INT(put(OTHER_LEAD, a, "{\"code\": \"2.2\", \"points\": 27, \"reason\": \"XHH\"}", true, &err), ERR_FORBIDDEN);
	CHECK_INT(put(HOME_AFFAIRS, a, "{\"code\": \"1.1.2\", \"points\": 0}", true, &err), ERR_INVALID);
	CHECK(strstr(err.message, "reason") != NULL);
	CHECK_INT(put(HOME_AFFAIRS, a, "{\"code\": \"1.1.2\", \"points\": 0, \"reason\": \"Không có minh chứng\"},"
		      "{\"code\": \"2.2\", \"points\": 27, \"reason\": \"Kết quả XHH\"}, {\"code\": \"TP\", \"points\": -2, \"reason\": \"Bị phê bình\"}",
		      true, &err), ERR_OK);
	json_t *full = par_assessment(as(HEAD_A), a, &err);
	json_t *total = json_object_get(full, "total");
	CHECK_STR(json_string_value(json_object_get(full, "status")), "appraised");
	CHECK(json_real_value(json_object_get(total, "self_points")) == 50);
	CHECK(json_real_value(json_object_get(total, "appraised_points")) == 55);	/* 20 + 0 + 10 + 27 - 2 */
	CHECK(json_real_value(json_object_get(total, "appraised_index")) == 55);
	json_decref(full);
	/* Who reads: the unit, Home Affairs, leaders, inspectors; not another unit or a viewer. */
	static const enum who readers[] = {ADMIN, LEADER, HOME_AFFAIRS, OFFICER_A, HEAD_A, INSPECTOR};
	for (size_t k = 0; k < ARRAY_LEN(readers); k++) {
		json_t *r = par_assessment(as(readers[k]), a, &err);
		CHECK(r != NULL);
		json_decref(r);
	}
	CHECK(par_assessment(as(HEAD_B), a, &err) == NULL && err.code == ERR_FORBIDDEN);
	CHECK(par_assessment(as(OTHER_LEAD), a, &err) == NULL && err.code == ERR_FORBIDDEN);
	CHECK(par_assessment(as(VIEWER), a, &err) == NULL && err.code == ERR_FORBIDDEN);
	CHECK(par_assessment(as(HEAD_A), 9999, &err) == NULL && err.code == ERR_NOT_FOUND);
	/* The audit trail names who gave the points. */
	char eid[24];
	snprintf(eid, sizeof eid, "%lld", (long long)a);
	json_t *trail = store_audit_of(tr->store, "par_assessment", eid, &err);
	int by_home = 0;
	json_array_foreach(trail, i, s)
		by_home |= !strcmp(json_string_value(json_object_get(s, "actor")), "snv");
	CHECK(by_home);
	json_decref(trail);
}

static void test_results(void)
{
	struct err err;
	/* XB and XC score the same: equal rank, Vietnamese order (Phường < Xã). */
	int64_t b = open_for(HEAD_B, "XB", 2026, &err), c = open_for(NWHO, "XC", 2026, &err);
	CHECK(b && c);
	CHECK_INT(put(HEAD_B, b, "{\"code\": \"1.1.1\", \"points\": 20}, {\"code\": \"1.1.2\", \"points\": 40}", false, &err), ERR_OK);
	CHECK_INT(put(NWHO, c, "{\"code\": \"1.1.1\", \"points\": 20}, {\"code\": \"1.1.2\", \"points\": 40}", false, &err), ERR_OK);
	json_t *r = par_results(as(LEADER), 2026, "commune", &err);
	json_t *items = json_object_get(r, "items");
	CHECK_INT(json_array_size(items), 3);
	CHECK_STR(json_string_value(json_object_get(json_array_get(items, 0), "unit_code")), "XC");
	CHECK_STR(json_string_value(json_object_get(json_array_get(items, 1), "unit_code")), "XB");
	CHECK_INT(json_integer_value(json_object_get(json_array_get(items, 1), "rank")), 1);
	CHECK_INT(json_integer_value(json_object_get(json_array_get(items, 2), "rank")), 3);
	json_t *first = json_array_get(items, 0);
	CHECK(json_real_value(json_object_get(first, "index")) == 60);
	CHECK_STR(json_string_value(json_object_get(first, "band")), "Yếu");
	json_t *f1 = json_array_get(json_object_get(first, "fields"), 0);
	CHECK(json_real_value(json_object_get(f1, "self_index")) == 100);
	json_decref(r);
	/* Others see their own row, ranked among all. */
	r = par_results(as(HEAD_A), 2026, NULL, &err);
	items = json_object_get(r, "items");
	CHECK_INT(json_array_size(items), 1);
	CHECK_INT(json_integer_value(json_object_get(json_array_get(items, 0), "rank")), 3);
	json_decref(r);
	CHECK(par_results(as(VIEWER), 2026, NULL, &err) == NULL && err.code == ERR_FORBIDDEN);
	CHECK(par_results(as(LEADER), 2026, "huyện", &err) == NULL && err.code == ERR_INVALID);
	json_t *list = par_assessments(as(HEAD_B), 2026, NULL, &err);
	CHECK_INT(json_array_size(list), 1);
	json_decref(list);
}

/* The shipped example sets import as they are. */
static void test_seed_sets(void)
{
	static const char *const files[] = {"par-2026-department.json", "par-2026-commune.json"};
	for (size_t i = 0; i < ARRAY_LEN(files); i++) {
		const struct embed_file *f = embed_find(embed_seed, files[i]);
		CHECK(f != NULL);
		json_t *in = f ? json_loadb((const char *)f->data, f->len, 0, NULL) : NULL;
		json_object_set_new(in, "year", json_integer(2040));
		struct err err;
		json_t *out = par_set_import(as(ADMIN), in, &err);
		if (!out)
			fprintf(stderr, "  %s: %s\n", files[i], err.message);
		CHECK(out && json_is_true(json_object_get(out, "example")));
		json_decref(out);
		json_decref(in);
	}
}

/* ---- the workflow after the submission -------------------------------- */

/* The status of assessment id as the system reads it ("" if none). */
static const char *flow_status(int64_t id)
{
	static char status[32];
	struct err err;
	json_t *a = par_assessment(as(NWHO), id, &err);
	snprintf(status, sizeof status, "%s", a ? json_string_value(json_object_get(a, "status")) : "");
	json_decref(a);
	return status;
}

enum flow_step { F_TAKE, F_EXPLAIN, F_ANSWER, F_APPROVE, F_REOPEN };

/* One step as w with the body text (NULL: none); the error code. */
static enum err_code flow(enum who w, enum flow_step step, int64_t id, const char *text, struct err *err)
{
	json_t *in = text ? body("%s", text) : NULL, *out = NULL;
	switch (step) {
	case F_TAKE: out = par_take(as(w), id, err); break;
	case F_EXPLAIN: out = par_explain(as(w), id, in, err); break;
	case F_ANSWER: out = par_answer(as(w), id, in, err); break;
	case F_APPROVE: out = par_approve(as(w), id, err); break;
	case F_REOPEN: out = par_reopen(as(w), id, in, err); break;
	}
	enum err_code rc = out ? ERR_OK : err->code;
	json_decref(in);
	json_decref(out);
	return rc;
}

/* Every role but allowed is refused the step (403), the status unchanged. */
static void only(enum who allowed, enum flow_step step, int64_t id, const char *text)
{
	char before[32];
	snprintf(before, sizeof before, "%s", flow_status(id));
	for (int w = 0; w < NWHO; w++) {
		struct err err;
		if (w == (int)allowed || (allowed == OFFICER_A && w == HEAD_A))
			continue;
		if (flow((enum who)w, step, id, text, &err) != ERR_FORBIDDEN)
			fprintf(stderr, "  %s was not refused step %d\n", cast[w].name, (int)step);
		CHECK_INT(err.code, ERR_FORBIDDEN);
	}
	CHECK_STR(flow_status(id), before);
}

/* A step refused as out of order: 409 naming the current status. */
static void out_of_order(enum who w, enum flow_step step, int64_t id, const char *text)
{
	struct err err;
	char before[32];
	snprintf(before, sizeof before, "%s", flow_status(id));
	CHECK_INT(flow(w, step, id, text, &err), ERR_CONFLICT);
	CHECK(strstr(err.message, before) != NULL);
	CHECK_STR(flow_status(id), before);
}

/* The open questions' ids of assessment id, as "[{id, answer}]" text. */
static char *answers_for(int64_t id, size_t keep)
{
	struct err err;
	json_t *a = par_assessment(as(NWHO), id, &err), *q;
	json_t *list = json_array();
	size_t i;
	json_array_foreach(json_object_get(a, "explanations"), i, q)
		if (json_is_null(json_object_get(q, "answer")) && json_array_size(list) < keep)
			json_array_append_new(list, json_pack("{s:O, s:s}", "id", json_object_get(q, "id"), "answer",
							      "Đã bổ sung tài liệu"));
	json_t *wrap = json_pack("{s:o}", "answers", list);
	char *text = json_dumps(wrap, JSON_COMPACT);
	json_decref(wrap);
	json_decref(a);
	return text;
}

static void test_flow(void)
{
	struct err err;
	CHECK(import(HOME_AFFAIRS, 2040, "", &err) > 0);
	int64_t a = open_for(OFFICER_A, "XA", 2040, &err);
	CHECK_INT(put(OFFICER_A, a, "{\"code\": \"1.1.1\", \"points\": 20}, {\"code\": \"1.1.2\", \"points\": 20},"
		      "{\"code\": \"2.1\", \"points\": 10}", false, &err), ERR_OK);
	out_of_order(HOME_AFFAIRS, F_TAKE, a, NULL);
	json_decref(par_submit(as(HEAD_A), a, &err));
	CHECK_STR(flow_status(a), "submitted");

	only(HOME_AFFAIRS, F_TAKE, a, NULL);
	CHECK_INT(flow(HOME_AFFAIRS, F_TAKE, a, NULL, &err), ERR_OK);
	CHECK_STR(flow_status(a), "under_appraisal");
	out_of_order(HOME_AFFAIRS, F_TAKE, a, NULL);
	CHECK_INT(flow(HOME_AFFAIRS, F_TAKE, 999999, NULL, &err), ERR_NOT_FOUND);

	/* Questions: bad ones refused naming the item, nothing written. */
	static const char QUESTIONS[] = "{\"questions\": [{\"code\": \"1.1.2\", \"question\": \"Minh chứng?\"},"
					"{\"question\": \"Giải trình chung\"}]}";
	only(HOME_AFFAIRS, F_EXPLAIN, a, QUESTIONS);
	CHECK_INT(flow(HOME_AFFAIRS, F_EXPLAIN, a, "{\"questions\": []}", &err), ERR_INVALID);
	CHECK_STR(err.field, "questions");
	CHECK_INT(flow(HOME_AFFAIRS, F_EXPLAIN, a, "{\"questions\": [{\"question\": \"a\"}, {\"code\": \"9.9\", "
		       "\"question\": \"b\"}]}", &err), ERR_INVALID);
	CHECK_STR(err.field, "questions[1]");
	CHECK_INT(flow(HOME_AFFAIRS, F_EXPLAIN, a, "{\"questions\": [{\"question\": \"  \"}]}", &err), ERR_INVALID);
	CHECK_STR(err.field, "questions[0]");
	CHECK_STR(flow_status(a), "under_appraisal");
	CHECK_INT(flow(HOME_AFFAIRS, F_EXPLAIN, a, QUESTIONS, &err), ERR_OK);
	CHECK_STR(flow_status(a), "explanation_requested");
	CHECK_INT(put(HOME_AFFAIRS, a, "{\"code\": \"TP\", \"points\": 1, \"reason\": \"x\"}", true, &err),
		  ERR_CONFLICT);

	/* The deadline: working days after today, overdue the day after. */
	json_t *got = par_assessment(as(OFFICER_A), a, &err);
	const char *due = json_string_value(json_object_get(got, "explanation_due"));
	CHECK(due && date_parse(due) > date_today());
	CHECK(json_is_false(json_object_get(got, "explanation_overdue")));
	CHECK_INT(json_array_size(json_object_get(got, "explanations")), 2);
	CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(got, "explanations"), 0), "code")),
		  "1.1.2");
	json_t *late = par_assessment_as_of(as(OFFICER_A), a, date_parse(due) + 1, &err);
	CHECK(json_is_true(json_object_get(late, "explanation_overdue")));
	json_decref(late);
	json_decref(got);

	/* Answers: every open question at once, by the unit. */
	char *all = answers_for(a, 2), *one = answers_for(a, 1);
	only(OFFICER_A, F_ANSWER, a, all);
	CHECK_INT(flow(OFFICER_A, F_ANSWER, a, one, &err), ERR_INVALID);
	CHECK_STR(err.field, "answers");
	CHECK_INT(flow(OFFICER_A, F_ANSWER, a, "{\"answers\": [{\"id\": 999999, \"answer\": \"x\"}]}", &err), ERR_INVALID);
	CHECK_STR(flow_status(a), "explanation_requested");
	CHECK_INT(flow(HEAD_A, F_ANSWER, a, all, &err), ERR_OK);
	CHECK_STR(flow_status(a), "under_appraisal");
	out_of_order(OFFICER_A, F_ANSWER, a, all);
	free(all);
	free(one);

	/* Appraised, then approved by a leader only. */
	out_of_order(LEADER, F_APPROVE, a, NULL);
	CHECK_INT(put(HOME_AFFAIRS, a, "{\"code\": \"2.2\", \"points\": 25, \"reason\": \"Khảo sát\"}", true, &err),
		  ERR_OK);
	CHECK_STR(flow_status(a), "appraised");
	only(LEADER, F_APPROVE, a, NULL);
	CHECK_INT(flow(LEADER, F_APPROVE, a, NULL, &err), ERR_OK);
	CHECK_STR(flow_status(a), "approved");

	/* Approved: nothing changes it but a leader's reopening with a reason. */
	CHECK_INT(put(OFFICER_A, a, "{\"code\": \"1.1.1\", \"points\": 0}", false, &err), ERR_CONFLICT);
	CHECK_INT(put(HOME_AFFAIRS, a, "{\"code\": \"TP\", \"points\": 1, \"reason\": \"x\"}", true, &err),
		  ERR_CONFLICT);
	out_of_order(HOME_AFFAIRS, F_EXPLAIN, a, QUESTIONS);
	out_of_order(OFFICER_A, F_ANSWER, a, "{\"answers\": [{\"id\": 1, \"answer\": \"x\"}]}");
	out_of_order(LEADER, F_APPROVE, a, NULL);
	only(LEADER, F_REOPEN, a, "{\"reason\": \"Sai sót số liệu\"}");
	CHECK_INT(flow(LEADER, F_REOPEN, a, "{}", &err), ERR_INVALID);
	CHECK_STR(err.field, "reason");
	CHECK_INT(flow(LEADER, F_REOPEN, a, "{\"reason\": \"   \"}", &err), ERR_INVALID);
	CHECK_STR(flow_status(a), "approved");
	CHECK_INT(flow(LEADER, F_REOPEN, a, "{\"reason\": \"Sai sót số liệu\"}", &err), ERR_OK);
	CHECK_STR(flow_status(a), "under_appraisal");
	got = par_assessment(as(LEADER), a, &err);
	CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(got, "reopenings"), 0), "reason")),
		  "Sai sót số liệu");
	json_decref(got);
	out_of_order(LEADER, F_REOPEN, a, "{\"reason\": \"lần hai\"}");
}

/* An edit of a set in use makes a new version pointing back to it. */
static void test_versions(void)
{
	struct err err;
	int64_t used = store_par_set_latest(tr->store, 2040, "commune");
	json_t *in = body(SET, 2040, "");
	json_object_set_new(in, "name", json_string("Bộ chỉ số sửa đổi"));
	CHECK(par_set_edit(as(OFFICER_A), used, in, &err) == NULL && err.code == ERR_FORBIDDEN);
	json_t *v2 = par_set_edit(as(HOME_AFFAIRS), used, in, &err);
	int64_t id2 = json_integer_value(json_object_get(v2, "id"));
	CHECK(id2 > used);
	CHECK_INT(json_integer_value(json_object_get(v2, "previous_id")), used);
	CHECK_INT(json_integer_value(json_object_get(v2, "version")), 2);
	/* Unused, the new version is edited in place. */
	json_t *again = par_set_edit(as(HOME_AFFAIRS), id2, in, &err);
	CHECK_INT(json_integer_value(json_object_get(again, "id")), id2);
	json_object_set_new(in, "year", json_integer(2041));
	CHECK(par_set_edit(as(HOME_AFFAIRS), id2, in, &err) == NULL && err.code == ERR_INVALID);
	CHECK_STR(err.field, "year");
	CHECK(par_set_edit(as(HOME_AFFAIRS), 999999, in, &err) == NULL && err.code == ERR_NOT_FOUND);
	json_decref(again);
	json_decref(v2);
	json_decref(in);
}

int main(void)
{
	setup();
	RUN(test_sets);
	RUN(test_bad_sets);
	RUN(test_assessments);
	RUN(test_results);
	RUN(test_seed_sets);
	RUN(test_flow);
	RUN(test_versions);
	teardown();
	return test_summary();
}
