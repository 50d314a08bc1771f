import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import { itemError } from './errors';

const MASKED_PASSWORD = '********';

/** The one place that keeps signer passwords out of the node's output. */
export function maskPasswords(signRequest: IDataObject): IDataObject {
	if (!Array.isArray(signRequest.signers)) return signRequest;
	const signers = (signRequest.signers as IDataObject[]).map((signer) =>
		signer?.password ? { ...signer, password: MASKED_PASSWORD } : signer,
	);
	return { ...signRequest, signers };
}

export async function maskSignerPasswords(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return items.map((item) => ({ ...item, json: maskPasswords(item.json) }));
}

/** A 2xx whose body is not a sign request (a proxy page, a truncated answer) must not pass as success. */
export async function requireSignRequest(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	for (const item of items) {
		const body = item.json as unknown;
		if (typeof body === 'object' && body !== null && (body as IDataObject).type === 'sign-request')
			continue;
		const operation = this.getNodeParameter('operation', '') as string;
		const received = (typeof body === 'string' ? body : (JSON.stringify(body) ?? '')).slice(0, 80);
		const mayExist =
			operation === 'create'
				? ' The sign request may have been created: check Box before running this item again.'
				: '';
		throw itemError(
			this,
			`Box answered, but not with a sign request (received: ${received}).${mayExist}`,
		);
	}
	return items;
}
