#!/usr/bin/env node
'use strict';
// `npm run dev`: a real n8n editor on http://127.0.0.1:5678 with this package installed as a
// community package, a Box Sign credential connected to the local sandbox and the demo workflow.
// Expects a fresh `npm run build`. BOX_SIGN_N8N_TARGET=1 runs n8n 1.x instead of 2.x.

const fsp = require('node:fs/promises');
const net = require('node:net');
const path = require('node:path');

const { startSandbox } = require('../test/sandbox/server');
const { importWorkflow, startEditor } = require('./lib/n8n-runtime');
const { packThisPackage, prepareN8n, readWorkflow, withSandboxCredential } = require('./lib/boxSignN8n');
const { DEV_OWNER, setupOwner } = require('./lib/editor');

const SANDBOX_PORT = 4010;
const EDITOR_PORT = 5678;
const DEMO_WORKFLOW = 'demo-crm-contact';

async function main() {
	const target = process.env.BOX_SIGN_N8N_TARGET || '2';
	if (!(await isPortFree(EDITOR_PORT))) {
		throw new Error(`Port ${EDITOR_PORT} is taken (another n8n?): stop it first.`);
	}
	const cleanups = [];
	const stopAll = once(async () => {
		for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => console.error(error.message));
	});
	process.on('SIGINT', () => stopAll().then(() => process.exit(0)));
	process.on('SIGTERM', () => stopAll().then(() => process.exit(0)));
	try {
		const sandbox = await startSandbox({ port: (await isPortFree(SANDBOX_PORT)) ? SANDBOX_PORT : 0 });
		cleanups.push(() => sandbox.close());
		log(`Box sandbox on ${sandbox.baseUrl}`);

		const tarball = await packThisPackage();
		cleanups.push(() => removeFolderOf(tarball));
		const { runtime, userFolder } = await prepareN8n({ target, sandbox, tarball, log });
		cleanups.push(() => fsp.rm(userFolder, { recursive: true, force: true }));
		const workflowId = await importWorkflow(runtime, userFolder, withSandboxCredential(await readWorkflow(DEMO_WORKFLOW)));

		log(`Starting n8n ${runtime.n8nVersion} ...`);
		const editor = await startEditor(runtime, userFolder, { port: EDITOR_PORT });
		cleanups.push(() => editor.stop());
		await setupOwner(editor.url, DEV_OWNER);
		printWelcome({ editor, runtime, sandbox, workflowId });
	} catch (error) {
		await stopAll();
		throw error;
	}
}

function printWelcome({ editor, runtime, sandbox, workflowId }) {
	console.log(`
n8n ${runtime.n8nVersion} with n8n-nodes-box-sign is running.

  Editor:    ${editor.url}/workflow/${workflowId}   (demo workflow)
  Login:     ${DEV_OWNER.email} / ${DEV_OWNER.password}
  Box API:   ${sandbox.baseUrl}   (local sandbox; the "Box Sign (local sandbox)" credential uses it)

Rebuild and restart after changing the node. Stop with Ctrl+C.`);
}

function isPortFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

function removeFolderOf(file) {
	return fsp.rm(path.dirname(file), { recursive: true, force: true });
}

function once(fn) {
	let pending;
	return () => (pending ??= fn());
}

function log(line) {
	console.error(line);
}

main().catch((error) => {
	console.error(error.message);
	process.exitCode = 1;
});
