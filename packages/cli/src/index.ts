/** @module @blinger-webhooks/cli: the `blinger-webhooks` command, also callable from code through `runCli`. */
export { CliError } from './cli-error.js'
export type { CliIo, CliOutput } from './cli-io.js'
export { ExitCode } from './exit-code.js'
export { runCli } from './run-cli.js'
