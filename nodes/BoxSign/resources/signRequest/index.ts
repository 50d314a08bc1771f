import type { INodeProperties } from 'n8n-workflow';

import { maskSignerPasswords } from '../../shared/postReceive';
import { signRequestCreateDescription } from './create';

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
			{
				name: 'Create',
				value: 'create',
				action: 'Create a sign request',
				description: 'Send documents to people for signature',
				routing: {
					request: { method: 'POST', url: '/2.0/sign_requests' },
					output: { postReceive: [maskSignerPasswords] },
				},
			},
		],
		default: 'create',
	},
	...signRequestCreateDescription,
];
