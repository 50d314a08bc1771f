'use strict';

const { startSandbox } = require('./server');
const { TOKEN, createClient, expectValid } = require('./testClient');

const createBody = (externalId, email = `${externalId}@example.com`) => ({
	source_files: [{ id: '1358047520478', type: 'file' }],
	parent_folder: { id: '234102987614', type: 'folder' },
	signers: [{ email, role: 'signer' }],
	external_id: externalId,
});

let sandbox;
// The sandbox's clock, moved by hand: no test depends on how fast the machine is.
let clock = 0;

beforeAll(async () => {
	sandbox = await startSandbox({
		// Box's minute lasts a second here: 100 creates and 1 000 calls a second.
		rateLimit: { createsPerSecond: 100, now: () => clock },
	});
});
afterAll(() => sandbox.close());
beforeEach(() => {
	sandbox.reset();
	clock = 1_000_000;
});

const call = createClient(() => sandbox);
// Box's guide writes the 429 code `rate_limit_exceeded`; the spec's ClientError enum says
// `too_many_requests` (openapi/NOTICE.md), so 429s are checked here field by field.
const create = (externalId, email) =>
	call('/2.0/sign_requests', {
		method: 'POST',
		json: createBody(externalId, email),
		unchecked: true,
	});

function expectRateLimited(response, retryAfter = '1') {
	expect(response.status).toBe(429);
	expect(response.headers.get('retry-after')).toBe(retryAfter);
	expect(response.body).toEqual({
		type: 'error',
		status: 429,
		code: 'rate_limit_exceeded',
		help_url: 'http://developers.box.com/docs/#errors',
		message: 'Request rate limit exceeded, please try again later',
		request_id: expect.stringMatching(/^[0-9a-f]{16}$/),
	});
}

describe("the sandbox's rate limit (Box's per-user limits, time-scaled)", () => {
	test('takes Box’s 100 creates at once, and answers the 101st with 429, retry-after and Box’s error, creating nothing', async () => {
		for (let i = 0; i < 100; i++) expect((await create(`deal-${i}`)).status).toBe(201);

		const over = await create('over');

		expectRateLimited(over);
		expect(sandbox.signRequests.size).toBe(100);
		expect([...sandbox.signRequests.values()].map((r) => r.external_id)).not.toContain('over');
	});

	test('accepts creates again once the oldest one is a (scaled) minute old', async () => {
		await create('a');
		clock += 500;
		sandbox.useUpCreates(98);
		await create('b');
		clock += 499;
		expectRateLimited(await create('c'), '0.016667');

		clock += 1;
		expect((await create('c')).status).toBe(201);
		expectRateLimited(await create('d'), '0.5');
	});

	test("answers retry-after in Box's whole seconds time-scaled like its minute: sixtieths of a second, rounded up", async () => {
		await create('a');
		clock += 10;
		sandbox.useUpCreates(99);

		clock += 10; // a leaves the window in 980 ms: 58.8 sixtieths, so 59
		expectRateLimited(await create('c'), '0.983334');
		clock += 960; // 20 ms to go: 1.2 sixtieths, so 2
		expectRateLimited(await create('c'), '0.033334');
		clock += 20;
		expect((await create('c')).status).toBe(201);
	});

	test('counts resends with creates, and reads against the limit of all calls', async () => {
		const created = await create('a');
		sandbox.advance(created.body.id, 'sent');
		sandbox.backdate(created.body.id, 15 * 60_000);
		sandbox.useUpCreates(98);
		const resend = await call(`/2.0/sign_requests/${created.body.id}/resend`, {
			method: 'POST',
			unchecked: true,
		});
		expect(resend.status).toBe(202);
		expectRateLimited(
			await call(`/2.0/sign_requests/${created.body.id}/resend`, {
				method: 'POST',
				unchecked: true,
			}),
		);

		// 100 calls so far count towards the 1 000 calls a second: 900 reads go, the 901st does not.
		for (let i = 0; i < 898; i++) expect((await call('/2.0/users/me')).status).toBe(200);
		expect((await call(`/2.0/sign_requests/${created.body.id}`)).status).toBe(200);
		expect((await call('/2.0/sign_requests')).status).toBe(200);
		expectRateLimited(await call('/2.0/sign_templates', { unchecked: true }));
	});

	test('limits per user, after the token check: a call without a valid token is a 401 and does not count', async () => {
		for (let i = 0; i < 5; i++) {
			expect((await call('/2.0/users/me', { token: 'wrong' })).status).toBe(401);
		}
		const me = await call('/2.0/users/me');

		expect(me.status).toBe(200);
		expect(sandbox.rateLimit.accepted['GET /2.0/users/me'].count).toBe(1);
	});

	test('counts accepted calls, 429s and creates per signer email and external_id', async () => {
		await create('deal-1', 'ana@example.com');
		clock += 10;
		await create('deal-1', 'ana@example.com');
		sandbox.useUpCreates(98);
		await create('deal-2', 'bo@example.com');

		expect(sandbox.rateLimit.accepted['POST /2.0/sign_requests']).toEqual({
			count: 2,
			firstAt: 1_000_000,
			lastAt: 1_000_010,
		});
		expect(sandbox.rateLimit.rateLimited).toEqual({ 'POST /2.0/sign_requests': 1 });
		expect(sandbox.rateLimit.limitReached).toEqual({
			'POST /2.0/sign_requests': { at: 1_000_010, acceptedBefore: 2 },
		});
		expect(sandbox.rateLimit.rateLimitedTotal).toBe(1);
		expect(sandbox.rateLimit.rateLimitedByExternalId).toEqual(new Map([['deal-2', 1]]));
		expect(sandbox.rateLimit.createsByExternalId).toEqual(new Map([['deal-1', 2]]));
		expect(sandbox.rateLimit.createsBySignerEmail).toEqual(new Map([['ana@example.com', 2]]));
		expect(sandbox.rateLimit.duplicatedExternalIds()).toEqual(['deal-1']);
	});

	test('does not count refused creates as created', async () => {
		const response = await call('/2.0/sign_requests', {
			method: 'POST',
			json: { ...createBody('bad'), signers: [{ email: 'x@example.com', role: 'boss' }] },
		});

		expect(response.status).toBe(400);
		expect(sandbox.rateLimit.createsByExternalId.size).toBe(0);
		expect(sandbox.rateLimit.accepted).toEqual({});
	});

	test('forgets its windows and counters on reset', async () => {
		await create('a');
		sandbox.useUpCreates(99);
		sandbox.reset();

		expect(sandbox.rateLimit.createsByExternalId.size).toBe(0);
		expect((await create('c')).status).toBe(201);
	});
});

describe('a sandbox whose Box minute lasts 10 seconds (10 creates a second)', () => {
	let scaled;
	beforeAll(async () => {
		scaled = await startSandbox({ rateLimit: { createsPerSecond: 10, now: () => clock } });
	});
	afterAll(() => scaled.close());

	test('counts Box’s 100 creates over 10 seconds, and answers retry-after in sixths of a second', async () => {
		const createThere = () =>
			fetch(`${scaled.baseUrl}/2.0/sign_requests`, {
				method: 'POST',
				headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
				body: JSON.stringify(createBody('late')),
			});
		scaled.useUpCreates(100);

		clock += 9000;
		const early = await createThere();
		expect(early.status).toBe(429);
		expect(early.headers.get('retry-after')).toBe('1');
		clock += 999;
		expect((await createThere()).headers.get('retry-after')).toBe('0.166667');
		clock += 1;
		expect((await createThere()).status).toBe(201);
	});
});

describe('a sandbox without a rate limit', () => {
	let unlimited;
	beforeAll(async () => {
		unlimited = await startSandbox();
	});
	afterAll(() => unlimited.close());

	test('refuses nothing and still counts creates', async () => {
		const responses = await Promise.all(
			Array.from({ length: 30 }, (_, i) =>
				fetch(`${unlimited.baseUrl}/2.0/sign_requests`, {
					method: 'POST',
					headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
					body: JSON.stringify(createBody(`deal-${i}`)),
				}).then(async (r) => ({ status: r.status, body: await r.json() })),
			),
		);

		expect(responses.map((r) => r.status)).toEqual(Array(30).fill(201));
		responses.forEach((r) => expectValid('SignRequest', r.body));
		expect(unlimited.rateLimit.createsByExternalId.size).toBe(30);
		expect(unlimited.rateLimit.rateLimitedTotal).toBe(0);
	});
});
