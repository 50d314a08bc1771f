import { createHash } from 'crypto';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { sendToBox } from '../BoxSign/shared/sendToBox';
import { forgetDelivery, isFirstDelivery } from './deliveryRecord';
import { guideSpelling, WEBHOOK_NOTICES } from './events';
import { verifyBoxDelivery, type DeliveryHeaders } from './verifySignature';
import { webhookKeys } from './webhookKeys';

interface BoxEvent {
	id?: string;
	trigger?: string;
	created_at?: string;
	webhook?: { id?: string };
	source?: { id?: string; type?: string };
	additional_info?: {
		sign_request_id?: string;
		signer_emails?: string[];
		external_id?: string | null;
	};
}

/** Answers Box without starting the workflow; the reason goes to n8n's debug log only. */
function answerOnly(
	context: IWebhookFunctions,
	status: number,
	reason: string,
): IWebhookResponseData {
	context.logger.debug(`Box Sign Trigger: ${status}, no execution: ${reason}`, {
		workflowId: context.getWorkflow().id,
		node: context.getNode().name,
	});
	context.getResponseObject().status(status).end();
	return { noWebhookResponse: true };
}

async function rawBodyOf(context: IWebhookFunctions): Promise<Buffer> {
	const request = context.getRequestObject();
	if (!request.rawBody) await request.readRawBody();
	return request.rawBody;
}

function parseEvent(rawBody: Buffer): BoxEvent | undefined {
	try {
		const event: unknown = JSON.parse(rawBody.toString('utf8'));
		return event && typeof event === 'object' && !Array.isArray(event)
			? (event as BoxEvent)
			: undefined;
	} catch {
		return undefined;
	}
}

/** Box keeps an event's `id` across its retries; a verbatim replay has it too. */
function deliveryKey(context: IWebhookFunctions, event: BoxEvent, rawBody: Buffer): string {
	const eventId = event.id ?? createHash('sha256').update(rawBody).digest('hex');
	return `${context.getWorkflow().id}:${context.getNode().id}:${eventId}`;
}

function toOutput(event: BoxEvent, deliveryId: string | undefined): IDataObject {
	const info = event.additional_info ?? {};
	return {
		event: event.trigger,
		signRequestId: info.sign_request_id ?? null,
		signerEmails: info.signer_emails ?? [],
		externalId: info.external_id ?? null,
		sourceFileId: event.source?.type === 'file' ? (event.source.id ?? null) : null,
		webhookId: event.webhook?.id ?? null,
		deliveryId: deliveryId ?? null,
		createdAt: event.created_at ?? null,
		payload: event as IDataObject,
	};
}

async function withSignRequest(
	context: IWebhookFunctions,
	output: IDataObject,
): Promise<IDataObject> {
	if (!context.getNodeParameter('options.getSignRequest', false) || !output.signRequestId)
		return output;
	const signRequest = await sendToBox(context, {
		method: 'GET',
		url: `/2.0/sign_requests/${encodeURIComponent(String(output.signRequestId))}`,
	});
	return { ...output, signRequest };
}

/**
 * What the trigger does with each request to its URL: verify it came from Box, drop notices,
 * events not chosen and repeats with a 2xx (so Box stops retrying), and start the workflow once
 * per Box event. Never throws: n8n would answer 500 and record a failed execution.
 */
export async function handleDelivery(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	try {
		return await answerDelivery(context);
	} catch (error) {
		// E.g. the credential cannot be read: Box retries a non-2xx answer later.
		return answerOnly(context, 503, `could not handle the delivery: ${(error as Error).message}`);
	}
}

async function answerDelivery(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const rawBody = await rawBodyOf(context);
	const headers = context.getHeaderData() as DeliveryHeaders;
	const verdict = verifyBoxDelivery(headers, rawBody, await webhookKeys(context), Date.now());
	if (!verdict.valid) return answerOnly(context, 403, `refused delivery: ${verdict.reason}`);

	const event = parseEvent(rawBody);
	if (!event?.trigger) return answerOnly(context, 400, 'signed delivery is not a Box event');
	if (event.trigger === 'WEBHOOK.DELETED') {
		context.logger.warn(
			'Box Sign Trigger: Box deleted the webhook of this workflow; deactivate and activate the workflow to register it again',
			{ workflowId: context.getWorkflow().id, node: context.getNode().name },
		);
	}
	if (WEBHOOK_NOTICES.includes(event.trigger)) {
		return answerOnly(
			context,
			200,
			`Box notice ${event.trigger} (re-activate the workflow if Box deleted the webhook)`,
		);
	}
	const chosen = context.getNodeParameter('events', []) as string[];
	if (!chosen.includes(guideSpelling(event.trigger))) {
		return answerOnly(context, 200, `event ${event.trigger} is not one of the chosen events`);
	}
	const key = deliveryKey(context, event, rawBody);
	if (!isFirstDelivery(key, Date.now())) {
		return answerOnly(context, 200, `event ${event.id ?? ''} already started an execution`);
	}
	const deliveryId = headers['box-delivery-id'];
	try {
		const output = await withSignRequest(
			context,
			toOutput(event, Array.isArray(deliveryId) ? deliveryId[0] : deliveryId),
		);
		return { workflowData: [[{ json: output }]] };
	} catch (error) {
		// Box retries a non-2xx answer; the retry may start the workflow.
		forgetDelivery(key);
		return answerOnly(context, 503, `could not read the sign request: ${(error as Error).message}`);
	}
}
