import { expect, test } from 'vitest'
import { FixtureByEventName } from '../../src/fixtures/index.js'
import { createReceiver, type DedupeStore, type WebhookError } from '../../src/index.js'
import { responseByErrorCode } from '../../src/pipeline/outcomes.js'

const body = Buffer.from(JSON.stringify(FixtureByEventName['user.new']))
const request = { method: 'POST', url: '/?token=t', headers: { 'content-type': 'application/json' }, body }

async function storeFailure() {
  const broken: DedupeStore = { claim: () => Promise.reject(new Error('down')), release: () => {} }
  const receiver = createReceiver({ token: 't', deadLetters: false, dedupe: { store: broken } })
  const errors: WebhookError[] = []
  receiver.on('error', (error) => void errors.push(error))
  const response = await receiver.handle(request)
  return { status: response.status, error: JSON.parse(response.body).error, code: errors[0]?.code }
}

test('responseByErrorCode is what handle() answers for the error it reports', async () => {
  const store = await storeFailure()
  expect(store.code).toBe('store_failed')
  expect(responseByErrorCode.store_failed).toEqual({ status: store.status, error: store.error })

  const receiver = createReceiver({ token: 't', deadLetters: false })
  const errors: WebhookError[] = []
  receiver.on('error', (error) => void errors.push(error))
  receiver.on('user.new', () => {
    throw new Error('boom')
  })
  const response = await receiver.handle(request)
  expect(errors[0]?.code).toBe('handler_failed')
  expect(responseByErrorCode.handler_failed).toEqual({
    status: response.status,
    error: JSON.parse(response.body).error,
  })
})

test('errors raised after the answer, or away from HTTP, have no response', () => {
  expect(responseByErrorCode.dead_letter_failed).toBeUndefined()
  expect(responseByErrorCode.queue_connection_lost).toBeUndefined()
})
