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
// - the first 429 teaches Box's window and how many requests it takes in one: the requests Box
//   accepted since the stretch began, and the time from when the first of those left to the
//   429 plus the wait Box asked for (one full window, a little more: the first reached Box
//   after it left, the 429 left Box before it came back). From then on a request leaves when
//   fewer than that many left in the last window (a little longer than Box's, for jitter),
//   first come first served: Box counts a sliding window, so requests leave as fast as the
//   earlier ones leave Box's window, as many at once as Box took at first, never a herd over
//   the limit;
// - from then on the pacer probes and backs off (as TCP does): while the pace is what holds
//   requests back, each window of accepted answers lets one more into the window; each 429
//   takes one out (one for all the requests Box refused at that pace), and the requests Box
//   refused take no room in it (Box did not count them). So the pace stays at Box's limit
//   instead of settling lower after every 429, and processes sharing one Box user (n8n's queue
//   mode) even out their shares;
// - after a quiet spell of two such windows Box has forgotten the traffic, and so does the limiter.
// A 429 means Box processed nothing, so the request goes again, before the queue (takeTurn).
// Module state on purpose: n8n loads a node once per process, and that is the scope to share.
import { sleep } from 'n8n-workflow';

/** The window requests are counted in is this much longer than Box's, for the network's jitter. */
const SAFETY_FACTOR = 1.01;
/** Before Box's rate is known: how many start times to keep (Box's largest limit is 1 000). */
const STARTS_KEPT_UNTIL_RATE_KNOWN = 2000;
const FORGET_AFTER_WINDOWS = 2;
/** Nothing sent for this long (or for one window of Box's limit, once known) is a lull. */
const MIN_LULL_MS = 1000;
export const WRITES_IN_FLIGHT_AT_START = 10;
/** A request held back this share of a window by ours asks Box whether it has room anyway. */
const ASK_AFTER_WINDOWS = 1 / 20;
/** After Box refuses one that asks, none asks for this share of a window: at most 4 such 429s a window. */
const ASK_AGAIN_AFTER_WINDOWS = 1 / 4;

/** A request's place in the limiter: the stretch (between two pauses) it was sent in. */
export interface Permit {
	stretch: number;
	/** The pace held it back: an accepted answer says Box would take a faster one. */
	paced: boolean;
	/** How many requests had left when it did (itself included). */
	start: number;
	/** It left while Box's rate was known: a 429 says one too many went in the window. */
	counted: boolean;
	/** It left before the window had room, to ask Box whether it has (see waitForSlot). */
	asked: boolean;
	leftAt: number;
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

	/** When the earliest request Box accepted in this stretch left. */
	private firstAcceptedLeftAt: number | undefined;

	private pausedUntil = 0;

	private lastStartAt = Number.NEGATIVE_INFINITY;

	/** How many requests have left. */
	private starts = 0;

	/** When the latest requests left, oldest first: those of the last window once Box's rate is known. */
	private startTimes: number[] = [];

	private inFlight = 0;

	/** A request asking Box whether it has room is on its way. */
	private asking = false;

	/** Box took the last one that asked: the next may ask at once. */
	private boxHadRoom = false;

	/** Box refused the last one that asked: none asks again until then. */
	private askAgainAt = Number.NEGATIVE_INFINITY;

	/** When the pace last stopped holding the queue back: everyone queued before it was held. */
	private heldUntil = Number.NEGATIVE_INFINITY;

	/** How many requests may leave in a window (SAFETY_FACTOR longer than Box's), once known. */
	private perWindow: number | undefined;

	private windowMs = 0;

	/** The refused request the rate was first learned from, and how many Box had accepted. */
	private learnedFrom: (Permit & { accepted: number }) | undefined;

	private queue: Promise<unknown> = Promise.resolve();

	/** Requests that wait for one in flight to be answered, or for a refused one to go first. */
	private wakeOnChange: Array<() => void> = [];

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
				this.wakeWaiting();
			}
		}
		const turn = this.queue.then(async () => await this.waitForSlot(queued, budgetMs, false));
		this.queue = turn;
		return await turn;
	}

	/**
	 * Box answered the request sent with `permit`: anything but a 429 counts as accepted (Box
	 * counted it). Box did not count a 429: it leaves the window, and it pauses the bucket unless
	 * a newer pause already covers the request, learns Box's rate from the first one (learnRate),
	 * or takes one request out of the window when Box refused one while pacing.
	 */
	settle(permit: Permit, rateLimited?: RateLimitAnswer<Answer>) {
		this.inFlight -= 1;
		if (permit.asked) {
			this.asking = false;
			this.boxHadRoom = !rateLimited;
		}
		this.wakeWaiting();
		const at = this.clock.now();
		if (!rateLimited) {
			this.accepted += 1;
			if (permit.stretch !== this.stretch) return this.countAnsweredLate(permit);
			this.acceptedInStretch += 1;
			this.firstAcceptedLeftAt = Math.min(this.firstAcceptedLeftAt ?? permit.leftAt, permit.leftAt);
			if (permit.paced) this.probe();
			return;
		}
		this.lastRateLimitAnswer = rateLimited.answer;
		const index = this.startTimes.indexOf(permit.leftAt);
		if (index >= 0) this.startTimes.splice(index, 1);
		if (permit.asked) this.askAgainAt = at + this.windowMs * ASK_AGAIN_AFTER_WINDOWS;
		// The requests sent with it were sent at the same pace: one 429 says the pace was one too many.
		if (permit.stretch !== this.stretch) return;
		if (permit.counted && this.perWindow !== undefined) {
			this.perWindow = Math.max(1, this.perWindow - 1);
		}
		if (this.perWindow === undefined && this.acceptedInStretch > 0) {
			this.learnRate(at, permit, rateLimited);
		}
		this.pausedUntil = Math.max(this.pausedUntil, at + rateLimited.pauseMs);
		this.startStretch();
	}

	/**
	 * The stretch saw how many requests Box accepts in its window: those it accepted from the
	 * first one it accepted until the 429, and the window from then until Box has room again.
	 */
	private learnRate(at: number, refused: Permit, rateLimited: RateLimitAnswer<Answer>) {
		this.windowMs = windowOfLimit(at - (this.firstAcceptedLeftAt ?? at), rateLimited);
		this.perWindow = this.acceptedInStretch;
		this.learnedFrom = { ...refused, accepted: this.acceptedInStretch };
	}

	/**
	 * Answers come back in any order: a request sent before the refused one may be answered after
	 * the 429. Box accepted it in the same window, so the rate learned from that window was too low.
	 */
	private countAnsweredLate(permit: Permit) {
		const learned = this.learnedFrom;
		if (!learned || permit.stretch !== learned.stretch || permit.start > learned.start) return;
		if (this.perWindow === undefined) return;
		this.perWindow += 1;
		learned.accepted += 1;
	}

	private wakeWaiting() {
		const waiting = this.wakeOnChange;
		this.wakeOnChange = [];
		for (const wake of waiting) wake();
	}

	private async somethingChanges() {
		await new Promise<void>((resolve) => this.wakeOnChange.push(resolve));
	}

	private startStretch() {
		this.stretch += 1;
		this.acceptedInStretch = 0;
		this.firstAcceptedLeftAt = undefined;
	}

	private async waitForSlot(
		queued: { at: number; inFlightWaitMs: number },
		budgetMs: number,
		isRetry: boolean,
	): Promise<Turn | undefined> {
		let paced = false;
		let asks = false;
		let windowFullSince: number | undefined;
		const waitedForLimit = (at: number) =>
			at - queued.at - (this.inFlightWaitMs - queued.inFlightWaitMs);
		for (;;) {
			const at = this.clock.now();
			this.forgetWhenQuiet(at);
			const waitMs = Math.max(this.pausedUntil, this.nextSlotAt()) - at;
			if (waitMs > 0) paced = true;
			// Another process on this Box user may leave part of Box's window unused, and only Box
			// knows: a request that waited a twentieth of a window for ours asks Box, one at a
			// time, refused ones first, and while Box takes them the next asks at once; after a
			// refusal none asks for a quarter of a window.
			const windowFull = waitMs > 0 && this.pausedUntil <= at && this.perWindow !== undefined;
			windowFullSince = windowFull ? (windowFullSince ?? at) : undefined;
			const askAt = Math.max(
				this.askAgainAt,
				this.boxHadRoom ? at : (windowFullSince ?? at) + this.windowMs * ASK_AFTER_WINDOWS,
			);
			const retryFirst = !isRetry && this.retriesWaiting > 0;
			const mayAsk = windowFull && !this.asking && !retryFirst;
			if (mayAsk && at >= askAt) {
				asks = true;
				break;
			}
			const slowStartFull = this.perWindow === undefined && this.inFlight >= this.inFlightAtStart;
			if (waitMs <= 0 && !slowStartFull && !retryFirst) break;
			if (waitMs <= 0) {
				await this.somethingChanges();
				if (slowStartFull) this.inFlightWaitMs += this.clock.now() - at;
				continue;
			}
			if (waitMs > budgetMs - waitedForLimit(at)) return undefined;
			// Decides again when the pause ends, when it may ask or its slot comes, or when the one
			// asking (or a refused one going first) is done.
			if (this.pausedUntil > at) await this.clock.sleep(this.pausedUntil - at);
			else if (mayAsk) await this.clock.sleep(Math.min(waitMs, askAt - at));
			else await this.somethingChanges();
			this.heldUntil = this.clock.now();
		}
		const at = this.clock.now();
		// After a lull Box's window is empty again: what it accepts is counted from here.
		const lullMs = Math.max(MIN_LULL_MS, this.windowMs);
		if (this.inFlight === 0 && at - this.lastStartAt > lullMs) this.startStretch();
		this.lastStartAt = at;
		this.starts += 1;
		this.rememberStart(at);
		this.inFlight += 1;
		this.asking ||= asks;
		const permit = {
			stretch: this.stretch,
			paced: paced || queued.at < this.heldUntil,
			start: this.starts,
			counted: this.perWindow !== undefined && !asks,
			asked: asks,
			leftAt: at,
		};
		return {
			permit,
			waitedMs: waitedForLimit(at),
		};
	}

	/**
	 * An accepted answer to a request the pace held back: Box might take more. A window's worth of
	 * them lets one more request into the window (additive increase, as TCP's), so processes that
	 * share one Box user even out their shares.
	 */
	private probe() {
		if (this.perWindow !== undefined) this.perWindow += 1 / this.perWindow;
	}

	/**
	 * When the next request may leave: once as many as Box takes in a window (SAFETY_FACTOR
	 * longer than Box's) have left in the last one, when the oldest of them is that window old.
	 */
	private nextSlotAt(): number {
		if (this.perWindow === undefined) return Number.NEGATIVE_INFINITY;
		// The epsilon keeps floating-point noise from taking one request off the window.
		const perWindow = Math.floor(this.perWindow + 1e-9);
		const oldest = this.startTimes[this.startTimes.length - perWindow];
		return oldest === undefined ? Number.NEGATIVE_INFINITY : oldest + this.windowMs * SAFETY_FACTOR;
	}

	private rememberStart(at: number) {
		this.startTimes.push(at);
		if (this.perWindow === undefined) {
			if (this.startTimes.length > STARTS_KEPT_UNTIL_RATE_KNOWN) this.startTimes.shift();
			return;
		}
		const windowStart = at - this.windowMs * SAFETY_FACTOR;
		while (this.startTimes[0] <= windowStart) this.startTimes.shift();
	}

	private forgetWhenQuiet(at: number) {
		const quietMs = at - Math.max(this.lastStartAt, this.pausedUntil);
		if (this.perWindow !== undefined && quietMs > FORGET_AFTER_WINDOWS * this.windowMs) {
			this.perWindow = undefined;
		}
	}
}

/**
 * How long Box's window is: from when the first request Box accepted in the stretch left until
 * Box has room again. It errs long, the safe side, where requests go a little slower instead of
 * meeting the limit again: by the trips of that request and of the 429, and because Box rounds
 * `retry-after` up to whole seconds.
 */
function windowOfLimit(
	sinceFirstAcceptedMs: number,
	{ pauseMs, retryAfterMs }: RateLimitAnswer<unknown>,
): number {
	return sinceFirstAcceptedMs + (retryAfterMs ?? pauseMs);
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
