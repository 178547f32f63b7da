/* photo.js — evidence photos shrunk in the browser before they are sent
 * (a phone's photo is 3-8 MB; on a 3G link that is minutes).  The size is
 * the server's (photo_max_px, photo_quality in its configuration, told in
 * the session's answer).  report.js loads this module only when a report
 * carries files. */

/* Is file f meant to be a photo (by its type or its name)? */
function looksLikePhoto(f)
{
	return /^image\//.test(f.type) || /\.(jpe?g|png)$/i.test(f.name);
}

/* The image in file f, decoded; null when it is no image the browser can read. */
async function decode(f)
{
	try {
		return await createImageBitmap(f);
	} catch (e) {
		return null;
	}
}

/* f drawn at most maxPx on its longer side, as a JPEG File of quality. */
async function shrunk(f, img, maxPx, quality)
{
	const scale = maxPx / Math.max(img.width, img.height);
	const w = Math.max(1, Math.round(img.width * scale)), h = Math.max(1, Math.round(img.height * scale));
	const canvas = document.createElement('canvas');
	canvas.width = w;
	canvas.height = h;
	const g = canvas.getContext('2d');
	/* A transparent PNG becomes a JPEG on white, not on black. */
	g.fillStyle = '#fff';
	g.fillRect(0, 0, w, h);
	g.drawImage(img, 0, 0, w, h);
	const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
	if (!blob)
		throw new Error('canvas');
	return new File([blob], f.name.replace(/\.[A-Za-z0-9]+$/, '') + '.jpg', {type: 'image/jpeg'});
}

/*
 * files (File[]) with every photo larger than limits.max_px shrunk to it
 * (JPEG at limits.quality); other files as they are.  Throws
 * {notImage: name} for a file named or typed as a photo that does not
 * decode: it is not sent as one.
 */
export async function shrinkPhotos(files, limits)
{
	const out = [];
	for (const f of files) {
		if (!looksLikePhoto(f)) {
			out.push(f);
			continue;
		}
		const img = await decode(f);
		if (!img)
			throw {notImage: f.name};
		try {
			out.push(Math.max(img.width, img.height) > limits.max_px ?
				await shrunk(f, img, limits.max_px, limits.quality) : f);
		} finally {
			img.close();
		}
	}
	return out;
}
