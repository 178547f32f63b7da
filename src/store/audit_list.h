/*
 * audit_list.h — what is audited: one AUDIT(table, event, action, entity,
 * id, detail) per (table, event).  detail is an SQL expression over
 * NEW/OLD giving the change as JSON, written with J_OBJ (an object of
 * 'key', value pairs), J_PAIR(col) ([old, new]), J_CHANGED(col) (true
 * when col changed) and J_JSON(expr) (JSON text as JSON), which each driver defines in its dialect before it
 * includes this list.  Secrets never appear (a password change shows only
 * that it happened); nor do citizens' contact details.
 */
AUDIT("unit", "INSERT", "create", "unit", "NEW.id",
      J_OBJ("'code', NEW.code, 'name', NEW.name, 'kind', NEW.kind, 'parent_id', NEW.parent_id"))
AUDIT("unit", "UPDATE", "update", "unit", "NEW.id",
      J_OBJ("'name', " J_PAIR("name") ", 'active', " J_PAIR("active") ", 'head_name', " J_PAIR("head_name")))
AUDIT("field", "INSERT", "create", "field", "NEW.id", J_OBJ("'code', NEW.code, 'lead_unit_id', NEW.lead_unit_id"))
AUDIT("document", "INSERT", "create", "document", "NEW.id",
      J_OBJ("'type', NEW.type, 'number', NEW.number, 'symbol', NEW.symbol, 'title', NEW.title"))
AUDIT("indicator", "INSERT", "create", "indicator", "NEW.id",
      J_OBJ("'code', NEW.code, 'name', NEW.name, 'comparison', NEW.comparison, 'target', NEW.target"))
AUDIT("measurement", "INSERT", "create", "measurement", "NEW.id",
      J_OBJ("'indicator_id', NEW.indicator_id, 'unit_id', NEW.unit_id, 'period', NEW.period, 'value', NEW.value"))
AUDIT("task", "INSERT", "create", "task", "NEW.id",
      J_OBJ("'title', NEW.title, 'document_id', NEW.document_id, 'field_id', NEW.field_id,"
	    " 'deadline', NEW.deadline, 'recurrence', NEW.recurrence"))
AUDIT("task", "UPDATE", "update", "task", "NEW.id",
      J_OBJ("'title', " J_PAIR("title") ", 'description', " J_PAIR("description") ", 'product', "
	    J_PAIR("product") ", 'section', " J_PAIR("section") ", 'field_id', " J_PAIR("field_id")))
AUDIT("report", "INSERT", "report", "report", "NEW.id",
      J_OBJ("'assignment_id', NEW.assignment_id, 'percent', NEW.percent, 'completed_on', NEW.completed_on,"
	    " 'note', NEW.note, 'reporter', NEW.reporter"))
AUDIT("report_confirmation", "INSERT", "confirm", "report", "NEW.report_id",
      J_OBJ("'confirmed_by', NEW.confirmed_by"))
AUDIT("evidence", "INSERT", "attach", "report", "NEW.report_id",
      J_OBJ("'sha256', NEW.sha256, 'filename', NEW.filename, 'size', NEW.size"))
AUDIT("account", "INSERT", "create", "account", "NEW.id", J_OBJ("'name', NEW.name, 'unit_id', NEW.unit_id"))
AUDIT("account", "UPDATE", "update", "account", "NEW.id",
      J_OBJ("'active', " J_PAIR("active") ", 'password_changed', " J_CHANGED("password_hash")))
AUDIT("account_role", "INSERT", "grant", "account", "NEW.account_id", J_OBJ("'role', NEW.role"))
AUDIT("account_role", "DELETE", "revoke", "account", "OLD.account_id", J_OBJ("'role', OLD.role"))
AUDIT("api_token", "INSERT", "token_create", "account", "NEW.account_id",
      J_OBJ("'token_id', NEW.id, 'unit_id', NEW.unit_id, 'role', NEW.role, 'label', NEW.label"))
AUDIT("api_token", "UPDATE", "token_revoke", "account", "NEW.account_id", J_OBJ("'token_id', NEW.id"))
AUDIT("session", "INSERT", "login", "account", "NEW.account_id", J_OBJ("'address', NEW.address"))
AUDIT("session", "DELETE", "logout", "account", "OLD.account_id", J_OBJ("'address', OLD.address"))
AUDIT("login_failure", "INSERT", "login_failed", "login", "NEW.key", J_OBJ("'key', NEW.key"))
/* Units' own periodic reports (issue 6): opening, every edit and every
 * step (submit, return with comments, accept) as a status change. */
AUDIT("unit_report", "INSERT", "create", "unit_report", "NEW.id",
      J_OBJ("'unit_id', NEW.unit_id, 'period', NEW.period, 'deadline', NEW.deadline"))
AUDIT("unit_report", "UPDATE", "update", "unit_report", "NEW.id",
      J_OBJ("'unit_id', NEW.unit_id, 'period', NEW.period, 'status', " J_PAIR("status")
	    ", 'narrative_changed', " J_CHANGED("narrative") ", 'difficulties_changed', " J_CHANGED("difficulties")
	    ", 'proposals_changed', " J_CHANGED("proposals") ", 'comments', NEW.comments"))
/* Citizens' feedback (issue 17): receipt, every step and every extension. */
AUDIT("feedback", "INSERT", "create", "feedback", "NEW.id",
      J_OBJ("'code', NEW.code, 'channel', NEW.channel, 'received_on', NEW.received_on, 'answer_due', NEW.answer_due"))
AUDIT("feedback", "UPDATE", "update", "feedback", "NEW.id",
      J_OBJ("'status', " J_PAIR("status") ", 'handling_unit_id', NEW.handling_unit_id, 'reject_reason', "
	    "NEW.reject_reason, 'answer_due', " J_PAIR("answer_due") ", 'answer_changed', " J_CHANGED("answer")
	    ", 'published', NEW.published, 'satisfied', NEW.satisfied"))
AUDIT("feedback_extension", "INSERT", "extend", "feedback", "NEW.feedback_id",
      J_OBJ("'workdays', NEW.workdays, 'reason', NEW.reason, 'new_due', NEW.new_due"))
AUDIT("feedback_setting", "UPDATE", "update", "feedback_setting", "NEW.key", J_OBJ("'value', " J_PAIR("value")))
/* The PAR index (issue 14): a set imported or re-imported (its nodes go
 * with it), assessments opened and moved on, every point given. */
AUDIT("par_set", "INSERT", "create", "par_set", "NEW.id",
      J_OBJ("'year', NEW.year, 'kind', NEW.kind, 'version', NEW.version, 'name', NEW.name,"
	    " 'copied_from', NEW.copied_from"))
AUDIT("par_set", "UPDATE", "update", "par_set", "NEW.id",
      J_OBJ("'year', NEW.year, 'kind', NEW.kind, 'version', NEW.version, 'name', NEW.name"))
AUDIT("par_assessment", "INSERT", "create", "par_assessment", "NEW.id",
      J_OBJ("'unit_id', NEW.unit_id, 'year', NEW.year, 'set_id', NEW.set_id"))
AUDIT("par_assessment", "UPDATE", "update", "par_assessment", "NEW.id", J_OBJ("'status', " J_PAIR("status")))
AUDIT("par_score", "INSERT", "score", "par_assessment", "NEW.assessment_id",
      J_OBJ("'node_id', NEW.node_id, 'self_points', NEW.self_points, 'appraised_points', NEW.appraised_points,"
	    " 'reason', NEW.appraisal_reason"))
AUDIT("par_score", "UPDATE", "score", "par_assessment", "NEW.assessment_id",
      J_OBJ("'node_id', NEW.node_id, 'self_points', " J_PAIR("self_points") ", 'appraised_points', "
	    J_PAIR("appraised_points") ", 'reason', NEW.appraisal_reason"))
/* Inspections (issue 15): plans, inspections and each step, findings and
 * their verification. */
AUDIT("inspection_plan", "INSERT", "create", "inspection_plan", "NEW.id",
      J_OBJ("'year', NEW.year, 'kind', NEW.kind, 'inspecting_unit_id', NEW.inspecting_unit_id,"
	    " 'title', NEW.title, 'target_share', NEW.target_share"))
AUDIT("inspection", "INSERT", "create", "inspection", "NEW.id",
      J_OBJ("'plan_id', NEW.plan_id, 'title', NEW.title, 'planned_from', NEW.planned_from,"
	    " 'planned_to', NEW.planned_to"))
AUDIT("inspection", "UPDATE", "update", "inspection", "NEW.id",
      J_OBJ("'status', " J_PAIR("status") ", 'started_on', NEW.started_on, 'concluded_on', NEW.concluded_on"))
AUDIT("finding", "INSERT", "create", "finding", "NEW.id",
      J_OBJ("'inspection_id', NEW.inspection_id, 'unit_id', NEW.unit_id, 'field_id', NEW.field_id,"
	    " 'severity', NEW.severity, 'deadline', NEW.deadline, 'task_id', NEW.task_id"))
AUDIT("finding", "UPDATE", "verify", "finding", "NEW.id",
      J_OBJ("'verification', " J_PAIR("verification") ", 'return_reason', NEW.return_reason"))
/* Discipline cases (issue 15): opening, each step, and every look at a
 * case or a list of them, refused looks too.  The official's name stays
 * out of the trail. */
AUDIT("discipline_case", "INSERT", "create", "discipline_case", "NEW.id",
      J_OBJ("'unit_id', NEW.unit_id, 'grp', NEW.grp, 'severity', NEW.severity, 'occurred_on', NEW.occurred_on,"
	    " 'discovered_on', NEW.discovered_on, 'decision_due', NEW.decision_due"))
AUDIT("discipline_case", "UPDATE", "update", "discipline_case", "NEW.id",
      J_OBJ("'status', " J_PAIR("status") ", 'review_on', NEW.review_on, 'council_on', NEW.council_on,"
	    " 'decision_on', NEW.decision_on, 'decision_number', NEW.decision_number, 'form', NEW.form"))
AUDIT("discipline_link", "INSERT", "link", "discipline_case", "NEW.case_id",
      J_OBJ("'finding_id', NEW.finding_id, 'task_id', NEW.task_id"))
AUDIT("discipline_view", "INSERT", "view", "discipline_case", "coalesce(CAST(NEW.case_id AS TEXT), 'list')",
      J_OBJ("'shown', " J_JSON("NEW.shown")))
AUDIT("discipline_view_refused", "INSERT", "view_refused", "discipline_case",
      "coalesce(CAST(NEW.case_id AS TEXT), 'list')", J_OBJ(""))
/* Feedback marked as spam or a duplicate by the PPC Office, re-marked, cleared. */
AUDIT("feedback_mark", "INSERT", "mark", "feedback", "NEW.feedback_id",
      J_OBJ("'mark', NEW.mark, 'duplicate_of', NEW.duplicate_of, 'reason', NEW.reason"))
AUDIT("feedback_mark", "UPDATE", "mark", "feedback", "NEW.feedback_id",
      J_OBJ("'mark', " J_PAIR("mark") ", 'duplicate_of', " J_PAIR("duplicate_of") ", 'reason', NEW.reason"))
AUDIT("feedback_mark", "DELETE", "unmark", "feedback", "OLD.feedback_id",
      J_OBJ("'mark', OLD.mark, 'duplicate_of', OLD.duplicate_of"))
/* PAR evidence and the unit's decisions on proposed scores (issue 14). */
AUDIT("par_evidence", "INSERT", "evidence", "par_assessment", "NEW.assessment_id",
      J_OBJ("'node_id', NEW.node_id, 'kind', NEW.kind, 'sha256', NEW.sha256, 'ref_id', NEW.ref_id"))
AUDIT("par_evidence", "DELETE", "evidence_remove", "par_assessment", "OLD.assessment_id",
      J_OBJ("'node_id', OLD.node_id, 'kind', OLD.kind, 'sha256', OLD.sha256, 'ref_id', OLD.ref_id"))
AUDIT("par_proposal", "INSERT", "proposal", "par_assessment", "NEW.assessment_id",
      J_OBJ("'node_id', NEW.node_id, 'proposed', NEW.proposed, 'decision', NEW.decision, 'points', NEW.points,"
	    " 'reason', NEW.reason"))
AUDIT("par_proposal", "UPDATE", "proposal", "par_assessment", "NEW.assessment_id",
      J_OBJ("'node_id', NEW.node_id, 'proposed', NEW.proposed, 'decision', " J_PAIR("decision")
	    ", 'points', " J_PAIR("points") ", 'reason', NEW.reason"))
/* The PAR workflow (issue 14): the appraiser's questions and the unit's
 * answers, a leader's reopening with its reason, the settings. */
AUDIT("par_explanation", "INSERT", "ask", "par_assessment", "NEW.assessment_id",
      J_OBJ("'explanation_id', NEW.id, 'node_id', NEW.node_id, 'question', NEW.question, 'due_on', NEW.due_on"))
AUDIT("par_explanation", "UPDATE", "answer", "par_assessment", "NEW.assessment_id",
      J_OBJ("'explanation_id', NEW.id, 'answer', NEW.answer"))
AUDIT("par_reopening", "INSERT", "reopen", "par_assessment", "NEW.assessment_id", J_OBJ("'reason', NEW.reason"))
AUDIT("par_setting", "UPDATE", "update", "par_setting", "NEW.key", J_OBJ("'value', " J_PAIR("value")))
/* Discipline rules and documents (issue 15, 0016): a case paused, resumed
 * or exempted; a case's decision document and an inspection's conclusion
 * notice uploaded. */
AUDIT("discipline_event", "INSERT", "procedure", "discipline_case", "NEW.case_id",
      J_OBJ("'kind', NEW.kind, 'on', NEW.on_date, 'reason', NEW.reason, 'days', NEW.days"))
AUDIT("discipline_document", "INSERT", "attach", "discipline_case", "NEW.case_id",
      J_OBJ("'document_id', NEW.id, 'sha256', NEW.sha256, 'filename', NEW.filename, 'size', NEW.size"))
AUDIT("inspection_document", "INSERT", "attach", "inspection", "NEW.inspection_id",
      J_OBJ("'document_id', NEW.id, 'sha256', NEW.sha256, 'filename', NEW.filename, 'size', NEW.size"))
/* Feedback attachments (issue 17, 0018): a sender's file, named by its hash
 * only (its name may hold personal data). */
AUDIT("feedback_attachment", "INSERT", "attach", "feedback", "NEW.feedback_id",
      J_OBJ("'attachment_id', NEW.id, 'sha256', NEW.sha256, 'mime', NEW.mime, 'size', NEW.size"))
/* Sweeps of the evidence folder (0019): what a sweep removed, in counts. */
AUDIT("evidence_sweep", "INSERT", "sweep", "evidence", "NEW.id",
      J_OBJ("'min_age', NEW.min_age, 'removed', NEW.removed, 'bytes', NEW.bytes, 'kept_recent', NEW.kept_recent"))
