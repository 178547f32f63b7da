/*
 * backup.c — writing a backup archive of a live tracker (see backup.h):
 * a consistent copy of the database beside the archive, the evidence it
 * names, hashed into the manifest, all zipped under a temporary name that
 * becomes the archive's only when it is whole and on disk.
 */
#include "base/base.h"
#include "domain/backup.h"
#include "domain/backup_int.h"
#include "domain/evidence.h"
#include "store/store.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

void backup_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

char *backup_dir_of(const char *path)
{
	char *copy = xstrdup(path);
	char *dir = xstrdup(dirname(copy));
	free(copy);
	return dir;
}

void backup_hash_hex(crypto_hash_sha256_state *h, char hex[65])
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(h, digest);
	sodium_bin2hex(hex, 65, digest, sizeof digest);
}

/* The SHA-256 and size of a file; each block read counts half toward pr
 * (zipping it is the other half). */
static enum err_code hash_file(const char *path, char hex[65], uint64_t *size, struct progress *pr,
			       struct err *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(err, ERR_INTERNAL, "", "cannot read %s: %s", path, strerror(errno));
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	unsigned char block[1 << 16];
	size_t n;
	*size = 0;
	while ((n = fread(block, 1, sizeof block, f)) > 0) {
		crypto_hash_sha256_update(&h, block, n);
		*size += n;
		progress_add(pr, n / 2);
	}
	int failed = ferror(f);
	fclose(f);
	if (failed)
		return err_set(err, ERR_INTERNAL, "", "cannot read %s", path);
	backup_hash_hex(&h, hex);
	return ERR_OK;
}

/* What a backup is made of, gathered before anything is zipped. */
struct backup_job {
	struct tracker *tr;
	char *snapshot;		/* the database copy beside the archive; removed at the end */
	json_t *manifest;
	json_t *evidence;	/* [{sha256, size}] the copy names */
	uint64_t bytes;		/* the database copy and the evidence */
	struct progress *pr;
};

/* Copies the database and reads from the copy what it names and counts. */
static enum err_code take_snapshot(struct backup_job *job, struct err *err)
{
	enum err_code rc = store_backup_to(job->tr->store, job->snapshot, err);
	if (rc)
		return err_set(err, rc, "", "cannot copy the database: %s", err->message);
	struct store_options so = {.durable = 0, .connections = 1};
	struct store *copy = store_open(job->snapshot, &so, err);
	if (!copy)
		return err->code;
	json_t *counts = store_backup_counts(copy, err);
	job->evidence = counts ? store_evidence_files(copy, err) : NULL;
	rc = job->evidence ? ERR_OK : err->code;
	if (!rc) {
		char now[32];
		time_t t = time(NULL);
		strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
		job->manifest = json_pack("{s:s, s:i, s:s, s:s, s:i, s:O, s:[]}", "format", BACKUP_FORMAT,
					  "version", BACKUP_VERSION, "created_at", now, "cchc_version",
					  CCHC_VERSION, "schema", store_schema_version(copy), "counts", counts,
					  "files");
	}
	json_decref(counts);
	store_close(copy);
	return rc;
}

static void add_entry(struct backup_job *job, const char *path, const char *sha, uint64_t size)
{
	json_array_append_new(json_object_get(job->manifest, "files"),
			      json_pack("{s:s, s:s, s:I}", "path", path, "sha256", sha, "size", (json_int_t)size));
}

/* Hashes the copy and every evidence file into the manifest; an evidence
 * file that is missing or no longer matches its name is an error, not a
 * backup quietly without it. */
static enum err_code hash_all(struct backup_job *job, struct err *err)
{
	char hex[65];
	uint64_t size;
	enum err_code rc = hash_file(job->snapshot, hex, &size, job->pr, err);
	if (rc)
		return rc;
	add_entry(job, BACKUP_DB_NAME, hex, size);
	size_t i;
	json_t *ev;
	json_array_foreach(job->evidence, i, ev) {
		const char *sha = json_string_value(json_object_get(ev, "sha256"));
		char *path = evidence_path(job->tr->data_dir, sha ? sha : "");
		if (!path)
			return err_set(err, ERR_INTERNAL, "", "the database names evidence '%s', not a SHA-256",
				       sha ? sha : "");
		rc = hash_file(path, hex, &size, job->pr, err);
		if (!rc && strcmp(hex, sha) != 0)
			rc = err_set(err, ERR_INTERNAL, "", "the evidence file %s is damaged: its content hashes to %s",
				     path, hex);
		free(path);
		if (rc)
			return rc;
		char name[96];
		snprintf(name, sizeof name, "evidence/%.2s/%s", sha, sha);
		add_entry(job, name, sha, size);
	}
	return ERR_OK;
}

/* libzip reports how far zip_close has come, as a fraction. */
static void zip_progress(zip_t *za, double fraction, void *ud)
{
	(void)za;
	struct backup_job *job = ud;
	if (job->pr)
		progress_set(job->pr, job->bytes / 2 + (uint64_t)(fraction * (double)job->bytes / 2));
}

static enum err_code zip_fail(zip_t *za, const char *archive, struct err *err)
{
	return err_set(err, ERR_INTERNAL, "", "cannot write %s: %s", archive, zip_strerror(za));
}

/* Zips the manifest, the copy and the evidence; libzip writes a temporary
 * file beside the archive and renames it only when zip_close succeeds. */
static enum err_code write_zip(struct backup_job *job, const char *archive, struct err *err)
{
	int zerr;
	zip_t *za = zip_open(archive, ZIP_CREATE | ZIP_EXCL, &zerr);
	if (!za) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		err_set(err, ERR_INTERNAL, "", "cannot create %s: %s", archive, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return ERR_INTERNAL;
	}
	char *text = json_dumps(job->manifest, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	zip_source_t *src = zip_source_buffer(za, text, strlen(text), 1);	/* from here libzip frees text */
	if (!src)
		free(text);
	if (!src || zip_file_add(za, BACKUP_MANIFEST, src, 0) < 0) {
		zip_source_free(src);
		goto fail;
	}
	size_t i;
	json_t *f;
	json_array_foreach(json_object_get(job->manifest, "files"), i, f) {
		const char *name = json_string_value(json_object_get(f, "path"));
		int db = strcmp(name, BACKUP_DB_NAME) == 0;
		char *path = db ? xstrdup(job->snapshot) : evidence_path(job->tr->data_dir, name + 12);
		src = zip_source_file(za, path, 0, -1);
		free(path);
		zip_int64_t idx = src ? zip_file_add(za, name, src, 0) : -1;
		if (idx < 0) {
			zip_source_free(src);
			goto fail;
		}
		if (zip_set_file_compression(za, (zip_uint64_t)idx, db ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0) < 0)
			goto fail;
	}
	zip_register_progress_callback_with_state(za, 0.01, zip_progress, NULL, job);
	if (zip_close(za) < 0)
		goto fail;
	return ERR_OK;
fail:
	zip_fail(za, archive, err);
	zip_discard(za);
	return ERR_INTERNAL;
}

/* The archive's bytes reach the disk before the backup is called done. */
static enum err_code sync_archive(const char *archive, struct err *err)
{
	int fd = open(archive, O_RDONLY);
	int ok = fd >= 0 && fsync(fd) == 0;
	if (fd >= 0)
		close(fd);
	if (!ok) {
		unlink(archive);
		return err_set(err, ERR_INTERNAL, "", "cannot write %s: %s", archive, strerror(errno));
	}
	char *dir = backup_dir_of(archive);
	backup_sync_dir(dir);
	free(dir);
	return ERR_OK;
}

enum err_code backup_write(struct tracker *tr, const char *archive, struct progress *pr, json_t **summary,
			   struct err *err)
{
	struct stat sb;
	if (stat(archive, &sb) == 0)
		return err_set(err, ERR_CONFLICT, "output", "%s exists already; a backup never overwrites a file",
			       archive);
	struct backup_job job = {.tr = tr, .pr = pr, .snapshot = xasprintf("%s.db-XXXXXX", archive)};
	enum err_code rc = ERR_OK;
	int fd = mkstemp(job.snapshot);
	if (fd < 0) {
		rc = err_set(err, ERR_INTERNAL, "", "cannot write beside %s: %s", archive, strerror(errno));
		free(job.snapshot);
		return rc;
	}
	close(fd);
	if ((rc = take_snapshot(&job, err)))
		goto cleanup;
	job.bytes = (uint64_t)(stat(job.snapshot, &sb) == 0 ? sb.st_size : 0);
	size_t i;
	json_t *ev;
	json_array_foreach(job.evidence, i, ev)
		job.bytes += (uint64_t)json_integer_value(json_object_get(ev, "size"));
	progress_grow(pr, job.bytes);
	if ((rc = hash_all(&job, err)) || (rc = write_zip(&job, archive, err)) ||
	    (rc = sync_archive(archive, err)))
		goto cleanup;
	if (summary) {
		*summary = json_pack("{s:s, s:I, s:I, s:O}", "archive", archive, "files",
				     (json_int_t)json_array_size(json_object_get(job.manifest, "files")), "bytes",
				     (json_int_t)job.bytes, "counts", json_object_get(job.manifest, "counts"));
	}
cleanup:
	unlink(job.snapshot);
	/* A copy opened in WAL mode may leave these behind. */
	char *side = xasprintf("%s-wal", job.snapshot);
	unlink(side);
	free(side);
	side = xasprintf("%s-shm", job.snapshot);
	unlink(side);
	free(side);
	free(job.snapshot);
	json_decref(job.manifest);
	json_decref(job.evidence);
	return rc;
}
