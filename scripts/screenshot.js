#!/usr/bin/env node
'use strict';
// `npm run screenshot`: docs/editor-create-sign-request.png, the Box Sign "Create Sign Request"
// form in the real n8n 2.x editor, with a signer's phone verification number and password filled.
// Expects a fresh `npm run build` and Chromium at /usr/bin/chromium.

const fsp = require('node:fs/promises');
const path = require('node:path');

const { login, openNodePanel, parameterInput, startBoxSignEditor } = require('./lib/editor');

const WORKFLOW = 'editor-signers';
const PHONE = '+15551232190'; // as typed in that workflow
const OUTPUT = path.resolve(__dirname, '..', 'docs', 'editor-create-sign-request.png');

async function main() {
	const started = Date.now();
	const n8n = await startBoxSignEditor({
		target: '2',
		workflows: [WORKFLOW],
		log: (line) => console.error(line),
	});
	try {
		const session = await login(n8n.editor.url);
		const { page, panel, close } = await openNodePanel(session, {
			workflowId: n8n.workflowIds[WORKFLOW],
			nodeName: 'Box Sign',
		});
		try {
			await waitForSignerFields(page, panel);
			await fsp.mkdir(path.dirname(OUTPUT), { recursive: true });
			// The whole page, not only the panel: the panel's edges hold the icons of the nodes around it.
			await page.screenshot({ path: OUTPUT, animations: 'disabled' });
		} finally {
			await close();
		}
	} finally {
		await n8n.stop();
	}
	const kilobytes = Math.round((await fsp.stat(OUTPUT)).size / 1024);
	const seconds = Math.round((Date.now() - started) / 1000);
	console.log(`${path.relative(process.cwd(), OUTPUT)}: ${kilobytes} KB, taken in ${seconds} s`);
}

// The panel opens before its fields are drawn and before the web font is in.
async function waitForSignerFields(page, panel) {
	const phone = panel.locator(parameterInput('verificationPhoneNumber')).first();
	await phone.waitFor();
	await panel.locator(parameterInput('password')).first().waitFor();
	if ((await phone.inputValue()) !== PHONE)
		throw new Error(`The phone field does not show ${PHONE}`);
	await page.evaluate(() => document.fonts.ready);
	await page.mouse.move(0, 0); // no hover highlight in the picture
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
