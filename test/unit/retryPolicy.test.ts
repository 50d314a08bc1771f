import {
	backoffMs,
	decideRetry,
	MAX_RETRIES,
	parseRetryAfter,
	type RetryPolicy,
} from '../../nodes/BoxSign/shared/retryPolicy';

const write: RetryPolicy = {
	isRead: false,
	retryUncertainWrites: false,
	maxRateLimitWaitSeconds: 60,
	maxTotalRateLimitWaitMs: 15 * 60_000,
	boxUser: 'boxSignOAuth2Api 1 https://api.box.com',
};
const read: RetryPolicy = { ...write, isRead: true };
const half = () => 0.5;

describe('retry policy', () => {
	test('a 429 is retried for writes too, waiting as retry-after says', () => {
		expect(decideRetry({ status: 429, retryAfterSeconds: 7 }, 0, write)).toEqual({
			retry: true,
			waitMs: 7000,
		});
	});

	test('the wait is capped by Max Rate-Limit Wait', () => {
		const policy = { ...write, maxRateLimitWaitSeconds: 10 };
		expect(decideRetry({ status: 429, retryAfterSeconds: 3600 }, 0, policy)).toEqual({
			retry: true,
			waitMs: 10_000,
		});
	});

	test('without retry-after, backs off exponentially, never shorter than the base', () => {
		expect(decideRetry({ status: 429 }, 0, write, half)).toEqual({ retry: true, waitMs: 1250 });
		expect(decideRetry({ status: 429 }, 3, write, half)).toEqual({ retry: true, waitMs: 10000 });
		expect(decideRetry({ status: 429 }, 0, write, () => 0)).toEqual({ retry: true, waitMs: 1000 });
	});

	test('a refused connection never reached Box, so a write is retried', () => {
		expect(decideRetry({ networkCode: 'ECONNREFUSED' }, 0, write, half)).toEqual({
			retry: true,
			waitMs: 1000,
		});
	});

	test.each([
		[{ status: 500 }],
		[{ status: 503 }],
		[{ networkCode: 'ECONNRESET' }],
		[{ networkCode: 'ECONNABORTED' }],
	])('after %j a write is not retried and its outcome is unknown, a read is retried', (failure) => {
		expect(decideRetry(failure, 0, write)).toEqual({ retry: false, outcomeUnknown: true });
		expect(decideRetry(failure, 0, read, half)).toEqual({ retry: true, waitMs: 1000 });
		expect(decideRetry(failure, 0, { ...write, retryUncertainWrites: true }, half)).toEqual({
			retry: true,
			waitMs: 1000,
		});
	});

	test('client errors are final', () => {
		expect(decideRetry({ status: 400 }, 0, read)).toEqual({ retry: false, outcomeUnknown: false });
		expect(decideRetry({ status: 404 }, 0, write)).toEqual({ retry: false, outcomeUnknown: false });
	});

	test(`stops after ${MAX_RETRIES} retries`, () => {
		expect(decideRetry({ status: 503 }, MAX_RETRIES, read)).toEqual({
			retry: false,
			outcomeUnknown: false,
		});
	});

	test('a 429 goes on past MAX_RETRIES (the rate limiter bounds its total wait)', () => {
		expect(decideRetry({ status: 429, retryAfterSeconds: 2 }, MAX_RETRIES + 20, write)).toEqual({
			retry: true,
			waitMs: 2000,
		});
	});

	test(`a 429 with no wait at all (Max Rate-Limit Wait 0) stops after ${MAX_RETRIES} retries`, () => {
		const policy = { ...write, maxRateLimitWaitSeconds: 0 };
		expect(decideRetry({ status: 429, retryAfterSeconds: 9 }, MAX_RETRIES, policy)).toEqual({
			retry: false,
			outcomeUnknown: false,
		});
	});

	test('jitter stays within half and one and a half times the step, capped at 30 s', () => {
		expect(backoffMs(1, () => 0)).toBe(1000);
		expect(backoffMs(1, () => 0.999)).toBeLessThanOrEqual(3000);
		expect(backoffMs(10, () => 0.5)).toBe(30_000);
	});

	test('reads retry-after as seconds or as an HTTP date', () => {
		expect(parseRetryAfter('12')).toBe(12);
		expect(
			parseRetryAfter('Sat, 28 Nov 2026 16:00:30 GMT', Date.parse('2026-11-28T16:00:00Z')),
		).toBe(30);
		expect(parseRetryAfter(undefined)).toBeUndefined();
		expect(parseRetryAfter('soon')).toBeUndefined();
	});
});
