/* dashboard.js — #/overview?as_of=&field=&kind= : the province's progress, units
 * ranked worst first, and by field; a search box finds a unit. */
import {api, qs} from './api.js';
import {getFields} from './data.js';
import {clear, el, field, table} from './dom.js';
import {fmtDate, fmtNum, fmtRate, todayVN} from './fmt.js';
import {STATUSES, fieldName, kindLabel, statusLabel, t, words} from './i18n.js';
import {setHashQuery, setTitle, show} from './router.js';
import {legend, stackBar, unitLink} from './widgets.js';

words({
	vi: {
		kinds_all: 'Tất cả đơn vị',
		kinds_dept: 'Sở, ban, ngành tỉnh',
		kinds_local: 'Xã, phường',
		kinds_other: 'Cơ quan khác',
		dash_title: 'Tình hình thực hiện nhiệm vụ cải cách hành chính',
		f_kind: 'Loại đơn vị',
		f_as_of: 'Tính đến ngày',
		f_reset: 'Bỏ lọc',
		search_units: 'Tìm đơn vị',
		search_units_ph: 'Gõ tên đơn vị, ví dụ: hung dao',
		search_none: 'Không có đơn vị nào khớp.',
		total_assignments: 'Tổng số nhiệm vụ được giao',
		on_time_help: 'Hoàn thành đúng hạn trên số nhiệm vụ đã đến hạn',
		units_ranked: 'Đơn vị, xếp từ thấp nhất',
		units_count: '{0} đơn vị',
		by_field: 'Theo lĩnh vực',
		no_units: 'Không có đơn vị nào với bộ lọc này.',
	},
	en: {
		kinds_all: 'All units',
		kinds_dept: 'Departments and agencies',
		kinds_local: 'Communes and wards',
		kinds_other: 'Other bodies',
		dash_title: 'Administrative reform: progress of assigned tasks',
		f_kind: 'Unit kind',
		f_as_of: 'As of',
		f_reset: 'Clear filters',
		search_units: 'Find a unit',
		search_units_ph: 'Type a unit name, e.g. hung dao',
		search_none: 'No unit matches.',
		total_assignments: 'Assignments in total',
		on_time_help: 'Done on time out of the assignments already due',
		units_ranked: 'Units, worst first',
		units_count: '{0} units',
		by_field: 'By field',
		no_units: 'No unit matches these filters.',
	},
});

const KIND_SETS = [
	['', 'kinds_all'],
	['department,agency', 'kinds_dept'],
	['commune,ward', 'kinds_local'],
	['province,media,other', 'kinds_other'],
];

/* The column heads of the five status counts. */
function statusHeads()
{
	return STATUSES.map((s) => el('th', {scope: 'col', class: 'num cnt', title: statusLabel(s)},
		el('span', {class: 'sw st-' + s}), el('span', {class: 'short'}, statusLabel(s))));
}

export async function pageDashboard(ctx)
{
	const q = ctx.query;
	const f = {as_of: q.get('as_of') || '', field: q.get('field') || '', kind: q.get('kind') || ''};
	const [dash, fields] = await Promise.all([api('dashboard' + qs(f)), getFields()]);
	setTitle('');

	const go = (next) => setHashQuery('/overview', Object.assign({}, f, next));

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
		(f.field || f.kind || f.as_of) ? el('a', {class: 'btn ghost', href: '#/overview'}, t('f_reset')) : null);

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
	const units = dash.units.length ?
		table('units', [t('col_rank'), t('col_unit'), t('col_progress'),
			el('th', {scope: 'col', class: 'num'}, t('col_rate')), statusHeads(),
			el('th', {scope: 'col', class: 'num cnt'}, t('col_total'))], unitRows) :
		el('p', {class: 'empty'}, t('no_units'));

	const fieldRows = dash.fields.map((x) => {
		const ff = fields.find((y) => y.id === x.id) || x;
		return el('tr', {dataset: {field: String(x.id)}},
			el('th', {scope: 'row'}, el('a', {href: '#/overview' + qs(Object.assign({}, f, {field: String(x.id)}))}, fieldName(ff))),
			el('td', {class: 'barcell'}, stackBar(x)),
			el('td', {class: 'num rate'}, fmtRate(x.on_time_rate)),
			STATUSES.map((s) => el('td', {class: 'num cnt'}, fmtNum(x[s]))),
			el('td', {class: 'num cnt'}, fmtNum(x.total)));
	});
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
				statusHeads(), el('th', {scope: 'col', class: 'num cnt'}, t('col_total'))], fieldRows)));
}

/* The unit search box: results as one types, diacritics optional (the server folds them). */
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
