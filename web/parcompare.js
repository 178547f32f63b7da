/* parcompare.js — the appraiser's view of one PAR assessment (issue 14):
 *   #/par/ID/compare   every field, criterion and sub-criterion with the
 *                      unit's points, the appraised points and the
 *                      difference side by side, the unit's note and the
 *                      appraiser's reason. */
import {api} from './api.js';
import {el, table} from './dom.js';
import {t, words} from './i18n.js';
import {parStatus, pts} from './par.js';
import {setTitle, show} from './router.js';

words({
	vi: {parc_note: 'Ghi chú của đơn vị', parc_reason: 'Lý do của thẩm định'},
	en: {parc_note: 'The unit\'s note', parc_reason: 'The appraiser\'s reason'},
});

/* Self and appraised sums of a node (the unit's points where nothing was appraised). */
function sums(n)
{
	if (!(n.children && n.children.length))
		return {self: n.self_points, appraised: n.appraised_points === null ? n.self_points : n.appraised_points};
	let self = 0, appraised = 0;
	for (const c of n.children) {
		const s = sums(c);
		self += s.self || 0;
		appraised += s.appraised || 0;
	}
	return {self: self, appraised: appraised};
}

function rows(n, out)
{
	const s = sums(n);
	const diff = s.self === null || s.appraised === null ? null : s.appraised - s.self;
	const leaf = !(n.children && n.children.length);
	out.push(el('tr', {class: 'level-' + n.level + (diff ? ' changed' : ''), dataset: {code: n.code}},
		el('th', {scope: 'row'}, n.code + '. ' + n.name),
		el('td', {class: 'num', 'data-label': t('par_col_max')}, pts(n.max)),
		el('td', {class: 'num self', 'data-label': t('par_col_self')}, pts(s.self)),
		el('td', {class: 'num appraised', 'data-label': t('par_col_appraised')}, pts(s.appraised)),
		el('td', {class: 'num diff', 'data-label': t('par_col_diff')},
			diff ? (diff > 0 ? '+' : '') + pts(diff) : diff === 0 ? '0' : '—'),
		el('td', {'data-label': t('parc_note')}, leaf ? n.note || '' : ''),
		el('td', {'data-label': t('parc_reason')}, leaf ? n.reason || '' : '')));
	for (const c of n.children || [])
		rows(c, out);
	return out;
}

export async function pageParCompare(ctx)
{
	const a = await api('par/assessments/' + ctx.params.id);
	const out = [];
	for (const n of a.tree)
		rows(n, out);
	setTitle(t('par_compare'));
	show(ctx, el('section', {class: 'panel head', id: 'par-compare'},
		el('p', {class: 'crumb'}, el('a', {href: '#/par?year=' + a.year}, t('nav_par')), ' › ',
			el('a', {href: '#/par/' + a.id}, a.unit_name)),
		el('h1', null, t('par_compare'), ' ', parStatus(a.status)),
		el('p', {class: 'sub', id: 'par-compare-total'}, t('par_col_self') + ': ' + pts(a.total.self_points) + ' · ' +
			t('par_col_appraised') + ': ' + pts(a.total.appraised_points) + ' / ' + pts(a.total.max))),
	el('section', {class: 'panel'}, table('stack par-compare', [t('par_col_criterion'), t('par_col_max'),
		t('par_col_self'), t('par_col_appraised'), t('par_col_diff'), t('parc_note'), t('parc_reason')], out)));
}
