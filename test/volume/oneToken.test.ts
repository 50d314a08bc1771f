import type { IDataObject } from 'n8n-workflow';

import { runBoxSign } from '../helpers/runBoxSign';
import { startSandbox, type Sandbox } from '../sandbox/server';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());
beforeEach(() => sandbox.reset());

// The token cache lives in the credential's module: each test acts as its own Box subject.
const createWithClientCredentials = (subjectId: string, items: IDataObject[]) =>
	runBoxSign({
		baseUrl: sandbox.baseUrl,
		parameters: {
			authentication: 'clientCredentials',
			resource: 'signRequest',
			operation: 'create',
			sourceFileIds: '11',
			signers: { signer: [{ email: '={{ $json.email }}' }] },
		},
		items,
		clientCredentials: {
			clientId: 'sandbox-client-id',
			clientSecret: 'sandbox-client-secret',
			subjectType: 'user',
			subjectId,
		},
	});

const fiveSigners = Array.from({ length: 5 }, (_, i) => ({ email: `signer-${i}@example.com` }));
const tokenRequests = () => sandbox.requests.filter((r) => r.path === '/oauth2/token');
const createAnswers = () => sandbox.requests.filter((r) => r.path === '/2.0/sign_requests');

describe('one Client Credentials token for many items', () => {
	test('5 items of one execution make one token request and all send with that token', async () => {
		const output = await createWithClientCredentials('1001', fiveSigners);

		expect(output.map((item) => item.json.type)).toEqual(Array(5).fill('sign-request'));
		expect(tokenRequests()).toHaveLength(1);
		const authorizations = new Set(createAnswers().map((r) => r.headers.authorization));
		expect(authorizations.size).toBe(1);
		expect(sandbox.signRequests.size).toBe(5);
	});

	test('the next execution reuses the token while Box accepts it', async () => {
		await createWithClientCredentials('1002', fiveSigners.slice(0, 1));
		sandbox.requests.length = 0;

		await createWithClientCredentials('1002', fiveSigners);

		expect(tokenRequests()).toHaveLength(0);
		expect(sandbox.signRequests.size).toBe(6);
	});

	test('when Box refuses the token (401), exactly one new token request goes, for all items', async () => {
		await createWithClientCredentials('1003', fiveSigners.slice(0, 1));
		// The sandbox forgets every token it issued, as Box does when a token is revoked.
		sandbox.reset();

		const output = await createWithClientCredentials('1003', fiveSigners);

		expect(output.map((item) => item.json.type)).toEqual(Array(5).fill('sign-request'));
		expect(tokenRequests()).toHaveLength(1);
		expect(sandbox.signRequests.size).toBe(5);
		const [, newToken] = [...new Set(createAnswers().map((r) => r.headers.authorization))];
		expect(newToken).toMatch(/^Bearer \S+$/);
	});

	test('a token about to expire (Box’s expires_in) is not handed out again', async () => {
		sandbox.failNext(1, {
			path: '/oauth2/token',
			status: 200,
			body: {
				access_token: 'sandbox-access-token',
				expires_in: 30,
				restricted_to: [],
				token_type: 'bearer',
			},
		});
		await createWithClientCredentials('1004', fiveSigners.slice(0, 1));

		await createWithClientCredentials('1004', fiveSigners.slice(0, 1));

		expect(tokenRequests()).toHaveLength(2);
		expect(sandbox.signRequests.size).toBe(2);
	});

	test('a refused secret fails every item with one token request, and the next run asks again', async () => {
		const run = () =>
			runBoxSign({
				baseUrl: sandbox.baseUrl,
				parameters: {
					authentication: 'clientCredentials',
					resource: 'signRequest',
					operation: 'create',
					sourceFileIds: '11',
					signers: { signer: [{ email: '={{ $json.email }}' }] },
				},
				items: fiveSigners,
				continueOnFail: true,
				clientCredentials: {
					clientId: 'sandbox-client-id',
					clientSecret: 'not-the-secret',
					subjectType: 'user',
					subjectId: '1005',
				},
			});

		const output = await run();
		await run();

		expect(output.map((item) => item.error?.message)).toEqual(
			Array(5).fill(expect.stringMatching(/^Box refused the client credentials/)),
		);
		expect(tokenRequests()).toHaveLength(2);
		expect(JSON.stringify(output)).not.toContain('not-the-secret');
		expect(createAnswers()).toHaveLength(0);
	});
});
