// n8n's community-package scanner, offline. `npx @n8n/scan-community-package` only scans a package
// published to npm (provenance, then the attested GitHub source); its checks themselves are the
// exported `analyzePackage`, run here on what `npm pack` ships and on the source it lints.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function unpackedTarball() {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'box-sign-scan-'));
	const [{ filename }] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', folder], { cwd: root }),
	);
	const packageDir = path.join(folder, 'package');
	fs.mkdirSync(packageDir);
	execFileSync('tar', [
		'-xzf',
		path.join(folder, filename),
		'-C',
		packageDir,
		'--strip-components=1',
	]);
	return packageDir;
}

const SHIPPED = /^(package\.json|README\.md|LICENSE\.md|CHANGELOG\.md|dist\/.+)$/;

/** Only the built package and its documents ship: no sources, tests, sandbox or secrets. */
function checkContents(packageDir) {
	const files = fs
		.readdirSync(packageDir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) =>
			path.relative(packageDir, path.join(entry.parentPath ?? entry.path, entry.name)),
		);
	const unexpected = files.filter((file) => !SHIPPED.test(file));
	return unexpected.length
		? { passed: false, message: 'unexpected files', details: unexpected.join('\n') }
		: { passed: true, message: `${files.length} files, all expected` };
}

const tarball = unpackedTarball();
const checks = [
	['the published tarball contents', checkContents(tarball)],
	['the published tarball', await analyzePackage(tarball)],
	['the source', await analyzePackage(root, SOURCE_FILE_PATTERNS)],
];
for (const [what, result] of checks) {
	console.log(
		`${result.passed ? '✅' : '❌'} n8n community-package scan of ${what}${result.message ? `: ${result.message}` : ''}`,
	);
	if (result.details) console.log(result.details);
}
fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
if (checks.some(([, result]) => !result.passed)) process.exitCode = 1;
