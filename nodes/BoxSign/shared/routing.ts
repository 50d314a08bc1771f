import type { INodeProperties } from 'n8n-workflow';

/** Sends the field as `property` of the JSON body; text left empty (or an expression giving "") is not sent. */
export function sendText(property: string): INodeProperties['routing'] {
	return {
		send: {
			type: 'body',
			property,
			value: '={{ typeof $value === "string" ? ($value.trim() || undefined) : $value }}',
		},
	};
}

/** Sends the field as it is, false and 0 included: the user added it on purpose. */
export function sendValue(property: string): INodeProperties['routing'] {
	return { send: { type: 'body', property } };
}
