'use strict';

// The release machinery says what the README claims: CI runs the README's test command, a version
// tag publishes with npm provenance after the tests, and the package's links all follow
// `repository.url`, the one place to change them.

const fs = require('node:fs');
const path = require('node:path');
const yaml = require('js-yaml');

const root = path.resolve(__dirname, '../..');
const packageJson = require(path.join(root, 'package.json'));

function readWorkflow(name) {
	return yaml.load(fs.readFileSync(path.join(root, '.github/workflows', name), 'utf8'));
}

function commandsOf(job) {
	return (job.steps ?? []).map((step) => step.run).filter(Boolean);
}

describe('CI workflow', () => {
	const ci = readWorkflow('ci.yml');

	test('runs the README test command on Node 20, on pushes, pull requests and when called', () => {
		expect(Object.keys(ci.on)).toEqual(
			expect.arrayContaining(['push', 'pull_request', 'workflow_call']),
		);
		expect(commandsOf(ci.jobs.test)).toContain('bash .ci/run');
		expect(ci.jobs.test.container).toMatch(/^node:20\b/);
		expect(fs.readFileSync(path.join(root, '.ci/run'), 'utf8')).toMatch(/\bnpm test\b/);
	});

	test('caches the real n8n runtimes', () => {
		const cache = ci.jobs.test.steps.find((step) => step.uses?.startsWith('actions/cache@'));
		expect(cache.with.path).toBe('~/.cache/n8n-nodes-box-sign');
	});
});

describe('Publish workflow', () => {
	const publish = readWorkflow('publish.yml');
	const job = publish.jobs.publish;

	test('runs on version tags only', () => {
		expect(publish.on).toEqual({ push: { tags: ['v*'] } });
	});

	test('publishes with npm provenance from a GitHub OIDC token, after the tests passed', () => {
		expect(publish.jobs.test.uses).toBe('./.github/workflows/ci.yml');
		expect(job.needs).toBe('test');
		expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
		expect(commandsOf(job)).toContain('npm publish --provenance --access public');
	});

	test('builds from the lockfile and refuses a tag that is not the package version', () => {
		const commands = commandsOf(job);
		const publishAt = commands.indexOf('npm publish --provenance --access public');
		expect(commands.indexOf('npm ci --no-audit --no-fund')).toBeLessThan(publishAt);
		expect(commands.indexOf('npm run build')).toBeLessThan(publishAt);
		expect(commands.join('\n')).toContain('"$GITHUB_REF_NAME" != "v$version"');
	});

	test('nothing else in the repository may write to it', () => {
		expect(publish.permissions).toEqual({ contents: 'read' });
		expect(readWorkflow('ci.yml').permissions).toEqual({ contents: 'read' });
	});
});

describe('package.json links', () => {
	const repository = packageJson.repository.url.match(
		/^git\+(https:\/\/github\.com\/([^/]+)\/[^/]+?)\.git$/,
	);

	test('repository.url is a GitHub git URL', () => {
		expect(packageJson.repository.type).toBe('git');
		expect(repository).not.toBeNull();
	});

	test('homepage, bugs and author all follow repository.url', () => {
		const [, web, owner] = repository;
		expect(packageJson.homepage).toBe(`${web}#readme`);
		expect(packageJson.bugs).toEqual({ url: `${web}/issues` });
		expect(packageJson.author.url).toBe(`https://github.com/${owner}`);
	});
});
