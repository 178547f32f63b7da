/* casedocs.js — the files kept with a discipline case (its decision) or an
 * inspection (its conclusion notice): the list with a download link each,
 * and, for those who may add one, the upload form. base is the owner's API
 * path ('discipline-cases/7', 'inspections/3'); a download of a case's file
 * is recorded by the server like a look at the case. */
import {api} from './api.js';
import {el, field, msgBox, say} from './dom.js';
import {fmtNum} from './fmt.js';
import {t} from './i18n.js';
import {route} from './router.js';

function docItem(base, d)
{
	return el('li', {dataset: {document: String(d.id)}},
		el('a', {href: '/api/v1/' + base + '/documents/' + d.id, download: d.filename}, d.filename),
		el('small', {class: 'meta'}, t('doc_meta', fmtNum(Math.ceil(d.size / 1024)), d.uploaded_by,
			(d.uploaded_at || '').slice(0, 10))));
}

function uploadForm(base)
{
	const box = msgBox();
	const file = el('input', {type: 'file', name: 'evidence', required: true});
	const send = el('button', {type: 'submit', class: 'btn small'}, t('doc_upload'));
	return el('form', {class: 'docupload', onsubmit: async (e) => {
		e.preventDefault();
		if (!file.files.length) {
			say(box, t('doc_choose'), false);
			return;
		}
		const fd = new FormData();
		fd.append('evidence', file.files[0]);
		send.disabled = true;
		try {
			await api(base + '/documents', {method: 'POST', body: fd});
			route();
		} catch (err) {
			send.disabled = false;
			say(box, err.message, false);
		}
	}}, field(t('doc_file'), file), send, box);
}

/* The panel of the owner's documents; mayUpload adds the form (the server
 * still decides). */
export function docsPanel(base, title, docs, mayUpload)
{
	return el('section', {class: 'panel', id: 'documents'},
		el('h2', null, title),
		docs && docs.length ? el('ul', {class: 'docs'}, docs.map((d) => docItem(base, d)))
			: el('p', {class: 'empty'}, t('doc_none')),
		mayUpload ? uploadForm(base) : null);
}
