import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

import { retryPolicyFor, withRetries } from './sendToBox';

/** The credential the user chose under Authentication. */
export function credentialType(context: IExecuteSingleFunctions | ILoadOptionsFunctions): string {
	return context.getNodeParameter('authentication', 'oAuth2') === 'clientCredentials'
		? 'boxSignClientCredentialsApi'
		: 'boxSignOAuth2Api';
}

/**
 * The one hand-written call to Box, for what routing cannot express: searchable lists, checks
 * made before a write, polling and downloads. Same retry rules and errors as routed requests.
 */
export async function boxApiRequest<T = IDataObject>(
	context: IExecuteSingleFunctions | ILoadOptionsFunctions,
	options: Omit<IHttpRequestOptions, 'baseURL'>,
): Promise<T> {
	const type = credentialType(context);
	const credentials = await context.getCredentials(type);
	const baseURL = String(credentials.baseUrl).replace(/\/+$/, '');
	const request: IHttpRequestOptions = { json: true, ...options, baseURL };
	return await withRetries(
		context,
		retryPolicyFor(context, request.method, baseURL),
		async () =>
			(await context.helpers.httpRequestWithAuthentication.call(context, type, request)) as T,
	);
}
