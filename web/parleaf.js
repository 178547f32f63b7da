/* parleaf.js — what the self-assessment form shows under one sub-criterion
 * (parform.js): the score proposed from the system's data with the numbers
 * behind it (accept, or override with a reason), and the evidence (files,
 * or links to tasks, reports and documents; removed while a draft). */
import {api} from './api.js';
import {el, field, msgBox, say} from './dom.js';
import {t, words} from './i18n.js';
import {pts} from './par.js';

words({
	vi: {
		parl_proposed: 'Đề xuất từ dữ liệu hệ thống: {0} điểm',
		parl_none: 'Chưa có số liệu để đề xuất',
		parl_accept: 'Chấp nhận',
		parl_override: 'Điều chỉnh',
		parl_points: 'Điểm',
		parl_reason: 'Lý do điều chỉnh (bắt buộc)',
		parl_accepted: 'Đã chấp nhận đề xuất',
		parl_overridden: 'Đã điều chỉnh: {0}',
		parl_evidence: 'Tài liệu kiểm chứng',
		parl_no_evidence: 'Chưa có tài liệu kiểm chứng.',
		parl_file: 'Tệp',
		parl_link: 'hoặc liên kết',
		parl_kind_task: 'Nhiệm vụ',
		parl_kind_report: 'Báo cáo',
		parl_kind_document: 'Văn bản',
		parl_ref: 'Số hiệu (id)',
		parl_note: 'Ghi chú',
		parl_add: 'Thêm tài liệu',
		parl_remove: 'Gỡ',
	},
	en: {
		parl_proposed: 'Proposed from the system\'s data: {0} points',
		parl_none: 'No data to propose from',
		parl_accept: 'Accept',
		parl_override: 'Override',
		parl_points: 'Points',
		parl_reason: 'Reason for the override (required)',
		parl_accepted: 'Proposal accepted',
		parl_overridden: 'Overridden: {0}',
		parl_evidence: 'Evidence',
		parl_no_evidence: 'No evidence yet.',
		parl_file: 'File',
		parl_link: 'or a link',
		parl_kind_task: 'Task',
		parl_kind_report: 'Report',
		parl_kind_document: 'Document',
		parl_ref: 'Id',
		parl_note: 'Note',
		parl_add: 'Add evidence',
		parl_remove: 'Remove',
	},
});

const post = (path, body) => api(path, {method: 'POST', headers: {'Content-Type': 'application/json'},
	body: JSON.stringify(body)});

/* The proposal p of a leaf; done() redraws the form after a decision. */
export function proposalBox(a, p, editable, done)
{
	const box = msgBox();
	const path = 'par/assessments/' + a.id + '/proposals';
	const decide = async (body) => {
		try {
			await post(path, Object.assign({code: p.code}, body));
			done();
		} catch (e) {
			say(box, e.message, false);
		}
	};
	const points = el('input', {type: 'number', step: '0.01', min: 0, max: p.max, class: 'pts'});
	const reason = el('input', {type: 'text', maxlength: 2000, class: 'reason'});
	const d = p.decision;
	return el('div', {class: 'par-proposal', dataset: {code: p.code}},
		el('p', null, el('strong', null, p.proposed === null ? t('parl_none') : t('parl_proposed', pts(p.proposed))),
			' ', el('small', {class: 'meta basis'}, p.basis)),
		d ? el('p', {class: 'sub decision'}, d.decision === 'accepted' ? t('parl_accepted')
			: t('parl_overridden', d.reason)) : null,
		editable && p.proposed !== null ? el('div', {class: 'row'},
			el('button', {type: 'button', class: 'accept', onclick: () => decide({accept: true})}, t('parl_accept')),
			field(t('parl_points'), points), field(t('parl_reason'), reason),
			el('button', {type: 'button', class: 'override', onclick: () =>
				decide({points: Number(points.value), reason: reason.value})}, t('parl_override'))) : null,
		box);
}

function evidenceItem(a, e, editable, done)
{
	const what = e.kind === 'file'
		? el('a', {href: '/api/v1/evidence/' + e.sha256, download: e.filename}, e.filename)
		: el('span', null, t('parl_kind_' + e.kind) + ' #' + e.ref_id);
	const remove = async () => {
		await api('par/assessments/' + a.id + '/evidence/' + e.id, {method: 'DELETE'});
		done();
	};
	return el('li', {dataset: {evidence: String(e.id)}}, what, e.note ? ' — ' + e.note : '',
		editable ? el('button', {type: 'button', class: 'link remove', onclick: remove}, t('parl_remove')) : null);
}

/* The leaf's evidence and, while editable, the form that adds some. */
export function evidenceBox(a, code, items, editable, done)
{
	const box = msgBox();
	const file = el('input', {type: 'file', multiple: true});
	const kind = el('select', null, ['task', 'report', 'document'].map((k) =>
		el('option', {value: k}, t('parl_kind_' + k))));
	const ref = el('input', {type: 'number', min: 1});
	const note = el('input', {type: 'text', maxlength: 1000});
	const add = async () => {
		const path = 'par/assessments/' + a.id + '/evidence';
		try {
			if (file.files.length) {
				const f = new FormData();
				f.append('code', code);
				f.append('note', note.value);
				for (const x of file.files)
					f.append('evidence', x, x.name);
				await api(path, {method: 'POST', body: f});
			} else {
				await post(path, {code: code, kind: kind.value, ref: Number(ref.value), note: note.value});
			}
			done();
		} catch (e) {
			say(box, e.message, false);
		}
	};
	return el('div', {class: 'par-evidence', dataset: {code: code}},
		el('h4', null, t('parl_evidence')),
		items.length ? el('ul', null, items.map((e) => evidenceItem(a, e, editable, done)))
			: el('p', {class: 'empty'}, t('parl_no_evidence')),
		editable ? el('div', {class: 'row'}, field(t('parl_file'), file), el('span', null, t('parl_link')),
			kind, field(t('parl_ref'), ref), field(t('parl_note'), note),
			el('button', {type: 'button', class: 'add', onclick: add}, t('parl_add'))) : null,
		box);
}
