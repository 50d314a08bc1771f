#!/usr/bin/env node
'use strict';
// Usage: node scripts/install-n8n.js [1|2]   (default 2)
// Installs (once) the real n8n used by the end-to-end checks and prints where it is.

const { ensureRuntime } = require('./lib/n8n-runtime');

async function main() {
	const target = process.argv[2] || '2';
	const started = Date.now();
	const runtime = await ensureRuntime(target, { log: (line) => console.error(line) });
	console.log(`n8n ${runtime.n8nVersion} (target ${runtime.target}) ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	console.log(`  dir:  ${runtime.dir}`);
	console.log(`  node: ${runtime.nodeBin}`);
	console.log(`  n8n:  ${runtime.n8nBin}`);
	for (const [name, value] of Object.entries(runtime.env)) console.log(`  env:  ${name}=${value}`);
}

main().catch((error) => {
	console.error(error.message);
	process.exitCode = 1;
});
