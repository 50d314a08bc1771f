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

function mapValues(object, fn) {
	return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, fn(value)]));
}

function isObject(value) {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

module.exports = { validateSchema, toJsonSchema };
