/* plans.js — #/plans and #/plan/ID : plans, and a plan's fields with their
 * indicators and tasks. */
import {api} from './api.js';
import {el, table} from './dom.js';
import {fmtDate, fmtNum, fmtRate} from './fmt.js';
import {fieldName, recLabel, t, words} from './i18n.js';
import {setTitle, show} from './router.js';
import {legend, stackBar, unitLink} from './widgets.js';

words({
	vi: {
		plans_title: 'Kế hoạch',
		plan_demo: 'bản minh họa',
		plan_issued: 'Ban hành ngày {0}',
		plan_lead: 'Cơ quan chủ trì: {0}',
		plan_indicators: 'Chỉ tiêu',
		plan_tasks: 'Nhiệm vụ',
		plan_no_ind: 'Không có chỉ tiêu.',
		plan_no_tasks: 'Không có nhiệm vụ.',
		plan_other_tasks: 'Nhiệm vụ chưa gắn lĩnh vực',
		sample: 'số liệu mẫu',
	},
	en: {
		plans_title: 'Plans',
		plan_demo: 'illustrative',
		plan_issued: 'Issued on {0}',
		plan_lead: 'Lead agency: {0}',
		plan_indicators: 'Indicators',
		plan_tasks: 'Tasks',
		plan_no_ind: 'No indicators.',
		plan_no_tasks: 'No tasks.',
		plan_other_tasks: 'Tasks without a field',
		sample: 'sample values',
	},
});

export async function pagePlans(ctx)
{
	const plans = await api('plans');
	setTitle(t('plans_title'));
	show(ctx, el('section', {class: 'panel'},
		el('h1', null, t('plans_title')),
		plans.length ? table('plans stack', [t('col_number'), t('col_title'), t('col_year'), t('col_issued')],
			plans.map((p) => el('tr', null,
				el('td', {class: 'nowrap'}, el('a', {href: '#/plan/' + p.id}, p.number_symbol)),
				el('td', null, el('a', {href: '#/plan/' + p.id}, p.title),
					p.is_demo ? el('span', {class: 'tag'}, t('plan_demo')) : null),
				el('td', {class: 'num', 'data-label': t('col_year')}, String(p.year)),
				el('td', {class: 'nowrap', 'data-label': t('col_issued')}, fmtDate(p.issued_on))))) : el('p', {class: 'empty'}, t('none'))));
}

/* An indicator's comparison as written in a plan. */
const CMP = {'>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<'};

function taskTable(tasks)
{
	return table('tasks stack', [t('col_task'), t('col_deadline'), t('col_progress'), el('th', {scope: 'col', class: 'num'}, t('col_rate'))],
		tasks.map((x) => el('tr', null,
			el('th', {scope: 'row'}, x.section ? el('span', {class: 'sec'}, x.section + ' ') : null,
				el('a', {href: '#/task/' + x.id}, x.title)),
			el('td', {class: 'nowrap', 'data-label': t('col_deadline')}, x.deadline ? fmtDate(x.deadline) : recLabel(x.recurrence)),
			el('td', {class: 'barcell'}, stackBar(x.counts || {}),
				el('small', {class: 'meta'}, t('assignments_n', fmtNum((x.counts || {}).total)))),
			el('td', {class: 'num', 'data-label': t('col_rate')}, fmtRate((x.counts || {}).on_time_rate)))));
}

export async function pagePlan(ctx)
{
	const plan = await api('plans/' + ctx.params.id);
	setTitle(plan.number_symbol);
	const sections = (plan.fields || []).map((f) => el('section', {class: 'panel field-sec'},
		el('h2', null, (f.seq ? f.seq + '. ' : '') + fieldName(f)),
		f.lead_unit_name ? el('p', {class: 'sub'}, t('plan_lead', ''), unitLink(f.lead_unit_id, f.lead_unit_name)) : null,
		el('h3', null, t('plan_indicators')),
		f.indicators && f.indicators.length ? table('inds stack', [t('col_code'), t('col_indicator'), t('col_target'), t('col_baseline'),
			el('th', {scope: 'col', class: 'num'}, t('col_met')), el('th', {scope: 'col', class: 'num'}, t('col_not_met')),
			el('th', {scope: 'col', class: 'num'}, t('col_regressed'))],
		f.indicators.map((i) => el('tr', null,
			el('td', {class: 'nowrap'}, i.code),
			el('th', {scope: 'row'}, i.name, i.is_sample ? el('span', {class: 'tag'}, t('sample')) : null),
			el('td', {class: 'nowrap', 'data-label': t('col_target')}, (CMP[i.comparison] || i.comparison) + ' ' + fmtNum(i.target) + (i.measure ? ' ' + i.measure : '')),
			el('td', {class: 'nowrap', 'data-label': t('col_baseline')}, i.baseline === null || i.baseline === undefined ? '—' : fmtNum(i.baseline) + (i.measure ? ' ' + i.measure : '')),
			el('td', {class: 'num met', 'data-label': t('col_met')}, fmtNum(i.units_met)),
			el('td', {class: 'num notmet', 'data-label': t('col_not_met')}, fmtNum(i.units_not_met)),
			el('td', {class: 'num regr', 'data-label': t('col_regressed')}, fmtNum(i.units_regressed))))) : el('p', {class: 'empty'}, t('plan_no_ind')),
		el('h3', null, t('plan_tasks')),
		f.tasks && f.tasks.length ? taskTable(f.tasks) : el('p', {class: 'empty'}, t('plan_no_tasks'))));
	const other = plan.tasks_without_field || [];
	show(ctx,
		el('section', {class: 'panel head'},
			el('p', {class: 'crumb'}, el('a', {href: '#/plans'}, t('nav_plans')), ' › ', plan.number_symbol),
			el('h1', null, plan.title, plan.is_demo ? el('span', {class: 'tag'}, t('plan_demo')) : null),
			el('p', {class: 'sub'}, plan.number_symbol, ' · ', t('plan_issued', fmtDate(plan.issued_on)),
				' · ', t('dash_as_of', fmtDate(plan.as_of))),
			legend()),
		sections,
		other.length ? el('section', {class: 'panel'}, el('h2', null, t('plan_other_tasks')), taskTable(other)) : null);
}
