import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { Failure } from './retryPolicy';
import { parseRetryAfter } from './retryPolicy';
import type { BoxContext } from './sendToBox';

/** An error already explained to the user; nothing re-wraps or retries it. */
export class BoxApiError extends NodeApiError {}

export interface HttpFailure extends Failure {
	/** Box's JSON error body, `{type: "error", code, message, request_id, help_url}` or OAuth's `{error, error_description}`. */
	body?: IDataObject;
}

interface ThrownHttpError {
	httpCode?: string | null;
	code?: string;
	status?: number;
	response?: { status?: number; headers?: IDataObject; data?: unknown };
	context?: { data?: unknown };
	/** @n8n/client-oauth2's errors carry the token endpoint's answer here. */
	body?: unknown;
	cause?: ThrownHttpError;
}

/** Reads status, network code, retry-after and Box's body off what n8n's HTTP helpers throw. */
export function readHttpFailure(error: unknown): HttpFailure {
	const thrown = (error ?? {}) as ThrownHttpError;
	const cause = thrown.cause ?? thrown;
	const response = cause.response ?? thrown.response;
	const status = response?.status ?? cause.status ?? (Number(thrown.httpCode) || undefined);
	const data = response?.data ?? thrown.context?.data ?? cause.body;
	const body =
		data && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : undefined;
	return {
		status,
		networkCode: status === undefined ? (cause.code ?? thrown.httpCode ?? undefined) : undefined,
		retryAfterSeconds: parseRetryAfter(response?.headers?.['retry-after']),
		body,
	};
}

/** Box answered, or the connection to Box failed: anything else is not ours to explain or retry. */
export function isHttpFailure(failure: HttpFailure): boolean {
	return failure.status !== undefined || failure.networkCode !== undefined;
}

const WRITE_VERBS: Record<string, string> = {
	create: 'created this sign request',
	cancel: 'cancelled this sign request',
	resend: 'resent this sign request',
};

// What "connect again" means for each credential: OAuth2 has a button, Client Credentials has none.
const RECONNECT = {
	oAuth2: 'open the Box Sign OAuth2 credential and click "Reconnect"',
	clientCredentials:
		'check the Client ID, Client Secret and Enterprise or User ID of the Box Sign Client Credentials credential, and that an admin authorized the app in the Box Admin Console',
};

function hintFor(
	failure: HttpFailure,
	{ code, message, operation, authentication }: Record<string, string>,
): string | undefined {
	const reconnect =
		authentication === 'clientCredentials' ? RECONNECT.clientCredentials : RECONNECT.oAuth2;
	if (code === 'insufficient_scope') {
		return `The Box app behind this credential lacks a scope: in the Box Developer Console tick "Manage signature requests" and "Read all files and folders" / "Write all files and folders", then ${reconnect}.`;
	}
	if (failure.status === 401) {
		return `Box did not accept the access token (it may have been revoked, or the app disabled): ${reconnect}.`;
	}
	if (failure.status === 404 && operation === 'create') {
		return 'Box cannot find a file, folder or template of this request, or the connected Box user cannot see it. Check the IDs and that the items are shared with that user.';
	}
	if (failure.status === 404) {
		return 'Nothing with this ID is visible to the connected Box account. Check the ID and which Box user the credential is connected as.';
	}
	if (/login_required|login required/i.test(message) && /phone/i.test(message)) {
		return 'A signer cannot have both "Login Required" and a "Phone Verification Number": keep one.';
	}
	if (failure.status === 400 && operation === 'resend') {
		return 'Box resends a request at most once every 10 minutes after it was last sent, and only while signers still have to act. Run Resend again later, or check the status with Get.';
	}
	if (/locked/i.test(message)) {
		return 'The template locks this part of the request (fields, recipients, files or email settings). Leave it out, or unlock it in the template in Box.';
	}
	if (failure.status === 429) {
		return 'Box limits each user (100 new or resent sign requests a minute, 1 000 calls a minute). The node paces every request for this account to what Box accepts and waits as long as "Max Total Rate-Limit Wait (Minutes)" allows.';
	}
	return undefined;
}

/**
 * Box often puts only its generic message for the status (Bad Request, Not Found) at the top and
 * what is wrong in `context_info.errors`: a 409 for a second webhook on a folder names the webhook
 * there only.
 */
function withContextMessages(message: string, body: IDataObject): string {
	const contextInfo = (body.context_info ?? {}) as IDataObject;
	const errors = Array.isArray(contextInfo.errors) ? (contextInfo.errors as IDataObject[]) : [];
	const more = errors
		.map((error) => error?.message)
		.filter((text): text is string => typeof text === 'string' && !message.includes(text));
	return more.length ? `${message}: ${more.join(' ')}` : message;
}

function describe(failure: HttpFailure): { message: string; fromBox: boolean; details: string[] } {
	const body = failure.body ?? {};
	const details: string[] = [];
	if (body.code || body.error) details.push(`Box error code: ${String(body.code ?? body.error)}`);
	if (failure.status) details.push(`HTTP status: ${failure.status}`);
	if (body.request_id) details.push(`Box request ID: ${String(body.request_id)}`);
	if (body.help_url) details.push(`Help: ${String(body.help_url)}`);
	if (failure.networkCode) details.push(`Network error: ${failure.networkCode}`);
	const boxMessage = body.message ?? body.error_description;
	if (boxMessage)
		return { message: withContextMessages(String(boxMessage), body), fromBox: true, details };
	if (failure.status) {
		const message = `Box answered HTTP ${failure.status} without an explanation`;
		return { message, fromBox: false, details };
	}
	const message = 'Box did not answer: the connection failed or timed out';
	return { message, fromBox: false, details };
}

/**
 * The n8n error for a request Box refused or never answered. `acceptedWhileWaiting`: the item
 * waited for Box's rate limit until Max Total Rate-Limit Wait ran out, while that many other
 * requests for the same Box account went through.
 */
export function toBoxApiError(
	context: BoxContext,
	failure: HttpFailure,
	{
		outcomeUnknown,
		attempts,
		acceptedWhileWaiting,
	}: { outcomeUnknown: boolean; attempts: number; acceptedWhileWaiting?: number },
): BoxApiError {
	const operation = String(context.getNodeParameter('operation', ''));
	const itemIndex = 'getItemIndex' in context ? context.getItemIndex() : undefined;
	const described = describe(failure);
	const details = described.details;
	let message = described.message;
	const code = String(failure.body?.code ?? failure.body?.error ?? '');
	const authentication = String(context.getNodeParameter('authentication', 'oAuth2'));
	const hint = hintFor(failure, { code, message, operation, authentication });

	if (outcomeUnknown) {
		const externalId = context.getNodeParameter('additionalFields.externalId', '') as string;
		const reference = operation === 'create' && externalId ? ` (External ID "${externalId}")` : '';
		// Box's message stays verbatim, so that users can search for it.
		const cause = described.fromBox ? `Box answered: "${message}"` : message;
		message = `Box may or may not have ${WRITE_VERBS[operation] ?? 'done this'}${reference}. ${cause}. Check in Box before running this item again, or turn on "Retry When Outcome Unknown".`;
	}
	if (acceptedWhileWaiting !== undefined) {
		message = `${message} (this item waited for Box's rate limit as long as "Max Total Rate-Limit Wait (Minutes)" allows, while ${acceptedWhileWaiting} other requests for this Box account went through). Raise "Max Total Rate-Limit Wait (Minutes)" in the node's Options, or send fewer items per execution.`;
	}
	if (attempts > 1) details.push(`Attempts: ${attempts}`);
	if (itemIndex !== undefined) details.push(`Item: ${itemIndex}`);

	return new BoxApiError(context.getNode(), (failure.body ?? {}) as JsonObject, {
		message,
		description: [hint, details.join(' · ')].filter(Boolean).join('\n'),
		httpCode: failure.status ? String(failure.status) : undefined,
		itemIndex,
	});
}
