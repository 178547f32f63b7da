/*
 * par_flow.c — the PAR index's workflow after the head's submission (issue
 * 14): Home Affairs takes the assessment, may ask the unit to explain
 * (questions per sub-criterion or about the whole, due a number of working
 * days later: par_setting explain_workdays), the unit answers, Home Affairs
 * appraises (par_score.c), the PPC approves; a leader alone reopens an
 * approved assessment, with a reason.  Each step is one status change
 * made only from the status it starts at (ERR_CONFLICT naming the status
 * otherwise, nothing written); the audit trail records each.
 */
#include "base/base.h"
#include "base/date.h"
#include "domain/auth.h"
#include "domain/deadline.h"
#include "domain/input.h"
#include "domain/par.h"
#include "domain/par_int.h"
#include "domain/tracker.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAR_MAX_QUESTIONS 100

/* The assessment after a status change made by write (NULL with err). */
static json_t *after(struct tracker *tr, int64_t id, enum err_code rc, struct err *err)
{
	return rc ? NULL : par_assessment(tr, id, err);
}

/* A step without input: take (ACT_PAR_APPRAISE) or approve. */
static json_t *step(struct tracker *tr, int64_t id, enum action act, enum par_step st, struct err *err)
{
	json_t *a = par_assessment_for(tr, id, act, err);
	if (!a)
		return NULL;
	json_decref(a);
	tracker_attribution_begin(tr);
	enum err_code rc = store_par_step(tr->store, id, st, NULL, auth_actor(tr->who), err);
	tracker_attribution_end(tr);
	return after(tr, id, rc, err);
}

json_t *par_take(struct tracker *tr, int64_t id, struct err *err)
{
	return step(tr, id, ACT_PAR_APPRAISE, PAR_TAKE, err);
}

json_t *par_approve(struct tracker *tr, int64_t id, struct err *err)
{
	return step(tr, id, ACT_PAR_APPROVE, PAR_APPROVE, err);
}

json_t *par_reopen(struct tracker *tr, int64_t id, json_t *in, struct err *err)
{
	static const char *const keys[] = {"reason", NULL};
	json_t *a = par_assessment_for(tr, id, ACT_PAR_REOPEN, err);
	if (!a)
		return NULL;
	json_decref(a);
	char *reason = NULL;
	enum err_code rc = json_is_object(in) ? ERR_OK : err_set(err, ERR_INVALID, "reason", "the body is {\"reason\"}");
	if (!rc && !(rc = in_only(in, keys, err)))
		rc = in_text(in, "reason", true, 2000, &reason, err);
	if (!rc) {
		tracker_attribution_begin(tr);
		rc = store_par_step(tr->store, id, PAR_REOPEN, reason, auth_actor(tr->who), err);
		tracker_attribution_end(tr);
	}
	free(reason);
	return after(tr, id, rc, err);
}

/* Names the list item field in err, unless it does already. */
static enum err_code item_error(struct err *err, const char *field)
{
	if (strchr(err->field, '['))
		return err->code;
	char message[sizeof err->message];
	snprintf(message, sizeof message, "%s", err->message);
	return err_set(err, err->code, field, "%s: %s", field, message);
}

/* The working days a unit has to explain (par_setting explain_workdays). */
static enum err_code explain_workdays(struct tracker *tr, int *days, struct err *err)
{
	char *v = store_par_setting(tr->store, "explain_workdays"), *end = NULL;
	long n = v ? strtol(v, &end, 10) : 0;
	bool ok = v && *v && !*end && n >= 1 && n <= 60;
	free(v);
	if (!ok)
		return err_set(err, ERR_INTERNAL, "explain_workdays",
			       "the setting explain_workdays is not a whole number from 1 to 60");
	*days = (int)n;
	return ERR_OK;
}

/* Reads {questions: [{code?, question}]} against the set's nodes; *q (the
 * caller frees it and texts' strings) gets n questions. */
static enum err_code read_questions(json_t *in, json_t *nodes, struct par_question **q, size_t *n, json_t *texts,
				    struct err *err)
{
	static const char *const keys[] = {"questions", NULL}, *const qkeys[] = {"code", "question", NULL};
	json_t *list = json_object_get(in, "questions");
	enum err_code rc = json_is_object(in) ? in_only(in, keys, err)
		: err_set(err, ERR_INVALID, "questions", "the body is {\"questions\": [{\"code\"?, \"question\"}]}");
	if (!rc && (!json_is_array(list) || json_array_size(list) == 0 || json_array_size(list) > PAR_MAX_QUESTIONS))
		rc = err_set(err, ERR_INVALID, "questions", "'questions' is a list of 1 to %d {\"code\"?, \"question\"}",
			     PAR_MAX_QUESTIONS);
	*q = rc ? NULL : xcalloc(json_array_size(list), sizeof **q);
	*n = 0;
	size_t i;
	json_t *item;
	json_array_foreach(list, i, item) {
		char field[32], *code = NULL, *text = NULL;
		snprintf(field, sizeof field, "questions[%zu]", i);
		if (rc)
			break;
		rc = json_is_object(item) ? in_only(item, qkeys, err) : err_set(err, ERR_INVALID, field, "%s is an object", field);
		if (!rc && !(rc = in_text(item, "code", false, 20, &code, err)))
			rc = in_text(item, "question", true, 4000, &text, err);
		json_t *node = code ? par_node_by_code(nodes, code) : NULL;
		if (!rc && code && !node)
			rc = err_set(err, ERR_INVALID, field, "%s: '%s' is no criterion of this set", field, code);
		else if (rc)
			rc = item_error(err, field);
		if (!rc) {
			json_array_append_new(texts, json_string(text));
			(*q)[(*n)++] = (struct par_question){
				.node_id = node ? json_integer_value(json_object_get(node, "id")) : 0,
				.text = json_string_value(json_array_get(texts, json_array_size(texts) - 1))};
		}
		free(code);
		free(text);
	}
	return rc;
}

json_t *par_explain(struct tracker *tr, int64_t id, json_t *in, struct err *err)
{
	json_t *a = par_assessment_for(tr, id, ACT_PAR_EXPLAIN, err);
	if (!a)
		return NULL;
	json_t *nodes = store_par_nodes(tr->store, json_integer_value(json_object_get(a, "set_id")), err);
	json_t *texts = json_array();
	struct par_question *q = NULL;
	size_t n = 0;
	int days = 0;
	int32_t due = 0;
	char due_on[DATE_STRLEN];
	enum err_code rc = nodes ? read_questions(in, nodes, &q, &n, texts, err) : err->code;
	if (!rc && !(rc = explain_workdays(tr, &days, err)) &&
	    !(rc = deadline_after_workdays(tr, date_today(), days, &due, err))) {
		tracker_attribution_begin(tr);
		rc = store_par_explain(tr->store, id, q, n, date_format(due, due_on), auth_actor(tr->who), err);
		tracker_attribution_end(tr);
	}
	free(q);
	json_decref(texts);
	json_decref(nodes);
	json_decref(a);
	return after(tr, id, rc, err);
}

/* Reads {answers: [{id, answer}]}; *out (the caller frees it and texts'
 * strings) gets n answers. */
static enum err_code read_answers(json_t *in, struct par_answer **out, size_t *n, json_t *texts, struct err *err)
{
	static const char *const keys[] = {"answers", NULL}, *const akeys[] = {"id", "answer", NULL};
	json_t *list = json_object_get(in, "answers");
	enum err_code rc = json_is_object(in) ? in_only(in, keys, err)
		: err_set(err, ERR_INVALID, "answers", "the body is {\"answers\": [{\"id\", \"answer\"}]}");
	if (!rc && (!json_is_array(list) || json_array_size(list) == 0 || json_array_size(list) > PAR_MAX_QUESTIONS))
		rc = err_set(err, ERR_INVALID, "answers", "'answers' is a list of 1 to %d {\"id\", \"answer\"}",
			     PAR_MAX_QUESTIONS);
	*out = rc ? NULL : xcalloc(json_array_size(list), sizeof **out);
	*n = 0;
	size_t i;
	json_t *item;
	json_array_foreach(list, i, item) {
		char field[32], *text = NULL;
		int64_t qid = 0;
		snprintf(field, sizeof field, "answers[%zu]", i);
		if (rc)
			break;
		rc = json_is_object(item) ? in_only(item, akeys, err) : err_set(err, ERR_INVALID, field, "%s is an object", field);
		if (!rc && !(rc = in_int(item, "id", true, 1, INT64_MAX, &qid, NULL, err)))
			rc = in_text(item, "answer", true, 8000, &text, err);
		for (size_t k = 0; !rc && k < *n; k++)
			if ((*out)[k].explanation_id == qid)
				rc = err_set(err, ERR_INVALID, field, "%s: question %lld is answered twice", field, (long long)qid);
		if (rc)
			rc = item_error(err, field);
		if (!rc) {
			json_array_append_new(texts, json_string(text));
			(*out)[(*n)++] = (struct par_answer){
				.explanation_id = qid, .text = json_string_value(json_array_get(texts, json_array_size(texts) - 1))};
		}
		free(text);
	}
	return rc;
}

json_t *par_answer(struct tracker *tr, int64_t id, json_t *in, struct err *err)
{
	json_t *a = par_assessment_for(tr, id, ACT_PAR_ANSWER, err);
	if (!a)
		return NULL;
	json_decref(a);
	json_t *texts = json_array();
	struct par_answer *ans = NULL;
	size_t n = 0;
	enum err_code rc = read_answers(in, &ans, &n, texts, err);
	if (!rc) {
		tracker_attribution_begin(tr);
		rc = store_par_answer(tr->store, id, ans, n, auth_actor(tr->who), err);
		tracker_attribution_end(tr);
	}
	free(ans);
	json_decref(texts);
	return after(tr, id, rc, err);
}

enum err_code par_flow_fill(struct tracker *tr, json_t *a, int32_t as_of, struct err *err)
{
	int64_t id = json_integer_value(json_object_get(a, "id"));
	json_t *qs = store_par_explanations(tr->store, id, err);
	json_t *reopenings = qs ? store_par_reopenings(tr->store, id, err) : NULL;
	if (!reopenings) {
		json_decref(qs);
		return err->code;
	}
	/* The earliest due date of the questions still open, and whether it
	 * has passed as of as_of. */
	const char *due = NULL;
	bool overdue = false;
	size_t i;
	json_t *q;
	json_array_foreach(qs, i, q) {
		const char *on = json_string_value(json_object_get(q, "due_on"));
		bool open = json_is_null(json_object_get(q, "answer"));
		bool late = open && date_parse(on) < as_of;
		json_object_set_new(q, "overdue", json_boolean(late));
		if (open && (!due || strcmp(on, due) < 0))
			due = on;
		overdue |= late;
	}
	char day[DATE_STRLEN];
	json_object_set_new(a, "as_of", json_string(date_format(as_of, day)));
	json_object_set_new(a, "explanation_due", due ? json_string(due) : json_null());
	json_object_set_new(a, "explanation_overdue", json_boolean(overdue));
	json_object_set_new(a, "explanations", qs);
	json_object_set_new(a, "reopenings", reopenings);
	return ERR_OK;
}
