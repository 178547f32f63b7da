/*
 * evidence.h — evidence files, stored once by content.
 *
 * An upload streams into a temporary file while its SHA-256 is computed;
 * on success it is renamed to DATA_DIR/evidence/ab/abcdef... (the hash),
 * so the same file sent twice is kept once and a stored file can never be
 * changed under its name.  The type is decided from the bytes, not from
 * what the client claims: PDF, PNG, JPEG, OOXML/ODF documents and plain
 * UTF-8 text are accepted.
 */
#ifndef CCHC_EVIDENCE_H
#define CCHC_EVIDENCE_H
#include <sodium.h>
#include <stddef.h>
#include <stdint.h>

#include "base/base.h"
#include "base/err.h"
#include "store/rows.h"

struct evidence_upload {
	int fd;
	char *tmp_path;		/* owned */
	crypto_hash_sha256_state hash;
	size_t size, max;
	unsigned char head[8];
	int text_ok;		/* 1 while every byte so far can be UTF-8 text */
};

/* Starts an upload; max is the largest size accepted in bytes. */
enum err_code evidence_begin(struct evidence_upload *up, const char *data_dir, size_t max, struct err *err);
/* ERR_TOO_LARGE once more than max bytes arrive. */
enum err_code evidence_write(struct evidence_upload *up, const void *data, size_t len, struct err *err);
/* Checks the type, moves the file into place and fills ev (ev->filename is
 * set to filename, which the caller keeps alive).  ERR_UNSUPPORTED for a
 * type not accepted, ERR_INVALID for an empty file. */
enum err_code evidence_finish(struct evidence_upload *up, const char *data_dir, const char *filename,
			      struct evidence_new *ev, struct err *err);
/* Drops an unfinished upload (safe after finish too). */
void evidence_abort(struct evidence_upload *up);

/* The path of a stored file, or NULL if sha256 is not 64 lower-case hex
 * digits.  Caller frees. */
char *evidence_path(const char *data_dir, const char *sha256);

/* Whether filename's extension names the type found in the bytes (.pdf
 * for a PDF, .png, .jpg/.jpeg, .txt; the office types were chosen by it):
 * for a document whose name must say what it is. */
int evidence_name_fits(const char *filename, const char *mime);

/*
 * The sweep (evidence_sweep.c).  A file is stored before the transaction
 * that records it, so a submission refused after its upload (a validation
 * error, a duplicate, a throttled sender) leaves a file that no row names.
 * The sweep removes such files once their last change is at least min_age
 * seconds old: an upload in flight (stored, not yet committed) is younger,
 * and so is a file that a new upload of the same bytes has just replaced.
 * It also removes the temporary files a process that died left behind,
 * once as old.
 */
#define EVIDENCE_SWEEP_MIN_AGE 86400	/* the default grace period: a day */

struct evidence_sweep_stats {
	int64_t removed;	/* files removed, temporary ones included */
	int64_t bytes;		/* their bytes */
	int64_t kept_recent;	/* files no row names, kept as younger than min_age */
};

struct tracker;
/*
 * Sweeps tr's evidence folder; when it removes anything, records the sweep
 * (and so an audit record under tr's principal).  Files whose names are
 * neither a SHA-256 in their own folder nor a temporary file's are left
 * alone.  An error stops the sweep; *stats then holds what was done before
 * it.
 */
enum err_code evidence_sweep(struct tracker *tr, int64_t min_age, struct evidence_sweep_stats *stats,
			     struct err *err);

#endif
