/* t_backup.c — the manifest of a backup archive: what it accepts and why it refuses. */
#include "base/base.h"
#include "domain/backup.h"
#include "test.h"

#include <string.h>

#define SHA_A "ce5bf77d92624c4eb2d2bb1165672ce494b349b23d4059fb1b787080006e170a"
#define SHA_DB "02a8185f918f84b01b6b2a119e49771a9d2a1643af9d6712f2eaccf1272fb238"
#define HEAD "{\"format\": \"cchc-backup\", \"version\": 1, \"schema\": 11, " \
	"\"counts\": {\"reports\": 2, \"evidence\": 1, \"audit_records\": 5}, "
#define DB "{\"path\": \"cchc.db\", \"sha256\": \"" SHA_DB "\", \"size\": 10}"
#define EV "{\"path\": \"evidence/ce/" SHA_A "\", \"sha256\": \"" SHA_A "\", \"size\": 3}"

static enum err_code parse(const char *text, struct backup_manifest *m, struct err *err)
{
	return backup_manifest_parse(text, strlen(text), m, err);
}

static void test_good(void)
{
	struct backup_manifest m;
	struct err err;
	CHECK_INT(parse(HEAD "\"files\": [" EV ", " DB "]}", &m, &err), ERR_OK);
	CHECK_INT(m.nfiles, 2);
	CHECK_INT(m.schema, 11);
	CHECK_INT(m.reports, 2);
	CHECK_INT(m.audit_records, 5);
	/* Sorted by path, for the lookups of a restore. */
	CHECK_STR(m.files[0].path, "cchc.db");
	CHECK_INT(m.files[0].size, 10);
	CHECK_STR(m.files[1].sha256, SHA_A);
	backup_manifest_release(&m);
}

static void refused(const char *text, const char *why)
{
	struct backup_manifest m;
	struct err err = {0};
	CHECK_INT(parse(text, &m, &err), ERR_INVALID);
	if (!strstr(err.message, why))
		fprintf(stderr, "  message '%s' lacks '%s'\n", err.message, why);
	CHECK(strstr(err.message, why) != NULL);
	CHECK(m.files == NULL);
}

static void test_refused(void)
{
	refused("", "not JSON");
	refused("{\"format\": \"zip\", \"version\": 1}", "not a cchc-backup manifest");
	refused("{\"format\": \"cchc-backup\", \"version\": 2}", "version 1");
	refused(HEAD "\"files\": {}}", "lacks its schema, counts or files");
	refused("{\"format\": \"cchc-backup\", \"version\": 1, \"schema\": 11, \"counts\": {\"reports\": -1, "
		"\"evidence\": 0, \"audit_records\": 0}, \"files\": [" DB "]}", "lacks its schema");
	refused(HEAD "\"files\": [" EV "]}", "no database");
	refused(HEAD "\"files\": [" DB ", " DB "]}", "names cchc.db twice");
	refused(HEAD "\"files\": [" DB ", {\"path\": \"../etc/passwd\", \"sha256\": \"" SHA_A "\", \"size\": 1}]}",
		"neither the database nor an evidence file");
	/* Evidence must sit under its own hash and in its own folder. */
	refused(HEAD "\"files\": [" DB ", {\"path\": \"evidence/ce/" SHA_A "\", \"sha256\": \"" SHA_DB "\", \"size\": 1}]}",
		"under its own hash");
	refused(HEAD "\"files\": [" DB ", {\"path\": \"evidence/00/" SHA_A "\", \"sha256\": \"" SHA_A "\", \"size\": 1}]}",
		"under its own hash");
	refused(HEAD "\"files\": [{\"path\": \"cchc.db\", \"sha256\": \"XYZ\", \"size\": 1}]}", "64 hex digits");
	refused(HEAD "\"files\": [{\"path\": \"cchc.db\", \"sha256\": \"" SHA_DB "\", \"size\": \"1\"}]}", "a size");
	refused(HEAD "\"schema\": 12, \"files\": [" DB "]}", "not JSON");	/* a duplicate key */
}

int main(void)
{
	RUN(test_good);
	RUN(test_refused);
	return test_summary();
}
