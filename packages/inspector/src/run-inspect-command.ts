import { messageFrom } from '@blinger-webhooks/core/adapter'
import { type Inspector, startInspector } from './start-inspector.js'

/** The options of `blinger-webhooks inspect`, as a command-line parser hands them over (strings or numbers). */
export interface InspectCommandOptions {
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

/** Where the command writes, and whether it stops itself on Ctrl-C. */
export interface InspectCommandIo {
  /** Receives the lines the command prints. @default process.stdout.write */
  write?: (text: string) => void
  /** Close the inspector on SIGINT and SIGTERM, so the record file is flushed. @default true */
  handleSignals?: boolean
}

const prefixed = messageFrom('inspector')

/**
 * Runs `blinger-webhooks inspect`: checks the options, starts the inspector, prints where to look and where to
 * send, and closes cleanly on Ctrl-C. Resolves once it listens; the process then stays up until closed.
 * @example
 * program
 *   .command('inspect')
 *   .option('--port <port>').option('--host <host>').option('--token <token>')
 *   .option('--forward <url>').option('--record <file>').option('--max <n>')
 *   .action((options) => runInspectCommand(options))
 */
export async function runInspectCommand(
  options: InspectCommandOptions,
  io: InspectCommandIo = {},
): Promise<Inspector> {
  const write = io.write ?? ((text: string) => void process.stdout.write(text))
  const inspector = await startInspector({
    ...(options.port === undefined ? {} : { port: toInteger('--port', options.port) }),
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.max === undefined ? {} : { max: toInteger('--max', options.max) }),
    token: options.token,
    forward: options.forward,
    record: options.record,
  })
  write(`Blinger webhook inspector: ${inspector.url}\n`)
  write(`  Send webhooks to ${inspector.webhookUrl}\n`)
  if (options.forward !== undefined) write(`  Forwarding each delivery to ${options.forward}\n`)
  if (options.record !== undefined) write(`  Recording deliveries to ${options.record}\n`)
  write('  Press Ctrl-C to stop.\n')

  if (io.handleSignals === false) return inspector
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

function toInteger(flag: string, value: string | number): number {
  const number = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(number))
    throw new TypeError(prefixed(`${flag} must be a whole number, got ${String(value)}.`))
  return number
}
