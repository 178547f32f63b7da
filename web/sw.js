/* sw.js — keeps the page and its files so that the web UI opens without a
 * link, and at once on a slow one.  The page is answered from the cache
 * when kept there and refreshed from the network behind it (a new version
 * shows on the next load); the files under hashed names never change, so
 * they come from the cache once there.  The answers a unit's page is drawn
 * from (the session, the unit, its assignments, the fields) are asked of
 * the network and a copy kept, stamped with the time it was fetched
 * (X-Kept-At), for the page to be shown "as of" then without a link; the
 * copies go when the official signs in or out.  Other API requests are left
 * alone, and reports written offline wait in the page's own store
 * (drafts.js).  Served at /sw.js so that it covers the whole site. */
const CACHE = 'cchc-shell';
const ANSWERS = 'cchc-answers';
const HASHED = /^\/static\/[A-Za-z0-9_-]+\.[0-9a-f]{12}\.[a-z]+$/;
const KEPT_API = /^\/api\/v1\/(session|fields|units\/\d+|assignments)$/;

/* The hashed files page html refers to (links and import map). */
function filesOf(html)
{
	return [...new Set(html.match(/\/static\/[A-Za-z0-9_.-]+/g) || [])].filter((p) => HASHED.test(p));
}

/* Keeps page response r and every file it names; drops files neither it
 * nor the page it replaces needs (a page already open may still import
 * its own). */
async function keepPage(r)
{
	const cache = await caches.open(CACHE);
	const html = await r.clone().text();
	const old = await cache.match('/');
	const want = filesOf(html).concat(old ? filesOf(await old.text()) : []);
	await cache.put('/', r);
	for (const req of await cache.keys()) {
		const path = new URL(req.url).pathname;
		if (path !== '/' && !want.includes(path))
			await cache.delete(req);
	}
	const have = new Set((await cache.keys()).map((req) => new URL(req.url).pathname));
	await cache.addAll(want.filter((p) => !have.has(p)));
}

/* The kept page at once, refreshed behind; the network's when none is kept. */
function keptPage(e)
{
	const fresh = fetch(e.request);
	e.waitUntil(fresh.then((r) => r.ok ? keepPage(r.clone()) : null).catch(() => {}));
	return caches.match('/', {cacheName: CACHE}).then((kept) => kept || fresh);
}

/* The network's answer, a copy kept with the time; the copy without a link. */
async function answerKept(request)
{
	const cache = await caches.open(ANSWERS);
	try {
		const r = await fetch(request);
		if (r.ok) {
			const headers = new Headers(r.headers);
			headers.set('X-Kept-At', new Date().toISOString());
			await cache.put(request, new Response(await r.clone().blob(), {status: r.status, headers: headers}));
		}
		return r;
	} catch (e) {
		const kept = await cache.match(request);
		if (kept)
			return kept;
		throw e;
	}
}

async function fileFromCache(request)
{
	const kept = await caches.match(request);
	if (kept)
		return kept;
	const r = await fetch(request);
	if (r.ok) {
		const cache = await caches.open(CACHE);
		await cache.put(request, r.clone());
	}
	return r;
}

self.addEventListener('install', (e) => {
	self.skipWaiting();
	e.waitUntil(fetch('/').then((r) => r.ok ? keepPage(r) : null));
});

self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (e) => {
	const url = new URL(e.request.url);
	if (url.origin !== self.location.origin)
		return;
	/* Signing in or out: what was kept for one official is not another's. */
	if (url.pathname === '/api/v1/session' && e.request.method !== 'GET')
		e.waitUntil(caches.delete(ANSWERS));
	if (e.request.method !== 'GET')
		return;
	if (url.pathname === '/')
		e.respondWith(keptPage(e));
	else if (KEPT_API.test(url.pathname))
		e.respondWith(answerKept(e.request));
	else if (HASHED.test(url.pathname))
		e.respondWith(fileFromCache(e.request));
});
