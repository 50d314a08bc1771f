import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { optionsCollection } from '../../shared/descriptions';
import { maskSignerPasswords, requireSignRequest } from '../../shared/postReceive';
import { setSignRequestUrl } from '../../shared/preSend';

export const signRequestGetOperation: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a sign request',
	description: 'Get a sign request with its status and signers',
	routing: {
		request: { method: 'GET' },
		send: { preSend: [setSignRequestUrl], paginate: true },
		output: { postReceive: [requireSignRequest, maskSignerPasswords] },
	},
};

export const signRequestGetDescription: INodeProperties[] = [
	optionsCollection({ resource: ['signRequest'], operation: ['get'] }),
];
