/*
 * evidence_sweep.c — removes the stored files that no row names (see
 * evidence.h).  The files the database names come from the one list the
 * backup reads too (store_evidence_files).
 *
 * A candidate is first renamed aside into the temporary folder and only
 * then judged by its own age: an upload of the same bytes that replaced it
 * a moment earlier is young and goes back under its name, and one that
 * arrives after the move finds the name free.  So a file that a commit is
 * about to name is never the one removed.
 *
 * The temporary folder holds what a process that died left there: an
 * upload's file (upload-XXXXXX) and a file set aside by a sweep
 * (sweep-PID-HASH).  They are judged by their last change of any kind
 * (ctime): an upload in flight is written to all the time, and the move
 * aside of a sweep at work changes it, though it keeps the mtime.
 */
#include "base/base.h"
#include "domain/evidence.h"
#include "domain/tracker.h"
#include "store/store.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct sweep {
	const char *data_dir;
	const char **named;	/* the hashes rows name, sorted; borrowed from the list */
	size_t n_named;
	time_t cutoff;		/* files changed after it are too recent */
	struct evidence_sweep_stats *stats;
};

static int by_text(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int is_named(const struct sweep *sw, const char *sha)
{
	return bsearch(&sha, sw->named, sw->n_named, sizeof *sw->named, by_text) != NULL;
}

/* Removes one unnamed file at path if it is old enough (see the top). */
static enum err_code sweep_file(struct sweep *sw, const char *path, const char *sha, struct err *err)
{
	struct stat st;
	if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return ERR_OK;	/* gone meanwhile, or not a file we wrote */
	if (st.st_mtime > sw->cutoff) {
		sw->stats->kept_recent++;
		return ERR_OK;
	}
	/* The process id keeps two sweeps at once off each other's files. */
	char *aside = xasprintf("%s/evidence/tmp/sweep-%ld-%s", sw->data_dir, (long)getpid(), sha);
	enum err_code rc = ERR_OK;
	if (rename(path, aside) != 0) {
		if (errno != ENOENT)
			rc = err_set(err, ERR_INTERNAL, "", "cannot move %s aside: %s", path, strerror(errno));
	} else if (lstat(aside, &st) == 0 && st.st_mtime > sw->cutoff) {
		/* Replaced by a new upload just before the move: same bytes, so
		 * putting it back over a still newer copy changes nothing. */
		if (rename(aside, path) != 0)
			rc = err_set(err, ERR_INTERNAL, "", "cannot put %s back: %s", path, strerror(errno));
		sw->stats->kept_recent++;
	} else if (unlink(aside) != 0) {
		rc = err_set(err, ERR_INTERNAL, "", "cannot remove %s: %s", aside, strerror(errno));
	} else {
		sw->stats->removed++;
		sw->stats->bytes += (int64_t)st.st_size;
	}
	free(aside);
	return rc;
}

/* Sweeps one folder DATA_DIR/evidence/ab. */
static enum err_code sweep_folder(struct sweep *sw, const char *prefix, struct err *err)
{
	char *dir_path = xasprintf("%s/evidence/%s", sw->data_dir, prefix);
	DIR *dir = opendir(dir_path);
	enum err_code rc = ERR_OK;
	if (!dir)
		rc = err_set(err, ERR_INTERNAL, "", "cannot read %s: %s", dir_path, strerror(errno));
	for (struct dirent *e; rc == ERR_OK && dir && (e = readdir(dir));) {
		char *path = evidence_path(sw->data_dir, e->d_name);
		/* Only a hash in the folder of its first two digits is ours. */
		if (path && strncmp(e->d_name, prefix, 2) == 0 && !is_named(sw, e->d_name))
			rc = sweep_file(sw, path, e->d_name, err);
		free(path);
	}
	if (dir)
		closedir(dir);
	free(dir_path);
	return rc;
}

/* Whether name is one the temporary folder's files are given. */
static int is_temp_name(const char *name)
{
	static const char ALNUM[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	if (!strncmp(name, "upload-", 7))
		return strlen(name) == 13 && strspn(name + 7, ALNUM) == 6;
	if (strncmp(name, "sweep-", 6) != 0)
		return 0;
	size_t pid = strspn(name + 6, "0123456789");
	const char *sha = name + 6 + pid;
	return pid > 0 && *sha == '-' && strlen(sha + 1) == 64 && strspn(sha + 1, "0123456789abcdef") == 64;
}

/* Removes the temporary files that a process which died left behind. */
static enum err_code sweep_temp(struct sweep *sw, const char *tmp_path, struct err *err)
{
	DIR *dir = opendir(tmp_path);
	if (!dir)
		return errno == ENOENT ? ERR_OK
				       : err_set(err, ERR_INTERNAL, "", "cannot read %s: %s", tmp_path, strerror(errno));
	enum err_code rc = ERR_OK;
	for (struct dirent *e; rc == ERR_OK && (e = readdir(dir));) {
		if (!is_temp_name(e->d_name))
			continue;
		char *path = xasprintf("%s/%s", tmp_path, e->d_name);
		struct stat st;
		if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_ctime <= sw->cutoff) {
			if (unlink(path) == 0) {
				sw->stats->removed++;
				sw->stats->bytes += (int64_t)st.st_size;
			} else if (errno != ENOENT) {
				rc = err_set(err, ERR_INTERNAL, "", "cannot remove %s: %s", path, strerror(errno));
			}
		}
		free(path);
	}
	closedir(dir);
	return rc;
}

static int is_prefix_folder(const char *name)
{
	return strlen(name) == 2 && strspn(name, "0123456789abcdef") == 2;
}

enum err_code evidence_sweep(struct tracker *tr, int64_t min_age, struct evidence_sweep_stats *stats,
			     struct err *err)
{
	memset(stats, 0, sizeof *stats);
	/* The list first: a row committed after it names a file younger than
	 * any grace period, which the sweep keeps. */
	json_t *files = store_evidence_files(tr->store, err);
	if (!files)
		return err->code;
	struct sweep sw = {.data_dir = tr->data_dir, .cutoff = time(NULL) - (time_t)min_age, .stats = stats};
	sw.named = xcalloc(json_array_size(files) + 1, sizeof *sw.named);
	size_t i;
	json_t *row;
	json_array_foreach(files, i, row) {
		const char *sha = json_string_value(json_object_get(row, "sha256"));
		if (sha)
			sw.named[sw.n_named++] = sha;
	}
	qsort(sw.named, sw.n_named, sizeof *sw.named, by_text);
	enum err_code rc = ERR_OK;
	char *top_path = xasprintf("%s/evidence", tr->data_dir);
	char *tmp_path = xasprintf("%s/evidence/tmp", tr->data_dir);
	DIR *top = opendir(top_path);
	if (!top && errno != ENOENT)
		rc = err_set(err, ERR_INTERNAL, "", "cannot read %s: %s", top_path, strerror(errno));
	else if (top && mkdir(tmp_path, 0755) != 0 && errno != EEXIST)
		rc = err_set(err, ERR_INTERNAL, "", "cannot create %s: %s", tmp_path, strerror(errno));
	for (struct dirent *e; rc == ERR_OK && top && (e = readdir(top));)
		if (is_prefix_folder(e->d_name))
			rc = sweep_folder(&sw, e->d_name, err);
	if (top)
		closedir(top);
	if (rc == ERR_OK)
		rc = sweep_temp(&sw, tmp_path, err);
	free(top_path);
	free(tmp_path);
	free(sw.named);
	json_decref(files);
	if (stats->removed > 0) {
		/* Recorded after a failure too: what was removed stays removed. */
		struct err rec_err;
		enum err_code rec = store_evidence_sweep_add(tr->store, min_age, stats->removed, stats->bytes,
							     stats->kept_recent, rc == ERR_OK ? err : &rec_err);
		if (rc == ERR_OK)
			rc = rec;
	}
	return rc;
}
