/*
 * docimport.c — drafting tracked tasks from a parsed document, reviewing
 * the draft and confirming it (see docimport.h for the draft's shape).
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
#include "base/date.h"
#include "base/vitext.h"
#include "doc/doc_json.h"
#include "doc/docx.h"
#include "domain/docimport.h"
#include "domain/input.h"
#include "domain/status.h"
#include "store/store.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TASKS 500
#define MAX_ENTRIES 200
#define MAX_TITLE 1000
#define MAX_TEXT 20000
#define TITLE_CUT 160

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

/* Does phrase occur in s on word boundaries?  Both are normalised. */
static bool has_phrase(const char *s, const char *phrase)
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
static char *normalise(const char *s)
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
static void strip_person_and_place(char *s, const char *province)
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
static const char *split_kind(const char *s, const char **kind)
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
static char *initials(const char *s)
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
static size_t edit_distance(const char *a, const char *b, size_t limit)
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

struct munit {
	int64_t id;
	const char *code, *name, *kind;	/* borrowed from the units array */
	bool active;
	char *full;		/* normalised, person and province dropped */
	char *core;		/* full without its kind word */
	char *initials;		/* of core */
	char *short_compact;	/* short name without spaces, normalised */
	char *code_fold;
};

struct unit_matcher {
	struct tracker *tr;
	json_t *units;		/* store_units rows */
	struct munit *u;
	size_t n;
	char *province;		/* the province's name, normalised: "cao bang" */
	size_t members[4];	/* active units of @departments, @communes, @media, @all */
};

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
		char *full = normalise(json_string_value(json_object_get(row, "name")));
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
		u->full = normalise(u->name);
		strip_person_and_place(u->full, m->province);
		const char *hint;
		u->core = xstrdup(split_kind(u->full, &hint));
		u->initials = initials(u->core);
		const char *sn = json_string_value(json_object_get(row, "short_name"));
		char *snn = normalise(sn ? sn : "");
		strip_person_and_place(snn, m->province);
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
static json_t *match_groups(const struct unit_matcher *m, const char *written, const char *t)
{
	bool dept = has_phrase(t, "so ban nganh") || has_phrase(t, "so nganh") || has_phrase(t, "cac so") ||
		    has_phrase(t, "co quan chuyen mon");
	bool comm = has_phrase(t, "cac xa") || has_phrase(t, "xa phuong") || has_phrase(t, "cac phuong");
	bool media = has_phrase(t, "co quan bao chi") || has_phrase(t, "cac bao");
	/* "các cơ quan, đơn vị, địa phương": everyone, or some, said loosely. */
	bool vague = has_phrase(t, "cac co quan") || has_phrase(t, "cac don vi") ||
		     has_phrase(t, "co quan don vi") || has_phrase(t, "dia phuong");
	bool related = has_phrase(t, "lien quan");
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
	char *t = normalise(w);
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
	strip_person_and_place(t, m->province);
	if ((out = match_groups(m, written, t)))
		goto done;
	const char *hint;
	const char *core = split_kind(t, &hint);
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
				      (has_phrase(u->full, core) || has_phrase(u->core, core)); break;
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
			if ((len >= 5 && edit_distance(core, u->core, limit) <= limit) ||
			    (word_count(core) >= 2 && (has_phrase(core, u->core) || has_phrase(u->core, core))))
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
static json_t *resolve_ref(const struct unit_matcher *m, const char *written, const char *ref, const char *how)
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

/* ---- drafting ------------------------------------------------------- */

/* Fields by words their tasks use; a field is guessed only when it alone fits. */
static const struct {
	const char *field;
	const char *words[6];
} field_words[] = {
	{"TTHC", {"thu tuc hanh chinh", "mot cua", "phan anh kien nghi"}},
	{"CPS", {"chuyen doi so", "chinh quyen dien tu", "chinh quyen so", "dich vu cong truc tuyen", "chu ky so"}},
	{"THECHE", {"quy pham phap luat", "the che", "thi hanh phap luat"}},
	{"BOMAY", {"to chuc bo may", "sap xep", "tinh gian bien che", "vi tri viec lam"}},
	{"CONGVU", {"cong chuc", "cong vu", "vien chuc"}},
	{"TCC", {"tai chinh cong", "tu chu tai chinh", "ngan sach", "dau tu cong"}},
	{"CDDH", {"kiem tra cai cach hanh chinh", "tuyen truyen", "chi so cai cach hanh chinh", "par index"}},
};

static const char *guess_field(const char *text)
{
	char *t = normalise(text);
	const char *found = NULL;
	int n = 0;
	for (size_t f = 0; f < ARRAY_LEN(field_words); f++)
		for (size_t k = 0; k < 6 && field_words[f].words[k]; k++)
			if (has_phrase(t, field_words[f].words[k])) {
				found = field_words[f].field;
				n++;
				break;
			}
	free(t);
	return n == 1 ? found : NULL;
}

/* A task's title: its first sentence, or its start cut on a word. */
static char *task_title(const char *text)
{
	size_t n = strlen(text), cut = n;
	for (size_t i = 20; i < n; i++)
		if ((text[i] == '.' || text[i] == ';' || text[i] == ':') && (text[i + 1] == ' ' || !text[i + 1])) {
			cut = i;
			break;
		}
	if (cut <= TITLE_CUT)
		return xstrndup(text, cut);
	cut = TITLE_CUT;
	while (cut > 40 && text[cut] != ' ')
		cut--;
	while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
		cut--;	/* never inside a UTF-8 sequence */
	char *head = xstrndup(text, cut);
	char *t = xasprintf("%s…", head);
	free(head);
	return t;
}

static const char *recurrence_of(enum doc_recurrence r)
{
	switch (r) {
	case DOC_RECUR_MONTHLY: return "monthly";
	case DOC_RECUR_QUARTERLY: return "quarterly";
	case DOC_RECUR_SIX_MONTHLY: return "semiannual";
	case DOC_RECUR_YEARLY: return "yearly";
	case DOC_RECUR_ONGOING: return "ongoing";
	default: return NULL;	/* none, or weekly: the tracker has no week */
	}
}

static void append_matches(json_t *list, const struct unit_matcher *m, const char *written)
{
	json_t *e = unit_match(m, written);
	json_array_extend(list, e);
	json_decref(e);
}

static bool in_strs(const struct doc_strs *v, const char *s)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->v[i], s) == 0)
			return true;
	return false;
}

static json_t *draft_task(const struct unit_matcher *m, const struct doc_task *dt)
{
	char day[DATE_STRLEN];
	char *title = task_title(dt->text ? dt->text : "");
	const char *rec = recurrence_of(dt->recurrence);
	json_t *t = json_pack("{s:s?, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}",
			      "section", dt->section, "title", title, "text", dt->text ? dt->text : "",
			      "deadline", dt->deadline == DATE_NONE ? NULL : date_format(dt->deadline, day),
			      "deadline_text", dt->deadline_text, "recurrence", rec,
			      "recurrence_written", rec ? NULL : doc_recurrence_name(dt->recurrence),
			      "field", guess_field(dt->text ? dt->text : ""), "product", dt->product);
	free(title);
	/* The lead is accountable (one assignment each); without a stated
	 * lead every unit the task is given to is. */
	json_t *lead = json_array(), *coop = json_array();
	if (dt->lead)
		append_matches(lead, m, dt->lead);
	for (size_t i = 0; i < dt->assignees.n; i++) {
		const char *a = dt->assignees.v[i];
		if ((dt->lead && strcmp(a, dt->lead) == 0) || in_strs(&dt->cooperating, a))
			continue;
		append_matches(lead, m, a);
	}
	for (size_t i = 0; i < dt->cooperating.n; i++)
		append_matches(coop, m, dt->cooperating.v[i]);
	json_object_set_new(t, "lead", lead);
	json_object_set_new(t, "cooperating", coop);
	return t;
}

static void add_issue(json_t *issues, int task, const char *field, const char *severity, const char *msg)
{
	json_array_append_new(issues, json_pack("{s:o, s:s, s:s, s:s}", "task",
						task < 0 ? json_null() : json_integer(task), "field", field,
						"severity", severity, "message", msg));
}

static void entry_issues(json_t *issues, int ti, const char *list, json_t *entries)
{
	size_t i;
	json_t *e;
	json_array_foreach(entries, i, e) {
		const char *status = json_string_value(json_object_get(e, "status"));
		const char *msg = json_string_value(json_object_get(e, "message"));
		const char *name = json_string_value(json_object_get(e, "name"));
		char field[64], text[300];
		snprintf(field, sizeof field, "tasks[%d].%s[%zu]", ti, list, i);
		if (strcmp(status, "matched") == 0 || strcmp(status, "group") == 0) {
			if (msg) {	/* an inactive unit gets no assignment */
				snprintf(text, sizeof text, "%.80s: %s", name ? name : "", msg);
				add_issue(issues, ti, field, "error", text);
			}
			continue;
		}
		snprintf(text, sizeof text, "'%.80s' %s", name ? name : "", msg ? msg : "is not matched");
		add_issue(issues, ti, field, "error", text);
	}
}

/* Recomputes "issues" and "ready" of a draft from its content. */
static void draft_issues(struct tracker *tr, json_t *draft)
{
	json_t *issues = json_array();
	json_t *doc = json_object_get(draft, "document");
	const char *title = json_string_value(json_object_get(doc, "title"));
	if (!title || !*title)
		add_issue(issues, -1, "document.title", "error", "the document needs a title");
	/* The same number and symbol in the same year is probably the same
	 * document already recorded; the officer may still go ahead. */
	const char *number = json_string_value(json_object_get(doc, "number"));
	const char *symbol = json_string_value(json_object_get(doc, "symbol"));
	json_int_t year = json_integer_value(json_object_get(doc, "year"));
	json_t *docs = number && symbol ? store_documents(tr->store, NULL, NULL) : NULL;
	size_t i;
	json_t *d;
	json_array_foreach(docs, i, d) {
		const char *n2 = json_string_value(json_object_get(d, "number"));
		const char *s2 = json_string_value(json_object_get(d, "symbol"));
		if (n2 && s2 && strcmp(n2, number) == 0 && strcmp(s2, symbol) == 0 &&
		    json_integer_value(json_object_get(d, "year")) == year) {
			char msg[200];
			snprintf(msg, sizeof msg, "document %.20s/%.40s of %lld is already recorded (id %lld)",
				 number, symbol, (long long)year, (long long)json_integer_value(json_object_get(d, "id")));
			add_issue(issues, -1, "document.number", "warning", msg);
			break;
		}
	}
	json_decref(docs);
	json_t *tasks = json_object_get(draft, "tasks");
	if (json_array_size(tasks) == 0)
		add_issue(issues, -1, "tasks", "error", "the draft has no task");
	json_t *t;
	json_array_foreach(tasks, i, t) {
		int ti = (int)i;
		char field[64];
		const char *tt = json_string_value(json_object_get(t, "title"));
		if (!tt || !*tt) {
			snprintf(field, sizeof field, "tasks[%d].title", ti);
			add_issue(issues, ti, field, "error", "the task needs a title");
		}
		json_t *lead = json_object_get(t, "lead");
		if (json_array_size(lead) == 0) {
			snprintf(field, sizeof field, "tasks[%d].lead", ti);
			add_issue(issues, ti, field, "error", "no unit is assigned this task");
		}
		entry_issues(issues, ti, "lead", lead);
		entry_issues(issues, ti, "cooperating", json_object_get(t, "cooperating"));
		const char *rw = json_string_value(json_object_get(t, "recurrence_written"));
		if (json_is_null(json_object_get(t, "recurrence")) && json_is_null(json_object_get(t, "deadline"))) {
			char msg[160];
			snprintf(field, sizeof field, "tasks[%d].deadline", ti);
			if (rw)
				snprintf(msg, sizeof msg, "the document says '%s', which the tracker cannot repeat: "
					 "set a deadline or another recurrence", rw);
			else
				snprintf(msg, sizeof msg, "no deadline or recurrence: set one");
			add_issue(issues, ti, field, "error", msg);
		}
	}
	bool ready = true;
	json_array_foreach(issues, i, t)
		if (strcmp(json_string_value(json_object_get(t, "severity")), "error") == 0)
			ready = false;
	json_object_set_new(draft, "issues", issues);
	json_object_set_new(draft, "ready", json_boolean(ready));
}

json_t *docimport_draft(const struct unit_matcher *m, const struct doc *d)
{
	char day[DATE_STRLEN];
	int y = 0, mo, da;
	if (d->date != DATE_NONE)
		date_to_ymd(d->date, &y, &mo, &da);
	else
		date_to_ymd(date_today(), &y, &mo, &da);
	char *fallback = NULL;
	const char *title = d->subject ? d->subject : d->title;
	if (!title) {
		fallback = xasprintf("Văn bản số %s/%s", d->number ? d->number : "", d->symbol ? d->symbol : "");
		title = fallback;
	}
	const char *issuer_unit = NULL;
	json_t *im = d->issuer ? unit_match(m, d->issuer) : NULL;
	if (json_array_size(im) == 1 &&
	    strcmp(json_string_value(json_object_get(json_array_get(im, 0), "status")), "matched") == 0)
		issuer_unit = json_string_value(json_object_get(json_array_get(im, 0), "ref"));
	json_t *doc = json_pack("{s:s, s:s?, s:s?, s:s, s:s?, s:i, s:s?, s:s?, s:s?, s:{s:s?, s:s?}}",
				"type", d->type ? d->type : "CV", "number", d->number, "symbol", d->symbol,
				"title", title,
				"issued_on", d->date == DATE_NONE ? NULL : date_format(d->date, day),
				"year", y, "issuer", d->issuer, "issuer_unit", issuer_unit, "place", d->place,
				"signer", "name", d->signer_name, "title", d->signer_title);
	json_decref(im);
	free(fallback);
	json_t *tasks = json_array();
	for (size_t i = 0; i < d->n_tasks; i++)
		json_array_append_new(tasks, draft_task(m, &d->tasks[i]));
	json_t *draft = json_pack("{s:o, s:o}", "document", doc, "tasks", tasks);
	draft_issues(m->tr, draft);
	return draft;
}

/* Puts prefix and a dot in front of err's field: "lead" -> "tasks[2].lead". */
static void field_prefix(struct err *err, const char *prefix)
{
	char f[sizeof err->field];
	size_t np = strlen(prefix), nf = strlen(err->field), cap = sizeof f - 1, k = 0;
	for (size_t i = 0; i < np && k < cap; i++)
		f[k++] = prefix[i];
	if (nf && k < cap)
		f[k++] = '.';
	for (size_t i = 0; i < nf && k < cap; i++)
		f[k++] = err->field[i];
	f[k] = 0;
	memcpy(err->field, f, k + 1);
}

/* ---- reviewing an edited draft ---------------------------------------- */

static enum err_code review_entries(const struct unit_matcher *m, json_t *list, const char *field,
				    json_t **out, struct err *err)
{
	*out = NULL;
	if (!list || json_is_null(list)) {
		*out = json_array();
		return ERR_OK;
	}
	if (!json_is_array(list) || json_array_size(list) > MAX_ENTRIES)
		return err_set(err, ERR_INVALID, field, "'%s' must be an array of at most %d units", field, MAX_ENTRIES);
	json_t *res = json_array();
	size_t i;
	json_t *e;
	json_array_foreach(list, i, e) {
		char *name = NULL, *ref = NULL, *how = NULL;
		enum err_code rc = ERR_OK;
		if (json_is_string(e)) {
			rc = in_text_raw(json_string_value(e), field, 200, &ref, err);
		} else if (json_is_object(e)) {
			if ((rc = in_text(e, "name", false, 500, &name, err)) == ERR_OK &&
			    (rc = in_text(e, "ref", false, 200, &ref, err)) == ERR_OK)
				rc = in_text(e, "how", false, 20, &how, err);
		} else {
			rc = err_set(err, ERR_INVALID, field, "'%s' items must be unit entries or codes", field);
		}
		if (rc != ERR_OK) {
			free(name);
			free(ref);
			free(how);
			json_decref(res);
			char msg[sizeof err->message];
			snprintf(msg, sizeof msg, "%s", err->message);
			return err_set(err, err->code, field, "%s[%zu]: %s", field, i, msg);
		}
		/* A ref the officer set (or kept) wins; a bare name is matched again. */
		static const char *const hows[] = {"code", "name", "short_name", "core", "initials",
						   "partial", "group", "manual"};
		bool known = false;
		for (size_t k = 0; how && k < ARRAY_LEN(hows); k++)
			known |= strcmp(how, hows[k]) == 0;
		if (ref && *ref)
			json_array_append_new(res, resolve_ref(m, name, ref, known ? how : "manual"));
		else if (name && *name)
			append_matches(res, m, name);
		free(name);
		free(ref);
		free(how);
	}
	*out = res;
	return ERR_OK;
}

static enum err_code review_task(struct tracker *tr, const struct unit_matcher *m, json_t *in, int ti,
				 json_t **out, struct err *err)
{
	char *section = NULL, *title = NULL, *text = NULL, *deadline_text = NULL, *rec = NULL;
	char *rec_written = NULL, *field = NULL, *product = NULL;
	char deadline[11];
	json_t *lead = NULL, *coop = NULL;
	enum err_code rc;
	char where[48];
	snprintf(where, sizeof where, "tasks[%d]", ti);
	*out = NULL;
	if (!json_is_object(in)) {
		rc = err_set(err, ERR_INVALID, where, "%s must be an object", where);
		goto cleanup;
	}
	if ((rc = in_text(in, "section", false, 40, &section, err)) ||
	    (rc = in_text(in, "title", false, MAX_TITLE, &title, err)) ||
	    (rc = in_text(in, "text", false, MAX_TEXT, &text, err)) ||
	    (rc = in_text(in, "deadline_text", false, 500, &deadline_text, err)) ||
	    (rc = in_date(in, "deadline", false, deadline, err)) ||
	    (rc = in_text(in, "recurrence", false, 20, &rec, err)) ||
	    (rc = in_text(in, "recurrence_written", false, 20, &rec_written, err)) ||
	    (rc = in_text(in, "field", false, 20, &field, err)) ||
	    (rc = in_text(in, "product", false, MAX_TITLE, &product, err)))
		goto named;
	if (rec && recurrence_from_name(rec) < 0) {
		rc = err_set(err, ERR_INVALID, "recurrence",
			     "'recurrence' must be once, monthly, quarterly, semiannual, yearly, ongoing or null");
		goto named;
	}
	if (field && !tracker_field_ref(tr, field)) {
		rc = err_set(err, ERR_INVALID, "field", "unknown field '%s'", field);
		goto named;
	}
	if ((rc = review_entries(m, json_object_get(in, "lead"), "lead", &lead, err)) ||
	    (rc = review_entries(m, json_object_get(in, "cooperating"), "cooperating", &coop, err)))
		goto named;
	if (!title && text)
		title = task_title(text);
	*out = json_pack("{s:s?, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:o, s:o}",
			 "section", section, "title", title ? title : "", "text", text ? text : "",
			 "deadline", deadline[0] ? deadline : NULL, "deadline_text", deadline_text,
			 "recurrence", rec, "recurrence_written", rec ? NULL : rec_written, "field", field,
			 "product", product, "lead", lead, "cooperating", coop);
	lead = coop = NULL;
	goto cleanup;
named:
	/* Name the task in the field so the page can point at it. */
	field_prefix(err, where);
cleanup:
	json_decref(lead);
	json_decref(coop);
	free(section);
	free(title);
	free(text);
	free(deadline_text);
	free(rec);
	free(rec_written);
	free(field);
	free(product);
	return rc;
}

json_t *docimport_review(struct tracker *tr, const struct unit_matcher *m, json_t *edited, struct err *err)
{
	char *type = NULL, *number = NULL, *symbol = NULL, *title = NULL, *issuer = NULL, *issuer_unit = NULL;
	char *place = NULL;
	char issued_on[11];
	int64_t year = 0;
	bool has_year = false;
	json_t *out = NULL, *tasks = NULL;
	json_t *doc = json_object_get(edited, "document");
	json_t *in_tasks = json_object_get(edited, "tasks");
	if (!json_is_object(doc)) {
		err_set(err, ERR_INVALID, "document", "'document' must be an object");
		goto cleanup;
	}
	if (!json_is_array(in_tasks) || json_array_size(in_tasks) > MAX_TASKS) {
		err_set(err, ERR_INVALID, "tasks", "'tasks' must be an array of at most %d tasks", MAX_TASKS);
		goto cleanup;
	}
	if (in_text(doc, "type", true, 10, &type, err) || in_text(doc, "number", false, 20, &number, err) ||
	    in_text(doc, "symbol", false, 60, &symbol, err) || in_text(doc, "title", false, MAX_TITLE, &title, err) ||
	    in_date(doc, "issued_on", false, issued_on, err) ||
	    in_int(doc, "year", false, 2000, 2100, &year, &has_year, err) ||
	    in_text(doc, "issuer", false, 500, &issuer, err) ||
	    in_text(doc, "issuer_unit", false, 40, &issuer_unit, err) ||
	    in_text(doc, "place", false, 200, &place, err)) {
		field_prefix(err, "document");
		goto cleanup;
	}
	if (issuer_unit && !tracker_unit_ref(tr, issuer_unit)) {
		err_set(err, ERR_INVALID, "document.issuer_unit", "unknown unit '%s'", issuer_unit);
		goto cleanup;
	}
	if (!has_year)
		year = issued_on[0] ? atoi(issued_on) : 0;
	if (!year) {
		int mo, da, y;
		date_to_ymd(date_today(), &y, &mo, &da);
		year = y;
	}
	tasks = json_array();
	size_t i;
	json_t *t;
	json_array_foreach(in_tasks, i, t) {
		json_t *rt;
		if (review_task(tr, m, t, (int)i, &rt, err) != ERR_OK)
			goto cleanup;
		json_array_append_new(tasks, rt);
	}
	json_t *signer = json_object_get(doc, "signer");
	out = json_pack("{s:{s:s, s:s?, s:s?, s:s, s:s?, s:I, s:s?, s:s?, s:s?, s:O?}, s:O}",
			"document", "type", type, "number", number, "symbol", symbol, "title", title ? title : "",
			"issued_on", issued_on[0] ? issued_on : NULL, "year", (json_int_t)year, "issuer", issuer,
			"issuer_unit", issuer_unit, "place", place,
			"signer", json_is_object(signer) ? signer : NULL, "tasks", tasks);
	if (out)
		draft_issues(tr, out);
	else
		err_set(err, ERR_INTERNAL, "", "cannot build the draft");
cleanup:
	json_decref(tasks);
	free(type);
	free(number);
	free(symbol);
	free(title);
	free(issuer);
	free(issuer_unit);
	free(place);
	return out;
}

/* ---- stored drafts ---------------------------------------------------- */

/* The stored row made whole: JSON texts parsed, draft fields at the top. */
static json_t *draft_view(json_t *row, struct err *err)
{
	json_error_t je;
	json_t *parsed = json_loads(json_string_value(json_object_get(row, "parsed")), 0, &je);
	json_t *draft = json_loads(json_string_value(json_object_get(row, "draft")), 0, &je);
	if (!parsed || !draft) {
		json_decref(parsed);
		json_decref(draft);
		json_decref(row);
		err_set(err, ERR_INTERNAL, "", "a stored draft is damaged");
		return NULL;
	}
	json_object_del(row, "draft");
	json_object_set_new(row, "parsed", parsed);
	json_object_update(row, draft);
	json_decref(draft);
	return row;
}

json_t *docimport_get(struct tracker *tr, int64_t id, struct err *err)
{
	json_t *row = store_draft_get(tr->store, id, err);
	if (!row) {
		if (err->code == ERR_NOT_FOUND)
			err_set(err, ERR_NOT_FOUND, "id", "no draft %lld", (long long)id);
		return NULL;
	}
	return draft_view(row, err);
}

/* The draft, if it is still open to review: ERR_NOT_FOUND or ERR_CONFLICT otherwise. */
static json_t *open_draft(struct tracker *tr, int64_t id, struct err *err)
{
	json_t *cur = docimport_get(tr, id, err);
	if (cur && strcmp(json_string_value(json_object_get(cur, "status")), "draft") != 0) {
		err_set(err, ERR_CONFLICT, "status", "draft %lld is already %s", (long long)id,
			json_string_value(json_object_get(cur, "status")));
		json_decref(cur);
		cur = NULL;
	}
	return cur;
}

json_t *docimport_drafts(struct tracker *tr, const char *status, struct err *err)
{
	if (status && strcmp(status, "draft") != 0 && strcmp(status, "confirmed") != 0 &&
	    strcmp(status, "discarded") != 0) {
		err_set(err, ERR_BAD_REQUEST, "status", "'status' must be draft, confirmed or discarded");
		return NULL;
	}
	return store_drafts(tr->store, status, err);
}

enum err_code docimport_create(struct tracker *tr, const char *data, size_t len, const char *kind,
			       const char *source_name, json_t **out, struct err *err)
{
	char *docx = NULL, *nfc = NULL, *parsed_s = NULL, *draft_s = NULL;
	const char *text = data;
	size_t text_len = len;
	struct doc *d = NULL;
	struct unit_matcher *m = NULL;
	json_t *parsed = NULL, *draft = NULL;
	struct buf why = BUF_INIT;
	enum err_code rc;
	*out = NULL;

	if (strcmp(kind, "docx") == 0) {
		if ((rc = docx_text(data, len, DOCX_MAX_XML, &docx, &text_len, err)) != ERR_OK)
			goto cleanup;
		text = docx;
	}
	size_t bad = 0;
	if (!doc_utf8_valid(text, text_len, &bad)) {
		rc = err_set(err, ERR_BAD_REQUEST, "text",
			     "the document is not UTF-8 text (byte %zu); save it as UTF-8 or upload the .docx", bad);
		goto cleanup;
	}
	d = doc_parse(text, text_len, &why);
	if (!d) {
		rc = err_set(err, ERR_INVALID, "text", "not a document: %s", buf_str(&why));
		goto cleanup;
	}
	/* Kept as NFC like all stored text; the parser already read either form. */
	nfc = vi_nfc(text, text_len);
	if (!(m = unit_matcher_new(tr, err))) {
		rc = err->code;
		goto cleanup;
	}
	parsed = doc_to_json(d);
	draft = docimport_draft(m, d);
	parsed_s = json_dumps(parsed, JSON_COMPACT | JSON_PRESERVE_ORDER);
	draft_s = json_dumps(draft, JSON_COMPACT | JSON_PRESERVE_ORDER);
	struct draft_new dn = {.source_name = source_name, .source_kind = kind,
			       .text = nfc ? nfc : text, .parsed = parsed_s, .draft = draft_s};
	int64_t id = 0;
	if ((rc = store_draft_add(tr->store, &dn, &id, err)) != ERR_OK)
		goto cleanup;
	if (!(*out = docimport_get(tr, id, err)))
		rc = err->code;
cleanup:
	unit_matcher_free(m);
	doc_free(d);
	json_decref(parsed);
	json_decref(draft);
	free(parsed_s);
	free(draft_s);
	free(docx);
	free(nfc);
	buf_release(&why);
	return rc;
}

enum err_code docimport_update(struct tracker *tr, int64_t id, json_t *body, json_t **out, struct err *err)
{
	struct unit_matcher *m = NULL;
	json_t *draft = NULL, *cur = NULL;
	char *s = NULL;
	enum err_code rc;
	*out = NULL;
	/* Report 404/409 before judging the body. */
	if (!(cur = open_draft(tr, id, err))) {
		rc = err->code;
		goto cleanup;
	}
	if (!(m = unit_matcher_new(tr, err))) {
		rc = err->code;
		goto cleanup;
	}
	if (!(draft = docimport_review(tr, m, body, err))) {
		rc = err->code;
		goto cleanup;
	}
	s = json_dumps(draft, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if ((rc = store_draft_update(tr->store, id, s, err)) != ERR_OK)
		goto cleanup;
	if (!(*out = docimport_get(tr, id, err)))
		rc = err->code;
cleanup:
	unit_matcher_free(m);
	json_decref(draft);
	json_decref(cur);
	free(s);
	return rc;
}

enum err_code docimport_discard(struct tracker *tr, int64_t id, struct err *err)
{
	return store_draft_discard(tr->store, id, err);
}

/* The POST /tasks body of a reviewed draft task. */
static json_t *task_body(json_t *t)
{
	json_t *b = json_object();
	static const char *const keys[] = {"section", "title", "deadline", "recurrence", "field", "product"};
	for (size_t i = 0; i < ARRAY_LEN(keys); i++) {
		json_t *v = json_object_get(t, keys[i]);
		if (v && !json_is_null(v))
			json_object_set(b, keys[i], v);
	}
	json_t *text = json_object_get(t, "text");
	if (json_string_length(text))
		json_object_set(b, "description", text);
	const char *lists[] = {"lead", "cooperating"};
	for (size_t l = 0; l < 2; l++) {
		json_t *refs = json_array();
		size_t i;
		json_t *e;
		json_array_foreach(json_object_get(t, lists[l]), i, e)
			json_array_append(refs, json_object_get(e, "ref"));
		json_object_set_new(b, lists[l], refs);
	}
	return b;
}

enum err_code docimport_confirm(struct tracker *tr, int64_t id, json_t **out, struct err *err)
{
	struct unit_matcher *m = NULL;
	json_t *cur = NULL, *draft = NULL, *ids = NULL;
	struct task_plan *plans = NULL;
	struct task_new *tasks = NULL;
	int64_t *task_ids = NULL;
	size_t n = 0;
	enum err_code rc;
	*out = NULL;
	if (!(cur = open_draft(tr, id, err))) {
		rc = err->code;
		goto cleanup;
	}
	/* Checked again now: units may have changed since the draft was saved. */
	if (!(m = unit_matcher_new(tr, err))) {
		rc = err->code;
		goto cleanup;
	}
	if (!(draft = docimport_review(tr, m, cur, err))) {
		rc = err->code;
		goto cleanup;
	}
	size_t i;
	json_t *is;
	json_array_foreach(json_object_get(draft, "issues"), i, is)
		if (strcmp(json_string_value(json_object_get(is, "severity")), "error") == 0) {
			rc = err_set(err, ERR_INVALID, json_string_value(json_object_get(is, "field")),
				     "%s", json_string_value(json_object_get(is, "message")));
			goto cleanup;
		}
	json_t *doc = json_object_get(draft, "document");
	int year = (int)json_integer_value(json_object_get(doc, "year"));
	json_t *jt = json_object_get(draft, "tasks");
	n = json_array_size(jt);
	plans = xcalloc(n, sizeof *plans);
	tasks = xcalloc(n, sizeof *tasks);
	task_ids = xcalloc(n, sizeof *task_ids);
	for (i = 0; i < n; i++) {
		json_t *body = task_body(json_array_get(jt, i));
		rc = tracker_task_plan(tr, body, year, &plans[i], err);
		json_decref(body);
		if (rc != ERR_OK) {
			char where[32];
			snprintf(where, sizeof where, "tasks[%zu]", i);
			field_prefix(err, where);
			goto cleanup;
		}
		tasks[i] = plans[i].t;
	}
	const char *issuer = json_string_value(json_object_get(doc, "issuer_unit"));
	char *issuer_code = NULL;
	if (issuer) {
		/* The store takes a code; the officer may have given an id. */
		int64_t uid = tracker_unit_ref(tr, issuer);
		for (size_t k = 0; k < m->n; k++)
			if (m->u[k].id == uid)
				issuer_code = xstrdup(m->u[k].code);
	}
	struct document_new dn = {
		.type = json_string_value(json_object_get(doc, "type")),
		.number = json_string_value(json_object_get(doc, "number")),
		.symbol = json_string_value(json_object_get(doc, "symbol")),
		.title = json_string_value(json_object_get(doc, "title")),
		.issued_on = json_string_value(json_object_get(doc, "issued_on")),
		.body = json_string_value(json_object_get(cur, "text")),
		.issuer_code = issuer_code, .year = year,
		.source_name = json_string_value(json_object_get(cur, "source_name")),
	};
	int64_t doc_id = 0;
	rc = store_document_import(tr->store, id, &dn, tasks, n, &doc_id, task_ids, err);
	free(issuer_code);
	if (rc != ERR_OK)
		goto cleanup;
	if (!(*out = docimport_document(tr, doc_id, err))) {
		rc = err->code;
		goto cleanup;
	}
	ids = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(ids, json_integer(task_ids[i]));
	json_object_set_new(*out, "task_ids", ids);
	json_object_set_new(*out, "draft_id", json_integer(id));
	ids = NULL;
cleanup:
	for (i = 0; plans && i < n; i++)
		tracker_task_plan_release(&plans[i]);
	free(plans);
	free(tasks);
	free(task_ids);
	json_decref(ids);
	json_decref(draft);
	json_decref(cur);
	unit_matcher_free(m);
	return rc;
}

json_t *docimport_documents(struct tracker *tr, struct err *err)
{
	return store_documents(tr->store, NULL, err);
}

json_t *docimport_document(struct tracker *tr, int64_t id, struct err *err)
{
	json_t *d = store_document_get(tr->store, id, err);
	if (!d) {
		if (err->code == ERR_NOT_FOUND)
			err_set(err, ERR_NOT_FOUND, "id", "no document %lld", (long long)id);
		return NULL;
	}
	json_t *tasks = store_document_tasks(tr->store, id, err);
	if (!tasks) {
		json_decref(d);
		return NULL;
	}
	json_object_set_new(d, "tasks", tasks);
	return d;
}
