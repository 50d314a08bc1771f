import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import { failCreatedRequest, itemError } from './errors';

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

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A 2xx whose body is not a sign request (a proxy page, a truncated answer) must not pass as
 * success. After a create, a body that still has an ID keeps it, as any created request does.
 */
export async function requireSignRequest(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const operation = this.getNodeParameter('operation', '') as string;
	return items.map((item) => {
		const body = item.json as unknown;
		if (isObject(body) && body.type === 'sign-request') return item;
		const received = (typeof body === 'string' ? body : (JSON.stringify(body) ?? '')).slice(0, 80);
		const problem = `Box answered, but not with a sign request (received: ${received}).`;
		if (operation !== 'create') throw itemError(this, problem);
		if (isObject(body) && body.id) return failCreatedRequest(this, body, problem);
		throw itemError(
			this,
			`${problem} The sign request may have been created: check Box before running this item again.`,
		);
	});
}
