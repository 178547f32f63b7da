/* tasksearch.js — #/tasks?q=&field=&status=&unit= : finding tasks, fifty at a time. */
import {api, qs} from './api.js';
import {getFields, getUnits} from './data.js';
import {el, field} from './dom.js';
import {fmtDate, fmtNum, fmtRate} from './fmt.js';
import {STATUSES, fieldName, recLabel, statusLabel, t, words} from './i18n.js';
import {setHashQuery, setTitle, show} from './router.js';
import {legend, stackBar} from './widgets.js';

words({
	vi: {
		f_status_all: 'Tất cả trạng thái',
		f_unit: 'Đơn vị',
		f_unit_all: 'Tất cả đơn vị',
		f_q: 'Từ khóa',
		tasks_title: 'Tìm nhiệm vụ',
		tasks_search: 'Tìm',
		tasks_ph: 'Ví dụ: thu tuc hanh chinh',
		tasks_none: 'Không có nhiệm vụ nào khớp.',
		shown: 'Đang hiển thị {0}',
	},
	en: {
		f_status_all: 'Any status',
		f_unit: 'Unit',
		f_unit_all: 'Any unit',
		f_q: 'Words',
		tasks_title: 'Find tasks',
		tasks_search: 'Search',
		tasks_ph: 'e.g. thu tuc hanh chinh',
		tasks_none: 'No task matches.',
		shown: 'Showing {0}',
	},
});

export async function pageTasks(ctx)
{
	const q = ctx.query;
	const f = {q: q.get('q') || '', field: q.get('field') || '', status: q.get('status') || '', unit: q.get('unit') || ''};
	const [fields, units, first] = await Promise.all([getFields(), getUnits(), api('tasks' + qs(Object.assign({limit: 50}, f)))]);
	setTitle(t('tasks_title'));
	const qi = el('input', {type: 'search', name: 'q', id: 't-q', value: f.q, placeholder: t('tasks_ph')});
	const fs = el('select', {name: 'field', id: 't-field'}, el('option', {value: ''}, t('f_field_all')),
		fields.map((x) => el('option', {value: String(x.id), selected: String(x.id) === f.field}, fieldName(x))));
	const ss = el('select', {name: 'status', id: 't-status'}, el('option', {value: ''}, t('f_status_all')),
		STATUSES.map((s) => el('option', {value: s, selected: s === f.status}, statusLabel(s))));
	const us = el('select', {name: 'unit', id: 't-unit'}, el('option', {value: ''}, t('f_unit_all')),
		units.map((u) => el('option', {value: String(u.id), selected: String(u.id) === f.unit}, u.name)));
	const form = el('form', {class: 'filters', role: 'search', onsubmit: (e) => {
		e.preventDefault();
		setHashQuery('/tasks', {q: qi.value.trim(), field: fs.value, status: ss.value, unit: us.value});
	}}, field(t('f_q'), qi), field(t('f_field'), fs), field(t('f_status'), ss), field(t('f_unit'), us),
	el('div', {class: 'actions'}, el('button', {type: 'submit', class: 'btn'}, t('tasks_search'))));
	for (const s of [fs, ss, us])
		s.addEventListener('change', () => form.requestSubmit());

	const list = el('ol', {class: 'tlist', id: 'task-list'});
	const count = el('p', {class: 'sub'});
	const more = el('button', {type: 'button', class: 'btn ghost', id: 'more'}, t('load_more'));
	let n = 0, cursor = first.next_cursor;
	const append = (items) => {
		for (const x of items) {
			n++;
			const ff = fields.find((y) => y.id === x.field_id);
			const c = x.counts || {};
			list.appendChild(el('li', {class: 'titem'},
				el('div', {class: 't-main'},
					el('a', {href: '#/task/' + x.id, class: 't-title'}, x.title),
					el('small', {class: 'meta'}, [x.document, x.section ? t('task_section', x.section) : '',
						ff ? fieldName(ff) : '', x.deadline ? t('task_deadline', fmtDate(x.deadline)) : recLabel(x.recurrence)]
						.filter(Boolean).join(' · '))),
				el('div', {class: 't-bar'}, stackBar(c),
					el('small', {class: 'meta'}, t('assignments_n', fmtNum(c.total)), ' · ', t('col_rate'), ' ', fmtRate(c.on_time_rate)))));
		}
		count.textContent = t('shown', fmtNum(n));
		more.hidden = !cursor;
	};
	more.addEventListener('click', async () => {
		more.disabled = true;
		try {
			const page = await api('tasks' + qs(Object.assign({limit: 50, cursor: cursor}, f)));
			cursor = page.next_cursor;
			append(page.items);
		} catch (e) {
			count.textContent = e.message;
		}
		more.disabled = false;
	});
	append(first.items);
	show(ctx,
		el('section', {class: 'panel head'}, el('h1', null, t('tasks_title')), form),
		el('section', {class: 'panel'}, legend(), count,
			n ? list : el('p', {class: 'empty'}, t('tasks_none')), more));
}
