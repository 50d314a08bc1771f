import { createHmac, timingSafeEqual } from 'crypto';

/** Box's limits: a delivery older than 10 minutes is refused, like one stamped in the future. */
export const MAX_DELIVERY_AGE_MS = 10 * 60 * 1000;
export const MAX_CLOCK_SKEW_MS = 60 * 1000;

export interface SignatureKeys {
	primaryKey: string;
	secondaryKey?: string;
}

export type DeliveryHeaders = Record<string, string | string[] | undefined>;

export type Verdict = { valid: true } | { valid: false; reason: string };

/** Box's signature: base64(HMAC-SHA256(key, body bytes followed by the timestamp header's bytes)). */
export function boxSignature(key: string, rawBody: Buffer, timestamp: string): string {
	return createHmac('sha256', key).update(rawBody).update(timestamp, 'utf8').digest('base64');
}

function header(headers: DeliveryHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

function signatureMatches(
	key: string | undefined,
	received: string | undefined,
	rawBody: Buffer,
	timestamp: string,
): boolean {
	if (!key || !received) return false;
	const expected = Buffer.from(boxSignature(key, rawBody, timestamp), 'utf8');
	const given = Buffer.from(received, 'utf8');
	return expected.length === given.length && timingSafeEqual(expected, given);
}

function timestampProblem(timestamp: string, now: number): string | undefined {
	if (!timestamp) return 'no box-delivery-timestamp header';
	const sentAt = Date.parse(timestamp);
	if (Number.isNaN(sentAt)) return 'box-delivery-timestamp is not a date';
	if (now - sentAt > MAX_DELIVERY_AGE_MS) return 'delivery is older than 10 minutes';
	if (sentAt - now > MAX_CLOCK_SKEW_MS) return 'delivery is dated more than 60 s in the future';
	return undefined;
}

/**
 * Checks a Box webhook delivery the way Box's SDKs do, on the exact bytes received (never on
 * re-serialised JSON): version 1, HmacSHA256, a fresh timestamp, and the primary signature made
 * with the primary key or the secondary signature made with the secondary key (key rotation).
 * `headers` have lowercase names, as Node gives them. The reason never contains a key or signature.
 */
export function verifyBoxDelivery(
	headers: DeliveryHeaders,
	rawBody: Buffer,
	keys: SignatureKeys,
	now: number,
): Verdict {
	if (!keys.primaryKey) return { valid: false, reason: 'no Webhook Primary Key in the credential' };
	if (header(headers, 'box-signature-version') !== '1') {
		return { valid: false, reason: 'box-signature-version is not 1' };
	}
	if (header(headers, 'box-signature-algorithm') !== 'HmacSHA256') {
		return { valid: false, reason: 'box-signature-algorithm is not HmacSHA256' };
	}
	const timestamp = header(headers, 'box-delivery-timestamp') ?? '';
	const problem = timestampProblem(timestamp, now);
	if (problem) return { valid: false, reason: problem };
	const signedWithPrimary = signatureMatches(
		keys.primaryKey,
		header(headers, 'box-signature-primary'),
		rawBody,
		timestamp,
	);
	const signedWithSecondary = signatureMatches(
		keys.secondaryKey,
		header(headers, 'box-signature-secondary'),
		rawBody,
		timestamp,
	);
	if (signedWithPrimary || signedWithSecondary) return { valid: true };
	return { valid: false, reason: 'neither signature matches the credential’s keys' };
}
