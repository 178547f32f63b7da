/*
 * par_proposal.h — scores proposed for a PAR assessment from the
 * system's own data as of 31/12 of its year (issue 14).
 *
 * A leaf whose criteria set names a "source" gets a ratio n of d from the
 * computation the rest of the system uses for it:
 *   tasks_on_time     the unit's tasks done on time over those due or done
 *                     (status.h's on-time rate, from the dashboard tally)
 *   reports_on_time   the unit's periodic reports of the year due by 31/12
 *                     that were submitted on time (unit_report_list)
 *   indicators_met    the unit's indicators met over those judged; one met
 *                     earlier and lost since counts as not met (indicator.c)
 *   feedback_on_time  citizens' feedback answered on time over that taken
 *                     in (feedback_stats)
 * and points by the leaf's rule: the first ratio threshold reached, or
 * for yes/no the maximum only at 100 %.  The unit accepts a proposal or
 * overrides it with a reason, which the appraiser sees.
 */
#ifndef CCHC_PAR_PROPOSAL_H
#define CCHC_PAR_PROPOSAL_H
#include <jansson.h>
#include <stdint.h>

#include "base/err.h"

struct tracker;

/* {assessment_id, as_of, items: [{code, name, rule, max, source,
 * numerator, denominator, percent, proposed, basis, self_points,
 * decision}]}; proposed is null when there is nothing to count. */
json_t *par_proposals(struct tracker *tr, int64_t id, struct err *err);
/* {code, accept: true} takes the proposed points; {code, points, reason}
 * overrides them (reason required); {accept_all: true} accepts every
 * proposal with points not yet decided, of a leaf the unit scores itself,
 * in one transaction (none left: nothing changes).  Returns the proposals,
 * after accept_all with "accepted": how many it accepted. */
json_t *par_proposal_decide(struct tracker *tr, int64_t id, json_t *in, struct err *err);
/* Points for percent under a leaf's rule ("ratio" with rule_params'
 * thresholds, "yesno" with max); -1 when the rule takes none. */
double par_proposal_points(const char *rule, const json_t *params, double max, double percent);

#endif
