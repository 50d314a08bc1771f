'use strict';

// File downloads: Box answers GET /2.0/files/:id/content with a 302 to a short-lived,
// token-only download URL (dl.boxcloud.com on Box), which serves the bytes.

const { randomBytes } = require('node:crypto');
const { errorForStatus, notFound } = require('./errors');

/** GET /2.0/files/:file_id/content, for the files of sign requests and templates. */
function getFileContent({ request, params, state }) {
	const file = findFile(state, params.file_id);
	// Box names a missing file `item` with the `f_` prefix of its typed IDs.
	if (!file) return notFound('item', `f_${params.file_id}`);
	const token = randomBytes(24).toString('base64url');
	state.downloads.set(token, file);
	return { status: 302, headers: { location: `http://${request.headers.host}/download/${token}` } };
}

/** GET /download/:token: no bearer token needed, as on Box's download host. */
function download({ params, state }) {
	const file = state.downloads.get(params.token);
	if (!file) return errorForStatus(404);
	return {
		status: 200,
		headers: { 'content-type': 'application/pdf', 'content-disposition': attachment(file.name) },
		body: pdfDocument(file.name),
	};
}

function findFile(state, id) {
	const signRequestFiles = [...state.signRequests.values()].flatMap((signRequest) => [
		...signRequest.source_files,
		...signRequest.sign_files.files,
		signRequest.signing_log,
	]);
	const templateFiles = [...state.signTemplates.values()].flatMap((t) => t.source_files);
	return [...signRequestFiles, ...templateFiles].find((file) => file?.id === id);
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

module.exports = { getFileContent, download };
