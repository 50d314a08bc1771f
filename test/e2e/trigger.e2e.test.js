// The Box Sign Trigger in a real n8n process (`n8n start` with an active workflow), with the
// package installed from `npm pack`, against the local Box sandbox, which registers the webhook and
// delivers signed (and forged, stale, replayed, …) events to n8n's production webhook URL.
const {
	activateWorkflow,
	importCredentials,
	importWorkflow,
	startEditor,
	startWebhookProcess,
	startWorker,
} = require('../../scripts/lib/n8n-runtime');
const {
	CREDENTIAL,
	n8nTargets,
	prepareSandboxAndN8n,
	sandboxCredential,
} = require('../../scripts/lib/boxSignN8n');
const { login, rest, setupOwner } = require('../../scripts/lib/editor');
const { missingServices, startQueueServices } = require('../../scripts/lib/queueMode');

jest.setTimeout(600_000);

const FOLDER = '234102987614';
const EVENTS = ['SIGN_REQUEST.COMPLETED', 'SIGN_REQUEST.SIGNER_SIGNED'];
const REPORT_PATH = '/crm/box-sign-event';
const WAIT_MS = 90_000;

const OTHER_FOLDER = '234102987615';
const WITHOUT_KEYS = { id: 'boxSignNoKeys01', name: 'Box Sign without webhook keys' };

/** Box Sign Trigger → an HTTP Request that reports the trigger's item to the sandbox. */
function triggerWorkflow(sandbox, webhookId, { folder = FOLDER, credential = CREDENTIAL } = {}) {
	return {
		name: 'Box Sign Trigger e2e',
		nodes: [
			{
				id: 'trigger',
				name: 'Box Sign Trigger',
				type: 'n8n-nodes-box-sign.boxSignTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: { targetType: 'folder', targetId: folder, events: EVENTS },
				credentials: { boxSignOAuth2Api: { ...credential } },
			},
			{
				id: 'report',
				name: 'Report',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [220, 0],
				// The sandbox answers 404 on this path and records the request.
				onError: 'continueRegularOutput',
				parameters: {
					method: 'POST',
					url: `${sandbox.baseUrl}${REPORT_PATH}`,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify($json) }}',
					options: {},
				},
			},
		],
		connections: { 'Box Sign Trigger': { main: [[{ node: 'Report', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

async function waitFor(what, condition) {
	const deadline = Date.now() + WAIT_MS;
	while (Date.now() < deadline) {
		const value = await condition();
		if (value) return value;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`Gave up waiting for ${what}`);
}

describe.each(n8nTargets())('the Box Sign Trigger in real n8n (target %s)', (target) => {
	let sandbox;
	let n8n;
	let editor;
	let session;
	let workflowId;
	let keylessWorkflowId;
	const webhookId = `b0c5e2d4-7a61-4f0e-9d3b-${String(Date.now()).slice(-12).padStart(12, '0')}`;

	beforeAll(async () => {
		n8n = await prepareSandboxAndN8n({ target });
		({ sandbox } = n8n);
		sandbox.seedFolder({ id: OTHER_FOLDER, name: 'Other contracts' });
		workflowId = await importWorkflow(
			n8n.runtime,
			n8n.userFolder,
			triggerWorkflow(sandbox, webhookId),
		);
		await activateWorkflow(n8n.runtime, n8n.userFolder, workflowId);
		const keyless = sandboxCredential(sandbox);
		await importCredentials(n8n.runtime, n8n.userFolder, [
			{ ...keyless, ...WITHOUT_KEYS, data: { ...keyless.data, webhookPrimaryKey: '' } },
		]);
		keylessWorkflowId = await importWorkflow(
			n8n.runtime,
			n8n.userFolder,
			triggerWorkflow(sandbox, `${webhookId.slice(0, -4)}0000`, {
				folder: OTHER_FOLDER,
				credential: WITHOUT_KEYS,
			}),
		);
		await activateWorkflow(n8n.runtime, n8n.userFolder, keylessWorkflowId);
		editor = await startEditor(n8n.runtime, n8n.userFolder, { env: { N8N_LOG_LEVEL: 'debug' } });
		await setupOwner(editor.url);
		session = await login(editor.url);
		await waitFor('the webhook registration', () => sandbox.webhooks.size > 0);
	});
	afterAll(async () => {
		await editor?.stop();
		await n8n?.stop();
	});

	const webhook = () => [...sandbox.webhooks.values()][0];
	const reports = () => sandbox.requests.filter((r) => r.path === REPORT_PATH).map((r) => r.body);
	/** Why n8n could not activate the workflow (1.x: the error's message; 2.x: per trigger in the publication status). */
	async function activationErrorOf(id) {
		if (target === '1') {
			return (await rest(session, 'GET', `/rest/active-workflows/error/${id}`)).data ?? undefined;
		}
		const { data } = await rest(session, 'GET', `/rest/workflows/${id}/publication-status`);
		return data.status === 'failed' ? data.triggers[0].errorMessage : undefined;
	}
	async function executionCount() {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const { data } = await rest(session, 'GET', `/rest/executions?filter=${filter}&limit=100`);
		return data.results.length;
	}
	const completed = (overrides = {}) => ({
		trigger: 'SIGN_REQUEST.COMPLETED',
		source: { id: '1358047520478', type: 'file', name: 'Verträge/Acme – 2026.pdf' },
		additionalInfo: {
			sign_request_id: '9f0c1d2e-3b4a-4c5d-8e6f-000000000001',
			signer_emails: ['ada.lovelace@example.com'],
			external_id: 'HS-48213',
		},
		...overrides,
	});
	/** Sends `delivery` and then a good one; returns once n8n ran the good one. */
	async function thenOneGood(send) {
		const before = reports().length;
		const answers = await send();
		const sentinel = await sandbox.deliver(webhook().id, completed());
		expect(sentinel.status).toBe(200);
		await waitFor('the execution of the good delivery', () => reports().length > before);
		return answers;
	}

	test('activation registered exactly one webhook, for the production URL', () => {
		expect(sandbox.webhooks.size).toBe(1);
		expect(webhook()).toMatchObject({
			target: { id: FOLDER, type: 'folder' },
			address: `${editor.url}/webhook/${webhookId}/webhook`,
			triggers: EVENTS,
		});
		expect(
			sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/2.0/webhooks'),
		).toHaveLength(1);
	});

	test('a workflow whose credential has no Webhook Primary Key does not activate and registers nothing', async () => {
		const activationError = await waitFor('the activation error', () =>
			activationErrorOf(keylessWorkflowId),
		);
		expect(activationError).toContain('Fill in "Webhook Primary Key" in the Box Sign credential');
		expect([...sandbox.webhooks.values()].map((w) => w.target.id)).toEqual([FOLDER]);
		const registrations = sandbox.requests.filter(
			(r) => r.method === 'POST' && r.path === '/2.0/webhooks',
		);
		expect(registrations.map((r) => r.body.target.id)).toEqual([FOLDER]);
	});

	test('one signed delivery starts one execution with the event’s fields', async () => {
		const before = await executionCount();
		const delivery = await sandbox.deliver(webhook().id, completed());

		expect(delivery.status).toBe(200);
		await waitFor('the execution', () => reports().length === 1);
		const [report] = reports();
		expect(report).toMatchObject({
			event: 'SIGN_REQUEST.COMPLETED',
			signRequestId: '9f0c1d2e-3b4a-4c5d-8e6f-000000000001',
			signerEmails: ['ada.lovelace@example.com'],
			externalId: 'HS-48213',
			sourceFileId: '1358047520478',
			webhookId: webhook().id,
			deliveryId: delivery.headers['box-delivery-id'],
			payload: JSON.parse(delivery.body),
		});
		await waitFor('the execution in the list', async () => (await executionCount()) === before + 1);
	});

	test('forged, stale, future-dated, unsigned, altered, replayed and retried deliveries start nothing', async () => {
		const first = await sandbox.deliver(webhook().id, completed());
		await waitFor('the first execution', () =>
			reports().some((r) => r.deliveryId === first.headers['box-delivery-id']),
		);
		const before = await executionCount();

		const answers = await thenOneGood(async () => [
			(
				await sandbox.deliver(
					webhook().id,
					completed({ keys: { primaryKey: 'forged', secondaryKey: 'forged' } }),
				)
			).status,
			(
				await sandbox.deliver(
					webhook().id,
					completed({ timestamp: new Date(Date.now() - 11 * 60_000).toISOString() }),
				)
			).status,
			(
				await sandbox.deliver(
					webhook().id,
					completed({ timestamp: new Date(Date.now() + 5 * 60_000).toISOString() }),
				)
			).status,
			(await sandbox.deliver(webhook().id, completed({ unsigned: true }))).status,
			(
				await sandbox.deliver(
					webhook().id,
					completed({ alterBody: (b) => b.replace('HS-48213', 'HS-1') }),
				)
			).status,
			(await sandbox.redeliver(first, { asRetry: false })).status,
			(await sandbox.redeliver(first)).status,
		]);

		expect(answers).toEqual([403, 403, 403, 403, 403, 200, 200]);
		await waitFor(
			'the good execution in the list',
			async () => (await executionCount()) >= before + 1,
		);
		expect(await executionCount()).toBe(before + 1);
		// The reasons are in n8n's debug log; the keys and signatures are not.
		const log = editor.output();
		expect(log).toContain('refused delivery: neither signature matches');
		expect(log).toContain('refused delivery: delivery is older than 10 minutes');
		expect(log).not.toContain(sandbox.webhookSettings.primaryKey);
		expect(log).not.toContain(sandbox.webhookSettings.secondaryKey);
		expect(log).not.toContain(first.headers['box-signature-primary']);
	});

	test('Box’s WEBHOOK.DELETED notice and events not chosen are answered 200, start nothing, and the deletion is logged', async () => {
		const before = await executionCount();
		const answers = await thenOneGood(async () => [
			(
				await sandbox.deliver(
					webhook().id,
					completed({ trigger: 'WEBHOOK.DELETED', additionalInfo: { reason: 'auto_cleanup' } }),
				)
			).status,
			(await sandbox.deliver(webhook().id, completed({ trigger: 'SIGN_REQUEST.DECLINED' }))).status,
		]);

		expect(answers).toEqual([200, 200]);
		await waitFor(
			'the good execution in the list',
			async () => (await executionCount()) >= before + 1,
		);
		expect(await executionCount()).toBe(before + 1);
		expect(editor.output()).toContain('Box deleted the webhook of this workflow');
	});

	test('after a primary key rotation, a delivery signed with the secondary key is accepted', async () => {
		const before = reports().length;
		const delivery = await sandbox.deliver(
			webhook().id,
			completed({
				keys: {
					primaryKey: 'rotated-not-yet-in-n8n',
					secondaryKey: sandbox.webhookSettings.secondaryKey,
				},
			}),
		);
		expect(delivery.status).toBe(200);
		await waitFor('the execution', () => reports().length === before + 1);
	});

	test('both spellings of an event match', async () => {
		const before = reports().length;
		await sandbox.deliver(webhook().id, completed({ trigger: 'SIGN_REQUEST.SIGNER_SIGNED' }));
		await sandbox.deliver(webhook().id, completed({ trigger: 'SIGN_REQUEST.SIGN_SIGNER_SIGNED' }));
		await waitFor('two executions', () => reports().length === before + 2);
		expect(
			reports()
				.slice(before)
				.map((r) => r.event)
				.sort(),
		).toEqual(['SIGN_REQUEST.SIGNER_SIGNED', 'SIGN_REQUEST.SIGN_SIGNER_SIGNED']);
	});

	test('a sign request signed in the sandbox starts the workflow', async () => {
		const [signRequest] = sandbox.seedSignRequests(1, {
			parent_folder: { id: FOLDER, type: 'folder', etag: '0', sequence_id: '0', name: 'Signed' },
			external_id: 'HS-99',
		});
		sandbox.advance(signRequest.id, 'signed');
		await sandbox.deliveriesSettled();

		const report = await waitFor('the execution', () =>
			reports().find((r) => r.signRequestId === signRequest.id),
		);
		expect(report).toMatchObject({ event: 'SIGN_REQUEST.COMPLETED', externalId: 'HS-99' });
	});

	test('after a restart n8n keeps its one webhook, and a replay of an event from before the restart runs once more', async () => {
		const delivery = await sandbox.deliver(webhook().id, completed());
		const seen = () => reports().filter((r) => r.payload.id === JSON.parse(delivery.body).id);
		await waitFor('the execution', () => seen().length === 1);
		const { id } = webhook();

		const { port } = editor;
		await editor.stop();
		const since = sandbox.requests.length;
		editor = await startEditor(n8n.runtime, n8n.userFolder, {
			port, // the URL Box has
			env: { N8N_LOG_LEVEL: 'debug' },
		});
		session = await login(editor.url);
		// n8n keeps its own record of the workflow's webhooks: after a restart it may skip checkExists.
		await waitFor('n8n to serve the webhook again', async () => {
			const probe = await sandbox.deliver(id, completed({ unsigned: true }));
			return probe.status === 403;
		});
		expect([...sandbox.webhooks.keys()]).toEqual([id]);
		expect(sandbox.requests.slice(since).filter((r) => r.method !== 'GET')).toEqual([]);

		// The record of events lives in the n8n process: a verbatim replay within Box's 10 minutes
		// is accepted once more after a restart (then recorded again).
		expect((await sandbox.redeliver(delivery, { asRetry: false })).status).toBe(200);
		await waitFor('the replayed execution', () => seen().length === 2);
		await thenOneGood(async () => {
			expect((await sandbox.redeliver(delivery)).status).toBe(200);
		});
		expect(seen()).toHaveLength(2);
	});

	test('deactivation deletes the webhook', async () => {
		await rest(session, 'POST', `/rest/workflows/${workflowId}/deactivate`, {});
		await waitFor('the webhook deletion', () => sandbox.webhooks.size === 0);
		expect(sandbox.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
	});
});

// Where a webhook is received decides what the in-process record of events covers: measured here
// with a main process, a worker and a webhook process sharing PostgreSQL and Redis.
const QUEUE_TARGETS = missingServices().length ? [] : n8nTargets().filter((t) => t === '2');

// Shown as skipped where Redis and PostgreSQL are missing or only n8n 1.x is tested.
const describeQueueMode = QUEUE_TARGETS.length
	? describe.each(QUEUE_TARGETS)
	: describe.skip.each(['2']);

describeQueueMode('the Box Sign Trigger in n8n queue mode (target %s)', (target) => {
	const webhookId = `c1d6f3e5-8b72-4a1f-8e4c-${String(Date.now()).slice(-12).padStart(12, '0')}`;
	const savedEnv = { ...process.env };
	const cleanups = [];
	let sandbox;
	let webhookProcess;
	let worker;

	beforeAll(async () => {
		const services = await startQueueServices();
		cleanups.push(services.stop);
		// Every n8n command and process of this set-up shares the database and the queue.
		Object.assign(process.env, services.env);
		const main = await prepareSandboxAndN8n({ target, moreUserFolders: 2 });
		cleanups.push(main.stop);
		({ sandbox } = main);
		const [workerFolder, webhookFolder] = main.otherUserFolders;
		const workflowId = await importWorkflow(
			main.runtime,
			main.userFolder,
			triggerWorkflow(sandbox, webhookId),
		);
		await activateWorkflow(main.runtime, main.userFolder, workflowId);
		const editor = await startEditor(main.runtime, main.userFolder);
		cleanups.push(editor.stop);
		worker = await startWorker(main.runtime, workerFolder);
		cleanups.push(worker.stop);
		webhookProcess = await startWebhookProcess(main.runtime, webhookFolder);
		cleanups.push(webhookProcess.stop);
		await waitFor('the webhook registration', () => sandbox.webhooks.size > 0);
	});
	afterAll(async () => {
		while (cleanups.length)
			await cleanups
				.pop()()
				.catch(() => {});
		for (const name of Object.keys(process.env)) if (!(name in savedEnv)) delete process.env[name];
		Object.assign(process.env, savedEnv);
	});

	const reports = () => sandbox.requests.filter((r) => r.path === REPORT_PATH).map((r) => r.body);
	const webhook = () => [...sandbox.webhooks.values()][0];
	const viaWebhookProcess = (delivery) => ({
		...delivery,
		address: `${webhookProcess.url}/webhook/${webhookId}/webhook`,
	});

	test('repeats reaching the process that took the event run nothing; another webhook process runs it again', async () => {
		await waitFor('the webhook process to serve the trigger', async () => {
			const probe = await sandbox.redeliver(
				viaWebhookProcess(await sandbox.deliver(webhook().id, { unsigned: true })),
				{ asRetry: false },
			);
			return probe.status === 403;
		});
		const delivery = await sandbox.deliver(webhook().id, {
			trigger: 'SIGN_REQUEST.COMPLETED',
			additionalInfo: { sign_request_id: 'queue-1', signer_emails: [], external_id: null },
		});
		const runs = () => reports().filter((r) => r.signRequestId === 'queue-1');
		await waitFor('the execution on the worker', () => runs().length === 1);
		expect(worker.output()).toMatch(/Worker started execution/);

		expect((await sandbox.redeliver(delivery, { asRetry: false })).status).toBe(200);
		expect((await sandbox.redeliver(delivery)).status).toBe(200);
		const elsewhere = await sandbox.redeliver(viaWebhookProcess(delivery), { asRetry: false });

		expect(elsewhere.status).toBe(200);
		await waitFor('the run started by the other process', () => runs().length === 2);
		expect((await sandbox.redeliver(viaWebhookProcess(delivery))).status).toBe(200);
		const sentinel = await sandbox.deliver(webhook().id, {
			trigger: 'SIGN_REQUEST.COMPLETED',
			additionalInfo: { sign_request_id: 'queue-2', signer_emails: [], external_id: null },
		});
		expect(sentinel.status).toBe(200);
		await waitFor('the sentinel', () => reports().some((r) => r.signRequestId === 'queue-2'));
		expect(runs()).toHaveLength(2);
	});
});
