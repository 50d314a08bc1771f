// Paces the requests that go to one Box user, for every item and execution in this n8n process.
//
// Box limits each user (creating and resending sign requests: 100 a minute; every call: 1 000 a
// minute) and answers 429 with `retry-after` when a call is over. Without pacing, every item of
// a big execution is sent at once and retries on its own, so the herd hits the limit again and
// again. Here all requests for one credential share a limiter per bucket (writes, reads):
// - while no rate is known, at most WRITES_IN_FLIGHT_AT_START writes are on their way at once,
//   so a first 429 finds few others in flight (Box's write limit is the tight one). Reads have no
//   such cap: a read may be sent from inside another read's hooks (Download fetches the files
//   after the sign request), and a cap could leave the outer ones waiting for their own inner
//   ones. No write is ever sent from inside another write;
// - a 429 pauses every request of the bucket for as long as Box asks (or a backoff);
// - the first 429 teaches the rate Box accepts: the requests it accepted since the stretch began,
//   over the time from the first of those answers to the 429 plus the wait Box asked for (one
//   full window of Box's limit). After the pause requests leave one by one at that rate (a little
//   slower, for the network's jitter), first come first served, so the herd does not hit the
//   limit again at once;
// - from then on the pacer probes and backs off (as TCP does): while the pace is what holds
//   requests back, each accepted answer speeds it up a little; a 429 slows it by as much as Box
//   says the request came too early. So the pace stays close below Box's limit instead of
//   settling lower after every 429, and processes sharing one Box user (n8n's queue mode)
//   together find it too;
// - after a quiet spell of two such windows Box has forgotten the traffic, and so does the limiter.
// A 429 means Box processed nothing, so the request goes again, before the queue (takeTurn).
// Module state on purpose: n8n loads a node once per process, and that is the scope to share.
import { sleep } from 'n8n-workflow';

/** Requests leave this much slower than the rate learned from Box, for the network's jitter. */
const SAFETY_FACTOR = 1.03;
/** Each accepted request that waited for the pace speeds it up this much (3 % in about 60). */
const PROBE_FACTOR = 1.0005;
const FORGET_AFTER_WINDOWS = 2;
/** Nothing sent for this long (or for one window of Box's limit, once known) is a lull. */
const MIN_LULL_MS = 1000;
export const WRITES_IN_FLIGHT_AT_START = 10;

/** A request's place in the limiter: the stretch (between two pauses) it was sent in. */
export interface Permit {
	stretch: number;
	/** It waited for the pace: an accepted answer says Box would take a faster one. */
	paced: boolean;
	/** How many requests had left when it did (itself included). */
	start: number;
}

export interface Turn {
	permit: Permit;
	waitedMs: number;
}

/** What Box said with a 429: how long to pause everyone, and Box's own `retry-after` if any. */
export interface RateLimitAnswer<Answer> {
	answer: Answer;
	pauseMs: number;
	retryAfterMs?: number;
}

interface Clock {
	now: () => number;
	sleep: (ms: number) => Promise<void>;
}

/** `Answer`: what the caller keeps of Box's last 429, to explain a wait that ran out. */
export class BoxUserLimiter<Answer = unknown> {
	private stretch = 0;

	private acceptedInStretch = 0;

	private firstAcceptedAt: number | undefined;

	private pausedUntil = 0;

	private lastStartAt = Number.NEGATIVE_INFINITY;

	/** How many requests have left. */
	private starts = 0;

	/** When the next request may leave, on a fixed schedule of `intervalMs` once Box's rate is known. */
	private nextSlotAt = Number.NEGATIVE_INFINITY;

	private inFlight = 0;

	/** Milliseconds between two requests, once Box's rate is known. */
	private intervalMs: number | undefined;

	private windowMs = 0;

	/** The refused request the rate was first learned from, and how many Box had accepted. */
	private learnedFrom: (Permit & { accepted: number }) | undefined;

	private queue: Promise<unknown> = Promise.resolve();

	private wakeOnSettle: Array<() => void> = [];

	/** Requests Box refused that wait to go again: they go before the queue. */
	private retriesWaiting = 0;

	/** All the time the queue stood still for the writes in flight at start: not Box's limit. */
	private inFlightWaitMs = 0;

	/** Requests Box accepted through this limiter since the process started. */
	accepted = 0;

	lastRateLimitAnswer: Answer | undefined;

	/** `inFlightAtStart`: how many requests may be on their way while no rate is known. */
	constructor(
		private readonly inFlightAtStart = Number.POSITIVE_INFINITY,
		private readonly clock: Clock = { now: Date.now, sleep },
	) {}

	/**
	 * Waits for this request's turn, first come first served. Returns the permit to hand to
	 * `settle` and how long it waited for Box's limit, or undefined at once when its turn would
	 * come after `budgetMs` of such waiting.
	 */
	async takeTurn(budgetMs: number, refused?: Permit): Promise<Turn | undefined> {
		const queued = { at: this.clock.now(), inFlightWaitMs: this.inFlightWaitMs };
		// A request Box refused has waited its turn already: it takes the next slot, so that it is
		// not refused again at the end of a long queue.
		if (refused) {
			this.retriesWaiting += 1;
			try {
				return await this.waitForSlot(queued, budgetMs, true);
			} finally {
				this.retriesWaiting -= 1;
			}
		}
		const turn = this.queue.then(async () => await this.waitForSlot(queued, budgetMs, false));
		this.queue = turn;
		return await turn;
	}

	/**
	 * Box answered the request sent with `permit`: anything but a 429 counts as accepted (Box
	 * counted it). After a 429, pauses the bucket unless a newer pause already covers the
	 * request, and learns from it (learnRate).
	 */
	settle(permit: Permit, rateLimited?: RateLimitAnswer<Answer>) {
		this.inFlight -= 1;
		const waiting = this.wakeOnSettle;
		this.wakeOnSettle = [];
		for (const wake of waiting) wake();
		const at = this.clock.now();
		if (!rateLimited) {
			this.accepted += 1;
			if (permit.stretch !== this.stretch) return this.countAnsweredLate(permit);
			this.acceptedInStretch += 1;
			this.firstAcceptedAt ??= at;
			if (permit.paced && this.intervalMs !== undefined) this.intervalMs /= PROBE_FACTOR;
			return;
		}
		this.lastRateLimitAnswer = rateLimited.answer;
		if (permit.stretch !== this.stretch) return;
		if (this.intervalMs !== undefined || this.acceptedInStretch > 0) {
			this.learnRate(at, permit, rateLimited);
		}
		this.pausedUntil = Math.max(this.pausedUntil, at + rateLimited.pauseMs);
		this.nextSlotAt = Math.max(this.nextSlotAt, this.pausedUntil);
		this.startStretch();
	}

	/**
	 * While no rate is known, the stretch saw how many requests Box accepts in its window. While
	 * pacing, every request of the stretch went at our own pace and was accepted: the 429 says how
	 * much too early the refused one came (Box had room `retry-after` later), so the pace slows
	 * by that much of a window, at most SAFETY_FACTOR: a long wait more often means this machine
	 * stalled and sent a bunch at once than that the pace was that far off. Probing (PROBE_FACTOR)
	 * then finds the limit again. (Learning from the stretch's average would only learn our own
	 * pace, each 429 a little slower.)
	 */
	private learnRate(at: number, refused: Permit, rateLimited: RateLimitAnswer<Answer>) {
		if (this.intervalMs !== undefined) {
			const earlyMs = rateLimited.retryAfterMs ?? rateLimited.pauseMs;
			this.intervalMs *= Math.min(SAFETY_FACTOR, (this.windowMs + earlyMs) / this.windowMs);
			return;
		}
		this.windowMs = windowOfLimit(at - (this.firstAcceptedAt ?? at), rateLimited);
		this.intervalMs = (this.windowMs * SAFETY_FACTOR) / this.acceptedInStretch;
		this.learnedFrom = { ...refused, accepted: this.acceptedInStretch };
	}

	/**
	 * Answers come back in any order: a request sent before the refused one may be answered after
	 * the 429. Box accepted it in the same window, so the rate learned from that window was too low.
	 */
	private countAnsweredLate(permit: Permit) {
		const learned = this.learnedFrom;
		if (!learned || permit.stretch !== learned.stretch || permit.start > learned.start) return;
		if (this.intervalMs === undefined) return;
		this.intervalMs *= learned.accepted / (learned.accepted + 1);
		learned.accepted += 1;
	}

	private startStretch() {
		this.stretch += 1;
		this.acceptedInStretch = 0;
		this.firstAcceptedAt = undefined;
	}

	private async waitForSlot(
		queued: { at: number; inFlightWaitMs: number },
		budgetMs: number,
		isRetry: boolean,
	): Promise<Turn | undefined> {
		let paced = false;
		const waitedForLimit = (at: number) =>
			at - queued.at - (this.inFlightWaitMs - queued.inFlightWaitMs);
		for (;;) {
			const at = this.clock.now();
			this.forgetWhenQuiet(at);
			const waitMs = Math.max(this.pausedUntil, this.nextSlotAt) - at;
			if (waitMs > 0) paced = true;
			const slowStartFull = this.intervalMs === undefined && this.inFlight >= this.inFlightAtStart;
			const retryFirst = !isRetry && this.retriesWaiting > 0;
			if (waitMs <= 0 && !slowStartFull && !retryFirst) break;
			if (waitMs <= 0 && retryFirst) {
				await this.clock.sleep(1);
				continue;
			}
			if (waitMs > 0) {
				if (waitMs > budgetMs - waitedForLimit(at)) return undefined;
				await this.clock.sleep(waitMs);
			} else {
				await new Promise<void>((resolve) => this.wakeOnSettle.push(resolve));
				this.inFlightWaitMs += this.clock.now() - at;
			}
		}
		const at = this.clock.now();
		// After a lull Box's window is empty again: what it accepts is counted from here.
		const lullMs = Math.max(MIN_LULL_MS, this.windowMs);
		if (this.inFlight === 0 && at - this.lastStartAt > lullMs) this.startStretch();
		this.lastStartAt = at;
		this.starts += 1;
		// A turn that woke up late does not push the schedule back (timers run late on a busy
		// machine): the next slot keeps the rate, catching up as much as the pace is slower than
		// Box's limit over one window. Catching up more would put the request one window later
		// closer than Box's window to this late one: Box counts a sliding window.
		const intervalMs = this.intervalMs ?? 0;
		const catchUpMs = Math.min(intervalMs, this.windowMs * (SAFETY_FACTOR - 1));
		this.nextSlotAt = Math.max(this.nextSlotAt, at - catchUpMs) + intervalMs;
		this.inFlight += 1;
		return {
			permit: { stretch: this.stretch, paced, start: this.starts },
			waitedMs: waitedForLimit(at),
		};
	}

	private forgetWhenQuiet(at: number) {
		const quietMs = at - Math.max(this.lastStartAt, this.pausedUntil);
		if (this.intervalMs !== undefined && quietMs > FORGET_AFTER_WINDOWS * this.windowMs) {
			this.intervalMs = undefined;
		}
	}
}

/**
 * How long Box's window is: from the first accepted answer of the stretch until Box has room
 * again. Box's `retry-after` is whole seconds rounded up, so Box may have room up to a second
 * sooner; one with a fraction of a second (the time-scaled sandbox) is not rounded to seconds.
 */
function windowOfLimit(
	sinceFirstAcceptedMs: number,
	{ pauseMs, retryAfterMs }: RateLimitAnswer<unknown>,
): number {
	if (retryAfterMs === undefined) return sinceFirstAcceptedMs + pauseMs;
	const roundingMs = retryAfterMs % 1000 === 0 ? 1000 : 0;
	return Math.max(retryAfterMs, sinceFirstAcceptedMs + retryAfterMs - roundingMs);
}

const limiters = new Map<string, BoxUserLimiter<unknown>>();

/** The limiter every request to the same Box user and bucket shares inside this process. */
export function limiterFor<Answer>(
	boxUser: string,
	bucket: 'read' | 'write',
): BoxUserLimiter<Answer> {
	const key = `${bucket} ${boxUser}`;
	let limiter = limiters.get(key) as BoxUserLimiter<Answer> | undefined;
	if (!limiter) {
		limiter = new BoxUserLimiter<Answer>(
			bucket === 'write' ? WRITES_IN_FLIGHT_AT_START : Number.POSITIVE_INFINITY,
		);
		limiters.set(key, limiter);
	}
	return limiter;
}
