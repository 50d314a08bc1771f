import { createHash } from 'crypto';
import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { webhookKeyFields } from './webhookKeyFields';

interface TokenRequestError {
	message: string;
	response?: { data?: { error?: string; error_description?: string } };
	context?: { data?: { error?: string; error_description?: string } };
}

interface BoxToken {
	accessToken: string;
	/** When to stop handing the token out: a minute before Box's `expires_in` runs out. */
	usableUntil: number;
}

const EXPIRY_MARGIN_SECONDS = 60;

/**
 * Per Box app, secret and subject, in this n8n process: the token request in flight, or the last
 * token Box gave. n8n asks for a token for every item that finds none stored yet, so without
 * this the items of one execution each fetch their own.
 */
const tokens = new Map<string, Promise<BoxToken>>();

/** The secret only as a hash: a changed secret is another key, and the key never shows it. */
function tokenKey(credentials: ICredentialDataDecryptedObject): string {
	const secret = createHash('sha256').update(String(credentials.clientSecret)).digest('hex');
	return [
		baseUrlOf(credentials),
		credentials.clientId,
		secret,
		credentials.subjectType,
		credentials.subjectId,
	].join(' ');
}

function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl).replace(/\/+$/, '');
}

async function requestToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<BoxToken> {
	const form = new URLSearchParams({
		grant_type: 'client_credentials',
		client_id: String(credentials.clientId),
		client_secret: String(credentials.clientSecret),
		box_subject_type: String(credentials.subjectType),
		box_subject_id: String(credentials.subjectId),
	});
	const requestedAt = Date.now();
	const { access_token, expires_in } = (await helper.helpers
		.httpRequest({
			method: 'POST',
			url: `${baseUrlOf(credentials)}/oauth2/token`,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: form.toString(),
			json: true,
		})
		.catch((error: TokenRequestError) => {
			// A new error on purpose: the HTTP error carries the request, client secret included.
			const answer = error.response?.data ?? error.context?.data ?? {};
			throw new Error(
				`Box refused the client credentials: ${answer.error_description ?? answer.error ?? error.message}. Check the Client ID, the Client Secret, the Enterprise or User ID, and that a Box admin authorized the app.`,
			);
		})) as { access_token: string; expires_in?: number };
	const lifetimeSeconds = Number(expires_in ?? 0) - EXPIRY_MARGIN_SECONDS;
	return { accessToken: access_token, usableUntil: requestedAt + lifetimeSeconds * 1000 };
}

/** Box's server-to-server Client Credentials Grant: n8n fetches tokens itself, no user sign-in. */
export class BoxSignClientCredentialsApi implements ICredentialType {
	name = 'boxSignClientCredentialsApi';

	displayName = 'Box Sign Client Credentials API';

	icon: Icon = { light: 'file:../icons/boxSign.svg', dark: 'file:../icons/boxSign.dark.svg' };

	documentationUrl = 'https://developer.box.com/guides/authentication/client-credentials/';

	properties: INodeProperties[] = [
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.box.com',
			required: true,
			placeholder: 'https://api.box.com',
			description:
				'Where Box Sign requests and token requests go. Keep the default unless your company routes Box through a proxy.',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description:
				'From the Box Developer Console: your app → Configuration → OAuth 2.0 Credentials',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Act As',
			name: 'subjectType',
			type: 'options',
			options: [
				{
					name: 'Enterprise (the App’s Service Account)',
					value: 'enterprise',
				},
				{
					name: 'User',
					value: 'user',
				},
			],
			default: 'enterprise',
			description: 'Whose Box account sends the sign requests',
		},
		{
			displayName: 'Enterprise or User ID',
			name: 'subjectId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 1234567',
			description:
				'The Enterprise ID (Developer Console → General Settings) or the Box user ID the app acts as',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		...webhookKeyFields,
	];

	/**
	 * n8n calls this when the credential holds no token yet, or holds one Box refused (a 401).
	 * Concurrent calls share one token request; later calls get the same token until it expires
	 * or Box refuses it, and then exactly one new request goes.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const key = tokenKey(credentials);
		for (;;) {
			const known = tokens.get(key);
			if (!known) break;
			const token = await known;
			// Another call replaced the token while this one waited: look again.
			if (tokens.get(key) !== known) continue;
			const refused = token.accessToken === credentials.accessToken;
			if (!refused && token.usableUntil > Date.now()) return { accessToken: token.accessToken };
			break;
		}
		const fetching = requestToken(this, credentials);
		tokens.set(key, fetching);
		// A refused request is not kept: the next call asks Box again.
		fetching.catch(() => tokens.get(key) === fetching && tokens.delete(key));
		return { accessToken: (await fetching).accessToken };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.accessToken}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}',
			url: '/2.0/users/me',
		},
	};
}
