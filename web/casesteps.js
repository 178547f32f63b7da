/* casesteps.js — on a discipline case: its pauses, resumptions and
 * exemption as they happened, and the form that records the next one
 * (pause for a reason, resume, or exempt for a reason).  The form offers
 * only what the case's state allows; the server checks it all again. */
import {api} from './api.js';
import {el, field, msgBox, say} from './dom.js';
import {fmtDate, fmtNum, todayVN} from './fmt.js';
import {t, words} from './i18n.js';
import {route} from './router.js';

const REASONS = {
	pause: ['illness', 'maternity', 'prosecution'],
	exempt: ['lost_capacity', 'superior_order', 'force_majeure', 'other'],
};

words({
	vi: {
		ev_title: 'Tạm dừng, tiếp tục, miễn kỷ luật',
		ev_none: 'Chưa có.',
		ev_pause: 'Chưa xem xét xử lý kỷ luật',
		ev_resume: 'Tiếp tục xem xét',
		ev_exempt: 'Miễn kỷ luật',
		ev_days: 'tạm dừng {0} ngày; hạn quyết định lùi tương ứng',
		ev_by: 'ghi bởi {0}',
		ev_record: 'Ghi nhận',
		ev_step: 'Việc',
		ev_on: 'Ngày',
		ev_reason: 'Lý do',
		ev_note: 'Ghi chú',
		ev_note_needed: 'Trường hợp khác cần ghi rõ trong ghi chú.',
		rs_illness: 'Đang điều trị bệnh hiểm nghèo, mất khả năng nhận thức hoặc điều trị nội trú',
		rs_maternity: 'Đang mang thai, nghỉ thai sản, nuôi con dưới 12 tháng tuổi',
		rs_prosecution: 'Đang bị khởi tố, tạm giữ, tạm giam chờ kết luận',
		rs_lost_capacity: 'Mất năng lực hành vi dân sự khi vi phạm',
		rs_superior_order: 'Thực hiện quyết định của cấp trên',
		rs_force_majeure: 'Tình thế cấp thiết, bất khả kháng, trở ngại khách quan',
		rs_other: 'Trường hợp khác',
	},
	en: {
		ev_title: 'Pauses, resumptions, exemption',
		ev_none: 'None.',
		ev_pause: 'Paused (not yet considered)',
		ev_resume: 'Resumed',
		ev_exempt: 'Exempt from discipline',
		ev_days: 'paused {0} days; the decision is due that much later',
		ev_by: 'recorded by {0}',
		ev_record: 'Record',
		ev_step: 'What',
		ev_on: 'Date',
		ev_reason: 'Reason',
		ev_note: 'Note',
		ev_note_needed: 'Name the other reason in the note.',
		rs_illness: 'Treated for a serious illness, lost cognition or in-patient',
		rs_maternity: 'Pregnant, on maternity leave or raising a child under 12 months',
		rs_prosecution: 'Prosecuted or detained pending a conclusion',
		rs_lost_capacity: 'Without civil capacity when the act was committed',
		rs_superior_order: 'Carrying out a superior\'s decision',
		rs_force_majeure: 'Emergency, force majeure or an objective obstacle',
		rs_other: 'Another case',
	},
});

function eventItem(e)
{
	return el('li', {class: 'event', dataset: {kind: e.kind}},
		el('strong', null, t('ev_' + e.kind)), ': ', el('time', {datetime: e.on_date}, fmtDate(e.on_date)),
		e.reason ? ' · ' + t('rs_' + e.reason) : null,
		e.days !== null && e.days !== undefined && e.kind === 'resume' ? ' · ' + t('ev_days', fmtNum(e.days)) : null,
		e.note ? el('small', {class: 'meta'}, e.note) : null,
		el('small', {class: 'meta'}, t('ev_by', e.by_actor)));
}

/* The steps the case's state allows now. */
function stepsAllowed(c)
{
	if (c.paused)
		return ['resume'];
	return c.exempt || c.status === 'decided' ? [] : ['pause', 'exempt'];
}

function eventForm(c, steps)
{
	const box = msgBox();
	const kind = el('select', {name: 'step'}, steps.map((s) => el('option', {value: s}, t('ev_' + s))));
	const on = el('input', {type: 'date', name: 'on', value: todayVN(), max: todayVN(), required: true});
	const reason = el('select', {name: 'reason'});
	const reasonField = field(t('ev_reason'), reason);
	const note = el('input', {type: 'text', name: 'note', maxlength: 2000});
	const fill = () => {
		const list = REASONS[kind.value] || [];
		reason.replaceChildren(...list.map((r) => el('option', {value: r}, t('rs_' + r))));
		reasonField.hidden = !list.length;
	};
	kind.addEventListener('change', fill);
	fill();
	const send = el('button', {type: 'submit', class: 'btn small'}, t('ev_record'));
	return el('form', {class: 'eventform', id: 'case-event-form', onsubmit: async (e) => {
		e.preventDefault();
		const body = {step: kind.value, on: on.value};
		if (REASONS[kind.value])
			body.reason = reason.value;
		if (note.value.trim())
			body.note = note.value.trim();
		if (body.reason === 'other' && !body.note) {
			say(box, t('ev_note_needed'), false);
			note.focus();
			return;
		}
		send.disabled = true;
		try {
			await api('discipline-cases/' + c.id + '/steps', {method: 'POST',
				headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
			route();
		} catch (err) {
			send.disabled = false;
			say(box, err.message, false);
		}
	}}, field(t('ev_step'), kind), field(t('ev_on'), on), reasonField, field(t('ev_note'), note), send, box);
}

/* The panel of the case's events, with the form for those who keep cases. */
export function eventsPanel(c, mayAct)
{
	const steps = mayAct ? stepsAllowed(c) : [];
	return el('section', {class: 'panel', id: 'case-events'},
		el('h2', null, t('ev_title')),
		(c.events || []).length ? el('ul', {class: 'events'}, c.events.map(eventItem)) : el('p', {class: 'empty'}, t('ev_none')),
		steps.length ? eventForm(c, steps) : null);
}
