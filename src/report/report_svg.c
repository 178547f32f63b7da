/*
 * report_svg.c — the charts of a report, drawn as SVG from the same JSON
 * the tables come from, so a chart never disagrees with its table:
 *   status-by-field   one stacked bar per field, by status;
 *   on-time-by-unit   the on-time rate of the units with work due, worst
 *                     first (the 40 worst), with the rule's threshold;
 *   indicator-trend   per indicator, the share of units meeting it at the
 *                     end of each quarter up to the report's date.
 * Plain SVG 1.1 with a viewBox, text in the page's font, no script, so
 * it can be shown with <img> or inlined.
 */
#include "base/base.h"
#include "report/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const report_chart_names[] = {"status-by-field", "on-time-by-unit", "indicator-trend", NULL};

#define MAX_UNITS 40

static const struct {
	const char *key, *label, *color;
} statuses[] = {
	{"done_on_time", "Hoàn thành đúng hạn", "#2e7d32"},
	{"done_late", "Hoàn thành trễ hạn", "#9ccc65"},
	{"in_progress", "Đang thực hiện", "#42a5f5"},
	{"not_started", "Chưa bắt đầu", "#bdbdbd"},
	{"overdue", "Quá hạn", "#e53935"},
};

static const char *const palette[] = {"#1565c0", "#c62828", "#2e7d32", "#ef6c00", "#6a1b9a",
				      "#00838f", "#5d4037", "#ad1457", "#558b2f", "#283593"};

static void text(struct buf *b, double x, double y, const char *anchor, int size, const char *s)
{
	buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">", x, y, anchor, size);
	buf_add_html(b, s);
	buf_adds(b, "</text>");
}

static void open_svg(struct buf *b, int w, int h, const char *title)
{
	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
		      "font-family=\"system-ui, 'Segoe UI', Roboto, Arial, sans-serif\" role=\"img\">",
		   w, h, w, h);
	buf_adds(b, "<title>");
	buf_add_html(b, title);
	buf_adds(b, "</title>");
	text(b, 10, 20, "start", 15, title);
}

static void status_by_field(const json_t *rep, struct buf *b)
{
	const json_t *fields = json_object_get(rep, "fields");
	size_t n = json_array_size(fields);
	int left = 250, width = 460, row = 30, top = 60;
	int h = top + (int)n * row + 40;
	char *title = xasprintf("Tình hình thực hiện nhiệm vụ theo lĩnh vực, %s",
				json_string_value(json_object_get(rep, "period_name")));
	open_svg(b, left + width + 60, h, title);
	free(title);
	/* Legend. */
	double lx = 10;
	for (size_t s = 0; s < ARRAY_LEN(statuses); s++) {
		buf_printf(b, "<rect x=\"%.0f\" y=\"32\" width=\"12\" height=\"12\" fill=\"%s\"/>", lx, statuses[s].color);
		text(b, lx + 16, 43, "start", 12, statuses[s].label);
		lx += 30 + 7.0 * (double)strlen(statuses[s].label) * 0.8;
	}
	size_t i;
	json_t *f;
	json_array_foreach(fields, i, f) {
		double y = top + (double)i * row;
		text(b, left - 8, y + 18, "end", 12, json_string_value(json_object_get(f, "name")));
		json_int_t total = json_integer_value(json_object_get(f, "total"));
		double x = left;
		for (size_t s = 0; s < ARRAY_LEN(statuses) && total > 0; s++) {
			json_int_t v = json_integer_value(json_object_get(f, statuses[s].key));
			double w = (double)width * (double)v / (double)total;
			if (v > 0) {
				buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
					      "<title>%s: %lld</title></rect>",
					   x, y + 4, w, row - 8, statuses[s].color, statuses[s].label, (long long)v);
			}
			x += w;
		}
		char num[32];
		snprintf(num, sizeof num, "%lld", (long long)total);
		text(b, left + width + 6, y + 18, "start", 12, num);
	}
	buf_adds(b, "</svg>\n");
}

static double threshold(const json_t *rep)
{
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(json_object_get(rep, "rules"), "behind"), i, r)
		if (strcmp(json_string_value(json_object_get(r, "code")), "on_time_rate") == 0 &&
		    json_is_true(json_object_get(r, "enabled")))
			return json_number_value(json_object_get(json_object_get(r, "params"), "min_rate"));
	return -1;
}

/* Lowest on-time rate first. */
static int by_rate(const void *pa, const void *pb)
{
	double a = json_number_value(json_object_get(*(const json_t *const *)pa, "on_time_rate"));
	double b = json_number_value(json_object_get(*(const json_t *const *)pb, "on_time_rate"));
	return a < b ? -1 : a > b;
}

static void on_time_by_unit(const json_t *rep, struct buf *b)
{
	/* Units come ranked best first within peer groups; collect the rated ones. */
	const json_t *units = json_object_get(rep, "units");
	size_t n = 0, cap = json_array_size(units);
	const json_t **rated = xmalloc((cap ? cap : 1) * sizeof *rated);
	size_t i;
	json_t *u;
	json_array_foreach(units, i, u)
		if (json_is_number(json_object_get(u, "on_time_rate")))
			rated[n++] = u;
	qsort(rated, n, sizeof *rated, by_rate);
	size_t shown = n < MAX_UNITS ? n : MAX_UNITS;
	int left = 300, width = 400, row = 22, top = 50;
	char *title = xasprintf("Tỷ lệ hoàn thành đúng hạn theo cơ quan, đơn vị (%zu thấp nhất / %zu), %s", shown,
				n, json_string_value(json_object_get(rep, "period_name")));
	open_svg(b, left + width + 70, top + (int)shown * row + 30, title);
	free(title);
	for (size_t k = 0; k < shown; k++) {
		double y = top + (double)k * row;
		double r = json_number_value(json_object_get(rated[k], "on_time_rate"));
		text(b, left - 8, y + 15, "end", 12, json_string_value(json_object_get(rated[k], "name")));
		buf_printf(b, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>", left, y + 3,
			   (double)width * r, row - 6, r < threshold(rep) ? "#e53935" : "#2e7d32");
		char pct[32];
		snprintf(pct, sizeof pct, "%.1f%%", r * 100);
		char *dot = strchr(pct, '.');
		if (dot)
			*dot = ',';
		text(b, left + (double)width * r + 4, y + 15, "start", 11, pct);
	}
	double th = threshold(rep);
	if (th >= 0 && shown) {
		double x = left + (double)width * th;
		buf_printf(b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>", x,
			   top - 4, x, top + (int)shown * row);
		char lab[48];
		snprintf(lab, sizeof lab, "ngưỡng %.0f%%", th * 100);
		text(b, x, top + (int)shown * row + 16, "middle", 11, lab);
	}
	free(rated);
	buf_adds(b, "</svg>\n");
}

static void indicator_trend(const json_t *rep, struct buf *b)
{
	int left = 60, width = 520, top = 50, height = 240;
	json_t *inds = json_array();
	size_t i, j;
	json_t *f, *ind;
	json_array_foreach(json_object_get(rep, "fields"), i, f)
		json_array_foreach(json_object_get(f, "indicators"), j, ind)
			json_array_append(inds, ind);
	size_t n = json_array_size(inds);
	char *title = xasprintf("Tỷ lệ đơn vị đạt chỉ tiêu theo quý, %s", json_string_value(json_object_get(rep, "period_name")));
	open_svg(b, left + width + 20, top + height + 50 + (int)n * 18, title);
	free(title);
	/* Axes: 0-100% and the four quarter ends. */
	for (int p = 0; p <= 100; p += 25) {
		double y = top + height - height * p / 100.0;
		buf_printf(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>", left, y, left + width, y);
		char lab[16];
		snprintf(lab, sizeof lab, "%d%%", p);
		text(b, left - 6, y + 4, "end", 11, lab);
	}
	static const char *const q[] = {"Quý I", "6 tháng", "9 tháng", "Năm"};
	for (int k = 0; k < 4; k++)
		text(b, left + width * (k + 0.5) / 4.0, top + height + 18, "middle", 12, q[k]);
	json_array_foreach(inds, i, ind) {
		const char *color = palette[i % ARRAY_LEN(palette)];
		struct buf pts = BUF_INIT;
		json_t *t;
		size_t k;
		json_array_foreach(json_object_get(ind, "trend"), k, t) {
			json_int_t met = json_integer_value(json_object_get(t, "met"));
			json_int_t all = met + json_integer_value(json_object_get(t, "not_met")) +
					 json_integer_value(json_object_get(t, "regressed"));
			if (!all || k >= 4)
				continue;
			double x = left + width * ((double)k + 0.5) / 4.0;
			double y = top + height - height * (double)met / (double)all;
			buf_printf(&pts, "%.1f,%.1f ", x, y);
			buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", x, y, color);
		}
		if (pts.len)
			buf_printf(b, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>", buf_str(&pts),
				   color);
		buf_release(&pts);
		double ly = top + height + 36 + (double)i * 18;
		buf_printf(b, "<rect x=\"%d\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>", left, ly - 10, color);
		text(b, left + 18, ly, "start", 12, json_string_value(json_object_get(ind, "name")));
	}
	json_decref(inds);
	buf_adds(b, "</svg>\n");
}

enum err_code report_chart_svg(const json_t *rep, const char *name, struct buf *out, struct err *err)
{
	if (strcmp(name, "status-by-field") == 0)
		status_by_field(rep, out);
	else if (strcmp(name, "on-time-by-unit") == 0)
		on_time_by_unit(rep, out);
	else if (strcmp(name, "indicator-trend") == 0)
		indicator_trend(rep, out);
	else
		return err_set(err, ERR_NOT_FOUND, "name",
			       "no chart '%.40s': status-by-field, on-time-by-unit or indicator-trend", name);
	return ERR_OK;
}
