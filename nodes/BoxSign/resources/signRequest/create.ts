import type { INodeProperties } from 'n8n-workflow';

import {
	dryRunOption,
	optionsCollection,
	retryWhenOutcomeUnknownOption,
	templateLocator,
} from '../../shared/descriptions';
import { checkTemplatePrefillTags } from '../../shared/guards';
import {
	setDaysValid,
	setEmailMessage,
	setParentFolder,
	setPrefillTags,
	setSigners,
	setSourceFiles,
} from '../../shared/preSend';
import { sendText, sendValue } from '../../shared/routing';
import { waitUntilReady } from '../../shared/waitUntilReady';

const showOnlyForSignRequestCreate = {
	operation: ['create'],
	resource: ['signRequest'],
};

const signerFields: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. name@email.com',
		default: '',
		required: true,
		description: 'Email address of the person who signs, approves or receives a copy',
	},
	{
		displayName: 'Role',
		name: 'role',
		type: 'options',
		options: [
			{ name: 'Signer', value: 'signer', description: 'Signs the document' },
			{
				name: 'Approver',
				value: 'approver',
				description: 'Approves the document without signing it',
			},
			{
				name: 'Final Copy Reader',
				value: 'final_copy_reader',
				description: 'Only receives a copy of the signed document',
			},
		],
		default: 'signer',
	},
	{
		displayName: 'Phone Verification Number',
		name: 'verificationPhoneNumber',
		type: 'string',
		placeholder: 'e.g. +15551232190',
		default: '',
		description:
			'Box texts a code to this number and the signer must enter it to sign (two-factor verification). Leave empty for no phone check.',
		hint: 'International E.164 format: + and the country code, no spaces or dashes (555-123-2190 in the US is +15551232190)',
	},
	{
		displayName: 'Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			'The signer must type this password to open the document. Tell it to them another way than email. Leave empty for no password.',
		hint: 'Map it from an earlier node or an n8n variable rather than typing it here, so it is not saved in the workflow',
	},
	{
		displayName: 'Signing Order',
		name: 'order',
		type: 'string',
		placeholder: 'e.g. 1',
		default: '',
		description:
			'Signers with a lower number sign first; signers with the same number sign at the same time. Leave empty to let everyone sign in any order.',
	},
	{
		displayName: 'In Person',
		name: 'isInPerson',
		type: 'boolean',
		default: false,
		description:
			"Whether the signer signs on the sender's device. Used with an embed URL for the sender.",
	},
	{
		displayName: 'Embed URL External User ID',
		name: 'embedUrlExternalUserId',
		type: 'string',
		placeholder: 'e.g. crm-contact-4821',
		default: '',
		description:
			'Your own ID for this signer. When set, Box returns an embed URL so the signer can sign inside your app or website.',
	},
	{
		displayName: 'Redirect URL',
		name: 'redirectUrl',
		type: 'string',
		placeholder: 'e.g. https://example.com/thank-you',
		default: '',
		description: "Page this signer sees after signing. Overrides the request's Redirect URL.",
	},
	{
		displayName: 'Declined Redirect URL',
		name: 'declinedRedirectUrl',
		type: 'string',
		placeholder: 'e.g. https://example.com/declined',
		default: '',
		description:
			"Page this signer sees after declining. Overrides the request's Declined Redirect URL.",
	},
	{
		displayName: 'Login Required',
		name: 'loginRequired',
		type: 'boolean',
		default: false,
		description: 'Whether the signer must log in to a Box account to sign',
		hint: 'Cannot be combined with a Phone Verification Number: Box refuses the request',
	},
	{
		displayName: 'Signer Group ID',
		name: 'signerGroupId',
		type: 'string',
		placeholder: 'e.g. sales-team',
		default: '',
		description:
			'Signers with the same group ID form a group: the first one of them to sign signs for the whole group',
	},
	{
		displayName: 'Suppress Notifications',
		name: 'suppressNotifications',
		type: 'boolean',
		default: false,
		description:
			'Whether Box should not email this signer (for example when you send the embed URL yourself)',
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		placeholder: 'e.g. en',
		default: '',
		description: 'Language of the emails and signing page for this signer, as a two-letter code',
	},
];

const prefillTagFields: INodeProperties[] = [
	{
		displayName: 'Document Tag ID',
		name: 'documentTagId',
		type: 'string',
		placeholder: 'e.g. contract_amount',
		default: '',
		description: 'The tag ID set on the field in the document or template',
	},
	{
		displayName: 'Value Type',
		name: 'valueType',
		type: 'options',
		options: [
			{ name: 'Text', value: 'text' },
			{ name: 'Checkbox', value: 'checkbox' },
			{ name: 'Date', value: 'date' },
		],
		default: 'text',
		description: 'Which kind of value to fill in. Only that value is sent.',
	},
	{
		displayName: 'Text Value',
		name: 'textValue',
		type: 'string',
		default: '',
		placeholder: 'e.g. 12,500 USD',
		displayOptions: { show: { valueType: ['text'] } },
	},
	{
		displayName: 'Checkbox Value',
		name: 'checkboxValue',
		type: 'boolean',
		default: false,
		description: 'Whether the checkbox is ticked',
		displayOptions: { show: { valueType: ['checkbox'] } },
	},
	{
		displayName: 'Date Value',
		name: 'dateValue',
		type: 'dateTime',
		default: '',
		displayOptions: { show: { valueType: ['date'] } },
	},
];

export const signRequestCreateDescription: INodeProperties[] = [
	{
		displayName: 'Documents From',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Files', value: 'files', description: 'Box files you choose for this request' },
			{
				name: 'Template',
				value: 'template',
				description: 'A Box Sign template with its files and fields',
			},
		],
		default: 'files',
		displayOptions: { show: showOnlyForSignRequestCreate },
	},
	{
		displayName:
			"Templates are made in Box Sign's web app. Box Sign and some of its features (templates, SMS verification) depend on your Box plan; Box refuses them with a clear error when your plan lacks them.",
		name: 'templateNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...showOnlyForSignRequestCreate, source: ['template'] } },
	},
	templateLocator({
		displayOptions: { show: { ...showOnlyForSignRequestCreate, source: ['template'] } },
		description: 'The Box Sign template whose documents and fields the request uses',
		routing: {
			send: {
				type: 'body',
				property: 'template_id',
				value: '={{ String($value).trim() || undefined }}',
				preSend: [checkTemplatePrefillTags],
			},
		},
	}),
	{
		displayName: 'Source File IDs',
		name: 'sourceFileIds',
		type: 'string',
		placeholder: 'e.g. 1358047520478, 1358047520479',
		default: '',
		required: true,
		displayOptions: { show: { ...showOnlyForSignRequestCreate, source: ['files'] } },
		description:
			'Box IDs of the files to sign, separated by commas (or an array from an expression). Up to 10 files; Box joins them into one document.',
		hint: "The ID is the number at the end of the file's Box URL: app.box.com/file/<strong>1358047520478</strong>",
		routing: { send: { preSend: [setSourceFiles] } },
	},
	{
		displayName: 'Signers',
		name: 'signers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Signer',
		default: {},
		required: true,
		displayOptions: { show: showOnlyForSignRequestCreate },
		description: 'People who sign, approve or receive a copy',
		hint: 'Up to 35 per request. Box adds you (the sender) as a final copy reader.',
		options: [{ displayName: 'Signer', name: 'signer', values: signerFields }],
		routing: { send: { preSend: [setSigners] } },
	},
	{
		displayName: 'Destination Folder ID',
		name: 'parentFolderId',
		type: 'string',
		placeholder: 'e.g. 234102987614',
		default: '',
		displayOptions: { show: showOnlyForSignRequestCreate },
		description:
			'Box folder that receives the signed document and the signing log. Leave empty to use the first file\'s folder (or "My Sign Requests").',
		routing: { send: { preSend: [setParentFolder] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showOnlyForSignRequestCreate },
		options: [
			{
				displayName: 'Days Valid',
				name: 'daysValid',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 730 },
				default: 30,
				description: 'Days after which the request expires if not everyone has signed (0–730)',
				routing: { send: { preSend: [setDaysValid] } },
			},
			{
				displayName: 'Declined Redirect URL',
				name: 'declinedRedirectUrl',
				type: 'string',
				placeholder: 'e.g. https://example.com/declined',
				default: '',
				description: 'Page signers see after declining',
				routing: sendText('declined_redirect_url'),
			},
			{
				displayName: 'Email Message',
				name: 'emailMessage',
				type: 'string',
				typeOptions: { rows: 4 },
				placeholder: 'e.g. Hi Ada, please sign the attached contract.',
				default: '',
				description:
					'Message in the email to signers. Allowed HTML tags: a, abbr, acronym, b, blockquote, code, em, i, ul, li, ol, strong.',
				routing: { send: { preSend: [setEmailMessage] } },
			},
			{
				displayName: 'Email Subject',
				name: 'emailSubject',
				type: 'string',
				placeholder: 'e.g. Please sign your contract',
				default: '',
				description: 'Subject of the email to signers. Box uses its own subject when empty.',
				routing: sendText('email_subject'),
			},
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				placeholder: 'e.g. {{ $json.dealId }}',
				default: '',
				description:
					'Your own reference for this request, such as a CRM deal ID. Box returns it with the request.',
				routing: sendText('external_id'),
			},
			{
				displayName: 'External System Name',
				name: 'externalSystemName',
				type: 'string',
				placeholder: 'e.g. HubSpot',
				default: '',
				description: 'Name of the system the External ID comes from',
				routing: sendText('external_system_name'),
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. Sales contract – Ada Lovelace',
				default: '',
				description:
					'Name of the sign request and of the signed file. Box uses the file name when empty.',
				routing: sendText('name'),
			},
			{
				displayName: 'Phone Verification Before Viewing',
				name: 'isPhoneVerificationRequiredToView',
				type: 'boolean',
				default: true,
				description:
					'Whether signers with a Phone Verification Number must enter the code before they can see the document, not only before signing',
				routing: sendValue('is_phone_verification_required_to_view'),
			},
			{
				displayName: 'Prefill Tags',
				name: 'prefillTags',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Prefill Tag',
				default: {},
				description: 'Values filled into tagged fields of the document before it is sent',
				options: [{ displayName: 'Tag', name: 'tag', values: prefillTagFields }],
				routing: { send: { preSend: [setPrefillTags] } },
			},
			{
				displayName: 'Prepare Document Before Sending',
				name: 'isDocumentPreparationNeeded',
				type: 'boolean',
				default: true,
				description:
					'Whether you place the signature fields yourself in Box first. The output then has a Prepare URL to open; Box sends the request when you finish.',
				routing: sendValue('is_document_preparation_needed'),
			},
			{
				displayName: 'Redirect URL',
				name: 'redirectUrl',
				type: 'string',
				placeholder: 'e.g. https://example.com/thank-you',
				default: '',
				description: 'Page signers see after signing',
				routing: sendText('redirect_url'),
			},
			{
				displayName: 'Reminders',
				name: 'areRemindersEnabled',
				type: 'boolean',
				default: true,
				description: 'Whether Box reminds signers who have not signed on days 3, 8, 13 and 18',
				routing: sendValue('are_reminders_enabled'),
			},
			{
				displayName: 'Signature Color',
				name: 'signatureColor',
				type: 'options',
				options: [
					{ name: 'Black', value: 'black' },
					{ name: 'Blue', value: 'blue' },
					{ name: 'Red', value: 'red' },
				],
				default: 'blue',
				description: 'Force one ink color for all signatures',
				routing: sendValue('signature_color'),
			},
			{
				displayName: 'Typed Signatures Allowed',
				name: 'areTextSignaturesEnabled',
				type: 'boolean',
				default: true,
				description:
					'Whether signers may type their name as a signature instead of drawing it (Box allows it by default)',
				routing: sendValue('are_text_signatures_enabled'),
			},
		],
	},
	optionsCollection(showOnlyForSignRequestCreate, [
		dryRunOption,
		{
			displayName: 'Wait Until Ready',
			name: 'waitUntilReady',
			type: 'boolean',
			default: true,
			description:
				'Whether to wait until Box has prepared the documents, so the output has the signing links and the prepare link. Box answers "converting" at first.',
			routing: { output: { postReceive: [waitUntilReady] } },
		},
		{
			displayName: 'Wait Timeout (Seconds)',
			name: 'waitTimeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60,
			description:
				'How long Wait Until Ready waits before the item fails (the request still exists in Box)',
		},
		retryWhenOutcomeUnknownOption,
	]),
];
