/*
 * feedback_handle.c — handling feedback (see feedback.h): the public
 * status and the rating, the officials' list and item, classification,
 * the answer and its approval, extensions, and the counts per unit.
 */
#include "base/base.h"
#include "base/date.h"
#include "base/vitext.h"
#include "domain/deadline.h"
#include "domain/feedback.h"
#include "domain/feedback_int.h"
#include "domain/input.h"
#include "store/store.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *text_of(const json_t *row, const char *key)
{
	const char *v = json_string_value(json_object_get(row, key));
	return v ? v : "";
}

static int64_t int_of(const json_t *row, const char *key)
{
	return json_integer_value(json_object_get(row, key));
}

/*
 * The feedback's state on day as_of: rejected, answered_on_time,
 * answered_late, overdue (not answered and past the answer's deadline) or
 * open; NULL when it was received after as_of.
 */
static const char *state_on(const json_t *row, const char *as_of)
{
	if (strcmp(text_of(row, "received_on"), as_of) > 0)
		return NULL;
	const char *status = text_of(row, "status"), *due = text_of(row, "answer_due");
	const char *classified = text_of(row, "classified_on"), *answered = text_of(row, "answered_on");
	if (strcmp(status, "rejected") == 0 && *classified && strcmp(classified, as_of) <= 0)
		return "rejected";
	if (*answered && strcmp(answered, as_of) <= 0)
		return strcmp(answered, due) <= 0 ? "answered_on_time" : "answered_late";
	return strcmp(as_of, due) > 0 ? "overdue" : "open";
}

/* The units whose people act on the feedback: receiving, handling. */
void fb_targets(const json_t *row, struct permit_target *receiving, struct permit_target *handling)
{
	*receiving = (struct permit_target){.unit_id = int_of(row, "receiving_unit_id")};
	int64_t h = int_of(row, "handling_unit_id");
	/* Before it is forwarded, the receiving unit holds it. */
	*handling = (struct permit_target){.unit_id = h ? h : receiving->unit_id};
}

/* The row as officials see it (row is changed and returned): the sender's
 * contact details only for the receiving and the handling unit. */
static json_t *official_view(const struct tracker *tr, json_t *row, const char *as_of)
{
	struct permit_target rcv, hnd;
	fb_targets(row, &rcv, &hnd);
	json_object_del(row, "source_hash");
	if (!auth_permits(tr->who, ACT_FEEDBACK_CONTACT, &rcv) && !auth_permits(tr->who, ACT_FEEDBACK_CONTACT, &hnd)) {
		static const char *const contact[] = {"sender_name", "sender_address", "sender_phone", "sender_email"};
		for (size_t i = 0; i < ARRAY_LEN(contact); i++)
			json_object_del(row, contact[i]);
	}
	const char *state = state_on(row, as_of);
	json_object_set_new(row, "state", state ? json_string(state) : json_null());
	json_object_set_new(row, "consent_publish", json_boolean(int_of(row, "consent_publish")));
	json_object_set_new(row, "published", json_boolean(int_of(row, "published")));
	const char *status = text_of(row, "status");
	int open = strcmp(status, "received") == 0 || strcmp(status, "forwarded") == 0 || strcmp(status, "drafted") == 0;
	json_object_set_new(row, "may", json_pack("{s:b, s:b, s:b, s:b}",
		"classify", strcmp(status, "received") == 0 && auth_permits(tr->who, ACT_FEEDBACK_RECEIVE, &rcv),
		"answer", (strcmp(status, "forwarded") == 0 || strcmp(status, "drafted") == 0) &&
			  auth_permits(tr->who, ACT_FEEDBACK_ANSWER, &hnd),
		"approve", strcmp(status, "drafted") == 0 && auth_permits(tr->who, ACT_FEEDBACK_APPROVE, &hnd),
		"extend", open && auth_permits(tr->who, ACT_FEEDBACK_RECEIVE, &rcv)));
	json_object_set_new(json_object_get(row, "may"), "mark", json_boolean(strcmp(status, "answered") != 0 &&
				    auth_permits(tr->who, ACT_FEEDBACK_RECEIVE, &rcv)));
	return row;
}

/* ---- the public's side --------------------------------------------------------- */

/* A code as typed: spaces around it and lower case forgiven. */
static char *normal_code(const char *code)
{
	char *c = xstrdup(code ? code : "");
	size_t n = 0;
	for (const char *p = c; *p; p++)
		if (*p != ' ')
			c[n++] = (char)toupper((unsigned char)*p);
	c[n] = 0;
	return c;
}

json_t *feedback_public(struct tracker *tr, const char *code, struct err *err)
{
	char *c = normal_code(code);
	json_t *row = store_feedback_get(tr->store, 0, c, err), *out = NULL;
	free(c);
	if (!row)
		return NULL;
	/* Drafts are the unit's business until approved. */
	const char *status = text_of(row, "status");
	int answered = strcmp(status, "answered") == 0, rejected = strcmp(status, "rejected") == 0;
	const char *shown = answered || rejected || strcmp(status, "received") == 0 ? status : "processing";
	out = json_pack("{s:O, s:s, s:O, s:O, s:O, s:O}", "code", json_object_get(row, "code"), "status", shown,
			"channel", json_object_get(row, "channel"), "received_on", json_object_get(row, "received_on"),
			"answer_due", json_object_get(row, "answer_due"), "procedure",
			json_object_get(row, "procedure_name"));
	json_object_set(out, "handling_unit_name", json_object_get(row, "handling_unit_name"));
	json_object_set_new(out, "reject_reason", rejected ? json_string(text_of(row, "reject_reason")) : json_null());
	json_object_set_new(out, "answer", answered ? json_string(text_of(row, "answer")) : json_null());
	json_object_set(out, "answered_on", json_object_get(row, "answered_on"));
	json_object_set(out, "satisfied", json_object_get(row, "satisfied"));
	json_object_set_new(out, "may_rate", json_boolean(answered && json_is_null(json_object_get(row, "satisfied"))));
	json_object_set_new(out, "note", json_string(FEEDBACK_SCOPE_NOTE));
	json_decref(row);
	return out;
}

enum err_code feedback_rate(struct tracker *tr, const char *code, json_t *body, json_t **out, struct err *err)
{
	static const char *const keys[] = {"satisfied", NULL};
	*out = NULL;
	char *c = normal_code(code);
	json_t *row = store_feedback_get(tr->store, 0, c, err);
	enum err_code rc = row ? ERR_OK : err->code;
	if (rc)
		goto out;
	json_t *v = json_object_get(body, "satisfied");
	if (!json_is_object(body) || in_only(body, keys, err))
		rc = json_is_object(body) ? err->code : err_set(err, ERR_BAD_REQUEST, "", "the body must be a JSON object");
	else if (!json_is_boolean(v))
		rc = err_set(err, ERR_INVALID, "satisfied", "'satisfied' must be true or false");
	if (rc)
		goto out;
	struct principal public;
	auth_system_principal(&public, "public");
	struct tracker as_public = *tr;
	as_public.who = &public;
	tracker_attribution_begin(&as_public);
	char today[DATE_STRLEN];
	rc = store_feedback_step(tr->store, int_of(row, "id"), FEEDBACK_RATE, json_is_true(v),
				 date_format(date_today(), today), NULL, NULL, err);
	tracker_attribution_end(&as_public);
	if (rc == ERR_OK)
		*out = feedback_public(tr, c, err);
out:
	json_decref(row);
	free(c);
	return rc == ERR_OK && !*out ? err->code : rc;
}

/* ---- officials ---------------------------------------------------------------- */

static int wanted(const json_t *row, const struct feedback_query *q, const char *state)
{
	char due[DATE_STRLEN];
	if (q->status && strcmp(q->status, text_of(row, "status")) != 0)
		return 0;
	if (q->state && (!state || strcmp(q->state, state) != 0))
		return 0;
	if (q->marked != !json_is_null(json_object_get(row, "mark")))
		return 0;
	if (q->unit_id && q->unit_id != int_of(row, "handling_unit_id"))
		return 0;
	if (q->due_before != DATE_NONE && strcmp(text_of(row, "answer_due"), date_format(q->due_before, due)) > 0)
		return 0;
	return 1;
}

json_t *feedback_list(struct tracker *tr, const struct feedback_query *q, struct err *err)
{
	static const char *const statuses[] = {"received", "rejected", "forwarded", "drafted", "answered"};
	static const char *const states[] = {"open", "overdue", "answered_on_time", "answered_late", "rejected"};
	if (auth_require(tr->who, ACT_FEEDBACK_READ, NULL, err) != ERR_OK)
		return NULL;
	size_t i = 0;
	while (q->status && i < ARRAY_LEN(statuses) && strcmp(statuses[i], q->status) != 0)
		i++;
	if (q->status && i == ARRAY_LEN(statuses)) {
		err_set(err, ERR_BAD_REQUEST, "status", "'status' is received, rejected, forwarded, drafted or answered");
		return NULL;
	}
	for (i = 0; q->state && i < ARRAY_LEN(states) && strcmp(states[i], q->state) != 0;)
		i++;
	if (q->state && i == ARRAY_LEN(states)) {
		err_set(err, ERR_BAD_REQUEST, "state", "'state' is open, overdue, answered_on_time, answered_late or rejected");
		return NULL;
	}
	char as_of[DATE_STRLEN];
	date_format(q->as_of, as_of);
	json_t *all = store_feedback_list(tr->store, as_of, err), *row;
	if (!all)
		return NULL;
	json_t *items = json_array();
	json_array_foreach(all, i, row)
		if (wanted(row, q, state_on(row, as_of)))
			json_array_append(items, official_view(tr, row, as_of));
	json_decref(all);
	return json_pack("{s:s, s:o}", "as_of", as_of, "items", items);
}

/* The feedback with the extensions, as officials see it today. */
static json_t *item(struct tracker *tr, int64_t id, struct err *err)
{
	json_t *row = store_feedback_get(tr->store, id, NULL, err);
	if (!row)
		return NULL;
	json_t *ext = store_feedback_extensions(tr->store, id, err);
	if (!ext) {
		json_decref(row);
		return NULL;
	}
	json_object_set_new(row, "extensions", ext);
	char today[DATE_STRLEN];
	return official_view(tr, row, date_format(date_today(), today));
}

json_t *feedback_get(struct tracker *tr, int64_t id, struct err *err)
{
	if (auth_require(tr->who, ACT_FEEDBACK_READ, NULL, err) != ERR_OK)
		return NULL;
	return item(tr, id, err);
}

/*
 * Loads the feedback (ERR_NOT_FOUND) and checks act on its receiving unit
 * (receiving) or its handling unit; *row is the stored row (caller
 * releases) when ERR_OK.
 */
static enum err_code load_for(struct tracker *tr, int64_t id, enum action act, int receiving, json_t **row,
			      struct err *err)
{
	*row = store_feedback_get(tr->store, id, NULL, err);
	if (!*row)
		return err->code;
	struct permit_target rcv, hnd;
	fb_targets(*row, &rcv, &hnd);
	if (auth_require(tr->who, act, receiving ? &rcv : &hnd, err) != ERR_OK) {
		json_decref(*row);
		*row = NULL;
		return err->code;
	}
	return ERR_OK;
}

/* Runs one store step inside an attribution scope; *out the item after it. */
static enum err_code step(struct tracker *tr, int64_t id, enum feedback_step s, int64_t num, const char *day,
			  const char *text, json_t **out, struct err *err)
{
	tracker_attribution_begin(tr);
	enum err_code rc = store_feedback_step(tr->store, id, s, num, day, text, auth_actor(tr->who), err);
	tracker_attribution_end(tr);
	if (rc == ERR_OK && !(*out = item(tr, id, err)))
		rc = err->code;
	return rc;
}

static enum err_code need_object(json_t *body, const char *const *keys, struct err *err)
{
	if (!json_is_object(body))
		return err_set(err, ERR_BAD_REQUEST, "", "the body must be a JSON object");
	return in_only(body, keys, err);
}

enum err_code feedback_classify(struct tracker *tr, int64_t id, json_t *body, json_t **out, struct err *err)
{
	static const char *const keys[] = {"decision", "unit", "reason", NULL};
	*out = NULL;
	json_t *row = NULL;
	char *decision = NULL, *unit = NULL, *reason = NULL, today[DATE_STRLEN];
	enum err_code rc = load_for(tr, id, ACT_FEEDBACK_RECEIVE, 1, &row, err);
	if (rc || (rc = need_object(body, keys, err)) || (rc = in_text(body, "decision", true, 16, &decision, err)))
		goto out;
	date_format(date_today(), today);
	if (strcmp(decision, "forward") == 0) {
		if ((rc = in_text(body, "unit", true, 64, &unit, err)))
			goto out;
		int64_t unit_id = tracker_unit_ref(tr, unit);
		if (!unit_id) {
			rc = err_set(err, ERR_INVALID, "unit", "'unit' names no unit");
			goto out;
		}
		rc = step(tr, id, FEEDBACK_FORWARD, unit_id, today, NULL, out, err);
	} else if (strcmp(decision, "reject") == 0) {
		if ((rc = in_text(body, "reason", true, 2000, &reason, err)))
			goto out;
		rc = step(tr, id, FEEDBACK_REJECT, 0, today, reason, out, err);
	} else {
		rc = err_set(err, ERR_INVALID, "decision", "'decision' is forward or reject");
	}
out:
	json_decref(row);
	free(decision);
	free(unit);
	free(reason);
	return rc;
}

enum err_code feedback_answer(struct tracker *tr, int64_t id, json_t *body, json_t **out, struct err *err)
{
	static const char *const keys[] = {"answer", NULL};
	*out = NULL;
	json_t *row = NULL;
	char *answer = NULL;
	struct fb_settings s;
	enum err_code rc = load_for(tr, id, ACT_FEEDBACK_ANSWER, 0, &row, err);
	if (rc || (rc = fb_settings_load(tr, &s, err)) || (rc = need_object(body, keys, err)) ||
	    (rc = in_text(body, "answer", true, (size_t)s.answer_max, &answer, err)))
		goto out;
	rc = step(tr, id, FEEDBACK_DRAFT, 0, NULL, answer, out, err);
out:
	json_decref(row);
	free(answer);
	return rc;
}

enum err_code feedback_approve(struct tracker *tr, int64_t id, json_t **out, struct err *err)
{
	*out = NULL;
	json_t *row = NULL;
	char today[DATE_STRLEN];
	enum err_code rc = load_for(tr, id, ACT_FEEDBACK_APPROVE, 0, &row, err);
	if (rc == ERR_OK)
		rc = step(tr, id, FEEDBACK_APPROVE, int_of(row, "consent_publish"), date_format(date_today(), today),
			  NULL, out, err);
	json_decref(row);
	return rc;
}

enum err_code feedback_extend(struct tracker *tr, int64_t id, json_t *body, json_t **out, struct err *err)
{
	static const char *const keys[] = {"workdays", "reason", NULL};
	*out = NULL;
	json_t *row = NULL;
	char *reason = NULL, new_due[DATE_STRLEN];
	int64_t workdays = 0;
	int32_t due;
	struct fb_settings s;
	enum err_code rc = load_for(tr, id, ACT_FEEDBACK_RECEIVE, 1, &row, err);
	if (rc || (rc = fb_settings_load(tr, &s, err)) || (rc = need_object(body, keys, err)) ||
	    (rc = in_int(body, "workdays", true, 1, s.max_extension, &workdays, NULL, err)) ||
	    (rc = in_text(body, "reason", true, 2000, &reason, err)))
		goto out;
	const char *old_due = text_of(row, "answer_due");
	if ((rc = deadline_after_workdays(tr, date_parse(old_due), (int)workdays, &due, err)))
		goto out;
	tracker_attribution_begin(tr);
	rc = store_feedback_extend(tr->store, id, (int)workdays, reason, old_due, date_format(due, new_due),
				   auth_actor(tr->who), err);
	tracker_attribution_end(tr);
	if (rc == ERR_OK && !(*out = item(tr, id, err)))
		rc = err->code;
out:
	json_decref(row);
	free(reason);
	return rc;
}

/* Checks a mark ("spam" or "duplicate") of row; *code the tracking code a
 * duplicate repeats, as stored (caller frees). */
static enum err_code check_mark(struct tracker *tr, const json_t *row, const char *mark, const char *duplicate_of,
				const char *reason, char **code, struct err *err)
{
	int duplicate = strcmp(mark, "duplicate") == 0;
	if (!duplicate && strcmp(mark, "spam") != 0)
		return err_set(err, ERR_INVALID, "mark", "'mark' is spam, duplicate or none");
	if (!reason || !*reason)
		return err_set(err, ERR_INVALID, "reason", "'reason' is required to mark a feedback");
	if (!duplicate != !duplicate_of)
		return err_set(err, ERR_INVALID, "duplicate_of", duplicate ? "'duplicate_of' names the feedback this repeats"
						  : "'duplicate_of' goes only with a duplicate");
	/* Its answer was sent: it stays counted. */
	if (strcmp(text_of(row, "status"), "answered") == 0)
		return err_set(err, ERR_CONFLICT, "status", "the feedback is answered: it cannot be marked");
	if (!duplicate)
		return ERR_OK;
	*code = normal_code(duplicate_of);
	if (strcmp(*code, text_of(row, "code")) == 0)
		return err_set(err, ERR_INVALID, "duplicate_of", "a feedback is not a duplicate of itself");
	json_t *other = store_feedback_get(tr->store, 0, *code, err);
	json_decref(other);
	return other ? ERR_OK : err_set(err, ERR_INVALID, "duplicate_of", "'duplicate_of' is no feedback's tracking code");
}

enum err_code feedback_mark(struct tracker *tr, int64_t id, json_t *body, json_t **out, struct err *err)
{
	static const char *const keys[] = {"mark", "duplicate_of", "reason", NULL};
	*out = NULL;
	json_t *row = NULL;
	char *mark = NULL, *duplicate_of = NULL, *reason = NULL, *code = NULL;
	enum err_code rc = load_for(tr, id, ACT_FEEDBACK_RECEIVE, 1, &row, err);
	if (rc || (rc = need_object(body, keys, err)) || (rc = in_text(body, "mark", true, 16, &mark, err)) ||
	    (rc = in_text(body, "duplicate_of", false, 64, &duplicate_of, err)) ||
	    (rc = in_text(body, "reason", false, 2000, &reason, err)))
		goto out;
	int clear = strcmp(mark, "none") == 0;
	if (!clear && (rc = check_mark(tr, row, mark, duplicate_of, reason, &code, err)))
		goto out;
	tracker_attribution_begin(tr);
	rc = store_feedback_mark(tr->store, id, clear ? NULL : mark, code, reason, auth_actor(tr->who), err);
	tracker_attribution_end(tr);
	if (rc == ERR_OK && !(*out = item(tr, id, err)))
		rc = err->code;
out:
	json_decref(row);
	free(mark);
	free(duplicate_of);
	free(reason);
	free(code);
	return rc;
}

/* ---- counts ------------------------------------------------------------------- */

static const char *const count_keys[] = {"received", "rejected", "open", "overdue", "answered_on_time",
					 "answered_late", "rated", "satisfied", "unsatisfied_or_late"};

static void bump(json_t *counts, const char *key)
{
	json_object_set_new(counts, key, json_integer(int_of(counts, key) + 1));
}

static json_t *new_counts(void)
{
	json_t *c = json_object();
	for (size_t i = 0; i < ARRAY_LEN(count_keys); i++)
		json_object_set_new(c, count_keys[i], json_integer(0));
	return c;
}

/* Adds one feedback in state (on day as_of) to counts. */
static void count_one(json_t *counts, const json_t *row, const char *state, const char *as_of)
{
	bump(counts, "received");
	bump(counts, state);
	if (strcmp(state, "rejected") == 0)
		return;
	const char *rated = text_of(row, "rated_on");
	int rated_by_then = *rated && strcmp(rated, as_of) <= 0;
	int unsatisfied = rated_by_then && int_of(row, "satisfied") == 0;
	if (rated_by_then) {
		bump(counts, "rated");
		if (!unsatisfied)
			bump(counts, "satisfied");
	}
	if (unsatisfied || strcmp(state, "answered_late") == 0 || strcmp(state, "overdue") == 0)
		bump(counts, "unsatisfied_or_late");
}

/* The rates of QĐ 766/QĐ-TTg over the feedback within competence (not
 * rejected), in percent with one decimal; null with none. */
static void add_rates(json_t *counts)
{
	int64_t within = int_of(counts, "received") - int_of(counts, "rejected");
	double on_time = within ? 100.0 * (double)int_of(counts, "answered_on_time") / (double)within : 0;
	double happy = within ? 100.0 * (double)(within - int_of(counts, "unsatisfied_or_late")) / (double)within : 0;
	json_object_set_new(counts, "on_time_rate", within ? json_real((double)(int64_t)(on_time * 10 + 0.5) / 10) : json_null());
	json_object_set_new(counts, "satisfaction_rate", within ? json_real((double)(int64_t)(happy * 10 + 0.5) / 10) : json_null());
}

static int by_unit_name(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	return vi_strcmp(text_of(x, "unit_name"), text_of(y, "unit_name"));
}

json_t *feedback_stats(struct tracker *tr, int32_t as_of, struct err *err)
{
	if (auth_require(tr->who, ACT_FEEDBACK_READ, NULL, err) != ERR_OK)
		return NULL;
	char day[DATE_STRLEN];
	date_format(as_of, day);
	json_t *all = store_feedback_states(tr->store, day, err), *row;
	if (!all)
		return NULL;
	json_t *per_unit = json_object(), *total = new_counts();
	size_t i;
	json_array_foreach(all, i, row) {
		const char *state = state_on(row, day);
		char key[24];
		snprintf(key, sizeof key, "%lld", (long long)int_of(row, "handling_unit_id"));
		json_t *u = json_object_get(per_unit, key);
		if (!u) {
			u = new_counts();
			json_object_set(u, "unit_id", json_object_get(row, "handling_unit_id"));
			json_object_set(u, "unit_code", json_object_get(row, "handling_unit_code"));
			json_object_set_new(u, "unit_name", json_string(*text_of(row, "handling_unit_name")
							? text_of(row, "handling_unit_name") : "Chưa chuyển xử lý"));
			json_object_set_new(per_unit, key, u);
		}
		count_one(u, row, state, day);
		count_one(total, row, state, day);
	}
	json_decref(all);
	size_t n = json_object_size(per_unit), k = 0;
	json_t **units = xcalloc(n ? n : 1, sizeof *units), *u;
	const char *key;
	json_object_foreach(per_unit, key, u) {
		add_rates(u);
		units[k++] = u;
	}
	qsort(units, n, sizeof *units, by_unit_name);
	json_t *list = json_array();
	for (k = 0; k < n; k++)
		json_array_append(list, units[k]);
	free(units);
	json_decref(per_unit);
	add_rates(total);
	return json_pack("{s:s, s:o, s:o}", "as_of", day, "units", list, "total", total);
}
