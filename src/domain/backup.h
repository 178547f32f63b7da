/*
 * backup.h — a backup of a live tracker in one file, and its restore.
 *
 * The archive is a zip (libzip, already linked for .docx) holding:
 *   manifest.json             what is inside: each file's path, size and
 *                             SHA-256, the schema version and the counts
 *                             of reports, evidence and audit records
 *   cchc.db                   a consistent copy of the database, made while
 *                             the server writes (store_backup_to)
 *   evidence/ab/abcdef...     every evidence file the copy names, under
 *                             its SHA-256 as in the data directory
 * A zip rather than a tar: libzip writes to a temporary name and renames it
 * when the archive is whole, keeps a CRC per member and a central directory
 * at the end (a truncated file is refused at once), and reads members in any
 * order.  The database is deflated (it shrinks several times); evidence is
 * stored as it is (PDFs, JPEGs and office files are compressed already).
 *
 * A restore checks every hash against the manifest and the audit chain of
 * the restored database before anything takes its final name.
 */
#ifndef CCHC_BACKUP_H
#define CCHC_BACKUP_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/progress.h"
#include "domain/tracker.h"

#define BACKUP_FORMAT "cchc-backup"
#define BACKUP_VERSION 1
#define BACKUP_DB_NAME "cchc.db"
#define BACKUP_MANIFEST "manifest.json"
/* No manifest of a real backup comes near this; a bigger one is refused
 * before it is read into memory. */
#define BACKUP_MANIFEST_MAX (64u << 20)

struct backup_entry {
	char path[96];		/* cchc.db or evidence/ab/<sha256> */
	char sha256[65];
	uint64_t size;
};

struct backup_manifest {
	int schema;
	int64_t reports, evidence, audit_records;
	struct backup_entry *files;	/* owned; sorted by path */
	size_t nfiles;
};

/*
 * Writes a backup of tr's database and evidence to archive, which must not
 * exist (ERR_CONFLICT).  On any failure nothing is left at archive and
 * the temporary copy is removed.  summary (may be NULL) gets
 * {archive, files, bytes, reports, evidence, audit_records}.
 */
enum err_code backup_write(struct tracker *tr, const char *archive, struct progress *pr, json_t **summary,
			   struct err *err);

/*
 * Restores archive into dir, which must not exist or be empty
 * (ERR_CONFLICT otherwise, and then it is left as it was).  Files are
 * written under a temporary folder in dir and take their final names only
 * after every hash, the counts and the audit chain are checked; on failure
 * dir is left as it was found.  summary as for backup_write.
 */
enum err_code backup_restore(const char *archive, const char *dir, struct progress *pr, json_t **summary,
			     struct err *err);

/* Parses and checks a manifest (outside input): the format and version,
 * paths of the two kinds only, each once, one database, and evidence
 * named by its own hash.  ERR_INVALID with the reason. */
enum err_code backup_manifest_parse(const char *data, size_t len, struct backup_manifest *m, struct err *err);
void backup_manifest_release(struct backup_manifest *m);

#endif
