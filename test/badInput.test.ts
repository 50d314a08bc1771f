// The bad-input table: every case is refused before anything is sent, with a message that names
// the field (and the signer), ending with the item index.
import type { IDataObject } from 'n8n-workflow';

import { runBoxSign } from './helpers/runBoxSign';
import { startSandbox, type Sandbox } from './sandbox/server';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());
beforeEach(() => sandbox.reset());

const SIGN_REQUEST_ID = '6b0a7c5e-37a8-4a35-9d4d-8f6a2f0d9a11';

function create(extra: IDataObject = {}, signer: IDataObject = {}): IDataObject {
	return {
		resource: 'signRequest',
		operation: 'create',
		sourceFileIds: '11',
		signers: { signer: [{ email: 'ada@example.com', ...signer }] },
		...extra,
	};
}

const signers = (emails: string[]) => ({
	signers: { signer: emails.map((email) => ({ email })) },
});

const cases: Array<[string, IDataObject, RegExp]> = [
	[
		'an email from an expression that is a number',
		create({}, { email: '={{ 42 }}' }),
		/^Signer 1: Email "42" is not a valid email/,
	],
	[
		'an email from an expression that is an object',
		create({}, { email: '={{ { "a": 1 } }}' }),
		/^Signer 1: Email "\{"a":1\}" is not a valid email/,
	],
	['an empty email', create({}, { email: '' }), /^Signer 1: Email is empty/],
	['an email of spaces', create({}, { email: '   ' }), /^Signer 1: Email is empty/],
	[
		'an email with a space',
		create({}, { email: 'ada lovelace@example.com' }),
		/^Signer 1: Email "ada lovelace@example\.com" is not a valid/,
	],
	[
		'an email without a domain ending',
		create({}, { email: 'ada@example' }),
		/^Signer 1: Email "ada@example" is not a valid/,
	],
	[
		'a unicode email without a domain ending',
		create({}, { email: 'josé@exämple' }),
		/^Signer 1: Email "josé@exämple" is not a valid/,
	],
	[
		'a phone number with letters',
		create({}, { verificationPhoneNumber: '+1555CALLNOW' }),
		/^Signer 1: Phone Verification Number "\+1555CALLNOW" may contain only digits after the \+/,
	],
	[
		'a phone number that is too short',
		create({}, { verificationPhoneNumber: '+1234567' }),
		/^Signer 1: Phone Verification Number "\+1234567" is not a phone number in international format/,
	],
	[
		'a phone number that is too long',
		create({}, { verificationPhoneNumber: '+1234567890123456' }),
		/^Signer 1: Phone Verification Number "\+1234567890123456"/,
	],
	[
		'a phone number without +',
		create({}, { verificationPhoneNumber: '15551232190' }),
		/^Signer 1: Phone Verification Number "15551232190" has no country code: write \+ and the country code first, e\.g\. \+15551232190/,
	],
	[
		'a phone number that is a number from an expression',
		create({}, { verificationPhoneNumber: '={{ 15551232190 }}' }),
		/^Signer 1: Phone Verification Number "15551232190"/,
	],
	[
		'an unknown role',
		create({}, { role: '={{ "boss" }}' }),
		/^Signer 1: Role "boss" is not one of signer, approver, final_copy_reader/,
	],
	[
		'a negative order',
		create({}, { order: '-1' }),
		/^Signer 1: Signing Order: must be a whole number of 0 or more, got "-1"/,
	],
	[
		'an order that is a word',
		create({}, { order: 'first' }),
		/^Signer 1: Signing Order: .* got "first"/,
	],
	[
		'a fractional order',
		create({}, { order: '={{ 1.5 }}' }),
		/^Signer 1: Signing Order: .* got 1\.5/,
	],
	[
		'a password of spaces',
		create({}, { password: '   ' }),
		/^Signer 1: Password contains only spaces/,
	],
	[
		'login required with a phone number',
		create({}, { loginRequired: true, verificationPhoneNumber: '+15551232190' }),
		/^Signer 1: Login Required and Phone Verification Number cannot be used together/,
	],
	[
		'36 signers',
		create(signers(Array.from({ length: 36 }, (_, i) => `s${i}@example.com`))),
		/^Signers: Box accepts at most 35 signers in one sign request, got 36\./,
	],
	[
		'a signer email used twice',
		create(signers(['ada@example.com', 'bob@example.com', 'ADA@example.com'])),
		/^Signer 3: Email "ADA@example\.com" is already signer 1/,
	],
	['no signer', { ...create(), signers: {} }, /^Signers: add at least one signer/],
	[
		'11 source files',
		create({ sourceFileIds: '1,2,3,4,5,6,7,8,9,10,11' }),
		/^Source File IDs: Box accepts at most 10 files in one sign request, got 11\./,
	],
	[
		'no source file',
		create({ sourceFileIds: '' }),
		/^Source File IDs: add at least one Box file ID/,
	],
	[
		'a file ID that is a name',
		create({ sourceFileIds: 'contract.pdf' }),
		/^Source File IDs: "contract\.pdf" is not a Box ID/,
	],
	[
		'a file ID list with an object',
		create({ sourceFileIds: '={{ [11, { "id": 12 }] }}' }),
		/^Source File IDs: "\{"id":12\}" is not a Box ID/,
	],
	[
		'a folder ID that is a name',
		create({ parentFolderId: 'Contracts' }),
		/^Destination Folder ID: "Contracts" is not a Box ID/,
	],
	[
		'Days Valid 731',
		create({ additionalFields: { daysValid: 731 } }),
		/^Days Valid: must be a whole number from 0 to 730, got 731/,
	],
	['Days Valid -1', create({ additionalFields: { daysValid: -1 } }), /^Days Valid: .* got -1/],
	[
		'Days Valid as a word from an expression',
		create({ additionalFields: { daysValid: '={{ "thirty" }}' } }),
		/^Days Valid: .* got "thirty"/,
	],
	[
		'a prefill tag without a tag ID',
		create({ additionalFields: { prefillTags: { tag: [{ documentTagId: '', textValue: 'x' }] } } }),
		/^Prefill Tag 1: Document Tag ID is empty/,
	],
	[
		'a prefill date that is not a date',
		create({
			additionalFields: {
				prefillTags: { tag: [{ documentTagId: 'd', valueType: 'date', dateValue: '31/12/2026' }] },
			},
		}),
		/^Prefill Tag 1: Date Value must be a date/,
	],
	[
		'a template source without a template',
		{ ...create(), source: 'template', templateId: { __rl: true, mode: 'id', value: '' } },
		/^Template: choose a sign template/,
	],
	[
		'Get without a sign request ID',
		{ resource: 'signRequest', operation: 'get', signRequestId: '' },
		/^Sign Request ID is empty/,
	],
	[
		'Get with a path in the ID',
		{ resource: 'signRequest', operation: 'get', signRequestId: `${SIGN_REQUEST_ID}/cancel` },
		/^Sign Request ID ".*\/cancel" is not a Box sign request ID/,
	],
	[
		'Cancel without a sign request ID',
		{ resource: 'signRequest', operation: 'cancel', signRequestId: '={{ "" }}' },
		/^Sign Request ID is empty/,
	],
	[
		'Resend with spaces in the ID',
		{ resource: 'signRequest', operation: 'resend', signRequestId: 'abc def' },
		/^Sign Request ID "abc def" is not a Box sign request ID/,
	],
	[
		'Get Many with a sender that is not an email',
		{ resource: 'signRequest', operation: 'getAll', filters: { senders: 'sales' } },
		/^Senders: "sales" is not a valid email address/,
	],
];

test(`the table has at least 30 cases (${cases.length})`, () => {
	expect(cases.length).toBeGreaterThanOrEqual(30);
});

test.each(cases)('refuses %s and sends nothing', async (_name, parameters, message) => {
	const failure = runBoxSign({ baseUrl: sandbox.baseUrl, parameters });

	await expect(failure).rejects.toThrow(message);
	await expect(failure).rejects.toThrow(/ \[item 0\]$/);
	await expect(failure).rejects.toMatchObject({ context: { itemIndex: 0 } });
	expect(sandbox.requests).toHaveLength(0);
});

test('names the item when the bad input is in a later item, and sends the others', async () => {
	const output = await runBoxSign({
		baseUrl: sandbox.baseUrl,
		parameters: create(
			{},
			{ email: '={{ $json.email }}', verificationPhoneNumber: '={{ $json.phone }}' },
		),
		items: [
			{ email: 'a@example.com', phone: '+15550000001' },
			{ email: 'b@example.com', phone: '' },
			{ email: 'c@example.com', phone: '555 000 0003' },
		],
		continueOnFail: true,
	});

	expect(output[2].error?.message).toMatch(
		/^Signer 1: Phone Verification Number "555 000 0003" .* \[item 2\]$/,
	);
	expect(sandbox.requests).toHaveLength(2);
	expect(JSON.stringify(sandbox.requests)).not.toContain('c@example.com');
});
