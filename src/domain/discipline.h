/*
 * discipline.h — discipline cases of officials (kỷ luật cán bộ, công chức,
 * viên chức; issue 15).
 *
 * A case names the official (name, position, employing unit, group: cán
 * bộ, công chức or viên chức, and whether they hold a post), the act, its
 * severity (the finding_severity scale), when it happened and was
 * discovered, and the findings or tasks behind it.  The procedure moves
 * open -> reviewed (họp kiểm điểm) -> council (Hội đồng kỷ luật) -> decided
 * (quyết định kỷ luật), with dates in order, none before the discovery
 * nor after today; a step may be skipped only with a note saying why.
 * The decision names its number, issuer and a form of discipline valid
 * for the group, the post and the decision's date (discipline_form, NĐ
 * 172/2025 from 01/07/2025, NĐ 112/2020 before and for viên chức).
 * decision_due is the discovery plus the limit in discipline_setting (90
 * days, 150 for a complex case given an extension_reason).
 *
 * Restricted: a case is seen by the head of its unit, the Home Affairs
 * department (discipline_setting home_affairs_unit), the inspectorate,
 * leaders and admins (ACT_DISCIPLINE_READ).  Every answer that shows cases
 * and every refused attempt is recorded (discipline_view,
 * discipline_view_refused, and so the audit trail: entity discipline_case,
 * actions view and view_refused).  Everyone who reads statistics sees the
 * counts per unit, never names.  Results are new JSON values the caller owns.
 */
#ifndef CCHC_DISCIPLINE_H
#define CCHC_DISCIPLINE_H
#include <jansson.h>
#include <stdint.h>

#include "base/err.h"
#include "domain/tracker.h"

/* The forms of discipline (discipline_form), for everyone who reads. */
json_t *discipline_forms(struct tracker *tr, struct err *err);
/* Per unit with any case, for year: unit_id, unit_code, unit_name, cases
 * (discovered in the year), decided (decisions dated in it); year 0 is
 * this year.  For the
 * heads' evaluation and the PAR index; names never appear. */
json_t *discipline_counts(struct tracker *tr, int year, struct err *err);

/* The cases who may see (0 / NULL: any unit, year, status); a unit named
 * that who may not see is refused.  Recorded either way. */
json_t *discipline_case_list(struct tracker *tr, int64_t unit_id, int year, const char *status,
			     struct err *err);
/* The case with its links, decision_overdue and decided_late; recorded,
 * and a refused look is recorded too (ERR_FORBIDDEN, also for an unknown
 * id when who could not see it anyway). */
json_t *discipline_case_get(struct tracker *tr, int64_t id, struct err *err);
/* body: {unit, person_name, position, group: can_bo | cong_chuc |
 * vien_chuc, is_leader?: bool, act, severity, occurred_on, discovered_on,
 * extension_reason?, findings?: [ids], tasks?: [ids]}. */
enum err_code discipline_case_create(struct tracker *tr, json_t *body, json_t **out, struct err *err);
/* body: {step: review | council | decision, on, note?, and for a
 * decision: number, form, issuer?}. */
enum err_code discipline_case_step(struct tracker *tr, int64_t id, json_t *body, json_t **out, struct err *err);

/* Whether who sees any case (those of their own unit at least): the web
 * page shows the cases' link only then.  Checks and records nothing. */
bool discipline_visible(struct tracker *tr, const struct principal *who);

/* The demo's one case (from demo-discipline-2026.json), after the
 * inspections it points at. */
enum err_code discipline_demo_load(struct tracker *tr, struct err *err);

#endif
