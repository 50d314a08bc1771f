import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { itemError } from './errors';

import { maskPasswords } from './postReceive';
import { ERROR_STATUSES, PREPARING_STATUSES } from './signRequestStatus';
import { signRequestUrl } from './preSend';
import { sendToBox } from './sendToBox';

const FIRST_POLL_MS = 500;
const MAX_POLL_MS = 5_000;

/**
 * Box creates a sign request asynchronously: it answers `converting` and prepares the documents in
 * the background. This polls the request, backing off, until it settles or the user's timeout ends,
 * so the output has the signers' embed URLs and the prepare URL.
 */
export async function waitUntilReady(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	if (!this.getNodeParameter('options.waitUntilReady', false)) return items;
	const timeoutSeconds = Number(this.getNodeParameter('options.waitTimeout', 60));
	const deadline = Date.now() + timeoutSeconds * 1000;
	return await Promise.all(
		items.map(async (item) => {
			let signRequest = item.json;
			let pause = FIRST_POLL_MS;
			while (PREPARING_STATUSES.includes(String(signRequest.status))) {
				if (Date.now() + pause > deadline) {
					throw itemError(
						this,
						`Sign request ${signRequest.id} is still ${signRequest.status} after ${timeoutSeconds} seconds. It was created; raise "Wait Timeout" or fetch it later with Get.`,
					);
				}
				await sleep(pause);
				pause = Math.min(pause * 2, MAX_POLL_MS);
				signRequest = await sendToBox(this, {
					method: 'GET',
					url: signRequestUrl(String(signRequest.id)),
				});
			}
			if (ERROR_STATUSES.includes(String(signRequest.status))) {
				throw itemError(
					this,
					`Box could not prepare sign request ${signRequest.id}: status ${signRequest.status}${signRequest.error_code ? ` (${signRequest.error_code})` : ''}. Check that the source files are documents Box Sign accepts (PDF, Word, …).`,
				);
			}
			return { ...item, json: maskPasswords(signRequest as IDataObject) };
		}),
	);
}
