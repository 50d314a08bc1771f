'use strict';
// n8n's queue mode on one machine: a throwaway Redis and PostgreSQL, one `n8n start` main that
// receives production webhooks and two (or more) `n8n worker` processes that run the executions.
// Recipe and measurements: ../shared/FINDINGS.md ("n8n's queue mode on one machine").

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');

const runtime = require('./n8n-runtime');

const POSTGRES_ROOTS = ['/usr/lib/postgresql', '/usr/local/lib/postgresql'];

/** What is missing on this machine to run queue mode (empty when Redis and PostgreSQL are there). */
function missingServices() {
	const missing = [];
	if (!findOnPath('redis-server')) missing.push('redis-server (apt-get install redis-server)');
	if (!postgresBin()) missing.push('PostgreSQL initdb/pg_ctl (apt-get install postgresql)');
	return missing;
}

function findOnPath(name) {
	return (process.env.PATH || '')
		.split(path.delimiter)
		.map((dir) => path.join(dir, name))
		.find((file) => fs.existsSync(file));
}

// Debian keeps initdb and pg_ctl outside PATH, in /usr/lib/postgresql/<version>/bin.
function postgresBin() {
	const onPath = findOnPath('initdb');
	// A symlink on PATH leads to the server's bin folder, which holds the other tools too.
	if (onPath) return path.dirname(fs.realpathSync(onPath));
	const versions = POSTGRES_ROOTS.flatMap((root) =>
		(fs.existsSync(root) ? fs.readdirSync(root) : []).map((version) => path.join(root, version)),
	).filter((dir) => fs.existsSync(path.join(dir, 'bin', 'initdb')));
	versions.sort((a, b) => Number(path.basename(b)) - Number(path.basename(a)));
	return versions.length ? path.join(versions[0], 'bin') : undefined;
}

function exec(file, args, { user } = {}) {
	// PostgreSQL refuses to run as root: as root, run its tools as the `postgres` user.
	const [command, argv] =
		user && process.getuid?.() === 0
			? ['su', [user, '-s', '/bin/sh', '-c', [file, ...args].map(shellQuote).join(' ')]]
			: [file, args];
	return new Promise((resolve, reject) => {
		const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0
				? resolve(output)
				: reject(new Error(`${path.basename(file)} exited with ${code}:\n${output}`)),
		);
	});
}

function shellQuote(value) {
	return `'${String(value).replace(/'/g, `'\\''`)}'`;
}

async function startRedis(dir) {
	const port = await runtime.freePort();
	const pidFile = path.join(dir, 'redis.pid');
	await exec('redis-server', [
		...['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
		...['--daemonize', 'yes', '--pidfile', pidFile, '--dir', dir],
	]);
	await waitUntil(async () =>
		(await exec('redis-cli', ['-p', String(port), 'ping'])).includes('PONG'),
	);
	const stop = async () => {
		const pid = Number(await fsp.readFile(pidFile, 'utf8').catch(() => ''));
		if (pid) killQuietly(pid);
	};
	return { port, stop };
}

async function startPostgres(dir) {
	const bin = postgresBin();
	const port = await runtime.freePort();
	const dataDir = path.join(dir, 'pg');
	await fsp.mkdir(dataDir, { recursive: true });
	if (process.getuid?.() === 0) await exec('chown', ['-R', 'postgres:postgres', dir]);
	const asPostgres = { user: 'postgres' };
	await exec(
		path.join(bin, 'initdb'),
		['-D', dataDir, '-A', 'trust', '-U', 'postgres'],
		asPostgres,
	);
	const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`;
	await exec(
		path.join(bin, 'pg_ctl'),
		['-D', dataDir, '-o', serverOptions, '-l', path.join(dir, 'pg.log'), '-w', 'start'],
		asPostgres,
	);
	await exec(path.join(bin, 'createdb'), [
		'-h',
		'127.0.0.1',
		'-p',
		String(port),
		'-U',
		'postgres',
		'n8n',
	]);
	const stop = () =>
		exec(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop'], asPostgres).catch(
			() => undefined,
		);
	return { port, stop };
}

async function waitUntil(check, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await check().catch(() => false)) return;
		if (Date.now() > deadline) throw new Error(`not ready within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

function killQuietly(pid) {
	try {
		process.kill(pid, 'SIGTERM');
	} catch {
		// already gone
	}
}

/**
 * A throwaway Redis and PostgreSQL on free loopback ports; `env` is what every n8n process of the
 * set-up needs (queue mode, the queue, the database).
 */
async function startQueueServices() {
	const missing = missingServices();
	if (missing.length) throw new Error(`Queue mode needs ${missing.join(' and ')}`);
	const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'box-sign-queue-'));
	await fsp.chmod(dir, 0o755);
	const stops = [];
	const stop = async () => {
		for (const stopOne of stops.reverse()) await stopOne();
		await fsp.rm(dir, { recursive: true, force: true });
	};
	try {
		const redis = await startRedis(dir);
		stops.push(redis.stop);
		const postgres = await startPostgres(dir);
		stops.push(postgres.stop);
		return { env: queueEnv(redis.port, postgres.port), redis, postgres, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/**
 * Starts Redis, PostgreSQL, imports `credentials` and `workflows` (published, so that their
 * production webhooks answer), then main and `workers` workers, each with its own user folder
 * holding the community package from `tarball` and each under its own host name (`w1`, `w2`, …).
 * Returns `{ url, webhookUrl(path), main, workers, stop }`.
 */
async function startQueueFleet({
	runtime: installed,
	tarball,
	credentials,
	workflows,
	workers = 2,
	concurrency = 10,
	log = () => undefined,
}) {
	const services = await startQueueServices();
	const stops = [services.stop];
	const stop = async () => {
		for (const stopOne of stops.reverse()) await stopOne();
	};
	try {
		const { env } = services;
		log(`[queue] Redis on ${services.redis.port}, PostgreSQL on ${services.postgres.port}`);
		const folders = await Promise.all(
			Array.from({ length: workers + 1 }, () => runtime.createUserFolder({ tarball })),
		);
		stops.push(() =>
			Promise.all(folders.map((folder) => fsp.rm(folder, { recursive: true, force: true }))),
		);
		const [userFolder, ...workerFolders] = folders;

		await runtime.importCredentials(installed, userFolder, credentials, { env });
		for (const workflow of workflows) {
			const id = await runtime.importWorkflow(installed, userFolder, workflow, { env });
			await runtime.activateWorkflow(installed, userFolder, id, { env });
		}
		const main = await runtime.startEditor(installed, userFolder, { env });
		stops.push(main.stop);
		const started = await Promise.all(
			workerFolders.map((folder, i) =>
				runtime.startWorker(installed, folder, { env, hostname: `w${i + 1}`, concurrency }),
			),
		);
		started.forEach((worker) => stops.push(worker.stop));
		const webhookUrl = (webhookPath) => `${main.url}/webhook/${webhookPath}`;
		log(`[queue] main on ${main.url}, ${workers} workers ready`);
		return { url: main.url, webhookUrl, main, workers: started, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

function queueEnv(redisPort, postgresPort) {
	return {
		...runtime.ACTIVATE_BEFORE_READY_ENV,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgresPort),
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'postgres',
	};
}

/**
 * Which worker ran which execution, from main's log: `Execution <n> (job <n>) finished` records
 * carry `workerId` = `worker-<hostname>`. Returns a count per worker id.
 */
function executionsPerWorker(mainOutput) {
	const counts = {};
	for (const record of runtime.logRecords(mainOutput)) {
		if (!/^Execution \S+ \(job \S+\) finished/.test(record.message)) continue;
		const worker = record.metadata?.workerId ?? record.workerId ?? 'unknown';
		counts[worker] = (counts[worker] ?? 0) + 1;
	}
	return counts;
}

module.exports = { executionsPerWorker, missingServices, startQueueFleet, startQueueServices };
