import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	dryRunOption,
	optionsCollection,
	retryWhenOutcomeUnknownOption,
	templateLocator,
} from '../../shared/descriptions';
import { checkTemplatePrefillTags } from '../../shared/guards';
import { maskSignerPasswords, requireSignRequest } from '../../shared/postReceive';
import type { BodyField } from '../../shared/preSend';
import {
	setCollectionFields,
	setDocuments,
	setParentFolder,
	setSigners,
} from '../../shared/preSend';
import {
	buildPrefillTags,
	parseDaysValid,
	parseOption,
	parseYesNo,
	textOrUndefined,
} from '../../shared/validation';
import { waitUntilReady } from '../../shared/waitUntilReady';
import { prefillTagFields } from './prefillTagFields';
import { signerFields } from './signerFields';

const SIGNATURE_COLORS = ['black', 'blue', 'red'];

/** Additional Fields: the property of Box's body each one is sent as, and how its value is read. */
const ADDITIONAL_FIELDS: Record<string, BodyField> = {
	daysValid: { property: 'days_valid', read: parseDaysValid },
	declinedRedirectUrl: { property: 'declined_redirect_url', read: textOrUndefined },
	emailMessage: { property: 'email_message', read: textOrUndefined },
	emailSubject: { property: 'email_subject', read: textOrUndefined },
	externalId: { property: 'external_id', read: textOrUndefined },
	externalSystemName: { property: 'external_system_name', read: textOrUndefined },
	name: { property: 'name', read: textOrUndefined },
	isPhoneVerificationRequiredToView: {
		property: 'is_phone_verification_required_to_view',
		read: (value) => parseYesNo(value, 'Phone Verification Before Viewing'),
	},
	prefillTags: { property: 'prefill_tags', read: buildPrefillTags },
	isDocumentPreparationNeeded: {
		property: 'is_document_preparation_needed',
		read: (value) => parseYesNo(value, 'Prepare Document Before Sending'),
	},
	redirectUrl: { property: 'redirect_url', read: textOrUndefined },
	areRemindersEnabled: {
		property: 'are_reminders_enabled',
		read: (value) => parseYesNo(value, 'Reminders'),
	},
	signatureColor: {
		property: 'signature_color',
		read: (value) => parseOption(value, 'Signature Color', SIGNATURE_COLORS),
	},
	areTextSignaturesEnabled: {
		property: 'are_text_signatures_enabled',
		read: (value) => parseYesNo(value, 'Typed Signatures Allowed'),
	},
};

export const signRequestCreateOperation: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create a sign request',
	description: 'Send documents to people for signature',
	routing: {
		request: { method: 'POST', url: '/2.0/sign_requests' },
		send: {
			preSend: [
				setDocuments,
				setSigners,
				setParentFolder,
				setCollectionFields('additionalFields', ADDITIONAL_FIELDS),
				checkTemplatePrefillTags,
			],
			paginate: true,
		},
		output: { postReceive: [requireSignRequest, maskSignerPasswords, waitUntilReady] },
	},
};

const showOnlyForSignRequestCreate = {
	operation: ['create'],
	resource: ['signRequest'],
};

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
			},
			{
				displayName: 'Declined Redirect URL',
				name: 'declinedRedirectUrl',
				type: 'string',
				placeholder: 'e.g. https://example.com/declined',
				default: '',
				description: 'Page signers see after declining',
			},
			{
				displayName: 'Email Message',
				name: 'emailMessage',
				type: 'string',
				typeOptions: { rows: 4 },
				placeholder: 'e.g. Hi Ada, please sign the attached contract.',
				default: '',
				description: 'Message in the email to signers. Box uses its own message when empty.',
				hint: 'Sent as it is: Box keeps the HTML tags a, abbr, acronym, b, blockquote, code, em, i, ul, li, ol and strong (without styles) and cleans out the rest itself',
			},
			{
				displayName: 'Email Subject',
				name: 'emailSubject',
				type: 'string',
				placeholder: 'e.g. Please sign your contract',
				default: '',
				description: 'Subject of the email to signers. Box uses its own subject when empty.',
			},
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				placeholder: 'e.g. {{ $json.dealId }}',
				default: '',
				description:
					'Your own reference for this request, such as a CRM deal ID. Box returns it with the request.',
			},
			{
				displayName: 'External System Name',
				name: 'externalSystemName',
				type: 'string',
				placeholder: 'e.g. HubSpot',
				default: '',
				description: 'Name of the system the External ID comes from',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. Sales contract – Ada Lovelace',
				default: '',
				description:
					'Name of the sign request and of the signed file. Box uses the file name when empty.',
			},
			{
				displayName: 'Phone Verification Before Viewing',
				name: 'isPhoneVerificationRequiredToView',
				type: 'boolean',
				default: true,
				description:
					'Whether signers with a Phone Verification Number must enter the code before they can see the document, not only before signing',
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
			},
			{
				displayName: 'Prepare Document Before Sending',
				name: 'isDocumentPreparationNeeded',
				type: 'boolean',
				default: true,
				description:
					'Whether you place the signature fields yourself in Box first. The output then has a Prepare URL to open; Box sends the request when you finish.',
			},
			{
				displayName: 'Redirect URL',
				name: 'redirectUrl',
				type: 'string',
				placeholder: 'e.g. https://example.com/thank-you',
				default: '',
				description: 'Page signers see after signing',
			},
			{
				displayName: 'Reminders',
				name: 'areRemindersEnabled',
				type: 'boolean',
				default: true,
				description: 'Whether Box reminds signers who have not signed on days 3, 8, 13 and 18',
			},
			{
				displayName: 'Signature Color',
				name: 'signatureColor',
				type: 'options',
				options: SIGNATURE_COLORS.map((color) => ({
					name: color.charAt(0).toUpperCase() + color.slice(1),
					value: color,
				})),
				default: 'blue',
				description: 'Force one ink color for all signatures',
			},
			{
				displayName: 'Typed Signatures Allowed',
				name: 'areTextSignaturesEnabled',
				type: 'boolean',
				default: true,
				description:
					'Whether signers may type their name as a signature instead of drawing it (Box allows it by default)',
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
