/**
 * The HTTP side of queue mode: authenticates, validates and dedupes each delivery, stores it as a job, and
 * answers 200 once it is stored. No handler runs here; run as many of these as you like behind a load balancer.
 */
import { createServer } from 'node:http'
import { createQueueReceiver } from '@blinger-webhooks/bullmq'
import { blingerWebhooks } from '@blinger-webhooks/node'

const token = process.env.BLINGER_TOKEN
if (token === undefined || token === '') {
  console.error('Set BLINGER_TOKEN to a long random secret, e.g. BLINGER_TOKEN=$(openssl rand -hex 32)')
  process.exit(1)
}
const port = Number(process.env.PORT ?? 3000)
const connection = process.env.REDIS_URL ?? 'redis://127.0.0.1:6390'

const receiver = createQueueReceiver({ token, connection })
receiver.on('error', (error) => {
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : ''
  console.error(`[receiver] ${error.code}: ${error.message}${cause}`)
})

// Any adapter mounts a queue receiver through its `receiver` option; node:http keeps this example small.
const server = createServer(blingerWebhooks({ receiver, path: '/webhooks/blinger' }))
server.listen(port, '127.0.0.1', () =>
  console.log(`Receiver on http://127.0.0.1:${port}/webhooks/blinger?token=…`),
)

// Stop taking requests, let the ones in flight be stored and answered, then close the Redis connections.
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, async () => {
    server.close()
    await receiver.close()
    process.exit(0)
  })
