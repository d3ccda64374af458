import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import * as adapter from '../src/adapter.js'
import * as appTypes from '../src/app-types.js'
import * as fixtures from '../src/fixtures/index.js'
import * as main from '../src/index.js'
import * as internal from '../src/internal.js'

/**
 * The runtime names each entry of package.json `exports` gives, sorted. Adding or removing one changes what
 * users may import: a decision made here, on purpose, not a side effect of an edit elsewhere.
 */
const surface: Record<string, { entry: object; names: readonly string[] }> = {
  '.': {
    entry: main,
    names: [
      'CommentIncomingPayload',
      'CommentOutgoingPayload',
      'ConversationAssignedPayload',
      'ConversationClosedPayload',
      'ConversationUnassignedPayload',
      'EventNameByWebhook',
      'MessageIncomingPayload',
      'MessageOutgoingPayload',
      'PayloadSchemaByEventName',
      'UserNewPayload',
      'WebhookByEventName',
      'WebhookError',
      'channelNames',
      'createJsonSchema',
      'createMemoryStore',
      'createReceiver',
      'defaultLimit',
      'eventNames',
      'groupOf',
      'isEventName',
      'isWebhookName',
      'redactToken',
      'validatePayload',
    ],
  },
  './adapter': {
    entry: adapter,
    names: ['attachEmitter', 'matchPath', 'notFoundResponse', 'resolveReceiver', 'responderOf'],
  },
  './app-types': { entry: appTypes, names: [] },
  './internal': {
    entry: internal,
    names: [
      'TypedEmitter',
      'ValidatorByEventName',
      'alarmLine',
      'conversationKey',
      'createDeadLetters',
      'createNdjsonWriter',
      'deadLetterOf',
      'deadLetterReasons',
      'describeGiven',
      'emitError',
      'messageFrom',
      'normalizeEmptyArrays',
      'settleWithin',
      'stripBom',
    ],
  },
  './fixtures': {
    entry: fixtures,
    names: [
      'FixtureByEventName',
      'commentIncoming',
      'commentOutgoing',
      'conversationAssigned',
      'conversationClosed',
      'conversationUnassigned',
      'messageIncoming',
      'messageOutgoing',
      'userNew',
    ],
  },
}

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, string | Record<string, unknown>>
}
const sourceOf = Object.entries(packageJson.exports).flatMap(([key, target]) =>
  typeof target === 'object' && typeof target['@blinger-webhooks/source'] === 'string'
    ? [[key, target['@blinger-webhooks/source']] as const]
    : [],
)

test.each(Object.keys(surface))('%s exports exactly its listed names', (key) => {
  const { entry, names } = surface[key] as (typeof surface)[string]
  expect(Object.keys(entry).sort()).toEqual(names)
})

test('every entry of package.json is pinned here, and lists its exports by name', () => {
  expect(sourceOf.map(([key]) => key).sort()).toEqual(Object.keys(surface).sort())
  for (const [, source] of sourceOf) {
    const text = readFileSync(new URL(`../${source}`, import.meta.url), 'utf8')
    expect(text, source).not.toMatch(/^export \*/m)
  }
})
