/*
 * fuzz_manifest — a backup archive's manifest, read by `cchc restore` from
 * a file that may be damaged or made by anyone: whatever it holds, the
 * parser answers ERR_OK or ERR_INVALID, and every path it accepts stays
 * inside the restore's target (the database, or evidence under its hash).
 */
#include "base/base.h"
#include "domain/backup.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct backup_manifest m;
	struct err err;
	enum err_code rc = backup_manifest_parse((const char *)data, size, &m, &err);
	if (rc != ERR_OK && rc != ERR_INVALID)
		abort();
	for (size_t i = 0; rc == ERR_OK && i < m.nfiles; i++)
		if (strstr(m.files[i].path, "..") || m.files[i].path[0] == '/')
			abort();
	backup_manifest_release(&m);
	return 0;
}
