import type { blingerWebhooks } from '@blinger-webhooks/fastify'

/** The injection token of the receiver: the Fastify plugin create-app.ts registers and the providers subscribe to. */
export const BLINGER_HOOKS = Symbol('BLINGER_HOOKS')

/** The Fastify adapter's value: a plugin that also carries `on`, `once`, `off`, `close` and `receiver`. */
export type BlingerHooks = ReturnType<typeof blingerWebhooks>
