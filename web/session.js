/* session.js — the signed-in official, what they may do, and the user box
 * in the page's header (name, bell, signing out). */
import {api, onSignedOut, setCsrf} from './api.js';
import {add, clear, el} from './dom.js';
import {t, words} from './i18n.js';

words({
	vi: {
		logout: 'Đăng xuất',
	},
	en: {
		logout: 'Sign out',
	},
});

/* The signed-in official: {name, unit_id, unit_code, roles, csrf}, or null. */
export let me = null;

export function setMe(who)
{
	me = who;
	setCsrf(who ? who.csrf : '');
}

/* The server no longer knows the official: to the sign-in page, and back after. */
onSignedOut(() => {
	setMe(null);
	showUser();
	if (!location.hash.startsWith('#/login'))
		location.hash = '#/login?next=' + encodeURIComponent(location.hash.replace(/^#/, '') || '/');
});

let bellLoaded = false;

/* Draws the user box for the official of the moment (none: empty). */
export function showUser()
{
	const box = document.getElementById('user');
	if (!box)
		return;
	clear(box);
	/* Discipline cases are shown only to those who may see one. */
	for (const a of document.querySelectorAll('[data-nav="discipline"]'))
		a.hidden = !(me && me.sees_discipline);
	/* The bell's module comes after the page's own (not on the way to it);
	 * signed out, it is told only if it came. */
	const official = me;
	if (official || bellLoaded)
		import('./bell.js').then((m) => {
			bellLoaded = true;
			const b = m.bellSync(official);
			if (b && official === me && box.querySelector('.who'))
				box.prepend(b);
		}, () => { /* no link: no bell until the next load */ });
	if (!me)
		return;
	const out = el('button', {type: 'button', id: 'logout'}, t('logout'));
	out.addEventListener('click', async () => {
		try {
			await api('session', {method: 'DELETE'});
		} catch (e) { /* signed out either way */ }
		setMe(null);
		showUser();
		location.hash = '#/login';
	});
	add(box, [el('span', {class: 'who'}, me.name + (me.unit_code ? ' · ' + me.unit_code : '')), ' ', out]);
}

/* May the signed-in official report for this unit? (the server decides too) */
export function mayReport(unitId)
{
	return !!me && me.unit_id === unitId &&
		(me.roles.includes('unit_officer') || me.roles.includes('unit_head'));
}

/* The head of the unit confirms its completion reports (the server checks too). */
export function mayConfirm(unitId)
{
	return !!me && me.unit_id === unitId && me.roles.includes('unit_head');
}

/* Does the official start on their unit's page rather than the province's
 * overview?  The server decides (officers and heads of that unit only). */
export function ownWorkFirst()
{
	return !!me && !!me.home_unit;
}
