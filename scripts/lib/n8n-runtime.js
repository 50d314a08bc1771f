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
	2: {
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
	1: {
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
	// One JSON record per stdout line; `execute --rawOutput` prints the execution through the logger
	// at info level, so the level must not be raised.
	N8N_LOG_FORMAT: 'json',
	N8N_LOG_LEVEL: 'info',
};

// n8n 2.x activates published workflows in the background by default, so their production
// webhooks answer 404 for a while after n8n says it is ready; with this, `n8n start` activates them
// before it announces the editor's URL (as 1.x always did).
const ACTIVATE_BEFORE_READY_ENV = { N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false' };

const MARKER = '.box-sign-runtime.json';
const N8N_TIMEOUT_MS = 120_000;
const STAGING_INFIX = '.partial-';

// ---------------------------------------------------------------------------------------------
// Processes

// `stdoutFd`: stdout goes to that file instead of a pipe (`stdout` is then '').
function run(cmd, args, { cwd, env, timeoutMs = 0, onLine, onSpawn, stdoutFd } = {}) {
	return new Promise((resolve, reject) => {
		// Own process group, so a timeout also ends n8n's task runners.
		const stdio = ['ignore', stdoutFd ?? 'pipe', 'pipe'];
		const child = spawn(cmd, args, { cwd, env, stdio, detached: true });
		onSpawn?.(child);
		const out = { stdout: '', stderr: '' };
		for (const stream of ['stdout', 'stderr'].filter((name) => child[name])) {
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
		const timer =
			timeoutMs > 0
				? setTimeout(() => {
						timedOut = true;
						killGroup(child);
					}, timeoutMs)
				: null;
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
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
	return freePorts(1).then(([port]) => port);
}

// Distinct ports: each stays taken until all are found (the OS may hand out a just-freed one again).
async function freePorts(count) {
	const servers = [];
	try {
		for (let i = 0; i < count; i++) {
			const server = net.createServer();
			server.unref();
			await new Promise((resolve, reject) => {
				server.on('error', reject);
				server.listen(0, '127.0.0.1', resolve);
			});
			servers.push(server);
		}
		return servers.map((server) => server.address().port);
	} finally {
		await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
	}
}

// ---------------------------------------------------------------------------------------------
// Runtime install

function targetSpec(target) {
	const spec = TARGETS[String(target)];
	if (!spec)
		throw new Error(
			`Unknown n8n target "${target}": use one of ${Object.keys(TARGETS).join(', ')}`,
		);
	return spec;
}

function nodeMajor(spec) {
	return Number((spec.node ? spec.node.version : process.versions.node).split('.')[0]);
}

function cacheRoot() {
	return process.env.BOX_SIGN_N8N_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-box-sign');
}

function describeRuntime(target, spec, dir) {
	const nodeBin = spec.node
		? path.join(dir, 'node_modules', spec.node.name, 'bin', 'node')
		: process.execPath;
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

// Fast enough for every run (~0.3 s): the install finished, is for the current spec, its native
// addons load in the target Node, and the CLI answers.
async function smokeCheck(runtime) {
	const spec = targetSpec(runtime.target);
	let recorded;
	try {
		recorded = JSON.parse(await fsp.readFile(path.join(runtime.dir, MARKER), 'utf8'));
	} catch {
		return false;
	}
	if (JSON.stringify(recorded.manifest) !== JSON.stringify(installManifest(spec))) return false;
	const loadAddons = `for (const name of ${JSON.stringify(spec.rebuild)}) require(name)`;
	const addons = await run(runtime.nodeBin, ['-e', loadAddons], {
		cwd: runtime.dir,
		timeoutMs: 60_000,
	}).catch(() => null);
	if (!addons || addons.code !== 0) return false;
	const version = await runVersion(runtime).catch(() => null);
	return Boolean(version && version.code === 0 && version.stdout.includes(runtime.n8nVersion));
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
		throw new Error(
			`n8n ${spec.n8nVersion} needs Node 20-24; this is Node ${process.versions.node}`,
		);
	}
	const dir = path.join(cacheRoot(), `${spec.n8nVersion}-node${nodeMajor(spec)}`);
	const runtime = describeRuntime(target, spec, dir);
	if (await smokeCheck(runtime)) return runtime;

	log(
		`[n8n-runtime] installing n8n@${spec.n8nVersion} (Node ${nodeMajor(spec)}) into ${dir}: takes a few minutes`,
	);
	await removeAbandonedStaging(dir);
	await installInto(spec, runtime, log);
	if (!(await smokeCheck(runtime))) {
		const result = await runVersion(runtime).catch((error) => ({
			stderr: String(error),
			stdout: '',
		}));
		throw new Error(
			`n8n installed in ${dir} but does not start:\n${tail(result.stderr || result.stdout)}`,
		);
	}
	log(`[n8n-runtime] ready: n8n ${spec.n8nVersion} in ${dir}`);
	return runtime;
}

// Installs into a staging folder that replaces `dir` only when complete, so an interrupted install
// never looks finished and concurrent installs never share a tree.
async function installInto(spec, runtime, log) {
	const { dir } = runtime;
	const staging = `${dir}${STAGING_INFIX}${process.pid}`;
	await fsp.rm(staging, { recursive: true, force: true });
	await fsp.mkdir(staging, { recursive: true });
	const manifest = installManifest(spec);
	await fsp.writeFile(path.join(staging, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
	const stagedRuntime = describeRuntime(runtime.target, spec, staging);
	try {
		await timed(log, 'npm install', () =>
			npm(
				staging,
				['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
				stagedRuntime,
				log,
			),
		);
		await timed(log, `npm rebuild ${spec.rebuild.join(' ')}`, () =>
			npm(staging, ['rebuild', ...spec.rebuild, '--loglevel=error'], stagedRuntime, log),
		);
		await fsp.writeFile(
			path.join(staging, MARKER),
			`${JSON.stringify({ manifest, installedAt: new Date().toISOString() }, null, 2)}\n`,
		);
		if (await smokeCheck(runtime)) return; // another process finished first
		await fsp.rm(dir, { recursive: true, force: true });
		await fsp.rename(staging, dir);
	} finally {
		await fsp.rm(staging, { recursive: true, force: true });
	}
}

// Staging folders of installs that were killed (their process is gone) hold gigabytes.
async function removeAbandonedStaging(dir) {
	const prefix = `${path.basename(dir)}${STAGING_INFIX}`;
	const entries = await fsp.readdir(path.dirname(dir)).catch(() => []);
	for (const entry of entries.filter((name) => name.startsWith(prefix))) {
		if (!isAlive(Number(entry.slice(prefix.length)))) {
			await fsp.rm(path.join(path.dirname(dir), entry), { recursive: true, force: true });
		}
	}
}

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

function npm(cwd, args, runtime, log) {
	const env = {
		...withoutNpmSettings(process.env),
		CI: 'true',
		npm_config_yes: 'true',
		npm_config_update_notifier: 'false',
		npm_config_nodedir: headersDir(runtime),
		// Lifecycle scripts run by `npm rebuild` must see the target Node first.
		PATH: prependPath(path.dirname(runtime.nodeBin), process.env.PATH),
	};
	const onLine = (line) => {
		if (line.trim()) log(`  ${line}`);
	};
	return runOrThrow(`npm ${args[0]} in ${cwd}`, npmCommand(), args, { cwd, env, onLine });
}

// When called from an npm script, the caller's npm settings (omit=dev, loglevel=silent, nodedir,
// ...) arrive as npm_config_* variables and would leak into these installs.
function withoutNpmSettings(env) {
	return Object.fromEntries(
		Object.entries(env).filter(([name]) => !/^npm_(config|package|lifecycle)_/i.test(name)),
	);
}

function npmCommand() {
	return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

async function timed(log, what, fn) {
	const started = Date.now();
	const seconds = () => Math.round((Date.now() - started) / 1000);
	const heartbeat = setInterval(
		() => log(`[n8n-runtime] ${what}: still running (${seconds()} s)`),
		30_000,
	);
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

// Mirrors n8n's "Install community node" (1.123 and 2.41 alike): unpack the package into
// .n8n/nodes/node_modules/<name>, drop its dev/peer/optional dependencies, `npm install` its own
// dependencies inside it, and record it in .n8n/nodes/package.json.
async function createUserFolder({ tarball } = {}) {
	const folder = await fsp.mkdtemp(path.join(os.tmpdir(), 'box-sign-n8n-'));
	if (tarball) await installCommunityPackage(folder, path.resolve(tarball));
	return folder;
}

async function installCommunityPackage(folder, tarball) {
	if (!fs.existsSync(tarball)) throw new Error(`Community package tarball not found: ${tarball}`);
	const nodesDir = path.join(folder, '.n8n', 'nodes');
	const unpacked = path.join(nodesDir, '.unpacked');
	await fsp.mkdir(unpacked, { recursive: true });
	await runOrThrow('tar', 'tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);

	const manifestPath = path.join(unpacked, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(
		await fsp.readFile(manifestPath, 'utf8'),
	);
	await fsp.writeFile(manifestPath, JSON.stringify(manifest, null, 2));
	const packageDir = path.join(nodesDir, 'node_modules', manifest.name);
	await fsp.mkdir(path.dirname(packageDir), { recursive: true });
	await fsp.rename(unpacked, packageDir);

	await runOrThrow(
		`npm install in ${packageDir}`,
		npmCommand(),
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
			'--loglevel=error',
		],
		{ cwd: packageDir, env: { ...withoutNpmSettings(process.env), CI: 'true' } },
	);
	const installed = {
		name: 'installed-nodes',
		private: true,
		dependencies: { [manifest.name]: manifest.version },
	};
	await fsp.writeFile(path.join(nodesDir, 'package.json'), JSON.stringify(installed, null, 2));
}

// The caller's environment minus what would change n8n's behaviour: a test runner's NODE_ENV=test
// silences n8n's logger (and with it the run result `n8n execute` prints).
function inheritedEnv() {
	const { NODE_ENV, ...env } = process.env;
	return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('JEST_')));
}

async function n8nEnv(runtime, userFolder, extra = {}) {
	return {
		...inheritedEnv(),
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

// `onSpawn(child)` sees the n8n process as soon as it exists (e.g. to sample its memory).
async function runN8n(
	runtime,
	userFolder,
	args,
	{ env: extra, timeoutMs = N8N_TIMEOUT_MS, onSpawn } = {},
) {
	const env = await n8nEnv(runtime, userFolder, extra);
	// n8n exits right after printing, and Node drops what a pipe had not taken yet (a large
	// execution's run data arrives cut off); writes to a file are complete.
	const stdoutFile = path.join(userFolder, `stdout-${randomId()}.log`);
	const stdoutFd = fs.openSync(stdoutFile, 'w');
	try {
		const { code, signal, timedOut, stderr } = await run(
			runtime.nodeBin,
			[runtime.n8nBin, ...args],
			{ env, timeoutMs, onSpawn, stdoutFd },
		);
		const stdout = await fsp.readFile(stdoutFile, 'utf8');
		return { code, signal, timedOut, stdout, stderr };
	} finally {
		fs.closeSync(stdoutFd);
		await fsp.rm(stdoutFile, { force: true });
	}
}

async function importCredentials(runtime, userFolder, credentials, { env } = {}) {
	const file = await writeJson(userFolder, 'credentials', credentials);
	await expectImported(
		'credentials',
		runN8n(runtime, userFolder, ['import:credentials', `--input=${file}`], { env }),
	);
}

// Returns the workflow id (generated when the workflow has none).
async function importWorkflow(runtime, userFolder, workflow, options) {
	const [id] = await importWorkflows(runtime, userFolder, [workflow], options);
	return id;
}

// Several workflows with one n8n process (each start costs seconds); returns their ids in order.
async function importWorkflows(runtime, userFolder, workflows, { env } = {}) {
	const withIds = workflows.map((workflow) => ({
		active: false,
		settings: {},
		connections: {},
		...workflow,
		id: workflow.id || randomId(),
	}));
	const file = await writeJson(userFolder, 'workflow', withIds);
	await expectImported(
		'workflow',
		runN8n(runtime, userFolder, ['import:workflow', `--input=${file}`], { env }),
	);
	return withIds.map((workflow) => workflow.id);
}

// Judged by n8n's own report, not the exit code: import exits 0 on some failures (no input) and
// n8n 2.x may crash while exiting after a good import (see executeWorkflow).
async function expectImported(kind, pending) {
	const { code, signal, stdout, stderr } = await pending;
	if (logRecords(stdout).some((record) => record.message.startsWith('Successfully imported')))
		return;
	throw new Error(`n8n import:${kind} failed (exit ${code ?? signal}):\n${tail(stdout + stderr)}`);
}

async function executeWorkflow(
	runtime,
	userFolder,
	workflowId,
	{ env, timeoutMs = N8N_TIMEOUT_MS, onSpawn } = {},
) {
	const { code, signal, timedOut, stdout, stderr } = await runN8n(
		runtime,
		userFolder,
		['execute', `--id=${workflowId}`, '--rawOutput'],
		{ env, timeoutMs, onSpawn },
	);
	const records = logRecords(stdout);
	const result = parseRunData(records);
	// Judged by the status n8n printed, not the exit code: n8n 2.41.1 on Node 24 (isolated-vm
	// expression engine) now and then dies with SIGSEGV while exiting, after printing it.
	const ok = result?.status === 'success';
	const error = ok
		? undefined
		: errorMessage(result, records, stderr, { timedOut, timeoutMs, signal });
	return { ok, code, signal, result, error, stdout, stderr };
}

// The items a node emitted on its first output in its last run, as plain JSON objects.
function nodeOutput(result, nodeName) {
	const runs = result?.data?.resultData?.runData?.[nodeName];
	const items = runs?.[runs.length - 1]?.data?.main?.[0];
	return items ? items.map((item) => item.json) : undefined;
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
	return stdout
		.split('\n')
		.filter((line) => line.trim())
		.map((line) => {
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

function errorMessage(result, records, stderr, { timedOut, timeoutMs, signal }) {
	if (timedOut) return `n8n execute timed out after ${timeoutMs} ms`;
	const fromResult = result?.data?.resultData?.error?.message;
	if (fromResult) return fromResult;
	// Without an execution (unknown workflow id, crash at start) the last error record, or else the
	// last line printed, says what went wrong.
	const logged =
		records.filter((record) => record.level === 'error').pop() || records[records.length - 1];
	const message = logged ? logged.message : tail(stderr, 10);
	return signal ? `n8n execute was killed by ${signal}: ${message}` : message;
}

/**
 * Marks an imported workflow active, so that the next `n8n start` activates it (a trigger's
 * checkExists / create run then): `publish:workflow` in 2.x, `update:workflow --active=true` in 1.x.
 * Only while n8n is stopped.
 */
async function activateWorkflow(runtime, userFolder, workflowId, { env } = {}) {
	const args =
		runtime.target === '1'
			? ['update:workflow', `--id=${workflowId}`, '--active=true']
			: ['publish:workflow', `--id=${workflowId}`];
	const { code, signal, stdout, stderr } = await runN8n(runtime, userFolder, args, { env });
	const failed = logRecords(stdout).some((record) => record.level === 'error');
	if (failed || (code !== 0 && signal !== 'SIGSEGV')) {
		throw new Error(`n8n ${args[0]} failed (exit ${code ?? signal}):\n${tail(stdout + stderr)}`);
	}
}

// ---------------------------------------------------------------------------------------------
// Editor

async function startEditor(runtime, userFolder, { port, env, timeoutMs = 120_000 } = {}) {
	const [freeListenPort, brokerPort] = await freePorts(2);
	const listenPort = port || freeListenPort;
	const url = `http://127.0.0.1:${listenPort}`;
	const processEnv = await n8nEnv(runtime, userFolder, {
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_PORT: String(listenPort),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_EDITOR_BASE_URL: url,
		// Production webhook URLs (a trigger registers them with the outside service); 2.x reads
		// N8N_WEBHOOK_URL, 1.x WEBHOOK_URL.
		WEBHOOK_URL: `${url}/`,
		N8N_WEBHOOK_URL: `${url}/`,
		...env,
	});
	// /healthz answers before the REST routes exist, and the REST API before n8n has activated the
	// published workflows (their production webhooks answer 404 until then); n8n announces the
	// editor's URL once both are done.
	const started = await startN8nProcess(runtime, ['start'], processEnv, {
		readyUrl: `${url}/rest/settings`,
		readyLine: 'Editor is now accessible via',
		timeoutMs,
	});
	return { ...started, url, port: listenPort };
}

/**
 * `n8n worker` for queue mode (the caller's env carries EXECUTIONS_MODE=queue, Redis and the
 * database). Ready when its health check answers. With `hostname`, the worker runs in its own UTS
 * namespace under that host name, so that main's logs tell workers apart (`worker-<hostname>`).
 */
async function startWorker(
	runtime,
	userFolder,
	{ env, hostname, concurrency = 10, timeoutMs = 120_000 } = {},
) {
	const [healthPort, brokerPort] = await freePorts(2);
	const processEnv = await n8nEnv(runtime, userFolder, {
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(healthPort),
		N8N_CONCURRENCY_PRODUCTION_LIMIT: String(concurrency),
		...env,
	});
	return await startN8nProcess(runtime, ['worker', `--concurrency=${concurrency}`], processEnv, {
		readyUrl: `http://127.0.0.1:${healthPort}/healthz/readiness`,
		hostname,
		timeoutMs,
	});
}

/** `n8n webhook` for queue mode: a process that only receives production webhooks. */
async function startWebhookProcess(runtime, userFolder, { env, timeoutMs = 120_000 } = {}) {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const processEnv = await n8nEnv(runtime, userFolder, {
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		...env,
	});
	const started = await startN8nProcess(runtime, ['webhook'], processEnv, {
		readyUrl: `${url}/healthz`,
		timeoutMs,
	});
	return { ...started, url };
}

// A long-running n8n command; `stop()` ends its process group, `output()` is all it printed.
async function startN8nProcess(runtime, args, env, { readyUrl, readyLine, hostname, timeoutMs }) {
	const command = [runtime.nodeBin, runtime.n8nBin, ...args];
	const [file, ...argv] = hostname
		? ['unshare', '--uts', 'sh', '-c', `hostname ${hostname} && exec "$0" "$@"`, ...command]
		: command;
	const child = spawn(file, argv, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	let output = '';
	child.stdout.on('data', (chunk) => {
		output += chunk;
	});
	child.stderr.on('data', (chunk) => {
		output += chunk;
	});
	const exited = new Promise((resolve) => child.on('close', resolve));
	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		killGroup(child, 'SIGTERM');
		const forced = setTimeout(() => killGroup(child), 15_000);
		await exited;
		clearTimeout(forced);
	};
	try {
		const isReady = async () =>
			(!readyLine || output.includes(readyLine)) && (await answers(readyUrl));
		await waitForHealth(isReady, exited, timeoutMs, readyUrl);
	} catch (error) {
		await stop();
		throw new Error(`${error.message}\n${tail(output)}`);
	}
	return { pid: child.pid, stop, output: () => output };
}

async function waitForHealth(isReady, exited, timeoutMs, readyUrl) {
	let hasExited = false;
	exited.then(() => {
		hasExited = true;
	});
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (hasExited) throw new Error('n8n exited before it was ready');
		if (await isReady()) return;
		// Often enough for the bench to time n8n's start-up.
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`n8n did not serve ${readyUrl} within ${timeoutMs} ms`);
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
	ACTIVATE_BEFORE_READY_ENV,
	TARGETS,
	ensureRuntime,
	freePort,
	logRecords,
	createUserFolder,
	n8nEnv,
	runN8n,
	importCredentials,
	importWorkflow,
	importWorkflows,
	executeWorkflow,
	activateWorkflow,
	nodeOutput,
	startEditor,
	startWebhookProcess,
	startWorker,
};
