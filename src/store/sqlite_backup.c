/*
 * sqlite_backup.c — what a backup needs of the SQLite backend: a
 * consistent copy of the live database, and what that copy refers to.
 *
 * VACUUM INTO writes the database as one read transaction sees it, so the
 * server keeps writing (WAL readers never block writers) and the copy holds
 * exactly the transactions committed before it began.  It is a fresh,
 * compact file with no WAL beside it, unlike a file copy of a live database.
 */
#include "base/base.h"
#include "store/sqlite_int.h"

enum err_code store_backup_to(struct store *st, const char *path, struct err *err)
{
	static const char VACUUM_INTO[] = "VACUUM INTO ?1";
	struct conn *c = conn_get(st);
	enum err_code rc = run(c, VACUUM_INTO, err, "t", path) == SQLITE_DONE ? ERR_OK : err->code;
	conn_put(st, c);
	return rc;
}

json_t *store_evidence_files(struct store *st, struct err *err)
{
	static const char FILES[] = "SELECT DISTINCT sha256, size FROM evidence ORDER BY sha256";
	return query_rows(st, FILES, err, "");
}

json_t *store_backup_counts(struct store *st, struct err *err)
{
	static const char COUNTS[] = "SELECT (SELECT count(*) FROM report) AS reports, "
				     "(SELECT count(*) FROM evidence) AS evidence, "
				     "(SELECT count(*) FROM audit) AS audit_records";
	return query_row(st, COUNTS, err, "");
}
