// Seeded fuzz: random signers collections, valid and invalid. Every valid one must pass Box's
// OpenAPI schema in the sandbox (201); every invalid one must be refused before anything is sent.
// Re-run a failure with FUZZ_SEED=<seed printed in the test name>.
import type { IDataObject } from 'n8n-workflow';

import { runBoxSign } from './helpers/runBoxSign';
import { startSandbox, type Sandbox } from './sandbox/server';

const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const CASES = 150;

/** mulberry32: a tiny, good-enough seeded PRNG. */
function prng(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

type Random = ReturnType<typeof prng>;
const pick = <T>(random: Random, values: readonly T[]): T =>
	values[Math.floor(random() * values.length)];
const digits = (random: Random, count: number) =>
	Array.from({ length: count }, () => Math.floor(random() * 10)).join('');

function validSigner(random: Random, index: number): IDataObject {
	const signer: IDataObject = {
		email: `${pick(random, ['ada', 'grace', 'alan', 'zoë'])}.${index}@${pick(random, ['example.com', 'acme.co.uk', 'exämple.de'])}`,
	};
	if (random() < 0.5) signer.role = pick(random, ['signer', 'approver', 'final_copy_reader']);
	if (random() < 0.4)
		signer.verificationPhoneNumber = `+${1 + Math.floor(random() * 9)}${digits(random, 7 + Math.floor(random() * 7))}`;
	else if (random() < 0.3) signer.loginRequired = true;
	if (random() < 0.4)
		signer.password = pick(random, ['1234', 'correct horse', ' padded ', 'Ünïcödé-pässwörd']);
	if (random() < 0.4) signer.order = String(Math.floor(random() * 5));
	if (random() < 0.2) signer.isInPerson = true;
	if (random() < 0.2) signer.embedUrlExternalUserId = `crm-${digits(random, 4)}`;
	if (random() < 0.2) signer.redirectUrl = 'https://example.com/done';
	if (random() < 0.2) signer.signerGroupId = pick(random, ['front-desk', 'legal']);
	if (random() < 0.2) signer.suppressNotifications = true;
	if (random() < 0.2) signer.language = pick(random, ['en', 'de', 'fr', 'ja']);
	return signer;
}

const MUTATIONS: Array<(signer: IDataObject, others: IDataObject[]) => void> = [
	(s) => (s.email = 'not-an-email'),
	(s) => (s.email = '   '),
	(s) => (s.verificationPhoneNumber = '555-123-2190'),
	(s) => (s.verificationPhoneNumber = '+1 555 CALL NOW'),
	(s) => (s.verificationPhoneNumber = '+12'),
	(s) => {
		s.verificationPhoneNumber = '+15551232190';
		s.loginRequired = true;
	},
	(s) => (s.order = '-3'),
	(s) => (s.order = '2.5'),
	(s) => (s.password = '    '),
	(s) => (s.role = '={{ "owner" }}'),
	(s, others) => (s.email = String(others[0].email).toUpperCase()),
];

function generate(random: Random) {
	const count = 1 + Math.floor(random() * 4);
	const signers = Array.from({ length: count }, (_, i) => validSigner(random, i));
	const invalid = random() < 0.4;
	if (invalid) {
		const position = Math.floor(random() * count);
		const mutation = pick(random, MUTATIONS);
		// The duplicate-email mutation needs another signer before it.
		if (mutation === MUTATIONS.at(-1) && position === 0) MUTATIONS[0](signers[0], signers);
		else mutation(signers[position], signers);
	}
	return { signers, invalid };
}

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());

test(`${CASES} random signers collections (seed ${SEED})`, async () => {
	const random = prng(SEED);
	let valid = 0;
	for (let n = 0; n < CASES; n++) {
		sandbox.reset();
		const { signers, invalid } = generate(random);
		const parameters = {
			resource: 'signRequest',
			operation: 'create',
			sourceFileIds: '11',
			signers: { signer: signers },
		};
		const result = await runBoxSign({ baseUrl: sandbox.baseUrl, parameters }).then(
			(output) => ({ output }),
			(error: Error) => ({ error }),
		);
		const context = `case ${n}: ${JSON.stringify(signers)}`;
		if (invalid) {
			expect({ context, message: 'error' in result ? result.error.message : 'accepted' }).toEqual({
				context,
				message: expect.stringMatching(/^Signer \d+: .* \[item 0\]$/),
			});
			expect({ context, sent: sandbox.requests.length }).toEqual({ context, sent: 0 });
		} else {
			expect({ context, error: 'error' in result ? result.error.message : undefined }).toEqual({
				context,
				error: undefined,
			});
			expect({ context, sent: sandbox.requests.length }).toEqual({ context, sent: 1 });
			valid++;
		}
	}
	expect(valid).toBeGreaterThan(CASES / 3);
});
