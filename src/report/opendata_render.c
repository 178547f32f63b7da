/*
 * opendata_render.c — the public open-data page as HTML (charts drawn by
 * report_svg.c, inline), CSV and Atom, from what opendata_compute made
 * (see opendata.h).  The page needs no script and no other file; one
 * small script (web/pow.js) solves the form's proof-of-work when asked.
 */
#include "base/base.h"
#include "base/date.h"
#include "report/opendata.h"
#include "report/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- words ---------------------------------------------------------------- */

static const struct {
	const char *key, *vi, *en;
} words[] = {
	{"title", "Công khai kết quả cải cách hành chính", "Administrative reform: open data"},
	{"as_of", "Số liệu tính đến ngày", "Figures as of"},
	{"other_lang", "English", "Tiếng Việt"},
	{"downloads", "Tải dữ liệu", "Download the data"},
	{"summary", "Toàn tỉnh", "The whole province"},
	{"by_field", "Tiến độ theo lĩnh vực", "Progress by field"},
	{"by_unit", "Tiến độ theo cơ quan, đơn vị", "Progress by unit"},
	{"feedback", "Phản ánh, kiến nghị về quy định hành chính theo đơn vị xử lý",
	 "Citizens' feedback on administrative regulations, by handling unit"},
	{"answers", "Trả lời phản ánh, kiến nghị đã công khai", "Published answers to feedback"},
	{"no_answers", "Chưa có trả lời nào được công khai.", "No answer has been published yet."},
	{"field", "Lĩnh vực", "Field"},
	{"unit", "Cơ quan, đơn vị", "Unit"},
	{"total", "Nhiệm vụ", "Tasks"},
	{"done_on_time", "Xong đúng hạn", "Done on time"},
	{"done_late", "Xong trễ hạn", "Done late"},
	{"overdue", "Quá hạn", "Overdue"},
	{"on_time_rate", "Tỷ lệ đúng hạn", "On-time rate"},
	{"indicators", "Chỉ tiêu đạt", "Indicators met"},
	{"received", "Tiếp nhận", "Received"},
	{"open", "Đang xử lý", "Open"},
	{"answered_on_time", "Trả lời đúng hạn", "Answered on time"},
	{"answered_late", "Trả lời trễ hạn", "Answered late"},
	{"satisfaction_rate", "Tỷ lệ hài lòng", "Satisfaction rate"},
	{"all_units", "Tổng cộng", "Total"},
	{"not_forwarded", "Chưa chuyển xử lý", "Not yet forwarded"},
	{"procedure", "Thủ tục", "Procedure"},
	{"question", "Nội dung", "Feedback"},
	{"answer", "Trả lời", "Answer"},
	{"answered_on", "Ngày trả lời", "Answered on"},
	{"by", "Đơn vị trả lời", "Answered by"},
	{"send", "Gửi phản ánh, kiến nghị", "Send feedback"},
	{"send_note", "Phản ánh, kiến nghị về quy định hành chính và việc thực hiện quy định hành chính. "
		      "Khiếu nại, tố cáo xin gửi theo Luật Khiếu nại và Luật Tố cáo đến cơ quan có thẩm quyền.",
	 "Feedback on administrative regulations and how they are applied. Complaints and denunciations go to the "
	 "competent body under the Law on Complaints and the Law on Denunciations."},
	{"f_unit_concerned", "Cơ quan, bộ phận liên quan", "Office concerned"},
	{"f_content", "Nội dung phản ánh (bắt buộc)", "What happened (required)"},
	{"f_proposal", "Kiến nghị", "What you propose"},
	{"f_name", "Họ và tên (bắt buộc)", "Your name (required)"},
	{"f_phone", "Điện thoại", "Phone"},
	{"f_email", "Thư điện tử", "E-mail"},
	{"f_address", "Địa chỉ", "Address"},
	{"f_reach", "Cần ít nhất một cách liên hệ; thông tin liên hệ không được công khai.",
	 "Give at least one way to reach you; it is never published."},
	{"f_consent", "Tôi đồng ý công khai nội dung và trả lời (không kèm thông tin cá nhân)",
	 "I agree that the feedback and its answer be published (without my personal data)"},
	{"f_files", "Tệp đính kèm (ảnh, PDF, Word, Excel, ODF hoặc văn bản; chỉ cơ quan xử lý được xem)",
	 "Attachments (images, PDF, Word, Excel, ODF or text; seen only by the handling offices)"},
	{"f_submit", "Gửi", "Send"},
	{"status_title", "Tình trạng phản ánh, kiến nghị", "Status of your feedback"},
	{"code", "Mã số", "Tracking code"},
	{"status", "Tình trạng", "Status"},
	{"st_received", "Đã tiếp nhận", "Received"},
	{"st_processing", "Đang xử lý", "Being handled"},
	{"st_answered", "Đã trả lời", "Answered"},
	{"st_rejected", "Không tiếp nhận", "Not accepted"},
	{"received_on", "Ngày tiếp nhận", "Received on"},
	{"answer_due", "Hạn trả lời", "Answer due"},
	{"reject_reason", "Lý do", "Reason"},
	{"rate", "Ông/bà có hài lòng với trả lời này không?", "Are you satisfied with this answer?"},
	{"rate_yes", "Hài lòng", "Satisfied"},
	{"rate_no", "Không hài lòng", "Not satisfied"},
	{"rated_yes", "Ông/bà đã đánh giá: hài lòng.", "You rated the answer: satisfied."},
	{"rated_no", "Ông/bà đã đánh giá: không hài lòng.", "You rated the answer: not satisfied."},
	{"keep_code", "Xin ghi lại mã số để theo dõi.", "Keep the code to follow your feedback."},
	{"error", "Chưa gửi được", "Not sent"},
	{"back", "Quay lại mẫu gửi", "Back to the form"},
	{"home", "Trang công khai", "Open data"},
	{"footer", "Dữ liệu công khai: chỉ số liệu tổng hợp và các trả lời được người gửi đồng ý công khai; "
		   "không có thông tin cá nhân của người gửi.",
	 "Open data: aggregate figures and answers their senders agreed to publish; no sender's personal data."},
};

/* The word for key in lang ("en", else Vietnamese); the key when unknown. */
static const char *w(const char *lang, const char *key)
{
	for (size_t i = 0; i < ARRAY_LEN(words); i++)
		if (strcmp(words[i].key, key) == 0)
			return strcmp(lang, "en") == 0 ? words[i].en : words[i].vi;
	return key;
}

/* ---- pieces ----------------------------------------------------------------- */

static const char *text_of(const json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));
	return v ? v : "";
}

/* A share (0..1, or percent when percent) as "56,6 %" (vi) or "56.6%" (en); "–" for null. */
static void add_rate(struct buf *b, const json_t *v, int percent, const char *lang)
{
	if (!json_is_number(v)) {
		buf_adds(b, "–");
		return;
	}
	char s[32];
	snprintf(s, sizeof s, "%.1f", json_number_value(v) * (percent ? 1 : 100));
	if (strcmp(lang, "en") != 0) {
		char *dot = strchr(s, '.');
		if (dot)
			*dot = ',';
		buf_printf(b, "%s %%", s);
	} else {
		buf_printf(b, "%s%%", s);
	}
}

static void add_int(struct buf *b, const json_t *o, const char *key)
{
	buf_printf(b, "%lld", (long long)json_integer_value(json_object_get(o, key)));
}

static void cell_text(struct buf *b, const char *s)
{
	buf_adds(b, "<td>");
	buf_add_html(b, s);
	buf_adds(b, "</td>");
}

static void cells_int(struct buf *b, const json_t *o, const char *const *keys)
{
	for (; *keys; keys++) {
		buf_adds(b, "<td class=n>");
		add_int(b, o, *keys);
		buf_adds(b, "</td>");
	}
}

static void cell_rate(struct buf *b, const json_t *o, const char *key, int percent, const char *lang)
{
	buf_adds(b, "<td class=n>");
	add_rate(b, json_object_get(o, key), percent, lang);
	buf_adds(b, "</td>");
}

static void head_row(struct buf *b, const char *lang, const char *const *keys)
{
	buf_adds(b, "<thead><tr>");
	for (; *keys; keys++) {
		buf_adds(b, "<th scope=col>");
		buf_add_html(b, w(lang, *keys));
		buf_adds(b, "</th>");
	}
	buf_adds(b, "</tr></thead>");
}

/* One chart of the year's report, inline; nothing when it cannot be drawn. */
static void chart(struct buf *b, const json_t *rep, const char *name)
{
	struct buf svg = BUF_INIT;
	struct err err;
	if (report_chart_svg(rep, name, &svg, &err) == ERR_OK) {
		buf_adds(b, "<figure>");
		buf_add(b, svg.data, svg.len);
		buf_adds(b, "</figure>");
	}
	buf_release(&svg);
}

/* ---- the page ----------------------------------------------------------------- */

static const char STYLE[] =
	"body{font-family:system-ui,'Segoe UI',Roboto,Arial,sans-serif;margin:0 auto;max-width:70rem;padding:1rem;"
	"color:#1a1a1a;line-height:1.45}h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}"
	"table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #ddd;padding:.3rem .4rem;"
	"text-align:left;vertical-align:top}td.n,th.n{text-align:right;white-space:nowrap}"
	"figure{margin:1rem 0;overflow-x:auto}svg{max-width:100%;height:auto}nav a{margin-right:1rem}"
	".big{font-size:1.3rem;font-weight:600}article{border-top:1px solid #ddd;padding:.5rem 0}"
	"blockquote{margin:.3rem 0 .3rem 1rem;white-space:pre-wrap}footer{margin-top:2rem;color:#555;font-size:.85rem}";

/* The document's start up to <body>: title words[title_key] and subtitle. */
static void page_open(struct buf *b, const char *lang, const char *title_key, const char *subtitle)
{
	buf_printf(b, "<!DOCTYPE html><html lang=\"%s\"><head><meta charset=\"utf-8\">"
		      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>",
		   strcmp(lang, "en") == 0 ? "en" : "vi");
	buf_add_html(b, w(lang, title_key));
	if (subtitle && *subtitle) {
		buf_adds(b, " — ");
		buf_add_html(b, subtitle);
	}
	buf_printf(b, "</title><link rel=\"alternate\" type=\"application/atom+xml\" href=\"/public/feed.atom\">"
		      "<style>%s</style></head><body>", STYLE);
}

static void page_head(struct buf *b, const json_t *data, const char *lang)
{
	const json_t *prov = json_object_get(data, "province");
	page_open(b, lang, "title", text_of(prov, "name"));
	buf_adds(b, "<header><h1>");
	buf_add_html(b, w(lang, "title"));
	buf_adds(b, "<br>");
	buf_add_html(b, text_of(prov, "name"));
	buf_adds(b, "</h1><p>");
	buf_add_html(b, w(lang, "as_of"));
	buf_printf(b, " %s. <a href=\"/public/%s\" hreflang=\"%s\">%s</a></p><nav>", text_of(data, "as_of"),
		   strcmp(lang, "en") == 0 ? "" : "?lang=en", strcmp(lang, "en") == 0 ? "vi" : "en",
		   w(lang, "other_lang"));
	buf_printf(b, "%s: <a href=\"/public/data.json\">JSON</a><a href=\"/public/data.csv\">CSV</a>"
		      "<a href=\"/public/feed.atom\">Atom</a><a href=\"#send\">%s</a></nav></header>",
		   w(lang, "downloads"), w(lang, "send"));
}

static void summary(struct buf *b, const json_t *data, const char *lang)
{
	const json_t *t = json_object_get(data, "totals");
	buf_printf(b, "<h2>%s</h2><p><span class=big>", w(lang, "summary"));
	add_rate(b, json_object_get(t, "on_time_rate"), 0, lang);
	buf_printf(b, "</span> %s · ", w(lang, "on_time_rate"));
	add_int(b, t, "total");
	buf_printf(b, " %s · ", w(lang, "total"));
	add_int(b, t, "overdue");
	buf_printf(b, " %s</p>", w(lang, "overdue"));
}

static const char *const progress_cols[] = {"total", "done_on_time", "done_late", "overdue", NULL};

static void fields_table(struct buf *b, const json_t *data, const char *lang)
{
	static const char *const head[] = {"field", "total", "done_on_time", "done_late", "overdue", "on_time_rate",
					   "indicators", NULL};
	buf_printf(b, "<h2>%s</h2><table>", w(lang, "by_field"));
	head_row(b, lang, head);
	buf_adds(b, "<tbody>");
	const json_t *f;
	size_t i;
	json_array_foreach(json_object_get(data, "fields"), i, f) {
		buf_adds(b, "<tr>");
		cell_text(b, strcmp(lang, "en") == 0 && *text_of(f, "name_en") ? text_of(f, "name_en") : text_of(f, "name"));
		cells_int(b, f, progress_cols);
		cell_rate(b, f, "on_time_rate", 0, lang);
		/* Indicators met: by how many unit-measurements, over all judged. */
		long long met = 0, judged = 0;
		const json_t *ind;
		size_t k;
		json_array_foreach(json_object_get(f, "indicators"), k, ind) {
			met += json_integer_value(json_object_get(ind, "units_met"));
			judged += json_integer_value(json_object_get(ind, "units_met")) +
				  json_integer_value(json_object_get(ind, "units_not_met"));
		}
		buf_printf(b, "<td class=n>%lld/%lld</td></tr>", met, judged);
	}
	buf_adds(b, "</tbody></table>");
}

static void units_table(struct buf *b, const json_t *data, const char *lang)
{
	static const char *const head[] = {"unit", "total", "done_on_time", "done_late", "overdue", "on_time_rate",
					   "indicators", NULL};
	buf_printf(b, "<h2>%s</h2><table>", w(lang, "by_unit"));
	head_row(b, lang, head);
	buf_adds(b, "<tbody>");
	const json_t *u;
	size_t i;
	json_array_foreach(json_object_get(data, "units"), i, u) {
		buf_adds(b, "<tr>");
		cell_text(b, text_of(u, "name"));
		cells_int(b, u, progress_cols);
		cell_rate(b, u, "on_time_rate", 0, lang);
		long long met = json_integer_value(json_object_get(u, "indicators_met"));
		long long all = met + json_integer_value(json_object_get(u, "indicators_not_met"));
		buf_printf(b, "<td class=n>%lld/%lld</td></tr>", met, all);
	}
	buf_adds(b, "</tbody></table>");
}

static void feedback_row(struct buf *b, const json_t *u, const char *name, const char *lang)
{
	static const char *const counts[] = {"received", "open", "overdue", "answered_on_time", "answered_late", NULL};
	buf_adds(b, "<tr>");
	cell_text(b, name);
	cells_int(b, u, counts);
	cell_rate(b, u, "on_time_rate", 1, lang);
	cell_rate(b, u, "satisfaction_rate", 1, lang);
	buf_adds(b, "</tr>");
}

static void feedback_table(struct buf *b, const json_t *data, const char *lang)
{
	static const char *const head[] = {"unit", "received", "open", "overdue", "answered_on_time",
					   "answered_late", "on_time_rate", "satisfaction_rate", NULL};
	const json_t *fb = json_object_get(data, "feedback"), *u;
	buf_printf(b, "<h2>%s</h2><table>", w(lang, "feedback"));
	head_row(b, lang, head);
	buf_adds(b, "<tbody>");
	size_t i;
	json_array_foreach(json_object_get(fb, "units"), i, u)
		feedback_row(b, u, *text_of(u, "unit_code") ? text_of(u, "unit_name") : w(lang, "not_forwarded"), lang);
	buf_adds(b, "</tbody><tfoot>");
	feedback_row(b, json_object_get(fb, "total"), w(lang, "all_units"), lang);
	buf_adds(b, "</tfoot></table>");
}

static void answers_list(struct buf *b, const json_t *data, const char *lang)
{
	const json_t *list = json_object_get(data, "answers"), *a;
	buf_printf(b, "<h2>%s</h2>", w(lang, "answers"));
	if (json_array_size(list) == 0)
		buf_printf(b, "<p>%s</p>", w(lang, "no_answers"));
	size_t i;
	json_array_foreach(list, i, a) {
		buf_adds(b, "<article><h3><a href=\"/public/feedback/");
		buf_add_html(b, text_of(a, "code"));
		buf_adds(b, "\">");
		buf_add_html(b, text_of(a, "code"));
		buf_adds(b, "</a></h3><p>");
		if (*text_of(a, "procedure_name")) {
			buf_printf(b, "%s: ", w(lang, "procedure"));
			buf_add_html(b, text_of(a, "procedure_name"));
			buf_adds(b, " · ");
		}
		buf_printf(b, "%s: ", w(lang, "by"));
		buf_add_html(b, text_of(a, "handling_unit_name"));
		buf_printf(b, " · %s: %s</p><p>%s:</p><blockquote>", w(lang, "answered_on"), text_of(a, "answered_on"),
			   w(lang, "question"));
		buf_add_html(b, text_of(a, "content"));
		buf_printf(b, "</blockquote><p>%s:</p><blockquote>", w(lang, "answer"));
		buf_add_html(b, text_of(a, "answer"));
		buf_adds(b, "</blockquote></article>");
	}
}

/* One labelled input (or textarea when rows > 0). */
static void input(struct buf *b, const char *lang, const char *name, const char *label, const char *type, int rows,
		  int max)
{
	buf_printf(b, "<p><label for=%s>%s</label><br>", name, w(lang, label));
	if (rows)
		buf_printf(b, "<textarea id=%s name=%s rows=%d maxlength=%d style=\"width:100%%\"></textarea></p>", name,
			   name, rows, max);
	else
		buf_printf(b, "<input id=%s name=%s type=%s maxlength=%d style=\"width:100%%\"></p>", name, name, type,
			   max);
}

/* The public form: a plain form post, answered with the status page. */
static void send_form(struct buf *b, const char *lang)
{
	/* The script only solves the proof-of-work when one is asked for
	 * (web/pow.js); without it the form still posts. */
	buf_printf(b, "<h2 id=send>%s</h2><p>%s</p><script src=\"/static/pow.js\" defer></script>"
		      "<form id=feedback-form method=post action=\"/public/feedback%s\" "
		      "enctype=\"multipart/form-data\" accept-charset=\"utf-8\">",
		   w(lang, "send"), w(lang, "send_note"), strcmp(lang, "en") == 0 ? "?lang=en" : "");
	input(b, lang, "procedure", "procedure", "text", 0, 500);
	input(b, lang, "unit_concerned", "f_unit_concerned", "text", 0, 500);
	input(b, lang, "content", "f_content", "text", 6, 10000);
	input(b, lang, "proposal", "f_proposal", "text", 3, 5000);
	input(b, lang, "name", "f_name", "text", 0, 200);
	buf_printf(b, "<p>%s</p>", w(lang, "f_reach"));
	input(b, lang, "phone", "f_phone", "tel", 0, 40);
	input(b, lang, "email", "f_email", "email", 0, 254);
	input(b, lang, "address", "f_address", "text", 0, 500);
	buf_printf(b, "<p><label for=attachment>%s</label><br><input id=attachment name=attachment type=file multiple "
		      "accept=\".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.odt,.ods,.txt\"></p>",
		   w(lang, "f_files"));
	buf_printf(b, "<p><label><input type=checkbox name=consent_publish value=1> %s</label></p>"
		      "<p><button type=submit>%s</button></p></form>",
		   w(lang, "f_consent"), w(lang, "f_submit"));
}

void opendata_html(const struct opendata *od, const char *lang, struct buf *out)
{
	const json_t *data = od->data;
	page_head(out, data, lang);
	buf_adds(out, "<main>");
	summary(out, data, lang);
	fields_table(out, data, lang);
	chart(out, od->report, "status-by-field");
	units_table(out, data, lang);
	chart(out, od->report, "on-time-by-unit");
	feedback_table(out, data, lang);
	answers_list(out, data, lang);
	send_form(out, lang);
	buf_printf(out, "</main><footer><p>%s</p></footer></body></html>\n", w(lang, "footer"));
}

/* ---- CSV ------------------------------------------------------------------------ */

static void csv_value(struct buf *b, const json_t *v)
{
	if (json_is_integer(v))
		buf_printf(b, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		buf_printf(b, "%.4f", json_real_value(v));
	/* null: an empty cell */
}

/* One line per measure of row: section, code, name, measure, value. */
static void csv_rows(struct buf *b, const char *section, const char *code, const char *name, const json_t *row,
		     const char *const *measures)
{
	for (; *measures; measures++) {
		const json_t *v = json_object_get(row, *measures);
		if (!v)
			continue;
		report_csv_cell(b, section);
		buf_addc(b, ',');
		report_csv_cell(b, code);
		buf_addc(b, ',');
		report_csv_cell(b, name);
		buf_addc(b, ',');
		report_csv_cell(b, *measures);
		buf_addc(b, ',');
		csv_value(b, v);
		buf_adds(b, "\r\n");
	}
}

void opendata_csv(const json_t *data, struct buf *out)
{
	static const char *const progress[] = {"total", "not_started", "in_progress", "overdue", "done_late",
					       "done_on_time", "due", "on_time_rate", "completion_rate", NULL};
	static const char *const unit_more[] = {"indicators_met", "indicators_not_met", "indicators_regressed", NULL};
	static const char *const indicator[] = {"target", "units_met", "units_not_met", "units_regressed", NULL};
	static const char *const feedback[] = {"received", "rejected", "open", "overdue", "answered_on_time",
					       "answered_late", "rated", "satisfied", "on_time_rate",
					       "satisfaction_rate", NULL};
	const json_t *prov = json_object_get(data, "province"), *row;
	size_t i;
	buf_adds(out, "section,code,name,measure,value\r\n");
	csv_rows(out, "province", text_of(prov, "code"), text_of(prov, "name"), json_object_get(data, "totals"),
		 progress);
	json_array_foreach(json_object_get(data, "fields"), i, row) {
		csv_rows(out, "field", text_of(row, "code"), text_of(row, "name"), row, progress);
		const json_t *ind;
		size_t k;
		json_array_foreach(json_object_get(row, "indicators"), k, ind)
			csv_rows(out, "indicator", text_of(ind, "code"), text_of(ind, "name"), ind, indicator);
	}
	json_array_foreach(json_object_get(data, "units"), i, row) {
		csv_rows(out, "unit", text_of(row, "code"), text_of(row, "name"), row, progress);
		csv_rows(out, "unit", text_of(row, "code"), text_of(row, "name"), row, unit_more);
	}
	const json_t *fb = json_object_get(data, "feedback");
	json_array_foreach(json_object_get(fb, "units"), i, row)
		csv_rows(out, "feedback", text_of(row, "unit_code"), text_of(row, "unit_name"), row, feedback);
	csv_rows(out, "feedback_total", text_of(prov, "code"), text_of(prov, "name"), json_object_get(fb, "total"),
		 feedback);
}

/* ---- Atom ------------------------------------------------------------------------- */

static void atom_entry(struct buf *b, const char *id, const char *title, const char *day, const char *href,
		       const char *summary, const char *content)
{
	buf_adds(b, "<entry><id>");
	buf_add_html(b, id);
	buf_adds(b, "</id><title>");
	buf_add_html(b, title);
	buf_printf(b, "</title><updated>%sT00:00:00+07:00</updated><link rel=\"alternate\" href=\"", day);
	buf_add_html(b, href);
	buf_adds(b, "\"/><summary>");
	buf_add_html(b, summary);
	buf_adds(b, "</summary>");
	if (content) {
		buf_adds(b, "<content type=\"text\">");
		buf_add_html(b, content);
		buf_adds(b, "</content>");
	}
	buf_adds(b, "</entry>");
}

void opendata_atom(const json_t *data, const json_t *reports, struct buf *out)
{
	const json_t *prov = json_object_get(data, "province"), *a;
	const char *latest = text_of(data, "as_of");
	buf_adds(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" "
		      "xml:lang=\"vi\"><id>tag:cchc,2026:public</id><title>");
	buf_add_html(out, "Cải cách hành chính — ");
	buf_add_html(out, text_of(prov, "name"));
	buf_printf(out, "</title><updated>%sT00:00:00+07:00</updated><author><name>", latest);
	buf_add_html(out, text_of(prov, "name"));
	buf_adds(out, "</name></author><link rel=\"self\" href=\"/public/feed.atom\"/>"
		      "<link rel=\"alternate\" type=\"text/html\" href=\"/public/\"/>");
	size_t i;
	json_array_foreach(json_object_get(data, "answers"), i, a) {
		char id[96], title[160], summary[400];
		snprintf(id, sizeof id, "tag:cchc,2026:pakn/%s", text_of(a, "code"));
		snprintf(title, sizeof title, "Trả lời phản ánh, kiến nghị %s", text_of(a, "code"));
		snprintf(summary, sizeof summary, "%s trả lời ngày %s", text_of(a, "handling_unit_name"),
			 text_of(a, "answered_on"));
		char *href = xasprintf("/public/feedback/%s", text_of(a, "code"));
		char *content = xasprintf("%s\n\n%s", text_of(a, "content"), text_of(a, "answer"));
		atom_entry(out, id, title, text_of(a, "answered_on"), href, summary, content);
		free(href);
		free(content);
	}
	json_array_foreach(reports, i, a) {
		const json_t *t = json_object_get(a, "totals");
		char id[96], title[160], summary[300], rate[32] = "–";
		if (json_is_number(json_object_get(t, "on_time_rate")))
			snprintf(rate, sizeof rate, "%.1f %%", 100 * json_number_value(json_object_get(t, "on_time_rate")));
		snprintf(id, sizeof id, "tag:cchc,2026:report/%s", text_of(a, "period"));
		snprintf(title, sizeof title, "Báo cáo cải cách hành chính %s", text_of(a, "period_name"));
		snprintf(summary, sizeof summary, "%lld nhiệm vụ, %lld quá hạn, tỷ lệ đúng hạn %s",
			 (long long)json_integer_value(json_object_get(t, "total")),
			 (long long)json_integer_value(json_object_get(t, "overdue")), rate);
		char *href = xasprintf("/public/data.json?as_of=%s", text_of(a, "period_end"));
		atom_entry(out, id, title, text_of(a, "period_end"), href, summary, NULL);
		free(href);
	}
	buf_adds(out, "</feed>\n");
}

/* ---- the tracking page ----------------------------------------------------------- */

static void status_row(struct buf *b, const char *lang, const char *key, const char *value)
{
	if (!value || !*value)
		return;
	buf_printf(b, "<tr><th scope=row>%s</th><td>", w(lang, key));
	buf_add_html(b, value);
	buf_adds(b, "</td></tr>");
}

void feedback_status_html(const json_t *st, const char *lang, struct buf *out)
{
	const char *code = text_of(st, "code"), *status = text_of(st, "status");
	const char *en = strcmp(lang, "en") == 0 ? "?lang=en" : "";
	char key[32];
	snprintf(key, sizeof key, "st_%s", status);
	page_open(out, lang, "status_title", code);
	buf_printf(out, "<header><h1>%s</h1><nav><a href=\"/public/%s\">%s</a></nav></header><main><table>",
		   w(lang, "status_title"), en, w(lang, "home"));
	status_row(out, lang, "code", code);
	status_row(out, lang, "status", w(lang, key));
	status_row(out, lang, "procedure", text_of(st, "procedure"));
	status_row(out, lang, "received_on", text_of(st, "received_on"));
	status_row(out, lang, "answer_due", text_of(st, "answer_due"));
	status_row(out, lang, "by", text_of(st, "handling_unit_name"));
	status_row(out, lang, "reject_reason", text_of(st, "reject_reason"));
	status_row(out, lang, "answered_on", text_of(st, "answered_on"));
	buf_printf(out, "</table><p>%s</p>", w(lang, "keep_code"));
	if (*text_of(st, "answer")) {
		buf_printf(out, "<h2>%s</h2><blockquote>", w(lang, "answer"));
		buf_add_html(out, text_of(st, "answer"));
		buf_adds(out, "</blockquote>");
	}
	const json_t *satisfied = json_object_get(st, "satisfied");
	if (json_is_true(json_object_get(st, "may_rate"))) {
		buf_printf(out, "<form method=post action=\"/public/feedback/");
		buf_add_html(out, code);
		buf_printf(out, "%s\"><p>%s</p><p><button name=satisfied value=true>%s</button> "
			      "<button name=satisfied value=false>%s</button></p></form>",
			   en, w(lang, "rate"), w(lang, "rate_yes"), w(lang, "rate_no"));
	} else if (json_is_integer(satisfied)) {
		buf_printf(out, "<p>%s</p>", w(lang, json_integer_value(satisfied) ? "rated_yes" : "rated_no"));
	}
	buf_adds(out, "<footer><p>");
	buf_add_html(out, text_of(st, "note"));
	buf_adds(out, "</p></footer></main></body></html>\n");
}

void public_error_html(const struct err *e, const char *lang, struct buf *out)
{
	page_open(out, lang, "error", NULL);
	buf_printf(out, "<main><h1>%s</h1><p>", w(lang, "error"));
	buf_add_html(out, e->message);
	buf_printf(out, "</p><p><a href=\"/public/%s#send\">%s</a></p></main></body></html>\n",
		   strcmp(lang, "en") == 0 ? "?lang=en" : "", w(lang, "back"));
}
