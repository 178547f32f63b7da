/* bell.js — the notifications bell beside the signed-in official: the
 * unread count of their unit, polled once a minute and after each
 * navigation; a panel lists the latest notifications, and opening one
 * marks it read. session.js places it with bellSync(). */
import {api, qs} from './api.js';
import {clear, el} from './dom.js';
import {fmtNum, fmtWhen} from './fmt.js';
import {has, t, words} from './i18n.js';

words({
	vi: {
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
});

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

/* The bell for showUser(): built once, shown for an official with a unit
 * (official: the session, or null once signed out). */
export function bellSync(official)
{
	const unit = official && official.unit_id ? official.unit_id : 0;
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
	if (!unit)
		return;	/* signed out, or an official of no unit */
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
				has('n_kind_' + n.kind) ? t('n_kind_' + n.kind) + ' · ' : '',
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
