/*
 * backup.c — what `cchc backup` needs of the store: a consistent copy of
 * the live database, and what that copy refers to.  SQLite only: a
 * PostgreSQL database is backed up with PostgreSQL's own tools (pg_dump,
 * pg_basebackup; docs/postgresql.md), which its operators already run.
 *
 * VACUUM INTO writes the database as one read transaction sees it, so the
 * server keeps writing (WAL readers never block writers) and the copy holds
 * exactly the transactions committed before it began.  It is a fresh,
 * compact file with no WAL beside it, unlike a file copy of a live database.
 */
#include "base/base.h"
#include "store/db_driver.h"

enum err_code store_backup_to(struct store *st, const char *path, struct err *err)
{
	static const char VACUUM_INTO[] = "VACUUM INTO ?1";
	if (st->drv != &db_sqlite)
		return err_set(err, ERR_UNSUPPORTED, "db",
			       "cchc backup copies an SQLite database; back a PostgreSQL one up with pg_dump or "
			       "pg_basebackup (docs/postgresql.md)");
	struct conn *c = conn_get(st);
	enum err_code rc = run(c, VACUUM_INTO, err, "t", path);
	conn_put(st, c);
	return rc;
}

json_t *store_evidence_files(struct store *st, struct err *err)
{
	/* Every table that names a stored file by its hash, one line each;
	 * UNION keeps a file shared by several owners once. */
	static const char FILES[] = "SELECT sha256, size FROM evidence "
				    "UNION SELECT sha256, size FROM discipline_document "
				    "UNION SELECT sha256, size FROM inspection_document "
				    "UNION SELECT sha256, size FROM par_evidence WHERE sha256 IS NOT NULL "
				    "UNION SELECT sha256, size FROM feedback_attachment "
				    "ORDER BY sha256";
	return query_rows(st, FILES, err, "");
}

json_t *store_backup_counts(struct store *st, struct err *err)
{
	static const char COUNTS[] = "SELECT (SELECT count(*) FROM report) AS reports, "
				     "(SELECT count(*) FROM evidence) AS evidence, "
				     "(SELECT count(*) FROM audit) AS audit_records";
	return query_row(st, COUNTS, err, "");
}

enum err_code store_evidence_sweep_add(struct store *st, int64_t min_age, int64_t removed, int64_t bytes,
				       int64_t kept_recent, struct err *err)
{
	static const char SQL[] = "INSERT INTO evidence_sweep(swept_at, min_age, removed, bytes, kept_recent) "
				  "VALUES (?1, ?2, ?3, ?4, ?5)";
	char now[21];
	now_utc(now);
	return write1(st, NULL, NULL, err, SQL, "tiiii", now, min_age, removed, bytes, kept_recent);
}
