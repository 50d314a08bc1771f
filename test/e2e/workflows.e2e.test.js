// Workflows run by a real n8n process (`n8n execute`), with the package installed from `npm pack`
// the way users install community nodes, against the local Box Sign sandbox.
const { nodeOutput } = require('../../scripts/lib/n8n-runtime');
const {
	CREDENTIAL,
	SERVER_CREDENTIAL,
	n8nTargets,
	prepareSandboxAndN8n,
	readWorkflow,
} = require('../../scripts/lib/boxSignN8n');
const { sharedSetUp } = require('./fixture');

jest.setTimeout(600_000);

const PHONE_SEED =
	'{"is_document_preparation_needed":true,"is_phone_verification_required_to_view":true,' +
	'"parent_folder":{"id":"234102987614","type":"folder"},' +
	'"source_files":[{"id":"1358047520478","type":"file"}],' +
	'"signers":[{"email":"verify@example.com","role":"signer","verification_phone_number":"+15551232190"}]}';
const PASSWORD_SEED =
	'{"is_document_preparation_needed":true,' +
	'"parent_folder":{"id":"234102987614","type":"folder"},' +
	'"source_files":[{"id":"1358047520478","type":"file"}],' +
	'"signers":[{"email":"verify@example.com","role":"signer","password":"1234"}]}';

const TRIGGER = 'Start';

/** A linear workflow: manual trigger → the given nodes, in order. */
function workflow(name, nodes) {
	const all = [
		{ name: TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
		...nodes,
	].map((node, index) => ({ id: `node-${index}`, position: [index * 220, 0], ...node }));
	const connections = {};
	for (let i = 0; i < all.length - 1; i++) {
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { name, nodes: all, connections, settings: { executionOrder: 'v1' } };
}

function boxSign(name, parameters, extra = {}) {
	return {
		name,
		type: 'n8n-nodes-box-sign.boxSign',
		typeVersion: 1,
		parameters,
		credentials: { boxSignOAuth2Api: { ...CREDENTIAL } },
		...extra,
	};
}

function setJson(name, json) {
	return {
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: { mode: 'raw', jsonOutput: JSON.stringify(json), options: {} },
	};
}

const splitOut = (field) => ({
	name: 'One item per contact',
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	parameters: { fieldToSplitOut: field, options: {} },
});

const seedCreate = (signer, additionalFields) => ({
	resource: 'signRequest',
	operation: 'create',
	sourceFileIds: '1358047520478',
	parentFolderId: '234102987614',
	signers: { signer: [{ email: 'verify@example.com', role: 'signer', ...signer }] },
	additionalFields,
});

describe.each(n8nTargets())('in real n8n (target %s)', (target) => {
	const n8n = sharedSetUp(() =>
		prepareSandboxAndN8n({ target, sandboxOptions: { echoPasswords: true } }),
	);

	const creates = () =>
		n8n.sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/2.0/sign_requests');

	test('the demo workflow creates a phone-verified and a password-protected sign request', async () => {
		const result = await n8n.run(await readWorkflow('demo-crm-contact'));

		expect(result.error).toBeUndefined();
		const [signRequest] = nodeOutput(result.result, 'Box Sign');
		expect(signRequest).toMatchObject({
			type: 'sign-request',
			status: 'sent',
			external_id: 'HS-48213',
		});
		expect(creates()[0].body.signers).toEqual([
			{
				email: 'ada.lovelace@example.com',
				role: 'signer',
				order: 1,
				verification_phone_number: '+15551232190',
			},
			{ email: 'cfo@example.com', role: 'approver', order: 2, password: 'Acme-2026-Q4' },
		]);
		expect(JSON.stringify(result.result)).not.toContain('"password":"Acme-2026-Q4"');
	});

	test("sends Box's phone verification example byte for byte", async () => {
		const result = await n8n.run(
			workflow('Seed: phone', [
				boxSign(
					'Box Sign',
					seedCreate(
						{ verificationPhoneNumber: '+15551232190' },
						{ isDocumentPreparationNeeded: true, isPhoneVerificationRequiredToView: true },
					),
				),
			]),
		);

		expect(result.error).toBeUndefined();
		expect(creates().map((r) => r.rawBody)).toEqual([PHONE_SEED]);
		expect(nodeOutput(result.result, 'Box Sign')[0].status).toBe('converting');
	});

	test("sends Box's password example byte for byte and outputs no password", async () => {
		const result = await n8n.run(
			workflow('Seed: password', [
				boxSign(
					'Box Sign',
					seedCreate({ password: '1234' }, { isDocumentPreparationNeeded: true }),
				),
			]),
		);

		expect(creates().map((r) => r.rawBody)).toEqual([PASSWORD_SEED]);
		const [output] = nodeOutput(result.result, 'Box Sign');
		expect(output.signers.map((signer) => signer.password)).not.toContain('1234');
		expect(JSON.stringify(output)).not.toContain('"1234"');
	});

	const contacts = [
		{ dealId: 'D-1', email: 'ada@example.com', phone: '+15550000001' },
		{ dealId: 'D-2', email: 'grace@example.com', phone: '+15550000002' },
		{ dealId: 'D-3', email: 'alan@example.com', phone: '={{ "555 000 0003" }}' },
	];
	const mappedCreate = {
		resource: 'signRequest',
		operation: 'create',
		sourceFileIds: '11',
		signers: {
			signer: [{ email: '={{ $json.email }}', verificationPhoneNumber: '={{ $json.phone }}' }],
		},
		additionalFields: { externalId: '={{ $json.dealId }}' },
	};

	test('three CRM items become three sign requests, each output paired with its item', async () => {
		const valid = contacts.map((c, i) => ({ ...c, phone: `+1555000000${i + 1}` }));
		const result = await n8n.run(
			workflow('Three items', [
				setJson('Contacts', { contacts: valid }),
				splitOut('contacts'),
				boxSign('Box Sign', mappedCreate),
			]),
		);

		expect(result.error).toBeUndefined();
		expect(creates()).toHaveLength(3);
		expect(
			creates()
				.map((r) => r.body.external_id)
				.sort(),
		).toEqual(['D-1', 'D-2', 'D-3']);
		expect(nodeOutput(result.result, 'Box Sign').map((item) => item.external_id)).toEqual([
			'D-1',
			'D-2',
			'D-3',
		]);
	});

	test('a bad phone number fails the execution with our message and sends nothing for it', async () => {
		const result = await n8n.run(
			workflow('Bad phone', [
				setJson('Contact', { email: 'ada@example.com', phone: '555-123-2190', dealId: 'D-9' }),
				boxSign('Box Sign', mappedCreate),
			]),
		);

		expect(result.ok).toBe(false);
		expect(result.error).toMatch(
			/^Signer 1: Phone Verification Number "555-123-2190" has no country code: .* \[item 0\]$/,
		);
		expect(n8n.sandbox.requests).toHaveLength(0);
	});

	test('with Continue On Fail the bad item becomes an error item and the run goes on', async () => {
		const items = [
			{ dealId: 'D-1', email: 'ada@example.com', phone: '+15550000001' },
			{ dealId: 'D-2', email: 'grace@example.com', phone: '555 000 0002' },
			{ dealId: 'D-3', email: 'alan@example.com', phone: '+15550000003' },
		];
		const result = await n8n.run(
			workflow('Continue on fail', [
				setJson('Contacts', { contacts: items }),
				splitOut('contacts'),
				boxSign('Box Sign', mappedCreate, { onError: 'continueRegularOutput' }),
				{ name: 'Next step', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} },
			]),
		);

		expect(result.ok).toBe(true);
		expect(creates()).toHaveLength(2);
		const after = nodeOutput(result.result, 'Next step');
		expect(after).toHaveLength(3);
		expect(after[1].error).toMatch(/^Signer 1: Phone Verification Number "555 000 0002"/);
		expect(after[0].external_id).toBe('D-1');
		expect(after[2].external_id).toBe('D-3');
	});

	test('create, wait until ready, get, then download the signed files', async () => {
		const created = await n8n.run(
			workflow('Create, wait and get', [
				boxSign('Create', {
					...mappedCreate,
					sourceFileIds: '1358047520478',
					signers: { signer: [{ email: 'ada@example.com', embedUrlExternalUserId: 'crm-1' }] },
					additionalFields: {},
					options: { waitUntilReady: true },
				}),
				boxSign('Get', {
					resource: 'signRequest',
					operation: 'get',
					signRequestId: '={{ $json.id }}',
				}),
			]),
		);
		expect(created.error).toBeUndefined();
		const [ready] = nodeOutput(created.result, 'Create');
		expect(ready.status).toBe('sent');
		expect(ready.signers.find((s) => s.email === 'ada@example.com').embed_url).toMatch(/^https?:/);
		const [fetched] = nodeOutput(created.result, 'Get');
		expect(fetched.id).toBe(ready.id);

		n8n.sandbox.advance(ready.id, 'signed');
		const downloaded = await n8n.run(
			workflow('Download', [
				boxSign('Download', {
					resource: 'signRequest',
					operation: 'download',
					signRequestId: ready.id,
				}),
			]),
		);

		expect(downloaded.error).toBeUndefined();
		const runData = downloaded.result.data.resultData.runData.Download[0].data.main[0][0];
		expect(Object.keys(runData.binary)).toEqual(['document_0', 'signing_log']);
		expect(runData.binary.document_0).toMatchObject({
			mimeType: 'application/pdf',
			fileExtension: 'pdf',
		});
		expect(n8n.sandbox.downloadRequests).toHaveLength(2);
		expect(n8n.sandbox.downloadRequests.map((r) => r.headers.authorization)).toEqual([
			undefined,
			undefined,
		]);
	});

	// n8n 1.x puts an item on the error output only when its json is `{ error }` or
	// `{ error, message }`; there the item with `details` stays on the main output, data intact.
	test('a Wait Until Ready timeout keeps the ID in the error item, and Get resumes from it', async () => {
		const output = target === '1' ? 0 : 1;
		const stillConverting = { type: 'sign-request', id: 'polled', status: 'converting' };
		n8n.sandbox.failNext(1, {
			method: 'GET',
			path: /^\/2\.0\/sign_requests\//,
			status: 200,
			body: stillConverting,
		});
		const definition = workflow('Timeout, then resume', [
			boxSign(
				'Create',
				{ ...seedCreate({}, {}), options: { waitUntilReady: true, waitTimeout: 1 } },
				{ onError: 'continueErrorOutput' },
			),
			boxSign('Resume', {
				resource: 'signRequest',
				operation: 'get',
				signRequestId: '={{ $json.details.id }}',
			}),
		]);
		const resume = [{ node: 'Resume', type: 'main', index: 0 }];
		definition.connections.Create = { main: output === 1 ? [[], resume] : [resume] };

		const result = await n8n.run(definition);

		const [id] = n8n.sandbox.signRequests.keys();
		const errorOutput = result.result.data.resultData.runData.Create[0].data.main[output];
		expect(errorOutput.map((item) => item.json)).toEqual([
			{
				error: expect.stringContaining(`(ID ${id}, status converting)`),
				details: { id, status: 'converting' },
			},
		]);
		expect(nodeOutput(result.result, 'Resume')[0].id).toBe(id);
		expect(creates()).toHaveLength(1);
	});

	test('waits as Box says on a 429 and creates exactly once', async () => {
		n8n.sandbox.failNext(1, {
			method: 'POST',
			path: '/2.0/sign_requests',
			status: 429,
			headers: { 'retry-after': '2' },
		});

		const result = await n8n.run(
			workflow('Rate limited', [boxSign('Box Sign', seedCreate({}, {}))]),
		);

		expect(result.error).toBeUndefined();
		expect(creates()).toHaveLength(2);
		// n8n 1.x's NodeApiError keeps no headers of Box's answer (its base class declares `cause`
		// as a field, which wipes the HTTP error it wraps): there the node backs off (≥ 1 s) instead.
		const waitedMs = creates()[1].receivedAt - creates()[0].receivedAt;
		expect(waitedMs).toBeGreaterThanOrEqual(target === '1' ? 1000 : 2000);
	});

	test('after a 500 on create, fails the item saying the request may exist, without resending', async () => {
		n8n.sandbox.failNext(1, { method: 'POST', path: '/2.0/sign_requests', status: 500 });

		const result = await n8n.run(
			workflow('Server error', [boxSign('Box Sign', seedCreate({}, { externalId: 'deal-42' }))]),
		);

		expect(result.ok).toBe(false);
		expect(result.error).toMatch(
			/^Box may or may not have created this sign request \(External ID "deal-42"\)/,
		);
		expect(creates()).toHaveLength(1);
	});

	test('the Client Credentials credential gets its own token and lists sign requests', async () => {
		n8n.sandbox.seedSignRequests(3);

		const result = await n8n.run(
			workflow('Client credentials', [
				boxSign(
					'Box Sign',
					{
						authentication: 'clientCredentials',
						resource: 'signRequest',
						operation: 'getAll',
						returnAll: true,
					},
					{ credentials: { boxSignClientCredentialsApi: { ...SERVER_CREDENTIAL } } },
				),
			]),
		);

		expect(result.error).toBeUndefined();
		expect(nodeOutput(result.result, 'Box Sign')).toHaveLength(3);
		const [token, list] = n8n.sandbox.requests;
		expect(token.body).toMatchObject({
			grant_type: 'client_credentials',
			box_subject_type: 'enterprise',
			box_subject_id: '1234567',
		});
		expect(list.headers.authorization).toMatch(/^Bearer /);
		expect(list.headers.authorization).not.toBe('Bearer sandbox-access-token');
	});

	test("no secret reaches the output or n8n's debug logs", async () => {
		n8n.sandbox.failNext(1, {
			method: 'POST',
			path: '/2.0/sign_requests',
			status: 400,
			body: { type: 'error', status: 400, code: 'bad_request', message: 'Nope', request_id: 'r1' },
		});

		const result = await n8n.run(
			workflow('Secrets', [
				boxSign('Box Sign', seedCreate({ password: '={{ $env.SIGNER_PASSWORD }}' }, {})),
			]),
			{ env: { SIGNER_PASSWORD: 'Env-Secret-Pa55', N8N_LOG_LEVEL: 'debug' } },
		);

		expect(creates()[0].body.signers[0].password).toBe('Env-Secret-Pa55');
		const everything = `${result.stdout}\n${result.stderr}`;
		expect(everything).toMatch(/"level":"debug"/);
		for (const secret of [
			'Env-Secret-Pa55',
			'sandbox-access-token',
			'sandbox-refresh-token',
			'sandbox-client-secret',
		]) {
			expect(everything).not.toContain(secret);
		}
	});
});
