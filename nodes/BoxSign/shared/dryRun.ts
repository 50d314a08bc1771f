import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { maskPasswords } from './postReceive';
import { boxConnection } from './sendToBox';

/**
 * "Dry Run": the request as built after every preSend (so after all validation), passwords masked,
 * instead of sending it. Users check their expressions with it before real envelopes go out.
 */
export async function previewInsteadOfSending(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const { method, url, qs, body } = requestData.options;
	const { baseURL } = await boxConnection(context);
	const preview: IDataObject = {
		dryRun: true,
		method: method ?? 'GET',
		url: `${baseURL}${url ?? ''}`,
	};
	if (qs && Object.keys(qs).length) preview.qs = qs;
	if (body && typeof body === 'object') preview.body = maskPasswords(body as IDataObject);
	return [{ json: preview }];
}
