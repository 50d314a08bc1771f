'use strict';

/**
 * Box's per-user rate limits, time-scaled, and the counters tests and the bench read.
 *
 *   startSandbox({ rateLimit: { createsPerSecond: 10 } })
 *
 * stands for Box's per-user limits with Box's minute made shorter: creating and resending sign
 * requests, 100 per minute per user; every API call (reads, cancels, creates too), 1 000 per
 * minute per user (Box's rate-limit guide). `createsPerSecond` says how short: at 10, Box's
 * minute lasts 10 seconds (100 creates in it); at 100 / 60, Box's own rate, it lasts a minute.
 * Only time is scaled, never Box's counts: a limit of 10 calls in one second would refuse an
 * 11th call that Box, counting 100 in its minute, takes, and would turn 30 ms of the network's
 * jitter into a 429 that at Box's scale is 2 seconds. Each limit counts the calls Box accepted
 * in the last (scaled) minute, a sliding window; a call over either limit gets Box's 429 with
 * `retry-after` and changes nothing.
 *
 * `retry-after` is time-scaled too: Box answers whole seconds, rounded up, so the sandbox
 * answers sixtieths of its minute, rounded up, written as seconds with a fraction ("0.05" for
 * 3/60 of a one-second minute; HTTP clients read such a value as seconds).
 *
 * Every token of this sandbox belongs to its one user (`config.user`). Without `rateLimit`
 * nothing is refused, and the counters still count. `rateLimit.now` replaces the clock (for tests).
 */

const { boxError } = require('./errors');

const BOX_MINUTE_MS = 60_000;
/** Box's limits per user and minute (Box's rate-limit guide). */
const BOX_CREATES_PER_MINUTE = 100;
const BOX_CALLS_PER_MINUTE = 1000;
const RATE_LIMITED_MESSAGE = 'Request rate limit exceeded, please try again later';
const CREATE_ENDPOINTS = [
	'POST /2.0/sign_requests',
	'POST /2.0/sign_requests/:sign_request_id/resend',
];
const CREATE_SIGN_REQUEST = CREATE_ENDPOINTS[0];

/**
 * @param {{ createsPerSecond?: number, now?: () => number }} [limits]
 */
function createRateLimit(limits = {}) {
	const now = limits.now ?? Date.now;
	const limited = limits.createsPerSecond !== undefined;
	/** How long Box's minute lasts here. */
	const windowMs = (1000 * BOX_CREATES_PER_MINUTE) / (limits.createsPerSecond ?? 1);
	// Per user: when each accepted call and each accepted create was answered, oldest first.
	const windows = new Map();
	const counters = createCounters();

	/** Drops the times older than the window (in place) and returns the array. */
	function recent(times, at) {
		while (times.length > 0 && times[0] <= at - windowMs) times.shift();
		return times;
	}

	function windowsOf(userId) {
		if (!windows.has(userId)) windows.set(userId, { calls: [], creates: [] });
		return windows.get(userId);
	}

	/** Box's 429 when this call is over a limit for `userId`, else undefined (and it counts). */
	function refusal(endpoint, request, userId) {
		const name = endpointName(endpoint);
		const at = now();
		const user = windowsOf(userId);
		const isCreate = CREATE_ENDPOINTS.includes(name);
		const full = [
			[user.calls, limited ? BOX_CALLS_PER_MINUTE : undefined],
			[user.creates, limited && isCreate ? BOX_CREATES_PER_MINUTE : undefined],
		].filter(([times, limit]) => limit !== undefined && recent(times, at).length >= limit);
		if (full.length === 0) {
			user.calls.push(at);
			if (isCreate) user.creates.push(at);
			return undefined;
		}
		countRateLimited(counters, name, request, at);
		const freeAt = Math.max(
			...full.map(([times, limit]) => times[times.length - limit] + windowMs),
		);
		const response = boxError(429, 'rate_limit_exceeded', RATE_LIMITED_MESSAGE);
		return {
			...response,
			headers: { 'retry-after': retryAfter(freeAt - at, windowMs) },
		};
	}

	/** Counts what Box answered to a call the limit let through. */
	function record(endpoint, request, response) {
		if (response.status >= 300) return;
		const name = endpointName(endpoint);
		const at = now();
		const accepted = (counters.accepted[name] ??= { count: 0, firstAt: at, lastAt: at });
		accepted.count += 1;
		accepted.lastAt = at;
		if (name !== CREATE_SIGN_REQUEST) return;
		for (const email of signerEmails(request.body)) increment(counters.createsBySignerEmail, email);
		if (request.body.external_id) {
			increment(counters.createsByExternalId, request.body.external_id);
		}
	}

	/** Box counted `creates` creates of `userId` just now: other apps or workflows of that user. */
	function useUp(userId, creates) {
		const user = windowsOf(userId);
		const at = now();
		for (let i = 0; i < creates; i++) {
			user.calls.push(at);
			user.creates.push(at);
		}
	}

	return { refusal, record, useUp, counters };
}

/**
 * What the sandbox counted since its start or last reset:
 * - `accepted['POST /2.0/sign_requests']`: `{ count, firstAt, lastAt }` (ms) of 2xx answers;
 * - `rateLimited[...]`: how many 429s, `rateLimitedTotal` for all endpoints;
 * - `limitReached[...]`: `{ at, acceptedBefore }`, when the first 429 went out and how many calls
 *   had been accepted until then;
 * - `createsBySignerEmail`, `createsByExternalId`: Maps to how many sign requests were created;
 * - `rateLimitedByExternalId`: Map of 429s to creates, by the body's `external_id`;
 * - `duplicatedExternalIds()`: the `external_id`s created more than once.
 */
function createCounters() {
	const counters = {
		accepted: {},
		limitReached: {},
		rateLimited: {},
		rateLimitedTotal: 0,
		createsBySignerEmail: new Map(),
		createsByExternalId: new Map(),
		rateLimitedByExternalId: new Map(),
		duplicatedExternalIds: () =>
			[...counters.createsByExternalId].filter(([, count]) => count > 1).map(([id]) => id),
	};
	return counters;
}

function countRateLimited(counters, name, request, at) {
	counters.limitReached[name] ??= { at, acceptedBefore: counters.accepted[name]?.count ?? 0 };
	counters.rateLimited[name] = (counters.rateLimited[name] ?? 0) + 1;
	counters.rateLimitedTotal += 1;
	const externalId = name === CREATE_SIGN_REQUEST ? request.body?.external_id : undefined;
	if (externalId) increment(counters.rateLimitedByExternalId, externalId);
}

/** Box's whole seconds rounded up (at least one), time-scaled: sixtieths of the window, in seconds. */
function retryAfter(untilFreeMs, windowMs) {
	const unitMs = (windowMs * 1000) / BOX_MINUTE_MS;
	// The small epsilons keep floating-point noise from rounding a whole unit up to the next one.
	const units = Math.max(1, Math.ceil(untilFreeMs / unitMs - 1e-9));
	const microseconds = Math.ceil(units * unitMs * 1000 - 1e-6);
	return String(microseconds / 1e6);
}

function endpointName(endpoint) {
	return `${endpoint.method} ${endpoint.template}`;
}

function signerEmails(body) {
	const signers = Array.isArray(body?.signers) ? body.signers : [];
	return signers.map((signer) => signer?.email).filter((email) => typeof email === 'string');
}

function increment(map, key) {
	map.set(key, (map.get(key) ?? 0) + 1);
}

module.exports = { createRateLimit, BOX_CREATES_PER_MINUTE };
