import { type EventName, eventNames } from '@blinger-webhooks/core'
import { deadLetterReasons, messageFrom } from '@blinger-webhooks/core/internal'
import { Argument, Command, CommanderError, Option } from 'commander'
import packageJson from '../package.json' with { type: 'json' }
import { CliError } from './cli-error.js'
import { type CliIo, processIo } from './cli-io.js'
import { type InspectOptions, inspect } from './commands/inspect.js'
import { type ReplayOptions, replay } from './commands/replay.js'
import { schema } from './commands/schema.js'
import { send } from './commands/send.js'
import { validate } from './commands/validate.js'
import { addDeliveryOptions, collectReason, type DeliveryOptions, parseInteger } from './delivery-options.js'
import { ExitCode } from './exit-code.js'

const prefixed = messageFrom('cli')

const exitCodesHelp = `
Exit codes: 0 success; 1 the receiver said no (non-2xx, failed replay, invalid payload);
2 bad arguments or unreadable input; 3 the URL did not answer.`

/**
 * Runs `blinger-webhooks` with `argv` (the arguments after the program name) and resolves with the exit code.
 * Never throws and never prints a stack: every failure is one line on stderr.
 * @example
 * process.exitCode = await runCli(['validate', 'payload.json'])
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode: number = ExitCode.ok
  const program = createProgram(io, (code) => {
    exitCode = code
  })
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return exitCode
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version end with code 0; every other parse error is a usage error, exit 2.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage
    }
    const message = error instanceof Error ? error.message : String(error)
    io.stderr.write(prefixed(`${message.split('\n')[0]}\n`))
    return error instanceof CliError ? error.exitCode : ExitCode.failed
  }
}

function createProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('blinger-webhooks')
    .description('Send, replay and validate Blinger webhook deliveries, and print their JSON Schema.')
    .version(packageJson.version, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // One line, always: commander puts its suggestion ("Did you mean send?") on a line of its own.
      outputError: (text, write) =>
        write(
          prefixed(
            `${text
              .replace(/^error: /, '')
              .trim()
              .replace(/\s*\n\s*/g, ' ')} (see --help)\n`,
          ),
        ),
    })
    .showSuggestionAfterError()
    .addHelpText('after', exitCodesHelp)

  addDeliveryOptions(
    program
      .command('send')
      .description(
        'POST one sample payload (by event name) or a payload file to a receiver; print the status and body.',
      )
      .argument('<event-name|file>', `an event name (${eventNames.join(', ')}), a JSON file, or - for stdin`),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  blinger-webhooks send message.incoming --url http://127.0.0.1:3000/webhooks/blinger --token $TOKEN\n  blinger-webhooks send payload.json --url https://staging.example.com/webhooks/blinger',
    )
    .action(async (input: string, options: DeliveryOptions) => setExitCode(await send(input, options, io)))

  addDeliveryOptions(
    program
      .command('replay')
      .description(
        'Send recorded deliveries or dead letters (NDJSON from @blinger-webhooks/recorder or the deadLetters option, or bare payloads) and summarize.',
      )
      .argument(
        '<file|dir>',
        'an NDJSON file, a .json file, or a directory of .ndjson/.jsonl/.json files (read in name order)',
      ),
  )
    .addOption(
      new Option('-c, --concurrency <n>', 'deliveries in flight at once (1 keeps the recorded order)')
        .argParser(parseInteger(1, 256))
        .default(1),
    )
    .addOption(
      new Option(
        '--reason <reason>',
        `replay only dead letters of this reason: ${deadLetterReasons.join(', ')} (repeatable)`,
      ).argParser(collectReason),
    )
    .addHelpText(
      'after',
      '\nExample: blinger-webhooks replay dead-letters.ndjson --url http://127.0.0.1:3000/webhooks/blinger --reason failed\nEnds with: sent N, 2xx N, 4xx N, 5xx N, network errors N. Exits 1 when any delivery was not answered 2xx or any line was skipped.\nEach letter goes with its own account’s token (--tokens-file or $BLINGER_TOKEN_<ACCOUNT>); each file is read up to its size at the start; redirects are not followed.',
    )
    .action(async (path: string, options: ReplayOptions) => setExitCode(await replay(path, options, io)))

  program
    .command('validate')
    .description(
      'Check a payload (or a recorded line) against the Blinger Webhooks v1.0 schemas; print the failing paths.',
    )
    .argument('<file>', 'a JSON file, or - for stdin')
    .addHelpText('after', '\nExit codes: 0 valid, 1 invalid, 2 unreadable or not JSON.')
    .action(async (input: string) => setExitCode(await validate(input, io)))

  program
    .command('schema')
    .description(
      'Print the JSON Schema (draft 2020-12) of one event payload, or of any payload without an argument.',
    )
    .addArgument(new Argument('[event-name]', 'the event whose payload schema to print').choices(eventNames))
    .action((name: EventName | undefined) => setExitCode(schema(name, io)))

  program
    .command('inspect')
    .description(
      'Receive webhooks locally and inspect them live in a browser: schema mismatches, drift, replay, samples.',
    )
    .addOption(
      new Option('-p, --port <port>', 'port to listen on (0 picks a free one)')
        .argParser(parseInteger(0, 65_535))
        .default(4000),
    )
    .option('--host <host>', 'address to bind; anything but loopback requires --token', '127.0.0.1')
    .addOption(
      new Option(
        '-t, --token <token>',
        'the secret webhooks must present; off loopback the page needs it too',
      ).env('BLINGER_TOKEN'),
    )
    .option('--forward <url>', 'relay every accepted delivery to your app (also the default replay target)')
    .option('--record <file>', 'append every accepted delivery as NDJSON, for `replay`')
    .addOption(
      new Option('--max <n>', 'deliveries kept in memory').argParser(parseInteger(1, 100_000)).default(500),
    )
    .action(async (options: InspectOptions) => {
      await inspect(options, io)
      setExitCode(ExitCode.ok)
    })

  return program
}
