/*
 * doc_tasks.c — drafts the tasks of a numbered body: a walk over its
 * paragraphs with a fixed stack of open list levels (never recursion).  An
 * item without sub-items is a task; its units, lead and cooperating units
 * come from its own words or, failing that, from the headings above it or
 * the addressees; sections that describe rather than assign are skipped.
 */
#include "base/base.h"
#include "base/date.h"
#include "doc/doc_int.h"

#include <stdlib.h>
#include <string.h>

#define MAX_UNITS_COPY 64	/* a fallback list copied into every task stays small */

/* Sections that describe rather than assign: aims, assessments, funding. */
static bool skip_heading(const char *lc, size_t len)
{
	static const char *const heads[] = {
		"mục đích", "yêu cầu", "mục tiêu", "quan điểm", "đánh giá", "kết quả", "tình hình",
		"thực trạng", "căn cứ", "phạm vi", "đối tượng", "kinh phí", "tồn tại", "hạn chế",
		"nguyên nhân", "bài học", "chỉ tiêu", "khó khăn", "ưu điểm", "nhược điểm",
		"những kết quả", "về kết quả", "về tình hình",
	};
	for (size_t i = 0; i < ARRAY_LEN(heads); i++)
		if (doc_has_prefix(lc, len, heads[i]))
			return true;
	return false;
}

/* The issuer speaking of itself ("UBND tỉnh ban hành ..."), not a unit given work. */
static bool issuer_itself(const char *lc, size_t len)
{
	static const char *const self[] = {
		"ủy ban nhân dân tỉnh", "uỷ ban nhân dân tỉnh", "ubnd tỉnh", "chủ tịch", "ủy ban nhân dân xã",
		"ủy ban nhân dân phường", "ubnd xã", "ubnd phường",
	};
	for (size_t i = 0; i < ARRAY_LEN(self); i++)
		if (doc_has_prefix(lc, len, self[i]))
			return true;
	return false;
}

/*
 * A recital of an earlier document, not work given here: "Thực hiện Kế
 * hoạch số ..., trong đó giao Sở Nội vụ ...;", "Theo Kế hoạch số ..., UBND
 * tỉnh giao ...", "..., UBND Thành phố đã giao các sở ...".
 */
static bool recites_earlier_work(const char *s, const char *lc, size_t len)
{
	static const char *const cite[] = {"căn cứ ", "thực hiện ", "theo ", "triển khai ", "tiếp theo ", "xét "};
	bool cites = false;
	for (size_t i = 0; i < ARRAY_LEN(cite) && !cites; i++)
		cites = doc_has_prefix(lc, len, cite[i]) && doc_find_word(lc, len, 0, "số ") != NPOS;
	if (!cites)
		return false;
	if (doc_has_prefix(lc, len, "theo ") || doc_ends_with(s, len, ";"))
		return true;	/* what that document says, or one line of the legal basis */
	return doc_find_word(lc, len, 0, "trong đó") != NPOS || doc_find_word(lc, len, 0, "đã giao") != NPOS ||
	       doc_find_word(lc, len, 0, "được giao") != NPOS;
}

/*
 * A paragraph outside any list that hands out work: "UBND tỉnh giao Sở ...",
 * or one opening with a unit that a verb follows ("Sở Nội vụ chủ trì ...").
 */
static bool gives_work(const char *s, const char *lc, size_t len)
{
	if (doc_all_upper(s, len) || doc_ends_with(s, len, ":") || recites_earlier_work(s, lc, len))
		return false;
	struct assign a;
	doc_assign(s, lc, len, &a);
	bool giao = doc_find_word(lc, len, 0, "giao ") != NPOS;
	bool work = a.units.n && !a.whole &&
		    (giao || (doc_unit_start(s, lc, len) && !issuer_itself(lc, len)));
	assign_free(&a);
	return work;
}

/* after_heading: p is the first paragraph under a numbered heading ("4. Các ấp"), its body. */
static bool closing_para(const struct para *p, bool after_heading)
{
	static const char *const open[] = {
		"trên đây là", "căn cứ ý kiến", "căn cứ nội dung", "yêu cầu thủ trưởng", "yêu cầu các",
		"trong quá trình", "nhận được", "đề nghị các", "ủy ban nhân dân tỉnh yêu cầu",
		"ubnd tỉnh yêu cầu", "chủ tịch ubnd tỉnh yêu cầu", "quyết định này có hiệu lực",
		"chỉ thị này", "thông báo này", "kế hoạch này",
	};
	/* Phrases of the closing words, wherever they stand in the paragraph. */
	static const char *const inside[] = {
		"thông báo để", "biết, thực hiện", "biết và thực hiện", "căn cứ kế hoạch", "căn cứ nhiệm vụ",
		"căn cứ chức năng", "căn cứ nội dung", "nghiêm túc thực hiện", "nghiêm túc triển khai",
	};
	for (size_t i = 0; i < ARRAY_LEN(open); i++)
		if (doc_has_prefix(p->lc, p->len, open[i]))
			return true;
	for (size_t i = 0; i < ARRAY_LEN(inside); i++)
		if (doc_find_word(p->lc, p->len, 0, inside[i]) != NPOS)
			return true;
	/* The last paragraph ("./.") closes the letter unless a unit is given work in it. */
	if (!after_heading && (doc_ends_with(p->s, p->len, "./.") || doc_ends_with(p->s, p->len, "/.")))
		return !gives_work(p->s, p->lc, p->len);
	return false;
}

struct node {
	bool active, children, skip, heading;
	bool unit_heading;	/* an unnumbered "Sở Nội vụ:" over its items */
	int level;
	const struct para *p;
	struct assign as;
};

struct walker {
	struct doc *d;
	struct node st[LV_COUNT];
	const struct dlines *dl;
};

static void section_label(const struct walker *w, int upto, struct buf *b)
{
	int num = -1;
	for (int lv = LV_NUM; lv <= LV_NUM3 && lv <= upto; lv++)
		if (w->st[lv].active)
			num = lv;
	if (w->st[LV_TOP].active && upto >= LV_TOP)
		buf_adds(b, w->st[LV_TOP].p->label);
	if (num >= 0)
		buf_printf(b, "%s%s", b->len ? "." : "", w->st[num].p->label);
	if (upto >= LV_LETTER && w->st[LV_LETTER].active)
		buf_printf(b, "%s%s", b->len ? "." : "", w->st[LV_LETTER].p->label);
}

struct doc_task *doc_new_task(struct doc *d)
{
	if ((d->n_tasks & (d->n_tasks - 1)) == 0)
		d->tasks = xrealloc(d->tasks, (d->n_tasks ? d->n_tasks * 2 : 1) * sizeof(*d->tasks));
	struct doc_task *t = &d->tasks[d->n_tasks++];
	memset(t, 0, sizeof(*t));
	t->deadline = DATE_NONE;
	return t;
}

static void copy_capped(struct doc_strs *dst, const struct doc_strs *src)
{
	for (size_t i = 0; i < src->n && i < MAX_UNITS_COPY; i++)
		strs_push(dst, xstrdup(src->v[i]));
}

/* Fills a task's who/when from its own words, falling back on its headings. */
static void fill_task(struct doc *d, struct doc_task *t, const char *s, const char *lc, size_t len,
		      const struct assign *inherit)
{
	struct assign own;
	doc_assign(s, lc, len, &own);
	if (own.directed && inherit && inherit->units.n)
		strs_free(&own.units);	/* "Sở Nội vụ: - Chỉ đạo các phòng ...": the heading's unit does it */
	if (own.units.n) {
		strs_copy(&t->assignees, &own.units);
		t->lead = own.lead ? xstrdup(own.lead) : NULL;
	} else if (inherit && inherit->units.n) {
		copy_capped(&t->assignees, &inherit->units);
		if (own.self_lead && inherit->units.n == 1)
			t->lead = xstrdup(inherit->units.v[0]);
		else if (inherit->lead)
			t->lead = xstrdup(inherit->lead);
	} else if (d->addressees.n) {
		copy_capped(&t->assignees, &d->addressees);
	}
	if (own.coop.n)
		strs_copy(&t->cooperating, &own.coop);
	else if (!own.units.n && inherit)
		copy_capped(&t->cooperating, &inherit->coop);
	assign_free(&own);
	t->deadline = doc_deadline(s, lc, len, false, d->date, &t->deadline_text);
	t->recurrence = doc_recurrence(lc, len);
}

static const struct assign *inherited(const struct walker *w, int below)
{
	for (int lv = below - 1; lv >= 0; lv--)
		if (w->st[lv].active && (w->st[lv].as.units.n || w->st[lv].as.coop.n))
			return &w->st[lv].as;
	return NULL;
}

static bool execution_clause(const char *lc, size_t len)
{
	static const char *const pats[] = {
		"thi hành quyết định", "có hiệu lực", "ban hành kèm theo", "chịu trách nhiệm thi hành",
	};
	for (size_t i = 0; i < ARRAY_LEN(pats); i++)
		if (doc_find_word(lc, len, 0, pats[i]) != NPOS)
			return true;
	return false;
}

/* "Ghi nhận ...", "Biểu dương ...": a conclusion that praises, not a task. */
static bool acknowledges(const char *lc, size_t len)
{
	static const char *const open[] = {"ghi nhận", "biểu dương", "đánh giá cao", "nhất trí", "hoan nghênh"};
	for (size_t i = 0; i < ARRAY_LEN(open); i++)
		if (doc_has_prefix(lc, len, open[i]))
			return true;
	return false;
}

/* A short pointer to the annex: "(Có Phụ lục chi tiết kèm theo)", "Chi tiết tại Phụ lục". */
static bool refers_to_annex(const char *lc, size_t len)
{
	size_t k = len && lc[0] == '(' ? 1 : 0;
	if (doc_has_prefix(lc + k, len - k, "chi tiết"))
		return true;
	return doc_word_count(lc, len) <= 20 && doc_find_word(lc, len, 0, "phụ lục") != NPOS;
}

/*
 * A sentence that only points at the tasks a task table lists ("Các cơ
 * quan được giao nhiệm vụ tại Phụ lục triển khai thực hiện đúng thời
 * hạn", "Thủ trưởng các cơ quan chịu trách nhiệm thực hiện nhiệm vụ được
 * giao"): no date and no work of its own, so no task.
 */
static bool points_to_table_tasks(const struct dlines *dl, const char *s, const char *lc, size_t len)
{
	if (!dl->ntables)
		return false;
	if (doc_find_word(lc, len, 0, "phụ lục") == NPOS && doc_find_word(lc, len, 0, "nhiệm vụ được giao") == NPOS &&
	    doc_find_word(lc, len, 0, "được giao nhiệm vụ") == NPOS)
		return false;
	char *due = NULL;
	bool dated = doc_deadline(s, lc, len, false, DATE_NONE, &due) != DATE_NONE || due;
	free(due);
	return !dated && doc_no_own_work(s, lc, len);
}

/* Where a second "giao <unit> ..." clause opens after a ";" in s[from..len) (at the ";"), or len. */
static size_t next_giao_clause(const char *s, const char *lc, size_t len, size_t from)
{
	for (size_t i = from; i < len; i++) {
		if (s[i] != ';')
			continue;
		size_t k = i + 1;
		while (k < len && s[k] == ' ')
			k++;
		if (!doc_has_prefix(lc + k, len - k, "giao "))
			continue;
		k += strlen("giao ");
		if (doc_has_prefix(lc + k, len - k, "cho "))
			k += strlen("cho ");
		if (doc_unit_start(s + k, lc + k, len - k))
			return i;
	}
	return len;
}

static bool names_own_units(const char *s, const char *lc, size_t len)
{
	struct assign a;
	doc_assign(s, lc, len, &a);
	bool r = a.units.n > 0;
	assign_free(&a);
	return r;
}

/*
 * Appends the tasks of one paragraph's text: one, or one for each "giao
 * <unit> ..." clause when a sentence that gives work to units goes on
 * "...; giao Sở B chủ trì ...", each clause with its own units and deadline.
 */
static void add_text_tasks(struct doc *d, const char *s, const char *lc, size_t len, const char *section,
			   const struct assign *inherit)
{
	size_t a = 0;
	while (a < len) {
		size_t b = next_giao_clause(s, lc, len, a);
		if (a == 0 && b < len && !names_own_units(s, lc, b))
			b = len;	/* "Tăng cường ...; giao Sở Nội vụ ...": one task, as before */
		size_t tl = b - a;
		if (doc_ends_with(s + a, tl, "./."))
			tl -= 2;
		struct doc_task *t = doc_new_task(d);
		t->section = section ? xstrdup(section) : NULL;
		t->text = doc_trim_dup(s + a, tl, "");
		if (a && t->text[0] == 'g')
			t->text[0] = 'G';	/* the clause as a sentence of its own */
		fill_task(d, t, s + a, lc + a, b - a, inherit);
		a = b + 1;
		while (a < len && s[a] == ' ')
			a++;
	}
}

static void emit_para_task(struct walker *w, int level)
{
	struct node *n = &w->st[level];
	const struct para *p = n->p;
	const char *s = p->s + p->text, *lc = p->lc + p->text;
	size_t len = p->len - p->text;
	if (n->skip || len == 0 || doc_all_upper(s, len))
		return;
	if (level == LV_TOP) {
		/* A top heading with no items is a task only if it assigns work. */
		if (!n->as.units.n && !n->as.self_lead)
			return;
		if (execution_clause(lc, len))
			return;
	}
	if (n->as.whole)
		return;	/* only names units: a heading whose items never came */
	if (doc_ends_with(s, len, ":"))
		return;	/* "... như sau:" introduces; it is not work itself */
	if (acknowledges(lc, len))
		return;
	if (!n->as.units.n && refers_to_annex(lc, len))
		return;	/* "Chi tiết tại Phụ lục kèm theo": the annex holds the tasks */
	if (!n->as.units.n && !inherited(w, level) && w->dl->ntables)
		return;	/* a section's summary naming no unit where a task table holds the work */
	if (points_to_table_tasks(w->dl, s, lc, len))
		return;
	struct buf b = BUF_INIT;
	section_label(w, level, &b);
	add_text_tasks(w->d, s, lc, len, b.len ? buf_str(&b) : NULL, inherited(w, level));
	buf_release(&b);
}

static void pop_to(struct walker *w, int level)
{
	for (int lv = LV_COUNT - 1; lv >= level; lv--) {
		struct node *n = &w->st[lv];
		if (!n->active)
			continue;
		if (!n->children)
			emit_para_task(w, lv);
		assign_free(&n->as);
		n->active = false;
	}
}

static int deepest(const struct walker *w)
{
	for (int lv = LV_COUNT - 1; lv >= 0; lv--)
		if (w->st[lv].active)
			return lv;
	return -1;
}

static bool heading_like(const struct para *p, const struct assign *as)
{
	const char *s = p->s + p->text;
	size_t len = p->len - p->text;
	if (doc_ends_with(s, len, ":") || doc_all_upper(s, len) || as->whole)
		return true;
	return doc_word_count(s, len) <= 15 && !para_terminated(s, len);
}

static void push_node(struct walker *w, int level, const struct para *p)
{
	int parent = -1;
	for (int lv = level - 1; lv >= 0; lv--)
		if (w->st[lv].active) {
			parent = lv;
			break;
		}
	/* An item that is a sentence of work and also has sub-items ("- Nâng cấp
	 * ..., hoàn thành trong Quý IV." then "+ ..."): a task itself too. */
	if (parent >= 0 && !w->st[parent].children && !w->st[parent].heading)
		emit_para_task(w, parent);
	struct node *n = &w->st[level];
	memset(n, 0, sizeof(*n));
	n->active = true;
	n->level = level;
	n->p = p;
	const char *s = p->s + p->text, *lc = p->lc + p->text;
	size_t len = p->len - p->text;
	doc_assign(s, lc, len, &n->as);
	n->heading = heading_like(p, &n->as);
	n->skip = (parent >= 0 && w->st[parent].skip) ||
		  (level <= LV_LETTER && n->heading && skip_heading(lc, len));
	if (parent >= 0)
		w->st[parent].children = true;
}

/* An unnumbered paragraph that only names units, then a colon: "Sở Nội vụ:". */
static bool unit_heading(const struct para *p)
{
	if (p->level != LV_PLAIN || !doc_ends_with(p->s, p->len, ":") || p->len > 200)
		return false;
	struct assign a;
	doc_assign(p->s, p->lc, p->len, &a);
	bool r = a.whole && a.units.n;
	assign_free(&a);
	return r;
}

/* The level for a unit heading: that of the one before it, or below the open numbered levels. */
static int heading_level(const struct walker *w)
{
	for (int lv = LV_TOP; lv <= LV_NUM3; lv++)
		if (w->st[lv].active && w->st[lv].unit_heading)
			return lv;
	for (int lv = LV_NUM3; lv >= LV_TOP; lv--)
		if (w->st[lv].active)
			return lv < LV_NUM3 ? lv + 1 : -1;
	return LV_TOP;
}

void tasks_walk(struct doc *d, const struct dlines *dl, const struct paras *ps, bool body)
{
	struct walker w = {.d = d, .dl = dl};
	size_t closing = ps->n;
	if (body) {
		size_t last_marked = 0;
		bool any = false;
		for (size_t i = 0; i < ps->n; i++)
			if (ps->v[i].level != LV_PLAIN || ps->v[i].table)
				last_marked = i, any = true;
		const struct para *lm = any ? &ps->v[last_marked] : NULL;
		bool heading = lm && !lm->table && doc_word_count(lm->s + lm->text, lm->len - lm->text) <= 15 &&
			       !para_terminated(lm->s + lm->text, lm->len - lm->text);
		for (size_t i = any ? last_marked + 1 : 0; i < ps->n; i++)
			if (closing_para(&ps->v[i], heading && i == last_marked + 1)) {
				closing = i;
				break;
			}
	}
	for (size_t i = 0; i < ps->n; i++) {
		const struct para *p = &ps->v[i];
		if (i >= closing)
			break;
		if (p->table) {
			pop_to(&w, 0);
			annex_tasks(d, &dl->tables[p->table_idx]);
			continue;
		}
		if (p->level != LV_PLAIN) {
			pop_to(&w, p->level);
			push_node(&w, p->level, p);
			continue;
		}
		int dp = deepest(&w);
		if (dp == LV_PLAIN) {
			/* Another plain paragraph under the same heading. */
			pop_to(&w, LV_PLAIN);
			dp = deepest(&w);
		}
		if (dp >= 0 && w.st[dp].heading) {
			push_node(&w, LV_PLAIN, p);
			continue;
		}
		if (unit_heading(p)) {
			/* "Sở Nội vụ:" over its items: a heading one level below the open ones. */
			int lv = heading_level(&w);
			if (lv >= 0) {
				pop_to(&w, lv);
				push_node(&w, lv, p);
				w.st[lv].unit_heading = true;
			}
			continue;
		}
		if (dp >= 0 && gives_work(p->s, p->lc, p->len) && doc_unit_start(p->s, p->lc, p->len) &&
		    !execution_clause(p->lc, p->len)) {
			/* "Các cơ quan, đơn vị báo cáo ..." after the last item: work of its own, outside the list. */
			pop_to(&w, 0);
			dp = -1;
		}
		if (dp < 0) {
			/* A plain paragraph outside any list: a task only if it hands out work. */
			if (gives_work(p->s, p->lc, p->len) && !points_to_table_tasks(dl, p->s, p->lc, p->len))
				add_text_tasks(d, p->s, p->lc, p->len, NULL, NULL);
		}
	}
	pop_to(&w, 0);
}
