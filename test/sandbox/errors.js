'use strict';

// Box's error responses. Handlers return `{ status, headers?, body? }`; these build them.

const { randomBytes } = require('node:crypto');

// The help_url Box puts in its error bodies in practice.
const HELP_URL = 'http://developers.box.com/docs/#errors';

const DEFAULT_ERRORS = {
	400: ['bad_request', 'Bad Request'],
	403: ['forbidden', 'Forbidden'],
	404: ['not_found', 'Not Found'],
	405: ['method_not_allowed', 'Method Not Allowed'],
	409: ['conflict', 'Conflict'],
	412: ['precondition_failed', 'Precondition Failed'],
	429: ['too_many_requests', 'Request rate limit exceeded, please try again later'],
	500: ['internal_server_error', 'Internal Server Error'],
	503: ['unavailable', 'Unavailable'],
};

/** A `ClientError` body: `{ type, status, code, message, context_info?, help_url, request_id }`. */
function boxError(status, code, message, contextInfo) {
	const body = { type: 'error', status, code, message };
	if (contextInfo) body.context_info = contextInfo;
	body.help_url = HELP_URL;
	body.request_id = randomBytes(8).toString('hex');
	return { status, body };
}

/** The usual Box error for an HTTP status, used for injected faults and unexpected failures. */
function errorForStatus(status) {
	if (status === 401) return unauthorized(true);
	const [code, message] = DEFAULT_ERRORS[status] ?? DEFAULT_ERRORS[500];
	return boxError(status, code, message);
}

/**
 * 400 `bad_request` for `[{ name, message }]`. Box lists them as `invalid_parameter`
 * errors in `context_info`; the top-level message repeats them so it names the field.
 */
function invalidParameters(problems) {
	const errors = problems.map(({ name, message }) => ({
		reason: 'invalid_parameter',
		name,
		message,
	}));
	return boxError(400, 'bad_request', problems.map((p) => p.message).join(' '), { errors });
}

// Box's 404: its generic message at the top, what was not found only in context_info (answers of
// api.box.com quoted in public code, e.g. for a missing `parent` folder and for `d_trash`).
function notFound(name, value) {
	const message = `Invalid value '${value}'. '${name}' with value '${value}' not found`;
	return boxError(404, 'not_found', 'Not Found', {
		errors: [{ reason: 'invalid_parameter', name, message }],
	});
}

/**
 * Box answers a missing or unknown access token with an empty 401 and the reason in
 * the WWW-Authenticate header, not with a JSON body.
 */
function unauthorized(tokenSent) {
	const reason = tokenSent
		? 'error="invalid_token", error_description="The access token provided is invalid."'
		: 'error="invalid_request", error_description="The access token was not found."';
	return { status: 401, headers: { 'www-authenticate': `Bearer realm="Service", ${reason}` } };
}

/** The token endpoint's `OAuth2Error` shape. */
function oauthError(error, description) {
	return { status: 400, body: { error, error_description: description } };
}

/** Turns one ajv error into a Box `{ name, message }` naming the field, e.g. `signers[0].role`. */
function describeSchemaError(error) {
	const name = fieldName(error);
	const value = `Invalid value ${quote(error.data)}.`;
	switch (error.keyword) {
		case 'required':
			return { name, message: `'${name}' is required.` };
		case 'enum': {
			const allowed = error.params.allowedValues.filter((v) => v !== null).join(', ');
			return { name, message: `${value} '${name}' should be one of: ${allowed}.` };
		}
		case 'type':
			return {
				name,
				message: `${value} '${name}' should be of type ${typeWithoutNull(error.params.type)}.`,
			};
		case 'minimum':
		case 'maximum': {
			const bound = error.keyword === 'minimum' ? 'at least' : 'at most';
			return { name, message: `${value} '${name}' should be ${bound} ${error.params.limit}.` };
		}
		case 'maxItems':
			return { name, message: `'${name}' should contain at most ${error.params.limit} items.` };
		default:
			return { name, message: `${value} '${name}' ${error.message}.` };
	}
}

function fieldName({ instancePath, keyword, params }) {
	const segments = instancePath.split('/').slice(1);
	if (keyword === 'required') segments.push(params.missingProperty);
	if (segments.length === 0) return 'entity-body';
	return segments
		.map((segment, i) => (/^\d+$/.test(segment) ? `[${segment}]` : `${i ? '.' : ''}${segment}`))
		.join('');
}

function typeWithoutNull(type) {
	return [type]
		.flat()
		.filter((t) => t !== 'null')
		.join(' or ');
}

function quote(value) {
	return `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
}

module.exports = {
	boxError,
	errorForStatus,
	invalidParameters,
	notFound,
	unauthorized,
	oauthError,
	describeSchemaError,
};
