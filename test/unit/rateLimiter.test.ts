import {
	BoxUserLimiter,
	WRITES_IN_FLIGHT_AT_START,
	limiterFor,
	type Permit,
	type Turn,
} from '../../nodes/BoxSign/shared/rateLimiter';

// A clock moved by hand: sleeping moves it, nothing waits for real.
function fakeClock() {
	const clock = {
		at: 0,
		now: () => clock.at,
		sleep: async (ms: number) => {
			clock.at += ms;
		},
	};
	return clock;
}

/** Timers that fire when told, earliest first and in the order they were set, as Node's do. */
function timerClock() {
	const clock = fakeClock();
	const timers: { at: number; fire: () => void }[] = [];
	const settleDown = async () => {
		for (let i = 0; i < 20; i++) await Promise.resolve();
	};
	return {
		now: clock.now,
		sleep: async (ms: number) =>
			await new Promise<void>((fire) => timers.push({ at: clock.at + ms, fire })),
		settleDown,
		runTimers: async () => {
			for (await settleDown(); timers.length > 0; await settleDown()) {
				const next = timers.reduce((a, b) => (b.at < a.at ? b : a));
				timers.splice(timers.indexOf(next), 1);
				clock.at = Math.max(clock.at, next.at);
				next.fire();
			}
		},
	};
}

const HOUR = 3_600_000;
const rateLimited = (retryAfterSeconds?: number, pauseMs = (retryAfterSeconds ?? 1) * 1000) => ({
	answer: `429 after ${retryAfterSeconds}s`,
	pauseMs,
	retryAfterMs: retryAfterSeconds === undefined ? undefined : retryAfterSeconds * 1000,
});

/**
 * Box's rate learned (10 in 1 s), 10 sent at 1 010 ms and the last refused with retry-after
 * 0.2 s: paused until 1 210 ms, 9 in the window until 2 020 ms. Returns the refused permit.
 */
async function refuseOneWhilePacing(
	limiter: BoxUserLimiter<string>,
	runTimers: () => Promise<void> = async () => {},
) {
	await teach(limiter, 10);
	const sent = takeTurns(limiter, 10);
	await runTimers();
	const paced = await sent;
	paced.slice(0, 9).forEach((t) => limiter.settle(t.permit));
	limiter.settle(paced[9].permit, rateLimited(0.2));
	return paced[9].permit;
}

async function takeTurns(limiter: BoxUserLimiter<string>, count: number) {
	const turns: Turn[] = [];
	for (let i = 0; i < count; i++) turns.push((await limiter.takeTurn(HOUR))!);
	return turns;
}

/** Teaches the limiter Box's rate: `accepted` requests left at 0 ms and Box took them, then a 429. */
async function teach(limiter: BoxUserLimiter<string>, accepted: number) {
	for (let i = 0; i < accepted; i++) limiter.settle((await limiter.takeTurn(HOUR))!.permit);
	limiter.settle((await limiter.takeTurn(HOUR))!.permit, rateLimited(1));
}

/**
 * A turn for a limiter that is Box's only user: Box has no room for a request that asks
 * (Permit.asked), so it is refused and goes again. When it left (`queuedAt` + its waits).
 */
async function turnAsBoxsOnlyUser(limiter: BoxUserLimiter<string>, queuedAt: number) {
	let turn = (await limiter.takeTurn(HOUR))!;
	let leftAt = queuedAt + turn.waitedMs;
	while (turn.permit.asked) {
		limiter.settle(turn.permit, { answer: '429', pauseMs: 0, retryAfterMs: 0 });
		turn = (await limiter.takeTurn(HOUR, turn.permit))!;
		leftAt += turn.waitedMs;
	}
	return { turn, leftAt };
}

/**
 * `count` requests queued at once, each accepted as soon as it leaves (or, `answeredAtOnce`
 * false, once all have left), except one that asks Box (Permit.asked), which is refused and
 * goes again: when each accepted one left.
 */
async function queueUp(
	limiter: BoxUserLimiter<string>,
	clock: { at: number },
	count: number,
	answeredAtOnce = true,
) {
	const queuedAt = clock.at;
	const turns = await Promise.all(
		Array.from({ length: count }, async () => {
			const { turn, leftAt } = await turnAsBoxsOnlyUser(limiter, queuedAt);
			if (answeredAtOnce) limiter.settle(turn.permit);
			return { turn, leftAt };
		}),
	);
	if (!answeredAtOnce) turns.forEach(({ turn }) => limiter.settle(turn.permit));
	return turns.map(({ leftAt }) => leftAt);
}

/** How many left at each time, in order. */
function groupSizes(starts: number[]) {
	return [...new Set(starts)].map((at) => starts.filter((start) => start === at).length);
}

const at = (ms: number, count: number) => Array<number>(count).fill(ms);

describe('rate limiter', () => {
	test('lets requests go at once while Box has not said 429', async () => {
		const clock = fakeClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);

		const turns = await takeTurns(limiter, WRITES_IN_FLIGHT_AT_START);

		expect(turns.map((t) => t.waitedMs)).toEqual(Array(WRITES_IN_FLIGHT_AT_START).fill(0));
	});

	test(`keeps at most ${WRITES_IN_FLIGHT_AT_START} writes in flight until it knows Box's rate`, async () => {
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, fakeClock());
		const turns = await takeTurns(limiter, WRITES_IN_FLIGHT_AT_START);

		let eleventhWent = false;
		const eleventh = limiter.takeTurn(HOUR).then(() => (eleventhWent = true));
		await Promise.resolve();
		expect(eleventhWent).toBe(false);

		limiter.settle(turns[0].permit);
		await eleventh;
		expect(eleventhWent).toBe(true);
	});

	test('time spent waiting for the writes in flight at start does not count as waiting for Box', async () => {
		const clock = fakeClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);
		const turns = await takeTurns(limiter, WRITES_IN_FLIGHT_AT_START);

		const eleventh = limiter.takeTurn(1000);
		await Promise.resolve();
		clock.at += 60_000;
		limiter.settle(turns[0].permit);

		await expect(eleventh).resolves.toMatchObject({ waitedMs: 0 });
	});

	test('after a 429 pauses everyone as long as Box asks, then lets as many go in each window as Box accepted', async () => {
		const clock = fakeClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);
		const turns = await takeTurns(limiter, 10);
		// Box accepted the first 8 answers (at 0 ms), then said 429 with retry-after: 2.
		turns.slice(0, 8).forEach((t) => limiter.settle(t.permit));
		limiter.settle(turns[8].permit, rateLimited(2));
		limiter.settle(turns[9].permit, rateLimited(2));

		const starts = await queueUp(limiter, clock, 20);

		// 8 in Box's 2 s window: 8 in 2 020 ms (1 % longer), counted from the 10 sent at 0 ms; then
		// one more for each window of accepted answers.
		expect(starts).toEqual([...at(2020, 8), ...at(4040, 9), ...at(6060, 3)]);
	});

	test('while the pace holds requests back, each window of accepted answers lets one more in', async () => {
		const clock = fakeClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);
		await teach(limiter, 10);

		const starts = await queueUp(limiter, clock, 75);

		// Learned: 10 in 1 010 ms.
		expect(groupSizes(starts)).toEqual([10, 11, 12, 13, 14, 15]);
		expect(starts[0]).toBe(1010);
		expect(starts[74]).toBe(1010 * 6);
	});

	test('requests that come slower than the pace do not raise the rate', async () => {
		const clock = fakeClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);
		await teach(limiter, 10);
		for (let i = 0; i < 200; i++) {
			clock.at += 1500; // Box takes 10 in 1 010 ms; nobody asks that often.
			limiter.settle((await limiter.takeTurn(HOUR))!.permit);
		}
		clock.at += 1500;

		const starts = await queueUp(limiter, clock, 12);

		// Raised once only, by the first of them, which waited for the pause: still 10 at once.
		expect(starts.filter((start) => start === starts[0])).toHaveLength(10);
	});

	test('a 429 while pacing takes one out of the window, however many Box refused with it, and refused ones take no room', async () => {
		const clock = fakeClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);
		await teach(limiter, 100);
		const refused = await Promise.all([0, 1, 2].map(async () => await limiter.takeTurn(HOUR)));
		for (const turn of refused) limiter.settle(turn!.permit, rateLimited(1));

		const starts = await queueUp(limiter, clock, 100, false);

		// 99 in a window now, and Box counted none of the 3 it refused: 99 at the end of the pause.
		expect(starts[0]).toBe(1010 + 1000);
		expect(starts.filter((start) => start === starts[0])).toHaveLength(99);
	});

	test('a request that waits a twentieth of a window asks Box, and while Box takes them the next ask at once', async () => {
		const clock = fakeClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);
		await teach(limiter, 10);

		// Another process on this Box user left room: Box takes every request.
		const turns = await Promise.all(
			Array.from({ length: 15 }, async () => {
				const turn = (await limiter.takeTurn(HOUR))!;
				limiter.settle(turn.permit);
				return turn;
			}),
		);

		// 10 in the window at 1 010 ms; the other 5 asked after waiting 50 ms (a twentieth of Box's
		// window), not a whole window.
		expect(turns.map((t) => t.waitedMs)).toEqual([...at(1010, 10), ...at(1060, 5)]);
		expect(turns.map((t) => t.permit.asked)).toEqual([...at(0, 10), ...at(1, 5)].map(Boolean));
	});

	test('after Box refuses one that asks, none asks again for a quarter of a window', async () => {
		const clock = fakeClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);
		await teach(limiter, 10);
		const askedAt: number[] = [];
		const settle = limiter.settle.bind(limiter);
		limiter.settle = (permit, rateLimitedAnswer) => {
			if (permit.asked) askedAt.push(permit.leftAt);
			settle(permit, rateLimitedAnswer);
		};

		const starts = await queueUp(limiter, clock, 25);

		// One asked at 1 060 ms (a twentieth of a window after the window was full) and was refused;
		// the next asked a quarter of a window later, and so on: 4 refusals a window. Meanwhile the
		// others went as the window freed, 11 at 2 020 (one more for a window of answers), then 4.
		expect(askedAt).toEqual([1060, 1310, 1560, 1810, 2070, 2320, 2570, 2820]);
		expect(starts).toEqual([...at(1010, 10), ...at(2020, 11), ...at(3030, 4)]);
	});

	test('a request held back by a pause asks Box a twentieth of a window after it, not at its slot', async () => {
		const clock = fakeClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);
		await refuseOneWhilePacing(limiter);

		const turn = await limiter.takeTurn(HOUR);

		// Paused until 1 210 ms, the window full until 2 020 ms: it asks at 1 260.
		expect(turn).toMatchObject({ waitedMs: 250, permit: { asked: true } });
	});

	test('a request Box refused asks Box too', async () => {
		const clock = fakeClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);
		const refused = await refuseOneWhilePacing(limiter);

		const retry = await limiter.takeTurn(HOUR, refused);

		expect(retry).toMatchObject({ waitedMs: 250, permit: { asked: true } });
	});

	test('while a request Box refused waits, it asks Box before the queue does', async () => {
		const clock = timerClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);
		const refused = await refuseOneWhilePacing(limiter, clock.runTimers);

		const asked: string[] = [];
		const go = (who: string, refusedPermit?: Permit) =>
			limiter.takeTurn(HOUR, refusedPermit).then((turn) => {
				if (turn!.permit.asked) asked.push(who);
				limiter.settle(turn!.permit);
			});
		const both = Promise.all([go('queued'), go('refused', refused)]);
		await clock.runTimers();
		await both;

		// Box took the refused one, so the queued one asked right after it.
		expect(asked).toEqual(['refused', 'queued']);
	});

	test('an accepted answer that comes back after the first 429, to a request sent before it, still counts', async () => {
		const clock = fakeClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);
		const turns = await takeTurns(limiter, 4);
		limiter.settle(turns[0].permit);
		limiter.settle(turns[2].permit, rateLimited(1));
		limiter.settle(turns[1].permit); // sent before the refused one: in Box's window with it
		limiter.settle(turns[3].permit); // sent after it: says nothing about that window

		// 2 accepted in Box's 1 s window, not 1.
		expect(await queueUp(limiter, clock, 4)).toEqual([1010, 1010, 2020, 2020]);
	});

	test('learns the window from when the first request Box accepted left until Box has room again', async () => {
		const clock = fakeClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);
		const turns = await takeTurns(limiter, 3);
		clock.at = 200;
		limiter.settle(turns[0].permit);
		clock.at = 300;
		limiter.settle(turns[1].permit);
		limiter.settle(turns[2].permit, { answer: '429', pauseMs: 700, retryAfterMs: 700 });

		// 2 accepted from 0 ms, when they left, until Box had room at 1 000 ms: a window of 1 s,
		// not the 0.8 s from the first answer, nor 0.7 s.
		expect(await queueUp(limiter, clock, 3)).toEqual([1010, 1010, 2020]);
	});

	test('after a lull, learns only from what Box accepted since', async () => {
		const clock = fakeClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);
		limiter.settle((await limiter.takeTurn(HOUR))!.permit);
		clock.at = 5000;
		const burst = await takeTurns(limiter, 3);
		burst.slice(0, 2).forEach((t) => limiter.settle(t.permit));
		limiter.settle(burst[2].permit, rateLimited(1));

		// 2 accepted in Box's 1 s window, not 3 in 6 s.
		expect(await queueUp(limiter, clock, 4)).toEqual([6010, 6010, 7020, 7020]);
	});

	test('a 429 to a request sent before the last pause neither pauses again nor relearns', async () => {
		const clock = fakeClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);
		const turns = await takeTurns(limiter, 5);
		limiter.settle(turns[0].permit);
		limiter.settle(turns[1].permit);
		limiter.settle(turns[2].permit, rateLimited(1));
		clock.at = 1000;
		limiter.settle(turns[3].permit, rateLimited(30));
		expect(limiter.lastRateLimitAnswer).toBe('429 after 30s');

		// The rate is the one learned from the first 429 (2 in a window of 1 010 ms), not 30 s,
		// and the late 429 takes none out: that request left before Box's rate was known.
		expect(await queueUp(limiter, clock, 4)).toEqual([1010, 1010, 2020, 2020]);
	});

	test('a turn that wakes up late does not slow the pace: the next one catches up', async () => {
		const clock = fakeClock();
		const lateClock = {
			...clock,
			now: clock.now,
			sleep: async (ms: number) => clock.sleep(ms + 25),
		};
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, lateClock);
		const turns = await takeTurns(limiter, 10);
		turns.slice(0, 9).forEach((t) => limiter.settle(t.permit));
		limiter.settle(turns[9].permit, rateLimited(1));

		const startTimes: number[] = [];
		for (let i = 0; i < 20; i++) {
			const turn = await limiter.takeTurn(HOUR);
			startTimes.push(clock.at);
			limiter.settle(turn!.permit);
		}

		// 9 accepted a second, 1 % slower: one every 112.2 ms, though every sleep ends 25 ms late.
		const perRequestMs = (startTimes[19] - startTimes[0]) / 19;
		expect(perRequestMs).toBeLessThan(120);
	});

	test("catching up never puts two requests a window apart closer than Box's window", async () => {
		const clock = fakeClock();
		let sleeps = 0;
		const sometimesLate = {
			now: clock.now,
			sleep: async (ms: number) => clock.sleep(ms + (++sleeps % 7 === 0 ? 80 : 0)),
		};
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, sometimesLate);
		const turns = await takeTurns(limiter, 10);
		turns.slice(0, 9).forEach((t) => limiter.settle(t.permit));
		limiter.settle(turns[9].permit, rateLimited(1));

		const startTimes: number[] = [];
		for (let i = 0; i < 40; i++) {
			const { turn } = await turnAsBoxsOnlyUser(limiter, clock.at);
			startTimes.push(clock.at);
			limiter.settle(turn.permit);
		}

		// Box accepts 9 in any 1 s: the 10th request after any one leaves at least 1 s after it.
		const closest = Math.min(...startTimes.slice(9).map((at, i) => at - startTimes[i]));
		expect(closest).toBeGreaterThanOrEqual(1000);
	});

	test('without retry-after, learns the window from the pause it was given', async () => {
		const clock = fakeClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);
		const turns = await takeTurns(limiter, 3);
		limiter.settle(turns[0].permit);
		limiter.settle(turns[1].permit);
		limiter.settle(turns[2].permit, rateLimited(undefined, 4000));

		// 2 accepted in a window of 4 s.
		expect(await queueUp(limiter, clock, 3)).toEqual([4040, 4040, 8080]);
	});

	test('forgets the rate after a quiet spell of two windows', async () => {
		const clock = fakeClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);
		const turns = await takeTurns(limiter, 2);
		limiter.settle(turns[0].permit);
		limiter.settle(turns[1].permit, rateLimited(1));
		const paced = await limiter.takeTurn(HOUR);
		limiter.settle(paced!.permit);

		clock.at += 2001;
		const later = await takeTurns(limiter, 3);

		expect(later.map((t) => t.waitedMs)).toEqual([0, 0, 0]);
	});

	test('refuses a turn that would pass the budget, and lets the next request go', async () => {
		const clock = fakeClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);
		const [turn] = await takeTurns(limiter, 1);
		limiter.settle(turn.permit, rateLimited(60));

		await expect(limiter.takeTurn(59_000)).resolves.toBeUndefined();
		await expect(limiter.takeTurn(HOUR)).resolves.toMatchObject({ waitedMs: 60_000 });
	});

	test('serves requests first come first served', async () => {
		const clock = fakeClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);
		const [turn] = await takeTurns(limiter, 1);
		limiter.settle(turn.permit, rateLimited(1));

		const order: number[] = [];
		await Promise.all(
			[0, 1, 2, 3].map(async (i) => {
				const t = await limiter.takeTurn(HOUR);
				order.push(i);
				limiter.settle(t!.permit);
			}),
		);

		expect(order).toEqual([0, 1, 2, 3]);
	});

	test('a request Box refused goes again before the queue', async () => {
		const clock = timerClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);
		const first = await takeTurns(limiter, 3);
		first.slice(0, 2).forEach((t) => limiter.settle(t.permit));
		limiter.settle(first[2].permit, rateLimited(1));

		const order: string[] = [];
		const queued = [0, 1].map(async (i) => {
			const turn = await limiter.takeTurn(HOUR);
			order.push(`queued ${i}`);
			limiter.settle(turn!.permit);
		});
		await clock.settleDown(); // the first in the queue sleeps until the pause is over
		const retry = limiter.takeTurn(HOUR, first[2].permit).then((turn) => {
			order.push('refused');
			limiter.settle(turn!.permit);
		});
		await clock.runTimers();
		await Promise.all([...queued, retry]);

		expect(order).toEqual(['refused', 'queued 0', 'queued 1']);
	});

	test('lets reads go without a cap on those in flight, so a read sent from inside another never waits for it', async () => {
		const reads = limiterFor<string>('oauth 9 https://api.box.com', 'read');
		const outer = [];
		for (let i = 0; i < 3 * WRITES_IN_FLIGHT_AT_START; i++) outer.push(await reads.takeTurn(HOUR));

		const inner = await reads.takeTurn(HOUR);

		expect(inner?.waitedMs).toBe(0);
	});

	test('one limiter per Box user and bucket, shared by everyone who asks for it', () => {
		expect(limiterFor('oauth 1 https://api.box.com', 'write')).toBe(
			limiterFor('oauth 1 https://api.box.com', 'write'),
		);
		expect(limiterFor('oauth 1 https://api.box.com', 'write')).not.toBe(
			limiterFor('oauth 1 https://api.box.com', 'read'),
		);
		expect(limiterFor('oauth 1 https://api.box.com', 'write')).not.toBe(
			limiterFor('oauth 2 https://api.box.com', 'write'),
		);
	});
});
