/*
 * docparse.c — the whole document: checks, normalises and repairs the text
 * (doc_repair.c), then reads the header boxes (doc_header.c), the signature
 * and distribution
 * list at the foot (doc_footer.c), the numbered body and any annex as
 * paragraphs (doc_para.c) walked into tasks (doc_tasks.c, doc_annex.c),
 * and the documents the text cites (doc_extract.c).
 *
 * Everything runs over the logical lines of doc_text.c in one or two linear
 * passes; nesting is a fixed-size stack, never recursion.
 */
#include "base/base.h"
#include "base/date.h"
#include "doc/doc_int.h"

#include <stdlib.h>
#include <string.h>
#include <uninorm.h>

const char *doc_recurrence_name(enum doc_recurrence r)
{
	switch (r) {
	case DOC_RECUR_WEEKLY: return "weekly";
	case DOC_RECUR_MONTHLY: return "monthly";
	case DOC_RECUR_QUARTERLY: return "quarterly";
	case DOC_RECUR_SIX_MONTHLY: return "six-monthly";
	case DOC_RECUR_YEARLY: return "yearly";
	case DOC_RECUR_ONGOING: return "ongoing";
	case DOC_RECUR_NONE: break;
	}
	return NULL;
}

void doc_free(struct doc *d)
{
	if (!d)
		return;
	free(d->issuer);
	free(d->number);
	free(d->symbol);
	free(d->type);
	free(d->title);
	free(d->place);
	free(d->subject);
	strs_free(&d->addressees);
	free(d->signer_name);
	free(d->signer_title);
	free(d->signer_authority);
	strs_free(&d->recipients);
	for (size_t i = 0; i < d->n_refs; i++) {
		free(d->refs[i].number);
		free(d->refs[i].symbol);
	}
	free(d->refs);
	for (size_t i = 0; i < d->n_tasks; i++) {
		struct doc_task *t = &d->tasks[i];
		free(t->section);
		strs_free(&t->assignees);
		free(t->lead);
		strs_free(&t->cooperating);
		free(t->text);
		free(t->deadline_text);
		free(t->product);
	}
	free(d->tasks);
	for (size_t i = 0; i < d->n_warnings; i++)
		free(d->warnings[i].field);
	free(d->warnings);
	free(d);
}

/* Decomposed Vietnamese (combining marks U+0300..U+036F) needs NFC first. */
static bool has_combining(const char *s, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++) {
		unsigned char c = (unsigned char)s[i], n = (unsigned char)s[i + 1];
		if ((c == 0xCC && n >= 0x80) || (c == 0xCD && n <= 0xAF))
			return true;
	}
	return false;
}

/* The type from the symbol ("KH-UBND"), else from the title line, else "CV". */
static char *type_of(const struct doc *d)
{
	const char *ty = doc_type_from_symbol(d->symbol);
	if (!ty && d->title) {
		size_t n = strlen(d->title), rest;
		char *lc = doc_lower_dup(d->title, n);
		ty = doc_type_from_title(lc, n, &rest);
		free(lc);
	}
	return xstrdup(ty ? ty : "CV");
}

static void find_refs_in(struct doc *d, const char *s)
{
	size_t n = strlen(s);
	char *lc = doc_lower_dup(s, n);
	doc_find_refs(d, s, lc, n);
	free(lc);
}

/* The documents cited by the subject, the paragraphs and the table cells. */
static void collect_refs(struct doc *d, const struct dlines *dl, const struct paras *body,
			 const struct paras *annex)
{
	if (d->subject)
		find_refs_in(d, d->subject);
	for (size_t k = 0; k < 2; k++) {
		const struct paras *ps = k ? annex : body;
		for (size_t i = 0; i < ps->n; i++) {
			const struct para *p = &ps->v[i];
			if (!p->table) {
				doc_find_refs(d, p->s, p->lc, p->len);
				continue;
			}
			const struct dtable *t = &dl->tables[p->table_idx];
			for (size_t r = 0; r < t->nrows; r++)
				for (size_t c = 0; c < t->rows[r].n; c++)
					find_refs_in(d, t->rows[r].cell[c]);
		}
	}
}

/* The document's own number is not a citation. */
static void drop_self_refs(struct doc *d)
{
	size_t o = 0;
	for (size_t i = 0; i < d->n_refs; i++) {
		struct doc_ref *r = &d->refs[i];
		bool self = d->symbol && strcmp(r->symbol, d->symbol) == 0 &&
			    (!d->number || strcmp(r->number, d->number) == 0);
		if (self) {
			free(r->number);
			free(r->symbol);
		} else {
			d->refs[o++] = *r;
		}
	}
	d->n_refs = o;
}

struct doc *doc_parse(const char *text, size_t len, struct buf *err)
{
	struct doc *d = NULL;
	uint8_t *nfc = NULL;
	char *repaired = NULL;
	struct dlines dl = {0};
	struct paras body = {0}, annex = {0};
	struct header h = {0};
	size_t bad;
	if (!doc_utf8_valid(text, len, &bad)) {
		buf_printf(err, "not UTF-8 text: invalid byte 0x%02x at offset %zu", (unsigned char)text[bad], bad);
		goto fail;
	}
	if (has_combining(text, len)) {
		size_t n = 0;
		nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)text, len, NULL, &n);
		if (nfc) {
			text = (const char *)nfc;
			len = n;
		}
	}
	d = xcalloc(1, sizeof(*d));
	d->date = DATE_NONE;
	repaired = doc_repair(text, len, &len);
	dlines_build(&dl, repaired, len);
	header_parse(d, &dl, &h);
	d->issuer = header_issuer(&h.issuer);
	if (h.subject.len)
		d->subject = doc_trim_dup(h.subject.data, h.subject.len, ".;,");
	size_t fs, fe;
	footer_find(&dl, h.end, &fs, &fe);
	footer_parse(d, &dl, fs, fe);
	paras_build(&dl, h.end, fs, &body);
	paras_build(&dl, fe, dl.n, &annex);
	d->type = type_of(d);
	tasks_walk(d, &dl, &body, true);
	tasks_walk(d, &dl, &annex, false);
	if (!doc_recognised(d, &h)) {
		buf_adds(err, "not a directive document: no number or date line, title, addressee, task or "
			 "signature was recognised");
		goto fail;
	}
	doc_check(d, &h);
	collect_refs(d, &dl, &body, &annex);
	drop_self_refs(d);
	goto done;
fail:
	doc_free(d);
	d = NULL;
done:
	header_release(&h);
	paras_free(&body);
	paras_free(&annex);
	dlines_free(&dl);
	free(repaired);
	free(nfc);
	return d;
}
