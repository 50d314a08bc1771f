// Volume in a real n8n process (`n8n execute`), package installed from `npm pack`: many items
// against the sandbox enforcing Box's per-user rate limit (time-scaled), and one Client
// Credentials token for many items.
const { nodeOutput } = require('../../scripts/lib/n8n-runtime');
const {
	CREDENTIAL,
	SERVER_CREDENTIAL,
	n8nTargets,
	prepareSandboxAndN8n,
} = require('../../scripts/lib/boxSignN8n');
const { sharedSetUp } = require('./fixture');

jest.setTimeout(600_000);

// Box's minute lasts 10 seconds: its 100 creates a minute per user become 10 a second.
const LIMITS = { createsPerSecond: 10 };

/** Manual trigger → contacts → one item per contact → Box Sign create. */
function createForEachContact(name, contacts, boxSignNode) {
	const nodes = [
		{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
		{
			name: 'Contacts',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ contacts }), options: {} },
		},
		{
			name: 'One item per contact',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'contacts', options: {} },
		},
		{ name: 'Box Sign', type: 'n8n-nodes-box-sign.boxSign', typeVersion: 1, ...boxSignNode },
	].map((node, index) => ({ id: `node-${index}`, position: [index * 220, 0], ...node }));
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

const contacts = (count) =>
	Array.from({ length: count }, (_, i) => ({
		dealId: `deal-${i}`,
		email: `signer-${i}@example.com`,
	}));

const createParameters = (authentication) => ({
	authentication,
	resource: 'signRequest',
	operation: 'create',
	sourceFileIds: '1358047520478',
	parentFolderId: '234102987614',
	signers: { signer: [{ email: '={{ $json.email }}' }] },
	additionalFields: { externalId: '={{ $json.dealId }}' },
});

describe.each(n8nTargets())('volume in real n8n (target %s)', (target) => {
	const n8n = sharedSetUp(() =>
		prepareSandboxAndN8n({ target, sandboxOptions: { rateLimit: LIMITS } }),
	);

	// n8n 1.x keeps none of a 429's headers (README "Compatibility"): without retry-after the node
	// backs off 1 s, 2 s, 4 s, 8 s, so an item may meet Box's (10-second) minute up to 4 times.
	const most429sPerItem = target === '1' ? 4 : 1;
	const most429s = most429sPerItem === 1 ? 'one 429' : `${most429sPerItem} 429s`;

	test(`120 items at 10 creates a second: 120 sign requests, each created once and paired, at most ${most429s} each`, async () => {
		const items = contacts(120);

		const result = await n8n.run(
			createForEachContact('120 contacts', items, {
				parameters: createParameters('oAuth2'),
				credentials: { boxSignOAuth2Api: { ...CREDENTIAL } },
			}),
		);

		expect(result.error).toBeUndefined();
		const output = nodeOutput(result.result, 'Box Sign');
		expect(output.map((item) => item.external_id)).toEqual(items.map((item) => item.dealId));
		expect(n8n.sandbox.signRequests.size).toBe(120);
		expect(n8n.sandbox.rateLimit.duplicatedExternalIds()).toEqual([]);
		const rateLimitedPerItem = [...n8n.sandbox.rateLimit.rateLimitedByExternalId.values()];
		expect(Math.max(0, ...rateLimitedPerItem)).toBeLessThanOrEqual(most429sPerItem);
	});

	test('5 items on Client Credentials make one token request', async () => {
		const result = await n8n.run(
			createForEachContact('5 contacts, server credential', contacts(5), {
				parameters: createParameters('clientCredentials'),
				credentials: { boxSignClientCredentialsApi: { ...SERVER_CREDENTIAL } },
			}),
		);

		expect(result.error).toBeUndefined();
		expect(nodeOutput(result.result, 'Box Sign')).toHaveLength(5);
		expect(n8n.sandbox.requests.filter((r) => r.path === '/oauth2/token')).toHaveLength(1);
		expect(n8n.sandbox.signRequests.size).toBe(5);
	});

	test('after Box refuses the stored token, the next execution makes exactly one new token request', async () => {
		// The token n8n stored in the previous test is unknown to the reset sandbox: a 401 for each item.
		const result = await n8n.run(
			createForEachContact('5 contacts, revoked token', contacts(5), {
				parameters: createParameters('clientCredentials'),
				credentials: { boxSignClientCredentialsApi: { ...SERVER_CREDENTIAL } },
			}),
		);

		expect(result.error).toBeUndefined();
		expect(nodeOutput(result.result, 'Box Sign')).toHaveLength(5);
		expect(n8n.sandbox.requests.filter((r) => r.path === '/oauth2/token')).toHaveLength(1);
		expect(n8n.sandbox.signRequests.size).toBe(5);
		const creates = n8n.sandbox.requests.filter((r) => r.path === '/2.0/sign_requests');
		// The refused stored token, then the one new token.
		expect(new Set(creates.map((r) => r.headers.authorization)).size).toBe(2);
	});
});
