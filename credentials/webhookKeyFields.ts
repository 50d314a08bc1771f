import type { INodeProperties } from 'n8n-workflow';

/** Box's webhook signature keys (secrets), on both credentials; only the Box Sign Trigger reads them. */
export const webhookKeyFields: INodeProperties[] = [
	{
		displayName: 'Webhook Primary Key',
		name: 'webhookPrimaryKey',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			'Only for the Box Sign Trigger, which refuses to start without it: Box Developer Console → your app → Webhooks → Manage signature keys → Primary key',
	},
	{
		displayName: 'Webhook Secondary Key',
		name: 'webhookSecondaryKey',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			'Optional: the secondary signature key from the same page, so that deliveries keep being accepted while you rotate the primary key',
	},
];
