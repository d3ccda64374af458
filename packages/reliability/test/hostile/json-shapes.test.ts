import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createLedger, type Ledger, postJson, type RunningApp, stacks, startApp } from '../support/index.js'

const token = 'shapes-token-27b9e4'
const userNew = JSON.stringify(FixtureByEventName['user.new'])

/** `user.new` with `extra` spliced in as raw JSON text. */
const withExtra = (extra: string) => `${userNew.slice(0, -1)},"extra":${extra}}`

/** An object of `count` keys, as text. */
const manyKeys = (count: number) => `{${Array.from({ length: count }, (_, i) => `"k${i}":${i}`).join(',')}}`

describe.each(stacks)('%s', (stack) => {
  let app: RunningApp
  let ledger: Ledger
  beforeAll(async () => {
    app = await startApp(stack, { token })
    ledger = createLedger(app.hooks)
  })
  afterAll(() => app.close())

  const send = async (body: string | Uint8Array, expected: number) => {
    const { status, text } = await postJson(app.origin, token, body)
    expect(status, text).toBe(expected)
    expect(ledger.settle(status)).toBeUndefined()
    return text
  }

  test('arrays nested 500,000 deep in a valid delivery: parsed without recursion, emitted once', async () => {
    await send(withExtra(`${'['.repeat(500_000)}${']'.repeat(500_000)}`), 200)
  })

  test('objects nested 200,000 deep: the same', async () => {
    await send(withExtra(`${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}`), 200)
  })

  test('a top-level array nested deep is not an object: 400', async () => {
    const text = await send(`${'['.repeat(300_000)}${']'.repeat(300_000)}`, 400)
    expect(JSON.parse(text)).toMatchObject({ error: 'not_an_object' })
  })

  test('100,000 keys beside a valid payload: 200, emitted once', async () => {
    await send(`${manyKeys(100_000).slice(0, -1)},${userNew.slice(1)}`, 200)
  })

  test('100,000 keys and no valid payload: 422 with at most ten issues', async () => {
    const text = await send(`${manyKeys(100_000).slice(0, -1)},"webhook":"on_user_new"}`, 422)
    expect((JSON.parse(text) as { issues: unknown[] }).issues.length).toBeLessThanOrEqual(10)
  })

  test('100,000 keys nested in a field: 200', async () => {
    await send(withExtra(manyKeys(100_000)), 200)
  })

  test('invalid UTF-8 is refused (400), never decoded into U+FFFD', async () => {
    const bytes = Buffer.from(withExtra('"\u00e9"'))
    const at = bytes.indexOf(0xc3) // the first byte of é
    const broken = Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff, 0xfe]), bytes.subarray(at + 2)])
    const text = await send(broken, 400)
    expect(JSON.parse(text)).toMatchObject({ error: 'invalid_json' })
  })

  test('an overlong encoding and a lone surrogate in UTF-8 are refused too', async () => {
    await send(Buffer.from([...Buffer.from('{"webhook":"'), 0xc0, 0xaf, ...Buffer.from('"}')]), 400)
    await send(Buffer.from([...Buffer.from('{"webhook":"'), 0xed, 0xa0, 0x80, ...Buffer.from('"}')]), 400)
  })

  test('a UTF-8 BOM is skipped: 200', async () => {
    await send(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(withExtra('"bom"'))]), 200)
  })

  test('a UTF-16 body (with its BOM) is not UTF-8 JSON: 400', async () => {
    await send(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(withExtra('"utf16"'), 'utf16le')]), 400)
  })
})
