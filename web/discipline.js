/* discipline.js — discipline cases of officials (issue 15), for those who
 * may see them (the navigation shows the link only to them; the server
 * refuses, and records, every other look):
 *   #/discipline       the cases
 *   #/discipline/ID    one case: the official, the act, its limitation
 *                      (thời hiệu), the steps of the procedure, the decision,
 *                      the repeat rule's suggestion, pauses and exemption
 *                      (casesteps.js), the decision's files (casedocs.js)
 *                      and what lies behind it */
import {api} from './api.js';
import {docsPanel} from './casedocs.js';
import {eventsPanel} from './casesteps.js';
import {el, table} from './dom.js';
import {fmtDate} from './fmt.js';
import {t, words} from './i18n.js';
import {setTitle, show} from './router.js';
import {me} from './session.js';
import {unitLink} from './widgets.js';

words({
	vi: {
		nav_discipline: 'Kỷ luật',
		disc_title: 'Xử lý kỷ luật cán bộ, công chức, viên chức',
		disc_help: 'Thông tin hạn chế: chỉ người có thẩm quyền được xem; mọi lần xem đều được ghi nhật ký.',
		disc_none: 'Không có vụ việc nào.',
		col_official: 'Người vi phạm',
		col_act: 'Hành vi vi phạm',
		col_discovered: 'Ngày phát hiện',
		col_decision_due: 'Hạn quyết định',
		dst_open: 'Mới phát hiện',
		dst_reviewed: 'Đã kiểm điểm',
		dst_council: 'Đã họp Hội đồng kỷ luật',
		dst_decided: 'Đã quyết định',
		grp_can_bo: 'Cán bộ',
		grp_cong_chuc: 'Công chức',
		grp_vien_chuc: 'Viên chức',
		disc_leader: 'giữ chức vụ lãnh đạo, quản lý',
		disc_occurred: 'Ngày vi phạm: {0}',
		disc_steps: 'Các bước xử lý',
		step_discovered: 'Phát hiện vi phạm',
		step_review: 'Họp kiểm điểm',
		step_council: 'Họp Hội đồng kỷ luật',
		step_decision: 'Quyết định kỷ luật',
		step_pending: 'Chưa thực hiện',
		disc_form: 'Hình thức kỷ luật: {0}',
		disc_number: 'Quyết định số {0}',
		disc_issuer: 'Cơ quan ban hành: {0}',
		disc_overdue: 'Quá hạn ra quyết định',
		disc_late: 'Quyết định sau thời hạn',
		disc_extension: 'Gia hạn: {0}',
		disc_links: 'Căn cứ (kết luận kiểm tra, nhiệm vụ)',
		disc_finding: 'Tồn tại, hạn chế',
		disc_task: 'Nhiệm vụ',
		disc_limitation: 'Thời hiệu xử lý kỷ luật đến ngày {0}',
		disc_limitation_none: 'Không áp dụng thời hiệu',
		disc_limitation_passed: 'Đã hết thời hiệu',
		disc_override: 'Quyết định sau thời hiệu, lý do: {0}',
		disc_paused: 'Chưa xem xét từ ngày {0}',
		disc_exempt: 'Miễn kỷ luật ngày {0}',
		disc_suggested: 'Đề xuất hình thức: {0}',
		disc_suggested_why: 'quyết định kỷ luật trước còn hiệu lực',
		disc_documents: 'Quyết định kỷ luật và tài liệu',
	},
	en: {
		nav_discipline: 'Discipline',
		disc_title: 'Discipline cases of officials',
		disc_help: 'Restricted: only those entitled see a case; every look is recorded in the audit trail.',
		disc_none: 'No case.',
		col_official: 'Official',
		col_act: 'Act',
		col_discovered: 'Discovered',
		col_decision_due: 'Decision due',
		dst_open: 'Open',
		dst_reviewed: 'Reviewed',
		dst_council: 'Council held',
		dst_decided: 'Decided',
		grp_can_bo: 'Cadre',
		grp_cong_chuc: 'Civil servant',
		grp_vien_chuc: 'Public employee',
		disc_leader: 'holding a post',
		disc_occurred: 'Act committed on {0}',
		disc_steps: 'Procedure',
		step_discovered: 'Discovered',
		step_review: 'Review meeting',
		step_council: 'Discipline council',
		step_decision: 'Decision',
		step_pending: 'Not yet',
		disc_form: 'Form of discipline: {0}',
		disc_number: 'Decision No. {0}',
		disc_issuer: 'Issued by: {0}',
		disc_overdue: 'Decision overdue',
		disc_late: 'Decided after the limit',
		disc_extension: 'Extended: {0}',
		disc_links: 'Behind it (findings, tasks)',
		disc_finding: 'Finding',
		disc_task: 'Task',
		disc_limitation: 'Limitation period ends on {0}',
		disc_limitation_none: 'No limitation period',
		disc_limitation_passed: 'Limitation passed',
		disc_override: 'Decided after the limitation because: {0}',
		disc_paused: 'Paused since {0}',
		disc_exempt: 'Exempt on {0}',
		disc_suggested: 'Suggested form: {0}',
		disc_suggested_why: 'an earlier decision still in force',
		disc_documents: 'Decision and files',
	},
});

function statusTag(s)
{
	return el('span', {class: 'dst dst-' + s, dataset: {status: s}}, t('dst_' + s));
}

export async function pageDiscipline(ctx)
{
	const cases = await api('discipline-cases');
	setTitle(t('disc_title'));
	show(ctx, el('section', {class: 'panel', id: 'discipline-list'},
		el('h1', null, t('disc_title')),
		el('p', {class: 'sub'}, t('disc_help')),
		cases.length ? table('cases stack', [t('col_official'), t('col_unit'), t('col_act'), t('col_discovered'),
			t('col_decision_due'), t('col_status')],
		cases.map((c) => el('tr', {dataset: {case: String(c.id)}},
			el('th', {scope: 'row'}, el('a', {href: '#/discipline/' + c.id}, c.person_name),
				el('small', {class: 'meta'}, c.position)),
			el('td', {'data-label': t('col_unit')}, unitLink(c.unit_id, c.unit_name)),
			el('td', {'data-label': t('col_act')}, c.act),
			el('td', {class: 'nowrap', 'data-label': t('col_discovered')}, fmtDate(c.discovered_on)),
			el('td', {class: 'nowrap', 'data-label': t('col_decision_due')}, fmtDate(c.decision_due)),
			el('td', {'data-label': t('col_status')}, statusTag(c.status))))) : el('p', {class: 'empty'}, t('disc_none'))));
}

/* One step of the procedure: its day and note, or "not yet". */
function stepItem(key, on, note, extra)
{
	return el('li', {class: 'step' + (on ? ' done' : ''), dataset: {step: key}},
		el('strong', null, t('step_' + key)), ': ',
		on ? el('time', {datetime: on}, fmtDate(on)) : el('span', {class: 'empty'}, t('step_pending')),
		note ? el('small', {class: 'meta'}, note) : null, extra);
}

/* The statute of limitations, the pause or exemption in course. */
function limitationLine(c)
{
	return el('p', {class: 'sub', id: 'case-limitation', dataset: {until: c.limitation_until || ''}},
		c.limitation_until ? t('disc_limitation', fmtDate(c.limitation_until)) : t('disc_limitation_none'),
		c.limitation_passed ? el('span', {class: 'fst fst-returned', id: 'limitation-passed'}, t('disc_limitation_passed')) : null,
		c.limitation_override ? el('small', {class: 'meta'}, t('disc_override', c.limitation_override)) : null,
		c.paused ? el('span', {class: 'fst fst-awaiting_verification'}, t('disc_paused', fmtDate(c.paused_since))) : null,
		c.exempt ? el('span', {class: 'fst fst-accepted'}, t('disc_exempt', fmtDate(c.exempt_on))) : null);
}

/* The repeat rule's suggestion: a hint, the decision still chooses. */
function suggestion(s)
{
	return s ? el('p', {class: 'suggest', id: 'case-suggested', dataset: {form: s.code}},
		el('strong', null, t('disc_suggested', s.name)), ' (',
		el('a', {href: '#/discipline/' + s.because_case}, t('disc_suggested_why')), ')',
		el('small', {class: 'meta'}, s.rule)) : null;
}

/* May the official record steps of the case?  The unit's head, Home
 * Affairs and admins; the server decides (and refuses the others). */
function mayAct(c)
{
	if (!me)
		return false;
	return me.roles.includes('admin') || me.roles.includes('lead_agency') ||
		(me.roles.includes('unit_head') && me.unit_id === c.unit_id);
}

export async function pageDisciplineCase(ctx)
{
	const c = await api('discipline-cases/' + ctx.params.id);
	setTitle(c.person_name);
	const decision = c.decision_on ? el('div', null,
		c.decision_number ? el('small', {class: 'meta'}, t('disc_number', c.decision_number)) : null,
		c.decision_issuer ? el('small', {class: 'meta'}, t('disc_issuer', c.decision_issuer)) : null,
		c.form_name ? el('small', {class: 'meta', id: 'case-form'}, t('disc_form', c.form_name)) : null) : null;
	show(ctx,
		el('section', {class: 'panel head', id: 'discipline-case'},
			el('p', {class: 'crumb'}, el('a', {href: '#/discipline'}, t('nav_discipline')), ' › ', c.unit_name),
			el('h1', null, c.person_name, ' ', statusTag(c.status)),
			el('p', {class: 'sub'}, c.position, ' · ', t('grp_' + c.grp), c.is_leader ? ' (' + t('disc_leader') + ')' : '',
				' · ', unitLink(c.unit_id, c.unit_name)),
			el('p', null, c.act, ' ', el('span', {class: 'tag'}, c.severity_name)),
			el('p', {class: 'sub'}, t('disc_occurred', fmtDate(c.occurred_on)), ' · ',
				t('col_decision_due') + ': ' + fmtDate(c.decision_due),
				c.decision_overdue ? el('span', {class: 'fst fst-open'}, t('disc_overdue')) : null,
				c.decided_late ? el('span', {class: 'fst fst-returned'}, t('disc_late')) : null),
			c.extension_reason ? el('p', {class: 'sub'}, t('disc_extension', c.extension_reason)) : null,
			limitationLine(c), suggestion(c.suggested_form)),
		el('section', {class: 'panel'}, el('h2', null, t('disc_steps')),
			el('ol', {class: 'steps', id: 'case-steps'},
				stepItem('discovered', c.discovered_on, null, null),
				stepItem('review', c.review_on, c.review_note, null),
				stepItem('council', c.council_on, c.council_note, null),
				stepItem('decision', c.decision_on, c.decision_note, decision))),
		eventsPanel(c, mayAct(c)),
		docsPanel('discipline-cases/' + c.id, t('disc_documents'), c.documents, mayAct(c)),
		(c.links || []).length ? el('section', {class: 'panel'}, el('h2', null, t('disc_links')),
			el('ul', null, c.links.map((l) => el('li', null,
				t(l.finding_id ? 'disc_finding' : 'disc_task') + ': ',
				l.task_id ? el('a', {href: '#/task/' + l.task_id}, l.title) : l.title)))) : null);
}
