import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

export const CREDENTIAL_TYPE = 'boxSignOAuth2Api';

/**
 * The one hand-written call to Box, for what routing cannot express: searchable lists, checks
 * made before a write, polling and downloads. Everything else goes through the node's routing.
 */
export async function boxApiRequest<T = IDataObject>(
	context: IExecuteSingleFunctions | ILoadOptionsFunctions,
	options: Omit<IHttpRequestOptions, 'baseURL'>,
): Promise<T> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const baseURL = String(credentials.baseUrl).replace(/\/+$/, '');
	return (await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, {
		json: true,
		...options,
		baseURL,
	})) as T;
}
