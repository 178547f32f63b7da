/* backup_manifest.c — the manifest of a backup archive, read as outside input. */
#include "base/base.h"
#include "domain/backup.h"
#include "domain/backup_int.h"

#include <stdlib.h>
#include <string.h>

static int is_sha256(const char *s)
{
	if (strlen(s) != 64)
		return 0;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return 0;
	return 1;
}

int backup_entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct backup_entry *)a)->path, ((const struct backup_entry *)b)->path);
}

/* A count: a non-negative JSON integer. */
static int count_of(json_t *j, const char *key, int64_t *out)
{
	json_t *v = json_object_get(j, key);
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return 0;
	*out = json_integer_value(v);
	return 1;
}

/* One entry of "files"; the path may only be the database or evidence
 * under its own hash, so nothing can be written outside the target. */
static enum err_code parse_entry(json_t *f, size_t i, struct backup_entry *e, struct err *err)
{
	const char *path = json_string_value(json_object_get(f, "path"));
	const char *sha = json_string_value(json_object_get(f, "sha256"));
	json_t *size = json_object_get(f, "size");
	if (!path || !sha || !is_sha256(sha) || !json_is_integer(size) || json_integer_value(size) < 0)
		return err_set(err, ERR_INVALID, "manifest",
			       "the manifest's file %zu wants a path, a sha256 of 64 hex digits and a size", i + 1);
	int db = strcmp(path, BACKUP_DB_NAME) == 0;
	if (!db && !(strncmp(path, "evidence/", 9) == 0 && strlen(path) == 9 + 3 + 64 &&
		     memcmp(path + 9, path + 12, 2) == 0 && path[11] == '/' && is_sha256(path + 12) &&
		     strcmp(path + 12, sha) == 0))
		return err_set(err, ERR_INVALID, "manifest",
			       "the manifest names '%.60s', which is neither the database nor an evidence file "
			       "under its own hash", path);
	snprintf(e->path, sizeof e->path, "%s", path);
	memcpy(e->sha256, sha, sizeof e->sha256);
	e->size = (uint64_t)json_integer_value(size);
	return ERR_OK;
}

enum err_code backup_manifest_parse(const char *data, size_t len, struct backup_manifest *m, struct err *err)
{
	memset(m, 0, sizeof *m);
	json_error_t je;
	json_t *j = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	enum err_code rc = ERR_OK;
	json_t *files = json_object_get(j, "files");
	json_t *counts = json_object_get(j, "counts");
	const char *format = json_string_value(json_object_get(j, "format"));
	if (!j) {
		rc = err_set(err, ERR_INVALID, "manifest", "the manifest is not JSON: %s", je.text);
		goto cleanup;
	}
	if (!format || strcmp(format, BACKUP_FORMAT) != 0 ||
	    json_integer_value(json_object_get(j, "version")) != BACKUP_VERSION) {
		rc = err_set(err, ERR_INVALID, "manifest", "not a %s manifest of version %d", BACKUP_FORMAT,
			     BACKUP_VERSION);
		goto cleanup;
	}
	json_t *schema = json_object_get(j, "schema");
	if (!json_is_integer(schema) || json_integer_value(schema) < 1 || json_integer_value(schema) > 100000 ||
	    !json_is_array(files) || !count_of(counts, "reports", &m->reports) ||
	    !count_of(counts, "evidence", &m->evidence) || !count_of(counts, "audit_records", &m->audit_records)) {
		rc = err_set(err, ERR_INVALID, "manifest", "the manifest lacks its schema, counts or files");
		goto cleanup;
	}
	m->schema = (int)json_integer_value(schema);
	m->nfiles = json_array_size(files);
	m->files = xcalloc(m->nfiles + 1, sizeof *m->files);
	size_t i, dbs = 0;
	json_t *f;
	json_array_foreach(files, i, f) {
		if ((rc = parse_entry(f, i, &m->files[i], err)))
			goto cleanup;
		dbs += strcmp(m->files[i].path, BACKUP_DB_NAME) == 0;
	}
	qsort(m->files, m->nfiles, sizeof *m->files, backup_entry_cmp);
	for (i = 1; i < m->nfiles; i++)
		if (strcmp(m->files[i - 1].path, m->files[i].path) == 0) {
			rc = err_set(err, ERR_INVALID, "manifest", "the manifest names %s twice", m->files[i].path);
			goto cleanup;
		}
	if (dbs != 1)
		rc = err_set(err, ERR_INVALID, "manifest", "the manifest names no database");
cleanup:
	json_decref(j);
	if (rc)
		backup_manifest_release(m);
	return rc;
}

void backup_manifest_release(struct backup_manifest *m)
{
	free(m->files);
	memset(m, 0, sizeof *m);
}
