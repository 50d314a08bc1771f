// A throwaway n8n queue-mode set-up on this machine: its own Redis and PostgreSQL (Debian's
// redis-server and postgresql packages), for end-to-end tests. See ../shared/FINDINGS.md.
const { execFile, spawn } = require('node:child_process');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');

const run = promisify(execFile);

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

function postgresBin() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const [version] = fs.readdirSync(root).sort().reverse();
	const bin = version && path.join(root, version, 'bin');
	return bin && fs.existsSync(path.join(bin, 'pg_ctl')) ? bin : undefined;
}

/** Whether Redis and PostgreSQL can be started here (as root, with a `postgres` user). */
function queueModeAvailable() {
	return Boolean(
		fs.existsSync('/usr/bin/redis-server') && postgresBin() && process.getuid?.() === 0,
	);
}

const asPostgres = (command) => run('su', ['postgres', '-c', command]);

/** Starts Redis and PostgreSQL; returns the n8n environment for queue mode and `stop()`. */
async function startQueueServices() {
	const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'box-sign-queue-'));
	await fsp.chmod(dir, 0o777);
	const redisPort = await freePort();
	const pgPort = await freePort();
	await run('redis-server', [
		'--port',
		String(redisPort),
		'--bind',
		'127.0.0.1',
		'--save',
		'',
		'--appendonly',
		'no',
		'--daemonize',
		'yes',
		'--pidfile',
		path.join(dir, 'redis.pid'),
		'--dir',
		dir,
	]);
	const bin = postgresBin();
	const data = path.join(dir, 'pg');
	await asPostgres(`${bin}/initdb -D ${data} -A trust -U postgres`);
	await asPostgres(
		`${bin}/pg_ctl -D ${data} -l ${dir}/pg.log -w -o "-p ${pgPort} -k ${dir} -c listen_addresses=127.0.0.1" start`,
	);
	await run(`${bin}/createdb`, ['-h', '127.0.0.1', '-p', String(pgPort), '-U', 'postgres', 'n8n']);
	const env = {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(pgPort),
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'postgres',
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
	};
	const stop = async () => {
		await asPostgres(`${bin}/pg_ctl -D ${data} -m immediate stop`).catch(() => {});
		const pid = Number(await fsp.readFile(path.join(dir, 'redis.pid'), 'utf8').catch(() => 0));
		if (pid) process.kill(pid);
		await fsp.rm(dir, { recursive: true, force: true });
	};
	return { env, stop };
}

/** Starts `n8n worker` or `n8n webhook` (own process group); returns `{ port, output, stop }`. */
async function startN8nProcess(runtime, n8nEnv, userFolder, command, extraEnv) {
	const port = await freePort();
	const env = await n8nEnv(runtime, userFolder, {
		...extraEnv,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		QUEUE_HEALTH_CHECK_ACTIVE: 'false',
	});
	const child = spawn(runtime.nodeBin, [runtime.n8nBin, command], {
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const exited = new Promise((resolve) => child.on('close', resolve));
	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		process.kill(-child.pid, 'SIGTERM');
		const forced = setTimeout(() => process.kill(-child.pid, 'SIGKILL'), 15_000);
		await exited;
		clearTimeout(forced);
	};
	return { port, url: `http://127.0.0.1:${port}`, output: () => output, stop };
}

module.exports = { queueModeAvailable, startQueueServices, startN8nProcess };
