import type { DeclarativeRestApiSettings, IDataObject, IExecutePaginationFunctions, INodeExecutionData } from 'n8n-workflow';

import { maskPasswords } from './postReceive';

/**
 * "Dry Run": RoutingNode hands the fully built request to a pagination function instead of sending
 * it when `paginate` is on, after every preSend (so after all validation). This one sends nothing
 * and outputs the request, passwords masked, so users can check their expressions first.
 */
export async function previewInsteadOfSending(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const { method, baseURL, url, qs, body } = requestData.options;
	const preview: IDataObject = { dryRun: true, method: method ?? 'GET', url: `${baseURL ?? ''}${url ?? ''}` };
	if (qs && Object.keys(qs).length) preview.qs = qs;
	if (body && typeof body === 'object') preview.body = maskPasswords(body as IDataObject);
	return [{ json: preview }];
}
