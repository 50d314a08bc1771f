import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * The Sign events, spelled as in Box's guides and as Box's blog captured them in live deliveries.
 * These are the values of the Events parameter: saved workflows depend on them.
 */
export const SIGN_EVENTS: INodePropertyOptions[] = [
	{
		name: 'Completed (All Signers Signed)',
		value: 'SIGN_REQUEST.COMPLETED',
		description: 'Everyone has signed and the signed documents are in Box',
	},
	{ name: 'Declined', value: 'SIGN_REQUEST.DECLINED', description: 'A signer declined to sign' },
	{
		name: 'Error Finalizing',
		value: 'SIGN_REQUEST.ERROR_FINALIZING',
		description: 'Box could not produce the signed documents',
	},
	{
		name: 'Expired',
		value: 'SIGN_REQUEST.EXPIRED',
		description: 'The request expired before everyone signed',
	},
	{
		name: 'Signature Requested',
		value: 'SIGN_REQUEST.SIGNATURE_REQUESTED',
		description: 'A sign request was sent',
	},
	{
		name: 'Signer Email Bounced',
		value: 'SIGN_REQUEST.SIGNER_EMAIL_BOUNCED',
		description: 'Box could not deliver the email to a signer',
	},
	{ name: 'Signer Signed', value: 'SIGN_REQUEST.SIGNER_SIGNED', description: 'One signer signed' },
];

// Box's OpenAPI spells three events differently from its guides; nobody has shown which spelling
// the live API takes at registration, so deliveries are matched under both.
const OPENAPI_SPELLING: Record<string, string> = {
	'SIGN_REQUEST.SIGNER_SIGNED': 'SIGN_REQUEST.SIGN_SIGNER_SIGNED',
	'SIGN_REQUEST.SIGNATURE_REQUESTED': 'SIGN_REQUEST.SIGN_DOCUMENT_CREATED',
	'SIGN_REQUEST.ERROR_FINALIZING': 'SIGN_REQUEST.SIGN_ERROR_FINALIZING',
};
const GUIDE_SPELLING = Object.fromEntries(
	Object.entries(OPENAPI_SPELLING).map(([guide, openApi]) => [openApi, guide]),
);

/** Box's notices about the webhook itself, never about a sign request. */
export const WEBHOOK_NOTICES = ['WEBHOOK.DELETED', 'NO_ACTIVE_SESSION'];

/** An event name as the Events parameter spells it, whichever spelling Box used. */
export function guideSpelling(trigger: string): string {
	return GUIDE_SPELLING[trigger] ?? trigger;
}

/** The same events in Box's OpenAPI spelling; undefined when no event has another spelling. */
export function openApiSpelling(events: string[]): string[] | undefined {
	if (!events.some((event) => event in OPENAPI_SPELLING)) return undefined;
	return events.map((event) => OPENAPI_SPELLING[event] ?? event);
}

/** Whether two lists name the same events, spellings aside. */
export function sameEvents(a: string[], b: string[]): boolean {
	const normalise = (events: string[]) => [...new Set(events.map(guideSpelling))].sort().join();
	return normalise(a) === normalise(b);
}
