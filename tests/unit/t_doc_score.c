/*
 * t_doc_score.c — how well the parser reads real-world shaped documents,
 * scored for header fields, task recall and precision, assignees and
 * deadlines.  Each document (NAME.txt, NAME.docx or NAME.pdf) has a
 * NAME.json written from the document itself before the parser was run.
 *
 * Two kinds of set:
 * - the training corpus, tests/data/directives: the parser was tuned on it,
 *   so its scores only guard against regressions; the test fails when one
 *   falls below its floor or a document is refused;
 * - the held-out batches, each folder under tests/data/directives-heldout:
 *   written after the parser and never tuned on, they measure how it reads
 *   documents it has never seen.  Their figures are printed, not enforced,
 *   so that nobody is tempted to make them pass.
 *
 * An expected task is {"key", "assignees", "deadline"}: it is found when a
 * task's text holds its key (case folded); its assignees must then be the
 * same set as written, its deadline the same day (or both none).  Where
 * the expectation also gives "cooperating", that set is scored too.
 */
#include "base/base.h"
#include "doc/doc_int.h"
#include "doc/doc_json.h"
#include "test.h"

#include "doc/docx.h"
#include "doc/pdf.h"

#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>

/* Floors: what the parser reaches today, so that a change that reads worse fails. */
#define FLOOR_HEADER 0.99
#define FLOOR_RECALL 0.99
#define FLOOR_PRECISION 0.99
#define FLOOR_ASSIGNEES 0.99
#define FLOOR_DEADLINES 0.99

struct score {
	size_t docs, refused;
	size_t header_ok, header_n;
	size_t want_tasks, got_tasks, found;
	size_t assignees_ok, deadlines_ok;
	size_t coop_n, coop_ok;	/* found tasks whose expectation gives "cooperating" */
};

/* The repository root as seen from here ("", "../", ...). */
static const char *root;

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool find_root(void)
{
	static const char *const ups[] = {"", "../", "../../", "../../../"};
	char path[512];
	for (size_t i = 0; i < ARRAY_LEN(ups); i++) {
		snprintf(path, sizeof(path), "%stests/data/directives", ups[i]);
		if (is_dir(path)) {
			root = ups[i];
			return true;
		}
	}
	return false;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t l = strlen(s), k = strlen(suffix);
	return l > k && strcmp(s + l - k, suffix) == 0;
}

static bool is_document(const char *name)
{
	return ends_with(name, ".txt") || ends_with(name, ".docx") || ends_with(name, ".pdf");
}

/* The text of a document file as the parser reads it: a .docx or a .pdf goes
 * through its extractor, as `cchc parse` does.  NULL with the reason in why. */
static char *document_text(const char *path, size_t *len, struct err *why)
{
	size_t raw_len;
	char *raw = read_file(path, &raw_len);
	if (!raw) {
		err_set(why, ERR_NOT_FOUND, "file", "cannot read it");
		return NULL;
	}
	if (!ends_with(path, ".docx") && !ends_with(path, ".pdf")) {
		*len = raw_len;
		return raw;
	}
	char *text = NULL;
	enum err_code rc = ends_with(path, ".docx") ? docx_text(raw, raw_len, DOCX_MAX_XML, &text, len, why)
						    : pdf_text(raw, raw_len, PDF_MAX_PAGES, &text, len, why);
	free(raw);
	return rc == ERR_OK ? text : NULL;
}

/* Case-folded, spaces collapsed; "" for null. */
static char *fold(json_t *v)
{
	const char *s = json_string_value(v);
	if (!s)
		return xstrdup(json_is_null(v) || !v ? "" : "?");
	char *c = doc_clean(s, strlen(s));
	char *lc = doc_lower_dup(c, strlen(c));
	free(c);
	return lc;
}

static bool same(json_t *a, json_t *b)
{
	char *x = fold(a), *y = fold(b);
	bool eq = strcmp(x, y) == 0;
	free(x);
	free(y);
	return eq;
}

static bool same_set(json_t *got, json_t *want)
{
	if (json_array_size(got) != json_array_size(want))
		return false;
	for (size_t i = 0; i < json_array_size(want); i++) {
		bool hit = false;
		for (size_t k = 0; k < json_array_size(got) && !hit; k++)
			hit = same(json_array_get(got, k), json_array_get(want, i));
		if (!hit)
			return false;
	}
	return true;
}

static void score_header(const char *name, json_t *got, json_t *want, struct score *sc)
{
	static const char *const fields[] = {"issuer", "number", "symbol", "type", "place", "date"};
	for (size_t i = 0; i < ARRAY_LEN(fields); i++) {
		json_t *g = got ? json_object_get(got, fields[i]) : NULL, *w = json_object_get(want, fields[i]);
		sc->header_n++;
		if (got && same(g, w)) {
			sc->header_ok++;
			continue;
		}
		char *gs = g ? json_dumps(g, JSON_ENCODE_ANY) : xstrdup("-"), *ws = json_dumps(w, JSON_ENCODE_ANY);
		fprintf(stderr, "  %s: %s is %s, want %s\n", name, fields[i], gs, ws);
		free(gs);
		free(ws);
	}
}

static void score_tasks(const char *name, json_t *got, json_t *want, struct score *sc)
{
	size_t ng = json_array_size(got), nw = json_array_size(want);
	bool *used = xcalloc(ng + 1, 1);
	sc->want_tasks += nw;
	sc->got_tasks += ng;
	for (size_t i = 0; i < nw; i++) {
		json_t *w = json_array_get(want, i);
		char *key = fold(json_object_get(w, "key"));
		size_t k = 0;
		for (; k < ng; k++) {
			char *text = fold(json_object_get(json_array_get(got, k), "text"));
			bool hit = !used[k] && strstr(text, key);
			free(text);
			if (hit)
				break;
		}
		if (k == ng) {
			fprintf(stderr, "  %s: task \"%s\" not found\n", name, key);
			free(key);
			continue;
		}
		used[k] = true;
		sc->found++;
		json_t *g = json_array_get(got, k);
		if (same_set(json_object_get(g, "assignees"), json_object_get(w, "assignees"))) {
			sc->assignees_ok++;
		} else {
			char *gs = json_dumps(json_object_get(g, "assignees"), 0);
			fprintf(stderr, "  %s: task \"%s\" assignees %s\n", name, key, gs);
			free(gs);
		}
		json_t *coop = json_object_get(w, "cooperating");
		if (coop) {
			sc->coop_n++;
			if (same_set(json_object_get(g, "cooperating"), coop)) {
				sc->coop_ok++;
			} else {
				char *gs = json_dumps(json_object_get(g, "cooperating"), 0);
				fprintf(stderr, "  %s: task \"%s\" cooperating %s\n", name, key, gs);
				free(gs);
			}
		}
		if (same(json_object_get(g, "deadline"), json_object_get(w, "deadline")))
			sc->deadlines_ok++;
		else
			fprintf(stderr, "  %s: task \"%s\" deadline %s\n", name, key,
				json_string_value(json_object_get(g, "deadline")) ? json_string_value(json_object_get(g, "deadline"))
										   : "null");
		free(key);
	}
	for (size_t k = 0; k < ng; k++)
		if (!used[k])
			fprintf(stderr, "  %s: extra task \"%.70s\"\n", name,
				json_string_value(json_object_get(json_array_get(got, k), "text")));
	free(used);
}

static void score_one(const char *dir, const char *name, struct score *sc)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	size_t len = 0;
	struct err why = {0};
	char *text = document_text(path, &len, &why);
	*strrchr(path, '.') = '\0';
	strcat(path, ".json");
	json_error_t je = {0};
	json_t *want = json_load_file(path, 0, &je);
	CHECK(text && want);
	if (!text || !want) {
		fprintf(stderr, "  %s: cannot read it (%s) or its expected JSON (%s)\n", name, why.message, je.text);
		goto out;
	}
	struct buf err = BUF_INIT;
	struct doc *d = doc_parse(text, len, &err);
	json_t *got = d ? doc_to_json(d) : NULL;
	sc->docs++;
	if (!d) {
		sc->refused++;
		fprintf(stderr, "  %s: refused: %s\n", name, buf_str(&err));
	}
	score_header(name, got, json_object_get(want, "header"), sc);
	score_tasks(name, got ? json_object_get(got, "tasks") : NULL, json_object_get(want, "tasks"), sc);
	json_decref(got);
	doc_free(d);
	buf_release(&err);
out:
	json_decref(want);
	free(text);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static double ratio(size_t a, size_t b)
{
	return b ? (double)a / (double)b : 1.0;
}

/* Scores every document in dir; prints one line of figures under label. */
static struct score score_set(const char *dir, const char *label)
{
	struct score sc = {0};
	DIR *dh = opendir(dir);
	CHECK(dh != NULL);
	if (!dh)
		return sc;
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(dh))) {
		if (is_document(e->d_name)) {
			names = xrealloc(names, (n + 1) * sizeof(*names));
			names[n++] = xstrdup(e->d_name);
		}
	}
	closedir(dh);
	qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n; i++) {
		score_one(dir, names[i], &sc);
		free(names[i]);
	}
	free(names);
	printf("%s: %zu documents, %zu refused; header %.1f%%, tasks recall %.1f%% precision %.1f%% "
	       "(%zu of %zu found, %zu read), assignees %.1f%%, deadlines %.1f%%",
	       label, sc.docs, sc.refused, 100 * ratio(sc.header_ok, sc.header_n), 100 * ratio(sc.found, sc.want_tasks),
	       100 * ratio(sc.found, sc.got_tasks), sc.found, sc.want_tasks, sc.got_tasks,
	       100 * ratio(sc.assignees_ok, sc.found), 100 * ratio(sc.deadlines_ok, sc.found));
	if (sc.coop_n)
		printf(", cooperating %.1f%% (of %zu)", 100 * ratio(sc.coop_ok, sc.coop_n), sc.coop_n);
	printf("\n");
	return sc;
}

static void test_training_corpus(void)
{
	char dir[512];
	snprintf(dir, sizeof(dir), "%stests/data/directives", root);
	struct score sc = score_set(dir, "training corpus");
	CHECK(sc.docs >= 20);
	CHECK_INT(sc.refused, 0);
	CHECK(ratio(sc.header_ok, sc.header_n) >= FLOOR_HEADER);
	CHECK(ratio(sc.found, sc.want_tasks) >= FLOOR_RECALL);
	CHECK(ratio(sc.found, sc.got_tasks) >= FLOOR_PRECISION);
	CHECK(ratio(sc.assignees_ok, sc.found) >= FLOOR_ASSIGNEES);
	CHECK(ratio(sc.deadlines_ok, sc.found) >= FLOOR_DEADLINES);
}

/* Each batch is printed on its own; only that each could be read is checked. */
static void test_heldout_batches(void)
{
	char top[512];
	snprintf(top, sizeof(top), "%stests/data/directives-heldout", root);
	DIR *dh = opendir(top);
	CHECK(dh != NULL);
	if (!dh)
		return;
	char **batches = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(dh))) {
		char path[1024];
		snprintf(path, sizeof(path), "%s/%s", top, e->d_name);
		if (e->d_name[0] != '.' && is_dir(path)) {
			batches = xrealloc(batches, (n + 1) * sizeof(*batches));
			batches[n++] = xstrdup(e->d_name);
		}
	}
	closedir(dh);
	qsort(batches, n, sizeof(*batches), cmp_names);
	CHECK(n >= 1);
	for (size_t i = 0; i < n; i++) {
		char path[1024], label[128];
		snprintf(path, sizeof(path), "%s/%s", top, batches[i]);
		snprintf(label, sizeof(label), "held-out batch %s", batches[i]);
		struct score sc = score_set(path, label);
		CHECK(sc.docs >= 5);
		free(batches[i]);
	}
	free(batches);
}

int main(void)
{
	if (!find_root()) {
		fprintf(stderr, "t_doc_score: tests/data/directives not found; run from the repository root\n");
		printf("0 passed, 1 failed\n");
		return 1;
	}
	RUN(test_training_corpus);
	RUN(test_heldout_batches);
	return test_summary();
}
