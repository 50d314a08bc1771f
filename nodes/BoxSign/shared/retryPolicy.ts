// When to send a request to Box again. Pure: no n8n imports, tested on its own.

export const MAX_RETRIES = 5;
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
export const DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS = 60;
export const DEFAULT_MAX_TOTAL_RATE_LIMIT_WAIT_MINUTES = 15;

/** What went wrong with one HTTP attempt, read off the error n8n's HTTP helper threw. */
export interface Failure {
	status?: number;
	/** Node's network error code when Box did not answer: ECONNREFUSED, ECONNRESET, ETIMEDOUT, … */
	networkCode?: string;
	retryAfterSeconds?: number;
}

export interface RetryPolicy {
	/** GET requests: Box changes nothing, so sending them again is always safe. */
	isRead: boolean;
	/** The user's explicit choice to resend writes whose outcome is unknown. */
	retryUncertainWrites: boolean;
	maxRateLimitWaitSeconds: number;
	/** How long one item may wait, in all, for Box's rate limit (see rateLimiter.ts). */
	maxTotalRateLimitWaitMs: number;
	/** The Box user the requests go to: requests for the same one share a rate limiter. */
	boxUser: string;
}

export type RetryDecision =
	| { retry: true; waitMs: number }
	| { retry: false; outcomeUnknown: boolean };

/** Network errors raised before the request left this machine. */
const NOT_SENT_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'];

/** Exponential backoff with jitter (×0.5 to ×1.5), like Box's SDKs. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
	const exponential = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt);
	return Math.round(exponential * (0.5 + random()));
}

/**
 * A 429 without `retry-after` (n8n 1.x loses the answer's headers): the backoff's jitter only
 * lengthens it, since the rate limiter already spreads the retries, and a shorter wait than the
 * backoff's base is likely too early again.
 */
function rateLimitBackoffMs(attempt: number, random: () => number = Math.random): number {
	return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt * (1 + random() / 2));
}

/**
 * Box processed nothing after a 429 or a refused connection, so any request may go again. After a
 * 5xx, a reset or a timeout, Box may have acted: only reads go again, unless the user chose otherwise.
 * 429s are not counted against MAX_RETRIES (the rate limiter bounds their total wait) unless
 * Max Rate-Limit Wait is 0, when nothing else would stop them.
 */
export function decideRetry(
	failure: Failure,
	attempt: number,
	policy: RetryPolicy,
	random?: () => number,
): RetryDecision {
	const notProcessed = failure.status === 429 || NOT_SENT_CODES.includes(failure.networkCode ?? '');
	// A 5xx, or no answer at all (reset, timeout, …) after the request went out.
	const outcomeUnknown = !notProcessed && (failure.status === undefined || failure.status >= 500);
	const retryable =
		notProcessed || (outcomeUnknown && (policy.isRead || policy.retryUncertainWrites));
	const waitMs =
		failure.status === 429 && failure.retryAfterSeconds !== undefined
			? Math.min(failure.retryAfterSeconds, policy.maxRateLimitWaitSeconds) * 1000
			: Math.min(
					failure.status === 429 ? rateLimitBackoffMs(attempt, random) : backoffMs(attempt, random),
					policy.maxRateLimitWaitSeconds * 1000,
				);
	const outOfRetries = attempt >= MAX_RETRIES && !(failure.status === 429 && waitMs > 0);
	if (!retryable || outOfRetries) {
		return { retry: false, outcomeUnknown: outcomeUnknown && !policy.isRead };
	}
	return { retry: true, waitMs };
}

/** `retry-after` is seconds or an HTTP date. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds) && seconds >= 0) return seconds;
	const date = Date.parse(String(value));
	return Number.isFinite(date) ? Math.max(0, Math.ceil((date - now) / 1000)) : undefined;
}
