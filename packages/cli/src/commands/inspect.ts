import { type InspectCommandOptions, type Inspector, runInspectCommand } from '@blinger-webhooks/inspector'
import { CliError } from '../cli-error.js'
import type { CliIo } from '../cli-io.js'
import { ExitCode } from '../exit-code.js'

/**
 * `inspect`: starts the delivery inspector and resolves once it listens. The open server keeps the process up
 * until Ctrl-C, which closes it cleanly.
 */
export async function inspect(
  options: InspectCommandOptions,
  io: CliIo,
  handleSignals = true,
): Promise<Inspector> {
  try {
    return await runInspectCommand(options, { write: (text) => io.stdout.write(text), handleSignals })
  } catch (error) {
    // The inspector's errors carry their own prefix; runCli adds the CLI's.
    const message = error instanceof Error ? error.message : String(error)
    throw new CliError(message.replace('[@blinger-webhooks/inspector] ', ''), ExitCode.usage, {
      cause: error,
    })
  }
}
