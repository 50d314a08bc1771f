'use strict';
// Prepares a throwaway real n8n with this package installed the way users get it (npm pack →
// ~/.n8n/nodes) and a Box Sign credential pointing at the local sandbox. Used by the demo, the
// end-to-end tests, `npm run dev` and the screenshot script.

const { spawn } = require('node:child_process');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');

const { startSandbox } = require('../../test/sandbox/server');
const runtime = require('./n8n-runtime');

const ROOT = path.resolve(__dirname, '..', '..');
const CREDENTIAL = { id: 'boxSignSandbox01', name: 'Box Sign (local sandbox)' };
// A file and a folder the sandbox knows.
const SEEDED_FILE_ID = '1358047520478';
const SEEDED_FOLDER_ID = '234102987614';
const SERVER_CREDENTIAL = { id: 'boxSignSandbox02', name: 'Box Sign server app (local sandbox)' };

/** The n8n targets to run against: BOX_SIGN_N8N_TARGETS=2,1 (default 2). */
function n8nTargets() {
	return (process.env.BOX_SIGN_N8N_TARGETS || '2')
		.split(',')
		.map((t) => t.trim())
		.filter(Boolean);
}

/** `npm pack` of the built package into a temporary folder; returns the tarball's path. */
async function packThisPackage() {
	const destination = await fsp.mkdtemp(path.join(os.tmpdir(), 'box-sign-pack-'));
	const output = await new Promise((resolve, reject) => {
		const child = spawn('npm', ['pack', '--json', '--pack-destination', destination], {
			cwd: ROOT,
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0 ? resolve(stdout) : reject(new Error(`npm pack failed:\n${stderr}`)),
		);
	});
	const [{ filename }] = JSON.parse(output);
	return path.join(destination, filename);
}

/** Both credentials as n8n stores them, pointing at the sandbox (OAuth2 already connected). */
function sandboxCredentials(sandbox) {
	return [
		sandboxCredential(sandbox),
		{
			...SERVER_CREDENTIAL,
			type: 'boxSignClientCredentialsApi',
			data: {
				baseUrl: sandbox.baseUrl,
				clientId: 'sandbox-client-id',
				clientSecret: 'sandbox-client-secret',
				subjectType: 'enterprise',
				subjectId: '1234567',
				...webhookKeys(sandbox),
			},
		},
	];
}

// The sandbox's Box app signs its webhook deliveries with these (the Box Sign Trigger checks them).
function webhookKeys(sandbox) {
	return {
		webhookPrimaryKey: sandbox.webhookSettings.primaryKey,
		webhookSecondaryKey: sandbox.webhookSettings.secondaryKey,
	};
}

function sandboxCredential(sandbox) {
	return {
		...CREDENTIAL,
		type: 'boxSignOAuth2Api',
		data: {
			baseUrl: sandbox.baseUrl,
			clientId: 'sandbox-client-id',
			clientSecret: 'sandbox-client-secret',
			...webhookKeys(sandbox),
			oauthTokenData: {
				access_token: 'sandbox-access-token',
				refresh_token: 'sandbox-refresh-token',
				token_type: 'bearer',
				expires_in: 3600,
			},
		},
	};
}

/**
 * Runtime + user folder with our package and the sandbox credentials (and any other
 * `credentials`); `tarball` is packed once by the caller. `remove()` deletes the user folder.
 */
async function prepareN8n({ target = '2', sandbox, tarball, log, credentials = [] }) {
	const installed = await runtime.ensureRuntime(target, { log });
	const userFolder = await runtime.createUserFolder({ tarball });
	await runtime.importCredentials(installed, userFolder, [
		...sandboxCredentials(sandbox),
		...credentials,
	]);
	const remove = () => fsp.rm(userFolder, { recursive: true, force: true });
	return { runtime: installed, userFolder, remove };
}

/**
 * The set-up the end-to-end tests, the editor and the demo share: a sandbox (started with
 * `sandboxOptions`), this package packed and installed into a throwaway n8n with the sandbox
 * credentials (prepareN8n), and `moreUserFolders` more user folders holding the package (for
 * queue-mode processes). `run(workflow, options)` imports a workflow and runs it with
 * `n8n execute`; `stop()` closes the sandbox and deletes the folders.
 */
async function prepareSandboxAndN8n({
	target = '2',
	sandboxOptions,
	log = () => {},
	moreUserFolders = 0,
} = {}) {
	const cleanups = [];
	const stop = async () => {
		while (cleanups.length) await cleanups.pop()();
	};
	try {
		const sandbox = await startSandbox(sandboxOptions);
		cleanups.push(() => sandbox.close());
		const tarball = await packThisPackage();
		let n8n;
		const otherUserFolders = [];
		try {
			n8n = await prepareN8n({ target, sandbox, tarball, log });
			cleanups.push(n8n.remove);
			for (let i = 0; i < moreUserFolders; i++) {
				const folder = await runtime.createUserFolder({ tarball });
				cleanups.push(() => fsp.rm(folder, { recursive: true, force: true }));
				otherUserFolders.push(folder);
			}
		} finally {
			await removeTarball(tarball);
		}
		const run = async (workflow, options) => {
			const id = await runtime.importWorkflow(n8n.runtime, n8n.userFolder, workflow);
			return await runtime.executeWorkflow(n8n.runtime, n8n.userFolder, id, options);
		};
		return {
			sandbox,
			runtime: n8n.runtime,
			userFolder: n8n.userFolder,
			otherUserFolders,
			run,
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

/** Deletes what packThisPackage made. */
async function removeTarball(tarball) {
	await fsp.rm(path.dirname(tarball), { recursive: true, force: true });
}

/** Points every Box Sign node of a saved workflow at the imported sandbox credential. */
function withSandboxCredential(workflow) {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) =>
			node.type.startsWith('n8n-nodes-box-sign.')
				? { ...node, credentials: { boxSignOAuth2Api: { ...CREDENTIAL } } }
				: node,
		),
	};
}

/**
 * A published-webhook workflow: POST `/webhook/<path>` with `{ key, email }` creates one sign
 * request (external ID = key) and answers with it once the execution has finished.
 */
function webhookCreateWorkflow({ path: webhookPath, options = {} }) {
	const webhook = 'Webhook';
	return {
		name: `Box Sign on webhook ${webhookPath}`,
		nodes: [
			{
				id: 'webhook-0',
				name: webhook,
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `box-sign-${webhookPath}`,
				parameters: {
					httpMethod: 'POST',
					path: webhookPath,
					responseMode: 'lastNode',
					responseData: 'firstEntryJson',
					options: {},
				},
			},
			{
				...createNode('={{ $json.body.email }}', '={{ $json.body.key }}', options),
				position: [220, 0],
			},
		],
		connections: { [webhook]: { main: [[{ node: 'Box Sign', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** A Box Sign node that creates one sign request per item for the sandbox's seeded file. */
function createNode(email, externalId, options = {}) {
	return {
		id: 'box-sign-create',
		name: 'Box Sign',
		type: 'n8n-nodes-box-sign.boxSign',
		typeVersion: 1,
		parameters: {
			resource: 'signRequest',
			operation: 'create',
			sourceFileIds: SEEDED_FILE_ID,
			parentFolderId: SEEDED_FOLDER_ID,
			signers: { signer: [{ email, role: 'signer' }] },
			additionalFields: { externalId },
			options,
		},
		credentials: { boxSignOAuth2Api: { ...CREDENTIAL } },
	};
}

async function readWorkflow(name) {
	const file = path.join(ROOT, 'test', 'workflows', `${name}.workflow.json`);
	return JSON.parse(await fsp.readFile(file, 'utf8'));
}

module.exports = {
	CREDENTIAL,
	SEEDED_FILE_ID,
	SEEDED_FOLDER_ID,
	SERVER_CREDENTIAL,
	createNode,
	n8nTargets,
	packThisPackage,
	prepareN8n,
	prepareSandboxAndN8n,
	readWorkflow,
	removeTarball,
	sandboxCredential,
	sandboxCredentials,
	webhookCreateWorkflow,
	withSandboxCredential,
};
