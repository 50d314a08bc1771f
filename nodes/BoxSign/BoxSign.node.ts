import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { authenticationParameter, boxSignCredentials } from './shared/descriptions';
import { searchSignTemplates } from './listSearch/searchSignTemplates';
import { sendRoutedRequest } from './shared/routedRequest';
import { signRequestDescription } from './resources/signRequest';
import { signTemplateDescription } from './resources/signTemplate';

export class BoxSign implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Box Sign',
		name: 'boxSign',
		icon: { light: 'file:../../icons/boxSign.svg', dark: 'file:../../icons/boxSign.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send documents for e-signature with Box Sign',
		defaults: { name: 'Box Sign' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: boxSignCredentials,
		requestDefaults: {
			headers: { Accept: 'application/json' },
			json: true,
		},
		// RoutingNode builds each item's request with the hooks of the chosen operation
		// (resources/<resource>/<operation>.ts), which read the fields once each: fields carry no
		// routing, because RoutingNode resolves the expressions of a field with routing twice more per
		// item (see the README, Performance and scale). It sends nothing itself: every operation sets
		// `send.paginate`, so it hands the request to this runner, which sends it through sendToBox (the
		// credential's base URL, retries, Box's errors as n8n errors) or, with Dry Run, outputs it
		// instead. The lists replace it with paginateWithMarker, which pages the same way.
		requestOperations: { pagination: sendRoutedRequest },
		properties: [
			authenticationParameter,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Sign Request', value: 'signRequest' },
					{ name: 'Sign Template', value: 'signTemplate' },
				],
				default: 'signRequest',
			},
			...signRequestDescription,
			...signTemplateDescription,
		],
	};

	methods = {
		listSearch: { searchSignTemplates },
	};
}
