/*
 * sqlite_audit.c — SQLite backend of store.h: the audit trail.
 *
 * The audit trail is written by TEMP triggers that every connection
 * installs when it opens: whatever code path changes an audited table, the
 * record is appended in the same transaction, chained to the previous one
 * by SHA-256.  Who made the change comes from the connection's temporary
 * table audit_actor, which store_audit_begin fills for the thread's
 * connection and store_audit_end resets.
 */
#include "base/base.h"
#include "store/sqlite_int.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* ---- the chain ------------------------------------------------------- */

void store_audit_hash(const char *prev, const char *at, const char *actor, const char *address,
		      const char *action, const char *entity, const char *entity_id,
		      const char *detail, char out[65])
{
	const char *parts[] = {prev, at, actor, address, action, entity, entity_id, detail};
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	for (size_t i = 0; i < ARRAY_LEN(parts); i++) {
		const char *p = parts[i] ? parts[i] : "";
		/* A unit separator keeps ("ab","c") and ("a","bc") apart. */
		crypto_hash_sha256_update(&h, (const unsigned char *)p, strlen(p));
		crypto_hash_sha256_update(&h, (const unsigned char *)"\x1f", 1);
	}
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&h, digest);
	sodium_bin2hex(out, 65, digest, sizeof digest);
}

static void sql_audit_hash(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *v[8];
	for (int i = 0; i < 8 && i < argc; i++)
		v[i] = (const char *)sqlite3_value_text(argv[i]);
	char out[65];
	store_audit_hash(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], out);
	sqlite3_result_text(ctx, out, 64, SQLITE_TRANSIENT);
}

/*
 * What is audited: one row per (table, event).  detail is an SQL
 * expression over NEW/OLD giving the change as JSON; secrets never appear
 * (a password change shows only that it happened).
 */
static const struct audited {
	const char *table, *event, *action, *entity, *id, *detail;
} audited[] = {
	{"unit", "INSERT", "create", "unit", "NEW.id",
	 "json_object('code', NEW.code, 'name', NEW.name, 'kind', NEW.kind, 'parent_id', NEW.parent_id)"},
	{"unit", "UPDATE", "update", "unit", "NEW.id",
	 "json_object('name', json_array(OLD.name, NEW.name), 'active', json_array(OLD.active, NEW.active),"
	 " 'head_name', json_array(OLD.head_name, NEW.head_name))"},
	{"field", "INSERT", "create", "field", "NEW.id",
	 "json_object('code', NEW.code, 'lead_unit_id', NEW.lead_unit_id)"},
	{"document", "INSERT", "create", "document", "NEW.id",
	 "json_object('type', NEW.type, 'number', NEW.number, 'symbol', NEW.symbol, 'title', NEW.title)"},
	{"indicator", "INSERT", "create", "indicator", "NEW.id",
	 "json_object('code', NEW.code, 'name', NEW.name, 'comparison', NEW.comparison, 'target', NEW.target)"},
	{"measurement", "INSERT", "create", "measurement", "NEW.id",
	 "json_object('indicator_id', NEW.indicator_id, 'unit_id', NEW.unit_id, 'period', NEW.period,"
	 " 'value', NEW.value)"},
	{"task", "INSERT", "create", "task", "NEW.id",
	 "json_object('title', NEW.title, 'document_id', NEW.document_id, 'field_id', NEW.field_id,"
	 " 'deadline', NEW.deadline, 'recurrence', NEW.recurrence)"},
	{"task", "UPDATE", "update", "task", "NEW.id",
	 "json_object('title', json_array(OLD.title, NEW.title),"
	 " 'description', json_array(OLD.description, NEW.description),"
	 " 'product', json_array(OLD.product, NEW.product), 'section', json_array(OLD.section, NEW.section),"
	 " 'field_id', json_array(OLD.field_id, NEW.field_id))"},
	{"report", "INSERT", "report", "report", "NEW.id",
	 "json_object('assignment_id', NEW.assignment_id, 'percent', NEW.percent, 'completed_on',"
	 " NEW.completed_on, 'note', NEW.note, 'reporter', NEW.reporter)"},
	{"report_confirmation", "INSERT", "confirm", "report", "NEW.report_id",
	 "json_object('confirmed_by', NEW.confirmed_by)"},
	{"evidence", "INSERT", "attach", "report", "NEW.report_id",
	 "json_object('sha256', NEW.sha256, 'filename', NEW.filename, 'size', NEW.size)"},
	{"account", "INSERT", "create", "account", "NEW.id",
	 "json_object('name', NEW.name, 'unit_id', NEW.unit_id)"},
	{"account", "UPDATE", "update", "account", "NEW.id",
	 "json_object('active', json_array(OLD.active, NEW.active),"
	 " 'password_changed', json(CASE WHEN OLD.password_hash IS NOT NEW.password_hash THEN 'true' ELSE 'false' END))"},
	{"account_role", "INSERT", "grant", "account", "NEW.account_id", "json_object('role', NEW.role)"},
	{"account_role", "DELETE", "revoke", "account", "OLD.account_id", "json_object('role', OLD.role)"},
	{"api_token", "INSERT", "token_create", "account", "NEW.account_id",
	 "json_object('token_id', NEW.id, 'unit_id', NEW.unit_id, 'role', NEW.role, 'label', NEW.label)"},
	{"api_token", "UPDATE", "token_revoke", "account", "NEW.account_id", "json_object('token_id', NEW.id)"},
	{"session", "INSERT", "login", "account", "NEW.account_id", "json_object('address', NEW.address)"},
	{"session", "DELETE", "logout", "account", "OLD.account_id", "json_object('address', OLD.address)"},
	{"login_failure", "INSERT", "login_failed", "login", "NEW.key", "json_object('key', NEW.key)"},
	/* Units' own periodic reports (issue 6): opening, every edit and every
	 * step (submit, return with comments, accept) as a status change. */
	{"unit_report", "INSERT", "create", "unit_report", "NEW.id",
	 "json_object('unit_id', NEW.unit_id, 'period', NEW.period, 'deadline', NEW.deadline)"},
	{"unit_report", "UPDATE", "update", "unit_report", "NEW.id",
	 "json_object('unit_id', NEW.unit_id, 'period', NEW.period, 'status', json_array(OLD.status, NEW.status),"
	 " 'narrative_changed', json(CASE WHEN OLD.narrative IS NOT NEW.narrative THEN 'true' ELSE 'false' END),"
	 " 'difficulties_changed', json(CASE WHEN OLD.difficulties IS NOT NEW.difficulties THEN 'true' ELSE 'false' END),"
	 " 'proposals_changed', json(CASE WHEN OLD.proposals IS NOT NEW.proposals THEN 'true' ELSE 'false' END),"
	 " 'comments', NEW.comments)"},
	/* Citizens' feedback (issue 17): receipt, every step and every
	 * extension; the sender's contact details stay out of the trail. */
	{"feedback", "INSERT", "create", "feedback", "NEW.id",
	 "json_object('code', NEW.code, 'channel', NEW.channel, 'received_on', NEW.received_on,"
	 " 'answer_due', NEW.answer_due)"},
	{"feedback", "UPDATE", "update", "feedback", "NEW.id",
	 "json_object('status', json_array(OLD.status, NEW.status), 'handling_unit_id', NEW.handling_unit_id,"
	 " 'reject_reason', NEW.reject_reason, 'answer_due', json_array(OLD.answer_due, NEW.answer_due),"
	 " 'answer_changed', json(CASE WHEN OLD.answer IS NOT NEW.answer THEN 'true' ELSE 'false' END),"
	 " 'published', NEW.published, 'satisfied', NEW.satisfied)"},
	{"feedback_extension", "INSERT", "extend", "feedback", "NEW.feedback_id",
	 "json_object('workdays', NEW.workdays, 'reason', NEW.reason, 'new_due', NEW.new_due)"},
	{"feedback_setting", "UPDATE", "update", "feedback_setting", "NEW.key",
	 "json_object('value', json_array(OLD.value, NEW.value))"},
	/* The PAR index (issue 14): a set imported or re-imported (its nodes
	 * go with it), assessments opened and moved on, every point given. */
	{"par_set", "INSERT", "create", "par_set", "NEW.id",
	 "json_object('year', NEW.year, 'kind', NEW.kind, 'version', NEW.version, 'name', NEW.name,"
	 " 'copied_from', NEW.copied_from)"},
	{"par_set", "UPDATE", "update", "par_set", "NEW.id",
	 "json_object('year', NEW.year, 'kind', NEW.kind, 'version', NEW.version, 'name', NEW.name)"},
	{"par_assessment", "INSERT", "create", "par_assessment", "NEW.id",
	 "json_object('unit_id', NEW.unit_id, 'year', NEW.year, 'set_id', NEW.set_id)"},
	{"par_assessment", "UPDATE", "update", "par_assessment", "NEW.id",
	 "json_object('status', json_array(OLD.status, NEW.status))"},
	{"par_score", "INSERT", "score", "par_assessment", "NEW.assessment_id",
	 "json_object('node_id', NEW.node_id, 'self_points', NEW.self_points, 'appraised_points',"
	 " NEW.appraised_points, 'reason', NEW.appraisal_reason)"},
	{"par_score", "UPDATE", "score", "par_assessment", "NEW.assessment_id",
	 "json_object('node_id', NEW.node_id, 'self_points', json_array(OLD.self_points, NEW.self_points),"
	 " 'appraised_points', json_array(OLD.appraised_points, NEW.appraised_points),"
	 " 'reason', NEW.appraisal_reason)"},
	/* Inspections (issue 15): plans, inspections and each step, findings
	 * and their verification. */
	{"inspection_plan", "INSERT", "create", "inspection_plan", "NEW.id",
	 "json_object('year', NEW.year, 'kind', NEW.kind, 'inspecting_unit_id', NEW.inspecting_unit_id,"
	 " 'title', NEW.title, 'target_share', NEW.target_share)"},
	{"inspection", "INSERT", "create", "inspection", "NEW.id",
	 "json_object('plan_id', NEW.plan_id, 'title', NEW.title, 'planned_from', NEW.planned_from,"
	 " 'planned_to', NEW.planned_to)"},
	{"inspection", "UPDATE", "update", "inspection", "NEW.id",
	 "json_object('status', json_array(OLD.status, NEW.status), 'started_on', NEW.started_on,"
	 " 'concluded_on', NEW.concluded_on)"},
	{"finding", "INSERT", "create", "finding", "NEW.id",
	 "json_object('inspection_id', NEW.inspection_id, 'unit_id', NEW.unit_id, 'field_id', NEW.field_id,"
	 " 'severity', NEW.severity, 'deadline', NEW.deadline, 'task_id', NEW.task_id)"},
	{"finding", "UPDATE", "verify", "finding", "NEW.id",
	 "json_object('verification', json_array(OLD.verification, NEW.verification),"
	 " 'return_reason', NEW.return_reason)"},
	/* Discipline cases (issue 15): opening, each step, and every look at
	 * a case or a list of them, refused looks too.  The official's name
	 * stays out of the trail. */
	{"discipline_case", "INSERT", "create", "discipline_case", "NEW.id",
	 "json_object('unit_id', NEW.unit_id, 'grp', NEW.grp, 'severity', NEW.severity, 'occurred_on',"
	 " NEW.occurred_on, 'discovered_on', NEW.discovered_on, 'decision_due', NEW.decision_due)"},
	{"discipline_case", "UPDATE", "update", "discipline_case", "NEW.id",
	 "json_object('status', json_array(OLD.status, NEW.status), 'review_on', NEW.review_on,"
	 " 'council_on', NEW.council_on, 'decision_on', NEW.decision_on, 'decision_number', NEW.decision_number,"
	 " 'form', NEW.form)"},
	{"discipline_link", "INSERT", "link", "discipline_case", "NEW.case_id",
	 "json_object('finding_id', NEW.finding_id, 'task_id', NEW.task_id)"},
	{"discipline_view", "INSERT", "view", "discipline_case", "coalesce(NEW.case_id, 'list')",
	 "json_object('shown', json(NEW.shown))"},
	{"discipline_view_refused", "INSERT", "view_refused", "discipline_case", "coalesce(NEW.case_id, 'list')",
	 "json_object()"},
};

enum err_code audit_install(struct conn *c, struct err *err)
{
	if (sqlite3_create_function(c->db, "cchc_audit_hash", 8, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				    sql_audit_hash, NULL, NULL) != SQLITE_OK)
		return db_error(c, err, "audit function");
	struct buf sql = BUF_INIT;
	buf_adds(&sql, "CREATE TEMP TABLE IF NOT EXISTS audit_actor (one INTEGER PRIMARY KEY CHECK (one = 1),"
		       " actor TEXT NOT NULL, address TEXT NOT NULL);"
		       "INSERT OR IGNORE INTO temp.audit_actor VALUES (1, 'system', '');");
	for (size_t i = 0; i < ARRAY_LEN(audited); i++) {
		const struct audited *a = &audited[i];
		buf_printf(&sql,
			   "CREATE TEMP TRIGGER IF NOT EXISTS audit_%s_%s AFTER %s ON main.%s BEGIN "
			   "INSERT INTO audit(at, actor, address, action, entity, entity_id, detail, prev_hash, hash) "
			   "SELECT x.at, w.actor, w.address, '%s', '%s', x.eid, x.detail, x.prev, "
			   "cchc_audit_hash(x.prev, x.at, w.actor, w.address, '%s', '%s', x.eid, x.detail) "
			   "FROM temp.audit_actor w, (SELECT strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now') AS at, "
			   "CAST(%s AS TEXT) AS eid, %s AS detail, "
			   "coalesce((SELECT hash FROM main.audit ORDER BY id DESC LIMIT 1), '') AS prev) x; END;",
			   a->table, a->event, a->event, a->table, a->action, a->entity, a->action, a->entity,
			   a->id, a->detail);
	}
	char *msg = NULL;
	int rc = sqlite3_exec(c->db, buf_str(&sql), NULL, NULL, &msg);
	buf_release(&sql);
	if (rc != SQLITE_OK) {
		enum err_code code = err_set(err, ERR_INTERNAL, "", "audit triggers: %s", msg ? msg : "?");
		sqlite3_free(msg);
		return code;
	}
	return ERR_OK;
}

static const char SET_ACTOR[] = "UPDATE temp.audit_actor SET actor = ?1, address = ?2";

void store_audit_begin(struct store *st, const char *actor, const char *address)
{
	/* Holding the connection keeps the actor with this thread's writes. */
	struct conn *c = conn_get(st);
	struct err err;
	if (run(c, SET_ACTOR, &err, "tt", actor, address ? address : "") != SQLITE_DONE)
		report_lost(&err);
}

void store_audit_end(struct store *st)
{
	struct conn *c = conn_get(st);
	struct err err;
	if (run(c, SET_ACTOR, &err, "tt", "system", "") != SQLITE_DONE)
		report_lost(&err);
	conn_put(st, c);	/* this call's */
	conn_put(st, c);	/* store_audit_begin's */
}

/* ---- reading the trail ----------------------------------------------- */

json_t *store_audit_of(struct store *st, const char *entity, const char *entity_id, struct err *err)
{
	/* An assignment's history is its reports' records. */
	static const char SQL[] =
		"SELECT id, at, actor, address, action, entity, entity_id, detail, hash FROM audit "
		"WHERE (entity = ?1 AND (?2 IS NULL OR entity_id = ?2)) "
		"OR (?1 = 'assignment' AND entity = 'report' AND entity_id IN "
		"    (SELECT CAST(id AS TEXT) FROM report WHERE assignment_id = CAST(?2 AS INTEGER))) "
		"ORDER BY id";
	json_t *out = query_rows(st, SQL, err, "tt", entity, entity_id);
	size_t i;
	json_t *row;
	json_array_foreach(out, i, row) {
		json_t *d = json_loads(json_string_value(json_object_get(row, "detail")), 0, NULL);
		if (d)
			json_object_set_new(row, "detail", d);
	}
	return out;
}

enum err_code store_audit_scan(struct store *st, int (*fn)(void *ctx, json_t *row), void *ctx,
			       struct err *err)
{
	static const char SQL[] = "SELECT id, at, actor, address, action, entity, entity_id, detail, "
				  "prev_hash, hash FROM audit ORDER BY id";
	return query_scan(st, SQL, fn, ctx, err, "");
}

