import type {
	IDataObject,
	IExecuteSingleFunctions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { Failure } from './retryPolicy';
import { parseRetryAfter } from './retryPolicy';

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

function hintFor(
	failure: HttpFailure,
	code: string,
	message: string,
	operation: string,
): string | undefined {
	if (code === 'insufficient_scope') {
		return 'The Box app behind this credential lacks a scope: in the Box Developer Console tick "Manage signature requests" and "Read all files and folders" / "Write all files and folders", then reconnect the credential.';
	}
	if (failure.status === 401) {
		return 'Box did not accept the access token. Open the Box Sign credential and click "Reconnect" (the token may have been revoked or the app disabled).';
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
	if (/locked/i.test(message)) {
		return 'The template locks this part of the request (fields, recipients, files or email settings). Leave it out, or unlock it in the template in Box.';
	}
	if (failure.status === 429) {
		return 'Box limits each user (100 new or resent sign requests a minute, 1 000 calls a minute). The node paces every request for this account to what Box accepts and waits as long as "Max Total Rate-Limit Wait" allows.';
	}
	return undefined;
}

function describe(failure: HttpFailure): { message: string; details: string[] } {
	const body = failure.body ?? {};
	const details: string[] = [];
	if (body.code || body.error) details.push(`Box error code: ${String(body.code ?? body.error)}`);
	if (failure.status) details.push(`HTTP status: ${failure.status}`);
	if (body.request_id) details.push(`Box request ID: ${String(body.request_id)}`);
	if (body.help_url) details.push(`Help: ${String(body.help_url)}`);
	if (failure.networkCode) details.push(`Network error: ${failure.networkCode}`);
	const boxMessage = body.message ?? body.error_description;
	if (boxMessage) return { message: String(boxMessage), details };
	if (failure.status)
		return { message: `Box answered HTTP ${failure.status} without an explanation`, details };
	return { message: 'Box did not answer: the connection failed or timed out', details };
}

/**
 * The n8n error for a request Box refused or never answered. `acceptedWhileWaiting`: the item
 * waited for Box's rate limit until Max Total Rate-Limit Wait ran out, while that many other
 * requests for the same Box account went through.
 */
export function toBoxApiError(
	context: IExecuteSingleFunctions | ILoadOptionsFunctions,
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
	const hint = hintFor(failure, code, message, operation);

	if (outcomeUnknown) {
		const externalId = context.getNodeParameter('additionalFields.externalId', '') as string;
		const reference = operation === 'create' && externalId ? ` (External ID "${externalId}")` : '';
		message = `Box may or may not have ${WRITE_VERBS[operation] ?? 'done this'}${reference}: ${message.charAt(0).toLowerCase()}${message.slice(1)}. Check in Box before running this item again, or turn on "Retry When Outcome Unknown".`;
	}
	if (acceptedWhileWaiting !== undefined) {
		message = `${message} (this item waited for Box's rate limit as long as "Max Total Rate-Limit Wait" allows, while ${acceptedWhileWaiting} other requests for this Box account went through). Raise "Max Total Rate-Limit Wait" in the node's Options, or send fewer items per execution.`;
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
