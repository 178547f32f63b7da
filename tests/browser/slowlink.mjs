/* slowlink.mjs — a commune officer's unit page on a slow link (issue 20),
 * through Chromium's own network emulation: 400 kbit/s both ways and 400 ms
 * added to every request.  The browser test asserts what a run finds;
 * bench/slowlink.sh prints the figures of several runs.
 *
 * visits(browser, base, name, password, {worker}) signs in through the API
 * in a fresh profile and opens the page twice, a first and a repeat visit;
 * without worker the service worker is blocked (HTTP caching alone), with
 * it the worker answers the repeat visit, its own requests throttled too.
 * Each visit: {ms, bytes, requests, onWire, api, sessionAnswered, fromWorker}
 *   ms          navigation start → the unit's task list in the page (the
 *               page's own clock, so that the harness's waits are not in it)
 *   bytes       encodedDataLength of every finished request (headers too),
 *               the worker's own included
 *   api         [{path, sent}] every API request the page sent, in order
 *               (ms since the navigation began)
 *   sessionAnswered  when the session's answer arrived (ms)
 *   fromWorker  the page itself came from the service worker */
export const LINK = {offline: false, latency: 400, downloadThroughput: 400 * 1000 / 8,
	uploadThroughput: 400 * 1000 / 8};

/* In the page, before its scripts: when the first task row appears. */
function watchList()
{
	new MutationObserver((changes, mo) => {
		if (document.querySelector('#assignments li.asg')) {
			window.cchcListShownAt = performance.now();
			mo.disconnect();
		}
	}).observe(document, {subtree: true, childList: true});
}

/* Throttles every service worker of the browser (their requests are not
 * the page's: the page's emulation leaves them alone); the worker's
 * finished requests are counted through onFinished(bytes).  The CDP
 * session, for the caller to detach; null when there was no worker. */
async function throttleWorkers(browser, onFinished)
{
	const cdp = await browser.newBrowserCDPSession();
	cdp.on('Target.receivedMessageFromTarget', (e) => {
		const m = JSON.parse(e.message);
		if (m.method === 'Network.loadingFinished')
			onFinished(m.params.encodedDataLength);
	});
	const {targetInfos} = await cdp.send('Target.getTargets');
	let n = 0;
	for (const t of targetInfos.filter((x) => x.type === 'service_worker')) {
		const {sessionId} = await cdp.send('Target.attachToTarget', {targetId: t.targetId, flatten: false});
		const say = (id, method, params) => cdp.send('Target.sendMessageToTarget',
			{sessionId, message: JSON.stringify({id, method, params})});
		await say(1, 'Network.enable', {});
		await say(2, 'Network.emulateNetworkConditions', LINK);
		n++;
	}
	if (!n)
		await cdp.detach();
	return n ? cdp : null;
}

export async function visits(browser, base, name, password, opts)
{
	const worker = !!(opts && opts.worker);
	const ctx = await browser.newContext({viewport: {width: 412, height: 860},
		serviceWorkers: worker ? 'allow' : 'block'});
	let workers = null;
	try {
		const login = await ctx.request.post(base + '/api/v1/session', {data: {name, password}});
		if (!login.ok())
			throw new Error('sign-in: HTTP ' + login.status());
		const p = await ctx.newPage();
		await p.addInitScript(watchList);
		const cdp = await ctx.newCDPSession(p);
		await cdp.send('Network.enable');
		await cdp.send('Network.emulateNetworkConditions', LINK);
		let v = null, t0 = 0;
		cdp.on('Network.requestWillBeSent', (e) => {
			if (!v)
				return;
			if (!t0 && e.type === 'Document')
				t0 = e.timestamp;
			const path = e.request.url.slice(base.length);
			if (path.startsWith('/api/v1/'))
				v.api.push({path: path.slice(8), sent: Math.round((e.timestamp - t0) * 1000), id: e.requestId});
		});
		cdp.on('Network.responseReceived', (e) => {
			if (!v)
				return;
			if (e.type === 'Document')
				v.fromWorker = !!e.response.fromServiceWorker;
			const a = v.api.find((x) => x.id === e.requestId);
			if (a && a.path === 'session' && v.sessionAnswered < 0)
				v.sessionAnswered = Math.round((e.timestamp - t0) * 1000);
		});
		cdp.on('Network.loadingFinished', (e) => {
			if (!v)
				return;
			v.bytes += e.encodedDataLength;
			v.requests++;
			v.onWire += e.encodedDataLength > 0;
		});
		const visit = async () => {
			await p.goto('about:blank');
			v = {ms: 0, bytes: 0, requests: 0, onWire: 0, api: [], sessionAnswered: -1, fromWorker: false};
			t0 = 0;
			await p.goto(base + '/', {waitUntil: 'commit'});
			await p.waitForFunction(() => window.cchcListShownAt, null, {timeout: 30000});
			v.ms = Math.round(await p.evaluate(() => window.cchcListShownAt));
			await p.waitForLoadState('networkidle');
			const got = v;
			v = null;
			got.api = got.api.map(({path, sent}) => ({path, sent}));
			return got;
		};
		const first = await visit();
		if (worker) {
			/* Installed, with the page and its files kept (sw.js). */
			await p.evaluate(() => navigator.serviceWorker.ready);
			workers = await throttleWorkers(browser, (bytes) => { if (v) v.bytes += bytes; });
			if (!workers)
				throw new Error('no service worker to throttle');
		}
		const repeat = await visit();
		return {first, repeat};
	} finally {
		if (workers)
			await workers.detach();
		await ctx.close();
	}
}

/* "first visit: 33.2 KB in 17 requests (17 over the wire), list after 2087 ms" */
export function describe(what, v)
{
	return `${what}: ${(v.bytes / 1024).toFixed(1)} KB in ${v.requests} requests ` +
		`(${v.onWire} over the wire), the unit's task list after ${v.ms} ms` +
		(v.fromWorker ? ', the page from the service worker' : '');
}
