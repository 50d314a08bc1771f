'use strict';

// The small Box objects that sign requests and templates are made of.

const { createHash } = require('node:crypto');

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

/** A stable, Box-looking 13-digit ID derived from `seed`. */
function numericId(seed) {
	return String(1e12 + (parseInt(sha1(seed).slice(0, 12), 16) % 9e12));
}

/** A stable UUID-shaped ID derived from `seed`. */
function stableUuid(seed) {
	const hex = sha1(seed);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function sha1(text) {
	return createHash('sha1').update(text).digest('hex');
}

module.exports = { boxFile, boxFolder, numericId, stableUuid, sha1 };
