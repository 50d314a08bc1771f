'use strict';

// Box's marker pagination and the query parameters the list endpoints read.

const { invalidParameters } = require('./errors');

// The spec gives no default. 10 is what a recorded Box answer shows (box/box-windows-sdk-v2's
// GetAllSignTemplates200 fixture); how it was requested is not known.
const DEFAULT_LIMIT = 10;
// Box clamps a larger limit and reports the one it used (the spec's `limit` description).
const MAX_LIMIT = 1000;

/**
 * The page of `items` (already in list order) that the `limit` and `marker` query parameters
 * select, as a `{ limit, next_marker, prev_marker, entries }` body; or Box's 400 for a bad value.
 * A marker names the first entry of its page, so entries added meanwhile shift nothing.
 */
function markerPage(items, query) {
	const problems = [];
	const limit = readLimit(query, problems);
	const start = readMarker(query, items, problems);
	if (problems.length) return invalidParameters(problems);

	const end = start + limit;
	const previous = Math.max(0, start - limit);
	return {
		status: 200,
		body: {
			limit,
			next_marker: end < items.length ? encodeMarker(items[end]) : null,
			prev_marker: start > 0 ? encodeMarker(items[previous]) : null,
			entries: items.slice(start, end),
		},
	};
}

function readLimit(query, problems) {
	const text = queryValue(query, 'limit');
	if (text === undefined) return DEFAULT_LIMIT;
	if (!/^\d+$/.test(text)) {
		problems.push({
			name: 'limit',
			message: `Invalid value '${text}'. 'limit' should be of type integer.`,
		});
		return DEFAULT_LIMIT;
	}
	if (Number(text) < 1) {
		problems.push({
			name: 'limit',
			message: `Invalid value '${text}'. 'limit' should be at least 1.`,
		});
	}
	return Math.min(Number(text), MAX_LIMIT);
}

// Box's marker guide: no marker, or marker `0`, asks for the first page.
function readMarker(query, items, problems) {
	const marker = queryValue(query, 'marker');
	if (!marker || marker === '0') return 0;
	const id = Buffer.from(marker, 'base64url').toString('utf8');
	const start = items.findIndex((item) => item.id === id);
	if (start === -1) {
		problems.push({
			name: 'marker',
			message: `Invalid value '${marker}'. 'marker' is not a valid marker.`,
		});
		return 0;
	}
	return start;
}

function encodeMarker(item) {
	return Buffer.from(item.id, 'utf8').toString('base64url');
}

/** Every value of a query parameter, repeated (`a=1&a=2`) or not. */
function queryValues(query, name) {
	return [query[name] ?? []].flat();
}

/** The first value of a query parameter, or undefined. */
function queryValue(query, name) {
	return queryValues(query, name)[0];
}

/** A `true`/`false` query parameter: its value, or a problem for anything else. */
function readBoolean(query, name, problems) {
	const text = queryValue(query, name);
	if (text === undefined || text === 'false') return false;
	if (text === 'true') return true;
	problems.push({ name, message: `Invalid value '${text}'. '${name}' should be of type boolean.` });
	return false;
}

module.exports = { markerPage, queryValues, readBoolean };
