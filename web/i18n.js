/* i18n.js — the words of the web UI: Vietnamese first, English available.
 *
 * The table below holds the words of the page's frame and those several
 * pages share; each page module adds its own with words(), so that all the
 * words sit in one table whichever module shows them. t() looks a key up in
 * the chosen language, then in Vietnamese. Text is kept in NFC. */

const DICT = {
	vi: {
		app_title: 'Theo dõi cải cách hành chính',
		brand: 'Theo dõi CCHC',
		skip: 'Bỏ qua điều hướng',
		nav_main: 'Điều hướng chính',
		nav_dashboard: 'Tổng quan',
		nav_tasks: 'Nhiệm vụ',
		nav_plans: 'Kế hoạch',
		nav_documents: 'Văn bản',
		nav_unitreports: 'Báo cáo đơn vị',
		lang_switch: 'English',
		demo_title: 'Dữ liệu minh họa (demo)',
		footer: 'Hệ thống theo dõi nhiệm vụ cải cách hành chính',
		loading: 'Đang tải…',
		error_load: 'Không tải được dữ liệu',
		retry: 'Thử lại',
		not_found: 'Không tìm thấy trang này.',
		audit_title: 'Lịch sử thay đổi',
		audit_none: 'Chưa có thay đổi nào được ghi.',
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
		dash_as_of: 'Số liệu tính đến ngày {0}',
		f_field: 'Lĩnh vực',
		f_field_all: 'Tất cả lĩnh vực',
		f_status: 'Trạng thái',
		on_time_rate: 'Tỷ lệ đúng hạn',
		col_rank: '#',
		col_unit: 'Đơn vị',
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
		legend: 'Chú giải',
		filter_all: 'Tất cả',
		no_assignments: 'Không có nhiệm vụ nào.',
		task_section: 'Mục {0}',
		task_deadline: 'Hạn: {0}',
		none: 'Không có',
		load_more: 'Tải thêm',
		assignments_n: '{0} lượt giao',
		deadline_none: 'Không có hạn',
		doc_none: 'Chưa có tệp nào.',
		doc_file: 'Tệp văn bản',
		doc_upload: 'Tải lên',
		doc_choose: 'Chọn một tệp để tải lên.',
		doc_meta: '{0} KB · {1} · {2}',
	},
	en: {
		app_title: 'Administrative reform tracker',
		brand: 'Reform tracker',
		skip: 'Skip to content',
		nav_main: 'Main navigation',
		nav_dashboard: 'Dashboard',
		nav_tasks: 'Tasks',
		nav_plans: 'Plans',
		nav_documents: 'Documents',
		nav_unitreports: 'Unit reports',
		lang_switch: 'Tiếng Việt',
		demo_title: 'Demonstration data (demo)',
		footer: 'Administrative reform task tracker',
		loading: 'Loading…',
		error_load: 'Could not load the data',
		retry: 'Retry',
		not_found: 'There is no such page.',
		audit_title: 'History of changes',
		audit_none: 'No change recorded yet.',
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
		dash_as_of: 'Figures as of {0}',
		f_field: 'Field',
		f_field_all: 'All fields',
		f_status: 'Status',
		on_time_rate: 'On-time rate',
		col_rank: '#',
		col_unit: 'Unit',
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
		legend: 'Legend',
		filter_all: 'All',
		no_assignments: 'No assignments.',
		task_section: 'Section {0}',
		task_deadline: 'Deadline: {0}',
		none: 'None',
		load_more: 'Load more',
		assignments_n: '{0} assignments',
		deadline_none: 'No deadline',
		doc_none: 'No file yet.',
		doc_file: 'File',
		doc_upload: 'Upload',
		doc_choose: 'Choose a file to upload.',
		doc_meta: '{0} KB · {1} · {2}',
	},
};

/* The language chosen, remembered in the browser. */
export let lang = 'vi';
try {
	const saved = localStorage.getItem('cchc.lang');
	if (saved === 'en' || saved === 'vi')
		lang = saved;
} catch (e) { /* storage may be off */ }

export function setLang(l)
{
	lang = l;
	try {
		localStorage.setItem('cchc.lang', lang);
	} catch (e) { /* ignore */ }
}

/* Adds a page's words, {vi: {key: text}, en: {key: text}}; a key is defined
 * once in the whole UI. */
export function words(w)
{
	for (const l of Object.keys(DICT)) {
		for (const k of Object.keys(w[l])) {
			if (k in DICT[l])
				throw new Error('i18n: the key ' + k + ' is defined twice');
			DICT[l][k] = w[l][k];
		}
	}
}

/* Is there a text for this key? */
export function has(key)
{
	return key in DICT.vi;
}

/* t('r_ok', 40, 'title'): the text of a key with {0}, {1}... filled in. */
export function t(key, ...args)
{
	const s = (DICT[lang] && DICT[lang][key]) || DICT.vi[key] || key;
	return s.replace(/\{(\d)\}/g, (m, i) => (args[i] === undefined ? '' : String(args[i])));
}

/* An assignment's statuses, in the order every page shows them. */
export const STATUSES = ['done_on_time', 'done_late', 'in_progress', 'not_started', 'overdue'];

export function statusLabel(s) { return t('st_' + s); }
export function kindLabel(k) { return t('kind_' + k); }
export function recLabel(r) { return t('rec_' + r); }

/* "2026-Q1", "2026-H2", "2026-03", "2026" as the language says them. */
export function periodLabel(p)
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

/* A field of the plan by its name in the chosen language. */
export function fieldName(f)
{
	return lang === 'en' && f.name_en ? f.name_en : f.name;
}
