/* widgets.js — pieces shared by several pages: status badges, bars and
 * filters, the legend, links to units, an entity's history of changes. */
import {api, qs} from './api.js';
import {el} from './dom.js';
import {fmtNum} from './fmt.js';
import {STATUSES, statusLabel, t} from './i18n.js';

export function badge(status)
{
	return el('span', {class: 'badge st-' + status, dataset: {status: status}}, statusLabel(status));
}

/* A bar of five segments, one per status, widths proportional to counts. */
export function stackBar(c)
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

export function pctBar(p)
{
	const fill = el('span', {class: 'pfill' + (p >= 100 ? ' full' : '')});
	fill.style.width = Math.max(0, Math.min(100, p)) + '%';
	return el('span', {class: 'pct'}, el('span', {class: 'ptrack'}, fill), el('span', {class: 'pnum'}, p + '%'));
}

export function legend()
{
	return el('ul', {class: 'legend', 'aria-label': t('legend')},
		STATUSES.map((s) => el('li', null, el('span', {class: 'sw st-' + s}), statusLabel(s))));
}

/* The status filter of a list: "All (n)" and one chip per status with its
 * count; href is the list's route, count(s) the number in status s. */
export function statusChips(href, status, all, count)
{
	return el('div', {class: 'chips', role: 'group', 'aria-label': t('f_status')},
		el('a', {class: 'chip' + (status ? '' : ' on'), href: href}, t('filter_all') + ' (' + fmtNum(all) + ')'),
		STATUSES.map((s) => el('a', {class: 'chip' + (status === s ? ' on' : ''), href: href + qs({status: s}), dataset: {status: s}},
			el('span', {class: 'sw st-' + s}), statusLabel(s) + ' (' + fmtNum(count(s)) + ')')));
}

export function unitLink(id, name)
{
	return el('a', {href: '#/unit/' + id}, name);
}

/* The audit records of an entity, for its page. */
export async function historyPanel(entity, id)
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
