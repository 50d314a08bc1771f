import { runBoxSign } from './helpers/runBoxSign';
import { startSandbox, type Sandbox } from './sandbox/server';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());
beforeEach(() => sandbox.reset());

const createWithClientCredentials = (clientSecret = 'sandbox-client-secret') =>
	runBoxSign({
		baseUrl: sandbox.baseUrl,
		parameters: {
			authentication: 'clientCredentials',
			resource: 'signRequest',
			operation: 'create',
			sourceFileIds: '11',
			signers: { signer: [{ email: 'ada@example.com' }] },
		},
		clientCredentials: {
			clientId: 'sandbox-client-id',
			clientSecret,
			subjectType: 'enterprise',
			subjectId: '1234567',
		},
	});

describe('Box Sign Client Credentials API', () => {
	test('gets a token with the client credentials grant, then sends with it', async () => {
		const [item] = await createWithClientCredentials();

		const [token, create] = sandbox.requests;
		expect(token).toMatchObject({ method: 'POST', path: '/oauth2/token' });
		expect(token.body).toEqual({
			grant_type: 'client_credentials',
			client_id: 'sandbox-client-id',
			client_secret: 'sandbox-client-secret',
			box_subject_type: 'enterprise',
			box_subject_id: '1234567',
		});
		expect(create.path).toBe('/2.0/sign_requests');
		expect(create.headers.authorization).toMatch(/^Bearer \S+$/);
		expect(create.headers.authorization).not.toBe('Bearer sandbox-access-token');
		expect(item.json.type).toBe('sign-request');
	});

	test('a wrong secret says what to check and never shows the secret', async () => {
		const error = await createWithClientCredentials('wrong-secret-value').catch((e) => e);

		expect(error.message).toMatch(
			/^Box refused the client credentials: .*Check the Client ID, the Client Secret/,
		);
		expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(
			'wrong-secret-value',
		);
		expect(sandbox.requests.filter((r) => r.path === '/2.0/sign_requests')).toHaveLength(0);
	});
});
