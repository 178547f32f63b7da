/* inspections.js — inspections of the reform (issue 15):
 *   #/inspections?year=   the year's plans with their coverage and inspections,
 *                         the yearly summary's downloads
 *   #/inspection/ID       one inspection, its scope, its conclusion notice's
 *                         files (casedocs.js) and its findings' states
 *   #/verify              the inspecting unit's queue: remediations to accept
 *                         or send back with a reason
 *   #/unit/ID/findings    a unit's findings not yet remedied
 * The server checks every step; the page offers a step only where it may go. */
import {api, qs} from './api.js';
import {docsPanel} from './casedocs.js';
import {clear, el, field, msgBox, say, table} from './dom.js';
import {fmtDate, fmtNum, fmtRate, todayVN} from './fmt.js';
import {t, words} from './i18n.js';
import {route, setTitle, show} from './router.js';
import {me} from './session.js';
import {badge, pctBar, unitLink} from './widgets.js';

words({
	vi: {
		nav_inspections: 'Kiểm tra',
		insp_title: 'Kiểm tra công tác CCHC năm {0}',
		insp_year: 'Năm',
		insp_plan_by: 'Cơ quan kiểm tra: {0}',
		insp_self: 'tự kiểm tra',
		insp_coverage: 'Đã kiểm tra {0}/{1} cơ quan, đơn vị ({2}); theo kế hoạch {3} ({4}); chỉ tiêu tối thiểu {5}.',
		insp_target_met: 'Đạt chỉ tiêu',
		insp_target_not_met: 'Chưa đạt chỉ tiêu',
		insp_none: 'Chưa có kế hoạch kiểm tra nào trong năm.',
		insp_summary: 'Báo cáo tổng hợp kết quả kiểm tra năm',
		insp_dl_xlsx: 'Tải bảng tính (XLSX)',
		insp_dl_docx: 'Tải báo cáo (DOCX)',
		insp_queue_link: 'Hàng chờ xác nhận kết quả khắc phục',
		col_inspection: 'Cuộc kiểm tra',
		col_dates: 'Thời gian',
		col_findings: 'Tồn tại, hạn chế',
		col_severity: 'Mức độ',
		col_recommendation: 'Kiến nghị',
		col_remediation: 'Khắc phục',
		col_inspected_unit: 'Đơn vị được kiểm tra',
		ist_planned: 'Chưa tiến hành',
		ist_in_progress: 'Đang tiến hành',
		ist_concluded: 'Đã kết luận',
		fst_open: 'Chưa khắc phục',
		fst_awaiting_verification: 'Chờ xác nhận',
		fst_returned: 'Trả lại',
		fst_accepted: 'Đã khắc phục',
		insp_team: 'Đoàn kiểm tra: {0}',
		insp_scope_units: 'Đơn vị được kiểm tra',
		insp_scope_fields: 'Lĩnh vực',
		insp_conclusion: 'Kết luận kiểm tra (ngày {0})',
		insp_no_findings: 'Chưa có tồn tại, hạn chế nào.',
		insp_returned_why: 'Lý do trả lại: {0}',
		queue_title: 'Xác nhận kết quả khắc phục',
		queue_help: 'Các tồn tại, hạn chế đơn vị đã báo cáo khắc phục xong, chờ cơ quan kiểm tra xác nhận.',
		queue_empty: 'Không có kết quả khắc phục nào chờ xác nhận.',
		queue_accept: 'Xác nhận đã khắc phục',
		queue_return: 'Trả lại',
		queue_reason: 'Lý do trả lại',
		queue_reason_needed: 'Cần nêu lý do trả lại.',
		queue_accepted: 'Đã xác nhận: {0}',
		queue_returned_ok: 'Đã trả lại: {0}',
		ufind_title: 'Tồn tại, hạn chế chưa khắc phục xong',
		ufind_help: 'Theo kết luận kiểm tra; mỗi tồn tại là một nhiệm vụ của đơn vị.',
		ufind_none: 'Không có tồn tại, hạn chế nào chưa khắc phục xong.',
		ufind_link: 'Tồn tại, hạn chế chưa khắc phục ({0})',
		insp_documents: 'Thông báo kết luận kiểm tra (tệp)',
	},
	en: {
		nav_inspections: 'Inspections',
		insp_title: 'Inspections of the reform, {0}',
		insp_year: 'Year',
		insp_plan_by: 'Inspecting unit: {0}',
		insp_self: 'self-inspection',
		insp_coverage: '{0} of {1} units inspected ({2}); {3} planned ({4}); target at least {5}.',
		insp_target_met: 'Target met',
		insp_target_not_met: 'Target not met',
		insp_none: 'No inspection plan this year.',
		insp_summary: 'The year\'s inspection summary',
		insp_dl_xlsx: 'Download the workbook (XLSX)',
		insp_dl_docx: 'Download the report (DOCX)',
		insp_queue_link: 'Remediations waiting for verification',
		col_inspection: 'Inspection',
		col_dates: 'Dates',
		col_findings: 'Findings',
		col_severity: 'Severity',
		col_recommendation: 'Recommendation',
		col_remediation: 'Remediation',
		col_inspected_unit: 'Inspected unit',
		ist_planned: 'Planned',
		ist_in_progress: 'In progress',
		ist_concluded: 'Concluded',
		fst_open: 'Open',
		fst_awaiting_verification: 'Awaiting verification',
		fst_returned: 'Sent back',
		fst_accepted: 'Remedied',
		insp_team: 'Team: {0}',
		insp_scope_units: 'Inspected units',
		insp_scope_fields: 'Fields',
		insp_conclusion: 'Conclusion ({0})',
		insp_no_findings: 'No findings.',
		insp_returned_why: 'Sent back because: {0}',
		queue_title: 'Verify remediation',
		queue_help: 'Findings the units report as remedied, waiting for the inspecting unit.',
		queue_empty: 'Nothing waits for verification.',
		queue_accept: 'Accept',
		queue_return: 'Send back',
		queue_reason: 'Reason for sending back',
		queue_reason_needed: 'Give the reason for sending it back.',
		queue_accepted: 'Accepted: {0}',
		queue_returned_ok: 'Sent back: {0}',
		ufind_title: 'Findings not yet remedied',
		ufind_help: 'From inspection conclusions; each finding is a task of the unit.',
		ufind_none: 'No finding waits for remediation.',
		ufind_link: 'Findings not yet remedied ({0})',
		insp_documents: 'Conclusion notice (files)',
	},
});

/* A finding's state as a tag the page colours. */
function findingTag(status)
{
	return el('span', {class: 'fst fst-' + status, dataset: {status: status}}, t('fst_' + status));
}

function dates(from, to)
{
	return fmtDate(from) + (to && to !== from ? ' – ' + fmtDate(to) : '');
}

function coverageLine(c)
{
	return el('p', {class: 'coverage', dataset: {inspected: String(c.units_inspected), total: String(c.units_total)}},
		t('insp_coverage', fmtNum(c.units_inspected), fmtNum(c.units_total), fmtRate(c.share),
			fmtNum(c.units_planned), fmtRate(c.planned_share), fmtRate(c.target_share)), ' ',
		el('span', {class: 'fst ' + (c.target_met ? 'fst-accepted' : 'fst-open')},
			t(c.target_met ? 'insp_target_met' : 'insp_target_not_met')));
}

function coverageBar(c)
{
	const bar = el('div', {class: 'bar cover', role: 'img', 'aria-label': fmtRate(c.share)});
	const done = el('span', {class: 'seg st-done_on_time'}), planned = el('span', {class: 'seg st-in_progress'}),
		rest = el('span', {class: 'seg st-not_started'});
	done.style.flexGrow = String(c.units_inspected);
	planned.style.flexGrow = String(Math.max(0, c.units_planned - c.units_inspected));
	rest.style.flexGrow = String(Math.max(0, c.units_total - c.units_planned));
	bar.append(done, planned, rest);
	return bar;
}

function planPanel(p)
{
	const list = p.inspection_list || [];
	return el('section', {class: 'panel', id: 'plan-' + p.id},
		el('h2', null, p.title, p.kind === 'self' ? el('span', {class: 'tag'}, t('insp_self')) : null),
		el('p', {class: 'sub'}, t('insp_plan_by', ''), unitLink(p.inspecting_unit_id, p.inspecting_unit_name)),
		coverageLine(p.coverage), coverageBar(p.coverage),
		list.length ? table('insps stack', [t('col_inspection'), t('col_dates'), t('col_status'),
			el('th', {scope: 'col', class: 'num'}, t('col_findings'))],
		list.map((x) => el('tr', {dataset: {inspection: String(x.id)}},
			el('th', {scope: 'row'}, el('a', {href: '#/inspection/' + x.id}, x.title)),
			el('td', {class: 'nowrap', 'data-label': t('col_dates')}, dates(x.planned_from, x.planned_to)),
			el('td', {'data-label': t('col_status')}, el('span', {class: 'ist ist-' + x.status}, t('ist_' + x.status))),
			el('td', {class: 'num', 'data-label': t('col_findings')}, fmtNum(x.findings))))) : el('p', {class: 'empty'}, t('none')));
}

export async function pageInspections(ctx)
{
	const year = Number(ctx.query.get('year')) || Number(todayVN().slice(0, 4));
	const list = await api('inspection-plans' + qs({year: year}));
	const plans = await Promise.all(list.map((p) => api('inspection-plans/' + p.id)));
	setTitle(t('insp_title', year));
	const dl = (fmt, label) => el('a', {class: 'btn ghost small', href: '/api/v1/inspections/summary' + qs({year: year, format: fmt}),
		download: ''}, label);
	show(ctx,
		el('section', {class: 'panel head'},
			el('h1', null, t('insp_title', year)),
			el('p', {class: 'sub'}, el('a', {href: '#/inspections' + qs({year: year - 1})}, '‹ ' + (year - 1)), ' · ',
				el('a', {href: '#/inspections' + qs({year: year + 1})}, (year + 1) + ' ›'), ' · ',
				el('a', {href: '#/verify', id: 'queue-link'}, t('insp_queue_link'))),
			el('p', {class: 'dl'}, t('insp_summary'), ': ', dl('xlsx', t('insp_dl_xlsx')), ' ', dl('docx', t('insp_dl_docx')))),
		plans.length ? plans.map(planPanel) : el('section', {class: 'panel'}, el('p', {class: 'empty'}, t('insp_none'))));
}

/* The findings as a table; extra(f) adds a last cell (may be null). */
function findingTable(findings, withInspection, extra)
{
	const heads = [t('col_findings'), t('col_inspected_unit'), t('col_severity'), t('col_deadline'), t('col_status'),
		t('col_remediation')];
	if (extra)
		heads.push('');
	return table('findings stack', heads, findings.map((f) => el('tr', {id: 'finding-' + f.id, dataset: {finding: String(f.id), status: f.status}},
		el('th', {scope: 'row'}, el('a', {href: '#/task/' + f.task_id}, f.content),
			withInspection ? el('small', {class: 'meta'}, el('a', {href: '#/inspection/' + f.inspection_id}, f.inspection_title)) : null,
			el('small', {class: 'meta'}, t('col_recommendation') + ': ' + f.recommendation),
			f.return_reason ? el('small', {class: 'meta err'}, t('insp_returned_why', f.return_reason)) : null),
		el('td', {'data-label': t('col_inspected_unit')}, unitLink(f.unit_id, f.unit_name)),
		el('td', {'data-label': t('col_severity')}, f.severity_name),
		el('td', {class: 'nowrap', 'data-label': t('col_deadline')}, fmtDate(f.deadline)),
		el('td', {'data-label': t('col_status')}, findingTag(f.status)),
		el('td', {'data-label': t('col_remediation')}, f.remediation_status ? badge(f.remediation_status) : pctBar(f.percent || 0)),
		extra ? el('td', {class: 'act'}, extra(f)) : null)));
}

export async function pageInspection(ctx)
{
	const x = await api('inspections/' + ctx.params.id);
	setTitle(x.title);
	show(ctx,
		el('section', {class: 'panel head'},
			el('p', {class: 'crumb'}, el('a', {href: '#/inspections' + qs({year: x.year})}, t('nav_inspections')), ' › ', x.inspecting_unit_name),
			el('h1', {id: 'inspection-title'}, x.title, ' ', el('span', {class: 'ist ist-' + x.status, id: 'inspection-status'}, t('ist_' + x.status))),
			el('p', {class: 'sub'}, dates(x.started_on || x.planned_from, x.concluded_on || x.planned_to), ' · ',
				t('insp_team', (x.team || []).join(', '))),
			el('p', {class: 'sub'}, t('insp_scope_units') + ': ', (x.units || []).map((u, i) => [i ? ', ' : '', unitLink(u.id, u.name)])),
			el('p', {class: 'sub'}, t('insp_scope_fields') + ': ' + (x.fields || []).map((f) => f.name).join('; ')),
			x.conclusion ? el('div', {class: 'conclusion'}, el('h2', null, t('insp_conclusion', fmtDate(x.concluded_on))),
				el('p', null, x.conclusion)) : null),
		docsPanel('inspections/' + x.id, t('insp_documents'), x.documents, mayInspect(x.inspecting_unit_id)),
		el('section', {class: 'panel'}, el('h2', null, t('col_findings')),
			x.finding_list.length ? findingTable(x.finding_list, false, null)
				: el('p', {class: 'empty'}, t('insp_no_findings'))));
}

/* Does the official act for this inspecting unit? (the server decides too) */
function mayInspect(unitId)
{
	if (!me)
		return false;
	return me.roles.includes('admin') || (me.unit_id === unitId &&
		['lead_agency', 'unit_head', 'inspector'].some((r) => me.roles.includes(r)));
}

/* Does the official verify this finding? Not one of the inspecting unit's own. */
function mayVerify(f)
{
	return mayInspect(f.inspecting_unit_id) && (me.roles.includes('admin') || me.unit_id !== f.unit_id);
}

function verifyForm(f, box)
{
	const reason = el('input', {type: 'text', maxlength: 2000, class: 'reason', 'aria-label': t('queue_reason')});
	const send = async (decision, btn) => {
		if (decision === 'returned' && !reason.value.trim()) {
			say(box, t('queue_reason_needed'), false);
			reason.focus();
			return;
		}
		btn.disabled = true;
		try {
			const body = decision === 'returned' ? {decision: decision, reason: reason.value.trim()} : {decision: decision};
			await api('findings/' + f.id + '/verify', {method: 'POST', headers: {'Content-Type': 'application/json'},
				body: JSON.stringify(body)});
			sessionStorage.setItem('verify-flash', t(decision === 'accepted' ? 'queue_accepted' : 'queue_returned_ok', f.content));
			route();
		} catch (e) {
			btn.disabled = false;
			say(box, e.message, false);
		}
	};
	const accept = el('button', {type: 'button', class: 'btn small accept', onclick: () => send('accepted', accept)}, t('queue_accept'));
	const back = el('button', {type: 'button', class: 'btn small ghost return', onclick: () => send('returned', back)}, t('queue_return'));
	return el('div', {class: 'verify'}, accept, field(t('queue_reason'), reason), back);
}

export async function pageVerify(ctx)
{
	const all = await api('findings' + qs({status: 'awaiting_verification'}));
	const mine = all.filter(mayVerify);
	setTitle(t('queue_title'));
	const box = msgBox();
	const flash = sessionStorage.getItem('verify-flash');
	sessionStorage.removeItem('verify-flash');
	if (flash)
		say(box, flash, true);
	show(ctx, el('section', {class: 'panel', id: 'verify-queue'},
		el('p', {class: 'crumb'}, el('a', {href: '#/inspections'}, t('nav_inspections')), ' › ', t('queue_title')),
		el('h1', null, t('queue_title')),
		el('p', {class: 'sub'}, t('queue_help')), box,
		mine.length ? findingTable(mine, true, (f) => verifyForm(f, box)) : el('p', {class: 'empty'}, t('queue_empty'))));
}

/* The unit's findings not yet remedied (all states but accepted). */
async function openFindings(unitId)
{
	return (await api('findings' + qs({unit: unitId}))).filter((f) => f.status !== 'accepted');
}

export async function pageUnitFindings(ctx)
{
	const [unit, open] = await Promise.all([api('units/' + ctx.params.id), openFindings(ctx.params.id)]);
	setTitle(t('ufind_title') + ' · ' + unit.name);
	show(ctx, el('section', {class: 'panel', id: 'unit-findings'},
		el('p', {class: 'crumb'}, unitLink(unit.id, unit.name), ' › ', t('ufind_title')),
		el('h1', null, t('ufind_title')),
		el('p', {class: 'sub'}, t('ufind_help')),
		open.length ? findingTable(open, true, null) : el('p', {class: 'empty'}, t('ufind_none'))));
}

/* For the unit's page: a link to its open findings, drawn into box once known. */
export async function unitFindingsLink(unitId, box)
{
	try {
		const n = (await openFindings(unitId)).length;
		clear(box).appendChild(el('a', {href: '#/unit/' + unitId + '/findings', id: 'unit-findings-link'},
			t('ufind_link', fmtNum(n))));
	} catch (e) {
		/* the unit's page stands without it */
	}
}
