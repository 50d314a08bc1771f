'use strict';
// Drives a real n8n editor (1.x and 2.x) with this package installed: start it next to the Box
// sandbox, owner account, login, REST calls as that user, and a headless Chromium showing a
// workflow's node panel. Node built-ins and playwright-core only.

const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const { importWorkflow, startEditor } = require('./n8n-runtime');
const { prepareSandboxAndN8n, readWorkflow, withSandboxCredential } = require('./boxSignN8n');

const CHROMIUM = '/usr/bin/chromium';
// This machine has no network but the npm registry: without these flags Chromium keeps trying
// Google's services and gets its connections refused.
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const AUTH_COOKIE = 'n8n-auth';
const PACKAGE = 'n8n-nodes-box-sign';

const DEV_OWNER = {
	email: 'dev@example.com',
	firstName: 'Box',
	lastName: 'Developer',
	// n8n wants 8+ characters with a digit and an uppercase letter.
	password: 'BoxSign-Dev-2026',
};

/**
 * The sandbox and an n8n editor with this package (packed from dist/), the sandbox credential, the
 * named workflows of test/workflows and the owner account. Returns `{ sandbox, runtime, editor,
 * workflowIds, stop }`; `stop()` ends both and removes the temporary folders.
 */
async function startBoxSignEditor({
	target = '2',
	workflows = [],
	port,
	sandboxPort = 0,
	log = () => {},
} = {}) {
	log('Starting the Box sandbox, packing this package and preparing n8n ...');
	const n8n = await prepareSandboxAndN8n({ target, sandboxOptions: { port: sandboxPort }, log });
	const { sandbox, runtime, userFolder } = n8n;
	let editor;
	const stop = async () => {
		await editor?.stop();
		await n8n.stop();
	};
	try {
		log(`Box sandbox on ${sandbox.baseUrl}; package installed in n8n.`);
		const workflowIds = {};
		for (const name of workflows) {
			workflowIds[name] = await importWorkflow(
				runtime,
				userFolder,
				withSandboxCredential(await readWorkflow(name)),
			);
		}
		log(`Starting n8n ${runtime.n8nVersion} ...`);
		editor = await startEditor(runtime, userFolder, { port });
		await setupOwner(editor.url);
		await expectPackageLoaded(editor);
		return { sandbox, runtime, editor, workflowIds, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

// n8n skips a community package it cannot load (a file listed in package.json's `n8n` section
// missing from dist/, say) and the editor then offers to "install" the node: say so up front.
async function expectPackageLoaded(editor) {
	const nodeTypes = await rest(await login(editor.url), 'GET', '/types/nodes.json');
	if (nodeTypes.some((type) => type.name === `${PACKAGE}.boxSign`)) return;
	const mentions = editor
		.output()
		.split('\n')
		.filter((line) => line.includes(PACKAGE));
	throw new Error(
		`n8n did not load ${PACKAGE} (run \`npm run build\` first?)\n${mentions.join('\n')}`,
	);
}

function hasChromium() {
	return fs.existsSync(CHROMIUM);
}

/** Creates the instance owner (the first user); the editor shows a sign-up form until then. */
async function setupOwner(baseUrl, owner = DEV_OWNER) {
	const { email, firstName, lastName, password } = owner;
	await request(baseUrl, 'POST', '/rest/owner/setup', {
		body: { email, firstName, lastName, password },
	});
}

/** Logs in; returns a session for `rest()` and `openNodePanel()`. */
async function login(baseUrl, { email, password } = DEV_OWNER) {
	// 1.123 and 2.41 read `emailOrLdapLoginId`, older 1.x releases `email`; each ignores the other.
	const body = { emailOrLdapLoginId: email, email, password };
	const { response } = await request(baseUrl, 'POST', '/rest/login', { body });
	const cookie = response.headers
		.getSetCookie()
		.map(parseCookie)
		.find((c) => c.name === AUTH_COOKIE);
	if (!cookie) throw new Error(`POST /rest/login set no ${AUTH_COOKIE} cookie`);
	return { baseUrl, cookie: cookie.value };
}

/** A request as the session's user; returns the parsed body (n8n's `{ data }` envelope for /rest). */
async function rest(session, method, urlPath, body) {
	const headers = { cookie: `${AUTH_COOKIE}=${session.cookie}` };
	const { json } = await request(session.baseUrl, method, urlPath, { body, headers });
	return json;
}

async function request(baseUrl, method, urlPath, { body, headers = {} } = {}) {
	const response = await fetch(new URL(urlPath, baseUrl), {
		method,
		headers: { ...headers, ...(body !== undefined && { 'content-type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) {
		throw new Error(`${method} ${urlPath} answered ${response.status}: ${text.slice(0, 500)}`);
	}
	return { response, json: text ? JSON.parse(text) : undefined };
}

/**
 * Saves a workflow as the session's user and activates it, which registers a trigger's webhooks
 * right away (checkExists / create run during the call; a failure comes back as the error).
 * Returns the workflow's id.
 */
async function createActiveWorkflow(session, { name, nodes, connections, settings }) {
	const { data: created } = await rest(session, 'POST', '/rest/workflows', {
		name,
		nodes,
		connections,
		settings,
		active: false, // 1.x stores the field as given and needs it
	});
	await rest(session, 'POST', `/rest/workflows/${created.id}/activate`, {
		versionId: created.versionId,
	});
	return created.id;
}

function parseCookie(header) {
	const [pair] = header.split(';');
	const separator = pair.indexOf('=');
	return { name: pair.slice(0, separator).trim(), value: pair.slice(separator + 1).trim() };
}

/**
 * Opens `/workflow/<id>` logged in as the session's user and double-clicks the node to open its
 * panel. Returns `{ page, panel, close }`; `close()` ends Chromium and removes its profile.
 */
async function openNodePanel(
	session,
	{ workflowId, nodeName, viewport = { width: 1400, height: 1000 } },
) {
	const profile = await fsp.mkdtemp(path.join(os.tmpdir(), 'box-sign-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		args: CHROMIUM_ARGS,
		headless: true,
		viewport,
	});
	const close = async () => {
		await context.close();
		await fsp.rm(profile, { recursive: true, force: true });
	};
	try {
		await context.addCookies([{ name: AUTH_COOKIE, value: session.cookie, url: session.baseUrl }]);
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto(new URL(`/workflow/${workflowId}`, session.baseUrl).href);
		await canvasNode(page, nodeName).dblclick({ timeout: 60_000 });
		const panel = page.locator('[data-test-id="ndv"]');
		await panel.waitFor({ state: 'visible', timeout: 30_000 });
		return { page, panel, close };
	} catch (error) {
		await close();
		throw error;
	}
}

/** The input of a node parameter in the open panel (one per signer for a signer field). */
function parameterInput(name) {
	return `[data-test-id="parameter-input-${name}"] input`;
}

function canvasNode(page, nodeName) {
	return page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`).first();
}

module.exports = {
	CHROMIUM,
	createActiveWorkflow,
	DEV_OWNER,
	hasChromium,
	login,
	openNodePanel,
	parameterInput,
	rest,
	setupOwner,
	startBoxSignEditor,
};
