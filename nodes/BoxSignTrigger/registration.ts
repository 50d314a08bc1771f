import type { IDataObject, IHookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { sendToBox } from '../BoxSign/shared/sendToBox';
import { openApiSpelling, sameEvents } from './events';
import { webhookKeys } from './webhookKeys';

interface BoxWebhook {
	id: string;
	target: { id: string; type: string };
	address?: string;
	triggers?: string[];
}

interface WebhookPage {
	entries: BoxWebhook[];
	next_marker?: string | null;
}

interface Registration {
	target: { id: string; type: string };
	address: string;
	triggers: string[];
}

const PAGE_SIZE = 1000;

function webhookData(context: IHookFunctions): IDataObject {
	return context.getWorkflowStaticData('node');
}

function fail(context: IHookFunctions, message: string, description?: string): never {
	throw new NodeOperationError(context.getNode(), message, { description });
}

/** Verification is never optional: without the key every delivery would have to be refused. */
async function requireSignatureKey(context: IHookFunctions): Promise<void> {
	if ((await webhookKeys(context)).primaryKey) return;
	fail(
		context,
		'Fill in "Webhook Primary Key" in the Box Sign credential before activating the Box Sign Trigger',
		'Box signs every delivery; the trigger accepts only deliveries signed with your app’s key. Copy it from the Box Developer Console: your app → Webhooks → Manage signature keys.',
	);
}

function wantedRegistration(context: IHookFunctions): Registration {
	const id = String(context.getNodeParameter('targetId', '')).trim();
	const type = String(context.getNodeParameter('targetType', 'folder'));
	const triggers = context.getNodeParameter('events', []) as string[];
	if (!id) fail(context, 'Fill in "Target ID": the Box folder or file to watch');
	if (type === 'folder' && id === '0') {
		fail(
			context,
			'Box does not allow webhooks on the root folder (ID 0): choose a folder inside it',
			'Sign requests whose documents are in that folder or its subfolders start the workflow.',
		);
	}
	if (triggers.length === 0) fail(context, 'Choose at least one event under "Events"');
	const address = context.getNodeWebhookUrl('default');
	if (!address) fail(context, 'n8n gave no webhook URL for this node');
	return { target: { id, type }, address, triggers };
}

function isOurs(webhook: BoxWebhook, wanted: Registration): boolean {
	return webhook.address === wanted.address;
}

function isUpToDate(webhook: BoxWebhook, wanted: Registration): boolean {
	return (
		webhook.target.id === wanted.target.id &&
		webhook.target.type === wanted.target.type &&
		sameEvents(webhook.triggers ?? [], wanted.triggers)
	);
}

function httpCode(error: unknown): string | undefined {
	return error instanceof NodeApiError ? (error.httpCode ?? undefined) : undefined;
}

async function readWebhook(context: IHookFunctions, id: string): Promise<BoxWebhook | undefined> {
	try {
		return await sendToBox<BoxWebhook>(context, { method: 'GET', url: `/2.0/webhooks/${id}` });
	} catch (error) {
		if (httpCode(error) === '404') return undefined;
		throw new NodeApiError(context.getNode(), error as JsonObject);
	}
}

async function deleteWebhook(context: IHookFunctions, id: string): Promise<void> {
	try {
		await sendToBox(context, { method: 'DELETE', url: `/2.0/webhooks/${id}` });
	} catch (error) {
		if (httpCode(error) !== '404') throw new NodeApiError(context.getNode(), error as JsonObject);
	}
}

/** Box lists webhooks without their address: read each one on the target to find ours. */
async function findOurWebhook(
	context: IHookFunctions,
	wanted: Registration,
): Promise<BoxWebhook | undefined> {
	let marker: string | undefined;
	do {
		const page = await sendToBox<WebhookPage>(context, {
			method: 'GET',
			url: '/2.0/webhooks',
			qs: { limit: PAGE_SIZE, ...(marker && { marker }) },
		});
		for (const entry of page.entries) {
			if (entry.target.id !== wanted.target.id || entry.target.type !== wanted.target.type)
				continue;
			const webhook = await readWebhook(context, entry.id);
			if (webhook && isOurs(webhook, wanted)) return webhook;
		}
		marker = page.next_marker ?? undefined;
	} while (marker);
	return undefined;
}

/**
 * The webhook whose ID this node stored, if Box still has it and it is registered for this node's
 * URL. A stored ID that Box no longer knows is forgotten; one registered for another URL (n8n's
 * test URL, or a copy of this workflow) is left alone.
 */
async function storedWebhook(
	context: IHookFunctions,
	wanted: Registration,
): Promise<BoxWebhook | undefined> {
	const data = webhookData(context);
	if (typeof data.webhookId !== 'string') return undefined;
	const webhook = await readWebhook(context, data.webhookId);
	if (!webhook) delete data.webhookId;
	return webhook && isOurs(webhook, wanted) ? webhook : undefined;
}

/**
 * n8n's `checkExists`: true when Box holds this node's webhook as configured. A webhook of ours
 * that is out of date (other events or target) is deleted so that `create` can replace it;
 * webhooks with another address belong to someone else and are never touched.
 */
export async function webhookExists(this: IHookFunctions): Promise<boolean> {
	await requireSignatureKey(this);
	const wanted = wantedRegistration(this);
	const ours = (await storedWebhook(this, wanted)) ?? (await findOurWebhook(this, wanted));
	if (!ours) return false;
	const data = webhookData(this);
	if (!isUpToDate(ours, wanted)) {
		await deleteWebhook(this, ours.id);
		if (data.webhookId === ours.id) delete data.webhookId;
		return false;
	}
	data.webhookId = ours.id;
	return true;
}

function explainConflict(
	context: IHookFunctions,
	error: NodeApiError,
	wanted: Registration,
): never {
	fail(
		context,
		`Box already has a webhook on ${wanted.target.type} ${wanted.target.id} for this Box app and user: ${error.message}`,
		[
			'Box keeps one webhook per folder or file, per app and per user. Either another workflow watches this ' +
				`${wanted.target.type} with the same credential, or this workflow is active while you clicked "Listen for test event" ` +
				'(the test listener needs a webhook of its own). Deactivate the other workflow, test with an inactive workflow, ' +
				'or watch another folder; a webhook left over from elsewhere can be deleted with DELETE /2.0/webhooks/{id}.',
			error.description,
		]
			.filter(Boolean)
			.join('\n'),
	);
}

function explainRefusedAddress(
	context: IHookFunctions,
	error: NodeApiError,
	address: string,
): never {
	fail(
		context,
		`Box refused to register ${address}: ${error.message}`,
		[
			'Box delivers only to public HTTPS URLs on port 443 with a CA-signed certificate. Run n8n behind such a URL and set ' +
				'n8n’s WEBHOOK_URL (N8N_WEBHOOK_URL in n8n 2.x) to it, e.g. WEBHOOK_URL=https://n8n.example.com/, then activate again.',
			error.description,
		]
			.filter(Boolean)
			.join('\n'),
	);
}

function isPublicHttps(address: string): boolean {
	const url = new URL(address);
	return url.protocol === 'https:' && (url.port === '' || url.port === '443');
}

async function register(context: IHookFunctions, wanted: Registration): Promise<BoxWebhook> {
	return await sendToBox<BoxWebhook>(context, {
		method: 'POST',
		url: '/2.0/webhooks',
		body: wanted,
	});
}

/**
 * n8n's `create`: registers this node's production (or test) URL for the chosen events, in the
 * guides' spelling, and once more in the OpenAPI spelling if Box refuses that.
 */
export async function createWebhook(this: IHookFunctions): Promise<boolean> {
	await requireSignatureKey(this);
	const wanted = wantedRegistration(this);
	let webhook: BoxWebhook;
	try {
		webhook = await register(this, wanted).catch(async (error) => {
			const otherSpelling = openApiSpelling(wanted.triggers);
			if (httpCode(error) !== '400' || !otherSpelling || /address/i.test(error.message))
				throw error;
			return await register(this, { ...wanted, triggers: otherSpelling });
		});
	} catch (error) {
		if (httpCode(error) === '409') explainConflict(this, error, wanted);
		if (
			httpCode(error) === '400' &&
			(/address/i.test(error.message) || !isPublicHttps(wanted.address))
		) {
			explainRefusedAddress(this, error, wanted.address);
		}
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
	webhookData(this).webhookId = webhook.id;
	return true;
}

/**
 * n8n's `delete`, also called after every failed activation: nothing registered is fine. Deletes
 * only a webhook registered for this node's URL.
 */
export async function deleteOurWebhook(this: IHookFunctions): Promise<boolean> {
	const data = webhookData(this);
	if (typeof data.webhookId !== 'string') return true;
	const address = this.getNodeWebhookUrl('default');
	const webhook = await readWebhook(this, data.webhookId);
	if (webhook && webhook.address !== address) return true;
	if (webhook) await deleteWebhook(this, webhook.id);
	delete data.webhookId;
	return true;
}
