import { describeWithRedis } from '@blinger-webhooks/conformance/redis'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { Redis } from 'ioredis'
import { expect, test, vi } from 'vitest'
import { createHarness, postJson } from './fixtures/harness.js'

describeWithRedis('queue mode with a token map', (redis) => {
  const harness = createHarness(redis)

  test('the account reaches the worker; job ids and dedupe keys carry it, so the same bytes are two jobs', async () => {
    const queueName = harness.queueName()
    const receiver = harness.receiver({ queueName, token: { acme: 'acme-token', globex: 'globex-token' } })
    const url = (await harness.serve(receiver)).replace('token=secret', 'token=')
    const seen: unknown[] = []
    harness.worker({ queueName }).on('user.new', (event) => void seen.push([event.account, event.id]))
    const body = FixtureByEventName['user.new']
    expect((await postJson(`${url}acme-token`, body)).status).toBe(200)
    expect((await postJson(`${url}globex-token`, body)).status).toBe(200)
    expect((await postJson(`${url}globex-token`, body)).status).toBe(200) // a duplicate of globex's
    await vi.waitFor(() => expect(seen).toHaveLength(2))
    const [acmeId, globexId] = (seen as [string, string][]).map(([, id]) => id)
    expect(seen).toEqual([
      ['acme', expect.stringMatching(/^acme\/[0-9a-f]{64}$/)],
      ['globex', `globex/${acmeId?.slice('acme/'.length)}`],
    ])
    expect((await receiver.queue.getJob(globexId ?? ''))?.data.account).toBe('globex')
    const client = new Redis(redis.url)
    const keys = await client
      .keys(`blinger-webhooks:dedupe:${queueName}:*`)
      .finally(() => client.disconnect())
    expect(keys.sort()).toEqual([
      `blinger-webhooks:dedupe:${queueName}:${acmeId}`,
      `blinger-webhooks:dedupe:${queueName}:${globexId}`,
    ])
  })
})
