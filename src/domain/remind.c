/*
 * remind.c — which reminders are due on a day, their Vietnamese wording,
 * recording them once, the settings file and the scheduler thread.
 *
 * Computing and recording are separate so that `cchc remind --dry-run`
 * shows exactly what a real run would record.  Dedup lives in the store
 * (reminder_log): a reminder is produced once whoever computes it, and a
 * day missed while the server was down is caught up on the next round.
 */
#include "base/base.h"
#include "base/date.h"
#include "base/meter.h"
#include "base/vitext.h"
#include "domain/evidence.h"
#include "domain/input.h"
#include "domain/remind.h"
#include "domain/status.h"
#include "domain/tracker.h"
#include "store/store.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Digests list at most this many lines; the rest is counted. */
#define DIGEST_LINES 25
/* A digest's "due soon" reaches this many working days ahead. */
#define OWED_AHEAD_WORKDAYS 10
#define TITLE_SHORT 90

/* ------------------------------------------------------------------ */
/* The stored calendar                                                 */
/* ------------------------------------------------------------------ */

enum err_code remind_load_calendar(struct tracker *tr, struct calendar *cal, struct err *err)
{
	json_t *rows = store_overrides(tr->store, NULL, NULL, err);
	if (!rows)
		return err->code;
	struct calendar_rules rules = cal->rules;
	calendar_release(cal);
	calendar_init(cal, &rules);
	enum err_code rc = ERR_OK;
	size_t i;
	json_t *o;
	json_array_foreach(rows, i, o) {
		const char *kind = json_string_value(json_object_get(o, "kind"));
		rc = calendar_set_override(cal, date_parse(json_string_value(json_object_get(o, "date"))),
					   strcmp(kind, "work") == 0 ? CALENDAR_WORK : CALENDAR_OFF,
					   json_string_value(json_object_get(o, "name")), err);
		if (rc != ERR_OK)
			break;
	}
	json_decref(rows);
	return rc;
}

/* ------------------------------------------------------------------ */
/* The stored calendar, for the API                                    */
/* ------------------------------------------------------------------ */

json_t *remind_overrides(struct tracker *tr, int year, struct err *err)
{
	char from[DATE_STRLEN], to[DATE_STRLEN];
	if (!year)
		return store_overrides(tr->store, NULL, NULL, err);
	return store_overrides(tr->store, date_format(date_from_ymd(year, 1, 1), from),
			       date_format(date_from_ymd(year, 12, 31), to), err);
}

/* Stores n checked overrides at once, as by (NULL or "": tr's principal). */
static enum err_code put_overrides(struct tracker *tr, const struct override_new *o, size_t n,
				   const char *by, struct err *err)
{
	tracker_attribution_begin(tr);
	enum err_code rc = store_overrides_put(tr->store, o, n, by && *by ? by : auth_actor(tr->who), err);
	tracker_attribution_end(tr);
	return rc;
}

enum err_code remind_override_add(struct tracker *tr, const char *date, const char *kind, const char *name,
				  const char *by, struct err *err)
{
	enum err_code rc = auth_require(tr->who, ACT_CONFIGURE, NULL, err);
	if (rc)
		return rc;
	if (strcmp(kind, "off") != 0 && strcmp(kind, "work") != 0)
		return err_set(err, ERR_INVALID, "kind", "'kind' must be \"off\" or \"work\"");
	/* The calendar's own checks: the supported years, a clean one-line name. */
	struct calendar scratch;
	calendar_init(&scratch, NULL);
	rc = calendar_set_override(&scratch, date_parse(date), CALENDAR_OFF, name, err);
	calendar_release(&scratch);
	if (rc)
		return rc;
	struct override_new o = {date, kind, name ? name : ""};
	return put_overrides(tr, &o, 1, by, err);
}

enum err_code remind_override_put(struct tracker *tr, json_t *body, json_t **out, struct err *err)
{
	/* The override is recorded as the signed-in principal's: the body
	 * names no author. */
	static const char *const allowed[] = {"date", "kind", "name", NULL};
	char date[11];
	char *kind = NULL, *name = NULL;
	json_t *rows = NULL;
	enum err_code rc;
	if ((rc = auth_require(tr->who, ACT_CONFIGURE, NULL, err)) || (rc = in_only(body, allowed, err)) ||
	    (rc = in_date(body, "date", true, date, err)) || (rc = in_text(body, "kind", true, 8, &kind, err)) ||
	    (rc = in_text(body, "name", false, 200, &name, err)) ||
	    (rc = remind_override_add(tr, date, kind, name, NULL, err)))
		goto out;
	if (!(rows = store_overrides(tr->store, date, date, err)) || json_array_size(rows) != 1) {
		rc = rows ? err_set(err, ERR_INTERNAL, "", "override %s vanished", date) : err->code;
		goto out;
	}
	*out = json_incref(json_array_get(rows, 0));
out:
	json_decref(rows);
	free(kind);
	free(name);
	return rc;
}

enum err_code remind_override_remove(struct tracker *tr, const char *date, struct err *err)
{
	enum err_code rc = auth_require(tr->who, ACT_CONFIGURE, NULL, err);
	if (rc)
		return rc;
	if (!date || date_parse(date) == DATE_NONE)
		return err_set(err, ERR_BAD_REQUEST, "date", "'%.40s' is not a real date YYYY-MM-DD",
			       date ? date : "");
	tracker_attribution_begin(tr);
	rc = store_override_delete(tr->store, date, err);
	tracker_attribution_end(tr);
	return rc;
}

enum err_code remind_overrides_import(struct tracker *tr, const char *text, const char *by, size_t *count,
				      struct err *err)
{
	enum err_code rc = auth_require(tr->who, ACT_CONFIGURE, NULL, err);
	if (rc)
		return rc;
	/* The whole text or nothing: the calendar's own reader checks it first. */
	struct calendar scratch;
	calendar_init(&scratch, NULL);
	if ((rc = calendar_load_overrides(&scratch, text, err)))
		goto out;
	size_t n = scratch.n_overrides;
	struct override_new *o = xcalloc(n ? n : 1, sizeof *o);
	char (*days)[DATE_STRLEN] = xcalloc(n ? n : 1, sizeof *days);
	for (size_t i = 0; i < n; i++) {
		const struct calendar_override *ov = &scratch.overrides[i];
		o[i] = (struct override_new){date_format(ov->day, days[i]),
					     ov->kind == CALENDAR_WORK ? "work" : "off", ov->name};
	}
	rc = put_overrides(tr, o, n, by, err);
	if (rc == ERR_OK)
		*count = n;
	free(days);
	free(o);
out:
	calendar_release(&scratch);
	return rc;
}

json_t *remind_holidays(struct tracker *tr, int year, struct err *err)
{
	struct calendar cal;
	calendar_init(&cal, NULL);
	json_t *out = NULL;
	if (remind_load_calendar(tr, &cal, err) != ERR_OK)
		goto cleanup;
	size_t n = calendar_holidays(&cal, year, NULL, 0);
	struct calendar_holiday *h = xcalloc(n ? n : 1, sizeof *h);
	calendar_holidays(&cal, year, h, n);
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		char d[DATE_STRLEN];
		json_array_append_new(list, json_pack("{s:s, s:s}", "date", date_format(h[i].day, d),
						      "name", h[i].name));
	}
	free(h);
	out = json_pack("{s:i, s:o}", "year", year, "holidays", list);
cleanup:
	calendar_release(&cal);
	return out;
}

/* ------------------------------------------------------------------ */
/* Computing reminders                                                 */
/* ------------------------------------------------------------------ */

void reminder_set_release(struct reminder_set *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		free(rs->items[i].subject);
		free(rs->items[i].text);
		free(rs->items[i].body);
		free(rs->items[i].link);
	}
	free(rs->items);
	json_decref(rs->rows);
	memset(rs, 0, sizeof *rs);
}

/* An open assignment, as the computation needs it. */
struct open_item {
	int64_t id, unit_id, field_id;
	int32_t deadline;
	bool overdue;
	int32_t late_workdays;	/* working days past the deadline, when overdue */
	const char *title, *unit_name, *unit_kind;
};

struct compute {
	struct tracker *tr;
	struct calendar *cal;
	const struct remind_settings *s;
	int32_t day;
	struct open_item *items;
	size_t n, cap;
	struct reminder_set *out;
};

static int32_t day_of(json_t *row, const char *key)
{
	const char *v = json_string_value(json_object_get(row, key));
	return v ? date_parse(v) : DATE_NONE;
}

static int collect_open(void *ctx, json_t *row)
{
	struct compute *c = ctx;
	struct reminder_set *rs = c->out;
	int32_t deadline = day_of(row, "deadline");
	enum status s = status_of(deadline, day_of(row, "first_report_on"),
				  day_of(row, "completed_on"), c->day);
	if (s == STATUS_DONE_LATE || s == STATUS_DONE_ON_TIME || deadline == DATE_NONE)
		return 0;
	/* The set keeps the rows so that the names below stay valid. */
	json_array_append(rs->rows, row);
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->items = xrealloc(c->items, c->cap * sizeof *c->items);
	}
	struct open_item *it = &c->items[c->n++];
	*it = (struct open_item){
		.id = json_integer_value(json_object_get(row, "id")),
		.unit_id = json_integer_value(json_object_get(row, "unit_id")),
		.field_id = json_integer_value(json_object_get(row, "field_id")),
		.deadline = deadline,
		.overdue = s == STATUS_OVERDUE,
		.title = json_string_value(json_object_get(row, "task_title")),
		.unit_name = json_string_value(json_object_get(row, "unit_name")),
		.unit_kind = json_string_value(json_object_get(row, "unit_kind")),
	};
	if (it->overdue)
		it->late_workdays = calendar_workdays_between(c->cal, deadline, c->day, NULL);
	return 0;
}

/* "dd/mm/yyyy", as dates are written in Vietnamese letters. */
static char *vn_date(int32_t day, char out[DATE_STRLEN])
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	/* Unsigned, bounded values let the compiler see the fit in 11 bytes. */
	snprintf(out, DATE_STRLEN, "%02u/%02u/%04u", (unsigned)d % 100u, (unsigned)m % 100u,
		 (unsigned)y % 10000u);
	return out;
}

/* A title cut to about TITLE_SHORT bytes at a character boundary. */
static char *short_title(const char *t)
{
	size_t n = strlen(t);
	if (n <= TITLE_SHORT)
		return xstrdup(t);
	size_t cut = TITLE_SHORT;
	while (cut > 0 && ((unsigned char)t[cut] & 0xC0) == 0x80)
		cut--;
	return xasprintf("%.*s…", (int)cut, t);
}

static struct reminder *add_reminder(struct compute *c, const char *kind, int64_t subject_id,
				     int32_t day, int64_t unit_id, const char *unit_name,
				     const char *role)
{
	struct reminder_set *rs = c->out;
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? 2 * rs->cap : 32;
		rs->items = xrealloc(rs->items, rs->cap * sizeof *rs->items);
	}
	struct reminder *r = &rs->items[rs->n++];
	*r = (struct reminder){.kind = kind, .subject_id = subject_id, .day = day,
			       .unit_id = unit_id, .unit_name = unit_name, .role = role};
	return r;
}

static bool seen(struct compute *c, const char *kind, int64_t subject_id, int32_t day)
{
	char d[DATE_STRLEN];
	return store_reminder_seen(c->tr->store, kind, subject_id, date_format(day, d));
}

/* The letter: the notification's text, the list (if any), the link, a footer. */
static void finish_letter(struct compute *c, struct reminder *r, const char *subject,
			  const char *list)
{
	r->subject = xasprintf("[CCHC] %s", subject);
	r->body = xasprintf("%s\n\n%s%sXem và cập nhật tại: %s%s\n\n--\n"
			    "Thư tự động của hệ thống theo dõi cải cách hành chính (CCHC). "
			    "Vui lòng không trả lời thư này.\n",
			    r->text, list ? list : "", list ? "\n" : "", c->s->base_url, r->link);
}

/* before, due, overdue: one assignment, to the unit's officers. */
static void task_reminder(struct compute *c, const struct open_item *it)
{
	struct calendar *cal = c->cal;
	const char *kind;
	int32_t key_day = it->deadline;
	int32_t ahead = 0;
	if (it->overdue) {
		/* Rounds of overdue_every working days, each anchored on its first day. */
		int32_t round = (it->late_workdays - 1) / c->s->overdue_every;
		kind = "overdue";
		key_day = calendar_add_workdays(cal, it->deadline, 1 + round * c->s->overdue_every);
	} else {
		bool off = !calendar_is_workday(cal, it->deadline);
		int32_t due_day = off ? calendar_add_workdays(cal, it->deadline, -1) : it->deadline;
		if (c->day >= due_day) {
			kind = "due";
		} else if (c->s->days_before > 0 &&
			   c->day >= calendar_add_workdays(cal, it->deadline, -c->s->days_before)) {
			kind = "before";
			ahead = calendar_workdays_between(cal, c->day, it->deadline, NULL);
		} else {
			return;
		}
	}
	if (key_day == DATE_NONE || seen(c, kind, it->id, key_day))
		return;
	struct reminder *r = add_reminder(c, kind, it->id, key_day, it->unit_id, it->unit_name,
					  "officer");
	char dl[DATE_STRLEN];
	vn_date(it->deadline, dl);
	char *title = short_title(it->title);
	char *subject;
	if (strcmp(kind, "overdue") == 0) {
		r->text = xasprintf("Nhiệm vụ “%s” của %s đã quá hạn %d ngày làm việc (hạn %s). "
				    "Đề nghị khẩn trương hoàn thành và báo cáo tiến độ.",
				    title, it->unit_name, (int)it->late_workdays, dl);
		subject = xasprintf("Quá hạn: %s", title);
	} else if (strcmp(kind, "due") == 0) {
		if (c->day == it->deadline)
			r->text = xasprintf("Nhiệm vụ “%s” của %s đến hạn hôm nay (%s).", title,
					    it->unit_name, dl);
		else
			r->text = xasprintf("Nhiệm vụ “%s” của %s đến hạn ngày %s (ngày nghỉ); "
					    "hôm nay là ngày làm việc cuối cùng.",
					    title, it->unit_name, dl);
		subject = xasprintf("Đến hạn: %s", title);
	} else {
		r->text = xasprintf("Nhiệm vụ “%s” của %s đến hạn ngày %s, còn %d ngày làm việc.",
				    title, it->unit_name, dl, (int)ahead);
		subject = xasprintf("Sắp đến hạn: %s", title);
	}
	r->link = xasprintf("/#/unit/%lld", (long long)it->unit_id);
	finish_letter(c, r, subject, NULL);
	free(subject);
	free(title);
}

/* One line of a digest: "- title (hạn dd/mm/yyyy, quá hạn N ngày làm việc)". */
static void digest_line(struct buf *b, const struct open_item *it, const char *indent)
{
	char dl[DATE_STRLEN];
	char *title = short_title(it->title);
	if (it->overdue)
		buf_printf(b, "%s- %s (hạn %s, quá hạn %d ngày làm việc)\n", indent, title,
			   vn_date(it->deadline, dl), (int)it->late_workdays);
	else
		buf_printf(b, "%s- %s (hạn %s)\n", indent, title, vn_date(it->deadline, dl));
	free(title);
}

/* weekly_unit: items [from, to) are one unit's, deadline order. */
static void unit_digest(struct compute *c, size_t from, size_t to, int32_t week, int32_t horizon)
{
	const struct open_item *first = &c->items[from];
	int overdue = 0, soon = 0;
	for (size_t i = from; i < to; i++) {
		if (c->items[i].overdue)
			overdue++;
		else if (c->items[i].deadline <= horizon)
			soon++;
	}
	if (overdue + soon == 0 || seen(c, "weekly_unit", first->unit_id, week))
		return;
	struct reminder *r = add_reminder(c, "weekly_unit", first->unit_id, week, first->unit_id,
					  first->unit_name, "head");
	r->text = xasprintf("%s có %d nhiệm vụ quá hạn và %d nhiệm vụ đến hạn trong %d ngày làm "
			    "việc tới.", first->unit_name, overdue, soon, OWED_AHEAD_WORKDAYS);
	r->link = xasprintf("/#/unit/%lld", (long long)first->unit_id);
	struct buf list = BUF_INIT;
	int shown = 0;
	for (int pass = 0; pass < 2; pass++) {
		buf_adds(&list, pass == 0 ? (overdue ? "Quá hạn:\n" : "")
					  : (soon ? "Sắp đến hạn:\n" : ""));
		for (size_t i = from; i < to; i++) {
			const struct open_item *it = &c->items[i];
			bool want = pass == 0 ? it->overdue : !it->overdue && it->deadline <= horizon;
			if (want && shown++ < DIGEST_LINES)
				digest_line(&list, it, "");
		}
	}
	if (shown > DIGEST_LINES)
		buf_printf(&list, "... và %d nhiệm vụ khác.\n", shown - DIGEST_LINES);
	char *subject = xasprintf("Tổng hợp tuần: %s còn %d nhiệm vụ phải thực hiện",
				  first->unit_name, overdue + soon);
	finish_letter(c, r, subject, buf_str(&list));
	free(subject);
	buf_release(&list);
}

/* weekly_lead: overdue work in the fields one agency leads, unit by unit. */
static void lead_digest(struct compute *c, json_t *fields, int64_t lead_id, const char *lead_name,
			int32_t week)
{
	if (seen(c, "weekly_lead", lead_id, week))
		return;
	struct buf list = BUF_INIT, names = BUF_INIT;
	int total = 0, units = 0, nfields = 0, shown = 0;
	int64_t only_field = 0;
	size_t i;
	json_t *f;
	json_array_foreach(fields, i, f) {
		if (json_integer_value(json_object_get(f, "lead_unit_id")) != lead_id)
			continue;
		int64_t fid = json_integer_value(json_object_get(f, "id"));
		const char *fname = json_string_value(json_object_get(f, "name"));
		int in_field = 0;
		int64_t last_unit = 0;
		for (size_t k = 0; k < c->n; k++) {
			const struct open_item *it = &c->items[k];
			if (!it->overdue || it->field_id != fid)
				continue;
			if (in_field++ == 0)
				buf_printf(&list, "Lĩnh vực %s:\n", fname);
			if (it->unit_id != last_unit) {
				/* Items come grouped by unit, so one count per run. */
				int n = 0;
				for (size_t m = k; m < c->n && c->items[m].unit_id == it->unit_id; m++)
					n += c->items[m].overdue && c->items[m].field_id == fid;
				buf_printf(&list, "  %s: %d nhiệm vụ quá hạn\n", it->unit_name, n);
				last_unit = it->unit_id;
				units++;
			}
			if (shown++ < DIGEST_LINES)
				digest_line(&list, it, "  ");
			total++;
		}
		if (in_field) {
			buf_printf(&names, "%s%s", nfields ? ", " : "", fname);
			only_field = nfields ? 0 : fid;
			nfields++;
		}
	}
	if (total > 0) {
		if (shown > DIGEST_LINES)
			buf_printf(&list, "... và %d nhiệm vụ khác.\n", shown - DIGEST_LINES);
		struct reminder *r = add_reminder(c, "weekly_lead", lead_id, week, lead_id, lead_name,
						  NULL);
		r->text = xasprintf("Lĩnh vực do %s chủ trì (%s): %d nhiệm vụ quá hạn tại %d lượt "
				    "đơn vị.", lead_name, buf_str(&names), total, units);
		r->link = only_field ? xasprintf("/#/?field=%lld", (long long)only_field)
				     : xstrdup("/#/");
		char *subject = xasprintf("Tổng hợp tuần các lĩnh vực do %s chủ trì: %d nhiệm vụ "
					  "quá hạn", lead_name, total);
		finish_letter(c, r, subject, buf_str(&list));
		free(subject);
	}
	buf_release(&list);
	buf_release(&names);
}

struct behind {
	const char *name;
	int overdue;
};

static int behind_order(const void *pa, const void *pb)
{
	const struct behind *a = pa, *b = pb;
	if (a->overdue != b->overdue)
		return b->overdue - a->overdue;
	return vi_strcmp(a->name, b->name);
}

/* monthly_ppc: the units with overdue work, most first, to the province unit. */
static void province_digest(struct compute *c, json_t *units, int32_t month)
{
	int64_t ppc = 0;
	const char *ppc_name = NULL;
	size_t i;
	json_t *u;
	json_array_foreach(units, i, u)
		if (!ppc && strcmp(json_string_value(json_object_get(u, "kind")), "province") == 0) {
			ppc = json_integer_value(json_object_get(u, "id"));
			ppc_name = json_string_value(json_object_get(u, "name"));
		}
	if (!ppc || seen(c, "monthly_ppc", ppc, month))
		return;
	struct behind *b = xcalloc(c->n ? c->n : 1, sizeof *b);
	size_t nb = 0;
	int64_t last_unit = 0;
	for (size_t k = 0; k < c->n; k++) {
		if (!c->items[k].overdue)
			continue;
		/* Items come grouped by unit: a new unit starts a new entry. */
		if (nb == 0 || c->items[k].unit_id != last_unit)
			b[nb++] = (struct behind){c->items[k].unit_name, 0};
		last_unit = c->items[k].unit_id;
		b[nb - 1].overdue++;
	}
	if (nb > 0) {
		qsort(b, nb, sizeof *b, behind_order);
		struct buf list = BUF_INIT, worst = BUF_INIT;
		int total = 0;
		for (size_t k = 0; k < nb; k++) {
			total += b[k].overdue;
			if (k < DIGEST_LINES)
				buf_printf(&list, "- %s: %d nhiệm vụ quá hạn\n", b[k].name, b[k].overdue);
			if (k < 3)
				buf_printf(&worst, "%s%s (%d)", k ? ", " : "", b[k].name, b[k].overdue);
		}
		if (nb > DIGEST_LINES)
			buf_printf(&list, "... và %zu đơn vị khác.\n", nb - DIGEST_LINES);
		int y, m, d;
		date_to_ymd(month, &y, &m, &d);
		struct reminder *r = add_reminder(c, "monthly_ppc", ppc, month, ppc, ppc_name, NULL);
		r->text = xasprintf("Tháng %02d/%04d: %zu đơn vị có %d nhiệm vụ quá hạn; chậm nhất: %s.",
				    m % 100, y % 10000, nb, total, buf_str(&worst));
		r->link = xstrdup("/#/");
		char *subject = xasprintf("Tháng %02d/%04d: %zu đơn vị chậm tiến độ", m % 100,
					  y % 10000, nb);
		finish_letter(c, r, subject, buf_str(&list));
		free(subject);
		buf_release(&list);
		buf_release(&worst);
	}
	free(b);
}

enum err_code remind_compute(struct tracker *tr, struct calendar *cal, const struct remind_settings *s,
			     int32_t day, struct reminder_set *out, struct err *err)
{
	memset(out, 0, sizeof *out);
	out->rows = json_array();
	if (!calendar_in_range(day) || !calendar_is_workday(cal, day))
		return ERR_OK;
	struct store *st = tr->store;
	struct compute c = {.tr = tr, .cal = cal, .s = s, .day = day, .out = out};
	int32_t soon = calendar_add_workdays(cal, day, OWED_AHEAD_WORKDAYS);
	int32_t horizon = calendar_add_workdays(cal, day, s->days_before + 1);
	if (soon == DATE_NONE || horizon == DATE_NONE)
		return ERR_OK;	/* the last days of the supported years */
	if (soon > horizon)
		horizon = soon;
	char d[DATE_STRLEN], h[DATE_STRLEN];
	json_t *fields = NULL, *units = NULL;
	enum err_code rc = store_open_assignments_scan(st, date_format(day, d), date_format(horizon, h),
						       collect_open, &c, err);
	if (rc != ERR_OK)
		goto out;
	for (size_t i = 0; i < c.n; i++)
		task_reminder(&c, &c.items[i]);

	int32_t week = day - (date_weekday(day) - 1);
	for (size_t from = 0, to; from < c.n; from = to) {
		for (to = from + 1; to < c.n && c.items[to].unit_id == c.items[from].unit_id; to++)
			;
		unit_digest(&c, from, to, week, soon);
	}
	if (!(fields = store_fields(st, err)) || !(units = store_units(st, err))) {
		rc = err->code;
		goto out;
	}
	/* Each lead agency once, however many fields it leads. */
	size_t i;
	json_t *f;
	json_array_foreach(fields, i, f) {
		int64_t lead = json_integer_value(json_object_get(f, "lead_unit_id"));
		bool earlier = false;
		for (size_t k = 0; k < i && !earlier; k++)
			earlier = json_integer_value(json_object_get(json_array_get(fields, k),
								     "lead_unit_id")) == lead;
		if (lead && !earlier)
			lead_digest(&c, fields, lead,
				    json_string_value(json_object_get(f, "lead_unit_name")), week);
	}
	int y, m, dd;
	date_to_ymd(day, &y, &m, &dd);
	province_digest(&c, units, date_from_ymd(y, m, 1));
out:
	/* Names in the digests point into fields and units: keep them with the set. */
	if (fields)
		json_array_append_new(out->rows, fields);
	if (units)
		json_array_append_new(out->rows, units);
	free(c.items);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Recording and previewing                                            */
/* ------------------------------------------------------------------ */

/* Addresses for r: the unit's contacts of r's role, or all of them when it
 * has none of that role, so that the letter reaches someone there. */
static json_t *recipients(struct store *st, const struct reminder *r, struct err *err)
{
	json_t *c = store_contacts(st, r->unit_id, r->role, err);
	if (c && json_array_size(c) == 0 && r->role) {
		json_decref(c);
		c = store_contacts(st, r->unit_id, NULL, err);
	}
	return c;
}

enum err_code remind_produce(struct tracker *tr, struct calendar *cal, const struct remind_settings *s,
			     int32_t day, struct remind_stats *stats, struct err *err)
{
	struct store *st = tr->store;
	struct reminder_set set;
	enum err_code rc = remind_compute(tr, cal, s, day, &set, err);
	for (size_t i = 0; i < set.n && rc == ERR_OK; i++) {
		const struct reminder *r = &set.items[i];
		json_t *contacts = recipients(st, r, err);
		if (!contacts) {
			rc = err->code;
			break;
		}
		size_t n = json_array_size(contacts);
		const char **rcpt = xcalloc(n ? n : 1, sizeof *rcpt);
		for (size_t k = 0; k < n; k++)
			rcpt[k] = json_string_value(json_object_get(json_array_get(contacts, k), "email"));
		char d[DATE_STRLEN];
		struct reminder_record rec = {
			.kind = r->kind, .subject_id = r->subject_id, .day = date_format(r->day, d),
			.unit_id = r->unit_id, .text = r->text, .link = r->link,
			.subject = r->subject, .body = r->body, .rcpt = rcpt, .nrcpt = n,
		};
		int created = 0;
		rc = store_reminder_record(st, &rec, &created, err);
		if (rc == ERR_OK && created && stats) {
			stats->produced++;
			stats->letters += (int)n;
		}
		free(rcpt);
		json_decref(contacts);
	}
	reminder_set_release(&set);
	return rc;
}

enum err_code remind_preview(struct tracker *tr, struct calendar *cal, const struct remind_settings *s,
			     int32_t day, FILE *out, struct err *err)
{
	struct store *st = tr->store;
	struct reminder_set set;
	enum err_code rc = remind_compute(tr, cal, s, day, &set, err);
	char d[DATE_STRLEN];
	for (size_t i = 0; i < set.n && rc == ERR_OK; i++) {
		const struct reminder *r = &set.items[i];
		json_t *contacts = recipients(st, r, err);
		if (!contacts) {
			rc = err->code;
			break;
		}
		fprintf(out, "%s\t%s\t%s\t", date_format(r->day, d), r->kind, r->unit_name);
		size_t k;
		json_t *ct;
		json_array_foreach(contacts, k, ct)
			fprintf(out, "%s%s", k ? "," : "", json_string_value(json_object_get(ct, "email")));
		fprintf(out, "%s\n  %s\n  %s\n", json_array_size(contacts) ? "" : "(chỉ thông báo)",
			r->subject, r->text);
		fprintf(out, "  %s%s\n", s->base_url, r->link);
		json_decref(contacts);
	}
	if (rc == ERR_OK) {
		date_format(day, d);
		fprintf(out, "%zu reminders due on %s%s\n", set.n, d,
			calendar_is_workday(cal, day) ? "" : " (a day off: none are sent)");
	}
	reminder_set_release(&set);
	return rc;
}

/* ------------------------------------------------------------------ */
/* The scheduler                                                       */
/* ------------------------------------------------------------------ */

struct remind_scheduler {
	struct tracker *tr;
	const struct remind_settings *s;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;		/* signalled by stop */
	bool stop;
	bool leading;			/* this node ran the last round */
	time_t last_sweep;		/* of the evidence folder; 0: none yet */
};

/* One round: the stored calendar, the day's reminders, the mail queue. */
static void scheduler_round(struct remind_scheduler *sch)
{
	struct err err = {0};
	struct calendar cal;
	struct remind_stats stats = {0};
	calendar_init(&cal, NULL);
	int32_t day = sch->s->as_of != DATE_NONE ? sch->s->as_of : date_today();
	if (remind_load_calendar(sch->tr, &cal, &err) != ERR_OK ||
	    remind_produce(sch->tr, &cal, sch->s, day, &stats, &err) != ERR_OK)
		fprintf(stderr, "cchc: reminders: %s\n", err.message);
	if (mailer_drain(sch->tr, &sch->s->mail, 200, &stats.mail, &err) != ERR_OK)
		fprintf(stderr, "cchc: mail: %s\n", err.message);
	if (stats.produced || stats.mail.sent || stats.mail.retried || stats.mail.failed ||
	    stats.mail.recovered) {
		printf("cchc: reminders: %d produced, %d letters queued; mail: %d sent, %d to retry, "
		       "%d failed, %d interrupted\n", stats.produced, stats.letters, stats.mail.sent,
		       stats.mail.retried, stats.mail.failed, stats.mail.recovered);
		fflush(stdout);
	}
	meter_add(METER_REMINDERS, (uint64_t)stats.produced);
	meter_add(METER_LETTERS_SENT, (uint64_t)stats.mail.sent);
	meter_add(METER_SCHEDULER_ROUNDS, 1);
	meter_set(METER_SCHEDULER_LAST, (uint64_t)time(NULL));
	calendar_release(&cal);
}

/* Once a day: the files of submissions refused after their upload. */
static void scheduler_sweep(struct remind_scheduler *sch)
{
	time_t now = time(NULL);
	if (sch->last_sweep && now - sch->last_sweep < 86400)
		return;
	sch->last_sweep = now;
	struct err err = {0};
	struct evidence_sweep_stats stats;
	if (evidence_sweep(sch->tr, sch->s->evidence_sweep_min_age, &stats, &err) != ERR_OK)
		fprintf(stderr, "cchc: evidence sweep: %s\n", err.message);
	if (stats.removed) {
		printf("cchc: evidence sweep: %lld files removed, %lld bytes freed\n", (long long)stats.removed,
		       (long long)stats.bytes);
		fflush(stdout);
	}
}

static void *scheduler_main(void *arg)
{
	struct remind_scheduler *sch = arg;
	pthread_mutex_lock(&sch->mu);
	while (!sch->stop) {
		pthread_mutex_unlock(&sch->mu);
		/* Of several nodes on one database, one runs the rounds; another
		 * takes over within a round's interval when that one dies. */
		bool lead = store_scheduler_lead(sch->tr->store);
		if (lead != sch->leading) {
			printf("cchc: reminders: %s\n", lead ? "this node runs the scheduler"
							 : "another node runs the scheduler");
			fflush(stdout);
			sch->leading = lead;
		}
		if (lead) {
			scheduler_round(sch);
			scheduler_sweep(sch);
		}
		pthread_mutex_lock(&sch->mu);
		struct timespec until;
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_sec += sch->s->interval_seconds;
		while (!sch->stop && pthread_cond_timedwait(&sch->cv, &sch->mu, &until) != ETIMEDOUT)
			;
	}
	pthread_mutex_unlock(&sch->mu);
	return NULL;
}

struct remind_scheduler *remind_scheduler_start(struct tracker *tr, const struct remind_settings *s,
						struct err *err)
{
	struct remind_scheduler *sch = xcalloc(1, sizeof *sch);
	sch->tr = tr;
	sch->s = s;
	pthread_mutex_init(&sch->mu, NULL);
	/* A monotonic clock, so that setting the system time neither stalls nor hurries it. */
	pthread_condattr_t attr;
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&sch->cv, &attr);
	pthread_condattr_destroy(&attr);
	/* The thread inherits this mask: the stop signals stay for the server's sigwait. */
	sigset_t stop, old;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, &old);
	int rc = pthread_create(&sch->thread, NULL, scheduler_main, sch);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		pthread_cond_destroy(&sch->cv);
		pthread_mutex_destroy(&sch->mu);
		free(sch);
		err_set(err, ERR_INTERNAL, "", "cannot start the scheduler: %s", strerror(rc));
		return NULL;
	}
	return sch;
}

void remind_scheduler_stop(struct remind_scheduler *sch)
{
	if (!sch)
		return;
	pthread_mutex_lock(&sch->mu);
	sch->stop = true;
	pthread_cond_signal(&sch->cv);
	pthread_mutex_unlock(&sch->mu);
	pthread_join(sch->thread, NULL);
	pthread_cond_destroy(&sch->cv);
	pthread_mutex_destroy(&sch->mu);
	free(sch);
}
