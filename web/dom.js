/* dom.js — building the page: every piece of data reaches it as text (el()). */

/* el('a', {href: '#/', class: 'x', onclick: f}, 'text', child, ...): text is
 * always text; never markup. */
export function el(tag, attrs, ...kids)
{
	const e = document.createElement(tag);
	if (attrs) {
		for (const k of Object.keys(attrs)) {
			const v = attrs[k];
			if (v === null || v === undefined || v === false)
				continue;
			if (k.startsWith('on') && typeof v === 'function')
				e.addEventListener(k.slice(2), v);
			else if (k === 'class')
				e.className = v;
			else if (k === 'text')
				e.textContent = v;
			else if (k === 'dataset')
				Object.assign(e.dataset, v);
			else if (k === 'value' || k === 'checked' || k === 'selected' || k === 'disabled' || k === 'hidden')
				e[k] = v;
			else
				e.setAttribute(k, v === true ? '' : String(v));
		}
	}
	add(e, kids);
	return e;
}

export function add(parent, kids)
{
	for (const k of kids) {
		if (k === null || k === undefined || k === false)
			continue;
		if (Array.isArray(k))
			add(parent, k);
		else if (k instanceof Node)
			parent.appendChild(k);
		else
			parent.appendChild(document.createTextNode(String(k)));
	}
}

export function clear(e)
{
	while (e.firstChild)
		e.removeChild(e.firstChild);
	return e;
}

/* A table in its scrolling wrapper; a head given as a string is a plain column head. */
export function table(cls, heads, rows)
{
	return el('div', {class: 'tablewrap'},
		el('table', {class: cls},
			el('thead', null, el('tr', null, heads.map((h) =>
				typeof h === 'string' ? el('th', {scope: 'col'}, h) : h))),
			el('tbody', null, rows)));
}

/* A form control with its label and an optional line of help. */
export function field(label, input, help)
{
	return el('label', {class: 'fld'}, el('span', {class: 'lbl'}, label), input,
		help ? el('small', {class: 'help'}, help) : null);
}

/* The box a form says what happened in. */
export function msgBox()
{
	return el('div', {class: 'formmsg', role: 'alert', 'aria-live': 'assertive'});
}

export function say(box, text, ok)
{
	clear(box).appendChild(el('p', {class: ok ? 'ok' : 'err'}, text));
}
