import { Expression } from 'n8n-workflow';

import { runBoxSign } from '../helpers/runBoxSign';
import { startSandbox, type Sandbox } from '../sandbox/server';

// n8n's expression engine is most of a declarative node's cost per item (README "Performance and
// scale"). RoutingNode itself resolves a form expression twice per item, and one inside a fixed
// collection four times; the node may add one read of its own, no more.
let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());

const ITEMS = 10;

async function evaluationsPerItem(run: () => Promise<unknown>): Promise<Map<unknown, number>> {
	const resolve = jest.spyOn(Expression.prototype, 'resolveSimpleParameterValue');
	try {
		await run();
		const counts = new Map<unknown, number>();
		for (const [expression] of resolve.mock.calls) {
			counts.set(expression, (counts.get(expression) ?? 0) + 1 / ITEMS);
		}
		return counts;
	} finally {
		resolve.mockRestore();
	}
}

const items = Array.from({ length: ITEMS }, (_, i) => ({
	email: `signer-${i}@example.com`,
	key: `deal-${i}`,
	id: `sign-request-${i}`,
}));

test('Create resolves a Signers expression 5 times per item and an Additional Fields one 3 times', async () => {
	const counts = await evaluationsPerItem(() =>
		runBoxSign({
			baseUrl: sandbox.baseUrl,
			parameters: {
				resource: 'signRequest',
				operation: 'create',
				sourceFileIds: '11',
				signers: { signer: [{ email: '={{ $json.email }}', role: 'signer' }] },
				additionalFields: { externalId: '={{ $json.key }}', emailSubject: 'Please sign' },
			},
			items,
		}),
	);

	expect(sandbox.signRequests.size).toBe(ITEMS);
	expect(counts.get('={{ $json.email }}')).toBeCloseTo(5);
	expect(counts.get('={{ $json.key }}')).toBeCloseTo(3);
	// And the credential's token URL: n8n reads the credential for each request, and twice per run.
	const others = [...counts].filter(([key]) => !String(key).includes('$json'));
	expect(others).toEqual([[expect.stringContaining('oauth2/token'), expect.any(Number)]]);
	expect(others[0][1]).toBeCloseTo(1 + 2 / ITEMS);
});

test('Get resolves the Sign Request ID expression 3 times per item', async () => {
	const counts = await evaluationsPerItem(() =>
		runBoxSign({
			baseUrl: sandbox.baseUrl,
			parameters: { resource: 'signRequest', operation: 'get', signRequestId: '={{ $json.id }}' },
			items,
			continueOnFail: true,
		}),
	);

	expect(counts.get('={{ $json.id }}')).toBeCloseTo(3);
});
