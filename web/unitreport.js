/*
 * unitreport.js — a unit's own periodic report (issue 6): the unit opens
 * its report for a period, sees the figures pre-filled from its
 * assignments and indicators, writes narrative per field, difficulties
 * and proposals, and submits; lead agencies see who submitted, who is
 * late or missing, and return a report with comments or accept it.
 *
 * Hash routes:  #/unit-reports?period=P      the list (reviewers) and the
 *                                            way to one's own unit's report
 *               #/unit-report/UNIT/PERIOD    one report
 *
 * Text from units is only ever set as text.
 */
import {api} from './api.js';
import {el, field, msgBox, say, table} from './dom.js';
import {fmtDate} from './fmt.js';
import {t, words} from './i18n.js';
import {setTitle, show} from './router.js';
import {me} from './session.js';

words({
	vi: {
		ur_title: 'Báo cáo định kỳ của đơn vị',
		ur_period: 'Kỳ báo cáo',
		ur_mine: 'Báo cáo của đơn vị {0}',
		ur_list: 'Tình hình nộp báo cáo',
		ur_deadline: 'Hạn nộp: {0}',
		ur_due: 'Hạn nộp',
		ur_unit: 'Đơn vị',
		ur_state: 'Trạng thái',
		ur_late: 'Muộn',
		ur_days: '{0} ngày',
		ur_none: 'Không có đơn vị nào.',
		ur_counts: 'Phải nộp {0} · đã nộp {1} · chưa nộp {2} · muộn {3}',
		urs_missing: 'Chưa nộp',
		urs_draft: 'Đang soạn',
		urs_submitted: 'Đã nộp',
		urs_returned: 'Bị trả lại',
		urs_accepted: 'Đã chấp nhận',
		ur_figures: 'Số liệu (tự động, đến ngày {0})',
		ur_total: 'Nhiệm vụ',
		ur_done: 'Hoàn thành',
		ur_overdue: 'Quá hạn',
		ur_on_time: 'Đúng hạn',
		ur_ind_short: 'Chỉ tiêu chưa đạt',
		ur_narrative: 'Đánh giá của đơn vị',
		ur_difficulties: 'Khó khăn, vướng mắc',
		ur_proposals: 'Đề xuất, kiến nghị',
		ur_save: 'Lưu',
		ur_submit: 'Nộp báo cáo',
		ur_saved: 'Đã lưu.',
		ur_submitted_ok: 'Đã nộp báo cáo.',
		ur_comments: 'Ý kiến của cơ quan tiếp nhận',
		ur_return: 'Trả lại',
		ur_accept: 'Chấp nhận',
		ur_need_comments: 'Ghi ý kiến để đơn vị bổ sung.',
		ur_submitted_at: 'Nộp lúc {0} ({1})',
		ur_late_by: 'muộn {0} ngày',
		ur_on_time_ok: 'đúng hạn',
		ur_back: 'Danh sách',
	},
	en: {
		ur_title: 'Units’ periodic reports',
		ur_period: 'Period',
		ur_mine: 'Report of unit {0}',
		ur_list: 'Who has reported',
		ur_deadline: 'Due: {0}',
		ur_due: 'Due',
		ur_unit: 'Unit',
		ur_state: 'Status',
		ur_late: 'Late',
		ur_days: '{0} days',
		ur_none: 'No units.',
		ur_counts: 'Expected {0} · submitted {1} · missing {2} · late {3}',
		urs_missing: 'Missing',
		urs_draft: 'Draft',
		urs_submitted: 'Submitted',
		urs_returned: 'Returned',
		urs_accepted: 'Accepted',
		ur_figures: 'Figures (automatic, as of {0})',
		ur_total: 'Tasks',
		ur_done: 'Done',
		ur_overdue: 'Overdue',
		ur_on_time: 'On time',
		ur_ind_short: 'Indicators not met',
		ur_narrative: 'The unit’s assessment',
		ur_difficulties: 'Difficulties',
		ur_proposals: 'Proposals',
		ur_save: 'Save',
		ur_submit: 'Submit the report',
		ur_saved: 'Saved.',
		ur_submitted_ok: 'The report was submitted.',
		ur_comments: 'Reviewer’s comments',
		ur_return: 'Return',
		ur_accept: 'Accept',
		ur_need_comments: 'Write comments for the unit.',
		ur_submitted_at: 'Submitted {0} ({1})',
		ur_late_by: '{0} days late',
		ur_on_time_ok: 'on time',
		ur_back: 'The list',
	},
});

/* The period most units are reporting on now: the last one that ended. */
function urDefaultPeriod()
{
	const d = new Date();
	const y = d.getFullYear(), m = d.getMonth() + 1;
	if (m <= 3)
		return String(y - 1);
	return y + (m <= 6 ? '-Q1' : m <= 9 ? '-H1' : '-9M');
}

/* The periods offered: this year's and last year's. */
function urPeriods()
{
	const y = new Date().getFullYear();
	const out = [];
	for (const yy of [y, y - 1])
		for (const s of ['', '-9M', '-H1', '-Q1'])
			out.push(yy + s);
	return out;
}

/* A rate in 0..1 as a percentage with one decimal, or a dash. */
function urPct(r)
{
	return r === null || r === undefined ? '–' : Math.round(r * 1000) / 10 + '%';
}

/* #/unit-reports?period=P : who has reported for a period, and the way to one's own report. */
export async function pageUnitReports(ctx)
{
	const period = ctx.query.get('period') || urDefaultPeriod();
	const list = await api('unit-reports?period=' + encodeURIComponent(period));
	if (!ctx.live())
		return;
	const sel = el('select', {id: 'ur-period'}, urPeriods().map((x) => el('option', {value: x, selected: x === period}, x)));
	sel.addEventListener('change', () => { location.hash = '#/unit-reports?period=' + encodeURIComponent(sel.value); });
	const roles = (me && me.roles) || [];
	const writer = roles.includes('unit_officer') || roles.includes('unit_head');
	const c = list.counts;
	const rows = list.items.map((x) => el('tr', {dataset: {unit: x.unit_code, state: x.state}},
		el('td', null, el('a', {href: '#/unit-report/' + encodeURIComponent(x.unit_code) + '/' + encodeURIComponent(period)},
			x.unit_name)),
		el('td', {class: 'nowrap'}, t('urs_' + x.state)),
		el('td', {class: 'nowrap'}, fmtDate(x.deadline)),
		el('td', {class: 'nowrap' + (x.overdue || x.late_days > 0 ? ' err' : '')},
			x.late_days > 0 ? t('ur_days', x.late_days) : x.overdue ? t('ur_days', x.days_overdue) : '')));
	show(ctx,
		el('section', {class: 'panel head'}, el('h1', null, t('ur_title')),
			field(t('ur_period'), sel),
			writer && me.unit_code ? el('p', null, el('a', {class: 'btn', id: 'ur-mine',
				href: '#/unit-report/' + encodeURIComponent(me.unit_code) + '/' + encodeURIComponent(period)},
			t('ur_mine', me.unit_code))) : null),
		el('section', {class: 'panel'}, el('h2', null, t('ur_list') + ' · ' + list.period_name),
			el('p', null, t('ur_deadline', fmtDate(list.deadline)), ' · ',
				t('ur_counts', c.expected, c.submitted + c.returned + c.accepted, c.missing + c.draft, c.late)),
			rows.length ? table('tbl', [t('ur_unit'), t('ur_state'), t('ur_due'), t('ur_late')], rows)
				: el('p', null, t('ur_none'))));
	setTitle(t('ur_title'));
}

/* #/unit-report/UNIT/PERIOD : one unit's report, to write or to review. */
export async function pageUnitReport(ctx)
{
	const unit = ctx.params.unit, period = ctx.params.period;
	const base = 'units/' + encodeURIComponent(unit) + '/reports/' + encodeURIComponent(period);
	let rep = await api(base);
	if (!ctx.live())
		return;
	const draw = (flash) => {
		const fig = rep.figures || {};
		const edit = rep.may && rep.may.edit;
		const msg = msgBox();
		const narr = {};
		const fieldRows = (fig.fields || []).map((f) => {
			const ta = el('textarea', {rows: '3', maxlength: '20000', dataset: {field: f.field_code}, disabled: !edit});
			ta.value = (rep.narrative || {})[f.field_code] || '';
			narr[f.field_code] = ta;
			return el('article', {class: 'panel ur-field'},
				el('h3', null, f.field_name),
				el('p', null, t('ur_total') + ': ' + f.total + ' · ' + t('ur_done') + ': ' + (f.done_on_time + f.done_late) +
					' · ' + t('ur_overdue') + ': ' + f.overdue + ' · ' + t('ur_on_time') + ': ' + urPct(f.on_time_rate)),
				(f.indicators_short || []).length ? el('p', null, t('ur_ind_short') + ': ',
					f.indicators_short.map((i) => i.name + ' ' + i.value + (i.measure === '%' ? '%' : ' ' + i.measure) +
						' / ' + i.target + (i.measure === '%' ? '%' : '')).join('; ')) : null,
				field(t('ur_narrative'), ta));
		});
		const diff = el('textarea', {id: 'ur-difficulties', rows: '4', maxlength: '20000', disabled: !edit});
		diff.value = rep.difficulties || '';
		const prop = el('textarea', {id: 'ur-proposals', rows: '4', maxlength: '20000', disabled: !edit});
		prop.value = rep.proposals || '';
		const body = () => {
			const n = {};
			for (const k of Object.keys(narr))
				n[k] = narr[k].value;
			return JSON.stringify({narrative: n, difficulties: diff.value, proposals: prop.value});
		};
		const json = {'Content-Type': 'application/json'};
		const act = async (fn, okText) => {
			try {
				rep = await fn();
				draw(okText);
			} catch (e) {
				say(msg, e.message);
			}
		};
		const save = () => act(() => api(base, {method: 'PUT', headers: json, body: body()}), t('ur_saved'));
		const submit = () => act(async () => {
			await api(base, {method: 'PUT', headers: json, body: body()});
			return api(base + '/submit', {method: 'POST'});
		}, t('ur_submitted_ok'));
		const comments = el('textarea', {id: 'ur-comments', rows: '3', maxlength: '20000'});
		const review = (what) => act(() => {
			if (what === 'return' && !comments.value.trim())
				throw new Error(t('ur_need_comments'));
			return api(base + '/' + what, {method: 'POST', headers: json,
				body: JSON.stringify(comments.value.trim() ? {comments: comments.value} : {})});
		}, t('urs_' + (what === 'return' ? 'returned' : 'accepted')));
		const u = fig.unit || {};
		show(ctx,
			el('section', {class: 'panel head'},
				el('p', null, el('a', {href: '#/unit-reports?period=' + encodeURIComponent(period)}, '← ' + t('ur_back'))),
				el('h1', null, rep.unit_name + ' · ' + (fig.period_name || period)),
				el('p', {id: 'ur-status', dataset: {status: rep.status}}, t('urs_' + rep.status), ' · ',
					t('ur_deadline', fmtDate(rep.deadline)),
					rep.first_submitted_at ? ' · ' + t('ur_submitted_at', fmtDate(rep.first_submitted_at.slice(0, 10)),
						rep.late_days > 0 ? t('ur_late_by', rep.late_days) : t('ur_on_time_ok')) : ''),
				rep.comments ? el('div', {class: 'panel', id: 'ur-comments-shown'},
					el('strong', null, t('ur_comments') + ': '), rep.comments) : null,
				flash ? el('p', {class: 'ok', role: 'status'}, flash) : null),
			el('section', {class: 'panel'}, el('h2', null, t('ur_figures', fmtDate(fig.as_of || ''))),
				el('p', null, t('ur_total') + ': ' + (u.total || 0) + ' · ' + t('ur_done') + ': ' +
					((u.done_on_time || 0) + (u.done_late || 0)) + ' · ' + t('ur_overdue') + ': ' + (u.overdue || 0) +
					' · ' + t('ur_on_time') + ': ' + urPct(u.on_time_rate))),
			...fieldRows,
			el('section', {class: 'panel'}, field(t('ur_difficulties'), diff), field(t('ur_proposals'), prop), msg,
				edit ? el('p', null, el('button', {type: 'button', class: 'btn ghost', id: 'ur-save', onclick: save}, t('ur_save')),
					' ', el('button', {type: 'button', class: 'btn', id: 'ur-submit', onclick: submit}, t('ur_submit'))) : null,
				rep.may && (rep.may.return || rep.may.accept) ? el('div', null, field(t('ur_comments'), comments),
					el('p', null, el('button', {type: 'button', class: 'btn ghost', id: 'ur-return',
						onclick: () => review('return')}, t('ur_return')), ' ',
					el('button', {type: 'button', class: 'btn', id: 'ur-accept', onclick: () => review('accept')},
						t('ur_accept')))) : null));
		setTitle(t('ur_title'));
	};
	draw();
}
