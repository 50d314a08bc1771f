// Runs the Box Sign node the way n8n's WorkflowExecute does for a declarative node:
// n8n-core's real ExecuteContext + RoutingNode, n8n-workflow's real parameter and expression
// resolution. Only the credential store is ours (n8n keeps it in a database).
import { ExecuteContext, LoadOptionsContext, RoutingNode } from 'n8n-core';
// What n8n's node loader adds to every declarative node ("Request Options": batching, timeout, …).
import { commonDeclarativeNodeOptionParameters } from 'n8n-core/dist/nodes-loader/constants';
import {
	createRunExecutionData,
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IHttpRequestHelper,
	type INodeCredentialsDetails,
	type IDataObject,
	type IExecuteData,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeListSearchResult,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { BoxSignClientCredentialsApi } from '../../credentials/BoxSignClientCredentialsApi.credentials';
import { BoxSignOAuth2Api } from '../../credentials/BoxSignOAuth2Api.credentials';
import { BoxSign } from '../../nodes/BoxSign/BoxSign.node';

const TEST_ACCESS_TOKEN = 'sandbox-access-token';

export interface RunOptions {
	baseUrl: string;
	parameters: IDataObject;
	items?: IDataObject[];
	continueOnFail?: boolean;
	accessToken?: string;
	/** Client Credentials instead of OAuth2: the stored credential's fields. */
	clientCredentials?: IDataObject;
}

const oAuth2 = new BoxSignOAuth2Api();
const clientCredentials = new BoxSignClientCredentialsApi();
const credentialTypes: Record<string, ICredentialType> = {
	[oAuth2.name]: oAuth2,
	[clientCredentials.name]: clientCredentials,
};

// Hidden OAuth fields n8n's CredentialsHelper takes from the credential type whatever is stored
// (OAUTH_PINNED_FIELDS in packages/cli/src/oauth/dcr-managed-fields.ts).
const OAUTH_PINNED_FIELDS = ['authUrl', 'accessTokenUrl', 'grantType', 'authentication', 'usePkce'];

/** What n8n's CredentialsHelper does: stored data + defaults (pinned OAuth fields forced), then expressions with $self. */
function resolveCredentials(
	credentialType: ICredentialType,
	workflow: Workflow,
	node: INode,
	stored: IDataObject,
): ICredentialDataDecryptedObject {
	const properties = credentialType.properties as INodeProperties[];
	const hiddenDefaults = Object.fromEntries(
		properties
			.filter((p) => p.type === 'hidden' && OAUTH_PINNED_FIELDS.includes(p.name))
			.map((p) => [p.name, p.default]),
	);
	const withDefaults = {
		...NodeHelpers.getNodeParameters(
			properties,
			stored as INodeParameters,
			true,
			false,
			null,
			null,
		),
		...stored,
		...hiddenDefaults,
	} as IDataObject;
	return workflow.expression.getComplexParameterValue(
		node,
		withDefaults as INodeParameters,
		'internal',
		{},
		undefined,
		undefined,
		withDefaults,
	) as ICredentialDataDecryptedObject;
}

/** n8n keeps credentials in its database; this keeps them in memory and does what n8n's CLI does with them. */
class SandboxCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly resolve: (type: string) => ICredentialDataDecryptedObject,
		private readonly store: (type: string, data: IDataObject) => void,
	) {
		super();
	}

	getParentTypes(name: string) {
		return credentialTypes[name]?.extends ?? [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	/** Generic `authenticate` (Client Credentials): header expressions resolved with $credentials. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		type: string,
		options: IHttpRequestOptions,
		workflow?: Workflow,
		node?: INode,
	) {
		const authenticate = credentialTypes[type]?.authenticate;
		if (!authenticate || typeof authenticate === 'function' || !workflow || !node) return options;
		const headers = workflow.expression.getParameterValue(
			authenticate.properties.headers as INodeParameters,
			null,
			0,
			0,
			node.name,
			[],
			'internal',
			{ $credentials: credentials },
		) as IDataObject;
		return { ...options, headers: { ...options.headers, ...headers } };
	}

	/**
	 * Like n8n's CLI: call the credential's preAuthentication when its expirable field is empty or
	 * Box said the token expired (a 401), store what it returns (n8n writes it to its database),
	 * and hand it to the request.
	 */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		type: string,
		_node: INode,
		expired: boolean,
	) {
		const credentialType = credentialTypes[type];
		const expirable = credentialType?.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (!expirable || typeof credentialType.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !expired) return undefined;
		const output = await credentialType.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		this.store(type, output);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by RoutingNode');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	) {
		return this.resolve(type);
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string) {
		return credentialTypes[type]?.properties ?? [];
	}
}

/** A one-node workflow holding the Box Sign node with these parameters, and n8n's run-time data for it. */
function boxSignWorkflow(options: RunOptions) {
	const nodeType: INodeType = new BoxSign();
	nodeType.description.properties.push(commonDeclarativeNodeOptionParameters);
	const nodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: [
			{
				id: 'box-sign-node',
				name: 'Box Sign',
				type: 'n8n-nodes-box-sign.boxSign',
				typeVersion: 1,
				position: [0, 0],
				parameters: options.parameters as INodeParameters,
				credentials: {
					boxSignOAuth2Api: { id: '1', name: 'Box Sign account' },
					boxSignClientCredentialsApi: { id: '2', name: 'Box Sign server account' },
				},
				...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			},
		],
		connections: {},
		active: false,
		nodeTypes: nodeTypes as never,
	});
	const node = workflow.getNode('Box Sign')!;
	const stored: Record<string, IDataObject> = {
		[clientCredentials.name]: { baseUrl: options.baseUrl, ...options.clientCredentials },
		[oAuth2.name]: {
			baseUrl: options.baseUrl,
			clientId: 'sandbox-client-id',
			clientSecret: 'sandbox-client-secret',
			oauthTokenData: {
				access_token: options.accessToken ?? TEST_ACCESS_TOKEN,
				refresh_token: 'sandbox-refresh-token',
				token_type: 'bearer',
			},
		},
	};
	const additionalData = {
		credentialsHelper: new SandboxCredentialsHelper(
			(type) => resolveCredentials(credentialTypes[type], workflow, node, stored[type]),
			(type, data) => Object.assign(stored[type], data),
		),
		executionId: '1',
		variables: {},
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
	} as unknown as IWorkflowExecuteAdditionalData;
	return { nodeType, workflow, node, additionalData };
}

export async function runBoxSign(options: RunOptions): Promise<INodeExecutionData[]> {
	const { nodeType, workflow, node, additionalData } = boxSignWorkflow(options);
	const items: INodeExecutionData[] = (options.items ?? [{}]).map((json) => ({ json }));
	const inputData = { main: [items] };
	const executeData: IExecuteData = { node, data: inputData, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'manual',
		createRunExecutionData(),
		0,
		items,
		inputData,
		executeData,
		[],
	);
	const [output] = (await new RoutingNode(context, nodeType).runNode()) as INodeExecutionData[][];
	return output;
}

/** What the editor does when the user opens a "From List" template picker and types a filter. */
export async function searchSignTemplates(
	options: Omit<RunOptions, 'parameters'> & { parameters?: IDataObject },
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { nodeType, workflow, node, additionalData } = boxSignWorkflow({
		parameters: { resource: 'signTemplate', operation: 'get' },
		...options,
	});
	const context = new LoadOptionsContext(workflow, node, additionalData, 'templateId');
	return await nodeType.methods!.listSearch!.searchSignTemplates.call(
		context,
		filter,
		paginationToken,
	);
}
