import type { INodeProperties } from 'n8n-workflow';

import {
	dryRunOption,
	optionsCollection,
	retryWhenOutcomeUnknownOption,
} from '../../shared/descriptions';
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
		description: "Why the request is cancelled. Box shows it in the request's history.",
		displayOptions: { show: showOnlyForSignRequestCancel },
		routing: sendText('reason'),
	},
	optionsCollection(showOnlyForSignRequestCancel, [dryRunOption, retryWhenOutcomeUnknownOption]),
];
