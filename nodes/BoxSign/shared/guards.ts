// preSend checks that read the sign request or template from Box before a write, so that users
// get a plain message instead of Box's refusal. They are skipped in Dry Run, which reads nothing from Box.
import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { isDryRun } from './dryRun';
import { failItem } from './errors';
import { readSignRequestId, signRequestUrl } from './preSend';
import {
	CANCELLABLE_STATUSES,
	ERROR_STATUSES,
	FINISHED_STATUSES,
	PREPARING_STATUSES,
} from './signRequestStatus';
import { sendToBox } from './sendToBox';

async function fetchSignRequest(context: IExecuteSingleFunctions): Promise<IDataObject> {
	return await sendToBox(context, {
		method: 'GET',
		url: signRequestUrl(readSignRequestId(context)),
	});
}

export async function refuseCancelUnlessInProgress(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (isDryRun(this)) return requestOptions;
	const signRequest = await fetchSignRequest(this);
	const status = String(signRequest.status);
	if (!CANCELLABLE_STATUSES.includes(status)) {
		const why = PREPARING_STATUSES.includes(status)
			? 'Box is still preparing its documents; try again in a moment'
			: `it is already ${status}`;
		failItem(
			this,
			`Sign request ${signRequest.id} cannot be cancelled: ${why}. Box cancels only requests that are created, sent or viewed.`,
		);
	}
	return requestOptions;
}

/** Box decides when a request may be resent (10 minutes after its last send, counted by Box). */
export async function refuseResendWhenFinished(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (isDryRun(this)) return requestOptions;
	const signRequest = await fetchSignRequest(this);
	const status = String(signRequest.status);
	if (FINISHED_STATUSES.includes(status)) {
		failItem(
			this,
			`Sign request ${signRequest.id} cannot be resent: it is ${status}, so no signer has anything left to do.`,
		);
	}
	if (ERROR_STATUSES.includes(status)) {
		failItem(
			this,
			`Sign request ${signRequest.id} cannot be resent: it is ${status}, so Box never sent it to the signers. Create a new request instead.`,
		);
	}
	return requestOptions;
}

/**
 * Creating from a template: the template must have every prefill tag sent. Runs after the hooks
 * that build the body, and checks what they built.
 */
export async function checkTemplatePrefillTags(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = requestOptions.body as IDataObject;
	const templateId = body.template_id as string | undefined;
	const tags = (body.prefill_tags as IDataObject[] | undefined) ?? [];
	if (templateId === undefined || tags.length === 0 || isDryRun(this)) return requestOptions;

	const template = await sendToBox(this, {
		method: 'GET',
		url: `/2.0/sign_templates/${encodeURIComponent(templateId)}`,
	});
	const known = new Set(
		((template.signers as IDataObject[] | undefined) ?? []).flatMap((signer) =>
			((signer.inputs as IDataObject[] | undefined) ?? []).map((input) => input.document_tag_id),
		),
	);
	const unknown = tags.find((tag) => !known.has(tag.document_tag_id));
	if (unknown !== undefined) {
		const available = [...known].filter(Boolean).join(', ') || 'none';
		failItem(
			this,
			`Prefill Tags: template "${template.name ?? templateId}" has no tag "${String(unknown.document_tag_id)}". Its tags are: ${available}.`,
		);
	}
	return requestOptions;
}
