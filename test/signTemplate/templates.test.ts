import { NodeHelpers, type IDataObject, type INode, type INodeParameters } from 'n8n-workflow';

import { BoxSign } from '../../nodes/BoxSign/BoxSign.node';

import { runBoxSign, searchSignTemplates } from '../helpers/runBoxSign';
import { startSandbox, type Sandbox } from '../sandbox/server';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());
beforeEach(() => sandbox.reset());

const EMPLOYMENT_CONTRACT = '123075213-7d117509-8f05-42e4-a5ef-5190a319d41d';

async function run(parameters: IDataObject) {
	return await runBoxSign({ baseUrl: sandbox.baseUrl, parameters });
}

describe('Sign templates', () => {
	test('Get Many returns every template', async () => {
		const items = await run({ resource: 'signTemplate', operation: 'getAll', returnAll: true });

		expect(items.map((item) => item.json.id)).toEqual([...sandbox.signTemplates.keys()]);
		expect(sandbox.requests[0].query.limit).toBe('1000');
	});

	test('Get Many with a Limit', async () => {
		const items = await run({ resource: 'signTemplate', operation: 'getAll', limit: 2 });

		expect(items).toHaveLength(2);
	});

	test('Get takes the template from the list or by ID', async () => {
		for (const mode of ['list', 'id']) {
			const [item] = await run({
				resource: 'signTemplate',
				operation: 'get',
				templateId: { __rl: true, mode, value: EMPLOYMENT_CONTRACT },
			});
			expect(item.json).toMatchObject({ type: 'sign-template', id: EMPLOYMENT_CONTRACT });
		}
		expect(sandbox.requests.map((r) => r.path)).toEqual([
			`/2.0/sign_templates/${EMPLOYMENT_CONTRACT}`,
			`/2.0/sign_templates/${EMPLOYMENT_CONTRACT}`,
		]);
	});
});

describe('Create Sign Request from a template', () => {
	const fromTemplate = (extra: IDataObject = {}) => ({
		resource: 'signRequest',
		operation: 'create',
		source: 'template',
		templateId: { __rl: true, mode: 'list', value: EMPLOYMENT_CONTRACT },
		signers: {
			signer: [{ email: 'new.hire@example.com', verificationPhoneNumber: '+15551232190' }],
		},
		...extra,
	});

	test('sends the template ID instead of files, with prefill tags the template has', async () => {
		const [item] = await run(
			fromTemplate({
				additionalFields: {
					prefillTags: {
						tag: [
							{ documentTagId: 'contract_amount', valueType: 'text', textValue: '85,000 USD' },
							{ documentTagId: 'start_date', valueType: 'date', dateValue: '2027-01-04' },
						],
					},
				},
			}),
		);

		const create = sandbox.requests.find((r) => r.method === 'POST');
		expect(create?.body).toEqual({
			template_id: EMPLOYMENT_CONTRACT,
			signers: [
				{
					email: 'new.hire@example.com',
					role: 'signer',
					verification_phone_number: '+15551232190',
				},
			],
			prefill_tags: [
				{ document_tag_id: 'contract_amount', text_value: '85,000 USD' },
				{ document_tag_id: 'start_date', date_value: '2027-01-04' },
			],
		});
		expect(item.json.template_id).toBe(EMPLOYMENT_CONTRACT);
	});

	test('refuses a prefill tag the template does not have, naming it, and creates nothing', async () => {
		await expect(
			run(
				fromTemplate({
					additionalFields: {
						prefillTags: { tag: [{ documentTagId: 'salary', valueType: 'text', textValue: '1' }] },
					},
				}),
			),
		).rejects.toThrow(
			/^Prefill Tags: template "Employment Contract\.pdf" has no tag "salary"\. Its tags are: contract_amount, start_date, agree_terms\. \[item 0\]$/,
		);
		expect(sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
	});

	test("passes on Box's refusal of a change the template locks, with Box's message and the locked-template hint", async () => {
		sandbox.lockTemplate(EMPLOYMENT_CONTRACT, 'are_email_settings_locked');

		const error = await run(
			fromTemplate({ additionalFields: { emailSubject: 'Your contract, {{ name }}' } }),
		).catch((e) => e);

		expect(error.message).toBe(
			`'email_subject' cannot be set: template '${EMPLOYMENT_CONTRACT}' has its email settings locked.`,
		);
		expect(error.description).toContain(
			'The template locks this part of the request (fields, recipients, files or email settings).',
		);
		expect(error.description).toContain('Box error code: bad_request');
		const create = sandbox.requests.find((r) => r.method === 'POST');
		expect(create?.body.email_subject).toBe('Your contract, {{ name }}');
		expect(sandbox.signRequests.size).toBe(0);
	});

	test('refuses an empty template and sends nothing', async () => {
		await expect(
			run(fromTemplate({ templateId: { __rl: true, mode: 'id', value: ' ' } })),
		).rejects.toThrow(/^Template: choose a sign template from the list or enter its ID/);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Create Sign Request from a template: emails the template fills in', () => {
	const withoutEmail = {
		resource: 'signRequest',
		operation: 'create',
		source: 'template',
		templateId: { __rl: true, mode: 'id', value: EMPLOYMENT_CONTRACT },
		signers: {
			signer: [{ email: 'new.hire@example.com' }, { email: '', role: 'final_copy_reader' }],
		},
	};

	test("leaves out a signer's empty email, and Box takes the template's", async () => {
		const [item] = await run(withoutEmail);

		const create = sandbox.requests.find((r) => r.method === 'POST');
		expect(create?.body.signers).toEqual([
			{ email: 'new.hire@example.com', role: 'signer' },
			{ role: 'final_copy_reader' },
		]);
		expect(item.json.signers).toContainEqual(
			expect.objectContaining({ email: 'hr@example.com', role: 'final_copy_reader' }),
		);
	});

	test('n8n finds nothing missing in such a workflow, so it starts', () => {
		const { properties } = new BoxSign().description;
		const node: INode = {
			id: '1',
			name: 'Box Sign',
			type: 'n8n-nodes-box-sign.boxSign',
			typeVersion: 1,
			position: [0, 0],
			parameters: NodeHelpers.getNodeParameters(
				properties,
				withoutEmail as INodeParameters,
				true,
				false,
				null,
				null,
			) as INodeParameters,
		};

		expect(NodeHelpers.getNodeParametersIssues(properties, node, null)).toBeNull();
	});

	test('still refuses an empty email with files, and sends nothing', async () => {
		await expect(
			run({ ...withoutEmail, source: 'files', sourceFileIds: '1358047520478' }),
		).rejects.toThrow(
			/^Signer 2: Email is empty\. With documents from files every signer needs an email address/,
		);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('the template picker in the editor', () => {
	test("lists Box's templates by name and filters them as the user types", async () => {
		const all = await searchSignTemplates({ baseUrl: sandbox.baseUrl });
		const filtered = await searchSignTemplates({ baseUrl: sandbox.baseUrl }, 'employ');

		expect(all.results.map((r) => r.value)).toEqual([...sandbox.signTemplates.keys()]);
		expect(filtered.results).toEqual([
			{ name: 'Employment Contract.pdf', value: EMPLOYMENT_CONTRACT },
		]);
		expect(all.paginationToken).toBeUndefined();
	});
});
