/*
 * report.c — computing a periodic report (see report.h): the permission
 * check, then the steps of report_calc.h in order, each adding its part
 * of the report object.
 */
#include "base/base.h"
#include "base/date.h"
#include "domain/auth.h"
#include "domain/inspection.h"
#include "report/report.h"
#include "report/report_calc.h"
#include "report/report_int.h"

#include <stdlib.h>
#include <string.h>

const char *report_actor(const struct tracker *tr)
{
	return tr->who ? tr->who->name : "system";
}

json_t *report_head_json(const struct report_ctx *c)
{
	char d[DATE_STRLEN];
	json_t *out = json_object();
	json_object_set_new(out, "period", json_string(c->per.label));
	json_object_set_new(out, "period_name", json_string(c->per.name_vi));
	json_object_set_new(out, "period_start", json_string(date_format(c->per.start, d)));
	json_object_set_new(out, "period_end", json_string(date_format(c->per.end, d)));
	json_object_set_new(out, "as_of", json_string(date_format(c->cutoff, d)));
	json_object_set_new(out, "status_date", json_string(date_format(c->day[0], d)));
	json_object_set_new(out, "recorded_by", json_string(c->recorded[0]));
	json_object_set_new(out, "history_loaded_at", c->history ? json_string(c->history) : json_null());
	json_object_set_new(out, "previous_period", json_string(c->prev.label));
	report_add_province(out, c->units_json);
	return out;
}

void report_add_province(json_t *out, const json_t *units)
{
	/* The issuing body and the place for the DOCX header: the province's
	 * People's Committee, its place the words after "tỉnh". */
	size_t i;
	json_t *u;
	json_array_foreach(units, i, u)
		if (strcmp(json_string_value(json_object_get(u, "kind")), "province") == 0) {
			const char *pn = json_string_value(json_object_get(u, "name"));
			const char *t = strstr(pn, "tỉnh ");
			json_object_set_new(out, "province", json_pack("{s:O, s:s, s:s}", "code", json_object_get(u, "code"),
								"name", pn, "place", t ? t + strlen("tỉnh ") : pn));
			break;
		}
}

json_t *report_fields_json(const struct report_ctx *c, json_t **selected)
{
	json_t *fields = json_array();
	size_t i;
	json_t *fj;
	*selected = json_null();
	json_array_foreach(c->fields_json, i, fj) {
		json_t *o = json_pack("{s:O, s:O, s:O, s:O, s:O, s:O}", "id", json_object_get(fj, "id"), "code",
				      json_object_get(fj, "code"), "name", json_object_get(fj, "name"), "name_en",
				      json_object_get(fj, "name_en"), "lead_unit_code", json_object_get(fj, "lead_unit_code"),
				      "lead_unit_name", json_object_get(fj, "lead_unit_name"));
		report_counts_json(o, c->field_cnt[i]);
		json_object_set_new(o, "indicators", json_array());
		if (c->field_id && c->field_ids[i] == c->field_id) {
			json_decref(*selected);
			*selected = json_pack("{s:O, s:O}", "code", json_object_get(fj, "code"), "name",
					      json_object_get(fj, "name"));
		}
		json_array_append_new(fields, o);
	}
	return fields;
}

json_t *report_build(struct store *st, const struct report_query *q, struct err *err)
{
	struct report_ctx c;
	json_t *out = NULL, *fields = NULL, *selected = NULL;
	if (report_ctx_open(&c, st, q, err) || report_load(&c, err))
		goto cleanup;
	report_count(&c);
	out = report_head_json(&c);
	fields = report_fields_json(&c, &selected);
	json_object_set_new(out, "field", selected);
	json_t *totals = json_object();
	report_counts_json(totals, c.total);
	json_object_set_new(out, "totals", totals);
	if (report_indicators(&c, fields, err)) {
		json_decref(out);
		out = NULL;
		goto cleanup;
	}
	json_t *behind = json_array();
	json_t *units = report_scorecard(&c, behind);
	report_field_units(&c, fields);
	json_object_set(out, "fields", fields);
	json_object_set_new(out, "units", units);
	json_object_set_new(out, "behind", behind);
	if (q->unit_id)
		json_object_set_new(out, "peer_view", report_peer_view(units, q->unit_id));
	/* Every rule is evaluated now; the key stays for clients that read it. */
	json_object_set_new(out, "rules_not_evaluated", json_array());
	json_object_set(out, "rules", c.rules_json);
cleanup:
	json_decref(fields);
	report_ctx_release(&c);
	return out;
}

json_t *report_compute(struct tracker *tr, const struct report_query *q, struct err *err)
{
	/* No target: the report shows every unit, so only a scope over every
	 * unit may read it. */
	if (auth_require(tr->who, ACT_READ, NULL, err))
		return NULL;
	json_t *rep = report_build(tr->store, q, err), *insp;
	if (!rep)
		return NULL;
	/* The year's inspections as the statuses are judged: on status_date. */
	const char *day = json_string_value(json_object_get(rep, "status_date"));
	if (!(insp = inspection_summary(tr, atoi(day), date_parse(day), err))) {
		json_decref(rep);
		return NULL;
	}
	json_object_set_new(rep, "inspections", insp);
	return rep;
}
