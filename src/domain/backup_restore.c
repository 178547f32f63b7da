/*
 * backup_restore.c — restoring a backup archive (see backup.h) into a new
 * or empty directory.  Everything is written under DIR/.restore-XXXXXX
 * first and checked there (each file's size and SHA-256 against the
 * manifest, the database's counts, its audit chain); only then do the
 * evidence folder and, last, the database take their final names, so a
 * DIR/cchc.db exists only when the restore is complete.
 */
#include "base/base.h"
#include "domain/backup.h"
#include "domain/backup_int.h"
#include "store/store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

/* dir must hold nothing (but a file system's lost+found); it is created
 * when missing, and then *created is set. */
static enum err_code check_target(const char *dir, int *created, struct err *err)
{
	DIR *d = opendir(dir);
	if (!d) {
		if (errno != ENOENT)
			return err_set(err, ERR_INVALID, "data-dir", "cannot open %s: %s", dir, strerror(errno));
		if (mkdir(dir, 0700) != 0)
			return err_set(err, ERR_INVALID, "data-dir", "cannot create %s: %s", dir, strerror(errno));
		*created = 1;
		return ERR_OK;
	}
	int db = 0, other = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		const char *n = de->d_name;
		if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0 || strcmp(n, "lost+found") == 0)
			continue;
		if (strncmp(n, BACKUP_DB_NAME, strlen(BACKUP_DB_NAME)) == 0)
			db = 1;
		else
			other = 1;
	}
	closedir(d);
	if (db)
		return err_set(err, ERR_CONFLICT, "data-dir",
			       "%s already holds a database (%s): restore into a new or empty directory; "
			       "nothing was changed", dir, BACKUP_DB_NAME);
	if (other)
		return err_set(err, ERR_CONFLICT, "data-dir",
			       "%s is not empty: restore into a new or empty directory; nothing was changed", dir);
	return ERR_OK;
}

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

/* Removes a tree this restore made (symbolic links are not followed). */
static void remove_tree(const char *path)
{
	nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static enum err_code read_manifest(zip_t *za, const char *archive, struct backup_manifest *m,
				   struct err *err)
{
	zip_stat_t zs;
	if (zip_stat(za, BACKUP_MANIFEST, 0, &zs) != 0 || !(zs.valid & ZIP_STAT_SIZE))
		return err_set(err, ERR_INVALID, "archive", "%s is not a cchc backup: it has no %s", archive,
			       BACKUP_MANIFEST);
	if (zs.size > BACKUP_MANIFEST_MAX)
		return err_set(err, ERR_INVALID, "archive", "%s: the manifest is too large", archive);
	zip_file_t *zf = zip_fopen(za, BACKUP_MANIFEST, 0);
	char *text = xmalloc(zs.size + 1);
	zip_int64_t n = zf ? zip_fread(zf, text, zs.size) : -1;
	enum err_code rc = ERR_OK;
	if (n < 0 || (zip_uint64_t)n != zs.size)
		rc = err_set(err, ERR_INVALID, "archive", "%s is damaged: %s: %s", archive, BACKUP_MANIFEST,
			     zf ? zip_file_strerror(zf) : zip_strerror(za));
	else
		rc = backup_manifest_parse(text, zs.size, m, err);
	if (zf)
		zip_fclose(zf);
	free(text);
	return rc;
}

/* Every member of the archive is the manifest or named by it. */
static enum err_code check_members(zip_t *za, const struct backup_manifest *m, struct err *err)
{
	zip_int64_t n = zip_get_num_entries(za, 0);
	for (zip_int64_t i = 0; i < n; i++) {
		const char *name = zip_get_name(za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
		struct backup_entry key = {0};
		snprintf(key.path, sizeof key.path, "%s", name ? name : "");
		if (name && (strcmp(name, BACKUP_MANIFEST) == 0 ||
			     (strlen(name) < sizeof key.path &&
			      bsearch(&key, m->files, m->nfiles, sizeof key, backup_entry_cmp))))
			continue;
		return err_set(err, ERR_INVALID, "archive", "the archive holds '%.60s', which its manifest does not name",
			       name ? name : "?");
	}
	return ERR_OK;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Writes one member to staging/PATH, checking its size and hash. */
static enum err_code extract(zip_t *za, const struct backup_entry *e, const char *staging,
			     struct progress *pr, struct err *err)
{
	zip_int64_t idx = zip_name_locate(za, e->path, ZIP_FL_ENC_RAW);
	if (idx < 0)
		return err_set(err, ERR_INVALID, "archive", "the archive lacks %s, which its manifest names", e->path);
	char *path = xasprintf("%s/%s", staging, e->path);
	if (strncmp(e->path, "evidence/", 9) == 0) {
		char *dir = xasprintf("%s/evidence", staging);
		mkdir(dir, 0700);
		free(dir);
		dir = xasprintf("%s/evidence/%.2s", staging, e->sha256);
		mkdir(dir, 0700);
		free(dir);
	}
	enum err_code rc = ERR_OK;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	zip_file_t *zf = fd >= 0 ? zip_fopen_index(za, (zip_uint64_t)idx, 0) : NULL;
	if (!zf) {
		rc = err_set(err, fd < 0 ? ERR_INTERNAL : ERR_INVALID, "archive", "cannot restore %s: %s", e->path,
			     fd < 0 ? strerror(errno) : zip_strerror(za));
		goto cleanup;
	}
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	static _Thread_local char block[1 << 16];
	uint64_t size = 0;
	zip_int64_t n;
	while ((n = zip_fread(zf, block, sizeof block)) > 0) {
		if (write_all(fd, block, (size_t)n) != 0) {
			rc = err_set(err, ERR_INTERNAL, "", "cannot write %s: %s", path, strerror(errno));
			goto cleanup;
		}
		crypto_hash_sha256_update(&h, (unsigned char *)block, (size_t)n);
		size += (uint64_t)n;
		progress_add(pr, (uint64_t)n);
	}
	char hex[65];
	backup_hash_hex(&h, hex);
	if (n < 0)
		rc = err_set(err, ERR_INVALID, "archive", "the archive is damaged: %s: %s", e->path,
			     zip_file_strerror(zf));
	else if (size != e->size || strcmp(hex, e->sha256) != 0)
		rc = err_set(err, ERR_INVALID, "archive",
			     "%s does not match its manifest (SHA-256 %.12s..., %llu bytes; the manifest says %.12s..., "
			     "%llu bytes): the archive is damaged or altered", e->path, hex, (unsigned long long)size,
			     e->sha256, (unsigned long long)e->size);
	else if (fsync(fd) != 0)
		rc = err_set(err, ERR_INTERNAL, "", "cannot write %s: %s", path, strerror(errno));
cleanup:
	if (zf)
		zip_fclose(zf);
	if (fd >= 0 && close(fd) != 0 && !rc)
		rc = err_set(err, ERR_INTERNAL, "", "cannot write %s: %s", path, strerror(errno));
	free(path);
	return rc;
}

/* The restored database opens (migrated if it is older), holds what the
 * manifest counted and its audit chain holds. */
static enum err_code check_database(const char *db, const struct backup_manifest *m, json_t **verdict,
				    struct err *err)
{
	struct tracker_options opt = {.durable = true, .connections = 1, .actor = "restore"};
	struct tracker *tr = tracker_open(db, &opt, err);
	if (!tr)
		return err_set(err, ERR_INVALID, "archive", "the restored database does not open: %s", err->message);
	struct audit_verdict v;
	json_t *counts = store_backup_counts(tr->store, err);
	enum err_code rc = counts ? ERR_OK : err->code;
	if (!rc && (json_integer_value(json_object_get(counts, "reports")) != m->reports ||
		    json_integer_value(json_object_get(counts, "evidence")) != m->evidence ||
		    json_integer_value(json_object_get(counts, "audit_records")) != m->audit_records))
		rc = err_set(err, ERR_INVALID, "archive", "the restored database's counts differ from the manifest's");
	if (!rc && !(rc = tracker_audit_verify(tr, NULL, &v, err)) && v.broken)
		rc = err_set(err, ERR_INVALID, "archive", "the restored audit trail is broken at record %lld: %s",
			     (long long)v.broken, v.why);
	if (!rc)
		*verdict = json_pack("{s:O, s:I, s:s}", "counts", counts, "audit_records", (json_int_t)v.records,
				     "audit_head", v.head);
	json_decref(counts);
	tracker_close(tr);
	return rc;
}

/* The evidence folder, then the database: the last rename completes it. */
static enum err_code move_into_place(const char *staging, const char *dir, struct err *err)
{
	char *from = xasprintf("%s/evidence", staging), *to = xasprintf("%s/evidence", dir);
	struct stat sb;
	enum err_code rc = ERR_OK;
	if (stat(from, &sb) == 0 && rename(from, to) != 0)
		rc = err_set(err, ERR_INTERNAL, "", "cannot move the evidence into %s: %s", dir, strerror(errno));
	free(from);
	free(to);
	from = xasprintf("%s/%s", staging, BACKUP_DB_NAME);
	to = xasprintf("%s/%s", dir, BACKUP_DB_NAME);
	if (!rc && rename(from, to) != 0) {
		rc = err_set(err, ERR_INTERNAL, "", "cannot move the database into %s: %s", dir, strerror(errno));
		free(to);
		/* dir was empty before: the evidence there is this restore's. */
		to = xasprintf("%s/evidence", dir);
		remove_tree(to);
	}
	free(from);
	free(to);
	if (!rc)
		backup_sync_dir(dir);
	return rc;
}

enum err_code backup_restore(const char *archive, const char *dir, struct progress *pr, json_t **summary,
			     struct err *err)
{
	struct backup_manifest m = {0};
	int created = 0, zerr;
	char *staging = NULL;
	json_t *verdict = NULL;
	zip_t *za = NULL;
	enum err_code rc = check_target(dir, &created, err);
	if (rc)
		return rc;
	if (!(za = zip_open(archive, ZIP_RDONLY | ZIP_CHECKCONS, &zerr))) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		rc = err_set(err, ERR_INVALID, "archive", "%s is not a readable backup: %s", archive,
			     zip_error_strerror(&ze));
		zip_error_fini(&ze);
		goto cleanup;
	}
	if ((rc = read_manifest(za, archive, &m, err)) || (rc = check_members(za, &m, err)))
		goto cleanup;
	staging = xasprintf("%s/.restore-XXXXXX", dir);
	if (!mkdtemp(staging)) {
		rc = err_set(err, ERR_INTERNAL, "", "cannot write in %s: %s", dir, strerror(errno));
		free(staging);
		staging = NULL;
		goto cleanup;
	}
	for (size_t i = 0; i < m.nfiles; i++)
		progress_grow(pr, m.files[i].size);
	for (size_t i = 0; i < m.nfiles && !rc; i++)
		rc = extract(za, &m.files[i], staging, pr, err);
	char *db = xasprintf("%s/%s", staging, BACKUP_DB_NAME);
	if (!rc)
		rc = check_database(db, &m, &verdict, err);
	free(db);
	if (!rc)
		rc = move_into_place(staging, dir, err);
	if (!rc && summary) {
		json_object_set_new(verdict, "database", json_sprintf("%s/%s", dir, BACKUP_DB_NAME));
		json_object_set_new(verdict, "files", json_integer((json_int_t)m.nfiles));
		*summary = json_incref(verdict);
	}
cleanup:
	if (staging) {
		remove_tree(staging);
		free(staging);
	}
	if (rc && created)
		remove_tree(dir);
	if (za)
		zip_discard(za);
	json_decref(verdict);
	backup_manifest_release(&m);
	return rc;
}
