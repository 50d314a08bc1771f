'use strict';

const { startSandbox } = require('./server');
const { createClient, expectBoxError, expectValid, notFoundMessage } = require('./testClient');

const MINUTE_MS = 60 * 1000;
const FILE = { id: '1358047520478', type: 'file' };

let sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const call = createClient(() => sandbox);

async function createSignRequest(overrides = {}) {
	const response = await call('/2.0/sign_requests', {
		method: 'POST',
		json: { source_files: [FILE], signers: [{ email: 'signer@example.com' }], ...overrides },
	});
	expect(response.status).toBe(201);
	return response.body;
}

/** Every page of GET /2.0/sign_requests with `query`, following next_marker. */
async function listAll(query) {
	const pages = [];
	let marker;
	do {
		const params = new URLSearchParams(query);
		if (marker) params.set('marker', marker);
		const response = await call(`/2.0/sign_requests?${params}`);
		expect(response.status).toBe(200);
		pages.push(response.body);
		marker = response.body.next_marker;
	} while (marker);
	return pages;
}

const cancel = (id, options) =>
	call(`/2.0/sign_requests/${id}/cancel`, { method: 'POST', ...options });
const resend = (id) => call(`/2.0/sign_requests/${id}/resend`, { method: 'POST' });

describe('GET /2.0/sign_requests', () => {
	test('pages 2 500 requests by 1 000 in 3 pages, newest first, each ID once', async () => {
		const seeded = sandbox.seedSignRequests(2500);

		const pages = await listAll({ limit: '1000' });

		expect(pages.map((page) => page.entries.length)).toEqual([1000, 1000, 500]);
		expect(pages.map((page) => page.limit)).toEqual([1000, 1000, 1000]);
		expect(pages[0].prev_marker).toBeNull();
		expect(pages[1].prev_marker).toEqual(expect.any(String));
		expect(pages[2].next_marker).toBeNull();
		const ids = pages.flatMap((page) => page.entries.map((entry) => entry.id));
		expect(ids).toEqual(seeded.map((signRequest) => signRequest.id).reverse());
	});

	test('answers 10 by default and clamps a limit over 1 000 to 1 000, like Box', async () => {
		sandbox.seedSignRequests(1001);

		const byDefault = await call('/2.0/sign_requests');
		const tooMany = await call('/2.0/sign_requests?limit=5000');

		expect(byDefault.body.limit).toBe(10);
		expect(byDefault.body.entries).toHaveLength(10);
		expect(tooMany.body.limit).toBe(1000);
		expect(tooMany.body.entries).toHaveLength(1000);
	});

	test('returns an empty last page with null markers when there is nothing', async () => {
		const response = await call('/2.0/sign_requests');

		expect(response.body).toEqual({ limit: 10, next_marker: null, prev_marker: null, entries: [] });
	});

	test('does not repeat or skip entries when requests are created between pages', async () => {
		const seeded = sandbox.seedSignRequests(5);
		const first = await call('/2.0/sign_requests?limit=2');
		await createSignRequest();

		const second = await call(`/2.0/sign_requests?limit=2&marker=${first.body.next_marker}`);

		expect([...first.body.entries, ...second.body.entries].map((e) => e.id)).toEqual(
			seeded
				.slice(1)
				.reverse()
				.map((e) => e.id),
		);
	});

	test('treats marker 0 as the first page', async () => {
		sandbox.seedSignRequests(3);

		const response = await call('/2.0/sign_requests?marker=0&limit=2');

		expect(response.body.entries).toHaveLength(2);
		expect(response.body.prev_marker).toBeNull();
	});

	test.each([
		['a limit that is not a number', 'limit=ten', 'limit', 'integer'],
		['a limit of 0', 'limit=0', 'limit', 'at least 1'],
		['an unknown marker', 'marker=bm9wZQ', 'marker', 'bm9wZQ'],
		[
			'a shared_requests that is not a boolean',
			'shared_requests=yes',
			'shared_requests',
			'boolean',
		],
	])('refuses %s with 400 bad_request', async (_, query, field, detail) => {
		const response = await call(`/2.0/sign_requests?${query}`);

		expectBoxError(response, 400, 'bad_request');
		expect(response.body.message).toContain(detail);
		expect(response.body.context_info.errors[0]).toMatchObject({ name: field });
	});

	describe('filters', () => {
		beforeEach(() => {
			sandbox.seedSignRequests(3);
			sandbox.seedSignRequests(2, { collaborator_level: 'editor', sender_email: 'a@acme.com' });
			sandbox.seedSignRequests(2, { collaborator_level: 'viewer', sender_email: 'b@acme.com' });
			sandbox.seedSignRequests(1, { collaborator_level: 'viewer', sender_email: 'c@acme.com' });
		});

		const senders = (response) => response.body.entries.map((entry) => entry.sender_email);

		test('lists only the requests the user sent, by default', async () => {
			const response = await call('/2.0/sign_requests?shared_requests=false');

			expect(senders(response)).toEqual(Array(3).fill('sender@example.com'));
		});

		test('shared_requests=true lists only the requests shared with the user', async () => {
			const response = await call('/2.0/sign_requests?shared_requests=true');

			expect(senders(response).sort()).toEqual([
				'a@acme.com',
				'a@acme.com',
				'b@acme.com',
				'b@acme.com',
				'c@acme.com',
			]);
		});

		test('filters by senders given comma-separated, as Box’s SDKs send them', async () => {
			const query = 'senders=a%40acme.com%2CC%40acme.com';
			const response = await call(`/2.0/sign_requests?${query}&shared_requests=true`);

			expect(senders(response).sort()).toEqual(['a@acme.com', 'a@acme.com', 'c@acme.com']);
		});

		test('refuses a repeated senders parameter, naming it', async () => {
			const query = 'senders=a@acme.com&senders=C@acme.com';
			const response = await call(`/2.0/sign_requests?${query}&shared_requests=true`);

			expectBoxError(response, 400, 'bad_request');
			expect(response.body.context_info.errors).toEqual([
				expect.objectContaining({ reason: 'invalid_parameter', name: 'senders' }),
			]);
		});

		test('keeps the filter across pages', async () => {
			const pages = await listAll({
				senders: 'a@acme.com,b@acme.com',
				shared_requests: 'true',
				limit: '1',
			});

			expect(pages).toHaveLength(4);
			expect(pages.flatMap((page) => page.entries.map((e) => e.sender_email)).sort()).toEqual([
				'a@acme.com',
				'a@acme.com',
				'b@acme.com',
				'b@acme.com',
			]);
		});

		test('refuses senders without shared_requests=true, as the spec says', async () => {
			const response = await call('/2.0/sign_requests?senders=a@acme.com');

			expectBoxError(response, 400, 'bad_request');
			expect(response.body.message).toBe(
				"'shared_requests' must be set to true when 'senders' is provided.",
			);
			expect(response.body.context_info.errors[0]).toMatchObject({ name: 'senders' });
		});

		test('ignores a senders[] parameter like any unknown one', async () => {
			const response = await call('/2.0/sign_requests?senders[]=a@acme.com&shared_requests=true');

			expect(response.body.entries).toHaveLength(5);
		});
	});
});

describe('status transitions', () => {
	test('a new request is converting, then sent after the first GET', async () => {
		const created = await createSignRequest();

		const first = await call(`/2.0/sign_requests/${created.id}`);
		const second = await call(`/2.0/sign_requests/${created.id}`);

		expect(created.status).toBe('converting');
		expect(first.body.status).toBe('converting');
		expect(second.body.status).toBe('sent');
		expect(sandbox.activity.get(created.id).fetches).toBe(2);
	});

	test('a request that needs preparation becomes created, keeping its prepare_url', async () => {
		const created = await createSignRequest({ is_document_preparation_needed: true });

		sandbox.advance(created.id, 'created');
		const { body } = await call(`/2.0/sign_requests/${created.id}`);

		expect(body).toMatchObject({ status: 'created', prepare_url: created.prepare_url });
	});

	test('convertAfterGets sets how many GETs still see converting', async () => {
		const slow = await startSandbox({ convertAfterGets: 3 });
		try {
			const { id } = await (
				await fetch(`${slow.baseUrl}/2.0/sign_requests`, {
					method: 'POST',
					headers: {
						authorization: 'Bearer sandbox-access-token',
						'content-type': 'application/json',
					},
					body: JSON.stringify({ source_files: [FILE], signers: [{ email: 'a@example.com' }] }),
				})
			).json();
			const statuses = [];
			for (let i = 0; i < 4; i++) {
				const response = await fetch(`${slow.baseUrl}/2.0/sign_requests/${id}`, {
					headers: { authorization: 'Bearer sandbox-access-token' },
				});
				statuses.push((await response.json()).status);
			}
			expect(statuses).toEqual(['converting', 'converting', 'converting', 'sent']);
		} finally {
			await slow.close();
		}
	});

	test('embed URLs are there only for signers with an embed_url_external_user_id, and no signing_url', async () => {
		const created = await createSignRequest({
			signers: [
				{ email: 'a@example.com', embed_url_external_user_id: 'u-1' },
				{ email: 'b@example.com' },
			],
		});

		const sent = sandbox.advance(created.id, 'sent');

		const [, embedded, plain] = sent.signers;
		expect(embedded.embed_url).toMatch(/^https:\/\/app\.box\.com\/sign\/document\//);
		expect(plain.embed_url).toBeNull();
		expect(JSON.stringify(sent)).not.toContain('signing_url');
	});

	test('signed: every signer signed, finished_at set, files ready', async () => {
		const created = await createSignRequest({
			signers: [{ email: 'a@example.com' }, { email: 'b@example.com', role: 'approver', order: 1 }],
		});

		sandbox.advance(created.id, 'signed');
		const { body } = await call(`/2.0/sign_requests/${created.id}`);

		expect(body.status).toBe('signed');
		expect(body.finished_at).toEqual(expect.any(String));
		expect(body.sign_files.is_ready_for_download).toBe(true);
		const [reader, ...actors] = body.signers;
		expect(reader).toMatchObject({ role: 'final_copy_reader', signer_decision: null });
		for (const signer of actors) {
			expect(signer).toMatchObject({
				has_viewed_document: true,
				signer_decision: { type: 'signed', finalized_at: body.finished_at, additional_info: null },
			});
		}
	});

	test('declined: the signer whose turn it was declined, with the reason', async () => {
		const created = await createSignRequest({
			signers: [
				{ email: 'second@example.com', order: 2 },
				{ email: 'first@example.com', order: 1 },
			],
		});

		const declined = sandbox.advance(created.id, 'declined', { reason: 'Wrong amount' });

		expect(declined.status).toBe('declined');
		expect(declined.finished_at).toBeNull();
		const byEmail = Object.fromEntries(declined.signers.map((s) => [s.email, s]));
		expect(byEmail['first@example.com'].signer_decision).toEqual({
			type: 'declined',
			finalized_at: expect.any(String),
			additional_info: 'Wrong amount',
		});
		expect(byEmail['second@example.com'].signer_decision).toBeNull();
	});

	test('viewed: the signer whose turn it is has viewed the document', async () => {
		const created = await createSignRequest();

		const viewed = sandbox.advance(created.id, 'viewed');

		expect(viewed.signers.map((s) => s.has_viewed_document)).toEqual([false, true]);
	});

	test('finalizing: everyone signed, but the files are not ready yet', async () => {
		const created = await createSignRequest();

		const finalizing = sandbox.advance(created.id, 'finalizing');

		expect(finalizing.sign_files.is_ready_for_download).toBe(false);
		expect(finalizing.finished_at).toBeNull();
		expect(finalizing.signers[1].signer_decision.type).toBe('signed');
	});

	test.each([
		['error_converting', 'conversion_failed'],
		['error_sending', 'sending_failed'],
		['error_finalizing', 'finalizing_failed'],
		['error', 'unknown_error'],
	])('%s sets error_code %s by default', async (status, errorCode) => {
		const created = await createSignRequest();

		expect(sandbox.advance(created.id, status).error_code).toBe(errorCode);
	});

	test('takes an error code, and sets none on a status that is not an error', async () => {
		const failed = await createSignRequest();
		const signed = await createSignRequest();

		expect(
			sandbox.advance(failed.id, 'error_converting', { errorCode: 'cfr11_validation_failed' })
				.error_code,
		).toBe('cfr11_validation_failed');
		expect(sandbox.advance(signed.id, 'signed', { errorCode: 'x' }).error_code).toBeNull();
	});

	test('the sign files are not ready for download while converting, and are once sent', async () => {
		const created = await createSignRequest();

		const first = await call(`/2.0/sign_requests/${created.id}`);
		const second = await call(`/2.0/sign_requests/${created.id}`);

		expect(created.sign_files.is_ready_for_download).toBe(false);
		expect(first.body).toMatchObject({
			status: 'converting',
			sign_files: { is_ready_for_download: false },
		});
		expect(second.body).toMatchObject({
			status: 'sent',
			sign_files: { is_ready_for_download: true },
		});
	});

	test.each([
		['error_converting', false],
		['created', true],
		['viewed', true],
		['cancelled', true],
		['error_finalizing', false],
	])('the sign files are ready for download in %s: %s', async (status, ready) => {
		const created = await createSignRequest({ is_document_preparation_needed: true });

		expect(sandbox.advance(created.id, status).sign_files.is_ready_for_download).toBe(ready);
	});

	test('moves on through the statuses in between, as Box would', async () => {
		const prepared = await createSignRequest({ is_document_preparation_needed: true });
		const plain = await createSignRequest();

		sandbox.advance(prepared.id, 'sent');
		sandbox.advance(plain.id, 'viewed');
		const viewedAgain = sandbox.advance(plain.id, 'viewed');

		expect(sandbox.signRequests.get(prepared.id).status).toBe('sent');
		expect(viewedAgain.status).toBe('viewed');
	});

	test.each([
		['converting', 'created', 'sent, error_converting, error_sending, error'],
		['signed', 'sent', 'nothing: it is final'],
		['sent', 'converting', 'viewed, signed, declined'],
		['declined', 'signed', 'nothing: it is final'],
		['error_converting', 'sent', 'nothing: it is final'],
		['finalizing', 'declined', 'signed, error_finalizing, error'],
		['sent', 'sent', 'viewed'],
	])(
		'refuses to move a request from %s to %s, which Box never does, and leaves it as it was',
		async (from, to, allowed) => {
			const created = await createSignRequest();
			if (from !== 'converting') sandbox.advance(created.id, from);

			expect(() => sandbox.advance(created.id, to)).toThrow(
				`cannot go from '${from}' to '${to}' (from '${from}' Box moves to ${allowed}`,
			);
			expect(sandbox.signRequests.get(created.id).status).toBe(from);
		},
	);

	test('refuses a status Box does not have, and an unknown ID', async () => {
		const created = await createSignRequest();

		expect(() => sandbox.advance(created.id, 'archived')).toThrow(
			/cannot go from 'converting' to 'archived'/,
		);
		expect(() => sandbox.advance('nope', 'sent')).toThrow("no sign request 'nope'");
		expect(sandbox.signRequests.get(created.id).status).toBe('converting');
	});

	test('backdate moves the timestamps and the last send into the past', async () => {
		const created = await createSignRequest({ days_valid: 3 });

		const moved = sandbox.backdate(created.id, 15 * MINUTE_MS);

		expect(Date.parse(created.created_at) - Date.parse(moved.created_at)).toBe(15 * MINUTE_MS);
		expect(Date.parse(created.auto_expire_at) - Date.parse(moved.auto_expire_at)).toBe(
			15 * MINUTE_MS,
		);
		expect(sandbox.activity.get(created.id).lastSentAt.toISOString()).toBe(moved.created_at);
	});

	test('seedSignRequests applies the overrides and refuses ones that break the schema', () => {
		const [seeded] = sandbox.seedSignRequests(1, { status: 'signed', external_id: 'crm-1' });

		expectValid('SignRequest', seeded);
		expect(seeded).toMatchObject({ status: 'signed', external_id: 'crm-1', short_id: 'SR-10001' });
		expect(() => sandbox.seedSignRequests(1, { status: 'archived' })).toThrow(/not a valid/);
	});
});

describe('POST /2.0/sign_requests/:id/cancel', () => {
	test.each(['created', 'sent', 'viewed'])(
		'cancels a %s request and returns it',
		async (status) => {
			const created = await createSignRequest({ is_document_preparation_needed: true });
			sandbox.advance(created.id, status);

			const response = await cancel(created.id, { json: { reason: 'Deal lost' } });

			expect(response.status).toBe(200);
			expect(response.body).toMatchObject({ id: created.id, status: 'cancelled' });
			expect(sandbox.signRequests.get(created.id).status).toBe('cancelled');
		},
	);

	test('needs no body', async () => {
		const created = await createSignRequest();
		sandbox.advance(created.id, 'sent');

		const response = await cancel(created.id);

		expect(response.status).toBe(200);
	});

	test.each([
		'converting',
		'signed',
		'cancelled',
		'declined',
		'expired',
		'finalizing',
		'error_converting',
	])('refuses to cancel a %s request with 400, like Box', async (status) => {
		const created = await createSignRequest();
		if (status !== 'converting') sandbox.advance(created.id, status);

		const response = await cancel(created.id);

		expectBoxError(response, 400, 'bad_request');
		expect(response.body.message).toBe(
			`Sign request '${created.id}' cannot be cancelled because its status is '${status}'. Only a created, sent or viewed request can be cancelled.`,
		);
		expect(sandbox.signRequests.get(created.id).status).toBe(status);
	});

	test('refuses a reason that is not a string', async () => {
		const created = await createSignRequest();
		sandbox.advance(created.id, 'sent');

		const response = await cancel(created.id, { json: { reason: 42 } });

		expectBoxError(response, 400, 'bad_request');
		expect(response.body.context_info.errors[0]).toMatchObject({ name: 'reason' });
	});

	test('refuses a field Box does not know, naming it, and cancels nothing', async () => {
		const created = await createSignRequest();
		sandbox.advance(created.id, 'sent');

		const response = await cancel(created.id, { json: { reason: 'Lost', notify: false } });

		expectBoxError(response, 400, 'bad_request');
		expect(response.body.context_info.errors).toEqual([
			expect.objectContaining({ reason: 'invalid_parameter', name: 'notify' }),
		]);
		expect(sandbox.signRequests.get(created.id).status).toBe('sent');
	});

	test('answers 404 for an unknown request', async () => {
		const response = await cancel('33243242');

		expect(notFoundMessage(response)).toContain("'33243242'");
	});
});

describe('POST /2.0/sign_requests/:id/resend', () => {
	test('accepts a resend 10 minutes after sending, answering 202 with no body', async () => {
		const created = await createSignRequest();
		sandbox.advance(created.id, 'sent');
		sandbox.backdate(created.id, 15 * MINUTE_MS);

		const response = await resend(created.id);

		expect(response.status).toBe(202);
		expect(response.text).toBe('');
		expect(response.headers.get('content-type')).toBeNull();
		expect(Date.now() - sandbox.activity.get(created.id).lastSentAt.getTime()).toBeLessThan(5000);
	});

	test('refuses a resend within 10 minutes of sending, and within 10 minutes of the last resend', async () => {
		const created = await createSignRequest();
		sandbox.advance(created.id, 'sent');

		const tooSoon = await resend(created.id);
		sandbox.backdate(created.id, 11 * MINUTE_MS);
		const resent = await resend(created.id);
		const again = await resend(created.id);

		expectBoxError(tooSoon, 400, 'bad_request');
		expect(tooSoon.body.message).toMatch(
			new RegExp(
				`^Sign request '${created.id}' was sent less than 10 minutes ago\\. It can be resent after \\d{4}-`,
			),
		);
		expect(resent.status).toBe(202);
		expectBoxError(again, 400, 'bad_request');
	});

	test('seeded requests were sent long enough ago to be resent', async () => {
		const [seeded] = sandbox.seedSignRequests(1);

		expect((await resend(seeded.id)).status).toBe(202);
	});

	test.each([
		'signed',
		'cancelled',
		'declined',
		'expired',
		'error_sending',
		'error_converting',
		'finalizing',
	])('refuses to resend a %s request with 400, like Box', async (status) => {
		const [seeded] = sandbox.seedSignRequests(1, { status });

		const response = await resend(seeded.id);

		expectBoxError(response, 400, 'bad_request');
		expect(response.body.message).toBe(
			`Sign request '${seeded.id}' cannot be resent because its status is '${status}'.`,
		);
	});

	test('answers 404 for an unknown request', async () => {
		expectBoxError(await resend('33243242'), 404, 'not_found');
	});
});
