import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { BoxApiError, isHttpFailure, readHttpFailure, toBoxApiError } from './boxErrors';
import { previewInsteadOfSending } from './dryRun';
import type { RetryPolicy } from './retryPolicy';
import { DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS, decideRetry } from './retryPolicy';

export function retryPolicyFor(
	context: IExecuteSingleFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions,
	method: string | undefined,
): RetryPolicy {
	return {
		isRead: (method ?? 'GET') === 'GET',
		retryUncertainWrites: context.getNodeParameter(
			'options.retryWhenOutcomeUnknown',
			false,
		) as boolean,
		maxRateLimitWaitSeconds: Number(
			context.getNodeParameter('options.maxRateLimitWait', DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS),
		),
	};
}

function isFinal(error: unknown): error is BoxApiError | NodeOperationError {
	return error instanceof BoxApiError || error instanceof NodeOperationError;
}

/**
 * The one retry loop: sends, and on failure either waits and sends again (see retryPolicy.ts) or
 * throws an error that explains Box's answer. Used for every request the node makes.
 */
export async function withRetries<T>(
	context: IExecuteSingleFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions,
	policy: RetryPolicy,
	send: () => Promise<T>,
): Promise<T> {
	for (let attempt = 0; ; attempt++) {
		const result = await send().then(
			(value) => ({ ok: true as const, value }),
			(error: unknown) => ({ ok: false as const, error }),
		);
		if (result.ok) return result.value;
		const failure = readHttpFailure(result.error);
		// Our own checks (in postReceive hooks), errors already explained, and errors that are not an
		// HTTP failure (such as n8n's "credential needs to be reconnected") are final.
		if (isFinal(result.error) || !isHttpFailure(failure)) throw result.error;
		const decision = decideRetry(failure, attempt, policy);
		if (!decision.retry) {
			throw toBoxApiError(context, failure, {
				outcomeUnknown: decision.outcomeUnknown,
				attempts: attempt + 1,
			});
		}
		await sleep(decision.waitMs);
	}
}

/** Sends a request RoutingNode built (postReceive hooks included) through the retry loop. */
export async function requestWithRetries(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const policy = retryPolicyFor(context, requestData.options.method);
	return await withRetries(
		context,
		policy,
		async () => await context.makeRoutingRequest(requestData),
	);
}

/**
 * The request runner of every operation but the lists (those page through paginateWithMarker).
 * RoutingNode hands the built request to `operations.pagination` instead of sending it itself when
 * `send.paginate` is on; every operation sets both to reach this function. Honours Dry Run.
 */
export async function sendToBox(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	if (this.getNodeParameter('options.dryRun', false)) return previewInsteadOfSending(requestData);
	return await requestWithRetries(this, requestData);
}
