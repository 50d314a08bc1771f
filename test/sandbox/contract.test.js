'use strict';

// Every route the spec describes answers, in success and in error, what the spec documents.
// (Every other test file checks each answer too: see testClient.js.)

const spec = require('./openapi/sign-requests.openapi.json');
const { ROUTES, startSandbox } = require('./server');
const { findOperation } = require('./openapi');
const { createClient } = require('./testClient');

const STATUSES = spec.components.schemas.SignRequest.allOf[1].properties.status.enum;
const NDA = '123075213-af2c8822-3ef2-4952-8557-52d69c2fe9cb';
const CLIENT = { client_id: 'sandbox-client-id', client_secret: 'sandbox-client-secret' };

let sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const call = createClient(() => sandbox);
const post = (path, options) => call(path, { method: 'POST', ...options });

function richSignRequest() {
	return post('/2.0/sign_requests', {
		json: {
			template_id: NDA,
			is_document_preparation_needed: true,
			days_valid: 5,
			signers: [
				{ email: 'a@example.com', embed_url_external_user_id: 'u-1', signer_group_id: 'g' },
				{ email: 'b@example.com', role: 'approver', signer_group_id: 'g', language: 'de' },
			],
			prefill_tags: [{ document_tag_id: 'effective_date', date_value: '2027-01-01' }],
		},
	});
}

describe.each(STATUSES)('a sign request in status %s', (status) => {
	test('is read, listed, cancelled and resent as the spec says', async () => {
		const { body } = await richSignRequest();
		if (status !== 'converting') sandbox.advance(body.id, status, { reason: 'No' });

		expect((await call(`/2.0/sign_requests/${body.id}`)).status).toBe(200);
		expect((await call('/2.0/sign_requests')).body.entries).toHaveLength(1);
		await post(`/2.0/sign_requests/${body.id}/cancel`);
		await post(`/2.0/sign_requests/${body.id}/resend`);
	});
});

test.each([
	[
		'a token',
		() =>
			post('/oauth2/token', { token: null, form: { grant_type: 'client_credentials', ...CLIENT } }),
		200,
	],
	[
		'a token refused',
		() => post('/oauth2/token', { token: null, form: { grant_type: 'password', ...CLIENT } }),
		400,
	],
	['a sign request from a template', richSignRequest, 201],
	['a sign request refused', () => post('/2.0/sign_requests', { json: { signers: [] } }), 400],
	[
		'a sign request from an unknown template',
		() =>
			post('/2.0/sign_requests', {
				json: { template_id: 'x', signers: [{ email: 'a@example.com' }] },
			}),
		404,
	],
	['an unknown sign request', () => call('/2.0/sign_requests/nope'), 404],
	['a sign request list refused', () => call('/2.0/sign_requests?senders=a@example.com'), 400],
	['a cancel of an unknown request', () => post('/2.0/sign_requests/nope/cancel'), 404],
	[
		'a cancel with a bad reason',
		() => post('/2.0/sign_requests/nope/cancel', { json: { reason: 1 } }),
		400,
	],
	['a resend of an unknown request', () => post('/2.0/sign_requests/nope/resend'), 404],
	['the templates', () => call('/2.0/sign_templates?limit=1'), 200],
	['the templates refused', () => call('/2.0/sign_templates?limit=x'), 400],
	['a template', () => call(`/2.0/sign_templates/${NDA}`), 200],
	['an unknown template', () => call('/2.0/sign_templates/nope'), 404],
])('%s matches the spec', async (_, request, status) => {
	expect((await request()).status).toBe(status);
});

test('a cancel and a resend that succeed match the spec', async () => {
	const [first, second] = sandbox.seedSignRequests(2);

	expect(
		(await post(`/2.0/sign_requests/${first.id}/cancel`, { json: { reason: 'r' } })).status,
	).toBe(200);
	expect((await post(`/2.0/sign_requests/${second.id}/resend`)).status).toBe(202);
});

test('every route the spec describes was checked in success and in error', () => {
	const described = ROUTES.map((route) => [
		route.method,
		findOperation(route.method, route.template.replace(/:\w+/g, 'x'))?.template,
	]).filter(([, template]) => template);
	const checked = [...call.checked];

	for (const [method, template] of described) {
		const statuses = checked
			.filter((entry) => entry.startsWith(`${method} ${template} `))
			.map((entry) => Number(entry.split(' ').pop()));
		expect({ [`${method} ${template}`]: statuses.some((s) => s < 300) }).toEqual({
			[`${method} ${template}`]: true,
		});
		expect({ [`${method} ${template}`]: statuses.some((s) => s >= 400) }).toEqual({
			[`${method} ${template}`]: true,
		});
	}
	expect(described).toHaveLength(8);
});
