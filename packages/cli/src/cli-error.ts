import { ExitCode } from './exit-code.js'

/** An error the CLI prints as one line, without a stack, and exits with `exitCode`. */
export class CliError extends Error {
  override readonly name = 'CliError'
  readonly exitCode: ExitCode

  constructor(message: string, exitCode: ExitCode = ExitCode.usage, options?: ErrorOptions) {
    super(message, options)
    this.exitCode = exitCode
  }
}
