import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { optionsCollection } from '../../shared/descriptions';
import { downloadSignedFiles } from '../../shared/downloadSignedFiles';
import { requireSignRequest } from '../../shared/postReceive';
import { setSignRequestUrl } from '../../shared/preSend';

export const signRequestDownloadOperation: INodePropertyOptions = {
	name: 'Download',
	value: 'download',
	action: 'Download the signed documents',
	description: 'Get the signed documents and the signing log of a completed request as files',
	routing: {
		request: { method: 'GET' },
		send: { preSend: [setSignRequestUrl], paginate: true },
		output: { postReceive: [requireSignRequest, downloadSignedFiles] },
	},
};

const showOnlyForSignRequestDownload = {
	operation: ['download'],
	resource: ['signRequest'],
};

export const signRequestDownloadDescription: INodeProperties[] = [
	{
		displayName:
			"The signed documents arrive as binary fields document_0, document_1, … and Box's signing log as signing_log",
		name: 'downloadNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showOnlyForSignRequestDownload },
	},
	optionsCollection(showOnlyForSignRequestDownload, [
		{
			displayName: 'Include Signing Log',
			name: 'includeSigningLog',
			type: 'boolean',
			default: true,
			description: "Whether to also download Box's signing log (who signed when, from where)",
		},
	]),
];
