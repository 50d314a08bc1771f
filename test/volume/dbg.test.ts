import { runBoxSign } from '../helpers/runBoxSign';
import { startSandbox } from '../sandbox/server';
jest.setTimeout(300_000);
test('dbg', async () => {
	const sandbox = await startSandbox({ rateLimit: { createsPerSecond: 10 } });
	const items = Array.from({ length: 400 }, (_, i) => ({ dealId: `d-${i}`, email: `s${i}@example.com` }));
	await runBoxSign({ baseUrl: sandbox.baseUrl, items, parameters: {
		resource: 'signRequest', operation: 'create', sourceFileIds: '1358047520478', parentFolderId: '234102987614',
		signers: { signer: [{ email: '={{ $json.email }}' }] }, additionalFields: { externalId: '={{ $json.dealId }}' } } });
	const posts = sandbox.requests.filter((r: any) => r.method === 'POST' && r.path === '/2.0/sign_requests');
	const t0 = posts[0].receivedAt;
	const buckets: Record<number, number> = {};
	for (const p of posts) { const b = Math.floor((p.receivedAt - t0) / 250); buckets[b] = (buckets[b] ?? 0) + 1; }
	console.log(JSON.stringify(buckets), sandbox.rateLimit.rateLimitedTotal, JSON.stringify(sandbox.rateLimit.accepted), JSON.stringify(sandbox.rateLimit.limitReached));
	await sandbox.close();
});
