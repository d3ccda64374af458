import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import { eventNames, WebhookByEventName } from '@blinger-webhooks/core'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { createApp } from './app.js'

/** One line of what the demo saw: the event it sent and the status the app answered. */
export interface DemoStep {
  label: string
  status: number
}

/**
 * Starts the example app on a free port and delivers every sample over real HTTP, as Blinger would: a JSON
 * POST with the token in the URL. Then one delivery with a wrong token, and one duplicate.
 */
export async function runDemo(print: (line: string) => void = console.log): Promise<DemoStep[]> {
  const token = randomBytes(24).toString('hex')
  const { app } = createApp({ token, log: (line) => print(`    app: ${line}`) })
  const server: Server = app.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}/webhooks/blinger`
  print(`Example Express app listening on ${url}?token=${token.slice(0, 4)}…\n`)

  const steps: DemoStep[] = []
  const deliver = async (label: string, payload: unknown, withToken = token) => {
    const body = JSON.stringify(payload)
    print(`→ ${label} (${Buffer.byteLength(body)} bytes)`)
    const response = await fetch(`${url}?token=${withToken}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })
    print(`  ← ${response.status} ${await response.text()}`)
    steps.push({ label, status: response.status })
  }

  try {
    for (const name of eventNames)
      await deliver(`${WebhookByEventName[name]} as ${name}`, FixtureByEventName[name])
    print('\nA delivery with a wrong token is rejected before anything runs:')
    await deliver('on_user_new with a wrong token', FixtureByEventName['user.new'], 'not-the-token')
    print(
      '\nThe same delivery again (Blinger sends no delivery id; the body hash is the id) is answered but not emitted:',
    )
    await deliver('on_message_incoming, again', FixtureByEventName['message.incoming'])
  } finally {
    server.close()
  }
  return steps
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const steps = await runDemo()
  const expected = [...eventNames.map(() => 200), 401, 200]
  const ok = steps.every((step, index) => step.status === expected[index])
  console.log(
    ok ? '\nDemo finished: every delivery got the expected status.' : '\nDemo failed: unexpected status.',
  )
  process.exitCode = ok ? 0 : 1
}
