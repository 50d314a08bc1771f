import {
	buildSigner,
	isE164,
	isEmail,
	parseDaysValid,
	phoneNumberProblem,
	splitList,
	textOrUndefined,
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

	test('suggests the fixed number when only separators are wrong', () => {
		expect(phoneNumberProblem('+1 (555) 123-2190')).toContain('"+15551232190"');
	});

	test('explains the country code when it is missing', () => {
		expect(phoneNumberProblem('555-123-2190')).toContain('+ and the country code');
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
		expect(() => parseDaysValid('')).toThrow('Days Valid');
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
