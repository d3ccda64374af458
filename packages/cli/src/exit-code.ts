/**
 * The exit codes of `blinger-webhooks`, the same for every command:
 * 0 success; 1 the receiver said no (a non-2xx status, a failed replay, an invalid payload);
 * 2 bad arguments or unreadable input; 3 the URL did not answer (`send` only; `replay` counts it as a failure).
 */
export const ExitCode = { ok: 0, failed: 1, usage: 2, unreachable: 3 } as const

/** One of the values of `ExitCode`. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]
