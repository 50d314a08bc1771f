#!/usr/bin/env node
'use strict';
// `npm run dev`: a real n8n editor on http://127.0.0.1:5678 with this package installed as a
// community package, a Box Sign credential connected to the local sandbox, the demo workflow and
// an active Box Sign Trigger workflow; typing `sign` here signs a request in the sandbox, which
// then delivers the signed SIGN_REQUEST.COMPLETED event to the trigger.
// Expects a fresh `npm run build`. BOX_SIGN_N8N_TARGET=1 runs n8n 1.x instead of 2.x.

const net = require('node:net');
const readline = require('node:readline');

const { readWorkflow, withSandboxCredential } = require('./lib/boxSignN8n');
const { DEV_OWNER, createActiveWorkflow, login, startBoxSignEditor } = require('./lib/editor');

const EDITOR_PORT = 5678;
const SANDBOX_PORT = 4010;
const DEMO_WORKFLOW = 'demo-crm-contact';
const TRIGGER_WORKFLOW = 'demo-signed-trigger';
// What a signer can do in Box, and the sign request status it leads to.
const SIGNER_ACTIONS = { sign: 'signed', decline: 'declined', expire: 'expired' };

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
	const session = await login(editor.url);
	const triggerId = await createActiveWorkflow(
		session,
		withSandboxCredential(await readWorkflow(TRIGGER_WORKFLOW)),
	);

	console.log(`
n8n ${runtime.n8nVersion} with n8n-nodes-box-sign is running.

  Editor:  ${editor.url}/workflow/${workflowIds[DEMO_WORKFLOW]}   (the demo workflow)
  Login:   ${DEV_OWNER.email} / ${DEV_OWNER.password}
  Box API: ${sandbox.baseUrl}   (local sandbox, used by the "Box Sign (local sandbox)" credential)

  Trigger: ${editor.url}/workflow/${triggerId}   (Box Sign Trigger, active, watching folder 234102987614)

Run the demo workflow, then type here, as a signer would act in Box:
  sign [id]      sign the newest (or the given) sign request: Box delivers SIGN_REQUEST.COMPLETED
  decline [id]   decline it (SIGN_REQUEST.DECLINED)      expire [id]   let it expire (SIGN_REQUEST.EXPIRED)
The trigger's executions appear under the trigger workflow's Executions tab.

After changing the node: Ctrl+C, then npm run dev again. Ctrl+C stops n8n and the sandbox.`);
	actOnSignRequests(sandbox);
}

/** Reads `sign`, `decline` or `expire` (with an optional sign request ID) from the terminal. */
function actOnSignRequests(sandbox) {
	const lines = readline.createInterface({ input: process.stdin });
	lines.on('line', (line) => {
		const [action, id] = line.trim().split(/\s+/);
		if (!action) return;
		const status = SIGNER_ACTIONS[action];
		const signRequest = id
			? sandbox.signRequests.get(id)
			: [...sandbox.signRequests.values()].pop();
		if (!status || !signRequest) {
			console.error(
				status ? 'No such sign request (run the demo workflow first).' : `Unknown: ${action}`,
			);
			return;
		}
		sandbox.advance(signRequest.id, status);
		console.error(`Sign request ${signRequest.id} is ${status}; the sandbox delivers the event.`);
	});
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
