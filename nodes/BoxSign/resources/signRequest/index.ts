import type { INodeProperties } from 'n8n-workflow';

import { downloadSignedFiles } from '../../shared/downloadSignedFiles';
import { refuseCancelUnlessInProgress, refuseResendWhenFinished } from '../../shared/guards';
import { optionsCollection } from '../../shared/descriptions';
import { paginateWithMarker } from '../../shared/pagination';
import { maskSignerPasswords, requireSignRequest } from '../../shared/postReceive';
import { setSignRequestUrl } from '../../shared/preSend';
import { signRequestCancelDescription } from './cancel';
import { signRequestCreateDescription } from './create';
import { signRequestDownloadDescription } from './download';
import { signRequestGetAllDescription } from './getAll';
import { signRequestResendDescription } from './resend';

const showOnlyForSignRequests = {
	resource: ['signRequest'],
};

// Get, Cancel, Resend and Download take their URL from the Sign Request ID field (setSignRequestUrl).
export const signRequestDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForSignRequests },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel a sign request',
				description: 'Stop a sign request that is still in progress',
				routing: {
					request: { method: 'POST' },
					send: { preSend: [refuseCancelUnlessInProgress], paginate: true },
					output: { postReceive: [requireSignRequest, maskSignerPasswords] },
				},
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a sign request',
				description: 'Send documents to people for signature',
				routing: {
					request: { method: 'POST', url: '/2.0/sign_requests' },
					send: { paginate: true },
					output: { postReceive: [requireSignRequest, maskSignerPasswords] },
				},
			},
			{
				name: 'Download',
				value: 'download',
				action: 'Download the signed documents',
				description: 'Get the signed documents and the signing log of a completed request as files',
				routing: {
					request: { method: 'GET' },
					send: { paginate: true },
					output: { postReceive: [requireSignRequest, downloadSignedFiles] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a sign request',
				description: 'Get a sign request with its status and signers',
				routing: {
					request: { method: 'GET' },
					send: { paginate: true },
					output: { postReceive: [requireSignRequest, maskSignerPasswords] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many sign requests',
				description: 'List the sign requests you sent or can see',
				routing: {
					request: { method: 'GET', url: '/2.0/sign_requests' },
					send: { paginate: true },
					operations: { pagination: paginateWithMarker },
				},
			},
			{
				name: 'Resend',
				value: 'resend',
				action: 'Resend a sign request',
				description: 'Email the signers who have not signed yet again',
				routing: {
					request: { method: 'POST' },
					send: { preSend: [refuseResendWhenFinished], paginate: true },
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
			},
		],
		default: 'create',
	},
	{
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
		routing: { send: { preSend: [setSignRequestUrl] } },
	},
	optionsCollection({ ...showOnlyForSignRequests, operation: ['get'] }),
	...signRequestCreateDescription,
	...signRequestGetAllDescription,
	...signRequestCancelDescription,
	...signRequestResendDescription,
	...signRequestDownloadDescription,
];
