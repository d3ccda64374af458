/** The token the runtimes' app expects. Not exported from app.ts: Workers take only handlers as exports. */
export const token = 'runtime-test-token'
