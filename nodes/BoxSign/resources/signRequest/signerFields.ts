import type { INodeProperties } from 'n8n-workflow';

// The fields of one entry of Create's "Signers"; setSigners (shared/preSend.ts) turns them into `signers[]`.
export const signerFields: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. name@email.com',
		default: '',
		// Not `required`: with a template it may stay empty, and n8n would refuse to start the workflow.
		description:
			'Email address of the person who signs, approves or receives a copy. Needed with files; with a template, leave it empty to use the email the template sets for this role.',
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
		description: 'What this person does with the document',
	},
	{
		displayName: 'Phone Verification Number',
		name: 'verificationPhoneNumber',
		type: 'string',
		placeholder: 'e.g. +15551232190',
		default: '',
		description:
			'Box texts a code to this number and the signer must enter it to sign (two-factor verification). Leave empty for no phone check.',
		hint: '+ and the country code, then the number. Spaces, dashes, dots and brackets are removed: +1 (555) 123-2190 is sent as +15551232190.',
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
