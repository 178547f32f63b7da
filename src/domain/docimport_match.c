/*
 * docimport_match.c — unit names as officers write them matched to the
 * unit registry.
 *
 * Unit names are matched on "normalised" text: diacritic-free lower case
 * (vi_fold), punctuation as spaces, the usual abbreviations spelt out
 * (UBND, HĐND, VP, PT-TH), the person in front dropped ("Thủ trưởng",
 * "Chủ tịch", "Giám đốc") and the province's own name dropped from the
 * end.  What remains after the kind word ("Sở", "Ban", "Xã", "Phường",
 * "UBND xã") is the core: "Sở Nội vụ", "Nội vụ" and "Sở NV" all come down
 * to the core of SNV, or to its initials.  A name is matched only when
 * exactly one unit fits at the first level that fits any; several at
 * that level make it ambiguous, none at all unmatched, and both are
 * flagged with candidates for the officer to choose from.
 */
#include "base/base.h"
#include "base/vitext.h"
#include "domain/docimport_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- normalised names ------------------------------------------------- */

/* Abbreviations as officers write them, spelt out (whole words only). */
static const struct {
	const char *abbr, *full;
} abbrevs[] = {
	{"ubnd", "uy ban nhan dan"}, {"hdnd", "hoi dong nhan dan"}, {"vp", "van phong"},
	{"ptth", "phat thanh truyen hinh"}, {"pt th", "phat thanh truyen hinh"},
	{"tp", "thanh pho"}, {"bql", "ban quan ly"},
};

/* Words naming the person rather than the body: "Thủ trưởng các sở". */
static const char *const roles[] = {"thu truong", "chu tich", "giam doc", "lanh dao", "nguoi dung dau"};

/* Kind words in front of a name, longest first, with the kind they imply. */
static const struct {
	const char *prefix, *kind;
} kind_words[] = {
	{"uy ban nhan dan xa", "commune"}, {"uy ban nhan dan phuong", "ward"},
	{"so", "department"}, {"ban", "agency"}, {"xa", "commune"}, {"phuong", "ward"},
	{"x", "commune"}, {"p", "ward"},
};

bool name_has_phrase(const char *s, const char *phrase)
{
	size_t n = strlen(phrase);
	for (const char *p = strstr(s, phrase); p; p = strstr(p + 1, phrase))
		if ((p == s || p[-1] == ' ') && (p[n] == 0 || p[n] == ' '))
			return true;
	return false;
}

/* If s starts with the words of phrase, returns what follows (maybe ""). */
static const char *after_prefix(const char *s, const char *phrase)
{
	size_t n = strlen(phrase);
	if (strncmp(s, phrase, n) != 0 || (s[n] != 0 && s[n] != ' '))
		return NULL;
	return s[n] ? s + n + 1 : s + n;
}

/* Folded, punctuation to spaces, one space between words, abbreviations
 * spelt out.  Returns a new string. */
char *name_normalise(const char *s)
{
	char *f = vi_fold(s ? s : "");
	struct buf b = BUF_INIT;
	bool space = true;
	for (const char *p = f; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (isalnum(c) || c >= 0x80) {
			buf_addc(&b, (char)c);
			space = false;
		} else if (!space) {
			buf_addc(&b, ' ');
			space = true;
		}
	}
	free(f);
	while (b.len && b.data[b.len - 1] == ' ')
		b.data[--b.len] = 0;
	/* Spell out abbreviations word by word. */
	struct buf out = BUF_INIT;
	const char *p = buf_str(&b);
	while (*p) {
		size_t i;
		const char *rest = NULL;
		for (i = 0; i < ARRAY_LEN(abbrevs) && !rest; i++)
			rest = after_prefix(p, abbrevs[i].abbr);
		if (rest) {
			buf_adds(&out, abbrevs[i - 1].full);
		} else {
			const char *sp = strchr(p, ' ');
			size_t n = sp ? (size_t)(sp - p) : strlen(p);
			buf_add(&out, p, n);
			rest = p + n;
			if (*rest == ' ')
				rest++;
		}
		if (*rest)
			buf_addc(&out, ' ');
		p = rest;
	}
	buf_release(&b);
	return buf_detach(&out);
}

/* Drops the person in front and the province's name at the end, in place. */
void name_strip_person_and_place(char *s, const char *province)
{
	for (size_t i = 0; i < ARRAY_LEN(roles); i++) {
		const char *rest = after_prefix(s, roles[i]);
		if (rest && *rest) {
			memmove(s, rest, strlen(rest) + 1);
			break;
		}
	}
	const char *tails[] = {province, "tinh"};
	for (size_t i = 0; i < 2; i++) {
		if (!tails[i] || !*tails[i])
			continue;
		size_t n = strlen(s), t = strlen(tails[i]);
		if (n > t + 1 && strcmp(s + n - t, tails[i]) == 0 && s[n - t - 1] == ' ')
			s[n - t - 1] = 0;
	}
}

/* The kind word in front of s, if any: *kind gets the kind, returns the rest. */
const char *name_split_kind(const char *s, const char **kind)
{
	*kind = NULL;
	for (size_t i = 0; i < ARRAY_LEN(kind_words); i++) {
		const char *rest = after_prefix(s, kind_words[i].prefix);
		if (rest && *rest) {
			*kind = kind_words[i].kind;
			return rest;
		}
	}
	return s;
}

/* First letters of the words of s, "và" left out: "khoa hoc va cong nghe" -> "khcn". */
char *name_initials(const char *s)
{
	struct buf b = BUF_INIT;
	const char *p = s;
	while (*p) {
		const char *sp = strchr(p, ' ');
		size_t n = sp ? (size_t)(sp - p) : strlen(p);
		if (!(n == 2 && strncmp(p, "va", 2) == 0))
			buf_addc(&b, *p);
		p += n;
		while (*p == ' ')
			p++;
	}
	return buf_detach(&b);
}

/* s without spaces. */
static char *compact(const char *s)
{
	struct buf b = BUF_INIT;
	for (const char *p = s; *p; p++)
		if (*p != ' ')
			buf_addc(&b, *p);
	return buf_detach(&b);
}

static size_t word_count(const char *s)
{
	size_t n = 0;
	for (const char *p = s; *p; p++)
		if ((p == s || p[-1] == ' ') && *p != ' ')
			n++;
	return n;
}

/* Every word of s at most max bytes long? (abbreviation-like). */
static bool short_words(const char *s, size_t max)
{
	size_t run = 0;
	for (const char *p = s;; p++) {
		if (*p == ' ' || *p == 0) {
			if (run > max)
				return false;
			run = 0;
			if (!*p)
				return true;
		} else {
			run++;
		}
	}
}

/* Levenshtein distance, giving up (returning limit + 1) past limit. */
size_t name_edit_distance(const char *a, const char *b, size_t limit)
{
	size_t la = strlen(a), lb = strlen(b);
	if ((la > lb ? la - lb : lb - la) > limit || lb > 200)
		return limit + 1;
	size_t prev[201], cur[201];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		size_t best = cur[0];
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
			if (cur[j] < best)
				best = cur[j];
		}
		if (best > limit)
			return limit + 1;
		memcpy(prev, cur, (lb + 1) * sizeof *prev);
	}
	return prev[lb];
}

/* ---- the registry prepared for matching ------------------------------- */

static const char *const group_names[] = {"@departments", "@communes", "@media", "@all"};

static bool kind_in(const char *kind, const char *const *kinds)
{
	for (size_t k = 0; kinds && kinds[k]; k++)
		if (strcmp(kinds[k], kind) == 0)
			return true;
	return false;
}

struct unit_matcher *unit_matcher_new(struct tracker *tr, struct err *err)
{
	json_t *units = store_units(tr->store, err);
	if (!units)
		return NULL;
	struct unit_matcher *m = xcalloc(1, sizeof *m);
	m->tr = tr;
	m->units = units;
	m->n = json_array_size(units);
	m->u = xcalloc(m->n ? m->n : 1, sizeof *m->u);
	/* The province's name ends its People's Committee's name ("... tỉnh Cao Bằng"). */
	size_t i;
	json_t *row;
	json_array_foreach(units, i, row) {
		if (strcmp(json_string_value(json_object_get(row, "kind")), "province") != 0)
			continue;
		char *full = name_normalise(json_string_value(json_object_get(row, "name")));
		const char *p = strstr(full, "tinh ");
		if (p && !m->province)
			m->province = xstrdup(p + 5);
		free(full);
	}
	json_array_foreach(units, i, row) {
		struct munit *u = &m->u[i];
		u->id = json_integer_value(json_object_get(row, "id"));
		u->code = json_string_value(json_object_get(row, "code"));
		u->name = json_string_value(json_object_get(row, "name"));
		u->kind = json_string_value(json_object_get(row, "kind"));
		u->active = json_integer_value(json_object_get(row, "active")) != 0;
		u->full = name_normalise(u->name);
		name_strip_person_and_place(u->full, m->province);
		const char *hint;
		u->core = xstrdup(name_split_kind(u->full, &hint));
		u->initials = name_initials(u->core);
		const char *sn = json_string_value(json_object_get(row, "short_name"));
		char *snn = name_normalise(sn ? sn : "");
		name_strip_person_and_place(snn, m->province);
		u->short_compact = compact(snn);
		free(snn);
		char *cf = vi_fold(u->code);
		u->code_fold = cf;
		for (size_t g = 0; g < ARRAY_LEN(group_names); g++)
			if (u->active && kind_in(u->kind, tracker_group_kinds(group_names[g])))
				m->members[g]++;
	}
	return m;
}

void unit_matcher_free(struct unit_matcher *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++) {
		free(m->u[i].full);
		free(m->u[i].core);
		free(m->u[i].initials);
		free(m->u[i].short_compact);
		free(m->u[i].code_fold);
	}
	free(m->u);
	free(m->province);
	json_decref(m->units);
	free(m);
}

static json_t *unit_json(const struct munit *u)
{
	return json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)u->id, "code", u->code, "name",
			 u->name, "kind", u->kind);
}

static json_t *entry_new(const char *written)
{
	return json_pack("{s:s?}", "name", written);
}

static json_t *entry_unit(const char *written, const struct munit *u, const char *how)
{
	json_t *e = entry_new(written);
	json_object_set_new(e, "unit_id", json_integer((json_int_t)u->id));
	json_object_set_new(e, "ref", json_string(u->code));
	json_object_set_new(e, "status", json_string("matched"));
	json_object_set_new(e, "how", json_string(how));
	json_object_set_new(e, "unit", unit_json(u));
	if (!u->active)
		json_object_set_new(e, "message", json_string("this unit is no longer active"));
	return e;
}

static size_t group_index(const char *ref)
{
	for (size_t g = 0; g < ARRAY_LEN(group_names); g++)
		if (strcmp(group_names[g], ref) == 0)
			return g;
	return ARRAY_LEN(group_names);
}

static json_t *entry_group(const struct unit_matcher *m, const char *written, const char *ref, const char *how)
{
	json_t *e = entry_new(written);
	json_object_set_new(e, "ref", json_string(ref));
	json_object_set_new(e, "unit_id", json_null());
	json_object_set_new(e, "status", json_string("group"));
	json_object_set_new(e, "how", json_string(how));
	json_object_set_new(e, "members", json_integer((json_int_t)m->members[group_index(ref)]));
	return e;
}

/* A flagged entry: status "ambiguous" or "unmatched", candidates stolen. */
static json_t *entry_flag(const char *written, const char *status, json_t *candidates, const char *message)
{
	json_t *e = entry_new(written);
	json_object_set_new(e, "ref", json_null());
	json_object_set_new(e, "unit_id", json_null());
	json_object_set_new(e, "status", json_string(status));
	json_object_set_new(e, "candidates", candidates);
	json_object_set_new(e, "message", json_string(message));
	return e;
}

static json_t *group_candidate(const char *ref)
{
	static const char *const names[] = {"Các sở, ban, ngành tỉnh", "UBND các xã, phường",
					    "Các cơ quan báo chí", "Tất cả cơ quan, đơn vị, địa phương"};
	return json_pack("{s:s, s:s}", "ref", ref, "name", names[group_index(ref)]);
}

static json_t *unit_candidates(const struct munit *const *v, size_t n)
{
	json_t *c = json_array();
	for (size_t i = 0; i < n && i < 8; i++)
		json_array_append_new(c, json_pack("{s:s, s:s}", "ref", v[i]->code, "name", v[i]->name));
	return c;
}

/* Groups as letters write them; NULL when t names no group. */
json_t *unit_match_groups(const struct unit_matcher *m, const char *written, const char *t)
{
	bool dept = name_has_phrase(t, "so ban nganh") || name_has_phrase(t, "so nganh") || name_has_phrase(t, "cac so") ||
		    name_has_phrase(t, "co quan chuyen mon");
	bool comm = name_has_phrase(t, "cac xa") || name_has_phrase(t, "xa phuong") || name_has_phrase(t, "cac phuong");
	bool media = name_has_phrase(t, "co quan bao chi") || name_has_phrase(t, "cac bao");
	/* "các cơ quan, đơn vị, địa phương": everyone, or some, said loosely. */
	bool vague = name_has_phrase(t, "cac co quan") || name_has_phrase(t, "cac don vi") ||
		     name_has_phrase(t, "co quan don vi") || name_has_phrase(t, "dia phuong");
	bool related = name_has_phrase(t, "lien quan");
	if (!dept && !comm && !media && !vague)
		return NULL;
	json_t *out = json_array();
	if (related || (vague && !dept && !comm && !media)) {
		/* "the units concerned" names some units, not which: the officer says. */
		json_t *c = json_array();
		if (dept)
			json_array_append_new(c, group_candidate("@departments"));
		if (comm)
			json_array_append_new(c, group_candidate("@communes"));
		if (media)
			json_array_append_new(c, group_candidate("@media"));
		if (!dept && !comm && !media) {
			json_array_append_new(c, group_candidate("@all"));
			json_array_append_new(c, group_candidate("@departments"));
			json_array_append_new(c, group_candidate("@communes"));
		}
		json_array_append_new(out, entry_flag(written, "ambiguous", c, related
			? "names only the units concerned, not which: choose units or groups, or remove it"
			: "names no particular units: choose a group or units, or remove it"));
		return out;
	}
	if (dept)
		json_array_append_new(out, entry_group(m, written, "@departments", "group"));
	if (comm)
		json_array_append_new(out, entry_group(m, written, "@communes", "group"));
	if (media)
		json_array_append_new(out, entry_group(m, written, "@media", "group"));
	return out;
}

static bool kind_fits(const char *hint, const char *kind)
{
	return !hint || strcmp(hint, kind) == 0;
}

json_t *unit_match(const struct unit_matcher *m, const char *written)
{
	const char *w = written ? written : "";
	while (*w == ' ' || *w == '\t')
		w++;
	char *t = name_normalise(w);
	json_t *out = NULL;
	const struct munit **hits = xcalloc(m->n ? m->n : 1, sizeof *hits);
	size_t nh = 0;
	if (!*t) {
		out = json_array();
		json_array_append_new(out, entry_flag(written, "unmatched", json_array(), "no unit name"));
		goto done;
	}
	/* A registry code as such: "SNV", "01822". */
	for (size_t i = 0; i < m->n; i++)
		if (strcasecmp(m->u[i].code, w) == 0) {
			out = json_array();
			json_array_append_new(out, entry_unit(written, &m->u[i], "code"));
			goto done;
		}
	name_strip_person_and_place(t, m->province);
	if ((out = unit_match_groups(m, written, t)))
		goto done;
	const char *hint;
	const char *core = name_split_kind(t, &hint);
	char *tc = compact(t), *cc = compact(core);
	/* Levels from the surest down; the first level with any hit decides. */
	/* "Sở NV": the kind's letter and the rest, as short names are made. */
	const char *letter = !hint ? "" : strcmp(hint, "department") == 0 ? "s" :
			     strcmp(hint, "agency") == 0 ? "b" : strcmp(hint, "commune") == 0 ? "x" : "p";
	char *lc = xasprintf("%s%s", letter, cc);
	for (int level = 0; level < 6 && nh == 0; level++) {
		for (size_t i = 0; i < m->n; i++) {
			const struct munit *u = &m->u[i];
			bool hit = false;
			switch (level) {
			case 0: hit = strcmp(u->full, t) == 0; break;
			case 1: hit = u->short_compact[0] && (strcmp(u->short_compact, tc) == 0 ||
							     strcmp(u->code_fold, tc) == 0); break;
			case 2: hit = kind_fits(hint, u->kind) && u->core[0] && strcmp(u->core, core) == 0; break;
			case 3: hit = hint && kind_fits(hint, u->kind) && short_words(core, 3) &&
				      strcmp(u->short_compact, lc) == 0; break;
			case 4: hit = hint && kind_fits(hint, u->kind) && short_words(core, 3) &&
				      strlen(cc) >= 2 && strcmp(u->initials, cc) == 0; break;
			case 5: hit = kind_fits(hint, u->kind) && strlen(core) >= 4 &&
				      (name_has_phrase(u->full, core) || name_has_phrase(u->core, core)); break;
			}
			if (hit)
				hits[nh++] = u;
		}
		if (nh == 1) {
			static const char *const how[] = {"name", "short_name", "core", "short_name",
							  "initials", "partial"};
			out = json_array();
			json_array_append_new(out, entry_unit(written, hits[0], how[level]));
		} else if (nh > 1) {
			out = json_array();
			json_array_append_new(out, entry_flag(written, "ambiguous", unit_candidates(hits, nh),
				"fits several units: choose one"));
		}
	}
	if (!out) {
		/* Suggestions only: near spellings of the core, or shared words. */
		for (size_t i = 0; i < m->n; i++) {
			const struct munit *u = &m->u[i];
			size_t len = strlen(core);
			if (!kind_fits(hint, u->kind) || !u->core[0])
				continue;
			size_t limit = len >= 10 ? 2 : 1;
			if ((len >= 5 && name_edit_distance(core, u->core, limit) <= limit) ||
			    (word_count(core) >= 2 && (name_has_phrase(core, u->core) || name_has_phrase(u->core, core))))
				hits[nh++] = u;
		}
		out = json_array();
		json_array_append_new(out, entry_flag(written, "unmatched", unit_candidates(hits, nh),
			nh ? "no unit of the registry has this name; did you mean one of the candidates?"
			   : "no unit of the registry has this name: choose a unit or remove it"));
	}
	free(tc);
	free(cc);
	free(lc);
done:
	free(hits);
	free(t);
	return out;
}

/* Resolves a ref ("SNV", "12", "@communes") the officer gave. */
json_t *unit_resolve_ref(const struct unit_matcher *m, const char *written, const char *ref, const char *how)
{
	if (ref[0] == '@') {
		if (tracker_group_kinds(ref))
			return entry_group(m, written, ref, how);
	} else {
		int64_t id = tracker_unit_ref(m->tr, ref);
		for (size_t i = 0; id && i < m->n; i++)
			if (m->u[i].id == id)
				return entry_unit(written, &m->u[i], how);
	}
	char msg[160];
	snprintf(msg, sizeof msg, "unknown unit or group '%.60s'", ref);
	return entry_flag(written, "unmatched", json_array(), msg);
}

void unit_match_append(json_t *list, const struct unit_matcher *m, const char *written)
{
	json_t *e = unit_match(m, written);
	json_array_extend(list, e);
	json_decref(e);
}

json_t *unit_foreign(const char *written, const char *province)
{
	char msg[200];
	snprintf(msg, sizeof msg, "a unit of %.60s, not of this province's registry: choose a unit or remove it",
		 province ? province : "another province");
	json_t *e = entry_flag(written, "unmatched", json_array(), msg);
	json_object_set_new(e, "how", json_string("foreign"));
	return e;
}

char *unit_foreign_province(const struct unit_matcher *m, const char *issuer)
{
	if (!issuer || !m->province)
		return NULL;
	char *t = name_normalise(issuer);
	char *out = NULL;
	for (const char *p = strstr(t, "tinh "); p; p = strstr(p + 1, "tinh "))
		if ((p == t || p[-1] == ' ') && strncmp(p + 5, m->province, strlen(m->province)) != 0) {
			out = xstrdup(p + 5);
			break;
		}
	free(t);
	return out;
}
