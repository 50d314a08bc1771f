'use strict';
// `npm run demo`: the loop users build, in a real n8n against the local Box Sign sandbox.
//   1. A CRM deal is won: the CRM calls an n8n Webhook, whose workflow sends the contract for
//      signature with Box Sign (one phone-verified signer, one password-protected approver).
//   2. The sandbox signs it, as the signers would in Box.
//   3. Box delivers SIGN_REQUEST.COMPLETED, signed, to the Box Sign Trigger, whose workflow marks
//      the deal signed.
// No Box account and no network besides the npm registry (for the first install of n8n).

const fs = require('node:fs');
const path = require('node:path');

const { startEditor } = require('./lib/n8n-runtime');
const { prepareSandboxAndN8n, readWorkflow, withSandboxCredential } = require('./lib/boxSignN8n');
const { createActiveWorkflow, login, rest, setupOwner } = require('./lib/editor');

const OUTPUT_FILE = path.resolve(__dirname, '..', 'demo-output', 'last-run.json');
const CRM_DEAL = {
	dealId: 'HS-48213',
	dealName: 'Acme Corp – annual plan',
	contractFileId: '1358047520478',
	signedContractsFolderId: '234102987614',
	contact: { firstName: 'Ada', email: 'ada.lovelace@example.com', mobile: '+15551232190' },
	approver: { email: 'cfo@example.com', documentPassword: 'Acme-2026-Q4' },
};
const WAIT_MS = 60_000;

function security(signer) {
	const checks = [];
	if (signer.verification_phone_number)
		checks.push(`SMS code to ${signer.verification_phone_number}`);
	if (signer.password) checks.push('password (not shown)');
	if (signer.login_required) checks.push('Box login');
	return checks.join(' + ') || 'email link only';
}

function summary({ runtime, sandbox, signRequest, sent, executions, crmUpdate }) {
	const lines = [
		'',
		`Ran in real n8n ${runtime.n8nVersion} against the local Box Sign sandbox (${sandbox.baseUrl}).`,
		'',
		`Sign request ${signRequest.id}`,
		`  status       ${signRequest.status}`,
		`  name         ${signRequest.name}`,
		`  external id  ${signRequest.external_id} (${signRequest.external_system_name})`,
		'  signers',
	];
	for (const signer of signRequest.signers) {
		const request = sent.signers.find((s) => s.email === signer.email);
		const how = request ? security(request) : 'added by Box: the sender gets the signed copy';
		lines.push(`    ${signer.email.padEnd(28)} ${signer.role.padEnd(18)} ${how}`);
	}
	const folder = signRequest.parent_folder;
	lines.push(`  signed files go to Box folder ${folder.id} (${folder.name})`);
	lines.push('', 'Executions');
	for (const { workflow, execution } of executions) {
		const seconds = (Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt)) / 1000;
		lines.push(
			`  #${String(execution.id).padEnd(4)} ${execution.status.padEnd(8)} ${seconds.toFixed(1)} s  ${workflow}`,
		);
	}
	lines.push('', 'CRM update from the Box Sign Trigger', `  ${JSON.stringify(crmUpdate)}`);
	lines.push('', `Full JSON: ${path.relative(process.cwd(), OUTPUT_FILE)}`, '');
	return lines.join('\n');
}

function masked(body) {
	return {
		...body,
		signers: body.signers.map((s) => (s.password ? { ...s, password: '********' } : s)),
	};
}

async function waitFor(what, condition) {
	const deadline = Date.now() + WAIT_MS;
	while (Date.now() < deadline) {
		const value = await condition();
		if (value) return value;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`Gave up waiting for ${what}`);
}

/** The workflow's finished executions, newest first. */
async function finishedExecutions(session, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const { data } = await rest(session, 'GET', `/rest/executions?filter=${filter}&limit=10`);
	return data.results.filter((execution) => execution.stoppedAt);
}

/** Saves the named workflow of test/workflows in n8n and activates it; returns `{ id, workflow }`. */
async function createActive(session, name) {
	const workflow = withSandboxCredential(await readWorkflow(name));
	return { id: await createActiveWorkflow(session, workflow), workflow };
}

async function main() {
	const started = Date.now();
	const log = (line) => console.error(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`);
	log('Packing n8n-nodes-box-sign and preparing n8n (the first run installs n8n: a few minutes)…');
	const target = process.env.BOX_SIGN_N8N_TARGET || '2';
	const n8n = await prepareSandboxAndN8n({ target, log });
	const { sandbox } = n8n;
	const cleanups = [n8n.stop];
	try {
		log('Package installed in n8n, credentials imported.');
		log('Starting n8n…');
		const editor = await startEditor(n8n.runtime, n8n.userFolder);
		cleanups.push(editor.stop);
		await setupOwner(editor.url);
		const session = await login(editor.url);
		log('n8n is up; activating the workflows (the Box Sign Trigger registers its webhook)…');
		const sender = await createActive(session, 'demo-crm-deal-webhook');
		const listener = await createActive(session, 'demo-signed-trigger');
		// n8n 2.x activates through its publication queue, a few seconds after the call.
		await waitFor('the Box Sign Trigger’s webhook', () => sandbox.webhooks.size === 1);

		log('The CRM reports a won deal to n8n’s webhook…');
		const crmCall = await fetch(`${editor.url}/webhook/crm-deal-won`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(CRM_DEAL),
		});
		const created = await crmCall.json();
		if (!crmCall.ok)
			throw new Error(`The CRM webhook answered ${crmCall.status}: ${JSON.stringify(created)}`);

		log(`Signing sign request ${created.id} in the sandbox, as the signers would…`);
		sandbox.advance(created.id, 'signed');
		await sandbox.deliveriesSettled();
		const [triggered] = await waitFor('the Box Sign Trigger’s execution', () =>
			finishedExecutions(session, listener.id).then((list) => list.length && list),
		);
		const [sent] = await finishedExecutions(session, sender.id);
		const crmUpdate = await readNodeOutput(
			n8n.runtime,
			session,
			triggered.id,
			'Mark CRM deal signed',
		);

		const signRequest = sandbox.signRequests.get(created.id);
		const sentToBox = sandbox.requests.find(
			(r) => r.method === 'POST' && r.path === '/2.0/sign_requests',
		).body;
		const executions = [
			{ workflow: sender.workflow.name, execution: sent },
			{ workflow: listener.workflow.name, execution: triggered },
		];
		fs.mkdirSync(path.dirname(OUTPUT_FILE), { recursive: true });
		fs.writeFileSync(
			OUTPUT_FILE,
			JSON.stringify(
				{
					boxSignOutput: created,
					sentToBox: masked(sentToBox),
					delivery: sandbox.deliveries[0] && JSON.parse(sandbox.deliveries[0].body),
					crmUpdate,
					executions,
				},
				null,
				2,
			),
		);
		console.log(
			summary({
				runtime: n8n.runtime,
				sandbox,
				signRequest,
				sent: sentToBox,
				executions,
				crmUpdate,
			}),
		);
		log(`Demo finished in ${Math.round((Date.now() - started) / 1000)} s.`);
	} finally {
		while (cleanups.length) await cleanups.pop()();
	}
}

/** The first item a node produced in a stored execution (n8n stores run data with `flatted`). */
async function readNodeOutput(runtime, session, executionId, nodeName) {
	const { data } = await rest(session, 'GET', `/rest/executions/${executionId}`);
	const flatted = require(require.resolve('flatted', { paths: [runtime.dir] }));
	const runData = flatted.parse(data.data).resultData.runData;
	return runData[nodeName][0].data.main[0][0].json;
}

main().catch((error) => {
	console.error(`\nDemo failed: ${error.message}`);
	process.exitCode = 1;
});
