import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { maskPasswords } from './postReceive';
import { boxConnection } from './sendToBox';

/** Dry Run sends nothing to Box, not even the reads that check a write before it is made. */
export function isDryRun(context: IExecuteSingleFunctions): boolean {
	return context.getNodeParameter('options.dryRun', false) as boolean;
}

/** What only Box can check, and so a Dry Run does not, per operation. */
const CHECKED_ONLY_BY_BOX: Record<string, string> = {
	create:
		'that the files, folder and template exist and the connected user can use them, and that the template has the prefill tags',
	cancel: 'that the sign request exists and is in a status Box cancels (created, sent or viewed)',
	resend:
		'that the sign request exists, still has signers to remind and was not sent in the last 10 minutes',
};

/**
 * "Dry Run": the request as built after every preSend (so after all local validation), passwords
 * masked, instead of sending it. Users check their expressions with it before real envelopes go out.
 */
export async function previewInsteadOfSending(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const { method, url, qs, body } = requestData.options;
	const { baseURL } = await boxConnection(context);
	const operation = String(context.getNodeParameter('operation', ''));
	const preview: IDataObject = {
		dryRun: true,
		method: method ?? 'GET',
		url: `${baseURL}${url ?? ''}`,
	};
	if (qs && Object.keys(qs).length) preview.qs = qs;
	if (body && typeof body === 'object') preview.body = maskPasswords(body as IDataObject);
	preview.checks = `Only the checks made without Box ran (fields, formats, limits); nothing was sent to Box, so it did not check ${CHECKED_ONLY_BY_BOX[operation] ?? 'anything'}.`;
	return [{ json: preview }];
}
