// preSend checks that read the sign request or template from Box before a write, so that users
// get a plain message instead of Box's refusal (or, for resend, an email storm).
import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { failItem } from './errors';
import { readSignRequestId, signRequestUrl } from './preSend';
import {
	CANCELLABLE_STATUSES,
	ERROR_STATUSES,
	FINISHED_STATUSES,
	PREPARING_STATUSES,
} from './signRequestStatus';
import { sendToBox } from './sendToBox';
import { textOrUndefined } from './validation';

const RESEND_MIN_MINUTES = 10;

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

export async function refuseResendTooSoonOrFinished(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const signRequest = await fetchSignRequest(this);
	const status = String(signRequest.status);
	if (FINISHED_STATUSES.includes(status) || ERROR_STATUSES.includes(status)) {
		failItem(
			this,
			`Sign request ${signRequest.id} cannot be resent: it is ${status}, so there is nobody left to remind.`,
		);
	}
	const sentAt = Date.parse(String(signRequest.created_at));
	const allowedAt = sentAt + RESEND_MIN_MINUTES * 60_000;
	if (Number.isFinite(sentAt) && Date.now() < allowedAt) {
		const minutesAgo = Math.floor((Date.now() - sentAt) / 60_000);
		failItem(
			this,
			`Sign request ${signRequest.id} was sent ${minutesAgo} minute(s) ago; Box resends a request only ${RESEND_MIN_MINUTES} minutes after it was sent. Try again after ${new Date(allowedAt).toISOString()}.`,
		);
	}
	return requestOptions;
}

/** Creating from a template: the template must exist and have every prefill tag the user fills. */
export async function checkTemplatePrefillTags(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const templateId = textOrUndefined(
		this.getNodeParameter('templateId', '', { extractValue: true }),
	);
	if (templateId === undefined)
		failItem(this, 'Template: choose a sign template from the list or enter its ID.');
	const tags = this.getNodeParameter('additionalFields.prefillTags.tag', []) as IDataObject[];
	if (tags.length === 0) return requestOptions;

	const template = await sendToBox(this, {
		method: 'GET',
		url: `/2.0/sign_templates/${encodeURIComponent(templateId)}`,
	});
	const known = new Set(
		((template.signers as IDataObject[] | undefined) ?? []).flatMap((signer) =>
			((signer.inputs as IDataObject[] | undefined) ?? []).map((input) => input.document_tag_id),
		),
	);
	tags.forEach((tag, index) => {
		const tagId = textOrUndefined(tag.documentTagId);
		if (tagId !== undefined && !known.has(tagId)) {
			const available = [...known].filter(Boolean).join(', ') || 'none';
			failItem(
				this,
				`Prefill Tag ${index + 1}: template "${template.name ?? templateId}" has no tag "${tagId}". Its tags are: ${available}.`,
			);
		}
	});
	return requestOptions;
}
