import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteSingleFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { failItem } from './errors';
import { maskPasswords } from './postReceive';
import { sendToBox } from './sendToBox';

interface BoxFile {
	id: string;
	name?: string;
}

async function downloadFile(context: IExecuteSingleFunctions, file: BoxFile) {
	const content = await sendToBox<Buffer>(context, {
		method: 'GET',
		url: `/2.0/files/${encodeURIComponent(file.id)}/content`,
		encoding: 'arraybuffer',
		json: false,
	});
	const fileName = file.name ?? `${file.id}.pdf`;
	return await context.helpers.prepareBinaryData(Buffer.from(content), fileName, 'application/pdf');
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
			if (signRequest.status !== 'signed' || !signFiles.is_ready_for_download) {
				failItem(
					this,
					`Sign request ${signRequest.id} is ${signRequest.status}, not signed yet: Box has the final signed document only once everyone has signed. Use the Box Sign Trigger or Get to wait for "signed".`,
				);
			}
			const binary: IBinaryKeyData = {};
			const documents = (signFiles.files as BoxFile[] | undefined) ?? [];
			for (const [index, file] of documents.entries()) {
				binary[`document_${index}`] = await downloadFile(this, file);
			}
			const signingLog = signRequest.signing_log as BoxFile | undefined;
			if (includeSigningLog && signingLog?.id)
				binary.signing_log = await downloadFile(this, signingLog);
			return { json: maskPasswords(signRequest), binary };
		}),
	);
}
