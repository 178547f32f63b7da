/* report.js — an assignment's progress reports: their history with the
 * evidence files and the head's confirmation, and the report form (one
 * request key per form, so that a report sent twice is recorded once). */
import {api, newRequestKey} from './api.js';
import {add, clear, el, field} from './dom.js';
import {drafts, dropDraft, flushDrafts, saveDraft, sendDraft} from './drafts.js';
import {fmtDate, fmtSize, todayVN} from './fmt.js';
import {t, words} from './i18n.js';
import {leaveFlash, parseHash, route} from './router.js';
import {mayConfirm, mayReport, me} from './session.js';

words({
	vi: {
		no_report_right: 'Chỉ cán bộ của đơn vị này được báo cáo tiến độ.',
		report_title: 'Báo cáo tiến độ',
		history: 'Lịch sử báo cáo',
		history_none: 'Chưa có báo cáo nào.',
		r_percent: 'Tỷ lệ hoàn thành (%)',
		r_note: 'Nội dung, kết quả',
		r_completed_on: 'Ngày hoàn thành',
		r_completed_help: 'Bắt buộc khi đạt 100%.',
		r_reporter: 'Người báo cáo',
		r_evidence: 'Tệp minh chứng',
		r_evidence_help: 'PDF, ảnh PNG/JPEG, văn bản, Word, Excel, ODF; có thể chọn nhiều tệp.',
		r_submit: 'Gửi báo cáo',
		r_sending: 'Đang gửi…',
		r_ok: 'Đã ghi nhận báo cáo {0}% cho nhiệm vụ «{1}».',
		r_err: 'Không gửi được',
		r_dup: 'Báo cáo này đã được gửi trước đó, không ghi trùng.',
		r_net: 'Lỗi mạng; bấm gửi lại (báo cáo sẽ không bị ghi trùng).',
		r_pct_bad: 'Tỷ lệ phải là số nguyên từ 0 đến 100.',
		r_date_need: 'Cần ngày hoàn thành khi báo cáo 100%.',
		r_reporter_need: 'Cần tên người báo cáo.',
		r_by: 'bởi {0}',
		r_done_on: 'hoàn thành ngày {0}',
		r_confirmed: 'Thủ trưởng {0} đã xác nhận',
		r_unconfirmed: 'chờ thủ trưởng xác nhận',
		r_confirm: 'Xác nhận hoàn thành',
		r_files: 'Minh chứng',
		r_kept: 'Chưa gửi được: báo cáo đã lưu trên máy này và sẽ tự gửi khi có mạng (không bị ghi trùng).',
		r_unkept: 'Trình duyệt không lưu được báo cáo (bộ nhớ đầy hoặc bị chặn): đừng đóng trang, bấm gửi lại khi có mạng.',
		r_pending: 'chưa gửi',
		r_pending_refused: 'chưa gửi — máy chủ từ chối: {0}. Mở lại báo cáo để sửa hoặc gửi lại.',
		r_sent_later: 'Đã gửi {0} báo cáo lưu trên máy khi mất mạng.',
		r_discard: 'Bỏ báo cáo này',
		r_full: 'Bộ nhớ của trình duyệt đã đầy: báo cáo không lưu được trên máy này. Đừng đóng trang; bấm gửi lại khi có mạng, hoặc xóa bớt dữ liệu trang web khác trong trình duyệt.',
		r_pending_closed: 'chưa gửi — máy chủ không nhận: {0}. Nhiệm vụ đã hoàn thành hoặc không còn giao cho bạn; báo cáo vẫn giữ trên máy này và không tự gửi lại. Chép nội dung nếu cần, rồi bỏ.',
		r_refused_later: '{0} báo cáo lưu trên máy không gửi được: xem dòng «chưa gửi» bên dưới.',
		r_away: 'Báo cáo chưa gửi của nhiệm vụ không có trên trang này',
		r_not_image: '«{0}» không phải là ảnh đọc được (tệp hỏng hoặc sai đuôi): báo cáo chưa gửi. Chọn lại ảnh, hoặc bỏ tệp này.',
	},
	en: {
		no_report_right: 'Only this unit\'s officers report its progress.',
		report_title: 'Progress report',
		history: 'Report history',
		history_none: 'No reports yet.',
		r_percent: 'Percent complete',
		r_note: 'Note',
		r_completed_on: 'Completion date',
		r_completed_help: 'Required at 100%.',
		r_reporter: 'Reported by',
		r_evidence: 'Evidence files',
		r_evidence_help: 'PDF, PNG/JPEG images, text, Word, Excel, ODF; several files allowed.',
		r_submit: 'Send report',
		r_sending: 'Sending…',
		r_ok: 'Recorded a {0}% report for “{1}”.',
		r_err: 'Not sent',
		r_dup: 'This report was already received; it was not recorded twice.',
		r_net: 'Network error; press send again (it will not be recorded twice).',
		r_pct_bad: 'Percent must be a whole number from 0 to 100.',
		r_date_need: 'A 100% report needs the completion date.',
		r_reporter_need: 'Please give the reporter’s name.',
		r_by: 'by {0}',
		r_done_on: 'completed on {0}',
		r_confirmed: 'confirmed by the head, {0}',
		r_unconfirmed: 'awaiting the head\'s confirmation',
		r_confirm: 'Confirm completion',
		r_files: 'Evidence',
		r_kept: 'Not sent yet: the report is kept on this device and will be sent by itself when the link returns (never recorded twice).',
		r_unkept: 'The browser could not keep the report (storage full or blocked): keep this page open and send again when online.',
		r_pending: 'not sent',
		r_pending_refused: 'not sent — the server refused it: {0}. Open the report to correct it or send it again.',
		r_sent_later: 'Sent {0} report(s) kept on this device while offline.',
		r_discard: 'Discard this report',
		r_full: 'The browser\'s storage is full: the report could not be kept on this device. Keep this page open and send again when online, or clear other sites\' data in the browser.',
		r_pending_closed: 'not sent — the server refused it: {0}. The task was completed or is no longer yours; the report stays on this device and is not sent again by itself. Copy what you need, then discard it.',
		r_refused_later: '{0} report(s) kept on this device could not be sent: see “not sent” below.',
		r_away: 'Reports not sent, of tasks not on this page',
		r_not_image: '“{0}” is not a readable image (damaged, or a wrong extension): the report was not sent. Choose the photo again, or leave this file out.',
	},
});

/* Fills an assignment's open panel: the form (for its unit's officials), then the history. */
export async function openReport(a, panel, ctx)
{
	const hist = el('div', {class: 'history'}, el('h3', null, t('history')), el('p', {class: 'loading'}, t('loading')));
	add(panel, [mayReport(a.unit_id) ? reportForm(a, ctx) : el('p', {class: 'note'}, t('no_report_right')), hist]);
	try {
		const reports = await api('assignments/' + a.id + '/reports');
		clear(hist).appendChild(el('h3', null, t('history')));
		hist.appendChild(reports.length ? el('ol', {class: 'reports'}, reports.slice().reverse().map((r) => reportItem(r, a))) :
			el('p', {class: 'empty'}, t('history_none')));
	} catch (e) {
		clear(hist).appendChild(el('p', {class: 'err'}, e.message));
	}
}

function confirmation(r, a)
{
	if (r.percent !== 100)
		return null;
	if (r.confirmed_by)
		return el('p', {class: 'meta confirmed'}, t('r_confirmed', r.confirmed_by));
	const box = el('p', {class: 'meta unconfirmed'}, t('r_unconfirmed'));
	if (a && mayConfirm(a.unit_id)) {
		const b = el('button', {type: 'button', class: 'confirm'}, t('r_confirm'));
		b.addEventListener('click', async () => {
			b.disabled = true;
			try {
				const done = await api('progress-reports/' + r.id + '/confirm', {method: 'POST'});
				box.replaceWith(el('p', {class: 'meta confirmed'}, t('r_confirmed', done.confirmed_by)));
			} catch (e) {
				b.disabled = false;
				box.appendChild(el('span', {class: 'err'}, ' ' + e.message));
			}
		});
		box.append(' ', b);
	}
	return box;
}

function reportItem(r, a)
{
	return el('li', {class: 'report'},
		el('div', {class: 'rhead'},
			el('strong', null, r.percent + '%'), ' · ',
			el('time', {datetime: r.reported_on}, fmtDate(r.reported_on)), ' · ',
			t('r_by', r.reporter),
			r.completed_on ? ' · ' + t('r_done_on', fmtDate(r.completed_on)) : ''),
		r.note ? el('p', {class: 'note'}, r.note) : null,
		confirmation(r, a),
		r.evidence && r.evidence.length ? el('ul', {class: 'files', 'aria-label': t('r_files')},
			r.evidence.map((f) => el('li', null, evidenceLink(f), ' ', el('small', null, fmtSize(f.size))))) : null);
}

/* The server names every download "evidence"; fetch it and save it under
 * its original name instead, keeping the plain link for other uses. */
function evidenceLink(f)
{
	const href = '/api/v1/evidence/' + encodeURIComponent(f.sha256);
	return el('a', {href: href, download: f.filename, class: 'file', onclick: async (e) => {
		if (e.ctrlKey || e.metaKey || e.shiftKey || e.button)
			return;
		e.preventDefault();
		try {
			const r = await fetch(href);
			if (!r.ok)
				throw new Error('HTTP ' + r.status);
			const url = URL.createObjectURL(await r.blob());
			const a = el('a', {href: url, download: f.filename});
			document.body.appendChild(a);
			a.click();
			a.remove();
			setTimeout(() => URL.revokeObjectURL(url), 10000);
		} catch (err) {
			location.href = href;
		}
	}}, f.filename);
}

function reporterName()
{
	try {
		return localStorage.getItem('cchc.reporter') || '';
	} catch (e) {
		return '';
	}
}

/* {files} to send, photos shrunk to the server's size (photo.js, loaded
 * only now), or {notImage: name} of a "photo" that is none.  Without the
 * module (no link, no service worker) the files go as they are: the
 * server takes them up to its own limit. */
async function evidenceToSend(chosen)
{
	if (!chosen.length)
		return {files: chosen};
	let photo;
	try {
		photo = await import('./photo.js');
	} catch (e) {
		return {files: chosen};
	}
	try {
		return {files: await photo.shrinkPhotos(chosen, (me && me.photo) || {max_px: 1600, quality: 0.8})};
	} catch (e) {
		/* A canvas that fails to encode sends the photo as it is. */
		return e && e.notImage ? e : {files: chosen};
	}
}

function reportForm(a, ctx)
{
	const key = newRequestKey();
	const uid = 'r' + a.id;
	const pct = el('input', {type: 'number', name: 'percent', id: uid + '-pct', min: '0', max: '100', step: '1',
		required: true, inputmode: 'numeric', value: String(a.percent || 0)});
	const date = el('input', {type: 'date', name: 'completed_on', id: uid + '-date', max: todayVN(),
		value: a.completed_on || todayVN()});
	const dateWrap = field(t('r_completed_on'), date, t('r_completed_help'));
	/* The native picker follows the browser's locale; say the date our way too. */
	const dateHelp = dateWrap.querySelector('.help');
	const showDate = () => { dateHelp.textContent = t('r_completed_help') + (date.value ? ' (' + fmtDate(date.value) + ')' : ''); };
	date.addEventListener('input', showDate);
	date.addEventListener('change', showDate);
	showDate();
	const note = el('textarea', {name: 'note', id: uid + '-note', rows: '3', maxlength: '4000'});
	const who = el('input', {type: 'text', name: 'reporter', id: uid + '-who', required: true, maxlength: '200',
		autocomplete: 'name', value: reporterName()});
	const files = el('input', {type: 'file', name: 'evidence', id: uid + '-files', multiple: true,
		accept: '.pdf,.png,.jpg,.jpeg,.txt,.docx,.xlsx,.odt,.ods,application/pdf,image/png,image/jpeg,text/plain'});
	const msg = el('div', {class: 'formmsg', role: 'alert', 'aria-live': 'assertive'});
	const submit = el('button', {type: 'submit', class: 'btn'}, t('r_submit'));
	const sync = () => {
		const full = Number(pct.value) === 100;
		dateWrap.hidden = !full;
		date.required = full;
		date.disabled = !full;
	};
	pct.addEventListener('input', sync);
	sync();
	const fail = (text, detail) => {
		clear(msg).appendChild(el('p', {class: 'err'}, el('strong', null, text), detail ? ' ' + detail : ''));
	};
	const form = el('form', {class: 'rform', novalidate: true, dataset: {key: key}},
		el('h3', null, t('report_title')),
		el('div', {class: 'grid'},
			field(t('r_percent'), pct), dateWrap, field(t('r_reporter'), who)),
		field(t('r_note'), note),
		field(t('r_evidence'), files, t('r_evidence_help')),
		msg,
		el('div', {class: 'actions'}, submit));
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		if (form.dataset.busy)
			return;
		clear(msg);
		const p = pct.value.trim();
		if (!/^\d{1,3}$/.test(p) || Number(p) > 100)
			return fail(t('r_pct_bad'));
		if (Number(p) === 100 && !date.value)
			return fail(t('r_date_need'));
		if (!who.value.trim())
			return fail(t('r_reporter_need'));
		try {
			localStorage.setItem('cchc.reporter', who.value.trim());
		} catch (err) { /* ignore */ }
		form.dataset.busy = '1';
		submit.disabled = true;
		submit.textContent = t('r_sending');
		const ready = await evidenceToSend(Array.from(files.files));
		if (ready.notImage) {
			delete form.dataset.busy;
			submit.disabled = false;
			submit.textContent = t('r_submit');
			return fail(t('r_not_image', ready.notImage));
		}
		const d = {request_key: key, assignment_id: a.id, unit_id: String(a.unit_id), task_title: a.task_title,
			percent: Number(p), note: note.value, completed_on: Number(p) === 100 ? date.value : '',
			reporter: who.value.trim(), files: ready.files};
		/* Kept before it is sent: a closed tab or a dropped link loses nothing. */
		const kept = await saveDraft(d).then(() => true, (err) => (err && err.name === 'QuotaExceededError' ? 'full' : false));
		let said;
		try {
			said = await sendDraft(d);
		} catch (err) {
			/* Said here, to be corrected in this form: not kept. */
			said = null;
			await dropDraft(key).catch(() => {});
			fail(t('r_err') + ' (' + err.status + '):', err.message);
		}
		delete form.dataset.busy;
		submit.disabled = false;
		submit.textContent = t('r_submit');
		/* The sign-in page is shown (api.js); the draft goes after the sign-in. */
		if (said === 'signed_out' && kept === true)
			return;
		if (said === 'kept' || said === 'signed_out') {
			if (kept !== true)
				return fail(t('r_net'), t(kept === 'full' ? 'r_full' : 'r_unkept'));
			markPending(d);
			/* Offline, it goes when the link returns; with a link that
			 * failed this once, the official may press send again. */
			if (navigator.onLine)
				return fail(t('r_net'));
			return clear(msg).appendChild(el('p', {class: 'pending'}, t('r_kept')));
		}
		if (!said)
			return;
		unmarkPending(d);
		/* 'dup': this very form was recorded before (e.g. the answer to an
		 * earlier send was lost): show the list as it now stands. */
		if (said === 'dup')
			leaveFlash(a.unit_id, t('r_dup'), 'info');
		else
			leaveFlash(a.unit_id, t('r_ok', Number(p), a.task_title));
		if (ctx.live())
			route();
	});
	return form;
}

/* The row of draft d's assignment, if the page shows it. */
function rowOf(d)
{
	return document.getElementById('asg-' + d.assignment_id);
}

/* Marks draft d's assignment "not sent" (with the server's refusal, if any). */
function markPending(d)
{
	const row = rowOf(d);
	if (!row)
		return;
	const old = row.querySelector('.a-st .draft');
	const mark = pendingMark(d);
	if (old)
		old.replaceWith(mark);
	else
		row.querySelector('.a-st').appendChild(mark);
}

/* Draft d's mark: "not sent", or the server's refusal with the draft's
 * note (to copy) and a button that discards it. */
function pendingMark(d)
{
	const mark = el('small', {class: 'draft' + (d.error ? ' refused' : ''), dataset: {key: d.request_key}},
		!d.error ? t('r_pending') + ' · ' + d.percent + '%' :
		d.error_kind === 'closed' ? t('r_pending_closed', d.error) : t('r_pending_refused', d.error));
	if (!d.error)
		return mark;
	if (d.note)
		mark.append(' ', el('q', {class: 'draft-note'}, d.percent + '% · ' + d.note));
	mark.append(' ', el('button', {type: 'button', class: 'btn small ghost discard', onclick: async () => {
		await dropDraft(d.request_key).catch(() => {});
		const item = mark.closest('li.draft-away');
		(item || mark).remove();
	}}, t('r_discard')));
	return mark;
}

/* Drafts whose assignment the unit page does not show (it went to another
 * unit, or the official did), listed at the page's head: none is hidden. */
function showAway(away)
{
	const list = document.getElementById('assignments');
	const old = document.getElementById('drafts-away');
	if (old)
		old.remove();
	if (!list || !away.length)
		return;
	list.before(el('div', {class: 'drafts-away', id: 'drafts-away'}, el('h3', null, t('r_away')),
		el('ul', null, away.map((d) => el('li', {class: 'draft-away', dataset: {assignment: d.assignment_id}},
			el('strong', null, d.task_title || '#' + d.assignment_id), ' ', pendingMark(d))))));
}

function unmarkPending(d)
{
	const row = rowOf(d);
	const mark = row && row.querySelector('.a-st .draft');
	if (mark)
		mark.remove();
}

/* Marks every assignment on the page that has a report waiting to be sent. */
export async function showPending()
{
	const away = [];
	for (const d of await drafts()) {
		if (rowOf(d))
			markPending(d);
		else
			away.push(d);
	}
	showAway(away);
}

/* The unit whose page is open (the address names it), else the official's
 * own: where a message about kept drafts is read, whatever unit's tasks
 * they were written for (an assignment may have gone to another unit). */
function shownUnit()
{
	const parts = parseHash().parts;
	return parts[0] === 'unit' && parts[1] ? parts[1] : String((me && me.unit_id) || '');
}

/* Sends the reports kept while offline; when any went, the page is shown
 * again as the server now has it, saying so. */
export async function sendKept()
{
	const {sent, refused} = await flushDrafts();
	if (sent.length)
		leaveFlash(shownUnit(), t('r_sent_later', sent.length));
	else if (refused.length)
		leaveFlash(shownUnit(), t('r_refused_later', refused.length), 'err');
	else
		return showPending();
	route();
}
