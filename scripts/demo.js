'use strict';
// `npm run demo`: the demo workflow (a CRM deal → Box Sign "Create Sign Request" with one
// phone-verified and one password-protected signer) in a real n8n, against the local Box Sign
// sandbox. No Box account and no network besides the npm registry (for the first install of n8n).

const fs = require('node:fs');
const path = require('node:path');

const { startSandbox } = require('../test/sandbox/server');
const { executeWorkflow, importWorkflow, nodeOutput } = require('./lib/n8n-runtime');
const { packThisPackage, prepareN8n, readWorkflow, removeTarball } = require('./lib/boxSignN8n');

const OUTPUT_FILE = path.resolve(__dirname, '..', 'demo-output', 'last-run.json');

function security(signer) {
	const checks = [];
	if (signer.verification_phone_number)
		checks.push(`SMS code to ${signer.verification_phone_number}`);
	if (signer.password) checks.push('password (not shown)');
	if (signer.login_required) checks.push('Box login');
	return checks.join(' + ') || 'email link only';
}

function summary({ runtime, sandbox, signRequest, sent }) {
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
	if (signRequest.prepare_url) lines.push(`  prepare the document at ${signRequest.prepare_url}`);
	lines.push('', `Full JSON: ${path.relative(process.cwd(), OUTPUT_FILE)}`, '');
	return lines.join('\n');
}

function masked(body) {
	return {
		...body,
		signers: body.signers.map((s) => (s.password ? { ...s, password: '********' } : s)),
	};
}

async function main() {
	const log = (line) => console.error(line);
	const sandbox = await startSandbox();
	let cleanup = async () => {};
	try {
		log(
			'Packing n8n-nodes-box-sign and preparing n8n (the first run installs n8n: a few minutes)…',
		);
		const tarball = await packThisPackage();
		const target = process.env.BOX_SIGN_N8N_TARGET || '2';
		const n8n = await prepareN8n({ target, sandbox, tarball, log });
		await removeTarball(tarball);
		cleanup = n8n.remove;
		const { runtime, userFolder } = n8n;
		const workflowId = await importWorkflow(
			runtime,
			userFolder,
			await readWorkflow('demo-crm-contact'),
		);
		log('Running the demo workflow…');
		const run = await executeWorkflow(runtime, userFolder, workflowId);
		if (!run.ok) throw new Error(`The demo workflow failed in n8n: ${run.error}`);

		const [signRequest] = nodeOutput(run.result, 'Box Sign');
		const sent = sandbox.requests.find(
			(r) => r.method === 'POST' && r.path === '/2.0/sign_requests',
		).body;
		fs.mkdirSync(path.dirname(OUTPUT_FILE), { recursive: true });
		fs.writeFileSync(
			OUTPUT_FILE,
			JSON.stringify({ boxSignOutput: signRequest, sentToBox: masked(sent) }, null, 2),
		);
		console.log(summary({ runtime, sandbox, signRequest, sent }));
	} finally {
		await sandbox.close();
		await cleanup();
	}
}

main().catch((error) => {
	console.error(`\nDemo failed: ${error.message}`);
	process.exitCode = 1;
});
