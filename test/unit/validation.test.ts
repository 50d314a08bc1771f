import {
	buildSigner,
	isE164,
	isEmail,
	parseDaysValid,
	splitList,
	textOrUndefined,
	toE164,
} from '../../nodes/BoxSign/shared/validation';

describe('validation', () => {
	test.each(['+15551232190', '+447700900123', '+4930123456'])(
		'accepts the E.164 number %s',
		(phone) => {
			expect(isE164(phone)).toBe(true);
		},
	);

	test.each([
		'15551232190',
		'+1 555 123 2190',
		'+1555123',
		'+1234567890123456',
		'+0551232190',
		'+1555abc2190',
	])('refuses %s as E.164', (phone) => {
		expect(isE164(phone)).toBe(false);
	});

	test.each([
		['+1 (555) 123-2190', '+15551232190'],
		['+44 20 7946 0958', '+442079460958'],
		['+1-555-123-2190', '+15551232190'],
		['+1.555.123.2190', '+15551232190'],
		['+15551232190', '+15551232190'],
	])('normalises the formatted number %s to %s', (phone, e164) => {
		expect(toE164(phone, 'Signer 1:')).toBe(e164);
	});

	test.each([
		['555-123-2190', 'has no country code: write + and the country code first'],
		['15551232190', 'has no country code'],
		['+1 555 CALL NOW', 'may contain only digits after the +'],
		['+1234567', 'is not a phone number in international format: after the + come'],
		['+1234567890123456', 'is not a phone number in international format'],
		['+0551232190', 'is not a phone number in international format'],
	])('refuses %s and says how to fix it', (phone, fix) => {
		expect(() => toE164(phone, 'Signer 1:')).toThrow(
			`Signer 1: Phone Verification Number "${phone}" ${fix}`,
		);
	});

	test('reads emails, ids and empty text the way low-code users type them', () => {
		expect(isEmail('josé@exämple.com')).toBe(true);
		expect(isEmail('two@@example.com')).toBe(false);
		expect(splitList(' 1, 2,,3 ')).toEqual(['1', '2', '3']);
		expect(splitList([4, ' 5 ', ''])).toEqual(['4', '5']);
		expect(splitList(undefined)).toEqual([]);
		expect(textOrUndefined('  ')).toBeUndefined();
		expect(textOrUndefined(0)).toBe('0');
	});

	test('accepts days valid as a number or numeric text from an expression', () => {
		expect(parseDaysValid('30')).toBe(30);
		expect(() => parseDaysValid(-1)).toThrow('Days Valid');
		expect(parseDaysValid('')).toBeUndefined();
	});

	test('keeps a password exactly as typed, spaces included', () => {
		expect(buildSigner({ email: 'a@b.co', password: ' pass word ' }, 1).password).toBe(
			' pass word ',
		);
	});

	test("writes signer keys in the order of Box's schema", () => {
		const signer = buildSigner(
			{
				language: 'de',
				password: 'x',
				email: 'a@b.co',
				order: 3,
				isInPerson: true,
				verificationPhoneNumber: '+15551232190',
			},
			1,
		);
		expect(Object.keys(signer)).toEqual([
			'email',
			'role',
			'is_in_person',
			'order',
			'verification_phone_number',
			'password',
			'language',
		]);
	});
});
