import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection, returnAllAndLimit, templateLocator } from '../../shared/descriptions';
import { paginateWithMarker } from '../../shared/pagination';
import { setSignTemplateUrl } from '../../shared/preSend';

const showOnlyForSignTemplates = {
	resource: ['signTemplate'],
};

export const signTemplateDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForSignTemplates },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a sign template',
				description: 'Get a template with its signers and fields',
				routing: {
					request: { method: 'GET' },
					send: { preSend: [setSignTemplateUrl], paginate: true },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many sign templates',
				description: 'List the Box Sign templates you can use',
				routing: {
					request: { method: 'GET', url: '/2.0/sign_templates' },
					send: { paginate: true },
					operations: { pagination: paginateWithMarker },
				},
			},
		],
		default: 'getAll',
	},
	templateLocator({
		displayOptions: { show: { ...showOnlyForSignTemplates, operation: ['get'] } },
		description: 'The Box Sign template to get',
	}),
	...returnAllAndLimit({ ...showOnlyForSignTemplates, operation: ['getAll'] }),
	optionsCollection(showOnlyForSignTemplates),
];
