/*
 * doc_same.h — for the readers' tests (t_pdf, t_docx_tables): the sample
 * files under tests/data/pdf, and one check that two readings of the same
 * document agree on the header fields and the tasks.
 */
#ifndef CCHC_TEST_DOC_SAME_H
#define CCHC_TEST_DOC_SAME_H
#include "base/base.h"
#include "doc/docparse.h"
#include "test.h"

#include <stdlib.h>
#include <sys/stat.h>

/* A sample's bytes (the caller frees), found from the repository root or below it. */
static char *sample(const char *name, size_t *len)
{
	const char *ups[] = {"", "../", "../../", "../../../", "../../../../"};
	for (size_t i = 0; i < ARRAY_LEN(ups); i++) {
		char path[512];
		struct stat st;
		snprintf(path, sizeof(path), "%stests/data/pdf/%s", ups[i], name);
		if (stat(path, &st) == 0)
			return read_file(path, len);
	}
	fprintf(stderr, "  sample %s not found; run from the repository root\n", name);
	return NULL;
}

#define CHECK_SAME_STR(a, b) CHECK_STR((a) ? (a) : "(null)", (b) ? (b) : "(null)")

/*
 * Does the text read from a file parse as the typed text does?  Leads are
 * compared only where want_leads says so (a PDF shows a lead-agency cell
 * spanning two rows once).
 */
static void check_same_document(const char *got_text, size_t got_len, const char *want_name, bool want_leads)
{
	size_t want_len = 0;
	char *want_text = sample(want_name, &want_len);
	struct buf e1 = BUF_INIT, e2 = BUF_INIT;
	struct doc *got = doc_parse(got_text, got_len, &e1);
	struct doc *want = want_text ? doc_parse(want_text, want_len, &e2) : NULL;
	CHECK(got != NULL);
	CHECK(want != NULL);
	if (got && want) {
		CHECK_SAME_STR(got->issuer, want->issuer);
		CHECK_SAME_STR(got->number, want->number);
		CHECK_SAME_STR(got->symbol, want->symbol);
		CHECK_SAME_STR(got->place, want->place);
		CHECK_INT(got->date, want->date);
		CHECK_SAME_STR(got->signer_name, want->signer_name);
		CHECK_INT(got->n_tasks, want->n_tasks);
		for (size_t i = 0; i < got->n_tasks && i < want->n_tasks; i++) {
			CHECK_SAME_STR(got->tasks[i].section, want->tasks[i].section);
			CHECK_SAME_STR(got->tasks[i].text, want->tasks[i].text);
			CHECK_INT(got->tasks[i].deadline, want->tasks[i].deadline);
			if (want_leads || got->tasks[i].lead)
				CHECK_SAME_STR(got->tasks[i].lead, want->tasks[i].lead);
		}
	}
	doc_free(got);
	doc_free(want);
	free(want_text);
	buf_release(&e1);
	buf_release(&e2);
}

#endif
