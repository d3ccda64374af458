import { expect, test } from 'vitest'
import { createDeliveryLog } from '../../src/create-delivery-log.js'

// Issue 12 (D7): an option error echoed what it was given; a secret pasted into `max` reached the logs.

test('max: the error names the option and the type, never the value', () => {
  const create = () => createDeliveryLog('S3CRET-in-the-wrong-place' as never)
  expect(create).toThrow(/max must be a positive integer, got a value of type string\./)
  expect(create).not.toThrow('S3CRET')
})
