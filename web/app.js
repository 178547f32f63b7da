/* app.js — the cchc web UI: plain JavaScript, no framework, no build step.
 *
 * Hash routes:  #/            province dashboard (?as_of=&field=&kind=)
 *               #/unit/ID     what a unit owes, with the progress report form
 *               #/task/ID     one task and its assignments across units
 *               #/plans       plans;  #/plan/ID  one plan
 *               #/tasks       task search (?q=&field=&status=&unit=)
 * Every piece of data reaches the page through textContent (see el()). */
'use strict';

/* ---------- words ---------- */

const STATUSES = ['done_on_time', 'done_late', 'in_progress', 'not_started', 'overdue'];

const DICT = {
	vi: {
		app_title: 'Theo dõi cải cách hành chính',
		brand: 'Theo dõi CCHC',
		skip: 'Bỏ qua điều hướng',
		nav_main: 'Điều hướng chính',
		nav_dashboard: 'Tổng quan',
		nav_tasks: 'Nhiệm vụ',
		nav_plans: 'Kế hoạch',
		lang_switch: 'English',
		demo_title: 'Dữ liệu minh họa (demo)',
		footer: 'Hệ thống theo dõi nhiệm vụ cải cách hành chính',
		loading: 'Đang tải…',
		error_load: 'Không tải được dữ liệu',
		retry: 'Thử lại',
		not_found: 'Không tìm thấy trang này.',
		login_title: 'Đăng nhập',
		login_name: 'Tên tài khoản',
		login_password: 'Mật khẩu',
		login_submit: 'Đăng nhập',
		login_note: 'Mỗi cán bộ đăng nhập bằng tài khoản của mình; thao tác được ghi lại.',
		logout: 'Đăng xuất',
		audit_title: 'Lịch sử thay đổi',
		audit_none: 'Chưa có thay đổi nào được ghi.',
		no_report_right: 'Chỉ cán bộ của đơn vị này được báo cáo tiến độ.',
		back_home: 'Về trang tổng quan',
		st_not_started: 'Chưa bắt đầu',
		st_in_progress: 'Đang thực hiện',
		st_overdue: 'Quá hạn',
		st_done_late: 'Hoàn thành trễ hạn',
		st_done_on_time: 'Hoàn thành đúng hạn',
		kind_province: 'UBND tỉnh',
		kind_department: 'Sở',
		kind_agency: 'Ban, ngành',
		kind_commune: 'Xã',
		kind_ward: 'Phường',
		kind_media: 'Báo chí',
		kind_other: 'Khác',
		kinds_all: 'Tất cả đơn vị',
		kinds_dept: 'Sở, ban, ngành tỉnh',
		kinds_local: 'Xã, phường',
		kinds_other: 'Cơ quan khác',
		rec_once: 'Một lần',
		rec_monthly: 'Hằng tháng',
		rec_quarterly: 'Hằng quý',
		rec_semiannual: '6 tháng',
		rec_yearly: 'Hằng năm',
		rec_ongoing: 'Thường xuyên',
		period_q: 'Quý {0}/{1}',
		period_h1: '6 tháng đầu năm {0}',
		period_h2: '6 tháng cuối năm {0}',
		period_m: 'Tháng {0}/{1}',
		period_y: 'Năm {0}',
		dash_title: 'Tình hình thực hiện nhiệm vụ cải cách hành chính',
		dash_as_of: 'Số liệu tính đến ngày {0}',
		f_field: 'Lĩnh vực',
		f_field_all: 'Tất cả lĩnh vực',
		f_kind: 'Loại đơn vị',
		f_as_of: 'Tính đến ngày',
		f_reset: 'Bỏ lọc',
		f_status: 'Trạng thái',
		f_status_all: 'Tất cả trạng thái',
		f_unit: 'Đơn vị',
		f_unit_all: 'Tất cả đơn vị',
		f_q: 'Từ khóa',
		search_units: 'Tìm đơn vị',
		search_units_ph: 'Gõ tên đơn vị, ví dụ: hung dao',
		search_none: 'Không có đơn vị nào khớp.',
		total_assignments: 'Tổng số nhiệm vụ được giao',
		on_time_rate: 'Tỷ lệ đúng hạn',
		on_time_help: 'Hoàn thành đúng hạn trên số nhiệm vụ đã đến hạn',
		units_ranked: 'Đơn vị, xếp từ thấp nhất',
		units_count: '{0} đơn vị',
		col_rank: '#',
		col_unit: 'Đơn vị',
		col_kind: 'Loại',
		col_progress: 'Tiến độ',
		col_total: 'Tổng',
		col_rate: 'Đúng hạn',
		col_field: 'Lĩnh vực',
		col_deadline: 'Hạn',
		col_task: 'Nhiệm vụ',
		col_period: 'Kỳ',
		col_status: 'Trạng thái',
		col_percent: 'Tiến độ',
		col_completed: 'Hoàn thành',
		col_code: 'Mã',
		col_indicator: 'Chỉ tiêu',
		col_target: 'Mục tiêu',
		col_baseline: 'Gốc',
		col_met: 'Đạt',
		col_not_met: 'Chưa đạt',
		col_regressed: 'Giảm sút',
		col_number: 'Số, ký hiệu',
		col_title: 'Tên',
		col_year: 'Năm',
		col_issued: 'Ngày ban hành',
		col_document: 'Văn bản',
		by_field: 'Theo lĩnh vực',
		no_units: 'Không có đơn vị nào với bộ lọc này.',
		legend: 'Chú giải',
		unit_code: 'Mã đơn vị: {0}',
		unit_head: 'Người đứng đầu: {0}',
		unit_leads: 'Chủ trì lĩnh vực: {0}',
		unit_owes: 'Nhiệm vụ phải thực hiện',
		unit_owes_help: 'Sắp xếp theo hạn. Bấm «Báo cáo» để cập nhật tiến độ.',
		filter_all: 'Tất cả',
		no_assignments: 'Không có nhiệm vụ nào.',
		report_btn: 'Báo cáo',
		report_close: 'Đóng',
		report_title: 'Báo cáo tiến độ',
		history: 'Lịch sử báo cáo',
		history_none: 'Chưa có báo cáo nào.',
		r_percent: 'Tỷ lệ hoàn thành (%)',
		r_note: 'Nội dung, kết quả',
		r_completed_on: 'Ngày hoàn thành',
		r_completed_help: 'Bắt buộc khi đạt 100%.',
		r_reporter: 'Người báo cáo',
		r_evidence: 'Tệp minh chứng',
		r_evidence_help: 'PDF, ảnh PNG/JPEG, văn bản, Word, Excel, ODF; có thể chọn nhiều tệp.',
		r_submit: 'Gửi báo cáo',
		r_sending: 'Đang gửi…',
		r_ok: 'Đã ghi nhận báo cáo {0}% cho nhiệm vụ «{1}».',
		r_err: 'Không gửi được',
		r_dup: 'Báo cáo này đã được gửi trước đó, không ghi trùng.',
		r_net: 'Lỗi mạng; bấm gửi lại (báo cáo sẽ không bị ghi trùng).',
		r_pct_bad: 'Tỷ lệ phải là số nguyên từ 0 đến 100.',
		r_date_need: 'Cần ngày hoàn thành khi báo cáo 100%.',
		r_reporter_need: 'Cần tên người báo cáo.',
		r_by: 'bởi {0}',
		r_reported_on: 'Ngày báo cáo',
		r_done_on: 'hoàn thành ngày {0}',
		r_confirmed: 'Thủ trưởng {0} đã xác nhận',
		r_unconfirmed: 'chờ thủ trưởng xác nhận',
		r_confirm: 'Xác nhận hoàn thành',
		r_files: 'Minh chứng',
		task_doc: 'Văn bản: {0}',
		task_section: 'Mục {0}',
		task_deadline: 'Hạn: {0}',
		task_recurrence: 'Định kỳ: {0}',
		task_product: 'Sản phẩm: {0}',
		task_lead: 'Đơn vị chủ trì',
		task_coop: 'Đơn vị phối hợp',
		task_more: 'và {0} đơn vị khác',
		task_assignments: 'Giao cho các đơn vị',
		none: 'Không có',
		plans_title: 'Kế hoạch',
		plan_demo: 'bản minh họa',
		plan_issued: 'Ban hành ngày {0}',
		plan_fields: 'Lĩnh vực, chỉ tiêu và nhiệm vụ',
		plan_lead: 'Cơ quan chủ trì: {0}',
		plan_indicators: 'Chỉ tiêu',
		plan_tasks: 'Nhiệm vụ',
		plan_no_ind: 'Không có chỉ tiêu.',
		plan_no_tasks: 'Không có nhiệm vụ.',
		plan_other_tasks: 'Nhiệm vụ chưa gắn lĩnh vực',
		sample: 'số liệu mẫu',
		tasks_title: 'Tìm nhiệm vụ',
		tasks_search: 'Tìm',
		tasks_ph: 'Ví dụ: thu tuc hanh chinh',
		tasks_none: 'Không có nhiệm vụ nào khớp.',
		load_more: 'Tải thêm',
		shown: 'Đang hiển thị {0}',
		assignments_n: '{0} lượt giao',
		deadline_none: 'Không có hạn',
		n_title: 'Thông báo',
		n_bell: 'Thông báo: {0} chưa đọc',
		n_bell_none: 'Thông báo: không có thông báo chưa đọc',
		n_none: 'Chưa có thông báo nào.',
		n_unread: 'Chưa đọc',
		n_all_read: 'Đánh dấu tất cả đã đọc',
		n_kind_before: 'Sắp đến hạn',
		n_kind_due: 'Đến hạn',
		n_kind_overdue: 'Quá hạn',
		n_kind_weekly_unit: 'Tổng hợp tuần',
		n_kind_weekly_lead: 'Tổng hợp tuần theo lĩnh vực',
		n_kind_monthly_ppc: 'Tổng hợp tháng',
	},
	en: {
		app_title: 'Administrative reform tracker',
		brand: 'Reform tracker',
		skip: 'Skip to content',
		nav_main: 'Main navigation',
		nav_dashboard: 'Dashboard',
		nav_tasks: 'Tasks',
		nav_plans: 'Plans',
		lang_switch: 'Tiếng Việt',
		demo_title: 'Demonstration data (demo)',
		footer: 'Administrative reform task tracker',
		loading: 'Loading…',
		error_load: 'Could not load the data',
		retry: 'Retry',
		not_found: 'There is no such page.',
		login_title: 'Sign in',
		login_name: 'Account name',
		login_password: 'Password',
		login_submit: 'Sign in',
		login_note: 'Each official signs in with their own account; every change is recorded.',
		logout: 'Sign out',
		audit_title: 'History of changes',
		audit_none: 'No change recorded yet.',
		no_report_right: 'Only this unit\'s officers report its progress.',
		back_home: 'Back to the dashboard',
		st_not_started: 'Not started',
		st_in_progress: 'In progress',
		st_overdue: 'Overdue',
		st_done_late: 'Done late',
		st_done_on_time: 'Done on time',
		kind_province: 'Provincial PC',
		kind_department: 'Department',
		kind_agency: 'Agency',
		kind_commune: 'Commune',
		kind_ward: 'Ward',
		kind_media: 'Media',
		kind_other: 'Other',
		kinds_all: 'All units',
		kinds_dept: 'Departments and agencies',
		kinds_local: 'Communes and wards',
		kinds_other: 'Other bodies',
		rec_once: 'Once',
		rec_monthly: 'Monthly',
		rec_quarterly: 'Quarterly',
		rec_semiannual: 'Six-monthly',
		rec_yearly: 'Yearly',
		rec_ongoing: 'Ongoing',
		period_q: 'Q{0} {1}',
		period_h1: 'H1 {0}',
		period_h2: 'H2 {0}',
		period_m: '{0}/{1}',
		period_y: 'Year {0}',
		dash_title: 'Administrative reform: progress of assigned tasks',
		dash_as_of: 'Figures as of {0}',
		f_field: 'Field',
		f_field_all: 'All fields',
		f_kind: 'Unit kind',
		f_as_of: 'As of',
		f_reset: 'Clear filters',
		f_status: 'Status',
		f_status_all: 'Any status',
		f_unit: 'Unit',
		f_unit_all: 'Any unit',
		f_q: 'Words',
		search_units: 'Find a unit',
		search_units_ph: 'Type a unit name, e.g. hung dao',
		search_none: 'No unit matches.',
		total_assignments: 'Assignments in total',
		on_time_rate: 'On-time rate',
		on_time_help: 'Done on time out of the assignments already due',
		units_ranked: 'Units, worst first',
		units_count: '{0} units',
		col_rank: '#',
		col_unit: 'Unit',
		col_kind: 'Kind',
		col_progress: 'Progress',
		col_total: 'Total',
		col_rate: 'On time',
		col_field: 'Field',
		col_deadline: 'Deadline',
		col_task: 'Task',
		col_period: 'Period',
		col_status: 'Status',
		col_percent: 'Progress',
		col_completed: 'Completed',
		col_code: 'Code',
		col_indicator: 'Indicator',
		col_target: 'Target',
		col_baseline: 'Baseline',
		col_met: 'Met',
		col_not_met: 'Not met',
		col_regressed: 'Regressed',
		col_number: 'Number',
		col_title: 'Title',
		col_year: 'Year',
		col_issued: 'Issued',
		col_document: 'Document',
		by_field: 'By field',
		no_units: 'No unit matches these filters.',
		legend: 'Legend',
		unit_code: 'Unit code: {0}',
		unit_head: 'Head: {0}',
		unit_leads: 'Leads the field(s): {0}',
		unit_owes: 'What this unit owes',
		unit_owes_help: 'Sorted by deadline. Press “Report” to record progress.',
		filter_all: 'All',
		no_assignments: 'No assignments.',
		report_btn: 'Report',
		report_close: 'Close',
		report_title: 'Progress report',
		history: 'Report history',
		history_none: 'No reports yet.',
		r_percent: 'Percent complete',
		r_note: 'Note',
		r_completed_on: 'Completion date',
		r_completed_help: 'Required at 100%.',
		r_reporter: 'Reported by',
		r_evidence: 'Evidence files',
		r_evidence_help: 'PDF, PNG/JPEG images, text, Word, Excel, ODF; several files allowed.',
		r_submit: 'Send report',
		r_sending: 'Sending…',
		r_ok: 'Recorded a {0}% report for “{1}”.',
		r_err: 'Not sent',
		r_dup: 'This report was already received; it was not recorded twice.',
		r_net: 'Network error; press send again (it will not be recorded twice).',
		r_pct_bad: 'Percent must be a whole number from 0 to 100.',
		r_date_need: 'A 100% report needs the completion date.',
		r_reporter_need: 'Please give the reporter’s name.',
		r_by: 'by {0}',
		r_reported_on: 'Reported on',
		r_done_on: 'completed on {0}',
		r_confirmed: 'confirmed by the head, {0}',
		r_unconfirmed: 'awaiting the head\'s confirmation',
		r_confirm: 'Confirm completion',
		r_files: 'Evidence',
		task_doc: 'Document: {0}',
		task_section: 'Section {0}',
		task_deadline: 'Deadline: {0}',
		task_recurrence: 'Recurrence: {0}',
		task_product: 'Product: {0}',
		task_lead: 'Lead units',
		task_coop: 'Cooperating units',
		task_more: 'and {0} more',
		task_assignments: 'Assignments across units',
		none: 'None',
		plans_title: 'Plans',
		plan_demo: 'illustrative',
		plan_issued: 'Issued on {0}',
		plan_fields: 'Fields, indicators and tasks',
		plan_lead: 'Lead agency: {0}',
		plan_indicators: 'Indicators',
		plan_tasks: 'Tasks',
		plan_no_ind: 'No indicators.',
		plan_no_tasks: 'No tasks.',
		plan_other_tasks: 'Tasks without a field',
		sample: 'sample values',
		tasks_title: 'Find tasks',
		tasks_search: 'Search',
		tasks_ph: 'e.g. thu tuc hanh chinh',
		tasks_none: 'No task matches.',
		load_more: 'Load more',
		shown: 'Showing {0}',
		assignments_n: '{0} assignments',
		deadline_none: 'No deadline',
		n_title: 'Notifications',
		n_bell: 'Notifications: {0} unread',
		n_bell_none: 'Notifications: none unread',
		n_none: 'No notifications yet.',
		n_unread: 'Unread',
		n_all_read: 'Mark all as read',
		n_kind_before: 'Deadline ahead',
		n_kind_due: 'Due today',
		n_kind_overdue: 'Overdue',
		n_kind_weekly_unit: 'Weekly summary',
		n_kind_weekly_lead: 'Weekly summary by field',
		n_kind_monthly_ppc: 'Monthly summary',
	},
};

let lang = 'vi';
try {
	const saved = localStorage.getItem('cchc.lang');
	if (saved === 'en' || saved === 'vi')
		lang = saved;
} catch (e) { /* storage may be off */ }

function t(key, ...args)
{
	const s = (DICT[lang] && DICT[lang][key]) || DICT.vi[key] || key;
	return s.replace(/\{(\d)\}/g, (m, i) => (args[i] === undefined ? '' : String(args[i])));
}

function statusLabel(s) { return t('st_' + s); }
function kindLabel(k) { return t('kind_' + k); }
function recLabel(r) { return t('rec_' + r); }

function periodLabel(p)
{
	if (!p)
		return '';
	let m;
	if ((m = /^(\d{4})-Q(\d)$/.exec(p)))
		return t('period_q', lang === 'vi' ? ['I', 'II', 'III', 'IV'][m[2] - 1] : m[2], m[1]);
	if ((m = /^(\d{4})-H([12])$/.exec(p)))
		return t('period_h' + m[2], m[1]);
	if ((m = /^(\d{4})-(\d{2})$/.exec(p)))
		return t('period_m', Number(m[2]), m[1]);
	if ((m = /^(\d{4})$/.exec(p)))
		return t('period_y', m[1]);
	return p;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/* "2026-03-31" → 31/03/2026 (vi) or 31 Mar 2026 (en). */
function fmtDate(iso)
{
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
	if (!m)
		return iso || '';
	if (lang === 'vi')
		return m[3] + '/' + m[2] + '/' + m[1];
	return Number(m[3]) + ' ' + MONTHS_EN[m[2] - 1] + ' ' + m[1];
}

function fmtNum(n)
{
	return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(n || 0);
}

/* A rate in 0..1, or null when nothing is due yet. */
function fmtRate(r)
{
	if (r === null || r === undefined)
		return '—';
	return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB',
		{style: 'percent', maximumFractionDigits: 1}).format(r);
}

function fmtSize(b)
{
	if (b < 1024)
		return fmtNum(b) + ' B';
	if (b < 1048576)
		return fmtNum(Math.round(b / 102.4) / 10) + ' KB';
	return fmtNum(Math.round(b / 104857.6) / 10) + ' MB';
}

/* Today in Vietnam (UTC+7), the server's calendar day, as YYYY-MM-DD. */
function todayVN()
{
	const d = new Date(Date.now() + 7 * 3600 * 1000);
	return d.toISOString().slice(0, 10);
}

function newRequestKey()
{
	if (window.crypto && typeof crypto.randomUUID === 'function')
		return crypto.randomUUID();
	/* randomUUID needs a secure context; plain http on a LAN address is not one. */
	const b = new Uint8Array(16);
	crypto.getRandomValues(b);
	return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/* ---------- DOM ---------- */

/* el('a', {href: '#/', class: 'x', onclick: f}, 'text', child, ...): text is
 * always text; never markup. */
function el(tag, attrs, ...kids)
{
	const e = document.createElement(tag);
	if (attrs) {
		for (const k of Object.keys(attrs)) {
			const v = attrs[k];
			if (v === null || v === undefined || v === false)
				continue;
			if (k.startsWith('on') && typeof v === 'function')
				e.addEventListener(k.slice(2), v);
			else if (k === 'class')
				e.className = v;
			else if (k === 'text')
				e.textContent = v;
			else if (k === 'dataset')
				Object.assign(e.dataset, v);
			else if (k === 'value' || k === 'checked' || k === 'selected' || k === 'disabled' || k === 'hidden')
				e[k] = v;
			else
				e.setAttribute(k, v === true ? '' : String(v));
		}
	}
	add(e, kids);
	return e;
}

function add(parent, kids)
{
	for (const k of kids) {
		if (k === null || k === undefined || k === false)
			continue;
		if (Array.isArray(k))
			add(parent, k);
		else if (k instanceof Node)
			parent.appendChild(k);
		else
			parent.appendChild(document.createTextNode(String(k)));
	}
}

function clear(e)
{
	while (e.firstChild)
		e.removeChild(e.firstChild);
	return e;
}

function badge(status)
{
	return el('span', {class: 'badge st-' + status, dataset: {status: status}}, statusLabel(status));
}

/* A bar of five segments, one per status, widths proportional to counts. */
function stackBar(c)
{
	const total = c.total || STATUSES.reduce((s, k) => s + (c[k] || 0), 0);
	const bar = el('div', {class: 'bar', role: 'img'});
	const parts = [];
	for (const s of STATUSES) {
		const n = c[s] || 0;
		if (!n)
			continue;
		const seg = el('span', {class: 'seg st-' + s, title: statusLabel(s) + ': ' + fmtNum(n)});
		seg.style.flexGrow = String(n);
		bar.appendChild(seg);
		parts.push(statusLabel(s) + ' ' + fmtNum(n));
	}
	if (!total)
		bar.classList.add('empty');
	bar.setAttribute('aria-label', parts.join(', ') || t('none'));
	return bar;
}

function pctBar(p)
{
	const fill = el('span', {class: 'pfill' + (p >= 100 ? ' full' : '')});
	fill.style.width = Math.max(0, Math.min(100, p)) + '%';
	return el('span', {class: 'pct'}, el('span', {class: 'ptrack'}, fill), el('span', {class: 'pnum'}, p + '%'));
}

function legend()
{
	return el('ul', {class: 'legend', 'aria-label': t('legend')},
		STATUSES.map((s) => el('li', null, el('span', {class: 'sw st-' + s}), statusLabel(s))));
}

function unitLink(id, name)
{
	return el('a', {href: '#/unit/' + id}, name);
}

function table(cls, heads, rows)
{
	return el('div', {class: 'tablewrap'},
		el('table', {class: cls},
			el('thead', null, el('tr', null, heads.map((h) =>
				typeof h === 'string' ? el('th', {scope: 'col'}, h) : h))),
			el('tbody', null, rows)));
}

function field(label, input, help)
{
	return el('label', {class: 'fld'}, el('span', {class: 'lbl'}, label), input,
		help ? el('small', {class: 'help'}, help) : null);
}

/* ---------- API ---------- */

class ApiError extends Error {
	constructor(status, message, field) {
		super(message);
		this.status = status;
		this.field = field || '';
	}
}

/* The signed-in official: {name, unit_id, unit_code, roles, csrf}, or null. */
let me = null;

async function api(path, opts)
{
	let r;
	const o = Object.assign({}, opts || {});
	const headers = Object.assign({Accept: 'application/json'}, o.headers || {});
	/* Every change made from the browser carries the session's CSRF token. */
	if (o.method && o.method !== 'GET' && me && me.csrf)
		headers['X-CSRF-Token'] = me.csrf;
	o.headers = headers;
	try {
		r = await fetch('/api/v1/' + path, o);
	} catch (e) {
		throw new ApiError(0, e.message || 'network error');
	}
	if (r.status === 401 && path !== 'session') {
		me = null;
		showUser();
		if (!location.hash.startsWith('#/login'))
			location.hash = '#/login?next=' + encodeURIComponent(location.hash.replace(/^#/, '') || '/');
	}
	let body = null;
	try {
		body = await r.json();
	} catch (e) {
		body = null;
	}
	if (!r.ok) {
		const err = body && body.error;
		throw new ApiError(r.status, (err && err.message) || ('HTTP ' + r.status), err && err.field);
	}
	return body;
}

function qs(params)
{
	const u = new URLSearchParams();
	for (const k of Object.keys(params))
		if (params[k] !== '' && params[k] !== null && params[k] !== undefined)
			u.set(k, params[k]);
	const s = u.toString();
	return s ? '?' + s : '';
}

/* Small caches for lists that change rarely. */
let fieldsCache = null;
function getFields()
{
	if (!fieldsCache)
		fieldsCache = api('fields').catch((e) => { fieldsCache = null; throw e; });
	return fieldsCache;
}
let unitsCache = null;
function getUnits()
{
	if (!unitsCache)
		unitsCache = api('units').catch((e) => { unitsCache = null; throw e; });
	return unitsCache;
}

function fieldName(f)
{
	return lang === 'en' && f.name_en ? f.name_en : f.name;
}

/* ---------- routing ---------- */

const main = () => document.getElementById('main');
let renderSeq = 0;

function parseHash()
{
	let h = location.hash.replace(/^#/, '');
	if (!h.startsWith('/'))
		h = '/';
	const qi = h.indexOf('?');
	const path = qi < 0 ? h : h.slice(0, qi);
	const query = new URLSearchParams(qi < 0 ? '' : h.slice(qi + 1));
	return {path: path, query: query, parts: path.split('/').filter(Boolean)};
}

function setHashQuery(path, params)
{
	const h = '#' + path + qs(params);
	if (location.hash !== h)
		location.hash = h;
	else
		route();
}

async function route()
{
	const seq = ++renderSeq;
	const r = parseHash();
	const m = clear(main());
	const p = r.parts;
	let page = null, nav = '';
	if (p[0] === 'login' && p.length === 1) {
		page = pageLogin;
	} else if (!me) {
		location.hash = '#/login?next=' + encodeURIComponent(r.path + (r.query.toString() ? '?' + r.query : ''));
		return;
	} else if (p.length === 0) {
		page = pageDashboard; nav = 'dashboard';
	} else if (p[0] === 'unit' && /^\d+$/.test(p[1] || '') && p.length === 2) {
		page = pageUnit; nav = 'dashboard';
	} else if (p[0] === 'task' && /^\d+$/.test(p[1] || '') && p.length === 2) {
		page = pageTask; nav = 'tasks';
	} else if (p[0] === 'tasks' && p.length === 1) {
		page = pageTasks; nav = 'tasks';
	} else if (p[0] === 'plans' && p.length === 1) {
		page = pagePlans; nav = 'plans';
	} else if (p[0] === 'plan' && /^\d+$/.test(p[1] || '') && p.length === 2) {
		page = pagePlan; nav = 'plans';
	}
	for (const a of document.querySelectorAll('[data-nav]'))
		a.classList.toggle('on', a.dataset.nav === nav);
	if (!page) {
		m.appendChild(el('section', {class: 'panel'}, el('h1', null, t('not_found')),
			el('p', null, el('a', {href: '#/'}, t('back_home')))));
		return;
	}
	m.appendChild(el('p', {class: 'loading'}, t('loading')));
	const ctx = {
		seq: seq,
		live: () => seq === renderSeq,
		query: r.query,
		id: p[1],
		root: m,
	};
	try {
		await page(ctx);
	} catch (e) {
		if (!ctx.live())
			return;
		clear(m).appendChild(el('section', {class: 'panel error-box', role: 'alert'},
			el('h1', null, t('error_load')),
			el('p', null, e.message),
			el('button', {type: 'button', onclick: route}, t('retry'))));
	}
}

/* Replaces the page content once data has arrived (if still current). */
function show(ctx, ...kids)
{
	if (!ctx.live())
		return false;
	add(clear(ctx.root), kids);
	return true;
}

function setTitle(s)
{
	document.title = s ? s + ' · ' + t('brand') : t('app_title');
}

/* ---------- dashboard ---------- */

const KIND_SETS = [
	['', 'kinds_all'],
	['department,agency', 'kinds_dept'],
	['commune,ward', 'kinds_local'],
	['province,media,other', 'kinds_other'],
];

async function pageDashboard(ctx)
{
	const q = ctx.query;
	const f = {as_of: q.get('as_of') || '', field: q.get('field') || '', kind: q.get('kind') || ''};
	const [dash, fields] = await Promise.all([api('dashboard' + qs(f)), getFields()]);
	setTitle('');

	const go = (next) => setHashQuery('/', Object.assign({}, f, next));

	const fieldSel = el('select', {name: 'field', id: 'f-field', onchange: (e) => go({field: e.target.value})},
		el('option', {value: ''}, t('f_field_all')),
		fields.map((x) => el('option', {value: String(x.id), selected: String(x.id) === f.field}, fieldName(x))));
	const kindSel = el('select', {name: 'kind', id: 'f-kind', onchange: (e) => go({kind: e.target.value})},
		KIND_SETS.map(([v, k]) => el('option', {value: v, selected: v === f.kind}, t(k))));
	if (f.kind && !KIND_SETS.some(([v]) => v === f.kind))
		kindSel.appendChild(el('option', {value: f.kind, selected: true}, f.kind));
	const asOf = el('input', {type: 'date', name: 'as_of', id: 'f-asof', value: f.as_of || dash.as_of,
		onchange: (e) => go({as_of: e.target.value === todayVN() ? '' : e.target.value})});
	const filters = el('form', {class: 'filters', role: 'search', onsubmit: (e) => e.preventDefault()},
		field(t('f_field'), fieldSel), field(t('f_kind'), kindSel), field(t('f_as_of'), asOf),
		(f.field || f.kind || f.as_of) ? el('a', {class: 'btn ghost', href: '#/'}, t('f_reset')) : null);

	const tot = dash.totals;
	const cards = el('div', {class: 'cards', id: 'totals'},
		el('div', {class: 'card big'}, el('span', {class: 'k'}, t('on_time_rate')),
			el('span', {class: 'v', id: 'total-rate', title: t('on_time_help')}, fmtRate(tot.on_time_rate))),
		el('div', {class: 'card'}, el('span', {class: 'k'}, t('total_assignments')),
			el('span', {class: 'v'}, fmtNum(tot.total))),
		STATUSES.map((s) => el('div', {class: 'card st-card', dataset: {status: s}},
			el('span', {class: 'k'}, el('span', {class: 'sw st-' + s}), statusLabel(s)),
			el('span', {class: 'v'}, fmtNum(tot[s])))));

	const unitRows = dash.units.map((u, i) => el('tr', {dataset: {unit: String(u.id), kind: u.kind}},
		el('td', {class: 'num rank'}, String(i + 1)),
		el('th', {scope: 'row', class: 'uname'}, unitLink(u.id, u.name),
			el('small', {class: 'kind'}, kindLabel(u.kind))),
		el('td', {class: 'barcell'}, stackBar(u)),
		el('td', {class: 'num rate', dataset: {k: 'on_time_rate'}}, fmtRate(u.on_time_rate)),
		STATUSES.map((s) => el('td', {class: 'num cnt', dataset: {k: s}}, fmtNum(u[s]))),
		el('td', {class: 'num cnt', dataset: {k: 'total'}}, fmtNum(u.total))));
	const statusHeads = STATUSES.map((s) => el('th', {scope: 'col', class: 'num cnt', title: statusLabel(s)},
		el('span', {class: 'sw st-' + s}), el('span', {class: 'short'}, statusLabel(s))));
	const units = dash.units.length ?
		table('units', [t('col_rank'), t('col_unit'), t('col_progress'),
			el('th', {scope: 'col', class: 'num'}, t('col_rate')), statusHeads,
			el('th', {scope: 'col', class: 'num cnt'}, t('col_total'))], unitRows) :
		el('p', {class: 'empty'}, t('no_units'));

	const fieldRows = dash.fields.map((x) => {
		const ff = fields.find((y) => y.id === x.id) || x;
		return el('tr', {dataset: {field: String(x.id)}},
			el('th', {scope: 'row'}, el('a', {href: '#/' + qs(Object.assign({}, f, {field: String(x.id)}))}, fieldName(ff))),
			el('td', {class: 'barcell'}, stackBar(x)),
			el('td', {class: 'num rate'}, fmtRate(x.on_time_rate)),
			STATUSES.map((s) => el('td', {class: 'num cnt'}, fmtNum(x[s]))),
			el('td', {class: 'num cnt'}, fmtNum(x.total)));
	});
	const statusHeads2 = STATUSES.map((s) => el('th', {scope: 'col', class: 'num cnt', title: statusLabel(s)},
		el('span', {class: 'sw st-' + s}), el('span', {class: 'short'}, statusLabel(s))));

	show(ctx,
		el('section', {class: 'panel head'},
			el('h1', null, t('dash_title')),
			el('p', {class: 'sub'}, t('dash_as_of', fmtDate(dash.as_of))),
			el('div', {class: 'toolbar'}, filters, unitSearch())),
		el('section', {class: 'panel'}, cards, el('p', {class: 'note-s'}, t('on_time_help'), '.'), legend()),
		el('section', {class: 'panel'},
			el('h2', null, t('units_ranked'), ' ', el('small', null, t('units_count', fmtNum(dash.units.length)))),
			units),
		el('section', {class: 'panel'},
			el('h2', null, t('by_field')),
			table('fields', [t('col_field'), t('col_progress'), el('th', {scope: 'col', class: 'num'}, t('col_rate')),
				statusHeads2, el('th', {scope: 'col', class: 'num cnt'}, t('col_total'))], fieldRows)));
}

function unitSearch()
{
	const out = el('ul', {class: 'results', id: 'unit-results', 'aria-live': 'polite'});
	let timer = 0, seq = 0;
	const run = async (q) => {
		const my = ++seq;
		if (!q.trim()) {
			clear(out);
			return;
		}
		let list;
		try {
			list = await api('units' + qs({q: q.trim()}));
		} catch (e) {
			if (my === seq)
				clear(out).appendChild(el('li', {class: 'err'}, e.message));
			return;
		}
		if (my !== seq)
			return;
		clear(out);
		if (!list.length)
			out.appendChild(el('li', {class: 'empty'}, t('search_none')));
		for (const u of list.slice(0, 30))
			out.appendChild(el('li', null, unitLink(u.id, u.name), ' ', el('small', {class: 'kind'}, kindLabel(u.kind))));
	};
	const input = el('input', {type: 'search', id: 'unit-q', autocomplete: 'off', placeholder: t('search_units_ph'),
		oninput: (e) => { clearTimeout(timer); timer = setTimeout(() => run(e.target.value), 200); }});
	return el('div', {class: 'search'},
		el('form', {role: 'search', onsubmit: (e) => { e.preventDefault(); clearTimeout(timer); run(input.value); }},
			field(t('search_units'), input)),
		out);
}

/* ---------- unit ---------- */

async function fetchAll(path, params)
{
	let items = [], cursor = '';
	for (let i = 0; i < 100; i++) {
		const page = await api(path + qs(Object.assign({}, params, {limit: 200, cursor: cursor})));
		items = items.concat(page.items);
		if (!page.next_cursor)
			break;
		cursor = page.next_cursor;
	}
	return items;
}

function byDeadline(a, b)
{
	const da = a.deadline || '9999', db = b.deadline || '9999';
	return da < db ? -1 : da > db ? 1 : a.id - b.id;
}

/* Flash messages survive one re-render of the unit page. */
let pendingFlash = null;

async function pageUnit(ctx)
{
	const id = ctx.id;
	const status = ctx.query.get('status') || '';
	const [unit, items, fields] = await Promise.all([
		api('units/' + id), fetchAll('assignments', {unit: id}), getFields()]);
	items.sort(byDeadline);
	setTitle(unit.name);
	const c = unit.counts;

	const leads = (unit.leads_fields || []).map((x) => {
		const ff = fields.find((y) => y.id === x.id || y.code === x.code) || x;
		return fieldName(ff);
	});
	const head = el('section', {class: 'panel head'},
		el('p', {class: 'crumb'}, el('a', {href: '#/'}, t('nav_dashboard')), ' › ', kindLabel(unit.kind)),
		el('h1', {id: 'unit-name'}, unit.name),
		el('p', {class: 'sub'}, t('unit_code', unit.code),
			unit.head_name ? ' · ' + t('unit_head', unit.head_name + (unit.head_title ? ' (' + unit.head_title + ')' : '')) : ''),
		leads.length ? el('p', {class: 'sub'}, t('unit_leads', leads.join('; '))) : null,
		el('div', {class: 'cards', id: 'unit-counts'},
			el('div', {class: 'card big'}, el('span', {class: 'k'}, t('on_time_rate')),
				el('span', {class: 'v', id: 'unit-rate'}, fmtRate(c.on_time_rate)),
				el('small', null, t('dash_as_of', fmtDate(unit.as_of)))),
			STATUSES.map((s) => el('a', {class: 'card st-card' + (status === s ? ' on' : ''), dataset: {status: s},
				href: '#/unit/' + id + qs({status: status === s ? '' : s})},
				el('span', {class: 'k'}, el('span', {class: 'sw st-' + s}), statusLabel(s)),
				el('span', {class: 'v'}, fmtNum(c[s]))))),
		stackBar(c));

	const chips = el('div', {class: 'chips', role: 'group', 'aria-label': t('f_status')},
		el('a', {class: 'chip' + (status ? '' : ' on'), href: '#/unit/' + id}, t('filter_all') + ' (' + fmtNum(items.length) + ')'),
		STATUSES.map((s) => el('a', {class: 'chip' + (status === s ? ' on' : ''), href: '#/unit/' + id + qs({status: s}), dataset: {status: s}},
			el('span', {class: 'sw st-' + s}), statusLabel(s) + ' (' + fmtNum(items.filter((a) => a.status === s).length) + ')')));

	const shown = status ? items.filter((a) => a.status === status) : items;
	const flash = el('div', {class: 'flash', id: 'flash', role: 'status', 'aria-live': 'polite'});
	if (pendingFlash && pendingFlash.unit === id) {
		flash.appendChild(el('p', {class: pendingFlash.kind === 'info' ? 'ok info' : 'ok'}, pendingFlash.text));
		pendingFlash = null;
	}
	const list = el('ol', {class: 'asgs', id: 'assignments'}, shown.map((a) => asgRow(a, ctx)));
	show(ctx, head,
		el('section', {class: 'panel'},
			el('h2', null, t('unit_owes')),
			el('p', {class: 'sub'}, t('unit_owes_help')),
			flash, chips,
			shown.length ? list : el('p', {class: 'empty'}, t('no_assignments'))));
	if (flash.firstChild)
		flash.scrollIntoView({block: 'nearest'});
}

function asgRow(a, ctx)
{
	const li = el('li', {class: 'asg st-row-' + a.status, id: 'asg-' + a.id, dataset: {assignment: String(a.id), status: a.status}});
	const panel = el('div', {class: 'rpanel', hidden: true});
	const done = a.status === 'done_on_time' || a.status === 'done_late';
	const btn = el('button', {type: 'button', class: 'btn small' + (done ? ' ghost' : ''), 'aria-expanded': 'false', 'aria-controls': 'rp-' + a.id,
		onclick: () => {
			const open = panel.hidden;
			for (const other of document.querySelectorAll('.asg .rpanel:not([hidden])')) {
				other.hidden = true;
				clear(other);
				const b = other.parentNode.querySelector('button[aria-expanded]');
				b.setAttribute('aria-expanded', 'false');
				b.textContent = t('report_btn');
			}
			if (open) {
				panel.hidden = false;
				btn.setAttribute('aria-expanded', 'true');
				btn.textContent = t('report_close');
				openReport(a, panel, ctx);
			}
		}}, t('report_btn'));
	panel.id = 'rp-' + a.id;
	add(li, [
		el('div', {class: 'a-dl'}, el('span', {class: 'lblm'}, t('col_deadline') + ': '),
			el('time', {datetime: a.deadline || ''}, a.deadline ? fmtDate(a.deadline) : t('deadline_none'))),
		el('div', {class: 'a-task'},
			el('a', {href: '#/task/' + a.task_id}, a.task_title),
			el('small', {class: 'meta'},
				[a.period ? periodLabel(a.period) : recLabel(a.recurrence), a.product].filter(Boolean).join(' · '))),
		el('div', {class: 'a-st'}, badge(a.status),
			a.completed_on ? el('small', {class: 'meta'}, t('r_done_on', fmtDate(a.completed_on))) : null),
		el('div', {class: 'a-pct'}, pctBar(a.percent || 0)),
		el('div', {class: 'a-act'}, btn),
		panel]);
	return li;
}

async function openReport(a, panel, ctx)
{
	const hist = el('div', {class: 'history'}, el('h3', null, t('history')), el('p', {class: 'loading'}, t('loading')));
	add(panel, [mayReport(a.unit_id) ? reportForm(a, ctx) : el('p', {class: 'note'}, t('no_report_right')), hist]);
	try {
		const reports = await api('assignments/' + a.id + '/reports');
		clear(hist).appendChild(el('h3', null, t('history')));
		hist.appendChild(reports.length ? el('ol', {class: 'reports'}, reports.slice().reverse().map((r) => reportItem(r, a))) :
			el('p', {class: 'empty'}, t('history_none')));
	} catch (e) {
		clear(hist).appendChild(el('p', {class: 'err'}, e.message));
	}
}

/* The head of the unit confirms its completion reports (the server checks too). */
function mayConfirm(unitId)
{
	return !!me && me.unit_id === unitId && me.roles.includes('unit_head');
}

function confirmation(r, a)
{
	if (r.percent !== 100)
		return null;
	if (r.confirmed_by)
		return el('p', {class: 'meta confirmed'}, t('r_confirmed', r.confirmed_by));
	const box = el('p', {class: 'meta unconfirmed'}, t('r_unconfirmed'));
	if (a && mayConfirm(a.unit_id)) {
		const b = el('button', {type: 'button', class: 'confirm'}, t('r_confirm'));
		b.addEventListener('click', async () => {
			b.disabled = true;
			try {
				const done = await api('progress-reports/' + r.id + '/confirm', {method: 'POST'});
				box.replaceWith(el('p', {class: 'meta confirmed'}, t('r_confirmed', done.confirmed_by)));
			} catch (e) {
				b.disabled = false;
				box.appendChild(el('span', {class: 'err'}, ' ' + e.message));
			}
		});
		box.append(' ', b);
	}
	return box;
}

function reportItem(r, a)
{
	return el('li', {class: 'report'},
		el('div', {class: 'rhead'},
			el('strong', null, r.percent + '%'), ' · ',
			el('time', {datetime: r.reported_on}, fmtDate(r.reported_on)), ' · ',
			t('r_by', r.reporter),
			r.completed_on ? ' · ' + t('r_done_on', fmtDate(r.completed_on)) : ''),
		r.note ? el('p', {class: 'note'}, r.note) : null,
		confirmation(r, a),
		r.evidence && r.evidence.length ? el('ul', {class: 'files', 'aria-label': t('r_files')},
			r.evidence.map((f) => el('li', null, evidenceLink(f), ' ', el('small', null, fmtSize(f.size))))) : null);
}

/* The server names every download "evidence"; fetch it and save it under
 * its original name instead, keeping the plain link for other uses. */
function evidenceLink(f)
{
	const href = '/api/v1/evidence/' + encodeURIComponent(f.sha256);
	return el('a', {href: href, download: f.filename, class: 'file', onclick: async (e) => {
		if (e.ctrlKey || e.metaKey || e.shiftKey || e.button)
			return;
		e.preventDefault();
		try {
			const r = await fetch(href);
			if (!r.ok)
				throw new Error('HTTP ' + r.status);
			const url = URL.createObjectURL(await r.blob());
			const a = el('a', {href: url, download: f.filename});
			document.body.appendChild(a);
			a.click();
			a.remove();
			setTimeout(() => URL.revokeObjectURL(url), 10000);
		} catch (err) {
			location.href = href;
		}
	}}, f.filename);
}

function reporterName()
{
	try {
		return localStorage.getItem('cchc.reporter') || '';
	} catch (e) {
		return '';
	}
}

function reportForm(a, ctx)
{
	const key = newRequestKey();
	const uid = 'r' + a.id;
	const pct = el('input', {type: 'number', name: 'percent', id: uid + '-pct', min: '0', max: '100', step: '1',
		required: true, inputmode: 'numeric', value: String(a.percent || 0)});
	const date = el('input', {type: 'date', name: 'completed_on', id: uid + '-date', max: todayVN(),
		value: a.completed_on || todayVN()});
	const dateWrap = field(t('r_completed_on'), date, t('r_completed_help'));
	/* The native picker follows the browser's locale; say the date our way too. */
	const dateHelp = dateWrap.querySelector('.help');
	const showDate = () => { dateHelp.textContent = t('r_completed_help') + (date.value ? ' (' + fmtDate(date.value) + ')' : ''); };
	date.addEventListener('input', showDate);
	date.addEventListener('change', showDate);
	showDate();
	const note = el('textarea', {name: 'note', id: uid + '-note', rows: '3', maxlength: '4000'});
	const who = el('input', {type: 'text', name: 'reporter', id: uid + '-who', required: true, maxlength: '200',
		autocomplete: 'name', value: reporterName()});
	const files = el('input', {type: 'file', name: 'evidence', id: uid + '-files', multiple: true,
		accept: '.pdf,.png,.jpg,.jpeg,.txt,.docx,.xlsx,.odt,.ods,application/pdf,image/png,image/jpeg,text/plain'});
	const msg = el('div', {class: 'formmsg', role: 'alert', 'aria-live': 'assertive'});
	const submit = el('button', {type: 'submit', class: 'btn'}, t('r_submit'));
	const sync = () => {
		const full = Number(pct.value) === 100;
		dateWrap.hidden = !full;
		date.required = full;
		date.disabled = !full;
	};
	pct.addEventListener('input', sync);
	sync();
	const fail = (text, detail) => {
		clear(msg).appendChild(el('p', {class: 'err'}, el('strong', null, text), detail ? ' ' + detail : ''));
	};
	const form = el('form', {class: 'rform', novalidate: true, dataset: {key: key}},
		el('h3', null, t('report_title')),
		el('div', {class: 'grid'},
			field(t('r_percent'), pct), dateWrap, field(t('r_reporter'), who)),
		field(t('r_note'), note),
		field(t('r_evidence'), files, t('r_evidence_help')),
		msg,
		el('div', {class: 'actions'}, submit));
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		if (form.dataset.busy)
			return;
		clear(msg);
		const p = pct.value.trim();
		if (!/^\d{1,3}$/.test(p) || Number(p) > 100)
			return fail(t('r_pct_bad'));
		if (Number(p) === 100 && !date.value)
			return fail(t('r_date_need'));
		if (!who.value.trim())
			return fail(t('r_reporter_need'));
		try {
			localStorage.setItem('cchc.reporter', who.value.trim());
		} catch (err) { /* ignore */ }
		const fd = new FormData();
		fd.append('percent', String(Number(p)));
		fd.append('note', note.value);
		if (Number(p) === 100)
			fd.append('completed_on', date.value);
		fd.append('reporter', who.value.trim());
		fd.append('request_key', key);
		for (const f of files.files)
			fd.append('evidence', f, f.name);
		form.dataset.busy = '1';
		submit.disabled = true;
		submit.textContent = t('r_sending');
		try {
			await api('assignments/' + a.id + '/reports', {method: 'POST', body: fd});
		} catch (err) {
			delete form.dataset.busy;
			submit.disabled = false;
			submit.textContent = t('r_submit');
			if (err.status === 409 && err.field === 'request_key') {
				/* This very form was recorded before (e.g. the answer to an
				 * earlier send was lost): show the list as it now stands. */
				pendingFlash = {unit: String(a.unit_id), text: t('r_dup'), kind: 'info'};
				if (ctx.live())
					route();
				return;
			}
			if (err.status === 409)
				return fail(t('r_err') + ' (409):', err.message);
			if (err.status === 0)
				return fail(t('r_net'), err.message);
			return fail(t('r_err') + ' (' + err.status + '):', err.message);
		}
		pendingFlash = {unit: String(a.unit_id), text: t('r_ok', Number(p), a.task_title)};
		if (ctx.live())
			route();
	});
	return form;
}

/* ---------- task ---------- */

function unitList(list)
{
	if (!list || !list.length)
		return el('p', {class: 'empty'}, t('none'));
	const items = (xs) => el('ul', {class: 'inline'}, xs.map((u) => el('li', null, unitLink(u.id, u.name))));
	if (list.length <= 8)
		return items(list);
	return el('div', null, items(list.slice(0, 6)),
		el('details', null, el('summary', null, t('task_more', list.length - 6)), items(list.slice(6))));
}

async function pageTask(ctx)
{
	const task = await api('tasks/' + ctx.id);
	const fields = await getFields();
	const status = ctx.query.get('status') || '';
	setTitle(task.title);
	const ff = fields.find((x) => x.id === task.field_id);
	const asg = (task.assignments || []).slice().sort((a, b) =>
		byDeadline(a, b) || (a.unit_name < b.unit_name ? -1 : 1));
	const shown = status ? asg.filter((a) => a.status === status) : asg;
	const chips = el('div', {class: 'chips', role: 'group', 'aria-label': t('f_status')},
		el('a', {class: 'chip' + (status ? '' : ' on'), href: '#/task/' + task.id}, t('filter_all') + ' (' + fmtNum(asg.length) + ')'),
		STATUSES.map((s) => el('a', {class: 'chip' + (status === s ? ' on' : ''), href: '#/task/' + task.id + qs({status: s})},
			el('span', {class: 'sw st-' + s}), statusLabel(s) + ' (' + fmtNum(task.counts[s]) + ')')));
	const rows = shown.map((a) => el('tr', {dataset: {status: a.status}},
		el('th', {scope: 'row'}, unitLink(a.unit_id, a.unit_name), el('small', {class: 'kind'}, kindLabel(a.unit_kind))),
		el('td', null, a.period ? periodLabel(a.period) : ''),
		el('td', {class: 'nowrap', 'data-label': t('col_deadline')}, a.deadline ? fmtDate(a.deadline) : t('deadline_none')),
		el('td', null, badge(a.status)),
		el('td', null, pctBar(a.percent || 0)),
		a.completed_on ? el('td', {class: 'nowrap', 'data-label': t('col_completed')}, fmtDate(a.completed_on)) : el('td', {class: 'blank'})));
	show(ctx,
		el('section', {class: 'panel head'},
			el('p', {class: 'crumb'}, el('a', {href: '#/tasks'}, t('nav_tasks')), ' › ',
				task.document || '', task.section ? ' · ' + t('task_section', task.section) : ''),
			el('h1', null, task.title),
			el('ul', {class: 'facts'},
				task.document ? el('li', null, t('task_doc', task.document)) : null,
				ff ? el('li', null, t('col_field') + ': ', fieldName(ff)) : null,
				el('li', null, task.deadline ? t('task_deadline', fmtDate(task.deadline)) : t('task_recurrence', recLabel(task.recurrence))),
				task.product ? el('li', null, t('task_product', task.product)) : null),
			task.description ? el('p', {class: 'desc'}, task.description) : null,
			el('div', {class: 'two'},
				el('div', null, el('h2', null, t('task_lead')), unitList(task.lead)),
				el('div', null, el('h2', null, t('task_coop')), unitList(task.cooperating)))),
		el('section', {class: 'panel'},
			el('h2', null, t('task_assignments'), ' ', el('small', null, t('assignments_n', fmtNum(task.counts.total)),
				' · ', t('on_time_rate'), ': ', fmtRate(task.counts.on_time_rate))),
			stackBar(task.counts), legend(), chips,
			shown.length ? table('asgtable stack', [t('col_unit'), t('col_period'), t('col_deadline'), t('col_status'),
				t('col_percent'), t('col_completed')], rows) : el('p', {class: 'empty'}, t('no_assignments'))));
	const hist = await historyPanel('task', task.id);
	if (hist && ctx.live())
		ctx.root.appendChild(hist);
}

/* ---------- plans ---------- */

async function pagePlans(ctx)
{
	const plans = await api('plans');
	setTitle(t('plans_title'));
	show(ctx, el('section', {class: 'panel'},
		el('h1', null, t('plans_title')),
		plans.length ? table('plans stack', [t('col_number'), t('col_title'), t('col_year'), t('col_issued')],
			plans.map((p) => el('tr', null,
				el('td', {class: 'nowrap'}, el('a', {href: '#/plan/' + p.id}, p.number_symbol)),
				el('td', null, el('a', {href: '#/plan/' + p.id}, p.title),
					p.is_demo ? el('span', {class: 'tag'}, t('plan_demo')) : null),
				el('td', {class: 'num', 'data-label': t('col_year')}, String(p.year)),
				el('td', {class: 'nowrap', 'data-label': t('col_issued')}, fmtDate(p.issued_on))))) : el('p', {class: 'empty'}, t('none'))));
}

const CMP = {'>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<'};

function taskTable(tasks)
{
	return table('tasks stack', [t('col_task'), t('col_deadline'), t('col_progress'), el('th', {scope: 'col', class: 'num'}, t('col_rate'))],
		tasks.map((x) => el('tr', null,
			el('th', {scope: 'row'}, x.section ? el('span', {class: 'sec'}, x.section + ' ') : null,
				el('a', {href: '#/task/' + x.id}, x.title)),
			el('td', {class: 'nowrap', 'data-label': t('col_deadline')}, x.deadline ? fmtDate(x.deadline) : recLabel(x.recurrence)),
			el('td', {class: 'barcell'}, stackBar(x.counts || {}),
				el('small', {class: 'meta'}, t('assignments_n', fmtNum((x.counts || {}).total)))),
			el('td', {class: 'num', 'data-label': t('col_rate')}, fmtRate((x.counts || {}).on_time_rate)))));
}

async function pagePlan(ctx)
{
	const plan = await api('plans/' + ctx.id);
	setTitle(plan.number_symbol);
	const sections = (plan.fields || []).map((f) => el('section', {class: 'panel field-sec'},
		el('h2', null, (f.seq ? f.seq + '. ' : '') + fieldName(f)),
		f.lead_unit_name ? el('p', {class: 'sub'}, t('plan_lead', ''), unitLink(f.lead_unit_id, f.lead_unit_name)) : null,
		el('h3', null, t('plan_indicators')),
		f.indicators && f.indicators.length ? table('inds stack', [t('col_code'), t('col_indicator'), t('col_target'), t('col_baseline'),
			el('th', {scope: 'col', class: 'num'}, t('col_met')), el('th', {scope: 'col', class: 'num'}, t('col_not_met')),
			el('th', {scope: 'col', class: 'num'}, t('col_regressed'))],
		f.indicators.map((i) => el('tr', null,
			el('td', {class: 'nowrap'}, i.code),
			el('th', {scope: 'row'}, i.name, i.is_sample ? el('span', {class: 'tag'}, t('sample')) : null),
			el('td', {class: 'nowrap', 'data-label': t('col_target')}, (CMP[i.comparison] || i.comparison) + ' ' + fmtNum(i.target) + (i.measure ? ' ' + i.measure : '')),
			el('td', {class: 'nowrap', 'data-label': t('col_baseline')}, i.baseline === null || i.baseline === undefined ? '—' : fmtNum(i.baseline) + (i.measure ? ' ' + i.measure : '')),
			el('td', {class: 'num met', 'data-label': t('col_met')}, fmtNum(i.units_met)),
			el('td', {class: 'num notmet', 'data-label': t('col_not_met')}, fmtNum(i.units_not_met)),
			el('td', {class: 'num regr', 'data-label': t('col_regressed')}, fmtNum(i.units_regressed))))) : el('p', {class: 'empty'}, t('plan_no_ind')),
		el('h3', null, t('plan_tasks')),
		f.tasks && f.tasks.length ? taskTable(f.tasks) : el('p', {class: 'empty'}, t('plan_no_tasks'))));
	const other = plan.tasks_without_field || [];
	show(ctx,
		el('section', {class: 'panel head'},
			el('p', {class: 'crumb'}, el('a', {href: '#/plans'}, t('nav_plans')), ' › ', plan.number_symbol),
			el('h1', null, plan.title, plan.is_demo ? el('span', {class: 'tag'}, t('plan_demo')) : null),
			el('p', {class: 'sub'}, plan.number_symbol, ' · ', t('plan_issued', fmtDate(plan.issued_on)),
				' · ', t('dash_as_of', fmtDate(plan.as_of))),
			legend()),
		sections,
		other.length ? el('section', {class: 'panel'}, el('h2', null, t('plan_other_tasks')), taskTable(other)) : null);
}

/* ---------- task search ---------- */

async function pageTasks(ctx)
{
	const q = ctx.query;
	const f = {q: q.get('q') || '', field: q.get('field') || '', status: q.get('status') || '', unit: q.get('unit') || ''};
	const [fields, units, first] = await Promise.all([getFields(), getUnits(), api('tasks' + qs(Object.assign({limit: 50}, f)))]);
	setTitle(t('tasks_title'));
	const qi = el('input', {type: 'search', name: 'q', id: 't-q', value: f.q, placeholder: t('tasks_ph')});
	const fs = el('select', {name: 'field', id: 't-field'}, el('option', {value: ''}, t('f_field_all')),
		fields.map((x) => el('option', {value: String(x.id), selected: String(x.id) === f.field}, fieldName(x))));
	const ss = el('select', {name: 'status', id: 't-status'}, el('option', {value: ''}, t('f_status_all')),
		STATUSES.map((s) => el('option', {value: s, selected: s === f.status}, statusLabel(s))));
	const us = el('select', {name: 'unit', id: 't-unit'}, el('option', {value: ''}, t('f_unit_all')),
		units.map((u) => el('option', {value: String(u.id), selected: String(u.id) === f.unit}, u.name)));
	const form = el('form', {class: 'filters', role: 'search', onsubmit: (e) => {
		e.preventDefault();
		setHashQuery('/tasks', {q: qi.value.trim(), field: fs.value, status: ss.value, unit: us.value});
	}}, field(t('f_q'), qi), field(t('f_field'), fs), field(t('f_status'), ss), field(t('f_unit'), us),
	el('div', {class: 'actions'}, el('button', {type: 'submit', class: 'btn'}, t('tasks_search'))));
	for (const s of [fs, ss, us])
		s.addEventListener('change', () => form.requestSubmit());

	const list = el('ol', {class: 'tlist', id: 'task-list'});
	const count = el('p', {class: 'sub'});
	const more = el('button', {type: 'button', class: 'btn ghost', id: 'more'}, t('load_more'));
	let n = 0, cursor = first.next_cursor;
	const append = (items) => {
		for (const x of items) {
			n++;
			const ff = fields.find((y) => y.id === x.field_id);
			const c = x.counts || {};
			list.appendChild(el('li', {class: 'titem'},
				el('div', {class: 't-main'},
					el('a', {href: '#/task/' + x.id, class: 't-title'}, x.title),
					el('small', {class: 'meta'}, [x.document, x.section ? t('task_section', x.section) : '',
						ff ? fieldName(ff) : '', x.deadline ? t('task_deadline', fmtDate(x.deadline)) : recLabel(x.recurrence)]
						.filter(Boolean).join(' · '))),
				el('div', {class: 't-bar'}, stackBar(c),
					el('small', {class: 'meta'}, t('assignments_n', fmtNum(c.total)), ' · ', t('col_rate'), ' ', fmtRate(c.on_time_rate)))));
		}
		count.textContent = t('shown', fmtNum(n));
		more.hidden = !cursor;
	};
	more.addEventListener('click', async () => {
		more.disabled = true;
		try {
			const page = await api('tasks' + qs(Object.assign({limit: 50, cursor: cursor}, f)));
			cursor = page.next_cursor;
			append(page.items);
		} catch (e) {
			count.textContent = e.message;
		}
		more.disabled = false;
	});
	append(first.items);
	show(ctx,
		el('section', {class: 'panel head'}, el('h1', null, t('tasks_title')), form),
		el('section', {class: 'panel'}, legend(), count,
			n ? list : el('p', {class: 'empty'}, t('tasks_none')), more));
}

/* ---------- signing in ---------- */

async function pageLogin(ctx)
{
	setTitle(t('login_title'));
	const next = ctx.query.get('next') || '/';
	const name = el('input', {type: 'text', id: 'login-name', name: 'name', autocomplete: 'username', required: true});
	const pw = el('input', {type: 'password', id: 'login-password', name: 'password', autocomplete: 'current-password', required: true});
	const msg = el('p', {class: 'err', role: 'alert'});
	const form = el('form', {class: 'login', id: 'login-form'},
		el('label', {for: 'login-name'}, t('login_name')), name,
		el('label', {for: 'login-password'}, t('login_password')), pw,
		el('button', {type: 'submit'}, t('login_submit')), msg);
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		msg.textContent = '';
		try {
			me = await api('session', {method: 'POST', headers: {'Content-Type': 'application/json'},
				body: JSON.stringify({name: name.value.trim(), password: pw.value})});
			pw.value = '';
			showUser();
			location.hash = '#' + (next.startsWith('/') ? next : '/');
		} catch (err) {
			msg.textContent = err.message;
		}
	});
	show(ctx, el('section', {class: 'panel narrow'}, el('h1', null, t('login_title')),
		el('p', null, t('login_note')), form));
	name.focus();
}

function showUser()
{
	const box = document.getElementById('user');
	if (!box)
		return;
	clear(box);
	const b = bellSync();
	if (!me)
		return;
	const out = el('button', {type: 'button', id: 'logout'}, t('logout'));
	out.addEventListener('click', async () => {
		try {
			await api('session', {method: 'DELETE'});
		} catch (e) { /* signed out either way */ }
		me = null;
		showUser();
		location.hash = '#/login';
	});
	add(box, [b, el('span', {class: 'who'}, me.name + (me.unit_code ? ' · ' + me.unit_code : '')), ' ', out]);
}

/* May the signed-in official report for this unit? (the server decides too) */
function mayReport(unitId)
{
	return !!me && me.unit_id === unitId &&
		(me.roles.includes('unit_officer') || me.roles.includes('unit_head'));
}

/* The audit records of an entity, for its page. */
async function historyPanel(entity, id)
{
	const box = el('section', {class: 'panel'}, el('h2', null, t('audit_title')));
	try {
		const rows = await api('audit' + qs({entity: entity, id: id}));
		box.appendChild(rows.length ? el('ol', {class: 'audit'}, rows.slice(-50).reverse().map((a) =>
			el('li', null, el('time', {datetime: a.at}, a.at.replace('T', ' ').replace('Z', ' UTC')), ' · ',
				el('strong', null, a.actor), ' · ', a.action, ' · ',
				el('code', null, JSON.stringify(a.detail))))) : el('p', {class: 'empty'}, t('audit_none')));
	} catch (e) {
		/* Not everyone may read history; say nothing then. */
		if (e.status === 403)
			return null;
		box.appendChild(el('p', {class: 'err'}, e.message));
	}
	return box;
}

/* ---------- notifications: the bell ---------- */

/* The bell beside the signed-in official: the unread count of their unit,
 * polled once a minute and after each navigation; a panel lists the latest
 * notifications, and opening one marks it read. */
const bell = {box: null, btn: null, count: null, title: null, panel: null, list: null, more: null, allRead: null,
	unit: 0, unread: 0, items: [], next: null, seq: 0, lseq: 0, pending: 0};

function bellIcon()
{
	const ns = 'http://www.w3.org/2000/svg';
	const svg = document.createElementNS(ns, 'svg');
	svg.setAttribute('viewBox', '0 0 24 24');
	svg.setAttribute('aria-hidden', 'true');
	svg.setAttribute('focusable', 'false');
	const path = document.createElementNS(ns, 'path');
	path.setAttribute('d', 'M12 22a2.4 2.4 0 0 0 2.4-2.2H9.6A2.4 2.4 0 0 0 12 22zm7-5.6V11a7 7 0 0 0-5.4-6.8v-.6a1.6 1.6 0 0 0-3.2 0v.6A7 7 0 0 0 5 11v5.4l-2 2v1.2h18v-1.2z');
	svg.appendChild(path);
	return svg;
}

/* "/#/unit/81" → "#/unit/81"; anything but one of our hash routes → "#/". */
function bellHref(link)
{
	const m = /^\/?(#\/\S*)$/.exec(link || '');
	return m ? m[1] : '#/';
}

/* An instant (ISO, UTC) on the Vietnamese clock: 25/11/2026 05:55. */
function fmtWhen(ts)
{
	const d = new Date(ts);
	if (isNaN(d.getTime()))
		return ts || '';
	const v = new Date(d.getTime() + 7 * 3600 * 1000).toISOString();
	return fmtDate(v.slice(0, 10)) + ' ' + v.slice(11, 16);
}

function bellBuild()
{
	bell.count = el('span', {class: 'bell-n', id: 'bell-count', 'aria-hidden': 'true', hidden: true});
	bell.btn = el('button', {type: 'button', class: 'bell-btn', id: 'bell', 'aria-expanded': 'false',
		'aria-controls': 'bell-panel', onclick: () => bellOpen(bell.panel.hidden)}, bellIcon(), bell.count);
	bell.title = el('h2', {id: 'bell-title'});
	bell.allRead = el('button', {type: 'button', class: 'linkish', id: 'bell-all', hidden: true, onclick: bellAllRead});
	bell.list = el('ul', {class: 'bell-list', id: 'bell-list', 'aria-labelledby': 'bell-title'});
	bell.more = el('button', {type: 'button', class: 'btn ghost small', id: 'bell-more', hidden: true, onclick: () => bellLoad(true)});
	bell.panel = el('div', {class: 'bell-panel', id: 'bell-panel', role: 'region', 'aria-labelledby': 'bell-title', hidden: true},
		el('div', {class: 'bell-head'}, bell.title, bell.allRead), bell.list, bell.more);
	bell.box = el('div', {class: 'bellbox'}, bell.btn, bell.panel);
	bell.box.addEventListener('keydown', (e) => {
		if (e.key === 'Escape' && !bell.panel.hidden) {
			e.preventDefault();
			bellOpen(false);
			bell.btn.focus();
		}
	});
	/* A click or a Tab elsewhere closes the panel. */
	document.addEventListener('click', (e) => {
		if (!bell.panel.hidden && !bell.box.contains(e.target))
			bellOpen(false);
	});
	bell.box.addEventListener('focusout', (e) => {
		if (e.relatedTarget && !bell.box.contains(e.relatedTarget))
			bellOpen(false);
	});
	window.addEventListener('hashchange', () => bellRefresh());
	document.addEventListener('visibilitychange', () => { if (!document.hidden) bellRefresh(); });
	setInterval(() => { if (!document.hidden) bellRefresh(); }, 60000);
}

function bellLabels()
{
	const n = bell.unread;
	bell.btn.setAttribute('aria-label', n ? t('n_bell', fmtNum(n)) : t('n_bell_none'));
	bell.btn.title = t('n_title');
	bell.btn.dataset.unread = String(n);
	bell.btn.classList.toggle('has', n > 0);
	bell.count.textContent = n > 99 ? '99+' : String(n);
	bell.count.hidden = !n;
	bell.title.textContent = t('n_title');
	bell.allRead.textContent = t('n_all_read');
	bell.allRead.hidden = !n;
	bell.more.textContent = t('load_more');
}

/* The bell for showUser(): built once, shown for an official with a unit. */
function bellSync()
{
	const unit = me && me.unit_id ? me.unit_id : 0;
	if (!unit) {
		if (bell.box)
			bellOpen(false);
		bell.unit = 0;
		return null;
	}
	if (!bell.box)
		bellBuild();
	if (unit !== bell.unit) {
		bell.unit = unit;
		bell.unread = 0;
		bell.items = [];
		bellOpen(false);
		bellRefresh();
	}
	bellLabels();
	if (!bell.panel.hidden)
		bellRender();
	return bell.box;
}

async function bellRefresh()
{
	const unit = bell.unit, my = ++bell.seq;
	if (!unit || !me)
		return;
	let r;
	try {
		r = await api('notifications' + qs({unit: unit, limit: 1}));
	} catch (e) {
		return;	/* the next poll tries again */
	}
	/* A later question, or a read still on its way, has the last word. */
	if (my !== bell.seq || unit !== bell.unit || bell.pending)
		return;
	bell.unread = r.unread;
	bellLabels();
}

function bellOpen(open)
{
	if (!bell.panel || open === !bell.panel.hidden)
		return;
	bell.panel.hidden = !open;
	bell.btn.setAttribute('aria-expanded', open ? 'true' : 'false');
	if (open)
		bellLoad(false);
}

async function bellLoad(more)
{
	const unit = bell.unit, my = ++bell.lseq;
	if (!more) {
		bell.items = [];
		bell.next = null;
		bell.more.hidden = true;
		clear(bell.list).appendChild(el('li', {class: 'loading'}, t('loading')));
	}
	bell.more.disabled = true;
	let r;
	try {
		r = await api('notifications' + qs({unit: unit, limit: 20, before: more ? bell.next : null}));
	} catch (e) {
		if (my === bell.lseq) {
			if (!more)
				clear(bell.list);
			bell.list.appendChild(el('li', {class: 'err'}, e.message));
			bell.more.disabled = false;
		}
		return;
	}
	if (my !== bell.lseq || unit !== bell.unit)
		return;
	bell.items = bell.items.concat(r.items);
	bell.next = r.next_before;
	if (!bell.pending) {
		bell.unread = r.unread;
		bellLabels();
	}
	bellRender();
}

function bellRender()
{
	clear(bell.list);
	if (!bell.items.length)
		bell.list.appendChild(el('li', {class: 'empty', id: 'bell-empty'}, t('n_none')));
	for (const n of bell.items) {
		const unread = !n.read_at;
		bell.list.appendChild(el('li', null, el('a', {href: bellHref(n.link), class: 'bell-item' + (unread ? ' unread' : ''),
			dataset: {id: String(n.id)}, onclick: () => bellRead(n)},
			el('span', {class: 'bell-text'}, n.text),
			el('small', {class: 'meta'}, unread ? el('span', {class: 'bell-new'}, t('n_unread')) : null,
				DICT.vi['n_kind_' + n.kind] ? t('n_kind_' + n.kind) + ' · ' : '',
				el('time', {datetime: n.created_at}, fmtWhen(n.created_at))))));
	}
	bell.more.hidden = !bell.next;
	bell.more.disabled = false;
}

/* Opening a notification follows its link (the anchor does) and marks it read. */
async function bellRead(n)
{
	const inside = bell.panel.contains(document.activeElement);
	bellOpen(false);
	if (inside)
		bell.btn.focus();
	if (n.read_at)
		return;
	n.read_at = 'now';
	bell.unread = Math.max(0, bell.unread - 1);
	bellLabels();
	bell.pending++;
	try {
		n.read_at = (await api('notifications/' + n.id + '/read', {method: 'POST'})).read_at || n.read_at;
	} catch (e) {
		n.read_at = null;
	}
	bell.pending--;
	bellRefresh();
}

/* There is no bulk call: every unread notification is marked, a few at a time. */
async function bellAllRead()
{
	const unit = bell.unit;
	bell.allRead.disabled = true;
	bell.pending++;
	let failed = null;
	try {
		for (let round = 0; round < 25; round++) {
			const r = await api('notifications' + qs({unit: unit, unread: 1, limit: 200}));
			if (!r.items.length || unit !== bell.unit)
				break;
			for (let i = 0; i < r.items.length; i += 6)
				await Promise.all(r.items.slice(i, i + 6).map((n) =>
					api('notifications/' + n.id + '/read', {method: 'POST'})));
		}
	} catch (e) {
		failed = e;
	}
	bell.pending--;
	bell.allRead.disabled = false;
	if (bell.panel.hidden) {
		bellRefresh();
		return;
	}
	await bellLoad(false);
	if (failed)
		bell.list.insertBefore(el('li', {class: 'err'}, failed.message), bell.list.firstChild);
}

/* ---------- chrome ---------- */

async function demoBanner()
{
	const box = document.getElementById('demo');
	try {
		const h = await api('health');
		if (!h.demo) {
			box.hidden = true;
			return;
		}
		clear(box).appendChild(el('div', {class: 'demo-in'}, el('strong', null, t('demo_title')),
			h.demo_note ? ' ' + h.demo_note : ''));
		box.hidden = false;
		const foot = document.getElementById('foot');
		clear(foot).appendChild(el('span', null, t('footer') + ' · v' + (h.version || '')));
	} catch (e) {
		/* the page itself reports load errors */
	}
}

function chrome()
{
	document.documentElement.lang = lang;
	for (const n of document.querySelectorAll('[data-i18n]'))
		n.textContent = t(n.dataset.i18n);
	document.getElementById('brand').textContent = t('brand');
	document.getElementById('nav').setAttribute('aria-label', t('nav_main'));
	const b = document.getElementById('lang');
	b.textContent = t('lang_switch');
	b.setAttribute('lang', lang === 'vi' ? 'en' : 'vi');
	const foot = document.getElementById('foot');
	if (!foot.firstChild)
		foot.textContent = t('footer');
}

function start()
{
	document.getElementById('lang').addEventListener('click', () => {
		lang = lang === 'vi' ? 'en' : 'vi';
		try {
			localStorage.setItem('cchc.lang', lang);
		} catch (e) { /* ignore */ }
		clear(document.getElementById('foot'));
		chrome();
		showUser();
		demoBanner();
		route();
	});
	const skip = document.getElementById('skip');
	if (skip)
		skip.addEventListener('click', (e) => { e.preventDefault(); main().focus(); });
	let lastPath = parseHash().path;
	window.addEventListener('hashchange', () => {
		const p = parseHash().path;
		route();
		if (p !== lastPath)
			window.scrollTo(0, 0);
		lastPath = p;
	});
	chrome();
	demoBanner();
	api('session').then((who) => { me = who.signed_in ? who : null; }, () => { me = null; }).then(() => {
		showUser();
		route();
	});
}

start();
