import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../shared/pagination';
import { sendToBox } from '../shared/sendToBox';

/** The "From List" picker for templates: one page of Box's templates per call, filtered by name. */
export async function searchSignTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const qs: IDataObject = { limit: MAX_PAGE_SIZE };
	if (paginationToken) qs.marker = paginationToken;
	const page = await sendToBox(this, { method: 'GET', url: '/2.0/sign_templates', qs });
	const search = filter?.trim().toLowerCase();
	const results = ((page.entries as IDataObject[] | undefined) ?? [])
		.map((template) => ({ name: String(template.name ?? template.id), value: String(template.id) }))
		.filter((template) => !search || template.name.toLowerCase().includes(search));
	return { results, paginationToken: (page.next_marker as string | null) ?? undefined };
}
