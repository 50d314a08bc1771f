#!/usr/bin/env node
'use strict';
// npm run bench: what the node costs and how it behaves at volume, measured side by side in real
// n8n against the local sandbox on this machine. Prints a table and writes bench/results.json
// ({ machine, at, figures: [{ name, value, unit, target, meets }], details }). See README
// "Performance and scale" for what each figure means.
//
//   node scripts/bench.js [--items 1000] [--burst 200] [--queue-burst 200] [--rounds 5]
//                         [--creates-per-second 10] [--burst-creates-per-second 5]
//                         [--skip queue,startup,...] [--out file]
//
// The sandbox's limits are Box's per-user limits (100 creates in a sliding minute) with Box's
// minute made shorter (test/sandbox/rateLimit.js); real Box allows 1.7 creates a second. Bulk runs
// one execution at 10 a second (Box's minute lasts 10 s, 6 times Box's rate). Bursts of executions run at 5 a second: starting
// an execution per webhook call costs n8n far more than a loop over items, and this bench wants
// the figure to say what our pacer does, not how many executions this machine can start in a
// second (real Box's rate is far below both). The burst phase measures that capacity side by side:
// the same burst against an unlimited sandbox (details.burst.unlimited).

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');

const { startSandbox } = require('../test/sandbox/server');
const { BOX_CREATES_PER_MINUTE } = require('../test/sandbox/rateLimit');
const runtime = require('./lib/n8n-runtime');
const boxSign = require('./lib/boxSignN8n');
const queueMode = require('./lib/queueMode');

const ROOT = path.resolve(__dirname, '..');
const CREATE = 'POST /2.0/sign_requests';
const HEADER_CREDENTIAL = { id: 'benchHeaderAuth01', name: 'Sandbox bearer token (HTTP Request)' };
const PHASES = ['perItem', 'bulk', 'burst', 'queue', 'package'];

// Targets from issue #10; peak RSS has none there: 1 GiB is this bench's own guard.
const FIGURES = {
	perItemVsHttpRequestNode: { unit: '×', max: 1.0, phase: 'perItem' },
	perItemVsFetch: { unit: '×', max: 1.5, phase: 'perItem' },
	bulkRateOfLimit: { unit: '× limit', min: 0.95, phase: 'bulk' },
	bulk429PerItem: { unit: '429s/item', max: 0.1, phase: 'bulk' },
	bulkLost: { unit: 'items', max: 0, phase: 'bulk' },
	bulkDuplicated: { unit: 'items', max: 0, phase: 'bulk' },
	burstRateOfLimit: { unit: '× limit', min: 0.95, phase: 'burst' },
	burst429PerItem: { unit: '429s/item', max: 0.1, phase: 'burst' },
	burstLost: { unit: 'items', max: 0, phase: 'burst' },
	burstDuplicated: { unit: 'items', max: 0, phase: 'burst' },
	queueRateOfLimit: { unit: '× limit', min: 0.9, phase: 'queue' },
	queue429PerItem: { unit: '429s/item', max: 1, phase: 'queue' },
	queueLost: { unit: 'items', max: 0, phase: 'queue' },
	queueDuplicated: { unit: 'items', max: 0, phase: 'queue' },
	requireMs: { unit: 'ms', max: 50, phase: 'package' },
	startupDeltaMs: { unit: 'ms', max: 100, phase: 'package' },
	tarballKB: { unit: 'KB', max: 100, phase: 'package' },
	peakRssMB: { unit: 'MB', max: 1024, phase: 'bulk' },
};

function options() {
	const { values } = parseArgs({
		options: {
			items: { type: 'string', default: '1000' },
			burst: { type: 'string', default: '200' },
			'queue-burst': { type: 'string', default: '200' },
			rounds: { type: 'string', default: '5' },
			'creates-per-second': { type: 'string', default: '10' },
			'burst-creates-per-second': { type: 'string', default: '5' },
			skip: { type: 'string', default: '' },
			out: { type: 'string', default: path.join(ROOT, 'bench', 'results.json') },
		},
	});
	const number = (name) => {
		const value = Number(values[name]);
		if (!Number.isInteger(value) || value < 1)
			throw new Error(`--${name} must be a whole number ≥ 1`);
		return value;
	};
	const skip = values.skip.split(',').filter(Boolean);
	const unknown = skip.filter((phase) => !PHASES.includes(phase));
	if (unknown.length)
		throw new Error(`--skip takes ${PHASES.join(', ')}; not ${unknown.join(', ')}`);
	return {
		items: Math.max(2, number('items')),
		burst: number('burst'),
		queueBurst: number('queue-burst'),
		rounds: number('rounds'),
		createsPerSecond: number('creates-per-second'),
		burstCreatesPerSecond: number('burst-creates-per-second'),
		skip,
		out: path.resolve(values.out),
	};
}

const log = (line) => console.error(line);

async function main() {
	const settings = options();
	const started = Date.now();
	const installed = await runtime.ensureRuntime('2', { log });
	const tarball = await boxSign.packThisPackage();
	const open = await startSandbox();
	const limitedTo = (createsPerSecond) =>
		startSandbox({ rateLimit: { createsPerSecond } });
	const limited = await limitedTo(settings.createsPerSecond);
	const burstLimited = await limitedTo(settings.burstCreatesPerSecond);
	const values = {};
	const details = { settings };
	const context = { installed, tarball, open, limited, burstLimited, settings, values, details };
	try {
		const phases = { perItem, bulk, burst, queue, package: packageCost };
		for (const phase of PHASES) {
			if (settings.skip.includes(phase)) continue;
			log(`[bench] ${phase} ...`);
			const phaseStarted = Date.now();
			// A failed phase leaves its figures without a value (and failing); the others still run.
			await phases[phase](context).catch((error) => {
				log(`[bench] ${phase} failed: ${error.stack || error.message}`);
				details.failures = { ...details.failures, [phase]: error.message.slice(0, 2000) };
			});
			log(`[bench] ${phase}: ${Math.round((Date.now() - phaseStarted) / 1000)} s`);
		}
	} finally {
		await Promise.all([
			open.close(),
			limited.close(),
			burstLimited.close(),
			boxSign.removeTarball(tarball),
		]);
	}
	details.durationSeconds = Math.round((Date.now() - started) / 1000);
	const results = {
		machine: await machine(installed),
		at: new Date().toISOString(),
		figures: figures(values, settings.skip),
		details,
	};
	await fsp.mkdir(path.dirname(settings.out), { recursive: true });
	await fsp.writeFile(settings.out, `${JSON.stringify(results, null, 2)}\n`);
	printTable(results);
	if (details.perItem) console.log(perItemSummary(details.perItem));
	const capacity = details.burst?.unlimited?.executionsPerSecond;
	if (capacity !== undefined) {
		console.log(
			`Bursts ran at ${settings.burstCreatesPerSecond} creates/s (bulk at ${settings.createsPerSecond}); ` +
				`n8n alone, unlimited, ran ${capacity.toFixed(1)} executions/s on this machine.`,
		);
	}
	if (details.failures) process.exitCode = 1;
	log(
		`[bench] wrote ${path.relative(process.cwd(), settings.out)} in ${details.durationSeconds} s`,
	);
}

// ---------------------------------------------------------------------------------------------
// Per-item cost: node time (from n8n's run data) of N=1 and N=items runs; the slope between them

const NODE_VARIANTS = ['boxSign', 'httpRequest'];

// One execution per round runs all four (variant, size) branches one after the other, so each
// round costs one n8n start; odd rounds run them in the reverse order. Each round runs the same
// execution again on n8n's legacy expression engine: most of a declarative node's cost per item is
// n8n 2.x's default engine evaluating the form's expressions (README "Performance and scale"), and
// the legacy run shows what the node costs apart from that (details.perItem.legacyExpressionEngine).
async function perItem({ installed, tarball, open, settings, values, details }) {
	const prepared = await boxSign.prepareN8n({
		sandbox: open,
		tarball,
		log,
		credentials: [headerCredential()],
	});
	try {
		const sizes = [1, settings.items];
		const branches = NODE_VARIANTS.flatMap((variant) => sizes.map((size) => ({ variant, size })));
		// Each execution first runs both nodes once untimed: the first run of a node type in a
		// process pays for loading and compiling its code.
		const warmUp = NODE_VARIANTS.map((variant) => ({ variant, size: 1, label: 'warm-up' }));
		const workflows = [branches, [...branches].reverse()].map((order) =>
			perItemWorkflow([...warmUp, ...order], open.baseUrl),
		);
		const workflowIds = await runtime.importWorkflows(installed, prepared.userFolder, workflows);
		const sampleSizes = () => ({ 1: [], [settings.items]: [] });
		const times = Object.fromEntries([...NODE_VARIANTS, 'fetch'].map((v) => [v, sampleSizes()]));
		const legacyTimes = Object.fromEntries(NODE_VARIANTS.map((v) => [v, sampleSizes()]));
		for (let round = 0; round < settings.rounds; round++) {
			for (const [samples, env] of [
				[times, undefined],
				[legacyTimes, { N8N_EXPRESSION_ENGINE: 'legacy' }],
			]) {
				open.reset();
				const nodeTimes = await nodeTimesMs(installed, prepared.userFolder, {
					workflowId: workflowIds[round % 2],
					branches,
					env,
				});
				for (const { variant, size } of branches) {
					samples[variant][size].push(nodeTimes[branchName(variant, size)]);
				}
				expectSameBodies(open.requests);
			}
			for (const size of round % 2 ? [...sizes].reverse() : sizes) {
				open.reset();
				times.fetch[size].push(await fetchLoopMs(installed, open.baseUrl, size));
				expectSameBodies(open.requests);
			}
		}
		const slopes = (samples) =>
			Object.fromEntries(
				Object.entries(samples).map(([variant, bySize]) => [
					variant,
					(median(bySize[settings.items]) - median(bySize[1])) / (settings.items - 1),
				]),
			);
		const msPerItem = slopes(times);
		const legacyMsPerItem = slopes(legacyTimes);
		values.perItemVsHttpRequestNode = msPerItem.boxSign / msPerItem.httpRequest;
		values.perItemVsFetch = msPerItem.boxSign / msPerItem.fetch;
		details.perItem = {
			msPerItem,
			timesMs: times,
			legacyExpressionEngine: {
				msPerItem: legacyMsPerItem,
				vsHttpRequestNode: legacyMsPerItem.boxSign / legacyMsPerItem.httpRequest,
				timesMs: legacyTimes,
			},
		};
	} finally {
		await prepared.remove();
	}
}

function perItemSummary({ msPerItem, legacyExpressionEngine: legacy }) {
	const ms = (value) => `${value.toFixed(2)} ms`;
	return (
		`Per item: this node ${ms(msPerItem.boxSign)}, the HTTP Request node ${ms(msPerItem.httpRequest)}, ` +
		`fetch ${ms(msPerItem.fetch)}; on n8n's legacy expression engine (N8N_EXPRESSION_ENGINE=legacy) ` +
		`${ms(legacy.msPerItem.boxSign)} and ${ms(legacy.msPerItem.httpRequest)}, ` +
		`${legacy.vsHttpRequestNode.toFixed(2)}×.`
	);
}

function headerCredential() {
	return {
		...HEADER_CREDENTIAL,
		type: 'httpHeaderAuth',
		data: { name: 'Authorization', value: 'Bearer sandbox-access-token' },
	};
}

// The key and email of item i, the same in every variant.
function benchItem(prefix, i) {
	return { key: `${prefix}-${i}`, email: `signer-${i}@example.com` };
}

// The comparison is fair only if every variant sends what our node sends.
function expectSameBodies(requests) {
	const creates = requests.filter((r) => r.method === 'POST' && r.path === '/2.0/sign_requests');
	const expected = (body) =>
		canonical(createBody({ email: body.signers?.[0]?.email, key: body.external_id }));
	const different = creates.find((r) => canonical(r.body) !== expected(r.body));
	if (different) throw new Error(`A bench variant sent another body: ${different.rawBody}`);
}

// JSON with every object's keys sorted.
function canonical(value) {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		const keys = Object.keys(value).sort();
		return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

/** The body our node sends for one item. */
function createBody(item) {
	return {
		signers: [{ email: item.email, role: 'signer' }],
		source_files: [{ type: 'file', id: boxSign.SEEDED_FILE_ID }],
		parent_folder: { type: 'folder', id: boxSign.SEEDED_FOLDER_ID },
		external_id: item.key,
	};
}

function branchName(variant, size, label) {
	return label ? `${label} ${variant}` : `${variant} × ${size}`;
}

// Start → per branch: its items (one Set node, split) → the node under test. n8n runs a node's
// children one branch at a time, top to bottom.
function perItemWorkflow(branches, baseUrl) {
	const nodes = [START];
	const connections = { [START.name]: { main: [[]] } };
	branches.forEach(({ variant, size, label }, row) => {
		const name = branchName(variant, size, label);
		const items = Array.from({ length: size }, (_, i) => benchItem(`${variant}-${size}`, i));
		const target =
			variant === 'boxSign'
				? boxSign.createNode('={{ $json.email }}', '={{ $json.key }}')
				: httpRequestNode(baseUrl);
		const chain = itemNodes(`${name}: `, items).concat({ ...target, name, id: `target-${row}` });
		chain.forEach((node, column) =>
			nodes.push({ ...node, position: [(column + 1) * 220, row * 200] }),
		);
		connections[START.name].main[0].push({ node: chain[0].name, type: 'main', index: 0 });
		link(connections, chain);
	});
	return { name: 'Bench per item', nodes, connections, settings: { executionOrder: 'v1' } };
}

const START = {
	id: 'start',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** The items as one Set node's JSON, split into one item each. */
function itemNodes(prefix, items) {
	return [
		{
			id: `${prefix}items`,
			name: `${prefix}items`,
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ items }), options: {} },
		},
		{
			id: `${prefix}split`,
			name: `${prefix}one item each`,
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'items', options: {} },
		},
	];
}

function link(connections, chain) {
	for (let i = 0; i < chain.length - 1; i++) {
		connections[chain[i].name] = { main: [[{ node: chain[i + 1].name, type: 'main', index: 0 }]] };
	}
}

/** Manual trigger → the items → `target`. */
function itemsWorkflow(name, items, target) {
	const nodes = [START, ...itemNodes('', items), target].map((node, index) => ({
		...node,
		position: [index * 220, 0],
	}));
	const connections = {};
	link(connections, nodes);
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

// n8n's HTTP Request node sending the same JSON body with header auth.
function httpRequestNode(baseUrl) {
	const body = createBody({ email: '{{ $json.email }}', key: '{{ $json.key }}' });
	return {
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${baseUrl}/2.0/sign_requests`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `=${JSON.stringify(body)}`,
			options: {},
		},
		credentials: { httpHeaderAuth: { ...HEADER_CREDENTIAL } },
	};
}

// Every node's time in one execution, which must have succeeded with every item through.
async function nodeTimesMs(installed, userFolder, { workflowId, branches, env }) {
	const { ok, error, result } = await runtime.executeWorkflow(installed, userFolder, workflowId, {
		env,
	});
	const short = (names) => names.join(', ');
	const incomplete = branches
		.map(({ variant, size }) => branchName(variant, size))
		.filter((name, i) => runtime.nodeOutput(result, name)?.length !== branches[i].size);
	if (!ok || incomplete.length) {
		const reason = String(error ?? `not every item came out of ${short(incomplete)}`);
		throw new Error(`Bench workflow ${workflowId} failed: ${reason.slice(0, 2000)}`);
	}
	const runData = result.data.resultData.runData;
	return Object.fromEntries(
		Object.entries(runData).map(([name, runs]) => [name, runs[0].executionTime]),
	);
}

// A raw fetch loop in n8n's Node, every request in flight at once as RoutingNode sends them.
async function fetchLoopMs(installed, baseUrl, size) {
	const script = `
		const { performance } = require('node:perf_hooks');
		const [url, size, file, folder] = process.argv.slice(1);
		(async () => {
			const started = performance.now();
			const sends = [];
			for (let i = 0; i < Number(size); i++) {
				const body = { signers: [{ email: 'signer-' + i + '@example.com', role: 'signer' }],
					source_files: [{ type: 'file', id: file }], parent_folder: { type: 'folder', id: folder },
					external_id: 'fetch-' + size + '-' + i };
				sends.push(fetch(url, { method: 'POST', body: JSON.stringify(body),
					headers: { authorization: 'Bearer sandbox-access-token', 'content-type': 'application/json' } })
					.then(async (response) => { await response.json(); if (response.status !== 201) throw new Error('status ' + response.status); }));
			}
			await Promise.all(sends);
			console.log(performance.now() - started);
		})().catch((error) => { console.error(error.message); process.exit(1); });`;
	const args = ['-e', script, `${baseUrl}/2.0/sign_requests`, String(size)];
	const output = await capture(installed.nodeBin, [
		...args,
		boxSign.SEEDED_FILE_ID,
		boxSign.SEEDED_FOLDER_ID,
	]);
	return Number(output.trim());
}

function capture(file, args) {
	return new Promise((resolve, reject) => {
		const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0 ? resolve(stdout) : reject(new Error(`${path.basename(file)} failed: ${stderr}`)),
		);
	});
}

// ---------------------------------------------------------------------------------------------
// Volume against the time-scaled limit: one execution of many items; many webhook executions

async function bulk({ installed, tarball, limited, settings, values, details }) {
	const prepared = await boxSign.prepareN8n({ sandbox: limited, tarball, log });
	try {
		const items = Array.from({ length: settings.items }, (_, i) => benchItem('bulk', i));
		const workflowId = await runtime.importWorkflow(
			installed,
			prepared.userFolder,
			itemsWorkflow(
				'Bench bulk',
				items,
				boxSign.createNode('={{ $json.email }}', '={{ $json.key }}'),
			),
		);
		limited.reset();
		const memory = peakRss();
		const { ok, error } = await runtime.executeWorkflow(
			installed,
			prepared.userFolder,
			workflowId,
			{
				timeoutMs: 30 * 60_000,
				onSpawn: memory.watch,
			},
		);
		const outcome = volumeOutcome(limited, items, settings.createsPerSecond);
		setVolumeFigures(values, 'bulk', outcome);
		values.peakRssMB = memory.peakMB();
		details.bulk = { ...outcome, executionOk: ok, error };
	} finally {
		await prepared.remove();
	}
}

async function burst({ installed, tarball, open, burstLimited, settings, values, details }) {
	const items = (round) =>
		Array.from({ length: settings.burst }, (_, i) => benchItem(`burst${round}`, i));
	// n8n alone first, against no limit: how many executions a second this machine runs.
	const unlimited = await webhookBurst({ installed, tarball, sandbox: open, items: items('Open') });
	const outcome = await webhookBurst({
		installed,
		tarball,
		sandbox: burstLimited,
		items: items(''),
		createsPerSecond: settings.burstCreatesPerSecond,
	});
	setVolumeFigures(values, 'burst', outcome);
	details.burst = {
		...outcome,
		unlimited: {
			spanSeconds: unlimited.spanSeconds,
			executionsPerSecond: unlimited.accepted / unlimited.spanSeconds,
			lost: unlimited.lost,
		},
	};
}

/** Posts every item at once to a one-item webhook workflow in a fresh `n8n start`. */
async function webhookBurst({ installed, tarball, sandbox, items, createsPerSecond }) {
	const prepared = await boxSign.prepareN8n({ sandbox, tarball, log });
	let editor;
	try {
		const workflowId = await runtime.importWorkflow(
			installed,
			prepared.userFolder,
			boxSign.webhookCreateWorkflow({ path: 'bench-burst' }),
		);
		await runtime.activateWorkflow(installed, prepared.userFolder, workflowId);
		editor = await runtime.startEditor(installed, prepared.userFolder, {
			env: runtime.ACTIVATE_BEFORE_READY_ENV,
		});
		sandbox.reset();
		const answers = await postAll(`${editor.url}/webhook/bench-burst`, items);
		return {
			...volumeOutcome(sandbox, items, createsPerSecond ?? Number.POSITIVE_INFINITY),
			webhookAnswers: countBy(answers),
		};
	} finally {
		await editor?.stop();
		await prepared.remove();
	}
}

async function queue({ installed, tarball, burstLimited: limited, settings, values, details }) {
	const missing = queueMode.missingServices();
	if (missing.length) throw new Error(`The queue-mode figures need ${missing.join(' and ')}`);
	const fleet = await queueMode.startQueueFleet({
		runtime: installed,
		tarball,
		credentials: boxSign.sandboxCredentials(limited),
		workflows: [boxSign.webhookCreateWorkflow({ path: 'bench-queue' })],
		log,
	});
	try {
		limited.reset();
		const items = Array.from({ length: settings.queueBurst }, (_, i) => benchItem('queue', i));
		const answers = await postAll(fleet.webhookUrl('bench-queue'), items);
		const outcome = volumeOutcome(limited, items, settings.burstCreatesPerSecond);
		setVolumeFigures(values, 'queue', outcome);
		details.queue = {
			...outcome,
			webhookAnswers: countBy(answers),
			executionsPerWorker: await settledExecutionsPerWorker(fleet, items.length),
		};
	} finally {
		await fleet.stop();
	}
}

// Main logs a finished job a moment after the webhook has answered.
async function settledExecutionsPerWorker(fleet, expected) {
	for (let attempt = 0; ; attempt++) {
		const counts = queueMode.executionsPerWorker(fleet.main.output());
		const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
		if (total >= expected || attempt === 50) return counts;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** POSTs every item at once to a webhook; resolves with each answer's status (or the error). */
function postAll(url, items) {
	return Promise.all(
		items.map((item) =>
			fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(item),
			}).then(
				async (response) => {
					await response.arrayBuffer();
					return String(response.status);
				},
				(error) => `error: ${error.cause?.code ?? error.message}`,
			),
		),
	);
}

function countBy(values) {
	const counts = {};
	for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
	return counts;
}

/**
 * From what the sandbox counted: rate = creates accepted per second from Box's first 429 to the
 * last accepted create ÷ the limit. Until its first 429 Box takes a whole minute's worth (100) at
 * once, at any pace, so the pacer has nothing to do; from then on what Box accepts is what the
 * pacer achieves. Without any 429: accepted ÷ (limit × span + 100), the most Box's sliding minute
 * lets through in that span.
 */
function volumeOutcome(sandbox, items, createsPerSecond) {
	const counters = sandbox.rateLimit;
	const accepted = counters.accepted[CREATE] ?? { count: 0, firstAt: 0, lastAt: 0 };
	const reached = counters.limitReached[CREATE];
	const spanSeconds = (accepted.lastAt - accepted.firstAt) / 1000;
	const created = (item) => counters.createsByExternalId.get(item.key) ?? 0;
	const rateOfLimit = reached
		? (accepted.count - reached.acceptedBefore) /
			(createsPerSecond * ((accepted.lastAt - reached.at) / 1000))
		: accepted.count / (createsPerSecond * spanSeconds + BOX_CREATES_PER_MINUTE);
	return {
		items: items.length,
		accepted: accepted.count,
		spanSeconds,
		limitReachedAfterSeconds: reached ? (reached.at - accepted.firstAt) / 1000 : undefined,
		rateOfLimit,
		rateLimited: counters.rateLimited[CREATE] ?? 0,
		lost: items.filter((item) => created(item) === 0).length,
		duplicated: items.reduce((sum, item) => sum + Math.max(0, created(item) - 1), 0),
	};
}

function setVolumeFigures(values, prefix, outcome) {
	values[`${prefix}RateOfLimit`] = outcome.rateOfLimit;
	values[`${prefix}429PerItem`] = outcome.rateLimited / outcome.items;
	values[`${prefix}Lost`] = outcome.lost;
	values[`${prefix}Duplicated`] = outcome.duplicated;
}

// The peak resident memory of a process, sampled from /proc (Linux) while it runs.
function peakRss() {
	let peakKB = 0;
	const sample = (pid) => {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		peakKB = Math.max(peakKB, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
	};
	return {
		watch(child) {
			const timer = setInterval(() => {
				try {
					sample(child.pid);
				} catch {
					clearInterval(timer); // gone
				}
			}, 200);
			child.on('exit', () => clearInterval(timer));
		},
		peakMB: () => Math.round(peakKB / 1024),
	};
}

// ---------------------------------------------------------------------------------------------
// Cost of the package

async function packageCost({ installed, tarball, settings, values, details }) {
	values.tarballKB = Math.round((fs.statSync(tarball).size / 1024) * 10) / 10;
	const requireTimes = [];
	for (let round = 0; round < settings.rounds; round++)
		requireTimes.push(await requireMs(installed));
	values.requireMs = median(requireTimes);

	const folders = {
		without: await runtime.createUserFolder(),
		with: await runtime.createUserFolder({ tarball }),
	};
	try {
		const starts = { without: [], with: [] };
		// The first start of a user folder creates its database: not counted.
		for (const folder of Object.values(folders)) await measuredStart(installed, folder);
		for (let round = 0; round < settings.rounds; round++) {
			const order = round % 2 ? ['with', 'without'] : ['without', 'with'];
			for (const which of order) starts[which].push(await measuredStart(installed, folders[which]));
		}
		for (const start of starts.with) expectPackageLoaded(start, true);
		for (const start of starts.without) expectPackageLoaded(start, false);
		const medianOf = (which, key) => median(starts[which].map((start) => start[key]));
		values.startupDeltaMs =
			medianOf('with', 'nodeLoadingCpuMs') - medianOf('without', 'nodeLoadingCpuMs');
		details.package = {
			requireTimesMs: requireTimes,
			startups: starts,
			wallMedianDeltaMs: medianOf('with', 'wallMs') - medianOf('without', 'wallMs'),
		};
	} finally {
		await Promise.all(
			Object.values(folders).map((f) => fsp.rm(f, { recursive: true, force: true })),
		);
	}
}

// Every node and credential n8n loads from dist/, in a fresh n8n Node with n8n-workflow loaded
// (n8n has it loaded before it loads community packages).
async function requireMs(installed) {
	const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const files = [...manifest.n8n.nodes, ...manifest.n8n.credentials].map((f) => path.join(ROOT, f));
	const script = `
		require(require.resolve('n8n-workflow', { paths: [${JSON.stringify(ROOT)}] }));
		const started = process.hrtime.bigint();
		for (const file of ${JSON.stringify(files)}) require(file);
		console.log(Number(process.hrtime.bigint() - started) / 1e6);`;
	return Number((await capture(installed.nodeBin, ['-e', script])).trim());
}

// startupDeltaMs: a whole `n8n start` takes 7-9 s here and varies by about a second with the
// other jobs on the machine, in wall and in CPU time alike: a few rounds of it cannot resolve
// 100 ms. n8n's start-up handles a community package's nodes and credentials in
// LoadNodesAndCredentials: init() loads every node package, ours included, and writes the editor's
// type files; postProcessLoaders() (which `n8n start` runs once more at the end of its set-up)
// processes every loaded type again. The figure is the main thread's CPU time in those calls
// (timed by threadCpuMarks.js, which n8n loads before itself): the median of interleaved starts
// with the package minus the median without. (The least of each varied more from run to run: one
// lucky start decides it.) Wall times of the whole starts are kept in details.package.
const CPU_MARKS = path.join(__dirname, 'lib', 'threadCpuMarks.js');
const PACKAGE_LOADED = 'Loaded all credentials and nodes from n8n-nodes-box-sign';

async function measuredStart(installed, userFolder) {
	const marksFile = path.join(userFolder, `cpu-marks-${Date.now()}.tsv`);
	const started = Date.now();
	const editor = await runtime.startEditor(installed, userFolder, {
		env: {
			// PACKAGE_LOADED is a debug record.
			N8N_LOG_LEVEL: 'debug',
			NODE_OPTIONS: `--require ${CPU_MARKS}`,
			BOX_SIGN_CPU_MARKS: marksFile,
		},
	});
	const wallMs = Date.now() - started;
	const packageLoaded = editor.output().includes(PACKAGE_LOADED);
	await editor.stop();
	const calls = (await fsp.readFile(marksFile, 'utf8'))
		.split('\n')
		.filter(Boolean)
		.map((line) => ({ cpuMs: Number(line.split('\t')[0]), method: line.split('\t')[1] }));
	await fsp.rm(marksFile, { force: true });
	// Without them threadCpuMarks.js did not find n8n's loader, and the figure would read 0.
	if (!calls.some((call) => call.method === 'init'))
		throw new Error("threadCpuMarks.js timed no LoadNodesAndCredentials.init() in n8n's start");
	const nodeLoadingCpuMs = calls.reduce((sum, call) => sum + call.cpuMs, 0);
	return { wallMs, nodeLoadingCpuMs: round(nodeLoadingCpuMs), packageLoaded };
}

function expectPackageLoaded(start, loaded) {
	if (start.packageLoaded === loaded) return;
	throw new Error(
		loaded
			? 'n8n did not load n8n-nodes-box-sign (run `npm run build` first?)'
			: 'n8n loaded n8n-nodes-box-sign from a user folder without it',
	);
}

// ---------------------------------------------------------------------------------------------
// Results

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function figures(values, skipped) {
	return Object.entries(FIGURES).map(([name, { unit, min, max, phase }]) => {
		const target = min !== undefined ? `>= ${min}` : `<= ${max}`;
		if (skipped.includes(phase)) return { name, value: null, unit, target, meets: null };
		if (values[name] === undefined) return { name, value: null, unit, target, meets: false };
		const value = round(values[name]);
		const meets = min !== undefined ? value >= min : value <= max;
		return { name, value, unit, target, meets };
	});
}

function round(value) {
	return Math.round(value * 1000) / 1000;
}

async function machine(installed) {
	const cpus = os.cpus();
	return {
		cpu: `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown'}`,
		memoryGB: Math.round(os.totalmem() / 2 ** 30),
		os: `${os.type()} ${os.release()}`,
		node: (await capture(installed.nodeBin, ['--version'])).trim(),
		n8n: installed.n8nVersion,
	};
}

function printTable({ machine: host, at, figures: rows }) {
	console.log(`Box Sign bench, ${at}, n8n ${host.n8n}, ${host.cpu}, ${host.memoryGB} GB`);
	const lines = rows.map((f) => [
		f.name,
		f.value === null ? (f.meets === null ? 'skipped' : 'failed') : String(f.value),
		f.unit,
		f.target,
		f.meets === null ? '-' : f.meets ? 'yes' : 'NO',
	]);
	const header = ['figure', 'value', 'unit', 'target', 'meets'];
	const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
	for (const line of [header, ...lines]) {
		console.log(line.map((cell, i) => cell.padEnd(widths[i])).join('  '));
	}
}

main().catch((error) => {
	console.error(error.stack || error.message);
	process.exitCode = 1;
});
