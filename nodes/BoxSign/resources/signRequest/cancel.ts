import type { INodeProperties } from 'n8n-workflow';

import { dryRunOption } from '../../shared/descriptions';
import { sendText } from '../../shared/routing';

const showOnlyForSignRequestCancel = {
	operation: ['cancel'],
	resource: ['signRequest'],
};

export const signRequestCancelDescription: INodeProperties[] = [
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		placeholder: 'e.g. The deal was lost',
		description: 'Why the request is cancelled. Box shows it in the request\'s history.',
		displayOptions: { show: showOnlyForSignRequestCancel },
		routing: sendText('reason'),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showOnlyForSignRequestCancel },
		options: [dryRunOption],
	},
];
