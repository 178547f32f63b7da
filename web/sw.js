/* sw.js — keeps the page and its files so that the web UI opens without a
 * link.  The page is asked of the network first (it names the current
 * files) and kept; the files under hashed names never change, so they come
 * from the cache once there.  API requests are left alone: their answers
 * are the server's to give, and reports written offline wait in the page's
 * own store (drafts.js).  Served at /sw.js so that it covers the whole site. */
const CACHE = 'cchc-shell';
const HASHED = /^\/static\/[A-Za-z0-9_-]+\.[0-9a-f]{12}\.[a-z]+$/;

/* The hashed files page html refers to (links and import map). */
function filesOf(html)
{
	return [...new Set(html.match(/\/static\/[A-Za-z0-9_.-]+/g) || [])].filter((p) => HASHED.test(p));
}

/* Keeps page response r and every file it names; drops files no page needs. */
async function keepPage(r)
{
	const cache = await caches.open(CACHE);
	const html = await r.clone().text();
	const want = filesOf(html);
	await cache.put('/', r);
	for (const req of await cache.keys()) {
		const path = new URL(req.url).pathname;
		if (path !== '/' && !want.includes(path))
			await cache.delete(req);
	}
	const have = new Set((await cache.keys()).map((req) => new URL(req.url).pathname));
	await cache.addAll(want.filter((p) => !have.has(p)));
}

async function pageFirst(request)
{
	try {
		const r = await fetch(request);
		if (r.ok)
			keepPage(r.clone()).catch(() => {});
		return r;
	} catch (e) {
		const kept = await caches.match('/');
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
	if (e.request.method !== 'GET' || url.origin !== self.location.origin)
		return;
	if (url.pathname === '/')
		e.respondWith(pageFirst(e.request));
	else if (HASHED.test(url.pathname))
		e.respondWith(fileFromCache(e.request));
});
