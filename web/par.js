/* par.js — the PAR index (Chỉ số CCHC, issue 14): the words and small
 * pieces the PAR pages share, and
 *   #/par?year=    the assessments of a year the official may read, the
 *                  appraiser's queue (submitted, by unit) first
 * The form is parform.js, the side-by-side view parcompare.js, the ranking
 * parrank.js. */
import {api, qs} from './api.js';
import {el, table} from './dom.js';
import {fmtNum} from './fmt.js';
import {kindLabel, t, words} from './i18n.js';
import {setHashQuery, setTitle, show} from './router.js';

words({
	vi: {
		nav_par: 'Chỉ số CCHC',
		par_title: 'Chỉ số cải cách hành chính năm {0}',
		par_queue: 'Hàng chờ thẩm định',
		par_queue_none: 'Không có bản tự đánh giá nào chờ thẩm định.',
		par_all: 'Các bản tự đánh giá',
		par_none: 'Không có bản tự đánh giá nào.',
		par_year: 'Năm',
		par_results: 'Kết quả, xếp hạng',
		par_compare: 'Đối chiếu tự đánh giá – thẩm định',
		par_open_form: 'Mở bản tự đánh giá',
		par_st_draft: 'Đang tự đánh giá',
		par_st_submitted: 'Đã gửi thẩm định',
		par_st_appraised: 'Đã thẩm định',
		par_st_explain: 'Yêu cầu giải trình',
		par_st_approved: 'Đã phê duyệt',
		par_col_self: 'Tự đánh giá',
		par_col_appraised: 'Thẩm định',
		par_col_diff: 'Chênh lệch',
		par_col_max: 'Điểm tối đa',
		par_col_criterion: 'Lĩnh vực / tiêu chí / tiêu chí thành phần',
		par_submitted_at: 'Gửi ngày {0}',
	},
	en: {
		nav_par: 'PAR index',
		par_title: 'PAR index {0}',
		par_queue: 'Appraisal queue',
		par_queue_none: 'No self-assessment waits for appraisal.',
		par_all: 'Self-assessments',
		par_none: 'No self-assessment.',
		par_year: 'Year',
		par_results: 'Results and ranking',
		par_compare: 'Self-assessment and appraisal side by side',
		par_open_form: 'Open the self-assessment',
		par_st_draft: 'Self-assessing',
		par_st_submitted: 'Submitted',
		par_st_appraised: 'Appraised',
		par_st_explain: 'Explanation requested',
		par_st_approved: 'Approved',
		par_col_self: 'Self',
		par_col_appraised: 'Appraised',
		par_col_diff: 'Difference',
		par_col_max: 'Maximum',
		par_col_criterion: 'Field / criterion / sub-criterion',
		par_submitted_at: 'Submitted {0}',
	},
});

export function parStatus(s)
{
	return el('span', {class: 'tag par-st par-' + s, dataset: {status: s}}, t('par_st_' + s));
}

/* Points with up to two decimals; a dash for none. */
export function pts(x)
{
	return x === null || x === undefined ? '—' : fmtNum(Math.round(x * 100) / 100);
}

/* The year of the page: ?year=, else this year. */
export function parYear(ctx)
{
	const y = Number(ctx.query.get('year'));
	return y >= 2000 && y <= 2100 ? y : new Date().getFullYear();
}

export function yearPicker(path, year)
{
	const input = el('input', {type: 'number', min: 2000, max: 2100, value: String(year), id: 'par-year',
		onchange: () => setHashQuery(path, {year: input.value})});
	return el('label', {class: 'fld inline'}, el('span', {class: 'lbl'}, t('par_year')), input);
}

function row(a)
{
	return el('tr', {dataset: {assessment: String(a.id)}},
		el('th', {scope: 'row'}, el('a', {href: '#/par/' + a.id}, a.unit_name)),
		el('td', {'data-label': t('col_unit')}, kindLabel(a.unit_kind)),
		el('td', {'data-label': t('col_status')}, parStatus(a.status)),
		el('td', null, a.status === 'draft' ? null : el('a', {href: '#/par/' + a.id + '/compare'}, t('par_compare'))));
}

export async function pagePar(ctx)
{
	const year = parYear(ctx);
	const list = await api('par/assessments' + qs({year: year}));
	const heads = [t('col_unit'), '', t('col_status'), ''];
	const queue = list.filter((a) => a.status === 'submitted');
	setTitle(t('par_title', year));
	show(ctx, el('section', {class: 'panel head', id: 'par-home'},
		el('h1', null, t('par_title', year)),
		el('p', null, yearPicker('/par', year), ' ',
			el('a', {href: '#/par/results?year=' + year, id: 'par-results-link'}, t('par_results')))),
	el('section', {class: 'panel', id: 'par-queue'}, el('h2', null, t('par_queue')),
		queue.length ? table('stack', heads, queue.map(row)) : el('p', {class: 'empty'}, t('par_queue_none'))),
	el('section', {class: 'panel', id: 'par-list'}, el('h2', null, t('par_all')),
		list.length ? table('stack', heads, list.map(row)) : el('p', {class: 'empty'}, t('par_none'))));
}
