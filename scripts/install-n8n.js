#!/usr/bin/env node
'use strict';
// Usage: node scripts/install-n8n.js [1|2 …]   (default: BOX_SIGN_N8N_TARGETS, else 2)
// Installs (once) the real n8n used by the end-to-end checks and prints where it is.

const { ensureRuntime } = require('./lib/n8n-runtime');
const { n8nTargets } = require('./lib/boxSignN8n');

async function main() {
	const targets = process.argv.length > 2 ? process.argv.slice(2) : n8nTargets();
	for (const target of targets) await install(target);
}

async function install(target) {
	const started = Date.now();
	const runtime = await ensureRuntime(target, { log: (line) => console.error(line) });
	console.log(
		`n8n ${runtime.n8nVersion} (target ${runtime.target}) ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
	);
	console.log(`  dir:  ${runtime.dir}`);
	console.log(`  node: ${runtime.nodeBin}`);
	console.log(`  n8n:  ${runtime.n8nBin}`);
	for (const [name, value] of Object.entries(runtime.env)) console.log(`  env:  ${name}=${value}`);
}

main().catch((error) => {
	console.error(error.message);
	process.exitCode = 1;
});
