/* tasks.c — tasks, their assignments, the change feed. */
#include "base/base.h"
#include "base/vitext.h"
#include "store/db.h"

#include <stdlib.h>
#include <string.h>

static const char *const recurrence_names[] = {
	"once", "monthly", "quarterly", "semiannual", "yearly", "ongoing"};

enum err_code task_insert(struct conn *c, const struct task_new *t, const char *now, int64_t *id,
			  struct err *err)
{
	static const char INS_TASK[] =
		"INSERT INTO task(document_id, field_id, section, title, description, text_fold, "
		"deadline, recurrence, year, product, created_at, updated_at) "
		"VALUES (?1, nullif(?2, 0), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11) RETURNING id";
	static const char INS_UNIT[] =
		"INSERT INTO task_unit(task_id, unit_id, role) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING";
	static const char INS_ASG[] =
		"INSERT INTO assignment(task_id, unit_id, field_id, period, deadline) "
		"VALUES (?1, ?2, nullif(?3, 0), ?4, ?5)";
	struct buf text = BUF_INIT;
	buf_adds(&text, t->title);
	if (t->description) {
		buf_addc(&text, ' ');
		buf_adds(&text, t->description);
	}
	char *fold = vi_fold(buf_str(&text));
	buf_release(&text);
	enum err_code rc = ERR_OK;
	int64_t task_id;
	if (int1(c, INS_TASK, &task_id, err, "iitttttti" "tt", t->document_id, t->field_id, t->section,
		t->title, t->description, fold, t->deadline, recurrence_names[t->recurrence],
		(int64_t)t->year, t->product, now) != ERR_OK) {
		rc = err->code;
		goto out;
	}
	for (size_t i = 0; i < t->nlead; i++)
		if (run(c, INS_UNIT, err, "iit", task_id, t->lead[i], "lead") != ERR_OK) {
			rc = err->code;
			goto out;
		}
	for (size_t i = 0; i < t->ncoop; i++)
		if (run(c, INS_UNIT, err, "iit", task_id, t->coop[i], "coop") != ERR_OK) {
			rc = err->code;
			goto out;
		}
	for (size_t i = 0; i < t->nasg; i++)
		if (run(c, INS_ASG, err, "iiitt", task_id, t->asg[i].unit_id, t->field_id,
			t->asg[i].period, t->asg[i].deadline) != ERR_OK) {
			rc = err->code;
			goto out;
		}
	if (id)
		*id = task_id;
out:
	free(fold);
	return rc;
}

enum err_code store_task_add(struct store *st, const struct task_new *t, int64_t *id, struct err *err)
{
	char now[21];
	now_utc(now);
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc != ERR_OK)
		return rc;
	rc = task_insert(c, t, now, id, err);
	return tx_close(st, c, rc, err);
}

enum err_code store_task_update(struct store *st, int64_t id, const struct task_patch *p, struct err *err)
{
	static const char GET[] = "SELECT title, description FROM task WHERE id = ?1";
	static const char UPD[] =
		"UPDATE task SET title = coalesce(?2, title), description = coalesce(?3, description), "
		"product = coalesce(?4, product), section = coalesce(?5, section), "
		"field_id = coalesce(nullif(?6, 0), field_id), text_fold = ?7, updated_at = ?8 "
		"WHERE id = ?1";
	static const char UPD_ASG[] =
		"UPDATE assignment SET field_id = ?2 WHERE task_id = ?1 AND field_id IS NOT ?2";
	char now[21];
	now_utc(now);
	char *fold = NULL;
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc != ERR_OK)
		return rc;
	json_t *old = row1(c, GET, err, "i", id);
	if (!old) {
		rc = err->code;
		goto end;
	}
	struct buf text = BUF_INIT;
	buf_adds(&text, p->title ? p->title : json_string_value(json_object_get(old, "title")));
	const char *desc = p->description ? p->description
					  : json_string_value(json_object_get(old, "description"));
	if (desc) {
		buf_addc(&text, ' ');
		buf_adds(&text, desc);
	}
	json_decref(old);
	fold = vi_fold(buf_str(&text));
	buf_release(&text);
	if (run(c, UPD, err, "itttt" "itt", id, p->title, p->description, p->product, p->section,
		p->field_id, fold, now) != ERR_OK) {
		rc = err->code;
		goto end;
	}
	if (p->field_id && run(c, UPD_ASG, err, "ii", id, p->field_id) != ERR_OK)
		rc = err->code;
end:
	rc = tx_close(st, c, rc, err);
	free(fold);
	return rc;
}

#define TASK_COLUMNS "t.id, t.document_id, d.number || '/' || d.symbol AS document, t.field_id, " \
	"f.code AS field_code, t.section, t.title, t.description, t.deadline, t.recurrence, " \
	"t.year, t.product, t.created_at, t.updated_at, t.due_workdays, t.received_on"

json_t *store_task_get(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] = "SELECT " TASK_COLUMNS " FROM task t "
				  "JOIN document d ON d.id = t.document_id "
				  "LEFT JOIN field f ON f.id = t.field_id WHERE t.id = ?1";
	static const char UNITS[] =
		"SELECT u.id, u.code, u.name FROM task_unit tu JOIN unit u ON u.id = tu.unit_id "
		"WHERE tu.task_id = ?1 AND tu.role = ?2 ORDER BY u.id";
	struct conn *c = conn_get(st);
	json_t *out = row1(c, SQL, err, "i", id);
	if (out) {
		json_t *lead = rows(c, UNITS, err, "it", id, "lead");
		json_t *coop = rows(c, UNITS, err, "it", id, "coop");
		if (!lead || !coop) {
			json_decref(lead);
			json_decref(coop);
			json_decref(out);
			out = NULL;
		} else {
			json_object_set_new(out, "lead", lead);
			json_object_set_new(out, "cooperating", coop);
		}
	}
	conn_put(st, c);
	return out;
}

enum err_code store_tasks_scan(struct store *st, const struct task_query *q,
			       int (*fn)(void *ctx, json_t *row), void *ctx, struct err *err)
{
	/* q_fold is matched word by word with instr() in C-folded text. */
	static const char SQL[] =
		"SELECT " TASK_COLUMNS " FROM task t JOIN document d ON d.id = t.document_id "
		"LEFT JOIN field f ON f.id = t.field_id "
		"WHERE t.id > ?1 AND (?2 = 0 OR t.field_id = ?2) "
		"AND (?3 = 0 OR EXISTS (SELECT 1 FROM assignment a WHERE a.task_id = t.id AND a.unit_id = ?3) "
		"     OR EXISTS (SELECT 1 FROM task_unit tu WHERE tu.task_id = t.id AND tu.unit_id = ?3)) "
		"AND ((?4 IS NULL AND ?5 IS NULL) OR EXISTS (SELECT 1 FROM assignment a WHERE a.task_id = t.id "
		"     AND (?3 = 0 OR a.unit_id = ?3) AND (?4 IS NULL OR a.deadline >= ?4) "
		"     AND (?5 IS NULL OR a.deadline <= ?5))) "
		"AND (?6 IS NULL OR instr(t.text_fold, ?6) > 0) "
		"AND (?7 IS NULL OR instr(t.text_fold, ?7) > 0) "
		"AND (?8 IS NULL OR instr(t.text_fold, ?8) > 0) "
		"ORDER BY t.id";
	/* Up to three words are matched in SQL; the domain checks any others. */
	char *words[3] = {0};
	if (q->q_fold) {
		char *copy = xstrdup(q->q_fold), *save = NULL;
		int n = 0;
		for (char *w = strtok_r(copy, " ", &save); w && n < 3; w = strtok_r(NULL, " ", &save))
			words[n++] = xstrdup(w);
		free(copy);
	}
	enum err_code rc = query_scan(st, SQL, fn, ctx, err, "iiitt" "ttt", q->after_id, q->field_id, q->unit_id,
				      q->due_from, q->due_to, words[0], words[1], words[2]);
	for (int i = 0; i < 3; i++)
		free(words[i]);
	return rc;
}

#define ASSIGNMENT_COLUMNS "a.id, a.task_id, a.unit_id, u.code AS unit_code, u.name AS unit_name, " \
	"u.kind AS unit_kind, a.period, a.deadline, a.percent, a.first_report_on, a.completed_on, " \
	"t.title AS task_title, t.field_id, f.code AS field_code, f.lead_unit_id AS field_lead_unit_id, " \
	"t.recurrence, t.product"

enum err_code store_assignments_scan(struct store *st, const struct assignment_query *q,
				     int (*fn)(void *ctx, json_t *row), void *ctx, struct err *err)
{
	/* Three shapes so that each uses its index: by unit, by task, or all. */
	static const char BY_UNIT[] =
		"SELECT " ASSIGNMENT_COLUMNS " FROM assignment a JOIN task t ON t.id = a.task_id "
		"JOIN unit u ON u.id = a.unit_id LEFT JOIN field f ON f.id = t.field_id "
		"WHERE a.unit_id = ?1 AND (?2 = 0 OR a.task_id = ?2) AND a.id > ?3 "
		"AND (?4 IS NULL OR a.deadline >= ?4) AND (?5 IS NULL OR a.deadline <= ?5) "
		"ORDER BY a.id";
	static const char BY_TASK[] =
		"SELECT " ASSIGNMENT_COLUMNS " FROM assignment a JOIN task t ON t.id = a.task_id "
		"JOIN unit u ON u.id = a.unit_id LEFT JOIN field f ON f.id = t.field_id "
		"WHERE a.task_id = ?2 AND a.id > ?3 "
		"AND (?4 IS NULL OR a.deadline >= ?4) AND (?5 IS NULL OR a.deadline <= ?5) "
		"ORDER BY a.id";
	static const char ALL[] =
		"SELECT " ASSIGNMENT_COLUMNS " FROM assignment a JOIN task t ON t.id = a.task_id "
		"JOIN unit u ON u.id = a.unit_id LEFT JOIN field f ON f.id = t.field_id "
		"WHERE a.id > ?3 "
		"AND (?4 IS NULL OR a.deadline >= ?4) AND (?5 IS NULL OR a.deadline <= ?5) "
		"ORDER BY a.id";
	const char *sql = q->unit_id ? BY_UNIT : q->task_id ? BY_TASK : ALL;
	return query_scan(st, sql, fn, ctx, err, "iiitt", q->unit_id, q->task_id, q->after_id, q->due_from,
			  q->due_to);
}

json_t *store_assignment_get(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] =
		"SELECT " ASSIGNMENT_COLUMNS " FROM assignment a JOIN task t ON t.id = a.task_id "
		"JOIN unit u ON u.id = a.unit_id LEFT JOIN field f ON f.id = t.field_id WHERE a.id = ?1";
	return query_row(st, SQL, err, "i", id);
}

/* ---- change feed for caches ------------------------------------------ */

struct change_rows {
	void (*fn)(void *ctx, const struct assignment_facts *f);
	void *ctx;
};

static int change_row(void *ctx, const struct dbrow *r)
{
	struct change_rows *s = ctx;
	struct assignment_facts f = {
		.id = col_int(r, 0),
		.task_id = col_int(r, 1),
		.unit_id = col_int(r, 2),
		.field_id = col_int(r, 3),
		.rev = col_int(r, 4),
		.deadline = col_day(r, 5),
		.first_report_on = col_day(r, 6),
		.completed_on = col_day(r, 7),
	};
	s->fn(s->ctx, &f);
	return 0;
}

enum err_code store_assignment_changes(struct store *st, int64_t after_rev,
				       void (*fn)(void *ctx, const struct assignment_facts *f),
				       void *ctx, struct err *err)
{
	static const char SQL[] =
		"SELECT id, task_id, unit_id, coalesce(field_id, 0), rev, deadline, first_report_on, "
		"completed_on FROM assignment WHERE rev > ?1 ORDER BY rev";
	struct change_rows s = {fn, ctx};
	struct conn *c = conn_get(st);
	enum err_code rc = each(c, SQL, change_row, &s, err, "i", after_rev);
	conn_put(st, c);
	return rc;
}

enum err_code store_task_set_workdays(struct store *st, int64_t id, int n, const char *received_on,
				      struct err *err)
{
	static const char SQL[] = "UPDATE task SET due_workdays = ?2, received_on = ?3 WHERE id = ?1";
	int64_t changed;
	enum err_code rc = write1(st, NULL, &changed, err, SQL, "iit", id, (int64_t)n, received_on);
	if (rc == ERR_OK && changed == 0)
		rc = err_set(err, ERR_NOT_FOUND, "id", "no task %lld", (long long)id);
	return rc;
}

json_t *store_task_workdays(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] = "SELECT due_workdays, received_on FROM task WHERE id = ?1";
	return query_row(st, SQL, err, "i", id);
}

json_t *store_document_tasks(struct store *st, int64_t document_id, struct err *err)
{
	static const char SQL[] =
		"SELECT " TASK_COLUMNS ", (SELECT count(*) FROM assignment a WHERE a.task_id = t.id) "
		"AS assignments FROM task t JOIN document d ON d.id = t.document_id "
		"LEFT JOIN field f ON f.id = t.field_id WHERE t.document_id = ?1 ORDER BY t.id";
	return query_rows(st, SQL, err, "i", document_id);
}
