/* discipline_rules.c — the rules a discipline case tracker enforces beyond
 * its procedure (issue 15): limitation, pause, exemption, repeat. */
#include "base/base.h"
#include "domain/discipline_rules.h"
#include "domain/input.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#define MAX_TEXT 20000
#define DEFAULT_IN_FORCE_MONTHS 12	/* when the setting is missing: see 0016 */

static const char *const limitation_kinds[] = {"khien_trach", "other", "party_expulsion", "political_protection",
	"national_interest", "false_degree"};

/* day plus months (the same day of the month, or its last day). */
static int32_t add_months(int32_t day, int months)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	int total = y * 12 + (m - 1) + months;
	y = total / 12;
	m = total % 12 + 1;
	int last = date_days_in_month(y, m);
	return date_from_ymd(y, m, d > last ? last : d);
}

enum err_code discipline_limitation_of(struct tracker *tr, json_t *body, const char *grp, const char *severity,
				       const char *discovered, char **kind, int *years, struct err *err)
{
	enum err_code rc = in_text(body, "limitation_kind", false, 40, kind, err);
	if (rc)
		return rc;
	if (!*kind)
		*kind = xstrdup(strcmp(severity, "minor") == 0 ? "khien_trach" : "other");
	bool known = false;
	for (size_t i = 0; i < ARRAY_LEN(limitation_kinds); i++)
		known = known || strcmp(limitation_kinds[i], *kind) == 0;
	json_t *row = known ? store_discipline_limitation(tr->store, grp, discovered, *kind, err) : NULL;
	if (!known)
		return err_set(err, ERR_INVALID, "limitation_kind",
			       "'limitation_kind' must be khien_trach, other, party_expulsion, political_protection, "
			       "national_interest or false_degree");
	if (!row)
		return err->code;
	json_t *y = json_object_get(row, "years");
	*years = json_is_integer(y) ? (int)json_integer_value(y) : -1;
	json_decref(row);
	return ERR_OK;
}

void discipline_limitation_run(struct limitation_clock *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		c[i].until[0] = 0;
		if (c[i].years < 0)
			continue;
		const char *from = c[i].occurred;
		char end[DATE_STRLEN];
		date_format(add_months(date_parse(from), 12 * c[i].years), end);
		for (size_t j = i + 1; j < n; j++) {
			const char *next = c[j].occurred;
			if (strcmp(next, end) > 0 || (c[i].closed && strcmp(next, c[i].closed) > 0))
				break;
			if (strcmp(next, from) > 0)
				date_format(add_months(date_parse(from = next), 12 * c[i].years), end);
		}
		memcpy(c[i].until, end, DATE_STRLEN);
	}
}

static int by_occurrence(const void *a, const void *b)
{
	return strcmp(((const struct limitation_clock *)a)->occurred, ((const struct limitation_clock *)b)->occurred);
}

enum err_code discipline_limitation_restarts(struct tracker *tr, int64_t unit_id, const char *person_name,
					     const char *occurred, int years, char until[DATE_STRLEN],
					     struct discipline_restart **restarts, size_t *n, struct err *err)
{
	json_t *rows = store_discipline_person_clocks(tr->store, unit_id, person_name, err), *r;
	*restarts = NULL;
	*n = 0;
	if (!rows)
		return err->code;
	size_t count = json_array_size(rows) + 1, i;
	struct limitation_clock *c = xcalloc(count, sizeof *c);
	c[0] = (struct limitation_clock){.occurred = occurred, .years = years};
	json_array_foreach(rows, i, r) {
		json_t *y = json_object_get(r, "years");
		c[i + 1] = (struct limitation_clock){.case_id = json_integer_value(json_object_get(r, "id")),
			.occurred = json_string_value(json_object_get(r, "occurred_on")),
			.closed = json_string_value(json_object_get(r, "closed_on")),
			.stored = json_string_value(json_object_get(r, "limitation_until")),
			.years = json_is_integer(y) ? (int)json_integer_value(y) : -1};
	}
	qsort(c, count, sizeof *c, by_occurrence);
	discipline_limitation_run(c, count);
	*restarts = xcalloc(count, sizeof **restarts);
	for (i = 0; i < count; i++) {
		if (!c[i].case_id) {
			memcpy(until, c[i].until, DATE_STRLEN);
		} else if (c[i].stored && c[i].until[0] && strcmp(c[i].until, c[i].stored) > 0) {
			/* A restart only moves the last day later. */
			(*restarts)[*n].case_id = c[i].case_id;
			memcpy((*restarts)[(*n)++].until, c[i].until, DATE_STRLEN);
		}
	}
	free(c);
	json_decref(rows);
	return ERR_OK;
}

bool discipline_event_step(const char *step)
{
	return step && (strcmp(step, "pause") == 0 || strcmp(step, "resume") == 0 || strcmp(step, "exempt") == 0);
}

/* The event's date: as a step's, and (for a resumption) not before the pause. */
static enum err_code event_date(json_t *row, json_t *body, char on[DATE_STRLEN], struct err *err)
{
	enum err_code rc = discipline_on_date(row, body, on, err);
	const char *paused = json_string_value(json_object_get(row, "paused_since"));
	if (rc)
		return rc;
	if (paused && strcmp(on, paused) < 0)
		return err_set(err, ERR_INVALID, "on", "'on' comes before the pause (%s)", paused);
	return ERR_OK;
}

/* Why the case's state does not allow kind, or ERR_OK. */
static enum err_code event_state(json_t *row, const char *kind, struct err *err)
{
	const char *paused = json_string_value(json_object_get(row, "paused_since"));
	const char *exempt = json_string_value(json_object_get(row, "exempt_on"));
	bool decided = strcmp(json_string_value(json_object_get(row, "status")), "decided") == 0;
	bool resume = strcmp(kind, "resume") == 0;
	if (resume && !paused)
		return err_set(err, ERR_CONFLICT, "step", "the case is not paused: there is nothing to resume");
	if (!resume && paused)
		return err_set(err, ERR_CONFLICT, "step", "the case is paused since %s: resume it first", paused);
	if (!resume && (exempt || decided))
		return err_set(err, ERR_CONFLICT, "step", "the case is %s already", exempt ? "exempt" : "decided");
	return ERR_OK;
}

enum err_code discipline_case_event(struct tracker *tr, int64_t id, json_t *row, json_t *body, struct err *err)
{
	static const char *const allowed[] = {"step", "on", "reason", "note", NULL};
	const char *kind = json_string_value(json_object_get(body, "step"));
	char on[DATE_STRLEN], due[DATE_STRLEN], *reason = NULL, *note = NULL, *reason_name = NULL;
	bool resume = strcmp(kind, "resume") == 0;
	int64_t days = -1;
	enum err_code rc;
	if ((rc = in_only(body, allowed, err)) || (rc = event_state(row, kind, err)) ||
	    (rc = in_text(body, "reason", !resume, 40, &reason, err)) ||
	    (rc = in_text(body, "note", false, MAX_TEXT, &note, err)) || (rc = event_date(row, body, on, err)))
		goto out;
	if (resume && reason) {
		rc = err_set(err, ERR_INVALID, "reason", "a resumption has no 'reason'");
		goto out;
	}
	if (!resume && !(reason_name = store_discipline_reason(tr->store, kind, reason))) {
		rc = err_set(err, ERR_INVALID, "reason", strcmp(kind, "pause") == 0
			? "'reason' must be illness, maternity or prosecution"
			: "'reason' must be lost_capacity, superior_order, force_majeure or other");
		goto out;
	}
	if (!resume && strcmp(reason, "other") == 0 && (!note || !*note)) {
		rc = err_set(err, ERR_INVALID, "note", "an exemption for another reason needs a 'note' naming it");
		goto out;
	}
	if (resume) {
		/* The clock stood still while paused: the limit moves by those days. */
		days = date_parse(on) - date_parse(json_string_value(json_object_get(row, "paused_since")));
		date_format(date_parse(json_string_value(json_object_get(row, "decision_due"))) + (int32_t)days, due);
	}
	struct discipline_event e = {.kind = kind, .on = on, .reason = reason, .note = note,
		.decision_due = resume ? due : NULL, .by = auth_actor(tr->who), .days = days};
	tracker_attribution_begin(tr);
	rc = store_discipline_event(tr->store, id, &e, err);
	tracker_attribution_end(tr);
out:
	free(reason);
	free(note);
	free(reason_name);
	return rc;
}

enum err_code discipline_step_allowed(json_t *row, bool decision, const char *on, const char *override,
				      struct err *err)
{
	const char *paused = json_string_value(json_object_get(row, "paused_since"));
	const char *until = json_string_value(json_object_get(row, "limitation_until"));
	if (paused)
		return err_set(err, ERR_CONFLICT, "step", "the case is paused since %s: resume it first", paused);
	if (json_string_value(json_object_get(row, "exempt_on")))
		return err_set(err, ERR_CONFLICT, "step", "the case is exempt from discipline");
	if (!decision && override)
		return err_set(err, ERR_INVALID, "limitation_override", "only a decision has a 'limitation_override'");
	if (decision && until && strcmp(on, until) > 0 && (!override || !*override))
		return err_set(err, ERR_INVALID, "limitation_override",
			       "the limitation ran out on %s: a decision after it needs a 'limitation_override' saying why",
			       until);
	return ERR_OK;
}

void discipline_flags(json_t *row)
{
	const char *due = json_string_value(json_object_get(row, "decision_due"));
	const char *decided = json_string_value(json_object_get(row, "decision_on"));
	const char *until = json_string_value(json_object_get(row, "limitation_until"));
	bool paused = json_string_value(json_object_get(row, "paused_since")) != NULL;
	bool exempt = json_string_value(json_object_get(row, "exempt_on")) != NULL;
	char today[DATE_STRLEN];
	date_format(date_today(), today);
	bool open = !decided && !exempt;
	json_object_set_new(row, "paused", json_boolean(paused));
	json_object_set_new(row, "exempt", json_boolean(exempt));
	/* A paused case's clock stands still: it is not overdue meanwhile. */
	json_object_set_new(row, "decision_overdue", json_boolean(open && !paused && strcmp(today, due) > 0));
	json_object_set_new(row, "decided_late", json_boolean(decided && strcmp(decided, due) > 0));
	json_object_set_new(row, "limitation_passed",
			    json_boolean(until && strcmp(decided ? decided : today, until) > 0 && !exempt));
}

/* The form one level heavier than the one served under a decision in
 * force when this case's violation happened (NĐ 172/2025), or NULL. */
static json_t *repeat_suggestion(struct tracker *tr, json_t *row, struct err *err)
{
	json_t *prior = store_discipline_prior(tr->store, json_integer_value(json_object_get(row, "id")), err), *p;
	if (!prior)
		return NULL;
	char *months_text = store_discipline_setting(tr->store, "repeat_in_force_months");
	int months = months_text && atoi(months_text) > 0 ? atoi(months_text) : DEFAULT_IN_FORCE_MONTHS;
	free(months_text);
	const char *occurred = json_string_value(json_object_get(row, "occurred_on"));
	const char *grp = json_string_value(json_object_get(row, "grp"));
	bool leader = json_integer_value(json_object_get(row, "is_leader")) == 1;
	char today[DATE_STRLEN], end[DATE_STRLEN];
	date_format(date_today(), today);
	json_t *out = json_null(), *forms = NULL;
	size_t i;
	json_array_foreach(prior, i, p) {
		const char *on = json_string_value(json_object_get(p, "decision_on"));
		const char *served = json_string_value(json_object_get(p, "form"));
		date_format(add_months(date_parse(on), months), end);
		if (!served || strcmp(on, occurred) > 0 || strcmp(occurred, end) >= 0)
			continue;
		if (!(forms = discipline_forms_for(tr, grp, leader, today, err))) {
			json_decref(prior);
			return NULL;
		}
		json_t *f;
		size_t k, at = json_array_size(forms);
		json_array_foreach(forms, k, f)
			if (strcmp(json_string_value(json_object_get(f, "code")), served) == 0)
				at = k;
		f = json_array_get(forms, at + 1);
		if (f) {
			json_decref(out);
			out = json_pack("{s:O, s:O, s:O, s:s, s:s}", "code", json_object_get(f, "code"), "name",
					json_object_get(f, "name"), "because_case", json_object_get(p, "id"),
					"served_form", served, "rule",
					"Vi phạm mới trong thời gian thi hành quyết định kỷ luật: áp dụng hình thức "
					"nặng hơn một mức (NĐ 172/2025/NĐ-CP)");
		}
		json_decref(forms);
		break;
	}
	json_decref(prior);
	return out;
}

enum err_code discipline_case_details(struct tracker *tr, json_t *row, struct err *err)
{
	int64_t id = json_integer_value(json_object_get(row, "id"));
	json_t *events = store_discipline_events(tr->store, id, err), *docs = NULL, *suggested = NULL;
	if (!events || !(docs = store_case_documents(tr->store, DOC_DISCIPLINE_CASE, id, err)) ||
	    !(suggested = repeat_suggestion(tr, row, err))) {
		json_decref(events);
		json_decref(docs);
		return err->code;
	}
	json_object_set_new(row, "events", events);
	json_object_set_new(row, "documents", docs);
	json_object_set_new(row, "suggested_form", suggested);
	return ERR_OK;
}
