import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { authenticationParameter, boxSignCredentials } from '../BoxSign/shared/descriptions';
import { SIGN_EVENTS } from './events';
import { handleDelivery } from './handleDelivery';
import { createWebhook, deleteOurWebhook, webhookExists } from './registration';

export class BoxSignTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Box Sign Trigger',
		name: 'boxSignTrigger',
		icon: { light: 'file:../../icons/boxSign.svg', dark: 'file:../../icons/boxSign.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when a Box Sign request is signed, declined, expires, …',
		defaults: { name: 'Box Sign Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: boxSignCredentials,
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			authenticationParameter,
			{
				displayName:
					'Fill in "Webhook Primary Key" (and, for key rotation, "Webhook Secondary Key") in the credential: Box Developer Console → your app → Webhooks → Manage signature keys. Box delivers only to a public HTTPS URL: set n8n’s WEBHOOK_URL.',
				name: 'keysNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Watch',
				name: 'targetType',
				type: 'options',
				options: [
					{ name: 'Folder', value: 'folder' },
					{ name: 'File', value: 'file' },
				],
				default: 'folder',
				description:
					'Box fires Sign events on the documents of a sign request: watch the folder they are in (subfolders included) or one file',
			},
			{
				displayName: 'Target ID',
				name: 'targetId',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. 234102987614',
				description:
					'The ID of the Box folder or file, from its URL in Box (not 0, the root folder)',
				hint: 'Box keeps one webhook per folder or file per app and user: one active workflow per folder',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: SIGN_EVENTS,
				default: ['SIGN_REQUEST.COMPLETED'],
				required: true,
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Get Sign Request',
						name: 'getSignRequest',
						type: 'boolean',
						default: false,
						description:
							'Whether to read the whole sign request from Box (status, signers and their decisions, signed files) and add it as "signRequest"',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await webhookExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createWebhook.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteOurWebhook.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery(this);
	}
}
