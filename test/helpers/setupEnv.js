// n8n-core writes ~/.n8n/config unless it is given a user folder or an encryption key.
const os = require('node:os');
const path = require('node:path');
const fs = require('node:fs');

// One folder for the whole run (a folder per test file would pile up in /tmp).
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = path.join(os.tmpdir(), 'box-sign-jest-n8n');
	fs.mkdirSync(process.env.N8N_USER_FOLDER, { recursive: true });
}
process.env.N8N_ENCRYPTION_KEY ??= 'box-sign-test-encryption-key';
