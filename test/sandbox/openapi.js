'use strict';

// Validates data against the schemas of the vendored Box OpenAPI 3.0 description.

const Ajv = require('ajv');
const addFormats = require('ajv-formats');
const spec = require('./openapi/sign-requests.openapi.json');

const SPEC_ID = 'box-openapi.json';

// Box uses these format names as labels for strings that have no checkable syntax
// (e.g. `format: urn` on grant_type, whose values are plain words like "refresh_token").
const LABEL_FORMATS = ['digest', 'jwt', 'space_delimited_list', 'token', 'urn'];

const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'];

/**
 * Rewrites one OpenAPI 3.0 Schema Object as JSON Schema: `nullable: true` adds
 * "null" to `type` (and to `enum`, which would otherwise still refuse null), and
 * the annotations ajv does not know (`example`, `x-*`) are dropped.
 */
function toJsonSchema(schema) {
	const result = {};
	for (const [keyword, value] of Object.entries(schema)) {
		if (keyword === 'nullable' || keyword === 'example' || keyword.startsWith('x-')) continue;
		result[keyword] = value;
	}
	if (schema.properties) result.properties = mapValues(schema.properties, toJsonSchema);
	if (isObject(schema.items)) result.items = toJsonSchema(schema.items);
	if (isObject(schema.additionalProperties)) {
		result.additionalProperties = toJsonSchema(schema.additionalProperties);
	}
	if (isObject(schema.not)) result.not = toJsonSchema(schema.not);
	for (const list of SUBSCHEMA_LISTS) {
		if (schema[list]) result[list] = schema[list].map(toJsonSchema);
	}
	// OpenAPI 3.0.3: nullable only has an effect next to an explicit type.
	if (schema.nullable === true && schema.type) {
		result.type = [schema.type, 'null'];
		if (schema.enum && !schema.enum.includes(null)) result.enum = [...schema.enum, null];
	}
	return result;
}

function createAjv() {
	const ajv = new Ajv({
		allErrors: true,
		verbose: true, // puts the offending value on each error, for Box-style messages
		allowUnionTypes: true,
		strictTypes: false, // allOf branches carry `properties` without `type: object`
	});
	addFormats(ajv);
	for (const format of LABEL_FORMATS) ajv.addFormat(format, true);
	// Schemas live under the document's `components`; refs point there with JSON pointers.
	ajv.addKeyword('components');
	ajv.addSchema({
		$id: SPEC_ID,
		components: { schemas: mapValues(spec.components.schemas, toJsonSchema) },
	});
	return ajv;
}

const ajv = createAjv();

/** Validates `data` against `#/components/schemas/<schemaName>`; returns ajv's errors. */
function validateSchema(schemaName, data) {
	const validate = ajv.getSchema(`${SPEC_ID}#/components/schemas/${schemaName}`);
	if (!validate) throw new Error(`Unknown schema: ${schemaName}`);
	const valid = validate(data);
	return { valid, errors: valid ? [] : validate.errors };
}

/**
 * The fields of `data` that `#/components/schemas/<schemaName>` does not describe, at any depth,
 * named like `signers[0].colour`. Schemas that list no properties (free-form objects) take any.
 */
function unknownFields(schemaName, data) {
	return unknownFieldsIn(spec.components.schemas[schemaName], data, '');
}

function unknownFieldsIn(schema, data, path) {
	if (Array.isArray(data)) {
		const items = itemsOf(schema);
		return items ? data.flatMap((entry, i) => unknownFieldsIn(items, entry, `${path}[${i}]`)) : [];
	}
	const properties = propertiesOf(schema);
	if (!isObject(data) || !properties) return [];
	return Object.entries(data).flatMap(([name, value]) => {
		const field = path ? `${path}.${name}` : name;
		return name in properties ? unknownFieldsIn(properties[name], value, field) : [field];
	});
}

/** The properties a schema describes, its allOf branches' included; undefined if it lists none. */
function propertiesOf(schema) {
	const resolved = resolveRef(schema);
	const branches = (resolved.allOf ?? []).map(propertiesOf).filter(Boolean);
	if (!resolved.properties && branches.length === 0) return undefined;
	return Object.assign({}, ...branches, resolved.properties);
}

function itemsOf(schema) {
	const resolved = resolveRef(schema);
	return resolved.items ?? (resolved.allOf ?? []).map(itemsOf).find(Boolean);
}

function resolveRef(schema) {
	if (!schema.$ref) return schema;
	return resolveRef(spec.components.schemas[schema.$ref.split('/').pop()]);
}

/**
 * The operation of the spec at a concrete request path, e.g. `/2.0/sign_requests/123/cancel`
 * (servers' base paths included): `{ template, operation }`, or undefined.
 */
function findOperation(method, path) {
	for (const [key, operations] of Object.entries(spec.paths)) {
		const operation = operations[method.toLowerCase()];
		if (!operation) continue;
		const base = new URL((operation.servers ?? spec.servers)[0].url).pathname.replace(/\/$/, '');
		const template = key.replace(/#.*$/, '');
		const pattern = new RegExp(`^${base}${template.replace(/\{\w+\}/g, '[^/]+')}$`);
		if (pattern.test(path)) return { template, operation };
	}
	return undefined;
}

/**
 * How a response differs from what the spec says the operation answers with that status (or
 * its `default`): a list of problems, empty when it conforms. Undefined when the spec has no
 * operation at that path.
 * @param {{ status: number, contentType?: string | null, text: string }} response
 */
function responseProblems(method, path, { status, contentType, text }) {
	const found = findOperation(method, path);
	if (!found) return undefined;
	const { responses } = found.operation;
	const described = responses[status] ?? responses.default;
	if (!described) return [`${status} is not a documented status`];
	const [mediaType, content] = Object.entries(described.content ?? {})[0] ?? [];
	if (!mediaType) return text === '' ? [] : [`expected no body, got ${JSON.stringify(text)}`];
	const received = (contentType ?? '').split(';')[0].trim();
	if (received !== mediaType) return [`expected ${mediaType}, got '${received}'`];
	const schemaName = content.schema.$ref?.split('/').pop();
	if (!schemaName) return [];
	let data;
	try {
		data = JSON.parse(text);
	} catch {
		return [`body is not JSON: ${JSON.stringify(text.slice(0, 80))}`];
	}
	return validateSchema(schemaName, data).errors.map(
		(error) => `${schemaName}${error.instancePath} ${error.message}`,
	);
}

function mapValues(object, fn) {
	return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, fn(value)]));
}

function isObject(value) {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

module.exports = { validateSchema, unknownFields, toJsonSchema, findOperation, responseProblems };
