import type { INodeProperties } from 'n8n-workflow';

import { signRequestCancelDescription, signRequestCancelOperation } from './cancel';
import { signRequestCreateDescription, signRequestCreateOperation } from './create';
import { signRequestDownloadDescription, signRequestDownloadOperation } from './download';
import { signRequestGetDescription, signRequestGetOperation } from './get';
import { signRequestGetAllDescription, signRequestGetAllOperation } from './getAll';
import { signRequestResendDescription, signRequestResendOperation } from './resend';

const showOnlyForSignRequests = {
	resource: ['signRequest'],
};

export const signRequestDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForSignRequests },
		options: [
			signRequestCancelOperation,
			signRequestCreateOperation,
			signRequestDownloadOperation,
			signRequestGetOperation,
			signRequestGetAllOperation,
			signRequestResendOperation,
		],
		default: 'create',
	},
	{
		// Get, Cancel, Resend and Download take their URL from it (setSignRequestUrl).
		displayName: 'Sign Request ID',
		name: 'signRequestId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 6b0a7c5e-37a8-4a35-9d4d-8f6a2f0d9a11',
		description: 'The ID of the sign request, as in the output of Create or Get Many',
		displayOptions: {
			show: { ...showOnlyForSignRequests, operation: ['get', 'cancel', 'resend', 'download'] },
		},
	},
	...signRequestGetDescription,
	...signRequestCreateDescription,
	...signRequestGetAllDescription,
	...signRequestCancelDescription,
	...signRequestResendDescription,
	...signRequestDownloadDescription,
];
