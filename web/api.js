/* api.js — the JSON API client. It knows of the session only what session.js
 * tells it: the CSRF token, and whom to tell when the server no longer knows
 * the official (401). */

let csrf = '';
let signedOut = null;
let keptSeen = null;

export function setCsrf(token)
{
	csrf = token || '';
}

export function onSignedOut(fn)
{
	signedOut = fn;
}

/* fn(time) is told when an answer is a copy kept without a link (sw.js
 * stamps it X-Kept-At: when it was fetched). */
export function onKept(fn)
{
	keptSeen = fn;
}

class ApiError extends Error {
	constructor(status, message, field) {
		super(message);
		this.status = status;
		this.field = field || '';
	}
}

/* api('units/5'), api('session', {method: 'POST', ...}): the answer's JSON;
 * throws ApiError (status 0 when the network failed). */
export async function api(path, opts)
{
	let r;
	const o = Object.assign({}, opts || {});
	const headers = Object.assign({Accept: 'application/json'}, o.headers || {});
	/* Every change made from the browser carries the session's CSRF token. */
	if (o.method && o.method !== 'GET' && csrf)
		headers['X-CSRF-Token'] = csrf;
	o.headers = headers;
	try {
		r = await fetch('/api/v1/' + path, o);
	} catch (e) {
		throw new ApiError(0, e.message || 'network error');
	}
	if (r.status === 401 && path !== 'session' && signedOut)
		signedOut();
	const keptAt = r.headers.get('X-Kept-At');
	if (keptAt && keptSeen)
		keptSeen(keptAt);
	let body = null;
	try {
		body = await r.json();
	} catch (e) {
		body = null;
	}
	if (!r.ok) {
		const err = body && body.error;
		throw new ApiError(r.status, (err && err.message) || ('HTTP ' + r.status), err && err.field);
	}
	return body;
}

/* {q: 'x', unit: ''} → "?q=x": empty values are left out. */
export function qs(params)
{
	const u = new URLSearchParams();
	for (const k of Object.keys(params))
		if (params[k] !== '' && params[k] !== null && params[k] !== undefined)
			u.set(k, params[k]);
	const s = u.toString();
	return s ? '?' + s : '';
}

/* The request for one page of list path (index.html preloads a unit's first). */
export function listPage(path, params, cursor)
{
	return path + qs(Object.assign({}, params, {limit: 200, cursor: cursor || ''}));
}

/* A key the server records a change under once, however often it is sent. */
export function newRequestKey()
{
	if (window.crypto && typeof crypto.randomUUID === 'function')
		return crypto.randomUUID();
	/* randomUUID needs a secure context; plain http on a LAN address is not one. */
	const b = new Uint8Array(16);
	crypto.getRandomValues(b);
	return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
