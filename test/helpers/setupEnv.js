// n8n-core writes ~/.n8n/config unless it is given a user folder or an encryption key.
const os = require('node:os');
const path = require('node:path');
const fs = require('node:fs');

if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'box-sign-jest-'));
}
process.env.N8N_ENCRYPTION_KEY ??= 'box-sign-test-encryption-key';
