'use strict';

/**
 * A local stand-in for the Box API (Box Sign, file downloads, users/me and OAuth 2.0), for tests,
 * the demo and benchmarks. The contract is the vendored OpenAPI in ./openapi.
 *
 *   const sandbox = await startSandbox({ accessToken: 'secret', convertAfterGets: 1 });
 *   await fetch(`${sandbox.baseUrl}/2.0/sign_requests`, ...);
 *   sandbox.requests;                 // every request received, oldest first
 *   sandbox.signRequests;             // Map by ID; sandbox.signTemplates likewise (3 seeded)
 *   sandbox.advance(id, 'signed');    // or 'viewed', 'declined' ({ reason }), 'error_converting', …
 *   sandbox.seedFiles([{ id: '42', name: 'Offer.pdf', folderId: '234102987614' }]);
 *   sandbox.seedFolder({ id: '99', name: 'Signed' }); // other file and folder IDs answer 404
 *   sandbox.lockTemplate(templateId, 'are_email_settings_locked');
 *   sandbox.backdate(id, 15 * 60_000); // as if created and last sent 15 minutes earlier
 *   sandbox.seedSignRequests(2500, { sender_email: 'a@x.com', collaborator_level: 'viewer' });
 *   sandbox.failNext(2, { status: 429, headers: { 'retry-after': '1' } });
 *   startSandbox({ rateLimit: { createsPerSecond: 10 } }); // Box's limits, time-scaled: rateLimit.js
 *   sandbox.useUpCreates(80);         // the user's other apps just sent 80 creates (Box counts them)
 *   sandbox.rateLimit.createsByExternalId; // and the other counters of rateLimit.js
 *   sandbox.reset();
 *   await sandbox.close();
 *
 * Routes: POST /oauth2/token; GET /2.0/users/me; GET and POST /2.0/sign_requests;
 * GET /2.0/sign_requests/:id; POST /2.0/sign_requests/:id/cancel and /resend;
 * GET /2.0/sign_templates and /2.0/sign_templates/:id; GET /2.0/files/:id/content, which
 * redirects to GET /download/:token on a second server (another origin), like Box does;
 * GET, POST /2.0/webhooks and GET, DELETE /2.0/webhooks/:id (see webhooks.js):
 *
 *   sandbox.webhookSettings.addresses = 'box';  // refuse what Box refuses: non-HTTPS, port ≠ 443
 *   const delivery = await sandbox.deliver(webhookId, { trigger, timestamp, keys, unsigned, alterBody });
 *   await sandbox.redeliver(delivery, { asRetry: false }); // a verbatim replay; default: Box's retry
 *   sandbox.advance(id, 'signed');   // also fires SIGN_REQUEST.COMPLETED to matching webhooks
 *   await sandbox.deliveriesSettled(); sandbox.deliveries; sandbox.webhooks;
 */

const http = require('node:http');
const { bearerToken, getCurrentUser, postToken } = require('./auth');
const { boxError, errorForStatus, unauthorized } = require('./errors');
const { addFiles, addFolder, seedFileTree } = require('./fileTree');
const { getFileContent, startDownloadHost } = require('./files');
const {
	advanceSignRequest,
	backdateSignRequest,
	cancelSignRequest,
	createSignRequest,
	getSignRequest,
	listSignRequests,
	resendSignRequest,
	seedSignRequests,
} = require('./signRequests');
const {
	getSignTemplate,
	listSignTemplates,
	lockSignTemplate,
	seedTemplates,
} = require('./signTemplates');
const { createRateLimit } = require('./rateLimit');
const webhooks = require('./webhooks');

const DEFAULTS = {
	port: 0,
	accessToken: 'sandbox-access-token',
	clientId: 'sandbox-client-id',
	clientSecret: 'sandbox-client-secret',
	user: { id: '18115451', name: 'Sandbox Sender', login: 'sender@example.com' },
	convertAfterGets: 1,
	echoPasswords: false,
	webhooks: webhooks.DEFAULT_WEBHOOK_SETTINGS,
};

// `auth`: needs a valid bearer token. `body`: the media type the endpoint reads;
// `optionalBody`: the endpoint also takes no body at all.
const ROUTES = [
	defineRoute('POST', '/oauth2/token', postToken, { body: 'form' }),
	defineRoute('GET', '/2.0/users/me', getCurrentUser, { auth: true }),
	defineRoute('GET', '/2.0/sign_requests', listSignRequests, { auth: true }),
	defineRoute('POST', '/2.0/sign_requests', createSignRequest, { auth: true, body: 'json' }),
	defineRoute('GET', '/2.0/sign_requests/:sign_request_id', getSignRequest, { auth: true }),
	defineRoute('POST', '/2.0/sign_requests/:sign_request_id/cancel', cancelSignRequest, {
		auth: true,
		body: 'json',
		optionalBody: true,
	}),
	defineRoute('POST', '/2.0/sign_requests/:sign_request_id/resend', resendSignRequest, {
		auth: true,
	}),
	defineRoute('GET', '/2.0/sign_templates', listSignTemplates, { auth: true }),
	defineRoute('GET', '/2.0/sign_templates/:template_id', getSignTemplate, { auth: true }),
	defineRoute('GET', '/2.0/files/:file_id/content', getFileContent, { auth: true }),
];
// Checked against the spec by webhooks.test.js.
const WEBHOOK_ROUTES = [
	defineRoute('GET', '/2.0/webhooks', webhooks.listWebhooks, { auth: true }),
	defineRoute('POST', '/2.0/webhooks', webhooks.createWebhook, { auth: true, body: 'json' }),
	defineRoute('GET', '/2.0/webhooks/:webhook_id', webhooks.getWebhook, { auth: true }),
	defineRoute('DELETE', '/2.0/webhooks/:webhook_id', webhooks.deleteWebhook, { auth: true }),
];

/**
 * @typedef {object} RecordedRequest
 * @property {number} receivedAt when it arrived (Date.now())
 * @property {string} method
 * @property {string} path without the query string
 * @property {Record<string, string | string[]>} query an array for a repeated parameter
 * @property {Record<string, string>} headers lowercased names
 * @property {any} body parsed JSON or form fields; the raw text when it does not parse
 * @property {string} rawBody the exact text received
 */

/** @typedef {Awaited<ReturnType<typeof startSandbox>>} Sandbox */

const MEDIA_TYPES = { json: 'application/json', form: 'application/x-www-form-urlencoded' };

/**
 * Starts the sandbox on 127.0.0.1.
 * @param {object} [options]
 * @param {number} [options.port] default 0 (a random free port)
 * @param {string} [options.accessToken] the bearer token accepted from the start
 * @param {string} [options.clientId] / [options.clientSecret] expected by POST /oauth2/token
 * @param {{id: string, name: string, login: string}} [options.user] the token's user (the sender)
 * @param {number} [options.convertAfterGets] how many GETs of a new sign request answer
 *   `converting` before it is `created` (document preparation) or `sent`; default 1
 * @param {boolean} [options.echoPasswords] answer with the signers' passwords, which real Box
 *   never returns, so that tests of the node's masking can fail; default false
 * @param {{createsPerSecond?: number}} [options.rateLimit] Box's per-user limits, time-scaled
 *   (see rateLimit.js); default none
 */
async function startSandbox(options = {}) {
	const config = { ...DEFAULTS, ...options, user: { ...DEFAULTS.user, ...options.user } };
	const webhookDefaults = { ...DEFAULTS.webhooks, ...options.webhooks };
	config.webhooks = { ...webhookDefaults };
	/** @type {RecordedRequest[]} */
	const requests = [];
	const faults = [];
	const state = {};
	const downloadHost = await startDownloadHost(() => state);
	config.downloadBaseUrl = downloadHost.baseUrl;
	const reset = () => {
		requests.length = 0;
		downloadHost.requests.length = 0;
		faults.length = 0;
		Object.assign(config.webhooks, webhookDefaults);
		Object.assign(state, createState(config));
		state.onStatusChange = (signRequest) => webhooks.fireSignEvent(state, config, signRequest);
	};
	reset();

	const server = http.createServer((req, res) => {
		handle(req, res, { config, state, requests, faults }).catch((error) => {
			console.error('Box sandbox: unexpected error', error);
			if (!res.headersSent) send(res, errorForStatus(500));
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(config.port, '127.0.0.1', resolve);
	});

	return {
		baseUrl: `http://127.0.0.1:${server.address().port}`,
		requests,
		/** The sign requests by ID (a Map; replaced on reset). */
		get signRequests() {
			return state.signRequests;
		},
		/** The sign templates by ID (a Map, seeded with 3; replaced on reset). */
		get signTemplates() {
			return state.signTemplates;
		},
		/** Per sign request ID: `{ fetches, lastSentAt }`, the GETs so far and the last (re)send. */
		get activity() {
			return state.activity;
		},
		/** The files and folders a sign request may name, `{ files, folders }` (replaced on reset). */
		get fileTree() {
			return state.fileTree;
		},
		/** Adds files `{ id, name?, folderId? }` (default folder: Contracts); returns them. */
		seedFiles: (files) => addFiles(state.fileTree, files),
		/** Adds a folder `{ id, name }`; returns it. */
		seedFolder: (folder) => addFolder(state.fileTree, folder),
		/** Sets lock flags (`are_fields_locked`, …) on a template; returns it. */
		lockTemplate: (id, ...locks) => lockSignTemplate(state, id, locks),
		/** What the rate limit counted: accepted calls, 429s, creates per signer and external_id. */
		get rateLimit() {
			return state.rateLimit.counters;
		},
		/** Counts `count` creates of the token's user, as if its other apps had just sent them. */
		useUpCreates: (count) => state.rateLimit.useUp(config.user.id, count),
		/** Moves a sign request on to a status, as Box would; see signRequests.js. */
		advance: (id, status, options) => advanceSignRequest(state, id, status, options),
		/** Moves a sign request's timestamps and last send `ms` into the past. */
		backdate: (id, ms) => backdateSignRequest(state, id, ms),
		/** Stores `count` sent requests, each with `overrides`; returns them, oldest first. */
		seedSignRequests: (count, overrides) => seedSignRequests(state, config, count, overrides),
		/** The download host (another origin) and the requests it received since the last reset. */
		downloadBaseUrl: downloadHost.baseUrl,
		downloadRequests: downloadHost.requests,
		/** Registered webhooks by ID (a Map), and every delivery sent, oldest first. */
		get webhooks() {
			return state.webhooks;
		},
		get deliveries() {
			return state.deliveries;
		},
		/** `{ addresses, triggerNames, primaryKey, secondaryKey }`, changeable; reset restores them. */
		webhookSettings: config.webhooks,
		deliver: (webhookId, options) => webhooks.deliver(state, config, webhookId, options),
		redeliver: (delivery, options) => webhooks.redeliver(state, config, delivery, options),
		deliveriesSettled: () => webhooks.deliveriesSettled(state),
		reset,
		failNext(count = 1, fault = {}) {
			faults.push({ ...fault, remaining: count });
		},
		close: async () => {
			await closeServer(server);
			await downloadHost.close();
		},
	};
}

function createState(config) {
	return {
		signRequests: new Map(),
		signTemplates: seedTemplates(),
		fileTree: seedFileTree(),
		activity: new Map(),
		downloads: new Map(),
		accessTokens: new Set([config.accessToken]),
		refreshTokens: new Set(),
		usedAuthorizationCodes: new Set(),
		rateLimit: createRateLimit(config.rateLimit),
		...webhooks.createWebhookState(),
	};
}

async function handle(req, res, { config, state, requests, faults }) {
	const request = await readRequest(req);
	requests.push(request);

	const fault = takeFault(faults, request);
	if (fault) {
		if (fault.delayMs) await delay(fault.delayMs);
		if (fault.resetConnection) return req.socket.destroy();
		if (fault.status) return send(res, faultResponse(fault));
	}
	send(res, dispatch(request, { config, state }));
}

function dispatch(request, { config, state }) {
	const routesOnPath = [...ROUTES, ...WEBHOOK_ROUTES].filter((r) => r.match(request.path));
	if (routesOnPath.length === 0) return errorForStatus(404);
	const endpoint = routesOnPath.find((r) => r.method === request.method);
	if (!endpoint) return errorForStatus(405);

	const refusal =
		authProblem(endpoint, request, state) ??
		rateLimitProblem(endpoint, request, { config, state }) ??
		bodyProblem(endpoint, request);
	if (refusal) return refusal;
	const response = endpoint.handler({
		request: handlerRequest(endpoint, request),
		params: endpoint.match(request.path),
		state,
		config,
	});
	if (endpoint.auth) state.rateLimit.record(endpoint, request, response);
	return response;
}

// Box counts calls per user once it knows the user, so after the token check (see rateLimit.js).
function rateLimitProblem(endpoint, request, { config, state }) {
	if (!endpoint.auth) return undefined;
	return state.rateLimit.refusal(endpoint, request, config.user.id);
}

function authProblem(endpoint, request, state) {
	if (!endpoint.auth) return undefined;
	const token = bearerToken(request.headers);
	return state.accessTokens.has(token) ? undefined : unauthorized(Boolean(token));
}

function bodyProblem(endpoint, request) {
	if (endpoint.body !== 'json' || isOmittedBody(endpoint, request)) return undefined;
	if (mediaType(request.headers) !== MEDIA_TYPES.json) {
		return boxError(400, 'bad_request', "'Content-Type' should be application/json.");
	}
	if (typeof request.body === 'string') {
		const message = `Invalid value '${request.rawBody}'. Entity body should be a correctly nested resource attribute name/value pair`;
		return boxError(400, 'bad_request', message, {
			errors: [{ reason: 'invalid_parameter', name: 'entity-body', message }],
		});
	}
	return undefined;
}

// An endpoint that reads a form sees no fields unless the body is form-encoded, as on Box.
function handlerRequest(endpoint, request) {
	const unreadable = endpoint.body === 'form' && mediaType(request.headers) !== MEDIA_TYPES.form;
	return unreadable || isOmittedBody(endpoint, request) ? { ...request, body: {} } : request;
}

function isOmittedBody(endpoint, request) {
	return endpoint.optionalBody && request.rawBody === '';
}

/**
 * Fault injection: `failNext(count, fault)` queues a fault for the next `count` requests that
 * match `fault.method` and `fault.path` (a string, or a RegExp tested on the path; both
 * optional). A fault waits `delayMs`, then drops the connection (`resetConnection`), or answers
 * `status` with `body` (object → JSON, string → as is; default: Box's error for the status)
 * and `headers`; a fault with only `delayMs` lets the request through, late.
 */
function takeFault(faults, request) {
	const fault = faults.find((f) => faultMatches(f, request));
	if (!fault) return undefined;
	fault.remaining -= 1;
	if (fault.remaining <= 0) faults.splice(faults.indexOf(fault), 1);
	return fault;
}

function faultMatches({ method, path }, request) {
	if (method && method.toUpperCase() !== request.method) return false;
	if (path instanceof RegExp) return path.test(request.path);
	return !path || path === request.path;
}

function faultResponse({ status, body, headers }) {
	const response = errorForStatus(status);
	return {
		status,
		headers: { ...response.headers, ...headers },
		body: body === undefined ? response.body : body,
	};
}

/** Reads the whole request; the `requests` entry the sandbox records. */
async function readRequest(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	const rawBody = Buffer.concat(chunks).toString('utf8');
	const url = new URL(req.url, 'http://sandbox');
	const headers = { ...req.headers };
	return {
		receivedAt: Date.now(),
		method: req.method,
		path: url.pathname,
		query: queryObject(url.searchParams),
		headers,
		body: parseBody(rawBody, mediaType(headers)),
		rawBody,
	};
}

function queryObject(searchParams) {
	const query = {};
	for (const [name, value] of searchParams) {
		query[name] = name in query ? [query[name], value].flat() : value;
	}
	return query;
}

/** Parsed JSON or form fields when the content type says so and they parse; else the raw text. */
function parseBody(rawBody, type) {
	if (type === MEDIA_TYPES.form) return Object.fromEntries(new URLSearchParams(rawBody));
	if (type !== MEDIA_TYPES.json) return rawBody;
	try {
		return JSON.parse(rawBody);
	} catch {
		return rawBody;
	}
}

function mediaType(headers) {
	return (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

function send(res, { status, headers = {}, body }) {
	if (res.destroyed) return;
	const isJson = body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body);
	const payload = isJson ? JSON.stringify(body) : (body ?? '');
	res.writeHead(status, {
		...(isJson && { 'content-type': 'application/json' }),
		'content-length': Buffer.byteLength(payload),
		...headers,
	});
	res.end(payload);
}

/** A route with a `/:name` path template; `match(path)` returns the params or null. */
function defineRoute(method, template, handler, { auth = false, body, optionalBody = false } = {}) {
	const names = [];
	const source = template.replace(/:(\w+)/g, (_, name) => {
		names.push(name);
		return '([^/]+)';
	});
	const pattern = new RegExp(`^${source}$`);
	const match = (path) => {
		const found = pattern.exec(path);
		return (
			found && Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1])]))
		);
	};
	return { method, template, handler, auth, body, optionalBody, match };
}

function delay(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function closeServer(server) {
	return new Promise((resolve, reject) => {
		server.close((error) => (error ? reject(error) : resolve()));
		server.closeAllConnections();
	});
}

module.exports = { startSandbox, DEFAULTS, ROUTES };
