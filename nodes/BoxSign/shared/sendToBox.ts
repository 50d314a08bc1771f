import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { HttpFailure } from './boxErrors';
import { BoxApiError, isHttpFailure, readHttpFailure, toBoxApiError } from './boxErrors';
import { limiterFor, type Permit, type RateLimitAnswer } from './rateLimiter';
import type { RetryDecision, RetryPolicy } from './retryPolicy';
import {
	DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
	DEFAULT_MAX_TOTAL_RATE_LIMIT_WAIT_MINUTES,
	decideRetry,
} from './retryPolicy';

/** Every context a Box Sign node sends from: operations, list searches, and a trigger's hooks and webhooks. */
export type BoxContext =
	| IExecuteSingleFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

/** A request to Box; sendToBox adds the base URL of the chosen credential. */
export type BoxRequest = Omit<IHttpRequestOptions, 'baseURL'>;

/** Sends one attempt of a request whose base URL is set, with the credential of that type. */
export type SendAttempt<T> = (request: IHttpRequestOptions, credentialType: string) => Promise<T>;

function retryPolicyFor(
	context: BoxContext,
	method: string | undefined,
	boxUser: string,
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
		boxUser,
	};
}

/** One credential is one Box user: its type and ID in this n8n, and the Box it points at. */
function boxUserOf(context: BoxContext, credentialType: string, baseURL: string): string {
	const credential = context.getNode().credentials?.[credentialType];
	return [credentialType, credential?.id ?? credential?.name, baseURL].join(' ');
}

function isFinal(error: unknown): error is BoxApiError | NodeOperationError {
	return error instanceof BoxApiError || error instanceof NodeOperationError;
}

/**
 * The one retry loop: sends, and on failure either waits and sends again (see retryPolicy.ts) or
 * throws an error that explains Box's answer. sendToBox runs every request the node makes through it.
 */
async function withRetries<T>(
	context: BoxContext,
	policy: RetryPolicy,
	send: () => Promise<T>,
): Promise<T> {
	const limiter = limiterFor<HttpFailure>(policy.boxUser, policy.isRead ? 'read' : 'write');
	const acceptedBefore = limiter.accepted;
	let rateLimitWaitedMs = 0;
	let refused: Permit | undefined;
	for (let attempt = 0; ; attempt++) {
		const budgetMs = policy.maxTotalRateLimitWaitMs - rateLimitWaitedMs;
		const turn = await limiter.takeTurn(budgetMs, refused);
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
		refused = failure.status === 429 ? turn.permit : undefined;
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

/**
 * A 429 for the limiter: pause as decided, and Box's `retry-after` to learn its window, unless
 * "Max Rate-Limit Wait (Seconds)" cut the pause short: Box's window then says nothing about when we send.
 */
function rateLimitAnswer(
	failure: HttpFailure,
	decision: RetryDecision,
): RateLimitAnswer<HttpFailure> {
	const pauseMs = decision.retry ? decision.waitMs : 0;
	const retryAfterMs =
		failure.retryAfterSeconds === undefined ? undefined : failure.retryAfterSeconds * 1000;
	return {
		answer: failure,
		pauseMs,
		retryAfterMs: retryAfterMs !== undefined && retryAfterMs <= pauseMs ? retryAfterMs : undefined,
	};
}

interface BoxConnection {
	credentialType: string;
	baseURL: string;
}

// n8n reads a credential from its database and decrypts it on every getCredentials call; the items
// of one node run share RoutingNode's execute data, and so the lookup.
const connectionsOfRun = new WeakMap<object, Promise<BoxConnection>>();

async function lookUpConnection(
	context: BoxContext,
	credentialType: string,
): Promise<BoxConnection> {
	const credentials = await context.getCredentials(credentialType);
	return { credentialType, baseURL: String(credentials.baseUrl).replace(/\/+$/, '') };
}

/** The credential the user chose under Authentication, and the Box API address it holds. */
export async function boxConnection(context: BoxContext): Promise<BoxConnection> {
	const credentialType =
		context.getNodeParameter('authentication', 'oAuth2') === 'clientCredentials'
			? 'boxSignClientCredentialsApi'
			: 'boxSignOAuth2Api';
	if (!('getExecuteData' in context)) return await lookUpConnection(context, credentialType);
	const run = context.getExecuteData();
	let connection = connectionsOfRun.get(run);
	if (connection === undefined) {
		connection = lookUpConnection(context, credentialType);
		connectionsOfRun.set(run, connection);
	}
	return await connection;
}

function withAuthentication<T>(context: BoxContext): SendAttempt<T> {
	return async (request, credentialType) =>
		(await context.helpers.httpRequestWithAuthentication.call(
			context,
			credentialType,
			request,
		)) as T;
}

/**
 * The one way the node talks to Box: resolves the credential and base URL once, then sends through
 * the retry loop. `sendAttempt` replaces the plain authenticated request where RoutingNode sends
 * (it also runs the operation's postReceive hooks).
 */
export async function sendToBox<T = IDataObject>(
	context: BoxContext,
	request: BoxRequest,
	sendAttempt: SendAttempt<T> = withAuthentication(context),
): Promise<T> {
	const { credentialType, baseURL } = await boxConnection(context);
	const options: IHttpRequestOptions = { json: true, ...request, baseURL };
	return await withRetries(
		context,
		retryPolicyFor(context, options.method, boxUserOf(context, credentialType, baseURL)),
		async () => await sendAttempt(options, credentialType),
	);
}
