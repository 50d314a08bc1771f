import type { IDataObject } from 'n8n-workflow';

import { runBoxSign } from '../helpers/runBoxSign';
import { startSandbox, type Sandbox } from '../sandbox/server';

// Box answers 404 for a file or folder the connected user cannot see; the sandbox knows only the
// files and folders it was seeded with, so these are Box's own answers, not injected ones.

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());
beforeEach(() => sandbox.reset());

async function create(extra: IDataObject) {
	return await runBoxSign({
		baseUrl: sandbox.baseUrl,
		parameters: {
			resource: 'signRequest',
			operation: 'create',
			signers: { signer: [{ email: 'ada@example.com' }] },
			...extra,
		},
	});
}

describe('Create Sign Request with a file or folder Box does not have', () => {
	test.each([
		['a source file', { sourceFileIds: '1358047520478, 404404' }, 'f_404404'],
		['the parent folder', { sourceFileIds: '11', parentFolderId: '505505' }, 'd_505505'],
	])(
		"fails the item with Box's 404 message for %s and the hint to check the IDs",
		async (_, parameters, item) => {
			const error = await create(parameters).catch((e) => e);

			expect(error.message).toBe(
				`Not Found: Invalid value '${item}'. 'item' with value '${item}' not found`,
			);
			expect(error.httpCode).toBe('404');
			expect(error.description).toContain('Box cannot find a file, folder or template');
			expect(error.description).toContain('Box error code: not_found');
			expect(sandbox.signRequests.size).toBe(0);
		},
	);

	test('creates the request once the file and folder exist in Box', async () => {
		sandbox.seedFolder({ id: '505505', name: 'Signed 2027' });
		sandbox.seedFiles([{ id: '404404', name: 'Renewal.pdf', folderId: '505505' }]);

		const [item] = await create({ sourceFileIds: '404404', parentFolderId: '505505' });

		expect(item.json).toMatchObject({
			name: 'Renewal.pdf',
			parent_folder: { id: '505505', name: 'Signed 2027' },
		});
	});
});
