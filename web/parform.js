/* parform.js — a unit's PAR self-assessment (issue 14):
 *   #/par/ID   the criteria tree with each sub-criterion's points out of its
 *              maximum, the score proposed from the system's data, the
 *              evidence; how many sub-criteria are scored; saving the points
 *              and, by the head, sending the form for appraisal. */
import {api} from './api.js';
import {el, field, msgBox, say} from './dom.js';
import {t, words} from './i18n.js';
import {parStatus, pts} from './par.js';
import {evidenceBox, proposalBox} from './parleaf.js';
import {route, setTitle, show} from './router.js';
import {mayConfirm, mayReport} from './session.js';

words({
	vi: {
		parf_progress: 'Đã chấm {0}/{1} tiêu chí thành phần',
		parf_total: 'Tổng điểm tự đánh giá: {0}/{1}',
		parf_max: 'tối đa {0}',
		parf_note: 'Giải trình, ghi chú',
		parf_save: 'Lưu điểm',
		parf_saved: 'Đã lưu.',
		parf_submit: 'Gửi thẩm định',
		parf_submit_confirm: 'Gửi bản tự đánh giá để thẩm định? Sau khi gửi không sửa được điểm.',
		parf_by_other: 'Do {0} chấm',
		parf_by_appraisal: 'Hội đồng thẩm định',
		parf_by_survey: 'điều tra xã hội học',
		parf_accept_all: 'Chấp nhận cả {0} điểm đề xuất chưa quyết định',
		parf_accepted_all: 'Đã chấp nhận {0} điểm đề xuất.',
	},
	en: {
		parf_progress: '{0} of {1} sub-criteria scored',
		parf_total: 'Self-assessed total: {0} of {1}',
		parf_max: 'max {0}',
		parf_note: 'Note',
		parf_save: 'Save points',
		parf_saved: 'Saved.',
		parf_submit: 'Submit for appraisal',
		parf_submit_confirm: 'Submit the self-assessment for appraisal? Its points cannot change afterwards.',
		parf_by_other: 'Scored by {0}',
		parf_by_appraisal: 'the appraisal council',
		parf_by_survey: 'the survey',
		parf_accept_all: 'Accept all {0} proposed scores not yet decided',
		parf_accepted_all: '{0} proposed score(s) accepted.',
	},
});

/* The leaves of the tree, in order. */
export function leaves(nodes, out = [])
{
	for (const n of nodes) {
		if (n.children && n.children.length)
			leaves(n.children, out);
		else if (n.rule !== 'sum')
			out.push(n);
	}
	return out;
}

function leafRow(a, n, ctx, inputs)
{
	const self = n.scored_by === 'self';
	let input = null;
	if (self && ctx.editable) {
		input = el('input', {type: 'number', step: '0.01', min: n.rule === 'adjustment' ? -n.max : 0, max: n.max,
			value: n.self_points === null ? '' : String(n.self_points), class: 'pts', 'aria-label': n.code});
		const note = el('input', {type: 'text', maxlength: 2000, value: n.note || ''});
		inputs.push({code: n.code, input: input, note: note});
		input = el('div', {class: 'row'}, input, ' / ' + pts(n.max), field(t('parf_note'), note));
	}
	const p = ctx.proposals.find((x) => x.code === n.code);
	const done = () => route();
	return el('li', {class: 'par-leaf', dataset: {code: n.code, scored: String(n.self_points !== null)}},
		el('p', null, el('strong', null, n.code + '. '), n.name, ' ',
			el('small', {class: 'meta'}, t('parf_max', pts(n.max)))),
		self ? (input || el('p', null, pts(n.self_points) + ' / ' + pts(n.max), n.note ? ' — ' + n.note : ''))
			: el('p', {class: 'sub'}, t('parf_by_other', t('parf_by_' + n.scored_by))),
		p ? proposalBox(a, p, ctx.editable, done) : null,
		self ? evidenceBox(a, n.code, ctx.evidence.filter((e) => e.code === n.code), ctx.editable, done) : null);
}

function nodeItem(a, n, ctx, inputs)
{
	if (!(n.children && n.children.length) && n.rule !== 'sum')
		return leafRow(a, n, ctx, inputs);
	return el('li', {class: 'par-node level-' + n.level, dataset: {code: n.code}},
		el('p', null, el('strong', null, n.code + '. ' + n.name), ' ', el('small', {class: 'meta'}, t('parf_max', pts(n.max)))),
		el('ol', {class: 'par-tree'}, (n.children || []).map((c) => nodeItem(a, c, ctx, inputs))));
}

export async function pageParForm(ctx)
{
	const id = ctx.params.id;
	const [a, prop, ev] = await Promise.all([api('par/assessments/' + id), api('par/assessments/' + id + '/proposals'),
		api('par/assessments/' + id + '/evidence')]);
	const draft = a.status === 'draft';
	const c = {editable: draft && mayReport(a.unit_id), proposals: prop.items, evidence: ev.items};
	const own = leaves(a.tree).filter((n) => n.scored_by === 'self');
	const scored = own.filter((n) => n.self_points !== null).length;
	const inputs = [], box = msgBox();
	const save = async () => {
		const scores = inputs.filter((x) => x.input.value !== '').map((x) =>
			({code: x.code, points: Number(x.input.value), note: x.note.value}));
		try {
			await api('par/assessments/' + id + '/scores', {method: 'PUT', headers: {'Content-Type': 'application/json'},
				body: JSON.stringify({scores: scores})});
			say(box, t('parf_saved'), true);
			route();
		} catch (e) {
			say(box, e.message, false);
		}
	};
	/* Proposals with points the unit has not yet decided on, of criteria it scores itself. */
	const open = c.proposals.filter((p) => p.proposed !== null && !p.decision &&
		own.some((n) => n.code === p.code)).length;
	const acceptAll = async () => {
		try {
			const r = await api('par/assessments/' + id + '/proposals', {method: 'POST',
				headers: {'Content-Type': 'application/json'}, body: JSON.stringify({accept_all: true})});
			say(box, t('parf_accepted_all', r.accepted), true);
			route();
		} catch (e) {
			say(box, e.message, false);
		}
	};
	const submit = async () => {
		if (!window.confirm(t('parf_submit_confirm')))
			return;
		try {
			await api('par/assessments/' + id + '/submit', {method: 'POST'});
			route();
		} catch (e) {
			say(box, e.message, false);
		}
	};
	setTitle(a.unit_name);
	show(ctx, el('section', {class: 'panel head', id: 'par-form'},
		el('p', {class: 'crumb'}, el('a', {href: '#/par?year=' + a.year}, t('nav_par')), ' › ', String(a.year)),
		el('h1', null, a.unit_name, ' ', parStatus(a.status)),
		el('p', {id: 'par-progress'}, el('progress', {max: own.length, value: scored}), ' ',
			t('parf_progress', scored, own.length)),
		el('p', {id: 'par-total'}, t('parf_total', pts(a.total.self_points), pts(a.total.max)))),
	el('section', {class: 'panel'}, el('ol', {class: 'par-tree', id: 'par-tree'},
		a.tree.map((n) => nodeItem(a, n, c, inputs)))),
	el('section', {class: 'panel', id: 'par-actions'},
		c.editable ? el('button', {type: 'button', id: 'par-save', onclick: save}, t('parf_save')) : null, ' ',
		c.editable && open ? el('button', {type: 'button', id: 'par-accept-all', onclick: acceptAll},
			t('parf_accept_all', open)) : null, ' ',
		draft && mayConfirm(a.unit_id) ? el('button', {type: 'button', id: 'par-submit', onclick: submit},
			t('parf_submit')) : null,
		draft ? null : el('a', {href: '#/par/' + id + '/compare'}, t('par_compare')), box));
}
