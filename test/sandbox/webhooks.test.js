'use strict';

const { createHmac } = require('node:crypto');
const http = require('node:http');

const { startSandbox } = require('./server');
const { createClient, expectBoxError, expectValid, notFoundMessage } = require('./testClient');

let sandbox;
let receiver;
const received = [];

beforeAll(async () => {
	sandbox = await startSandbox();
	receiver = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ headers: req.headers, bytes: Buffer.concat(chunks) });
			res.writeHead(200).end();
		});
	});
	await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
	await sandbox.close();
	await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(() => {
	sandbox.reset();
	received.length = 0;
});

const call = createClient(() => sandbox);
const address = () => `http://127.0.0.1:${receiver.address().port}/webhook/abc/webhook`;
// The spec's Webhook enum lacks the guides' spelling of three Sign events, which Box's own blog
// shows in live deliveries: answers that carry it are not checked against the spec.
const register = (json, options) => call('/2.0/webhooks', { method: 'POST', json, ...options });
const folderWebhook = (overrides = {}) => ({
	target: { id: '234102987614', type: 'folder' },
	address: address(),
	triggers: ['SIGN_REQUEST.COMPLETED'],
	...overrides,
});

function expectedSignature(key, bytes, timestamp) {
	return createHmac('sha256', key)
		.update(Buffer.concat([bytes, Buffer.from(timestamp)]))
		.digest('base64');
}

describe('POST /2.0/webhooks', () => {
	test('registers a webhook and answers the full Webhook', async () => {
		const response = await register(folderWebhook());

		expect(response.status).toBe(201);
		expectValid('Webhook', response.body);
		expect(response.body).toMatchObject({
			type: 'webhook',
			target: { id: '234102987614', type: 'folder' },
			address: address(),
			triggers: ['SIGN_REQUEST.COMPLETED'],
			created_by: { type: 'user', login: 'sender@example.com' },
		});
	});

	test('answers 409 for a second webhook on the same target, whatever its address', async () => {
		const first = await register(folderWebhook());
		const second = await register(folderWebhook({ address: `${address()}-test` }));

		expectBoxError(second, 409, 'conflict');
		expect(second.body.message).toBe('Bad Request');
		expect(second.body.context_info.errors).toEqual([
			{
				reason: 'invalid_parameter',
				name: 'existWebhookId',
				message: `Webhook:${first.body.id} already exists on the specified target.`,
			},
		]);
		expect(sandbox.webhooks.size).toBe(1);
	});

	test('refuses the root folder', async () => {
		const response = await register(folderWebhook({ target: { id: '0', type: 'folder' } }));
		expectBoxError(response, 400, 'bad_request');
		expect(response.body.context_info.errors[0].name).toBe('target');
	});

	test('answers 404 for a file or folder Box does not have, and registers nothing', async () => {
		const folder = await register(folderWebhook({ target: { id: '999', type: 'folder' } }));
		const file = await register(folderWebhook({ target: { id: '999', type: 'file' } }));

		expect(notFoundMessage(folder)).toBe(
			"Invalid value 'd_999'. 'target' with value 'd_999' not found",
		);
		expect(notFoundMessage(file)).toContain("'f_999'");
		expect(sandbox.webhooks.size).toBe(0);
	});

	test('refuses a missing address and an unknown target type, naming the fields', async () => {
		const response = await register({ target: { id: '1', type: 'web_link' }, triggers: ['X'] });
		expectBoxError(response, 400, 'bad_request');
		expect(response.body.context_info.errors.map((e) => e.name)).toEqual([
			'target.type',
			'address',
			'triggers',
		]);
	});

	test.each([
		['openapi', 'SIGN_REQUEST.SIGNER_SIGNED', 'SIGN_REQUEST.SIGN_SIGNER_SIGNED'],
		['guides', 'SIGN_REQUEST.SIGN_SIGNER_SIGNED', 'SIGN_REQUEST.SIGNER_SIGNED'],
	])(
		'in %s strict mode refuses the other spelling (%s) and takes %s',
		async (mode, refused, accepted) => {
			sandbox.webhookSettings.triggerNames = mode;
			const refusal = await register(folderWebhook({ triggers: [refused] }));
			expectBoxError(refusal, 400, 'bad_request');
			expect(refusal.body.context_info.errors[0]).toMatchObject({ name: 'triggers' });
			const registered = await register(folderWebhook({ triggers: [accepted] }), {
				unchecked: true,
			});
			expect(registered.status).toBe(201);
		},
	);

	test('accepts either spelling by default', async () => {
		const triggers = ['SIGN_REQUEST.SIGNER_SIGNED', 'SIGN_REQUEST.SIGN_DOCUMENT_CREATED'];
		expect((await register(folderWebhook({ triggers }), { unchecked: true })).status).toBe(201);
	});

	test.each([
		'http://n8n.example.com/webhook',
		'https://n8n.example.com:8443/webhook',
		'https://127.0.0.1/webhook',
		'https://hooks.box.com/x',
	])('in the real-Box address mode refuses %s', async (refused) => {
		sandbox.webhookSettings.addresses = 'box';
		const response = await register(folderWebhook({ address: refused }));
		expectBoxError(response, 400, 'bad_request');
		expect(response.body.context_info.errors[0].name).toBe('address');
	});

	test('in the real-Box address mode takes a public HTTPS URL on port 443', async () => {
		sandbox.webhookSettings.addresses = 'box';
		const response = await register(
			folderWebhook({ address: 'https://n8n.example.com/webhook/a/webhook' }),
		);
		expect(response.status).toBe(201);
	});

	test('in the default mode takes plain http to 127.0.0.1 (for tests)', async () => {
		expect((await register(folderWebhook())).status).toBe(201);
	});
});

describe('GET and DELETE /2.0/webhooks', () => {
	test('lists webhooks without address or triggers, in marker pages', async () => {
		for (const id of ['11', '12', '13']) {
			await register(folderWebhook({ target: { id, type: 'file' } }));
		}
		const first = await call('/2.0/webhooks?limit=2');
		expect(first.status).toBe(200);
		expect(first.body.entries).toHaveLength(2);
		for (const entry of first.body.entries) {
			expect(Object.keys(entry).sort()).toEqual(['id', 'target', 'type']);
		}
		const second = await call(`/2.0/webhooks?limit=2&marker=${first.body.next_marker}`);
		expect(second.body.entries.map((e) => e.target.id)).toEqual(['13']);
		expect(second.body.next_marker).toBeNull();
	});

	test('reads one webhook with its address, deletes it, then answers 404', async () => {
		const { body: created } = await register(folderWebhook());

		const read = await call(`/2.0/webhooks/${created.id}`);
		expect(read.body).toEqual(created);
		const deleted = await call(`/2.0/webhooks/${created.id}`, { method: 'DELETE' });
		expect(deleted.status).toBe(204);
		expect(deleted.text).toBe('');
		expectBoxError(await call(`/2.0/webhooks/${created.id}`), 404, 'not_found');
		expectBoxError(
			await call(`/2.0/webhooks/${created.id}`, { method: 'DELETE' }),
			404,
			'not_found',
		);
	});

	test('needs a valid token', async () => {
		expect((await call('/2.0/webhooks', { token: 'wrong' })).status).toBe(401);
	});
});

describe('deliveries', () => {
	test('are signed with both keys over the exact bytes sent', async () => {
		const { body: webhook } = await register(folderWebhook());

		const delivery = await sandbox.deliver(webhook.id, {
			trigger: 'SIGN_REQUEST.COMPLETED',
			source: { id: '1358047520478', type: 'file', name: 'Verträge/2026 – ✓.pdf' },
			additionalInfo: {
				sign_request_id: 'sr-1',
				signer_emails: ['zoë@example.com'],
				external_id: null,
			},
		});

		expect(delivery.status).toBe(200);
		const [{ headers, bytes }] = received;
		expect(bytes.toString('utf8')).toBe(delivery.body);
		expect(bytes.toString('utf8')).toContain('Verträge/2026 – ✓.pdf');
		const timestamp = headers['box-delivery-timestamp'];
		expect(headers).toMatchObject({
			'box-signature-version': '1',
			'box-signature-algorithm': 'HmacSHA256',
			'box-signature-primary': expectedSignature('sandbox-webhook-primary-key', bytes, timestamp),
			'box-signature-secondary': expectedSignature(
				'sandbox-webhook-secondary-key',
				bytes,
				timestamp,
			),
			'user-agent': 'Box-WH-Client/0.1',
		});
		expect(JSON.parse(bytes)).toMatchObject({
			type: 'webhook_event',
			trigger: 'SIGN_REQUEST.COMPLETED',
			webhook: { id: webhook.id, type: 'webhook' },
			source: { id: '1358047520478', type: 'file' },
			additional_info: { sign_request_id: 'sr-1' },
		});
	});

	test('a retry keeps the body and changes delivery id and timestamp; a replay changes nothing', async () => {
		const { body: webhook } = await register(folderWebhook());
		const first = await sandbox.deliver(webhook.id, { timestamp: '2026-01-01T00:00:00+00:00' });

		const replay = await sandbox.redeliver(first, { asRetry: false });
		const retry = await sandbox.redeliver(first);

		expect(received[1].bytes.equals(received[0].bytes)).toBe(true);
		expect(replay.headers).toEqual(first.headers);
		expect(retry.body).toBe(first.body);
		expect(retry.headers['box-delivery-id']).not.toBe(first.headers['box-delivery-id']);
		expect(retry.headers['box-delivery-timestamp']).not.toBe('2026-01-01T00:00:00+00:00');
		expect(retry.headers['box-signature-primary']).toBe(
			expectedSignature(
				'sandbox-webhook-primary-key',
				received[2].bytes,
				retry.headers['box-delivery-timestamp'],
			),
		);
	});

	test('a sign request signed in a watched folder fires SIGN_REQUEST.COMPLETED', async () => {
		const { body: webhook } = await register(
			folderWebhook({ triggers: ['SIGN_REQUEST.COMPLETED', 'SIGN_REQUEST.DECLINED'] }),
		);
		const [signRequest] = sandbox.seedSignRequests(1, {
			parent_folder: {
				id: '234102987614',
				type: 'folder',
				etag: '0',
				sequence_id: '0',
				name: 'Signed',
			},
			external_id: 'HS-1',
		});

		sandbox.advance(signRequest.id, 'signed');
		await sandbox.deliveriesSettled();

		expect(received).toHaveLength(1);
		expect(JSON.parse(received[0].bytes)).toMatchObject({
			trigger: 'SIGN_REQUEST.COMPLETED',
			webhook: { id: webhook.id },
			source: { id: signRequest.source_files[0].id, type: 'file' },
			additional_info: {
				sign_request_id: signRequest.id,
				signer_emails: ['signer1@example.com'],
				external_id: 'HS-1',
			},
		});
	});

	test('a status change outside watched targets, or for an event not registered, fires nothing', async () => {
		await register(folderWebhook({ triggers: ['SIGN_REQUEST.DECLINED'] }));
		const [inFolder, elsewhere] = sandbox.seedSignRequests(2);
		sandbox.advance(elsewhere.id, 'declined');
		expect(inFolder.parent_folder.id).not.toBe('234102987614');
		await sandbox.deliveriesSettled();
		expect(received).toHaveLength(0);
	});
});
