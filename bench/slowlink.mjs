/* bench/slowlink.mjs — the runs of bench/slowlink.sh: argv base, name,
 * password, runs.  Each run's figures, then the median of each. */
import {createRequire} from 'node:module';
import {describe, visits} from '../tests/browser/slowlink.mjs';

const [base, name, password, runs] = process.argv.slice(2);
const {chromium} = createRequire(process.env.NODE_PATH + '/')('playwright-core');
const browser = await chromium.launch({executablePath: '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
		'--disable-sync', '--no-first-run', '--disable-quic']});
const seen = {first: [], repeat: [], worker: []};
try {
	for (let i = 0; i < Number(runs); i++) {
		const plain = await visits(browser, base, name, password);
		const installed = await visits(browser, base, name, password, {worker: true});
		seen.first.push(plain.first);
		seen.repeat.push(plain.repeat);
		seen.worker.push(installed.repeat);
		console.log(`run ${i + 1}`);
		console.log('  ' + describe('first visit', plain.first));
		console.log('  ' + describe('repeat visit, HTTP cache', plain.repeat));
		console.log('  ' + describe('repeat visit, service worker', installed.repeat));
	}
} finally {
	await browser.close();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
console.log('median of ' + runs + ' runs (budget: first under 3 s and 60 KB, repeat under 1 s and 10 KB)');
for (const [what, vs] of [['first visit', seen.first], ['repeat visit, HTTP cache', seen.repeat],
	['repeat visit, service worker', seen.worker]])
	console.log(`  ${what.padEnd(30)} ${String(median(vs.map((v) => v.ms))).padStart(5)} ms ` +
		`${(median(vs.map((v) => v.bytes)) / 1024).toFixed(1).padStart(5)} KB ` +
		`(fastest ${Math.min(...vs.map((v) => v.ms))} ms, slowest ${Math.max(...vs.map((v) => v.ms))} ms)`);
