/*
 * api.h — the JSON API: the route table, what the API knows of a request
 * (its route, its principal, its copy of the tracker), the dispatcher it
 * registers with the HTTP server, the handlers (one file per resource
 * group) and the query-string readers they share.  Each handler parses its
 * inputs, makes one domain call and renders the result.
 */
#ifndef CCHC_API_H
#define CCHC_API_H
#include "domain/auth.h"
#include "domain/evidence.h"
#include "domain/tracker.h"
#include "http/http.h"

/* What the API serves from: one per process.  Evidence is stored under
 * tracker.data_dir. */
struct app {
	struct tracker tracker;
	/* Told to the signed-in page (GET /session): evidence photos are
	 * shrunk to photo_max_px on the longest side, JPEG quality photo_quality %. */
	int photo_max_px, photo_quality;
};

/* Fills d's calls so that the server dispatches to the API serving app
 * (the caller adds the version the response cache is kept by). */
void api_dispatch(struct app *app, struct http_dispatch *d);

/* The {name} segments of the matched route, in pattern order. */
#define ROUTE_MAX_PARAMS 4
struct route_param {
	const char *name;		/* points into the route's pattern, name_len bytes */
	size_t name_len;
	char *value;			/* the path segment as it came (owned, see route_params_release) */
};
struct route_params {
	size_t n;
	struct route_param p[ROUTE_MAX_PARAMS];
};

/*
 * The API's state of one request (rq->ctx), made by the dispatcher's begin
 * and freed by its end.
 */
struct api_call {
	const struct app *app;
	const struct route *route;
	struct route_params params;	/* the route's {name} segments; read with route_param */
	struct principal principal;	/* the credential's, once found */
	/* The signed-in principal (NULL on a public route when no one is). */
	const struct principal *who;
	/* The app's tracker with who set: what every handler passes to the domain. */
	struct tracker tracker;
	struct api_upload *uploads;	/* the files being stored (dispatch.c) */
	struct evidence_new *ev;	/* the stored files, complete when the handler runs */
	size_t nev;			/* entries of both */
	/* Set by begin for a route whose uploads have limits of their own
	 * (the public feedback form's settings): files and bytes of each. */
	int upload_limited;
	size_t upload_max_files, upload_max_bytes;
};

#define CALL(rq) ((struct api_call *)(rq)->ctx)
/* The domain as the signed-in principal sees it. */
#define TRACKER(rq) (&CALL(rq)->tracker)

/* Exactly one of ROUTE_PUBLIC and ROUTE_SIGNED_IN. */
enum route_flags {
	ROUTE_PUBLIC = 1,		/* no sign-in needed; action is not checked */
	ROUTE_SIGNED_IN = 2,		/* a principal to whom action may be open */
};

struct route {
	const char *method;
	/* "/api/v1/units/{unit}/reports/{period}": literal segments and whole
	 * {name} segments, at most ROUTE_MAX_PARAMS of them (see route_find). */
	const char *pattern;
	void (*handler)(struct http_req *rq, struct http_resp *rs);
	enum http_body body;
	enum action action;		/* checked with auth_may before the body is read */
	unsigned flags;
};

/*
 * The first route whose method and pattern match; HEAD matches GET routes.
 * params gets the route's {name} segments (release with
 * route_params_release, also after NULL).  *path_known is set when the
 * path matches a route of another method (a 405, not a 404).
 */
const struct route *route_find(const char *method, const char *path, struct route_params *params,
			       int *path_known);
void route_params_release(struct route_params *params);
/* The value of the {name} segment, or NULL when the route has none. */
const char *route_param(const struct http_req *rq, const char *name);
/* The whole table, for tests and `cchc routes`. */
const struct route *route_table(size_t *n);
/* "none", "json", "json_or_upload", "json_or_file", "json_or_form",
 * "json_or_form_upload"; NULL for no kind. */
const char *route_body_name(enum http_body body);

/* Query readers: each returns 0 and fills *out, or fills rs with a 400
 * error naming the parameter and returns -1. */
int q_date(struct http_req *rq, struct http_resp *rs, const char *name, int32_t *out);	/* default today */
int q_unit(struct http_req *rq, struct http_resp *rs, const char *name, int64_t *out);	/* id or code; 0 absent */
int q_field(struct http_req *rq, struct http_resp *rs, const char *name, int64_t *out);
int q_int(struct http_req *rq, struct http_resp *rs, const char *name, int64_t min, int64_t max,
	  int64_t dflt, int64_t *out);
/* The {id} path segment as a positive integer; fills a 404 otherwise. */
int path_id(struct http_req *rq, struct http_resp *rs, int64_t *out);
/* The same, with ERR_NOT_FOUND in err. */
enum err_code route_id(const struct http_req *rq, int64_t *out, struct err *err);
/* The unit the {name} path segment names (id or code); fills a 404 otherwise. */
int path_unit(struct http_req *rq, struct http_resp *rs, const char *name, int64_t *unit);
/* Renders a domain result: j, or err's error when j is NULL. */
void reply(struct http_resp *rs, json_t *j, const struct err *err);

void api_units(struct http_req *rq, struct http_resp *rs);
void api_unit(struct http_req *rq, struct http_resp *rs);
void api_fields(struct http_req *rq, struct http_resp *rs);
void api_plans(struct http_req *rq, struct http_resp *rs);
void api_plan(struct http_req *rq, struct http_resp *rs);
void api_plan_create(struct http_req *rq, struct http_resp *rs);
void api_indicator_create(struct http_req *rq, struct http_resp *rs);
void api_indicators(struct http_req *rq, struct http_resp *rs);
void api_indicator(struct http_req *rq, struct http_resp *rs);
void api_measurements(struct http_req *rq, struct http_resp *rs);
void api_measurement_add(struct http_req *rq, struct http_resp *rs);
void api_tasks(struct http_req *rq, struct http_resp *rs);
void api_task_create(struct http_req *rq, struct http_resp *rs);
void api_task(struct http_req *rq, struct http_resp *rs);
void api_task_patch(struct http_req *rq, struct http_resp *rs);
void api_assignments(struct http_req *rq, struct http_resp *rs);
void api_assignment(struct http_req *rq, struct http_resp *rs);
void api_reports(struct http_req *rq, struct http_resp *rs);
void api_report_add(struct http_req *rq, struct http_resp *rs);
void api_report_confirm(struct http_req *rq, struct http_resp *rs);
void api_evidence(struct http_req *rq, struct http_resp *rs);
void api_dashboard(struct http_req *rq, struct http_resp *rs);
void api_health(struct http_req *rq, struct http_resp *rs);
void api_login(struct http_req *rq, struct http_resp *rs);
void api_whoami(struct http_req *rq, struct http_resp *rs);
void api_logout(struct http_req *rq, struct http_resp *rs);
void api_history(struct http_req *rq, struct http_resp *rs);
void api_audit_export(struct http_req *rq, struct http_resp *rs);
/* Issue 5: api_calendar.c and api_notify.c. */
void api_overrides(struct http_req *rq, struct http_resp *rs);
void api_override_add(struct http_req *rq, struct http_resp *rs);
void api_override_delete(struct http_req *rq, struct http_resp *rs);
void api_holidays(struct http_req *rq, struct http_resp *rs);
void api_notifications(struct http_req *rq, struct http_resp *rs);
void api_notification_read(struct http_req *rq, struct http_resp *rs);
void api_contacts(struct http_req *rq, struct http_resp *rs);
void api_contact_add(struct http_req *rq, struct http_resp *rs);
void api_contact_delete(struct http_req *rq, struct http_resp *rs);
/* api_documents.c: documents read from their text (issue 4). */
void api_document_create(struct http_req *rq, struct http_resp *rs);
void api_documents(struct http_req *rq, struct http_resp *rs);
void api_document(struct http_req *rq, struct http_resp *rs);
void api_drafts(struct http_req *rq, struct http_resp *rs);
void api_draft(struct http_req *rq, struct http_resp *rs);
void api_draft_update(struct http_req *rq, struct http_resp *rs);
void api_draft_confirm(struct http_req *rq, struct http_resp *rs);
void api_draft_discard(struct http_req *rq, struct http_resp *rs);
/* api_reports.c: periodic reports (issue 6). */
void api_period_report(struct http_req *rq, struct http_resp *rs);
void api_period_report_chart(struct http_req *rq, struct http_resp *rs);
void api_report_rules(struct http_req *rq, struct http_resp *rs);
void api_report_rules_put(struct http_req *rq, struct http_resp *rs);
/* api_unit_reports.c: units' own periodic reports (issue 6). */
void api_unit_report(struct http_req *rq, struct http_resp *rs);
void api_unit_report_edit(struct http_req *rq, struct http_resp *rs);
void api_unit_report_submit(struct http_req *rq, struct http_resp *rs);
void api_unit_report_return(struct http_req *rq, struct http_resp *rs);
void api_unit_report_accept(struct http_req *rq, struct http_resp *rs);
void api_unit_reports(struct http_req *rq, struct http_resp *rs);
/* api_feedback.c: citizens' feedback (issue 17). */
/* A refusal of the public's form: the error page for a browser, else the
 * error as JSON (the dispatcher's refuse, and the form's own handlers). */
void api_public_refused(struct http_req *rq, struct http_resp *rs, const struct err *err);
void api_feedback_submit(struct http_req *rq, struct http_resp *rs);
void api_feedback_public(struct http_req *rq, struct http_resp *rs);
void api_feedback_rate(struct http_req *rq, struct http_resp *rs);
void api_feedback_list(struct http_req *rq, struct http_resp *rs);
void api_feedback_intake(struct http_req *rq, struct http_resp *rs);
void api_feedback_stats(struct http_req *rq, struct http_resp *rs);
void api_feedback_settings(struct http_req *rq, struct http_resp *rs);
void api_feedback_settings_put(struct http_req *rq, struct http_resp *rs);
void api_feedback_item(struct http_req *rq, struct http_resp *rs);
void api_feedback_step(struct http_req *rq, struct http_resp *rs);
/* api_par.c: the PAR index (issue 14). */
void api_par_sets(struct http_req *rq, struct http_resp *rs);
void api_par_set_import(struct http_req *rq, struct http_resp *rs);
void api_par_set(struct http_req *rq, struct http_resp *rs);
void api_par_set_copy(struct http_req *rq, struct http_resp *rs);
void api_par_assessments(struct http_req *rq, struct http_resp *rs);
void api_par_assessment_open(struct http_req *rq, struct http_resp *rs);
void api_par_assessment(struct http_req *rq, struct http_resp *rs);
void api_par_scores(struct http_req *rq, struct http_resp *rs);
void api_par_submit(struct http_req *rq, struct http_resp *rs);
void api_par_appraise(struct http_req *rq, struct http_resp *rs);
void api_par_results(struct http_req *rq, struct http_resp *rs);
/* api_inspections.c: inspections, findings and their verification (issue 15). */
void api_inspection_plans(struct http_req *rq, struct http_resp *rs);
void api_inspection_plan_create(struct http_req *rq, struct http_resp *rs);
void api_inspection_plan(struct http_req *rq, struct http_resp *rs);
void api_inspections(struct http_req *rq, struct http_resp *rs);
void api_inspection_create(struct http_req *rq, struct http_resp *rs);
void api_inspection(struct http_req *rq, struct http_resp *rs);
void api_inspection_start(struct http_req *rq, struct http_resp *rs);
void api_inspection_conclude(struct http_req *rq, struct http_resp *rs);
void api_finding_create(struct http_req *rq, struct http_resp *rs);
void api_findings(struct http_req *rq, struct http_resp *rs);
void api_finding_verify(struct http_req *rq, struct http_resp *rs);
/* api_discipline.c: discipline cases (issue 15). */
void api_discipline_cases(struct http_req *rq, struct http_resp *rs);
void api_discipline_case_create(struct http_req *rq, struct http_resp *rs);
void api_discipline_case(struct http_req *rq, struct http_resp *rs);
void api_discipline_case_step(struct http_req *rq, struct http_resp *rs);
void api_discipline_forms(struct http_req *rq, struct http_resp *rs);
void api_discipline_counts(struct http_req *rq, struct http_resp *rs);
void web_index(struct http_req *rq, struct http_resp *rs);
void web_static(struct http_req *rq, struct http_resp *rs);
/* Does the request's Accept ask for JSON?  (A page answers HTML otherwise.) */
int api_wants_json(struct http_req *rq);
/* api_public.c: the public open-data page (issue 17). */
void api_public_page(struct http_req *rq, struct http_resp *rs);
void api_public_json(struct http_req *rq, struct http_resp *rs);
void api_public_csv(struct http_req *rq, struct http_resp *rs);
void api_public_atom(struct http_req *rq, struct http_resp *rs);

/* api_ops.c: liveness, readiness and metrics for operators (issue 19). */
void api_healthz(struct http_req *rq, struct http_resp *rs);
void api_readyz(struct http_req *rq, struct http_resp *rs);
void api_metrics(struct http_req *rq, struct http_resp *rs);

/* openapi.c: the API contract (OpenAPI 3.0) from the route table and
 * data-seed/openapi.json; NULL with err naming a route without its entry
 * (or an entry without its route). */
json_t *api_openapi(struct err *err);
void api_openapi_json(struct http_req *rq, struct http_resp *rs);
void api_docs_page(struct http_req *rq, struct http_resp *rs);

/* api_inspections.c: the yearly inspection summary (issue 15). */
#include "report/report.h"
void api_inspection_summary(struct http_req *rq, struct http_resp *rs);
/* api_reports.c: replies with data (taken) as JSON, or rendered in format f
 * by render as the download NAME.EXT. */
void api_send_report(struct http_resp *rs, json_t *data, enum report_format f,
		     enum err_code (*render)(const json_t *, enum report_format, struct buf *, struct err *),
		     const char *name);

/* api_feedback.c: the proof-of-work challenge of the public form (issue 17). */
void api_feedback_challenge(struct http_req *rq, struct http_resp *rs);
/* Issue 20: the service worker (web/sw.js), served at /sw.js. */
void web_worker(struct http_req *rq, struct http_resp *rs);
/* api_par_files.c: the PAR index's files (issue 14). */
void api_par_set_upload(struct http_req *rq, struct http_resp *rs);
void api_par_set_xlsx(struct http_req *rq, struct http_resp *rs, int64_t id);
/* The file format a results request asks for (?format= or Accept); NULL: JSON. */
const char *api_par_results_format(struct http_req *rq);
void api_par_results_file(struct http_req *rq, struct http_resp *rs, int year, const char *kind, const char *format);
void api_par_sheet(struct http_req *rq, struct http_resp *rs);
void api_par_survey(struct http_req *rq, struct http_resp *rs);
/* api_par.c: the PAR workflow and set versions (issue 14). */
void api_par_set_edit(struct http_req *rq, struct http_resp *rs);
void api_par_take(struct http_req *rq, struct http_resp *rs);
void api_par_explain(struct http_req *rq, struct http_resp *rs);
void api_par_answer(struct http_req *rq, struct http_resp *rs);
void api_par_approve(struct http_req *rq, struct http_resp *rs);
void api_par_reopen(struct http_req *rq, struct http_resp *rs);

/* Issue 15 (0016): uploaded documents of discipline cases and inspections
 * (api_case_documents.c). */
void api_discipline_document_add(struct http_req *rq, struct http_resp *rs);
void api_discipline_document(struct http_req *rq, struct http_resp *rs);
void api_inspection_document_add(struct http_req *rq, struct http_resp *rs);
void api_inspection_document(struct http_req *rq, struct http_resp *rs);
/* route_id for the {name} segment. */
enum err_code route_id_named(const struct http_req *rq, const char *name, int64_t *out, struct err *err);
/* Serves a stored upload (ev: its filename and sniffed mime) as a download;
 * takes ev's reference and path (api_tasks.c). */
void api_send_stored(struct http_resp *rs, json_t *ev, char *path);

/* api_par_evidence.c: PAR proposals and evidence (issue 14). */
void api_par_proposals(struct http_req *rq, struct http_resp *rs);
void api_par_proposal_decide(struct http_req *rq, struct http_resp *rs);
void api_par_evidence(struct http_req *rq, struct http_resp *rs);
void api_par_evidence_add(struct http_req *rq, struct http_resp *rs);
void api_par_evidence_remove(struct http_req *rq, struct http_resp *rs);
/* Issue 17 (0018): the files attached to a feedback (api_feedback.c). */
void api_feedback_attachments(struct http_req *rq, struct http_resp *rs);
void api_feedback_attachment(struct http_req *rq, struct http_resp *rs);

#endif
