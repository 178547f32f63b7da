/*
 * t_doc_score.c — how well the parser reads documents it was not written
 * against: the corpus in tests/data/directives (NN-name.txt, each with the
 * NN-name.json written from the document itself) scored for header fields,
 * task recall and precision, assignees and deadlines.  Prints the scores
 * and each miss; fails when a score falls below its floor or a document is
 * refused.
 *
 * An expected task is {"key", "assignees", "deadline"}: it is found when a
 * task's text holds its key (case folded); its assignees must then be the
 * same set as written, its deadline the same day (or both none).
 */
#include "base/base.h"
#include "doc/doc_int.h"
#include "doc/doc_json.h"
#include "test.h"

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
};

static char dir[512];

static bool find_dir(void)
{
	const char *ups[] = {"", "../", "../../", "../../../"};
	struct stat st;
	for (size_t i = 0; i < ARRAY_LEN(ups); i++) {
		snprintf(dir, sizeof(dir), "%stests/data/directives", ups[i]);
		if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
			return true;
	}
	return false;
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

static void score_one(const char *name, struct score *sc)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	size_t len;
	char *text = read_file(path, &len);
	snprintf(path + strlen(path) - 4, 6, ".json");
	json_error_t je;
	json_t *want = json_load_file(path, 0, &je);
	CHECK(text && want);
	if (!text || !want) {
		fprintf(stderr, "  %s: cannot read it or its expected JSON (%s)\n", name, je.text);
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

static void test_corpus(void)
{
	DIR *dh = opendir(dir);
	CHECK(dh != NULL);
	if (!dh)
		return;
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(dh))) {
		size_t l = strlen(e->d_name);
		if (l > 4 && strcmp(e->d_name + l - 4, ".txt") == 0) {
			names = xrealloc(names, (n + 1) * sizeof(*names));
			names[n++] = xstrdup(e->d_name);
		}
	}
	closedir(dh);
	qsort(names, n, sizeof(*names), cmp_names);
	struct score sc = {0};
	for (size_t i = 0; i < n; i++) {
		score_one(names[i], &sc);
		free(names[i]);
	}
	free(names);
	double header = ratio(sc.header_ok, sc.header_n), recall = ratio(sc.found, sc.want_tasks),
	       precision = ratio(sc.found, sc.got_tasks), assignees = ratio(sc.assignees_ok, sc.found),
	       deadlines = ratio(sc.deadlines_ok, sc.found);
	printf("corpus: %zu documents, %zu refused; header %.1f%%, tasks recall %.1f%% precision %.1f%% "
	       "(%zu of %zu found, %zu read), assignees %.1f%%, deadlines %.1f%%\n",
	       sc.docs, sc.refused, 100 * header, 100 * recall, 100 * precision, sc.found, sc.want_tasks,
	       sc.got_tasks, 100 * assignees, 100 * deadlines);
	CHECK(sc.docs >= 20);
	CHECK_INT(sc.refused, 0);
	CHECK(header >= FLOOR_HEADER);
	CHECK(recall >= FLOOR_RECALL);
	CHECK(precision >= FLOOR_PRECISION);
	CHECK(assignees >= FLOOR_ASSIGNEES);
	CHECK(deadlines >= FLOOR_DEADLINES);
}

int main(void)
{
	if (!find_dir()) {
		fprintf(stderr, "t_doc_score: tests/data/directives not found; run from the repository root\n");
		printf("0 passed, 1 failed\n");
		return 1;
	}
	RUN(test_corpus);
	return test_summary();
}
