/**
 * Every status the pipeline documents (see `respond.ts` in core): 200 accepted or duplicate, 400 bad body,
 * 401 token, 405 method, 408 slow body, 413 too large, 415 media type or encoding, 422 schema, 500 handler
 * or consumed body, 503 dedupe store.
 */
export const documentedStatuses: ReadonlySet<number> = new Set([
  200, 400, 401, 405, 408, 413, 415, 422, 500, 503,
])
