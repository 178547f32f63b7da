/* documents.c — documents, drafts and the import of a draft. */
#include "base/base.h"
#include "store/db.h"

#include <string.h>

enum err_code document_insert(struct conn *c, const struct document_new *d, const char *now, int64_t *id,
				     struct err *err)
{
	static const char SQL[] =
		"INSERT INTO document(type, number, symbol, title, year, issuer_unit_id, issued_on, "
		"body, is_demo, created_at, source_name) VALUES (?1, ?2, ?3, ?4, ?5, "
		"(SELECT id FROM unit WHERE code = ?6), ?7, ?8, ?9, ?10, ?11) RETURNING id";
	if (int1(c, SQL, id, err, "ttttittt" "itt", d->type, d->number, d->symbol, d->title, (int64_t)d->year,
		d->issuer_code, d->issued_on, d->body, (int64_t)d->is_demo, now, d->source_name) != ERR_OK)
		return err->code;
	return ERR_OK;
}

enum err_code store_document_add(struct store *st, const struct document_new *d, int64_t *id, struct err *err)
{
	char now[21];
	now_utc(now);
	int64_t new_id;
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc != ERR_OK)
		return rc;
	rc = tx_close(st, c, document_insert(c, d, now, &new_id, err), err);
	if (rc == ERR_OK && id)
		*id = new_id;
	return rc;
}

#define DOCUMENT_COLUMNS "d.id, d.type, d.number, d.symbol, " \
	"CASE WHEN d.number IS NULL THEN NULL ELSE d.number || '/' || d.symbol END AS number_symbol, " \
	"d.title, d.year, d.issuer_unit_id, d.issued_on, d.is_demo"

json_t *store_documents(struct store *st, const char *type, struct err *err)
{
	static const char SQL[] = "SELECT " DOCUMENT_COLUMNS " FROM document d "
				  "WHERE ?1 IS NULL OR d.type = ?1 ORDER BY d.issued_on DESC, d.id";
	return query_rows(st, SQL, err, "t", type);
}

json_t *store_document_get(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] = "SELECT " DOCUMENT_COLUMNS ", d.source_name, d.body FROM document d WHERE d.id = ?1";
	return query_row(st, SQL, err, "i", id);
}

/* ---- document drafts (issue 4) ---------------------------------------- */

#define DRAFT_COLUMNS "g.id, g.source_name, g.source_kind, g.status, g.document_id, " \
	"g.created_at, g.updated_at, g.confirmed_at"

enum err_code store_draft_add(struct store *st, const struct draft_new *d, int64_t *id, struct err *err)
{
	static const char SQL[] =
		"INSERT INTO document_draft(source_name, source_kind, text, parsed, draft, created_at, "
		"updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) RETURNING id";
	char now[21];
	now_utc(now);
	return write1(st, id, NULL, err, SQL, "tttttt", d->source_name, d->source_kind, d->text, d->parsed,
		      d->draft, now);
}

json_t *store_draft_get(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] = "SELECT " DRAFT_COLUMNS ", g.text, g.parsed, g.draft "
				  "FROM document_draft g WHERE g.id = ?1";
	return query_row(st, SQL, err, "i", id);
}

json_t *store_drafts(struct store *st, const char *status, struct err *err)
{
	/* The list shows what the review page needs to pick a draft, not its text. */
	static const char SQL[] =
		"SELECT " DRAFT_COLUMNS ", json_extract(g.draft, '$.document.number') AS number, "
		"json_extract(g.draft, '$.document.symbol') AS symbol, "
		"json_extract(g.draft, '$.document.title') AS title, "
		"json_array_length(g.draft, '$.tasks') AS tasks "
		"FROM document_draft g WHERE ?1 IS NULL OR g.status = ?1 ORDER BY g.id DESC";
	return query_rows(st, SQL, err, "t", status);
}

/* ERR_NOT_FOUND or ERR_CONFLICT unless draft id exists in status 'draft';
 * run inside the caller's transaction so the answer still holds at commit. */
static enum err_code draft_open(struct conn *c, int64_t id, struct err *err)
{
	static const char SQL[] = "SELECT status FROM document_draft WHERE id = ?1";
	json_t *row = row1(c, SQL, err, "i", id);
	if (!row)
		return err->code == ERR_NOT_FOUND
			       ? err_set(err, ERR_NOT_FOUND, "id", "no draft %lld", (long long)id)
			       : err->code;
	const char *status = json_string_value(json_object_get(row, "status"));
	enum err_code rc = ERR_OK;
	if (strcmp(status, "draft") != 0)
		rc = err_set(err, ERR_CONFLICT, "status", "draft %lld is already %s", (long long)id, status);
	json_decref(row);
	return rc;
}

/* Runs sql (?1 the draft's id, ?2 draft, ?3 now) on a draft still open. */
static enum err_code draft_change(struct store *st, int64_t id, const char *sql, const char *draft,
				  struct err *err)
{
	char now[21];
	now_utc(now);
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc != ERR_OK)
		return rc;
	if ((rc = draft_open(c, id, err)) == ERR_OK && run(c, sql, err, "itt", id, draft, now) != ERR_OK)
		rc = err->code;
	return tx_close(st, c, rc, err);
}

enum err_code store_draft_update(struct store *st, int64_t id, const char *draft, struct err *err)
{
	static const char SQL[] = "UPDATE document_draft SET draft = ?2, updated_at = ?3 WHERE id = ?1";
	return draft_change(st, id, SQL, draft, err);
}

enum err_code store_draft_discard(struct store *st, int64_t id, struct err *err)
{
	static const char SQL[] =
		"UPDATE document_draft SET status = 'discarded', updated_at = ?3 WHERE id = ?1";
	return draft_change(st, id, SQL, NULL, err);
}

enum err_code store_document_import(struct store *st, int64_t draft_id, const struct document_new *d,
				    const struct task_new *tasks, size_t ntasks, int64_t *doc_id,
				    int64_t *task_ids, struct err *err)
{
	static const char CONFIRM[] =
		"UPDATE document_draft SET status = 'confirmed', document_id = ?2, confirmed_at = ?3, "
		"updated_at = ?3 WHERE id = ?1";
	char now[21];
	now_utc(now);
	struct conn *c;
	enum err_code rc = tx_open(st, &c, err);
	if (rc != ERR_OK)
		return rc;
	if ((rc = draft_open(c, draft_id, err)) != ERR_OK)
		goto end;
	int64_t id;
	if ((rc = document_insert(c, d, now, &id, err)) != ERR_OK)
		goto end;
	for (size_t i = 0; i < ntasks; i++) {
		/* The tasks were validated before the document existed. */
		struct task_new t = tasks[i];
		t.document_id = id;
		if ((rc = task_insert(c, &t, now, &task_ids[i], err)) != ERR_OK)
			goto end;
	}
	if (run(c, CONFIRM, err, "iit", draft_id, id, now) != ERR_OK) {
		rc = err->code;
		goto end;
	}
	*doc_id = id;
end:
	return tx_close(st, c, rc, err);
}
