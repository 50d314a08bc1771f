// The set-up the end-to-end describe blocks share: `start()` (prepareSandboxAndN8n or
// startBoxSignEditor: a sandbox and a throwaway n8n with this package) before all their tests,
// its `stop()` after them and the sandbox's reset before each test. Returns an object that holds
// what `start()` returned (`sandbox`, `runtime`, `run`, `editor`, ...) once the tests run.
function sharedSetUp(start) {
	const shared = {};
	beforeAll(async () => Object.assign(shared, await start()));
	afterAll(async () => shared.stop?.());
	beforeEach(() => shared.sandbox.reset());
	return shared;
}

module.exports = { sharedSetUp };
