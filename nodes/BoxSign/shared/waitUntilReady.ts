import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { failCreatedRequest } from './errors';
import { maskPasswords } from './postReceive';
import { signRequestUrl } from './preSend';
import { sendToBox } from './sendToBox';
import { ERROR_STATUSES, PREPARING_STATUSES } from './signRequestStatus';

const FIRST_POLL_MS = 500;
const MAX_POLL_MS = 5_000;

/** Polls a sign request, backing off, while Box prepares it; undefined when the deadline comes first. */
async function pollWhilePreparing(
	context: IExecuteSingleFunctions,
	created: IDataObject,
	deadline: number,
): Promise<IDataObject | undefined> {
	let signRequest = created;
	let pause = FIRST_POLL_MS;
	while (PREPARING_STATUSES.includes(String(signRequest.status))) {
		if (Date.now() + pause > deadline) return undefined;
		await sleep(pause);
		pause = Math.min(pause * 2, MAX_POLL_MS);
		signRequest = await sendToBox(context, {
			method: 'GET',
			url: signRequestUrl(String(signRequest.id)),
		});
	}
	return signRequest;
}

async function waitForOne(
	context: IExecuteSingleFunctions,
	item: INodeExecutionData,
	timeoutSeconds: number,
): Promise<INodeExecutionData> {
	const created = item.json;
	const deadline = Date.now() + timeoutSeconds * 1000;
	let ready: IDataObject | undefined;
	try {
		ready = await pollWhilePreparing(context, created, deadline);
	} catch (error) {
		return failCreatedRequest(
			context,
			created,
			`Box created sign request ${created.id}, but checking whether it is ready failed: ${(error as Error).message}`,
		);
	}
	if (ready === undefined) {
		return failCreatedRequest(
			context,
			created,
			`Sign request ${created.id} is still ${created.status} after ${timeoutSeconds} seconds (raise "Wait Timeout (Seconds)" to wait longer).`,
		);
	}
	if (ERROR_STATUSES.includes(String(ready.status))) {
		return failCreatedRequest(
			context,
			ready,
			`Box could not prepare sign request ${ready.id}: status ${ready.status}${ready.error_code ? ` (${ready.error_code})` : ''}. Check that the source files are documents Box Sign accepts (PDF, Word, …).`,
		);
	}
	return { ...item, json: maskPasswords(ready) };
}

/**
 * Box creates a sign request asynchronously: it answers `converting` and prepares the documents in
 * the background. This polls the request until it settles or the user's timeout ends, so the
 * output has the signers' embed URLs and the prepare URL. A failure never hides the created request.
 */
export async function waitUntilReady(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	if (!this.getNodeParameter('options.waitUntilReady', false)) return items;
	const timeoutSeconds = Number(this.getNodeParameter('options.waitTimeout', 60));
	return await Promise.all(items.map(async (item) => await waitForOne(this, item, timeoutSeconds)));
}
