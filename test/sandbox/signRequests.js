'use strict';

// Box Sign request handlers, the objects Box answers with, and the changes of state tests drive.

const { randomUUID } = require('node:crypto');
const { boxFile, boxFolder, numericId, sha1 } = require('./boxObjects');
const { validateSchema } = require('./openapi');
const { boxError, describeSchemaError, invalidParameters, notFound } = require('./errors');
const { markerPage, queryValues, readBoolean } = require('./paging');
const { templateRuleViolations, templateSigners } = require('./signTemplates');

const MAX_SIGNERS = 35;
const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const RESEND_INTERVAL_MS = 10 * MINUTE_MS;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MY_SIGN_REQUESTS_FOLDER = { id: '157064745449', name: 'My Sign Requests' };

// Box's cancel and resend guides: the statuses each accepts.
const CANCELLABLE = ['created', 'sent', 'viewed'];
const RESENDABLE = ['converting', 'created', 'sent', 'viewed'];

// Box documents no `error_code` value but `cfr11_validation_failed`; these are the sandbox's own.
const ERROR_CODES = {
	error: 'unknown_error',
	error_converting: 'conversion_failed',
	error_sending: 'sending_failed',
	error_finalizing: 'finalizing_failed',
};

/** POST /2.0/sign_requests */
function createSignRequest({ request, state, config }) {
	const body = request.body;
	const { errors } = validateSchema('SignRequestCreateRequest', body);
	const problems = errors.length
		? uniqueProblems(errors.map(describeSchemaError))
		: boxRuleViolations(body);
	if (problems.length) return invalidParameters(problems);

	const template = body.template_id ? state.signTemplates.get(body.template_id) : undefined;
	if (body.template_id && !template) return notFound('template_id', body.template_id);
	const templateProblems = template ? templateRuleViolations(template, body) : [];
	if (templateProblems.length) return invalidParameters(templateProblems);

	const signRequest = buildSignRequest(body, {
		user: config.user,
		shortId: nextShortId(state),
		now: new Date(),
		template,
	});
	storeSignRequest(state, signRequest);
	return { status: 201, body: signRequest };
}

/**
 * GET /2.0/sign_requests/:sign_request_id. A `converting` request is ready once it has been
 * read `config.convertAfterGets` times: the next read finds it `created` or `sent`.
 */
function getSignRequest({ params, state, config }) {
	const id = params.sign_request_id;
	if (!state.signRequests.has(id)) return notFound('sign_request_id', id);
	const activity = state.activity.get(id);
	if (
		state.signRequests.get(id).status === 'converting' &&
		activity.fetches >= config.convertAfterGets
	) {
		finishConverting(state, id);
	}
	activity.fetches += 1;
	return { status: 200, body: state.signRequests.get(id) };
}

/**
 * GET /2.0/sign_requests, newest first. Without `shared_requests=true` it lists the user's own
 * requests; with it, only those shared with the user, optionally from some `senders` (repeated
 * or comma-separated: Box's SDKs send `senders=a@x.com,b@x.com`).
 */
function listSignRequests({ request, state }) {
	const problems = [];
	const sharedOnly = readBoolean(request.query, 'shared_requests', problems);
	// Box's SDKs send one comma-separated `senders`; a repeated parameter is not Box's form.
	if (Array.isArray(request.query.senders)) {
		const value = request.query.senders.join('&senders=');
		problems.push({
			name: 'senders',
			message: `Invalid value '${value}'. 'senders' should be given once, as comma-separated emails.`,
		});
	}
	const senders = queryValues(request.query, 'senders')
		.flatMap((value) => value.split(','))
		.map((email) => email.trim().toLowerCase())
		.filter(Boolean);
	if (senders.length && !sharedOnly && !problems.length) {
		problems.push({
			name: 'senders',
			message: "'shared_requests' must be set to true when 'senders' is provided.",
		});
	}
	if (problems.length) return invalidParameters(problems);

	const listed = newestFirst(state.signRequests).filter(
		(signRequest) =>
			(signRequest.collaborator_level !== 'owner') === sharedOnly &&
			(!senders.length || senders.includes(signRequest.sender_email?.toLowerCase())),
	);
	return markerPage(listed, request.query);
}

/** POST /2.0/sign_requests/:sign_request_id/cancel, with an optional `{ reason }` body. */
function cancelSignRequest({ request, params, state }) {
	const { errors } = validateSchema('SignRequestCancelRequest', request.body);
	if (errors.length) return invalidParameters(uniqueProblems(errors.map(describeSchemaError)));
	const signRequest = state.signRequests.get(params.sign_request_id);
	if (!signRequest) return notFound('sign_request_id', params.sign_request_id);
	if (!CANCELLABLE.includes(signRequest.status)) {
		return boxError(
			400,
			'bad_request',
			`Sign request '${signRequest.id}' cannot be cancelled because its status is '${signRequest.status}'. Only a created, sent or viewed request can be cancelled.`,
		);
	}
	return { status: 200, body: advanceSignRequest(state, signRequest.id, 'cancelled') };
}

/** POST /2.0/sign_requests/:sign_request_id/resend: at most once every 10 minutes, as on Box. */
function resendSignRequest({ params, state }) {
	const signRequest = state.signRequests.get(params.sign_request_id);
	if (!signRequest) return notFound('sign_request_id', params.sign_request_id);
	if (!RESENDABLE.includes(signRequest.status)) {
		return boxError(
			400,
			'bad_request',
			`Sign request '${signRequest.id}' cannot be resent because its status is '${signRequest.status}'.`,
		);
	}
	const activity = state.activity.get(signRequest.id);
	const allowedAt = activity.lastSentAt.getTime() + RESEND_INTERVAL_MS;
	if (Date.now() < allowedAt) {
		return boxError(
			400,
			'bad_request',
			`Sign request '${signRequest.id}' was sent less than 10 minutes ago. It can be resent after ${new Date(allowedAt).toISOString()}.`,
		);
	}
	activity.lastSentAt = new Date();
	return { status: 202 };
}

/**
 * Sets a sign request's status with what goes with it on Box (signer decisions, `finished_at`,
 * `error_code`, …) and returns it. Throws when the result would not be a valid `SignRequest`,
 * e.g. for a status Box does not have.
 * @param {{ reason?: string, errorCode?: string }} [options] a decline reason; an error code
 */
function advanceSignRequest(state, id, status, { reason = null, errorCode } = {}) {
	const next = structuredClone(existingSignRequest(state, id));
	const at = new Date().toISOString();
	next.status = status;
	next.error_code = status in ERROR_CODES ? (errorCode ?? ERROR_CODES[status]) : null;
	STATUS_EFFECTS[status]?.(next, { at, reason });
	const changed = replaceSignRequest(state, next);
	state.onStatusChange?.(changed);
	return changed;
}

const STATUS_EFFECTS = {
	viewed(signRequest) {
		const signer = nextToAct(signRequest);
		if (signer) signer.has_viewed_document = true;
	},
	declined(signRequest, { at, reason }) {
		const signer = nextToAct(signRequest);
		if (!signer) return;
		signer.has_viewed_document = true;
		signer.signer_decision = { type: 'declined', finalized_at: at, additional_info: reason };
	},
	finalizing(signRequest, { at }) {
		signAll(signRequest, at);
		signRequest.sign_files.is_ready_for_download = false;
	},
	signed(signRequest, { at }) {
		signAll(signRequest, at);
		signRequest.sign_files.is_ready_for_download = true;
		signRequest.finished_at = at;
	},
};

/** Moves a sign request's timestamps, and the time it was last sent, `ms` into the past. */
function backdateSignRequest(state, id, ms) {
	const next = structuredClone(existingSignRequest(state, id));
	const earlier = (time) => (time == null ? time : new Date(Date.parse(time) - ms).toISOString());
	next.created_at = earlier(next.created_at);
	next.auto_expire_at = earlier(next.auto_expire_at);
	next.finished_at = earlier(next.finished_at);
	for (const { signer_decision: decision } of next.signers) {
		if (decision) decision.finalized_at = earlier(decision.finalized_at);
	}
	const activity = state.activity.get(id);
	activity.lastSentAt = new Date(activity.lastSentAt.getTime() - ms);
	return replaceSignRequest(state, next);
}

/**
 * Stores `count` valid sign requests, `sent` an hour or more ago (so they can be resent), one
 * second apart, oldest first, each with `overrides` applied; returns them.
 */
function seedSignRequests(state, config, count, overrides = {}) {
	const newest = Date.now() - HOUR_MS;
	return Array.from({ length: count }, (_, i) => {
		const number = state.signRequests.size + 1;
		const body = {
			name: `Contract ${number}.pdf`,
			source_files: [{ id: numericId(`seed:${number}`), type: 'file' }],
			signers: [{ email: `signer${number}@example.com` }],
		};
		const built = buildSignRequest(body, {
			user: config.user,
			shortId: nextShortId(state),
			now: new Date(newest - (count - 1 - i) * 1000),
		});
		const signRequest = { ...built, status: 'sent', ...overrides };
		if (i === 0) assertValidSignRequest(signRequest);
		storeSignRequest(state, signRequest);
		return signRequest;
	});
}

function finishConverting(state, id) {
	const { is_document_preparation_needed: preparing } = state.signRequests.get(id);
	advanceSignRequest(state, id, preparing ? 'created' : 'sent');
}

/** The signer whose turn it is: the first, by order, who signs or approves and has not decided. */
function nextToAct(signRequest) {
	return signRequest.signers
		.filter((signer) => signer.role !== 'final_copy_reader' && !signer.signer_decision)
		.sort((a, b) => a.order - b.order)[0];
}

function signAll(signRequest, at) {
	for (const signer of signRequest.signers) {
		if (signer.role === 'final_copy_reader' || signer.signer_decision) continue;
		signer.has_viewed_document = true;
		signer.signer_decision = { type: 'signed', finalized_at: at, additional_info: null };
	}
}

function storeSignRequest(state, signRequest) {
	state.signRequests.set(signRequest.id, signRequest);
	state.activity.set(signRequest.id, { fetches: 0, lastSentAt: new Date(signRequest.created_at) });
}

function replaceSignRequest(state, signRequest) {
	assertValidSignRequest(signRequest);
	state.signRequests.set(signRequest.id, signRequest);
	return signRequest;
}

function existingSignRequest(state, id) {
	const signRequest = state.signRequests.get(id);
	if (!signRequest) throw new Error(`Box sandbox: no sign request '${id}'`);
	return signRequest;
}

function assertValidSignRequest(signRequest) {
	const { errors } = validateSchema('SignRequest', signRequest);
	if (errors.length) {
		const details = errors.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
		throw new Error(`Box sandbox: not a valid SignRequest: ${details}`);
	}
}

function newestFirst(signRequests) {
	return [...signRequests.values()]
		.reverse()
		.sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
}

function nextShortId(state) {
	return `SR-${10001 + state.signRequests.size}`;
}

/** Rules Box enforces that the OpenAPI schema does not encode. */
function boxRuleViolations(body) {
	const problems = [];
	const fromTemplate = Boolean(body.template_id);
	if (!body.source_files?.length && !fromTemplate) {
		problems.push({
			name: 'source_files',
			message: "Either 'source_files' (1 to 10 files) or 'template_id' must be provided.",
		});
	}
	body.source_files?.forEach((file, i) => {
		// File--Base is nullable in the spec, but a null entry names no file.
		if (file === null)
			problems.push({
				name: `source_files[${i}]`,
				message: `'source_files[${i}]' should be a file.`,
			});
	});
	if (body.signers.length === 0) {
		problems.push({ name: 'signers', message: "'signers' should contain at least 1 signer." });
	}
	if (body.signers.length > MAX_SIGNERS) {
		problems.push({
			name: 'signers',
			message: `'signers' should contain at most ${MAX_SIGNERS} signers.`,
		});
	}
	if (body.parent_folder?.id === '0') {
		problems.push({
			name: 'parent_folder.id',
			message: "Invalid value '0'. 'parent_folder.id' cannot be the root folder.",
		});
	}
	body.signers.forEach((signer, i) =>
		problems.push(...signerRuleViolations(signer, `signers[${i}]`, fromTemplate)),
	);
	return problems;
}

function signerRuleViolations(signer, prefix, fromTemplate) {
	const problems = [];
	const email = `${prefix}.email`;
	if (signer.email == null && !fromTemplate) {
		problems.push({ name: email, message: `'${email}' is required.` });
	}
	if (signer.email != null && !EMAIL.test(signer.email)) {
		problems.push({
			name: email,
			message: `Invalid value '${signer.email}'. '${email}' should be a valid email address.`,
		});
	}
	if (signer.login_required && signer.verification_phone_number) {
		problems.push({
			name: `${prefix}.login_required`,
			message: `'${prefix}.login_required' cannot be combined with '${prefix}.verification_phone_number'.`,
		});
	}
	return problems;
}

// allOf branches repeat some checks, e.g. `type: object` on the body itself.
function uniqueProblems(problems) {
	const byMessage = new Map(problems.map((problem) => [problem.message, problem]));
	return [...byMessage.values()];
}

function buildSignRequest(body, { user, shortId, now, template }) {
	const id = randomUUID();
	const sourceFiles = (body.source_files ?? []).map((file) =>
		boxFile(file.id, `Document ${file.id}.pdf`),
	);
	const documents = template?.source_files ?? sourceFiles;
	const name = body.name ?? documents[0]?.name ?? 'Sign Request';
	const parentFolder = body.parent_folder
		? { id: body.parent_folder.id, name: 'Signed Documents' }
		: (template?.parent_folder ?? MY_SIGN_REQUESTS_FOLDER);
	const daysValid = body.days_valid ?? template?.days_valid ?? null;
	const signers = template
		? templateSigners(template, body)
		: body.signers.map((signer) => ({ signer, inputs: [] }));
	return {
		type: 'sign-request',
		id,
		short_id: shortId,
		status: 'converting',
		name,
		is_document_preparation_needed: body.is_document_preparation_needed ?? false,
		prepare_url: body.is_document_preparation_needed ? `${documentUrl(id)}prepare_doc/` : null,
		redirect_url: body.redirect_url ?? null,
		declined_redirect_url: body.declined_redirect_url ?? null,
		are_text_signatures_enabled: body.are_text_signatures_enabled ?? true,
		are_reminders_enabled: body.are_reminders_enabled ?? false,
		email_subject: body.email_subject ?? template?.email_subject ?? null,
		email_message: body.email_message ?? template?.email_message ?? null,
		signature_color: body.signature_color ?? null,
		prefill_tags: body.prefill_tags ?? [],
		days_valid: daysValid,
		auto_expire_at: expiryDate(now, daysValid),
		external_id: body.external_id ?? null,
		external_system_name: body.external_system_name ?? null,
		template_id: body.template_id ?? null,
		request_flow: body.request_flow ?? template?.request_flow ?? 'standard',
		// Box's template guide shows a request made from a template with `source_files: []`.
		source_files: sourceFiles,
		parent_folder: boxFolder(parentFolder),
		signers: buildSigners(id, signers, user),
		sign_files: {
			files: documents.map((file) => boxFile(numericId(`${id}:${file.id}`), file.name)),
			is_ready_for_download: true,
		},
		signing_log: boxFile(numericId(`${id}:log`), `${name.replace(/\.[^.]*$/, '')} Signing Log.pdf`),
		collaborator_level: 'owner',
		sender_email: user.login,
		sender_id: Number(user.id),
		created_at: now.toISOString(),
		finished_at: null,
		error_code: null,
	};
}

function expiryDate(now, daysValid) {
	if (daysValid == null) return null;
	return new Date(now.getTime() + daysValid * DAY_MS).toISOString();
}

/**
 * The `signers` of a sign request from `[{ signer, inputs }]`. Box adds the requester as a
 * `final_copy_reader` unless they already take part.
 */
function buildSigners(signRequestId, entries, user) {
	const groupIds = sharedGroupIds(entries.map(({ signer }) => signer));
	const signers = entries.map(({ signer, inputs }) =>
		buildSigner(signRequestId, signer, inputs, groupIds),
	);
	if (signers.some((signer) => signer.email === user.login)) return signers;
	const requester = { email: user.login, role: 'final_copy_reader' };
	return [buildSigner(signRequestId, requester, [], groupIds), ...signers];
}

// `password` is write-only: Box never returns it.
function buildSigner(signRequestId, input, inputs, groupIds) {
	const embedUrl =
		input.embed_url_external_user_id == null
			? null
			: `${documentUrl(signRequestId)}${sha1(`${signRequestId}:${input.email}`)}/`;
	return {
		email: input.email ?? null,
		role: input.role ?? 'signer',
		is_in_person: input.is_in_person ?? false,
		order: input.order ?? 0,
		verification_phone_number: input.verification_phone_number ?? null,
		embed_url_external_user_id: input.embed_url_external_user_id ?? null,
		redirect_url: input.redirect_url ?? null,
		declined_redirect_url: input.declined_redirect_url ?? null,
		login_required: input.login_required ?? false,
		has_viewed_document: false,
		signer_decision: null,
		signer_group_id: groupIds.get(input.signer_group_id) ?? null,
		inputs,
		embed_url: embedUrl,
		iframeable_embed_url: embedUrl?.replace('/sign/', '/embed/sign/') ?? null,
		suppress_notifications: input.suppress_notifications ?? false,
		attachments: [],
		language: input.language ?? null,
	};
}

/** Box replaces a `signer_group_id` shared by several signers with a UUID, and drops lone ones. */
function sharedGroupIds(inputs) {
	const counts = new Map();
	for (const { signer_group_id: group } of inputs) {
		if (group != null) counts.set(group, (counts.get(group) ?? 0) + 1);
	}
	return new Map(
		[...counts].filter(([, count]) => count > 1).map(([group]) => [group, randomUUID()]),
	);
}

function documentUrl(signRequestId) {
	return `https://app.box.com/sign/document/${signRequestId}/`;
}

module.exports = {
	createSignRequest,
	getSignRequest,
	listSignRequests,
	cancelSignRequest,
	resendSignRequest,
	advanceSignRequest,
	backdateSignRequest,
	seedSignRequests,
};
