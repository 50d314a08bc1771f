import type { IDataObject } from 'n8n-workflow';

import { runBoxSign } from '../helpers/runBoxSign';
import { startSandbox, type Sandbox } from '../sandbox/server';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ echoPasswords: true });
});
afterAll(async () => sandbox.close());
beforeEach(() => sandbox.reset());

const createParameters = (extra: IDataObject = {}) => ({
	resource: 'signRequest',
	operation: 'create',
	sourceFileIds: '11',
	signers: { signer: [{ email: 'ada@example.com', password: 'Sup3r-Secret!' }] },
	...extra,
});

async function create(extra: IDataObject = {}, items?: IDataObject[], continueOnFail = false) {
	return await runBoxSign({
		baseUrl: sandbox.baseUrl,
		parameters: createParameters(extra),
		items,
		continueOnFail,
	});
}

const creates = () =>
	sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/2.0/sign_requests');

describe('Box errors become n8n errors users can act on', () => {
	test("uses Box's message, and puts code, status, request ID and help URL in the description", async () => {
		sandbox.failNext(1, {
			status: 404,
			body: {
				type: 'error',
				status: 404,
				code: 'not_found',
				message: 'Could not find the specified resource',
				request_id: 'req-abc123',
				help_url: 'http://developers.box.com/docs/#errors',
			},
		});

		const failure = create();

		await expect(failure).rejects.toMatchObject({
			message: 'Could not find the specified resource',
			httpCode: '404',
			context: { itemIndex: 0 },
		});
		const error = await failure.catch((e) => e);
		expect(error.description).toContain('Box error code: not_found');
		expect(error.description).toContain('Box request ID: req-abc123');
		expect(error.description).toContain('Help: http://developers.box.com/docs/#errors');
		expect(error.description).toContain('cannot find a file, folder or template');
		expect(creates()).toHaveLength(1);
	});

	test('explains a missing scope', async () => {
		sandbox.failNext(1, {
			status: 403,
			body: {
				type: 'error',
				status: 403,
				code: 'insufficient_scope',
				message: 'The request requires higher privileges than provided by the access token.',
				request_id: 'r1',
			},
		});

		const error = await create().catch((e) => e);

		expect(error.message).toBe(
			'The request requires higher privileges than provided by the access token.',
		);
		expect(error.description).toContain('Manage signature requests');
	});

	test('reads an OAuth-style error body too', async () => {
		sandbox.failNext(1, {
			status: 400,
			body: {
				error: 'invalid_request',
				error_description: 'The request is missing a required parameter',
			},
		});

		const error = await create().catch((e) => e);

		expect(error.message).toBe('The request is missing a required parameter');
		expect(error.description).toContain('Box error code: invalid_request');
	});

	test('passes on what Box refuses, with the field Box names', async () => {
		const error = await create({
			signers: { signer: [{ email: 'ada@example.com' }] },
			parentFolderId: '0',
		}).catch((e) => e);

		expect(error.message).toMatch(/parent_folder\.id/);
		expect(error.description).toContain('HTTP status: 400');
	});

	test('a revoked token that cannot be refreshed asks to reconnect the credential, and is not retried', async () => {
		const error = await runBoxSign({
			baseUrl: sandbox.baseUrl,
			parameters: createParameters(),
			accessToken: 'revoked-token',
		}).catch((e) => e);

		expect(error.message).toMatch(/needs to be reconnected/);
		expect(creates()).toHaveLength(1);
		expect(JSON.stringify(error)).not.toContain('revoked-token');
	});
});

describe('rate limits and transient faults', () => {
	test('waits as retry-after says on 429, then creates once', async () => {
		sandbox.failNext(1, { status: 429, headers: { 'retry-after': '1' } });

		const started = Date.now();
		const output = await create();

		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
		expect(creates()).toHaveLength(2);
		expect(output).toHaveLength(1);
		expect(output[0].json.type).toBe('sign-request');
	});

	test('backs off on 429 without retry-after', async () => {
		sandbox.failNext(1, { status: 429 });

		const output = await create();

		expect(creates()).toHaveLength(2);
		expect(output[0].json.type).toBe('sign-request');
	});

	test('caps the wait with Max Rate-Limit Wait', async () => {
		sandbox.failNext(1, { status: 429, headers: { 'retry-after': '3600' } });

		const started = Date.now();
		await create({ options: { maxRateLimitWait: 0 } });

		expect(Date.now() - started).toBeLessThan(5000);
		expect(creates()).toHaveLength(2);
	});

	test("a short Max Rate-Limit Wait holds after requests went through: Box's long retry-after does not slow the next ones", async () => {
		await create({ options: { maxRateLimitWait: 0 } });
		sandbox.failNext(1, { status: 429, headers: { 'retry-after': '3600' } });

		await create({ options: { maxRateLimitWait: 0 } });
		const output = await create({ options: { maxRateLimitWait: 0 } });

		expect(creates()).toHaveLength(4);
		expect(output[0].json.type).toBe('sign-request');
	});

	test('gives up after 5 retries and says so', async () => {
		sandbox.failNext(6, { status: 429, headers: { 'retry-after': '0' } });

		const error = await create().catch((e) => e);

		expect(creates()).toHaveLength(6);
		expect(error.message).toBe('Request rate limit exceeded, please try again later');
		expect(error.description).toContain('Attempts: 6');
	});

	test('retries a read after 5xx answers and a dropped connection', async () => {
		const created = (await create())[0].json;
		sandbox.failNext(1, { method: 'GET', status: 502 });
		sandbox.failNext(1, { method: 'GET', resetConnection: true });

		const [item] = await runBoxSign({
			baseUrl: sandbox.baseUrl,
			parameters: { resource: 'signRequest', operation: 'get', signRequestId: created.id },
		});

		expect(item.json.id).toBe(created.id);
		expect(sandbox.requests.filter((r) => r.method === 'GET')).toHaveLength(3);
	});

	test('does not resend a create after a 500: the request may exist', async () => {
		sandbox.failNext(1, { status: 500 });

		const error = await create({ additionalFields: { externalId: 'deal-42' } }).catch((e) => e);

		expect(creates()).toHaveLength(1);
		expect(error.message).toMatch(
			/^Box may or may not have created this sign request \(External ID "deal-42"\)\. /,
		);
		expect(error.message).toContain('Retry When Outcome Unknown');
	});

	test("quotes Box's message verbatim when the outcome is unknown", async () => {
		sandbox.failNext(1, {
			status: 500,
			body: {
				type: 'error',
				status: 500,
				code: 'internal_server_error',
				message: 'Internal Server Error',
			},
		});

		const error = await create().catch((e) => e);

		expect(error.message).toContain('Box answered: "Internal Server Error".');
	});

	test('does not resend a create after the connection drops', async () => {
		sandbox.failNext(1, { resetConnection: true });

		const error = await create().catch((e) => e);

		expect(creates()).toHaveLength(1);
		expect(error.message).toMatch(
			/^Box may or may not have created this sign request\. Box did not answer: the connection failed or timed out\. /,
		);
	});

	test('does not resend a create that timed out', async () => {
		sandbox.failNext(1, { delayMs: 1500 });

		const error = await create({ requestOptions: { timeout: 300 } }).catch((e) => e);

		expect(creates()).toHaveLength(1);
		expect(error.message).toMatch(/^Box may or may not have created this sign request/);
	});

	test('resends a create after a 503 when the user chose Retry When Outcome Unknown', async () => {
		sandbox.failNext(1, { status: 503 });

		const output = await create({ options: { retryWhenOutcomeUnknown: true } });

		expect(creates()).toHaveLength(2);
		expect(output[0].json.type).toBe('sign-request');
	});

	test('a create answered with something that is not a sign request fails clearly and is not resent', async () => {
		sandbox.failNext(1, { status: 201, body: '<html>proxy error</html>' });

		const error = await create().catch((e) => e);

		expect(creates()).toHaveLength(1);
		expect(error.message).toMatch(
			/^Box answered, but not with a sign request \(received: <html>proxy error<\/html>\)\. The sign request may have been created/,
		);
	});

	test('a create answered with an ID but not a sign request keeps the ID in the error item', async () => {
		sandbox.failNext(1, { status: 201, body: { id: 'f2b1c3d4-0000', status: 'converting' } });

		const [item] = await runBoxSign({
			baseUrl: sandbox.baseUrl,
			parameters: {
				resource: 'signRequest',
				operation: 'create',
				sourceFileIds: '1358047520478',
				signers: { signer: [{ email: 'ada@example.com' }] },
			},
			continueOnFail: true,
		});

		expect(creates()).toHaveLength(1);
		expect(item.json).toEqual({
			error: expect.stringMatching(
				/^Box answered, but not with a sign request .* \(ID f2b1c3d4-0000, status converting\): use Get/,
			),
			details: { id: 'f2b1c3d4-0000', status: 'converting' },
		});
	});

	test('a create answered with malformed JSON fails clearly and is not resent', async () => {
		sandbox.failNext(1, {
			status: 201,
			headers: { 'content-type': 'application/json' },
			body: '{"type":"sign-request","id":"abc',
		});

		const error = await create().catch((e) => e);

		expect(creates()).toHaveLength(1);
		expect(error.message).toMatch(
			/^Box answered, but not with a sign request .*may have been created/,
		);
	});

	test('a 201 with a status Box never documented passes through untouched', async () => {
		sandbox.failNext(1, {
			status: 201,
			body: { type: 'sign-request', id: 'sr-9', status: 'teleported', signers: [] },
		});

		const output = await create({ options: { waitUntilReady: true } });

		expect(creates()).toHaveLength(1);
		expect(output).toEqual([
			{ json: { type: 'sign-request', id: 'sr-9', status: 'teleported', signers: [] } },
		]);
	});

	test('with Continue On Fail every item ends as exactly one output or error item', async () => {
		sandbox.failNext(1, { status: 500 });

		const output = await create(
			{ signers: { signer: [{ email: '={{ $json.email }}' }] } },
			[{ email: 'a@example.com' }, { email: 'b@example.com' }, { email: 'c@example.com' }],
			true,
		);

		expect(creates()).toHaveLength(3);
		expect(output).toHaveLength(3);
		expect(output.filter((item) => item.error)).toHaveLength(1);
		expect(output.filter((item) => item.json.type === 'sign-request')).toHaveLength(2);
	});
});

describe('secrets', () => {
	test('the signer password and the access token appear in no output or error', async () => {
		sandbox.failNext(1, {
			status: 400,
			body: { type: 'error', status: 400, code: 'bad_request', message: 'Nope', request_id: 'r' },
		});
		const error = await create().catch((e) => e);
		const output = await create();

		for (const text of [
			JSON.stringify(output),
			JSON.stringify(error),
			error.message,
			error.description,
			error.stack,
		]) {
			expect(text).not.toContain('Sup3r-Secret!');
			expect(text).not.toContain('sandbox-access-token');
			expect(text).not.toContain('sandbox-client-secret');
		}
	});
});
