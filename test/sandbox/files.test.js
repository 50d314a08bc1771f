'use strict';

const { startSandbox } = require('./server');
const { createClient, notFoundMessage } = require('./testClient');

let sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const call = createClient(() => sandbox);

async function signedRequest(status = 'signed') {
	const created = await call('/2.0/sign_requests', {
		method: 'POST',
		json: {
			name: 'Deal (v2).pdf',
			source_files: [{ id: '1358047520478', type: 'file' }],
			signers: [{ email: 'a@example.com' }],
		},
	});
	return sandbox.advance(created.body.id, status);
}

/** The objects a PDF's cross-reference table points at, as `N 0 obj` headers. */
function xrefTargets(pdf) {
	const text = pdf.toString('latin1');
	const xref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)[1]);
	const [, count, rows] = /^xref\n0 (\d+)\n([\s\S]*?)trailer/.exec(text.slice(xref));
	const offsets = rows
		.match(/[\s\S]{20}/g)
		.slice(1)
		.map((row) => Number(row.slice(0, 10)));
	expect(offsets).toHaveLength(Number(count) - 1);
	return offsets.map((offset) => /^\d+ 0 obj/.exec(text.slice(offset))?.[0]);
}

describe('GET /2.0/files/:id/content', () => {
	test('redirects with 302 to a download URL on another origin, like Box', async () => {
		const signRequest = await signedRequest();

		const response = await call(`/2.0/files/${signRequest.sign_files.files[0].id}/content`, {
			redirect: 'manual',
		});

		expect(response.status).toBe(302);
		expect(response.text).toBe('');
		expect(response.headers.get('location')).toMatch(
			new RegExp(`^${sandbox.downloadBaseUrl}/download/[\\w-]{32}$`),
		);
		expect(new URL(sandbox.downloadBaseUrl).origin).not.toBe(new URL(sandbox.baseUrl).origin);
	});

	test('serves the signed document as a PDF named like the file, once the redirect is followed', async () => {
		const signRequest = await signedRequest();
		const [file] = signRequest.sign_files.files;

		const response = await call(`/2.0/files/${file.id}/content`);

		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(response.headers.get('content-disposition')).toBe(
			`attachment; filename="Document 1358047520478.pdf"; filename*=UTF-8''Document%201358047520478.pdf`,
		);
		expect(Number(response.headers.get('content-length'))).toBe(response.bytes.length);
		expect(response.bytes.subarray(0, 9).toString()).toBe('%PDF-1.4\n');
		expect(response.text).toContain('(Signed: Document 1358047520478.pdf) Tj');
		expect(response.text.endsWith('%%EOF\n')).toBe(true);
		expect(xrefTargets(response.bytes)).toEqual([
			'1 0 obj',
			'2 0 obj',
			'3 0 obj',
			'4 0 obj',
			'5 0 obj',
		]);
		expect(sandbox.requests.at(-1).path).toBe(`/2.0/files/${file.id}/content`);
		expect(sandbox.downloadRequests.map((r) => r.path)).toEqual([
			expect.stringMatching(/^\/download\//),
		]);
	});

	test('serves the signing log and the source and template files too', async () => {
		const signRequest = await signedRequest();
		const template = sandbox.signTemplates.values().next().value;

		const log = await call(`/2.0/files/${signRequest.signing_log.id}/content`);
		const source = await call(`/2.0/files/${signRequest.source_files[0].id}/content`);
		const templateFile = await call(`/2.0/files/${template.source_files[0].id}/content`);

		expect(log.headers.get('content-disposition')).toContain(
			'filename="Deal (v2) Signing Log.pdf"',
		);
		expect(log.text).toContain('(Signing log: Deal \\(v2\\) Signing Log.pdf) Tj');
		expect(xrefTargets(log.bytes)).toHaveLength(5);
		expect(source.status).toBe(200);
		expect(source.text).toContain('(Source: Document 1358047520478.pdf) Tj');
		expect(templateFile.headers.get('content-disposition')).toContain('Employment Contract.pdf');
	});

	test('keeps non-ASCII file names in filename*', async () => {
		const created = await call('/2.0/sign_requests', {
			method: 'POST',
			json: {
				name: 'Vertrag Müller.pdf',
				source_files: [{ id: '7', type: 'file' }],
				signers: [{ email: 'a@example.com' }],
			},
		});

		const log = await call(`/2.0/files/${created.body.signing_log.id}/content`);

		expect(log.headers.get('content-disposition')).toBe(
			`attachment; filename="Vertrag M_ller Signing Log.pdf"; filename*=UTF-8''Vertrag%20M%C3%BCller%20Signing%20Log.pdf`,
		);
		expect(xrefTargets(log.bytes)).toHaveLength(5);
	});

	test('needs a bearer token, but the download URL does not', async () => {
		const signRequest = await signedRequest();
		const path = `/2.0/files/${signRequest.signing_log.id}/content`;

		const anonymous = await call(path, { token: null });
		const redirect = await call(path, { redirect: 'manual' });
		const download = await fetch(redirect.headers.get('location'));

		expect(anonymous.status).toBe(401);
		expect(download.status).toBe(200);
		expect(sandbox.downloadRequests.at(-1).headers.authorization).toBeUndefined();
	});

	test('records an Authorization header sent to the download host', async () => {
		const signRequest = await signedRequest();
		const redirect = await call(`/2.0/files/${signRequest.signing_log.id}/content`, {
			redirect: 'manual',
		});

		await fetch(redirect.headers.get('location'), { headers: { authorization: 'Bearer leaked' } });

		expect(sandbox.downloadRequests.at(-1).headers.authorization).toBe('Bearer leaked');
	});

	test('answers 202 with Retry-After for a signed document while the request is finalizing', async () => {
		const signRequest = await signedRequest('finalizing');

		const response = await call(`/2.0/files/${signRequest.sign_files.files[0].id}/content`, {
			redirect: 'manual',
		});

		expect(response.status).toBe(202);
		expect(response.headers.get('retry-after')).toBe('1');
		expect(response.bytes).toHaveLength(0);
	});

	test('answers 404 for a file the sandbox does not know, naming it as Box does', async () => {
		const response = await call('/2.0/files/999/content');

		expect(response.body.context_info.errors[0]).toMatchObject({ name: 'item' });
		expect(notFoundMessage(response)).toContain("'f_999'");
	});

	test('answers 404 for an unknown download token', async () => {
		const response = await fetch(`${sandbox.downloadBaseUrl}/download/nope`);

		expect(response.status).toBe(404);
		expect(await response.json()).toMatchObject({ type: 'error', status: 404, code: 'not_found' });
	});
});
