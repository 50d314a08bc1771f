// Every message, hint and description the node ships, read from its source: the names it puts in
// quotes must be things the user can find, and no message may contradict itself.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { commonDeclarativeNodeOptionParameters } from 'n8n-core/dist/nodes-loader/constants';
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { BoxSignClientCredentialsApi } from '../../credentials/BoxSignClientCredentialsApi.credentials';
import { BoxSignOAuth2Api } from '../../credentials/BoxSignOAuth2Api.credentials';
import { BoxSign } from '../../nodes/BoxSign/BoxSign.node';
import { BoxSignTrigger } from '../../nodes/BoxSignTrigger/BoxSignTrigger.node';

const ROOT = join(__dirname, '..', '..');

function sourceFiles(folder: string): string[] {
	return readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
		.map((entry) => join(entry.parentPath, entry.name));
}

const shipped = [...sourceFiles('nodes'), ...sourceFiles('credentials')].map((file) => ({
	file: file.slice(ROOT.length + 1),
	source: readFileSync(file, 'utf8'),
}));

type Named = INodeProperties | INodePropertyOptions | INodePropertyCollection;

/** Every name the editor shows: parameters, their options and modes, collections' fields. */
function shownNames(properties: readonly Named[]): string[] {
	return properties.flatMap((property) => {
		const name = 'displayName' in property ? property.displayName : property.name;
		const nested = [
			...('options' in property && Array.isArray(property.options) ? property.options : []),
			...('values' in property && Array.isArray(property.values) ? property.values : []),
			...('modes' in property && Array.isArray(property.modes) ? property.modes : []),
		] as Named[];
		return [String(name), ...shownNames(nested)];
	});
}

const uiNames = new Set([
	...shownNames(new BoxSign().description.properties),
	...shownNames(new BoxSignTrigger().description.properties),
	...shownNames([commonDeclarativeNodeOptionParameters]),
	...shownNames(new BoxSignOAuth2Api().properties),
	...shownNames(new BoxSignClientCredentialsApi().properties),
	// n8n's button on an OAuth2 credential, and on a trigger in the editor.
	'Reconnect',
	'Listen for test event',
	// Box's own names: the scopes in the Developer Console, the default folder of sign requests.
	'Manage signature requests',
	'Read all files and folders',
	'Write all files and folders',
	'My Sign Requests',
]);

describe('the messages the node ships', () => {
	test('every name in quotes is one the user finds in n8n or in Box', () => {
		const unknown = shipped.flatMap(({ file, source }) =>
			[...source.matchAll(/"([A-Z][^"$\n]{1,60})"/g)]
				.map((match) => match[1])
				.filter((name) => !uiNames.has(name))
				.map((name) => `${file}: "${name}"`),
		);

		expect(unknown).toEqual([]);
	});

	test('no message says a request is in a status and not in it ("is signed, not signed yet")', () => {
		const contradictions = shipped.flatMap(({ file, source }) =>
			[...source.matchAll(/is \$\{[^}]+\}, not [a-z]+/g)].map((match) => `${file}: ${match[0]}`),
		);

		expect(contradictions).toEqual([]);
	});

	test('names another node only if this package ships it', () => {
		const nodes = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).n8n
			.nodes as string[];
		const mentioned = shipped.flatMap(({ file, source }) =>
			[...source.matchAll(/\bBox Sign Trigger\b/g)].map(() => file),
		);
		const hasTrigger = nodes.some((node) => node.includes('BoxSignTrigger'));

		expect(hasTrigger ? [] : mentioned).toEqual([]);
	});
});
