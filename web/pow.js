/* pow.js — the public feedback form's proof-of-work (docs/api.md): before
 * the form is sent, ask whether this address must solve a challenge; if so
 * find a counter such that SHA-256(nonce ":" counter) starts with `bits`
 * zero bits (WebCrypto), put it in the form, and send it.  Without
 * WebCrypto (a page not served over HTTPS) the form goes as it is and the
 * server says that a challenge is needed. */

function zeroBits(digest, bits)
{
	const d = new Uint8Array(digest);
	for (let i = 0; i < bits; i++)
		if (d[i >> 3] & (0x80 >> (i & 7)))
			return false;
	return true;
}

async function solve(nonce, bits)
{
	const enc = new TextEncoder();
	const batch = 512;
	for (let base = 0; ; base += batch) {
		const tries = [];
		for (let c = base; c < base + batch; c++)
			tries.push(crypto.subtle.digest('SHA-256', enc.encode(nonce + ':' + c)));
		const digests = await Promise.all(tries);
		const k = digests.findIndex(d => zeroBits(d, bits));
		if (k >= 0)
			return base + k;
	}
}

function field(form, name, value)
{
	let input = form.elements.namedItem(name);
	if (!input) {
		input = document.createElement('input');
		input.type = 'hidden';
		input.name = name;
		form.appendChild(input);
	}
	input.value = String(value);
}

async function beforeSend(form, button)
{
	try {
		const r = await fetch('/public/feedback/challenge', {headers: {Accept: 'application/json'}});
		const c = r.ok ? await r.json() : null;
		if (c && c.required && window.crypto && crypto.subtle) {
			button.disabled = true;
			field(form, 'challenge_counter', await solve(c.nonce, c.bits));
			field(form, 'challenge_nonce', c.nonce);
		}
	} catch (e) {
		/* The server refuses with a page naming the challenge. */
	}
	button.disabled = false;
	form.submit();
}

const form = document.getElementById('feedback-form');
if (form) {
	form.addEventListener('submit', e => {
		e.preventDefault();
		beforeSend(form, form.querySelector('button[type=submit]'));
	});
}
