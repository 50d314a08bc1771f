import { startSandbox } from '../sandbox/server';
import { WEBHOOK_ID, startTrigger, type TriggerHarness, type TriggerOptions } from './runTrigger';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

const FOLDER = '234102987614';
const KEYS = {
	webhookPrimaryKey: 'sandbox-webhook-primary-key',
	webhookSecondaryKey: 'sandbox-webhook-secondary-key',
};
const PARAMETERS = {
	authentication: 'oAuth2',
	targetType: 'folder',
	targetId: FOLDER,
	events: ['SIGN_REQUEST.COMPLETED', 'SIGN_REQUEST.SIGNER_SIGNED'],
};

let sandbox: Sandbox;
let trigger: TriggerHarness | undefined;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => {
	await sandbox.close();
});
beforeEach(() => sandbox.reset());
afterEach(async () => {
	await trigger?.close();
	trigger = undefined;
});

async function start(options: Partial<TriggerOptions> = {}) {
	trigger = await startTrigger({
		baseUrl: sandbox.baseUrl,
		credential: KEYS,
		...options,
		parameters: { ...PARAMETERS, ...options.parameters },
	});
	return trigger;
}

async function activated(options: Partial<TriggerOptions> = {}) {
	const started = await start(options);
	await started.activate();
	return started;
}

const webhookCalls = () =>
	sandbox.requests
		.filter((r) => r.path.startsWith('/2.0/webhooks'))
		.map((r) => `${r.method} ${r.path}`);
const onlyWebhook = () => {
	expect(sandbox.webhooks.size).toBe(1);
	return [...sandbox.webhooks.values()][0];
};
const addOthersWebhook = (address: string, targetId = FOLDER) =>
	fetch(`${sandbox.baseUrl}/2.0/webhooks`, {
		method: 'POST',
		headers: { authorization: 'Bearer sandbox-access-token', 'content-type': 'application/json' },
		body: JSON.stringify({
			target: { id: targetId, type: 'folder' },
			address,
			triggers: ['SIGN_REQUEST.COMPLETED'],
		}),
	}).then((response) => response.json() as Promise<{ id: string }>);

describe('activation', () => {
	test('registers one webhook on the folder for this node’s URL and keeps its ID', async () => {
		const { url, staticData } = await activated();

		const webhook = onlyWebhook();
		expect(webhook).toMatchObject({
			target: { id: FOLDER, type: 'folder' },
			address: url,
			triggers: ['SIGN_REQUEST.COMPLETED', 'SIGN_REQUEST.SIGNER_SIGNED'],
		});
		expect(url).toContain(`/webhook/${WEBHOOK_ID}/webhook`);
		expect(staticData()).toEqual({ webhookId: webhook.id });
		expect(webhookCalls()).toEqual(['GET /2.0/webhooks', 'POST /2.0/webhooks']);
	});

	test('activating again finds the stored webhook and registers nothing', async () => {
		const started = await activated();
		sandbox.requests.length = 0;

		await started.activate();

		expect(webhookCalls()).toEqual([`GET /2.0/webhooks/${onlyWebhook().id}`]);
	});

	test('deactivation deletes the webhook; deleting with nothing registered sends nothing', async () => {
		const started = await activated();
		await started.deactivate();
		expect(sandbox.webhooks.size).toBe(0);
		expect(started.staticData()).toEqual({});

		sandbox.requests.length = 0;
		await started.deactivate();
		expect(webhookCalls()).toEqual([]);
	});

	test('a webhook Box already deleted counts as deleted', async () => {
		const started = await activated();
		sandbox.webhooks.clear();
		await expect(started.deactivate()).resolves.toBeUndefined();
		expect(started.staticData()).toEqual({});
	});

	test('without a stored ID it adopts its own webhook found by address, paging past others', async () => {
		const first = await activated();
		const ours = onlyWebhook();
		await first.close();
		// Listed in creation order: ours comes after a full page of others.
		sandbox.webhooks.delete(ours.id);
		for (let i = 0; i < 1001; i++) {
			const id = String(900000 + i);
			sandbox.webhooks.set(id, {
				...ours,
				id,
				target: { id, type: 'folder' },
				address: `https://elsewhere.example.com/${i}`,
			});
		}
		sandbox.webhooks.set(ours.id, ours);
		sandbox.requests.length = 0;

		const second = await activated({ port: Number(new URL(first.url).port) });

		expect(second.staticData()).toEqual({ webhookId: ours.id });
		expect(sandbox.webhooks.size).toBe(1002);
		const calls = webhookCalls();
		expect(calls.filter((c) => c === 'GET /2.0/webhooks')).toHaveLength(2);
		expect(calls).toContain(`GET /2.0/webhooks/${ours.id}`);
		expect(calls).not.toContain('POST /2.0/webhooks');
	});

	test('a stored webhook that Box no longer has is registered again', async () => {
		const started = await activated();
		sandbox.webhooks.clear();

		await started.activate();

		expect(started.staticData()).toEqual({ webhookId: onlyWebhook().id });
	});

	test('replaces its own webhook when the events changed', async () => {
		const first = await activated({ parameters: { events: ['SIGN_REQUEST.DECLINED'] } });
		const old = onlyWebhook();
		await first.close();

		await activated({ port: Number(new URL(first.url).port) });

		expect(sandbox.webhooks.has(old.id)).toBe(false);
		expect(onlyWebhook().triggers).toEqual(PARAMETERS.events);
	});

	test('never adopts or deletes another address’s webhook on the folder, and explains the 409', async () => {
		const others = await addOthersWebhook('https://someone-else.example.com/hook');
		const started = await start();

		const failure = await started.activate().catch((error) => error);

		expect(failure.message).toBe(
			`Box already has a webhook on folder ${FOLDER} for this Box app and user: Bad Request: Webhook:${others.id} already exists on the specified target.`,
		);
		expect(failure.description).toMatch(/one webhook per folder or file, per app and per user/);
		expect(failure.description).toMatch(/Listen for test event/);
		expect(failure.description).toMatch(
			/Box error code: conflict · HTTP status: 409 · Box request ID: [0-9a-f]{16}/,
		);
		expect(onlyWebhook()).toMatchObject({
			id: others.id,
			address: 'https://someone-else.example.com/hook',
		});
		expect(started.staticData()).toEqual({});
	});

	test('a copy of the workflow that inherited the stored ID never deletes or adopts the original’s webhook', async () => {
		const original = await activated();
		const webhook = onlyWebhook();
		try {
			const copy = await start({ workflowId: 'copied-workflow' });
			Object.assign(copy.staticData(), { webhookId: webhook.id });

			await copy.deactivate();
			const activation = await copy.activate().catch((error) => error);

			expect(sandbox.webhooks.get(webhook.id)).toEqual(webhook);
			expect(activation.message).toMatch(/^Box already has a webhook on folder/);
			expect(sandbox.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
			expect(original.staticData()).toEqual({ webhookId: webhook.id });
		} finally {
			await original.close();
		}
	});

	test('refuses to activate without the Webhook Primary Key, and sends nothing to Box', async () => {
		const started = await start({ credential: { webhookPrimaryKey: '' } });

		await expect(started.activate()).rejects.toThrow(
			'Fill in "Webhook Primary Key" in the Box Sign credential before activating the Box Sign Trigger',
		);
		expect(webhookCalls()).toEqual([]);
	});

	test('refuses the root folder and sends nothing', async () => {
		const started = await start({ parameters: { targetId: '0' } });
		await expect(started.activate()).rejects.toThrow(
			'Box does not allow webhooks on the root folder (ID 0): choose a folder inside it',
		);
		expect(webhookCalls().filter((c) => c.startsWith('POST'))).toEqual([]);
	});

	test('when Box refuses the guides’ spelling it registers once more with the OpenAPI spelling', async () => {
		sandbox.webhookSettings.triggerNames = 'openapi';

		await activated();

		const posts = sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/2.0/webhooks');
		expect(posts.map((p) => p.body.triggers)).toEqual([
			['SIGN_REQUEST.COMPLETED', 'SIGN_REQUEST.SIGNER_SIGNED'],
			['SIGN_REQUEST.COMPLETED', 'SIGN_REQUEST.SIGN_SIGNER_SIGNED'],
		]);
		expect(onlyWebhook().triggers).toEqual([
			'SIGN_REQUEST.COMPLETED',
			'SIGN_REQUEST.SIGN_SIGNER_SIGNED',
		]);
	});

	test('when Box refuses the address, the error says Box needs public HTTPS and points at WEBHOOK_URL', async () => {
		sandbox.webhookSettings.addresses = 'box';
		const started = await start();

		const failure = await started.activate().catch((error) => error);

		expect(failure.message).toBe(
			`Box refused to register ${started.url}: Invalid value '${started.url}'. 'address' should be an HTTPS URL on port 443.`,
		);
		expect(failure.description).toMatch(/public HTTPS URLs on port 443/);
		expect(failure.description).toMatch(/WEBHOOK_URL/);
		expect(sandbox.webhooks.size).toBe(0);
	});

	test('registers with the Client Credentials credential too', async () => {
		await activated({
			parameters: { authentication: 'clientCredentials' },
			clientCredentials: {
				clientId: 'sandbox-client-id',
				clientSecret: 'sandbox-client-secret',
				subjectType: 'enterprise',
				subjectId: '1234567',
			},
		});
		expect(onlyWebhook().target.id).toBe(FOLDER);
	});
});

describe('deliveries', () => {
	const completed = (overrides = {}) => ({
		trigger: 'SIGN_REQUEST.COMPLETED',
		source: { id: '1358047520478', type: 'file', name: 'Contract – Zoë/2026.pdf' },
		additionalInfo: {
			sign_request_id: 'c1a2b3c4-0000-4000-8000-000000000001',
			signer_emails: ['zoë@example.com'],
			external_id: 'HS-48213',
		},
		...overrides,
	});

	test('a signed delivery starts one execution with the fields for mapping and the payload', async () => {
		const started = await activated();

		const delivery = await sandbox.deliver(onlyWebhook().id, completed());

		expect(delivery.status).toBe(200);
		expect(started.executions).toHaveLength(1);
		const [[item]] = started.executions;
		expect(item).toEqual({
			event: 'SIGN_REQUEST.COMPLETED',
			signRequestId: 'c1a2b3c4-0000-4000-8000-000000000001',
			signerEmails: ['zoë@example.com'],
			externalId: 'HS-48213',
			sourceFileId: '1358047520478',
			webhookId: onlyWebhook().id,
			deliveryId: delivery.headers['box-delivery-id'],
			createdAt: JSON.parse(delivery.body).created_at,
			payload: JSON.parse(delivery.body),
		});
	});

	test.each([
		[
			'a forged delivery (other keys)',
			{ keys: { primaryKey: 'attacker', secondaryKey: 'attacker2' } },
		],
		[
			'a stale delivery (11 minutes old)',
			{ timestamp: new Date(Date.now() - 11 * 60_000).toISOString() },
		],
		[
			'a future-dated delivery (2 minutes ahead)',
			{ timestamp: new Date(Date.now() + 2 * 60_000).toISOString() },
		],
		['an unsigned delivery', { unsigned: true }],
		[
			'a delivery altered after signing',
			{ alterBody: (body: string) => body.replace('HS-48213', 'HS-00000') },
		],
		['a delivery of another signature version', { headers: { 'box-signature-version': '2' } }],
	])('%s is answered 403 and starts nothing', async (_, tamper) => {
		const started = await activated();

		const delivery = await sandbox.deliver(onlyWebhook().id, completed(tamper));

		expect(delivery.status).toBe(403);
		expect(started.executions).toHaveLength(0);
	});

	test('a verbatim replay and Box’s retries are answered 2xx and start nothing more', async () => {
		const started = await activated();
		const first = await sandbox.deliver(onlyWebhook().id, completed());

		const replay = await sandbox.redeliver(first, { asRetry: false });
		const retry = await sandbox.redeliver(first);
		const secondRetry = await sandbox.redeliver(first);

		expect([first.status, replay.status, retry.status, secondRetry.status]).toEqual([
			200, 200, 200, 200,
		]);
		expect(started.executions).toHaveLength(1);
	});

	test('the same event for another workflow is not a repeat', async () => {
		const one = await activated({ workflowId: 'workflow-one' });
		const first = await sandbox.deliver(onlyWebhook().id, completed());
		await one.close();
		sandbox.reset();
		const two = await activated({ workflowId: 'workflow-two' });

		await sandbox.deliver(onlyWebhook().id, completed({ eventId: JSON.parse(first.body).id }));

		expect(two.executions).toHaveLength(1);
	});

	test('after a primary key rotation, deliveries signed with the secondary key are accepted', async () => {
		const started = await activated();

		const delivery = await sandbox.deliver(
			onlyWebhook().id,
			completed({
				keys: { primaryKey: 'new-primary-not-yet-in-n8n', secondaryKey: KEYS.webhookSecondaryKey },
			}),
		);

		expect(delivery.status).toBe(200);
		expect(started.executions).toHaveLength(1);
	});

	test('matches an event under both spellings', async () => {
		const started = await activated();
		const id = onlyWebhook().id;

		await sandbox.deliver(id, completed({ trigger: 'SIGN_REQUEST.SIGNER_SIGNED' }));
		await sandbox.deliver(id, completed({ trigger: 'SIGN_REQUEST.SIGN_SIGNER_SIGNED' }));

		expect(started.executions.map(([item]) => item.event)).toEqual([
			'SIGN_REQUEST.SIGNER_SIGNED',
			'SIGN_REQUEST.SIGN_SIGNER_SIGNED',
		]);
	});

	test.each(['SIGN_REQUEST.DECLINED', 'WEBHOOK.DELETED', 'NO_ACTIVE_SESSION'])(
		'%s (not chosen, or a notice) is answered 200 and starts nothing',
		async (trigger) => {
			const started = await activated();

			const delivery = await sandbox.deliver(onlyWebhook().id, completed({ trigger }));

			expect(delivery.status).toBe(200);
			expect(started.executions).toHaveLength(0);
		},
	);

	test('Get Sign Request adds Box’s sign request, read once', async () => {
		const started = await activated({ parameters: { options: { getSignRequest: true } } });
		const [signRequest] = sandbox.seedSignRequests(1, {
			parent_folder: { id: FOLDER, type: 'folder', etag: '0', sequence_id: '0', name: 'Signed' },
		});

		sandbox.advance(signRequest.id, 'signed');
		await sandbox.deliveriesSettled();

		expect(started.executions).toHaveLength(1);
		const [[item]] = started.executions;
		expect(item).toMatchObject({
			event: 'SIGN_REQUEST.COMPLETED',
			signRequestId: signRequest.id,
			signRequest: {
				id: signRequest.id,
				status: 'signed',
				sign_files: { is_ready_for_download: true },
			},
		});
		const reads = sandbox.requests.filter((r) => r.path === `/2.0/sign_requests/${signRequest.id}`);
		expect(reads).toHaveLength(1);
	});

	test('when the sign request cannot be read it answers 503 so that Box’s retry can start the workflow', async () => {
		const started = await activated({ parameters: { options: { getSignRequest: true } } });
		const [signRequest] = sandbox.seedSignRequests(1);
		sandbox.failNext(1, {
			method: 'GET',
			path: `/2.0/sign_requests/${signRequest.id}`,
			status: 403,
		});
		const event = completed({ additionalInfo: { sign_request_id: signRequest.id } });

		const first = await sandbox.deliver(onlyWebhook().id, event);
		const retry = await sandbox.redeliver(first);

		expect([first.status, retry.status]).toEqual([503, 200]);
		expect(started.executions).toHaveLength(1);
		expect(started.executions[0][0].signRequest).toMatchObject({ id: signRequest.id });
	});
});
