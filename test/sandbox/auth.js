'use strict';

// OAuth 2.0 token endpoint, bearer-token checks and the current user.

const { randomBytes } = require('node:crypto');
const { oauthError } = require('./errors');

const TOKEN_LIFETIME_SECONDS = 3600;

const GRANTS = {
	authorization_code: exchangeAuthorizationCode,
	refresh_token: exchangeRefreshToken,
	client_credentials: exchangeClientCredentials,
};

/** POST /oauth2/token (form-encoded). */
function postToken({ request, state, config }) {
	const form = request.body;
	const grant = GRANTS[form.grant_type];
	if (!grant) {
		return oauthError('invalid_request', 'Invalid grant_type parameter or parameter missing');
	}
	if (form.client_id !== config.clientId || form.client_secret !== config.clientSecret) {
		return oauthError('invalid_client', 'The client credentials are invalid');
	}
	return grant(form, state);
}

// Box authorization codes are single-use.
function exchangeAuthorizationCode(form, state) {
	if (!form.code) return oauthError('invalid_request', 'Missing parameter: "code"');
	if (state.usedAuthorizationCodes.has(form.code)) {
		return oauthError('invalid_grant', "Auth code doesn't exist or is invalid for the client");
	}
	state.usedAuthorizationCodes.add(form.code);
	return { status: 200, body: issueTokens(state, { refreshable: true }) };
}

// Box refresh tokens rotate: each one works once and comes back replaced.
function exchangeRefreshToken(form, state) {
	if (!state.refreshTokens.delete(form.refresh_token)) {
		return oauthError('invalid_grant', 'Invalid refresh token');
	}
	return { status: 200, body: issueTokens(state, { refreshable: true }) };
}

function exchangeClientCredentials(form, state) {
	return { status: 200, body: issueTokens(state, { refreshable: false }) };
}

/** An `AccessToken` body; client-credentials tokens come without a refresh token, as on Box. */
function issueTokens(state, { refreshable }) {
	const accessToken = randomToken();
	state.accessTokens.add(accessToken);
	const body = { access_token: accessToken, expires_in: TOKEN_LIFETIME_SECONDS, restricted_to: [] };
	if (refreshable) {
		body.refresh_token = randomToken();
		state.refreshTokens.add(body.refresh_token);
	}
	body.token_type = 'bearer';
	return body;
}

/** The bearer token of a request, or undefined. */
function bearerToken(headers) {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
	return match?.[1];
}

/** GET /2.0/users/me */
function getCurrentUser({ config }) {
	return {
		status: 200,
		body: {
			type: 'user',
			id: config.user.id,
			name: config.user.name,
			login: config.user.login,
			created_at: '2024-01-15T09:30:00-08:00',
			modified_at: '2024-01-15T09:30:00-08:00',
			language: 'en',
			timezone: 'America/Los_Angeles',
			status: 'active',
		},
	};
}

function randomToken() {
	return randomBytes(24).toString('base64url');
}

module.exports = { postToken, bearerToken, getCurrentUser };
