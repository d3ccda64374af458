import type { blingerWebhooks } from '@blinger-webhooks/express'

/** The injection token of the receiver: the middleware main.ts mounts and the providers subscribe to. */
export const BLINGER_HOOKS = Symbol('BLINGER_HOOKS')

/** The Express adapter's value: a middleware that also carries `on`, `once`, `off` and `receiver`. */
export type BlingerHooks = ReturnType<typeof blingerWebhooks>
