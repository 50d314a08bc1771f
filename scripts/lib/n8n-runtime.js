'use strict';
// Installs and drives a real n8n (1.x on this machine's Node, 2.x on Node 24 from npm) for
// end-to-end checks. Node built-ins only: it must work before anything else is installed.

const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const TARGETS = {
	'2': {
		n8nVersion: '2.41.1',
		// The platform package of npm's `node`, used directly: it ships the binary and the headers
		// and, unlike `node`, needs no install script.
		node: { name: `node-${process.platform}-${process.arch}`, version: '24.21.0' },
		rebuild: ['sqlite3', 'isolated-vm'],
		overrides: {},
		// The MCP registry module reaches out to the internet at start-up; 1.x has no such module and
		// refuses the variable ("Unknown module").
		env: { N8N_DISABLED_MODULES: 'mcp-registry' },
	},
	'1': {
		n8nVersion: '1.123.81',
		node: null, // the Node that runs this script (20.x here)
		rebuild: ['sqlite3'],
		// n8n-nodes-base pins xlsx to a tarball on a CDN this machine cannot reach.
		overrides: { xlsx: '0.18.5' },
		// The default `vm` engine needs isolated-vm 6, which needs Node >= 22.
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
	},
};

const QUIET_ENV = {
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_VERIFIED_PACKAGES_ENABLED: 'false',
	N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
	N8N_ENCRYPTION_KEY: 'box-sign-e2e-encryption-key',
	N8N_LOG_FORMAT: 'json',
	N8N_LOG_LEVEL: 'info',
};

const MARKER = '.box-sign-runtime.json';
const N8N_TIMEOUT_MS = 120_000;

// ---------------------------------------------------------------------------------------------
// Processes

function run(cmd, args, { cwd, env, timeoutMs = 0, onLine } = {}) {
	return new Promise((resolve, reject) => {
		// Own process group, so a timeout also ends n8n's task runners.
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
		const out = { stdout: '', stderr: '' };
		for (const stream of ['stdout', 'stderr']) {
			let partial = '';
			child[stream].setEncoding('utf8');
			child[stream].on('data', (chunk) => {
				out[stream] += chunk;
				if (!onLine) return;
				const lines = (partial + chunk).split('\n');
				partial = lines.pop();
				lines.forEach((line) => onLine(line, stream));
			});
		}
		let timedOut = false;
		const timer = timeoutMs > 0 ? setTimeout(() => { timedOut = true; killGroup(child); }, timeoutMs) : null;
		child.on('error', (error) => { clearTimeout(timer); reject(error); });
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code: timedOut ? null : code, signal, timedOut, ...out });
		});
	});
}

function killGroup(child, signal = 'SIGKILL') {
	try {
		process.kill(-child.pid, signal);
	} catch {
		// already gone
	}
}

async function runOrThrow(what, cmd, args, options) {
	const result = await run(cmd, args, options);
	if (result.code !== 0) {
		const reason = result.timedOut ? 'timed out' : `exited with ${result.code ?? result.signal}`;
		throw new Error(`${what} ${reason}:\n${tail(result.stderr || result.stdout)}`);
	}
	return result;
}

function tail(text, lines = 30) {
	return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

// ---------------------------------------------------------------------------------------------
// Runtime install

function targetSpec(target) {
	const spec = TARGETS[String(target)];
	if (!spec) throw new Error(`Unknown n8n target "${target}": use one of ${Object.keys(TARGETS).join(', ')}`);
	return spec;
}

function nodeMajor(spec) {
	return Number((spec.node ? spec.node.version : process.versions.node).split('.')[0]);
}

function cacheRoot() {
	return process.env.BOX_SIGN_N8N_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-box-sign');
}

function describeRuntime(target, spec, dir) {
	const nodeBin = spec.node ? path.join(dir, 'node_modules', spec.node.name, 'bin', 'node') : process.execPath;
	return {
		target: String(target),
		n8nVersion: spec.n8nVersion,
		nodeBin,
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		dir,
		env: { ...spec.env },
	};
}

function installManifest(spec) {
	const dependencies = { n8n: spec.n8nVersion };
	if (spec.node) dependencies[spec.node.name] = spec.node.version;
	return { name: 'box-sign-n8n-runtime', private: true, dependencies, overrides: spec.overrides };
}

// Native addons must be built against the headers of the Node that will load them; the machine's
// ~/.npmrc points node-gyp at /usr (Node 20), which is wrong for Node 24.
function headersDir(runtime) {
	return path.resolve(path.dirname(runtime.nodeBin), '..');
}

async function smokeCheck(runtime) {
	const marker = path.join(runtime.dir, MARKER);
	let recorded;
	try {
		recorded = JSON.parse(await fsp.readFile(marker, 'utf8'));
	} catch {
		return false;
	}
	if (JSON.stringify(recorded.manifest) !== JSON.stringify(installManifest(targetSpec(runtime.target)))) return false;
	const result = await runVersion(runtime).catch(() => null);
	return Boolean(result && result.code === 0 && result.stdout.includes(runtime.n8nVersion));
}

async function runVersion(runtime) {
	const scratch = await fsp.mkdtemp(path.join(os.tmpdir(), 'box-sign-n8n-version-'));
	try {
		return await run(runtime.nodeBin, [runtime.n8nBin, '--version'], {
			env: { ...process.env, ...QUIET_ENV, ...runtime.env, N8N_USER_FOLDER: scratch },
			timeoutMs: 60_000,
		});
	} finally {
		await fsp.rm(scratch, { recursive: true, force: true });
	}
}

async function ensureRuntime(target = '2', { log = (line) => console.error(line) } = {}) {
	const spec = targetSpec(target);
	if (!spec.node && (nodeMajor(spec) < 20 || nodeMajor(spec) > 24)) {
		throw new Error(`n8n ${spec.n8nVersion} needs Node 20-24; this is Node ${process.versions.node}`);
	}
	const dir = path.join(cacheRoot(), `${spec.n8nVersion}-node${nodeMajor(spec)}`);
	const runtime = describeRuntime(target, spec, dir);
	if (await smokeCheck(runtime)) return runtime;

	log(`[n8n-runtime] installing n8n@${spec.n8nVersion} (Node ${nodeMajor(spec)}) into ${dir}: takes a few minutes`);
	await fsp.rm(dir, { recursive: true, force: true });
	await installInto(spec, runtime, log);
	if (!(await smokeCheck(runtime))) {
		const result = await runVersion(runtime).catch((error) => ({ stderr: String(error), stdout: '' }));
		throw new Error(`n8n installed in ${dir} but "n8n --version" failed:\n${tail(result.stderr || result.stdout)}`);
	}
	log(`[n8n-runtime] ready: n8n ${spec.n8nVersion} in ${dir}`);
	return runtime;
}

// Installs into a staging folder renamed into place at the end, so an interrupted install never
// looks complete and two concurrent installs don't write into the same tree.
async function installInto(spec, runtime, log) {
	const { dir } = runtime;
	const staging = `${dir}.partial-${process.pid}`;
	await fsp.rm(staging, { recursive: true, force: true });
	await fsp.mkdir(staging, { recursive: true });
	const manifest = installManifest(spec);
	await fsp.writeFile(path.join(staging, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
	const stagedRuntime = describeRuntime(runtime.target, spec, staging);
	try {
		await timed(log, 'npm install', () =>
			npm(staging, ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], stagedRuntime, log));
		await timed(log, `npm rebuild ${spec.rebuild.join(' ')}`, () =>
			npm(staging, ['rebuild', ...spec.rebuild, '--loglevel=error'], stagedRuntime, log));
		await fsp.writeFile(
			path.join(staging, MARKER),
			`${JSON.stringify({ manifest, installedAt: new Date().toISOString() }, null, 2)}\n`,
		);
		await fsp.rename(staging, dir);
	} finally {
		await fsp.rm(staging, { recursive: true, force: true });
	}
}

function npm(cwd, args, runtime, log) {
	const env = {
		...process.env,
		CI: 'true',
		npm_config_yes: 'true',
		npm_config_update_notifier: 'false',
		npm_config_nodedir: headersDir(runtime),
		// Lifecycle scripts run by `npm rebuild` must see the target Node first.
		PATH: prependPath(path.dirname(runtime.nodeBin), process.env.PATH),
	};
	const onLine = (line) => { if (line.trim()) log(`  ${line}`); };
	return runOrThrow(`npm ${args[0]} in ${cwd}`, npmCommand(), args, { cwd, env, onLine });
}

function npmCommand() {
	return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

async function timed(log, what, fn) {
	const started = Date.now();
	const seconds = () => Math.round((Date.now() - started) / 1000);
	const heartbeat = setInterval(() => log(`[n8n-runtime] ${what}: still running (${seconds()} s)`), 30_000);
	try {
		log(`[n8n-runtime] ${what} ...`);
		const result = await fn();
		log(`[n8n-runtime] ${what}: done in ${seconds()} s`);
		return result;
	} finally {
		clearInterval(heartbeat);
	}
}

function prependPath(dir, current) {
	return [dir, current].filter(Boolean).join(path.delimiter);
}

// ---------------------------------------------------------------------------------------------
// User folders and environment

// Mirrors n8n's "Install community node": the package lands in .n8n/nodes/node_modules/<name>.
async function createUserFolder({ tarball } = {}) {
	const folder = await fsp.mkdtemp(path.join(os.tmpdir(), 'box-sign-n8n-'));
	if (tarball) await installCommunityPackage(folder, path.resolve(tarball));
	return folder;
}

async function installCommunityPackage(folder, tarball) {
	if (!fs.existsSync(tarball)) throw new Error(`Community package tarball not found: ${tarball}`);
	const nodesDir = path.join(folder, '.n8n', 'nodes');
	await fsp.mkdir(nodesDir, { recursive: true });
	await fsp.writeFile(
		path.join(nodesDir, 'package.json'),
		`${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2)}\n`,
	);
	await runOrThrow('npm install of the community package', npmCommand(), [
		'install', tarball, '--ignore-scripts', '--omit=dev', '--omit=peer', '--no-audit', '--no-fund', '--loglevel=error',
	], { cwd: nodesDir, env: { ...process.env, CI: 'true' } });
}

async function n8nEnv(runtime, userFolder, extra = {}) {
	return {
		...process.env,
		...QUIET_ENV,
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		...runtime.env,
		N8N_USER_FOLDER: userFolder,
		PATH: prependPath(path.dirname(runtime.nodeBin), process.env.PATH),
		...extra,
	};
}

// ---------------------------------------------------------------------------------------------
// CLI

async function runN8n(runtime, userFolder, args, { env, timeoutMs = N8N_TIMEOUT_MS } = {}) {
	const result = await run(runtime.nodeBin, [runtime.n8nBin, ...args], {
		env: await n8nEnv(runtime, userFolder, env),
		timeoutMs,
	});
	const { code, signal, timedOut, stdout, stderr } = result;
	return { code, signal, timedOut, stdout, stderr };
}

async function importCredentials(runtime, userFolder, credentials) {
	const file = await writeJson(userFolder, 'credentials', credentials);
	await expectSuccess('n8n import:credentials', runN8n(runtime, userFolder, ['import:credentials', `--input=${file}`]));
}

// Returns the workflow id (generated when the workflow has none).
async function importWorkflow(runtime, userFolder, workflow) {
	const withId = { active: false, settings: {}, connections: {}, ...workflow, id: workflow.id || randomId() };
	const file = await writeJson(userFolder, 'workflow', withId);
	await expectSuccess('n8n import:workflow', runN8n(runtime, userFolder, ['import:workflow', `--input=${file}`]));
	return withId.id;
}

async function executeWorkflow(runtime, userFolder, workflowId, { env, timeoutMs = N8N_TIMEOUT_MS } = {}) {
	const { code, signal, timedOut, stdout, stderr } = await runN8n(
		runtime, userFolder, ['execute', `--id=${workflowId}`, '--rawOutput'], { env, timeoutMs },
	);
	const records = logRecords(stdout);
	const result = parseRunData(records);
	const ok = code === 0 && result?.status === 'success';
	const error = ok ? undefined : errorMessage(result, records, stderr, timedOut ? timeoutMs : 0);
	return { ok, code, signal, result, error, stdout, stderr };
}

// The items a node emitted on its first output in its last run, as plain JSON objects.
function nodeOutput(result, nodeName) {
	const runs = result?.data?.resultData?.runData?.[nodeName];
	const items = runs?.[runs.length - 1]?.data?.main?.[0];
	return items ? items.map((item) => item.json) : undefined;
}

async function expectSuccess(what, pending) {
	const result = await pending;
	if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}):\n${tail(result.stdout + result.stderr)}`);
	return result;
}

async function writeJson(folder, kind, data) {
	const file = path.join(folder, `${kind}-${randomId()}.json`);
	await fsp.writeFile(file, JSON.stringify(data, null, 2));
	return file;
}

function randomId() {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	return Array.from(crypto.randomBytes(16), (byte) => alphabet[byte % alphabet.length]).join('');
}

// With N8N_LOG_FORMAT=json each stdout line is a log record; a line that is not one (printed by
// console.log) is kept as an info record.
function logRecords(stdout) {
	return stdout.split('\n').filter((line) => line.trim()).map((line) => {
		try {
			const record = JSON.parse(line);
			if (record && typeof record.message === 'string') return record;
		} catch {
			// plain text
		}
		return { level: 'info', message: line };
	});
}

// `--rawOutput` prints the execution (run data, status and, on failure, the error) as one
// pretty-printed JSON document: on success alone, on failure after "Execution error:".
function parseRunData(records) {
	for (const { message } of [...records].reverse()) {
		const text = message.trim();
		if (!text.startsWith('{')) continue;
		try {
			return JSON.parse(text);
		} catch {
			// not the execution
		}
	}
	return undefined;
}

function errorMessage(result, records, stderr, timedOutAfterMs) {
	if (timedOutAfterMs) return `n8n execute timed out after ${timedOutAfterMs} ms`;
	const fromResult = result?.data?.resultData?.error?.message;
	if (fromResult) return fromResult;
	// Without an execution (unknown workflow id, crash at start) the last error record, or else the
	// last line printed, says what went wrong.
	const logged = records.filter((record) => record.level === 'error').pop() || records[records.length - 1];
	return logged ? logged.message : tail(stderr, 10);
}

// ---------------------------------------------------------------------------------------------
// Editor

async function startEditor(runtime, userFolder, { port, env, timeoutMs = 120_000 } = {}) {
	const listenPort = port || (await freePort());
	const url = `http://127.0.0.1:${listenPort}`;
	const child = spawn(runtime.nodeBin, [runtime.n8nBin, 'start'], {
		env: await n8nEnv(runtime, userFolder, {
			N8N_PORT: String(listenPort),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_EDITOR_BASE_URL: url,
			WEBHOOK_URL: `${url}/`,
			...env,
		}),
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let output = '';
	child.stdout.on('data', (chunk) => { output += chunk; });
	child.stderr.on('data', (chunk) => { output += chunk; });
	const exited = new Promise((resolve) => child.on('close', resolve));
	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		killGroup(child, 'SIGTERM');
		const forced = setTimeout(() => killGroup(child), 15_000);
		await exited;
		clearTimeout(forced);
	};
	try {
		await waitForHealth(url, exited, timeoutMs);
	} catch (error) {
		await stop();
		throw new Error(`${error.message}\n${tail(output)}`);
	}
	return { url, port: listenPort, stop, output: () => output };
}

async function waitForHealth(url, exited, timeoutMs) {
	let hasExited = false;
	exited.then(() => { hasExited = true; });
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (hasExited) throw new Error('n8n start exited before it was ready');
		if (await answers(`${url}/healthz`)) return;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`n8n start did not answer ${url}/healthz within ${timeoutMs} ms`);
}

function answers(url) {
	return new Promise((resolve) => {
		const request = http.get(url, (response) => {
			response.resume();
			resolve(response.statusCode === 200);
		});
		request.on('error', () => resolve(false));
		request.setTimeout(2_000, () => request.destroy());
	});
}

module.exports = {
	TARGETS,
	ensureRuntime,
	createUserFolder,
	n8nEnv,
	runN8n,
	importCredentials,
	importWorkflow,
	executeWorkflow,
	nodeOutput,
	startEditor,
};
