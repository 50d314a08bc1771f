import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	ILoadOptionsFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { HttpFailure } from './boxErrors';
import { BoxApiError, isHttpFailure, readHttpFailure, toBoxApiError } from './boxErrors';
import { previewInsteadOfSending } from './dryRun';
import type { RateLimitAnswer } from './rateLimiter';
import { limiterFor } from './rateLimiter';
import type { RetryDecision, RetryPolicy } from './retryPolicy';
import {
	DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
	DEFAULT_MAX_TOTAL_RATE_LIMIT_WAIT_MINUTES,
	decideRetry,
} from './retryPolicy';

export function retryPolicyFor(
	context: IExecuteSingleFunctions | ILoadOptionsFunctions,
	method: string | undefined,
	baseURL: string | undefined,
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
		maxTotalRateLimitWaitMs:
			Number(
				context.getNodeParameter(
					'options.maxTotalRateLimitWait',
					DEFAULT_MAX_TOTAL_RATE_LIMIT_WAIT_MINUTES,
				),
			) * 60_000,
		boxUser: boxUserOf(context, baseURL),
	};
}

/** One credential is one Box user: its type and ID in this n8n, and the Box it points at. */
function boxUserOf(
	context: IExecuteSingleFunctions | ILoadOptionsFunctions,
	baseURL: string | undefined,
): string {
	const credentials = context.getNode().credentials ?? {};
	const type =
		context.getNodeParameter('authentication', 'oAuth2') === 'clientCredentials'
			? 'boxSignClientCredentialsApi'
			: 'boxSignOAuth2Api';
	const credential = credentials[type];
	return [type, credential?.id ?? credential?.name, baseURL].join(' ');
}

function isFinal(error: unknown): error is BoxApiError | NodeOperationError {
	return error instanceof BoxApiError || error instanceof NodeOperationError;
}

/**
 * The one retry loop: sends, and on failure either waits and sends again (see retryPolicy.ts) or
 * throws an error that explains Box's answer. Used for every request the node makes.
 */
export async function withRetries<T>(
	context: IExecuteSingleFunctions | ILoadOptionsFunctions,
	policy: RetryPolicy,
	send: () => Promise<T>,
): Promise<T> {
	const limiter = limiterFor<HttpFailure>(policy.boxUser, policy.isRead ? 'read' : 'write');
	const acceptedBefore = limiter.accepted;
	let rateLimitWaitedMs = 0;
	for (let attempt = 0; ; attempt++) {
		const budgetMs = policy.maxTotalRateLimitWaitMs - rateLimitWaitedMs;
		const turn = await limiter.takeTurn(budgetMs);
		// Box's last 429 explains why the item waited so long.
		if (!turn) {
			throw toBoxApiError(context, limiter.lastRateLimitAnswer ?? { status: 429 }, {
				outcomeUnknown: false,
				attempts: attempt,
				acceptedWhileWaiting: limiter.accepted - acceptedBefore,
			});
		}
		rateLimitWaitedMs += turn.waitedMs;
		const result = await send().then(
			(value) => ({ ok: true as const, value }),
			(error: unknown) => ({ ok: false as const, error }),
		);
		if (result.ok) {
			limiter.settle(turn.permit);
			return result.value;
		}
		const failure = readHttpFailure(result.error);
		const decision = decideRetry(failure, attempt, policy);
		limiter.settle(
			turn.permit,
			failure.status === 429 ? rateLimitAnswer(failure, decision) : undefined,
		);
		// Our own checks (in postReceive hooks), errors already explained, and errors that are not an
		// HTTP failure (such as n8n's "credential needs to be reconnected") are final.
		if (isFinal(result.error) || !isHttpFailure(failure)) throw result.error;
		if (!decision.retry) {
			throw toBoxApiError(context, failure, {
				outcomeUnknown: decision.outcomeUnknown,
				attempts: attempt + 1,
			});
		}
		// After a 429 the limiter holds the next turn back, for every request to this Box user.
		if (failure.status !== 429) await sleep(decision.waitMs);
	}
}

/** A 429 for the limiter: pause as decided, and Box's `retry-after` to learn its window. */
function rateLimitAnswer(
	failure: HttpFailure,
	decision: RetryDecision,
): RateLimitAnswer<HttpFailure> {
	return {
		answer: failure,
		pauseMs: decision.retry ? decision.waitMs : 0,
		retryAfterMs:
			failure.retryAfterSeconds === undefined ? undefined : failure.retryAfterSeconds * 1000,
	};
}

/** Sends a request RoutingNode built (postReceive hooks included) through the retry loop. */
export async function requestWithRetries(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const policy = retryPolicyFor(context, requestData.options.method, requestData.options.baseURL);
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
