import { blingerWebhooks } from '@blinger-webhooks/express'

declare const token: string

import { createRedisStore } from '@blinger-webhooks/redis'

const hooks = blingerWebhooks({
  token,
  dedupe: { store: createRedisStore({ connection: process.env.REDIS_URL ?? 'redis://localhost:6379' }) },
})
