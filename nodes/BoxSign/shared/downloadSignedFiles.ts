import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteSingleFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { itemError } from './errors';
import { maskPasswords } from './postReceive';
import { parseRetryAfter } from './retryPolicy';
import { sendToBox } from './sendToBox';
import { ERROR_STATUSES } from './signRequestStatus';

const WILL_NEVER_BE_SIGNED = ['cancelled', 'declined', 'expired', ...ERROR_STATUSES];

interface BoxFile {
	id: string;
	name?: string;
}

interface ContentResponse {
	statusCode: number;
	headers: IDataObject;
	body?: unknown;
}

/** How often, and at most how long each time, Box's "202: not ready yet" is waited for. */
const NOT_READY_MAX_TRIES = 5;
const NOT_READY_MAX_WAIT_SECONDS = 30;
const NOT_READY_DEFAULT_WAIT_SECONDS = 5;

/**
 * Asks Box for a file's content: Box answers with 202 (not ready yet) or with a 302 to its download
 * host on another origin, whose URL is itself the credential. n8n follows the redirect; by default
 * it would put the bearer token back on the request to the other host, so it is told not to.
 */
async function requestContent(
	context: IExecuteSingleFunctions,
	file: BoxFile,
): Promise<ContentResponse> {
	return await sendToBox(context, {
		method: 'GET',
		url: `/2.0/files/${encodeURIComponent(file.id)}/content`,
		encoding: 'arraybuffer',
		json: false,
		returnFullResponse: true,
		sendCredentialsOnCrossOriginRedirect: false,
	});
}

function notReadyWaitSeconds(response: ContentResponse): number {
	const wait = parseRetryAfter(response.headers['retry-after']) ?? NOT_READY_DEFAULT_WAIT_SECONDS;
	return Math.min(wait, NOT_READY_MAX_WAIT_SECONDS);
}

async function downloadContent(
	context: IExecuteSingleFunctions,
	file: BoxFile,
	signRequestId: unknown,
): Promise<Buffer> {
	for (let tries = 1; ; tries++) {
		const response = await requestContent(context, file);
		if (response.statusCode === 202) {
			if (tries >= NOT_READY_MAX_TRIES) {
				throw itemError(
					context,
					`Box has not finished preparing file ${file.id} of sign request ${signRequestId} for download (it answered "not ready yet" ${tries} times). Run Download again in a few minutes.`,
				);
			}
			await sleep(notReadyWaitSeconds(response) * 1000);
			continue;
		}
		return Buffer.from((response.body ?? []) as ArrayBuffer);
	}
}

async function downloadFile(
	context: IExecuteSingleFunctions,
	file: BoxFile,
	signRequestId: unknown,
) {
	const content = await downloadContent(context, file, signRequestId);
	if (content.length === 0) {
		throw itemError(
			context,
			`Box sent file ${file.id} of sign request ${signRequestId} empty. Run Download again; if it stays empty, open the request in Box.`,
		);
	}
	const fileName = file.name ?? `${file.id}.pdf`;
	return await context.helpers.prepareBinaryData(content, fileName, 'application/pdf');
}

/** Why Box has no signed documents to give for this request yet, or ever; undefined when it has. */
function whyNotDownloadable(signRequest: IDataObject, signFiles: IDataObject): string | undefined {
	const { id, status } = signRequest;
	if (status === 'signed' && signFiles.is_ready_for_download) return undefined;
	if (status === 'signed' || status === 'finalizing') {
		return `Sign request ${id} is ${status}: everyone has signed and Box is still preparing the signed documents. Run Download again in a minute.`;
	}
	if (WILL_NEVER_BE_SIGNED.includes(String(status))) {
		return `Sign request ${id} is ${status}: it will not be signed, so Box has no signed documents for it.`;
	}
	return `Sign request ${id} is ${status}: Box has the signed documents only once everyone has signed. Start the download from a Box Sign Trigger on "Completed (All Signers Signed)", or check the status with Get and download once it is "signed".`;
}

/**
 * Turns a signed request into binary data: `document_0`, `document_1`, … for the signed documents
 * and `signing_log` for Box's audit trail, each with the file name Box gives.
 */
export async function downloadSignedFiles(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const includeSigningLog = this.getNodeParameter('options.includeSigningLog', true) as boolean;
	return await Promise.all(
		items.map(async (item) => {
			const signRequest = item.json;
			const signFiles = (signRequest.sign_files ?? {}) as IDataObject;
			const notDownloadable = whyNotDownloadable(signRequest, signFiles);
			if (notDownloadable) throw itemError(this, notDownloadable);
			const binary: IBinaryKeyData = {};
			const documents = (signFiles.files as BoxFile[] | undefined) ?? [];
			for (const [index, file] of documents.entries()) {
				binary[`document_${index}`] = await downloadFile(this, file, signRequest.id);
			}
			const signingLog = signRequest.signing_log as BoxFile | undefined;
			if (includeSigningLog && signingLog?.id)
				binary.signing_log = await downloadFile(this, signingLog, signRequest.id);
			return { json: maskPasswords(signRequest), binary };
		}),
	);
}
