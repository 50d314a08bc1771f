import type { INodeProperties } from 'n8n-workflow';

import { dryRunOption } from '../../shared/descriptions';

const showOnlyForSignRequestResend = {
	operation: ['resend'],
	resource: ['signRequest'],
};

export const signRequestResendDescription: INodeProperties[] = [
	{
		displayName: 'Box resends a request at most once every 10 minutes, and only to signers who have not signed yet',
		name: 'resendNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showOnlyForSignRequestResend },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showOnlyForSignRequestResend },
		options: [dryRunOption],
	},
];
