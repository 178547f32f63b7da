/* data.js — lists the pages share: cached when they change rarely, read
 * whole when the API pages them. */
import {api, listPage} from './api.js';

/* Small caches for lists that change rarely. */
let fieldsCache = null;

export function getFields()
{
	if (!fieldsCache)
		fieldsCache = api('fields').catch((e) => { fieldsCache = null; throw e; });
	return fieldsCache;
}

let unitsCache = null;

export function getUnits()
{
	if (!unitsCache)
		unitsCache = api('units').catch((e) => { unitsCache = null; throw e; });
	return unitsCache;
}

export async function fetchAll(path, params)
{
	let items = [], cursor = '';
	for (let i = 0; i < 100; i++) {
		const page = await api(listPage(path, params, cursor));
		items = items.concat(page.items);
		if (!page.next_cursor)
			break;
		cursor = page.next_cursor;
	}
	return items;
}

export function byDeadline(a, b)
{
	const da = a.deadline || '9999', db = b.deadline || '9999';
	return da < db ? -1 : da > db ? 1 : a.id - b.id;
}
