'use strict';

const { startSandbox } = require('./server');
const { toJsonSchema, validateSchema } = require('./openapi');
const {
	TOKEN,
	createClient,
	expectBoxError,
	expectValid,
	notFoundMessage,
} = require('./testClient');

// The bodies the node sends (Box's "Extra security" guide examples).
const PHONE_SEED = {
	is_document_preparation_needed: true,
	is_phone_verification_required_to_view: true,
	parent_folder: { id: '234102987614', type: 'folder' },
	source_files: [{ id: '1358047520478', type: 'file' }],
	signers: [
		{ email: 'verify@example.com', role: 'signer', verification_phone_number: '+15551232190' },
	],
};
const PASSWORD_SEED = {
	is_document_preparation_needed: true,
	parent_folder: { id: '234102987614', type: 'folder' },
	source_files: [{ id: '1358047520478', type: 'file' }],
	signers: [{ email: 'verify@example.com', role: 'signer', password: '1234' }],
};

let sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const call = createClient(() => sandbox);

const createSignRequest = (json, options) =>
	call('/2.0/sign_requests', { method: 'POST', json, ...options });

describe('POST /2.0/sign_requests', () => {
	test.each([
		['phone verification', PHONE_SEED],
		['a password', PASSWORD_SEED],
	])('accepts the seed request with %s and answers a schema-valid SignRequest', async (_, seed) => {
		const response = await createSignRequest(seed);

		expect(response.status).toBe(201);
		expectValid('SignRequest', response.body);
		expect(response.body).toMatchObject({
			type: 'sign-request',
			status: 'converting',
			is_document_preparation_needed: true,
			parent_folder: { id: '234102987614', type: 'folder' },
			source_files: [{ id: '1358047520478', type: 'file', file_version: { type: 'file_version' } }],
			sender_email: 'sender@example.com',
			sender_id: 18115451,
		});
		expect(response.body.id).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
		);
		expect(response.body.prepare_url).toMatch(
			/^https:\/\/app\.box\.com\/sign\/document\/.+\/prepare_doc\/$/,
		);
		expect(response.body.sign_files.files).toHaveLength(1);
		expect(response.body.signing_log).toMatchObject({ type: 'file' });
	});

	test('returns the signers with the requester added as final_copy_reader, and no password', async () => {
		const { body } = await createSignRequest(PASSWORD_SEED);

		expect(body.signers).toEqual([
			expect.objectContaining({ email: 'sender@example.com', role: 'final_copy_reader' }),
			expect.objectContaining({
				email: 'verify@example.com',
				role: 'signer',
				has_viewed_document: false,
				signer_decision: null,
				inputs: [],
				embed_url: null,
				verification_phone_number: null,
			}),
		]);
		expect(body.signers[1]).not.toHaveProperty('password');
		expect(JSON.stringify(sandbox.signRequests.get(body.id))).not.toContain('"password"');
		expect(JSON.stringify(body)).not.toContain('1234"');
	});

	test('with echoPasswords, answers with the passwords real Box never returns', async () => {
		const echoing = await startSandbox({ echoPasswords: true });
		try {
			const response = await fetch(`${echoing.baseUrl}/2.0/sign_requests`, {
				method: 'POST',
				headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
				body: JSON.stringify(PASSWORD_SEED),
			});
			const { id, signers } = await response.json();
			const read = await fetch(`${echoing.baseUrl}/2.0/sign_requests/${id}`, {
				headers: { authorization: `Bearer ${TOKEN}` },
			});

			expect(signers[1]).toMatchObject({ email: 'verify@example.com', password: '1234' });
			expect(signers[0]).not.toHaveProperty('password');
			expect((await read.json()).signers[1].password).toBe('1234');
		} finally {
			await echoing.close();
		}
	});

	test('accepts but does not echo the retired is_phone_verification_required_to_view', async () => {
		const { body } = await createSignRequest(PHONE_SEED);

		expect(body).not.toHaveProperty('is_phone_verification_required_to_view');
		expect(body.signers[1].verification_phone_number).toBe('+15551232190');
	});

	test('echoes the optional fields and computes auto_expire_at from days_valid', async () => {
		const before = Date.now();
		const { status, body } = await createSignRequest({
			...PASSWORD_SEED,
			is_document_preparation_needed: false,
			name: 'NDA.pdf',
			days_valid: 10,
			email_subject: 'Please sign',
			email_message: 'Hello',
			signature_color: 'blue',
			external_id: 'crm-42',
			are_reminders_enabled: true,
			redirect_url: 'https://example.com/done',
			prefill_tags: [{ document_tag_id: 'company', text_value: 'Acme' }],
			signers: [
				{
					email: 'a@example.com',
					order: 1,
					signer_group_id: 'legal',
					embed_url_external_user_id: 'u-1',
				},
				{ email: 'b@example.com', order: 1, signer_group_id: 'legal', language: 'de' },
				{ email: 'c@example.com', role: 'approver', order: 2, signer_group_id: 'solo' },
			],
		});

		expect(status).toBe(201);
		expectValid('SignRequest', body);
		expect(body).toMatchObject({
			name: 'NDA.pdf',
			days_valid: 10,
			email_subject: 'Please sign',
			email_message: 'Hello',
			signature_color: 'blue',
			external_id: 'crm-42',
			are_reminders_enabled: true,
			redirect_url: 'https://example.com/done',
			prefill_tags: [{ document_tag_id: 'company', text_value: 'Acme' }],
			prepare_url: null,
		});
		const expiresIn = Date.parse(body.auto_expire_at) - Date.parse(body.created_at);
		expect(expiresIn).toBe(10 * 24 * 60 * 60 * 1000);
		expect(Date.parse(body.created_at)).toBeGreaterThanOrEqual(before - 1000);

		const [, a, b, c] = body.signers;
		expect(a.signer_group_id).toMatch(/^[0-9a-f-]{36}$/);
		expect(b.signer_group_id).toBe(a.signer_group_id);
		expect(c.signer_group_id).toBeNull();
		expect(a.embed_url).toMatch(/^https:\/\/app\.box\.com\/sign\/document\//);
		expect(a.iframeable_embed_url).toMatch(/^https:\/\/app\.box\.com\/embed\/sign\/document\//);
		expect(b).toMatchObject({ order: 1, language: 'de', embed_url: null });
		expect(c).toMatchObject({ role: 'approver', order: 2 });
	});

	test('defaults parent_folder to "My Sign Requests" and accepts nulls where Box allows them', async () => {
		const { status, body } = await createSignRequest({
			source_files: [{ id: '1', type: 'file' }],
			signers: [{ email: 'a@example.com', verification_phone_number: null }],
			signature_color: null,
			days_valid: null,
		});

		expect(status).toBe(201);
		expectValid('SignRequest', body);
		expect(body.parent_folder).toMatchObject({ type: 'folder', name: 'My Sign Requests' });
		expect(body.auto_expire_at).toBeNull();
		expect(body.prepare_url).toBeNull();
	});

	test('does not add the requester twice when they already sign', async () => {
		const { body } = await createSignRequest({
			source_files: [{ id: '1', type: 'file' }],
			signers: [{ email: 'sender@example.com' }],
		});

		expect(body.signers).toEqual([
			expect.objectContaining({ email: 'sender@example.com', role: 'signer' }),
		]);
	});

	test('accepts a template_id instead of source_files', async () => {
		const { status, body } = await createSignRequest({
			template_id: '123075213-af2c8822-3ef2-4952-8557-52d69c2fe9cb',
			signers: [{ email: 'a@example.com' }],
		});

		expect(status).toBe(201);
		expectValid('SignRequest', body);
		expect(body.template_id).toBe('123075213-af2c8822-3ef2-4952-8557-52d69c2fe9cb');
	});

	const signer = { email: 'a@example.com' };
	const file = { id: '1', type: 'file' };
	test.each([
		[
			'an unknown role',
			{ source_files: [file], signers: [{ ...signer, role: 'boss' }] },
			'signers[0].role',
			'boss',
		],
		[
			'days_valid over 730',
			{ source_files: [file], signers: [signer], days_valid: 731 },
			'days_valid',
			'730',
		],
		[
			'11 source files',
			{ source_files: Array(11).fill(file), signers: [signer] },
			'source_files',
			'10',
		],
		[
			'a negative order',
			{ source_files: [file], signers: [{ ...signer, order: -1 }] },
			'signers[0].order',
			'0',
		],
		[
			'login_required with a phone number',
			{
				source_files: [file],
				signers: [
					signer,
					{ ...signer, login_required: true, verification_phone_number: '+15551232190' },
				],
			},
			'signers[1].login_required',
			'signers[1].verification_phone_number',
		],
		['no source_files nor template_id', { signers: [signer] }, 'source_files', 'template_id'],
		[
			'an empty source_files',
			{ source_files: [], signers: [signer] },
			'source_files',
			'template_id',
		],
		['36 signers', { source_files: [file], signers: Array(36).fill(signer) }, 'signers', '35'],
		['no signers', { source_files: [file] }, 'signers', 'required'],
		['an empty signers list', { source_files: [file], signers: [] }, 'signers', 'at least 1'],
		[
			'a malformed email',
			{ source_files: [file], signers: [{ email: 'not-an-email' }] },
			'signers[0].email',
			'not-an-email',
		],
		[
			'a missing email',
			{ source_files: [file], signers: [{ role: 'signer' }] },
			'signers[0].email',
			'required',
		],
		[
			'the root folder',
			{ source_files: [file], signers: [signer], parent_folder: { id: '0', type: 'folder' } },
			'parent_folder.id',
			'root',
		],
		[
			'a wrongly typed field',
			{ source_files: [file], signers: [signer], are_reminders_enabled: 'yes' },
			'are_reminders_enabled',
			'boolean',
		],
		[
			'a file without type',
			{ source_files: [{ id: '1' }], signers: [signer] },
			'source_files[0].type',
			'required',
		],
		[
			'a field Box does not know',
			{ source_files: [file], signers: [signer], is_reminder_enabled: true },
			'is_reminder_enabled',
			'not a field this endpoint takes',
		],
		[
			'an unknown signer field',
			{ source_files: [file], signers: [signer, { ...signer, phone: '+15551232190' }] },
			'signers[1].phone',
			'not a field this endpoint takes',
		],
		[
			'an unknown prefill tag field',
			{
				source_files: [file],
				signers: [signer],
				prefill_tags: [{ document_tag_id: 'amount', value: '1' }],
			},
			'prefill_tags[0].value',
			'not a field this endpoint takes',
		],
		[
			'an unknown parent_folder field',
			{
				source_files: [file],
				signers: [signer],
				parent_folder: { id: '234102987614', type: 'folder', path: '/Contracts' },
			},
			'parent_folder.path',
			'not a field this endpoint takes',
		],
		[
			'an unknown source file field',
			{ source_files: [{ ...file, version: '2' }], signers: [signer] },
			'source_files[0].version',
			'not a field this endpoint takes',
		],
	])('refuses %s with 400 bad_request naming the field', async (_, body, field, detail) => {
		const response = await createSignRequest(body);

		expectBoxError(response, 400, 'bad_request');
		expect(response.body.message).toContain(`'${field}'`);
		expect(response.body.message).toContain(detail);
		expect(response.body.context_info.errors).toContainEqual(
			expect.objectContaining({ reason: 'invalid_parameter', name: field }),
		);
		expect(sandbox.signRequests.size).toBe(0);
	});

	test('refuses malformed JSON Box-style', async () => {
		const response = await createSignRequest('{"signers": [');

		expectBoxError(response, 400, 'bad_request');
		expect(response.body.message).toContain(
			'Entity body should be a correctly nested resource attribute name/value pair',
		);
		expect(response.body.context_info.errors[0].name).toBe('entity-body');
	});

	test('requires a JSON content type', async () => {
		const response = await createSignRequest(JSON.stringify(PHONE_SEED), {
			headers: { 'content-type': 'text/plain' },
		});

		expectBoxError(response, 400, 'bad_request');
		expect(response.body.message).toContain('Content-Type');
	});

	test('accepts a JSON content type with a charset', async () => {
		const response = await createSignRequest(PHONE_SEED, {
			headers: { 'content-type': 'application/json; charset=utf-8' },
		});

		expect(response.status).toBe(201);
	});
});

describe('POST /2.0/sign_requests names only files and folders that exist', () => {
	const signers = [{ email: 'a@example.com' }];

	test.each([
		[
			'a source file',
			{
				source_files: [
					{ id: '1358047520478', type: 'file' },
					{ id: '404', type: 'file' },
				],
			},
			'f_404',
		],
		[
			'the parent folder',
			{
				source_files: [{ id: '1358047520478', type: 'file' }],
				parent_folder: { id: '405', type: 'folder' },
			},
			'd_405',
		],
	])(
		'answers 404 for %s that was not seeded, naming the item as Box does, and creates nothing',
		async (_, body, item) => {
			const response = await createSignRequest({ ...body, signers });

			expect(notFoundMessage(response)).toBe(
				`Invalid value '${item}'. 'item' with value '${item}' not found`,
			);
			expect(response.body.context_info.errors).toEqual([
				expect.objectContaining({ reason: 'invalid_parameter', name: 'item' }),
			]);
			expect(sandbox.signRequests.size).toBe(0);
		},
	);

	test('takes seeded files and folders, with their names, until the next reset', async () => {
		sandbox.seedFolder({ id: '77', name: 'Signed NDAs' });
		sandbox.seedFiles([{ id: '42', name: 'NDA Acme.pdf', folderId: '77' }]);
		const body = {
			source_files: [{ id: '42', type: 'file' }],
			parent_folder: { id: '77', type: 'folder' },
			signers,
		};

		const created = await createSignRequest(body);
		sandbox.reset();
		const afterReset = await createSignRequest(body);

		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({
			name: 'NDA Acme.pdf',
			source_files: [{ id: '42', name: 'NDA Acme.pdf' }],
			parent_folder: { id: '77', name: 'Signed NDAs' },
		});
		expect(created.body.sign_files.files[0].name).toBe('NDA Acme.pdf');
		expect(afterReset.status).toBe(404);
	});

	test('refuses to seed a file into a folder it does not have', () => {
		expect(() => sandbox.seedFiles([{ id: '43', folderId: '999' }])).toThrow("no folder '999'");
	});
});

describe('GET /2.0/sign_requests/:id', () => {
	test('returns a created sign request', async () => {
		const created = await createSignRequest(PHONE_SEED);

		const response = await call(`/2.0/sign_requests/${created.body.id}`);

		expect(response.status).toBe(200);
		expect(response.body).toEqual(created.body);
		expect(sandbox.signRequests.get(created.body.id)).toEqual(created.body);
	});

	test('answers 404 not_found for an unknown ID', async () => {
		const response = await call('/2.0/sign_requests/33243242');

		expect(notFoundMessage(response)).toContain("'33243242'");
	});
});

describe('authentication', () => {
	test.each([
		['no token', undefined, 'invalid_request'],
		['an unknown token', 'wrong-token', 'invalid_token'],
	])(
		'answers 401 with an empty body and WWW-Authenticate for %s, like Box',
		async (_, token, error) => {
			const response = await createSignRequest(PHONE_SEED, { token: token ?? null });

			expect(response.status).toBe(401);
			expect(response.text).toBe('');
			expect(response.headers.get('www-authenticate')).toContain(`error="${error}"`);
			expect(sandbox.signRequests.size).toBe(0);
		},
	);

	test('accepts the configured accessToken only', async () => {
		const custom = await startSandbox({ accessToken: 'custom-token' });
		try {
			const ok = await fetch(`${custom.baseUrl}/2.0/users/me`, {
				headers: { authorization: 'Bearer custom-token' },
			});
			const refused = await fetch(`${custom.baseUrl}/2.0/users/me`, {
				headers: { authorization: `Bearer ${TOKEN}` },
			});
			expect([ok.status, refused.status]).toEqual([200, 401]);
		} finally {
			await custom.close();
		}
	});

	test('GET /2.0/users/me returns the token user', async () => {
		const response = await call('/2.0/users/me');

		expect(response.status).toBe(200);
		expectValid('User--Mini', response.body);
		expect(response.body).toMatchObject({
			type: 'user',
			id: '18115451',
			login: 'sender@example.com',
		});
	});
});

describe('POST /oauth2/token', () => {
	const client = { client_id: 'sandbox-client-id', client_secret: 'sandbox-client-secret' };
	const token = (form) => call('/oauth2/token', { method: 'POST', token: null, form });

	test('exchanges an authorization code for tokens that work on the API', async () => {
		const response = await token({ grant_type: 'authorization_code', code: 'abc', ...client });

		expect(response.status).toBe(200);
		expectValid('AccessToken', response.body);
		expect(response.body).toEqual({
			access_token: expect.any(String),
			expires_in: 3600,
			restricted_to: [],
			refresh_token: expect.any(String),
			token_type: 'bearer',
		});
		expect((await call('/2.0/users/me', { token: response.body.access_token })).status).toBe(200);
	});

	test('refuses a reused authorization code', async () => {
		await token({ grant_type: 'authorization_code', code: 'abc', ...client });

		const response = await token({ grant_type: 'authorization_code', code: 'abc', ...client });

		expect(response.status).toBe(400);
		expect(response.body.error).toBe('invalid_grant');
	});

	test('rotates refresh tokens', async () => {
		const first = await token({ grant_type: 'authorization_code', code: 'abc', ...client });

		const refreshed = await token({
			grant_type: 'refresh_token',
			refresh_token: first.body.refresh_token,
			...client,
		});
		const reused = await token({
			grant_type: 'refresh_token',
			refresh_token: first.body.refresh_token,
			...client,
		});

		expect(refreshed.status).toBe(200);
		expect(refreshed.body.refresh_token).not.toBe(first.body.refresh_token);
		expect(reused.status).toBe(400);
		expectValid('OAuth2Error', reused.body);
		expect(reused.body).toEqual({
			error: 'invalid_grant',
			error_description: 'Invalid refresh token',
		});
	});

	test('issues client-credentials tokens without a refresh token', async () => {
		const response = await token({
			grant_type: 'client_credentials',
			box_subject_type: 'enterprise',
			box_subject_id: '1',
			...client,
		});

		expect(response.status).toBe(200);
		expect(response.body).not.toHaveProperty('refresh_token');
	});

	test.each([
		[
			'a wrong client secret',
			{ grant_type: 'client_credentials', ...client, client_secret: 'nope' },
			'invalid_client',
		],
		['no grant_type', { ...client }, 'invalid_request'],
		['an unsupported grant_type', { grant_type: 'password', ...client }, 'invalid_request'],
		[
			'an authorization_code grant without code',
			{ grant_type: 'authorization_code', ...client },
			'invalid_request',
		],
	])('answers 400 %s with an OAuth2Error', async (_, form, error) => {
		const response = await token(form);

		expect(response.status).toBe(400);
		expectValid('OAuth2Error', response.body);
		expect(response.body.error).toBe(error);
	});

	test('reads only form-encoded bodies', async () => {
		const response = await call('/oauth2/token', {
			method: 'POST',
			token: null,
			json: { grant_type: 'client_credentials', ...client },
		});

		expect(response.body.error).toBe('invalid_request');
	});
});

describe('routing', () => {
	test('answers 404 not_found Box-style for an unknown route', async () => {
		expectBoxError(await call('/2.0/nothing'), 404, 'not_found');
	});

	test('answers 405 for a known path with another method', async () => {
		expectBoxError(
			await call('/2.0/sign_requests', { method: 'DELETE' }),
			405,
			'method_not_allowed',
		);
	});
});

describe('request records', () => {
	test('records every request with its parsed and raw body', async () => {
		const raw = JSON.stringify(PHONE_SEED, null, 2);

		await createSignRequest(raw, { headers: { 'X-Custom': 'yes' } });
		await call('/2.0/users/me?fields=id,login&limit=2');
		await call('/oauth2/token', {
			method: 'POST',
			token: null,
			form: { grant_type: 'refresh_token', refresh_token: 'r' },
		});

		expect(sandbox.requests).toEqual([
			{
				receivedAt: expect.any(Number),
				method: 'POST',
				path: '/2.0/sign_requests',
				query: {},
				headers: expect.objectContaining({ authorization: `Bearer ${TOKEN}`, 'x-custom': 'yes' }),
				body: PHONE_SEED,
				rawBody: raw,
			},
			expect.objectContaining({
				method: 'GET',
				path: '/2.0/users/me',
				query: { fields: 'id,login', limit: '2' },
				body: '',
				rawBody: '',
			}),
			expect.objectContaining({
				path: '/oauth2/token',
				body: { grant_type: 'refresh_token', refresh_token: 'r' },
			}),
		]);
	});

	test('keeps a malformed JSON body as the raw string', async () => {
		await createSignRequest('{oops');

		expect(sandbox.requests[0]).toMatchObject({ body: '{oops', rawBody: '{oops' });
	});

	test('reset() clears the records and the state but keeps the same array', async () => {
		const records = sandbox.requests;
		await createSignRequest(PHONE_SEED);

		sandbox.reset();

		expect(records).toHaveLength(0);
		expect(sandbox.requests).toBe(records);
		expect(sandbox.signRequests.size).toBe(0);
	});
});

describe('failNext', () => {
	test('answers the next matching requests with a Box error for the status', async () => {
		sandbox.failNext(2, { status: 429, headers: { 'retry-after': '3' } });

		const first = await createSignRequest(PHONE_SEED);
		const second = await call('/2.0/users/me');
		const third = await createSignRequest(PHONE_SEED);

		expectBoxError(first, 429, 'too_many_requests');
		expect(first.headers.get('retry-after')).toBe('3');
		expect(second.status).toBe(429);
		expect(third.status).toBe(201);
		expect(sandbox.requests).toHaveLength(3);
		expect(sandbox.signRequests.size).toBe(1);
	});

	test('filters by method and path (string or RegExp) and accepts a custom body', async () => {
		sandbox.failNext(1, {
			method: 'post',
			path: '/2.0/sign_requests',
			status: 503,
			body: 'upstream down',
		});
		sandbox.failNext(1, { path: /^\/2\.0\/users\//, status: 500 });

		const me = await call('/2.0/users/me');
		const created = await createSignRequest(PHONE_SEED, { unchecked: true });

		expectBoxError(me, 500, 'internal_server_error');
		expect(created.status).toBe(503);
		expect(created.text).toBe('upstream down');
	});

	test('injects a 401 shaped like Box’s', async () => {
		sandbox.failNext(1, { status: 401 });

		const response = await call('/2.0/users/me');

		expect(response.status).toBe(401);
		expect(response.text).toBe('');
		expect(response.headers.get('www-authenticate')).toContain('invalid_token');
	});

	test('delays a request and then handles it normally', async () => {
		sandbox.failNext(1, { delayMs: 150 });

		const started = Date.now();
		const response = await call('/2.0/users/me');

		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		expect(response.status).toBe(200);
	});

	test('drops the connection', async () => {
		sandbox.failNext(1, { resetConnection: true });

		await expect(call('/2.0/users/me')).rejects.toThrow();
		expect((await call('/2.0/users/me')).status).toBe(200);
	});

	test('reset() clears pending faults', async () => {
		sandbox.failNext(1, { status: 500 });
		sandbox.reset();

		expect((await call('/2.0/users/me')).status).toBe(200);
	});
});

describe('OpenAPI 3.0 to JSON Schema', () => {
	test('nullable adds null to the type and to the enum', () => {
		const schema = toJsonSchema({
			type: 'string',
			enum: ['blue', 'red'],
			nullable: true,
			example: 'blue',
			'x-box-tag': 't',
		});

		expect(schema).toEqual({ type: ['string', 'null'], enum: ['blue', 'red', null] });
	});

	test('converts nested schemas but leaves property names alone', () => {
		const schema = toJsonSchema({
			type: 'object',
			properties: { type: { type: 'string', nullable: true }, nullable: { type: 'boolean' } },
			allOf: [{ $ref: '#/components/schemas/X' }, { nullable: false }],
		});

		expect(schema).toEqual({
			type: 'object',
			properties: { type: { type: ['string', 'null'] }, nullable: { type: 'boolean' } },
			allOf: [{ $ref: '#/components/schemas/X' }, {}],
		});
	});

	test('SignRequestCreateRequest stays open to unknown fields and lets nullable enums be null', () => {
		expect(validateSchema('SignRequestCreateRequest', { signers: [], anything: 1 }).valid).toBe(
			true,
		);
		expect(
			validateSchema('SignRequestCreateRequest', { signers: [], signature_color: null }).valid,
		).toBe(true);
		expect(
			validateSchema('SignRequestCreateRequest', { signers: [], signature_color: 'green' }).valid,
		).toBe(false);
	});
});
