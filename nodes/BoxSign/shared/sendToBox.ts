import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { BoxApiError, isHttpFailure, readHttpFailure, toBoxApiError } from './boxErrors';
import type { RetryPolicy } from './retryPolicy';
import { DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS, decideRetry } from './retryPolicy';

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

function retryPolicyFor(context: BoxContext, method: string | undefined): RetryPolicy {
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
 * throws an error that explains Box's answer. sendToBox runs every request the node makes through it.
 */
async function withRetries<T>(
	context: BoxContext,
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

/** The credential the user chose under Authentication, and the Box API address it holds. */
export async function boxConnection(
	context: BoxContext,
): Promise<{ credentialType: string; baseURL: string }> {
	const credentialType =
		context.getNodeParameter('authentication', 'oAuth2') === 'clientCredentials'
			? 'boxSignClientCredentialsApi'
			: 'boxSignOAuth2Api';
	const credentials = await context.getCredentials(credentialType);
	return { credentialType, baseURL: String(credentials.baseUrl).replace(/\/+$/, '') };
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
		retryPolicyFor(context, options.method),
		async () => await sendAttempt(options, credentialType),
	);
}
