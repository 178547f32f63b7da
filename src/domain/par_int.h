/* par_int.h — what par.c and par_score.c share. */
#ifndef CCHC_PAR_INT_H
#define CCHC_PAR_INT_H
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "domain/auth.h"

struct tracker;

/* The permission target of unit_id's PAR work (0: no unit): the lead of
 * the PAR direction field is its field lead. */
struct permit_target par_target(struct tracker *tr, int64_t unit_id);
/* points / max × 100, to 2 decimals (0 for no maximum). */
double par_index(double points, double max);
/* department or commune. */
bool par_kind_ok(const char *kind);
/* A stored set row as the API shows it: bands parsed, example and frozen
 * as booleans. */
void par_set_json_fix(json_t *set);
/* The node (a row or a set file's node) with that code, NULL if none. */
json_t *par_node_by_code(json_t *rows, const char *code);
/* The store's node rows as a tree: node_fn makes each node (a new object),
 * which gets "children"; returns the top-level nodes. */
json_t *par_tree(json_t *rows, json_t *(*node_fn)(void *ctx, json_t *row), void *ctx);

/* The operational data a leaf is proposed from ("source": tasks_on_time,
 * reports_on_time, indicators_met, feedback_on_time), into params. */
enum err_code par_source_read(json_t *node, json_t *params, struct err *err);
/* Whether node (a par_node row) takes points: within its range and, for a
 * yes/no or levels rule, one of its steps; the error names field. */
enum err_code par_points_check(json_t *node, double points, const char *field, struct err *err);
/* The assessment id as stored, once who may do act on it (NULL with err:
 * forbidden before not found for one who may never act). */
json_t *par_assessment_for(struct tracker *tr, int64_t id, enum action act, struct err *err);
/* Whether the status has appraised points that count (appraised,
 * approved). */
bool par_appraised(const char *status);
/* Adds the workflow to assessment a: explanations (each with "overdue"
 * as of as_of), explanation_due, explanation_overdue, reopenings. */
enum err_code par_flow_fill(struct tracker *tr, json_t *a, int32_t as_of, struct err *err);

#endif
