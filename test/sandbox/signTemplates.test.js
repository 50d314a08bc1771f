'use strict';

const { startSandbox } = require('./server');
const { createClient, expectBoxError, expectValid, notFoundMessage } = require('./testClient');

const EMPLOYMENT = '123075213-7d117509-8f05-42e4-a5ef-5190a319d41d';
const NDA = '123075213-af2c8822-3ef2-4952-8557-52d69c2fe9cb';
const SALES_ORDER = '123075213-4b2fd4b6-2a1c-4a0b-9f3e-6d0c3a9e8b17';

let sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const call = createClient(() => sandbox);

const createSignRequest = (json) => call('/2.0/sign_requests', { method: 'POST', json });

describe('GET /2.0/sign_templates', () => {
	test('lists the 3 seeded templates on one page', async () => {
		const response = await call('/2.0/sign_templates');

		expect(response.status).toBe(200);
		expect(response.body).toMatchObject({ limit: 10, next_marker: null, prev_marker: null });
		expect(response.body.entries.map((t) => t.id)).toEqual([EMPLOYMENT, NDA, SALES_ORDER]);
	});

	test('pages with limit and marker', async () => {
		const first = await call('/2.0/sign_templates?limit=2');
		const second = await call(`/2.0/sign_templates?limit=2&marker=${first.body.next_marker}`);

		expect(first.body.entries.map((t) => t.id)).toEqual([EMPLOYMENT, NDA]);
		expect(second.body).toMatchObject({ next_marker: null, prev_marker: expect.any(String) });
		expect(second.body.entries.map((t) => t.id)).toEqual([SALES_ORDER]);
	});

	test('refuses a bad limit', async () => {
		expectBoxError(await call('/2.0/sign_templates?limit=-1'), 400, 'bad_request');
	});
});

describe('GET /2.0/sign_templates/:id', () => {
	test('returns a template whose signers carry the document tags', async () => {
		const response = await call(`/2.0/sign_templates/${EMPLOYMENT}`);

		expect(response.status).toBe(200);
		expectValid('SignTemplate', response.body);
		expect(response.body).toMatchObject({
			type: 'sign-template',
			id: EMPLOYMENT,
			name: 'Employment Contract.pdf',
			source_files: [{ type: 'file', name: 'Employment Contract.pdf' }],
			additional_info: { required: { signers: [[], ['email']] } },
		});
		const [reader, employee] = response.body.signers;
		expect(reader).toMatchObject({ role: 'final_copy_reader', email: 'hr@example.com' });
		expect(employee).toMatchObject({ role: 'signer', email: '', label: 'Employee' });
		expect(employee.public_id).toMatch(/^[0-9A-F]{8}$/);
		expect(employee.inputs.map((input) => input.document_tag_id)).toEqual([
			'contract_amount',
			'start_date',
			'agree_terms',
			null,
		]);
	});

	test('answers 404 not_found for an unknown template', async () => {
		const response = await call('/2.0/sign_templates/123075213-nope');

		expect(notFoundMessage(response)).toContain("'123075213-nope'");
		expect(response.body.context_info.errors[0]).toMatchObject({ name: 'template_id' });
	});

	test('gives every sandbox fresh templates', async () => {
		sandbox.signTemplates.get(NDA).name = 'changed';
		sandbox.reset();

		expect((await call(`/2.0/sign_templates/${NDA}`)).body.name).toBe('Mutual NDA.pdf');
	});
});

describe('POST /2.0/sign_requests with a template_id', () => {
	test('builds the request from the template: its files, its signers, the prefill values', async () => {
		const response = await createSignRequest({
			template_id: EMPLOYMENT,
			signers: [{ email: 'new.hire@example.com' }],
			prefill_tags: [
				{ document_tag_id: 'contract_amount', text_value: '85,000 USD' },
				{ document_tag_id: 'start_date', date_value: '2027-01-04' },
				{ document_tag_id: 'agree_terms', checkbox_value: true },
			],
		});

		expect(response.status).toBe(201);
		const { body } = response;
		expect(body).toMatchObject({
			template_id: EMPLOYMENT,
			name: 'Employment Contract.pdf',
			email_subject: 'Please sign your employment contract',
			days_valid: 14,
			parent_folder: { id: '234102987614', name: 'Contracts' },
			source_files: [],
			sign_files: { files: [{ type: 'file', name: 'Employment Contract.pdf' }] },
		});
		expect(body.signers.map((s) => [s.email, s.role])).toEqual([
			['sender@example.com', 'final_copy_reader'],
			['hr@example.com', 'final_copy_reader'],
			['new.hire@example.com', 'signer'],
		]);
		expect(body.signers[2].inputs).toEqual([
			expect.objectContaining({
				document_tag_id: 'contract_amount',
				type: 'text',
				text_value: '85,000 USD',
			}),
			expect.objectContaining({
				document_tag_id: 'start_date',
				type: 'date',
				date_value: '2027-01-04',
			}),
			expect.objectContaining({
				document_tag_id: 'agree_terms',
				type: 'checkbox',
				checkbox_value: true,
			}),
			expect.objectContaining({ document_tag_id: null, type: 'signature', page_index: 0 }),
		]);
	});

	test('fills the template signers by role, in order; what the request gives wins', async () => {
		const { status, body } = await createSignRequest({
			template_id: SALES_ORDER,
			signers: [
				{ email: 'buyer@example.com', role: 'signer' },
				{ email: 'extra@example.com', role: 'approver', order: 3 },
			],
		});

		expect(status).toBe(201);
		expect(body.signers.map((s) => [s.email, s.role, s.order])).toEqual([
			['sender@example.com', 'final_copy_reader', 0],
			['buyer@example.com', 'signer', 1],
			['extra@example.com', 'approver', 3],
		]);
	});

	test('lets a request signer without email take the email the template gives', async () => {
		const { status, body } = await createSignRequest({
			template_id: SALES_ORDER,
			signers: [{ email: 'buyer@example.com' }, { role: 'approver' }],
		});

		expect(status).toBe(201);
		expect(body.signers.map((s) => s.email)).toContain('sales.manager@example.com');
	});

	test('answers 404 for an unknown template and creates nothing', async () => {
		const response = await createSignRequest({
			template_id: '123075213-00000000-0000-0000-0000-000000000000',
			signers: [{ email: 'a@example.com' }],
		});

		expectBoxError(response, 404, 'not_found');
		expect(response.body.context_info.errors[0]).toMatchObject({ name: 'template_id' });
		expect(sandbox.signRequests.size).toBe(0);
	});

	test('refuses a prefill tag the template does not have, naming its tags', async () => {
		const response = await createSignRequest({
			template_id: NDA,
			signers: [{ email: 'a@example.com' }],
			prefill_tags: [
				{ document_tag_id: 'company_name', text_value: 'Acme' },
				{ document_tag_id: 'contract_amount', text_value: '1' },
			],
		});

		expectBoxError(response, 400, 'bad_request');
		expect(response.body.message).toBe(
			`Invalid value 'contract_amount'. 'prefill_tags[1].document_tag_id' is not a tag of template '${NDA}'; its tags are: company_name, effective_date.`,
		);
		expect(response.body.context_info.errors).toEqual([
			expect.objectContaining({ name: 'prefill_tags[1].document_tag_id' }),
		]);
		expect(sandbox.signRequests.size).toBe(0);
	});

	test.each([
		[
			'no signer for a template signer without email',
			{ signers: [{ email: 'a@example.com', role: 'approver' }] },
			'signers',
			"role 'signer' for template signer 'Counterparty'",
		],
		[
			'a signer without email where the template has none',
			{ signers: [{ role: 'signer' }] },
			'signers[0].email',
			'required',
		],
	])('refuses %s', async (_, body, field, detail) => {
		const response = await createSignRequest({ template_id: NDA, ...body });

		expectBoxError(response, 400, 'bad_request');
		expect(response.body.message).toContain(detail);
		expect(response.body.context_info.errors).toContainEqual(
			expect.objectContaining({ name: field }),
		);
	});
});

describe('POST /2.0/sign_requests from a locked template', () => {
	const employee = { email: 'new.hire@example.com' };

	test.each([
		['are_email_settings_locked', { email_subject: 'Sign me' }, 'email_subject', 'email settings'],
		['are_email_settings_locked', { email_message: 'Hello' }, 'email_message', 'email settings'],
		['are_options_locked', { days_valid: 3 }, 'days_valid', 'options'],
		['are_options_locked', { are_reminders_enabled: true }, 'are_reminders_enabled', 'options'],
		[
			'are_fields_locked',
			{ is_document_preparation_needed: true },
			'is_document_preparation_needed',
			'fields',
		],
		['are_files_locked', { source_files: [{ id: '11', type: 'file' }] }, 'source_files', 'files'],
		[
			'are_recipients_locked',
			{ signers: [employee, { email: 'hr2@example.com', role: 'final_copy_reader' }] },
			'signers[1].email',
			'recipients',
		],
		[
			'are_recipients_locked',
			{ signers: [employee, { email: 'extra@example.com', role: 'approver' }] },
			'signers[1]',
			'recipients',
		],
	])(
		'with %s, refuses %j naming the field, and creates nothing',
		async (lock, change, field, part) => {
			sandbox.lockTemplate(EMPLOYMENT, lock);

			const response = await createSignRequest({
				template_id: EMPLOYMENT,
				signers: [employee],
				...change,
			});

			expectBoxError(response, 400, 'bad_request');
			expect(response.body.message).toBe(
				`'${field}' cannot be set: template '${EMPLOYMENT}' has its ${part} locked.`,
			);
			expect(response.body.context_info.errors).toEqual([
				expect.objectContaining({ reason: 'invalid_parameter', name: field }),
			]);
			expect(sandbox.signRequests.size).toBe(0);
		},
	);

	test('takes what the locks leave open: the open emails, prefill values, and the same email the template gives', async () => {
		const template = sandbox.lockTemplate(
			EMPLOYMENT,
			'are_email_settings_locked',
			'are_options_locked',
			'are_fields_locked',
			'are_files_locked',
			'are_recipients_locked',
		);

		const response = await createSignRequest({
			template_id: EMPLOYMENT,
			signers: [employee, { email: 'hr@example.com', role: 'final_copy_reader' }],
			prefill_tags: [{ document_tag_id: 'contract_amount', text_value: '85,000 USD' }],
			email_subject: null,
			source_files: [],
			is_document_preparation_needed: false,
		});

		expect(response.status).toBe(201);
		expectValid('SignTemplate', template);
		expect((await call(`/2.0/sign_templates/${EMPLOYMENT}`)).body).toMatchObject({
			are_email_settings_locked: true,
			are_recipients_locked: true,
		});
	});

	test('a reset unlocks, and a lock Box does not have is refused', () => {
		sandbox.lockTemplate(NDA, 'are_files_locked');
		sandbox.reset();

		expect(sandbox.signTemplates.get(NDA).are_files_locked).toBe(false);
		expect(() => sandbox.lockTemplate(NDA, 'are_colours_locked')).toThrow(
			"no template lock 'are_colours_locked'",
		);
		expect(() => sandbox.lockTemplate('nope', 'are_files_locked')).toThrow(
			"no sign template 'nope'",
		);
	});
});
