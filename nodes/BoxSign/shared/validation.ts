// Pure checks and builders for what the form sends to Box. No n8n imports: every rule here is
// testable on its own, and the preSend hooks turn an InvalidInputError into an n8n error.

const LIMITS = {
	signers: 35,
	sourceFiles: 10,
	daysValidMax: 730,
} as const;

const SIGNER_ROLES = ['signer', 'approver', 'final_copy_reader'] as const;

export class InvalidInputError extends Error {}

export interface SignerParameters {
	email?: unknown;
	role?: unknown;
	verificationPhoneNumber?: unknown;
	password?: unknown;
	order?: unknown;
	isInPerson?: unknown;
	embedUrlExternalUserId?: unknown;
	redirectUrl?: unknown;
	declinedRedirectUrl?: unknown;
	loginRequired?: unknown;
	signerGroupId?: unknown;
	suppressNotifications?: unknown;
	language?: unknown;
}

interface BoxSigner {
	/** Left out only with a template, which fills it from its placeholder. */
	email?: string;
	role: string;
	is_in_person?: true;
	order?: number;
	embed_url_external_user_id?: string;
	redirect_url?: string;
	declined_redirect_url?: string;
	login_required?: true;
	verification_phone_number?: string;
	password?: string;
	signer_group_id?: string;
	suppress_notifications?: true;
	language?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+[1-9]\d{7,14}$/;
const BOX_ID = /^\d+$/;

export function isEmail(value: string): boolean {
	return EMAIL.test(value);
}

export function isE164(value: string): boolean {
	return E164.test(value);
}

/** A form value as text, or undefined when it is empty ("", whitespace, null, undefined). */
export function textOrUndefined(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	// An object from an expression shows as its JSON in error messages, not as "[object Object]".
	const text = (typeof value === 'object' ? JSON.stringify(value) : String(value)).trim();
	return text === '' ? undefined : text;
}

/** Accepts "1, 2", ["1", 2] or 1 (from an expression) and returns the trimmed, non-empty entries. */
export function splitList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : String(value ?? '').split(',');
	return parts.map((part) => textOrUndefined(part)).filter((id): id is string => id !== undefined);
}

export function checkBoxId(id: string, field: string): string {
	if (!BOX_ID.test(id)) {
		throw new InvalidInputError(
			`${field}: "${id}" is not a Box ID. Box IDs are numbers, e.g. 1358047520478 (the number at the end of the file's or folder's Box URL).`,
		);
	}
	return id;
}

const SIGN_REQUEST_ID = /^[A-Za-z0-9-]+$/;

export function checkSignRequestIdText(value: unknown): string {
	const id = textOrUndefined(value);
	if (id === undefined) {
		throw new InvalidInputError(
			'Sign Request ID is empty. Map the "id" of a sign request, e.g. from Create or Get Many.',
		);
	}
	if (!SIGN_REQUEST_ID.test(id)) {
		throw new InvalidInputError(
			`Sign Request ID "${id}" is not a Box sign request ID (letters, digits and dashes, e.g. 6b0a7c5e-37a8-4a35-9d4d-8f6a2f0d9a11).`,
		);
	}
	return id;
}

export function buildSourceFiles(value: unknown): Array<{ id: string; type: 'file' }> {
	const ids = splitList(value);
	if (ids.length === 0) {
		throw new InvalidInputError(
			'Source File IDs: add at least one Box file ID, e.g. 1358047520478.',
		);
	}
	if (ids.length > LIMITS.sourceFiles) {
		throw new InvalidInputError(
			`Source File IDs: Box accepts at most ${LIMITS.sourceFiles} files in one sign request, got ${ids.length}.`,
		);
	}
	return ids.map((id) => ({ id: checkBoxId(id, 'Source File IDs'), type: 'file' }));
}

const PHONE_EXAMPLE = 'e.g. +15551232190 for the US number 555-123-2190';

/**
 * A phone number as Box wants it (E.164: + country code and number, 8 to 15 digits). CRMs write
 * "+1 (555) 123-2190" or "+44 20 7946 0958": spaces, dashes, dots and brackets are dropped.
 */
export function toE164(phone: string, label: string): string {
	const compact = phone.replace(/[\s().-]/g, '');
	if (isE164(compact)) return compact;
	const problem = !compact.startsWith('+')
		? `has no country code: write + and the country code first, ${PHONE_EXAMPLE}`
		: !/^\+\d+$/.test(compact)
			? `may contain only digits after the + (and spaces, dashes, dots or brackets), ${PHONE_EXAMPLE}`
			: `is not a phone number in international format: after the + come the country code (not starting with 0) and the number, 8 to 15 digits in all, ${PHONE_EXAMPLE}`;
	throw new InvalidInputError(`${label} Phone Verification Number "${phone}" ${problem}.`);
}

/** Days Valid; empty is "not set". */
export function parseDaysValid(value: unknown): number | undefined {
	if (textOrUndefined(value) === undefined) return undefined;
	const days = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (
		typeof days !== 'number' ||
		!Number.isInteger(days) ||
		days < 0 ||
		days > LIMITS.daysValidMax
	) {
		throw new InvalidInputError(
			`Days Valid: must be a whole number from 0 to ${LIMITS.daysValidMax}, got ${JSON.stringify(value)}.`,
		);
	}
	return days;
}

function parseOrder(value: unknown, label: string): number | undefined {
	if (textOrUndefined(value) === undefined) return undefined;
	const order = Number(value);
	if (!Number.isInteger(order) || order < 0) {
		throw new InvalidInputError(
			`${label} Signing Order: must be a whole number of 0 or more, got ${JSON.stringify(value)}.`,
		);
	}
	return order;
}

/**
 * A yes/no field: a boolean, or from an expression "true"/"false" in any case. Empty ("", null,
 * undefined) is "not set". n8n does not type-check a boolean set by expression, so this does.
 */
export function parseYesNo(value: unknown, label: string): boolean | undefined {
	if (typeof value === 'boolean') return value;
	const text = textOrUndefined(value)?.toLowerCase();
	if (text === undefined) return undefined;
	if (text === 'true' || text === 'false') return text === 'true';
	throw new InvalidInputError(`${label}: must be true or false, got ${JSON.stringify(value)}.`);
}

/** An options field set by expression: one of `allowed` (any case), or empty for "not set". */
export function parseOption(
	value: unknown,
	label: string,
	allowed: readonly string[],
): string | undefined {
	const text = textOrUndefined(value)?.toLowerCase();
	if (text === undefined || allowed.includes(text)) return text;
	throw new InvalidInputError(
		`${label}: must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}.`,
	);
}

function checkSignerEmail(value: unknown, label: string, fromTemplate: boolean) {
	const email = textOrUndefined(value);
	if (email === undefined && fromTemplate) return undefined;
	if (email === undefined) {
		throw new InvalidInputError(
			`${label} Email is empty. With documents from files every signer needs an email address (only a template can fill it in).`,
		);
	}
	if (!isEmail(email)) {
		throw new InvalidInputError(`${label} Email "${email}" is not a valid email address.`);
	}
	return email;
}

function checkRole(value: unknown, label: string): string {
	const role = textOrUndefined(value) ?? 'signer';
	if (!(SIGNER_ROLES as readonly string[]).includes(role)) {
		throw new InvalidInputError(
			`${label} Role "${role}" is not one of ${SIGNER_ROLES.join(', ')}.`,
		);
	}
	return role;
}

function checkPhone(signer: SignerParameters, label: string): string | undefined {
	const text = textOrUndefined(signer.verificationPhoneNumber);
	if (text === undefined) return undefined;
	const phone = toE164(text, label);
	if (parseYesNo(signer.loginRequired, `${label} Login Required`)) {
		throw new InvalidInputError(
			`${label} Login Required and Phone Verification Number cannot be used together (Box refuses it). Keep one of them.`,
		);
	}
	return phone;
}

function checkPassword(value: unknown, label: string): string | undefined {
	const password = value === undefined || value === null ? '' : String(value);
	if (password !== '' && password.trim() === '') {
		throw new InvalidInputError(
			`${label} Password contains only spaces. Leave it empty or set a real password.`,
		);
	}
	return password === '' ? undefined : password;
}

export function buildSigner(
	signer: SignerParameters,
	position: number,
	fromTemplate = false,
): BoxSigner {
	const label = `Signer ${position}:`;
	const email = checkSignerEmail(signer.email, label, fromTemplate);
	const role = checkRole(signer.role, label);
	const body: BoxSigner = { ...(email === undefined ? {} : { email }), role };
	const phone = checkPhone(signer, label);
	const password = checkPassword(signer.password, label);
	if (parseYesNo(signer.isInPerson, `${label} In Person`)) body.is_in_person = true;
	const order = parseOrder(signer.order, label);
	if (order !== undefined) body.order = order;
	setText(body, 'embed_url_external_user_id', signer.embedUrlExternalUserId);
	setText(body, 'redirect_url', signer.redirectUrl);
	setText(body, 'declined_redirect_url', signer.declinedRedirectUrl);
	if (parseYesNo(signer.loginRequired, `${label} Login Required`)) body.login_required = true;
	if (phone !== undefined) body.verification_phone_number = phone;
	if (password !== undefined) body.password = password;
	setText(body, 'signer_group_id', signer.signerGroupId);
	if (parseYesNo(signer.suppressNotifications, `${label} Suppress Notifications`)) {
		body.suppress_notifications = true;
	}
	setText(body, 'language', signer.language);
	return body;
}

/** `fromTemplate`: the request uses a template, which may fill in signers' emails. */
export function buildSigners(signers: SignerParameters[], fromTemplate = false): BoxSigner[] {
	if (signers.length === 0) {
		throw new InvalidInputError('Signers: add at least one signer.');
	}
	if (signers.length > LIMITS.signers) {
		throw new InvalidInputError(
			`Signers: Box accepts at most ${LIMITS.signers} signers in one sign request, got ${signers.length}.`,
		);
	}
	const built = signers.map((signer, index) => buildSigner(signer, index + 1, fromTemplate));
	const emails = built.map((signer) => signer.email?.toLowerCase());
	built.forEach((signer, index) => {
		const first = emails.indexOf(emails[index]);
		if (signer.email !== undefined && first < index) {
			throw new InvalidInputError(
				`Signer ${index + 1}: Email "${signer.email}" is already signer ${first + 1}. Box needs a different email for each signer.`,
			);
		}
	});
	return built;
}

type TextKeys =
	| 'embed_url_external_user_id'
	| 'redirect_url'
	| 'declined_redirect_url'
	| 'signer_group_id'
	| 'language';

function setText(body: BoxSigner, key: TextKeys, value: unknown): void {
	const text = textOrUndefined(value);
	if (text !== undefined) body[key] = text;
}

export interface PrefillTagParameters {
	documentTagId?: unknown;
	valueType?: unknown;
	textValue?: unknown;
	checkboxValue?: unknown;
	dateValue?: unknown;
}

interface BoxPrefillTag {
	document_tag_id: string;
	text_value?: string;
	checkbox_value?: boolean;
	date_value?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

function parseDate(value: unknown, label: string): string | undefined {
	const date = textOrUndefined(value);
	if (date === undefined) return undefined;
	if (!ISO_DATE.test(date) || Number.isNaN(Date.parse(date.slice(0, 10)))) {
		throw new InvalidInputError(
			`${label} Date Value must be a date such as 2026-12-31, got ${JSON.stringify(value)}.`,
		);
	}
	return date.slice(0, 10);
}

type PrefillValue = Omit<BoxPrefillTag, 'document_tag_id'>;

function prefillValue(tag: PrefillTagParameters, label: string): PrefillValue {
	switch (tag.valueType ?? 'text') {
		case 'checkbox':
			return { checkbox_value: parseYesNo(tag.checkboxValue, `${label} Checkbox Value`) };
		case 'date':
			return { date_value: parseDate(tag.dateValue, label) };
		case 'text':
			return { text_value: textOrUndefined(tag.textValue) };
		default:
			throw new InvalidInputError(
				`${label} Value Type "${String(tag.valueType)}" is not one of text, checkbox, date.`,
			);
	}
}

/** One entry of `prefill_tags`, or undefined when its value is empty (an expression gave ""): not sent. */
function buildPrefillTag(tag: PrefillTagParameters, position: number): BoxPrefillTag | undefined {
	const label = `Prefill Tag ${position}:`;
	const documentTagId = textOrUndefined(tag.documentTagId);
	if (documentTagId === undefined) {
		throw new InvalidInputError(
			`${label} Document Tag ID is empty. Use the tag ID set in the document or template.`,
		);
	}
	const value = prefillValue(tag, label);
	if (Object.values(value).every((part) => part === undefined)) return undefined;
	return { document_tag_id: documentTagId, ...value };
}

/** Prefill Tags as Box's `prefill_tags`; tags whose value is empty are not sent, nor is an empty list. */
export function buildPrefillTags(value: unknown): BoxPrefillTag[] | undefined {
	const tags = ((value as { tag?: PrefillTagParameters[] } | undefined)?.tag ?? [])
		.map((tag, index) => buildPrefillTag(tag, index + 1))
		.filter((tag) => tag !== undefined);
	return tags.length ? tags : undefined;
}
