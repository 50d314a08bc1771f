import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

export const MASKED_PASSWORD = '********';

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
