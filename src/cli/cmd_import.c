/* cmd_import.c — `cchc import FILE [--db PATH] [--confirm]`: draft the tasks
 * of a directive document (.txt, .docx or PDF) and, if asked and nothing is in
 * doubt, confirm them into the tracker at once. */
#include "base/base.h"
#include "base/progress.h"
#include "cli/cli.h"
#include "doc/docx.h"
#include "doc/pdf.h"
#include "domain/docimport.h"
#include "domain/tracker.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Prints j indented; returns 0 or 1 on an output error. */
static int print_json(json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (!s)
		return 1;
	printf("%s\n", s);
	free(s);
	return fflush(stdout) == 0 ? 0 : 1;
}

int cmd_import(int argc, char **argv)
{
	const char *db = "data/cchc.db", *path = NULL, *v = NULL;
	int confirm = 0, rc = 1;
	for (int i = 0; i < argc; i++) {
		int r = cli_opt(argc, argv, &i, "--db", &v);
		if (r < 0)
			return cli_usage("import");
		if (r) {
			db = v;
			continue;
		}
		if (strcmp(argv[i], "--confirm") == 0) {
			confirm = 1;
			continue;
		}
		if (argv[i][0] == '-' || path)
			return cli_usage("import");
		path = argv[i];
	}
	if (!path)
		return cli_usage("import");
	/* Its steps: read, draft (the file read to its text and parsed) and, if
	 * asked, confirm; on stderr, as stdout carries the draft. */
	struct progress pr;
	progress_start(&pr, stderr, "import", confirm ? 3 : 2, 0);
	size_t len = 0;
	char *data = read_file(path, &len);
	if (!data) {
		fprintf(stderr, "cchc import: cannot read %s: %s\n", path, strerror(errno ? errno : EIO));
		return 1;
	}
	/* The bytes decide, not the name: a .docx is a zip, a PDF says so. */
	const char *kind = docx_looks_like_zip(data, len) ? "docx" : pdf_looks_like_pdf(data, len) ? "pdf" : "txt";
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	struct err err = {0};
	struct tracker *tr = NULL;
	json_t *draft = NULL, *doc = NULL;
	progress_add(&pr, 1);
	if (!(tr = cli_tracker("import", db, true)))
		goto cleanup;
	if (docimport_create(tr, data, len, kind, base, &draft, &err) != ERR_OK) {
		progress_abort(&pr);
		fprintf(stderr, "cchc import: %s: %s\n", path, err.message);
		goto cleanup;
	}
	progress_add(&pr, 1);
	if (!confirm) {
		progress_finish(&pr);
		json_object_del(draft, "parsed");
		json_object_del(draft, "text");
		rc = print_json(draft);
		goto cleanup;
	}
	int64_t id = json_integer_value(json_object_get(draft, "id"));
	if (docimport_confirm(tr, id, &doc, &err) != ERR_OK) {
		progress_abort(&pr);
		json_object_del(draft, "parsed");
		json_object_del(draft, "text");
		print_json(draft);
		fprintf(stderr, "cchc import: draft %lld needs review before it can be confirmed: %s%s%s\n",
			(long long)id, err.field, err.field[0] ? ": " : "", err.message);
		goto cleanup;
	}
	progress_finish(&pr);
	json_object_del(doc, "body");
	rc = print_json(doc);
cleanup:
	json_decref(draft);
	json_decref(doc);
	tracker_close(tr);
	free(data);
	return rc;
}
