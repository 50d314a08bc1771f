import type { IExecuteSingleFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The error of the current item. n8n's CLI and logs show only an error's message, so the message
 * itself names the item (and, from the callers, the field).
 */
export function itemError(
	context: IExecuteSingleFunctions,
	message: string,
	description?: string,
): NodeOperationError {
	const itemIndex = context.getItemIndex();
	return new NodeOperationError(context.getNode(), `${message} [item ${itemIndex}]`, {
		itemIndex,
		description,
	});
}

/** Fails the current item before anything is written to Box. */
export function failItem(context: IExecuteSingleFunctions, message: string): never {
	throw itemError(context, message, 'Nothing was sent to Box for this item.');
}
