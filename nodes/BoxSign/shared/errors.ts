import type { IExecuteSingleFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Fails the current item before anything is written to Box. n8n's CLI and logs show only an error's
 * message, so the message itself names the field and the item.
 */
export function failItem(context: IExecuteSingleFunctions, message: string): never {
	const itemIndex = context.getItemIndex();
	throw new NodeOperationError(context.getNode(), `${message} [item ${itemIndex}]`, {
		itemIndex,
		description: 'Nothing was sent to Box for this item.',
	});
}
