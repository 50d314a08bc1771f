import type { IDataObject } from 'n8n-workflow';

import { runBoxSign } from '../helpers/runBoxSign';
import { startSandbox, type Sandbox } from '../sandbox/server';

// Box's minute lasts 10 seconds: its 100 creates a minute per user become 10 a second.
const LIMITS = { createsPerSecond: 10 };

// 120 creates at 10 a second take 12 s at the least; leave room for a busy machine.
jest.setTimeout(180_000);

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ rateLimit: LIMITS });
});
afterAll(async () => sandbox.close());
beforeEach(() => sandbox.reset());

const deals = (count: number, prefix = 'deal') =>
	Array.from({ length: count }, (_, i) => ({
		dealId: `${prefix}-${i}`,
		email: `signer-${prefix}-${i}@example.com`,
	}));

const createFromItem = (options: IDataObject = {}) => ({
	resource: 'signRequest',
	operation: 'create',
	sourceFileIds: '1358047520478',
	parentFolderId: '234102987614',
	signers: { signer: [{ email: '={{ $json.email }}' }] },
	additionalFields: { externalId: '={{ $json.dealId }}' },
	options,
});

function expectEachCreatedOnceAndPaired(items: IDataObject[], output: { json: IDataObject }[]) {
	expect(output.map((item) => item.json.external_id)).toEqual(items.map((item) => item.dealId));
	const signerOf = (json: IDataObject) =>
		(json.signers as IDataObject[]).find((signer) => signer.role === 'signer')?.email;
	expect(output.map((item) => signerOf(item.json))).toEqual(items.map((item) => item.email));
	expect(sandbox.signRequests.size).toBe(items.length);
	expect(sandbox.rateLimit.duplicatedExternalIds()).toEqual([]);
	for (const item of items) {
		expect(sandbox.rateLimit.createsByExternalId.get(item.dealId as string)).toBe(1);
	}
}

describe('one execution of many items against Box’s rate limit', () => {
	test('120 creates at 10 a second all go, each created once, paired to its item, with at most one 429 each', async () => {
		const items = deals(120);

		const output = await runBoxSign({
			baseUrl: sandbox.baseUrl,
			parameters: createFromItem(),
			items,
		});

		expectEachCreatedOnceAndPaired(items, output);
		const rateLimitedPerItem = [...sandbox.rateLimit.rateLimitedByExternalId.values()];
		expect(Math.max(0, ...rateLimitedPerItem)).toBeLessThanOrEqual(1);
		expect(sandbox.rateLimit.accepted['POST /2.0/sign_requests'].count).toBe(120);
	});

	test('two executions at once on the same credential share the limiter: nothing lost or doubled', async () => {
		const first = deals(60, 'first');
		const second = deals(60, 'second');

		const outputs = await Promise.all(
			[first, second].map(
				async (items) =>
					await runBoxSign({ baseUrl: sandbox.baseUrl, parameters: createFromItem(), items }),
			),
		);

		expect(outputs[0].map((item) => item.json.external_id)).toEqual(first.map((i) => i.dealId));
		expect(outputs[1].map((item) => item.json.external_id)).toEqual(second.map((i) => i.dealId));
		expect(sandbox.signRequests.size).toBe(120);
		expect(sandbox.rateLimit.duplicatedExternalIds()).toEqual([]);
		const rateLimitedPerItem = [...sandbox.rateLimit.rateLimitedByExternalId.values()];
		expect(Math.max(0, ...rateLimitedPerItem)).toBeLessThanOrEqual(1);
		// One limiter for both: a few requests in flight found the limit, not one per item.
		expect(sandbox.rateLimit.rateLimitedTotal).toBeLessThan(20);
	});

	test('Max Rate-Limit Wait caps each wait but does not fail items under sustained load', async () => {
		const items = deals(30);
		sandbox.useUpCreates(90);

		const output = await runBoxSign({
			baseUrl: sandbox.baseUrl,
			parameters: createFromItem({ maxRateLimitWait: 1 }),
			items,
		});

		expectEachCreatedOnceAndPaired(items, output);
	});

	test('fails an item only when its total wait passes Max Total Rate-Limit Wait, saying what to change', async () => {
		sandbox.failNext(100, { status: 429, headers: { 'retry-after': '1' } });

		const error = await runBoxSign({
			baseUrl: sandbox.baseUrl,
			// 0.05 minutes: 3 seconds, room for a few 1-second waits.
			parameters: createFromItem({ maxTotalRateLimitWait: 0.05 }),
			items: deals(1),
		}).then(
			() => ({ message: 'no error', description: '' }),
			(e: { message: string; description: string }) => e,
		);

		expect(error.message).toMatch(/^Request rate limit exceeded, please try again later \(/);
		expect(error.message).toContain('while 0 other requests for this Box account went through');
		expect(error.message).toContain('Raise "Max Total Rate-Limit Wait (Minutes)" in the node');
		expect(error.description).toContain('HTTP status: 429');
		expect(sandbox.signRequests.size).toBe(0);
		const attempts = sandbox.requests.filter((r) => r.method === 'POST').length;
		expect(attempts).toBeGreaterThan(1);
		expect(attempts).toBeLessThanOrEqual(5);
	});

	test('25 downloads at once all finish: the file reads each one makes never wait for the others', async () => {
		const seeded = sandbox.seedSignRequests(25);
		for (const signRequest of seeded) sandbox.advance(signRequest.id, 'signed');

		const output = await runBoxSign({
			baseUrl: sandbox.baseUrl,
			parameters: {
				resource: 'signRequest',
				operation: 'download',
				signRequestId: '={{ $json.id }}',
			},
			items: seeded.map((signRequest: IDataObject) => ({ id: signRequest.id })),
		});

		expect(output.map((item) => item.json.id)).toEqual(seeded.map((r: IDataObject) => r.id));
		for (const item of output) expect(Object.keys(item.binary ?? {})).toContain('signing_log');
	});
});
