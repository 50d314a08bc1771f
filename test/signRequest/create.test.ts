import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runBoxSign } from '../helpers/runBoxSign';
import { startSandbox, type Sandbox } from '../sandbox/server';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());
beforeEach(() => sandbox.reset());

function create(parameters: IDataObject): INodeParameters {
	return { resource: 'signRequest', operation: 'create', ...parameters } as INodeParameters;
}

const seedFiles = { sourceFileIds: '1358047520478', parentFolderId: '234102987614' };

async function run(parameters: IDataObject, items?: IDataObject[], continueOnFail = false) {
	return runBoxSign({
		baseUrl: sandbox.baseUrl,
		parameters: create(parameters),
		items,
		continueOnFail,
	});
}

function signRequestsReceived() {
	return sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/2.0/sign_requests');
}

describe('Create Sign Request: what Box receives', () => {
	test("sends Box's phone verification example byte for byte", async () => {
		await run({
			...seedFiles,
			signers: {
				signer: [
					{ email: 'verify@example.com', role: 'signer', verificationPhoneNumber: '+15551232190' },
				],
			},
			additionalFields: {
				isDocumentPreparationNeeded: true,
				isPhoneVerificationRequiredToView: true,
			},
		});

		const [request] = signRequestsReceived();
		expect(request.rawBody).toBe(
			'{"is_document_preparation_needed":true,"is_phone_verification_required_to_view":true,' +
				'"parent_folder":{"id":"234102987614","type":"folder"},' +
				'"source_files":[{"id":"1358047520478","type":"file"}],' +
				'"signers":[{"email":"verify@example.com","role":"signer","verification_phone_number":"+15551232190"}]}',
		);
		expect(request.headers.authorization).toBe('Bearer sandbox-access-token');
		expect(request.headers['content-type']).toMatch(/^application\/json/);
	});

	test("sends Box's password example byte for byte and never outputs the password", async () => {
		const output = await run({
			...seedFiles,
			signers: { signer: [{ email: 'verify@example.com', password: '1234' }] },
			additionalFields: { isDocumentPreparationNeeded: true },
		});

		const [request] = signRequestsReceived();
		expect(request.rawBody).toBe(
			'{"is_document_preparation_needed":true,' +
				'"parent_folder":{"id":"234102987614","type":"folder"},' +
				'"source_files":[{"id":"1358047520478","type":"file"}],' +
				'"signers":[{"email":"verify@example.com","role":"signer","password":"1234"}]}',
		);
		expect(output).toHaveLength(1);
		expect(JSON.stringify(output)).not.toContain('1234');
		expect(output[0].json).toMatchObject({ type: 'sign-request', status: 'converting' });
		expect(output[0].json.prepare_url).toEqual(expect.any(String));
	});

	test('masks a signer password even when Box echoes it back', async () => {
		sandbox.failNext(1, {
			status: 201,
			body: {
				type: 'sign-request',
				id: 'sr-1',
				signers: [{ email: 'a@acme.com', password: 'Tr0ub4dor&3' }, { email: 'b@acme.com' }],
			},
		});

		const output = await run({
			sourceFileIds: '11',
			signers: { signer: [{ email: 'a@acme.com', password: 'Tr0ub4dor&3' }] },
		});

		expect(output[0].json.signers).toEqual([
			{ email: 'a@acme.com', password: '********' },
			{ email: 'b@acme.com' },
		]);
		expect(JSON.stringify(output)).not.toContain('Tr0ub4dor');
	});

	test('sends several signers with mixed security, order and roles', async () => {
		await run({
			sourceFileIds: ' 11, 12 ,13 ',
			signers: {
				signer: [
					{
						email: 'ceo@acme.com',
						order: '1',
						verificationPhoneNumber: '+447700900123',
						language: 'en',
					},
					{
						email: 'cfo@acme.com',
						order: '2',
						password: 'Tr0ub4dor&3',
						redirectUrl: 'https://acme.com/done',
					},
					{ email: 'legal@acme.com', role: 'approver', order: '0', loginRequired: true },
					{ email: 'archive@acme.com', role: 'final_copy_reader', suppressNotifications: true },
					{
						email: 'kiosk@acme.com',
						isInPerson: true,
						embedUrlExternalUserId: 'crm-7',
						signerGroupId: 'front-desk',
					},
				],
			},
		});

		expect(signRequestsReceived()[0].body).toEqual({
			source_files: [
				{ id: '11', type: 'file' },
				{ id: '12', type: 'file' },
				{ id: '13', type: 'file' },
			],
			signers: [
				{
					email: 'ceo@acme.com',
					role: 'signer',
					order: 1,
					verification_phone_number: '+447700900123',
					language: 'en',
				},
				{
					email: 'cfo@acme.com',
					role: 'signer',
					order: 2,
					redirect_url: 'https://acme.com/done',
					password: 'Tr0ub4dor&3',
				},
				{ email: 'legal@acme.com', role: 'approver', order: 0, login_required: true },
				{ email: 'archive@acme.com', role: 'final_copy_reader', suppress_notifications: true },
				{
					email: 'kiosk@acme.com',
					role: 'signer',
					is_in_person: true,
					embed_url_external_user_id: 'crm-7',
					signer_group_id: 'front-desk',
				},
			],
		});
	});

	test('leaves out text fields whose expressions give null or nothing', async () => {
		await run(
			{
				sourceFileIds: '11',
				signers: { signer: [{ email: 'a@acme.com' }] },
				additionalFields: {
					name: '={{ $json.deal.name }}',
					emailSubject: '={{ null }}',
					externalSystemName: '={{ $json.deal.system }}',
				},
			},
			[{ deal: { system: null } }],
		);

		expect(signRequestsReceived()[0].rawBody).toBe(
			'{"source_files":[{"id":"11","type":"file"}],"signers":[{"email":"a@acme.com","role":"signer"}]}',
		);
	});

	test('leaves out every field left empty, including expressions that give ""', async () => {
		await run({
			sourceFileIds: '11',
			parentFolderId: '={{ "" }}',
			signers: {
				signer: [
					{
						email: 'a@acme.com',
						verificationPhoneNumber: '={{ $json.phone }}',
						password: '={{ "" }}',
						order: '',
						language: '  ',
					},
				],
			},
			additionalFields: {
				name: '={{ "" }}',
				emailSubject: '',
				externalId: '   ',
				daysValid: '={{ "" }}',
				emailMessage: '={{ "" }}',
			},
		});

		expect(signRequestsReceived()[0].rawBody).toBe(
			'{"source_files":[{"id":"11","type":"file"}],"signers":[{"email":"a@acme.com","role":"signer"}]}',
		);
	});

	test('sends an added yes/no field even when it is false, and every additional field', async () => {
		await run({
			sourceFileIds: '11',
			signers: { signer: [{ email: 'a@acme.com' }] },
			additionalFields: {
				areTextSignaturesEnabled: false,
				areRemindersEnabled: false,
				isDocumentPreparationNeeded: false,
				daysValid: 0,
				name: 'Contract',
				emailSubject: 'Please sign',
				emailMessage: 'Hi <b>Ada</b>',
				signatureColor: 'red',
				redirectUrl: 'https://acme.com/ok',
				declinedRedirectUrl: 'https://acme.com/no',
				externalId: 'deal-42',
				externalSystemName: 'HubSpot',
			},
		});

		expect(signRequestsReceived()[0].body).toEqual({
			is_document_preparation_needed: false,
			source_files: [{ id: '11', type: 'file' }],
			signers: [{ email: 'a@acme.com', role: 'signer' }],
			are_text_signatures_enabled: false,
			are_reminders_enabled: false,
			days_valid: 0,
			name: 'Contract',
			email_subject: 'Please sign',
			email_message: 'Hi <b>Ada</b>',
			signature_color: 'red',
			redirect_url: 'https://acme.com/ok',
			declined_redirect_url: 'https://acme.com/no',
			external_id: 'deal-42',
			external_system_name: 'HubSpot',
		});
	});

	test('sends only the value each prefill tag chose', async () => {
		await run({
			sourceFileIds: '11',
			signers: { signer: [{ email: 'a@acme.com' }] },
			additionalFields: {
				prefillTags: {
					tag: [
						{
							documentTagId: 'amount',
							valueType: 'text',
							textValue: '12,500 USD',
							checkboxValue: true,
						},
						{
							documentTagId: 'agree',
							valueType: 'checkbox',
							checkboxValue: true,
							textValue: 'ignored',
						},
						{ documentTagId: 'start', valueType: 'date', dateValue: '2026-12-31T00:00:00' },
					],
				},
			},
		});

		expect(signRequestsReceived()[0].body.prefill_tags).toEqual([
			{ document_tag_id: 'amount', text_value: '12,500 USD' },
			{ document_tag_id: 'agree', checkbox_value: true },
			{ document_tag_id: 'start', date_value: '2026-12-31' },
		]);
	});

	test('takes source file IDs as an array from an expression', async () => {
		await run(
			{ sourceFileIds: '={{ $json.files }}', signers: { signer: [{ email: 'a@acme.com' }] } },
			[{ files: ['21', 22] }],
		);

		expect(signRequestsReceived()[0].body.source_files).toEqual([
			{ id: '21', type: 'file' },
			{ id: '22', type: 'file' },
		]);
	});
});

describe('Create Sign Request: items from a CRM', () => {
	const contacts = [
		{ dealId: 'D-1', contact: { email: 'ada@example.com', phone: '+15550000001' }, fileId: '101' },
		{
			dealId: 'D-2',
			contact: { email: 'grace@example.com', phone: '+15550000002' },
			fileId: '102',
		},
		{ dealId: 'D-3', contact: { email: 'alan@example.com', phone: '' }, fileId: '103' },
	];
	const mapped = {
		sourceFileIds: '={{ $json.fileId }}',
		signers: {
			signer: [
				{
					email: '={{ $json.contact.email }}',
					verificationPhoneNumber: '={{ $json.contact.phone }}',
				},
			],
		},
		additionalFields: { externalId: '={{ $json.dealId }}' },
	};

	test("sends one request per item with that item's values and pairs each output with its item", async () => {
		const output = await run(mapped, contacts);

		const bodies = signRequestsReceived().map((r) => r.body);
		expect(bodies).toHaveLength(3);
		for (const contact of contacts) {
			const signer: IDataObject = { email: contact.contact.email, role: 'signer' };
			if (contact.contact.phone) signer.verification_phone_number = contact.contact.phone;
			expect(bodies).toContainEqual({
				source_files: [{ id: contact.fileId, type: 'file' }],
				signers: [signer],
				external_id: contact.dealId,
			});
		}
		expect(output.map((item) => item.json.external_id)).toEqual(['D-1', 'D-2', 'D-3']);
	});

	test('with Continue On Fail, a bad item becomes an error item in its place and the others are sent', async () => {
		const items = [
			contacts[0],
			{ ...contacts[1], contact: { email: 'grace@example.com', phone: '555-123-2190' } },
			contacts[2],
		];

		const output = await run(mapped, items, true);

		expect(signRequestsReceived()).toHaveLength(2);
		expect(output).toHaveLength(3);
		expect(output[0].json.external_id).toBe('D-1');
		expect(output[1].error?.message).toBe(
			'Signer 1: Phone Verification Number "555-123-2190" has no country code: write + and the country code first, e.g. +15551232190 for the US number 555-123-2190. [item 1]',
		);
		expect(output[2].json.external_id).toBe('D-3');
	});
});

describe('Create Sign Request: bad input (the full table is badInput.test.ts)', () => {
	test('names the signer number of the bad signer', async () => {
		const failure = run({
			sourceFileIds: '11',
			signers: {
				signer: [
					{ email: 'a@acme.com' },
					{ email: 'b@acme.com' },
					{ email: 'c@acme.com', verificationPhoneNumber: '12' },
				],
			},
		});

		await expect(failure).rejects.toThrow(/^Signer 3: Phone Verification Number "12"/);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Create Sign Request: email message from a CRM template', () => {
	test('sends HTML Box cleans itself, such as <p> and <br>, as it is', async () => {
		const emailMessage =
			'<p>Hi Ada,</p><p>please sign.<br>Thanks, <b style="color:red">Bob</b></p>';

		await run({
			...seedFiles,
			signers: { signer: [{ email: 'ada@example.com' }] },
			additionalFields: { emailMessage },
		});

		expect(signRequestsReceived()[0].body.email_message).toBe(emailMessage);
	});
});

describe('Create Sign Request: phone numbers as CRMs write them', () => {
	test.each([
		['+1 (555) 123-2190', '+15551232190'],
		['+44 20 7946 0958', '+442079460958'],
		['+1-555-123-2190', '+15551232190'],
		['+1.555.123.2190', '+15551232190'],
	])('sends %s as %s', async (phone, e164) => {
		await run({
			...seedFiles,
			signers: { signer: [{ email: 'ada@example.com', verificationPhoneNumber: phone }] },
		});

		expect(signRequestsReceived()[0].body.signers[0].verification_phone_number).toBe(e164);
	});
});

describe('Create Sign Request: yes/no and options fields from expressions', () => {
	const fromDeal = {
		...seedFiles,
		signers: {
			signer: [
				{
					email: 'ada@example.com',
					isInPerson: '={{ $json.deal.inPerson }}',
					suppressNotifications: '={{ $json.deal.quiet }}',
				},
			],
		},
		additionalFields: {
			isDocumentPreparationNeeded: '={{ $json.deal.prep }}',
			areRemindersEnabled: '={{ $json.deal.reminders }}',
			areTextSignaturesEnabled: '={{ $json.deal.typed }}',
			isPhoneVerificationRequiredToView: '={{ $json.deal.phoneFirst }}',
			signatureColor: '={{ $json.deal.color }}',
			prefillTags: {
				tag: [
					{ documentTagId: 'amount', valueType: 'text', textValue: '={{ $json.deal.amount }}' },
				],
			},
		},
	};

	test('sends none of them when the expressions give "", null or nothing', async () => {
		const empty = { prep: '', reminders: null, typed: '', color: '', inPerson: '', amount: '' };

		await run(fromDeal, [{ deal: empty }, { deal: {} }]);

		const bodies = signRequestsReceived().map((r) => r.body);
		expect(bodies).toHaveLength(2);
		for (const body of bodies) {
			expect(body).toEqual({
				parent_folder: { id: '234102987614', type: 'folder' },
				source_files: [{ id: '1358047520478', type: 'file' }],
				signers: [{ email: 'ada@example.com', role: 'signer' }],
			});
		}
	});

	test("sends booleans for true/false in any case, and the option in Box's spelling", async () => {
		const deal = {
			prep: 'TRUE',
			reminders: 'false',
			typed: false,
			phoneFirst: ' True ',
			color: 'Red',
			inPerson: 'true',
			quiet: true,
			amount: '12,500 USD',
		};

		await run(fromDeal, [{ deal }]);

		expect(signRequestsReceived()[0].body).toMatchObject({
			is_document_preparation_needed: true,
			is_phone_verification_required_to_view: true,
			are_reminders_enabled: false,
			are_text_signatures_enabled: false,
			signature_color: 'red',
			signers: [
				{
					email: 'ada@example.com',
					role: 'signer',
					is_in_person: true,
					suppress_notifications: true,
				},
			],
			prefill_tags: [{ document_tag_id: 'amount', text_value: '12,500 USD' }],
		});
	});

	test.each([
		[{ prep: 'yes' }, 'Prepare Document Before Sending: must be true or false, got "yes".'],
		[{ reminders: 1 }, 'Reminders: must be true or false, got 1.'],
		[{ color: 'green' }, 'Signature Color: must be one of black, blue, red, got "green".'],
		[{ inPerson: 'no' }, 'Signer 1: In Person: must be true or false, got "no".'],
	])('refuses %j naming the field, and sends nothing', async (deal, message) => {
		await expect(run(fromDeal, [{ deal }])).rejects.toThrow(`${message} [item 0]`);
		expect(sandbox.requests).toHaveLength(0);
	});
});
