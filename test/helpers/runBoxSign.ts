// Runs the Box Sign node the way n8n's WorkflowExecute does for a declarative node:
// n8n-core's real ExecuteContext + RoutingNode, n8n-workflow's real parameter and expression
// resolution. Only the credential store is ours (n8n keeps it in a database).
import { ExecuteContext, RoutingNode } from 'n8n-core';
// What n8n's node loader adds to every declarative node ("Request Options": batching, timeout, …).
import { commonDeclarativeNodeOptionParameters } from 'n8n-core/dist/nodes-loader/constants';
import {
	createRunExecutionData,
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteData,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { BoxSignOAuth2Api } from '../../credentials/BoxSignOAuth2Api.credentials';
import { BoxSign } from '../../nodes/BoxSign/BoxSign.node';

export const TEST_ACCESS_TOKEN = 'sandbox-access-token';

export interface RunOptions {
	baseUrl: string;
	parameters: IDataObject;
	items?: IDataObject[];
	continueOnFail?: boolean;
	accessToken?: string;
}

const credentialType = new BoxSignOAuth2Api();

/** What n8n's CredentialsHelper does: stored data + defaults (hidden fields forced), then expressions with $self. */
export function resolveCredentials(
	workflow: Workflow,
	node: INode,
	stored: IDataObject,
): ICredentialDataDecryptedObject {
	const properties = credentialType.properties as INodeProperties[];
	const hiddenDefaults = Object.fromEntries(
		properties.filter((p) => p.type === 'hidden').map((p) => [p.name, p.default]),
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

class SandboxCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly resolve: () => ICredentialDataDecryptedObject) {
		super();
	}

	getParentTypes(name: string) {
		return name === credentialType.name ? ['oAuth2Api'] : [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	async authenticate(
		_credentials: ICredentialDataDecryptedObject,
		_type: string,
		options: IHttpRequestOptions,
	) {
		return options;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by RoutingNode');
	}

	async getDecrypted() {
		return this.resolve();
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties() {
		return credentialType.properties;
	}
}

export async function runBoxSign(options: RunOptions): Promise<INodeExecutionData[]> {
	const nodeType: INodeType = new BoxSign();
	nodeType.description.properties.push(commonDeclarativeNodeOptionParameters);
	const nodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'box-sign-node',
		name: 'Box Sign',
		type: 'n8n-nodes-box-sign.boxSign',
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters as INodeParameters,
		credentials: { boxSignOAuth2Api: { id: '1', name: 'Box Sign account' } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypes as never,
	});
	const workflowNode = workflow.getNode(node.name)!;
	const stored = {
		baseUrl: options.baseUrl,
		clientId: 'sandbox-client-id',
		clientSecret: 'sandbox-client-secret',
		oauthTokenData: {
			access_token: options.accessToken ?? TEST_ACCESS_TOKEN,
			refresh_token: 'sandbox-refresh-token',
			token_type: 'bearer',
		},
	};
	const additionalData = {
		credentialsHelper: new SandboxCredentialsHelper(() =>
			resolveCredentials(workflow, workflowNode, stored),
		),
		executionId: '1',
		variables: {},
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
	} as unknown as IWorkflowExecuteAdditionalData;

	const items: INodeExecutionData[] = (options.items ?? [{}]).map((json) => ({ json }));
	const inputData = { main: [items] };
	const executeData: IExecuteData = { node: workflowNode, data: inputData, source: null };
	const context = new ExecuteContext(
		workflow,
		workflowNode,
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
