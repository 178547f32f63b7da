/* login.js — #/login?next=ROUTE : signing in, then on to where the official
 * was going; reports kept on the device while the session had ended are
 * sent then, without reloading the page. */
import {api} from './api.js';
import {drafts} from './drafts.js';
import {el} from './dom.js';
import {t, words} from './i18n.js';
import {sendKept} from './report.js';
import {setTitle, show} from './router.js';
import {setMe, showUser} from './session.js';

words({
	vi: {
		login_title: 'Đăng nhập',
		login_name: 'Tên tài khoản',
		login_password: 'Mật khẩu',
		login_submit: 'Đăng nhập',
		login_note: 'Mỗi cán bộ đăng nhập bằng tài khoản của mình; thao tác được ghi lại.',
		login_drafts: '{0} báo cáo chưa gửi vẫn được giữ trên máy này; đăng nhập lại để gửi.',
	},
	en: {
		login_title: 'Sign in',
		login_name: 'Account name',
		login_password: 'Password',
		login_submit: 'Sign in',
		login_note: 'Each official signs in with their own account; every change is recorded.',
		login_drafts: '{0} report(s) not yet sent are kept on this device; sign in again to send them.',
	},
});

export async function pageLogin(ctx)
{
	setTitle(t('login_title'));
	const next = ctx.query.get('next') || '/';
	const name = el('input', {type: 'text', id: 'login-name', name: 'name', autocomplete: 'username', required: true});
	const pw = el('input', {type: 'password', id: 'login-password', name: 'password', autocomplete: 'current-password', required: true});
	const msg = el('p', {class: 'err', role: 'alert'});
	const form = el('form', {class: 'login', id: 'login-form'},
		el('label', {for: 'login-name'}, t('login_name')), name,
		el('label', {for: 'login-password'}, t('login_password')), pw,
		el('button', {type: 'submit'}, t('login_submit')), msg);
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		msg.textContent = '';
		try {
			setMe(await api('session', {method: 'POST', headers: {'Content-Type': 'application/json'},
				body: JSON.stringify({name: name.value.trim(), password: pw.value})}));
			pw.value = '';
			showUser();
			location.hash = '#' + (next.startsWith('/') ? next : '/');
			sendKept();
		} catch (err) {
			msg.textContent = err.message;
		}
	});
	const waiting = el('p', {class: 'pending', id: 'login-drafts', hidden: true});
	show(ctx, el('section', {class: 'panel narrow'}, el('h1', null, t('login_title')),
		el('p', null, t('login_note')), waiting, form));
	name.focus();
	const kept = (await drafts()).filter((d) => !d.error).length;
	if (kept) {
		waiting.textContent = t('login_drafts', kept);
		waiting.hidden = false;
	}
}
