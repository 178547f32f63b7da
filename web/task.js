/* task.js — #/task/ID?status= : one task, its assignments across units and
 * its history of changes. */
import {api} from './api.js';
import {byDeadline, getFields} from './data.js';
import {el, table} from './dom.js';
import {fmtDate, fmtNum, fmtRate} from './fmt.js';
import {fieldName, kindLabel, periodLabel, recLabel, t, words} from './i18n.js';
import {setTitle, show} from './router.js';
import {badge, historyPanel, legend, pctBar, stackBar, statusChips, unitLink} from './widgets.js';

words({
	vi: {
		task_doc: 'Văn bản: {0}',
		task_recurrence: 'Định kỳ: {0}',
		task_product: 'Sản phẩm: {0}',
		task_lead: 'Đơn vị chủ trì',
		task_coop: 'Đơn vị phối hợp',
		task_more: 'và {0} đơn vị khác',
		task_assignments: 'Giao cho các đơn vị',
	},
	en: {
		task_doc: 'Document: {0}',
		task_recurrence: 'Recurrence: {0}',
		task_product: 'Product: {0}',
		task_lead: 'Lead units',
		task_coop: 'Cooperating units',
		task_more: 'and {0} more',
		task_assignments: 'Assignments across units',
	},
});

/* Units as links; past eight, the rest folded away. */
function unitList(list)
{
	if (!list || !list.length)
		return el('p', {class: 'empty'}, t('none'));
	const items = (xs) => el('ul', {class: 'inline'}, xs.map((u) => el('li', null, unitLink(u.id, u.name))));
	if (list.length <= 8)
		return items(list);
	return el('div', null, items(list.slice(0, 6)),
		el('details', null, el('summary', null, t('task_more', list.length - 6)), items(list.slice(6))));
}

export async function pageTask(ctx)
{
	const task = await api('tasks/' + ctx.params.id);
	const fields = await getFields();
	const status = ctx.query.get('status') || '';
	setTitle(task.title);
	const ff = fields.find((x) => x.id === task.field_id);
	const asg = (task.assignments || []).slice().sort((a, b) =>
		byDeadline(a, b) || (a.unit_name < b.unit_name ? -1 : 1));
	const shown = status ? asg.filter((a) => a.status === status) : asg;
	const chips = statusChips('#/task/' + task.id, status, asg.length, (s) => task.counts[s]);
	const rows = shown.map((a) => el('tr', {dataset: {status: a.status}},
		el('th', {scope: 'row'}, unitLink(a.unit_id, a.unit_name), el('small', {class: 'kind'}, kindLabel(a.unit_kind))),
		el('td', null, a.period ? periodLabel(a.period) : ''),
		el('td', {class: 'nowrap', 'data-label': t('col_deadline')}, a.deadline ? fmtDate(a.deadline) : t('deadline_none')),
		el('td', null, badge(a.status)),
		el('td', null, pctBar(a.percent || 0)),
		a.completed_on ? el('td', {class: 'nowrap', 'data-label': t('col_completed')}, fmtDate(a.completed_on)) : el('td', {class: 'blank'})));
	show(ctx,
		el('section', {class: 'panel head'},
			el('p', {class: 'crumb'}, el('a', {href: '#/tasks'}, t('nav_tasks')), ' › ',
				task.document || '', task.section ? ' · ' + t('task_section', task.section) : ''),
			el('h1', null, task.title),
			el('ul', {class: 'facts'},
				task.document ? el('li', null, t('task_doc', task.document)) : null,
				ff ? el('li', null, t('col_field') + ': ', fieldName(ff)) : null,
				el('li', null, task.deadline ? t('task_deadline', fmtDate(task.deadline)) : t('task_recurrence', recLabel(task.recurrence))),
				task.product ? el('li', null, t('task_product', task.product)) : null),
			task.description ? el('p', {class: 'desc'}, task.description) : null,
			el('div', {class: 'two'},
				el('div', null, el('h2', null, t('task_lead')), unitList(task.lead)),
				el('div', null, el('h2', null, t('task_coop')), unitList(task.cooperating)))),
		el('section', {class: 'panel'},
			el('h2', null, t('task_assignments'), ' ', el('small', null, t('assignments_n', fmtNum(task.counts.total)),
				' · ', t('on_time_rate'), ': ', fmtRate(task.counts.on_time_rate))),
			stackBar(task.counts), legend(), chips,
			shown.length ? table('asgtable stack', [t('col_unit'), t('col_period'), t('col_deadline'), t('col_status'),
				t('col_percent'), t('col_completed')], rows) : el('p', {class: 'empty'}, t('no_assignments'))));
	const hist = await historyPanel('task', task.id);
	if (hist && ctx.live())
		ctx.root.appendChild(hist);
}
