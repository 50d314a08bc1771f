'use strict';

// Box webhooks (v2): the /2.0/webhooks routes, and deliveries of events to registered addresses,
// signed like Box signs them (HMAC-SHA256 over the exact bytes sent, then the timestamp header).

const { createHmac, randomUUID } = require('node:crypto');
const http = require('node:http');
const { numericId } = require('./boxObjects');
const { boxError, errorForStatus, invalidParameters, notFound } = require('./errors');
const { markerPage } = require('./paging');
const spec = require('./openapi/sign-requests.openapi.json');

const SPEC_TRIGGERS =
	spec.paths['/webhooks'].post.requestBody.content['application/json'].schema.properties.triggers
		.items.enum;
// Box's guides spell three Sign events differently from its OpenAPI (see ../shared/BOX-WEBHOOKS.md).
const GUIDE_SPELLINGS = {
	'SIGN_REQUEST.SIGN_SIGNER_SIGNED': 'SIGN_REQUEST.SIGNER_SIGNED',
	'SIGN_REQUEST.SIGN_DOCUMENT_CREATED': 'SIGN_REQUEST.SIGNATURE_REQUESTED',
	'SIGN_REQUEST.SIGN_ERROR_FINALIZING': 'SIGN_REQUEST.ERROR_FINALIZING',
};
const GUIDE_TRIGGERS = SPEC_TRIGGERS.map((name) => GUIDE_SPELLINGS[name] ?? name);
/** Which trigger names POST /2.0/webhooks accepts: `either` spelling, or only one of them. */
const TRIGGER_NAMES = {
	either: [...new Set([...SPEC_TRIGGERS, ...GUIDE_TRIGGERS])],
	openapi: SPEC_TRIGGERS,
	guides: GUIDE_TRIGGERS,
};

// The sign request status changes that fire a Sign event, by the guides' name.
const STATUS_TRIGGERS = {
	sent: 'SIGN_REQUEST.SIGNATURE_REQUESTED',
	signed: 'SIGN_REQUEST.COMPLETED',
	declined: 'SIGN_REQUEST.DECLINED',
	expired: 'SIGN_REQUEST.EXPIRED',
	error_finalizing: 'SIGN_REQUEST.ERROR_FINALIZING',
};

/**
 * `addresses`: `any` takes any URL (tests deliver to http://127.0.0.1), `box` only what Box
 * takes: HTTPS on port 443, not a box.com host. `triggerNames`: see TRIGGER_NAMES.
 * The keys are the app's signature keys (Developer Console → Webhooks → Manage signature keys).
 */
const DEFAULT_WEBHOOK_SETTINGS = {
	addresses: 'any',
	triggerNames: 'either',
	primaryKey: 'sandbox-webhook-primary-key',
	secondaryKey: 'sandbox-webhook-secondary-key',
};

function createWebhookState() {
	return { webhooks: new Map(), deliveries: [], pendingDeliveries: new Set() };
}

/** POST /2.0/webhooks */
function createWebhook({ request, state, config }) {
	const body = request.body;
	const problems = registrationProblems(body, config.webhooks);
	if (problems.length) return invalidParameters(problems);
	const { target, address, triggers } = body;
	if (target.type === 'folder' && target.id === '0') {
		return invalidParameters([
			{ name: 'target', message: 'Webhooks cannot be created on the root folder.' },
		]);
	}
	// As for a sign request's files and folder, Box answers 404 for a target it does not have.
	const known = target.type === 'file' ? state.fileTree.files : state.fileTree.folders;
	if (!known.has(target.id))
		return notFound('target', `${target.type === 'file' ? 'f' : 'd'}_${target.id}`);
	const existing = [...state.webhooks.values()].find(
		(webhook) => webhook.target.id === target.id && webhook.target.type === target.type,
	);
	// Box keeps one webhook per target, application and user (the sandbox has one of each). Box's
	// answer, as Box's own samples show it (box/samples, box-node-webhook-to-lambda-sample): the
	// top-level message says only "Bad Request"; which webhook is in context_info.
	if (existing) {
		return boxError(409, 'conflict', 'Bad Request', {
			errors: [
				{
					reason: 'invalid_parameter',
					name: 'existWebhookId',
					message: `Webhook:${existing.id} already exists on the specified target.`,
				},
			],
		});
	}
	const webhook = {
		id: numericId(`webhook:${state.webhooks.size}:${Date.now()}:${randomUUID()}`),
		type: 'webhook',
		target: { id: target.id, type: target.type },
		created_by: { type: 'user', ...config.user },
		created_at: boxTimestamp(new Date()),
		address,
		triggers,
	};
	state.webhooks.set(webhook.id, webhook);
	return { status: 201, body: webhook };
}

function registrationProblems(body, settings) {
	const problems = [];
	const { target, address, triggers } = body ?? {};
	if (!target || typeof target !== 'object') problems.push(required('target'));
	else {
		if (typeof target.id !== 'string' || !target.id) problems.push(required('target.id'));
		if (!['file', 'folder'].includes(target.type)) {
			problems.push({
				name: 'target.type',
				message: `Invalid value '${target.type}'. 'target.type' should be one of: file, folder.`,
			});
		}
	}
	if (typeof address !== 'string' || !address) problems.push(required('address'));
	else if (settings.addresses === 'box' && !isAddressBoxDelivers(address)) {
		problems.push({
			name: 'address',
			message: `Invalid value '${address}'. 'address' should be an HTTPS URL on port 443.`,
		});
	}
	if (!Array.isArray(triggers) || triggers.length === 0) problems.push(required('triggers'));
	else {
		const accepted = TRIGGER_NAMES[settings.triggerNames];
		for (const trigger of triggers.filter((t) => !accepted.includes(t))) {
			problems.push({
				name: 'triggers',
				message: `Invalid value '${trigger}'. 'triggers' should be one of: ${accepted.join(', ')}.`,
			});
		}
	}
	return problems;
}

function required(name) {
	return { name, message: `'${name}' is required.` };
}

function isAddressBoxDelivers(address) {
	let url;
	try {
		url = new URL(address);
	} catch {
		return false;
	}
	const host = url.hostname.toLowerCase();
	return (
		url.protocol === 'https:' &&
		(url.port === '' || url.port === '443') &&
		host !== 'box.com' &&
		!host.endsWith('.box.com') &&
		host !== 'localhost' &&
		!/^127\./.test(host)
	);
}

/** GET /2.0/webhooks: `Webhook--Mini` entries, without address or triggers, as Box lists them. */
function listWebhooks({ request, state }) {
	const entries = [...state.webhooks.values()].map(({ id, type, target }) => ({
		id,
		type,
		target,
	}));
	return markerPage(entries, request.query);
}

/** GET /2.0/webhooks/:webhook_id */
function getWebhook({ params, state }) {
	const webhook = state.webhooks.get(params.webhook_id);
	return webhook ? { status: 200, body: webhook } : errorForStatus(404);
}

/** DELETE /2.0/webhooks/:webhook_id */
function deleteWebhook({ params, state }) {
	if (!state.webhooks.delete(params.webhook_id)) return errorForStatus(404);
	return { status: 204 };
}

// RFC 3339 with an offset and no fraction, as Box writes its timestamps.
function boxTimestamp(date) {
	return date.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

function signature(key, bytes, timestamp) {
	return createHmac('sha256', key).update(bytes).update(timestamp, 'utf8').digest('base64');
}

/**
 * @typedef {object} Delivery
 * @property {string} webhookId
 * @property {string} address
 * @property {Record<string, string>} headers what was sent
 * @property {string} body the exact text sent
 * @property {number | undefined} status the receiver's answer; undefined if it did not answer
 * @property {string} [error] why nothing answered
 */

/**
 * Sends one event to a registered webhook's address, signed with the settings' keys, and
 * resolves with the Delivery once the receiver answered. Options make the bad deliveries tests
 * need: `timestamp` (stale or future-dated), `keys` (forged), `unsigned`, `alterBody` (the text
 * changed after signing), `headers` (overrides, e.g. another signature version).
 */
function deliver(state, config, webhookId, options = {}) {
	const webhook = state.webhooks.get(webhookId);
	if (!webhook) throw new Error(`Box sandbox: no webhook '${webhookId}'`);
	const event = {
		type: 'webhook_event',
		id: options.eventId ?? randomUUID(),
		created_at: boxTimestamp(new Date()),
		trigger: options.trigger ?? webhook.triggers[0],
		webhook: { id: webhook.id, type: 'webhook' },
		created_by: { type: 'user', ...config.user },
		source: options.source ?? { id: webhook.target.id, type: webhook.target.type },
		additional_info: options.additionalInfo ?? {},
	};
	const body = JSON.stringify(event);
	const timestamp = options.timestamp ?? boxTimestamp(new Date());
	const headers = {
		'box-delivery-id': randomUUID(),
		'box-delivery-timestamp': timestamp,
		...signatureHeaders(options.keys ?? config.webhooks, body, timestamp, options.unsigned),
		...options.headers,
	};
	const sent = options.alterBody ? options.alterBody(body) : body;
	return send(state, { webhookId, address: webhook.address, headers, body: sent });
}

function signatureHeaders(keys, body, timestamp, unsigned) {
	if (unsigned) return {};
	const bytes = Buffer.from(body, 'utf8');
	return {
		'box-signature-algorithm': 'HmacSHA256',
		'box-signature-primary': signature(keys.primaryKey, bytes, timestamp),
		'box-signature-secondary': signature(keys.secondaryKey, bytes, timestamp),
		'box-signature-version': '1',
	};
}

/**
 * Sends an earlier delivery again: verbatim (`asRetry: false`, what an attacker replaying a
 * captured delivery does), or as Box retries it: same body, new delivery id and timestamp,
 * signed again.
 */
function redeliver(state, config, delivery, { asRetry = true } = {}) {
	if (!asRetry) return send(state, { ...delivery, headers: { ...delivery.headers } });
	const timestamp = boxTimestamp(new Date());
	const headers = {
		...delivery.headers,
		'box-delivery-id': randomUUID(),
		'box-delivery-timestamp': timestamp,
		...signatureHeaders(config.webhooks, delivery.body, timestamp, false),
	};
	return send(state, { ...delivery, headers });
}

/** POSTs a delivery; records it in `state.deliveries` with the receiver's answer. */
function send(state, { webhookId, address, headers, body }) {
	const delivery = { webhookId, address, headers, body, status: undefined };
	state.deliveries.push(delivery);
	const pending = new Promise((resolve) => {
		const bytes = Buffer.from(body, 'utf8');
		const request = http.request(address, {
			method: 'POST',
			headers: {
				'content-type': 'application/json; charset=UTF-8',
				'content-length': bytes.length,
				'user-agent': 'Box-WH-Client/0.1',
				...headers,
			},
		});
		request.setTimeout(30_000, () => request.destroy(new Error('no answer within 30 s')));
		request.on('response', (response) => {
			response.resume();
			response.on('end', () => {
				delivery.status = response.statusCode;
				resolve(delivery);
			});
		});
		request.on('error', (error) => {
			delivery.error = error.message;
			resolve(delivery);
		});
		request.end(bytes);
	});
	state.pendingDeliveries.add(pending);
	pending.finally(() => state.pendingDeliveries.delete(pending));
	return pending;
}

/**
 * Fires the Sign event of a status change to every webhook whose target holds the request's
 * documents (a source file, or the folder the signed copies go to), named as that webhook
 * registered it. Deliveries run in the background; `deliveriesSettled()` waits for them.
 */
function fireSignEvent(state, config, signRequest) {
	const guideName = STATUS_TRIGGERS[signRequest.status];
	if (!guideName) return;
	const sourceFile = signRequest.source_files[0] ?? signRequest.sign_files.files[0];
	for (const webhook of state.webhooks.values()) {
		if (!watches(webhook, signRequest)) continue;
		const trigger = webhook.triggers.find((name) => (GUIDE_SPELLINGS[name] ?? name) === guideName);
		if (!trigger) continue;
		deliver(state, config, webhook.id, {
			trigger,
			source: { id: sourceFile.id, type: 'file', name: sourceFile.name },
			additionalInfo: {
				sign_request_id: signRequest.id,
				signer_emails: signRequest.signers
					.filter((signer) => signer.role !== 'final_copy_reader')
					.map((signer) => signer.email),
				external_id: signRequest.external_id,
			},
		});
	}
}

function watches({ target }, signRequest) {
	if (target.type === 'folder') return signRequest.parent_folder.id === target.id;
	return signRequest.source_files.some((file) => file.id === target.id);
}

async function deliveriesSettled(state) {
	while (state.pendingDeliveries.size) await Promise.all([...state.pendingDeliveries]);
}

module.exports = {
	DEFAULT_WEBHOOK_SETTINGS,
	createWebhookState,
	createWebhook,
	listWebhooks,
	getWebhook,
	deleteWebhook,
	deliver,
	redeliver,
	fireSignEvent,
	deliveriesSettled,
};
