'use strict';

// Box Sign templates: the ones every sandbox starts with, their endpoints, and how Box fills a
// template's signers and tags when a sign request is created from it.

const { boxFile, boxFolder, stableUuid } = require('./boxObjects');
const { notFound } = require('./errors');
const { CONTRACTS_FOLDER } = require('./fileTree');
const { markerPage } = require('./paging');

// What each of a template's locks keeps the sender from changing in a request made from it
// (Box's template settings: fields, options, recipients, email settings, files).
const LOCKED_BODY_FIELDS = {
	are_fields_locked: ['is_document_preparation_needed'],
	are_options_locked: ['days_valid', 'are_reminders_enabled', 'are_text_signatures_enabled'],
	are_email_settings_locked: ['email_subject', 'email_message'],
	are_files_locked: ['source_files'],
};
const LOCKS = [...Object.keys(LOCKED_BODY_FIELDS), 'are_recipients_locked'];

// Shaped like Box's own answers (box/box-windows-sdk-v2's GetAllSignTemplates200 fixture): signers
// whose email the sender must give have `email: ''`; `document_tag_id` is null on untagged inputs.
const SEED_TEMPLATES = [
	{
		id: '123075213-7d117509-8f05-42e4-a5ef-5190a319d41d',
		name: 'Employment Contract.pdf',
		fileId: '1381301154812',
		email_subject: 'Please sign your employment contract',
		email_message: 'Welcome aboard! Please review and sign your contract.',
		days_valid: 14,
		signers: [
			{ role: 'final_copy_reader', label: 'HR records', email: 'hr@example.com', order: 1 },
			{
				role: 'signer',
				label: 'Employee',
				order: 1,
				inputs: [
					{ tag: 'contract_amount', type: 'text', label: 'Annual salary' },
					{ tag: 'start_date', type: 'date', label: 'Start date' },
					{ tag: 'agree_terms', type: 'checkbox', label: 'I agree to the terms' },
					{ tag: null, type: 'signature' },
				],
			},
		],
	},
	{
		id: '123075213-af2c8822-3ef2-4952-8557-52d69c2fe9cb',
		name: 'Mutual NDA.pdf',
		fileId: '1381301154813',
		email_subject: null,
		email_message: null,
		days_valid: null,
		signers: [
			{
				role: 'signer',
				label: 'Counterparty',
				order: 1,
				inputs: [
					{ tag: 'company_name', type: 'text', contentType: 'company', label: 'Company' },
					{ tag: 'effective_date', type: 'date', label: 'Effective date' },
					{ tag: null, type: 'signature' },
				],
			},
		],
	},
	{
		id: '123075213-4b2fd4b6-2a1c-4a0b-9f3e-6d0c3a9e8b17',
		name: 'Sales Order.pdf',
		fileId: '1381301154814',
		email_subject: 'Your sales order',
		email_message: null,
		days_valid: 30,
		signers: [
			{
				role: 'signer',
				label: 'Customer',
				order: 1,
				inputs: [
					{ tag: 'order_total', type: 'text', label: 'Order total' },
					{ tag: 'delivery_date', type: 'date', label: 'Delivery date' },
					{ tag: null, type: 'signature' },
				],
			},
			{
				role: 'approver',
				label: 'Sales manager',
				email: 'sales.manager@example.com',
				order: 2,
				inputs: [{ tag: 'discount_approved', type: 'checkbox', label: 'Discount approved' }],
			},
		],
	},
];

/** The templates a fresh sandbox holds, by ID. */
function seedTemplates() {
	return new Map(SEED_TEMPLATES.map((seed) => [seed.id, buildTemplate(seed)]));
}

/** GET /2.0/sign_templates */
function listSignTemplates({ request, state }) {
	return markerPage([...state.signTemplates.values()], request.query);
}

/** GET /2.0/sign_templates/:template_id */
function getSignTemplate({ params, state }) {
	const template = state.signTemplates.get(params.template_id);
	if (!template) return notFound('template_id', params.template_id);
	return { status: 200, body: template };
}

/** Sets the lock flags `locks` (e.g. 'are_files_locked') on a template; returns it. */
function lockSignTemplate(state, id, locks) {
	const template = state.signTemplates.get(id);
	if (!template) throw new Error(`Box sandbox: no sign template '${id}'`);
	for (const lock of locks) {
		if (!LOCKS.includes(lock)) throw new Error(`Box sandbox: no template lock '${lock}'`);
		template[lock] = true;
	}
	return template;
}

/**
 * Box's rules for a request made from `template`: nothing its locks keep, every prefill tag is
 * one of the template's, and every signer ends up with an email, from the request or from the
 * template signer it fills.
 */
function templateRuleViolations(template, body) {
	return [...lockViolations(template, body), ...fillViolations(template, body)];
}

function lockViolations(template, body) {
	const problems = Object.entries(LOCKED_BODY_FIELDS)
		.filter(([lock]) => template[lock])
		.flatMap(([lock, fields]) =>
			fields
				.filter((field) => changes(field, body[field]))
				.map((field) => lockedField(template, lock, field)),
		);
	if (template.are_recipients_locked) problems.push(...recipientChanges(template, body));
	return problems;
}

// A request changes a locked part by giving it a value; for the fields, by asking to prepare them.
function changes(field, value) {
	if (field === 'is_document_preparation_needed') return value === true;
	return value != null && !(Array.isArray(value) && value.length === 0);
}

function lockedField(template, lock, name) {
	const part = lock.replace(/^are_|_locked$/g, '').replace(/_/g, ' ');
	return {
		name,
		message: `'${name}' cannot be set: template '${template.id}' has its ${part} locked.`,
	};
}

/** With recipients locked, a request may only give the emails the template leaves open. */
function recipientChanges(template, body) {
	const { slots, extra } = fillTemplateSigners(template, body);
	const changed = slots.filter(
		({ slot, signer }) => signer?.email && slot.email && signer.email !== slot.email,
	);
	return [
		...changed.map(({ index }) =>
			lockedField(template, 'are_recipients_locked', `signers[${index}].email`),
		),
		...extra.map(({ index }) =>
			lockedField(template, 'are_recipients_locked', `signers[${index}]`),
		),
	];
}

function fillViolations(template, body) {
	const tags = templateTags(template);
	const problems = (body.prefill_tags ?? []).flatMap((tag, i) => {
		const name = `prefill_tags[${i}].document_tag_id`;
		if (tag.document_tag_id == null || tags.includes(tag.document_tag_id)) return [];
		return [
			{
				name,
				message: `Invalid value '${tag.document_tag_id}'. '${name}' is not a tag of template '${template.id}'; its tags are: ${tags.join(', ')}.`,
			},
		];
	});
	const { slots, extra } = fillTemplateSigners(template, body);
	for (const { slot, signer } of slots) {
		if (!signer && !slot.email && slot.role !== 'final_copy_reader') {
			problems.push({
				name: 'signers',
				message: `'signers' should contain a signer with role '${slot.role}' for template signer '${slot.label}'.`,
			});
		}
	}
	const withoutEmail = [
		...slots.filter(({ slot, signer }) => signer && !signer.email && !slot.email),
		...extra.filter(({ signer }) => !signer.email),
	];
	for (const { index } of withoutEmail) {
		problems.push({
			name: `signers[${index}].email`,
			message: `'signers[${index}].email' is required.`,
		});
	}
	return problems;
}

/**
 * The request's signers laid over the template's, as `[{ signer, inputs }]`. Each request signer
 * fills the next template signer with its role, in order, and takes its inputs (with the prefill
 * values), and its order and email where the request gives none. Template signers left with an
 * email stay; extra request signers come after. A template's open `final_copy_reader` is left to
 * the requester, whom Box adds anyway.
 */
function templateSigners(template, body) {
	const prefills = new Map((body.prefill_tags ?? []).map((tag) => [tag.document_tag_id, tag]));
	const { slots, extra } = fillTemplateSigners(template, body);
	const fromTemplate = slots
		.filter(({ slot, signer }) => signer || slot.email)
		.map(({ slot, signer = {} }) => ({
			signer: {
				order: slot.order,
				is_in_person: slot.is_in_person,
				...signer,
				email: signer.email || slot.email,
				role: slot.role,
			},
			inputs: slot.inputs.map((input) => signerInput(input, prefills.get(input.document_tag_id))),
		}));
	return [...fromTemplate, ...extra.map(({ signer }) => ({ signer, inputs: [] }))];
}

function fillTemplateSigners(template, body) {
	const slots = template.signers.map((slot) => ({ slot }));
	const extra = [];
	body.signers.forEach((signer, index) => {
		const open = slots.find((s) => !s.signer && s.slot.role === (signer.role ?? 'signer'));
		if (open) Object.assign(open, { signer, index });
		else extra.push({ signer, index });
	});
	return { slots, extra };
}

function templateTags(template) {
	return template.signers.flatMap((signer) =>
		signer.inputs.map((input) => input.document_tag_id).filter((tag) => tag !== null),
	);
}

/** A template input as a sign request signer's `SignRequestSignerInput`, prefilled. */
function signerInput(input, prefill) {
	return {
		document_tag_id: input.document_tag_id,
		text_value: prefill?.text_value ?? null,
		checkbox_value: prefill?.checkbox_value ?? null,
		date_value: prefill?.date_value ?? null,
		type: input.type,
		content_type: input.content_type,
		page_index: input.page_index,
		read_only: input.read_only,
	};
}

function buildTemplate(seed) {
	const documentId = `${seed.id.split('-')[0]}-${stableUuid(`document:${seed.id}`)}`;
	return {
		type: 'sign-template',
		id: seed.id,
		name: seed.name,
		email_subject: seed.email_subject,
		email_message: seed.email_message,
		days_valid: seed.days_valid,
		parent_folder: boxFolder(CONTRACTS_FOLDER),
		source_files: [boxFile(seed.fileId, seed.name)],
		are_email_settings_locked: false,
		are_fields_locked: false,
		are_files_locked: false,
		are_options_locked: false,
		are_recipients_locked: false,
		signers: seed.signers.map((signer) => buildTemplateSigner(signer, documentId)),
		ready_sign_link: null,
		custom_branding: null,
		request_flow: 'standard',
		additional_info: {
			non_editable: [],
			required: { signers: seed.signers.map((signer) => (signer.email ? [] : ['email'])) },
		},
	};
}

function buildTemplateSigner(signer, documentId) {
	const publicId = stableUuid(`signer:${documentId}:${signer.label}`);
	return {
		email: signer.email ?? '',
		label: signer.label,
		public_id: publicId.replace(/-/g, '').slice(0, 8).toUpperCase(),
		role: signer.role,
		is_in_person: false,
		order: signer.order,
		signer_group_id: null,
		is_password_required: false,
		is_phone_number_required: false,
		login_required: false,
		inputs: (signer.inputs ?? []).map((input, i) =>
			buildTemplateInput(input, i, publicId, documentId),
		),
	};
}

function buildTemplateInput({ tag, type, contentType, label = null }, index, signerId, documentId) {
	return {
		document_tag_id: tag,
		id: stableUuid(`input:${signerId}:${index}`),
		type,
		text_value: null,
		is_required: true,
		coordinates: { x: 0.1, y: 0.2 + index * 0.1 },
		dimensions: { width: 0.3, height: 0.05 },
		date_value: null,
		page_index: 0,
		checkbox_value: null,
		document_id: documentId,
		content_type: contentType ?? type,
		dropdown_choices: null,
		group_id: null,
		label,
		read_only: false,
	};
}

module.exports = {
	seedTemplates,
	listSignTemplates,
	getSignTemplate,
	lockSignTemplate,
	templateRuleViolations,
	templateSigners,
};
