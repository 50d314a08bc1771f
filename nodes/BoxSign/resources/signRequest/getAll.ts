import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection, returnAllAndLimit } from '../../shared/descriptions';
import { setSendersFilter } from '../../shared/preSend';

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
				routing: { send: { type: 'query', property: 'shared_requests' } },
			},
			{
				displayName: 'Senders',
				name: 'senders',
				type: 'string',
				default: '',
				placeholder: 'e.g. sales@acme.com, legal@acme.com',
				description: 'Only requests sent by these people, as comma-separated emails',
				hint: 'Box filters by sender only among requests shared with you, so this also turns on Only Shared With Me',
				routing: { send: { preSend: [setSendersFilter] } },
			},
		],
	},
	optionsCollection(showOnlyForSignRequestGetMany),
];
