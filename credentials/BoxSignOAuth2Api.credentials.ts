import type { Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { webhookKeyFields } from './webhookKeyFields';

export class BoxSignOAuth2Api implements ICredentialType {
	name = 'boxSignOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Box Sign OAuth2 API';

	icon: Icon = { light: 'file:../icons/boxSign.svg', dark: 'file:../icons/boxSign.dark.svg' };

	documentationUrl = 'https://developer.box.com/guides/authentication/oauth2/';

	properties: INodeProperties[] = [
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.box.com',
			required: true,
			placeholder: 'https://api.box.com',
			description:
				'Where Box Sign requests and token requests go. Keep the default unless your company routes Box through a proxy.',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: 'https://account.box.com/api/oauth2/authorize',
			required: true,
		},
		{
			// Derived from the base URL so that a proxy or the local sandbox also serves the token exchange.
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: '={{ $self["baseUrl"].replace(/\\/+$/, "") }}/oauth2/token',
			required: true,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
		...webhookKeyFields,
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}',
			url: '/2.0/users/me',
		},
	};
}
