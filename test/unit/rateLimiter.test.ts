import {
	BoxUserLimiter,
	WRITES_IN_FLIGHT_AT_START,
	limiterFor,
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

const HOUR = 3_600_000;
const rateLimited = (retryAfterSeconds?: number, pauseMs = (retryAfterSeconds ?? 1) * 1000) => ({
	answer: `429 after ${retryAfterSeconds}s`,
	pauseMs,
	retryAfterMs: retryAfterSeconds === undefined ? undefined : retryAfterSeconds * 1000,
});

async function takeTurns(limiter: BoxUserLimiter<string>, count: number) {
	const turns: Turn[] = [];
	for (let i = 0; i < count; i++) turns.push((await limiter.takeTurn(HOUR))!);
	return turns;
}

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

	test('after a 429 pauses everyone as long as Box asks, then paces at the rate Box accepted', async () => {
		const clock = fakeClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);
		const turns = await takeTurns(limiter, 10);
		// Box accepted the first 8 answers (at 0 ms), then said 429 with retry-after: 2.
		turns.slice(0, 8).forEach((t) => limiter.settle(t.permit));
		limiter.settle(turns[8].permit, rateLimited(2));
		limiter.settle(turns[9].permit, rateLimited(2));

		const startTimes: number[] = [];
		for (let i = 0; i < 2; i++) {
			const turn = await limiter.takeTurn(HOUR);
			startTimes.push(clock.at);
			limiter.settle(turn!.permit);
		}

		// 8 accepted in a 2 s window: one every 250 ms, 3 % slower.
		expect(startTimes).toEqual([2000, 2257.5]);
	});

	test('while the pace holds requests back, each accepted answer speeds it up a little', async () => {
		const clock = fakeClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);
		const first = await takeTurns(limiter, 2);
		limiter.settle(first[0].permit);
		limiter.settle(first[1].permit, rateLimited(1));

		const starts: number[] = [];
		for (let i = 0; i < 201; i++) {
			limiter.settle((await limiter.takeTurn(HOUR))!.permit);
			starts.push(clock.at);
		}

		// Learned: one every 1 030 ms. After 200 accepted answers, 10 % faster (1.0005 ^ 200).
		expect(starts[1] - starts[0]).toBeCloseTo(1030, 0);
		expect(starts[200] - starts[199]).toBeCloseTo(1030 / 1.0005 ** 200, 0);
	});

	test('requests that come slower than the pace do not speed it up', async () => {
		const clock = fakeClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);
		const first = await takeTurns(limiter, 2);
		limiter.settle(first[0].permit);
		limiter.settle(first[1].permit, rateLimited(1));
		limiter.settle((await limiter.takeTurn(HOUR))!.permit);
		for (let i = 0; i < 100; i++) {
			clock.at += 1500; // Box could take one every 1 030 ms; nobody asks that often.
			limiter.settle((await limiter.takeTurn(HOUR))!.permit);
		}

		const next = await limiter.takeTurn(HOUR);
		const after = await limiter.takeTurn(HOUR);

		// Sped up once only: by the first request, which waited for the pause.
		expect(next?.waitedMs).toBeGreaterThan(0);
		expect(after?.waitedMs).toBeCloseTo(1030 / 1.0005);
	});

	test('a 429 while pacing slows the pace it was refused at by 3 %', async () => {
		const clock = fakeClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);
		const first = await takeTurns(limiter, 3);
		first.slice(0, 2).forEach((t) => limiter.settle(t.permit));
		limiter.settle(first[2].permit, rateLimited(1));
		// Paced at one every 515 ms, probing faster; each answered before the next leaves.
		for (let i = 0; i < 4; i++) limiter.settle((await limiter.takeTurn(HOUR))!.permit);
		const fifth = await limiter.takeTurn(HOUR);
		const refusedAt = clock.at;
		limiter.settle(fifth!.permit, rateLimited(1));

		const starts: number[] = [];
		for (let i = 0; i < 2; i++) {
			limiter.settle((await limiter.takeTurn(HOUR))!.permit);
			starts.push(clock.at);
		}

		// After 4 accepted answers the pace was 515 / 1.0005 ^ 4 ms; Box refused it, so 3 % slower.
		expect(starts[0]).toBe(refusedAt + 1000);
		expect(starts[1] - starts[0]).toBeCloseTo((515 / 1.0005 ** 4) * 1.03);
	});

	test('a 429 while pacing slows the pace by as much of a window as Box says the request came early', async () => {
		const clock = fakeClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);
		const first = await takeTurns(limiter, 3);
		first.slice(0, 2).forEach((t) => limiter.settle(t.permit));
		limiter.settle(first[2].permit, rateLimited(1));
		const paced = await limiter.takeTurn(HOUR);
		limiter.settle(paced!.permit, { answer: '429', pauseMs: 10, retryAfterMs: 10 });

		const next = await limiter.takeTurn(HOUR);
		const after = await limiter.takeTurn(HOUR);

		// Box had room 10 ms later, a hundredth of its 1 s window: the pace is 1 % slower.
		expect(next?.waitedMs).toBeCloseTo(515);
		expect(after?.waitedMs).toBeCloseTo(515 * 1.01);
	});

	test('an accepted answer that comes back after the first 429, to a request sent before it, still counts', async () => {
		const clock = fakeClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);
		const turns = await takeTurns(limiter, 4);
		limiter.settle(turns[0].permit);
		limiter.settle(turns[2].permit, rateLimited(1));
		limiter.settle(turns[1].permit); // sent before the refused one: in Box's window with it
		limiter.settle(turns[3].permit); // sent after it: says nothing about that window

		const next = await limiter.takeTurn(HOUR);
		const after = await limiter.takeTurn(HOUR);

		// 2 accepted in Box's 1 s window, not 1: one every 515 ms.
		expect(next?.waitedMs).toBe(1000);
		expect(after?.waitedMs).toBeCloseTo(515);
	});

	test("a retry-after with a fraction of a second is exact, not rounded to Box's whole seconds", async () => {
		const clock = fakeClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);
		const turns = await takeTurns(limiter, 3);
		limiter.settle(turns[0].permit);
		clock.at = 300;
		limiter.settle(turns[1].permit);
		limiter.settle(turns[2].permit, { answer: '429', pauseMs: 700, retryAfterMs: 700 });

		const next = await limiter.takeTurn(HOUR);
		const after = await limiter.takeTurn(HOUR);

		// 2 accepted from 0 ms until Box had room at 1 000 ms: one every 500 ms, 3 % slower.
		expect(next?.waitedMs).toBe(700);
		expect(after?.waitedMs).toBeCloseTo(515);
	});

	test('after a lull, learns only from what Box accepted since', async () => {
		const clock = fakeClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);
		limiter.settle((await limiter.takeTurn(HOUR))!.permit);
		clock.at = 5000;
		const burst = await takeTurns(limiter, 3);
		burst.slice(0, 2).forEach((t) => limiter.settle(t.permit));
		limiter.settle(burst[2].permit, rateLimited(1));

		const starts: number[] = [];
		for (let i = 0; i < 2; i++) {
			limiter.settle((await limiter.takeTurn(HOUR))!.permit);
			starts.push(clock.at);
		}

		// 2 accepted in Box's 1 s window, not 3 in 6 s.
		expect(starts).toEqual([6000, 6515]);
	});

	test('a 429 to a request sent before the last pause neither pauses again nor relearns', async () => {
		const clock = fakeClock();
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, clock);
		const turns = await takeTurns(limiter, 4);
		limiter.settle(turns[0].permit);
		limiter.settle(turns[1].permit, rateLimited(1));
		clock.at = 1000;
		limiter.settle(turns[2].permit, rateLimited(30));

		const next = await limiter.takeTurn(HOUR);
		const after = await limiter.takeTurn(HOUR);

		// The first pause is over, and the pace is the one learned from the first 429 (1 accepted a
		// second, 3 % slower), not 30 s.
		expect(next?.waitedMs).toBe(0);
		expect(after?.waitedMs).toBe(1030);
		expect(limiter.lastRateLimitAnswer).toBe('429 after 30s');
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

		// 9 accepted a second, 3 % slower: one every 114.4 ms, though every sleep ends 25 ms late.
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
			const turn = await limiter.takeTurn(HOUR);
			startTimes.push(clock.at);
			limiter.settle(turn!.permit);
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

		const first = await limiter.takeTurn(HOUR);
		const second = await limiter.takeTurn(HOUR);

		expect(first?.waitedMs).toBe(4000);
		expect(second?.waitedMs).toBe(2060);
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
		// Timers that fire when told, earliest first and in the order they were set, as Node's do.
		const clock = fakeClock();
		const timers: { at: number; fire: () => void }[] = [];
		const timerClock = {
			now: clock.now,
			sleep: async (ms: number) =>
				await new Promise<void>((fire) => timers.push({ at: clock.at + ms, fire })),
		};
		const settleDown = async () => {
			for (let i = 0; i < 20; i++) await Promise.resolve();
		};
		const runTimers = async () => {
			for (await settleDown(); timers.length > 0; await settleDown()) {
				const next = timers.reduce((a, b) => (b.at < a.at ? b : a));
				timers.splice(timers.indexOf(next), 1);
				clock.at = Math.max(clock.at, next.at);
				next.fire();
			}
		};
		const limiter = new BoxUserLimiter<string>(WRITES_IN_FLIGHT_AT_START, timerClock);
		const first = await takeTurns(limiter, 3);
		first.slice(0, 2).forEach((t) => limiter.settle(t.permit));
		limiter.settle(first[2].permit, rateLimited(1));

		const order: string[] = [];
		const queued = [0, 1].map(async (i) => {
			const turn = await limiter.takeTurn(HOUR);
			order.push(`queued ${i}`);
			limiter.settle(turn!.permit);
		});
		await settleDown(); // the first in the queue sleeps until the pause is over
		const retry = limiter.takeTurn(HOUR, first[2].permit).then((turn) => {
			order.push('refused');
			limiter.settle(turn!.permit);
		});
		await runTimers();
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
