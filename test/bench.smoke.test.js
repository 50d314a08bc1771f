// `npm run bench` at a tiny size: every figure is printed and written with its target, and the
// volume phases lose and duplicate nothing. The queue-mode phase has its own end-to-end test.
const { spawn } = require('node:child_process');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');

jest.setTimeout(600_000);

const FIGURE_NAMES = [
	'perItemVsHttpRequestNode',
	'perItemVsFetch',
	'bulkRateOfLimit',
	'bulk429PerItem',
	'bulkLost',
	'bulkDuplicated',
	'burstRateOfLimit',
	'burst429PerItem',
	'burstLost',
	'burstDuplicated',
	'queueRateOfLimit',
	'queue429PerItem',
	'queueLost',
	'queueDuplicated',
	'requireMs',
	'startupDeltaMs',
	'tarballKB',
	'peakRssMB',
];

function runBench(args) {
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			[path.join(__dirname, '..', 'scripts', 'bench.js'), ...args],
			{
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

describe('npm run bench, tiny', () => {
	let folder;
	let run;
	let results;

	beforeAll(async () => {
		folder = await fsp.mkdtemp(path.join(os.tmpdir(), 'box-sign-bench-'));
		const out = path.join(folder, 'results.json');
		run = await runBench([
			'--items',
			'5',
			'--burst',
			'5',
			'--rounds',
			'1',
			'--skip',
			'queue',
			'--out',
			out,
		]);
		if (run.code !== 0) throw new Error(`bench failed:\n${run.stderr.slice(-3000)}`);
		results = JSON.parse(await fsp.readFile(out, 'utf8'));
	});

	afterAll(async () => {
		await fsp.rm(folder, { recursive: true, force: true });
	});

	test('writes every figure, in order, with its unit, target and whether it meets it', () => {
		expect(results.figures.map((figure) => figure.name)).toEqual(FIGURE_NAMES);
		for (const figure of results.figures) {
			expect(figure).toEqual({
				name: figure.name,
				value: figure.name.startsWith('queue') ? null : expect.any(Number),
				unit: expect.any(String),
				target: expect.stringMatching(/^[<>]= \d/),
				meets: figure.name.startsWith('queue') ? null : expect.any(Boolean),
			});
		}
		expect(results.machine).toEqual(
			expect.objectContaining({ n8n: expect.any(String), cpu: expect.any(String) }),
		);
		expect(Number.isNaN(Date.parse(results.at))).toBe(false);
	});

	test('prints a table row for every figure', () => {
		for (const name of FIGURE_NAMES) expect(run.stdout).toMatch(new RegExp(`^${name}\\s`, 'm'));
	});

	test("measures the per-item cost on n8n's legacy expression engine too", () => {
		const { legacyExpressionEngine } = results.details.perItem;
		expect(legacyExpressionEngine.msPerItem).toEqual({
			boxSign: expect.any(Number),
			httpRequest: expect.any(Number),
		});
		expect(run.stdout).toMatch(/legacy expression engine .*×\.$/m);
	});

	test('the bulk and burst runs lose and duplicate no item', () => {
		const value = (name) => results.figures.find((figure) => figure.name === name).value;
		expect([
			value('bulkLost'),
			value('bulkDuplicated'),
			value('burstLost'),
			value('burstDuplicated'),
		]).toEqual([0, 0, 0, 0]);
	});
});
