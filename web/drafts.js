/* drafts.js — progress reports not yet sent, kept in the browser (IndexedDB)
 * with their request key until the server has them.  A report is put here
 * before it is sent and taken out once the server answers it, or answers
 * 409 for its request key (it was recorded by an earlier send whose answer
 * was lost): so a report written offline, or whose sending failed, is sent
 * again when the link returns (the `online` event, the next page load, or
 * the next sign-in when the session had ended), and never stored twice.  A
 * report the server refuses stays, marked, until the official discards it. */
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

/* What a refusal of draft d means: 'closed' when the assignment is no
 * longer open to this official (completed meanwhile: 409 on assignment_id;
 * no longer theirs, or gone: 403, 404), else 'refused' (the report itself). */
function refusal(err)
{
	if ((err.status === 409 && err.field === 'assignment_id') || err.status === 403 || err.status === 404)
		return 'closed';
	return 'refused';
}

/* Sends draft d once.  Resolves 'sent', 'dup' (the 409 of its own request
 * key: recorded by an earlier send whose answer was lost), 'kept' (the
 * link is down, or the server failed: try later) or 'signed_out' (401: the
 * session ended; the draft waits, unchanged, for the next sign-in); throws
 * the server's refusal, after noting it on the draft (error, error_kind:
 * see refusal()), which stays for the official to see and is not sent
 * again by itself. */
export async function sendDraft(d)
{
	let said = 'sent';
	try {
		await api('assignments/' + d.assignment_id + '/reports', {method: 'POST', body: formOf(d)});
	} catch (err) {
		if (err.status === 0 || err.status >= 500)
			return 'kept';
		if (err.status === 401)
			return 'signed_out';
		if (!(err.status === 409 && err.field === 'request_key')) {
			await saveDraft(Object.assign({}, d, {error: err.message, error_status: err.status,
				error_kind: refusal(err)})).catch(() => {});
			throw err;
		}
		said = 'dup';
	}
	/* Not kept (no storage) is as good as dropped. */
	await dropDraft(d.request_key).catch(() => {});
	return said;
}

let flushing = null;

/* Sends every draft not refused before; resolves {sent, refused}: the
 * drafts the server now has, and those it refused this time.  One run at a
 * time. */
export function flushDrafts()
{
	if (!flushing)
		flushing = (async () => {
			const sent = [], refused = [];
			for (const d of await drafts()) {
				if (d.error)
					continue;	/* shown on its assignment, for the official to decide */
				try {
					const said = await sendDraft(d);
					if (said === 'kept' || said === 'signed_out')
						break;	/* the rest wait too */
					sent.push(d);
				} catch (e) {
					refused.push(d);
				}
			}
			return {sent, refused};
		})().finally(() => { flushing = null; });
	return flushing;
}
