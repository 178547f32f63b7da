/* drafts.js — progress reports not yet sent, kept in the browser (IndexedDB)
 * with their request key until the server has them.  A report is put here
 * before it is sent and taken out once the server answers it, or answers
 * 409 for its request key (it was recorded by an earlier send whose answer
 * was lost): so a report written offline, or whose sending failed, is sent
 * again when the link returns (the `online` event, or the next page load),
 * and never stored twice. */
import {api} from './api.js';

const DB = 'cchc';
const STORE = 'drafts';

function open()
{
	return new Promise((resolve, reject) => {
		if (!window.indexedDB)
			return reject(new Error('IndexedDB unavailable'));
		const rq = indexedDB.open(DB, 1);
		rq.onupgradeneeded = () => rq.result.createObjectStore(STORE, {keyPath: 'request_key'});
		rq.onsuccess = () => resolve(rq.result);
		rq.onerror = () => reject(rq.error);
	});
}

/* Runs fn(store) in a transaction; resolves with what fn's request gave. */
async function tx(mode, fn)
{
	const db = await open();
	try {
		return await new Promise((resolve, reject) => {
			const t = db.transaction(STORE, mode);
			const rq = fn(t.objectStore(STORE));
			t.oncomplete = () => resolve(rq ? rq.result : undefined);
			t.onerror = () => reject(t.error);
			t.onabort = () => reject(t.error || new Error('aborted'));
		});
	} finally {
		db.close();
	}
}

/* d: {request_key, assignment_id, unit_id, task_title, percent, note,
 * completed_on, reporter, files: [File]}.  Throws when the browser cannot
 * keep it (no IndexedDB, storage full): the caller says so. */
export function saveDraft(d)
{
	return tx('readwrite', (s) => s.put(Object.assign({saved_at: new Date().toISOString()}, d)));
}

export async function drafts()
{
	try {
		return await tx('readonly', (s) => s.getAll());
	} catch (e) {
		return [];
	}
}

export function dropDraft(key)
{
	return tx('readwrite', (s) => s.delete(key));
}

function formOf(d)
{
	const fd = new FormData();
	fd.append('percent', String(d.percent));
	fd.append('note', d.note || '');
	if (d.completed_on)
		fd.append('completed_on', d.completed_on);
	fd.append('reporter', d.reporter);
	fd.append('request_key', d.request_key);
	for (const f of d.files || [])
		fd.append('evidence', f, f.name);
	return fd;
}

/* Sends draft d once.  Resolves 'sent', 'dup' (the 409 of its own request
 * key: recorded by an earlier send whose answer was lost) or 'kept' (the
 * link is down: try later); throws the server's refusal, after noting it on
 * the draft, which stays for the official to see (e.g. the assignment was
 * completed meanwhile, or the session ended). */
export async function sendDraft(d)
{
	let said = 'sent';
	try {
		await api('assignments/' + d.assignment_id + '/reports', {method: 'POST', body: formOf(d)});
	} catch (err) {
		if (err.status === 0)
			return 'kept';
		if (!(err.status === 409 && err.field === 'request_key')) {
			await saveDraft(Object.assign({}, d, {error: err.message, error_status: err.status})).catch(() => {});
			throw err;
		}
		said = 'dup';
	}
	/* Not kept (no storage) is as good as dropped. */
	await dropDraft(d.request_key).catch(() => {});
	return said;
}

let flushing = null;

/* Sends every draft; resolves the drafts the server now has.  One run at a
 * time. */
export function flushDrafts()
{
	if (!flushing)
		flushing = (async () => {
			const sent = [];
			for (const d of await drafts()) {
				try {
					if (await sendDraft(d) === 'kept')
						break;	/* offline: the rest wait too */
					sent.push(d);
				} catch (e) {
					/* kept with its error, shown on its assignment */
				}
			}
			return sent;
		})().finally(() => { flushing = null; });
	return flushing;
}
