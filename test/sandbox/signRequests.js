'use strict';

// Box Sign request handlers and the objects Box answers with.

const { createHash, randomUUID } = require('node:crypto');
const { validateSchema } = require('./openapi');
const { describeSchemaError, invalidParameters, notFound } = require('./errors');

const MAX_SIGNERS = 35;
const DAY_MS = 24 * 60 * 60 * 1000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MY_SIGN_REQUESTS_FOLDER = { id: '157064745449', name: 'My Sign Requests' };

/** POST /2.0/sign_requests */
function createSignRequest({ request, state, config }) {
	const body = request.body;
	const { errors } = validateSchema('SignRequestCreateRequest', body);
	const problems = errors.length
		? uniqueProblems(errors.map(describeSchemaError))
		: boxRuleViolations(body);
	if (problems.length) return invalidParameters(problems);

	const signRequest = buildSignRequest(body, {
		user: config.user,
		shortId: `SR-${10001 + state.signRequests.size}`,
		now: new Date(),
	});
	state.signRequests.set(signRequest.id, signRequest);
	return { status: 201, body: signRequest };
}

/** GET /2.0/sign_requests/:sign_request_id */
function getSignRequest({ params, state }) {
	const signRequest = state.signRequests.get(params.sign_request_id);
	if (!signRequest) return notFound('sign_request_id', params.sign_request_id);
	return { status: 200, body: signRequest };
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

function buildSignRequest(body, { user, shortId, now }) {
	const id = randomUUID();
	const sourceFiles = (body.source_files ?? []).map((file) =>
		boxFile(file.id, `Document ${file.id}.pdf`),
	);
	const name = body.name ?? sourceFiles[0]?.name ?? 'Sign Request';
	const parentFolder = body.parent_folder
		? { id: body.parent_folder.id, name: 'Signed Documents' }
		: MY_SIGN_REQUESTS_FOLDER;
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
		email_subject: body.email_subject ?? null,
		email_message: body.email_message ?? null,
		signature_color: body.signature_color ?? null,
		prefill_tags: body.prefill_tags ?? [],
		days_valid: body.days_valid ?? null,
		auto_expire_at: expiryDate(now, body.days_valid),
		external_id: body.external_id ?? null,
		external_system_name: body.external_system_name ?? null,
		template_id: body.template_id ?? null,
		request_flow: body.request_flow ?? 'standard',
		source_files: sourceFiles,
		parent_folder: boxFolder(parentFolder),
		signers: buildSigners(id, body.signers, user),
		sign_files: {
			files: sourceFiles.map((file) => boxFile(numericId(`${id}:${file.id}`), file.name)),
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

/** Box adds the requester as a `final_copy_reader` unless they already take part. */
function buildSigners(signRequestId, inputs, user) {
	const groupIds = sharedGroupIds(inputs);
	const signers = inputs.map((input) => buildSigner(signRequestId, input, groupIds));
	if (signers.some((signer) => signer.email === user.login)) return signers;
	return [
		buildSigner(signRequestId, { email: user.login, role: 'final_copy_reader' }, groupIds),
		...signers,
	];
}

// `password` is write-only: Box never returns it.
function buildSigner(signRequestId, input, groupIds) {
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
		inputs: [],
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

function boxFile(id, name) {
	const hash = sha1(`file:${id}`);
	return {
		id,
		etag: '1',
		type: 'file',
		sequence_id: '1',
		name,
		sha1: hash,
		file_version: { id: numericId(`version:${id}`), type: 'file_version', sha1: hash },
	};
}

function boxFolder({ id, name }) {
	return { id, etag: '0', type: 'folder', sequence_id: '0', name };
}

function documentUrl(signRequestId) {
	return `https://app.box.com/sign/document/${signRequestId}/`;
}

/** A stable, Box-looking 13-digit ID derived from `seed`. */
function numericId(seed) {
	return String(1e12 + (parseInt(sha1(seed).slice(0, 12), 16) % 9e12));
}

function sha1(text) {
	return createHash('sha1').update(text).digest('hex');
}

module.exports = { createSignRequest, getSignRequest };
