import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { boxConnection } from '../BoxSign/shared/sendToBox';
import type { SignatureKeys } from './verifySignature';

/** The Box app's signature keys from the credential the node uses (empty when not filled in). */
export async function webhookKeys(
	context: IHookFunctions | IWebhookFunctions,
): Promise<SignatureKeys> {
	const { credentialType } = await boxConnection(context);
	const credentials = await context.getCredentials(credentialType);
	return {
		primaryKey: String(credentials.webhookPrimaryKey ?? ''),
		secondaryKey: String(credentials.webhookSecondaryKey ?? ''),
	};
}
