import type { INodeProperties } from 'n8n-workflow';

import { setBodyField } from './preSend';
import { parseOption, parseYesNo } from './validation';

/**
 * Sends the field as `property` of the JSON body; text left empty, or an expression giving "", null
 * or nothing, is not sent (JSON leaves out undefined).
 */
export function sendText(property: string): INodeProperties['routing'] {
	return {
		send: {
			type: 'body',
			property,
			value:
				'={{ typeof $value === "string" ? ($value.trim() || undefined) : ($value ?? undefined) }}',
		},
	};
}

/**
 * A yes/no field of Additional Fields, sent as a boolean (false included: the user added it on
 * purpose). From an expression it may be "true"/"false" in any case; empty is not sent.
 */
export function sendYesNo(
	name: string,
	property: string,
	label: string,
): INodeProperties['routing'] {
	const parse = (value: unknown) => parseYesNo(value, label);
	return { send: { preSend: [setBodyField(`additionalFields.${name}`, property, parse)] } };
}

/** An options field of Additional Fields; from an expression, any case of one of its values. */
export function sendOption(
	name: string,
	property: string,
	label: string,
	values: readonly string[],
): INodeProperties['routing'] {
	const parse = (value: unknown) => parseOption(value, label, values);
	return { send: { preSend: [setBodyField(`additionalFields.${name}`, property, parse)] } };
}
