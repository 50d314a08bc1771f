// The Box Sign node in the real n8n editor, installed from `npm pack` as a community package: its
// form in Chromium, the credential's connection test and the AI agent tool n8n derives from it.
const {
	CREDENTIAL,
	SERVER_CREDENTIAL,
	n8nTargets,
	sandboxCredential,
} = require('../../scripts/lib/boxSignN8n');
const {
	CHROMIUM,
	hasChromium,
	login,
	openNodePanel,
	parameterInput,
	rest,
	startBoxSignEditor,
} = require('../../scripts/lib/editor');
const { sharedSetUp } = require('./fixture');

jest.setTimeout(180_000);

const WORKFLOW = 'editor-signers';
const PHONE = '+15551232190';
const PASSWORD = 'Acme-2026-Q4';

// In CI a missing browser is a failure, not a reason to skip.
const skipBrowser = !hasChromium() && !process.env.CI;
if (skipBrowser) {
	console.warn(
		`${CHROMIUM} not found: skipping the editor form test (apt-get install chromium runs it)`,
	);
}

describe.each(n8nTargets())('the real n8n editor (target %s)', (target) => {
	const n8n = sharedSetUp(() => startBoxSignEditor({ target, workflows: [WORKFLOW] }));
	let session;

	beforeAll(async () => {
		session = await login(n8n.editor.url);
	});

	(skipBrowser ? test.skip : test)(
		'shows the Create Sign Request form with the signer fields',
		async () => {
			const { panel, close } = await openNodePanel(session, {
				workflowId: n8n.workflowIds[WORKFLOW],
				nodeName: 'Box Sign',
			});
			try {
				for (const label of ['Email', 'Phone Verification Number', 'Password']) {
					const shown = panel.getByText(label, { exact: true }).first();
					await shown.waitFor();
					expect(await shown.isVisible()).toBe(true);
				}
				expect(await panel.locator(parameterInput('email')).count()).toBe(2);
				expect(
					await panel.locator(parameterInput('verificationPhoneNumber')).first().inputValue(),
				).toBe(PHONE);
				const password = panel.locator(parameterInput('password')).first();
				expect(await password.getAttribute('type')).toBe('password');
				expect(await password.inputValue()).toBe(PASSWORD);
			} finally {
				await close();
			}
		},
	);

	test("the OAuth2 credential's connection test reaches Box with the account's token", async () => {
		const result = await testCredential(oauth2CredentialWithToken());

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(n8n.sandbox.requests).toContainEqual(usersMe('sandbox-access-token'));
	});

	test("the OAuth2 credential's connection test fails when Box refuses the account", async () => {
		n8n.sandbox.failNext(1, { method: 'GET', path: '/2.0/users/me', status: 403 });

		const result = await testCredential(oauth2CredentialWithToken());

		expect(result).toEqual({ status: 'Error', message: expect.stringContaining('Forbidden') });
	});

	test("the server credential's Test button gets a token and reaches Box", async () => {
		// Exactly what the credential form sends: the stored data, secrets redacted by n8n.
		const { data: stored } = await rest(
			session,
			'GET',
			`/rest/credentials/${SERVER_CREDENTIAL.id}?includeData=true`,
		);

		const result = await testCredential({
			...SERVER_CREDENTIAL,
			type: stored.type,
			data: stored.data,
		});

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		const [tokenRequest, userRequest] = n8n.sandbox.requests;
		expect(tokenRequest).toMatchObject({
			method: 'POST',
			path: '/oauth2/token',
			body: { grant_type: 'client_credentials', client_secret: 'sandbox-client-secret' },
		});
		// With the token the sandbox has just issued, not the OAuth2 credential's.
		expect(userRequest).toMatchObject({ method: 'GET', path: '/2.0/users/me' });
		expect(userRequest.headers.authorization).toMatch(/^Bearer \S+$/);
		expect(userRequest.headers.authorization).not.toBe('Bearer sandbox-access-token');
	});

	test('is offered to AI agents as a tool with the signer fields', async () => {
		const nodeTypes = await rest(session, 'GET', '/types/nodes.json');
		const tool = nodeTypes.find((type) => type.name === 'n8n-nodes-box-sign.boxSignTool');

		expect(tool).toMatchObject({ displayName: 'Box Sign Tool', inputs: [], outputs: ['ai_tool'] });
		const signers = tool.properties.find((property) => property.name === 'signers');
		const fields = signers.options[0].values;
		expect(fields.map((field) => field.name)).toEqual(
			expect.arrayContaining(['email', 'verificationPhoneNumber', 'password']),
		);
		expect(fields.find((field) => field.name === 'password').typeOptions).toEqual({
			password: true,
		});
	});

	// The editor's credential form has no Test button for OAuth2 types; the endpoint still runs the
	// credential's test when the body carries the token data, as stored.
	function oauth2CredentialWithToken() {
		const { type, data } = sandboxCredential(n8n.sandbox);
		return { ...CREDENTIAL, type, data };
	}

	async function testCredential(credentials) {
		return (await rest(session, 'POST', '/rest/credentials/test', { credentials })).data;
	}
});

function usersMe(token) {
	return expect.objectContaining({
		method: 'GET',
		path: '/2.0/users/me',
		headers: expect.objectContaining({ authorization: `Bearer ${token}` }),
	});
}
