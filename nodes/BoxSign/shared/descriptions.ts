import type { IDisplayOptions, INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
	DEFAULT_MAX_TOTAL_RATE_LIMIT_WAIT_MINUTES,
} from './retryPolicy';

/** Both Box Sign credentials, shown by the Authentication parameter; the nodes share them. */
export const boxSignCredentials: INodeCredentialDescription[] = [
	{
		name: 'boxSignOAuth2Api',
		required: true,
		displayOptions: { show: { authentication: ['oAuth2'] } },
	},
	{
		name: 'boxSignClientCredentialsApi',
		required: true,
		displayOptions: { show: { authentication: ['clientCredentials'] } },
	},
];

export const authenticationParameter: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'OAuth2 (Sign In With Box)', value: 'oAuth2' },
		{ name: 'Client Credentials (Server Authentication)', value: 'clientCredentials' },
	],
	default: 'oAuth2',
};

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
		"Whether to only check the input here and output the request that would be sent (passwords masked). Nothing reaches Box, not even the reads that check a cancel, a resend or a template's prefill tags.",
};

const maxRateLimitWaitOption: INodeProperties = {
	displayName: 'Max Rate-Limit Wait (Seconds)',
	name: 'maxRateLimitWait',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
	description:
		'When Box says "too many requests", wait at most this long before each new try (Box says how long in its answer)',
};

const maxTotalRateLimitWaitOption: INodeProperties = {
	displayName: 'Max Total Rate-Limit Wait (Minutes)',
	name: 'maxTotalRateLimitWait',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: DEFAULT_MAX_TOTAL_RATE_LIMIT_WAIT_MINUTES,
	description:
		"How long one item may wait, in all, for Box's rate limit before it fails. The node paces every request for the same Box account to the rate Box accepts, so big executions take their time instead of failing.",
};

export const retryWhenOutcomeUnknownOption: INodeProperties = {
	displayName: 'Retry When Outcome Unknown',
	name: 'retryWhenOutcomeUnknown',
	type: 'boolean',
	default: false,
	description:
		'Whether to send again after a Box server error, a dropped connection or a timeout. Box may already have acted on the first try, so signers could get the request twice.',
};

/** Every operation's "Options": the retry settings plus what the operation adds. */
export function optionsCollection(
	show: IDisplayOptions['show'],
	options: INodeProperties[] = [],
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [...options, maxRateLimitWaitOption, maxTotalRateLimitWaitOption],
	};
}

/** The template picker: from Box's list (searchSignTemplates) or by ID. */
export function templateLocator(property: Partial<INodeProperties>): INodeProperties {
	return {
		displayName: 'Template',
		name: 'templateId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchSignTemplates', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 123075213-7d117509-8f05-42e4-a5ef-5190a319d41d',
			},
		],
		...property,
	};
}
