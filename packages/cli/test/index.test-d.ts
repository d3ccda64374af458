import { expectTypeOf, test } from 'vitest'
import { CliError, type CliIo, ExitCode, runCli } from '../src/index.js'

test('runCli takes argv and optional streams, and resolves with an exit code', () => {
  expectTypeOf(runCli).parameter(0).toEqualTypeOf<readonly string[]>()
  expectTypeOf(runCli).parameter(1).toEqualTypeOf<CliIo | undefined>()
  expectTypeOf(runCli).returns.resolves.toBeNumber()
  expectTypeOf(new CliError('x', ExitCode.usage).exitCode).toEqualTypeOf<ExitCode>()
  const io: CliIo = { stdout: { write: () => true }, stderr: { write: () => true }, stdin: [] }
  void runCli(['schema', 'user.new'], io)
  // @ts-expect-error: argv is a list of strings
  void runCli('schema')
})
