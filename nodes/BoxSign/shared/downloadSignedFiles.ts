import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteSingleFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { itemError } from './errors';
import { maskPasswords } from './postReceive';
import type { SendAttempt } from './sendToBox';
import { sendToBox } from './sendToBox';

interface BoxFile {
	id: string;
	name?: string;
}

interface ContentResponse {
	statusCode: number;
	headers: IDataObject;
	body?: unknown;
}

interface ThrownRedirect {
	response?: { status?: number; headers?: IDataObject };
	cause?: ThrownRedirect;
}

/** How often, and at most how long each time, Box's "202: not ready yet" is waited for. */
const NOT_READY_MAX_TRIES = 5;
const NOT_READY_MAX_WAIT_SECONDS = 30;
const NOT_READY_DEFAULT_WAIT_SECONDS = 5;

/** Where a 3xx points, when n8n threw it because it was told not to follow redirects. */
function redirectLocation(error: unknown): string | undefined {
	const thrown = (error ?? {}) as ThrownRedirect;
	const response = thrown.response ?? thrown.cause?.response;
	const status = response?.status ?? 0;
	const location = response?.headers?.location;
	return status >= 300 && status < 400 && typeof location === 'string' ? location : undefined;
}

/** The download host's URL is itself the credential: it is fetched without the Box token. */
async function fetchFromDownloadHost(
	context: IExecuteSingleFunctions,
	location: string,
): Promise<ContentResponse> {
	return (await context.helpers.httpRequest({
		method: 'GET',
		url: location,
		encoding: 'arraybuffer',
		json: false,
		returnFullResponse: true,
	})) as ContentResponse;
}

/**
 * Asks Box for a file's content: Box answers with the bytes, with 202 (not ready yet) or with a 302
 * to its download host on another origin, which must not receive the bearer token. n8n would follow
 * the 302 with the token (n8n 1.x has no option against that), so the 302 is followed here.
 */
function followingRedirectsWithoutToken(
	context: IExecuteSingleFunctions,
): SendAttempt<ContentResponse> {
	return async (request, credentialType) => {
		const answer = await context.helpers.httpRequestWithAuthentication
			.call(context, credentialType, request)
			.then(
				(response: ContentResponse) => ({ response }),
				(error: unknown) => ({ error, location: redirectLocation(error) }),
			);
		if ('response' in answer) return answer.response;
		// Not a redirect: withRetries reads Box's answer off n8n's error as for any other request.
		if (answer.location === undefined) throw answer.error;
		return await fetchFromDownloadHost(context, answer.location);
	};
}

async function requestContent(
	context: IExecuteSingleFunctions,
	file: BoxFile,
): Promise<ContentResponse> {
	return await sendToBox(
		context,
		{
			method: 'GET',
			url: `/2.0/files/${encodeURIComponent(file.id)}/content`,
			encoding: 'arraybuffer',
			json: false,
			returnFullResponse: true,
			disableFollowRedirect: true,
		},
		followingRedirectsWithoutToken(context),
	);
}

function notReadyWaitSeconds(response: ContentResponse): number {
	const seconds = Number(response.headers['retry-after']);
	const wait = Number.isFinite(seconds) && seconds >= 0 ? seconds : NOT_READY_DEFAULT_WAIT_SECONDS;
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
			if (signRequest.status !== 'signed') {
				throw itemError(
					this,
					`Sign request ${signRequest.id} is ${signRequest.status}: Box has the signed documents only once everyone has signed. Wait for the status "signed" (with Get or the Box Sign Trigger), then download.`,
				);
			}
			if (!signFiles.is_ready_for_download) {
				throw itemError(
					this,
					`Sign request ${signRequest.id} is signed, but Box is still preparing its signed documents. Run Download again in a minute.`,
				);
			}
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
