import { createReceiver } from '@blinger-webhooks/core'
import { resolveReceiver } from '@blinger-webhooks/core/adapter'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { token } from '../helpers.js'

// Issue 24 (§5): in JavaScript, misuse was silent or cryptic: `blingerWebhooks()` threw "Cannot read
// properties of undefined", `handlertimeout` and `deadletters` were ignored, `on('conversation.close')` was
// accepted and never fired, and a 3-character token was accepted without a word.

afterEach(() => {
  vi.restoreAllMocks()
})

function messageOf(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError)
    return (error as Error).message
  }
  throw new Error('did not throw')
}

describe('no options, or not an object', () => {
  test.each([
    ['createReceiver()', () => (createReceiver as (options?: unknown) => unknown)()],
    ['an adapter’s blingerWebhooks()', () => (resolveReceiver as (options?: unknown) => unknown)()],
    ['a token string instead of { token }', () => createReceiver('a-token-0123456789abcdef' as never)],
  ])('%s says to pass { token }', (_, run) => {
    const message = messageOf(run)
    expect(message).toMatch(/^\[@blinger-webhooks\/core\] Options must be an object/)
    expect(message).toContain('Pass { token: process.env.BLINGER_TOKEN }')
    expect(message).not.toContain('a-token-0123456789abcdef')
  })
})

describe('unknown option keys', () => {
  test.each([
    ['handlertimeout', 'handlerTimeout'],
    ['deadletters', 'deadLetters'],
    ['allowUnauthenticted', 'allowUnauthenticated'],
    ['tokens', 'token'],
    ['handlerdeadline', 'handlerDeadline'],
    ['paht', 'path'],
  ])('`%s` names the key and `%s`', (key, closest) => {
    const secret = 'S3CRET-0123456789abcdef'
    for (const create of [createReceiver, resolveReceiver]) {
      const message = messageOf(() => create({ token, [key]: secret } as never))
      expect(message).toContain(`Unknown option \`${key}\`. Did you mean \`${closest}\`?`)
      expect(message).not.toContain(secret)
    }
  })

  test('nested dedupe keys too', () => {
    const message = messageOf(() => createReceiver({ token, dedupe: { TTL: 1000 } as never }))
    expect(message).toContain('Unknown option `dedupe.TTL`. Did you mean `ttl`?')
  })

  test('beside { receiver }, an unknown key is named before anything else', () => {
    const receiver = createReceiver({ token })
    expect(messageOf(() => resolveReceiver({ receiver, pth: '/x' } as never))).toContain(
      'Did you mean `path`?',
    )
  })
})

describe('on() and once() with a name no event has', () => {
  test.each(['on', 'once'] as const)('%s() names the closest event', (method) => {
    const receiver = createReceiver({ token })
    const message = messageOf(() => receiver[method]('conversation.close' as never, () => {}))
    expect(message).toContain('No event is named "conversation.close". Did you mean `conversation.closed`?')
  })

  test('every valid name is still accepted', () => {
    const receiver = createReceiver({ token })
    for (const name of [
      'message.incoming',
      'message',
      'invalid',
      'duplicate',
      'error',
      'unknown',
      '*',
    ] as const)
      expect(() => receiver.on(name, () => {}).once(name, () => {})).not.toThrow()
  })
})

describe('a short token', () => {
  test('warns once at creation, with how to make one, never printing it', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    createReceiver({ token: 'abc' })
    expect(warn).toHaveBeenCalledOnce()
    const line = String(warn.mock.calls[0]?.[0])
    expect(line).toContain('shorter than 16 characters')
    expect(line).toContain('openssl rand -hex 32')
    expect(line).not.toContain('abc')
  })

  test('names the accounts whose token is short, not the tokens', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    createReceiver({ token: { acme: ['short1', 'a-long-enough-token-0123'], globex: 'g'.repeat(16) } })
    expect(warn).toHaveBeenCalledOnce()
    const line = String(warn.mock.calls[0]?.[0])
    expect(line).toContain('The token of "acme"')
    expect(line).not.toContain('globex')
    expect(line).not.toContain('short1')
  })

  test('says nothing for 16 characters or more', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    createReceiver({ token: '0123456789abcdef' })
    createReceiver({ allowUnauthenticated: true })
    expect(warn).not.toHaveBeenCalled()
  })
})
