/* discipline.c — discipline cases, their procedure and who may see them (issue 15). */
#include "base/base.h"
#include "base/date.h"
#include "domain/discipline.h"
#include "domain/discipline_rules.h"
#include "domain/input.h"
#include "domain/inspection.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#define MAX_NAME 200
#define MAX_TEXT 20000
#define MAX_LINKS 50		/* findings or tasks behind one case */
#define DEFAULT_DAYS 90		/* when the setting is missing: NĐ 112/2020, NĐ 172/2025 */
#define DEFAULT_DAYS_EXTENDED 150

/* The procedure's statuses in order, and the step that leads to each. */
static const char *const statuses[] = {"open", "reviewed", "council", "decided"};
static const char *const steps[] = {NULL, "review", "council", "decision"};
/* The date column of each status's step. */
static const char *const step_dates[] = {NULL, "review_on", "council_on", "decision_on"};

static int status_seq(const char *status)
{
	for (size_t i = 0; i < ARRAY_LEN(statuses); i++)
		if (status && strcmp(statuses[i], status) == 0)
			return (int)i;
	return -1;
}

static int setting_int(struct tracker *tr, const char *key, int fallback)
{
	char *v = store_discipline_setting(tr->store, key);
	int n = v ? atoi(v) : 0;
	free(v);
	return n > 0 ? n : fallback;
}

/* Whose case it is: its unit, with Home Affairs as the "field lead" that
 * the permission table's FIELD scope compares with the principal's unit. */
struct permit_target discipline_case_target(struct tracker *tr, int64_t unit_id)
{
	char *code = store_discipline_setting(tr->store, "home_affairs_unit");
	struct permit_target t = {.unit_id = unit_id, .field_lead_unit_id = code ? tracker_unit_ref(tr, code) : 0};
	free(code);
	return t;
}

/* Records a look at case_id (0: a list); shown NULL for a refused one. */
static enum err_code record(struct tracker *tr, int64_t case_id, const char *shown, struct err *err)
{
	tracker_attribution_begin(tr);
	enum err_code rc = store_discipline_view_add(tr->store, case_id, shown, auth_actor(tr->who), err);
	tracker_attribution_end(tr);
	return rc;
}

/* ERR_OK when who may see target; else records the refusal and returns
 * ERR_FORBIDDEN (or the error that kept it from being recorded). */
static enum err_code may_see(struct tracker *tr, int64_t case_id, const struct permit_target *target,
			     struct err *err)
{
	if (auth_require(tr->who, ACT_DISCIPLINE_READ, target, err) == ERR_OK)
		return ERR_OK;
	struct err rec;
	if (record(tr, case_id, NULL, &rec)) {
		*err = rec;
		return rec.code;
	}
	return ERR_FORBIDDEN;
}

json_t *discipline_forms(struct tracker *tr, struct err *err)
{
	if (auth_require(tr->who, ACT_READ, NULL, err))
		return NULL;
	return store_discipline_forms(tr->store, err);
}

json_t *discipline_counts(struct tracker *tr, int year, struct err *err)
{
	if (auth_require(tr->who, ACT_READ, NULL, err))
		return NULL;
	if (!year)
		year = atoi(date_format(date_today(), (char[DATE_STRLEN]){0}));
	if (year < 2000 || year > 2100) {
		err_set(err, ERR_BAD_REQUEST, "year", "'year' must be 2000 to 2100");
		return NULL;
	}
	return store_discipline_counts(tr->store, year, err);
}

/* ---- reading ---------------------------------------------------------- */

json_t *discipline_case_list(struct tracker *tr, int64_t unit_id, int year, const char *status,
			     struct err *err)
{
	/* A role that sees no case, or a unit it may not see: refused. */
	struct permit_target t = discipline_case_target(tr, unit_id);
	if ((unit_id || !auth_may(tr->who, ACT_DISCIPLINE_READ)) && may_see(tr, 0, &t, err))
		return NULL;
	if (status && status_seq(status) < 0) {
		err_set(err, ERR_BAD_REQUEST, "status", "'status' must be open, reviewed, council or decided");
		return NULL;
	}
	json_t *list = store_discipline_cases(tr->store, unit_id, year, status, err), *shown = json_array();
	if (!list)
		goto fail;
	for (size_t i = json_array_size(list); i-- > 0;) {
		json_t *row = json_array_get(list, i);
		struct permit_target rt = discipline_case_target(tr, json_integer_value(json_object_get(row, "unit_id")));
		if (!auth_permits(tr->who, ACT_DISCIPLINE_READ, &rt)) {
			json_array_remove(list, i);
			continue;
		}
		discipline_flags(row);
		json_array_insert(shown, 0, json_object_get(row, "id"));
	}
	char *text = json_dumps(shown, JSON_COMPACT);
	enum err_code rc = record(tr, 0, text, err);
	free(text);
	if (rc == ERR_OK) {
		json_decref(shown);
		return list;
	}
fail:
	json_decref(list);
	json_decref(shown);
	return NULL;
}

enum err_code discipline_case_seen(struct tracker *tr, int64_t id, const char *shown, json_t **row,
				   struct err *err)
{
	*row = store_discipline_case_get(tr->store, id, err);
	if (!*row && err->code != ERR_NOT_FOUND)
		return err->code;
	/* An unknown case is nobody's: only those who see every unit's learn
	 * that it does not exist. */
	struct permit_target t = discipline_case_target(tr, json_integer_value(json_object_get(*row, "unit_id")));
	enum err_code rc = may_see(tr, id, &t, err);
	if (!rc && !*row)
		rc = err_set(err, ERR_NOT_FOUND, "id", "no discipline case %lld", (long long)id);
	if (!rc)
		rc = record(tr, id, shown, err);
	if (rc) {
		json_decref(*row);
		*row = NULL;
	}
	return rc;
}

json_t *discipline_case_get(struct tracker *tr, int64_t id, struct err *err)
{
	char shown[32];
	json_t *row;
	snprintf(shown, sizeof shown, "[%lld]", (long long)id);
	if (discipline_case_seen(tr, id, shown, &row, err))
		return NULL;
	if (discipline_case_details(tr, row, err)) {
		json_decref(row);
		return NULL;
	}
	discipline_flags(row);
	return row;
}

/* ---- opening a case --------------------------------------------------- */

/* Reads body[key], an optional list of at most MAX_LINKS distinct ids,
 * into *ids (caller frees). */
static enum err_code id_list(json_t *body, const char *key, int64_t **ids, size_t *n, struct err *err)
{
	json_t *list = json_object_get(body, key), *v;
	size_t i;
	*ids = NULL;
	*n = 0;
	if (!list)
		return ERR_OK;
	if (!json_is_array(list) || json_array_size(list) > MAX_LINKS)
		return err_set(err, ERR_INVALID, key, "'%s' must be a list of at most %d ids", key, MAX_LINKS);
	*ids = xcalloc(json_array_size(list) + 1, sizeof **ids);
	json_array_foreach(list, i, v) {
		if (!json_is_integer(v) || json_integer_value(v) < 1)
			return err_set(err, ERR_INVALID, key, "'%s' item %zu must be an id", key, i + 1);
		for (size_t k = 0; k < *n; k++)
			if ((*ids)[k] == json_integer_value(v))
				return err_set(err, ERR_INVALID, key, "'%s' names %lld twice", key,
					       (long long)json_integer_value(v));
		(*ids)[(*n)++] = json_integer_value(v);
	}
	return ERR_OK;
}

/* Every finding behind a case is a finding of the case's unit. */
static enum err_code findings_of_unit(struct tracker *tr, const int64_t *ids, size_t n, int64_t unit,
				      struct err *err)
{
	for (size_t k = 0; k < n; k++) {
		json_t *f = store_finding_get(tr->store, ids[k], err);
		if (!f)
			return err->code == ERR_NOT_FOUND
				       ? err_set(err, ERR_INVALID, "findings", "no finding %lld", (long long)ids[k])
				       : err->code;
		bool same = json_integer_value(json_object_get(f, "unit_id")) == unit;
		json_decref(f);
		if (!same)
			return err_set(err, ERR_INVALID, "findings", "finding %lld is of another unit", (long long)ids[k]);
	}
	return ERR_OK;
}

/* occurred_on <= discovered_on <= today. */
static enum err_code case_dates(json_t *body, char occurred[DATE_STRLEN], char discovered[DATE_STRLEN],
				struct err *err)
{
	enum err_code rc;
	char today[DATE_STRLEN];
	date_format(date_today(), today);
	if ((rc = in_date(body, "occurred_on", true, occurred, err)) ||
	    (rc = in_date(body, "discovered_on", true, discovered, err)))
		return rc;
	if (strcmp(discovered, occurred) < 0)
		return err_set(err, ERR_INVALID, "discovered_on", "'discovered_on' comes before 'occurred_on'");
	if (strcmp(discovered, today) > 0)
		return err_set(err, ERR_INVALID, "discovered_on", "'discovered_on' is after today");
	return ERR_OK;
}

/* The group and is_leader of body: grp points at a static name. */
static enum err_code person_group(json_t *body, const char **grp, int *leader, struct err *err)
{
	static const char *const groups[] = {"can_bo", "cong_chuc", "vien_chuc"};
	json_t *g = json_object_get(body, "group"), *l = json_object_get(body, "is_leader");
	*grp = NULL;
	for (size_t i = 0; i < ARRAY_LEN(groups) && json_is_string(g); i++)
		if (strcmp(groups[i], json_string_value(g)) == 0)
			*grp = groups[i];
	if (!*grp)
		return err_set(err, ERR_INVALID, "group", "'group' must be can_bo, cong_chuc or vien_chuc");
	if (l && !json_is_boolean(l))
		return err_set(err, ERR_INVALID, "is_leader", "'is_leader' must be true or false");
	*leader = json_is_true(l);
	return ERR_OK;
}

enum err_code discipline_case_create(struct tracker *tr, json_t *body, json_t **out, struct err *err)
{
	static const char *const allowed[] = {"unit", "person_name", "position", "group", "is_leader", "act",
		"severity", "occurred_on", "discovered_on", "extension_reason", "findings", "tasks", "limitation_kind",
		NULL};
	json_t *uv = json_object_get(body, "unit");
	char ref[40] = "", *name = NULL, *position = NULL, *act = NULL, *severity = NULL, *extension = NULL;
	char occurred[DATE_STRLEN], discovered[DATE_STRLEN], due[DATE_STRLEN], until[DATE_STRLEN], *limitation = NULL;
	if (json_is_integer(uv))
		snprintf(ref, sizeof ref, "%lld", (long long)json_integer_value(uv));
	else if (json_is_string(uv))
		snprintf(ref, sizeof ref, "%s", json_string_value(uv));
	int64_t unit = ref[0] ? tracker_unit_ref(tr, ref) : 0, id = 0, *findings = NULL, *tasks = NULL;
	size_t nfindings = 0, ntasks = 0, nrestarts = 0;
	struct discipline_restart *restarts = NULL;
	const char *grp;
	int leader = 0, years = -1;
	struct permit_target t = discipline_case_target(tr, unit);
	enum err_code rc;
	if ((rc = auth_require(tr->who, ACT_DISCIPLINE, &t, err)) || (rc = in_only(body, allowed, err)))
		goto out;
	if (!unit) {
		rc = err_set(err, ERR_INVALID, "unit", "'unit' must name a known unit");
		goto out;
	}
	if ((rc = in_text(body, "person_name", true, MAX_NAME, &name, err)) ||
	    (rc = in_text(body, "position", true, MAX_NAME, &position, err)) ||
	    (rc = person_group(body, &grp, &leader, err)) || (rc = in_text(body, "act", true, MAX_TEXT, &act, err)) ||
	    (rc = in_text(body, "severity", true, 40, &severity, err)) ||
	    (rc = finding_severity_known(tr, severity, err)) || (rc = case_dates(body, occurred, discovered, err)) ||
	    (rc = in_text(body, "extension_reason", false, MAX_TEXT, &extension, err)) ||
	    (rc = id_list(body, "findings", &findings, &nfindings, err)) ||
	    (rc = findings_of_unit(tr, findings, nfindings, unit, err)) ||
	    (rc = id_list(body, "tasks", &tasks, &ntasks, err)) ||
	    (rc = discipline_limitation_of(tr, body, grp, severity, discovered, &limitation, &years, err)) ||
	    (rc = discipline_limitation_restarts(tr, unit, name, occurred, years, until, &restarts, &nrestarts, err)))
		goto out;
	int days = extension && *extension ? setting_int(tr, "decision_days_extended", DEFAULT_DAYS_EXTENDED)
					   : setting_int(tr, "decision_days", DEFAULT_DAYS);
	date_format(date_parse(discovered) + days, due);
	struct discipline_case_new d = {.unit_id = unit, .person_name = name, .position = position, .grp = grp,
		.act = act, .severity = severity, .occurred_on = occurred, .discovered_on = discovered,
		.decision_due = due, .extension_reason = extension && *extension ? extension : NULL,
		.by = auth_actor(tr->who), .is_leader = leader, .findings = findings, .nfindings = nfindings,
		.tasks = tasks, .ntasks = ntasks, .limitation_kind = limitation,
		.limitation_until = until[0] ? until : NULL, .restarts = restarts, .nrestarts = nrestarts};
	tracker_attribution_begin(tr);
	rc = store_discipline_case_add(tr->store, &d, &id, err);
	tracker_attribution_end(tr);
	if (rc == ERR_NOT_FOUND)
		rc = err->code = ERR_INVALID;	/* an unknown task named in the body */
	if (rc == ERR_OK && out && !(*out = discipline_case_get(tr, id, err)))
		rc = err->code;
out:
	free(name);
	free(position);
	free(act);
	free(severity);
	free(extension);
	free(findings);
	free(tasks);
	free(limitation);
	free(restarts);
	return rc;
}

/* ---- the procedure ---------------------------------------------------- */

json_t *discipline_forms_for(struct tracker *tr, const char *grp, bool leader, const char *on, struct err *err)
{
	json_t *forms = store_discipline_forms(tr->store, err), *f;
	if (!forms)
		return NULL;
	json_t *out = json_array();
	size_t i;
	json_array_foreach(forms, i, f) {
		const char *to = json_string_value(json_object_get(f, "valid_to"));
		const char *applies = json_string_value(json_object_get(f, "applies_to"));
		if (strcmp(json_string_value(json_object_get(f, "grp")), grp) != 0 ||
		    strcmp(json_string_value(json_object_get(f, "valid_from")), on) > 0 || (to && strcmp(on, to) >= 0) ||
		    strcmp(applies, leader ? "non_leader" : "leader") == 0)
			continue;
		json_array_append(out, f);
	}
	json_decref(forms);
	return out;
}

/* ERR_OK when form is a code of discipline_form for the case's group and
 * post on the decision's date. */
static enum err_code form_fits(struct tracker *tr, json_t *row, const char *form, const char *on, struct err *err)
{
	json_t *forms = discipline_forms_for(tr, json_string_value(json_object_get(row, "grp")),
					     json_integer_value(json_object_get(row, "is_leader")) == 1, on, err), *f;
	if (!forms)
		return err->code;
	bool found = false;
	struct buf codes = BUF_INIT;
	size_t i;
	json_array_foreach(forms, i, f) {
		const char *code = json_string_value(json_object_get(f, "code"));
		found = found || (form && strcmp(code, form) == 0);
		buf_printf(&codes, "%s%s", codes.len ? ", " : "", code);
	}
	enum err_code rc = found ? ERR_OK
				 : err_set(err, ERR_INVALID, "form", "'form' must be one of %s for this official on %s",
					   codes.len ? buf_str(&codes) : "(none)", on);
	buf_release(&codes);
	json_decref(forms);
	return rc;
}

enum err_code discipline_on_date(json_t *row, json_t *body, char on[DATE_STRLEN], struct err *err)
{
	enum err_code rc = in_date(body, "on", true, on, err);
	char today[DATE_STRLEN];
	date_format(date_today(), today);
	if (rc)
		return rc;
	if (strcmp(on, today) > 0)
		return err_set(err, ERR_INVALID, "on", "'on' is after today");
	const char *discovered = json_string_value(json_object_get(row, "discovered_on"));
	if (strcmp(on, discovered) < 0)
		return err_set(err, ERR_INVALID, "on", "'on' comes before the discovery (%s)", discovered);
	return ERR_OK;
}

/* The step's date: as discipline_on_date, and not before the step
 * recorded last. */
static enum err_code step_date(json_t *row, json_t *body, int cur, char on[DATE_STRLEN], struct err *err)
{
	enum err_code rc = discipline_on_date(row, body, on, err);
	if (rc)
		return rc;
	for (int k = cur; k > 0; k--) {
		const char *prev = json_string_value(json_object_get(row, step_dates[k]));
		if (prev && strcmp(on, prev) < 0)
			return err_set(err, ERR_INVALID, "on", "'on' comes before the %s (%s)", steps[k], prev);
	}
	return ERR_OK;
}

/* Which step body names, as its status's seq; its order after cur. */
static enum err_code step_seq(json_t *body, int cur, bool has_note, int *seq, struct err *err)
{
	json_t *sv = json_object_get(body, "step");
	*seq = -1;
	for (int k = 1; k < (int)ARRAY_LEN(steps) && json_is_string(sv); k++)
		if (strcmp(steps[k], json_string_value(sv)) == 0)
			*seq = k;
	if (*seq < 0)
		return err_set(err, ERR_INVALID, "step", "'step' must be review, council, decision, pause, resume or exempt");
	if (*seq <= cur)
		return err_set(err, ERR_CONFLICT, "step", "the case is %s: its %s comes too late", statuses[cur],
			       steps[*seq]);
	if (*seq > cur + 1 && !has_note)
		return err_set(err, ERR_INVALID, "note", "skipping the %s needs a 'note' saying why", steps[cur + 1]);
	return ERR_OK;
}

enum err_code discipline_case_step(struct tracker *tr, int64_t id, json_t *body, json_t **out, struct err *err)
{
	static const char *const allowed[] = {"step", "on", "note", "number", "issuer", "form",
		"limitation_override", NULL};
	json_t *row = store_discipline_case_get(tr->store, id, err);
	char on[DATE_STRLEN], *note = NULL, *number = NULL, *issuer = NULL, *form = NULL, *override = NULL;
	int seq;
	if (!row && err->code != ERR_NOT_FOUND)
		return err->code;
	struct permit_target t = discipline_case_target(tr, json_integer_value(json_object_get(row, "unit_id")));
	enum err_code rc = auth_require(tr->who, ACT_DISCIPLINE, &t, err);
	if (!rc && !row)
		rc = err_set(err, ERR_NOT_FOUND, "id", "no discipline case %lld", (long long)id);
	if (rc)
		goto out;
	if (discipline_event_step(json_string_value(json_object_get(body, "step")))) {
		rc = discipline_case_event(tr, id, row, body, err);
		goto done;
	}
	int cur = status_seq(json_string_value(json_object_get(row, "status")));
	if ((rc = in_only(body, allowed, err)) || (rc = in_text(body, "note", false, MAX_TEXT, &note, err)) ||
	    (rc = in_text(body, "number", false, 40, &number, err)) ||
	    (rc = in_text(body, "issuer", false, MAX_NAME, &issuer, err)) ||
	    (rc = in_text(body, "form", false, 40, &form, err)) ||
	    (rc = in_text(body, "limitation_override", false, MAX_TEXT, &override, err)) ||
	    (rc = step_seq(body, cur, note && *note, &seq, err)) || (rc = step_date(row, body, cur, on, err)))
		goto out;
	bool decision = seq == (int)ARRAY_LEN(statuses) - 1;
	if ((rc = discipline_step_allowed(row, decision, on, override, err)))
		goto out;
	if (decision && (!number || !*number))
		rc = err_set(err, ERR_INVALID, "number", "a decision needs its 'number'");
	else if (decision)
		rc = form_fits(tr, row, form, on, err);
	else if (number || issuer || form)
		rc = err_set(err, ERR_INVALID, number ? "number" : issuer ? "issuer" : "form",
			     "only the decision has a number, an issuer and a form");
	if (rc)
		goto out;
	struct discipline_step s = {.status = statuses[seq], .from_status = statuses[cur], .on = on, .note = note,
		.number = number, .issuer = issuer, .form = form, .limitation_override = override};
	tracker_attribution_begin(tr);
	rc = store_discipline_step(tr->store, id, &s, err);
	tracker_attribution_end(tr);
done:
	if (rc == ERR_OK && out && !(*out = discipline_case_get(tr, id, err)))
		rc = err->code;
out:
	json_decref(row);
	free(note);
	free(number);
	free(issuer);
	free(form);
	free(override);
	return rc;
}

bool discipline_visible(struct tracker *tr, const struct principal *who)
{
	struct permit_target t = discipline_case_target(tr, who->unit_id);
	return auth_permits(who, ACT_DISCIPLINE_READ, &t);
}
