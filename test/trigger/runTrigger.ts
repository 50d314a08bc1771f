// Runs the Box Sign Trigger the way n8n does: activation through n8n-core's real HookContext
// (checkExists, then create when it answers false, delete after a failed activation, as n8n's
// WebhookService and ActiveWorkflowManager do), and each request to its URL through n8n-core's real
// WebhookContext, behind a real HTTP server that hands over the raw body like n8n's body parser.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { HookContext, WebhookContext } from 'n8n-core';
import {
	Workflow,
	type IDataObject,
	type INode,
	type INodeParameters,
	type IWebhookData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { BoxSignTrigger } from '../../nodes/BoxSignTrigger/BoxSignTrigger.node';
import {
	SandboxCredentialsHelper,
	credentialTypes,
	resolveCredentials,
} from '../helpers/runBoxSign';

export const WEBHOOK_ID = '0c9e4f9a-5d1b-4a7e-9c55-3f1e2b7d8a01';
const NODE_NAME = 'Box Sign Trigger';

export interface TriggerOptions {
	baseUrl: string;
	parameters: IDataObject;
	/** The stored credential's webhook keys (and anything else to override). */
	credential?: IDataObject;
	clientCredentials?: IDataObject;
	workflowId?: string;
	/** Listen on this port (the same URL as an earlier harness); default a free one. */
	port?: number;
}

export interface Answer {
	status: number;
	body: string;
}

export interface TriggerHarness {
	url: string;
	workflow: Workflow;
	/** The items of every execution the deliveries started, in order. */
	executions: IDataObject[][];
	activate(): Promise<void>;
	deactivate(): Promise<void>;
	staticData(): IDataObject;
	close(): Promise<void>;
}

function triggerWorkflow(options: TriggerOptions, nodeType: BoxSignTrigger) {
	const nodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'box-sign-trigger-node',
		name: NODE_NAME,
		type: 'n8n-nodes-box-sign.boxSignTrigger',
		typeVersion: 1,
		position: [0, 0],
		webhookId: WEBHOOK_ID,
		parameters: options.parameters as INodeParameters,
		credentials: {
			boxSignOAuth2Api: { id: '1', name: 'Box Sign account' },
			boxSignClientCredentialsApi: { id: '2', name: 'Box Sign server account' },
		},
	};
	return new Workflow({
		id: options.workflowId ?? 'trigger-workflow',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: nodeTypes as never,
		staticData: {},
	});
}

/** Starts a server for the trigger's production URL; nothing is registered until `activate()`. */
export async function startTrigger(options: TriggerOptions): Promise<TriggerHarness> {
	const nodeType = new BoxSignTrigger();
	const workflow = triggerWorkflow(options, nodeType);
	const node = workflow.getNode(NODE_NAME)!;
	const stored: Record<string, IDataObject> = {
		boxSignOAuth2Api: {
			baseUrl: options.baseUrl,
			clientId: 'sandbox-client-id',
			clientSecret: 'sandbox-client-secret',
			oauthTokenData: { access_token: 'sandbox-access-token', token_type: 'bearer' },
			...options.credential,
		},
		boxSignClientCredentialsApi: {
			baseUrl: options.baseUrl,
			...options.clientCredentials,
			...options.credential,
		},
	};
	const executions: IDataObject[][] = [];
	const server = http.createServer((req, res) => {
		receive(req, res).catch((error) => {
			res.writeHead(500).end(String(error));
		});
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	const additionalData = {
		credentialsHelper: new SandboxCredentialsHelper(
			(type) => resolveCredentials(credentialTypes[type], workflow, node, stored[type]),
			(type, data) => Object.assign(stored[type], data),
		),
		executionId: '1',
		variables: {},
		webhookBaseUrl: `${origin}/webhook`,
		webhookTestBaseUrl: `${origin}/webhook-test`,
		webhookWaitingBaseUrl: `${origin}/webhook-waiting`,
		formWaitingBaseUrl: `${origin}/form-waiting`,
	} as unknown as IWorkflowExecuteAdditionalData;
	const webhookData = {
		httpMethod: 'POST',
		node: NODE_NAME,
		path: `${WEBHOOK_ID}/webhook`,
		webhookDescription: nodeType.description.webhooks![0],
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
		isTest: false,
	} as unknown as IWebhookData;

	const hook = (name: 'checkExists' | 'create' | 'delete') => {
		const context = new HookContext(
			workflow,
			node,
			additionalData,
			'trigger',
			'activate',
			webhookData,
		);
		return nodeType.webhookMethods.default[name].call(context);
	};

	// n8n's body parser: `rawBody` (a Buffer) and the parsed JSON; express's `res.status()`.
	async function receive(req: http.IncomingMessage, res: http.ServerResponse) {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		let body: unknown = {};
		try {
			body = JSON.parse(rawBody.toString('utf8'));
		} catch {
			// n8n passes unparsable bodies on as they are
		}
		const request = Object.assign(req, {
			rawBody,
			body,
			query: {},
			params: {},
			readRawBody: async () => {},
		});
		const response = Object.assign(res, {
			status(code: number) {
				res.statusCode = code;
				return response;
			},
		});
		const context = new WebhookContext(
			workflow,
			node,
			{ ...additionalData, httpRequest: request, httpResponse: response } as never,
			'webhook',
			webhookData,
			[],
			null,
		);
		const result = await nodeType.webhook.call(context);
		if (result.noWebhookResponse) return;
		if (result.workflowData) executions.push(result.workflowData[0].map((item) => item.json));
		// responseMode 'onReceived': n8n answers as soon as the execution is started.
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ message: 'Workflow was started' }));
	}

	return {
		url: `${origin}/webhook/${WEBHOOK_ID}/webhook`,
		workflow,
		executions,
		async activate() {
			try {
				if (!(await hook('checkExists'))) await hook('create');
			} catch (error) {
				await hook('delete');
				throw error;
			}
		},
		async deactivate() {
			await hook('delete');
		},
		staticData: () => workflow.getStaticData('node', node),
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
