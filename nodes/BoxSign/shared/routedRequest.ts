import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { isDryRun, previewInsteadOfSending } from './dryRun';
import type { BoxRequest, SendAttempt } from './sendToBox';
import { sendToBox } from './sendToBox';

/**
 * The request RoutingNode built from the fields. Every operation has a URL by then, and RoutingNode
 * sets `skipSslCertificateValidation` from the boolean `allowUnauthorizedCerts` request option.
 */
export function builtRequest(requestData: DeclarativeRestApiSettings.ResultOptions): BoxRequest {
	return { ...requestData.options, url: requestData.options.url ?? '' } as BoxRequest;
}

/** Sends the request RoutingNode built the way RoutingNode would, postReceive hooks included. */
export function throughRoutingNode(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): SendAttempt<INodeExecutionData[]> {
	return async (options) => await context.makeRoutingRequest({ ...requestData, options });
}

/** The runner of every operation but the lists (see the node's `requestOperations`). */
export async function sendRoutedRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	if (isDryRun(this)) {
		return await previewInsteadOfSending(this, requestData);
	}
	return await sendToBox(this, builtRequest(requestData), throughRoutingNode(this, requestData));
}
