#include "base/base.h"
#include "base/date.h"
#include "base/embed.h"
#include "domain/demo.h"
#include "domain/par.h"
#include "domain/discipline.h"
#include "domain/inspection.h"
#include "domain/status.h"
#include "store/store.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEMO_NAME "caobang-2026"
#define DEMO_REPORTER "Cán bộ CCHC (dữ liệu demo)"
/* Progress is generated up to this day, so the demo looks the same
 * whenever it is loaded. */
#define DEMO_UNTIL "2026-11-20"

/* xorshift64*: small, deterministic, good enough for sample data. */
static uint64_t next_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545F4914F6CDD1DULL;
}

static double uniform(uint64_t *s)
{
	return (double)(next_rand(s) >> 11) / 9007199254740992.0;
}

static int rand_between(uint64_t *s, int lo, int hi)
{
	return lo + (int)(uniform(s) * (hi - lo + 1));
}

/* Splits a TSV line in place into at most max fields; returns the count. */
static int split_tabs(char *line, char **f, int max)
{
	int n = 0;
	f[n++] = line;
	for (char *p = line; *p && n < max; p++)
		if (*p == '\t') {
			*p = 0;
			f[n++] = p + 1;
		}
	for (int i = n; i < max; i++)
		f[i] = "";
	return n;
}

/* Calls fn for each data line of an embedded TSV file. */
static enum err_code each_tsv(const char *name, int nfields,
			      enum err_code (*fn)(struct tracker *, char **, struct err *),
			      struct tracker *tr, struct err *err)
{
	const struct embed_file *f = embed_find(embed_seed, name);
	if (!f)
		return err_set(err, ERR_INTERNAL, "", "seed file %s is missing from the build", name);
	char *text = xstrndup((const char *)f->data, f->len), *save = NULL;
	enum err_code rc = ERR_OK;
	for (char *line = strtok_r(text, "\n", &save); line && rc == ERR_OK;
	     line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#' || line[0] == 0)
			continue;
		char *fields[8];
		if (split_tabs(line, fields, nfields) < nfields - 1) {
			rc = err_set(err, ERR_INTERNAL, "", "%s: short line '%.40s'", name, line);
			break;
		}
		rc = fn(tr, fields, err);
	}
	free(text);
	return rc;
}

static enum err_code add_unit(struct tracker *tr, char **f, struct err *err)
{
	struct unit_new u = {.code = f[0], .name = f[1], .short_name = f[2], .kind = f[3],
			     .parent_code = *f[4] ? f[4] : NULL};
	/* The one head the letter names: its signer, the PPC chairman. */
	if (strcmp(f[3], "province") == 0) {
		u.head_name = "Lê Hải Hòa";
		u.head_title = "Chủ tịch UBND tỉnh";
	}
	return store_unit_add(tr->store, &u, NULL, err);
}

static enum err_code add_field(struct tracker *tr, char **f, struct err *err)
{
	return store_field_add(tr->store, f[0], atoi(f[1]), f[2], f[3], f[4], err);
}

enum err_code demo_load_registry(struct tracker *tr, struct err *err)
{
	enum err_code rc = auth_require(tr->who, ACT_CONFIGURE, NULL, err);
	if (rc)
		return rc;
	tracker_attribution_begin(tr);
	rc = each_tsv("units-caobang.tsv", 6, add_unit, tr, err);
	if (!rc)
		rc = each_tsv("fields.tsv", 5, add_field, tr, err);
	tracker_attribution_end(tr);
	return rc;
}

static const char *str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static enum err_code load_documents(struct tracker *tr, json_t *demo, json_t *ids, struct err *err)
{
	size_t i;
	json_t *d;
	json_array_foreach(json_object_get(demo, "documents"), i, d) {
		struct document_new doc = {
			.type = str(d, "type"), .number = str(d, "number"), .symbol = str(d, "symbol"),
			.title = str(d, "title"), .issued_on = str(d, "issued_on"),
			.issuer_code = str(d, "issuer"), .year = (int)json_integer_value(json_object_get(d, "year")),
			.is_demo = 1,
		};
		int64_t id;
		if (store_document_add(tr->store, &doc, &id, err))
			return err->code;
		json_object_set_new(ids, str(d, "key"), json_integer(id));
	}
	return ERR_OK;
}

static enum err_code load_tasks(struct tracker *tr, json_t *demo, json_t *ids, struct err *err)
{
	size_t i;
	json_t *t;
	json_array_foreach(json_object_get(demo, "tasks"), i, t) {
		json_t *body = json_deep_copy(t);
		json_object_set(body, "document_id", json_object_get(ids, str(t, "document")));
		json_object_del(body, "document");
		enum err_code rc = tracker_task_create(tr, body, NULL, err);
		json_decref(body);
		if (rc)
			return rc;
	}
	return ERR_OK;
}

struct progress_ctx {
	struct tracker *tr;
	uint64_t rng;
	double *diligence;	/* per unit id */
	size_t nunits;
	int32_t until;
	int64_t reports;
	json_t *pending;	/* assignments to report on, collected first */
};

static int collect(void *ctx, json_t *row)
{
	struct progress_ctx *c = ctx;
	json_array_append(c->pending, row);
	return 0;
}

static enum err_code report(struct progress_ctx *c, int64_t asg, int percent, int32_t on,
			    int32_t completed, const char *note, struct err *err)
{
	char day[DATE_STRLEN], done[DATE_STRLEN];
	struct report_new r = {
		.assignment_id = asg, .percent = percent, .note = note,
		.completed_on = completed != DATE_NONE ? date_format(completed, done) : NULL,
		.reported_on = date_format(on, day), .reporter = DEMO_REPORTER,
	};
	c->reports++;
	return store_report_add(c->tr->store, &r, NULL, err);
}

/* Writes the reports one assignment would have had by DEMO_UNTIL. */
static enum err_code simulate(struct progress_ctx *c, json_t *a, struct err *err)
{
	int64_t id = json_integer_value(json_object_get(a, "id"));
	int64_t unit = json_integer_value(json_object_get(a, "unit_id"));
	int32_t deadline = date_parse(str(a, "deadline"));
	double d = (size_t)unit < c->nunits ? c->diligence[unit] : 0.5;
	int32_t start = deadline - 80 < date_parse("2026-01-05") ? date_parse("2026-01-05") : deadline - 80;
	if (deadline < c->until) {
		if (uniform(&c->rng) < d + 0.15) {
			/* Done: on time for the diligent, late for the others. */
			int32_t done = uniform(&c->rng) < d ? deadline - rand_between(&c->rng, 0, 25)
							    : deadline + rand_between(&c->rng, 1, 45);
			if (done > c->until)
				done = c->until;
			if (done < start + 2)
				done = start + 2;
			int32_t first = done - rand_between(&c->rng, 2, 40);
			if (first < start)
				first = start;
			if (first < done && report(c, id, rand_between(&c->rng, 20, 70), first, DATE_NONE,
						   "Đang triển khai thực hiện (demo).", err))
				return err->code;
			return report(c, id, 100, done, done, "Đã hoàn thành, có báo cáo kết quả (demo).", err);
		}
		if (uniform(&c->rng) < 0.5)
			return report(c, id, rand_between(&c->rng, 10, 80),
				      start + rand_between(&c->rng, 0, 30), DATE_NONE,
				      "Đang thực hiện, chưa hoàn thành (demo).", err);
		return ERR_OK;
	}
	if (uniform(&c->rng) < d && start < c->until) {
		int32_t on = c->until - rand_between(&c->rng, 0, c->until - start);
		return report(c, id, rand_between(&c->rng, 10, 70), on, DATE_NONE,
			      "Đang triển khai theo kế hoạch (demo).", err);
	}
	return ERR_OK;
}

static enum err_code load_progress(struct tracker *tr, json_t *units, FILE *log, struct progress *pr,
				   struct err *err)
{
	struct progress_ctx c = {.tr = tr, .rng = 0x63636863ULL, .until = date_parse(DEMO_UNTIL),
				 .pending = json_array()};
	c.nunits = json_array_size(units) + 2;
	c.diligence = xcalloc(c.nunits + 1024, sizeof *c.diligence);
	size_t i;
	json_t *u;
	json_array_foreach(units, i, u) {
		int64_t id = json_integer_value(json_object_get(u, "id"));
		if ((size_t)id < c.nunits)
			c.diligence[id] = 0.25 + 0.75 * uniform(&c.rng);
	}
	struct assignment_query q = {0};
	enum err_code rc = store_assignments_scan(tr->store, &q, collect, &c, err);
	json_t *a;
	progress_grow(pr, json_array_size(c.pending));
	json_array_foreach(c.pending, i, a) {
		if (rc)
			break;
		rc = simulate(&c, a, err);
		progress_add(pr, 1);
	}
	if (log && !rc)
		fprintf(log, "demo: %lld progress reports on %zu assignments\n", (long long)c.reports,
			json_array_size(c.pending));
	json_decref(c.pending);
	free(c.diligence);
	return rc;
}

static int in_scope(const char *scope, const char *kind)
{
	if (strcmp(scope, "province") == 0)
		return strcmp(kind, "province") == 0;
	if (strcmp(scope, "departments") == 0)
		return !strcmp(kind, "department") || !strcmp(kind, "agency");
	if (strcmp(scope, "communes") == 0)
		return !strcmp(kind, "commune") || !strcmp(kind, "ward");
	return strcmp(kind, "province") && strcmp(kind, "media") && strcmp(kind, "other");
}

static enum err_code load_indicators(struct tracker *tr, json_t *demo, json_t *ids, json_t *units,
				     struct err *err)
{
	static const char *const periods[] = {"2026-Q1", "2026-Q2", "2026-Q3"};
	static const char *const ends[] = {"2026-03-31", "2026-06-30", "2026-09-30"};
	uint64_t rng = 0x4110ULL;
	size_t i;
	json_t *ind;
	json_array_foreach(json_object_get(demo, "indicators"), i, ind) {
		double target = json_number_value(json_object_get(ind, "target"));
		double base = json_number_value(json_object_get(ind, "baseline"));
		struct indicator_new n = {
			.document_id = json_integer_value(json_object_get(ids, "KH4110")),
			.field_id = store_field_id_by_code(tr->store, str(ind, "field")),
			.code = str(ind, "code"), .name = str(ind, "name"), .measure = str(ind, "measure"),
			.comparison = str(ind, "comparison"), .target = target, .baseline = base,
			.has_baseline = 1, .is_sample = 1,
		};
		int64_t ind_id;
		if (store_indicator_add(tr->store, &n, &ind_id, err))
			return err->code;
		size_t j;
		json_t *u;
		json_array_foreach(units, j, u) {
			if (!in_scope(str(ind, "scope"), str(u, "kind")))
				continue;
			/* Each unit moves from the baseline toward (or past) the
			 * target; some slip back in the third quarter. */
			double pace = 0.4 + 0.9 * uniform(&rng);
			int slips = uniform(&rng) < 0.12;
			for (int p = 0; p < 3; p++) {
				double v = base + (target - base) * pace * (p + 1) / 3.0 * 1.05;
				if (slips && p == 2)
					v = target - fabs(target - base) * 0.3 - 1;
				if (strcmp(str(ind, "measure"), "%") == 0 && v > 100)
					v = 100;
				v = round(v * 10) / 10;
				struct measurement_new m = {
					.indicator_id = ind_id,
					.unit_id = json_integer_value(json_object_get(u, "id")),
					.period = periods[p], .period_end = ends[p], .value = v,
					.reported_by = DEMO_REPORTER,
				};
				if (store_measurement_add(tr->store, &m, NULL, err))
					return err->code;
			}
		}
	}
	return ERR_OK;
}

/* Marks the database as demo data, its history written at once. */
static enum err_code mark_demo(struct tracker *tr, json_t *demo, struct err *err)
{
	enum err_code rc = store_meta_set(tr->store, "demo", DEMO_NAME, err);
	if (!rc)
		rc = store_meta_set(tr->store, "demo_note", str(demo, "note"), err);
	if (!rc) {
		/* Issue 6: the demo's history is written at once, so periodic
		 * reports count rows recorded up to now by their own dates. */
		char now[21];
		time_t t = time(NULL);
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
		rc = store_meta_set(tr->store, "history_loaded_at", now, err);
	}
	return rc;
}

/* The steps of load_all after the generated progress reports, which count
 * one per assignment.  The steps before them are not counted: the total is
 * known only once the tasks exist, and a total that grows makes the
 * estimate jump. */
#define LOAD_STEPS 5

/* One step of load_all done (when rc says so). */
static enum err_code step(struct progress *pr, enum err_code rc)
{
	if (rc == ERR_OK)
		progress_add(pr, 1);
	return rc;
}

/* Loads the demo into the batch begun by demo_load. */
static enum err_code load_all(struct tracker *tr, json_t *demo, size_t nunits, FILE *log, struct progress *pr,
			      struct err *err)
{
	json_t *ids = json_object();
	enum err_code rc;
	progress_grow(pr, LOAD_STEPS);
	if (!(rc = nunits ? ERR_OK : demo_load_registry(tr, err)) && !(rc = load_documents(tr, demo, ids, err)) &&
	    !(rc = load_tasks(tr, demo, ids, err))) {
		json_t *units = store_units(tr->store, err);
		rc = units ? load_progress(tr, units, log, pr, err) : err->code;
		if (!rc)
			rc = step(pr, load_indicators(tr, demo, ids, units, err));
		if (!rc)
			rc = step(pr, par_demo_load(tr, err));
		if (!rc)
			rc = step(pr, inspection_demo_load(tr, err));
		if (!rc)
			rc = step(pr, discipline_demo_load(tr, err));
		json_decref(units);
	}
	if (!rc)
		rc = step(pr, mark_demo(tr, demo, err));
	json_decref(ids);
	return rc;
}

enum err_code demo_load(struct tracker *tr, const char *name, FILE *log, struct err *err)
{
	return demo_load_shown(tr, name, log, NULL, err);
}

enum err_code demo_load_shown(struct tracker *tr, const char *name, FILE *log, struct progress *pr,
			      struct err *err)
{
	enum err_code rc = auth_require(tr->who, ACT_CONFIGURE, NULL, err);
	if (rc)
		return rc;
	if (strcmp(name, DEMO_NAME) != 0)
		return err_set(err, ERR_INVALID, "demo", "unknown demo '%s' (the one demo is %s)", name, DEMO_NAME);
	json_t *docs = store_documents(tr->store, NULL, err);
	if (!docs)
		return err->code;
	size_t ndocs = json_array_size(docs);
	json_decref(docs);
	if (ndocs > 0)
		return err_set(err, ERR_CONFLICT, "demo", "the database already holds documents; the demo needs a new one");
	json_t *units = store_units(tr->store, err);
	if (!units)
		return err->code;
	size_t nunits = json_array_size(units);
	json_decref(units);
	const struct embed_file *f = embed_find(embed_seed, "demo-caobang-2026.json");
	json_error_t je;
	json_t *demo = f ? json_loadb((const char *)f->data, f->len, 0, &je) : NULL;
	if (!demo)
		return err_set(err, ERR_INTERNAL, "", "the demo seed file is missing or broken");
	tracker_attribution_begin(tr);
	if ((rc = store_batch_begin(tr->store, err)))
		goto out;
	if ((rc = load_all(tr, demo, nunits, log, pr, err))) {
		struct err ignored;
		/* Leave nothing half-loaded: the batch is one transaction. */
		store_batch_abort(tr->store, &ignored);
	} else {
		rc = store_batch_commit(tr->store, err);
	}
out:
	tracker_attribution_end(tr);
	json_decref(demo);
	return rc;
}
