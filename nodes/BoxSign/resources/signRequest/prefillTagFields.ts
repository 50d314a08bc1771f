import type { INodeProperties } from 'n8n-workflow';

// The fields of one entry of Create's "Prefill Tags"; buildPrefillTags (shared/validation.ts) turns them into `prefill_tags[]`.
export const prefillTagFields: INodeProperties[] = [
	{
		displayName: 'Document Tag ID',
		name: 'documentTagId',
		type: 'string',
		placeholder: 'e.g. contract_amount',
		default: '',
		description: 'The tag ID set on the field in the document or template',
	},
	{
		displayName: 'Value Type',
		name: 'valueType',
		type: 'options',
		options: [
			{ name: 'Text', value: 'text' },
			{ name: 'Checkbox', value: 'checkbox' },
			{ name: 'Date', value: 'date' },
		],
		default: 'text',
		description: 'Which kind of value to fill in. Only that value is sent.',
	},
	{
		displayName: 'Text Value',
		name: 'textValue',
		type: 'string',
		default: '',
		placeholder: 'e.g. 12,500 USD',
		description: 'Text written into the tagged field',
		displayOptions: { show: { valueType: ['text'] } },
	},
	{
		displayName: 'Checkbox Value',
		name: 'checkboxValue',
		type: 'boolean',
		default: false,
		description: 'Whether the checkbox is ticked',
		displayOptions: { show: { valueType: ['checkbox'] } },
	},
	{
		displayName: 'Date Value',
		name: 'dateValue',
		type: 'dateTime',
		default: '',
		description: 'Date written into the tagged field (only the day is sent, e.g. 2026-12-31)',
		displayOptions: { show: { valueType: ['date'] } },
	},
];
