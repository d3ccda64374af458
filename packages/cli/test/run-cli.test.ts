import { describe, expect, it } from 'vitest'
import { ExitCode, runCli } from '../src/index.js'
import { memoryIo } from './memory-io.js'

describe('runCli in process', () => {
  it('resolves with the exit code and writes to the given streams', async () => {
    const io = memoryIo([Buffer.from('{"webhook":"on_user_new"}')])
    expect(await runCli(['validate', '-'], io)).toBe(ExitCode.failed)
    expect(io.out()).toMatch(
      /^invalid: user\.new \(on_user_new\)\n {2}\/: must have required properties user\n$/,
    )
    expect(io.err()).toBe('')
  })

  it('turns an unexpected failure into one line and exit 1, never a rejection', async () => {
    const failing: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({
        next: () => Promise.reject(new Error('stdin broke\n    at somewhere (file.js:1:1)')),
      }),
    }
    const io = memoryIo(failing)
    expect(await runCli(['validate', '-'], io)).toBe(ExitCode.failed)
    expect(io.err()).toBe('[@blinger-webhooks/cli] stdin broke\n')
  })

  it('prints help to stdout with exit 0, and usage errors to stderr with exit 2', async () => {
    const help = memoryIo()
    expect(await runCli(['schema', '--help'], help)).toBe(ExitCode.ok)
    expect(help.out()).toContain('(choices:')
    expect(help.err()).toBe('')
    const bad = memoryIo()
    expect(await runCli(['schema', 'nope'], bad)).toBe(ExitCode.usage)
    expect(bad.out()).toBe('')
    expect(bad.err()).toMatch(/^\[@blinger-webhooks\/cli\] command-argument value 'nope' is invalid[^\n]*\n$/)
  })

  it('can be run twice in one process: no state is kept between runs', async () => {
    const first = memoryIo()
    const second = memoryIo()
    expect(await runCli(['schema', 'user.new'], first)).toBe(ExitCode.ok)
    expect(await runCli(['schema', 'user.new'], second)).toBe(ExitCode.ok)
    expect(second.out()).toBe(first.out())
  })
})
