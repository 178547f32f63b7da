/* unit.js — #/unit/ID?status= : what a unit owes, sorted by deadline; each
 * row opens its reports and the report form (report.js). */
import {api, qs} from './api.js';
import {byDeadline, fetchAll} from './data.js';
import {add, clear, el} from './dom.js';
import {fmtDate, fmtNum, fmtRate} from './fmt.js';
import {STATUSES, fieldName, kindLabel, periodLabel, recLabel, statusLabel, t, words} from './i18n.js';
import {setTitle, show, takeFlash} from './router.js';
import {badge, pctBar, stackBar, statusChips} from './widgets.js';

words({
	vi: {
		unit_code: 'Mã đơn vị: {0}',
		unit_head: 'Người đứng đầu: {0}',
		unit_leads: 'Chủ trì lĩnh vực: {0}',
		unit_owes: 'Nhiệm vụ phải thực hiện',
		unit_owes_help: 'Sắp xếp theo hạn. Bấm «Báo cáo» để cập nhật tiến độ.',
		report_btn: 'Báo cáo',
		report_close: 'Đóng',
		unit_due_soon: 'Đến hạn trong 10 ngày làm việc',
		unit_due_soon_none: 'Không có nhiệm vụ nào đến hạn trong 10 ngày làm việc tới.',
	},
	en: {
		unit_code: 'Unit code: {0}',
		unit_head: 'Head: {0}',
		unit_leads: 'Leads the field(s): {0}',
		unit_owes: 'What this unit owes',
		unit_owes_help: 'Sorted by deadline. Press “Report” to record progress.',
		report_btn: 'Report',
		report_close: 'Close',
		unit_due_soon: 'Due within ten working days',
		unit_due_soon_none: 'Nothing falls due in the next ten working days.',
	},
});

export async function pageUnit(ctx)
{
	const id = ctx.params.id;
	const status = ctx.query.get('status') || '';
	const [unit, items] = await Promise.all([api('units/' + id), fetchAll('assignments', {unit: id})]);
	items.sort(byDeadline);
	setTitle(unit.name);
	const c = unit.counts;

	const findingsBox = el('p', {class: 'sub', id: 'unit-findings-box'});
	/* The inspections' module only when the page is drawn (its own pages are lazy too). */
	import('./inspections.js').then((m) => m.unitFindingsLink(id, findingsBox), () => {});
	const leads = (unit.leads_fields || []).map(fieldName);
	const head = el('section', {class: 'panel head'},
		el('p', {class: 'crumb'}, el('a', {href: '#/overview'}, t('nav_dashboard')), ' › ', kindLabel(unit.kind)),
		el('h1', {id: 'unit-name'}, unit.name),
		el('p', {class: 'sub'}, t('unit_code', unit.code),
			unit.head_name ? ' · ' + t('unit_head', unit.head_name + (unit.head_title ? ' (' + unit.head_title + ')' : '')) : ''),
		leads.length ? el('p', {class: 'sub'}, t('unit_leads', leads.join('; '))) : null,
		el('div', {class: 'cards', id: 'unit-counts'},
			el('div', {class: 'card big'}, el('span', {class: 'k'}, t('on_time_rate')),
				el('span', {class: 'v', id: 'unit-rate'}, fmtRate(c.on_time_rate)),
				el('small', null, t('dash_as_of', fmtDate(unit.as_of)))),
			STATUSES.map((s) => el('a', {class: 'card st-card' + (status === s ? ' on' : ''), dataset: {status: s},
				href: '#/unit/' + id + qs({status: status === s ? '' : s})},
				el('span', {class: 'k'}, el('span', {class: 'sw st-' + s}), statusLabel(s)),
				el('span', {class: 'v'}, fmtNum(c[s]))))),
		stackBar(c),
		findingsBox);

	const chips = statusChips('#/unit/' + id, status, items.length, (s) => items.filter((a) => a.status === s).length);

	const shown = status ? items.filter((a) => a.status === status) : items;
	const flash = el('div', {class: 'flash', id: 'flash', role: 'status', 'aria-live': 'polite'});
	/* A render overtaken by a newer one leaves the message to it. */
	const said = ctx.live() ? takeFlash(id) : null;
	if (said)
		flash.appendChild(el('p', {class: said.kind === 'info' ? 'ok info' : said.kind === 'err' ? 'err' : 'ok'}, said.text));
	const list = el('ol', {class: 'asgs', id: 'assignments'}, shown.map((a) => asgRow(a, ctx)));
	show(ctx, head, dueSoon(items, unit.as_of),
		el('section', {class: 'panel'},
			el('h2', null, t('unit_owes')),
			el('p', {class: 'sub'}, t('unit_owes_help')),
			flash, chips,
			shown.length ? list : el('p', {class: 'empty'}, t('no_assignments'))));
	if (flash.firstChild)
		flash.scrollIntoView({block: 'nearest'});
	/* The report form's module comes once the list is shown (reports kept
	 * on this device are marked then): not on the way to the list. */
	report().then((m) => m.showPending(), () => {});
}

const report = () => import('./report.js');

/* The day n working days (Monday to Friday) after the ISO date day. */
function addWorkingDays(day, n)
{
	const d = new Date(day + 'T00:00:00Z');
	while (n > 0) {
		d.setUTCDate(d.getUTCDate() + 1);
		if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6)
			n--;
	}
	return d.toISOString().slice(0, 10);
}

/* What is not done yet and falls due after asOf, within ten working days
 * (official holidays are not counted off: the list errs on the early side). */
function dueSoon(items, asOf)
{
	const until = addWorkingDays(asOf, 10);
	const soon = items.filter((a) => a.deadline && a.deadline > asOf && a.deadline <= until &&
		(a.status === 'in_progress' || a.status === 'not_started'));
	return el('section', {class: 'panel', id: 'unit-due-soon'},
		el('h2', null, t('unit_due_soon')),
		soon.length ? el('ul', null, soon.map((a) => el('li', {dataset: {assignment: String(a.id)}},
			el('time', {datetime: a.deadline}, fmtDate(a.deadline)), ' · ',
			el('a', {href: '#/task/' + a.task_id}, a.task_title))))
			: el('p', {class: 'empty'}, t('unit_due_soon_none')));
}

function asgRow(a, ctx)
{
	const li = el('li', {class: 'asg st-row-' + a.status, id: 'asg-' + a.id, dataset: {assignment: String(a.id), status: a.status}});
	const panel = el('div', {class: 'rpanel', hidden: true});
	const done = a.status === 'done_on_time' || a.status === 'done_late';
	const btn = el('button', {type: 'button', class: 'btn small' + (done ? ' ghost' : ''), 'aria-expanded': 'false', 'aria-controls': 'rp-' + a.id,
		onclick: () => {
			const open = panel.hidden;
			for (const other of document.querySelectorAll('.asg .rpanel:not([hidden])')) {
				other.hidden = true;
				clear(other);
				const b = other.parentNode.querySelector('button[aria-expanded]');
				b.setAttribute('aria-expanded', 'false');
				b.textContent = t('report_btn');
			}
			if (open) {
				panel.hidden = false;
				btn.setAttribute('aria-expanded', 'true');
				btn.textContent = t('report_close');
				report().then((m) => m.openReport(a, panel, ctx),
					(e) => clear(panel).appendChild(el('p', {class: 'err'}, t('error_load') + ': ' + e.message)));
			}
		}}, t('report_btn'));
	panel.id = 'rp-' + a.id;
	add(li, [
		el('div', {class: 'a-dl'}, el('span', {class: 'lblm'}, t('col_deadline') + ': '),
			el('time', {datetime: a.deadline || ''}, a.deadline ? fmtDate(a.deadline) : t('deadline_none'))),
		el('div', {class: 'a-task'},
			el('a', {href: '#/task/' + a.task_id}, a.task_title),
			el('small', {class: 'meta'},
				[a.period ? periodLabel(a.period) : recLabel(a.recurrence), a.product].filter(Boolean).join(' · '))),
		el('div', {class: 'a-st'}, badge(a.status),
			a.completed_on ? el('small', {class: 'meta'}, t('r_done_on', fmtDate(a.completed_on))) : null),
		el('div', {class: 'a-pct'}, pctBar(a.percent || 0)),
		el('div', {class: 'a-act'}, btn),
		panel]);
	return li;
}
