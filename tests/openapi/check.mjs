// check.mjs DOC ANSWERS — validates the OpenAPI document DOC with
// swagger-parser, then checks recorded answers against it: ANSWERS has lines
// "METHOD<TAB>PATH<TAB>STATUS<TAB>FILE" (FILE holds the body).  Each answer's
// path must match an operation, its status must be one the operation
// declares (or its "default"), and a JSON body must satisfy the declared
// schema (ajv).  Last line: "N passed, N failed".
import { readFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv from 'ajv';

const [docFile, answersFile] = process.argv.slice(2);
let passed = 0, failed = 0;
const fail = (why) => { failed++; console.log(`  FAIL: ${why}`); };
const doc = JSON.parse(readFileSync(docFile, 'utf8'));
try {
	await SwaggerParser.validate(structuredClone(doc));
	passed++;
} catch (e) {
	fail(`the document is not valid OpenAPI: ${e.message}`);
}
const api = await SwaggerParser.dereference(structuredClone(doc));
const ajv = new Ajv({ strict: false, allErrors: true });
const templates = Object.keys(api.paths).map((p) => ({
	p, re: new RegExp('^' + p.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+') + '$'),
}));
const seen = new Set();
for (const line of readFileSync(answersFile, 'utf8').split('\n').filter(Boolean)) {
	const [method, path, status, file] = line.split('\t');
	const t = templates.find((x) => x.re.test(path.split('?')[0]));
	const op = t && api.paths[t.p][method.toLowerCase()];
	if (!op) { fail(`${method} ${path}: no operation in the document`); continue; }
	const answer = op.responses[status] || op.responses.default;
	if (!op.responses[status] && Number(status) < 400) { fail(`${method} ${path}: status ${status} is not declared`); continue; }
	const media = answer.content && answer.content['application/json'];
	if (media) {
		let body;
		try { body = JSON.parse(readFileSync(file, 'utf8')); } catch (e) { fail(`${method} ${path}: ${status} is not JSON`); continue; }
		const validate = ajv.compile(media.schema);
		if (!validate(body)) { fail(`${method} ${path} ${status}: ${ajv.errorsText(validate.errors)}`); continue; }
	}
	seen.add(`${method} ${t.p}`);
	passed++;
}
console.log(`  ${seen.size} operations answered as the document says`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
