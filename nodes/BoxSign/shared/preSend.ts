import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { failItem } from './errors';
import type { PrefillTagParameters, SignerParameters } from './validation';
import {
	buildPrefillTag,
	buildSigners,
	buildSourceFiles,
	checkBoxId,
	checkSignRequestIdText,
	InvalidInputError,
	isEmail,
	parseDaysValid,
	splitList,
	textOrUndefined,
} from './validation';

// Box's documentation writes a sign request's keys in this order; keeping it makes the body we send
// byte-for-byte comparable with Box's examples. Keys not listed keep their order after these.
const BODY_KEY_ORDER = [
	'is_document_preparation_needed',
	'is_phone_verification_required_to_view',
	'parent_folder',
	'source_files',
	'template_id',
	'signers',
];

type PreSend = (
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) => Promise<IHttpRequestOptions>;

/** Adds fields to the JSON body, drops keys whose value is undefined and keeps Box's key order. */
function withBodyFields(
	requestOptions: IHttpRequestOptions,
	fields: IDataObject,
): IHttpRequestOptions {
	const merged: IDataObject = { ...(requestOptions.body as IDataObject), ...fields };
	const keys = [
		...BODY_KEY_ORDER.filter((key) => key in merged),
		...Object.keys(merged).filter((key) => !BODY_KEY_ORDER.includes(key)),
	];
	const body: IDataObject = {};
	for (const key of keys) {
		if (merged[key] !== undefined) body[key] = merged[key];
	}
	return { ...requestOptions, body };
}

/** Runs a builder from validation.ts for this item; a refusal becomes an error naming the item. */
function checked<T>(context: IExecuteSingleFunctions, build: () => T): T {
	try {
		return build();
	} catch (error) {
		if (error instanceof InvalidInputError) failItem(context, error.message);
		throw new NodeOperationError(context.getNode(), error, { itemIndex: context.getItemIndex() });
	}
}

export const setSourceFiles: PreSend = async function (requestOptions) {
	const ids = this.getNodeParameter('sourceFileIds', '');
	return withBodyFields(requestOptions, {
		source_files: checked(this, () => buildSourceFiles(ids)),
	});
};

export const setParentFolder: PreSend = async function (requestOptions) {
	const id = textOrUndefined(this.getNodeParameter('parentFolderId', ''));
	if (id === undefined) return requestOptions;
	const folderId = checked(this, () => checkBoxId(id, 'Destination Folder ID'));
	return withBodyFields(requestOptions, { parent_folder: { id: folderId, type: 'folder' } });
};

export const setSigners: PreSend = async function (requestOptions) {
	const signers = this.getNodeParameter('signers.signer', []) as SignerParameters[];
	const fromTemplate = this.getNodeParameter('source', 'files') === 'template';
	return withBodyFields(requestOptions, {
		signers: checked(this, () => buildSigners(signers, fromTemplate)),
	});
};

export const setDaysValid: PreSend = async function (requestOptions) {
	const days = this.getNodeParameter('additionalFields.daysValid', undefined);
	if (textOrUndefined(days) === undefined) return requestOptions;
	return withBodyFields(requestOptions, { days_valid: checked(this, () => parseDaysValid(days)) });
};

export const setPrefillTags: PreSend = async function (requestOptions) {
	const tags = this.getNodeParameter(
		'additionalFields.prefillTags.tag',
		[],
	) as PrefillTagParameters[];
	const prefillTags = checked(this, () =>
		tags.map((tag, index) => buildPrefillTag(tag, index + 1)).filter((tag) => tag !== undefined),
	);
	return withBodyFields(requestOptions, {
		prefill_tags: prefillTags.length ? prefillTags : undefined,
	});
};

/**
 * A preSend that sends the parameter at `parameterPath` as `property` of the body, parsed by
 * `parse` (from validation.ts); a value parsed to undefined is not sent.
 */
export function setBodyField(
	parameterPath: string,
	property: string,
	parse: (value: unknown) => string | boolean | undefined,
): PreSend {
	return async function setCheckedBodyField(requestOptions) {
		const value = this.getNodeParameter(parameterPath, undefined);
		return withBodyFields(requestOptions, { [property]: checked(this, () => parse(value)) });
	};
}

/** The Sign Request ID of this item, checked; the operations' URLs and the guards use it. */
export function readSignRequestId(context: IExecuteSingleFunctions): string {
	const id = context.getNodeParameter('signRequestId', '');
	return checked(context, () => checkSignRequestIdText(id));
}

/** The one place a sign request's URL is built: the request itself, or one of its actions. */
export function signRequestUrl(id: string, action?: 'cancel' | 'resend'): string {
	return `/2.0/sign_requests/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;
}

/** Get, Download, Cancel and Resend address the sign request of the Sign Request ID field. */
export const setSignRequestUrl: PreSend = async function (requestOptions) {
	const operation = this.getNodeParameter('operation', '');
	const action = operation === 'cancel' || operation === 'resend' ? operation : undefined;
	return { ...requestOptions, url: signRequestUrl(readSignRequestId(this), action) };
};

export const setSendersFilter: PreSend = async function (requestOptions) {
	const senders = splitList(this.getNodeParameter('filters.senders', ''));
	const invalid = senders.find((email) => !isEmail(email));
	if (invalid !== undefined) failItem(this, `Senders: "${invalid}" is not a valid email address.`);
	if (senders.length === 0) return requestOptions;
	// One comma-separated parameter, as Box's SDKs send it.
	return {
		...requestOptions,
		qs: { ...requestOptions.qs, senders: senders.join(','), shared_requests: true },
	};
};
