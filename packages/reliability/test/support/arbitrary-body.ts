import { WebhookByEventName } from '@blinger-webhooks/core'
import fc from 'fast-check'
import { mutatedFixture } from './mutated-fixture.js'

const webhooks = Object.values(WebhookByEventName)

/** Pieces of JSON and of Blinger payloads, so that random sequences come close to being valid. */
const jsonPieces = [
  '{',
  '}',
  '[',
  ']',
  '"',
  ':',
  ',',
  ' ',
  '\n',
  '\\',
  '\\u',
  'd800',
  '0',
  '1',
  '-',
  '.',
  'e',
  '1e999',
  'true',
  'null',
  '"webhook"',
  '"on_user_new"',
  '"on_message_incoming"',
  '"__proto__"',
  '"constructor"',
  '"prototype"',
  '\uFEFF',
  '\u0000',
  '\u2028',
  '😀',
]

/** A delivery-like object: a `webhook` (known, unknown or not a string) plus arbitrary fields. */
const deliveryLike = fc
  .record({
    webhook: fc.oneof(
      fc.constantFrom(...webhooks),
      fc.string({ maxLength: 24 }),
      fc.jsonValue({ maxDepth: 1 }),
    ),
    rest: fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 8 }),
  })
  .map(({ webhook, rest }) => JSON.stringify({ ...rest, webhook }))

/** Ways a correct body gets damaged on the wire or by a wrong encoder. */
const corruption = fc.oneof(
  fc.constant((raw: Buffer) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), raw])),
  fc.constant((raw: Buffer) => Buffer.concat([Buffer.from('\uFEFF\uFEFF'), raw])),
  fc.constant((raw: Buffer) => Buffer.from(raw.toString('utf8'), 'utf16le')),
  fc.constant((raw: Buffer) => Buffer.concat([raw, Buffer.from(' garbage')])),
  fc.constant((raw: Buffer) => Buffer.concat([Buffer.from(' \r\n\t'), raw, Buffer.from('\n')])),
  fc.nat().map((at) => (raw: Buffer) => raw.subarray(0, at % (raw.length + 1))),
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom([0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80]),
    )
    .map(([at, bytes]) => (raw: Buffer) => {
      const cut = at % (raw.length + 1)
      return Buffer.concat([raw.subarray(0, cut), Buffer.from(bytes), raw.subarray(cut)])
    }),
)

/**
 * Request bodies of every kind: arbitrary bytes, arbitrary JSON, delivery-like objects, Blinger's samples with
 * fields dropped, nulled, retyped or duplicated, and such samples damaged on the wire (BOM, invalid UTF-8,
 * truncation, UTF-16, trailing garbage).
 */
export function arbitraryBody(): fc.Arbitrary<Buffer> {
  const fixtureText = mutatedFixture().map(({ text }) => text)
  return fc.oneof(
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes)) },
    {
      weight: 2,
      arbitrary: fc
        .array(fc.constantFrom(...jsonPieces), { maxLength: 40 })
        .map((parts) => Buffer.from(parts.join(''))),
    },
    {
      weight: 2,
      arbitrary: fc
        .oneof(fc.jsonValue({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 3, stringUnit: 'grapheme' }))
        .map((value) => Buffer.from(JSON.stringify(value) ?? 'null')),
    },
    { weight: 2, arbitrary: deliveryLike.map((text) => Buffer.from(text)) },
    { weight: 4, arbitrary: fixtureText.map((text) => Buffer.from(text)) },
    {
      weight: 2,
      arbitrary: fc.tuple(fixtureText, corruption).map(([text, damage]) => damage(Buffer.from(text))),
    },
  )
}
