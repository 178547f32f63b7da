/* fmt.js — numbers, dates and sizes as the chosen language writes them. */
import {lang} from './i18n.js';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/* "2026-03-31" → 31/03/2026 (vi) or 31 Mar 2026 (en). */
export function fmtDate(iso)
{
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
	if (!m)
		return iso || '';
	if (lang === 'vi')
		return m[3] + '/' + m[2] + '/' + m[1];
	return Number(m[3]) + ' ' + MONTHS_EN[m[2] - 1] + ' ' + m[1];
}

export function fmtNum(n)
{
	return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(n || 0);
}

/* A rate in 0..1, or null when nothing is due yet. */
export function fmtRate(r)
{
	if (r === null || r === undefined)
		return '—';
	return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB',
		{style: 'percent', maximumFractionDigits: 1}).format(r);
}

export function fmtSize(b)
{
	if (b < 1024)
		return fmtNum(b) + ' B';
	if (b < 1048576)
		return fmtNum(Math.round(b / 102.4) / 10) + ' KB';
	return fmtNum(Math.round(b / 104857.6) / 10) + ' MB';
}

/* An instant (ISO, UTC) on the Vietnamese clock: 25/11/2026 05:55. */
export function fmtWhen(ts)
{
	const d = new Date(ts);
	if (isNaN(d.getTime()))
		return ts || '';
	const v = new Date(d.getTime() + 7 * 3600 * 1000).toISOString();
	return fmtDate(v.slice(0, 10)) + ' ' + v.slice(11, 16);
}

/* Today in Vietnam (UTC+7), the server's calendar day, as YYYY-MM-DD. */
export function todayVN()
{
	const d = new Date(Date.now() + 7 * 3600 * 1000);
	return d.toISOString().slice(0, 10);
}
