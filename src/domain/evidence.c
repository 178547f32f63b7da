#include "base/base.h"
#include "base/vitext.h"
#include "domain/evidence.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static enum err_code make_dir(const char *path, struct err *err)
{
	if (mkdir(path, 0755) != 0 && errno != EEXIST)
		return err_set(err, ERR_INTERNAL, "", "cannot create %s: %s", path, strerror(errno));
	return ERR_OK;
}

enum err_code evidence_begin(struct evidence_upload *up, const char *data_dir, size_t max, struct err *err)
{
	memset(up, 0, sizeof *up);
	up->fd = -1;
	up->max = max;
	up->text_ok = 1;
	crypto_hash_sha256_init(&up->hash);
	char *dir = xasprintf("%s/evidence", data_dir);
	char *tmp = xasprintf("%s/evidence/tmp", data_dir);
	enum err_code rc = make_dir(data_dir, err);
	if (rc == ERR_OK)
		rc = make_dir(dir, err);
	if (rc == ERR_OK)
		rc = make_dir(tmp, err);
	if (rc == ERR_OK) {
		up->tmp_path = xasprintf("%s/upload-XXXXXX", tmp);
		up->fd = mkstemp(up->tmp_path);
		if (up->fd < 0)
			rc = err_set(err, ERR_INTERNAL, "", "cannot create an upload file: %s", strerror(errno));
	}
	free(dir);
	free(tmp);
	return rc;
}

enum err_code evidence_write(struct evidence_upload *up, const void *data, size_t len, struct err *err)
{
	if (up->size + len > up->max)
		return err_set(err, ERR_TOO_LARGE, "evidence", "an evidence file may hold at most %zu bytes",
			       up->max);
	if (up->size < sizeof up->head) {
		size_t n = sizeof up->head - up->size < len ? sizeof up->head - up->size : len;
		memcpy(up->head + up->size, data, n);
	}
	const unsigned char *p = data;
	for (size_t i = 0; i < len && up->text_ok; i++)
		if (p[i] == 0 || (p[i] < 0x20 && p[i] != '\n' && p[i] != '\r' && p[i] != '\t'))
			up->text_ok = 0;
	crypto_hash_sha256_update(&up->hash, data, len);
	for (size_t done = 0; done < len;) {
		ssize_t w = write(up->fd, p + done, len - done);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return err_set(err, ERR_INTERNAL, "", "cannot write an upload: %s", strerror(errno));
		}
		done += (size_t)w;
	}
	up->size += len;
	return ERR_OK;
}

static int has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), k = strlen(suffix);
	return n >= k && strcasecmp(name + n - k, suffix) == 0;
}

/* The MIME type of an accepted file, or NULL. */
static const char *sniff(const struct evidence_upload *up, const char *filename, const char *path)
{
	const unsigned char *h = up->head;
	if (up->size >= 5 && memcmp(h, "%PDF-", 5) == 0)
		return "application/pdf";
	if (up->size >= 8 && memcmp(h, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (up->size >= 3 && memcmp(h, "\xff\xd8\xff", 3) == 0)
		return "image/jpeg";
	if (up->size >= 4 && memcmp(h, "PK\x03\x04", 4) == 0) {
		if (has_suffix(filename, ".docx"))
			return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
		if (has_suffix(filename, ".xlsx"))
			return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		if (has_suffix(filename, ".odt"))
			return "application/vnd.oasis.opendocument.text";
		if (has_suffix(filename, ".ods"))
			return "application/vnd.oasis.opendocument.spreadsheet";
		return NULL;
	}
	if (up->text_ok && up->size > 0) {
		/* Text must also be valid UTF-8 as a whole. */
		size_t len = 0;
		char *all = read_file(path, &len);
		int ok = all && vi_valid_utf8(all, len);
		free(all);
		return ok ? "text/plain; charset=utf-8" : NULL;
	}
	return NULL;
}

enum err_code evidence_finish(struct evidence_upload *up, const char *data_dir, const char *filename,
			      struct evidence_new *ev, struct err *err)
{
	if (up->size == 0)
		return err_set(err, ERR_INVALID, "evidence", "the evidence file '%s' is empty", filename);
	if (fsync(up->fd) != 0 || close(up->fd) != 0) {
		up->fd = -1;
		return err_set(err, ERR_INTERNAL, "", "cannot save an upload: %s", strerror(errno));
	}
	up->fd = -1;
	const char *mime = sniff(up, filename, up->tmp_path);
	if (!mime)
		return err_set(err, ERR_UNSUPPORTED, "evidence",
			       "'%s' is not an accepted evidence type (PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS, UTF-8 text)",
			       filename);
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&up->hash, digest);
	sodium_bin2hex(ev->sha256, sizeof ev->sha256, digest, sizeof digest);
	char *dir = xasprintf("%s/evidence/%.2s", data_dir, ev->sha256);
	char *path = xasprintf("%s/%s", dir, ev->sha256);
	enum err_code rc = make_dir(dir, err);
	if (rc == ERR_OK && rename(up->tmp_path, path) != 0)
		rc = err_set(err, ERR_INTERNAL, "", "cannot store evidence: %s", strerror(errno));
	if (rc == ERR_OK) {
		/* Make the rename itself durable before the report refers to it. */
		int dfd = open(dir, O_RDONLY | O_DIRECTORY);
		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
		ev->filename = filename;
		ev->mime = mime;
		ev->size = (int64_t)up->size;
	}
	free(dir);
	free(path);
	return rc;
}

void evidence_abort(struct evidence_upload *up)
{
	if (up->fd >= 0)
		close(up->fd);
	up->fd = -1;
	if (up->tmp_path)
		unlink(up->tmp_path);	/* after finish the name is gone already */
	free(up->tmp_path);
	up->tmp_path = NULL;
}

char *evidence_path(const char *data_dir, const char *sha256)
{
	if (strlen(sha256) != 64)
		return NULL;
	for (const char *p = sha256; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return NULL;
	return xasprintf("%s/evidence/%.2s/%s", data_dir, sha256, sha256);
}

int evidence_name_fits(const char *filename, const char *mime)
{
	static const struct {
		const char *mime, *suffix;
	} names[] = {{"application/pdf", ".pdf"}, {"image/png", ".png"}, {"image/jpeg", ".jpg"},
		{"image/jpeg", ".jpeg"}, {"text/plain; charset=utf-8", ".txt"}};
	int known = 0;
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		if (strcmp(names[i].mime, mime) != 0)
			continue;
		known = 1;
		if (has_suffix(filename, names[i].suffix))
			return 1;
	}
	return !known;	/* the office types were told apart by their names already */
}
