import { expect, test } from 'vitest'
import { groupOf, isEventName, isWebhookName } from '../src/index.js'
import { messageFrom, stripBom } from '../src/internal.js'

test('messageFrom names the package before every text', () => {
  expect(messageFrom('redis')('Redis is gone.')).toBe('[@blinger-webhooks/redis] Redis is gone.')
})

test('stripBom removes one leading byte order mark and nothing else', () => {
  expect(stripBom('\uFEFF{"a":1}')).toBe('{"a":1}')
  expect(stripBom('\uFEFF\uFEFF{}')).toBe('\uFEFF{}')
  expect(stripBom('{"a":"\uFEFF"}')).toBe('{"a":"\uFEFF"}')
})

test('the event-name guards know the table and nothing outside it', () => {
  expect(isWebhookName('on_user_new')).toBe(true)
  expect(isWebhookName('constructor')).toBe(false)
  expect(isEventName('user.new')).toBe(true)
  expect(isEventName('toString')).toBe(false)
  expect(groupOf('message.incoming')).toBe('message')
})
