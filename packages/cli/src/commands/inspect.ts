import { type Inspector, startInspector } from '@blinger-webhooks/inspector'
import { CliError } from '../cli-error.js'
import type { CliIo } from '../cli-io.js'
import { ExitCode } from '../exit-code.js'

/** The options of `inspect`, as commander hands them over (strings or numbers). */
export interface InspectOptions {
  /** `--port`. @default 4000 */
  port?: string | number | undefined
  /** `--host`. @default '127.0.0.1' */
  host?: string | undefined
  /** `--token`. @default undefined */
  token?: string | undefined
  /** `--forward URL`. @default undefined */
  forward?: string | undefined
  /** `--record file.ndjson`. @default undefined */
  record?: string | undefined
  /** `--max N`: deliveries kept. @default 500 */
  max?: string | number | undefined
}

/**
 * `inspect`: starts the delivery inspector, prints where to look and where to send, and resolves once it
 * listens. The open server keeps the process up until Ctrl-C, which closes it cleanly (the record file is
 * flushed); `handleSignals: false` leaves that to the caller.
 */
export async function inspect(options: InspectOptions, io: CliIo, handleSignals = true): Promise<Inspector> {
  const write = (text: string) => void io.stdout.write(text)
  const inspector = await start(options)
  write(`Blinger webhook inspector: ${inspector.url}\n`)
  write(`  Send webhooks to ${inspector.webhookUrl}\n`)
  if (options.forward !== undefined) write(`  Forwarding each delivery to ${options.forward}\n`)
  if (options.record !== undefined) write(`  Recording deliveries to ${options.record}\n`)
  write('  Press Ctrl-C to stop.\n')

  if (!handleSignals) return inspector
  const stop = () => {
    inspector.close().then(() => write('Inspector stopped.\n'))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  return {
    ...inspector,
    close() {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      return inspector.close()
    },
  }
}

async function start(options: InspectOptions): Promise<Inspector> {
  const port = options.port === undefined ? undefined : toInteger('--port', options.port)
  const max = options.max === undefined ? undefined : toInteger('--max', options.max)
  try {
    return await startInspector({
      ...(port === undefined ? {} : { port }),
      ...(options.host === undefined ? {} : { host: options.host }),
      ...(max === undefined ? {} : { max }),
      token: options.token,
      forward: options.forward,
      record: options.record,
    })
  } catch (error) {
    // The inspector's errors carry their own prefix; runCli adds the CLI's.
    const message = error instanceof Error ? error.message : String(error)
    throw new CliError(message.replace('[@blinger-webhooks/inspector] ', ''), ExitCode.usage, {
      cause: error,
    })
  }
}

function toInteger(flag: string, value: string | number): number {
  const number = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(number))
    throw new CliError(`${flag} must be a whole number, got ${String(value)}.`, ExitCode.usage)
  return number
}
