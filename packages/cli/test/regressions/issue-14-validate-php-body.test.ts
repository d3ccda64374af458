import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/index.js'
import { memoryIo } from '../memory-io.js'

// Issue 14: `"close_group":[]` and `"operator":[]`, as PHP's json_encode writes an empty array, were invalid.
// `validate` now reads them as the receiver does: null.

const phpBody = (name: string) =>
  fileURLToPath(new URL(`../../../core/test/fixtures/php-bodies/${name}.body`, import.meta.url))

async function validate(path: string) {
  const io = memoryIo()
  const code = await runCli(['validate', path], io)
  return { code, stdout: io.out() }
}

describe('issue 14: validate takes bodies as PHP writes them', () => {
  it.each([
    ['conversation.closed', 'on_conversation_closed'],
    ['message.incoming', 'on_message_incoming'],
  ])('%s with [] for its empty objects is valid', async (name, webhook) => {
    expect(await validate(phpBody(name))).toEqual({ code: 0, stdout: `valid: ${name} (${webhook})\n` })
  })
})
