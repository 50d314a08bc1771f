import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	dryRunOption,
	optionsCollection,
	retryWhenOutcomeUnknownOption,
} from '../../shared/descriptions';
import { refuseResendWhenFinished } from '../../shared/guards';
import { setSignRequestUrl } from '../../shared/preSend';

export const signRequestResendOperation: INodePropertyOptions = {
	name: 'Resend',
	value: 'resend',
	action: 'Resend a sign request',
	description: 'Email the signers who have not signed yet again',
	routing: {
		request: { method: 'POST' },
		send: { preSend: [setSignRequestUrl, refuseResendWhenFinished], paginate: true },
		output: {
			postReceive: [
				{
					type: 'set',
					properties: {
						value:
							'={{ { "resent": true, "sign_request_id": String($parameter.signRequestId).trim() } }}',
					},
				},
			],
		},
	},
};

const showOnlyForSignRequestResend = {
	operation: ['resend'],
	resource: ['signRequest'],
};

export const signRequestResendDescription: INodeProperties[] = [
	{
		displayName:
			'Box resends a request at most once every 10 minutes, and only to signers who have not signed yet',
		name: 'resendNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showOnlyForSignRequestResend },
	},
	optionsCollection(showOnlyForSignRequestResend, [dryRunOption, retryWhenOutcomeUnknownOption]),
];
