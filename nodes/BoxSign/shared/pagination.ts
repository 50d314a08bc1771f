import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { maskPasswords } from './postReceive';
import { builtRequest, throughRoutingNode } from './routedRequest';
import { sendToBox } from './sendToBox';

/** Box's largest page for sign requests and sign templates. */
export const MAX_PAGE_SIZE = 1000;

/**
 * Box's marker pagination, for every "Get Many": asks for pages of up to 1 000 entries and follows
 * `next_marker` until Box has no more or the user's Limit is reached. Query filters stay on every page.
 */
export async function paginateWithMarker(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const limit = returnAll ? Infinity : Number(this.getNodeParameter('limit', 50));
	const entries: IDataObject[] = [];
	let marker: string | undefined;
	do {
		const qs: IDataObject = {
			...requestData.options.qs,
			limit: Math.min(MAX_PAGE_SIZE, limit - entries.length),
		};
		if (marker) qs.marker = marker;
		const [page] = await sendToBox(
			this,
			{ ...builtRequest(requestData), qs },
			throughRoutingNode(this, requestData),
		);
		entries.push(...((page.json.entries as IDataObject[] | undefined) ?? []));
		marker = (page.json.next_marker as string | null | undefined) ?? undefined;
	} while (marker && entries.length < limit);
	return entries.slice(0, limit).map((entry) => ({ json: maskPasswords(entry) }));
}
