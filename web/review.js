/*
 * review.js — documents read from their text (issue 4): upload a letter,
 * review the tasks drafted from it beside its text, confirm them.
 *
 * Hash routes:  #/documents   drafts waiting for review, documents, upload
 *               #/draft/ID    one draft: the text and its tasks, editable
 *
 * Text from documents is only ever set as text, never as markup.
 */
import {api} from './api.js';
import {el, field, msgBox, say, table} from './dom.js';
import {fmtDate} from './fmt.js';
import {lang, recLabel, t, words} from './i18n.js';
import {setTitle, show} from './router.js';

words({
	vi: {
		d_title: 'Văn bản chỉ đạo',
		d_upload: 'Đọc một văn bản',
		d_file: 'Tệp .docx hoặc .txt',
		d_text: 'hoặc dán nội dung văn bản',
		d_read: 'Đọc văn bản',
		d_drafts: 'Bản nháp chờ duyệt',
		d_docs: 'Văn bản đã ghi nhận',
		d_none: 'Chưa có.',
		d_tasks_n: '{0} nhiệm vụ',
		d_review: 'Duyệt nhiệm vụ',
		d_text_of: 'Nội dung văn bản',
		d_task_text: 'Nội dung nhiệm vụ',
		d_issues: 'Cần xử lý',
		d_ready: 'Sẵn sàng xác nhận.',
		d_task: 'Nhiệm vụ {0}',
		d_section: 'Mục {0}',
		d_title_f: 'Tên nhiệm vụ',
		d_deadline: 'Hạn',
		d_rec: 'Lặp lại',
		d_rec_none: '(không)',
		d_lead: 'Đơn vị thực hiện',
		d_coop: 'Đơn vị phối hợp',
		d_add: 'Thêm',
		d_add_ph: 'Mã hoặc tên đơn vị',
		d_remove: 'Bỏ',
		d_remove_task: 'Bỏ nhiệm vụ này',
		d_members: '{0} đơn vị',
		d_pick: 'Chọn:',
		d_save: 'Lưu',
		d_confirm: 'Xác nhận và giao nhiệm vụ',
		d_discard: 'Hủy bản nháp',
		d_saved: 'Đã lưu.',
		d_confirmed: 'Đã giao {0} nhiệm vụ của văn bản {1}.',
		d_status_confirmed: 'Bản nháp đã được xác nhận.',
		d_status_discarded: 'Bản nháp đã bị hủy.',
		d_no_file: 'Chọn một tệp hoặc dán nội dung.',
		d_read_as: 'Thông tin đọc được',
		d_f_issuer: 'Cơ quan ban hành',
		d_f_number: 'Số, ký hiệu',
		d_f_place: 'Địa danh',
		d_f_date: 'Ngày ban hành',
		d_f_subject: 'Trích yếu',
		d_f_tasks: 'Nhiệm vụ',
		d_confidence: 'Độ tin cậy khi đọc: {0}%',
	},
	en: {
		d_title: 'Directive documents',
		d_upload: 'Read a document',
		d_file: 'A .docx or .txt file',
		d_text: 'or paste the text',
		d_read: 'Read the document',
		d_drafts: 'Drafts waiting for review',
		d_docs: 'Recorded documents',
		d_none: 'None yet.',
		d_tasks_n: '{0} tasks',
		d_review: 'Review the tasks',
		d_text_of: 'The document',
		d_task_text: 'The task as written',
		d_issues: 'To resolve',
		d_ready: 'Ready to confirm.',
		d_task: 'Task {0}',
		d_section: 'Section {0}',
		d_title_f: 'Task title',
		d_deadline: 'Deadline',
		d_rec: 'Recurrence',
		d_rec_none: '(none)',
		d_lead: 'Assigned to',
		d_coop: 'Cooperating',
		d_add: 'Add',
		d_add_ph: 'Unit code or name',
		d_remove: 'Remove',
		d_remove_task: 'Remove this task',
		d_members: '{0} units',
		d_pick: 'Choose:',
		d_save: 'Save',
		d_confirm: 'Confirm and assign',
		d_discard: 'Discard the draft',
		d_saved: 'Saved.',
		d_confirmed: '{0} tasks of {1} assigned.',
		d_status_confirmed: 'This draft was confirmed.',
		d_status_discarded: 'This draft was discarded.',
		d_no_file: 'Choose a file or paste the text.',
		d_read_as: 'As read',
		d_f_issuer: 'Issuing body',
		d_f_number: 'Number and symbol',
		d_f_place: 'Place',
		d_f_date: 'Date of issue',
		d_f_subject: 'Subject',
		d_f_tasks: 'Tasks',
		d_confidence: 'Reading confidence: {0}%',
	},
});

/* The parser's warnings about one field ("date", "tasks[2].assignees"), in the reader's language. */
function warningsFor(d, name)
{
	return ((d.parsed || {}).warnings || []).filter((w) => w.field === name).map((w) =>
		el('small', {class: 'err d-warn', dataset: {field: w.field, code: w.code}},
			lang === 'vi' ? w.message_vi : w.message));
}

/* The document's header fields as read, each with what could not be read beside it. */
function readFields(d)
{
	const doc = d.document || {};
	const rows = [
		['d_f_issuer', 'issuer', doc.issuer],
		['d_f_number', 'number', doc.number || doc.symbol ? (doc.number || '…') + '/' + (doc.symbol || '') : ''],
		['d_f_place', 'place', doc.place],
		['d_f_date', 'date', doc.issued_on ? fmtDate(doc.issued_on) : ''],
		['d_f_subject', 'subject', doc.title],
		['d_f_tasks', 'tasks', d.tasks && d.tasks.length ? String(d.tasks.length) : ''],
	];
	const conf = (d.parsed || {}).confidence;
	return el('div', {class: 'd-read'}, el('h2', null, t('d_read_as')),
		typeof conf === 'number' ? el('p', {class: 'd-confidence'}, t('d_confidence', Math.round(conf * 100))) : null,
		el('dl', null, rows.map(([label, name, value]) => [el('dt', null, t(label)),
			el('dd', {dataset: {field: name}}, value || '—', ' ', warningsFor(d, name))])));
}

const REVIEW_RECS = ['once', 'monthly', 'quarterly', 'semiannual', 'yearly', 'ongoing'];

export async function pageDocuments(ctx)
{
	const [drafts, docs] = await Promise.all([api('drafts?status=draft'), api('documents')]);
	if (!ctx.live())
		return;
	const file = el('input', {type: 'file', name: 'file', id: 'doc-file', accept: '.docx,.txt'});
	const text = el('textarea', {name: 'text', id: 'doc-text', rows: '5'});
	const msg = msgBox();
	const submit = el('button', {type: 'submit', class: 'btn'}, t('d_read'));
	const form = el('form', {class: 'rform', id: 'doc-upload'},
		field(t('d_file'), file), field(t('d_text'), text), msg, el('p', null, submit));
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		let opts;
		if (file.files.length) {
			const fd = new FormData();
			fd.append('file', file.files[0]);
			opts = {method: 'POST', body: fd};
		} else if (text.value.trim()) {
			opts = {method: 'POST', headers: {'Content-Type': 'application/json', Accept: 'application/json'},
				body: JSON.stringify({text: text.value})};
		} else {
			say(msg, t('d_no_file'));
			return;
		}
		submit.disabled = true;
		try {
			const d = await api('documents', opts);
			location.hash = '#/draft/' + d.id;
		} catch (err) {
			say(msg, err.message);
		} finally {
			submit.disabled = false;
		}
	});
	const draftRows = drafts.map((d) => el('tr', null,
		el('td', {class: 'nowrap'}, el('a', {href: '#/draft/' + d.id}, (d.number || '…') + '/' + (d.symbol || ''))),
		el('td', null, el('a', {href: '#/draft/' + d.id}, d.title || d.source_name || ('#' + d.id))),
		el('td', null, t('d_tasks_n', d.tasks)), el('td', {class: 'nowrap'}, fmtDate((d.created_at || '').slice(0, 10)))));
	const docRows = docs.map((d) => el('tr', null,
		el('td', {class: 'nowrap'}, d.number_symbol || d.type), el('td', null, d.title),
		el('td', {class: 'nowrap'}, d.issued_on ? fmtDate(d.issued_on) : '')));
	show(ctx,
		el('section', {class: 'panel head'}, el('h1', null, t('d_title')), el('h2', null, t('d_upload')), form),
		el('section', {class: 'panel'}, el('h2', null, t('d_drafts')),
			draftRows.length ? table('tbl', ['', '', '', ''], draftRows) : el('p', null, t('d_none'))),
		el('section', {class: 'panel'}, el('h2', null, t('d_docs')),
			docRows.length ? table('tbl', ['', '', ''], docRows) : el('p', null, t('d_none'))));
	setTitle(t('d_title'));
}

/* One unit entry as a chip: name, what it was matched to, or the choices. */
function entryChip(list, i, redraw)
{
	const e = list[i];
	const bad = e.status === 'ambiguous' || e.status === 'unmatched';
	const what = e.status === 'group' ? e.ref + ' · ' + t('d_members', e.members)
		: e.unit ? e.unit.code + ' · ' + e.unit.name : (e.ref || '?');
	const chip = el('span', {class: 'chip' + (bad ? ' bad' : ''), dataset: {status: e.status, ref: e.ref || ''}},
		e.name ? e.name + ' → ' : '', bad ? '?' : what,
		el('button', {type: 'button', class: 'btn ghost small', 'aria-label': t('d_remove'),
			onclick: () => { list.splice(i, 1); redraw(); }}, '×'));
	if (!bad)
		return chip;
	return el('div', {class: 'entry-bad'}, chip, el('small', {class: 'err'}, e.message || ''),
		(e.candidates || []).length ? el('span', null, ' ' + t('d_pick') + ' ',
			e.candidates.map((c) => el('button', {type: 'button', class: 'btn ghost small', dataset: {ref: c.ref},
				onclick: () => { list[i] = {name: e.name, ref: c.ref}; redraw(); }}, c.name))) : null);
}

function reviewUnits(label, list, redraw)
{
	const input = el('input', {type: 'text', placeholder: t('d_add_ph'), maxlength: '200'});
	const addIt = () => {
		const v = input.value.trim();
		if (!v)
			return;
		/* A code is sent as a ref; anything else as a name for the server to match. */
		list.push(/^[A-Z0-9@]+$/.test(v) ? {ref: v} : {name: v});
		redraw();
	};
	input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); addIt(); } });
	return el('div', {class: 'fld'}, el('span', {class: 'lbl'}, label),
		el('div', {class: 'chips'}, list.map((_, i) => entryChip(list, i, redraw))),
		el('span', null, input, ' ', el('button', {type: 'button', class: 'btn ghost small', onclick: addIt}, t('d_add'))));
}

function taskCard(d, k, redraw)
{
	const x = d.tasks[k];
	/* The parser's task warnings hold while the tasks are still those it read. */
	const read = ((d.parsed || {}).tasks || []).length === d.tasks.length;
	const title = el('input', {type: 'text', value: x.title || '', maxlength: '1000', class: 'd-title'});
	title.addEventListener('input', () => { x.title = title.value; });
	const dl = el('input', {type: 'date', value: x.deadline || ''});
	dl.addEventListener('change', () => { x.deadline = dl.value || null; });
	const rec = el('select', {class: 'd-rec'}, el('option', {value: ''}, t('d_rec_none')),
		REVIEW_RECS.map((r) => el('option', {value: r, selected: x.recurrence === r}, recLabel(r))));
	rec.addEventListener('change', () => { x.recurrence = rec.value || null; });
	return el('article', {class: 'panel d-task', dataset: {index: String(k)}},
		el('h3', null, t('d_task', k + 1), x.section ? ' · ' + t('d_section', x.section) : ''),
		field(t('d_title_f'), title),
		el('details', null, el('summary', null, t('d_task_text')), el('p', null, x.text || '')),
		el('div', {class: 'grid'}, field(t('d_deadline'), dl, x.deadline_text || null), field(t('d_rec'), rec,
			x.recurrence_written && !x.recurrence ? x.recurrence_written : null)),
		reviewUnits(t('d_lead'), x.lead, redraw),
		read ? warningsFor(d, 'tasks[' + k + '].assignees') : null,
		reviewUnits(t('d_coop'), x.cooperating, redraw),
		el('p', null, el('button', {type: 'button', class: 'btn ghost small',
			onclick: () => { d.tasks.splice(k, 1); redraw(); }}, t('d_remove_task'))));
}

export async function pageDraft(ctx)
{
	const id = ctx.params.id;
	let d = await api('drafts/' + id);
	if (!ctx.live())
		return;
	const msg = msgBox();
	const body = () => ({document: d.document, tasks: d.tasks});
	const save = async () => {
		d = Object.assign(d, await api('drafts/' + id, {method: 'PUT',
			headers: {'Content-Type': 'application/json', Accept: 'application/json'},
			body: JSON.stringify(body())}));
	};
	const draw = () => {
		if (!ctx.live())
			return;
		const open = d.status === 'draft';
		const issues = (d.issues || []).map((i) => el('li', {class: i.severity === 'error' ? 'err' : ''},
			(typeof i.task === 'number' ? t('d_task', i.task + 1) + ': ' : '') + i.message));
		const tasks = open ? d.tasks.map((_, k) => taskCard(d, k, draw)) : [];
		const buttons = open ? el('p', {class: 'd-actions'},
			el('button', {type: 'button', class: 'btn ghost', id: 'd-save', onclick: async () => {
				try { await save(); draw(); say(msg, t('d_saved'), true); } catch (e) { say(msg, e.message); }
			}}, t('d_save')), ' ',
			el('button', {type: 'button', class: 'btn', id: 'd-confirm', onclick: async () => {
				try {
					await save();
					if (!d.ready) {
						draw();
						return;
					}
					const doc = await api('drafts/' + id + '/confirm', {method: 'POST'});
					d = await api('drafts/' + id);
					draw();
					say(msg, t('d_confirmed', doc.task_ids.length, doc.number_symbol || doc.title), true);
					msg.appendChild(el('ul', null, doc.tasks.map((x) =>
						el('li', null, el('a', {href: '#/task/' + x.id}, x.title)))));
				} catch (e) { say(msg, e.message); }
			}}, t('d_confirm')), ' ',
			el('button', {type: 'button', class: 'btn ghost', id: 'd-discard', onclick: async () => {
				try { d = await api('drafts/' + id, {method: 'DELETE'}); draw(); } catch (e) { say(msg, e.message); }
			}}, t('d_discard'))) : el('p', {class: 'flash'}, el('span', {class: 'ok'},
				t(d.status === 'confirmed' ? 'd_status_confirmed' : 'd_status_discarded')));
		const doc = d.document || {};
		show(ctx,
			el('p', {class: 'crumb'}, el('a', {href: '#/documents'}, t('nav_documents')), ' › ',
				(doc.number || '…') + '/' + (doc.symbol || '')),
			el('section', {class: 'panel head'}, el('h1', null, doc.title || ''),
				el('p', null, [doc.issuer, doc.issued_on ? fmtDate(doc.issued_on) : ''].filter(Boolean).join(' · ')),
				readFields(d),
				issues.length ? el('div', null, el('h2', null, t('d_issues')), el('ul', {id: 'd-issues'}, issues))
					: el('p', {class: 'ok'}, t('d_ready')),
				buttons, msg),
			el('div', {class: 'review'},
				el('section', {class: 'panel review-text'}, el('h2', null, t('d_text_of')),
					el('pre', {class: 'doctext'}, d.text || '')),
				el('section', {class: 'review-tasks'}, el('h2', null, t('d_review')), tasks)));
		setTitle(doc.title || t('d_review'));
	};
	draw();
}
