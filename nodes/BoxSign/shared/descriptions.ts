import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { previewInsteadOfSending } from './dryRun';

/** n8n's standard "Return All" + "Limit" pair; paginateWithMarker reads both. */
export function returnAllAndLimit(show: IDisplayOptions['show']): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: { show },
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { ...show, returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
	];
}

export const dryRunOption: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: true,
	description:
		'Whether to only check the input and output the request that would be sent (passwords masked), without sending it to Box',
	routing: {
		send: { paginate: '={{ $value }}' },
		operations: { pagination: previewInsteadOfSending },
	},
};
