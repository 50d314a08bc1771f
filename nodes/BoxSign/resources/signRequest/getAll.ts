import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { optionsCollection, returnAllAndLimit } from '../../shared/descriptions';
import { paginateWithMarker } from '../../shared/pagination';
import { setSignRequestFilters } from '../../shared/preSend';

export const signRequestGetAllOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many sign requests',
	description: 'List the sign requests you sent or can see',
	routing: {
		request: { method: 'GET', url: '/2.0/sign_requests' },
		send: { preSend: [setSignRequestFilters], paginate: true },
		operations: { pagination: paginateWithMarker },
	},
};

const showOnlyForSignRequestGetMany = {
	operation: ['getAll'],
	resource: ['signRequest'],
};

export const signRequestGetAllDescription: INodeProperties[] = [
	...returnAllAndLimit(showOnlyForSignRequestGetMany),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showOnlyForSignRequestGetMany },
		options: [
			{
				displayName: 'Only Shared With Me',
				name: 'sharedRequests',
				type: 'boolean',
				default: true,
				description:
					'Whether to list only requests you collaborate on but did not send (requests whose files are shared with you)',
			},
			{
				displayName: 'Senders',
				name: 'senders',
				type: 'string',
				default: '',
				placeholder: 'e.g. sales@acme.com, legal@acme.com',
				description: 'Only requests sent by these people, as comma-separated emails',
				hint: 'Box filters by sender only among requests shared with you, so this also turns on Only Shared With Me',
			},
		],
	},
	optionsCollection(showOnlyForSignRequestGetMany),
];
