import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { searchSignTemplates } from './listSearch/searchSignTemplates';
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
		credentials: [
			{
				name: 'boxSignOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
			{
				name: 'boxSignClientCredentialsApi',
				required: true,
				displayOptions: { show: { authentication: ['clientCredentials'] } },
			},
		],
		requestDefaults: {
			baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}',
			headers: { Accept: 'application/json' },
			json: true,
		},
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'OAuth2 (Sign In With Box)', value: 'oAuth2' },
					{ name: 'Client Credentials (Server Authentication)', value: 'clientCredentials' },
				],
				default: 'oAuth2',
			},
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
