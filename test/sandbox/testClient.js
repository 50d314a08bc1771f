'use strict';

// For the sandbox's own tests: an HTTP client whose every answer is checked against Box's
// OpenAPI, and the assertions they share.

const { responseProblems, validateSchema, findOperation } = require('./openapi');

const TOKEN = 'sandbox-access-token';

/**
 * `call(path, options)` against the sandbox `getSandbox()` returns. Each answer on a route the
 * spec describes must match the spec for its status (`expectMatchesSpec`), unless the call says
 * `unchecked: true` (e.g. a fault injected with a made-up body). `redirect: 'manual'` shows a
 * 302 instead of following it.
 */
function createClient(getSandbox) {
	const checked = new Set();
	async function call(
		path,
		{ method = 'GET', token = TOKEN, json, form, headers = {}, redirect, unchecked } = {},
	) {
		const init = { method, headers: { ...headers }, redirect };
		if (token) init.headers.authorization = `Bearer ${token}`;
		if (json !== undefined) {
			init.headers['content-type'] ??= 'application/json';
			init.body = typeof json === 'string' ? json : JSON.stringify(json);
		}
		if (form) init.body = new URLSearchParams(form);
		const response = await fetch(`${getSandbox().baseUrl}${path}`, init);
		const bytes = Buffer.from(await response.arrayBuffer());
		const text = bytes.toString('utf8');
		const isJson = response.headers.get('content-type') === 'application/json';
		const result = {
			status: response.status,
			headers: response.headers,
			bytes,
			text,
			body: isJson ? JSON.parse(text) : undefined,
		};
		if (!unchecked) {
			const operation = expectMatchesSpec(method, path, result);
			if (operation) checked.add(`${method} ${operation} ${result.status}`);
		}
		return result;
	}
	/** `METHOD /spec/path status` of every answer checked against the spec so far. */
	call.checked = checked;
	return call;
}

/**
 * Fails unless the response is what the spec documents for its status; returns the spec path
 * of the operation, or undefined for a route the spec does not describe. Box answers 401 with
 * an empty body (see errors.js `unauthorized`), not the `ClientError` the spec names.
 */
function expectMatchesSpec(method, path, response) {
	const url = new URL(path, 'http://sandbox');
	const found = findOperation(method, url.pathname);
	if (!found) return undefined;
	if (response.status === 401 && response.text === '') return found.template;
	const problems = responseProblems(method, url.pathname, {
		status: response.status,
		contentType: response.headers.get('content-type'),
		text: response.text,
	});
	expect({ [`${method} ${path} → ${response.status}`]: problems }).toEqual({
		[`${method} ${path} → ${response.status}`]: [],
	});
	return found.template;
}

function expectValid(schemaName, data) {
	expect(validateSchema(schemaName, data).errors).toEqual([]);
}

function expectBoxError(response, status, code) {
	expect(response.status).toBe(status);
	expect(response.headers.get('content-type')).toBe('application/json');
	expectValid('ClientError', response.body);
	expect(response.body).toMatchObject({ type: 'error', status, code });
	expect(response.body.request_id).toMatch(/^[0-9a-f]{16}$/);
}

/** Box's 404 says only "Not Found" at the top; what was not found is in context_info. */
function notFoundMessage(response) {
	expectBoxError(response, 404, 'not_found');
	expect(response.body.message).toBe('Not Found');
	return response.body.context_info.errors[0].message;
}

module.exports = {
	TOKEN,
	createClient,
	expectMatchesSpec,
	expectValid,
	expectBoxError,
	notFoundMessage,
};
