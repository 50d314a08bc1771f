import { createHmac } from 'node:crypto';

import { verifyBoxDelivery } from '../../nodes/BoxSignTrigger/verifySignature';

// Box's published test vector (box-typescript-sdk-gen, src/test/webhooks.generated.test.ts).
const BODY =
	'{"type":"webhook_event","webhook":{"id":"1234567890"},"trigger":"FILE.UPLOADED","source":{"id":"1234567890","type":"file","name":"Test.txt"}}';
const TIMESTAMP = '2020-01-01T00:00:00-07:00';
const SENT_AT = Date.parse(TIMESTAMP);
const KEYS = { primaryKey: 'SamplePrimaryKey', secondaryKey: 'SampleSecondaryKey' };
const VECTOR_HEADERS = {
	'box-delivery-id': 'f96bb54b-ee16-4fc5-aa65-8c2d9e5b546f',
	'box-delivery-timestamp': TIMESTAMP,
	'box-signature-algorithm': 'HmacSHA256',
	'box-signature-primary': '6TfeAW3A1PASkgboxxA5yqHNKOwFyMWuEXny/FPD5hI=',
	'box-signature-secondary': 'v+1CD1Jdo3muIcbpv5lxxgPglOqMfsNHPV899xWYydo=',
	'box-signature-version': '1',
};

/** Signed independently of the code under test, the way Box documents it. */
function sign(key: string, body: Buffer, timestamp: string) {
	return createHmac('sha256', key)
		.update(Buffer.concat([body, Buffer.from(timestamp)]))
		.digest('base64');
}

function signedHeaders(body: Buffer, timestamp: string, keys = KEYS) {
	return {
		...VECTOR_HEADERS,
		'box-delivery-timestamp': timestamp,
		'box-signature-primary': sign(keys.primaryKey, body, timestamp),
		'box-signature-secondary': sign(keys.secondaryKey, body, timestamp),
	};
}

describe('verifying a Box delivery', () => {
	test('accepts Box’s published test vector', () => {
		expect(verifyBoxDelivery(VECTOR_HEADERS, Buffer.from(BODY), KEYS, SENT_AT)).toEqual({
			valid: true,
		});
	});

	test('accepts the vector with only the secondary key (a rotated primary key)', () => {
		const keys = { primaryKey: 'NewPrimaryKeyNotYetInBox', secondaryKey: 'SampleSecondaryKey' };
		expect(verifyBoxDelivery(VECTOR_HEADERS, Buffer.from(BODY), keys, SENT_AT).valid).toBe(true);
	});

	test('accepts a body with non-ASCII text and unescaped slashes, as sent', () => {
		const body = Buffer.from(
			'{"id":"e1","trigger":"SIGN_REQUEST.COMPLETED","source":{"type":"file","name":"Verträge/2026/Ångström – ✓.pdf"},"additional_info":{"signer_emails":["zoë@example.com"]}}',
			'utf8',
		);
		const now = Date.now();
		const timestamp = new Date(now).toISOString();
		expect(verifyBoxDelivery(signedHeaders(body, timestamp), body, KEYS, now).valid).toBe(true);
		// The same event re-serialised with escapes is other bytes: it must not pass as the original.
		const escaped = Buffer.from(JSON.stringify(JSON.parse(body.toString())).replace(/\//g, '\\/'));
		expect(verifyBoxDelivery(signedHeaders(body, timestamp), escaped, KEYS, now).valid).toBe(
			false,
		);
	});

	test('refuses a body altered by one byte', () => {
		const altered = Buffer.from(BODY.replace('Test.txt', 'Test.txT'));
		expect(verifyBoxDelivery(VECTOR_HEADERS, altered, KEYS, SENT_AT)).toEqual({
			valid: false,
			reason: 'neither signature matches the credential’s keys',
		});
	});

	test('refuses signatures made with other keys', () => {
		const keys = { primaryKey: 'AnotherKey', secondaryKey: 'YetAnotherKey' };
		expect(verifyBoxDelivery(VECTOR_HEADERS, Buffer.from(BODY), keys, SENT_AT).valid).toBe(false);
	});

	test('refuses an unsigned delivery', () => {
		const {
			'box-signature-primary': _p,
			'box-signature-secondary': _s,
			...unsigned
		} = VECTOR_HEADERS;
		expect(verifyBoxDelivery(unsigned, Buffer.from(BODY), KEYS, SENT_AT).valid).toBe(false);
	});

	test('refuses a delivery older than 10 minutes and accepts one just younger', () => {
		const body = Buffer.from(BODY);
		expect(verifyBoxDelivery(VECTOR_HEADERS, body, KEYS, SENT_AT + 10 * 60_000).valid).toBe(true);
		expect(verifyBoxDelivery(VECTOR_HEADERS, body, KEYS, SENT_AT + 10 * 60_000 + 1)).toEqual({
			valid: false,
			reason: 'delivery is older than 10 minutes',
		});
	});

	test('refuses a delivery dated more than 60 seconds in the future', () => {
		const body = Buffer.from(BODY);
		expect(verifyBoxDelivery(VECTOR_HEADERS, body, KEYS, SENT_AT - 60_000).valid).toBe(true);
		expect(verifyBoxDelivery(VECTOR_HEADERS, body, KEYS, SENT_AT - 60_001)).toEqual({
			valid: false,
			reason: 'delivery is dated more than 60 s in the future',
		});
	});

	test('refuses an unreadable timestamp', () => {
		const headers = { ...VECTOR_HEADERS, 'box-delivery-timestamp': 'yesterday' };
		expect(verifyBoxDelivery(headers, Buffer.from(BODY), KEYS, SENT_AT).valid).toBe(false);
	});

	test('refuses another signature version or algorithm', () => {
		const body = Buffer.from(BODY);
		const v2 = { ...VECTOR_HEADERS, 'box-signature-version': '2' };
		const sha1 = { ...VECTOR_HEADERS, 'box-signature-algorithm': 'HmacSHA1' };
		expect(verifyBoxDelivery(v2, body, KEYS, SENT_AT).valid).toBe(false);
		expect(verifyBoxDelivery(sha1, body, KEYS, SENT_AT).valid).toBe(false);
	});

	test('refuses everything when the credential has no primary key', () => {
		const keys = { primaryKey: '', secondaryKey: 'SampleSecondaryKey' };
		expect(verifyBoxDelivery(VECTOR_HEADERS, Buffer.from(BODY), keys, SENT_AT)).toEqual({
			valid: false,
			reason: 'no Webhook Primary Key in the credential',
		});
	});
});
