/* app.js — the cchc web UI: plain JavaScript modules, no framework, no build
 * step; the browser loads them as they are (index.html loads this one).
 *
 * The modules, each a few hundred lines at most:
 *   app.js         this file: the page's frame (language switch, demo
 *                  banner, footer) and the start
 *   pages.js       the page registry: hash route → a module's render
 *                  function, the module fetched when its page is opened
 *   router.js      hash routes to pages; show(), setTitle()
 *   session.js     the signed-in official and the user box; login.js signs in
 *   bell.js        the notifications bell
 *   api.js         the JSON API client; data.js shared, cached lists
 *   i18n.js        the words, Vietnamese first (each page adds its own)
 *   fmt.js, dom.js, widgets.js   formatting, building the DOM, shared pieces
 *   dashboard.js, unit.js (+ report.js), task.js, tasksearch.js, plans.js,
 *   review.js, unitreport.js, inspections.js, discipline.js     the pages
 *   par.js, parform.js (+ parleaf.js), parcompare.js, parrank.js  the PAR index
 * A new page is a module with a render function and its lines in pages.js
 * (index.html preloads only the start page's modules).
 * Every piece of data reaches the page through textContent (see el()). */
import {api, onKept} from './api.js';
import {clear, el} from './dom.js';
import {fmtWhen} from './fmt.js';
import {lang, setLang, t, words} from './i18n.js';
import {PAGES} from './pages.js';
import {main, parseHash, route, usePages} from './router.js';
import {me, setMe, showUser} from './session.js';

words({
	vi: {
		offline_start: 'Không có mạng. Báo cáo chưa gửi vẫn được giữ trên máy này; trang sẽ tự tải lại khi có mạng.',
		offline_as_of: 'Không có mạng: số liệu tính đến {0}, lần tải cuối. Báo cáo viết lúc này được giữ trên máy và tự gửi khi có mạng.',
	},
	en: {
		offline_start: 'No network. Reports not yet sent stay on this device; the page reloads by itself when the link returns.',
		offline_as_of: 'No network: figures as of {0}, when last fetched. Reports written now stay on this device and are sent when the link returns.',
	},
});

/* The banner of a demonstration database, and the version in the footer. */
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

/* The words of the page's frame, in the chosen language. */
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

/* Without a link the page is drawn from the copies sw.js kept: said, with
 * their time (the oldest), and the page reloads itself when the link returns. */
function keptBanner()
{
	let oldest = '';
	onKept((at) => {
		const box = document.getElementById('asof');
		if (oldest && oldest <= at)
			return;
		if (!oldest)
			window.addEventListener('online', () => location.reload(), {once: true});
		oldest = at;
		box.dataset.at = at;
		box.textContent = t('offline_as_of', fmtWhen(at));
		box.hidden = false;
	});
}

/* Sends the reports kept while the link was down (report.js, loaded for it). */
function sendKept()
{
	import('./report.js').then((m) => m.sendKept(), () => { /* still no link: the next load sends */ });
}

function start()
{
	usePages(PAGES);
	keptBanner();
	document.getElementById('lang').addEventListener('click', () => {
		setLang(lang === 'vi' ? 'en' : 'vi');
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
	/* Opened without a link (from sw.js): the official is not signed out,
	 * only unknown until the link returns. */
	api('session').then((who) => {
		setMe(who.signed_in ? who : null);
	}, (e) => {
		setMe(null);
		if (e.status === 0)
			throw e;
	}).then(() => {
		showUser();
		route();
		/* Reports kept while the link was down go now, and whenever it returns. */
		if (me)
			sendKept();
		/* Unless the page shows kept copies: it reloads then, and the load sends them
		 * (sent from both, a refusal could be noted too late to stop the second). */
		window.addEventListener('online', () => { if (me && !document.getElementById('asof').dataset.at) sendKept(); });
	}, () => {
		clear(main()).appendChild(el('p', {class: 'err', id: 'offline'}, t('offline_start')));
		window.addEventListener('online', () => location.reload(), {once: true});
	});
	/* The page and its files kept for opening without a link (sw.js); once
	 * the page has loaded, so that on a first visit the worker's copying
	 * does not share the link with the page's own files. */
	if ('serviceWorker' in navigator) {
		const register = () => navigator.serviceWorker.register('/sw.js').catch(() => { /* plain http off localhost: none */ });
		if (document.readyState === 'complete')
			register();
		else
			window.addEventListener('load', register, {once: true});
	}
}

start();
