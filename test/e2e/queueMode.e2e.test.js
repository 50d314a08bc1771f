// n8n's queue mode: one `n8n start` main receives production webhooks, two `n8n worker`
// processes (Redis + PostgreSQL) run the executions, all against one sandbox user with Box's
// per-user limit (time-scaled). The workers share no limiter, only Box's answers (429 +
// retry-after): every item must still be created exactly once and answered with its own result.
const { startSandbox } = require('../sandbox/server');
const {
	missingServices,
	executionsPerWorker,
	startQueueFleet,
} = require('../../scripts/lib/queueMode');
const { ensureRuntime } = require('../../scripts/lib/n8n-runtime');
const {
	packThisPackage,
	removeTarball,
	sandboxCredentials,
	webhookCreateWorkflow,
} = require('../../scripts/lib/boxSignN8n');

jest.setTimeout(600_000);

const EXECUTIONS = 40;
const CREATES_PER_SECOND = 10;
const missing = missingServices();

if (missing.length > 0 && process.env.CI !== 'true') {
	console.warn(`Skipping the queue-mode end-to-end test: it needs ${missing.join(' and ')}.`);
}

const describeWhenServicesExist =
	missing.length > 0 && process.env.CI !== 'true' ? describe.skip : describe;

describeWhenServicesExist('in n8n queue mode (main + 2 workers, target 2)', () => {
	let sandbox;
	let tarball;
	let fleet;

	beforeAll(async () => {
		if (missing.length > 0) throw new Error(`CI must provide ${missing.join(' and ')}`);
		sandbox = await startSandbox({ rateLimit: { createsPerSecond: CREATES_PER_SECOND } });
		tarball = await packThisPackage();
		fleet = await startQueueFleet({
			runtime: await ensureRuntime('2'),
			tarball,
			credentials: sandboxCredentials(sandbox),
			workflows: [webhookCreateWorkflow({ path: 'queue-e2e' })],
		});
	});

	afterAll(async () => {
		await fleet?.stop();
		await sandbox?.close();
		if (tarball) await removeTarball(tarball);
	});

	test('a burst of webhook executions on both workers creates every sign request exactly once, each answered with its own', async () => {
		const keys = Array.from({ length: EXECUTIONS }, (_, i) => `queue-e2e-${i}`);
		// The user's other apps just used most of Box's minute: half the burst meets the limit.
		sandbox.useUpCreates(100 - EXECUTIONS / 2);
		const answers = await Promise.all(
			keys.map(async (key, i) => {
				const response = await fetch(fleet.webhookUrl('queue-e2e'), {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ key, email: `signer-${i}@example.com` }),
				});
				return { status: response.status, body: await response.json() };
			}),
		);

		expect(answers.map((answer) => answer.status)).toEqual(keys.map(() => 200));
		expect(answers.map((answer) => answer.body.external_id)).toEqual(keys);
		const createdPerKey = keys.map((key) => sandbox.rateLimit.createsByExternalId.get(key));
		expect(createdPerKey).toEqual(keys.map(() => 1));
		expect(sandbox.rateLimit.duplicatedExternalIds()).toEqual([]);
		expect(sandbox.rateLimit.rateLimited['POST /2.0/sign_requests']).toBeGreaterThan(0);

		const perWorker = executionsPerWorker(fleet.main.output());
		expect(Object.keys(perWorker).sort()).toEqual(['worker-w1', 'worker-w2']);
	});
});
