/* router.js — hash routes to pages. The pages themselves are listed in
 * pages.js, which app.js hands over with usePages(); a page's render
 * function gets a context:
 *   ctx.query   the route's URLSearchParams (#/tasks?q=... → q)
 *   ctx.params  the named parts of its path (#/unit/5 → {id: '5'})
 *   ctx.root    the <main> element it draws into (with show())
 *   ctx.live()  false once the official has moved on to another route. */
import {qs} from './api.js';
import {add, clear, el} from './dom.js';
import {t} from './i18n.js';
import {me} from './session.js';

export const main = () => document.getElementById('main');

let pages = [];
let renderSeq = 0;

export function usePages(list)
{
	pages = list;
}

export function parseHash()
{
	let h = location.hash.replace(/^#/, '');
	if (!h.startsWith('/'))
		h = '/';
	const qi = h.indexOf('?');
	const path = qi < 0 ? h : h.slice(0, qi);
	const query = new URLSearchParams(qi < 0 ? '' : h.slice(qi + 1));
	return {path: path, query: query, parts: path.split('/').filter(Boolean)};
}

/* The page whose path matches, with its parameters decoded; or null. */
function findPage(parts)
{
	const path = '/' + parts.join('/');
	for (const page of pages) {
		const m = page.path.exec(path);
		if (!m)
			continue;
		const params = {};
		try {
			for (const [k, v] of Object.entries(m.groups || {}))
				params[k] = decodeURIComponent(v);
		} catch (e) {
			return null;	/* a malformed %-escape names no page */
		}
		return {page: page, params: params};
	}
	return null;
}

export function setHashQuery(path, params)
{
	const h = '#' + path + qs(params);
	if (location.hash !== h)
		location.hash = h;
	else
		route();
}

/* Draws the page of the current hash; only the latest call's page is shown. */
export async function route()
{
	const seq = ++renderSeq;
	const r = parseHash();
	const m = clear(main());
	const found = findPage(r.parts);
	if (!me && !(found && found.page.public)) {
		location.hash = '#/login?next=' + encodeURIComponent(r.path + (r.query.toString() ? '?' + r.query : ''));
		return;
	}
	const nav = found ? found.page.nav || '' : '';
	for (const a of document.querySelectorAll('[data-nav]'))
		a.classList.toggle('on', a.dataset.nav === nav);
	if (!found) {
		m.appendChild(el('section', {class: 'panel'}, el('h1', null, t('not_found')),
			el('p', null, el('a', {href: '#/'}, t('back_home')))));
		return;
	}
	m.appendChild(el('p', {class: 'loading'}, t('loading')));
	const ctx = {
		seq: seq,
		live: () => seq === renderSeq,
		query: r.query,
		params: found.params,
		root: m,
	};
	try {
		await found.page.render(ctx);
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
export function show(ctx, ...kids)
{
	if (!ctx.live())
		return false;
	add(clear(ctx.root), kids);
	return true;
}

/* A message for the next drawing of a unit's page, {unit, text, kind}
 * (kind '' for done, 'info', 'err'): left by report.js, which is loaded
 * after the page is drawn, and taken once by unit.js. */
let flash = null;

export function leaveFlash(unit, text, kind)
{
	flash = {unit: String(unit), text: text, kind: kind || ''};
}

export function takeFlash(unit)
{
	const said = flash && flash.unit === String(unit) ? flash : null;
	if (said)
		flash = null;
	return said;
}

export function setTitle(s)
{
	document.title = s ? s + ' · ' + t('brand') : t('app_title');
}
