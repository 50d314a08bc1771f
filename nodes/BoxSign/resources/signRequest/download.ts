import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../shared/descriptions';

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
