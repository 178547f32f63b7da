/* start.js — the first requests of a page load, sent as soon as this small
 * module arrives (index.html loads it by itself, async) rather than once
 * every module of the page is in: the session, and the requests of a unit's
 * page — the unit in the address, or at the start (#/) the unit the
 * official started on last time, or the one the session names.  On a slow
 * link each saves a round trip; api() hands the answers to the page. */
import {early, listPage} from './api.js';

const HOME = 'cchc.home';

/* Does official who (the session's answer) work only for their unit (its
 * officer or head)?  They start on their unit's page, not the overview. */
export function startsOnOwnUnit(who)
{
	return !!who && !!who.unit_id && who.roles.length > 0 &&
		who.roles.every((r) => r === 'unit_officer' || r === 'unit_head');
}

/* What the unit page asks for first (unit.js). */
function unitRequests(id)
{
	early('units/' + id);
	early(listPage('assignments', {unit: id}));
	early('fields');
}

function remembered()
{
	try {
		return localStorage.getItem(HOME) || '';
	} catch (e) {
		return '';
	}
}

/* Kept for the next start: the unit official who starts on, or none. */
export function rememberHome(who)
{
	try {
		if (startsOnOwnUnit(who))
			localStorage.setItem(HOME, String(who.unit_id));
		else
			localStorage.removeItem(HOME);
	} catch (e) { /* no storage: no head start */ }
}

const atStart = /^(#\/?)?$/.test(location.hash);
const inAddress = location.hash.match(/^#\/unit\/(\d+)$/);
const guess = inAddress ? inAddress[1] : atStart ? remembered() : '';
early('session').then((who) => {
	if (atStart && startsOnOwnUnit(who) && String(who.unit_id) !== guess)
		unitRequests(who.unit_id);
}, () => {});
if (guess)
	unitRequests(guess);
