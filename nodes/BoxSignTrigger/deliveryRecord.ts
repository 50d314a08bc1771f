/**
 * The Box events that already started an execution in this n8n process, so that Box's retries and
 * replayed deliveries start nothing. n8n does not persist static data changed while a delivery
 * starts an execution, so this record lives in the process: it is empty after a restart and not
 * shared between n8n processes (queue mode with webhook processes).
 */
const RETENTION_MS = 24 * 60 * 60 * 1000;
const MAX_ENTRIES = 50_000;

// Insertion order is arrival order: the oldest entries come first.
const firstSeenAt = new Map<string, number>();

function forgetExpired(now: number) {
	for (const [key, seenAt] of firstSeenAt) {
		if (now - seenAt < RETENTION_MS && firstSeenAt.size <= MAX_ENTRIES) return;
		firstSeenAt.delete(key);
	}
}

/** Records the event; false when it was recorded in the last 24 hours. */
export function isFirstDelivery(key: string, now: number): boolean {
	forgetExpired(now);
	if (firstSeenAt.has(key)) return false;
	firstSeenAt.set(key, now);
	return true;
}

/** Forgets an event whose execution could not be started, so that Box's retry can start it. */
export function forgetDelivery(key: string): void {
	firstSeenAt.delete(key);
}
