import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ERROR_STATUSES } from './signRequestStatus';

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

/**
 * Fails the current item after Box created its sign request, without hiding the request: the
 * message carries its ID and status, and with Continue On Fail so does the error item, as
 * `{ error, details: { id, status } }` (n8n would replace a thrown error's item with `{ error }`).
 */
export function failCreatedRequest(
	context: IExecuteSingleFunctions,
	signRequest: IDataObject,
	problem: string,
): INodeExecutionData {
	const details = { id: signRequest.id, status: signRequest.status };
	const next = ERROR_STATUSES.includes(String(details.status))
		? 'it will not reach the signers, so fix the cause and run Create again'
		: 'use Get with this ID to follow it; running Create again would send a second one';
	const error = itemError(
		context,
		`${problem} The sign request exists in Box (ID ${details.id}, status ${details.status}): ${next}.`,
		'Box created this sign request.',
	);
	if (context.continueOnFail()) return { json: { error: error.message, details } };
	throw error;
}

/** Fails the current item before anything is written to Box. */
export function failItem(context: IExecuteSingleFunctions, message: string): never {
	throw itemError(context, message, 'Nothing was sent to Box for this item.');
}
