#!/usr/bin/env node
'use strict';

// Runs the Box sandbox standalone: `node test/sandbox/cli.js [--port N]`.
// Prints the base URL alone on stdout; the credentials to use go to stderr.

const { parseArgs } = require('node:util');
const { DEFAULTS, startSandbox } = require('./server');

async function main() {
	const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
	const port = Number(values.port);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`--port must be a port number, got '${values.port}'`);
	}
	const sandbox = await startSandbox({ port });
	console.log(sandbox.baseUrl);
	console.error(
		`Box sandbox ready. Access token: ${DEFAULTS.accessToken}, ` +
			`client ID / secret: ${DEFAULTS.clientId} / ${DEFAULTS.clientSecret}. Ctrl+C stops it.`,
	);
	console.error(
		`File IDs: ${[...sandbox.fileTree.files.keys()].join(', ')}; ` +
			`folder IDs: ${[...sandbox.fileTree.folders.keys()].join(', ')} (any other ID is a 404).`,
	);
	const stop = () => sandbox.close().then(() => process.exit(0));
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
