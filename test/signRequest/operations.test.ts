import type { IDataObject } from 'n8n-workflow';

import { runBoxSign } from '../helpers/runBoxSign';
import { startSandbox, type Sandbox } from '../sandbox/server';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());
beforeEach(() => sandbox.reset());

async function run(parameters: IDataObject, options: { continueOnFail?: boolean } = {}) {
	return await runBoxSign({
		baseUrl: sandbox.baseUrl,
		parameters: { resource: 'signRequest', ...parameters },
		...options,
	});
}

async function createOne(extra: IDataObject = {}) {
	const [created] = await run({
		operation: 'create',
		sourceFileIds: '1358047520478',
		signers: {
			signer: [
				{ email: 'ada@example.com', password: 'Sup3r-Secret!', embedUrlExternalUserId: 'crm-1' },
			],
		},
		...extra,
	});
	return created.json;
}

const writes = () => sandbox.requests.filter((r) => r.method === 'POST');

describe('Get', () => {
	test('gets a sign request by ID with passwords kept out', async () => {
		const created = await createOne();

		const [item] = await run({ operation: 'get', signRequestId: ` ${created.id} ` });

		expect(item.json).toMatchObject({ id: created.id, type: 'sign-request' });
		expect(sandbox.requests.at(-1)?.path).toBe(`/2.0/sign_requests/${created.id}`);
		expect(JSON.stringify(item)).not.toContain('Sup3r-Secret!');
	});

	test('refuses an ID that is not a sign request ID, naming the field, and sends nothing', async () => {
		await expect(run({ operation: 'get', signRequestId: '../users/me' })).rejects.toThrow(
			/^Sign Request ID "\.\.\/users\/me" is not a Box sign request ID/,
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	test("an unknown ID becomes Box's not-found error with a hint", async () => {
		const error = await run({
			operation: 'get',
			signRequestId: '6b0a7c5e-37a8-4a35-9d4d-8f6a2f0d9a11',
		}).catch((e) => e);

		expect(error.httpCode).toBe('404');
		expect(error.description).toContain('Nothing with this ID is visible');
	});
});

describe('Get Many', () => {
	test('Return All pages through 2 500 sign requests 1 000 at a time', async () => {
		const seeded = sandbox.seedSignRequests(2500);

		const items = await run({ operation: 'getAll', returnAll: true });

		expect(items).toHaveLength(2500);
		expect(new Set(items.map((item) => item.json.id))).toEqual(
			new Set(seeded.map((s: IDataObject) => s.id)),
		);
		const pages = sandbox.requests.filter((r) => r.path === '/2.0/sign_requests');
		expect(pages.map((page) => page.query.limit)).toEqual(['1000', '1000', '1000']);
		expect(pages[0].query.marker).toBeUndefined();
		expect(pages[1].query.marker).toEqual(expect.any(String));
	});

	test('a Limit asks Box for just that many', async () => {
		sandbox.seedSignRequests(30);

		const items = await run({ operation: 'getAll', returnAll: false, limit: 5 });

		expect(items).toHaveLength(5);
		expect(sandbox.requests.map((r) => r.query.limit)).toEqual(['5']);
	});

	test('filters by senders, turning on shared requests as Box requires, on every page', async () => {
		sandbox.seedSignRequests(1200, {
			sender_email: 'sales@acme.com',
			collaborator_level: 'viewer',
		});

		const items = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { senders: 'sales@acme.com, legal@acme.com' },
		});

		expect(items.length).toBeGreaterThan(0);
		for (const page of sandbox.requests) {
			expect(page.query.senders).toBe('sales@acme.com,legal@acme.com');
			expect(page.query.shared_requests).toBe('true');
		}
	});

	test('refuses a sender that is not an email and sends nothing', async () => {
		await expect(run({ operation: 'getAll', filters: { senders: 'sales team' } })).rejects.toThrow(
			/^Senders: "sales team" is not a valid email address\. \[item 0\]$/,
		);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Cancel', () => {
	test('cancels a sent request with a reason', async () => {
		const created = await createOne();
		sandbox.advance(created.id, 'sent');

		const [item] = await run({
			operation: 'cancel',
			signRequestId: created.id,
			reason: 'Deal lost',
		});

		expect(item.json.status).toBe('cancelled');
		expect(writes().at(-1)).toMatchObject({
			path: `/2.0/sign_requests/${created.id}/cancel`,
			body: { reason: 'Deal lost' },
		});
	});

	test.each([
		['signed', /cannot be cancelled: it is already signed/],
		['converting', /cannot be cancelled: Box is still preparing its documents/],
	])(
		'refuses to cancel a %s request with a clear message and writes nothing',
		async (status, message) => {
			const created = await createOne();
			if (status !== 'converting') sandbox.advance(created.id, status);
			sandbox.requests.length = 0;

			await expect(run({ operation: 'cancel', signRequestId: created.id })).rejects.toThrow(
				message,
			);
			expect(writes()).toHaveLength(0);
		},
	);

	test('Dry Run outputs the cancel request and sends nothing to Box, not even the status check', async () => {
		const created = await createOne();
		sandbox.advance(created.id, 'sent');
		sandbox.requests.length = 0;

		const [item] = await run({
			operation: 'cancel',
			signRequestId: created.id,
			reason: 'Deal lost',
			options: { dryRun: true },
		});

		expect(item.json).toEqual({
			dryRun: true,
			method: 'POST',
			url: `${sandbox.baseUrl}/2.0/sign_requests/${created.id}/cancel`,
			body: { reason: 'Deal lost' },
			checks:
				'Only the checks made without Box ran (fields, formats, limits); nothing was sent to Box, so it did not check that the sign request exists and is in a status Box cancels (created, sent or viewed).',
		});
		expect(sandbox.requests).toHaveLength(0);
		expect(sandbox.signRequests.get(created.id).status).toBe('sent');
	});
});

describe('Resend', () => {
	test('resends a request sent more than 10 minutes ago', async () => {
		const created = await createOne();
		sandbox.advance(created.id, 'sent');
		sandbox.backdate(created.id, 15 * 60_000);

		const [item] = await run({ operation: 'resend', signRequestId: created.id });

		expect(item.json).toEqual({ resent: true, sign_request_id: created.id });
		expect(writes().at(-1)?.path).toBe(`/2.0/sign_requests/${created.id}/resend`);
	});

	test('lets Box decide whether a request sent minutes ago may be resent', async () => {
		const created = await createOne();
		sandbox.advance(created.id, 'sent');
		sandbox.requests.length = 0;

		const error = await run({ operation: 'resend', signRequestId: created.id }).catch((e) => e);

		expect(writes()).toHaveLength(1);
		expect(error.message).toMatch(
			new RegExp(`^Sign request '${created.id}' was sent less than 10 minutes ago\\.`),
		);
	});

	test("counts 10 minutes from the last send, as Box does, and explains Box's refusal", async () => {
		const created = await createOne();
		sandbox.advance(created.id, 'sent');
		sandbox.backdate(created.id, 15 * 60_000);
		await run({ operation: 'resend', signRequestId: created.id });

		const error = await run({ operation: 'resend', signRequestId: created.id }).catch((e) => e);

		expect(writes().filter((r) => r.path.endsWith('/resend'))).toHaveLength(2);
		expect(error.message).toMatch(/^Sign request '[\w-]+' was sent less than 10 minutes ago\./);
		expect(error.description).toMatch(
			/^Box resends a request at most once every 10 minutes after it was last sent/,
		);
	});

	test('refuses to resend a declined request', async () => {
		const created = await createOne();
		sandbox.advance(created.id, 'declined');
		sandbox.backdate(created.id, 15 * 60_000);
		sandbox.requests.length = 0;

		await expect(run({ operation: 'resend', signRequestId: created.id })).rejects.toThrow(
			/cannot be resent: it is declined/,
		);
		expect(writes()).toHaveLength(0);
	});
});

describe('Create: Dry Run and Wait Until Ready', () => {
	test('Dry Run outputs the exact request with passwords masked and sends nothing', async () => {
		const [item] = await run({
			operation: 'create',
			sourceFileIds: '11',
			signers: { signer: [{ email: 'ada@example.com', password: 'Sup3r-Secret!' }] },
			options: { dryRun: true },
		});

		expect(item.json).toEqual({
			dryRun: true,
			method: 'POST',
			url: `${sandbox.baseUrl}/2.0/sign_requests`,
			body: {
				source_files: [{ id: '11', type: 'file' }],
				signers: [{ email: 'ada@example.com', role: 'signer', password: '********' }],
			},
			checks: expect.stringMatching(
				/^Only the checks made without Box ran .* the template has the prefill tags\.$/,
			),
		});
		expect(sandbox.requests).toHaveLength(0);
	});

	test('Dry Run of a resend and of a template request with prefill tags reads nothing from Box', async () => {
		const [resend] = await run({
			operation: 'resend',
			signRequestId: '6b0a7c5e-37a8-4a35-9d4d-8f6a2f0d9a11',
			options: { dryRun: true },
		});
		const [fromTemplate] = await run({
			operation: 'create',
			source: 'template',
			templateId: {
				__rl: true,
				mode: 'id',
				value: '123075213-7d117509-8f05-42e4-a5ef-5190a319d41d',
			},
			signers: { signer: [{ email: 'ada@example.com' }] },
			additionalFields: {
				prefillTags: { tag: [{ documentTagId: 'no_such_tag', textValue: '1' }] },
			},
			options: { dryRun: true },
		});

		expect(resend.json).toMatchObject({ dryRun: true, method: 'POST' });
		expect(resend.json.checks).toContain('was not sent in the last 10 minutes');
		expect(fromTemplate.json).toMatchObject({
			dryRun: true,
			body: { prefill_tags: [{ document_tag_id: 'no_such_tag', text_value: '1' }] },
		});
		expect(sandbox.requests).toHaveLength(0);
	});

	test('Dry Run still refuses bad input', async () => {
		await expect(
			run({
				operation: 'create',
				sourceFileIds: '11',
				signers: { signer: [{ email: 'ada' }] },
				options: { dryRun: true },
			}),
		).rejects.toThrow(/^Signer 1: Email "ada" is not a valid email address/);
	});

	test('Wait Until Ready polls until Box has prepared the request and outputs the embed URL', async () => {
		const signRequest = await createOne({ options: { waitUntilReady: true } });

		expect(signRequest.status).toBe('sent');
		const signer = (signRequest.signers as IDataObject[]).find(
			(s) => s.email === 'ada@example.com',
		);
		expect(signer?.embed_url).toEqual(expect.stringMatching(/^https?:\/\//));
		expect(JSON.stringify(signRequest)).not.toContain('Sup3r-Secret!');
		expect(sandbox.requests.filter((r) => r.method === 'GET').length).toBeGreaterThanOrEqual(1);
	});

	test('Wait Until Ready gives the prepare URL when preparation is needed', async () => {
		const signRequest = await createOne({
			additionalFields: { isDocumentPreparationNeeded: true },
			options: { waitUntilReady: true },
		});

		expect(signRequest.status).toBe('created');
		expect(signRequest.prepare_url).toEqual(expect.any(String));
	});

	test('a request Box cannot convert becomes a clear error', async () => {
		const pending = createOne({ options: { waitUntilReady: true } });
		const id = await waitForCreatedId();
		sandbox.advance(id, 'error_converting');

		await expect(pending).rejects.toThrow(
			new RegExp(`^Box could not prepare sign request ${id}: status error_converting`),
		);
	});

	test('with Continue On Fail, a request Box cannot convert is an error item that keeps its ID and status', async () => {
		const continued = run(
			{
				operation: 'create',
				sourceFileIds: '1358047520478',
				signers: { signer: [{ email: 'ada@example.com' }] },
				options: { waitUntilReady: true },
			},
			{ continueOnFail: true },
		);
		const id = await waitForCreatedId();
		sandbox.advance(id, 'error_converting');
		const [failed] = await continued;

		expect(failed.json).toEqual({
			error: expect.stringContaining(
				`(ID ${id}, status error_converting): it will not reach the signers, so fix the cause and run Create again.`,
			),
			details: { id, status: 'error_converting' },
		});
	});

	test('a failure while checking on a created request names the request', async () => {
		const pending = createOne({ options: { waitUntilReady: true } });
		const id = await waitForCreatedId();
		sandbox.failNext(1, { method: 'GET', status: 404 });

		await expect(pending).rejects.toThrow(
			new RegExp(
				`^Box created sign request ${id}, but checking whether it is ready failed: .* The sign request exists in Box \\(ID ${id}, status converting\\)`,
			),
		);
	});

	test('gives up after Wait Timeout and says the request exists', async () => {
		const slow = await startSandbox({ convertAfterGets: 1000 });
		try {
			const error = await runBoxSign({
				baseUrl: slow.baseUrl,
				parameters: {
					resource: 'signRequest',
					operation: 'create',
					sourceFileIds: '11',
					signers: { signer: [{ email: 'ada@example.com' }] },
					options: { waitUntilReady: true, waitTimeout: 1 },
				},
			}).catch((e) => e);

			const [created] = slow.signRequests.keys();
			expect(error.message).toMatch(
				new RegExp(
					`^Sign request ${created} is still converting after 1 seconds \\(raise "Wait Timeout \\(Seconds\\)" to wait longer\\)\\. The sign request exists in Box \\(ID ${created}, status converting\\): use Get with this ID`,
				),
			);
			expect(slow.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
		} finally {
			await slow.close();
		}
	});

	test('with Continue On Fail, a Wait Timeout gives an error item with the ID and status', async () => {
		const slow = await startSandbox({ convertAfterGets: 1000 });
		try {
			const [item] = await runBoxSign({
				baseUrl: slow.baseUrl,
				parameters: {
					resource: 'signRequest',
					operation: 'create',
					sourceFileIds: '11',
					signers: { signer: [{ email: 'ada@example.com' }] },
					options: { waitUntilReady: true, waitTimeout: 1 },
				},
				continueOnFail: true,
			});

			const [created] = slow.signRequests.keys();
			expect(item.json).toEqual({
				error: expect.stringMatching(new RegExp(`^Sign request ${created} is still converting`)),
				details: { id: created, status: 'converting' },
			});
		} finally {
			await slow.close();
		}
	});
});

describe('Download', () => {
	test("downloads the signed documents and the signing log with Box's file names", async () => {
		const created = await createOne();
		sandbox.advance(created.id, 'signed');
		const stored = sandbox.signRequests.get(created.id);

		const [item] = await run({ operation: 'download', signRequestId: created.id });

		expect(Object.keys(item.binary ?? {})).toEqual(['document_0', 'signing_log']);
		expect(item.binary?.document_0.fileName).toBe(stored.sign_files.files[0].name);
		expect(item.binary?.document_0.mimeType).toBe('application/pdf');
		expect(Buffer.from(item.binary!.document_0.data, 'base64').subarray(0, 5).toString()).toBe(
			'%PDF-',
		);
		expect(item.binary?.signing_log.fileName).toBe(stored.signing_log.name);
		expect(item.json.id).toBe(created.id);
	});

	test('downloads the signed documents and the signing log, not the source files', async () => {
		const created = await createOne();
		sandbox.advance(created.id, 'signed');

		const [item] = await run({ operation: 'download', signRequestId: created.id });

		const text = (name: string) => Buffer.from(item.binary![name].data, 'base64').toString();
		expect(text('document_0')).toContain('(Signed: Document 1358047520478.pdf) Tj');
		expect(text('signing_log')).toContain('(Signing log: ');
	});

	test("follows Box's redirect to the download host without sending the bearer token there", async () => {
		const created = await createOne();
		sandbox.advance(created.id, 'signed');

		await run({ operation: 'download', signRequestId: created.id });

		expect(sandbox.downloadRequests).toHaveLength(2);
		expect(sandbox.downloadRequests.map((r) => r.headers.authorization)).toEqual([
			undefined,
			undefined,
		]);
		const contentRequests = sandbox.requests.filter((r) => r.path.endsWith('/content'));
		expect(contentRequests.map((r) => r.headers.authorization)).toEqual([
			'Bearer sandbox-access-token',
			'Bearer sandbox-access-token',
		]);
	});

	test('waits as long as Box says while a signed document is not ready, then downloads it', async () => {
		const created = await createOne();
		sandbox.advance(created.id, 'signed');
		sandbox.failNext(2, {
			path: /\/content$/,
			status: 202,
			headers: { 'retry-after': '0' },
			body: '',
		});

		const [item] = await run({ operation: 'download', signRequestId: created.id });

		expect(Buffer.from(item.binary!.document_0.data, 'base64').toString()).toContain('(Signed: ');
		expect(sandbox.requests.filter((r) => r.path.endsWith('/content'))).toHaveLength(4);
	});

	test('fails with a clear message, and outputs no empty file, when a document never becomes ready', async () => {
		const created = await createOne();
		sandbox.advance(created.id, 'signed');
		sandbox.failNext(20, {
			path: /\/content$/,
			status: 202,
			headers: { 'retry-after': '0' },
			body: '',
		});

		const [item] = await run(
			{ operation: 'download', signRequestId: created.id },
			{ continueOnFail: true },
		);

		expect(item.binary).toBeUndefined();
		expect(item.error?.message).toMatch(
			new RegExp(
				`^Box has not finished preparing file \\d+ of sign request ${created.id} for download`,
			),
		);
		expect(sandbox.downloadRequests).toHaveLength(0);
	});

	test('fails rather than output an empty file', async () => {
		const created = await createOne();
		sandbox.advance(created.id, 'signed');
		sandbox.failNext(1, { path: /\/content$/, status: 200, body: '' });

		await expect(run({ operation: 'download', signRequestId: created.id })).rejects.toThrow(
			/^Box sent file \d+ of sign request [\w-]+ empty\./,
		);
	});

	test('refuses a request that is not signed yet', async () => {
		const created = await createOne();
		sandbox.advance(created.id, 'sent');

		await expect(run({ operation: 'download', signRequestId: created.id })).rejects.toThrow(
			/^Sign request [\w-]+ is sent: Box has the signed documents only once everyone has signed\./,
		);
		expect(sandbox.requests.filter((r) => r.path.includes('/files/'))).toHaveLength(0);
	});

	test('says a signed request whose documents are not ready yet is signed, and to try again', async () => {
		const created = await createOne();
		sandbox.advance(created.id, 'signed');
		sandbox.signRequests.get(created.id).sign_files.is_ready_for_download = false;

		await expect(run({ operation: 'download', signRequestId: created.id })).rejects.toThrow(
			/^Sign request [\w-]+ is signed: everyone has signed and Box is still preparing the signed documents\. Run Download again in a minute\./,
		);
		expect(sandbox.requests.filter((r) => r.path.includes('/files/'))).toHaveLength(0);
	});
});

async function waitForCreatedId(): Promise<string> {
	for (let i = 0; i < 200; i++) {
		const [id] = [...sandbox.signRequests.keys()];
		if (id) return id;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	throw new Error('no sign request was created');
}
