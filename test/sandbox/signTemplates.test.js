'use strict';

const { startSandbox } = require('./server');
const { createClient, expectBoxError, expectValid } = require('./testClient');

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

		expectBoxError(response, 404, 'not_found');
		expect(response.body.message).toContain("'123075213-nope'");
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
