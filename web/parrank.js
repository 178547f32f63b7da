/* parrank.js — the PAR results of a year (issue 14):
 *   #/par/results?year=&kind=   the units ranked within their kind, index
 *                               (self and appraised), band, and a bar chart
 *                               drawn in SVG (no library). */
import {api, qs} from './api.js';
import {el, table} from './dom.js';
import {t, words} from './i18n.js';
import {parYear, pts, yearPicker} from './par.js';
import {setHashQuery, setTitle, show} from './router.js';

words({
	vi: {
		parr_title: 'Kết quả Chỉ số CCHC năm {0}',
		parr_kind: 'Loại đơn vị',
		parr_department: 'Sở, ban, ngành',
		parr_commune: 'Xã, phường',
		parr_index: 'Chỉ số (%)',
		parr_band: 'Xếp loại',
		parr_chart: 'Biểu đồ chỉ số theo đơn vị',
		parr_none: 'Chưa có kết quả.',
	},
	en: {
		parr_title: 'PAR index results {0}',
		parr_kind: 'Kind of unit',
		parr_department: 'Departments',
		parr_commune: 'Communes and wards',
		parr_index: 'Index (%)',
		parr_band: 'Band',
		parr_chart: 'Index by unit',
		parr_none: 'No results yet.',
	},
});

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, text)
{
	const e = document.createElementNS(SVG, tag);
	for (const k of Object.keys(attrs))
		e.setAttribute(k, String(attrs[k]));
	if (text !== undefined)
		e.textContent = text;
	return e;
}

/* One horizontal bar per unit, 0..100 %, in rank order. */
export function barChart(items)
{
	const bar = 18, gap = 6, label = 220, width = 640, scale = (width - label - 60) / 100;
	const height = items.length * (bar + gap) + gap;
	const root = svg('svg', {viewBox: '0 0 ' + width + ' ' + height, width: '100%', role: 'img', id: 'par-chart',
		'aria-label': t('parr_chart'), class: 'par-chart'});
	root.appendChild(svg('title', {}, t('parr_chart')));
	items.forEach((it, i) => {
		const y = gap + i * (bar + gap), w = Math.max(0, Math.min(100, it.index || 0)) * scale;
		root.appendChild(svg('text', {x: label - 6, y: y + bar - 5, 'text-anchor': 'end', class: 'lbl'},
			it.rank + '. ' + it.unit_name));
		root.appendChild(svg('rect', {x: label, y: y, width: w.toFixed(1), height: bar,
			class: 'bar band-' + (it.band || 'none').replace(/\s+/g, '-')}));
		root.appendChild(svg('text', {x: label + w + 4, y: y + bar - 5, class: 'val'}, pts(it.index)));
	});
	return root;
}

export async function pageParResults(ctx)
{
	const year = parYear(ctx);
	const kind = ctx.query.get('kind') === 'department' ? 'department' : 'commune';
	const r = await api('par/results' + qs({year: year, kind: kind}));
	const pick = el('select', {id: 'par-kind', onchange: () => setHashQuery('/par/results', {year: year, kind: pick.value})},
		['commune', 'department'].map((k) => el('option', {value: k, selected: k === kind}, t('parr_' + k))));
	setTitle(t('parr_title', year));
	show(ctx, el('section', {class: 'panel head', id: 'par-results'},
		el('p', {class: 'crumb'}, el('a', {href: '#/par?year=' + year}, t('nav_par'))),
		el('h1', null, t('parr_title', year)),
		el('p', null, yearPicker('/par/results', year), ' ',
			el('label', {class: 'fld inline'}, el('span', {class: 'lbl'}, t('parr_kind')), pick))),
	r.items.length ? el('section', {class: 'panel'}, el('h2', null, t('parr_chart')), barChart(r.items)) : null,
	el('section', {class: 'panel'}, r.items.length ? table('stack par-rank', [t('col_rank'), t('col_unit'),
		t('par_col_self'), t('par_col_appraised'), t('parr_index'), t('parr_band')],
	r.items.map((it) => el('tr', {dataset: {assessment: String(it.id)}},
		el('td', {class: 'num'}, String(it.rank)),
		el('th', {scope: 'row'}, el('a', {href: '#/par/' + it.id + '/compare'}, it.unit_name)),
		el('td', {class: 'num', 'data-label': t('par_col_self')}, pts(it.self_index)),
		el('td', {class: 'num', 'data-label': t('par_col_appraised')}, pts(it.appraised_index)),
		el('td', {class: 'num', 'data-label': t('parr_index')}, pts(it.index)),
		el('td', {'data-label': t('parr_band')}, it.band || '—')))) : el('p', {class: 'empty'}, t('parr_none'))));
}
