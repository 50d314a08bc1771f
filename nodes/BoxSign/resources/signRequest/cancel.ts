import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	dryRunOption,
	optionsCollection,
	retryWhenOutcomeUnknownOption,
} from '../../shared/descriptions';
import { refuseCancelUnlessInProgress } from '../../shared/guards';
import { maskSignerPasswords, requireSignRequest } from '../../shared/postReceive';
import { setBodyField, setSignRequestUrl } from '../../shared/preSend';
import { textOrUndefined } from '../../shared/validation';

export const signRequestCancelOperation: INodePropertyOptions = {
	name: 'Cancel',
	value: 'cancel',
	action: 'Cancel a sign request',
	description: 'Stop a sign request that is still in progress',
	routing: {
		request: { method: 'POST' },
		send: {
			preSend: [
				setSignRequestUrl,
				setBodyField('reason', { property: 'reason', read: textOrUndefined }),
				refuseCancelUnlessInProgress,
			],
			paginate: true,
		},
		output: { postReceive: [requireSignRequest, maskSignerPasswords] },
	},
};

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
	},
	optionsCollection(showOnlyForSignRequestCancel, [dryRunOption, retryWhenOutcomeUnknownOption]),
];
