'use strict';

// File downloads: Box answers GET /2.0/files/:id/content with a 302 to a short-lived,
// token-only download URL on another host (dl.boxcloud.com on Box), which serves the bytes.
// Here that host is a second HTTP server on another port, so another origin: it records every
// request it gets, so tests can check that no bearer token was sent there.
// While a sign request is `finalizing`, its signed documents answer 202 with Retry-After, as Box's
// OpenAPI documents for a file that is not ready to download yet.

const http = require('node:http');
const { randomBytes } = require('node:crypto');
const { errorForStatus, notFound } = require('./errors');

/** Seconds the sandbox tells a client to wait for a signed document that is still finalizing. */
const FINALIZING_RETRY_AFTER_SECONDS = 1;

/** GET /2.0/files/:file_id/content, for the files of sign requests and templates. */
function getFileContent({ params, state, config }) {
	const found = findFile(state, params.file_id);
	// Box names a missing file `item` with the `f_` prefix of its typed IDs.
	if (!found) return notFound('item', `f_${params.file_id}`);
	if (found.kind === 'signed' && found.signRequest.status === 'finalizing') {
		return { status: 202, headers: { 'retry-after': String(FINALIZING_RETRY_AFTER_SECONDS) } };
	}
	const token = randomBytes(24).toString('base64url');
	state.downloads.set(token, found);
	return { status: 302, headers: { location: `${config.downloadBaseUrl}/download/${token}` } };
}

/** GET /download/:token on the download host: no bearer token needed, as on Box's. */
function download(state, path) {
	const token = /^\/download\/([\w-]+)$/.exec(path)?.[1];
	const found = token && state.downloads.get(token);
	if (!found) return errorForStatus(404);
	const { file, kind } = found;
	return {
		status: 200,
		headers: { 'content-type': 'application/pdf', 'content-disposition': attachment(file.name) },
		body: pdfDocument(`${CONTENT_LABELS[kind]}: ${file.name}`),
	};
}

// Each kind of file has its own bytes, so a test sees which one the node downloaded.
const CONTENT_LABELS = {
	signed: 'Signed',
	log: 'Signing log',
	source: 'Source',
	template: 'Template',
};

function findFile(state, id) {
	for (const signRequest of state.signRequests.values()) {
		const kinds = [
			['signed', signRequest.sign_files.files],
			['log', [signRequest.signing_log]],
			['source', signRequest.source_files],
		];
		for (const [kind, files] of kinds) {
			const file = files.find((candidate) => candidate?.id === id);
			if (file) return { file, kind, signRequest };
		}
	}
	for (const template of state.signTemplates.values()) {
		const file = template.source_files.find((candidate) => candidate.id === id);
		if (file) return { file, kind: 'template' };
	}
	return undefined;
}

/**
 * Starts the download host on 127.0.0.1. `getState()` gives the sandbox's current state (it is
 * replaced on reset); `requests` holds `{ method, path, headers }` of every request received.
 */
async function startDownloadHost(getState) {
	const requests = [];
	const server = http.createServer((req, res) => {
		requests.push({ method: req.method, path: req.url, headers: { ...req.headers } });
		const {
			status,
			headers = {},
			body,
		} = req.method === 'GET' ? download(getState(), req.url) : errorForStatus(405);
		const payload = Buffer.isBuffer(body) ? body : JSON.stringify(body);
		res.writeHead(status, {
			...(!Buffer.isBuffer(body) && { 'content-type': 'application/json' }),
			'content-length': Buffer.byteLength(payload),
			...headers,
		});
		res.end(payload);
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	return {
		baseUrl: `http://127.0.0.1:${server.address().port}`,
		requests,
		close: () =>
			new Promise((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	};
}

function attachment(fileName) {
	const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** A one-page PDF 1.4 that shows `text`, with a correct cross-reference table. */
function pdfDocument(text) {
	const content = `BT /F1 18 Tf 72 720 Td (${pdfString(text)}) Tj ET`;
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
		`<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
	];
	let pdf = '%PDF-1.4\n';
	const offsets = objects.map((object, i) => {
		const offset = pdf.length;
		pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
		return offset;
	});
	const xrefOffset = pdf.length;
	pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
	pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
	return Buffer.from(pdf, 'latin1');
}

// Plain ASCII only, so that string length is byte length; PDF strings escape \ ( and ).
function pdfString(text) {
	return text.replace(/[^\x20-\x7e]/g, '?').replace(/[\\()]/g, '\\$&');
}

module.exports = { getFileContent, startDownloadHost };
