/* inspection.c — inspection plans, inspections, findings and their verification (issue 15). */
#include "base/base.h"
#include "base/date.h"
#include "domain/deadline.h"
#include "domain/input.h"
#include "domain/inspection.h"
#include "domain/status.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#define MAX_TITLE 1000
#define MAX_TEXT 20000
#define MAX_LIST 200		/* units, fields or team members of one inspection */
#define MAX_DUE_WORKDAYS 1000	/* as the schema's CHECK */
#define DEFAULT_TARGET 0.20	/* when the setting is missing: Cao Bằng 2025 */

/* ---- small readers ---------------------------------------------------- */

/* A unit or field reference (code, or id as number or digits) as text. */
static bool ref_text(json_t *v, char out[40])
{
	if (json_is_integer(v))
		snprintf(out, 40, "%lld", (long long)json_integer_value(v));
	else if (json_is_string(v))
		snprintf(out, 40, "%s", json_string_value(v));
	else
		return false;
	return true;
}

/* The unit body[key] names; 0 when absent or unknown. */
static int64_t body_unit(struct tracker *tr, json_t *body, const char *key)
{
	char ref[40];
	json_t *v = json_object_get(body, key);
	return v && ref_text(v, ref) ? tracker_unit_ref(tr, ref) : 0;
}

/* The date body[key], or today when absent. */
static enum err_code date_or_today(json_t *body, const char *key, char out[11], struct err *err)
{
	enum err_code rc = in_date(body, key, false, out, err);
	if (rc == ERR_OK && !out[0])
		date_format(date_today(), out);
	return rc;
}

/* ERR_OK when who may inspect for unit_id (the inspecting unit). */
static enum err_code may_inspect(struct tracker *tr, int64_t unit_id, struct err *err)
{
	struct permit_target t = {.unit_id = unit_id};
	return auth_require(tr->who, ACT_INSPECT, &t, err);
}

/* The JSON text stored in row[key] parsed in place. */
static void parse_json_column(json_t *row, const char *key)
{
	json_t *v = json_loads(json_string_value(json_object_get(row, key)), 0, NULL);
	if (v)
		json_object_set_new(row, key, v);
}

/* ---- plans ------------------------------------------------------------ */

static double coverage_target(struct tracker *tr)
{
	char *v = store_inspection_setting(tr->store, "coverage_target");
	double t = v ? atof(v) : 0;
	free(v);
	return t > 0 && t <= 1 ? t : DEFAULT_TARGET;
}

/* Adds "coverage" to a plan row; false with err filled on failure. */
static bool add_coverage(struct tracker *tr, json_t *plan, struct err *err)
{
	json_t *c = store_inspection_plan_coverage(tr->store, json_integer_value(json_object_get(plan, "id")), err);
	if (!c)
		return false;
	double total = (double)json_integer_value(json_object_get(c, "units_total"));
	double inspected = (double)json_integer_value(json_object_get(c, "units_inspected"));
	double planned = (double)json_integer_value(json_object_get(c, "units_planned"));
	double target = json_real_value(json_object_get(plan, "target_share"));
	double share = total > 0 ? inspected / total : 0;
	json_object_set_new(c, "share", json_real(share));
	json_object_set_new(c, "planned_share", json_real(total > 0 ? planned / total : 0));
	json_object_set_new(c, "target_share", json_real(target));
	json_object_set_new(c, "target_met", json_boolean(share + 1e-9 >= target));
	json_object_set_new(plan, "coverage", c);
	return true;
}

json_t *inspection_plans(struct tracker *tr, int year, struct err *err)
{
	if (auth_require(tr->who, ACT_READ, NULL, err))
		return NULL;
	json_t *plans = store_inspection_plans(tr->store, year, err);
	size_t i;
	json_t *p;
	json_array_foreach(plans, i, p) {
		if (!add_coverage(tr, p, err)) {
			json_decref(plans);
			return NULL;
		}
	}
	return plans;
}

json_t *inspection_plan(struct tracker *tr, int64_t id, struct err *err)
{
	if (auth_require(tr->who, ACT_READ, NULL, err))
		return NULL;
	json_t *plan = store_inspection_plan_get(tr->store, id, err), *list = NULL;
	if (!plan || !add_coverage(tr, plan, err) || !(list = inspection_list(tr, id, 0, NULL, err))) {
		json_decref(plan);
		return NULL;
	}
	json_object_set_new(plan, "inspection_list", list);
	return plan;
}

enum err_code inspection_plan_create(struct tracker *tr, json_t *body, json_t **out, struct err *err)
{
	static const char *const allowed[] = {"year", "kind", "inspecting_unit", "title", "document_ref",
					      "target_share", NULL};
	char *kind = NULL, *title = NULL, *ref = NULL;
	int64_t year = 0, id = 0;
	double target = 0;
	bool has_target = false;
	int64_t unit = body_unit(tr, body, "inspecting_unit");
	enum err_code rc;
	if ((rc = may_inspect(tr, unit, err)) || (rc = in_only(body, allowed, err)) ||
	    (rc = in_int(body, "year", true, 2000, 2100, &year, NULL, err)) ||
	    (rc = in_text(body, "kind", false, 20, &kind, err)) ||
	    (rc = in_text(body, "title", true, MAX_TITLE, &title, err)) ||
	    (rc = in_text(body, "document_ref", false, 200, &ref, err)) ||
	    (rc = in_number(body, "target_share", false, &target, &has_target, err)))
		goto out;
	if (!unit) {
		rc = err_set(err, ERR_INVALID, "inspecting_unit", "'inspecting_unit' must name a known unit");
		goto out;
	}
	if (kind && strcmp(kind, "inspection") != 0 && strcmp(kind, "self") != 0) {
		rc = err_set(err, ERR_INVALID, "kind", "'kind' must be inspection or self");
		goto out;
	}
	bool self = kind && strcmp(kind, "self") == 0;
	if (!self && !store_inspection_body(tr->store, unit)) {
		rc = err_set(err, ERR_INVALID, "inspecting_unit",
			     "this unit does not inspect other units; plan a self-inspection (kind: self)");
		goto out;
	}
	if (has_target && !(target > 0 && target <= 1)) {
		rc = err_set(err, ERR_INVALID, "target_share", "'target_share' must be above 0 and at most 1");
		goto out;
	}
	struct inspection_plan_new p = {.year = (int)year, .kind = self ? "self" : "inspection",
		.inspecting_unit_id = unit, .title = title, .document_ref = ref, .by = auth_actor(tr->who),
		.target_share = has_target ? target : coverage_target(tr)};
	tracker_attribution_begin(tr);
	rc = store_inspection_plan_add(tr->store, &p, &id, err);
	tracker_attribution_end(tr);
	if (rc == ERR_OK && out && !(*out = inspection_plan(tr, id, err)))
		rc = err->code;
out:
	free(kind);
	free(title);
	free(ref);
	return rc;
}

/* ---- inspections ------------------------------------------------------ */

json_t *inspection_list(struct tracker *tr, int64_t plan_id, int64_t unit_id, const char *status, struct err *err)
{
	if (auth_require(tr->who, ACT_READ, NULL, err))
		return NULL;
	if (status && strcmp(status, "planned") != 0 && strcmp(status, "in_progress") != 0 &&
	    strcmp(status, "concluded") != 0) {
		err_set(err, ERR_BAD_REQUEST, "status", "'status' must be planned, in_progress or concluded");
		return NULL;
	}
	json_t *list = store_inspections(tr->store, plan_id, unit_id, status, err);
	size_t i;
	json_t *row;
	json_array_foreach(list, i, row)
		parse_json_column(row, "team");
	return list;
}

/*
 * Reads body[key], a non-empty list of at most MAX_LIST unit or field
 * references, into *ids (caller frees), refusing unknown entries and
 * duplicates.  fields: field references, else units.
 */
static enum err_code id_list(struct tracker *tr, json_t *body, const char *key, bool fields, int64_t **ids,
			     size_t *n, struct err *err)
{
	json_t *list = json_object_get(body, key), *v;
	size_t i;
	*ids = NULL;
	*n = 0;
	if (!json_is_array(list) || json_array_size(list) == 0 || json_array_size(list) > MAX_LIST)
		return err_set(err, ERR_INVALID, key, "'%s' must be a list of 1 to %d codes", key, MAX_LIST);
	*ids = xcalloc(json_array_size(list), sizeof **ids);
	json_array_foreach(list, i, v) {
		char ref[40];
		int64_t id = !ref_text(v, ref) ? 0 : fields ? tracker_field_ref(tr, ref) : tracker_unit_ref(tr, ref);
		if (!id)
			return err_set(err, ERR_INVALID, key, "'%s' item %zu is no known %s", key, i + 1,
				       fields ? "field" : "unit");
		for (size_t k = 0; k < *n; k++)
			if ((*ids)[k] == id)
				return err_set(err, ERR_INVALID, key, "'%s' names %s twice", key, ref);
		(*ids)[(*n)++] = id;
	}
	return ERR_OK;
}

/* The team: a non-empty list of names, stored as JSON text (new string). */
static enum err_code team_text(json_t *body, char **out, struct err *err)
{
	json_t *team = json_object_get(body, "team"), *v, *clean = json_array();
	size_t i;
	enum err_code rc = ERR_OK;
	*out = NULL;
	if (!json_is_array(team) || json_array_size(team) == 0 || json_array_size(team) > MAX_LIST)
		rc = err_set(err, ERR_INVALID, "team", "'team' must be a list of 1 to %d names", MAX_LIST);
	json_array_foreach(team, i, v) {
		char *name = NULL;
		if (rc)
			break;
		if (!json_is_string(v) || in_text_raw(json_string_value(v), "team", 200, &name, err) || !*name)
			rc = err_set(err, ERR_INVALID, "team", "'team' item %zu must be a name", i + 1);
		else
			json_array_append_new(clean, json_string(name));
		free(name);
	}
	if (!rc)
		*out = json_dumps(clean, JSON_COMPACT);
	json_decref(clean);
	return rc;
}

/* Every unit of a self-inspection is the planning unit or one under it;
 * an inspection of others never covers the inspecting unit itself. */
static enum err_code scope_fits(struct tracker *tr, json_t *plan, const int64_t *units, size_t n,
				struct err *err)
{
	int64_t by = json_integer_value(json_object_get(plan, "inspecting_unit_id"));
	bool self = strcmp(json_string_value(json_object_get(plan, "kind")), "self") == 0;
	for (size_t k = 0; k < n; k++) {
		json_t *u = store_unit_get(tr->store, units[k], err);
		if (!u)
			return err->code;
		int64_t parent = json_integer_value(json_object_get(u, "parent_id"));
		bool active = json_integer_value(json_object_get(u, "active")) == 1;
		json_decref(u);
		if (!active)
			return err_set(err, ERR_INVALID, "units", "'units' item %zu is no longer active", k + 1);
		if (self && units[k] != by && parent != by)
			return err_set(err, ERR_INVALID, "units",
				       "a self-inspection covers the unit itself and the units under it");
		if (!self && units[k] == by)
			return err_set(err, ERR_INVALID, "units",
				       "the inspecting unit inspects itself in a self-inspection plan");
	}
	return ERR_OK;
}

/* Checks the dates of a new inspection against each other and the plan's year. */
static enum err_code planned_dates(json_t *body, json_t *plan, char from[11], char to[11], struct err *err)
{
	enum err_code rc;
	if ((rc = in_date(body, "planned_from", true, from, err)) || (rc = in_date(body, "planned_to", true, to, err)))
		return rc;
	if (atoi(from) != json_integer_value(json_object_get(plan, "year")))
		return err_set(err, ERR_INVALID, "planned_from", "'planned_from' must fall in the plan's year %lld",
			       (long long)json_integer_value(json_object_get(plan, "year")));
	if (strcmp(to, from) < 0)
		return err_set(err, ERR_INVALID, "planned_to", "'planned_to' comes before 'planned_from'");
	return ERR_OK;
}

enum err_code inspection_create(struct tracker *tr, json_t *body, json_t **out, struct err *err)
{
	static const char *const allowed[] = {"plan_id", "title", "team", "units", "fields", "planned_from",
					      "planned_to", NULL};
	json_t *plan = NULL;
	char *title = NULL, *team = NULL, from[11], to[11];
	int64_t plan_id = 0, id = 0, *units = NULL, *fields = NULL;
	size_t nunits = 0, nfields = 0;
	enum err_code rc;
	json_t *pv = json_object_get(body, "plan_id");
	if (json_is_integer(pv) && !(plan = store_inspection_plan_get(tr->store, json_integer_value(pv), err)) &&
	    err->code != ERR_NOT_FOUND)
		return err->code;
	/* Who may act depends on the plan's unit: an unknown plan is nobody's. */
	if ((rc = may_inspect(tr, json_integer_value(json_object_get(plan, "inspecting_unit_id")), err)) ||
	    (rc = in_only(body, allowed, err)) ||
	    (rc = in_int(body, "plan_id", true, 1, INT64_MAX, &plan_id, NULL, err)))
		goto out;
	if (!plan) {
		rc = err_set(err, ERR_INVALID, "plan_id", "no inspection plan %lld", (long long)plan_id);
		goto out;
	}
	if ((rc = in_text(body, "title", true, MAX_TITLE, &title, err)) || (rc = team_text(body, &team, err)) ||
	    (rc = id_list(tr, body, "units", false, &units, &nunits, err)) ||
	    (rc = scope_fits(tr, plan, units, nunits, err)) ||
	    (rc = id_list(tr, body, "fields", true, &fields, &nfields, err)) ||
	    (rc = planned_dates(body, plan, from, to, err)))
		goto out;
	struct inspection_new in = {.plan_id = plan_id, .title = title, .team = team, .planned_from = from,
		.planned_to = to, .by = auth_actor(tr->who), .units = units, .nunits = nunits,
		.fields = fields, .nfields = nfields};
	tracker_attribution_begin(tr);
	rc = store_inspection_add(tr->store, &in, &id, err);
	tracker_attribution_end(tr);
	if (rc == ERR_OK && out && !(*out = inspection_get(tr, id, err)))
		rc = err->code;
out:
	json_decref(plan);
	free(title);
	free(team);
	free(units);
	free(fields);
	return rc;
}

json_t *inspection_get(struct tracker *tr, int64_t id, struct err *err)
{
	if (auth_require(tr->who, ACT_READ, NULL, err))
		return NULL;
	json_t *row = store_inspection_get(tr->store, id, err), *findings = NULL;
	if (!row)
		return NULL;
	parse_json_column(row, "team");
	if (!(findings = store_findings(tr->store, id, 0, NULL, err))) {
		json_decref(row);
		return NULL;
	}
	json_object_set_new(row, "finding_list", findings);
	json_t *docs = store_case_documents(tr->store, DOC_INSPECTION, id, err);
	if (!docs) {
		json_decref(row);
		return NULL;
	}
	json_object_set_new(row, "documents", docs);
	return row;
}

enum err_code inspection_for_step(struct tracker *tr, int64_t id, json_t **row, struct err *err)
{
	*row = store_inspection_get(tr->store, id, err);
	if (!*row)
		return err->code;
	return may_inspect(tr, json_integer_value(json_object_get(*row, "inspecting_unit_id")), err);
}

/* ERR_CONFLICT unless the inspection is in status want. */
static enum err_code in_status(json_t *row, const char *want, const char *step, struct err *err)
{
	const char *status = json_string_value(json_object_get(row, "status"));
	if (strcmp(status, want) == 0)
		return ERR_OK;
	return err_set(err, ERR_CONFLICT, "status", "the inspection is %s: it cannot be %s", status, step);
}

enum err_code inspection_start(struct tracker *tr, int64_t id, json_t *body, json_t **out, struct err *err)
{
	static const char *const allowed[] = {"started_on", NULL};
	json_t *row = NULL;
	char on[11];
	enum err_code rc;
	if ((rc = inspection_for_step(tr, id, &row, err)) || (rc = in_only(body, allowed, err)) ||
	    (rc = date_or_today(body, "started_on", on, err)) || (rc = in_status(row, "planned", "started", err)))
		goto out;
	if (atoi(on) != json_integer_value(json_object_get(row, "year"))) {
		rc = err_set(err, ERR_INVALID, "started_on", "'started_on' must fall in the plan's year");
		goto out;
	}
	tracker_attribution_begin(tr);
	rc = store_inspection_start(tr->store, id, on, err);
	tracker_attribution_end(tr);
	if (rc == ERR_OK && out && !(*out = inspection_get(tr, id, err)))
		rc = err->code;
out:
	json_decref(row);
	return rc;
}

enum err_code inspection_conclude(struct tracker *tr, int64_t id, json_t *body, json_t **out, struct err *err)
{
	static const char *const allowed[] = {"conclusion", "concluded_on", "number", "symbol", NULL};
	json_t *row = NULL;
	char on[11], *text = NULL, *number = NULL, *symbol = NULL, *title = NULL;
	enum err_code rc;
	if ((rc = inspection_for_step(tr, id, &row, err)) || (rc = in_only(body, allowed, err)) ||
	    (rc = in_text(body, "conclusion", true, MAX_TEXT, &text, err)) ||
	    (rc = in_text(body, "number", false, 20, &number, err)) ||
	    (rc = in_text(body, "symbol", false, 40, &symbol, err)) ||
	    (rc = date_or_today(body, "concluded_on", on, err)) ||
	    (rc = in_status(row, "in_progress", "concluded", err)))
		goto out;
	if (strcmp(on, json_string_value(json_object_get(row, "started_on"))) < 0) {
		rc = err_set(err, ERR_INVALID, "concluded_on", "'concluded_on' comes before the start (%s)",
			     json_string_value(json_object_get(row, "started_on")));
		goto out;
	}
	title = xasprintf("Thông báo kết luận kiểm tra: %s", json_string_value(json_object_get(row, "title")));
	struct document_new notice = {.type = "TB", .number = number, .symbol = symbol, .title = title,
		.issued_on = on, .body = text, .year = atoi(on),
		.issuer_code = json_string_value(json_object_get(row, "inspecting_unit_code"))};
	tracker_attribution_begin(tr);
	rc = store_inspection_conclude(tr->store, id, on, text, &notice, err);
	tracker_attribution_end(tr);
	if (rc == ERR_OK && out && !(*out = inspection_get(tr, id, err)))
		rc = err->code;
out:
	json_decref(row);
	free(text);
	free(number);
	free(symbol);
	free(title);
	return rc;
}

/* ---- findings --------------------------------------------------------- */

/* Whether the list row[key] holds an object whose id is id. */
static bool lists_id(json_t *row, const char *key, int64_t id)
{
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(row, key), i, v)
		if (json_integer_value(json_object_get(v, "id")) == id)
			return true;
	return false;
}

enum err_code finding_severity_known(struct tracker *tr, const char *severity, struct err *err)
{
	json_t *levels = store_finding_severities(tr->store, err), *v;
	if (!levels)
		return err->code;
	size_t i;
	bool found = false;
	struct buf codes = BUF_INIT;
	json_array_foreach(levels, i, v) {
		const char *code = json_string_value(json_object_get(v, "code"));
		found = found || strcmp(code, severity) == 0;
		buf_printf(&codes, "%s%s", i ? ", " : "", code);
	}
	enum err_code rc = found ? ERR_OK
				 : err_set(err, ERR_INVALID, "severity", "'severity' must be one of %s", buf_str(&codes));
	buf_release(&codes);
	json_decref(levels);
	return rc;
}

/* Checks a finding's unit, field and severity against the inspection. */
static enum err_code finding_scope(struct tracker *tr, json_t *insp, json_t *body, int64_t *unit,
				   int64_t *field, const char *severity, struct err *err)
{
	char ref[40];
	json_t *fv = json_object_get(body, "field");
	*unit = body_unit(tr, body, "unit");
	*field = fv && ref_text(fv, ref) ? tracker_field_ref(tr, ref) : 0;
	if (!*unit)
		return err_set(err, ERR_INVALID, "unit", "'unit' must name a known unit");
	if (!lists_id(insp, "units", *unit))
		return err_set(err, ERR_INVALID, "unit", "the unit is outside the inspection's scope");
	if (!*field)
		return err_set(err, ERR_INVALID, "field", "'field' must name a known field");
	if (!lists_id(insp, "fields", *field))
		return err_set(err, ERR_INVALID, "field", "the field is outside the inspection's scope");
	return finding_severity_known(tr, severity, err);
}

/* Adds the remediation's status today (not_started ... done_on_time). */
static void add_remediation_status(json_t *row)
{
	const char *done = json_string_value(json_object_get(row, "completed_on"));
	const char *first = json_string_value(json_object_get(row, "first_report_on"));
	enum status s = status_of(date_parse(json_string_value(json_object_get(row, "deadline"))),
				  first ? date_parse(first) : DATE_NONE, done ? date_parse(done) : DATE_NONE,
				  date_today());
	json_object_set_new(row, "remediation_status", json_string(status_name(s)));
}

/* *out: the finding as a result, with its remediation's status. */
static enum err_code finding_out(struct tracker *tr, int64_t id, json_t **out, struct err *err)
{
	if (!(*out = store_finding_get(tr->store, id, err)))
		return err->code;
	add_remediation_status(*out);
	return ERR_OK;
}

enum err_code finding_create(struct tracker *tr, int64_t inspection_id, json_t *body, json_t **out,
			     struct err *err)
{
	static const char *const allowed[] = {"unit", "field", "severity", "content", "recommendation",
					      "due_workdays", NULL};
	json_t *insp = NULL;
	char *severity = NULL, *content = NULL, *recommendation = NULL, due_s[DATE_STRLEN];
	int64_t n = 0, unit = 0, field = 0, id = 0;
	int32_t due;
	enum err_code rc;
	if ((rc = inspection_for_step(tr, inspection_id, &insp, err)) || (rc = in_only(body, allowed, err)) ||
	    (rc = in_text(body, "severity", true, 40, &severity, err)) ||
	    (rc = in_text(body, "content", true, MAX_TITLE, &content, err)) ||
	    (rc = in_text(body, "recommendation", true, MAX_TEXT, &recommendation, err)) ||
	    (rc = in_int(body, "due_workdays", true, 1, MAX_DUE_WORKDAYS, &n, NULL, err)) ||
	    (rc = finding_scope(tr, insp, body, &unit, &field, severity, err)) ||
	    (rc = in_status(insp, "concluded", "given findings before its conclusion", err)) ||
	    (rc = deadline_after_workdays(tr, date_parse(json_string_value(json_object_get(insp, "concluded_on"))),
					  (int)n, &due, err)))
		goto out;
	date_format(due, due_s);
	/* The remediation: a task of the conclusion notice, the unit's one assignment. */
	struct assignment_new asg = {.unit_id = unit};
	memcpy(asg.deadline, due_s, sizeof asg.deadline);
	struct task_new task = {.document_id = json_integer_value(json_object_get(insp, "conclusion_document_id")),
		.field_id = field, .title = content, .description = recommendation, .deadline = due_s,
		.recurrence = REC_ONCE, .year = atoi(due_s), .lead = &unit, .nlead = 1, .asg = &asg, .nasg = 1};
	struct finding_new f = {.inspection_id = inspection_id, .unit_id = unit, .field_id = field,
		.severity = severity, .content = content, .recommendation = recommendation, .deadline = due_s,
		.by = auth_actor(tr->who), .due_workdays = (int)n, .task = &task};
	tracker_attribution_begin(tr);
	rc = store_finding_add(tr->store, &f, &id, err);
	tracker_attribution_end(tr);
	if (rc == ERR_OK && out)
		rc = finding_out(tr, id, out, err);
out:
	json_decref(insp);
	free(severity);
	free(content);
	free(recommendation);
	return rc;
}

json_t *finding_list(struct tracker *tr, int64_t unit_id, const char *status, struct err *err)
{
	static const char *const statuses[] = {"open", "awaiting_verification", "returned", "accepted"};
	if (auth_require(tr->who, ACT_READ, NULL, err))
		return NULL;
	bool known = !status;
	for (size_t i = 0; i < ARRAY_LEN(statuses) && !known; i++)
		known = strcmp(statuses[i], status) == 0;
	if (!known) {
		err_set(err, ERR_BAD_REQUEST, "status",
			"'status' must be open, awaiting_verification, returned or accepted");
		return NULL;
	}
	json_t *list = store_findings(tr->store, 0, unit_id, status, err);
	size_t i;
	json_t *row;
	json_array_foreach(list, i, row)
		add_remediation_status(row);
	return list;
}

enum err_code finding_verify(struct tracker *tr, int64_t id, json_t *body, json_t **out, struct err *err)
{
	static const char *const allowed[] = {"decision", "reason", NULL};
	char *decision = NULL, *reason = NULL;
	json_t *row = store_finding_get(tr->store, id, err);
	enum err_code rc;
	if (!row)
		return err->code;
	if ((rc = may_inspect(tr, json_integer_value(json_object_get(row, "inspecting_unit_id")), err)))
		goto out;
	if (tr->who && !tr->who->system && tr->who->unit_id == json_integer_value(json_object_get(row, "unit_id"))) {
		rc = err_set(err, ERR_FORBIDDEN, "", "a unit may not verify its own remediation");
		goto out;
	}
	if ((rc = in_only(body, allowed, err)) || (rc = in_text(body, "decision", true, 20, &decision, err)) ||
	    (rc = in_text(body, "reason", false, MAX_TEXT, &reason, err)))
		goto out;
	bool accepted = strcmp(decision, "accepted") == 0;
	if (!accepted && strcmp(decision, "returned") != 0)
		rc = err_set(err, ERR_INVALID, "decision", "'decision' must be accepted or returned");
	else if (!accepted && (!reason || !*reason))
		rc = err_set(err, ERR_INVALID, "reason", "a returned remediation needs a 'reason'");
	if (rc)
		goto out;
	tracker_attribution_begin(tr);
	rc = store_finding_verify(tr->store, id, accepted, reason, auth_actor(tr->who), err);
	tracker_attribution_end(tr);
	if (rc == ERR_OK && out)
		rc = finding_out(tr, id, out, err);
out:
	json_decref(row);
	free(decision);
	free(reason);
	return rc;
}
