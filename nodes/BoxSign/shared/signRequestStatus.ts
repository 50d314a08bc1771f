// Box Sign request statuses (SignRequest.status in Box's OpenAPI), grouped by what the node may do.

/** Everyone is done with these: nothing can be cancelled or resent any more. */
export const FINISHED_STATUSES = ['signed', 'cancelled', 'declined', 'expired', 'finalizing'];

/** Box gave up on these; the request will not reach signers. */
export const ERROR_STATUSES = ['error', 'error_converting', 'error_sending', 'error_finalizing'];

/** Box is still turning the source files into a signable document. */
export const PREPARING_STATUSES = ['converting'];

/** Box cancels only requests that have reached signers but are not finished. */
export const CANCELLABLE_STATUSES = ['created', 'sent', 'viewed'];
