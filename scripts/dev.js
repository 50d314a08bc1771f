#!/usr/bin/env node
'use strict';
// `npm run dev`: a real n8n editor on http://127.0.0.1:5678 with this package installed as a
// community package, a Box Sign credential connected to the local sandbox and the demo workflow.
// Expects a fresh `npm run build`. BOX_SIGN_N8N_TARGET=1 runs n8n 1.x instead of 2.x.

const net = require('node:net');

const { DEV_OWNER, startBoxSignEditor } = require('./lib/editor');

const EDITOR_PORT = 5678;
const SANDBOX_PORT = 4010;
const DEMO_WORKFLOW = 'demo-crm-contact';

async function main() {
	if (!(await isPortFree(EDITOR_PORT))) {
		throw new Error(`Port ${EDITOR_PORT} is taken (another n8n?): stop that first.`);
	}
	let stopDev; // set once everything runs
	let signalled = false;
	const onSignal = () => {
		if (signalled) return;
		signalled = true;
		console.error('\nStopping n8n and the sandbox ...');
		stopDev?.().finally(() => process.exit());
	};
	// n8n runs in its own process group, so Ctrl+C reaches only this process: it must stop n8n.
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);

	const { sandbox, runtime, editor, workflowIds, stop } = await startBoxSignEditor({
		target: process.env.BOX_SIGN_N8N_TARGET || '2',
		workflows: [DEMO_WORKFLOW],
		port: EDITOR_PORT,
		sandboxPort: (await isPortFree(SANDBOX_PORT)) ? SANDBOX_PORT : 0,
		log: (line) => console.error(line),
	});
	if (signalled) return stop(); // Ctrl+C came while starting
	stopDev = stop;

	console.log(`
n8n ${runtime.n8nVersion} with n8n-nodes-box-sign is running.

  Editor:  ${editor.url}/workflow/${workflowIds[DEMO_WORKFLOW]}   (the demo workflow)
  Login:   ${DEV_OWNER.email} / ${DEV_OWNER.password}
  Box API: ${sandbox.baseUrl}   (local sandbox, used by the "Box Sign (local sandbox)" credential)

After changing the node: Ctrl+C, then npm run dev again. Ctrl+C stops n8n and the sandbox.`);
}

function isPortFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

main().catch((error) => {
	console.error(error.message);
	process.exitCode = 1;
});
