/** Where output goes. `process.stdout` and `process.stderr` fit; so does a test's buffer. */
export interface CliOutput {
  write(text: string): unknown
  /** Draw a progress bar only on a terminal. */
  readonly isTTY?: boolean
  /** The terminal's width, for the progress bar. */
  readonly columns?: number
}

/** The process's streams, injectable so `runCli` runs in a test as it does in a terminal. */
export interface CliIo {
  readonly stdout: CliOutput
  readonly stderr: CliOutput
  /** Read by `validate -` and `send -`. */
  readonly stdin: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>
}

/** The real process's streams. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }
}
