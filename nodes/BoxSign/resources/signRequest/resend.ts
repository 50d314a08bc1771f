import type { INodeProperties } from 'n8n-workflow';

import {
	dryRunOption,
	optionsCollection,
	retryWhenOutcomeUnknownOption,
} from '../../shared/descriptions';

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
