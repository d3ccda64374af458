import { expect, test } from 'vitest'
import { createRedisStore } from '../../src/index.js'

// Issue 12 (D7): an option error echoed what it was given; a secret pasted into `timeout` reached the logs.

test('timeout: the error names the option and the type, never the value', () => {
  const create = () => createRedisStore({ timeout: 'S3CRET-in-the-wrong-place' as never })
  expect(create).toThrow(/timeout must be a positive number, got a value of type string\./)
  expect(create).not.toThrow('S3CRET')
})
