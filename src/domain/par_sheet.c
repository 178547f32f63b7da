/*
 * par_sheet.c — a criteria set's spreadsheet rows to its JSON form, and
 * the texts the export writes.  Validation of the set itself (points
 * adding up, rules, the tree) stays in par.c: this file only reads the
 * layout and names the sheet row of whatever it cannot read.
 */
#include "base/base.h"
#include "base/vitext.h"
#include "domain/par_sheet.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum col { C_STT, C_NAME, C_MAX, C_SELF, C_APPRAISED, C_NOTE, C_CODE, C_RULE, C_STEPS, C_EVIDENCE, C_PART, C_SOURCE, NCOL };

/* Folded header texts, in the order they are tried: the first match wins. */
static const struct {
	const char *key;
	bool exact;
	enum col col;
} HEADS[] = {
	{"stt", true, C_STT},		   {"ma", true, C_CODE},	       {"diem toi da", false, C_MAX},
	{"tu danh gia", false, C_SELF},	   {"tham dinh", false, C_APPRAISED},   {"ghi chu", false, C_NOTE},
	{"cach cham", false, C_RULE},	   {"muc diem", false, C_STEPS},	       {"tai lieu", false, C_EVIDENCE},
	{"phan cham", false, C_PART},	   {"linh vuc", false, C_NAME},	       {"tieu chi", false, C_NAME},
	{"noi dung", false, C_NAME},	   {"nguon so lieu", false, C_SOURCE},
};

const char *par_sheet_kind_name(const char *kind)
{
	return kind && strcmp(kind, "commune") == 0 ? "Xã, phường" : "Sở, ban, ngành";
}

const char *par_sheet_part_name(const char *scored_by)
{
	if (scored_by && strcmp(scored_by, "appraisal") == 0)
		return "Thẩm định";
	if (scored_by && strcmp(scored_by, "survey") == 0)
		return "Điều tra xã hội học";
	return "Tự đánh giá";
}

static const char *cell(json_t *row, int col)
{
	const char *s = col >= 0 ? json_string_value(json_array_get(row, (size_t)col)) : NULL;
	return s ? s : "";
}

/* s without surrounding blanks (a new string). */
static char *trimmed(const char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

/* The folded form of s without blanks around it or a trailing ':' (new). */
char *par_sheet_fold(const char *s)
{
	char *f = vi_fold(s), *t = trimmed(f);
	size_t n = strlen(t);
	while (n && (t[n - 1] == ':' || isspace((unsigned char)t[n - 1])))
		t[--n] = 0;
	free(f);
	return t;
}

/* A number as a sheet writes it: "1.5", "1,5", " 2 "; false if not one. */
bool par_sheet_number(const char *s, double *out)
{
	char *t = trimmed(s), *end = NULL;
	for (char *p = t; *p; p++)
		if (*p == ',')
			*p = '.';
	*out = strtod(t, &end);
	bool ok = *t && end && !*end && isfinite(*out);
	free(t);
	return ok;
}

/* Which column each header is in; false if row r is not a header. */
static bool header_cols(json_t *row, int cols[NCOL])
{
	for (int c = 0; c < NCOL; c++)
		cols[c] = -1;
	for (size_t i = 0; i < json_array_size(row); i++) {
		char *f = par_sheet_fold(cell(row, (int)i));
		for (size_t h = 0; h < ARRAY_LEN(HEADS); h++)
			if (HEADS[h].exact ? strcmp(f, HEADS[h].key) == 0 : strstr(f, HEADS[h].key) != NULL) {
				if (cols[HEADS[h].col] < 0)
					cols[HEADS[h].col] = (int)i;
				break;
			}
		free(f);
	}
	return cols[C_STT] >= 0 && cols[C_NAME] >= 0 && cols[C_MAX] >= 0;
}

/* Row r (and r+1 when the header spans two rows) as one header; the
 * first data row goes to *data.  Returns false if no header is found. */
static bool find_header(json_t *rows, int cols[NCOL], size_t *data)
{
	for (size_t r = 0; r < json_array_size(rows); r++) {
		json_t *row = json_array_get(rows, r), *next = json_array_get(rows, r + 1);
		if (header_cols(row, cols)) {
			*data = r + 1;
			return true;
		}
		json_t *joined = json_array();
		size_t n = json_array_size(row) > json_array_size(next) ? json_array_size(row) : json_array_size(next);
		for (size_t c = 0; next && c < n; c++) {
			char *s = xasprintf("%s %s", cell(row, (int)c), cell(next, (int)c));
			json_array_append_new(joined, json_string(s));
			free(s);
		}
		bool ok = next && header_cols(joined, cols);
		json_decref(joined);
		if (ok) {
			*data = r + 2;
			return true;
		}
	}
	return false;
}

/* The label rows above the header into set (year, kind, example, note,
 * bands, and the first other text as the name). */
static enum err_code read_labels(json_t *rows, size_t upto, json_t *set, struct err *err)
{
	for (size_t r = 0; r < upto; r++) {
		json_t *row = json_array_get(rows, r);
		const char *a = cell(row, 0), *colon = strchr(a, ':');
		char *label = colon ? xstrndup(a, (size_t)(colon - a)) : xstrdup(a);
		char *key = par_sheet_fold(label);
		char *value = trimmed(colon && colon[1] ? colon + 1 : cell(row, 1));
		char *fv = par_sheet_fold(value);
		double year;
		enum err_code rc = ERR_OK;
		if (strcmp(key, "nam") == 0) {
			if (!par_sheet_number(value, &year) || year != floor(year))
				rc = err_set(err, ERR_INVALID, "year", "row %zu: the year '%s' is not a number", r + 1, value);
			else
				json_object_set_new(set, "year", json_integer((json_int_t)year));
		} else if (strcmp(key, "doi tuong") == 0) {
			bool commune = strstr(fv, "xa") || strstr(fv, "phuong") || strstr(fv, "commune");
			json_object_set_new(set, "kind", json_string(commune ? "commune" : "department"));
		} else if (strcmp(key, "vi du") == 0) {
			json_object_set_new(set, "example", json_boolean(strcmp(fv, "co") == 0 || strcmp(fv, "x") == 0 ||
								      strcmp(fv, "true") == 0));
		} else if (strcmp(key, "ghi chu") == 0) {
			json_object_set_new(set, "note", json_string(value));
		} else if (strcmp(key, "xep loai") == 0) {
			json_t *bands = json_array();
			char *save = NULL, *copy = xstrdup(value);
			for (char *b = strtok_r(copy, ";\n", &save); b; b = strtok_r(NULL, ";\n", &save)) {
				char *ge = strstr(b, "≥"), *name;
				double min;
				if (!ge || !par_sheet_number(ge + strlen("≥"), &min)) {
					rc = err_set(err, ERR_INVALID, "bands", "row %zu: a band is 'name ≥ min', not '%s'", r + 1, b);
					break;
				}
				char *raw = xstrndup(b, (size_t)(ge - b));
				name = trimmed(raw);
				json_array_append_new(bands, json_pack("{s:s, s:f}", "name", name, "min", min));
				free(name);
				free(raw);
			}
			free(copy);
			json_object_set_new(set, "bands", bands);
		} else if (*a && !json_object_get(set, "name")) {
			char *name = trimmed(a);
			json_object_set_new(set, "name", json_string(name));
			free(name);
		}
		free(label);
		free(key);
		free(value);
		free(fv);
		if (rc)
			return rc;
	}
	return ERR_OK;
}

/* The level an STT gives (1 field, 2 criterion, 3 sub-criterion; 0 none)
 * with its trailing '.' or ')' dropped into stt. */
static int stt_level(char *stt)
{
	size_t n = strlen(stt);
	while (n && (stt[n - 1] == '.' || stt[n - 1] == ')'))
		stt[--n] = 0;
	if (!n)
		return 0;
	if (strspn(stt, "IVXLC") == n)
		return 1;
	if (strspn(stt, "0123456789") == n)
		return 2;
	if (n == 1 && stt[0] >= 'a' && stt[0] <= 'z')
		return 3;
	const char *dot = strchr(stt, '.');
	if (dot && dot > stt && strspn(stt, "0123456789") == (size_t)(dot - stt) && dot[1] &&
	    strspn(dot + 1, "0123456789") == strlen(dot + 1))
		return 3;
	return -1;
}

/* Is row blank, a total ("Tổng cộng") or a row of column numbers "(1)"? */
static bool skipped(json_t *row, int name_col)
{
	bool blank = true, numbers = true;
	for (size_t c = 0; c < json_array_size(row); c++) {
		char *t = trimmed(cell(row, (int)c));
		size_t n = strlen(t);
		if (n) {
			blank = false;
			if (!(t[0] == '(' && t[n - 1] == ')' && n > 2 && strspn(t + 1, "0123456789") == n - 2))
				numbers = false;
		}
		free(t);
	}
	char *name = par_sheet_fold(cell(row, name_col));
	bool total = strncmp(name, "tong", 4) == 0 && !*cell(row, 0);
	free(name);
	return blank || numbers || total;
}

/* The steps of "Mức điểm" into node (levels or thresholds by its rule). */
static enum err_code read_steps(const char *text, const char *rule, json_t *node, size_t r, struct err *err)
{
	bool ratio = strcmp(rule, "ratio") == 0;
	json_t *steps = json_array();
	char *copy = xstrdup(text), *save = NULL;
	enum err_code rc = ERR_OK;
	for (char *line = strtok_r(copy, ";\n", &save); line; line = strtok_r(NULL, ";\n", &save)) {
		char *eq = strrchr(line, '='), *label = NULL, *t = NULL;
		double points, min = 0;
		if (!eq || !par_sheet_number(eq + 1, &points)) {
			rc = err_set(err, ERR_INVALID, "Mức điểm", "row %zu: a step is '%s = points', not '%s'", r,
				     ratio ? "≥ min%" : "label", line);
			break;
		}
		*eq = 0;
		t = trimmed(line);
		if (ratio) {
			const char *p = t;
			if (strncmp(p, "≥", strlen("≥")) == 0)
				p += strlen("≥");
			else if (strncmp(p, ">=", 2) == 0)
				p += 2;
			char *num = xstrdup(p), *pct = strchr(num, '%');
			if (pct)
				*pct = 0;
			if (!par_sheet_number(num, &min))
				rc = err_set(err, ERR_INVALID, "Mức điểm", "row %zu: a threshold is '≥ min%% = points', "
					     "not '%s'", r, t);
			free(num);
			json_array_append_new(steps, json_pack("{s:f, s:f}", "min", min, "points", points));
		} else {
			label = t;
			json_array_append_new(steps, json_pack("{s:s, s:f}", "label", label, "points", points));
		}
		free(t);
		if (rc)
			break;
	}
	free(copy);
	if (!rc && json_array_size(steps))
		json_object_set(node, ratio ? "thresholds" : "levels", steps);
	json_decref(steps);
	return rc;
}

/* A scoring part as written (Vietnamese or the code) to its code. */
static const char *part_code(const char *text)
{
	char *f = par_sheet_fold(text);
	const char *code = strstr(f, "tham dinh") || strcmp(f, "appraisal") == 0 ? "appraisal"
			   : strstr(f, "dieu tra") || strcmp(f, "survey") == 0	  ? "survey"
			   : *f							  ? "self"
										  : NULL;
	free(f);
	return code;
}

struct walk {
	int cols[NCOL];
	char stt[3][24];	/* the STT of the field, criterion and sub-criterion above */
	char code[3][24];	/* and their codes */
	int count[3];		/* children seen under the node above, per level */
};

/* One data row (sheet row r) into a node of nodes; NULL-free errors name r. */
static enum err_code read_row(json_t *row, size_t r, struct walk *w, json_t *nodes, struct err *err)
{
	char *stt = trimmed(cell(row, w->cols[C_STT])), *name = trimmed(cell(row, w->cols[C_NAME]));
	char *code = trimmed(cell(row, w->cols[C_CODE])), *rule = trimmed(cell(row, w->cols[C_RULE]));
	int level = strlen(stt) < sizeof w->stt[0] ? stt_level(stt) : -1;
	double max;
	enum err_code rc = ERR_OK;
	json_t *node = NULL;
	if (level <= 0) {
		rc = err_set(err, ERR_INVALID, "STT", level ? "row %zu: STT '%s' is not I, II…, 1, 2…, 1.1… or a, b…"
							    : "row %zu: the row has no STT%s", r, stt);
		goto out;
	}
	if (level > 1 && !w->code[level - 2][0]) {
		rc = err_set(err, ERR_INVALID, "STT", "row %zu: '%s' has no %s above it (missing parent)", r, stt,
			     level == 2 ? "field (I, II…)" : "criterion (1, 2…)");
		goto out;
	}
	if (level == 3 && strchr(stt, '.') &&
	    (strncmp(stt, w->stt[1], strlen(w->stt[1])) || stt[strlen(w->stt[1])] != '.')) {
		rc = err_set(err, ERR_INVALID, "STT", "row %zu: '%s' is not under the criterion '%s' above it "
			     "(missing parent)", r, stt, w->stt[1]);
		goto out;
	}
	if (!par_sheet_number(cell(row, w->cols[C_MAX]), &max)) {
		rc = err_set(err, ERR_INVALID, "Điểm tối đa", "row %zu: 'Điểm tối đa' is not a number: '%s'", r,
			     cell(row, w->cols[C_MAX]));
		goto out;
	}
	w->count[level - 1]++;
	if (!*code) {
		free(code);
		code = level == 1 ? xasprintf("%d", w->count[0])
				  : xasprintf("%s.%d", w->code[level - 2], w->count[level - 1]);
	}
	if (strlen(code) >= sizeof w->code[0]) {
		rc = err_set(err, ERR_INVALID, "Mã", "row %zu: the code '%.30s…' is too long", r, code);
		goto out;
	}
	snprintf(w->stt[level - 1], sizeof w->stt[0], "%s", stt);
	snprintf(w->code[level - 1], sizeof w->code[0], "%s", code);
	for (int l = level; l < 3; l++) {
		w->stt[l][0] = w->code[l][0] = 0;
		w->count[l] = 0;
	}
	node = json_pack("{s:s, s:s, s:f}", "code", code, "name", name, "max", round(max * 100) / 100);
	if (level > 1)
		json_object_set_new(node, "parent", json_string(w->code[level - 2]));
	if (*rule)
		json_object_set_new(node, "rule", json_string(rule));
	const char *steps = cell(row, w->cols[C_STEPS]), *ev = cell(row, w->cols[C_EVIDENCE]),
		   *source = cell(row, w->cols[C_SOURCE]);
	if (*rule && *steps && (rc = read_steps(steps, rule, node, r, err)))
		goto out;
	if (*ev)
		json_object_set_new(node, "evidence", json_string(ev));
	if (*source)	/* checked with the set (par_source_read) */
		json_object_set_new(node, "source", json_string(source));
	if (part_code(cell(row, w->cols[C_PART])))
		json_object_set_new(node, "scored_by", json_string(part_code(cell(row, w->cols[C_PART]))));
	json_array_append(nodes, node);
out:
	json_decref(node);
	free(stt);
	free(name);
	free(code);
	free(rule);
	return rc;
}

/* A leaf without a rule is scored by hand. */
static void default_rules(json_t *nodes)
{
	size_t i, k;
	json_t *n, *m;
	json_array_foreach(nodes, i, n) {
		if (json_object_get(n, "rule"))
			continue;
		bool leaf = true;
		json_array_foreach(nodes, k, m) {
			const char *parent = json_string_value(json_object_get(m, "parent"));
			if (parent && strcmp(parent, json_string_value(json_object_get(n, "code"))) == 0)
				leaf = false;
		}
		if (leaf)
			json_object_set_new(n, "rule", json_string("manual"));
	}
}

json_t *par_sheet_to_set(json_t *rows, json_t *over, json_t **sheet_rows, struct err *err)
{
	struct walk w = {0};
	size_t first = 0;
	json_t *set = json_object(), *nodes = json_array();
	*sheet_rows = json_array();
	if (!find_header(rows, w.cols, &first)) {
		err_set(err, ERR_INVALID, "file", "no header row with 'STT', 'Lĩnh vực/Tiêu chí' and 'Điểm tối đa' "
			"was found on the first sheet");
		goto fail;
	}
	if (read_labels(rows, first, set, err))
		goto fail;
	for (size_t r = first; r < json_array_size(rows); r++) {
		json_t *row = json_array_get(rows, r);
		if (skipped(row, w.cols[C_NAME]))
			continue;
		if (read_row(row, r + 1, &w, nodes, err))
			goto fail;
		json_array_append_new(*sheet_rows, json_integer((json_int_t)r + 1));
	}
	default_rules(nodes);
	if (over)
		json_object_update(set, over);
	json_object_set_new(set, "nodes", nodes);
	return set;
fail:
	json_decref(set);
	json_decref(nodes);
	json_decref(*sheet_rows);
	*sheet_rows = NULL;
	return NULL;
}

void par_sheet_stt(char *out, size_t len, int level, int n, const char *parent_stt)
{
	static const char *const ROMAN[] = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
					    "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"};
	if (level == 1 && n >= 1 && n < (int)ARRAY_LEN(ROMAN))
		snprintf(out, len, "%s", ROMAN[n]);
	else if (level == 3)
		snprintf(out, len, "%s.%d", parent_stt, n);
	else
		snprintf(out, len, "%d", n);
}

char *par_sheet_steps_text(json_t *node)
{
	struct buf b = BUF_INIT;
	json_t *levels = json_object_get(node, "levels"), *thresholds = json_object_get(node, "thresholds");
	size_t i;
	json_t *s;
	json_array_foreach(levels, i, s) {
		char *line = xasprintf("%s%s = %g", i ? "\n" : "", json_string_value(json_object_get(s, "label")),
				       json_number_value(json_object_get(s, "points")));
		buf_adds(&b, line);
		free(line);
	}
	json_array_foreach(thresholds, i, s) {
		char *line = xasprintf("%s≥ %g%% = %g", i ? "\n" : "", json_number_value(json_object_get(s, "min")),
				       json_number_value(json_object_get(s, "points")));
		buf_adds(&b, line);
		free(line);
	}
	return buf_detach(&b);
}
