'use strict';
// Preloaded into an n8n process by the bench (NODE_OPTIONS=--require this file,
// BOX_SIGN_CPU_MARKS=<file>): appends to that file, one line each, the main thread's CPU time
// n8n spends in LoadNodesAndCredentials' init() (it loads every node package and builds the
// editor's type files) and in each later postProcessLoaders() (it processes every loaded node type
// again), as "<CPU ms>\t<method>". n8n's code is not changed, only timed; processes n8n starts do
// not inherit this. process.threadCpuUsage needs Node >= 23.9 (the 2.x runtime's Node 24).

const fs = require('node:fs');
const Module = require('node:module');

const file = process.env.BOX_SIGN_CPU_MARKS;
delete process.env.BOX_SIGN_CPU_MARKS;
delete process.env.NODE_OPTIONS;

const TIMED_METHODS = ['init', 'postProcessLoaders'];
const timedPrototypes = new WeakSet();

if (file) {
	const fd = fs.openSync(file, 'a');
	const load = Module._load;
	Module._load = function loadAndTime(request, ...rest) {
		const exports = load.call(this, request, ...rest);
		if (request.endsWith('/load-nodes-and-credentials')) timeMethods(exports, fd);
		return exports;
	};
}

function cpuMs() {
	const { user, system } = process.threadCpuUsage();
	return (user + system) / 1000;
}

// init() calls postProcessLoaders(): time spent in both counts once.
function timeMethods({ LoadNodesAndCredentials }, fd) {
	const prototype = LoadNodesAndCredentials?.prototype;
	if (!prototype || timedPrototypes.has(prototype)) return;
	timedPrototypes.add(prototype);
	let running = 0;
	let startedAt = 0;
	for (const name of TIMED_METHODS) {
		const method = prototype[name];
		prototype[name] = async function timed(...args) {
			if (running++ === 0) startedAt = cpuMs();
			try {
				return await method.apply(this, args);
			} finally {
				if (--running === 0) fs.writeSync(fd, `${cpuMs() - startedAt}\t${name}\n`);
			}
		};
	}
}
