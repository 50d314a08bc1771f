import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { failItem } from './errors';
import type { SignerParameters } from './validation';
import {
	buildSigners,
	buildSourceFiles,
	checkBoxId,
	checkSignRequestIdText,
	InvalidInputError,
	isEmail,
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

/** Documents From: the files of Source File IDs, or the template of the Template field. */
export const setDocuments: PreSend = async function (requestOptions) {
	if (this.getNodeParameter('source', 'files') === 'template') {
		return withBodyFields(requestOptions, { template_id: readTemplateId(this) });
	}
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

/** How a field of a collection goes into the body: Box's property, and how its value is read. */
export interface BodyField {
	property: string;
	/** From validation.ts; undefined means "not sent". */
	read: (value: unknown) => IDataObject[string];
}

/**
 * Sends the fields the user added to the collection `name` (all read at once), each as its Box
 * property; `fields` has an entry for every field of the collection.
 */
export function setCollectionFields(name: string, fields: Record<string, BodyField>): PreSend {
	return async function setAddedFields(requestOptions) {
		const values = this.getNodeParameter(name, {}) as IDataObject;
		const body: IDataObject = {};
		for (const [field, value] of Object.entries(values)) {
			const { property, read } = fields[field];
			body[property] = checked(this, () => read(value));
		}
		return withBodyFields(requestOptions, body);
	};
}

/** Sends the field `name` as `property` of the body, read by `read`; undefined is not sent. */
export function setBodyField(name: string, { property, read }: BodyField): PreSend {
	return async function setField(requestOptions) {
		const value = this.getNodeParameter(name, undefined);
		return withBodyFields(requestOptions, { [property]: checked(this, () => read(value)) });
	};
}

/** The Sign Request ID of this item, checked; the operations' URLs and the guards use it. */
export function readSignRequestId(context: IExecuteSingleFunctions): string {
	const id = context.getNodeParameter('signRequestId', '');
	return checked(context, () => checkSignRequestIdText(id));
}

/** The Template field (from the list or by ID) of this item; empty fails the item. */
function readTemplateId(context: IExecuteSingleFunctions): string {
	const id = textOrUndefined(context.getNodeParameter('templateId', '', { extractValue: true }));
	if (id === undefined) {
		failItem(context, 'Template: choose a sign template from the list or enter its ID.');
	}
	return id;
}

/** Sign Template > Get addresses the template of the Template field. */
export const setSignTemplateUrl: PreSend = async function (requestOptions) {
	return {
		...requestOptions,
		url: `/2.0/sign_templates/${encodeURIComponent(readTemplateId(this))}`,
	};
};

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

/** Get Many's Filters: Only Shared With Me, and Senders (which Box applies only to shared requests). */
export const setSignRequestFilters: PreSend = async function (requestOptions) {
	const filters = this.getNodeParameter('filters', {}) as IDataObject;
	const senders = splitList(filters.senders);
	const invalid = senders.find((email) => !isEmail(email));
	if (invalid !== undefined) failItem(this, `Senders: "${invalid}" is not a valid email address.`);
	const qs: IDataObject = { ...requestOptions.qs };
	if (filters.sharedRequests !== undefined) qs.shared_requests = filters.sharedRequests;
	if (senders.length > 0) {
		// One comma-separated parameter, as Box's SDKs send it.
		qs.senders = senders.join(',');
		qs.shared_requests = true;
	}
	return { ...requestOptions, qs };
};
